//! The headless batch simulator: plays many seeded games per strategy and
//! doctrine and summarises them. Games run in parallel, but game `i` always
//! uses the seed derived from the base seed and `i`, and results are summed
//! in game order, so the numbers never depend on the thread count.

pub mod bots;
pub mod depth;
pub mod event_impact;
pub mod expert;
pub mod forecast;
pub mod knowledge;
pub mod review;
pub mod schedule;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::ids::{Gauge, MoveId};
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::Rules;
use crate::engine::score::{Grade, Objective, score};
use crate::engine::state::{Outcome, State};
use crate::engine::turn::advance;

pub use bots::{Strategy, UnknownStrategy};
use knowledge::PublicTurn;

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
    /// Every gauge's value when the game ended.
    pub end: [f64; Gauge::COUNT],
    /// Each objective's scored value, 0–100.
    pub objectives: [f64; Objective::COUNT],
    /// How many times each move was played.
    pub moves: [u32; MoveId::COUNT],
}

/// The `--doctrine` and `--scenario` options the balance tools
/// (`examples/recipes`, `event_impact`, `depth`) share.
#[derive(clap::Args, Clone, Debug)]
pub struct Cells {
    /// Doctrines to measure against (default: every shipped doctrine).
    #[arg(long = "doctrine")]
    pub doctrines: Vec<String>,
    /// The scenario to play.
    #[arg(long, default_value = crate::content::DEFAULT_SCENARIO)]
    pub scenario: String,
}

/// Plays one whole game with a bot, on the batch path (no report text).
pub fn play_game(rules: &Rules, strategy: Strategy, seed: u64) -> GameResult {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(seed);
    let mut bot_rng = GameRng::with_stream(seed, BOT_STREAM);
    let mut record = Vec::new();
    let mut moves = [0; MoveId::COUNT];
    while !state.is_over() {
        let m = strategy.choose(rules, &state, &record, seed, &mut bot_rng);
        moves[m.index()] += 1;
        let summary = advance(rules, &mut state, m, &mut rng);
        record.push(PublicTurn::new(m, &summary));
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
        end: state.gauges().0,
        objectives: s.objectives,
        moves,
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
    /// Each gauge's mean value at the end of the game.
    pub mean_end: BTreeMap<Gauge, f64>,
    /// Each objective's mean scored value, 0–100, by its label.
    pub mean_objectives: BTreeMap<&'static str, f64>,
    /// The share of quarters in which each move was played.
    pub move_share: BTreeMap<MoveId, f64>,
}

impl Row {
    /// A gauge's mean value at the end of the game.
    pub fn end(&self, gauge: Gauge) -> f64 {
        self.mean_end.get(&gauge).copied().unwrap_or(f64::NAN)
    }
}

/// Plays `games` games of one strategy against the rules' doctrine. Calls
/// `progress(done)` after each chunk of games. Memory stays constant: each
/// chunk is played in parallel, then added to the totals in game order.
pub fn run_cell(
    rules: &Rules,
    strategy: Strategy,
    games: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Row {
    // The expert is slow: report its progress more often.
    let chunk = match strategy {
        Strategy::Expert { .. } => 8,
        _ => 4096,
    };
    let mut totals = Totals::default();
    let mut start = 0;
    while start < games {
        let end = (start + chunk).min(games);
        let chunk: Vec<GameResult> = (start..end)
            .into_par_iter()
            .map(|i| play_game(rules, strategy, derive_seed(seed, i)))
            .collect();
        for result in &chunk {
            totals.add(result);
        }
        start = end;
        progress(end);
    }
    totals.row(&strategy.to_string(), &rules.doctrine.id)
}

/// Sums results in order into a row.
pub fn summarise(strategy: &str, doctrine: &str, results: &[GameResult]) -> Row {
    let mut totals = Totals::default();
    for result in results {
        totals.add(result);
    }
    totals.row(strategy, doctrine)
}

/// Running sums over games, added in a fixed order.
#[derive(Default)]
struct Totals {
    games: u64,
    score: f64,
    grades: [u64; 5],
    crises: u64,
    collapses: u64,
    leverage_lost: u64,
    compute_lead: f64,
    us_leverage: f64,
    capability_gap: f64,
    end: [f64; Gauge::COUNT],
    objectives: [f64; Objective::COUNT],
    moves: [u64; MoveId::COUNT],
}

impl Totals {
    fn add(&mut self, r: &GameResult) {
        self.games += 1;
        self.score += r.score;
        self.grades[r.grade as usize] += 1;
        self.crises += u64::from(r.outcome == Outcome::Crisis);
        self.collapses += u64::from(r.outcome == Outcome::Collapse);
        self.leverage_lost += u64::from(r.leverage_lost);
        self.compute_lead += r.mean_compute_lead;
        self.us_leverage += r.mean_us_leverage;
        self.capability_gap += r.mean_capability_gap;
        for (sum, v) in self.end.iter_mut().zip(r.end) {
            *sum += v;
        }
        for (sum, v) in self.objectives.iter_mut().zip(r.objectives) {
            *sum += v;
        }
        for (sum, v) in self.moves.iter_mut().zip(r.moves) {
            *sum += u64::from(v);
        }
    }

    fn row(&self, strategy: &str, doctrine: &str) -> Row {
        let n = self.games.max(1) as f64;
        let share = |count: u64| count as f64 / n;
        Row {
            strategy: strategy.to_string(),
            doctrine: doctrine.to_string(),
            games: self.games,
            mean_score: self.score / n,
            grade_a: share(self.grades[Grade::A as usize]),
            grade_b: share(self.grades[Grade::B as usize]),
            grade_c: share(self.grades[Grade::C as usize]),
            grade_d: share(self.grades[Grade::D as usize]),
            grade_f: share(self.grades[Grade::F as usize]),
            win_rate: share(self.grades[Grade::A as usize] + self.grades[Grade::B as usize]),
            crisis_rate: share(self.crises),
            collapse_rate: share(self.collapses),
            leverage_lost_rate: share(self.leverage_lost),
            mean_compute_lead: self.compute_lead / n,
            mean_us_leverage: self.us_leverage / n,
            mean_capability_gap: self.capability_gap / n,
            mean_end: Gauge::ALL
                .iter()
                .map(|g| (*g, self.end[g.index()] / n))
                .collect(),
            mean_objectives: Objective::ALL
                .iter()
                .zip(self.objectives)
                .map(|(o, sum)| (o.label(), sum / n))
                .collect(),
            move_share: {
                let played = self.moves.iter().sum::<u64>().max(1) as f64;
                MoveId::ALL
                    .iter()
                    .map(|m| (*m, self.moves[m.index()] as f64 / played))
                    .collect()
            },
        }
    }
}

/// The rows as a plain-text table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{:<31} {:<18} {:>6} {:>6}  {:>4} {:>4} {:>4} {:>4} {:>4}  {:>5} {:>6} {:>6} {:>7} {:>6} {:>7} {:>5} {:>6} {:>6}\n",
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
        "gap",
        "CN lev",
        "stress"
    ));
    for r in rows {
        out.push_str(&format!(
            "{:<31} {:<18} {:>6} {:>6.1}  {:>4.0} {:>4.0} {:>4.0} {:>4.0} {:>4.0}  {:>5.1} {:>5.1}% {:>5.1}% {:>6.1}% {:>6.1} {:>7.1} {:>5.2} {:>6.1} {:>6.1}\n",
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
            r.end(Gauge::ChinaLeverage),
            r.end(Gauge::MineralStress),
        ));
    }
    out
}
