//! Graph builders shared by the benches.

use alliance_graph::{PairRule, Polarity, SignedView};

/// SplitMix64, so every bench input is the same on every machine.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random signed network of `n` entities and about `m` distinct pairs: two planted
/// factions, every edge signed by the factions (friendly inside, hostile across) and then
/// flipped with probability `noise`.
pub fn planted(n: usize, m: usize, noise: f64, seed: u64) -> SignedView {
    let mut rng = SplitMix(seed);
    let names: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
    let faction: Vec<bool> = (0..n).map(|_| rng.next() & 1 == 1).collect();
    let mut pairs = std::collections::BTreeSet::new();
    while pairs.len() < m {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b {
            pairs.insert((a.min(b), a.max(b)));
        }
    }
    let edges: Vec<(&str, &str, Polarity)> = pairs
        .into_iter()
        .map(|(a, b)| {
            let friendly = faction[a] == faction[b];
            let flip = (rng.next() as f64 / u64::MAX as f64) < noise;
            let sign = if friendly != flip {
                Polarity::Positive
            } else {
                Polarity::Negative
            };
            (names[a].as_str(), names[b].as_str(), sign)
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    SignedView::from_edges(&refs, &edges, PairRule::AnyNegative).expect("generated edges are valid")
}
