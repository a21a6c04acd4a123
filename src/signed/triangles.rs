//! Signed triangle census and triangle balance (Cartwright–Harary; Davis's clusterability).

use crate::id::EntityId;

use super::{SignedEdge, SignedView};

/// Counts of triangles by their number of negative sides: `+++`, `++−`, `+−−`, `−−−`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Census {
    /// `counts[k]` is the number of triangles with exactly `k` negative sides.
    pub counts: [usize; 4],
}

impl Census {
    /// The number of triangles.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Strict structural balance (Cartwright and Harary): the share of balanced triangles,
    /// (`+++` + `+−−`) / all, where an even number of negative sides is balanced and `−−−` is
    /// not. 1 when there are no triangles.
    pub fn balance(&self) -> f64 {
        self.share(self.counts[0] + self.counts[2])
    }

    /// Davis's clusterability: (`+++` + `+−−` + `−−−`) / all, where only a triangle with
    /// exactly one negative side is unbalanced (it allows more than two factions). 1 when
    /// there are no triangles.
    pub fn clusterable(&self) -> f64 {
        self.share(self.counts[0] + self.counts[2] + self.counts[3])
    }

    fn share(&self, part: usize) -> f64 {
        match self.total() {
            0 => 1.0,
            total => part as f64 / total as f64,
        }
    }
}

/// A triangle of the view: three entities, the signed edges between them, and its class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triangle<'v> {
    /// The members, in the view's entity order.
    pub members: [&'v EntityId; 3],
    /// The sides: first–second, second–third, first–third.
    pub sides: [&'v SignedEdge; 3],
}

impl Triangle<'_> {
    /// The number of negative sides (0 to 3).
    pub fn negatives(&self) -> usize {
        self.sides
            .iter()
            .filter(|e| e.sign == crate::Polarity::Negative)
            .count()
    }

    /// Whether the triangle is balanced in the strict sense (an even number of negative
    /// sides).
    pub fn is_balanced(&self) -> bool {
        self.negatives().is_multiple_of(2)
    }

    /// The class as signs, such as `+−−`.
    pub fn class(&self) -> &'static str {
        ["+++", "++−", "+−−", "−−−"][self.negatives()]
    }
}

impl SignedView {
    /// Calls `f` with the three members (view positions, ascending) and the three side edges
    /// of every triangle, in lexicographic order of the members.
    fn for_each_triangle(&self, mut f: impl FnMut([usize; 3], [usize; 3])) {
        for u in 0..self.nodes.len() {
            let adj = &self.adjacency[u];
            for (i, &(v, uv)) in adj.iter().enumerate() {
                if v <= u {
                    continue;
                }
                for &(w, uw) in &adj[i + 1..] {
                    if let Some(vw) = self.edge_between(v, w) {
                        f([u, v, w], [uv, vw, uw]);
                    }
                }
            }
        }
    }

    /// The signed triangle census.
    ///
    /// # Complexity
    /// O(Σ d² log d) over the entities' degrees d; O(1) extra memory.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let census = ViewOptions::new().view(&g).census();
    /// assert_eq!(census.counts, [0, 0, 2, 0]); // US–Korea–North Korea and US–Korea–China: + − −
    /// assert_eq!(census.balance(), 1.0);
    /// ```
    pub fn census(&self) -> Census {
        let mut census = Census::default();
        self.for_each_triangle(|_, sides| {
            let negatives = sides.iter().filter(|&&e| self.sign_of(e) < 0).count();
            census.counts[negatives] += 1;
        });
        census
    }

    /// Every triangle, members in lexicographic order of their view positions.
    ///
    /// # Complexity
    /// As [`SignedView::census`], plus O(t) memory for t triangles.
    pub fn triangles(&self) -> Vec<Triangle<'_>> {
        let mut out = Vec::new();
        self.for_each_triangle(|[a, b, c], [ab, bc, ac]| {
            out.push(Triangle {
                members: [&self.nodes[a], &self.nodes[b], &self.nodes[c]],
                sides: [&self.edges[ab], &self.edges[bc], &self.edges[ac]],
            });
        });
        out
    }
}
