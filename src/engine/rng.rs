//! The game's one source of chance: a seeded ChaCha8 stream. Floats are made
//! from raw 64-bit words by fixed arithmetic rather than through `rand`'s
//! distributions, so the sequence cannot change with a library upgrade.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A portable, seeded random stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GameRng(ChaCha8Rng);

impl GameRng {
    pub fn new(seed: u64) -> GameRng {
        GameRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// An independent stream for the same seed (e.g. a bot's own dice), so
    /// that a bot's choices never shift the game's events.
    pub fn with_stream(seed: u64, stream: u64) -> GameRng {
        let mut inner = ChaCha8Rng::seed_from_u64(seed);
        inner.set_stream(stream);
        GameRng(inner)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniform index below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo bias is below 2^-50 for any n the game uses.
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// An index chosen with probability proportional to its weight, or None
    /// when no weight is positive.
    pub fn weighted(&mut self, weights: impl Iterator<Item = f64> + Clone) -> Option<usize> {
        let total: f64 = weights.clone().filter(|w| *w > 0.0).sum();
        if total <= 0.0 {
            return None;
        }
        let mut pick = self.unit() * total;
        let mut last = None;
        for (i, w) in weights.enumerate() {
            if w <= 0.0 {
                continue;
            }
            if pick < w {
                return Some(i);
            }
            pick -= w;
            last = Some(i);
        }
        last
    }
}

/// Mixes a base seed and an index into a well-spread seed (SplitMix64), so
/// game `i` of a batch has its own seed whatever thread plays it.
pub fn derive_seed(base: u64, index: u64) -> u64 {
    let mut z = base ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the stream: if a dependency upgrade changed it, every saved game
    /// would replay differently, and this test says so first.
    #[test]
    fn seed_42_gives_the_same_first_outputs_forever() {
        let mut rng = GameRng::new(42);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [PINNED_42[0], PINNED_42[1], PINNED_42[2]],
            "ChaCha8 stream for seed 42 changed"
        );
    }

    const PINNED_42: [u64; 3] = [
        12_578_764_544_318_200_737,
        17_529_487_244_874_322_312,
        7_886_285_670_807_131_020,
    ];

    #[test]
    fn units_lie_in_the_unit_interval() {
        let mut rng = GameRng::new(7);
        for _ in 0..10_000 {
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn weighted_choice_skips_zero_weights() {
        let mut rng = GameRng::new(1);
        for _ in 0..1000 {
            let i = rng.weighted([0.0, 2.0, 0.0, 1.0].into_iter()).unwrap();
            assert!(i == 1 || i == 3);
        }
        assert_eq!(rng.weighted([0.0, 0.0].into_iter()), None);
    }

    #[test]
    fn derived_seeds_differ() {
        assert_ne!(derive_seed(1, 0), derive_seed(1, 1));
        assert_ne!(derive_seed(1, 0), derive_seed(2, 0));
    }
}
