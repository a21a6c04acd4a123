//! The six benchmark operations (the shared benchmark's WORKLOAD.md) on the small preset,
//! generated in memory by the crate's own generator, and an interleaved mix of insertions and
//! queries that shows a mutation costs O(degree), not a rebuild.
//!
//! `cargo bench --bench workload`. The large preset runs through
//! `cargo run --release --example workload -- DIR large` (timed as WORKLOAD.md asks).

#[path = "common/workload.rs"]
mod workload;

use std::hint::black_box;

use alliance_graph::datasets::workload::{WorkloadSpec, generate};
use alliance_graph::{Direction, Relation, RelationFilter, RelationKind};
use criterion::{Criterion, criterion_group, criterion_main};

use workload::Queries;

fn operations(c: &mut Criterion) {
    let files = generate(WorkloadSpec::SMALL).expect("the small preset generates");
    let g = workload::load_files(&files).expect("the small preset loads");
    let q = Queries::parse(&files.queries);
    let reference = workload::reference(WorkloadSpec::SMALL).expect("a preset");
    assert_eq!(
        workload::answers(&g, &q),
        reference,
        "every answer matches before anything is timed"
    );

    let mut group = c.benchmark_group("workload_small");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| workload::load_files(black_box(&files)).map(|g| g.relation_count()))
    });
    group.bench_function("neighbors", |b| {
        b.iter(|| workload::neighbors(black_box(&g), &q.neighbors))
    });
    group.bench_function("bfs", |b| b.iter(|| workload::bfs(black_box(&g), &q.bfs)));
    group.bench_function("dijkstra", |b| {
        b.iter(|| workload::dijkstra(black_box(&g), &q.dijkstra))
    });
    group.bench_function("triangles", |b| {
        b.iter(|| workload::triangles(black_box(&g)))
    });
    group.bench_function("paths", |b| {
        b.iter(|| workload::paths(black_box(&g), &q.paths))
    });
    group.finish();
}

/// Insert a relation, ask a question, remove it, again and again: each mutation costs the two
/// adjacency lists it touches, and the query sees the graph as it is at once.
fn interleaved(c: &mut Criterion) {
    let files = generate(WorkloadSpec::SMALL).expect("the small preset generates");
    let mut g = workload::load_files(&files).expect("the small preset loads");
    let q = Queries::parse(&files.queries);
    let ids: Vec<String> = g.entities().map(|e| e.id.to_string()).collect();
    let filter = RelationFilter::new().direction(Direction::Outgoing);
    let mut group = c.benchmark_group("mutations_small");
    group.bench_function("query", |b| {
        let mut i = 0;
        b.iter(|| {
            let (s, t) = &q.bfs[i % q.bfs.len()];
            i += 1;
            g.paths()
                .filter(filter.clone())
                .shortest(s, t)
                .map(|p| p.paths().len())
        })
    });
    // The n-th inserted relation, between two entities picked by n; SUPPORTS allows every
    // source and target kind of the workload.
    let insert = |g: &mut alliance_graph::Graph, n: usize| {
        let (a, z) = (
            &ids[n * 7919 % ids.len()],
            &ids[(n * 104_729 + 1) % ids.len()],
        );
        let id = format!("mix-{n}");
        let added = g.add_relation(Relation::new(id.as_str(), RelationKind::SUPPORTS, a, z));
        (id, added)
    };
    let mut n = 0usize;
    // Insert, ask, remove: the graph stays the size it was, so every iteration measures the
    // same work (query time plus what a mutation costs).
    group.bench_function("insert_query_remove", |b| {
        b.iter(|| {
            let (id, added) = insert(&mut g, n);
            let (s, t) = &q.bfs[n % q.bfs.len()];
            n += 1;
            let found = g
                .paths()
                .filter(filter.clone())
                .shortest(s, t)
                .map(|p| p.paths().len());
            (added.is_ok(), found, g.remove_relation(&id).is_ok())
        })
    });
    group.bench_function("insert_then_remove", |b| {
        b.iter(|| {
            let (id, added) = insert(&mut g, n);
            n += 1;
            (added.is_ok(), g.remove_relation(&id).is_ok())
        })
    });
    group.finish();
}

criterion_group!(benches, operations, interleaved);
criterion_main!(benches);
