//! Loads the shared benchmark workload (`../shared/bench/WORKLOAD.md`) with the Neo4j CSV
//! importer and answers its `load` and `neighbors` operations, with timings.
//!
//! Generate the data first, then run, for example:
//! `python3 ../shared/bench/gen.py --preset small --out bench-data/small`
//! `cargo run --release --example workload -- bench-data/small`

use std::time::Instant;

use alliance_graph::{Direction, RelationFilter, RelationKind, io::neo4j};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: workload <directory with nodes.csv, relationships.csv, queries.csv>")?;
    let started = Instant::now();
    let g = neo4j::read_dir(&dir, &neo4j::ImportOptions::new())?;
    let load = started.elapsed();
    println!(
        "load: nodes={} edges={}",
        g.entity_count(),
        g.relation_count()
    );
    eprintln!("load took {:.3} s", load.as_secs_f64());

    let queries = std::fs::read_to_string(format!("{dir}/queries.csv"))?;
    let nodes: Vec<&str> = queries
        .lines()
        .skip(1)
        .filter_map(|l| l.strip_prefix("neighbors,"))
        .map(|rest| rest.trim_end_matches(','))
        .collect();
    let filter = RelationFilter::new()
        .kinds([RelationKind::TENSION, RelationKind::OPPOSES])
        .polarity(alliance_graph::Polarity::Negative)
        .at("2010".parse()?)
        .direction(Direction::Outgoing);
    let started = Instant::now();
    let mut count = 0;
    for q in &nodes {
        // TENSION is symmetric, so the filter also follows it backwards; the workload counts
        // only the rows that start at q.
        count += g
            .relations_of(q, &filter)?
            .iter()
            .filter(|r| r.source == *q)
            .count();
    }
    println!("neighbors: count={count}");
    eprintln!("neighbors took {:.3} s", started.elapsed().as_secs_f64());
    Ok(())
}
