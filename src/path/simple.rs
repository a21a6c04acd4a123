//! All simple paths up to a length, shortest first, by iterative deepening.
//!
//! For each length L from 1 to the hop limit, a depth-first search takes relations in graph
//! order and hands over the paths of exactly L hops that end at the target; parallel
//! relations give distinct paths. It stops when the caller's sink says so (the collecting
//! caller asks one more than it returns, to know whether more exist) or when the work budget,
//! one step a relation examined, runs out.
//!
//! Complexity: O(min(H · b^H, budget)) time for hop limit H and branching factor b; the
//! deepening stops at the first length no partial path reaches. O(n) extra memory, plus the
//! routes kept when only distinct routes are wanted.

use std::collections::HashSet;

use crate::filter::{Compiled, RelationFilter};
use crate::graph::Graph;
use crate::schema::Polarity;
use crate::store::Step;

use super::Budget;
use super::engine::Limits;

struct Dfs<'a, 'g, F> {
    graph: &'g Graph,
    filter: Compiled<'a>,
    to: usize,
    length: usize,
    hostile_limit: Option<usize>,
    on_path: Vec<bool>,
    path: Vec<Step<'g>>,
    /// Takes each path found; false stops the search.
    sink: F,
    /// With distinct routes: the entity sequences of the paths kept so far.
    routes: Option<HashSet<Vec<usize>>>,
    /// One step a relation examined.
    budget: Budget,
    /// Whether some partial path reached the current length: if none did, no longer one can.
    reached: bool,
}

impl<'g, F: FnMut(&[Step<'g>]) -> bool> Dfs<'_, 'g, F> {
    /// Extends the current path from `node`; returns false once the sink or the budget
    /// stops the search.
    fn extend(&mut self, node: usize, hostile: usize) -> bool {
        if self.path.len() == self.length {
            self.reached = true;
            if node == self.to {
                if let Some(routes) = &mut self.routes {
                    let route: Vec<usize> = self.path.iter().map(|s| s.to).collect();
                    if !routes.insert(route) {
                        return true; // a parallel relation: the same route
                    }
                }
                return (self.sink)(&self.path);
            }
            return true;
        }
        if node == self.to {
            // A simple path cannot pass through its own end.
            return true;
        }
        let graph = self.graph;
        for step in graph.steps(node, self.filter.get_direction()) {
            if !self.budget.take(1) {
                return false;
            }
            if self.on_path[step.to] || !self.filter.allows(&step) {
                continue;
            }
            let hostile_next = hostile + usize::from(step.polarity() == Polarity::Negative);
            if self.hostile_limit.is_some_and(|k| hostile_next > k) {
                continue;
            }
            self.on_path[step.to] = true;
            self.path.push(step);
            let more = self.extend(step.to, hostile_next);
            self.path.pop();
            self.on_path[step.to] = false;
            if !more {
                return false;
            }
        }
        true
    }
}

/// Hands every simple path from `from` to `to` within `limits` to `sink`, shortest first,
/// until `sink` returns false or `budget` runs out; returns the budget as left.
#[allow(clippy::too_many_arguments)]
pub(crate) fn each_simple<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    limits: Limits,
    distinct_routes: bool,
    budget: Budget,
    sink: impl FnMut(&[Step<'g>]) -> bool,
) -> Budget {
    let longest = limits.hops.min(graph.entity_count().saturating_sub(1));
    let mut dfs = Dfs {
        graph,
        filter: filter.compile(graph),
        to,
        length: 0,
        hostile_limit: limits.hostile,
        on_path: vec![false; graph.node_bound()],
        path: Vec::new(),
        sink,
        routes: distinct_routes.then(HashSet::new),
        budget,
        reached: false,
    };
    dfs.on_path[from] = true;
    for length in 1..=longest {
        dfs.length = length;
        dfs.reached = false;
        if !dfs.extend(from, 0) || !dfs.reached {
            break; // stopped, or no path is this long, so none is longer
        }
    }
    dfs.budget
}
