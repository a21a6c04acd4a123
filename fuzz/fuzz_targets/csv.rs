//! The Neo4j CSV reader on any bytes (nodes, relationships and sources split at 0xFF bytes,
//! which UTF-8 never holds): never a panic; what loads is valid and survives the writer and
//! the reader unchanged.
#![no_main]
use std::io::Read;

use alliance_graph::io::neo4j;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let nodes = parts.next().unwrap_or_default();
    let rels = parts.next().unwrap_or_default();
    let mut sources = parts.next();
    let options = neo4j::ImportOptions::new();
    let read = neo4j::read(
        nodes,
        rels,
        sources.as_mut().map(|s| s as &mut dyn Read),
        &options,
    );
    let Ok(g) = read else {
        return;
    };
    assert!(g.validate().is_empty(), "a loaded graph is valid");
    let (mut n, mut r, mut s) = (Vec::new(), Vec::new(), Vec::new());
    neo4j::write(&g, &mut n, &mut r, &mut s).expect("writing to memory");
    let back = neo4j::read(&n[..], &r[..], Some(&mut &s[..]), &options)
        .expect("what the writer wrote reads back");
    assert_eq!(back, g);
});
