//! The frustration index: the fewest edges whose removal (or sign change) makes a signed
//! network balanced, with the split into two factions that achieves it.
//!
//! Exact search: branch and bound over the two sides of each entity. Entities are taken in
//! an order that keeps the assigned part connected (most edges to the assigned part first),
//! the first entity of each connected part is fixed to the first side (the two sides are
//! symmetric), the side with fewer new frustrated edges is tried first, and a branch is cut
//! when its frustrated edges plus, for every unassigned entity, the fewer frustrated edges
//! it must add to the assigned part, reach the best split found so far. The heuristic's
//! answer seeds that best split.
//!
//! Heuristic: seeded multi-start local search. Each start (a breadth-first two-colouring
//! from a different root, or a random split) is improved by moving single entities to the
//! other side while that frustrates fewer edges; the best split over all starts is kept. It
//! is deterministic for a seed and reports an upper bound.

use crate::id::EntityId;

use super::{SignedEdge, SignedView};

/// Bounds and seed for [`SignedView::frustration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrustrationOptions {
    /// The largest view (in entities) the exact search is tried on.
    pub exact_max_entities: usize,
    /// The most branch-and-bound nodes the exact search may visit before it gives up and
    /// reports the heuristic's upper bound.
    pub exact_budget: u64,
    /// The seed of the heuristic's random starts.
    pub seed: u64,
    /// How many starts the heuristic makes.
    pub restarts: usize,
}

impl Default for FrustrationOptions {
    /// Exact up to 64 entities within 50 million search nodes; 16 heuristic starts, seed 1.
    fn default() -> Self {
        FrustrationOptions {
            exact_max_entities: 64,
            exact_budget: 50_000_000,
            seed: 1,
            restarts: 16,
        }
    }
}

/// A frustration index with the split that achieves it.
#[derive(Debug, Clone, PartialEq)]
pub struct Frustration<'v> {
    /// The number of frustrated edges, L.
    pub index: usize,
    /// Whether `index` is proven minimal (otherwise it is an upper bound).
    pub exact: bool,
    /// A proven lower bound on the index: `index` itself when exact; otherwise the larger of
    /// what the branch and bound proved before its budget ran out (no split in the part it
    /// left unexplored frustrates fewer) and a packing of edge-disjoint unbalanced triangles
    /// (each needs one frustrated edge). The true index lies in `lower_bound ..= index`.
    pub lower_bound: usize,
    /// 1 − 2L/m for m edges (1 when there are no edges): 1 is balanced, 0 as frustrated as
    /// a random split.
    pub score: f64,
    /// One faction, in entity order (holding the view's first entity).
    pub first: Vec<&'v EntityId>,
    /// The other faction, in entity order.
    pub second: Vec<&'v EntityId>,
    /// The frustrated edges: positive edges across the factions and negative edges inside
    /// one, in the view's edge order.
    pub frustrated: Vec<&'v SignedEdge>,
}

/// SplitMix64: a small, fully specified generator, so the heuristic's answer never depends on
/// a library's version.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl SignedView {
    fn is_frustrated(&self, edge: usize, side: &[bool]) -> bool {
        let (a, b) = self.ends[edge];
        (side[a] == side[b]) != (self.sign_of(edge) > 0)
    }

    fn count_frustrated(&self, side: &[bool]) -> usize {
        (0..self.edges.len())
            .filter(|&e| self.is_frustrated(e, side))
            .count()
    }

    /// Edge-disjoint unbalanced triangles, taken greedily in the census's order: each needs
    /// a frustrated edge of its own, so their number bounds the index from below.
    fn triangle_packing(&self) -> usize {
        let mut used = vec![false; self.edges.len()];
        let mut packed = 0;
        self.for_each_triangle(|_, edges| {
            let negatives = edges.iter().filter(|&&e| self.sign_of(e) < 0).count();
            if negatives % 2 == 1 && edges.iter().all(|&e| !used[e]) {
                for e in edges {
                    used[e] = true;
                }
                packed += 1;
            }
        });
        packed
    }

    fn report(&self, side: &[bool], exact: bool, proven: usize) -> Frustration<'_> {
        // Orient the split so that the first entity is in `first`.
        let flip = side.first().is_some_and(|s| !s);
        let pick = |want: bool| {
            (0..self.nodes.len())
                .filter(|&i| (side[i] != flip) == want)
                .map(|i| &self.nodes[i])
                .collect()
        };
        let frustrated: Vec<&SignedEdge> = (0..self.edges.len())
            .filter(|&e| self.is_frustrated(e, side))
            .map(|e| &self.edges[e])
            .collect();
        let m = self.edges.len();
        let exact = exact || frustrated.is_empty();
        let lower_bound = if exact {
            frustrated.len()
        } else {
            proven.max(self.triangle_packing()).min(frustrated.len())
        };
        Frustration {
            index: frustrated.len(),
            exact,
            lower_bound,
            score: if m == 0 {
                1.0
            } else {
                1.0 - 2.0 * frustrated.len() as f64 / m as f64
            },
            first: pick(true),
            second: pick(false),
            frustrated,
        }
    }

    /// The frustration index: exact when the view has at most
    /// `options.exact_max_entities` entities and the branch and bound finishes within
    /// `options.exact_budget` nodes, otherwise the heuristic's upper bound (see
    /// [`Frustration::exact`]).
    ///
    /// # Complexity
    /// Exact: exponential in the worst case, cut by the bound and the budget; in practice
    /// milliseconds for sparse networks of 30 to 40 entities (see the `frustration` bench).
    /// Heuristic: O(restarts · passes · (n + m)).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{FrustrationOptions, PairRule, Polarity::*, SignedView};
    /// let names = ["a", "b", "c", "d", "e"];
    /// let mut edges = Vec::new();
    /// for i in 0..5 {
    ///     for j in i + 1..5 {
    ///         let sign = if (i, j) == (0, 1) { Negative } else { Positive };
    ///         edges.push((names[i], names[j], sign));
    ///     }
    /// }
    /// let k5 = SignedView::from_edges(&names, &edges, PairRule::AnyNegative)?;
    /// let f = k5.frustration(&FrustrationOptions::default());
    /// assert_eq!((f.index, f.exact, f.score), (1, true, 0.8));
    /// assert_eq!(k5.census().balance(), 0.7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frustration(&self, options: &FrustrationOptions) -> Frustration<'_> {
        let (mut best, mut best_cost) = self.local_search(options.seed, options.restarts);
        if best_cost == 0 {
            return self.report(&best, true, 0);
        }
        if self.nodes.len() > options.exact_max_entities {
            return self.report(&best, false, 0);
        }
        let (exact, proven) =
            self.branch_and_bound(&mut best, &mut best_cost, options.exact_budget);
        self.report(&best, exact, proven)
    }

    /// The heuristic alone: seeded multi-start local search, an upper bound on the index
    /// (`exact` only when it finds a balanced split).
    ///
    /// # Complexity
    /// O(restarts · passes · (n + m)); each pass moves every entity that gains, and passes
    /// stop when none does.
    pub fn frustration_heuristic(&self, seed: u64, restarts: usize) -> Frustration<'_> {
        let (best, _) = self.local_search(seed, restarts);
        self.report(&best, false, 0)
    }

    fn local_search(&self, seed: u64, restarts: usize) -> (Vec<bool>, usize) {
        let n = self.nodes.len();
        let mut rng = SplitMix(seed);
        let mut best = vec![true; n];
        let mut best_cost = self.count_frustrated(&best);
        for start in 0..restarts.max(1) {
            let mut side = if start % 2 == 0 && n > 0 {
                let root = if start == 0 {
                    0
                } else {
                    (rng.next() % n as u64) as usize
                };
                self.colour(root, false).side
            } else {
                (0..n).map(|_| rng.next() & 1 == 1).collect()
            };
            self.improve(&mut side);
            let cost = self.count_frustrated(&side);
            if cost < best_cost {
                best = side;
                best_cost = cost;
            }
        }
        (best, best_cost)
    }

    /// Moves single entities to the other side while that frustrates fewer edges.
    fn improve(&self, side: &mut [bool]) {
        loop {
            let mut moved = false;
            for u in 0..self.nodes.len() {
                let mut gain: isize = 0;
                for (_, e) in self.adjacent(u) {
                    gain += if self.is_frustrated(e, side) { 1 } else { -1 };
                }
                if gain > 0 {
                    side[u] = !side[u];
                    moved = true;
                }
            }
            if !moved {
                return;
            }
        }
    }

    /// Branch and bound; improves `best` in place. Returns whether it finished within the
    /// budget (so `best` is optimal), and the lower bound it proved: the best cost, or, when
    /// the budget ran out, the least bound of the branches it left open if lower.
    fn branch_and_bound(
        &self,
        best: &mut Vec<bool>,
        best_cost: &mut usize,
        budget: u64,
    ) -> (bool, usize) {
        let n = self.nodes.len();
        let order = self.search_order();
        let mut search = Search {
            view: self,
            order,
            assigned: vec![None; n],
            // cost[v][s]: frustrated edges between v and the assigned part if v takes side s.
            cost: vec![[0usize; 2]; n],
            slack: 0,
            frustrated: 0,
            visited: 0,
            budget,
            open: usize::MAX,
            best,
            best_cost,
        };
        let finished = search.descend(0);
        let proven = (*search.best_cost).min(search.open);
        (finished, proven)
    }

    /// Entities in an order that keeps the assigned part connected: most edges to the
    /// assigned part first, then highest degree, then view order.
    fn search_order(&self) -> Vec<usize> {
        let n = self.nodes.len();
        let mut links = vec![0usize; n];
        let mut done = vec![false; n];
        let mut order = Vec::with_capacity(n);
        for _ in 0..n {
            let next = (0..n)
                .filter(|&v| !done[v])
                .max_by_key(|&v| (links[v], self.degree(v), std::cmp::Reverse(v)));
            let Some(v) = next else { break };
            done[v] = true;
            order.push(v);
            for (w, _) in self.adjacent(v) {
                links[w] += 1;
            }
        }
        order
    }
}

struct Search<'a> {
    view: &'a SignedView,
    order: Vec<usize>,
    assigned: Vec<Option<bool>>,
    cost: Vec<[usize; 2]>,
    /// Σ over unassigned entities of min(cost[v][0], cost[v][1]).
    slack: usize,
    frustrated: usize,
    visited: u64,
    budget: u64,
    /// The least bound (frustrated + slack) of a branch left unexplored when the budget ran
    /// out: every split in those branches frustrates at least this many edges.
    open: usize,
    best: &'a mut Vec<bool>,
    best_cost: &'a mut usize,
}

impl Search<'_> {
    /// Whether edge `e` from an entity on side `s` to one on side `t` is frustrated.
    fn frustrates(&self, e: usize, s: bool, t: bool) -> bool {
        (s == t) != (self.view.sign_of(e) > 0)
    }

    fn assign(&mut self, v: usize, s: bool) {
        self.assigned[v] = Some(s);
        let [c0, c1] = self.cost[v];
        self.slack -= c0.min(c1);
        self.frustrated += self.cost[v][usize::from(s)];
        for (w, e) in self.view.adjacent(v) {
            if self.assigned[w].is_none() {
                let before = self.cost[w][0].min(self.cost[w][1]);
                for t in [false, true] {
                    self.cost[w][usize::from(t)] += usize::from(self.frustrates(e, s, t));
                }
                self.slack += self.cost[w][0].min(self.cost[w][1]) - before;
            }
        }
    }

    fn unassign(&mut self, v: usize, s: bool) {
        for (w, e) in self.view.adjacent(v) {
            if self.assigned[w].is_none() {
                let before = self.cost[w][0].min(self.cost[w][1]);
                for t in [false, true] {
                    self.cost[w][usize::from(t)] -= usize::from(self.frustrates(e, s, t));
                }
                self.slack -= before - self.cost[w][0].min(self.cost[w][1]);
            }
        }
        self.frustrated -= self.cost[v][usize::from(s)];
        let [c0, c1] = self.cost[v];
        self.slack += c0.min(c1);
        self.assigned[v] = None;
    }

    /// Returns false once the budget is spent.
    fn descend(&mut self, depth: usize) -> bool {
        self.visited += 1;
        if self.visited > self.budget {
            self.open = self.open.min(self.frustrated + self.slack);
            return false;
        }
        if self.frustrated + self.slack >= *self.best_cost {
            return true;
        }
        if depth == self.order.len() {
            *self.best_cost = self.frustrated;
            for (b, a) in self.best.iter_mut().zip(&self.assigned) {
                *b = a.unwrap_or(true);
            }
            return true;
        }
        let v = self.order[depth];
        let starts_part = self
            .view
            .adjacent(v)
            .all(|(w, _)| self.assigned[w].is_none());
        let sides: &[bool] = if starts_part {
            // A new connected part: its two sides are symmetric.
            &[true]
        } else if self.cost[v][1] <= self.cost[v][0] {
            &[true, false]
        } else {
            &[false, true]
        };
        for (i, &s) in sides.iter().enumerate() {
            self.assign(v, s);
            let within = self.descend(depth + 1);
            self.unassign(v, s);
            if !within {
                // The sides not tried here stay open: note their bounds.
                for &t in &sides[i + 1..] {
                    self.assign(v, t);
                    self.open = self.open.min(self.frustrated + self.slack);
                    self.unassign(v, t);
                }
                return false;
            }
        }
        true
    }
}
