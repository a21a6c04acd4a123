//! Reading and writing graphs.
//!
//! - [`json`]: the crate's own versioned, canonical JSON format, read and written.
//! - [`neo4j`]: Neo4j bulk-import CSV, written and read (streaming); also loads the benchmark
//!   workload.
//! - [`graphml`]: GraphML for networkx, Gephi and yEd, written and read back exactly (also
//!   networkx's rewrite of it, and other tools' GraphML as far as the model allows).
//! - [`dot`]: Graphviz DOT, styled for reading, written.
//! - [`cypher`]: a Cypher script for Neo4j and a Kuzu script over the CSV files, written.
//! - [`html`]: one self-contained interactive page (date slider, filters, quotes), written.

pub mod cypher;
pub mod dot;
mod fields;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j;
