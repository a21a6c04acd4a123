//! Walk-based balance (Estrada and Benzi 2014).

use nalgebra::DMatrix;

use super::SignedView;

/// The largest view the dense measures ([`SignedView::walk_balance`],
/// [`SignedView::pn_centrality`]) accept: their n × n matrices take O(n²) memory and O(n³)
/// time. At this limit, an unbalanced view's walk balance took 7.8 s and its PN centrality
/// 1.6 s here (release build, one core of a 2-core machine; 32 MB a matrix); twice the
/// entities take eight times as long.
pub const MAX_DENSE_ENTITIES: usize = 2048;

impl SignedView {
    /// Walk balance: trace(exp(A)) / trace(exp(|A|)) for the signed adjacency matrix A, the
    /// share of closed walks, weighted by 1/k! for length k, that are balanced. 1 for a
    /// balanced network, lower the more unbalanced cycles (of any length) it has.
    ///
    /// A balanced view (see [`SignedView::balance_certificate`]) scores exactly 1, found in
    /// linear time whatever its size: its signed matrix is similar to the unsigned one. Any
    /// other is computed from the eigenvalues of the two symmetric matrices (nalgebra's
    /// symmetric eigenvalues) as Σ exp(λᵢ(A) − M) / Σ exp(λᵢ(|A|) − M), M the largest
    /// eigenvalue of |A|, so that large views do not overflow, and kept inside 0 … 1 against
    /// rounding. 1 for a view with no entity; `None` for an unbalanced view of more than
    /// [`MAX_DENSE_ENTITIES`] entities.
    ///
    /// # Complexity
    /// O(n + m) for a balanced view; otherwise O(n³) time and O(n²) memory (the time at the
    /// limit is given at [`MAX_DENSE_ENTITIES`]).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{PairRule, Polarity::*, SignedView};
    /// let unbalanced = SignedView::from_edges(
    ///     &["a", "b", "c"],
    ///     &[("a", "b", Positive), ("b", "c", Positive), ("a", "c", Negative)],
    ///     PairRule::AnyNegative,
    /// )?;
    /// let w = unbalanced.walk_balance().unwrap();
    /// assert!(w > 0.0 && w < 1.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn walk_balance(&self) -> Option<f64> {
        let n = self.nodes.len();
        if n == 0
            || matches!(
                self.balance_certificate(),
                super::Certificate::Balanced { .. }
            )
        {
            return Some(1.0);
        }
        if n > MAX_DENSE_ENTITIES {
            return None;
        }
        let mut signed = DMatrix::<f64>::zeros(n, n);
        let mut unsigned = DMatrix::<f64>::zeros(n, n);
        for (&(a, b), e) in self.ends.iter().zip(&self.edges) {
            let s = f64::from(e.sign.sign());
            signed[(a, b)] = s;
            signed[(b, a)] = s;
            unsigned[(a, b)] = 1.0;
            unsigned[(b, a)] = 1.0;
        }
        // Eigenvalues only (no eigenvectors): a third of the work of a full decomposition.
        let eigenvalues = |m: DMatrix<f64>| m.symmetric_eigenvalues();
        let (signed, unsigned) = (eigenvalues(signed), eigenvalues(unsigned));
        // Scale both sums by exp(-M), M the largest eigenvalue of |A|, which bounds every
        // |λ(A)| (Perron–Frobenius): no overflow for large views, same ratio.
        let m = unsigned.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum = |ls: &nalgebra::DVector<f64>| ls.iter().map(|l| (l - m).exp()).sum::<f64>();
        // trace(exp(A)) ≤ trace(exp(|A|)) exactly; rounding may not know it.
        Some((sum(&signed) / sum(&unsigned)).clamp(0.0, 1.0))
    }
}
