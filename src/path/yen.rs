//! The k cheapest simple paths (Yen's algorithm), whole, cheapest first.
//!
//! After the cheapest path, each further path is the cheapest candidate made of a prefix
//! ("root") of an accepted path and a cheapest "spur" from the root's last entity that avoids
//! the root's other entities and the next relation of every accepted path sharing that root.
//! Paths are told apart by their relations, so parallel relations give distinct paths. Ties
//! in cost go to fewer hops, then to relations earlier in graph order.
//!
//! Complexity: O(k · H · S) where H is the longest path's hop count and S one engine search
//! (see `engine`); the bans of a spur come from a trie of the accepted paths in O(1). Every
//! search's reached entities count against the work budget.

use std::collections::{BTreeSet, HashSet};

use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::relation_ref::RelationRef;
use crate::schema::Polarity;
use crate::store::Step;

use super::Budget;
use super::engine::{self, Bans, Limits, Stats};

/// A candidate path, ordered by cost, then hops, then its relations' positions.
struct Candidate<'g> {
    cost: f64,
    seqs: Vec<u32>,
    steps: Vec<Step<'g>>,
}

impl PartialEq for Candidate<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Candidate<'_> {}

impl Ord for Candidate<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.cost
            .total_cmp(&other.cost)
            .then(self.seqs.len().cmp(&other.seqs.len()))
            .then(self.seqs.cmp(&other.seqs))
    }
}

impl PartialOrd for Candidate<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn candidate<'g>(cost: f64, steps: Vec<Step<'g>>) -> Candidate<'g> {
    Candidate {
        cost,
        seqs: steps.iter().map(|s| s.slot).collect(),
        steps,
    }
}

/// The paths found (cheapest first), the first search's stats, and whether candidates were
/// left over (more paths exist than were accepted).
#[allow(clippy::too_many_arguments)]
pub(crate) fn k_cheapest<'g>(
    graph: &'g Graph,
    filter: &RelationFilter,
    from: usize,
    to: usize,
    k: usize,
    cost: &dyn Fn(f64, RelationRef<'_>) -> Option<f64>,
    limits: Limits,
    budget: &mut Budget,
) -> (Vec<(Vec<Step<'g>>, f64)>, Stats, bool) {
    let mut accepted: Vec<Candidate<'g>> = Vec::new();
    if k == 0 {
        return (Vec::new(), Stats::default(), false);
    }
    let (first, stats) = engine::search(
        graph,
        filter,
        from,
        Some(to),
        0.0,
        cost,
        limits,
        &Bans::default(),
    );
    budget.charge(stats.reached as u64);
    let Some((steps, c)) = first else {
        return (Vec::new(), stats, false);
    };
    let mut prefixes = Prefixes::default();
    prefixes.insert(&steps);
    accepted.push(candidate(c, steps));
    let mut pool: BTreeSet<Candidate<'g>> = BTreeSet::new();
    let mut seen: HashSet<Vec<u32>> = HashSet::from([accepted[0].seqs.clone()]);
    'paths: while accepted.len() < k {
        let last = accepted.last().map(|c| c.steps.clone()).unwrap_or_default();
        // The trie node of each prefix of the last path: its children are the relations
        // the accepted paths sharing that root take next.
        let mut node = 0;
        for j in 0..last.len() {
            if !budget.check() {
                break 'paths;
            }
            let root = &last[..j];
            let spur_node = if j == 0 { from } else { root[j - 1].to };
            let mut bans = Bans::default();
            bans.relations.extend(prefixes.children(node));
            node = prefixes.child(node, last[j].slot);
            bans.nodes.insert(from);
            bans.nodes.extend(root.iter().map(|s| s.to));
            bans.nodes.remove(&spur_node);
            let root_cost = root.iter().try_fold(0.0, |acc, s| cost(acc, s.relation()));
            let Some(root_cost) = root_cost else { continue };
            let root_hostile = root
                .iter()
                .filter(|s| s.polarity() == Polarity::Negative)
                .count();
            let spur_limits = Limits {
                hops: limits.hops.saturating_sub(j),
                hostile: limits.hostile.map(|h| h.saturating_sub(root_hostile)),
            };
            if limits.hostile.is_some_and(|h| root_hostile > h) {
                continue;
            }
            let (spur, spur_stats) = engine::search(
                graph,
                filter,
                spur_node,
                Some(to),
                root_cost,
                cost,
                spur_limits,
                &bans,
            );
            budget.charge(spur_stats.reached as u64);
            if let Some((spur_steps, total)) = spur {
                let mut steps = root.to_vec();
                steps.extend(spur_steps);
                let c = candidate(total, steps);
                if seen.insert(c.seqs.clone()) {
                    pool.insert(c);
                }
            }
        }
        match pool.pop_first() {
            Some(best) => {
                prefixes.insert(&best.steps);
                accepted.push(best);
            }
            None => break,
        }
    }
    // Candidates left in the pool are paths not accepted: more exist.
    let more = !pool.is_empty();
    (
        accepted.into_iter().map(|c| (c.steps, c.cost)).collect(),
        stats,
        more,
    )
}

/// The accepted paths as a trie of relation slots, so that the relations banned at a spur
/// (the next relation of every accepted path sharing the root) are read in O(1) instead of
/// by comparing the root with every accepted path (which made the algorithm grow with k²).
#[derive(Default)]
struct Prefixes {
    /// (trie node, relation slot) to the child node; node 0 is the empty prefix.
    edges: std::collections::HashMap<(u32, u32), u32>,
    /// Per node, the slots of its children.
    children: Vec<Vec<u32>>,
}

impl Prefixes {
    fn insert(&mut self, steps: &[Step<'_>]) {
        if self.children.is_empty() {
            self.children.push(Vec::new());
        }
        let mut node = 0u32;
        for s in steps {
            let next = self.children.len() as u32;
            node = match self.edges.entry((node, s.slot)) {
                std::collections::hash_map::Entry::Occupied(e) => *e.get(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(next);
                    self.children[node as usize].push(s.slot);
                    self.children.push(Vec::new());
                    next
                }
            };
        }
    }

    fn children(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        self.children[node as usize].iter().copied()
    }

    /// The child of `node` along `slot` (present: the last accepted path was inserted).
    fn child(&self, node: u32, slot: u32) -> u32 {
        self.edges.get(&(node, slot)).copied().unwrap_or(node)
    }
}
