//! The six operations of the benchmark workload (WORKLOAD.md of the shared benchmark) through
//! the public API, each returning its answer string. One copy, used by the `workload`
//! example (timed, on files), the `workload` criterion bench, and the tests (answers checked
//! against the reference answers).
#![allow(dead_code)]

use alliance_graph::costs::Weight;
use alliance_graph::datasets::workload::{WorkloadFiles, WorkloadSpec};
use alliance_graph::io::{json, neo4j};
use alliance_graph::{
    Direction, EntityKinds, Graph, PairRule, Polarity, RelationFilter, RelationKind, ViewOptions,
};

/// The workload's ten relation types as a schema of their own: directed, with their signs
/// and endpoint rules (WORKLOAD.md §1.2).
const SCHEMA: &str = include_str!("../../data/workload-schema.json");

/// The reference answers of WORKLOAD.md §3, in operation order.
pub const OPERATIONS: [&str; 6] = ["load", "neighbors", "bfs", "dijkstra", "triangles", "paths"];

/// The reference answers of a preset, in [`OPERATIONS`] order.
pub fn reference(spec: WorkloadSpec) -> Option<[&'static str; 6]> {
    if spec == WorkloadSpec::SMALL {
        Some([
            "nodes=10000 edges=100000",
            "count=25769",
            "sum=3529 unreachable=2",
            "sum=61.535000 unreachable=1",
            "t0=11130 t1=12481 t2=30650 t3=6007 balance=0.693237",
            "sum=409",
        ])
    } else if spec == WorkloadSpec::LARGE {
        Some([
            "nodes=200000 edges=2000000",
            "count=44241",
            "sum=4317 unreachable=1",
            "sum=69.699000 unreachable=1",
            "t0=182296 t1=117027 t2=487094 t3=67247 balance=0.784138",
            "sum=76",
        ])
    } else {
        None
    }
}

/// The published sha256 sums of a preset's `nodes.csv`, `relationships.csv`, `queries.csv`.
pub fn published_sha256(spec: WorkloadSpec) -> Option<[&'static str; 3]> {
    if spec == WorkloadSpec::SMALL {
        Some([
            "91a2ac2bce4a34c5d79f0928a8edbae85c98d9460546c66ddf948a60d03a75ae",
            "0854b0bb12b8fffb74d9986cc52a4ac22b4e03d48479f88cf826a54bbbeef131",
            "828f02b603bc6255260f22801fef8bbe3f09a9ebdea779454147269f910612c4",
        ])
    } else if spec == WorkloadSpec::LARGE {
        Some([
            "3a7667806072c0cfb5ac4f50cad07dca2b28e1bc567726e42a2640df47f5058a",
            "d64f2508256a60043de92b509261bb6cced218fa3f5bbc66162197f819fb1614",
            "41502f1ca22ead0dce6b77e24f5ac02d5fa4a93a244f09b03fc7cac1dcb41214",
        ])
    } else {
        None
    }
}

/// The import options for the workload's files: its own schema.
pub fn options() -> neo4j::ImportOptions {
    // The schema file is part of the repository and loads (checked by the tests).
    let schema = json::from_str(SCHEMA)
        .expect("data/workload-schema.json loads")
        .schema()
        .clone();
    neo4j::ImportOptions::new().schema(schema)
}

/// Loads generated files (the `load` operation on text already in memory).
pub fn load_files(files: &WorkloadFiles) -> alliance_graph::Result<Graph> {
    neo4j::read(
        files.nodes.as_bytes(),
        files.relationships.as_bytes(),
        None,
        &options(),
    )
}

/// The `load` answer.
pub fn load_answer(g: &Graph) -> String {
    format!("nodes={} edges={}", g.entity_count(), g.relation_count())
}

/// The rows of `queries.csv`, by operation.
pub struct Queries {
    pub neighbors: Vec<String>,
    pub bfs: Vec<(String, String)>,
    pub dijkstra: Vec<(String, String)>,
    pub paths: Vec<(String, String)>,
}

impl Queries {
    pub fn parse(text: &str) -> Queries {
        let mut q = Queries {
            neighbors: Vec::new(),
            bfs: Vec::new(),
            dijkstra: Vec::new(),
            paths: Vec::new(),
        };
        for line in text.lines().skip(1) {
            let mut f = line.split(',');
            let (kind, src, dst) = (
                f.next().unwrap_or(""),
                f.next().unwrap_or("").to_owned(),
                f.next().unwrap_or("").to_owned(),
            );
            match kind {
                "neighbors" => q.neighbors.push(src),
                "bfs" => q.bfs.push((src, dst)),
                "dijkstra" => q.dijkstra.push((src, dst)),
                "paths" => q.paths.push((src, dst)),
                _ => {}
            }
        }
        q
    }
}

/// The six answers, in [`OPERATIONS`] order.
pub fn answers(g: &Graph, q: &Queries) -> [String; 6] {
    [
        load_answer(g),
        neighbors(g, &q.neighbors),
        bfs(g, &q.bfs),
        dijkstra(g, &q.dijkstra),
        triangles(g),
        paths(g, &q.paths),
    ]
}

/// §2.2: out-relations of type TENSION or OPPOSES, negative, holding in 2010.
pub fn neighbors(g: &Graph, nodes: &[String]) -> String {
    let filter = RelationFilter::new()
        .kinds([RelationKind::TENSION, RelationKind::OPPOSES])
        .polarity(Polarity::Negative)
        .at(alliance_graph::Date::year(2010).expect("a valid year"))
        .direction(Direction::Outgoing);
    let count: usize = nodes
        .iter()
        .map(|q| g.relations_of(q, &filter).map_or(0, |r| r.len()))
        .sum();
    format!("count={count}")
}

fn outgoing() -> RelationFilter {
    RelationFilter::new().direction(Direction::Outgoing)
}

/// §2.3: fewest directed hops.
pub fn bfs(g: &Graph, pairs: &[(String, String)]) -> String {
    let search = g.paths().filter(outgoing());
    let (mut sum, mut unreachable) = (0, 0);
    for (s, t) in pairs {
        match search
            .shortest(s, t)
            .ok()
            .and_then(|p| p.first().map(|p| p.len()))
        {
            Some(d) => sum += d,
            None => unreachable += 1,
        }
    }
    format!("sum={sum} unreachable={unreachable}")
}

/// §2.4: least total weight (the workload's `weight` is the relations' intensity).
pub fn dijkstra(g: &Graph, pairs: &[(String, String)]) -> String {
    let search = g.paths().filter(outgoing());
    let (mut sum, mut unreachable) = (0.0, 0);
    for (s, t) in pairs {
        let found = search
            .cheapest_by(s, t, Weight::Intensity)
            .ok()
            .and_then(|p| p.first().map(|p| p.cost()));
        match found {
            Some(d) => sum += d,
            None => unreachable += 1,
        }
    }
    format!("sum={sum:.6} unreachable={unreachable}")
}

/// §2.5: the signed triangle census of every entity, a pair negative if any relation is.
pub fn triangles(g: &Graph) -> String {
    let census = ViewOptions::new()
        .kinds(EntityKinds::ANY)
        .rule(PairRule::AnyNegative)
        .census(g);
    let [t0, t1, t2, t3] = census.counts;
    format!(
        "t0={t0} t1={t1} t2={t2} t3={t3} balance={:.6}",
        census.balance()
    )
}

/// §2.6: distinct directed entity sequences of 1 to 3 hops.
pub fn paths(g: &Graph, pairs: &[(String, String)]) -> String {
    let search = g.paths().filter(outgoing()).max_hops(3);
    let sum: u64 = pairs
        .iter()
        .map(|(s, t)| search.count_routes(s, t).unwrap_or(0))
        .sum();
    format!("sum={sum}")
}
