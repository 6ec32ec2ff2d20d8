//! U.S. strategy bots for the batch simulator: one "always X" per move, a
//! random player, and an adaptive player that reads the state the way the
//! design's argument suggests.

use std::fmt;
use std::str::FromStr;

use crate::engine::ids::{MoveId, Stock};
use crate::engine::rng::GameRng;
use crate::engine::rules::{Ceiling, Rules};
use crate::engine::state::State;

use super::knowledge::{Knowledge, PublicTurn};
use super::schedule::{BadSchedule, Schedule};

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
    /// Looks ahead with the engine from what Washington knows, with this
    /// many rollouts per candidate move (`expert`).
    Expert { budget: u32 },
    /// Plays a fixed list of moves blind, repeating it when the game is
    /// longer (`schedule:MOVE,MOVE,...`).
    Schedule(Schedule),
}

impl Strategy {
    /// The expert at its default budget.
    pub const EXPERT: Strategy = Strategy::Expert {
        budget: super::expert::DEFAULT_BUDGET,
    };

    /// Every cheap built-in strategy, in table order. The expert is left
    /// out: it is slow, and runs only when named.
    pub fn all() -> Vec<Strategy> {
        let mut all: Vec<Strategy> = MoveId::ALL.iter().map(|m| Strategy::Always(*m)).collect();
        all.extend([Strategy::Random, Strategy::Adaptive, Strategy::Hawk]);
        all
    }

    /// Chooses this turn's move. `rng` is the bot's own stream, never the
    /// game's; the expert reads only what Washington knows of the game
    /// (`state` through `record`), with dice of its own from `game_seed`.
    pub fn choose(
        &self,
        rules: &Rules,
        state: &State,
        record: &[PublicTurn],
        game_seed: u64,
        rng: &mut GameRng,
    ) -> MoveId {
        match self {
            Strategy::Always(m) => *m,
            Strategy::Random => MoveId::ALL[rng.below(MoveId::COUNT)],
            Strategy::Adaptive => adaptive(rules, state),
            Strategy::Hawk => hawk(state),
            Strategy::Schedule(schedule) => schedule.move_at(state.turn),
            Strategy::Expert { budget } => {
                let knowledge = Knowledge::observe(rules, state, record, game_seed);
                super::expert::choose(rules, &knowledge, *budget, game_seed)
            }
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
            Strategy::Expert { .. } => f.write_str("expert"),
            Strategy::Schedule(schedule) => write!(f, "{SCHEDULE_PREFIX}{schedule}"),
        }
    }
}

/// How a schedule is named on the command line: `schedule:` and its moves.
pub const SCHEDULE_PREFIX: &str = "schedule:";

/// A strategy name [`Strategy`]'s `FromStr` does not know, or a schedule
/// that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownStrategy {
    pub given: String,
    /// Why a `schedule:` strategy was refused.
    pub schedule: Option<BadSchedule>,
}

impl fmt::Display for UnknownStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(why) = &self.schedule {
            return write!(f, "bad strategy `{}`: {why}", self.given);
        }
        write!(
            f,
            "unknown strategy `{}` (expected `all`, `schedule:MOVE,MOVE,...` or one of: {})",
            self.given,
            Strategy::all()
                .iter()
                .chain(&[Strategy::EXPERT])
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

impl std::error::Error for UnknownStrategy {}

impl FromStr for Strategy {
    type Err = UnknownStrategy;
    fn from_str(s: &str) -> Result<Self, UnknownStrategy> {
        if let Some(moves) = s.strip_prefix(SCHEDULE_PREFIX) {
            return moves
                .parse::<Schedule>()
                .map(Strategy::Schedule)
                .map_err(|why| UnknownStrategy {
                    given: s.to_string(),
                    schedule: Some(why),
                });
        }
        Strategy::all()
            .into_iter()
            .chain([Strategy::EXPERT])
            .find(|strategy| strategy.to_string() == s)
            .ok_or_else(|| UnknownStrategy {
                given: s.to_string(),
                schedule: None,
            })
    }
}

fn fresh(state: &State, m: MoveId, limit: f64) -> bool {
    state.fatigue[m.index()] < limit
}

/// The adaptive bot's move (also the expert's default policy).
pub fn adaptive(rules: &Rules, state: &State) -> MoveId {
    instinct(rules, state, &Instincts::ADAPTIVE)
}

/// The thresholds of an adaptive player's rules of thumb.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Instincts {
    pub talks_tension: f64,
    pub allies_low: f64,
    pub allies_high: f64,
    pub leakage: f64,
    pub enforcement_to: u8,
    pub calm_tension: f64,
    pub minerals_leverage: f64,
    /// Tighten equipment controls while allies are at least this aligned
    /// (above 100: never).
    pub tighten_allies: f64,
    pub build_fresh: f64,
}

impl Instincts {
    pub const ADAPTIVE: Instincts = Instincts {
        talks_tension: 50.0,
        allies_low: 62.0,
        allies_high: 75.0,
        leakage: 25.0,
        enforcement_to: 2,
        calm_tension: 35.0,
        minerals_leverage: 50.0,
        tighten_allies: 101.0,
        build_fresh: 0.8,
    };
}

/// A rule-of-thumb player with the given thresholds.
pub fn instinct(rules: &Rules, state: &State, k: &Instincts) -> MoveId {
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
    if (tension > k.talks_tension || stress > 40.0) && fresh(state, MoveId::OpenTalks, 1.0) {
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
    if allies < k.allies_low && fresh(state, MoveId::CoordinateAllies, 1.0) {
        return MoveId::CoordinateAllies;
    }
    if state.get(Stock::Leakage) > k.leakage && policy.enforcement < k.enforcement_to {
        return MoveId::Enforcement;
    }
    if allies >= k.tighten_allies && policy.equipment < 2 && tension < 40.0 {
        return MoveId::TightenEquipment;
    }
    if fresh(state, MoveId::BuildCompute, k.build_fresh) {
        return MoveId::BuildCompute;
    }
    if allies < k.allies_high && fresh(state, MoveId::CoordinateAllies, 0.8) {
        return MoveId::CoordinateAllies;
    }
    if tension > k.calm_tension && fresh(state, MoveId::OpenTalks, 0.8) {
        return MoveId::OpenTalks;
    }
    if state.get(Stock::ChinaLeverage) > k.minerals_leverage
        && fresh(state, MoveId::SecureMinerals, 1.0)
    {
        return MoveId::SecureMinerals;
    }
    MoveId::HoldCourse
}

/// A move that answers a standing situation, for rules of thumb: never a
/// ban or a blockade, and, among the answers, one that keeps the standing
/// export ceiling (or a move that sets none) before one that changes it.
pub fn answer_to_situation(rules: &Rules, state: &State) -> Option<MoveId> {
    let keeps_ceiling = |m: MoveId| match m {
        MoveId::LicenseDowngraded => state.policy.ceiling == Ceiling::H20Class,
        MoveId::ApproveStrongerChip => state.policy.ceiling == Ceiling::Stronger,
        MoveId::RollingThreshold => state.policy.ceiling == Ceiling::Rolling,
        MoveId::LicenseRevenueShare => false,
        _ => true,
    };
    crate::engine::turn::situations(rules, state).find_map(|s| {
        let answers = &s.lasting.answered_by;
        let usable = || {
            answers
                .iter()
                .copied()
                .filter(|m| !matches!(m, MoveId::BanDowngraded | MoveId::FullBlockade))
        };
        usable()
            .find(|m| keeps_ceiling(*m))
            .or_else(|| usable().find(|m| *m == MoveId::RollingThreshold))
            .or_else(|| usable().next())
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_strategy_parses_from_its_name_and_no_other() {
        for strategy in Strategy::all().into_iter().chain([Strategy::EXPERT]) {
            assert_eq!(strategy.to_string().parse::<Strategy>(), Ok(strategy));
        }
        assert_eq!(
            "always-win".parse::<Strategy>(),
            Err(UnknownStrategy {
                given: "always-win".to_string(),
                schedule: None,
            })
        );
        let schedule = "schedule:rolling-threshold,build-compute";
        assert_eq!(
            schedule.parse::<Strategy>().map(|s| s.to_string()),
            Ok(schedule.to_string())
        );
        let bad = "schedule:build-compute,,open-talks".parse::<Strategy>();
        assert!(
            bad.as_ref()
                .is_err_and(|e| e.to_string().contains("unknown move ``")),
            "{bad:?}"
        );
    }
}
