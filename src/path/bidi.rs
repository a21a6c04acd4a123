//! Fewest-hop paths searched from both ends at once.
//!
//! A breadth-first search grows from the start along the filter's direction and another from
//! the end against it, one whole level at a time, always the smaller frontier next. The first
//! level in which the two meet holds the shortest paths, and every meeting in it has the same
//! length, so the first one found ends the search. The backward search checks each
//! relation exactly as the forward search would take it, so both apply the same filter.
//!
//! Complexity: O(b^(d/2)) expansions for branching factor b and distance d, against O(b^d)
//! from one end; memory for what the two searches reach, not for the whole graph.

use std::collections::BinaryHeap;

use crate::filter::Direction;
use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::scratch::Scratch;
use crate::store::{Step, Store};

use super::engine::Stats;

/// One side of the breadth-first search: what it reached (dense arrays reused across
/// searches, see [`crate::scratch`]), its frontier and its depth.
struct Side {
    seen: Scratch,
    frontier: Vec<usize>,
    depth: u32,
}

impl Side {
    fn new(graph: &Graph, root: usize) -> Side {
        let mut seen = graph.scratch();
        seen.reach_hops(root, 0, None);
        Side {
            seen,
            frontier: vec![root],
            depth: 0,
        }
    }
}

fn reverse(direction: Direction) -> Direction {
    match direction {
        Direction::Outgoing => Direction::Incoming,
        Direction::Incoming => Direction::Outgoing,
        Direction::Both => Direction::Both,
    }
}

/// A step as the forward search takes it: itself on the forward side; on the backward side,
/// the same relation walked the other way.
fn as_taken(s: Step<'_>, forward: bool) -> Step<'_> {
    if forward { s } else { s.reversed() }
}

/// The fewest-hop path from `from` to `to` (distinct) of at most `max_hops` hops, as forward
/// steps.
pub(crate) fn shortest<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    max_hops: usize,
) -> (Option<Vec<Step<'g>>>, Stats) {
    let filter = filter.compile(graph);
    let mut fwd = Side::new(graph, from);
    let mut bwd = Side::new(graph, to);
    let mut reached = 2;
    let mut best: Option<(u32, usize)> = None; // (length, meeting entity)
    let mut next = Vec::new();
    while best.is_none()
        && !fwd.frontier.is_empty()
        && !bwd.frontier.is_empty()
        && ((fwd.depth + bwd.depth) as usize) < max_hops
    {
        let forward = fwd.frontier.len() <= bwd.frontier.len();
        let (this, other) = if forward {
            (&mut fwd, &bwd)
        } else {
            (&mut bwd, &fwd)
        };
        let direction = if forward {
            filter.get_direction()
        } else {
            reverse(filter.get_direction())
        };
        next.clear();
        'level: for &u in &this.frontier {
            for s in graph.steps(u, direction) {
                let v = s.to;
                if v == u || this.seen.reached(v) {
                    continue;
                }
                let taken = as_taken(s, forward);
                if !filter.allows(&taken) {
                    continue;
                }
                this.seen
                    .reach_hops(v, this.depth + 1, Some((taken.slot, taken.forward)));
                next.push(v);
                match other.seen.hops(v) {
                    None => reached += 1,
                    Some(there) => {
                        // Every meeting in this level has the same length (the other side
                        // holds all entities within its depth, and none met earlier), so
                        // the first one found is the answer.
                        let length = this.depth + 1 + there;
                        if (length as usize) <= max_hops {
                            best = Some((length, v));
                            break 'level;
                        }
                    }
                }
            }
        }
        std::mem::swap(&mut this.frontier, &mut next);
        this.depth += 1;
    }
    let stats = Stats {
        reached,
        deepest: fwd.depth.max(bwd.depth) as usize,
    };
    let path = best.map(|(_, meet)| join(graph.store(), meet, &fwd.seen, &bwd.seen));
    graph.give_back(fwd.seen);
    graph.give_back(bwd.seen);
    (path, stats)
}

/// The whole path through `meet`: the forward tree's steps from the start to it, then the
/// backward tree's from it to the end.
fn join<'g>(store: &'g Store, meet: usize, forward: &Scratch, backward: &Scratch) -> Vec<Step<'g>> {
    let mut path = Vec::new();
    let mut at = meet;
    // Parents are relations the search just took; the graph is borrowed, so they are live.
    let step = |(slot, fw)| Step::new(store, slot, fw).expect("a parent relation is live");
    while let Some(parent) = forward.parent(at) {
        let step = step(parent);
        path.push(step);
        at = step.from;
    }
    path.reverse();
    let mut at = meet;
    while let Some(parent) = backward.parent(at) {
        let step = step(parent);
        path.push(step);
        at = step.to;
    }
    path
}

/// A heap entry: smallest distance first, then first pushed.
#[derive(PartialEq)]
struct Queued {
    dist: f64,
    order: usize,
    node: usize,
}

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .dist
            .total_cmp(&self.dist)
            .then(other.order.cmp(&self.order))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// One side of the bidirectional Dijkstra search: tentative distances, parents and what is
/// settled (dense arrays reused across searches), and its heap.
struct Weighted {
    state: Scratch,
    heap: BinaryHeap<Queued>,
}

impl Weighted {
    fn new(graph: &Graph, root: usize) -> Self {
        let mut state = graph.scratch();
        state.reach(root, 0.0, None);
        Weighted {
            state,
            heap: BinaryHeap::from([Queued {
                dist: 0.0,
                order: 0,
                node: root,
            }]),
        }
    }

    fn top(&self) -> f64 {
        self.heap.peek().map_or(f64::INFINITY, |q| q.dist)
    }
}

/// The cheapest path from `from` to `to` (distinct), `cost(relation)` giving each relation's
/// non-negative cost (`None`: impassable), searched from both ends: each side settles its
/// nearest entity in turn, the side with the smaller heap first, and the search stops once the
/// two frontier distances add up to no less than the best meeting found.
///
/// Complexity: O((n + m) log n) in the worst case, usually far less than from one end.
pub(crate) fn cheapest<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    cost: &dyn Fn(&Step<'g>) -> Option<f64>,
) -> (Option<(Vec<Step<'g>>, f64)>, Stats) {
    let filter = filter.compile(graph);
    let mut fwd = Weighted::new(graph, from);
    let mut bwd = Weighted::new(graph, to);
    let mut best = f64::INFINITY;
    let mut meet = None;
    let mut order = 1;
    let mut reached = 0;
    while fwd.top() + bwd.top() < best {
        // The side with the smaller heap goes next: on heavy-tailed graphs the side that
        // starts at a low-degree entity stays small. Any order is exact under this stop rule.
        let forward = if fwd.heap.is_empty() || bwd.heap.is_empty() {
            !fwd.heap.is_empty()
        } else {
            fwd.heap.len() <= bwd.heap.len()
        };
        let (this, other) = if forward {
            (&mut fwd, &bwd)
        } else {
            (&mut bwd, &fwd)
        };
        let Some(Queued { node: u, .. }) = this.heap.pop() else {
            break;
        };
        if !this.state.settle(u) {
            continue;
        }
        reached += 1;
        let direction = if forward {
            filter.get_direction()
        } else {
            reverse(filter.get_direction())
        };
        let here = this.state.dist(u);
        for s in graph.steps(u, direction) {
            let v = s.to;
            if v == u || this.state.settled(v) {
                continue;
            }
            let taken = as_taken(s, forward);
            if !filter.allows(&taken) {
                continue;
            }
            let Some(w) = cost(&s) else {
                continue;
            };
            let d = here + w;
            if d < this.state.dist(v) {
                this.state.reach(v, d, Some((taken.slot, taken.forward)));
                this.heap.push(Queued {
                    dist: d,
                    order,
                    node: v,
                });
                order += 1;
                let through = d + other.state.dist(v);
                if through < best {
                    best = through;
                    meet = Some(v);
                }
            }
        }
    }
    let stats = Stats {
        reached,
        deepest: 0,
    };
    let found = meet.map(|meet| (join(graph.store(), meet, &fwd.state, &bwd.state), best));
    graph.give_back(fwd.state);
    graph.give_back(bwd.state);
    (found, stats)
}
