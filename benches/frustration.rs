//! The frustration index: exact on 30-node networks (sparse with planted factions, up to the
//! complete graph with random signs), heuristic on 100,000 relations.

mod common;

use std::hint::black_box;

use alliance_graph::FrustrationOptions;
use criterion::{Criterion, criterion_group, criterion_main};

fn exact_30(c: &mut Criterion) {
    let mut group = c.benchmark_group("frustration_exact_30_nodes");
    for (m, noise) in [(60, 0.15), (120, 0.2), (435, 0.5)] {
        let view = common::planted(30, m, noise, 7);
        let f = view.frustration(&FrustrationOptions::default());
        assert!(f.exact, "the exact search must finish within its budget");
        eprintln!(
            "30 nodes, {m} edges, noise {noise}: frustration index {}",
            f.index
        );
        group.bench_function(format!("{m}_edges"), |b| {
            b.iter(|| {
                black_box(&view)
                    .frustration(&FrustrationOptions::default())
                    .index
            })
        });
    }
    group.finish();
}

fn heuristic_100k(c: &mut Criterion) {
    let mut group = c.benchmark_group("frustration_heuristic");
    group.sample_size(10);
    let view = common::planted(20_000, 100_000, 0.1, 11);
    let f = view.frustration_heuristic(1, 4);
    eprintln!(
        "20,000 nodes, 100,000 edges, noise 0.1: heuristic upper bound {} (score {:.3})",
        f.index, f.score
    );
    group.bench_function("100k_edges_4_starts", |b| {
        b.iter(|| black_box(&view).frustration_heuristic(1, 4).index)
    });
    group.finish();
}

criterion_group!(benches, exact_30, heuristic_100k);
criterion_main!(benches);
