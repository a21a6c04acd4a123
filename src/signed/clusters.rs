//! Factions beyond two blocs: weak (Davis) balance.

use std::collections::VecDeque;

use crate::id::EntityId;
use crate::schema::Polarity;

use super::{SignedEdge, SignedView};

/// The factions of a signed view under weak balance (Davis 1967), from
/// [`SignedView::clustering`].
///
/// A network is weakly balanced (clusterable) when its entities split into any number of
/// factions with every positive edge inside one faction and every negative edge between two;
/// equivalently, when no cycle has exactly one negative edge. The factions here are the
/// finest such split: entities joined by positive edges, directly or through others, share a
/// faction. Two factions with no negative edge between them may be one bloc in fact; nothing
/// in the view joins them, so they are reported apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering<'v> {
    /// The factions, each in entity order, ordered by their first entity. An entity whose
    /// only ties are negative is a faction of its own.
    pub factions: Vec<Vec<&'v EntityId>>,
    /// The entities with no signed tie, in entity order: in no faction.
    pub untied: Vec<&'v EntityId>,
    /// The negative edges inside a faction, in edge order: each breaks weak balance. Empty
    /// exactly when the view is weakly balanced.
    pub violations: Vec<Violation<'v>>,
}

/// A negative edge inside a faction, and the proof: a path of positive edges between its ends,
/// which closes a cycle with exactly one negative edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation<'v> {
    /// The negative edge.
    pub edge: &'v SignedEdge,
    /// Positive edges from `edge.a` to `edge.b`, in order.
    pub path: Vec<&'v SignedEdge>,
}

impl Clustering<'_> {
    /// Whether the view is weakly balanced: no negative edge inside a faction.
    pub fn is_weakly_balanced(&self) -> bool {
        self.violations.is_empty()
    }
}

impl SignedView {
    /// Splits the view into factions under weak balance (see [`Clustering`]): the components
    /// of its positive edges, and the negative edges that fall inside one, each with a path
    /// of positive edges proving it. Where [`SignedView::balance_certificate`] asks for two
    /// blocs, this allows any number.
    ///
    /// # Complexity
    /// O(n + m) for the factions (a breadth-first search over positive edges), plus, per
    /// violation, the length of its proof (a walk up the search's tree, at most n).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{PairRule, Polarity::*, SignedView};
    /// // Three blocs, hostile to each other: weakly balanced, not balanced.
    /// let v = SignedView::from_edges(
    ///     &["a", "b", "c", "d", "e", "f"],
    ///     &[
    ///         ("a", "b", Positive), ("c", "d", Positive), ("e", "f", Positive),
    ///         ("a", "c", Negative), ("c", "e", Negative), ("a", "e", Negative),
    ///     ],
    ///     PairRule::AnyNegative,
    /// )?;
    /// let clustering = v.clustering();
    /// assert!(clustering.is_weakly_balanced());
    /// let factions: Vec<Vec<&str>> = clustering
    ///     .factions
    ///     .iter()
    ///     .map(|f| f.iter().map(|e| e.as_str()).collect())
    ///     .collect();
    /// assert_eq!(factions, [["a", "b"], ["c", "d"], ["e", "f"]]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clustering(&self) -> Clustering<'_> {
        let n = self.nodes.len();
        let positive = |e: usize| self.edges[e].sign == Polarity::Positive;
        let mut faction = vec![usize::MAX; n];
        // Each entity's tree parent (entity, edge) and depth in the positive search forest.
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut depth = vec![0usize; n];
        let mut count = 0;
        let mut untied = Vec::new();
        let mut queue = VecDeque::new();
        for start in 0..n {
            if faction[start] != usize::MAX {
                continue;
            }
            if self.adjacent(start).next().is_none() {
                untied.push(&self.nodes[start]);
                continue;
            }
            faction[start] = count;
            queue.push_back(start);
            while let Some(u) = queue.pop_front() {
                for (v, e) in self.adjacent(u) {
                    if positive(e) && faction[v] == usize::MAX {
                        faction[v] = count;
                        parent[v] = Some((u, e));
                        depth[v] = depth[u] + 1;
                        queue.push_back(v);
                    }
                }
            }
            count += 1;
        }
        // Factions are numbered by their first entity, so this is already their order.
        let mut factions: Vec<Vec<&EntityId>> = vec![Vec::new(); count];
        for (i, &f) in faction.iter().enumerate() {
            if f != usize::MAX {
                factions[f].push(&self.nodes[i]);
            }
        }
        let violations = self
            .ends
            .iter()
            .enumerate()
            .filter(|&(e, &(a, b))| !positive(e) && faction[a] == faction[b])
            .map(|(e, &(a, b))| Violation {
                edge: &self.edges[e],
                path: self.tree_path(a, b, &parent, &depth),
            })
            .collect();
        Clustering {
            factions,
            untied,
            violations,
        }
    }

    /// The edges of the tree path from `a` to `b` (in one tree), in order.
    fn tree_path(
        &self,
        mut a: usize,
        mut b: usize,
        parent: &[Option<(usize, usize)>],
        depth: &[usize],
    ) -> Vec<&SignedEdge> {
        let mut from_a = Vec::new();
        let mut from_b = Vec::new();
        while a != b {
            // Climb from the deeper end (both when level); roots are never climbed past, as
            // a and b share a tree.
            if depth[a] >= depth[b] {
                let Some((p, e)) = parent[a] else { break };
                from_a.push(&self.edges[e]);
                a = p;
            } else {
                let Some((p, e)) = parent[b] else { break };
                from_b.push(&self.edges[e]);
                b = p;
            }
        }
        from_a.extend(from_b.into_iter().rev());
        from_a
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::Polarity::*;
    use crate::signed::{PairRule, SignedView};

    #[test]
    fn a_negative_edge_inside_a_positive_chain_is_a_violation_with_its_proof() {
        let v = SignedView::from_edges(
            &["a", "b", "c", "d", "x"],
            &[
                ("a", "b", Positive),
                ("b", "c", Positive),
                ("c", "d", Positive),
                ("a", "d", Negative),
            ],
            PairRule::AnyNegative,
        )
        .unwrap();
        let c = v.clustering();
        assert!(!c.is_weakly_balanced());
        assert_eq!(c.factions.len(), 1);
        let untied: Vec<&str> = c.untied.iter().map(|e| e.as_str()).collect();
        assert_eq!(untied, ["x"]);
        let violation = &c.violations[0];
        assert_eq!(
            (violation.edge.a.as_str(), violation.edge.b.as_str()),
            ("a", "d")
        );
        // The proof walks a–b–c–d, every edge positive.
        let hops: Vec<(&str, &str)> = violation
            .path
            .iter()
            .map(|e| (e.a.as_str(), e.b.as_str()))
            .collect();
        assert_eq!(hops, [("a", "b"), ("b", "c"), ("c", "d")]);
        assert!(violation.path.iter().all(|e| e.sign == Positive));
    }

    #[test]
    fn an_entity_with_only_negative_ties_is_a_faction_of_its_own() {
        let v = SignedView::from_edges(
            &["a", "b", "c"],
            &[
                ("a", "b", Negative),
                ("b", "c", Negative),
                ("a", "c", Negative),
            ],
            PairRule::AnyNegative,
        )
        .unwrap();
        let c = v.clustering();
        // Three mutual enemies: not balanced (an odd cycle of negatives), but weakly so.
        assert!(c.is_weakly_balanced());
        assert_eq!(c.factions.len(), 3);
        assert!(matches!(
            v.balance_certificate(),
            crate::Certificate::Unbalanced { .. }
        ));
    }
}
