//! Machine-coded event data to a signed graph: reads an ICEWS (or, with `--gdelt`, a GDELT)
//! event file, aggregates it per directed dyad and window, and prints the busiest dyads and,
//! for each window, the signed view of the states with its balance and factions.
//!
//! ```sh
//! cargo run --release --example events -- FILE [--gdelt] [--window day|month|quarter|year] [--skip-bad]
//! ```
//! Without a file it reads `data/events/icews-korea-2010.tsv`, a small synthetic fixture in
//! ICEWS's layout (not ICEWS data) about the two Koreas, China and the United States in 2010.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Write};
use std::process::ExitCode;

use alliance_graph::io::events::{self, Aggregator, OnBadRow, Resolver, Window};
use alliance_graph::{Certificate, EntityKind, EntityKinds, Polarity, RelationFilter, ViewOptions};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `n thing` or `n things`.
fn count(n: impl Into<u64>, thing: &str) -> String {
    let n = n.into();
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let path = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--window"))
        .map(|(_, a)| a.clone())
        .unwrap_or_else(|| "data/events/icews-korea-2010.tsv".to_owned());
    let window = match value("--window").as_deref().unwrap_or("quarter") {
        "day" => Window::Day,
        "month" => Window::Month,
        "quarter" => Window::Quarter,
        "year" => Window::Year,
        other => {
            return Err(format!("unknown window `{other}`: day, month, quarter or year").into());
        }
    };
    let on_bad = if flag("--skip-bad") {
        OnBadRow::Skip
    } else {
        OnBadRow::Fail
    };
    let file = BufReader::with_capacity(
        1 << 20,
        File::open(&path).map_err(|e| format!("cannot open {path}: {e}"))?,
    );
    let source = std::path::Path::new(&path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("events")
        .replace(char::is_whitespace, "_");
    let mut agg = Aggregator::new(window, Resolver::countries(), &source)?;
    let skipped = if flag("--gdelt") {
        let mut reader = events::gdelt(file, on_bad);
        reader.for_each_ref(|e| agg.add_ref(e))?;
        reader.skipped().clone()
    } else {
        let mut reader = events::icews(file, on_bad)?;
        reader.for_each_ref(|e| agg.add_ref(e))?;
        reader.skipped().clone()
    };
    let (g, summary) = agg.finish()?;
    writeln!(
        out,
        "{path}: {}, {} between two entities, {} within one",
        count(summary.events, "event"),
        summary.used,
        summary.same_entity
    )?;
    for (reason, n) in &skipped {
        writeln!(out, "  skipped {}: {reason}", count(*n, "row"))?;
    }
    for (name, n) in &summary.unresolved {
        writeln!(out, "  unresolved {name:?}: {}", count(*n, "event"))?;
    }
    writeln!(
        out,
        "{} relations over {} entities\n",
        g.relation_count(),
        g.entity_count()
    )?;

    // The busiest directed dyads over all windows.
    let mut dyads: BTreeMap<(String, String), (i64, f64)> = BTreeMap::new();
    for r in g.relations() {
        let events = match r.attributes().get("events") {
            Some(alliance_graph::Value::Int(n)) => *n,
            _ => 0,
        };
        let sum = match r.attributes().get("intensity_sum") {
            Some(alliance_graph::Value::Float(x)) => *x,
            _ => 0.0,
        };
        let d = dyads
            .entry((r.source().to_string(), r.target().to_string()))
            .or_default();
        d.0 += events;
        d.1 += sum;
    }
    let mut top: Vec<_> = dyads.into_iter().collect();
    top.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    writeln!(out, "Top dyads (events, summed intensity):")?;
    for ((s, t), (n, sum)) in top.iter().take(10) {
        writeln!(
            out,
            "  {:>14} -> {:<14} {n:>6} {sum:>+9.1}",
            g.name_of(s),
            g.name_of(t)
        )?;
    }

    // Each window's signed view of the states.
    let mut windows: Vec<alliance_graph::Interval> = g.relations().map(|r| r.valid()).collect();
    windows.sort_by_key(|w| w.to_string());
    windows.dedup();
    let states = EntityKinds::of(&[EntityKind::State]);
    for w in windows {
        let view = ViewOptions::new()
            .kinds(states)
            .filter(RelationFilter::new().during(w))
            .view(&g);
        if view.edges().is_empty() {
            continue;
        }
        let signs: Vec<String> = view
            .edges()
            .iter()
            .map(|e| {
                let sign = if e.sign == Polarity::Positive {
                    "+"
                } else {
                    "-"
                };
                format!("{}{sign}{}", e.a, e.b)
            })
            .collect();
        let names = |ids: &[&alliance_graph::EntityId]| {
            ids.iter()
                .map(|id| g.name_of(id.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(out, "\n{w}: {}", signs.join(" "))?;
        match view.balance_certificate() {
            Certificate::Balanced { first, second, .. } => {
                writeln!(
                    out,
                    "  balanced: [{}] against [{}]",
                    names(&first),
                    names(&second)
                )?;
            }
            Certificate::Unbalanced { cycle, .. } => {
                writeln!(out, "  unbalanced: an odd cycle through {}", names(&cycle))?;
                let c = view.clustering();
                let factions: Vec<String> = c
                    .factions
                    .iter()
                    .map(|f| format!("[{}]", names(f)))
                    .collect();
                let verdict = if c.is_weakly_balanced() {
                    "weakly balanced"
                } else {
                    "not even weakly balanced"
                };
                writeln!(out, "  {verdict}: factions {}", factions.join(" "))?;
            }
        }
    }
    Ok(())
}
