//! Matching small typed patterns: entity variables joined by filtered relation edges.

use std::collections::BTreeSet;
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
    /// Whether `max_matches` or `max_steps` stopped the search (more matches may exist).
    pub truncated: bool,
}

struct CompiledEdge<'a> {
    from: usize,
    to: usize,
    filter: Compiled<'a>,
    reversed: Compiled<'a>,
}

struct Matcher<'a, 'g> {
    graph: &'g Graph,
    vars: Vec<(EntityKinds, Option<usize>)>,
    edges: Vec<CompiledEdge<'a>>,
    bound: Vec<usize>,
    limits: MatchLimits,
    steps: usize,
    names: Arc<[String]>,
    out: Vec<PatternMatch<'g>>,
    truncated: bool,
}

fn query_error(reason: String) -> Error {
    Error::new(ErrorKind::InvalidQuery { reason })
}

impl<'g> Matcher<'_, 'g> {
    /// The relations from entity `a` to entity `b` that pass `filter`, in graph order.
    fn relations(&self, a: usize, b: usize, filter: &Compiled<'_>) -> Vec<RelationRef<'g>> {
        self.graph
            .steps(a, filter.get_direction())
            .filter(|s| s.to == b && filter.allows(s))
            .map(|s| s.relation())
            .collect()
    }

    /// Whether some relation from entity `a` to entity `b` passes `filter`.
    fn joined(&self, a: usize, b: usize, filter: &Compiled<'_>) -> bool {
        self.graph
            .steps(a, filter.get_direction())
            .any(|s| s.to == b && filter.allows(&s))
    }

    /// Candidate entities for variable `i`, in entity order.
    fn candidates(&self, i: usize) -> Vec<usize> {
        if let Some(node) = self.vars[i].1 {
            return vec![node];
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
            None => self.graph.nodes().collect(),
            Some((from, filter)) => {
                // Handles follow entity order.
                let nodes: BTreeSet<usize> = self
                    .graph
                    .steps(from, filter.get_direction())
                    .filter(|s| filter.allows(s))
                    .map(|s| s.to)
                    .collect();
                nodes.into_iter().collect()
            }
        }
    }

    fn bind(&mut self, i: usize) -> bool {
        if i == self.vars.len() {
            return self.emit();
        }
        for c in self.candidates(i) {
            self.steps += 1;
            if self.steps > self.limits.max_steps {
                self.truncated = true;
                return false;
            }
            if !self.vars[i].0.contains(self.graph.entity_at(c).kind) || self.bound.contains(&c) {
                continue;
            }
            self.bound.push(c);
            // A candidate is checked against the edges it closes without collecting their
            // relations: the first passing step settles it.
            let consistent = self.edges.iter().all(|e| {
                e.from.max(e.to) != i
                    || self.joined(self.bound[e.from], self.bound[e.to], &e.filter)
            });
            let more = !consistent || self.bind(i + 1);
            self.bound.pop();
            if !more {
                return false;
            }
        }
        true
    }

    /// Emits every combination of distinct relations for the bound entities.
    fn emit(&mut self) -> bool {
        let choices: Vec<Vec<RelationRef<'g>>> = self
            .edges
            .iter()
            .map(|e| self.relations(self.bound[e.from], self.bound[e.to], &e.filter))
            .collect();
        let mut pick = vec![0usize; choices.len()];
        loop {
            let relations: Vec<RelationRef<'g>> =
                pick.iter().zip(&choices).map(|(&k, c)| c[k]).collect();
            let distinct = relations
                .iter()
                .enumerate()
                .all(|(a, r)| relations[..a].iter().all(|q| !q.same_relation(r)));
            if distinct {
                if self.out.len() == self.limits.max_matches {
                    self.truncated = true;
                    return false;
                }
                self.out.push(PatternMatch {
                    names: self.names.clone(),
                    entities: self
                        .bound
                        .iter()
                        .map(|&n| self.graph.entity_at(n))
                        .collect(),
                    relations,
                });
                if self.limits.distinct_bindings {
                    return true;
                }
            }
            // Advance the odometer, last edge fastest.
            let mut k = choices.len();
            loop {
                if k == 0 {
                    return true;
                }
                k -= 1;
                pick[k] += 1;
                if pick[k] < choices[k].len() {
                    break;
                }
                pick[k] = 0;
            }
        }
    }
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
    /// O(n^k · d) candidate bindings for k variables in the worst case, cut off after
    /// `limits.max_steps`, plus the relation combinations of each match, cut off after
    /// `limits.max_matches`.
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
            out: Vec::new(),
            truncated: false,
        };
        m.bind(0);
        Ok(Matches {
            matches: m.out,
            truncated: m.truncated,
        })
    }
}
