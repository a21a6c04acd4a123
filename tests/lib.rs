//! Integration tests, as one binary.

mod bad_graphml;
mod bad_input;
mod corpus;
mod dataset;
mod events;
mod paths;
mod props;
mod queries;
mod serde_feature;
mod signed;
mod time;
mod workload;
mod workload_schema;
