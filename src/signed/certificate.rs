//! A linear-time balance test that proves its answer.

use std::collections::VecDeque;

use crate::id::EntityId;

use super::{SignedEdge, SignedView};

/// The proof that a view is balanced or not.
#[derive(Debug, Clone, PartialEq)]
pub enum Certificate<'v> {
    /// Balanced: two factions (either may be empty) such that every positive edge joins
    /// members of one faction and every negative edge joins the two factions. Entities with
    /// no signed tie belong to neither and are listed apart.
    Balanced {
        /// The faction of the view's first tied entity of each connected part, in entity
        /// order.
        first: Vec<&'v EntityId>,
        /// The other faction, in entity order.
        second: Vec<&'v EntityId>,
        /// The entities with no signed tie in the view, in entity order.
        untied: Vec<&'v EntityId>,
    },
    /// Unbalanced: a cycle with an odd number of negative edges, which no split into two
    /// factions can satisfy.
    Unbalanced {
        /// The cycle's entities, in order; the cycle closes from the last back to the first.
        cycle: Vec<&'v EntityId>,
        /// The cycle's edges: `edges[i]` joins `cycle[i]` and `cycle[i + 1]` (the last joins
        /// the last entity and the first).
        edges: Vec<&'v SignedEdge>,
    },
}

/// The result of [`SignedView::colour`].
pub(super) struct Colouring {
    /// Each entity's side (unreached entities, only after a conflict, count as `true`).
    pub side: Vec<bool>,
    /// Each entity's tree parent and the edge to it.
    pub parent: Vec<Option<(usize, usize)>>,
    /// Each entity's depth in its tree.
    pub depth: Vec<usize>,
    /// The first contradicted edge `(u, v, e)`, when asked to stop at one.
    pub conflict: Option<(usize, usize, usize)>,
}

impl SignedView {
    /// Tests structural balance by two-colouring: a breadth-first search puts each entity on
    /// its parent's side across a positive edge and on the other side across a negative one.
    /// If no edge contradicts the colouring, the sides are the factions; otherwise the
    /// contradicting edge and the two tree paths to their common ancestor form a cycle with
    /// an odd number of negative edges.
    ///
    /// # Complexity
    /// O(n + m).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Certificate, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// // At the article's date (undated, the view would mix the eras it contrasts).
    /// match ViewOptions::new().at("2011".parse().unwrap()).view(&g).balance_certificate() {
    ///     Certificate::Balanced { first, second, untied } => {
    ///         let first: Vec<&str> = first.iter().map(|e| e.as_str()).collect();
    ///         assert!(first.contains(&"USA") && first.contains(&"KOR"));
    ///         assert!(second.iter().any(|e| e.as_str() == "CHN"));
    ///         // Japan, Russia and Afghanistan have no signed tie: in neither faction.
    ///         assert!(untied.iter().any(|e| e.as_str() == "JPN"));
    ///     }
    ///     Certificate::Unbalanced { .. } => unreachable!("the article's states are balanced"),
    /// }
    /// ```
    pub fn balance_certificate(&self) -> Certificate<'_> {
        let c = self.colour(0, true);
        if let Some((u, v, e)) = c.conflict {
            return self.odd_cycle(u, v, e, &c.parent, &c.depth);
        }
        let tied: Vec<bool> = (0..self.nodes.len())
            .map(|i| self.adjacent(i).next().is_some())
            .collect();
        let pick = |want: Option<bool>| {
            (0..self.nodes.len())
                .filter(|&i| match want {
                    Some(side) => tied[i] && c.side[i] == side,
                    None => !tied[i],
                })
                .map(|i| &self.nodes[i])
                .collect()
        };
        Certificate::Balanced {
            first: pick(Some(true)),
            second: pick(Some(false)),
            untied: pick(None),
        }
    }

    /// Two-colours a breadth-first spanning forest, from `root` first and then from each
    /// entity not yet reached: across a positive edge an entity takes its parent's side,
    /// across a negative one the other. With `stop_at_conflict`, stops at the first edge the
    /// colouring contradicts and reports it.
    pub(super) fn colour(&self, root: usize, stop_at_conflict: bool) -> Colouring {
        let n = self.nodes.len();
        let mut side: Vec<Option<bool>> = vec![None; n];
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut depth = vec![0usize; n];
        let mut conflict = None;
        'roots: for start in std::iter::once(root).chain(0..n).filter(|&r| r < n) {
            if side[start].is_some() {
                continue;
            }
            side[start] = Some(true);
            let mut queue = VecDeque::from([start]);
            while let Some(u) = queue.pop_front() {
                let su = side[u].unwrap_or(true);
                for (v, e) in self.adjacent(u) {
                    let expected = if self.sign_of(e) > 0 { su } else { !su };
                    match side[v] {
                        None => {
                            side[v] = Some(expected);
                            parent[v] = Some((u, e));
                            depth[v] = depth[u] + 1;
                            queue.push_back(v);
                        }
                        Some(s) if s != expected && stop_at_conflict => {
                            conflict = Some((u, v, e));
                            break 'roots;
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        Colouring {
            side: side.into_iter().map(|s| s.unwrap_or(true)).collect(),
            parent,
            depth,
            conflict,
        }
    }

    /// The cycle closed by edge `e` between `u` and `v` through the BFS tree.
    fn odd_cycle(
        &self,
        u: usize,
        v: usize,
        e: usize,
        parent: &[Option<(usize, usize)>],
        depth: &[usize],
    ) -> Certificate<'_> {
        // Walk both ends up to their lowest common ancestor.
        let (mut a, mut b) = (u, v);
        let (mut up_a, mut up_b) = (vec![], vec![]);
        // Both ends were reached from the same root, so the walks meet; parents exist below
        // the root.
        while a != b {
            if depth[a] >= depth[b] {
                let (p, edge) = parent[a].expect("non-root has a parent");
                up_a.push((a, edge));
                a = p;
            } else {
                let (p, edge) = parent[b].expect("non-root has a parent");
                up_b.push((b, edge));
                b = p;
            }
        }
        // Cycle: lca, down to u (reverse of up_a), across e to v, up to just below lca.
        let mut cycle = vec![a];
        let mut edges = Vec::new();
        for &(node, edge) in up_a.iter().rev() {
            edges.push(edge);
            cycle.push(node);
        }
        edges.push(e);
        for &(node, edge) in &up_b {
            cycle.push(node);
            edges.push(edge);
        }
        // `edges[i]` joins `cycle[i]` and `cycle[i + 1]`; the last edge returns to the ancestor.
        Certificate::Unbalanced {
            cycle: cycle.iter().map(|&i| &self.nodes[i]).collect(),
            edges: edges.iter().map(|&i| &self.edges[i]).collect(),
        }
    }
}
