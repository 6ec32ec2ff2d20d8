//! Forecasts that compare: what a move adds to holding course. Each sampled
//! future plays the move and then holds course for the rest of a year, and
//! is set against the same future (same hidden quantities, same dice) that
//! holds course all year; the difference, gauge by gauge, is what the move
//! is expected to change, with its spread, so that effects that arrive late
//! (a build-out, a minerals programme) still show.
//!
//! Like the expert, a forecast starts from what Washington knows
//! (`Knowledge`), never from the true state, and assumes Beijing answers as
//! the scripted doctrine in the rules would.

use crate::engine::ids::{Gauge, MoveId, ResponseId, Stock};
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::{Ceiling, Policy, PolicyChange, Rules};
use crate::engine::state::{Outcome, State};
use crate::engine::turn::{advance, answers_a_situation, apply_us_move};

use super::knowledge::{Knowledge, search_seed};

/// Quarters each future runs: the move, then three of holding course.
pub const QUARTERS: u32 = 4;
/// Sampled futures per move.
pub const SAMPLES: u32 = 32;
/// Keeps the forecast's dice apart from the game's and the expert's.
const FORECAST: u64 = 0x666f_7265_6361_7374;

/// A quantity over the sampled futures: its mean and the range holding the
/// middle 80% of them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spread {
    pub mean: f64,
    /// 10th percentile.
    pub low: f64,
    /// 90th percentile.
    pub high: f64,
}

impl Spread {
    fn of(values: &mut [f64]) -> Spread {
        if values.is_empty() {
            return Spread::default();
        }
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let at = |p: f64| values[((p * (n - 1) as f64) + 0.5) as usize];
        Spread {
            mean: values.iter().sum::<f64>() / n as f64,
            low: at(0.1),
            high: at(0.9),
        }
    }
}

/// Why a move would change nothing, or no policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Idle {
    /// True when the move changes nothing at all this quarter; false when
    /// it changes no policy but its other effects still apply.
    pub nothing: bool,
    /// What is already in force, in words ("chips are already banned").
    pub reason: String,
}

/// The expected effect of one move, against holding course.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub us_move: MoveId,
    /// Quarters simulated (fewer than `QUARTERS` near the game's end).
    pub quarters: u32,
    pub samples: u32,
    /// Per gauge, at the end of the window: this move then holding course,
    /// minus holding course throughout. All zero for holding course.
    pub versus_hold: [Spread; Gauge::COUNT],
    /// Per gauge: holding course throughout, its change from now.
    pub hold_change: [Spread; Gauge::COUNT],
    /// Futures that ended the game in a crisis or a collapse within the
    /// window: after this move, and when holding course throughout.
    pub losses: u32,
    pub hold_losses: u32,
    /// Futures that ended the game in the next quarter alone.
    pub losses_next: u32,
    /// Mean tension and mineral stress after the next quarter: after this
    /// move, and after holding course.
    pub tension_next: f64,
    pub stress_next: f64,
    pub hold_tension_next: f64,
    pub hold_stress_next: f64,
    /// Beijing's answers next quarter, most frequent first.
    pub replies: Vec<(ResponseId, u32)>,
    /// Set when the move would change nothing, or no policy.
    pub idle: Option<Idle>,
}

impl Forecast {
    /// The gauges the move changes most against holding course (scaled by
    /// range), largest first; for holding course itself, the gauges that
    /// move most while it holds.
    pub fn largest(&self, n: usize) -> Vec<(Gauge, Spread)> {
        let source = if self.us_move == MoveId::HoldCourse {
            &self.hold_change
        } else {
            &self.versus_hold
        };
        let mut list: Vec<(Gauge, Spread)> = Gauge::ALL
            .iter()
            .map(|g| (*g, source[g.index()]))
            .filter(|(_, s)| s.mean.abs() >= 0.05)
            .collect();
        let size = |(g, s): &(Gauge, Spread)| {
            let (lo, hi) = g.range();
            s.mean.abs() / (hi - lo)
        };
        list.sort_by(|a, b| size(b).total_cmp(&size(a)));
        list.truncate(n);
        list
    }
}

/// One sampled future's end: the gauges, and whether (and when) it ended.
struct End {
    gauges: [f64; Gauge::COUNT],
    lost: bool,
}

/// Plays `first`, then holds course, for up to `quarters` quarters.
fn future(
    rules: &Rules,
    start: &State,
    first: MoveId,
    quarters: u32,
    mut dice: GameRng,
    next: &mut impl FnMut(&State, &[Option<ResponseId>; 2]),
) -> End {
    let mut state = start.clone();
    for q in 0..quarters {
        if state.is_over() {
            break;
        }
        let m = if q == 0 { first } else { MoveId::HoldCourse };
        let summary = advance(rules, &mut state, m, &mut dice);
        if q == 0 {
            next(&state, &summary.responses.map(|r| r.map(|(id, _)| id)));
        }
    }
    End {
        gauges: state.gauges().0,
        lost: state.outcome.is_some_and(Outcome::is_loss),
    }
}

/// A forecast for every move, in `MoveId::ALL` order, from what
/// Washington knows (empty once the game is over). `game_seed` keeps the
/// same position's forecast the same every time it is drawn.
pub fn forecasts(rules: &Rules, knowledge: &Knowledge, game_seed: u64) -> Vec<Forecast> {
    let remaining = rules.scenario.horizon.saturating_sub(knowledge.turn);
    if remaining == 0 || knowledge.is_over() {
        return Vec::new();
    }
    let quarters = QUARTERS.min(remaining);
    let seed = search_seed(game_seed, knowledge.turn, FORECAST);
    let now = knowledge.gauges.0;
    let starts: Vec<(State, GameRng)> = (0..SAMPLES)
        .map(|i| {
            let i = u64::from(i);
            let mut draw = GameRng::new(derive_seed(derive_seed(seed, 1), i));
            let start = knowledge.sample(&mut draw);
            (start, GameRng::new(derive_seed(derive_seed(seed, 2), i)))
        })
        .collect();
    let mut hold_next = Vec::with_capacity(starts.len());
    let holds: Vec<End> = starts
        .iter()
        .map(|(start, dice)| {
            future(
                rules,
                start,
                MoveId::HoldCourse,
                quarters,
                dice.clone(),
                &mut |s, r| hold_next.push((s.clone(), *r)),
            )
        })
        .collect();
    let mut hold_change = [Spread::default(); Gauge::COUNT];
    for g in Gauge::ALL {
        let mut values: Vec<f64> = holds
            .iter()
            .map(|h| h.gauges[g.index()] - now[g.index()])
            .collect();
        hold_change[g.index()] = Spread::of(&mut values);
    }
    let hold_losses = holds.iter().filter(|h| h.lost).count() as u32;
    let mean_next = |firsts: &[(State, [Option<ResponseId>; 2])], stock: Stock| {
        firsts.iter().map(|(s, _)| s.get(stock)).sum::<f64>() / f64::from(SAMPLES)
    };
    let hold_tension_next = mean_next(&hold_next, Stock::Tension);
    let hold_stress_next = mean_next(&hold_next, Stock::MineralStress);
    MoveId::ALL
        .iter()
        .map(|m| {
            let mut firsts: Vec<(State, [Option<ResponseId>; 2])> = Vec::new();
            let ends: Vec<End> = if *m == MoveId::HoldCourse {
                firsts = hold_next.clone();
                starts
                    .iter()
                    .zip(&holds)
                    .map(|(_, h)| End {
                        gauges: h.gauges,
                        lost: h.lost,
                    })
                    .collect()
            } else {
                starts
                    .iter()
                    .map(|(start, dice)| {
                        future(rules, start, *m, quarters, dice.clone(), &mut |s, r| {
                            firsts.push((s.clone(), *r))
                        })
                    })
                    .collect()
            };
            let mut versus_hold = [Spread::default(); Gauge::COUNT];
            for g in Gauge::ALL {
                let mut values: Vec<f64> = ends
                    .iter()
                    .zip(&holds)
                    .map(|(e, h)| e.gauges[g.index()] - h.gauges[g.index()])
                    .collect();
                versus_hold[g.index()] = Spread::of(&mut values);
            }
            let mut counts = [0u32; ResponseId::COUNT];
            for (_, responses) in &firsts {
                for r in responses.iter().flatten() {
                    counts[r.index()] += 1;
                }
            }
            let mut replies: Vec<(ResponseId, u32)> = ResponseId::ALL
                .iter()
                .map(|r| (*r, counts[r.index()]))
                .filter(|(_, c)| *c > 0)
                .collect();
            replies.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Forecast {
                us_move: *m,
                quarters,
                samples: SAMPLES,
                versus_hold,
                hold_change,
                losses: ends.iter().filter(|e| e.lost).count() as u32,
                hold_losses,
                losses_next: firsts
                    .iter()
                    .filter(|(s, _)| s.outcome.is_some_and(Outcome::is_loss))
                    .count() as u32,
                tension_next: mean_next(&firsts, Stock::Tension),
                stress_next: mean_next(&firsts, Stock::MineralStress),
                hold_tension_next,
                hold_stress_next,
                replies,
                idle: idle(rules, knowledge.public(), *m),
            }
        })
        .collect()
}

/// Whether a move would change nothing this quarter (or no policy), and
/// why: a ban when chips are already banned, enforcement already at its
/// strictest. Found by applying the move to a copy of the position, so it
/// follows the rules as written.
pub fn idle(rules: &Rules, state: &State, m: MoveId) -> Option<Idle> {
    let def = rules.move_def(m);
    if m == MoveId::HoldCourse || def.policy.is_empty() || answers_a_situation(rules, state, m) {
        return None;
    }
    let mut moved = state.clone();
    if apply_us_move(rules, &mut moved, m).policy_changed {
        return None;
    }
    // With policy unchanged, only the move's every-time effects apply.
    let nothing = def.each_time.is_empty() && def.each_time_cost.is_empty();
    let reasons: Vec<String> = def
        .policy
        .iter()
        .filter_map(|change| in_force(&state.policy, *change))
        .collect();
    Some(Idle {
        nothing,
        reason: reasons.join("; "),
    })
}

/// What a policy change would find already in force, in words.
fn in_force(policy: &Policy, change: PolicyChange) -> Option<String> {
    match change {
        PolicyChange::SetCeiling(c) if policy.ceiling == c => Some(match c {
            Ceiling::Banned => "AI chip sales are already banned".to_string(),
            _ => format!("the export ceiling is already {}", c.label()),
        }),
        PolicyChange::RaiseEquipment if policy.equipment >= Policy::MAX_EQUIPMENT => Some(format!(
            "equipment controls are already at their widest ({}/{})",
            policy.equipment,
            Policy::MAX_EQUIPMENT
        )),
        PolicyChange::SetEquipment(level) if policy.equipment == level => Some(format!(
            "equipment controls are already {} ({}/{})",
            policy.equipment_label(),
            policy.equipment,
            Policy::MAX_EQUIPMENT
        )),
        PolicyChange::RaiseEnforcement if policy.enforcement >= Policy::MAX_ENFORCEMENT => {
            Some(format!(
                "enforcement is already at its strictest ({}/{})",
                policy.enforcement,
                Policy::MAX_ENFORCEMENT
            ))
        }
        _ => None,
    }
}
