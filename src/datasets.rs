//! Bundled datasets, embedded at compile time.
//!
//! # The US–Korea 2011 dataset
//! [`us_korea_2011`] encodes the article "The Danger of Closer US-Korea Ties" (The Diplomat,
//! 2011), whose text is [`US_KOREA_2011_ARTICLE`]: every state, government, person, forum,
//! event, policy, place and topic it names, and every relation it states, each with at least
//! one verbatim quote and its paragraph number (counting the article's six body paragraphs).
//! Claims, beliefs and hypothetical risks carry their status and, where the article names
//! them, who holds them.
//!
//! The article gives no dates for the terms of the governments it contrasts; the dataset dates
//! them from a second, separate source ([`TERMS_SOURCE`], text in [`US_KOREA_2011_TERMS`]).
//! `graph.only_sources(&[ARTICLE_SOURCE])` is the article-only view without them.
//!
//! Confidence follows the status, as an encoding rule rather than a judgement per relation:
//! fact 0.9, belief 0.6, claim 0.5, disputed 0.5, hypothetical 0.3. Intensity is set only
//! where the article's wording marks strength ("best in decades", "closely coordinate",
//! "firmly backed", "firmly anchor").

use crate::graph::Graph;

pub mod workload;

/// The id of the article in the dataset's source table.
pub const ARTICLE_SOURCE: &str = "diplomat-2011";
/// The id of the background source that dates the terms of office.
pub const TERMS_SOURCE: &str = "terms-of-office";

/// The dataset as canonical JSON in the crate's format.
pub const US_KOREA_2011_JSON: &str = include_str!("../data/us-korea-2011.json");
/// The text of the article the dataset encodes.
pub const US_KOREA_2011_ARTICLE: &str =
    include_str!("../data/sources/the-danger-of-closer-us-korea-ties.txt");
/// The text of the background source that dates the terms of office.
pub const US_KOREA_2011_TERMS: &str = include_str!("../data/sources/terms-of-office.txt");

/// The US–Korea 2011 article dataset as a graph.
///
/// # Example
/// ```
/// use alliance_graph::datasets;
/// let g = datasets::us_korea_2011();
/// let north_korea = g.entity("PRK").unwrap();
/// assert_eq!(north_korea.name, "North Korea");
/// for r in g.relations() {
///     for e in r.evidence() {
///         let text = match e.source.as_str() {
///             datasets::ARTICLE_SOURCE => datasets::US_KOREA_2011_ARTICLE,
///             _ => datasets::US_KOREA_2011_TERMS,
///         };
///         assert!(text.contains(&e.quote));
///     }
/// }
/// ```
pub fn us_korea_2011() -> Graph {
    // The embedded file is checked by the crate's tests (`datasets` and `dataset` tests); it
    // cannot fail to load.
    crate::io::json::from_str(US_KOREA_2011_JSON).expect("bundled dataset is valid")
}
