//! Whether an event changes what the expert plays next: the measure behind
//! "events matter". Each event is injected into a quarter at positions the
//! expert reached where its condition holds; it counts as changing the
//! expert's play where the expert's next move differs from the one it
//! makes after the same quarter without the event.
//!
//! Because the expert searches with dice, a different move can also be
//! search noise; `Impact::noise` is how often the expert's move after the
//! quarter without the event differs between two search seeds, the floor
//! against which a change counts.

use rayon::prelude::*;

use crate::engine::conditions::all_hold;
use crate::engine::ids::MoveId;
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::Rules;
use crate::engine::state::State;
use crate::engine::turn::{ChinaSide, advance, before_beijing, resolve_turn_with};
use crate::sim::knowledge::{Knowledge, PublicTurn};

/// One event's measured effect on the expert's next move.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// Index into `rules.events`.
    pub event: usize,
    /// Positions where its condition held and it was injected.
    pub positions: usize,
    /// Of those, where the expert's next move changed with the event.
    pub changed: usize,
    /// Of those, where the expert's move without the event changed with
    /// the search seed alone.
    pub noise: usize,
    /// The moves the expert turned to with the event, counted.
    pub turned_to: [usize; MoveId::COUNT],
}

impl Impact {
    pub fn share(&self) -> f64 {
        self.changed as f64 / self.positions.max(1) as f64
    }

    pub fn noise_share(&self) -> f64 {
        self.noise as f64 / self.positions.max(1) as f64
    }
}

/// A position the expert reached, with the public record that led to it.
#[derive(Clone)]
struct Position {
    seed: u64,
    state: State,
    record: Vec<PublicTurn>,
}

/// Plays `games` expert games (at `budget`) from `base` and keeps each
/// game's position at a turn drawn from 1 to 12 (before the quarter).
fn positions(rules: &Rules, games: u64, base: u64, budget: u32) -> Vec<Position> {
    (0..games)
        .into_par_iter()
        .filter_map(|i| {
            let seed = derive_seed(base, i);
            let mut pick = GameRng::with_stream(seed, 0x696d_7061);
            let stop = 1 + pick.below(12) as u32;
            let mut state = State::new(&rules.scenario);
            let mut rng = GameRng::new(seed);
            let mut record = Vec::new();
            while !state.is_over() && state.turn < stop {
                let knowledge = Knowledge::observe(rules, &state, &record, seed);
                let m = super::expert::choose(rules, &knowledge, budget, seed);
                let summary = advance(rules, &mut state, m, &mut rng);
                record.push(PublicTurn::new(m, &summary));
            }
            (!state.is_over()).then_some(Position {
                seed,
                state,
                record,
            })
        })
        .collect()
}

/// Injects every event of the deck at up to `per_event` of `games` expert
/// positions where its condition holds, and counts how often the expert's
/// next move changes. The quarter's own move is the expert's; the quarter
/// is played with the same dice with and without the inject.
pub fn measure(rules: &Rules, games: u64, per_event: usize, base: u64, budget: u32) -> Vec<Impact> {
    let positions = positions(rules, games, base, budget);
    let next = |seed: u64, state: &State, record: &[PublicTurn]| {
        let knowledge = Knowledge::observe(rules, state, record, seed);
        super::expert::choose(rules, &knowledge, budget, seed)
    };
    // Per position: the quarter's move, and what follows it without the
    // event (and with another search seed, for the noise floor).
    struct Played {
        us_move: MoveId,
        without: MoveId,
        reseeded: MoveId,
    }
    let played: Vec<Played> = positions
        .par_iter()
        .map(|p| {
            let us_move = next(p.seed, &p.state, &p.record);
            let (after, record) = quarter(rules, p, us_move, None);
            Played {
                us_move,
                without: next(p.seed, &after, &record),
                reseeded: next(derive_seed(p.seed, 0x6e6f_6973), &after, &record),
            }
        })
        .collect();
    (0..rules.events.len())
        .map(|event| {
            let eligible: Vec<usize> = (0..positions.len())
                .filter(|&i| {
                    let mut decided = positions[i].state.clone();
                    let ctx = before_beijing(rules, &mut decided, played[i].us_move).ctx;
                    all_hold(&rules.events[event].when, &decided, rules, &ctx)
                })
                .take(per_event)
                .collect();
            let moves: Vec<(MoveId, &Played)> = eligible
                .par_iter()
                .map(|&i| {
                    let p = &positions[i];
                    let (after, record) = quarter(rules, p, played[i].us_move, Some(event));
                    (next(p.seed, &after, &record), &played[i])
                })
                .collect();
            let mut impact = Impact {
                event,
                positions: moves.len(),
                changed: 0,
                noise: 0,
                turned_to: [0; MoveId::COUNT],
            };
            for (with, p) in moves {
                if with != p.without {
                    impact.changed += 1;
                    impact.turned_to[with.index()] += 1;
                }
                impact.noise += usize::from(p.reseeded != p.without);
            }
            impact
        })
        .collect()
}

/// Plays the position's quarter with `us_move`, `inject` sent into it, and
/// the game's own dice; returns the state after and the public record.
fn quarter(
    rules: &Rules,
    p: &Position,
    us_move: MoveId,
    inject: Option<usize>,
) -> (State, Vec<PublicTurn>) {
    // The game's dice at this turn: replaying the record would cost a game
    // per position; a stream seeded by the game and turn is as fair, and
    // the same with and without the inject.
    let mut rng = GameRng::with_stream(p.seed, 0x7100 + u64::from(p.state.turn));
    let injects: Vec<usize> = inject.into_iter().collect();
    let (after, report) = resolve_turn_with(
        rules,
        &p.state,
        us_move,
        ChinaSide::Doctrine,
        &injects,
        &mut rng,
    );
    let mut record = p.record.clone();
    record.push(PublicTurn::from_report(rules, &report));
    (after, record)
}
