//! The benchmark workload from the crate's own generator: the published sha256 sums, and the
//! six operations' reference answers through the public API (small preset).

#[path = "../benches/common/workload.rs"]
mod ops;

use alliance_graph::datasets::workload::{WorkloadSpec, generate};
use sha2::{Digest, Sha256};

fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

#[test]
fn small_preset_is_byte_identical_and_answers_match_the_reference() {
    let spec = WorkloadSpec::SMALL;
    let files = generate(spec).unwrap();
    let sums = [&files.nodes, &files.relationships, &files.queries].map(|f| sha256(f));
    assert_eq!(sums, ops::published_sha256(spec).unwrap());

    let g = ops::load_files(&files).unwrap();
    let q = ops::Queries::parse(&files.queries);
    assert_eq!(ops::answers(&g, &q), ops::reference(spec).unwrap());
}

#[test]
fn generator_refuses_what_it_cannot_generate() {
    let err = generate(WorkloadSpec {
        nodes: 2,
        edges: 1,
        seed: 1,
    })
    .unwrap_err();
    assert!(err.to_string().contains("at least 3 nodes"), "{err}");
    // Deterministic: the same spec, the same bytes.
    let spec = WorkloadSpec {
        nodes: 300,
        edges: 2000,
        seed: 9,
    };
    assert_eq!(generate(spec).unwrap(), generate(spec).unwrap());
}
