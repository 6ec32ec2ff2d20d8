//! The headless batch simulator: plays many seeded games per strategy and
//! doctrine and summarises them. Games run in parallel, but game `i` always
//! uses the seed derived from the base seed and `i`, and results are summed
//! in game order, so the numbers never depend on the thread count.

pub mod bots;

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::ids::Gauge;
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::Rules;
use crate::engine::score::{Grade, score};
use crate::engine::state::{Outcome, State};
use crate::engine::turn::advance;

pub use bots::Strategy;

/// The stream a bot's own dice use, apart from the game's.
const BOT_STREAM: u64 = 1;

/// One game's result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GameResult {
    pub score: f64,
    pub grade: Grade,
    pub outcome: Outcome,
    pub leverage_lost: bool,
    pub mean_compute_lead: f64,
    pub mean_us_leverage: f64,
    pub mean_capability_gap: f64,
}

/// Plays one whole game with a bot, on the batch path (no report text).
pub fn play_game(rules: &Rules, strategy: Strategy, seed: u64) -> GameResult {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(seed);
    let mut bot_rng = GameRng::with_stream(seed, BOT_STREAM);
    while !state.is_over() {
        let m = strategy.choose(rules, &state, &mut bot_rng);
        advance(rules, &mut state, m, &mut rng);
    }
    let s = score(rules, &state);
    let turns = f64::from(state.totals.turns.max(1));
    let mean = |g: Gauge| state.totals.gauges[g.index()] / turns;
    GameResult {
        score: s.total,
        grade: s.grade,
        outcome: state.outcome.unwrap_or(Outcome::Horizon),
        leverage_lost: state.leverage_lost,
        mean_compute_lead: mean(Gauge::ComputeLead),
        mean_us_leverage: mean(Gauge::UsLeverage),
        mean_capability_gap: mean(Gauge::CapabilityGap),
    }
}

/// One row of the simulator's table: a strategy against a doctrine.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub strategy: String,
    pub doctrine: String,
    pub games: u64,
    pub mean_score: f64,
    /// Shares of grades A, B, C, D, F.
    pub grade_a: f64,
    pub grade_b: f64,
    pub grade_c: f64,
    pub grade_d: f64,
    pub grade_f: f64,
    /// Share of games graded B or better.
    pub win_rate: f64,
    pub crisis_rate: f64,
    pub collapse_rate: f64,
    pub leverage_lost_rate: f64,
    pub mean_compute_lead: f64,
    pub mean_us_leverage: f64,
    pub mean_capability_gap: f64,
}

/// Plays `games` games of one strategy against the rules' doctrine. Calls
/// `progress(done)` after each chunk of games.
pub fn run_cell(
    rules: &Rules,
    strategy: Strategy,
    games: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Row {
    const CHUNK: u64 = 4096;
    let mut results = Vec::with_capacity(games as usize);
    let mut start = 0;
    while start < games {
        let end = (start + CHUNK).min(games);
        let chunk: Vec<GameResult> = (start..end)
            .into_par_iter()
            .map(|i| play_game(rules, strategy, derive_seed(seed, i)))
            .collect();
        results.extend(chunk);
        start = end;
        progress(end);
    }
    summarise(&strategy.to_string(), &rules.doctrine.id, &results)
}

/// Sums results in order into a row.
pub fn summarise(strategy: &str, doctrine: &str, results: &[GameResult]) -> Row {
    let n = results.len().max(1) as f64;
    let mean = |f: &dyn Fn(&GameResult) -> f64| results.iter().map(f).sum::<f64>() / n;
    let share =
        |f: &dyn Fn(&GameResult) -> bool| results.iter().filter(|r| f(r)).count() as f64 / n;
    let grade = |g: Grade| share(&|r: &GameResult| r.grade == g);
    Row {
        strategy: strategy.to_string(),
        doctrine: doctrine.to_string(),
        games: results.len() as u64,
        mean_score: mean(&|r| r.score),
        grade_a: grade(Grade::A),
        grade_b: grade(Grade::B),
        grade_c: grade(Grade::C),
        grade_d: grade(Grade::D),
        grade_f: grade(Grade::F),
        win_rate: share(&|r| r.grade.is_win()),
        crisis_rate: share(&|r| r.outcome == Outcome::Crisis),
        collapse_rate: share(&|r| r.outcome == Outcome::Collapse),
        leverage_lost_rate: share(&|r| r.leverage_lost),
        mean_compute_lead: mean(&|r| r.mean_compute_lead),
        mean_us_leverage: mean(&|r| r.mean_us_leverage),
        mean_capability_gap: mean(&|r| r.mean_capability_gap),
    }
}

/// The rows as a plain-text table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{:<31} {:<18} {:>6} {:>6}  {:>4} {:>4} {:>4} {:>4} {:>4}  {:>5} {:>6} {:>6} {:>7} {:>6} {:>7} {:>5}\n",
        "strategy",
        "doctrine",
        "games",
        "score",
        "A%",
        "B%",
        "C%",
        "D%",
        "F%",
        "win%",
        "crisis",
        "collap",
        "levlost",
        "lead%",
        "US lev",
        "gap"
    ));
    for r in rows {
        out.push_str(&format!(
            "{:<31} {:<18} {:>6} {:>6.1}  {:>4.0} {:>4.0} {:>4.0} {:>4.0} {:>4.0}  {:>5.1} {:>5.1}% {:>5.1}% {:>6.1}% {:>6.1} {:>7.1} {:>5.2}\n",
            r.strategy,
            r.doctrine,
            r.games,
            r.mean_score,
            r.grade_a * 100.0,
            r.grade_b * 100.0,
            r.grade_c * 100.0,
            r.grade_d * 100.0,
            r.grade_f * 100.0,
            r.win_rate * 100.0,
            r.crisis_rate * 100.0,
            r.collapse_rate * 100.0,
            r.leverage_lost_rate * 100.0,
            r.mean_compute_lead,
            r.mean_us_leverage,
            r.mean_capability_gap,
        ));
    }
    out
}
