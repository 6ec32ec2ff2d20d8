//! Previews of each U.S. move: what a quarter after it is expected to look
//! like, found by playing the move on copies of the state with throwaway
//! dice (the engine's turn is pure, so this changes nothing), and the
//! escalation warning that asks before a move that could end the game or
//! cannot be undone quickly.

use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::{Gauge, MoveId, Outcome, ResponseId, Rules, State, Stock, advance};

/// Quarters simulated per move.
pub const SAMPLES: u32 = 12;
/// Expected tension at or above this asks for confirmation: near enough to
/// the crisis line (100) that one bad quarter can cross it. A view threshold,
/// not a game rule.
pub const TENSION_WARNING: f64 = 80.0;
/// The same for mineral stress, whose limit (100) is a supply-chain collapse.
pub const STRESS_WARNING: f64 = 80.0;
/// Keeps the preview's dice apart from the game's.
const PREVIEW_SALT: u64 = 0x7072_6576_6965_7721;

/// The expected outcome of one move this quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub move_id: MoveId,
    /// Mean change of each gauge over the simulated quarters.
    pub mean_delta: [f64; Gauge::COUNT],
    /// Mean tension after the quarter.
    pub tension_after: f64,
    /// Mean mineral stress after the quarter.
    pub stress_after: f64,
    /// Simulated quarters that ended the game in a crisis or collapse.
    pub losses: u32,
    /// Beijing's answers in the simulated quarters, most frequent first.
    pub replies: Vec<(ResponseId, u32)>,
    pub samples: u32,
}

impl Preview {
    /// Gauges with the largest expected changes (scaled by range), largest first.
    pub fn largest(&self, n: usize) -> Vec<(Gauge, f64)> {
        let mut list: Vec<(Gauge, f64)> = Gauge::ALL
            .iter()
            .map(|g| (*g, self.mean_delta[g.index()]))
            .collect();
        let size = |(g, d): &(Gauge, f64)| {
            let (lo, hi) = g.range();
            d.abs() / (hi - lo)
        };
        list.sort_by(|a, b| size(b).total_cmp(&size(a)));
        list.truncate(n);
        list
    }
}

/// Plays `us_move` on copies of the state and averages what follows.
pub fn preview(rules: &Rules, state: &State, seed: u64, us_move: MoveId) -> Preview {
    let before = state.gauges();
    let mut sum = [0.0; Gauge::COUNT];
    let mut tension = 0.0;
    let mut stress = 0.0;
    let mut losses = 0;
    let mut counts = [0u32; ResponseId::COUNT];
    let base = derive_seed(seed ^ PREVIEW_SALT, u64::from(state.turn));
    for sample in 0..SAMPLES {
        let mut copy = state.clone();
        let mut rng = GameRng::with_stream(base, u64::from(sample) + 2);
        let summary = advance(rules, &mut copy, us_move, &mut rng);
        let after = copy.gauges();
        for g in Gauge::ALL {
            sum[g.index()] += after.get(*g) - before.get(*g);
        }
        tension += copy.get(Stock::Tension);
        stress += copy.get(Stock::MineralStress);
        if copy.outcome.is_some_and(Outcome::is_loss) {
            losses += 1;
        }
        for (response, _) in summary.responses.iter().flatten() {
            counts[response.index()] += 1;
        }
    }
    let n = f64::from(SAMPLES);
    let mut replies: Vec<(ResponseId, u32)> = ResponseId::ALL
        .iter()
        .map(|r| (*r, counts[r.index()]))
        .filter(|(_, c)| *c > 0)
        .collect();
    replies.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Preview {
        move_id: us_move,
        mean_delta: sum.map(|s| s / n),
        tension_after: tension / n,
        stress_after: stress / n,
        losses,
        replies,
        samples: SAMPLES,
    }
}

/// A preview for every move, in `MoveId::ALL` order (empty once the game is over).
pub fn previews(rules: &Rules, state: &State, seed: u64) -> Vec<Preview> {
    if state.is_over() {
        return Vec::new();
    }
    MoveId::ALL
        .iter()
        .map(|m| preview(rules, state, seed, *m))
        .collect()
}

/// Why a move asks for confirmation.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// The move cannot be undone quickly; carries the move's risk line.
    Irreversible(String),
    /// Some simulated quarters ended the game.
    CouldEndGame { losses: u32, samples: u32 },
    /// Expected tension near the crisis line.
    NearCrisis { tension: f64 },
    /// Expected mineral stress near the collapse line.
    NearCollapse { stress: f64 },
}

impl Warning {
    /// The risk, in one line.
    pub fn text(&self) -> String {
        match self {
            Warning::Irreversible(risk) => {
                format!("{}. {risk}", super::strings::WARN_IRREVERSIBLE)
            }
            Warning::CouldEndGame { losses, samples } => format!(
                "This could end the game: in {losses} of {samples} simulated quarters it led to a crisis or a supply-chain collapse."
            ),
            Warning::NearCrisis { tension } => format!(
                "Tension would reach about {tension:.0} of 100; at 100 the game ends in a crisis."
            ),
            Warning::NearCollapse { stress } => format!(
                "Mineral stress would reach about {stress:.0} of 100; at 100 U.S. supply chains collapse and the game ends."
            ),
        }
    }
}

/// Whether this move takes up an offer to negotiate Beijing made last
/// quarter (talks then can close a deal).
pub fn takes_up_offer(state: &State, m: MoveId) -> bool {
    m == MoveId::OpenTalks && state.get(Stock::Overture) > 0.0
}

/// Whether a move needs a second "yes", and why.
pub fn warning(rules: &Rules, preview: &Preview) -> Option<Warning> {
    let def = rules.move_def(preview.move_id);
    if def.irreversible {
        Some(Warning::Irreversible(def.risk.clone()))
    } else if preview.losses > 0 {
        Some(Warning::CouldEndGame {
            losses: preview.losses,
            samples: preview.samples,
        })
    } else if preview.tension_after >= TENSION_WARNING {
        Some(Warning::NearCrisis {
            tension: preview.tension_after,
        })
    } else if preview.stress_after >= STRESS_WARNING {
        Some(Warning::NearCollapse {
            stress: preview.stress_after,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Content, DEFAULT_SCENARIO};

    fn rules() -> Rules {
        Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap()
    }

    #[test]
    fn previews_change_nothing_and_repeat_exactly() {
        let rules = rules();
        let state = State::new(&rules.scenario);
        let copy = state.clone();
        let a = previews(&rules, &state, 7);
        let b = previews(&rules, &state, 7);
        assert_eq!(state, copy);
        assert_eq!(a, b);
        assert_eq!(a.len(), MoveId::COUNT);
    }

    #[test]
    fn the_full_blockade_always_asks_first() {
        let rules = rules();
        let state = State::new(&rules.scenario);
        let p = preview(&rules, &state, 1, MoveId::FullBlockade);
        assert!(matches!(
            warning(&rules, &p),
            Some(Warning::Irreversible(_))
        ));
    }

    #[test]
    fn a_move_that_may_end_the_game_asks_first() {
        let rules = rules();
        let mut state = State::new(&rules.scenario);
        state.set(Stock::Tension, 99.0);
        let p = preview(&rules, &state, 1, MoveId::BanDowngraded);
        assert!(warning(&rules, &p).is_some());
    }

    #[test]
    fn a_move_near_a_supply_chain_collapse_asks_first() {
        let rules = rules();
        let state = State::new(&rules.scenario);
        let mut p = preview(&rules, &state, 1, MoveId::HoldCourse);
        assert_eq!(warning(&rules, &p), None);
        p.stress_after = STRESS_WARNING + 5.0;
        let w = warning(&rules, &p);
        assert!(matches!(w, Some(Warning::NearCollapse { .. })), "{w:?}");
        assert!(w.unwrap().text().contains("supply chains collapse"));
    }

    #[test]
    fn open_talks_takes_up_an_offer_only_while_it_stands() {
        let rules = rules();
        let mut state = State::new(&rules.scenario);
        assert!(!takes_up_offer(&state, MoveId::OpenTalks));
        state.set(Stock::Overture, 100.0);
        assert!(takes_up_offer(&state, MoveId::OpenTalks));
        assert!(!takes_up_offer(&state, MoveId::HoldCourse));
    }
}
