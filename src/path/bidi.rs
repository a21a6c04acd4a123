//! Fewest-hop paths searched from both ends at once.
//!
//! A breadth-first search grows from the start along the filter's direction and another from
//! the end against it, one whole level at a time, always the smaller frontier next. The first
//! level in which the two meet holds the shortest paths; of the meetings found while finishing
//! that level, the shortest wins, the first found on a tie. The backward search checks each
//! relation exactly as the forward search would take it, so both apply the same filter.
//!
//! Complexity: O(b^(d/2)) expansions for branching factor b and distance d, against O(b^d)
//! from one end; memory for what the two searches reach, not for the whole graph.

use std::collections::HashMap;

use crate::filter::{Direction, RelationFilter};
use crate::graph::{Graph, Step};

use super::engine::Stats;

const UNSEEN: usize = usize::MAX;

/// One side of the search. Entities it reached map to their distance and the
/// forward-oriented step that joins them to its tree: a map, not an array, so that a search
/// that meets early touches only what it reached.
struct Side<'g> {
    reached: HashMap<usize, (usize, Option<Step<'g>>)>,
    frontier: Vec<usize>,
    depth: usize,
}

impl<'g> Side<'g> {
    fn new(root: usize) -> Self {
        Side {
            reached: HashMap::from([(root, (0, None))]),
            frontier: vec![root],
            depth: 0,
        }
    }

    fn dist(&self, node: usize) -> usize {
        self.reached.get(&node).map_or(UNSEEN, |r| r.0)
    }

    fn parent(&self, node: usize) -> Option<Step<'g>> {
        self.reached.get(&node).and_then(|r| r.1)
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
fn as_taken<'g>(s: &Step<'g>, forward: bool) -> Step<'g> {
    if forward {
        *s
    } else {
        Step {
            from: s.to,
            to: s.from,
            forward: !s.forward,
            ..*s
        }
    }
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
    let mut fwd = Side::new(from);
    let mut bwd = Side::new(to);
    let mut reached = 2;
    let mut best: Option<(usize, usize)> = None; // (length, meeting entity)
    let mut steps = Vec::new();
    while best.is_none()
        && !fwd.frontier.is_empty()
        && !bwd.frontier.is_empty()
        && fwd.depth + bwd.depth < max_hops
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
        let mut next = Vec::new();
        for &u in &this.frontier {
            graph.incident(u, direction, &mut steps);
            for s in &steps {
                let v = s.to;
                if v == u || this.reached.contains_key(&v) {
                    continue;
                }
                let taken = as_taken(s, forward);
                if !filter.allows(graph, &taken) {
                    continue;
                }
                this.reached.insert(v, (this.depth + 1, Some(taken)));
                next.push(v);
                let there = other.dist(v);
                if there == UNSEEN {
                    reached += 1;
                } else {
                    let length = this.depth + 1 + there;
                    if length <= max_hops && best.is_none_or(|(b, _)| length < b) {
                        best = Some((length, v));
                    }
                }
            }
        }
        this.frontier = next;
        this.depth += 1;
    }
    let stats = Stats {
        reached,
        deepest: fwd.depth.max(bwd.depth),
    };
    let Some((_, meet)) = best else {
        return (None, stats);
    };
    (
        Some(join(meet, |v| fwd.parent(v), |v| bwd.parent(v))),
        stats,
    )
}

/// The whole path through `meet`: the forward tree's steps from the start to it, then the
/// backward tree's from it to the end.
fn join<'g>(
    meet: usize,
    forward: impl Fn(usize) -> Option<Step<'g>>,
    backward: impl Fn(usize) -> Option<Step<'g>>,
) -> Vec<Step<'g>> {
    let mut path = Vec::new();
    let mut at = meet;
    while let Some(step) = forward(at) {
        path.push(step);
        at = step.from;
    }
    path.reverse();
    let mut at = meet;
    while let Some(step) = backward(at) {
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

/// One side of the bidirectional Dijkstra search: tentative distances, the step that reached
/// each entity, and which are settled. Arrays, since weighted searches reach far.
struct Weighted<'g> {
    dist: Vec<f64>,
    parent: Vec<Option<Step<'g>>>,
    settled: Vec<bool>,
    heap: std::collections::BinaryHeap<Queued>,
}

impl Weighted<'_> {
    fn new(n: usize, root: usize) -> Self {
        let mut dist = vec![f64::INFINITY; n];
        dist[root] = 0.0;
        Weighted {
            dist,
            parent: vec![None; n],
            settled: vec![false; n],
            heap: std::collections::BinaryHeap::from([Queued {
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
/// nearest entity in turn, the smaller frontier distance first, and the search stops once the
/// two frontier distances add up to no less than the best meeting found.
///
/// Complexity: O((n + m) log n) in the worst case, usually far less than from one end.
pub(crate) fn cheapest<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    cost: &dyn Fn(&crate::Relation) -> Option<f64>,
) -> (Option<(Vec<Step<'g>>, f64)>, Stats) {
    let n = graph.node_bound();
    let mut fwd = Weighted::new(n, from);
    let mut bwd = Weighted::new(n, to);
    let mut best = f64::INFINITY;
    let mut meet = None;
    let mut order = 1;
    let mut reached = 0;
    let mut steps = Vec::new();
    while fwd.top() + bwd.top() < best {
        let forward = fwd.top() <= bwd.top();
        let (this, other) = if forward {
            (&mut fwd, &bwd)
        } else {
            (&mut bwd, &fwd)
        };
        let Some(Queued { node: u, .. }) = this.heap.pop() else {
            break;
        };
        if std::mem::replace(&mut this.settled[u], true) {
            continue;
        }
        reached += 1;
        let direction = if forward {
            filter.get_direction()
        } else {
            reverse(filter.get_direction())
        };
        graph.incident(u, direction, &mut steps);
        for s in &steps {
            let v = s.to;
            if v == u || this.settled[v] {
                continue;
            }
            let taken = as_taken(s, forward);
            if !filter.allows(graph, &taken) {
                continue;
            }
            let Some(w) = cost(s.relation) else {
                continue;
            };
            let d = this.dist[u] + w;
            if d < this.dist[v] {
                this.dist[v] = d;
                this.parent[v] = Some(taken);
                this.heap.push(Queued {
                    dist: d,
                    order,
                    node: v,
                });
                order += 1;
                let through = d + other.dist[v];
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
    let Some(meet) = meet else {
        return (None, stats);
    };
    let path = join(meet, |v| fwd.parent[v], |v| bwd.parent[v]);
    (Some((path, best)), stats)
}
