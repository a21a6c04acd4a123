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
    /// Calls `f` once for every triangle with its three members (view positions,
    /// ascending) and its sides (first–second, second–third, first–third), in no particular
    /// order.
    ///
    /// Each edge is oriented from the endpoint of lower rank (degree, then position) to the
    /// higher; a triangle is found once, from its lowest-ranked member u, as u → v → w with
    /// u → w marked in a dense array. O(m·√m) time (Chiba and Nishizeki), O(n + m) memory.
    pub(super) fn for_each_triangle(&self, f: impl FnMut([usize; 3], [usize; 3])) {
        each_triangle(self.nodes.len(), &self.ends, f);
    }

    /// The signed triangle census.
    ///
    /// # Complexity
    /// O(m·√m) for m signed edges; O(n + m) extra memory.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let census = ViewOptions::new().at("2011".parse().unwrap()).view(&g).census();
    /// assert_eq!(census.counts, [0, 0, 2, 0]); // US–Korea–North Korea and US–Korea–China: + − −
    /// assert_eq!(census.balance(), 1.0);
    /// ```
    pub fn census(&self) -> Census {
        census_of(self.nodes.len(), &self.ends, |e| self.sign_of(e) < 0)
    }

    /// Every triangle, members in lexicographic order of their view positions.
    ///
    /// # Complexity
    /// As [`SignedView::census`], plus O(t log t) to sort the t triangles.
    pub fn triangles(&self) -> Vec<Triangle<'_>> {
        let mut found = Vec::new();
        self.for_each_triangle(|members, sides| found.push((members, sides)));
        found.sort_unstable_by_key(|&(members, _)| members);
        found
            .into_iter()
            .map(|([a, b, c], [ab, bc, ac])| Triangle {
                members: [&self.nodes[a], &self.nodes[b], &self.nodes[c]],
                sides: [&self.edges[ab], &self.edges[bc], &self.edges[ac]],
            })
            .collect()
    }
}

/// Calls `f` once for every triangle of the simple undirected graph on `n` positions with
/// edges `ends`: its three members (ascending) and its sides (first–second, second–third,
/// first–third, as indices into `ends`), in no particular order.
///
/// Each edge is oriented from the endpoint of lower rank (degree, then position) to the
/// higher; a triangle is found once, from its lowest-ranked member u, as u → v → w with
/// u → w marked in a dense array. O(m·√m) time (Chiba and Nishizeki), O(n + m) memory.
pub(crate) fn each_triangle(
    n: usize,
    ends: &[(usize, usize)],
    mut f: impl FnMut([usize; 3], [usize; 3]),
) {
    let mut degree = vec![0u32; n];
    for &(a, b) in ends {
        degree[a] += 1;
        degree[b] += 1;
    }
    let rank = |x: usize| (degree[x], x);
    // Out-lists of the orientation, as compressed rows.
    let mut start = vec![0u32; n + 1];
    for &(a, b) in ends {
        let lo = if rank(a) < rank(b) { a } else { b };
        start[lo + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut higher = vec![(0u32, 0u32); ends.len()];
    for (e, &(a, b)) in ends.iter().enumerate() {
        let (lo, hi) = if rank(a) < rank(b) { (a, b) } else { (b, a) };
        higher[fill[lo] as usize] = (hi as u32, e as u32);
        fill[lo] += 1;
    }
    let out = |x: usize| &higher[start[x] as usize..start[x + 1] as usize];
    // mark[w] = (1 + u, edge u–w) while u is the member being expanded.
    let mut mark: Vec<(usize, u32)> = vec![(0, 0); n];
    for u in 0..n {
        for &(w, uw) in out(u) {
            mark[w as usize] = (u + 1, uw);
        }
        for &(v, uv) in out(u) {
            let v = v as usize;
            for &(w, vw) in out(v) {
                let w = w as usize;
                let (owner, uw) = mark[w];
                if owner != u + 1 {
                    continue;
                }
                let (uv, vw, uw) = (uv as usize, vw as usize, uw as usize);
                let side = |x: usize, y: usize| {
                    if (x == u || y == u) && (x == v || y == v) {
                        uv
                    } else if (x == v || y == v) && (x == w || y == w) {
                        vw
                    } else {
                        uw
                    }
                };
                let mut m = [u, v, w];
                m.sort_unstable();
                f(m, [side(m[0], m[1]), side(m[1], m[2]), side(m[0], m[2])]);
            }
        }
    }
}

/// The signed triangle census of the graph on `n` positions with edges `ends`, edge `e`
/// negative when `negative(e)`.
pub(crate) fn census_of(
    n: usize,
    ends: &[(usize, usize)],
    negative: impl Fn(usize) -> bool,
) -> Census {
    let mut census = Census::default();
    each_triangle(n, ends, |_, sides| {
        let negatives = sides.iter().filter(|&&e| negative(e)).count();
        census.counts[negatives] += 1;
    });
    census
}
