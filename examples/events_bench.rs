//! The event-data benchmark: writes a synthetic ICEWS-layout file of N rows (deterministic),
//! or reads one and aggregates it per directed dyad and month, printing the time, the peak
//! memory and what it made. `benches/events_pandas.py` does the same aggregation with pandas
//! for comparison (README, Performance).
//!
//! Rows come in date order (`dated`, the default: each day's events together, as in a file
//! of each day's or week's events) or in no order (`shuffled`: every row's day drawn at
//! random, the worst case for the aggregation's memory access).
//!
//! ```sh
//! cargo run --release --example events_bench -- generate 1000000 target/events-1m.tsv
//! cargo run --release --example events_bench -- generate 1000000 target/events-1m-s.tsv shuffled
//! cargo run --release --example events_bench -- run target/events-1m.tsv
//! ```

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

use alliance_graph::io::events::{self, Aggregator, OnBadRow, Resolver, Window};

const COUNTRIES: [&str; 24] = [
    "United States",
    "South Korea",
    "North Korea",
    "China",
    "Japan",
    "Russia",
    "India",
    "Pakistan",
    "Iran",
    "Israel",
    "Turkey",
    "Germany",
    "France",
    "United Kingdom",
    "Brazil",
    "Mexico",
    "Egypt",
    "Saudi Arabia",
    "Syria",
    "Iraq",
    "Afghanistan",
    "Ukraine",
    "Taiwan",
    "Vietnam",
];

const CODES: [(&str, &str, f64); 12] = [
    ("010", "Make statement", 0.0),
    ("020", "Make an appeal or request", 3.0),
    ("036", "Express intent to meet or negotiate", 4.0),
    ("040", "Consult", 1.0),
    ("042", "Make a visit", 1.9),
    ("057", "Sign formal agreement", 8.0),
    ("071", "Provide economic aid", 7.4),
    ("111", "Criticize or denounce", -2.0),
    ("112", "Accuse", -2.0),
    ("130", "Threaten", -4.4),
    ("173", "Arrest, detain, or charge with legal action", -5.0),
    ("190", "Use conventional military force", -10.0),
];

fn generate(n: u64, path: &str, dated: bool) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    writeln!(
        out,
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
    )?;
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = |bound: u64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % bound
    };
    for i in 0..n {
        let a = COUNTRIES[next(24) as usize];
        let b = COUNTRIES[next(24) as usize];
        // One row in fifty has an actor without a country.
        let a_country = if next(50) == 0 { "" } else { a };
        let (code, text, goldstein) = CODES[next(12) as usize];
        let intensity = if next(20) == 0 {
            String::new()
        } else {
            format!("{goldstein:.1}")
        };
        let (y, m, d) = if dated {
            // Ten years of 12 months of 28 days, in order.
            let day = i * 3360 / n;
            (2005 + day / 336, 1 + day / 28 % 12, 1 + day % 28)
        } else {
            (2005 + next(10), 1 + next(12), 1 + next(28))
        };
        writeln!(
            out,
            "{}\t{y}-{m:02}-{d:02}\t{a}\tGovernment\t{a_country}\t{text}\t{code}\t{intensity}\t{b}\tGovernment\t{b}\t{}\t1\tSynthetic Wire\tCity\t\tProvince\t{b}\t0.0\t0.0",
            20_000_000 + i,
            30_000_000 + i / 3
        )?;
    }
    out.flush()
}

/// The peak resident memory of this process, in MB (Linux).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let usage = "generate N FILE [dated|shuffled]";
            let n: u64 = args.get(1).ok_or(usage)?.parse()?;
            let dated = match args.get(3).map(String::as_str) {
                None | Some("dated") => true,
                Some("shuffled") => false,
                Some(_) => return Err(usage.into()),
            };
            generate(n, args.get(2).ok_or(usage)?, dated)?;
        }
        Some("run") => {
            let path = args.get(1).ok_or("run FILE")?;
            let start = Instant::now();
            // No `BufReader`: the reader buffers by itself.
            let file = File::open(path)?;
            let mut agg = Aggregator::new(Window::Month, Resolver::countries(), "bench")?;
            let mut rows = 0u64;
            events::icews(file, OnBadRow::Fail)?.for_each_ref(|e| {
                agg.add_ref(e);
                rows += 1;
            })?;
            let read = start.elapsed().as_secs_f64();
            let (g, summary) = agg.finish()?;
            let seconds = start.elapsed().as_secs_f64();
            println!(
                "rows={rows} used={} unresolved={} relations={} seconds={seconds:.3} (reading and adding {read:.3}) peak_mb={:.1}",
                summary.used,
                summary.unresolved.values().sum::<u64>(),
                g.relation_count(),
                peak_mb()
            );
        }
        _ => {
            return Err("usage: events_bench generate N FILE [dated|shuffled] | run FILE".into());
        }
    }
    Ok(())
}
