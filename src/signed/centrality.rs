//! Signed degree and the PN centrality index (Everett and Borgatti 2014).

use nalgebra::{DMatrix, DVector};

use crate::id::EntityId;

use super::SignedView;

/// An entity's signed degree in a view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedDegree<'v> {
    /// The entity.
    pub entity: &'v EntityId,
    /// Positive edges.
    pub positive: usize,
    /// Negative edges.
    pub negative: usize,
}

impl SignedDegree<'_> {
    /// Positive minus negative edges.
    pub fn net(&self) -> isize {
        self.positive as isize - self.negative as isize
    }

    /// The share of positive edges, `None` for an isolated entity.
    pub fn ratio(&self) -> Option<f64> {
        let total = self.positive + self.negative;
        (total > 0).then(|| self.positive as f64 / total as f64)
    }
}

impl SignedView {
    /// Every entity's signed degree, in entity order.
    ///
    /// # Complexity
    /// O(n + m).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let v = ViewOptions::new().at("2011".parse().unwrap()).view(&g); // the article's date
    /// let kor = v.signed_degrees().into_iter().find(|d| d.entity.as_str() == "KOR").unwrap();
    /// assert_eq!((kor.positive, kor.negative, kor.net()), (1, 2, -1));
    /// ```
    pub fn signed_degrees(&self) -> Vec<SignedDegree<'_>> {
        (0..self.nodes.len())
            .map(|u| {
                let negative = self
                    .adjacent(u)
                    .filter(|&(_, e)| self.sign_of(e) < 0)
                    .count();
                SignedDegree {
                    entity: &self.nodes[u],
                    positive: self.degree(u) - negative,
                    negative,
                }
            })
            .collect()
    }

    /// The PN centrality index of Everett and Borgatti (2014), in entity order:
    /// PN = (I − A / (2n − 2))⁻¹ 1 with A = P − 2N, P and N the positive and negative
    /// adjacency matrices. High values mark entities with many positive ties to central
    /// entities and few negative ones. `None` when the matrix is singular (as for two
    /// entities joined by a negative edge), or the view has fewer than two entities or more
    /// than [`super::MAX_DENSE_ENTITIES`].
    ///
    /// # Complexity
    /// O(n³) time (an LU decomposition), O(n²) memory.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let v = ViewOptions::new().at("2011".parse().unwrap()).view(&g); // the article's date
    /// let pn = v.pn_centrality().unwrap();
    /// let score = |id: &str| pn.iter().find(|(e, _)| e.as_str() == id).unwrap().1;
    /// assert!(score("KOR") > score("PRK")); // Seoul's one friend outweighs Pyongyang's none
    /// ```
    pub fn pn_centrality(&self) -> Option<Vec<(&EntityId, f64)>> {
        let n = self.nodes.len();
        if !(2..=super::MAX_DENSE_ENTITIES).contains(&n) {
            return None;
        }
        let beta = 1.0 / (2.0 * n as f64 - 2.0);
        let mut m = DMatrix::<f64>::identity(n, n);
        for (&(a, b), e) in self.ends.iter().zip(&self.edges) {
            let weight = if e.sign.sign() > 0 { 1.0 } else { -2.0 };
            m[(a, b)] -= beta * weight;
            m[(b, a)] -= beta * weight;
        }
        let solution = m.lu().solve(&DVector::from_element(n, 1.0))?;
        if solution.iter().any(|x| !x.is_finite()) {
            return None;
        }
        Some(self.nodes.iter().zip(solution.iter().copied()).collect())
    }
}
