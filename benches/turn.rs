//! Turn throughput: one turn on the batch path (`advance`, no report), one
//! turn on the reporting path (`resolve_turn`, with the per-cause
//! breakdown), and one whole game on the simulator's path.
//!
//! Run with `cargo bench --bench turn`.

use chokepoints::content::Content;
use chokepoints::engine::{GameRng, MoveId, Rules, State, advance, resolve_turn};
use chokepoints::sim::{self, Strategy};
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

fn rules() -> Rules {
    Content::builtin()
        .expect("shipped content loads")
        .rules("h20-reversal", None)
        .expect("shipped rules")
}

/// The state after eight turns of the adaptive bot, and the rng at that
/// point: a typical mid-game position.
fn mid_game(rules: &Rules) -> (State, GameRng) {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(7);
    let mut bot = GameRng::with_stream(7, 1);
    for _ in 0..8 {
        let m = Strategy::Adaptive.choose(rules, &state, &[], 7, &mut bot);
        advance(rules, &mut state, m, &mut rng);
    }
    assert!(!state.is_over(), "the mid-game position must still be live");
    (state, rng)
}

/// One turn on the batch path, from a cloned mid-game state.
#[divan::bench]
fn turn_batch_advance(bencher: Bencher) {
    let rules = rules();
    let (state, rng) = mid_game(&rules);
    bencher
        .counter(ItemsCount::new(1usize))
        .with_inputs(|| (state.clone(), rng.clone()))
        .bench_local_refs(|(state, rng)| {
            advance(&rules, state, black_box(MoveId::BuildCompute), rng)
        });
}

/// One turn on the reporting path (the interactive game's).
#[divan::bench]
fn turn_reporting_resolve_turn(bencher: Bencher) {
    let rules = rules();
    let (state, rng) = mid_game(&rules);
    bencher
        .counter(ItemsCount::new(1usize))
        .with_inputs(|| rng.clone())
        .bench_local_refs(|rng| resolve_turn(&rules, &state, black_box(MoveId::BuildCompute), rng));
}

/// A whole game (the scenario's horizon) with the adaptive bot.
#[divan::bench]
fn game_adaptive_play_game(bencher: Bencher) {
    let rules = rules();
    let mut seed = 0u64;
    bencher.counter(ItemsCount::new(1usize)).bench_local(|| {
        seed = seed.wrapping_add(1);
        sim::play_game(&rules, Strategy::Adaptive, black_box(seed))
    });
}
