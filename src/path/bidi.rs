//! Fewest-hop paths searched from both ends at once.
//!
//! A breadth-first search grows from the start along the filter's direction and another from
//! the end against it, one whole level at a time, always the smaller frontier next. The first
//! level in which the two meet holds the shortest paths; of the meetings found while finishing
//! that level, the shortest wins, the first found on a tie. The backward search checks each
//! relation exactly as the forward search would take it, so both apply the same filter.
//!
//! Complexity: O(b^(d/2)) expansions for branching factor b and distance d, against O(b^d)
//! from one end; O(n) memory.

use crate::filter::{Direction, RelationFilter};
use crate::graph::{Graph, Step};

use super::engine::Stats;

const UNSEEN: usize = usize::MAX;

/// One side of the search.
struct Side<'g> {
    dist: Vec<usize>,
    /// The forward-oriented step that joins an entity to the side's tree.
    parent: Vec<Option<Step<'g>>>,
    frontier: Vec<usize>,
    depth: usize,
}

impl Side<'_> {
    fn new(n: usize, root: usize) -> Self {
        let mut dist = vec![UNSEEN; n];
        dist[root] = 0;
        Side {
            dist,
            parent: vec![None; n],
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

/// The fewest-hop path from `from` to `to` (distinct) of at most `max_hops` hops, as forward
/// steps.
pub(crate) fn shortest<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    max_hops: usize,
) -> (Option<Vec<Step<'g>>>, Stats) {
    let n = graph.node_bound();
    let mut fwd = Side::new(n, from);
    let mut bwd = Side::new(n, to);
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
                if v == u || this.dist[v] != UNSEEN {
                    continue;
                }
                // The relation as the forward search takes it.
                let taken = if forward {
                    *s
                } else {
                    Step {
                        from: v,
                        to: u,
                        forward: !s.forward,
                        ..*s
                    }
                };
                if !filter.allows(graph, &taken) {
                    continue;
                }
                this.dist[v] = this.depth + 1;
                this.parent[v] = Some(taken);
                next.push(v);
                if other.dist[v] == UNSEEN {
                    reached += 1;
                } else {
                    let length = this.depth + 1 + other.dist[v];
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
    let mut path = Vec::new();
    let mut at = meet;
    while let Some(step) = fwd.parent[at] {
        path.push(step);
        at = step.from;
    }
    path.reverse();
    let mut at = meet;
    while let Some(step) = bwd.parent[at] {
        path.push(step);
        at = step.to;
    }
    (Some(path), stats)
}
