//! Reading and writing graphs.
//!
//! - [`json`]: the crate's own versioned, canonical JSON format.
pub mod json;
