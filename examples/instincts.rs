//! Random search over the thresholds of the adaptive bot's rules of thumb
//! (`Instincts`): where the expert's continuations in `src/sim/expert.rs`
//! come from. Prints the adaptive bot's mean score and the best thresholds
//! found against the doctrines named on the command line.
//!
//! `cargo run --release --example instincts -- pragmatist self-reliance-hawk tit-for-tat opportunist`

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::engine::rng::{GameRng, derive_seed};
use chokepoints::engine::score::score;
use chokepoints::engine::{Rules, State, advance};
use chokepoints::sim::bots::{Instincts, instinct};
use rayon::prelude::*;

/// Mean score of a rule-of-thumb player over `games` seeded games per set
/// of rules.
fn mean_score(rules: &[Rules], k: &Instincts, games: u64) -> f64 {
    let per_doctrine = rules.iter().map(|r| {
        let total: f64 = (0..games)
            .into_par_iter()
            .map(|g| {
                let mut state = State::new(&r.scenario);
                let mut rng = GameRng::new(derive_seed(5, g));
                while !state.is_over() {
                    let m = instinct(r, &state, k);
                    advance(r, &mut state, m, &mut rng);
                }
                score(r, &state).total
            })
            .sum();
        total / games as f64
    });
    per_doctrine.sum::<f64>() / rules.len().max(1) as f64
}

fn main() {
    let content = Content::builtin().expect("shipped content loads");
    let doctrines: Vec<String> = std::env::args().skip(1).collect();
    let rules: Vec<Rules> = doctrines
        .iter()
        .map(|d| {
            content
                .rules(DEFAULT_SCENARIO, Some(d))
                .expect("a shipped doctrine")
        })
        .collect();
    println!(
        "adaptive {:.2}",
        mean_score(&rules, &Instincts::ADAPTIVE, 400)
    );
    let mut rng = GameRng::new(42);
    let mut found: Vec<(f64, Instincts)> = (0..1500)
        .map(|_| {
            let mut u = |lo: f64, hi: f64| lo + rng.unit() * (hi - lo);
            let k = Instincts {
                talks_tension: u(25.0, 70.0),
                allies_low: u(40.0, 95.0),
                allies_high: u(50.0, 100.0),
                leakage: u(5.0, 60.0),
                enforcement_to: u(0.0, 3.99) as u8,
                calm_tension: u(15.0, 50.0),
                minerals_leverage: u(25.0, 90.0),
                tighten_allies: if u(0.0, 1.0) < 0.5 {
                    101.0
                } else {
                    u(50.0, 100.0)
                },
                build_fresh: u(0.1, 2.5),
            };
            (mean_score(&rules, &k, 150), k)
        })
        .collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Re-measure the best few on more games: the search's own numbers are
    // biased upward by the selection.
    for (first, k) in found.iter().take(5) {
        println!("{first:.2} {:.2} {k:?}", mean_score(&rules, k, 800));
    }
}
