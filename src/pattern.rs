//! Matching small typed patterns: entity variables joined by filtered relation edges.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::filter::{Compiled, Direction, RelationFilter};
use crate::graph::Graph;
use crate::id::EntityId;
use crate::model::Entity;
use crate::relation_ref::RelationRef;
use crate::schema::EntityKinds;

/// The most variables a pattern may have.
pub const MAX_PATTERN_VARIABLES: usize = 8;

#[derive(Debug, Clone)]
struct Var {
    name: String,
    kinds: EntityKinds,
    id: Option<EntityId>,
}

#[derive(Debug, Clone)]
struct Edge {
    from: String,
    to: String,
    filter: RelationFilter,
}

/// A small graph pattern: entity variables, each with allowed kinds or a fixed entity, and
/// edges between them, each a [`RelationFilter`] whose direction reads from the edge's first
/// variable to its second.
///
/// Matching is injective, as in Cypher: distinct variables bind distinct entities and distinct
/// edges bind distinct relations. Parallel relations give distinct matches.
///
/// # Example
/// Every triad `(a)-[positive]-(b)-[negative]-(c)` among states:
/// ```
/// use alliance_graph::{datasets, EntityKind, EntityKinds, MatchLimits, Pattern, Polarity, RelationFilter};
/// let g = datasets::us_korea_2011();
/// let states = EntityKinds::of(&[EntityKind::State]);
/// let triad = Pattern::new()
///     .node("a", states)
///     .node("b", states)
///     .node("c", states)
///     .edge("a", "b", RelationFilter::new().polarity(Polarity::Positive))
///     .edge("b", "c", RelationFilter::new().polarity(Polarity::Negative));
/// let found = g.find_pattern(&triad, MatchLimits::new(100))?;
/// let first = &found.matches[0];
/// assert_eq!(first.get("b").unwrap().id, "KOR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Pattern {
    vars: Vec<Var>,
    edges: Vec<Edge>,
}

impl Pattern {
    /// An empty pattern.
    pub fn new() -> Pattern {
        Pattern::default()
    }

    /// Declares a variable that binds an entity of one of `kinds`.
    pub fn node(mut self, name: &str, kinds: EntityKinds) -> Self {
        self.vars.push(Var {
            name: name.to_owned(),
            kinds,
            id: None,
        });
        self
    }

    /// Declares a variable bound to one entity.
    pub fn fixed(mut self, name: &str, id: impl Into<EntityId>) -> Self {
        self.vars.push(Var {
            name: name.to_owned(),
            kinds: EntityKinds::ANY,
            id: Some(id.into()),
        });
        self
    }

    /// Adds an edge: a relation passing `filter` between the entities bound to `from` and
    /// `to` (with [`Direction::Outgoing`], from `from` to `to`).
    pub fn edge(mut self, from: &str, to: &str, filter: RelationFilter) -> Self {
        self.edges.push(Edge {
            from: from.to_owned(),
            to: to.to_owned(),
            filter,
        });
        self
    }
}

/// Bounds on a pattern search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchLimits {
    /// The most matches returned.
    pub max_matches: usize,
    /// The most candidate bindings tried before giving up.
    pub max_steps: usize,
    /// One match per binding of the variables (the first choice of relations), instead of
    /// one per combination of parallel relations.
    pub distinct_bindings: bool,
}

impl MatchLimits {
    /// At most `max_matches` matches and a million candidate bindings; parallel relations
    /// give distinct matches.
    pub fn new(max_matches: usize) -> MatchLimits {
        MatchLimits {
            max_matches,
            max_steps: 1_000_000,
            distinct_bindings: false,
        }
    }

    /// One match per binding of the variables: parallel relations no longer multiply the
    /// matches (each keeps its first relations in graph order).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, EntityKind, EntityKinds, MatchLimits, Pattern, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let govs = EntityKinds::of(&[EntityKind::Government]);
    /// let p = Pattern::new().fixed("a", "lee-government").node("b", govs).edge("a", "b", RelationFilter::new());
    /// let all = g.find_pattern(&p, MatchLimits::new(100))?;
    /// let bindings = g.find_pattern(&p, MatchLimits::new(100).distinct_bindings())?;
    /// assert!(bindings.matches.len() < all.matches.len()); // five ties with Obama's administration
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn distinct_bindings(mut self) -> Self {
        self.distinct_bindings = true;
        self
    }
}

/// One match: an entity per variable and a relation per edge.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternMatch<'g> {
    names: Arc<[String]>,
    /// The entities bound, in the order the variables were declared.
    pub entities: Vec<&'g Entity>,
    /// The relations bound, in the order the edges were added.
    pub relations: Vec<RelationRef<'g>>,
}

impl<'g> PatternMatch<'g> {
    /// The entity bound to a variable.
    pub fn get(&self, name: &str) -> Option<&'g Entity> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| self.entities[i])
    }
}

/// The matches of a pattern, and whether a limit stopped the search.
#[derive(Debug, Clone, PartialEq)]
pub struct Matches<'g> {
    /// The matches, ordered by the entity order of the first variable's entity, then the
    /// second's, and so on, then by the graph order of the edges' relations.
    pub matches: Vec<PatternMatch<'g>>,
    /// Whether more matches exist than `max_matches` let through.
    pub truncated: bool,
    /// Whether the work budget (`max_steps`) ended the search first: the matches found are
    /// matches, but whether more exist is unknown.
    pub budget_spent: bool,
}

/// How a streamed match search ended: see [`Graph::each_match`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every match was handed over.
    Complete,
    /// The caller stopped it.
    Stopped,
    /// The work budget ran out; more matches may exist.
    BudgetSpent,
}

struct CompiledEdge<'a> {
    from: usize,
    to: usize,
    filter: Compiled<'a>,
    reversed: Compiled<'a>,
}

struct Matcher<'a, 'g, F> {
    graph: &'g Graph,
    vars: Vec<(EntityKinds, Option<usize>)>,
    edges: Vec<CompiledEdge<'a>>,
    bound: Vec<usize>,
    limits: MatchLimits,
    steps: usize,
    names: Arc<[String]>,
    /// Takes each match; `Break` stops the search.
    sink: F,
    ended: Ended,
}

fn query_error(reason: String) -> Error {
    Error::new(ErrorKind::InvalidQuery { reason })
}

impl<'g, F: FnMut(PatternMatch<'g>) -> ControlFlow<()>> Matcher<'_, 'g, F> {
    /// Counts one unit of work; false (and the budget marked spent) past `max_steps`.
    fn step(&mut self) -> bool {
        self.charge(1)
    }

    /// Counts `n` units of work (adjacency entries read, candidates tried, relations chosen);
    /// false (and the budget marked spent) past `max_steps`.
    fn charge(&mut self, n: usize) -> bool {
        self.steps = self.steps.saturating_add(n);
        if self.steps > self.limits.max_steps {
            self.ended = Ended::BudgetSpent;
            return false;
        }
        true
    }

    /// The relations from entity `a` to entity `b` that pass `filter`, in graph order, and
    /// the adjacency entries read to find them.
    fn relations(
        &self,
        a: usize,
        b: usize,
        filter: &Compiled<'_>,
    ) -> (Vec<RelationRef<'g>>, usize) {
        let mut read = 0;
        let found = self
            .graph
            .steps(a, filter.get_direction())
            .inspect(|_| read += 1)
            .filter(|s| s.to == b && filter.allows(s))
            .map(|s| s.relation())
            .collect();
        (found, read)
    }

    /// Whether some relation from entity `a` to entity `b` passes `filter`, and the
    /// adjacency entries read to tell.
    fn joined(&self, a: usize, b: usize, filter: &Compiled<'_>) -> (bool, usize) {
        let mut read = 0;
        let found = self
            .graph
            .steps(a, filter.get_direction())
            .inspect(|_| read += 1)
            .any(|s| s.to == b && filter.allows(&s));
        (found, read)
    }

    /// Candidate entities for variable `i`, in entity order, and the entries read to list
    /// them.
    fn candidates(&self, i: usize) -> (Vec<usize>, usize) {
        if let Some(node) = self.vars[i].1 {
            return (vec![node], 1);
        }
        let anchor = self.edges.iter().find_map(|e| {
            if e.to == i && e.from < i {
                Some((self.bound[e.from], &e.filter))
            } else if e.from == i && e.to < i {
                Some((self.bound[e.to], &e.reversed))
            } else {
                None
            }
        });
        match anchor {
            None => {
                let all: Vec<usize> = self.graph.nodes().collect();
                let n = all.len();
                (all, n)
            }
            Some((from, filter)) => {
                let mut read = 0;
                // Handles follow entity order.
                let nodes: BTreeSet<usize> = self
                    .graph
                    .steps(from, filter.get_direction())
                    .inspect(|_| read += 1)
                    .filter(|s| filter.allows(s))
                    .map(|s| s.to)
                    .collect();
                (nodes.into_iter().collect(), read)
            }
        }
    }

    fn bind(&mut self, i: usize) -> bool {
        if i == self.vars.len() {
            return self.emit();
        }
        let (candidates, read) = self.candidates(i);
        if !self.charge(read) {
            return false;
        }
        for c in candidates {
            if !self.step() {
                return false;
            }
            if !self.vars[i].0.contains(self.graph.entity_at(c).kind) || self.bound.contains(&c) {
                continue;
            }
            self.bound.push(c);
            // A candidate is checked against the edges it closes without collecting their
            // relations: the first passing step settles it. Every entry read is charged.
            let mut consistent = true;
            for k in 0..self.edges.len() {
                let e = &self.edges[k];
                if e.from.max(e.to) != i {
                    continue;
                }
                let (joined, read) = self.joined(self.bound[e.from], self.bound[e.to], &e.filter);
                if !self.charge(read) {
                    self.bound.pop();
                    return false;
                }
                if !joined {
                    consistent = false;
                    break;
                }
            }
            let more = !consistent || self.bind(i + 1);
            self.bound.pop();
            if !more {
                return false;
            }
        }
        true
    }

    /// Emits every combination of distinct relations for the bound entities: a backtracking
    /// search over the edges, each relation used once, every choice tried counted against
    /// the budget (so impossible combinations, such as ten edges over nine parallel
    /// relations, cost steps rather than time without bound).
    fn emit(&mut self) -> bool {
        let mut choices: Vec<Vec<RelationRef<'g>>> = Vec::with_capacity(self.edges.len());
        for k in 0..self.edges.len() {
            let e = &self.edges[k];
            let (found, read) = self.relations(self.bound[e.from], self.bound[e.to], &e.filter);
            if !self.charge(read) {
                return false;
            }
            choices.push(found);
        }
        let mut picked: Vec<RelationRef<'g>> = Vec::with_capacity(choices.len());
        self.choose(&choices, &mut picked) != Flow::Stop
    }

    /// Picks a relation for edge `picked.len()` and on; `Done` after the first match when
    /// only distinct bindings are wanted.
    fn choose(
        &mut self,
        choices: &[Vec<RelationRef<'g>>],
        picked: &mut Vec<RelationRef<'g>>,
    ) -> Flow {
        let k = picked.len();
        if k == choices.len() {
            let m = PatternMatch {
                names: self.names.clone(),
                entities: self
                    .bound
                    .iter()
                    .map(|&n| self.graph.entity_at(n))
                    .collect(),
                relations: picked.clone(),
            };
            if (self.sink)(m).is_break() {
                self.ended = Ended::Stopped;
                return Flow::Stop;
            }
            return if self.limits.distinct_bindings {
                Flow::Done
            } else {
                Flow::More
            };
        }
        for &r in &choices[k] {
            if !self.step() {
                return Flow::Stop;
            }
            if picked.iter().any(|q| q.same_relation(&r)) {
                continue;
            }
            picked.push(r);
            let flow = self.choose(choices, picked);
            picked.pop();
            if flow != Flow::More {
                return flow;
            }
        }
        Flow::More
    }
}

/// What the relation choice tells its caller.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Go on.
    More,
    /// This binding is done (one match per binding was asked for).
    Done,
    /// Stop the whole search.
    Stop,
}

fn reverse(filter: &RelationFilter) -> RelationFilter {
    let direction = match filter.get_direction() {
        Direction::Outgoing => Direction::Incoming,
        Direction::Incoming => Direction::Outgoing,
        Direction::Both => Direction::Both,
    };
    filter.clone().direction(direction)
}

impl Graph {
    /// Every match of `pattern`, within `limits`.
    ///
    /// Variables bind in declaration order; a variable joined by an edge to an earlier one
    /// takes its candidates from that one's neighbours, otherwise from every entity.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidQuery`] for a pattern with no variables, more than
    /// [`MAX_PATTERN_VARIABLES`], a repeated variable name, or an edge naming an undeclared
    /// variable; [`ErrorKind::UnknownEntity`] for a fixed variable's unknown entity.
    ///
    /// # Complexity
    /// O(n^k · d) candidate bindings for k variables in the worst case, plus the relation
    /// choices of each binding; every candidate listed, adjacency entry read and relation
    /// chosen counts one step against `limits.max_steps`, so the work is bounded by it (then
    /// [`Matches::budget_spent`]).
    /// Memory: the matches kept, at most `limits.max_matches` (use [`Graph::each_match`] to
    /// stream them instead).
    ///
    /// # Example
    /// States `x` with a tension towards a member of a partnership that `x` fears:
    /// ```
    /// use alliance_graph::*;
    /// let g = datasets::us_korea_2011();
    /// let states = EntityKinds::of(&[EntityKind::State]);
    /// let out = |k: RelationKind| RelationFilter::new().kinds([k]).direction(Direction::Outgoing);
    /// let p = Pattern::new()
    ///     .node("x", states)
    ///     .node("y", EntityKinds::ACTORS)
    ///     .node("z", EntityKinds::of(&[EntityKind::Organization]))
    ///     .edge("x", "y", RelationFilter::new().kinds([RelationKind::TENSION]))
    ///     .edge("y", "z", out(RelationKind::MEMBER_OF))
    ///     .edge("x", "z", out(RelationKind::FEARS));
    /// let found = g.find_pattern(&p, MatchLimits::new(50))?;
    /// let xs: Vec<&str> = found.matches.iter().map(|m| m.get("x").unwrap().id.as_str()).collect();
    /// assert_eq!(xs, ["PRK", "PRK", "CHN", "CHN"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find_pattern(&self, pattern: &Pattern, limits: MatchLimits) -> Result<Matches<'_>> {
        let mut matches = Vec::new();
        let mut truncated = false;
        let ended = self.each_match(pattern, limits, |m| {
            if matches.len() == limits.max_matches {
                truncated = true; // one more exists
                return ControlFlow::Break(());
            }
            matches.push(m);
            ControlFlow::Continue(())
        })?;
        Ok(Matches {
            matches,
            truncated,
            budget_spent: ended == Ended::BudgetSpent,
        })
    }

    /// Hands each match of `pattern` to `sink` as it is found, in [`Graph::find_pattern`]'s
    /// order, until `sink` returns [`ControlFlow::Break`] or `limits.max_steps` runs out
    /// (`limits.max_matches` is not used: the sink decides how many it takes). Nothing is
    /// kept, so memory does not grow with the matches.
    ///
    /// # Errors
    /// As [`Graph::find_pattern`].
    ///
    /// # Complexity
    /// As [`Graph::find_pattern`], bounded by `limits.max_steps`; O(k + e) memory for k
    /// variables and e edges, besides the graph.
    ///
    /// # Example
    /// ```
    /// use std::ops::ControlFlow;
    /// use alliance_graph::{datasets, Ended, EntityKinds, MatchLimits, Pattern, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let p = Pattern::new()
    ///     .fixed("a", "KOR")
    ///     .node("b", EntityKinds::ANY)
    ///     .edge("a", "b", RelationFilter::new());
    /// let mut seen = 0;
    /// let ended = g.each_match(&p, MatchLimits::new(0), |_| {
    ///     seen += 1;
    ///     if seen == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    /// })?;
    /// assert_eq!((seen, ended), (3, Ended::Stopped));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn each_match<'g>(
        &'g self,
        pattern: &Pattern,
        limits: MatchLimits,
        sink: impl FnMut(PatternMatch<'g>) -> ControlFlow<()>,
    ) -> Result<Ended> {
        if pattern.vars.is_empty() || pattern.vars.len() > MAX_PATTERN_VARIABLES {
            return Err(query_error(format!(
                "a pattern needs 1 to {MAX_PATTERN_VARIABLES} variables, got {}",
                pattern.vars.len()
            )));
        }
        for edge in &pattern.edges {
            edge.filter.check(self)?;
        }
        let position = |name: &str| {
            pattern
                .vars
                .iter()
                .position(|v| v.name == name)
                .ok_or_else(|| {
                    query_error(format!(
                        "edge names undeclared variable {}",
                        crate::error::shown(name)
                    ))
                })
        };
        for (i, v) in pattern.vars.iter().enumerate() {
            if position(&v.name)? != i {
                return Err(query_error(format!(
                    "variable {} is declared twice",
                    crate::error::shown(&v.name)
                )));
            }
        }
        let mut vars = Vec::new();
        for v in &pattern.vars {
            let node =
                match &v.id {
                    None => None,
                    Some(id) => Some(self.node_of(id.as_str()).ok_or_else(|| {
                        Error::new(ErrorKind::UnknownEntity { id: id.to_string() })
                    })?),
                };
            vars.push((v.kinds, node));
        }
        let reversed: Vec<RelationFilter> =
            pattern.edges.iter().map(|e| reverse(&e.filter)).collect();
        let mut edges = Vec::new();
        for (e, back) in pattern.edges.iter().zip(&reversed) {
            edges.push(CompiledEdge {
                from: position(&e.from)?,
                to: position(&e.to)?,
                filter: e.filter.compile(self),
                reversed: back.compile(self),
            });
        }
        let mut m = Matcher {
            graph: self,
            vars,
            edges,
            bound: Vec::new(),
            limits,
            steps: 0,
            names: pattern.vars.iter().map(|v| v.name.clone()).collect(),
            sink,
            ended: Ended::Complete,
        };
        m.bind(0);
        Ok(m.ended)
    }
}
