//! Evaluating the conditions that doctrines and events are written in.

use super::ids::MoveId;
use super::rules::{Condition, Rules};
use super::state::State;

/// What the conditions may know about the turn in progress.
#[derive(Clone, Copy, Debug)]
pub struct TurnContext {
    pub us_move: MoveId,
    /// The move's escalation level if it changed policy or is a one-off
    /// action; 0 when it only restated standing policy.
    pub escalation: i8,
}

/// Whether one condition holds.
pub fn holds(condition: &Condition, state: &State, rules: &Rules, ctx: &TurnContext) -> bool {
    match condition {
        Condition::Always => true,
        Condition::UsMove(m) => ctx.us_move == *m,
        Condition::UsMoveIn(ms) => ms.contains(&ctx.us_move),
        Condition::EscalationAtLeast(level) => ctx.escalation >= *level,
        Condition::EscalationAtMost(level) => ctx.escalation <= *level,
        Condition::EscalatedWithin(turns) => state.since_escalation < *turns,
        Condition::CeilingIs(c) => state.policy.ceiling == *c,
        Condition::ChipsAvailable => state.policy.ceiling != super::rules::Ceiling::Banned,
        Condition::Blockade => state.policy.is_blockade(),
        Condition::EquipmentAtLeast(level) => state.policy.equipment >= *level,
        Condition::EnforcementAtMost(level) => state.policy.enforcement <= *level,
        Condition::RevenueShare(on) => state.policy.revenue_share == *on,
        Condition::Above(measure, value) => state.measure(*measure) > *value,
        Condition::Below(measure, value) => state.measure(*measure) < *value,
        Condition::DomesticBeatsCeiling => {
            state.get(super::ids::Stock::Quality) >= state.ceiling_quality(rules)
        }
        Condition::TurnAtLeast(turn) => state.turn >= *turn,
    }
}

/// Whether every condition holds (an empty list always does).
pub fn all_hold(conditions: &[Condition], state: &State, rules: &Rules, ctx: &TurnContext) -> bool {
    conditions.iter().all(|c| holds(c, state, rules, ctx))
}
