//! The expert player's time per decision at its default budget, on one
//! core: the first quarter's decision (the longest look-ahead, 16 quarters)
//! and a mid-game one. The target is 50 ms a decision. Also the forecasts
//! of every move that the dashboard draws each quarter.
//!
//! Run with `cargo bench --bench expert`.

use chokepoints::content::Content;
use chokepoints::engine::{GameRng, MoveId, Rules, State, advance};
use chokepoints::sim::expert::{self, DEFAULT_BUDGET};
use chokepoints::sim::knowledge::{Knowledge, PublicTurn};
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

/// What Washington knows after `turns` quarters of the adaptive bot.
fn position(rules: &Rules, turns: u32) -> Knowledge {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(7);
    let mut record = Vec::new();
    for _ in 0..turns {
        let m = chokepoints::sim::bots::adaptive(rules, &state);
        let summary = advance(rules, &mut state, m, &mut rng);
        record.push(PublicTurn::new(m, &summary));
    }
    Knowledge::observe(rules, &state, &record, 7)
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_quarter_decision(bencher: Bencher) {
    let rules = rules();
    let knowledge = position(&rules, 0);
    bencher.bench_local(|| {
        let m: MoveId = expert::choose(&rules, black_box(&knowledge), DEFAULT_BUDGET, 7);
        black_box(m)
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn mid_game_decision(bencher: Bencher) {
    let rules = rules();
    let knowledge = position(&rules, 8);
    bencher.bench_local(|| {
        black_box(expert::choose(
            &rules,
            black_box(&knowledge),
            DEFAULT_BUDGET,
            7,
        ))
    });
}

/// The forecasts "About this move" shows: every move against holding
/// course over four quarters, 32 sampled futures each, at the first quarter.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn forecasts_for_every_move(bencher: Bencher) {
    let rules = rules();
    let knowledge = position(&rules, 0);
    bencher.bench_local(|| {
        black_box(chokepoints::sim::forecast::forecasts(
            &rules,
            black_box(&knowledge),
            7,
        ))
    });
}
