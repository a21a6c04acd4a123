//! Counting routes: distinct sequences of entities, each hop joined by at least one relation
//! that passes the filter, so parallel relations do not multiply them.
//!
//! A depth-first search from the start over distinct neighbours, with the last hop answered
//! by a mark: the entities with a passing relation into the end are marked once, so a route's
//! final hop costs one array read instead of a walk of the adjacency.
//!
//! Complexity: O(d^(H−1)) steps for hop limit H and degree d (one level less than plain
//! enumeration), O(n) reused memory.

use super::Budget;
use crate::filter::{Compiled, Direction, RelationFilter};
use crate::graph::Graph;
use crate::scratch::Scratch;

struct Counter<'a, 'g> {
    graph: &'g Graph,
    filter: Compiled<'a>,
    to: usize,
    /// `reached(x)`: x has a passing relation into `to`. Tags deduplicate neighbours.
    marks: Scratch,
    path: Vec<usize>,
    /// Per depth, the distinct neighbours to visit (collected before any is visited, so a
    /// deeper level's tags cannot hide a parallel relation).
    levels: Vec<Vec<usize>>,
    /// One step a relation examined.
    budget: Budget,
}

impl Counter<'_, '_> {
    /// Routes that continue from `x` (the path's last entity) with at most `left` more hops.
    fn count(&mut self, x: usize, left: usize) -> u64 {
        let mut routes = u64::from(self.marks.reached(x));
        if left < 2 {
            return routes;
        }
        let tag = self.marks.fresh_tag();
        let graph = self.graph;
        let depth = self.path.len();
        let mut next = std::mem::take(&mut self.levels[depth]);
        next.clear();
        for step in graph.steps(x, self.filter.get_direction()) {
            if !self.budget.take(1) {
                return routes;
            }
            let y = step.to;
            if y != self.to
                && !self.path.contains(&y)
                && self.filter.allows(&step)
                && self.marks.tag_once(y, tag)
            {
                next.push(y);
            }
        }
        for &y in &next {
            if self.budget.spent {
                break;
            }
            self.path.push(y);
            routes += self.count(y, left - 1);
            self.path.pop();
        }
        self.levels[depth] = next;
        routes
    }
}

fn reverse(direction: Direction) -> Direction {
    match direction {
        Direction::Outgoing => Direction::Incoming,
        Direction::Incoming => Direction::Outgoing,
        Direction::Both => Direction::Both,
    }
}

/// The number of simple routes of 1 to `max_hops` hops from `from` to `to` (distinct), or
/// `None` when `budget` ran out first.
pub(crate) fn count(
    graph: &Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    max_hops: usize,
    budget: Budget,
) -> Option<u64> {
    let filter = filter.compile(graph);
    let mut marks = graph.scratch();
    for step in graph.steps(to, reverse(filter.get_direction())) {
        // Checked as the route would take it: from the other entity into `to`.
        if step.to != to && filter.allows(&step.reversed()) {
            marks.reach_hops(step.to, 0, None);
        }
    }
    let mut counter = Counter {
        graph,
        filter,
        to,
        marks,
        path: vec![from],
        levels: vec![Vec::new(); max_hops.saturating_add(1).min(graph.node_bound() + 1)],
        budget,
    };
    let routes = if max_hops == 0 {
        0
    } else {
        counter.count(from, max_hops)
    };
    graph.give_back(counter.marks);
    (!counter.budget.spent).then_some(routes)
}
