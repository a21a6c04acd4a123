//! All simple paths up to a length, shortest first, by iterative deepening.
//!
//! For each length L from 1 to the hop limit, a depth-first search takes relations in graph
//! order and keeps the paths of exactly L hops that end at the target; parallel relations
//! give distinct paths. It stops once `max_paths` paths are found (the caller asks one more
//! than it returns, to know whether more exist).
//!
//! Complexity: O(H · b^H) time for hop limit H and branching factor b, O(H) extra memory.

use std::collections::HashSet;

use crate::filter::{Compiled, RelationFilter};
use crate::graph::Graph;
use crate::schema::Polarity;
use crate::store::Step;

use super::engine::Limits;

struct Dfs<'a, 'g> {
    graph: &'g Graph,
    filter: Compiled<'a>,
    to: usize,
    length: usize,
    hostile_limit: Option<usize>,
    on_path: Vec<bool>,
    path: Vec<Step<'g>>,
    found: Vec<Vec<Step<'g>>>,
    max_paths: usize,
    /// With distinct routes: the entity sequences of the paths kept so far.
    routes: Option<HashSet<Vec<usize>>>,
}

impl<'g> Dfs<'_, 'g> {
    /// Extends the current path from `node`; returns false once `max_paths` is reached.
    fn extend(&mut self, node: usize, hostile: usize) -> bool {
        if self.path.len() == self.length {
            if node == self.to {
                if let Some(routes) = &mut self.routes {
                    let route: Vec<usize> = self.path.iter().map(|s| s.to).collect();
                    if !routes.insert(route) {
                        return true; // a parallel relation: the same route
                    }
                }
                self.found.push(self.path.clone());
                return self.found.len() < self.max_paths;
            }
            return true;
        }
        if node == self.to {
            // A simple path cannot pass through its own end.
            return true;
        }
        let graph = self.graph;
        for step in graph.steps(node, self.filter.get_direction()) {
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

pub(crate) fn all_simple<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    limits: Limits,
    max_paths: usize,
    distinct_routes: bool,
) -> Vec<Vec<Step<'g>>> {
    let longest = limits.hops.min(graph.entity_count().saturating_sub(1));
    let mut dfs = Dfs {
        graph,
        filter: filter.compile(graph),
        to,
        length: 0,
        hostile_limit: limits.hostile,
        on_path: vec![false; graph.node_bound()],
        path: Vec::new(),
        found: Vec::new(),
        max_paths,
        routes: distinct_routes.then(HashSet::new),
    };
    if max_paths == 0 {
        return Vec::new();
    }
    dfs.on_path[from] = true;
    for length in 1..=longest {
        dfs.length = length;
        if !dfs.extend(from, 0) {
            break;
        }
    }
    dfs.found
}
