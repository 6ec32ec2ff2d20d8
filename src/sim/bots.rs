//! U.S. strategy bots for the batch simulator: one "always X" per move, a
//! random player, and an adaptive player that reads the state the way the
//! design's argument suggests.

use std::fmt;
use std::str::FromStr;

use crate::engine::ids::{MoveId, Stock};
use crate::engine::rng::GameRng;
use crate::engine::rules::{Ceiling, Rules};
use crate::engine::state::State;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Plays the same move every turn.
    Always(MoveId),
    /// Plays a uniformly random move.
    Random,
    /// Licenses chips, moves to a rolling threshold as domestic chips close
    /// in, talks when tension rises, courts allies, builds compute.
    Adaptive,
    /// Escalates early (ban, equipment, enforcement) and then manages the
    /// fallout with talks and allies: a contrast to `adaptive`.
    Hawk,
}

impl Strategy {
    /// Every built-in strategy, in table order.
    pub fn all() -> Vec<Strategy> {
        let mut all: Vec<Strategy> = MoveId::ALL.iter().map(|m| Strategy::Always(*m)).collect();
        all.extend([Strategy::Random, Strategy::Adaptive, Strategy::Hawk]);
        all
    }

    /// Chooses this turn's move. `rng` is the bot's own stream, never the
    /// game's.
    pub fn choose(&self, rules: &Rules, state: &State, rng: &mut GameRng) -> MoveId {
        match self {
            Strategy::Always(m) => *m,
            Strategy::Random => MoveId::ALL[rng.below(MoveId::COUNT)],
            Strategy::Adaptive => adaptive(rules, state),
            Strategy::Hawk => hawk(state),
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Strategy::Always(m) => write!(f, "always-{m}"),
            Strategy::Random => f.write_str("random"),
            Strategy::Adaptive => f.write_str("adaptive"),
            Strategy::Hawk => f.write_str("hawk"),
        }
    }
}

impl FromStr for Strategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Strategy::all()
            .into_iter()
            .find(|strategy| strategy.to_string() == s)
            .ok_or_else(|| {
                format!(
                    "unknown strategy `{s}` (expected `all` or one of: {})",
                    Strategy::all()
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

fn fresh(state: &State, m: MoveId, limit: f64) -> bool {
    state.fatigue[m.index()] < limit
}

fn adaptive(rules: &Rules, state: &State) -> MoveId {
    let tension = state.get(Stock::Tension);
    let stress = state.get(Stock::MineralStress);
    let quality = state.get(Stock::Quality);
    let allies = state.get(Stock::Allies);
    let policy = state.policy;
    // A ban or blockade in force: reopen sales first, under a threshold
    // that keeps U.S. chips just ahead (this also eases tension).
    if policy.ceiling == Ceiling::Banned {
        return MoveId::RollingThreshold;
    }
    // Cool things down before they boil over.
    if (tension > 50.0 || stress > 40.0) && fresh(state, MoveId::OpenTalks, 1.0) {
        return MoveId::OpenTalks;
    }
    if stress > 50.0 && fresh(state, MoveId::SecureMinerals, 1.5) {
        return MoveId::SecureMinerals;
    }
    // Keep U.S. chips the better buy: a rolling threshold once domestic
    // chips close in on the H20 class, and never a ban or the stronger chip.
    match policy.ceiling {
        Ceiling::Banned | Ceiling::Stronger => return MoveId::RollingThreshold,
        // Switch once the threshold would sit above the H20 class.
        Ceiling::H20Class if quality + rules.model.rolling_margin >= rules.model.ceiling_h20 => {
            return MoveId::RollingThreshold;
        }
        _ => {}
    }
    if allies < 62.0 && fresh(state, MoveId::CoordinateAllies, 1.0) {
        return MoveId::CoordinateAllies;
    }
    if state.get(Stock::Leakage) > 25.0 && policy.enforcement < 2 {
        return MoveId::Enforcement;
    }
    if fresh(state, MoveId::BuildCompute, 0.8) {
        return MoveId::BuildCompute;
    }
    if allies < 75.0 && fresh(state, MoveId::CoordinateAllies, 0.8) {
        return MoveId::CoordinateAllies;
    }
    if tension > 35.0 && fresh(state, MoveId::OpenTalks, 0.8) {
        return MoveId::OpenTalks;
    }
    if state.get(Stock::ChinaLeverage) > 50.0 && fresh(state, MoveId::SecureMinerals, 1.0) {
        return MoveId::SecureMinerals;
    }
    MoveId::HoldCourse
}

fn hawk(state: &State) -> MoveId {
    let policy = state.policy;
    if state.get(Stock::Tension) > 65.0 && fresh(state, MoveId::OpenTalks, 1.0) {
        return MoveId::OpenTalks;
    }
    if policy.ceiling != Ceiling::Banned {
        return MoveId::BanDowngraded;
    }
    if policy.enforcement < 2 {
        return MoveId::Enforcement;
    }
    if state.get(Stock::Allies) < 65.0 && fresh(state, MoveId::CoordinateAllies, 1.0) {
        return MoveId::CoordinateAllies;
    }
    if policy.equipment < 1 {
        return MoveId::TightenEquipment;
    }
    if fresh(state, MoveId::BuildCompute, 0.8) {
        return MoveId::BuildCompute;
    }
    MoveId::SecureMinerals
}
