//! Betweenness and PageRank centrality of the graph seen through a filter.
//!
//! Both read the filter's direction: [`Direction::Both`] (a filter's default) measures the
//! undirected graph, [`Direction::Outgoing`] the directed one (a symmetric kind both ways), as
//! networkx measures a `Graph` or a `DiGraph`.

use crate::error::{Error, ErrorKind, Result};
use crate::filter::{Direction, RelationFilter};
use crate::graph::Graph;
use crate::model::Entity;

/// The graph under a filter as dense adjacency: entity positions `0..n` in entity order, and
/// for each the positions one step away, once per relation (`multi`) or once per neighbour.
struct Dense {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    /// The filter's direction: `Both` is the undirected graph.
    direction: Direction,
}

impl Dense {
    fn new(graph: &Graph, filter: &RelationFilter, multi: bool) -> (Vec<usize>, Dense) {
        let compiled = filter.compile(graph);
        let direction = compiled.get_direction();
        let nodes: Vec<usize> = graph.nodes().collect();
        let mut position = vec![u32::MAX; graph.node_bound()];
        for (i, &n) in nodes.iter().enumerate() {
            // Entity counts are bounded by u32 handles in the store.
            position[n] = i as u32;
        }
        let mut offsets = Vec::with_capacity(nodes.len() + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for &u in &nodes {
            let start = targets.len();
            for s in graph.steps(u, direction) {
                if compiled.allows(&s) && (multi || s.to != u) {
                    targets.push(position[s.to]);
                }
            }
            if !multi {
                targets[start..].sort_unstable();
                let mut kept = start;
                for i in start..targets.len() {
                    if i == start || targets[i] != targets[kept - 1] {
                        targets[kept] = targets[i];
                        kept += 1;
                    }
                }
                targets.truncate(kept);
            }
            offsets.push(targets.len());
        }
        (
            nodes,
            Dense {
                offsets,
                targets,
                direction,
            },
        )
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn next(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }
}

/// How [`Graph::betweenness`] scales its scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct BetweennessOptions {
    /// Divide by the number of ordered pairs of other entities, (n − 1)(n − 2), so scores lie
    /// in 0 … 1 (default; networkx's `normalized=True`). Unnormalised, the undirected score
    /// counts each unordered pair once.
    pub normalized: bool,
}

impl Default for BetweennessOptions {
    fn default() -> Self {
        BetweennessOptions { normalized: true }
    }
}

impl BetweennessOptions {
    /// Normalised scores (see [`BetweennessOptions::normalized`]).
    pub fn new() -> BetweennessOptions {
        BetweennessOptions::default()
    }

    /// Whether to normalise.
    pub fn normalized(mut self, normalized: bool) -> Self {
        self.normalized = normalized;
        self
    }
}

/// The settings of [`Graph::pagerank`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PageRankOptions {
    /// The probability of following a relation rather than jumping to any entity
    /// (default 0.85); in 0 … 1, 1 excluded.
    pub damping: f64,
    /// Stop when the scores move less than this in sum (L1) in one iteration (default
    /// 1e-12).
    pub tolerance: f64,
    /// Give up after this many iterations (default 1,000): an error, never an unconverged
    /// answer. With damping d the error shrinks by d an iteration, so 0.85 needs about 170.
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            damping: 0.85,
            tolerance: 1e-12,
            max_iterations: 1000,
        }
    }
}

impl PageRankOptions {
    /// The defaults (networkx's damping, a tighter tolerance).
    pub fn new() -> PageRankOptions {
        PageRankOptions::default()
    }

    /// The damping factor.
    pub fn damping(mut self, damping: f64) -> Self {
        self.damping = damping;
        self
    }

    /// The convergence tolerance (L1 change an iteration).
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The iteration bound.
    pub fn max_iterations(mut self, max_iterations: usize) -> Self {
        self.max_iterations = max_iterations;
        self
    }
}

fn invalid(value: f64, field: &str, expected: &str) -> Error {
    Error::new(ErrorKind::InvalidQuery {
        reason: format!("{field} {value} is not {expected}"),
    })
}

impl Graph {
    /// Every entity's betweenness centrality under `filter`, in entity order: the share of
    /// shortest routes (fewest relations) between other entities that pass through it, each
    /// pair's routes weighted equally (Brandes' algorithm, as networkx's
    /// `betweenness_centrality`). Routes are entity sequences: parallel relations do not
    /// multiply them, and self-loops play no part. The filter's direction decides whether
    /// routes follow relations' directions: [`Direction::Both`] (the default) measures the
    /// undirected graph, as networkx's `Graph`; [`Direction::Outgoing`] the directed one, a
    /// symmetric kind both ways, as a `DiGraph`.
    ///
    /// # Errors
    /// As [`RelationFilter::check`].
    ///
    /// # Complexity
    /// O(n·m) time and O(n + m) memory: one breadth-first search from each entity.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, BetweennessOptions, RelationFilter, RelationKind};
    /// let g = datasets::us_korea_2011();
    /// let tensions = RelationFilter::new().kinds([RelationKind::TENSION]);
    /// let scores = g.betweenness(&tensions, BetweennessOptions::new())?;
    /// let top = scores.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    /// assert_eq!(top.0.id, "KOR"); // Seoul stands between Washington and the North
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn betweenness(
        &self,
        filter: &RelationFilter,
        options: BetweennessOptions,
    ) -> Result<Vec<(&Entity, f64)>> {
        filter.check(self)?;
        let (nodes, dense) = Dense::new(self, filter, false);
        let n = dense.len();
        let mut score = vec![0.0f64; n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![u32::MAX; n];
        let mut delta = vec![0.0f64; n];
        let mut order: Vec<u32> = Vec::with_capacity(n);
        for s in 0..n {
            for &v in &order {
                sigma[v as usize] = 0.0;
                dist[v as usize] = u32::MAX;
                delta[v as usize] = 0.0;
            }
            order.clear();
            sigma[s] = 1.0;
            dist[s] = 0;
            order.push(s as u32);
            let mut head = 0;
            while head < order.len() {
                let v = order[head] as usize;
                head += 1;
                for &w in dense.next(v) {
                    let w = w as usize;
                    if dist[w] == u32::MAX {
                        dist[w] = dist[v] + 1;
                        order.push(w as u32);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                    }
                }
            }
            // Dependencies in reverse breadth-first order, through successors on shortest
            // routes (no predecessor lists needed).
            for &v in order.iter().rev() {
                let v = v as usize;
                let mut d = 0.0;
                for &w in dense.next(v) {
                    let w = w as usize;
                    if dist[w] == dist[v] + 1 {
                        d += sigma[v] / sigma[w] * (1.0 + delta[w]);
                    }
                }
                delta[v] = d;
                if v != s {
                    score[v] += d;
                }
            }
        }
        let undirected = dense.direction == Direction::Both;
        let scale = if options.normalized {
            (n > 2).then(|| 1.0 / ((n - 1) * (n - 2)) as f64)
        } else {
            undirected.then_some(0.5)
        };
        if let Some(scale) = scale {
            score.iter_mut().for_each(|x| *x *= scale);
        }
        Ok(nodes
            .iter()
            .zip(score)
            .map(|(&node, x)| (self.entity_at(node), x))
            .collect())
    }

    /// Every entity's PageRank under `filter`, in entity order, summing to 1: the long-run
    /// share of a walk that follows a passing relation with probability `damping` and
    /// otherwise jumps to any entity (as networkx's `pagerank` on a multigraph). Each relation
    /// counts once, so parallel relations carry more; an entity with no way out spreads its
    /// share evenly. The filter's direction decides which way relations carry rank:
    /// [`Direction::Both`] (the default) both ways, [`Direction::Outgoing`] from source to
    /// target (a symmetric kind both ways).
    ///
    /// # Errors
    /// As [`RelationFilter::check`]; [`ErrorKind::InvalidQuery`] for a damping outside
    /// 0 … 1 (1 excluded) or a tolerance that is not positive; [`ErrorKind::NotConverged`]
    /// when `max_iterations` pass first.
    ///
    /// # Complexity
    /// O((n + m)·k) time for k iterations, O(n + m) memory.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Direction, PageRankOptions, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let ranks = g.pagerank(&RelationFilter::new(), PageRankOptions::new())?;
    /// let total: f64 = ranks.iter().map(|(_, x)| x).sum();
    /// assert!((total - 1.0).abs() < 1e-9);
    /// let top = ranks.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    /// assert_eq!(top.0.id, "PRK"); // the article is about Pyongyang more than anyone
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pagerank(
        &self,
        filter: &RelationFilter,
        options: PageRankOptions,
    ) -> Result<Vec<(&Entity, f64)>> {
        filter.check(self)?;
        let PageRankOptions {
            damping,
            tolerance,
            max_iterations,
        } = options;
        if !(0.0..1.0).contains(&damping) {
            return Err(invalid(damping, "damping", "in 0 … 1 (1 excluded)"));
        }
        if !(tolerance > 0.0 && tolerance.is_finite()) {
            return Err(invalid(tolerance, "tolerance", "positive and finite"));
        }
        let (nodes, dense) = Dense::new(self, filter, true);
        let n = dense.len();
        if n == 0 {
            return Ok(Vec::new());
        }
        let uniform = 1.0 / n as f64;
        let mut rank = vec![uniform; n];
        let mut next = vec![0.0f64; n];
        for _ in 0..max_iterations {
            let mut dangling = 0.0;
            next.iter_mut().for_each(|x| *x = 0.0);
            for (u, &r) in rank.iter().enumerate() {
                let out = dense.next(u);
                if out.is_empty() {
                    dangling += r;
                } else {
                    let share = damping * r / out.len() as f64;
                    for &v in out {
                        next[v as usize] += share;
                    }
                }
            }
            let jump = (1.0 - damping + damping * dangling) * uniform;
            let mut change = 0.0;
            for (x, old) in next.iter_mut().zip(&rank) {
                *x += jump;
                change += (*x - old).abs();
            }
            std::mem::swap(&mut rank, &mut next);
            if change < tolerance {
                return Ok(nodes
                    .iter()
                    .zip(rank)
                    .map(|(&node, x)| (self.entity_at(node), x))
                    .collect());
            }
        }
        Err(Error::new(ErrorKind::NotConverged {
            what: "PageRank",
            iterations: max_iterations,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityKind, Relation, RelationKind};

    fn star_and_tail() -> Graph {
        // a – b – c – d, and b – e: b and c lie on routes between others.
        let mut g = Graph::new();
        for id in ["a", "b", "c", "d", "e"] {
            g.add_entity(Entity::new(id, EntityKind::State, id))
                .unwrap();
        }
        for (i, (x, y)) in [("a", "b"), ("b", "c"), ("c", "d"), ("b", "e"), ("a", "b")]
            .into_iter()
            .enumerate()
        {
            g.add_relation(Relation::new(format!("r{i}"), RelationKind::SUPPORTS, x, y))
                .unwrap();
        }
        g
    }

    #[test]
    fn betweenness_counts_routes_through_each_entity() {
        let g = star_and_tail();
        let raw = g
            .betweenness(
                &RelationFilter::new(),
                BetweennessOptions::new().normalized(false),
            )
            .unwrap();
        let got: Vec<(&str, f64)> = raw.iter().map(|(e, x)| (e.id.as_str(), *x)).collect();
        // Undirected: b is between a and c, d, e, and between e and c, d (5 pairs); c between
        // d and a, b, e (3 pairs). The parallel a–b relation changes nothing.
        assert_eq!(
            got,
            [("a", 0.0), ("b", 5.0), ("c", 3.0), ("d", 0.0), ("e", 0.0)]
        );
        // Directed (all relations point away from a): b lies on a→c, a→d, a→e; c on a→d, b→d.
        let directed = RelationFilter::new().direction(Direction::Outgoing);
        let raw = g
            .betweenness(&directed, BetweennessOptions::new().normalized(false))
            .unwrap();
        let got: Vec<f64> = raw.iter().map(|(_, x)| *x).collect();
        assert_eq!(got, [0.0, 3.0, 2.0, 0.0, 0.0]);
        let normal = g.betweenness(&directed, BetweennessOptions::new()).unwrap();
        assert_eq!(normal[1].1, 3.0 / 12.0);
    }

    #[test]
    fn pagerank_sums_to_one_weights_parallel_relations_and_checks_its_options() {
        let g = star_and_tail();
        let ranks = g
            .pagerank(&RelationFilter::new(), PageRankOptions::new())
            .unwrap();
        let total: f64 = ranks.iter().map(|(_, x)| x).sum();
        assert!((total - 1.0).abs() < 1e-12);
        // b has four relations (two of them to a): it ranks first, and a above d and e.
        let by_id = |id: &str| ranks.iter().find(|(e, _)| e.id == id).unwrap().1;
        assert!(by_id("b") > by_id("a") && by_id("a") > by_id("d"));
        for bad in [1.0, -0.1, f64::NAN] {
            let err = g
                .pagerank(&RelationFilter::new(), PageRankOptions::new().damping(bad))
                .unwrap_err();
            assert!(err.to_string().contains("damping"), "{err}");
        }
        let err = g
            .pagerank(
                &RelationFilter::new(),
                PageRankOptions::new().max_iterations(3),
            )
            .unwrap_err();
        assert!(err.to_string().contains("3 iterations"), "{err}");
    }
}
