//! Alliances and tensions between international actors as a typed, signed, temporal property
//! graph, where every relation is traceable to a quoted source.
//!
//! Entities (states, governments, persons, organizations, events, policies, places, topics)
//! are joined by relations of kinds a [`Schema`] declares — alliance, tension, fear,
//! provocation and two dozen more, extensible with your own — each with a polarity, a period
//! of validity, an epistemic status (fact, claim, belief, hypothetical, disputed) with who
//! asserts it, and evidence: verbatim quotes from a table of sources.
//!
//! # Quick example
//! ```
//! use alliance_graph::{datasets, Polarity};
//! let g = datasets::us_korea_2011();
//! // Who is North Korea hostile with in 2010, and on what evidence?
//! for r in g.relations() {
//!     let touches = r.source() == "PRK" || r.target() == "PRK";
//!     if touches && r.polarity() == Polarity::Negative && r.holds_at("2010".parse()?) {
//!         let quote = r.evidence().first().map_or("(no quote)", |e| e.quote.as_str());
//!         println!("{} {} {}: \"{quote}\"", r.source(), r.kind(), r.target());
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//! - [`Graph`]: the store. Add, update, remove and look up [`Entity`]s, [`Relation`]s and
//!   [`Source`]s by their ids ([`EntityId`], [`RelationId`], [`SourceId`]); iterate in
//!   insertion order; [`Graph::validate`] lists every violation at once. Reads give
//!   [`RelationRef`]s: borrowed views with one method per field (`kind()`, `evidence()`,
//!   `holds_at(date)`), and `to_relation()` for an owned copy.
//! - [`Schema`], [`RelationKindDef`], [`RelationKind`], [`EntityKind`], [`Polarity`]: the
//!   vocabulary, checked on every insertion.
//! - [`Date`] and [`Interval`]: year, month or day precision; [`RelationRef::holds_at`].
//! - [`RelationFilter`]: one composable filter (kinds, polarity, [`Direction`], entity kinds,
//!   time, status, strength, sources, a predicate) that drives every query and search.
//! - Queries on [`Graph`]: `relations_of`, `relations_between`, `neighbours`, `allies`,
//!   `adversaries`, `feared_by`, `threatened_by`, `events_by`, `events_against`, `timeline`,
//!   `neighbourhood`; [`Pattern`] matching with [`Graph::find_pattern`].
//! - New graphs from old: [`Graph::subgraph`] (by entity predicate and relation filter),
//!   [`Graph::merge`] (with an [`OnConflict`] policy), [`Graph::as_of`], [`Graph::only_sources`].
//! - Measures on a filtered graph: [`Graph::components`] (weak or strong),
//!   [`Graph::degrees`], [`Graph::betweenness`], [`Graph::pagerank`] (checked against
//!   networkx).
//! - [`Graph::paths`] gives a [`PathSearch`]: `shortest`, `cheapest` (with [`costs`]),
//!   `cheapest_by` (a [`costs::Weight`] read from the store's columns, for large graphs),
//!   `k_cheapest` (Yen), `all_simple`, `count_routes`, `journey`; signed with
//!   `friendly_only` and `max_hostile`. Results are [`Paths`] of whole [`Path`]s of [`Hop`]s, or a [`NoPath`]
//!   saying which constraint cut the search.
//! - [`Evidence`], [`Status`]: provenance.
//! - Signed-network analysis: [`ViewOptions`] builds a [`SignedView`] (entity kinds, a date,
//!   relation kinds, a [`PairRule`]); on it, [`SignedView::census`] (triangles and both
//!   balance ratios; [`ViewOptions::census`] counts without building the view), [`SignedView::walk_balance`], [`SignedView::balance_certificate`], [`SignedView::clustering`] (any number of factions, weak balance),
//!   [`SignedView::frustration`], [`SignedView::signed_degrees`],
//!   [`SignedView::pn_centrality`]. Over time: [`Graph::as_of`], [`ViewOptions::series`],
//!   [`Graph::changes_between`]; what-if: [`Scenario`] and [`Comparison`].
//! - [`io::json`]: the versioned, canonical JSON format (see its documentation);
//!   [`io::neo4j`] (CSV) and [`io::graphml`], read and written; [`io::dot`], [`io::cypher`].
//! - [`datasets`]: the bundled US–Korea 2011 article dataset, and
//!   [`datasets::workload`], the generator of the benchmark workload (millions of
//!   relations, byte for byte the benchmark's own files).
//! - [`Error`] and [`ErrorKind`]: one error type; messages name the culprit and where.
//!
//! # Cookbook
//! **Declare a relation kind of your own.**
//! ```
//! use alliance_graph::{Entity, EntityKind, EntityKinds, Graph, Polarity, Relation, RelationKind, RelationKindDef};
//! let mut g = Graph::new();
//! let states = EntityKinds::of(&[EntityKind::State]);
//! g.declare_relation_kind(
//!     RelationKindDef::new("RIVALRY", Polarity::Negative).symmetric().endpoints(states, states),
//! )?;
//! g.add_entity(Entity::new("IND", EntityKind::State, "India"))?;
//! g.add_entity(Entity::new("PAK", EntityKind::State, "Pakistan"))?;
//! g.add_relation(Relation::new("r1", RelationKind::new("RIVALRY"), "IND", "PAK"))?;
//! assert_eq!(g.relation("r1").unwrap().polarity(), Polarity::Negative);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Model a relation about a relation.** "China fears the US–South Korean partnership": make
//! the partnership an entity (an `organization`), link its members to it with `MEMBER_OF`,
//! and point the fear at it. The bundled dataset does exactly this with
//! `us-rok-partnership`.
//! ```
//! let g = alliance_graph::datasets::us_korea_2011();
//! let fear = g.relation("chn-fears-partnership").unwrap();
//! assert_eq!(fear.target(), "us-rok-partnership");
//! assert!(g.relations().any(|r| r.kind().as_str() == "MEMBER_OF" && r.source() == "KOR" && r.target() == "us-rok-partnership"));
//! ```
//!
//! **Ask who is hostile to whom, and how two actors are connected.**
//! ```
//! use alliance_graph::{datasets, RelationFilter};
//! let g = datasets::us_korea_2011();
//! for foe in g.adversaries("PRK", &RelationFilter::new().at("2010-12".parse()?))? {
//!     let r = foe.relations[0];
//!     let quote = r.evidence().first().map_or("(no quote)", |e| e.quote.as_str());
//!     println!("{}: {} “{quote}”", foe.entity.name, r.kind());
//! }
//! let found = g.paths().max_hops(3).all_simple("CHN", "USA", 50)?;
//! for path in found.paths() {
//!     println!("{} ({})\n{}", path.len(), path.sign(), path.explain());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Measure balance, and what a scenario changes.**
//! ```
//! use alliance_graph::{datasets, Comparison, FrustrationOptions, Polarity, Scenario, ViewOptions};
//! let g = datasets::us_korea_2011();
//! let states = ViewOptions::new().at("2011".parse()?); // the article's date
//! let before = states.view(&g);
//! assert_eq!(before.frustration(&FrustrationOptions::default()).index, 0);
//! let courting = Scenario::new().set_polarity("kor-chn-tension", Polarity::Positive).apply(&g)?;
//! let after = states.view(&courting);
//! assert_eq!(after.frustration(&FrustrationOptions::default()).index, 1);
//! assert_eq!(Comparison::between(&before, &after).triangles.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Load, check and save a file.**
//! ```
//! use alliance_graph::io::json;
//! let text = alliance_graph::datasets::US_KOREA_2011_JSON;
//! assert!(json::check(text).is_empty());
//! let g = json::from_str(text)?;
//! assert_eq!(json::to_string(&g), text); // canonical: byte-identical
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//! - `serde` (off by default): `Serialize` and `Deserialize` for [`Graph`], so a graph can
//!   sit inside your own serde struct. A graph travels as its canonical JSON document (see
//!   [`io::json`]) and is checked on the way in like any loaded file.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod centrality;
mod check;
mod components;
mod compose;
pub mod datasets;
mod error;
mod filter;
mod graph;
mod id;
pub mod io;
mod kind;
mod known;
mod model;
mod path;
mod pattern;
mod pipe;
mod query;
mod records;
mod relation_ref;
mod schema;
mod scratch;
mod signed;
mod store;
mod text;
mod time;

pub use centrality::{BetweennessOptions, PageRankOptions};
pub use components::{Connectivity, Degree};
pub use compose::{Conflict, Merged, OnConflict};
pub use error::{Element, Error, ErrorKind, Location, Result};
pub use filter::{Constraint, Direction, RelationFilter, Traversal};
pub use graph::{Graph, RemovedEntity};
pub use id::{EntityId, MAX_ID_BYTES, RelationId, SourceId};
pub use known::{Occurrence, Reading, Tense, Truth};
pub use model::{Attributes, Entity, Evidence, Relation, Source, Status, Value};
pub use path::{Cut, DEFAULT_MAX_STEPS, Hop, NoPath, Path, PathSearch, Paths, costs};
pub use pattern::{Ended, MAX_PATTERN_VARIABLES, MatchLimits, Matches, Pattern, PatternMatch};
pub use query::{Change, Counterpart, Moment};
pub use relation_ref::RelationRef;
pub use schema::{
    EndpointRule, EntityKind, EntityKinds, Polarity, RelationKind, RelationKindDef, Schema,
};
pub use signed::{
    Ambivalent, Census, Certificate, Changes, Clustering, Comparison, DegreeChange, Frustration,
    FrustrationOptions, MAX_DENSE_ENTITIES, PairRule, Scenario, SignChange, SignedDegree,
    SignedEdge, SignedView, Triangle, TriangleChange, ViewOptions, Violation,
};
pub use time::{Date, Interval, Precision};

/// The README's code sample, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
