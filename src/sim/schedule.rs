//! Fixed schedules of moves, played blind, and a search for the best one.
//!
//! A schedule never looks at the game: quarter `t` plays move `t` of the
//! list (repeating it when the game is longer). It is the strongest thing
//! that does not judge, so the margin the expert keeps over the best
//! schedule a search can find is what reading the situation is worth. The
//! search here is a hill climb over schedules (random changes of one to three
//! quarters, kept when they score better on a fixed set of training seeds),
//! restarted from several sound starts; its winner is scored again on seeds
//! the search never saw, so that luck on the training seeds is not counted.
//! `cargo run --release --example recipes` runs it at full size.

use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::engine::ids::MoveId;
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::Rules;
use crate::engine::score::{Grade, score};
use crate::engine::state::State;
use crate::engine::turn::advance;

/// A fixed list of moves, at most [`Schedule::MAX`] long.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Schedule {
    moves: [MoveId; Schedule::MAX],
    len: u8,
}

impl Schedule {
    /// The longest schedule: two default games' worth of quarters.
    pub const MAX: usize = 32;

    /// A schedule of these moves, or None if there are none or too many.
    pub fn new(moves: &[MoveId]) -> Option<Schedule> {
        if moves.is_empty() || moves.len() > Schedule::MAX {
            return None;
        }
        let mut out = [MoveId::HoldCourse; Schedule::MAX];
        out[..moves.len()].copy_from_slice(moves);
        Some(Schedule {
            moves: out,
            len: moves.len() as u8,
        })
    }

    pub fn moves(&self) -> &[MoveId] {
        &self.moves[..usize::from(self.len)]
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The move for the quarter `turn` (from 0): the list repeats.
    pub fn move_at(&self, turn: u32) -> MoveId {
        self.moves[turn as usize % self.len()]
    }

    /// The schedule as long as `len`, the list repeated (or cut).
    pub fn unrolled(&self, len: usize) -> Schedule {
        let len = len.clamp(1, Schedule::MAX);
        let moves: Vec<MoveId> = (0..len as u32).map(|t| self.move_at(t)).collect();
        Schedule::new(&moves).expect("a length within bounds")
    }
}

impl fmt::Debug for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Schedule({self})")
    }
}

/// The moves' ids joined by commas, as `--strategy schedule:…` takes them.
impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, m) in self.moves().iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(m.as_str())?;
        }
        Ok(())
    }
}

/// Why a schedule did not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadSchedule {
    #[error("a schedule needs at least one move")]
    Empty,
    #[error("a schedule holds at most {max} moves (this one has {0})", max = Schedule::MAX)]
    TooLong(usize),
    #[error("{0}")]
    Move(String),
}

/// Parses `license-downgraded,build-compute,...`; spaces around the commas
/// are allowed.
impl FromStr for Schedule {
    type Err = BadSchedule;
    fn from_str(s: &str) -> Result<Schedule, BadSchedule> {
        if s.trim().is_empty() {
            return Err(BadSchedule::Empty);
        }
        let moves = s
            .split(',')
            .map(|m| {
                m.trim()
                    .parse::<MoveId>()
                    .map_err(|e| BadSchedule::Move(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if moves.len() > Schedule::MAX {
            return Err(BadSchedule::TooLong(moves.len()));
        }
        Schedule::new(&moves).ok_or(BadSchedule::Empty)
    }
}

/// How a schedule did over some seeds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Played {
    pub schedule: Schedule,
    pub games: u64,
    pub mean: f64,
    /// Share of games graded B or better.
    pub win_rate: f64,
    /// Share of games graded A.
    pub a_rate: f64,
}

/// The seed of game `i` in a set of games drawn from `base`, as the batch
/// simulator derives them.
fn game_seed(base: u64, i: u64) -> u64 {
    derive_seed(base, i)
}

/// One blind game: the final score and grade.
pub fn play_blind(rules: &Rules, schedule: &Schedule, seed: u64) -> (f64, Grade) {
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(seed);
    while !state.is_over() {
        let m = schedule.move_at(state.turn);
        advance(rules, &mut state, m, &mut rng);
    }
    let s = score(rules, &state);
    (s.total, s.grade)
}

/// Plays a schedule blind on games `0..games` of the seed set `base`, in
/// parallel, summed in game order.
pub fn evaluate(rules: &Rules, schedule: &Schedule, base: u64, games: u64) -> Played {
    let results: Vec<(f64, Grade)> = (0..games)
        .into_par_iter()
        .map(|i| play_blind(rules, schedule, game_seed(base, i)))
        .collect();
    summarise(*schedule, &results)
}

/// The same, on one thread: for searches that parallelise over schedules.
fn evaluate_serial(rules: &Rules, schedule: &Schedule, base: u64, games: u64) -> Played {
    let results: Vec<(f64, Grade)> = (0..games)
        .map(|i| play_blind(rules, schedule, game_seed(base, i)))
        .collect();
    summarise(*schedule, &results)
}

fn summarise(schedule: Schedule, results: &[(f64, Grade)]) -> Played {
    let n = results.len().max(1) as f64;
    let mean = results.iter().map(|(s, _)| s).sum::<f64>() / n;
    let wins = results.iter().filter(|(_, g)| g.is_win()).count() as f64;
    let a = results.iter().filter(|(_, g)| *g == Grade::A).count() as f64;
    Played {
        schedule,
        games: results.len() as u64,
        mean,
        win_rate: wins / n,
        a_rate: a / n,
    }
}

/// Every cycle of exactly `len` moves (13^len of them), each played blind
/// on `games` games of `base`; sorted best mean first. Meant for lengths 1
/// to 3 (2,197 cycles at 3).
pub fn all_cycles(rules: &Rules, len: usize, base: u64, games: u64) -> Vec<Played> {
    let n = MoveId::COUNT;
    let count = n.pow(len as u32);
    let mut played: Vec<Played> = (0..count)
        .into_par_iter()
        .map(|mut code| {
            let mut moves = Vec::with_capacity(len);
            for _ in 0..len {
                moves.push(MoveId::ALL[code % n]);
                code /= n;
            }
            let schedule = Schedule::new(&moves).expect("a short cycle");
            evaluate_serial(rules, &schedule, base, games)
        })
        .collect();
    sort_best_first(&mut played);
    played
}

fn sort_best_first(played: &mut [Played]) {
    // Stable, so that ties keep the enumeration's order on every machine.
    played.sort_by(|a, b| b.mean.total_cmp(&a.mean));
}

/// How hard a hill climb works.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Climb {
    /// Changes tried per restart.
    pub mutations: u32,
    /// Training games each candidate is scored on (the same games for all).
    pub seeds: u64,
    /// The training seed set.
    pub base: u64,
    /// The climb's own dice.
    pub dice: u64,
}

/// The result of a search over schedules.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Each restart's start and where it climbed to, with training means.
    pub restarts: Vec<Restart>,
    /// The best schedule over all restarts, on the training seeds.
    pub best: Schedule,
    pub training_mean: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Restart {
    pub start: Schedule,
    pub start_mean: f64,
    pub end: Schedule,
    pub end_mean: f64,
    /// Changes kept.
    pub improvements: u32,
}

/// Hill climbs from each start: each step changes one to three quarters at
/// random and keeps the change if it scores better on the training games.
/// A batch of changes is tried in parallel and the best of them is taken,
/// so the result does not depend on the number of threads. It needs at
/// least one start.
pub fn climb(rules: &Rules, starts: &[Schedule], config: Climb) -> Found {
    const BATCH: u32 = 32;
    assert!(!starts.is_empty(), "a climb needs at least one start");
    let mut restarts = Vec::new();
    for (r, start) in starts.iter().enumerate() {
        let mut dice = GameRng::new(derive_seed(config.dice, r as u64));
        let mut current = *start;
        let mut current_mean = evaluate_serial(rules, &current, config.base, config.seeds).mean;
        let start_mean = current_mean;
        let mut improvements = 0;
        let mut tried = 0;
        while tried < config.mutations {
            let batch = BATCH.min(config.mutations - tried);
            let candidates: Vec<Schedule> =
                (0..batch).map(|_| mutate(&current, &mut dice)).collect();
            tried += batch;
            let scored: Vec<f64> = candidates
                .par_iter()
                .map(|c| evaluate_serial(rules, c, config.base, config.seeds).mean)
                .collect();
            let (best, mean) = candidates.iter().zip(&scored).fold(
                (None, current_mean),
                |(best, mean), (c, m)| {
                    if *m > mean {
                        (Some(*c), *m)
                    } else {
                        (best, mean)
                    }
                },
            );
            if let Some(best) = best {
                current = best;
                current_mean = mean;
                improvements += 1;
            }
        }
        restarts.push(Restart {
            start: *start,
            start_mean,
            end: current,
            end_mean: current_mean,
            improvements,
        });
    }
    let top = restarts
        .iter()
        .fold(None::<&Restart>, |best, r| match best {
            Some(b) if b.end_mean >= r.end_mean => Some(b),
            _ => Some(r),
        })
        .copied();
    let (best, training_mean) = top.map_or((starts[0], f64::MIN), |r| (r.end, r.end_mean));
    Found {
        restarts,
        best,
        training_mean,
    }
}

/// One to three quarters of the schedule set to random moves.
fn mutate(schedule: &Schedule, dice: &mut GameRng) -> Schedule {
    let mut moves = schedule.moves().to_vec();
    let changes = 1 + dice.below(3);
    for _ in 0..changes {
        let at = dice.below(moves.len());
        moves[at] = MoveId::ALL[dice.below(MoveId::COUNT)];
    }
    Schedule::new(&moves).expect("same length")
}

/// The rotation the "No recipe" issue found playing as well as the expert,
/// blind: rolling threshold, minerals, allies, compute, talks.
pub const FOUND_ROTATION: [MoveId; 5] = [
    MoveId::RollingThreshold,
    MoveId::SecureMinerals,
    MoveId::CoordinateAllies,
    MoveId::BuildCompute,
    MoveId::OpenTalks,
];

/// The best cycle of a given length by search: a hill climb over cycles of
/// that length (the cycle repeats through the game), from the best shorter
/// cycle repeated and from a few random ones.
pub fn best_cycle(rules: &Rules, len: usize, from: &[Schedule], config: Climb) -> Found {
    let mut starts: Vec<Schedule> = from.iter().map(|s| s.unrolled(len)).collect();
    let mut dice = GameRng::new(derive_seed(config.dice, 0x6379_636c));
    for _ in 0..2 {
        let moves: Vec<MoveId> = (0..len)
            .map(|_| MoveId::ALL[dice.below(MoveId::COUNT)])
            .collect();
        starts.push(Schedule::new(&moves).expect("a short cycle"));
    }
    climb(rules, &starts, config)
}

/// The best schedule a search found against one doctrine, as the recipes
/// example writes it (`--write FILE`), for a balance test to hold the
/// expert against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    pub scenario: String,
    pub doctrine: String,
    /// The schedule, as `--strategy schedule:` takes it.
    pub schedule: String,
    /// Its mean score on the held-out games when it was found (`sim --seed
    /// 1`), and how many.
    pub holdout_mean: f64,
    pub holdout_games: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_parse_print_and_repeat() {
        let s: Schedule = "rolling-threshold, build-compute,open-talks"
            .parse()
            .unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s.to_string(), "rolling-threshold,build-compute,open-talks");
        assert_eq!(s.move_at(0), MoveId::RollingThreshold);
        assert_eq!(s.move_at(4), MoveId::BuildCompute);
        assert_eq!(s.unrolled(5).to_string().matches(',').count(), 4);
        assert_eq!("".parse::<Schedule>(), Err(BadSchedule::Empty));
        assert!(matches!(
            "build-compute,win".parse::<Schedule>(),
            Err(BadSchedule::Move(m)) if m.contains("`win`")
        ));
        let long = vec!["hold-course"; 33].join(",");
        assert_eq!(long.parse::<Schedule>(), Err(BadSchedule::TooLong(33)));
    }
}
