//! Whole, explainable paths: shortest, cheapest, k cheapest, all simple, time-respecting and
//! signed, under one [`RelationFilter`], each hop carrying its relation and evidence.

mod bidi;
mod engine;
mod routes;
mod simple;
mod yen;

use std::cell::RefCell;
use std::fmt;
use std::ops::ControlFlow;

use crate::error::{Error, ErrorKind, Result};
use crate::filter::{Constraint, RelationFilter, Traversal};
use crate::graph::Graph;
use crate::model::Entity;
use crate::relation_ref::RelationRef;
use crate::schema::Polarity;
use crate::store::Step;
use crate::time::Date;

use engine::{Bans, Limits};

/// Ready-made relation costs for [`PathSearch::cheapest`] and [`PathSearch::k_cheapest`].
///
/// A cost must be finite and non-negative to be taken; `f64::INFINITY` makes a relation
/// impassable.
pub mod costs {
    use crate::relation_ref::RelationRef;

    /// Every relation costs 1: the cheapest path has the fewest hops.
    pub fn uniform(_: RelationRef<'_>) -> f64 {
        1.0
    }

    /// −ln(confidence): the cheapest path is the most credible one, the path whose product of
    /// confidences is largest. Unset confidence counts as 1 (cost 0); confidence 0 is
    /// impassable.
    pub fn by_confidence(r: RelationRef<'_>) -> f64 {
        -r.confidence().unwrap_or(1.0).ln()
    }

    /// −ln(intensity): the cheapest path is the strongest chain of ties, the path whose
    /// product of intensities is largest. Unset intensity counts as 1; intensity 0 is
    /// impassable.
    pub fn by_intensity(r: RelationRef<'_>) -> f64 {
        Weight::StrongestChain.of(r)
    }

    /// A cost computed from the relation's intensity alone, which the store keeps in a
    /// column beside the adjacency: [`PathSearch::cheapest_by`](crate::PathSearch::cheapest_by)
    /// then never opens a relation record, the fast way to weight searches over large graphs
    /// (like naming a weight attribute in networkx rather than passing a function).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{costs::Weight, datasets};
    /// let g = datasets::us_korea_2011();
    /// let r = g.relation("kor-usa-partnership").unwrap(); // intensity 0.9
    /// assert_eq!(Weight::Intensity.of(r), 0.9);
    /// assert_eq!(Weight::Hops.of(r), 1.0);
    /// assert!((Weight::StrongestChain.of(r) - 0.9f64.ln().abs()).abs() < 1e-12);
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Weight {
        /// Every relation costs 1: the cheapest path has the fewest hops.
        Hops,
        /// The intensity is the relation's length (unset counts as 1): a distance or weight
        /// column, as the benchmark workload's `weight`.
        Intensity,
        /// −ln(intensity), as [`by_intensity`]: the cheapest path is the strongest chain.
        StrongestChain,
    }

    impl Weight {
        /// The cost of one relation.
        pub fn of(self, r: RelationRef<'_>) -> f64 {
            self.apply(r.intensity().unwrap_or(1.0))
        }

        /// The cost of a relation of this intensity (in `[0, 1]`, so never negative).
        pub(crate) fn apply(self, intensity: f64) -> f64 {
            match self {
                Weight::Hops => 1.0,
                Weight::Intensity => intensity,
                Weight::StrongestChain => -intensity.ln(),
            }
        }
    }
}

/// One hop of a path: the relation taken, between which entities, which way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop<'g> {
    /// The entity the hop leaves.
    pub from: &'g Entity,
    /// The relation taken; its evidence explains the hop.
    pub relation: RelationRef<'g>,
    /// The entity the hop reaches.
    pub to: &'g Entity,
    /// Whether the relation was followed from its source or from its target.
    pub traversal: Traversal,
    /// The relation's polarity.
    pub polarity: Polarity,
    /// For journeys: the earliest date the hop can happen, given the hops before it (`None`
    /// when unconstrained or for other searches).
    pub at: Option<Date>,
}

/// A path: one or more hops, each starting where the previous one ended, never visiting an
/// entity twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Path<'g> {
    hops: Vec<Hop<'g>>,
    cost: f64,
}

impl fmt::Display for Path<'_> {
    /// As [`Path::summary`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

impl<'g> Path<'g> {
    /// The hops, in order.
    pub fn hops(&self) -> &[Hop<'g>] {
        &self.hops
    }

    /// The number of hops.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// Always false: a path has at least one hop.
    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// The entities visited, start and end included.
    pub fn entities(&self) -> Vec<&'g Entity> {
        let mut out: Vec<&Entity> = self.hops.first().map(|h| h.from).into_iter().collect();
        out.extend(self.hops.iter().map(|h| h.to));
        out
    }

    /// The relations taken, in order.
    pub fn relations(&self) -> Vec<RelationRef<'g>> {
        self.hops.iter().map(|h| h.relation).collect()
    }

    /// The path's cost under the search that found it: the sum of the relation costs for
    /// [`PathSearch::cheapest`] and [`PathSearch::k_cheapest`], the number of hops for
    /// [`PathSearch::shortest`], [`PathSearch::all_simple`] and [`PathSearch::journey`].
    pub fn cost(&self) -> f64 {
        self.cost
    }

    /// The number of hostile (negative) hops.
    pub fn hostile_hops(&self) -> usize {
        self.hops
            .iter()
            .filter(|h| h.polarity == Polarity::Negative)
            .count()
    }

    /// The sign the path implies between its ends, the product of its hops' polarities ("the
    /// enemy of my friend is my enemy"): neutral if any hop is neutral, otherwise negative
    /// when the number of hostile hops is odd.
    pub fn sign(&self) -> Polarity {
        if self.hops.iter().any(|h| h.polarity == Polarity::Neutral) {
            Polarity::Neutral
        } else if self.hostile_hops() % 2 == 1 {
            Polarity::Negative
        } else {
            Polarity::Positive
        }
    }

    /// The path on one line, by names, each hop's kind on its arrow:
    /// `China -[TENSION]- United States -[PARTNERSHIP]- South Korea` (an arrowhead when the
    /// kind is not symmetric, pointing the relation's way). This is also its `Display`.
    pub fn summary(&self) -> String {
        let Some(first) = self.hops.first() else {
            return String::new();
        };
        let mut out = first.from.name.clone();
        for h in &self.hops {
            let kind = h.relation.kind();
            let arrow = match (h.relation.is_symmetric(), h.traversal) {
                (true, _) => format!(" -[{kind}]- "),
                (false, Traversal::Forward) => format!(" -[{kind}]-> "),
                (false, Traversal::Backward) => format!(" <-[{kind}]- "),
            };
            out.push_str(&arrow);
            out.push_str(&h.to.name);
        }
        out
    }

    /// The path as sentences with citations, one hop a line, each with the relation's first
    /// quote (and how many more it has):
    /// `China (CHN) <-[TENSION, negative, fact]- United States (USA): “…” [diplomat-2011 ¶2]`.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        for h in &self.hops {
            let (left, right) = match h.traversal {
                Traversal::Forward => ("-", "->"),
                Traversal::Backward => ("<-", "-"),
            };
            out.push_str(&format!(
                "{} ({}) {left}[{}, {}, {}]{right} {} ({})",
                h.from.name,
                h.from.id,
                h.relation.kind(),
                h.polarity,
                h.relation.status(),
                h.to.name,
                h.to.id
            ));
            if let Some(at) = h.at {
                out.push_str(&format!(" at {at}"));
            }
            if let Some(e) = h.relation.evidence().first() {
                let paragraph = e.paragraph.map_or(String::new(), |p| format!(" ¶{p}"));
                out.push_str(&format!(": “{}” [{}{paragraph}]", e.quote, e.source));
                match h.relation.evidence().len() {
                    1 => {}
                    2 => out.push_str(" (and 1 more quote)"),
                    n => out.push_str(&format!(" (and {} more quotes)", n - 1)),
                }
            }
            out.push('\n');
        }
        out
    }
}

/// What cut a search that found no path.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cut {
    /// Without this filter constraint (and with every other), a path exists.
    Filter(Constraint),
    /// A path exists under every constraint but needs this many hops, more than allowed.
    HopLimit {
        /// The fewest hops a path needs.
        needed: usize,
    },
    /// A path exists if more hostile hops were allowed.
    HostileLimit,
    /// Paths exist, but none whose hops happen in non-decreasing time order.
    TimeOrder,
    /// No single constraint is to blame: the graph connects the two only when several are
    /// lifted together.
    Combination,
    /// Nothing connects the two, whatever the constraints.
    Disconnected,
    /// A path exists under every constraint, but each way has a relation of infinite cost.
    Costs,
    /// A path exists, but the search was asked for none (a count of 0).
    PathLimit,
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cut::Filter(c) => write!(f, "{c} (without it a path exists)"),
            Cut::HopLimit { needed } => {
                write!(f, "the hop limit (the shortest path needs {needed} hops)")
            }
            Cut::HostileLimit => write!(f, "the limit on hostile hops (a path with more exists)"),
            Cut::TimeOrder => write!(
                f,
                "time order (paths exist, but no journey whose hops happen in order)"
            ),
            Cut::Combination => write!(
                f,
                "several constraints together (no single one is to blame)"
            ),
            Cut::Disconnected => write!(f, "nothing: the two are not connected at all"),
            Cut::Costs => write!(f, "the costs (every way has a relation of infinite cost)"),
            Cut::PathLimit => write!(f, "the path count (none was asked for)"),
        }
    }
}

/// Why a search found no path, and how far it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPath {
    /// Entities reachable from the start under the filter and limits (costs and time order
    /// aside), the start included: the same count whichever search found nothing.
    pub reached: usize,
    /// The most hops the search went from the start.
    pub deepest: usize,
    /// What cut it, most specific first.
    pub cuts: Vec<Cut>,
}

impl fmt::Display for NoPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "no path: the search reached {}, at most {} out; cut by ",
            plural(self.reached, "entity", "entities"),
            plural(self.deepest, "hop", "hops")
        )?;
        let cuts: Vec<String> = self.cuts.iter().map(ToString::to_string).collect();
        f.write_str(&cuts.join("; "))
    }
}

/// The outcome of a path search: the paths found, and either why none was found or whether a
/// limit stopped the search early.
#[derive(Debug, Clone)]
pub struct Paths<'g> {
    paths: Vec<Path<'g>>,
    truncated: bool,
    budget_spent: bool,
    /// What [`Paths::why_none`] needs when nothing was found.
    failed: Option<Failed<'g>>,
}

/// A caller's cost function, checked: a negative or NaN cost makes its relation impassable
/// and fails the search afterwards (naming the first such relation); an infinite cost makes
/// its relation impassable.
struct Checked<F> {
    cost: F,
    bad: RefCell<Option<String>>,
}

impl<F: Fn(RelationRef<'_>) -> f64> Checked<F> {
    fn new(cost: F) -> Self {
        Checked {
            cost,
            bad: RefCell::new(None),
        }
    }

    fn advance(&self, c: f64, r: RelationRef<'_>) -> Option<f64> {
        let w = (self.cost)(r);
        if w.is_nan() || w < 0.0 {
            self.bad
                .borrow_mut()
                .get_or_insert_with(|| r.id().to_string());
            return None;
        }
        w.is_finite().then_some(c + w)
    }

    fn finish(self) -> Result<()> {
        match self.bad.into_inner() {
            Some(id) => Err(query_error(format!(
                "cost of relation {} is negative or NaN",
                crate::error::shown(&id)
            ))),
            None => Ok(()),
        }
    }
}

/// A search that found nothing, kept so that [`Paths::why_none`] can diagnose it on demand.
#[derive(Debug, Clone)]
struct Failed<'g> {
    search: PathSearch<'g>,
    from: usize,
    to: usize,
    kind: Kind,
}

/// What kind of search found nothing: what else than the filter and limits could stop it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Fewest hops, or every simple path: only the filter and limits.
    Hops,
    /// Costs: a relation of infinite cost is impassable.
    Costs,
    /// Time order.
    Journey,
    /// No path was asked for (a count of 0).
    NoneAsked,
}

impl PartialEq for Paths<'_> {
    /// Two outcomes are equal when they hold the same paths and the same truncation.
    fn eq(&self, other: &Self) -> bool {
        self.paths == other.paths
            && self.truncated == other.truncated
            && self.budget_spent == other.budget_spent
    }
}

impl<'g> Paths<'g> {
    /// The paths, in the search's documented order.
    pub fn paths(&self) -> &[Path<'g>] {
        &self.paths
    }

    /// The first path, if any.
    pub fn first(&self) -> Option<&Path<'g>> {
        self.paths.first()
    }

    /// Whether no path was found.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Whether more paths exist than were returned: the count asked of
    /// [`PathSearch::k_cheapest`] or [`PathSearch::all_simple`] (or the limit of a pattern
    /// match) cut the answer. Searches for one path never set it.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Whether the work budget ([`PathSearch::max_steps`]) ended the enumeration before it
    /// was complete: the paths returned are right, but whether others exist is unknown.
    pub fn budget_spent(&self) -> bool {
        self.budget_spent
    }

    /// Why no path was found, when none was: how far the search got, and which constraint cut
    /// it, found by searching again with each constraint lifted in turn. Computed on demand,
    /// so searches that find nothing cost nothing more unless asked why.
    ///
    /// # Complexity
    /// One fewest-hop search per constraint of the filter, plus two.
    pub fn why_none(&self) -> Option<NoPath> {
        self.failed
            .as_ref()
            .map(|f| f.search.diagnose(f.from, f.to, f.kind))
    }
}

/// A work budget shared by all the loops of one enumeration: units are relations examined
/// (simple paths, route counts) or entities reached by a search (Yen's spurs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    left: u64,
    /// Whether a take found too little left: the enumeration stopped early.
    pub spent: bool,
}

impl Budget {
    pub(crate) fn new(units: u64) -> Budget {
        Budget {
            left: units,
            spent: false,
        }
    }

    /// Charges `n` units of work already done (down to none left).
    pub(crate) fn charge(&mut self, n: u64) {
        self.left = self.left.saturating_sub(n);
    }

    /// Whether work may start: false (and `spent`) once nothing is left.
    pub(crate) fn check(&mut self) -> bool {
        if self.left == 0 {
            self.spent = true;
        }
        !self.spent
    }

    /// Takes `n` units; false (and `spent`) when fewer were left.
    #[inline]
    pub(crate) fn take(&mut self, n: u64) -> bool {
        if n > self.left {
            self.left = 0;
            self.spent = true;
            false
        } else {
            self.left -= n;
            true
        }
    }
}

/// The default work budget of an enumeration: ten million units (about a second).
pub const DEFAULT_MAX_STEPS: u64 = 10_000_000;

/// A path search: a filter, bounds, and sign constraints, then one of the searches.
///
/// Every search treats the filter the same way (kinds, polarity, direction with symmetric
/// kinds followed both ways, time, status, strength, sources, predicate), never visits an
/// entity twice, and is bounded: the single-path searches are polynomial, the enumerations take
/// explicit limits. When nothing is found, [`Paths::why_none`] names the constraint that cut
/// the search, found by lifting each one in turn.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, Cut, RelationFilter};
/// let g = datasets::us_korea_2011();
/// let found = g.paths().filter(RelationFilter::new().facts_only()).shortest("CHN", "USA")?;
/// let path = found.first().unwrap();
/// assert_eq!(path.len(), 1); // China and the United States: a stated tension
/// println!("{}", path.explain());
/// let none = g.paths().friendly_only().max_hops(1).shortest("CHN", "USA")?;
/// assert!(none.is_empty());
/// assert_eq!(none.why_none().unwrap().cuts, [Cut::HopLimit { needed: 2 }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PathSearch<'g> {
    graph: &'g Graph,
    filter: RelationFilter,
    max_hops: Option<usize>,
    max_hostile: Option<usize>,
    friendly_only: bool,
    distinct_routes: bool,
    max_steps: u64,
}

impl Graph {
    /// Starts a path search on this graph.
    pub fn paths(&self) -> PathSearch<'_> {
        PathSearch {
            graph: self,
            filter: RelationFilter::new(),
            max_hops: None,
            max_hostile: None,
            friendly_only: false,
            distinct_routes: false,
            max_steps: DEFAULT_MAX_STEPS,
        }
    }
}

/// The key after one more hop: searches by hop count.
fn hop(key: f64, _: RelationRef<'_>) -> Option<f64> {
    Some(key + 1.0)
}

fn query_error(reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidQuery {
        reason: reason.into(),
    })
}

impl<'g> PathSearch<'g> {
    /// The relation filter every hop must pass.
    pub fn filter(mut self, filter: RelationFilter) -> Self {
        self.filter = filter;
        self
    }

    /// The most hops a path may take (default: no limit beyond the graph's size).
    pub fn max_hops(mut self, hops: usize) -> Self {
        self.max_hops = Some(hops);
        self
    }

    /// Makes [`PathSearch::all_simple`] return one path per route (sequence of entities): the
    /// first in its order, so parallel relations no longer multiply the answer.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let all = g.paths().max_hops(2).all_simple("CHN", "USA", 100)?;
    /// let routes = g.paths().max_hops(2).distinct_routes().all_simple("CHN", "USA", 100)?;
    /// assert!(routes.paths().len() < all.paths().len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn distinct_routes(mut self) -> Self {
        self.distinct_routes = true;
        self
    }

    /// The work budget of the enumerations ([`PathSearch::all_simple`],
    /// [`PathSearch::each_simple`], [`PathSearch::k_cheapest`], [`PathSearch::count_routes`]):
    /// relations examined, or for `k_cheapest` entities reached by its searches (default
    /// [`DEFAULT_MAX_STEPS`]). When it runs out the enumeration stops and says so
    /// ([`Paths::budget_spent`]; an error for a count, which would be wrong).
    pub fn max_steps(mut self, steps: u64) -> Self {
        self.max_steps = steps;
        self
    }

    /// The most hostile (negative) hops a path may take.
    pub fn max_hostile(mut self, hostile: usize) -> Self {
        self.max_hostile = Some(hostile);
        self
    }

    /// Only paths whose every hop is positive.
    pub fn friendly_only(mut self) -> Self {
        self.friendly_only = true;
        self
    }

    fn effective_filter(&self) -> RelationFilter {
        if self.friendly_only {
            self.filter.clone().restrict_polarity(Polarity::Positive)
        } else {
            self.filter.clone()
        }
    }

    fn limits(&self) -> Limits {
        Limits {
            hops: self.max_hops.unwrap_or(usize::MAX),
            hostile: self.max_hostile,
        }
    }

    fn ends(&self, from: &str, to: &str) -> Result<(usize, usize)> {
        self.filter.check(self.graph)?;
        let node = |id: &str| {
            self.graph.node_of(id).ok_or_else(|| {
                self.graph
                    .hint(Error::new(ErrorKind::UnknownEntity { id: id.to_owned() }))
            })
        };
        let (a, b) = (node(from)?, node(to)?);
        if a == b {
            return Err(query_error(format!(
                "a path needs two different entities, got {} twice",
                crate::error::shown(from)
            )));
        }
        Ok((a, b))
    }

    fn path(&self, steps: &[Step<'g>], from: usize, cost: f64) -> Path<'g> {
        let mut at = from;
        let hops = steps
            .iter()
            .map(|s| {
                let hop = Hop {
                    from: self.graph.entity_at(at),
                    relation: s.relation(),
                    to: self.graph.entity_at(s.to),
                    traversal: if s.forward {
                        Traversal::Forward
                    } else {
                        Traversal::Backward
                    },
                    polarity: s.polarity(),
                    at: None,
                };
                at = s.to;
                hop
            })
            .collect();
        Path { hops, cost }
    }

    /// Finds, by lifting each constraint in turn, what stopped a path from `from` to `to`.
    fn diagnose(&self, from: usize, to: usize, kind: Kind) -> NoPath {
        let filter = self.effective_filter();
        let reach = |f: &RelationFilter, limits: Limits| match limits.hostile {
            None => bidi::shortest(self.graph, f, from, to, limits.hops)
                .0
                .map(|steps| steps.len()),
            Some(_) => engine::search(
                self.graph,
                f,
                from,
                Some(to),
                0.0,
                &hop,
                limits,
                &Bans::default(),
            )
            .0
            .map(|(steps, _)| steps.len()),
        };
        let limits = self.limits();
        let mut cuts = Vec::new();
        let unlimited_hops = Limits {
            hops: usize::MAX,
            ..limits
        };
        if let Some(needed) = reach(&filter, unlimited_hops) {
            cuts.push(if needed > limits.hops {
                Cut::HopLimit { needed }
            } else {
                match kind {
                    Kind::Journey => Cut::TimeOrder,
                    Kind::Costs => Cut::Costs,
                    Kind::NoneAsked => Cut::PathLimit,
                    // Found under the same filter and limits: cannot happen; say so plainly.
                    Kind::Hops => Cut::Combination,
                }
            });
        } else {
            let mut constraints = filter.constraints();
            if self.friendly_only && !constraints.contains(&Constraint::Polarity) {
                constraints.push(Constraint::Polarity);
                constraints.sort();
            }
            for c in constraints {
                if reach(&filter.without(c), limits).is_some() {
                    cuts.push(Cut::Filter(c));
                }
            }
            if limits.hostile.is_some()
                && reach(
                    &filter,
                    Limits {
                        hostile: None,
                        ..limits
                    },
                )
                .is_some()
            {
                cuts.push(Cut::HostileLimit);
            }
            if cuts.is_empty() {
                let free = Limits {
                    hops: usize::MAX,
                    hostile: None,
                };
                cuts.push(if reach(&RelationFilter::new(), free).is_some() {
                    Cut::Combination
                } else {
                    Cut::Disconnected
                });
            }
        }
        // How far the constraints let a search from the start go, whatever kind it was, so
        // that every search reports the same.
        let (_, stats) = engine::search(
            self.graph,
            &filter,
            from,
            None,
            0.0,
            &hop,
            limits,
            &Bans::default(),
        );
        NoPath {
            reached: stats.reached,
            deepest: stats.deepest,
            cuts,
        }
    }

    fn outcome(
        &self,
        found: Vec<(Vec<Step<'g>>, f64)>,
        from: usize,
        to: usize,
        truncated: bool,
        kind: Kind,
    ) -> Paths<'g> {
        let failed = found.is_empty().then(|| Failed {
            search: self.clone(),
            from,
            to,
            kind,
        });
        Paths {
            paths: found
                .iter()
                .map(|(steps, cost)| self.path(steps, from, *cost))
                .collect(),
            truncated,
            budget_spent: false,
            failed,
        }
    }

    /// The path with the fewest hops, searched from both ends at once (breadth first, level by
    /// level, the smaller frontier first). Among equally short paths the choice is
    /// deterministic: the first meeting found in the level where the two searches meet
    /// (every meeting there is equally short), relations taken in graph order. With [`PathSearch::max_hostile`] the
    /// search runs from the start only, through the engine of [`PathSearch::cheapest`].
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] for an unknown end; [`ErrorKind::InvalidQuery`] when both
    /// ends are the same entity.
    ///
    /// # Complexity
    /// O(b^(d/2)) expansions for branching factor b and distance d, O(n) memory; with a
    /// hostile limit K, O(L log L + L·d) for L ≤ n·(H+1)·(K+1) labels.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let found = g.paths().shortest("PRK", "JPN")?;
    /// assert_eq!(found.first().unwrap().entities()[1].id, "six-party-talks");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shortest(&self, from: &str, to: &str) -> Result<Paths<'g>> {
        if self.max_hostile.is_some() {
            // Hostile hops are a label dimension: the engine handles them exactly.
            return self.cheapest(from, to, costs::uniform);
        }
        let (a, b) = self.ends(from, to)?;
        let filter = self.effective_filter();
        let (found, _) = bidi::shortest(self.graph, &filter, a, b, self.limits().hops);
        let found = found
            .map(|steps| {
                let hops = steps.len() as f64;
                (steps, hops)
            })
            .into_iter()
            .collect();
        Ok(self.outcome(found, a, b, false, Kind::Hops))
    }

    /// The path with the least total cost, `cost` giving each relation's (non-negative) cost.
    /// See [`costs`] for ready ones. Without a hop or hostile limit the search runs from both
    /// ends (bidirectional Dijkstra, the side with the smaller queue first); with one, from
    /// the start through the label-setting engine, which tracks the limits exactly. Among
    /// equally cheap paths the choice is deterministic: from both ends, the meeting found
    /// first; from the start, fewer hops, then relations earlier in graph order.
    ///
    /// # Errors
    /// As [`PathSearch::shortest`], and [`ErrorKind::InvalidQuery`] naming the relation when
    /// `cost` returns a negative number or NaN.
    ///
    /// # Complexity
    /// O((n + m) log n) without limits (usually far less, from both ends); with limits,
    /// O(L log L + L·d) for L ≤ n·(H+1)·(K+1) labels.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{costs, datasets};
    /// let g = datasets::us_korea_2011();
    /// let found = g.paths().max_hops(4).cheapest("kim-jong-il-regime", "lee-government", costs::by_confidence)?;
    /// let path = found.first().unwrap();
    /// let credibility = (-path.cost()).exp();
    /// assert!(credibility > 0.0 && credibility <= 1.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cheapest(
        &self,
        from: &str,
        to: &str,
        cost: impl Fn(RelationRef<'_>) -> f64,
    ) -> Result<Paths<'g>> {
        let (a, b) = self.ends(from, to)?;
        let checked = Checked::new(cost);
        let advance = |c: f64, r: RelationRef<'_>| checked.advance(c, r);
        let filter = self.effective_filter();
        let limits = self.limits();
        let found = if limits.hostile.is_none() && limits.hops == usize::MAX {
            // No limit to track: search from both ends.
            let cost = |s: &Step<'_>| advance(0.0, s.relation());
            bidi::cheapest(self.graph, &filter, a, b, &cost)
                .0
                .into_iter()
                .collect()
        } else {
            // One path: Yen's first search alone, which the budget never stops.
            let mut budget = Budget::new(u64::MAX);
            yen::k_cheapest(self.graph, &filter, a, b, 1, &advance, limits, &mut budget).0
        };
        checked.finish()?;
        Ok(self.outcome(found, a, b, false, Kind::Costs))
    }

    /// The path with the least total [`costs::Weight`], read from the store's intensity
    /// column: the same answer as [`PathSearch::cheapest`] with `|r| weight.of(r)`, faster on
    /// large graphs since no relation record is opened during the search.
    ///
    /// # Errors
    /// As [`PathSearch::shortest`].
    ///
    /// # Complexity
    /// As [`PathSearch::cheapest`].
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{costs::Weight, datasets, Direction, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let search = g.paths().filter(RelationFilter::new().direction(Direction::Outgoing));
    /// let fast = search.cheapest_by("CHN", "USA", Weight::Intensity)?;
    /// let slow = search.cheapest("CHN", "USA", |r| Weight::Intensity.of(r))?;
    /// assert_eq!(fast.first().map(|p| p.cost()), slow.first().map(|p| p.cost()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cheapest_by(&self, from: &str, to: &str, weight: costs::Weight) -> Result<Paths<'g>> {
        let limits = self.limits();
        if limits.hostile.is_some() || limits.hops != usize::MAX {
            return self.cheapest(from, to, |r| weight.of(r));
        }
        let (a, b) = self.ends(from, to)?;
        let filter = self.effective_filter();
        let cost = |s: &Step<'g>| {
            let w = weight.apply(s.fact().intensity);
            w.is_finite().then_some(w)
        };
        let (found, _) = bidi::cheapest(self.graph, &filter, a, b, &cost);
        Ok(self.outcome(found.into_iter().collect(), a, b, false, Kind::Costs))
    }

    /// The `k` cheapest simple paths (Yen's algorithm), cheapest first; ties go to fewer hops,
    /// then to relations earlier in graph order, among the `k + 1` cheapest found (the one
    /// more says whether more exist: [`Paths::truncated`]). Parallel relations give distinct
    /// paths. `k = 0` returns none (and [`Cut::PathLimit`] from [`Paths::why_none`]).
    ///
    /// # Errors
    /// As [`PathSearch::cheapest`].
    ///
    /// # Complexity
    /// O((k + 1) · H) engine searches, H the longest path's hops, each one's reached entities
    /// counted against [`PathSearch::max_steps`]; O(k · H) memory for the paths and the trie
    /// of their prefixes.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{costs, datasets};
    /// let g = datasets::us_korea_2011();
    /// let found = g.paths().k_cheapest("CHN", "KOR", 3, costs::uniform)?;
    /// let hops: Vec<usize> = found.paths().iter().map(|p| p.len()).collect();
    /// assert_eq!(hops, [1, 2, 2]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn k_cheapest(
        &self,
        from: &str,
        to: &str,
        k: usize,
        cost: impl Fn(RelationRef<'_>) -> f64,
    ) -> Result<Paths<'g>> {
        let (a, b) = self.ends(from, to)?;
        let checked = Checked::new(cost);
        let advance = |c: f64, r: RelationRef<'_>| checked.advance(c, r);
        let filter = self.effective_filter();
        let limits = self.limits();
        // One more than asked for says whether more exist; the paths found are then put in
        // the documented order (cost, then hops, then relations in graph order).
        let mut budget = Budget::new(self.max_steps);
        let (mut found, _, more) = yen::k_cheapest(
            self.graph,
            &filter,
            a,
            b,
            k.saturating_add(1),
            &advance,
            limits,
            &mut budget,
        );
        // Relations compared by slot, step by step: the first difference decides.
        found.sort_by(|(x, cx), (y, cy)| {
            cx.total_cmp(cy)
                .then(x.len().cmp(&y.len()))
                .then_with(|| x.iter().map(|s| s.slot).cmp(y.iter().map(|s| s.slot)))
        });
        checked.finish()?;
        // More exist when the one more was found, or when the budget stopped the search
        // with candidates still waiting.
        let truncated = found.len() > k || more;
        found.truncate(k);
        let kind = if k == 0 { Kind::NoneAsked } else { Kind::Costs };
        let mut out = self.outcome(found, a, b, truncated, kind);
        out.budget_spent = budget.spent;
        Ok(out)
    }

    /// Every simple path of at most [`PathSearch::max_hops`] hops, shortest first (then in
    /// depth-first order, relations in graph order), at most `max_paths` of them
    /// ([`Paths::truncated`] when more exist; `0` asks for none). Parallel
    /// relations give distinct paths.
    ///
    /// # Errors
    /// As [`PathSearch::shortest`], and [`ErrorKind::InvalidQuery`] when no hop limit was set:
    /// this enumeration needs an explicit one.
    ///
    /// # Complexity
    /// O(min(H · b^H, max_steps)) for hop limit H and branching factor b: every relation
    /// examined counts against [`PathSearch::max_steps`] ([`Paths::budget_spent`] when it runs
    /// out); stops at `max_paths`. Memory: the paths kept (use [`PathSearch::each_simple`] to
    /// stream them).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let found = g.paths().max_hops(2).all_simple("CHN", "USA", 10)?;
    /// assert_eq!(found.paths().len(), 5);
    /// assert!(!found.truncated());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn all_simple(&self, from: &str, to: &str, max_paths: usize) -> Result<Paths<'g>> {
        let (a, b) = self.ends(from, to)?;
        if self.max_hops.is_none() {
            return Err(query_error(
                "all_simple needs an explicit hop limit: call max_hops first",
            ));
        }
        let filter = self.effective_filter();
        // One more than asked for says whether more exist.
        let mut found: Vec<(Vec<Step<'g>>, f64)> = Vec::new();
        let mut truncated = false;
        let budget = if max_paths == 0 {
            Budget::new(0)
        } else {
            simple::each_simple(
                self.graph,
                &filter,
                a,
                b,
                self.limits(),
                self.distinct_routes,
                Budget::new(self.max_steps),
                |steps| {
                    if found.len() == max_paths {
                        truncated = true;
                        return false;
                    }
                    found.push((steps.to_vec(), steps.len() as f64));
                    true
                },
            )
        };
        let kind = if max_paths == 0 {
            Kind::NoneAsked
        } else {
            Kind::Hops
        };
        let mut out = self.outcome(found, a, b, truncated, kind);
        out.budget_spent = budget.spent;
        Ok(out)
    }

    /// Hands each simple path of [`PathSearch::all_simple`] to `sink`, in the same order, as
    /// it is found, until `sink` returns [`ControlFlow::Break`] or the work budget
    /// ([`PathSearch::max_steps`]) runs out. Nothing is kept, so memory does not grow with the
    /// paths. Returns whether the budget ran out.
    ///
    /// # Errors
    /// As [`PathSearch::all_simple`].
    ///
    /// # Complexity
    /// O(min(H · b^H, max_steps)) for hop limit H and branching factor b; O(n) memory.
    ///
    /// # Example
    /// ```
    /// use std::ops::ControlFlow;
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let mut longest = 0;
    /// let spent = g.paths().max_hops(3).each_simple("CHN", "USA", |p| {
    ///     longest = longest.max(p.len());
    ///     ControlFlow::Continue(())
    /// })?;
    /// assert!(!spent && longest == 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn each_simple(
        &self,
        from: &str,
        to: &str,
        mut sink: impl FnMut(Path<'g>) -> ControlFlow<()>,
    ) -> Result<bool> {
        let (a, b) = self.ends(from, to)?;
        if self.max_hops.is_none() {
            return Err(query_error(
                "each_simple needs an explicit hop limit: call max_hops first",
            ));
        }
        let filter = self.effective_filter();
        let budget = simple::each_simple(
            self.graph,
            &filter,
            a,
            b,
            self.limits(),
            self.distinct_routes,
            Budget::new(self.max_steps),
            |steps| sink(self.path(steps, a, steps.len() as f64)).is_continue(),
        );
        Ok(budget.spent)
    }

    /// How many routes join `from` to `to`: distinct sequences of entities, simple, of 1 to
    /// [`PathSearch::max_hops`] hops, each hop joined by at least one relation that passes the
    /// filter. Parallel relations do not multiply routes, unlike [`PathSearch::all_simple`],
    /// which lists relation sequences. Nothing is built per route.
    ///
    /// # Errors
    /// As [`PathSearch::shortest`], and [`ErrorKind::InvalidQuery`] without a hop limit, or
    /// with a hostile limit (a route does not choose among its parallel relations).
    ///
    /// # Complexity
    /// O(min(d^(H−1), max_steps)) for hop limit H and degree d: the last hop is one array
    /// read; every other relation examined counts against [`PathSearch::max_steps`], and a
    /// count the budget cut short is an error ([`ErrorKind::BudgetSpent`]), never a wrong
    /// number.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let search = g.paths().max_hops(2);
    /// let routes = search.count_routes("CHN", "USA")?;
    /// let paths = search.all_simple("CHN", "USA", 1000)?;
    /// assert!(routes >= 1 && routes <= paths.paths().len() as u64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count_routes(&self, from: &str, to: &str) -> Result<u64> {
        let (a, b) = self.ends(from, to)?;
        let Some(hops) = self.max_hops else {
            return Err(query_error(
                "count_routes needs an explicit hop limit: call max_hops first",
            ));
        };
        if self.max_hostile.is_some() {
            return Err(query_error(
                "count_routes takes no hostile limit: a route does not choose among its \
                 parallel relations (use all_simple)",
            ));
        }
        routes::count(
            self.graph,
            &self.effective_filter(),
            a,
            b,
            hops,
            Budget::new(self.max_steps),
        )
        .ok_or_else(|| {
            Error::new(ErrorKind::BudgetSpent {
                what: "count_routes",
                steps: self.max_steps,
            })
        })
    }

    /// The earliest-arriving journey: a path whose hops can happen in non-decreasing time
    /// order, starting no earlier than `start`. Each hop takes place inside its relation's
    /// known interval ([`RelationRef::known_interval`]) under the filter's default
    /// [`Reading::Known`](crate::Reading::Known), or, for a relation known only to hold on
    /// some day of a span, inside that span ([`RelationRef::witness_interval`]); or inside
    /// its effective interval
    /// ([`RelationRef::effective_interval`]) under [`Reading::Possible`](crate::Reading::Possible).
    /// Undated timeless relations can happen at any time. Each hop's [`Hop::at`] is the
    /// earliest date it can happen.
    ///
    /// # Errors
    /// As [`PathSearch::shortest`].
    ///
    /// # Complexity
    /// As [`PathSearch::shortest`].
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let j = g.paths().journey("kim-dae-jung-administration", "obama-administration", None)?;
    /// let last = j.first().unwrap().hops().last().unwrap();
    /// assert_eq!(last.at.unwrap().to_string(), "2009-01-20"); // when the Obama administration began
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn journey(&self, from: &str, to: &str, start: Option<Date>) -> Result<Paths<'g>> {
        let (a, b) = self.ends(from, to)?;
        let graph = self.graph;
        let known = self.filter.get_reading() == crate::Reading::Known;
        let interval = move |r: RelationRef<'_>| {
            if known {
                r.known_interval().or_else(|| r.witness_interval())
            } else {
                r.effective_interval()
            }
        };
        let advance = |t: f64, r: RelationRef<'_>| {
            let iv = interval(r)?;
            let begin = iv
                .start()
                .map_or(f64::NEG_INFINITY, |d| d.first_day_number() as f64);
            let end = iv
                .end()
                .map_or(f64::INFINITY, |d| d.last_day_number() as f64);
            (end >= t).then_some(t.max(begin))
        };
        let t0 = start.map_or(f64::NEG_INFINITY, |d| d.first_day_number() as f64);
        let filter = self.effective_filter();
        let (found, _) = engine::search(
            graph,
            &filter,
            a,
            Some(b),
            t0,
            &advance,
            self.limits(),
            &Bans::default(),
        );
        let mut out = self.outcome(found.into_iter().collect(), a, b, false, Kind::Journey);
        for path in &mut out.paths {
            path.cost = path.hops.len() as f64;
            let mut now = start;
            for hop in &mut path.hops {
                let begins = interval(hop.relation).and_then(|i| i.start());
                if let Some(b) = begins
                    && now.is_none_or(|n| b.first_day_number() > n.first_day_number())
                {
                    now = Some(b);
                }
                hop.at = now;
            }
        }
        Ok(out)
    }
}
