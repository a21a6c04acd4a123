//! Integration tests, as one binary.

mod bad_input;
mod dataset;
mod props;
mod workload_schema;
