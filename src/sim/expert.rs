//! The expert player: chooses each quarter's move by looking ahead with the
//! engine. For every candidate move it plays sampled games to the end, the
//! move first and then each of a few sound continuations (rules of thumb
//! tuned by offline search, the adaptive bot's among them), and values the
//! move by its best continuation's mean final score: a rollout search over
//! several base policies, which plays at least as well as the best of them.
//! Every candidate meets the same sampled games and dice (common random
//! numbers), so differences between moves are not luck. A first round
//! values all moves; a second, three times as long, separates the four best.
//!
//! It searches only from what Washington knows (`Knowledge`), with dice of
//! its own seeded from the game's seed and the quarter: the same game always
//! gets the same choices, and the game's own random stream is never touched.

use crate::engine::ids::{Gauge, MoveId, Stock};
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::{Ceiling, Rules};
use crate::engine::score::score;
use crate::engine::state::State;
use crate::engine::turn::advance;

use super::bots::{Instincts, answer_to_situation, instinct};
use super::knowledge::{Knowledge, search_seed};

/// Rollouts per candidate move and continuation in the first round, at the
/// default budget. The `expert` benchmark measures a first-quarter decision
/// (the longest look-ahead) against the 50 ms target.
pub const DEFAULT_BUDGET: u32 = 24;

/// How many moves go through to the second round, and how much longer it is.
const FINALISTS: usize = 4;
const SECOND_ROUND: u32 = 2;

/// Purposes that keep the searcher's seeds apart.
const CHOOSE: u64 = 0x6578_7065_7274;
const SAMPLE: u64 = 1;
const DICE: u64 = 2;

/// What search says a move is worth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Value {
    pub us_move: MoveId,
    /// Mean final score of the move's best continuation.
    pub mean: f64,
}

/// The expert's move for this quarter.
pub fn choose(rules: &Rules, knowledge: &Knowledge, budget: u32, game_seed: u64) -> MoveId {
    best(&finalists(rules, knowledge, budget, game_seed))
}

/// The expert's move among `candidates` only (all of them if empty): how
/// the balance work measures what a kind of move is worth, by an expert
/// that may not play it.
pub fn choose_among(
    rules: &Rules,
    knowledge: &Knowledge,
    budget: u32,
    game_seed: u64,
    candidates: &[MoveId],
) -> MoveId {
    best(&finalists_among(
        rules, knowledge, budget, game_seed, candidates,
    ))
}

/// The moves the expert's second round weighs, valued by it, best first.
pub fn finalists(rules: &Rules, knowledge: &Knowledge, budget: u32, game_seed: u64) -> Vec<Value> {
    finalists_among(rules, knowledge, budget, game_seed, MoveId::ALL)
}

fn finalists_among(
    rules: &Rules,
    knowledge: &Knowledge,
    budget: u32,
    game_seed: u64,
    candidates: &[MoveId],
) -> Vec<Value> {
    let candidates = if candidates.is_empty() {
        MoveId::ALL
    } else {
        candidates
    };
    let seed = search_seed(game_seed, knowledge.turn, CHOOSE);
    let budget = budget.max(1);
    let mut search = Search::new(rules, knowledge, seed, candidates);
    search.run(0..budget);
    let mut ranked = search.values();
    ranked.sort_by(|a, b| b.mean.total_cmp(&a.mean));
    let finalists: Vec<MoveId> = ranked.iter().take(FINALISTS).map(|v| v.us_move).collect();
    let mut second = Search::new(rules, knowledge, seed, &finalists);
    second.run(0..budget * (1 + SECOND_ROUND));
    let mut values = second.values();
    // Stable: a tie keeps the first round's order, as `best` does.
    values.sort_by(|a, b| b.mean.total_cmp(&a.mean));
    values
}

/// The best of some valued moves (the first, on a tie).
pub fn best(values: &[Value]) -> MoveId {
    values
        .iter()
        .fold(None::<&Value>, |best, v| match best {
            Some(b) if b.mean >= v.mean => Some(b),
            _ => Some(v),
        })
        .map_or(MoveId::HoldCourse, |v| v.us_move)
}

/// How long a paired comparison runs: at least `min_rollouts`, then in
/// batches until the gap between the watched move and the best of the
/// others is known to within `target_se` (one standard error), or
/// `max_rollouts` is reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Precision {
    pub min_rollouts: u32,
    pub max_rollouts: u32,
    pub target_se: f64,
}

/// One move's value in a paired comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub us_move: MoveId,
    /// Mean final score, played on with the move's best continuation.
    pub mean: f64,
    /// Mean final gauges under that continuation.
    pub end: [f64; Gauge::COUNT],
    /// Mean points of penalties in the final score under it (leverage
    /// lost, a crisis, a collapse).
    pub penalties: f64,
    /// Standard error of the best move's mean minus this one's, from the
    /// paired games (0 for the best move itself).
    pub se: f64,
}

/// Paired estimates of some moves from the same position.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// In the order the moves were given.
    pub estimates: Vec<Estimate>,
    pub rollouts: u32,
}

/// Rollouts added between checks of the standard errors.
const BATCH: u32 = 16;
/// Continuations kept per move once the first `min_rollouts` have shown
/// which suit it: the rest would not be its best, and dropping them makes
/// every later rollout several times cheaper.
const KEPT_CONTINUATIONS: usize = 3;

/// Values `moves` from the same sampled games and dice (common random
/// numbers: the differences between moves are not luck), as the expert
/// values its candidates, but keeping every game's score so that each
/// difference from the best move comes with its standard error. The
/// comparison runs until the gap that matters, between `moves[watch]` and
/// the best of the others, is precise enough.
pub fn compare(
    rules: &Rules,
    knowledge: &Knowledge,
    seed: u64,
    moves: &[MoveId],
    watch: usize,
    precision: Precision,
) -> Comparison {
    const C: usize = CONTINUATIONS.len();
    let min = precision.min_rollouts.max(2);
    let max = precision.max_rollouts.max(min);
    let mut scores: Vec<Vec<[f64; C]>> = vec![Vec::new(); moves.len()];
    let mut ends = vec![[[0.0; Gauge::COUNT]; C]; moves.len()];
    let mut penalties = vec![[0.0; C]; moves.len()];
    let mut active: Vec<Vec<usize>> = vec![(0..C).collect(); moves.len()];
    let mut n = 0;
    loop {
        let next = (n + BATCH).max(min).min(max);
        for i in n..next {
            let i = u64::from(i);
            let mut draw = GameRng::new(derive_seed(derive_seed(seed, SAMPLE), i));
            let start = knowledge.sample(&mut draw);
            let dice = GameRng::new(derive_seed(derive_seed(seed, DICE), i));
            for (k, first) in moves.iter().enumerate() {
                let mut row = [0.0; C];
                for c in &active[k] {
                    let end = rollout(rules, &start, *first, &CONTINUATIONS[*c], dice.clone());
                    let result = score(rules, &end);
                    row[*c] = result.total;
                    penalties[k][*c] += result.penalties.iter().map(|(_, p)| p).sum::<f64>();
                    for (sum, v) in ends[k][*c].iter_mut().zip(end.gauges().0) {
                        *sum += v;
                    }
                }
                scores[k].push(row);
            }
        }
        n = next;
        if active[0].len() == C {
            for (k, kept) in active.iter_mut().enumerate() {
                kept.sort_by(|a, b| {
                    column_sum(&scores[k], *b).total_cmp(&column_sum(&scores[k], *a))
                });
                kept.truncate(KEPT_CONTINUATIONS);
            }
        }
        let estimates = paired_estimates(moves, &scores, &ends, &penalties, &active);
        if n >= max || gap_se(&estimates, watch) < precision.target_se {
            return Comparison {
                estimates,
                rollouts: n,
            };
        }
    }
}

/// The standard error of the gap between the watched move and the best of
/// the others. Every error is measured from the top move, so it is the
/// watched move's own, unless it is on top, when it is the runner-up's.
pub fn gap_se(estimates: &[Estimate], watch: usize) -> f64 {
    let Some(watched) = estimates.get(watch) else {
        return 0.0;
    };
    let runner_up = estimates
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != watch)
        .map(|(_, e)| e)
        .fold(None::<&Estimate>, |best, e| match best {
            Some(b) if b.mean >= e.mean => Some(b),
            _ => Some(e),
        });
    match runner_up {
        Some(other) if other.mean > watched.mean => watched.se,
        Some(other) => other.se,
        None => 0.0,
    }
}

fn column_sum(rows: &[[f64; CONTINUATIONS.len()]], c: usize) -> f64 {
    rows.iter().map(|r| r[c]).sum()
}

/// Each move's best continuation (of those still played), mean and end
/// gauges, and the standard error of its paired difference from the best
/// move.
fn paired_estimates(
    moves: &[MoveId],
    scores: &[Vec<[f64; CONTINUATIONS.len()]>],
    ends: &[[[f64; Gauge::COUNT]; CONTINUATIONS.len()]],
    penalties: &[[f64; CONTINUATIONS.len()]],
    active: &[Vec<usize>],
) -> Vec<Estimate> {
    let n = scores.first().map_or(0, Vec::len).max(1) as f64;
    let best: Vec<usize> = scores
        .iter()
        .zip(active)
        .map(|(rows, kept)| {
            kept.iter()
                .map(|c| (*c, column_sum(rows, *c)))
                .fold((kept[0], f64::MIN), |a, b| if b.1 > a.1 { b } else { a })
                .0
        })
        .collect();
    let means: Vec<f64> = (0..moves.len())
        .map(|k| column_sum(&scores[k], best[k]) / n)
        .collect();
    let top = (0..moves.len()).fold(0, |t, k| if means[k] > means[t] { k } else { t });
    moves
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let diffs: Vec<f64> = scores[top]
                .iter()
                .zip(&scores[k])
                .map(|(a, b)| a[best[top]] - b[best[k]])
                .collect();
            Estimate {
                us_move: *m,
                mean: means[k],
                end: ends[k][best[k]].map(|s| s / n),
                penalties: penalties[k][best[k]] / n,
                se: standard_error(&diffs),
            }
        })
        .collect()
}

/// The standard error of a sample's mean (0 for fewer than two values).
fn standard_error(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
    (var / n as f64).sqrt()
}

/// Running sums of final scores per candidate and continuation.
struct Search<'a> {
    rules: &'a Rules,
    knowledge: &'a Knowledge,
    seed: u64,
    candidates: Vec<MoveId>,
    /// Indexed by candidate, then continuation.
    sums: Vec<[f64; CONTINUATIONS.len()]>,
    rollouts: u32,
}

impl<'a> Search<'a> {
    fn new(rules: &'a Rules, knowledge: &'a Knowledge, seed: u64, candidates: &[MoveId]) -> Self {
        Search {
            rules,
            knowledge,
            seed,
            candidates: candidates.to_vec(),
            sums: vec![[0.0; CONTINUATIONS.len()]; candidates.len()],
            rollouts: 0,
        }
    }

    /// Plays the sampled games with these indices; game `i` is the same
    /// game whichever round or candidate plays it.
    fn run(&mut self, games: std::ops::Range<u32>) {
        for i in games {
            let i = u64::from(i);
            let mut draw = GameRng::new(derive_seed(derive_seed(self.seed, SAMPLE), i));
            let start = self.knowledge.sample(&mut draw);
            let dice = GameRng::new(derive_seed(derive_seed(self.seed, DICE), i));
            for (sums, first) in self.sums.iter_mut().zip(&self.candidates) {
                for (sum, then) in sums.iter_mut().zip(&CONTINUATIONS) {
                    let end = rollout(self.rules, &start, *first, then, dice.clone());
                    *sum += score(self.rules, &end).total;
                }
            }
            self.rollouts += 1;
        }
    }

    fn values(&self) -> Vec<Value> {
        let n = f64::from(self.rollouts.max(1));
        self.candidates
            .iter()
            .zip(&self.sums)
            .map(|(m, sums)| Value {
                us_move: *m,
                mean: sums.iter().fold(f64::MIN, |a, b| a.max(*b)) / n,
            })
            .collect()
    }
}

/// Plays `first`, then the continuation to the end; the final state.
fn rollout(
    rules: &Rules,
    start: &State,
    first: MoveId,
    then: &Continuation,
    mut dice: GameRng,
) -> State {
    let mut state = start.clone();
    let mut m = first;
    while !state.is_over() {
        advance(rules, &mut state, m, &mut dice);
        m = then.choose(rules, &state);
    }
    state
}

/// A way to play on after the move being valued.
enum Continuation {
    /// A rule-of-thumb player.
    Instincts(Instincts),
    /// Keep U.S. chips the better buy, then play the least worn of a set.
    Rotate(&'static [MoveId]),
}

impl Continuation {
    fn choose(&self, rules: &Rules, state: &State) -> MoveId {
        match self {
            // The expert's rules of thumb answer what events leave
            // standing (the adaptive bot on its own does not read them).
            Continuation::Instincts(k) => {
                if state.policy.ceiling != Ceiling::Banned
                    && let Some(answer) = answer_to_situation(rules, state)
                {
                    return answer;
                }
                instinct(rules, state, k)
            }
            Continuation::Rotate(set) => rotate(rules, state, set),
        }
    }
}

/// The continuations: five rules of thumb found by random search over the
/// adaptive bot's thresholds (best mean score over the four doctrines), two
/// found the same way against the self-reliance hawk and tit-for-tat alone
/// (rules of thumb that fit one opponent), the adaptive bot
/// itself, and a rotation through the portfolio moves. Regenerate with
/// `cargo run --release --example instincts -- DOCTRINE…`.
const CONTINUATIONS: [Continuation; 9] = [
    Continuation::Instincts(Instincts {
        talks_tension: 43.0,
        allies_low: 69.0,
        allies_high: 98.0,
        leakage: 29.0,
        enforcement_to: 0,
        calm_tension: 22.0,
        minerals_leverage: 63.0,
        tighten_allies: 101.0,
        build_fresh: 0.36,
    }),
    Continuation::Instincts(Instincts {
        talks_tension: 32.0,
        allies_low: 78.0,
        allies_high: 93.0,
        leakage: 43.0,
        enforcement_to: 0,
        calm_tension: 17.0,
        minerals_leverage: 72.0,
        tighten_allies: 101.0,
        build_fresh: 0.66,
    }),
    Continuation::Instincts(Instincts {
        talks_tension: 31.0,
        allies_low: 78.0,
        allies_high: 98.0,
        leakage: 23.0,
        enforcement_to: 1,
        calm_tension: 27.0,
        minerals_leverage: 44.0,
        tighten_allies: 101.0,
        build_fresh: 0.47,
    }),
    Continuation::Instincts(Instincts {
        talks_tension: 46.0,
        allies_low: 65.0,
        allies_high: 90.0,
        leakage: 37.0,
        enforcement_to: 3,
        calm_tension: 18.0,
        minerals_leverage: 56.0,
        tighten_allies: 101.0,
        build_fresh: 0.49,
    }),
    Continuation::Instincts(Instincts {
        talks_tension: 53.0,
        allies_low: 86.0,
        allies_high: 90.0,
        leakage: 29.0,
        enforcement_to: 1,
        calm_tension: 15.0,
        minerals_leverage: 50.0,
        tighten_allies: 101.0,
        build_fresh: 0.98,
    }),
    Continuation::Instincts(Instincts {
        talks_tension: 59.0,
        allies_low: 72.0,
        allies_high: 97.0,
        leakage: 42.0,
        enforcement_to: 0,
        calm_tension: 29.0,
        minerals_leverage: 66.0,
        tighten_allies: 101.0,
        build_fresh: 0.75,
    }),
    Continuation::Instincts(Instincts {
        talks_tension: 33.5,
        allies_low: 74.5,
        allies_high: 89.0,
        leakage: 24.5,
        enforcement_to: 2,
        calm_tension: 16.5,
        minerals_leverage: 81.5,
        tighten_allies: 59.0,
        build_fresh: 0.8,
    }),
    Continuation::Instincts(Instincts::ADAPTIVE),
    Continuation::Rotate(&[
        MoveId::CoordinateAllies,
        MoveId::OpenTalks,
        MoveId::SecureMinerals,
        MoveId::BuildCompute,
    ]),
];

fn rotate(rules: &Rules, state: &State, set: &[MoveId]) -> MoveId {
    if state.policy.ceiling != Ceiling::Banned
        && let Some(answer) = answer_to_situation(rules, state)
    {
        return answer;
    }
    let quality = state.get(Stock::Quality);
    match state.policy.ceiling {
        Ceiling::Banned | Ceiling::Stronger => return MoveId::RollingThreshold,
        Ceiling::H20Class if quality + rules.model.rolling_margin >= rules.model.ceiling_h20 => {
            return MoveId::RollingThreshold;
        }
        _ => {}
    }
    set.iter()
        .copied()
        .min_by(|a, b| state.fatigue[a.index()].total_cmp(&state.fatigue[b.index()]))
        .unwrap_or(MoveId::HoldCourse)
}
