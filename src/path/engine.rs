//! The one search engine under every single-path search: a label-setting Dijkstra over
//! (entity, hops taken, hostile hops taken), with Pareto dominance pruning.
//!
//! A label's key grows monotonically along a path (an additive non-negative cost, or a
//! journey's clock). Labels pop in (key, hops, hostile, creation) order. A popped label is
//! dropped when a label already popped at the same entity has no more hops and no more hostile
//! hops (each dimension counted only when a limit is set), so the first label to pop at the
//! target is optimal under the limits, and every path found is simple: a path that came back
//! to an entity would be dominated there by its own earlier visit.
//!
//! Complexity: O(L · (d log L)) where L ≤ n · (H + 1) · (K + 1) labels for hop limit H and
//! hostile limit K when set (L ≤ n without limits), d the degree.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};

use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::id::IdMap;
use crate::relation_ref::RelationRef;
use crate::schema::Polarity;
use crate::scratch::Scratch;
use crate::store::Step;

/// Limits on a path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The most hops a path may take.
    pub hops: usize,
    /// The most hostile (negative) hops a path may take, when limited.
    pub hostile: Option<usize>,
}

/// How far a search got.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stats {
    /// Distinct entities reached, the start included.
    pub reached: usize,
    /// The most hops of any label expanded.
    pub deepest: usize,
}

/// What a search may not use: entities and relations (by sequence number) banned by Yen's
/// algorithm.
#[derive(Debug, Default)]
pub(crate) struct Bans {
    pub nodes: HashSet<usize>,
    pub relations: HashSet<u32>,
}

struct Label<'g> {
    node: usize,
    key: f64,
    hops: usize,
    hostile: usize,
    parent: Option<usize>,
    step: Option<Step<'g>>,
}

#[derive(PartialEq)]
struct Queued {
    key: f64,
    hops: usize,
    hostile: usize,
    label: usize,
}

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the smallest first.
        other
            .key
            .total_cmp(&self.key)
            .then(other.hops.cmp(&self.hops))
            .then(other.hostile.cmp(&self.hostile))
            .then(other.label.cmp(&self.label))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The labels already expanded, per entity: a settled mark in the graph's reusable scratch
/// when no limit is tracked (one label per entity), otherwise the (hops, hostile) of each, in a
/// map that grows with what the search reaches (not with the graph), for Pareto dominance.
enum Settled {
    Plain(Scratch),
    Pareto(IdMap<usize, Vec<(usize, usize)>>),
}

impl Settled {
    fn new(graph: &Graph, pareto: bool) -> Settled {
        if pareto {
            Settled::Pareto(IdMap::default())
        } else {
            Settled::Plain(graph.scratch())
        }
    }

    /// Whether a label with these dimensions at `node` is no better than one expanded there.
    fn dominated(&self, node: usize, (hops, hostile): (usize, usize)) -> bool {
        match self {
            Settled::Plain(done) => done.settled(node),
            Settled::Pareto(labels) => labels
                .get(&node)
                .is_some_and(|l| l.iter().any(|&(h, k)| h <= hops && k <= hostile)),
        }
    }

    /// Records an expanded label; true when it is the first at `node`.
    fn insert(&mut self, node: usize, dims: (usize, usize)) -> bool {
        match self {
            Settled::Plain(done) => done.settle(node),
            Settled::Pareto(labels) => {
                let l = labels.entry(node).or_default();
                l.push(dims);
                l.len() == 1
            }
        }
    }

    /// Gives reusable state back to the graph.
    fn finish(self, graph: &Graph) {
        if let Settled::Plain(done) = self {
            graph.give_back(done);
        }
    }
}

/// A found path: its steps from the start, and its final key.
pub(crate) type Found<'g> = (Vec<Step<'g>>, f64);

/// Finds the path from `from` to `to` with the least final key, or `None`.
///
/// `advance(key, relation)` gives the key after taking the relation, or `None` when it cannot
/// be taken; it must never decrease the key. `to == None` explores everything reachable (for
/// diagnostics).
#[allow(clippy::too_many_arguments)]
pub(crate) fn search<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: Option<usize>,
    start_key: f64,
    advance: &dyn Fn(f64, RelationRef<'_>) -> Option<f64>,
    limits: Limits,
    bans: &Bans,
) -> (Option<Found<'g>>, Stats) {
    let filter = filter.compile(graph);
    let track_hops = limits.hops != usize::MAX;
    let track_hostile = limits.hostile.is_some();
    let mut labels = vec![Label {
        node: from,
        key: start_key,
        hops: 0,
        hostile: 0,
        parent: None,
        step: None,
    }];
    let mut heap = BinaryHeap::from([Queued {
        key: start_key,
        hops: 0,
        hostile: 0,
        label: 0,
    }]);
    let mut settled = Settled::new(graph, track_hops || track_hostile);
    let mut found = None;
    let mut stats = Stats::default();
    while let Some(Queued { label, .. }) = heap.pop() {
        let (node, key, hops, hostile) = {
            let l = &labels[label];
            (l.node, l.key, l.hops, l.hostile)
        };
        let dims = (
            if track_hops { hops } else { 0 },
            if track_hostile { hostile } else { 0 },
        );
        if settled.dominated(node, dims) {
            continue;
        }
        if settled.insert(node, dims) {
            stats.reached += 1;
        }
        stats.deepest = stats.deepest.max(hops);
        if Some(node) == to {
            let mut path = Vec::with_capacity(hops);
            let mut at = label;
            while let (Some(step), Some(parent)) = (labels[at].step, labels[at].parent) {
                path.push(step);
                at = parent;
            }
            path.reverse();
            found = Some((path, key));
            break;
        }
        if hops >= limits.hops {
            continue;
        }
        for step in graph.steps(node, filter.get_direction()) {
            if step.to == node
                || bans.nodes.contains(&step.to)
                || bans.relations.contains(&step.slot)
                || !filter.allows(&step)
            {
                continue;
            }
            let hostile_next = hostile + usize::from(step.polarity() == Polarity::Negative);
            if limits.hostile.is_some_and(|k| hostile_next > k) {
                continue;
            }
            let Some(next_key) = advance(key, step.relation()) else {
                continue;
            };
            let next_dims = (
                if track_hops { hops + 1 } else { 0 },
                if track_hostile { hostile_next } else { 0 },
            );
            if settled.dominated(step.to, next_dims) {
                continue;
            }
            labels.push(Label {
                node: step.to,
                key: next_key,
                hops: hops + 1,
                hostile: hostile_next,
                parent: Some(label),
                step: Some(step),
            });
            heap.push(Queued {
                key: next_key,
                hops: hops + 1,
                hostile: hostile_next,
                label: labels.len() - 1,
            });
        }
    }
    settled.finish(graph);
    (found, stats)
}
