//! What each U.S. move is expected to do, for the screens: the forecasts
//! against holding course (`sim::forecast`, from what Washington knows),
//! and the escalation warning that asks before a move that could end the
//! game or cannot be undone quickly, stating the risk in numbers.

use crate::engine::{Game, MoveId, Rules, State, Stock};
use crate::sim::forecast;
use crate::sim::knowledge::Knowledge;

pub use crate::sim::forecast::{Forecast, Idle, Spread};

/// Expected tension at or above this after the next quarter asks for
/// confirmation: near enough to the crisis line (100) that one bad quarter
/// can cross it. A view threshold, not a game rule.
pub const TENSION_WARNING: f64 = 80.0;
/// The same for mineral stress, whose limit (100) is a supply-chain collapse.
pub const STRESS_WARNING: f64 = 80.0;
/// A move asks when this many more of the sampled futures end the game
/// than holding course: one in 32 is within the samples' noise, and a ⚠
/// on every other move would teach players to ignore it.
pub const RISK_MARGIN: u32 = 2;

/// Every move's forecast for the game's current quarter, in `MoveId::ALL`
/// order (empty once the game is over).
pub fn forecasts(game: &Game) -> Vec<Forecast> {
    forecast::forecasts(&game.rules, &Knowledge::of_game(game), game.seed)
}

/// Why a move asks for confirmation, with the numbers behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Set when the move cannot be undone quickly: its risk line.
    pub irreversible: Option<String>,
    /// Futures that ended the game within the window after this move, and
    /// when holding course throughout, of `samples`.
    pub losses: u32,
    pub hold_losses: u32,
    /// Of `losses`, those that ended in the next quarter.
    pub losses_next: u32,
    pub samples: u32,
    pub quarters: u32,
    /// Mean tension and mineral stress after the next quarter, after this
    /// move and after holding course.
    pub tension_next: f64,
    pub stress_next: f64,
    pub hold_tension_next: f64,
    pub hold_stress_next: f64,
    /// Whether this is holding course, the baseline the others are set
    /// against.
    pub baseline: bool,
}

impl Warning {
    fn of(rules: &Rules, f: &Forecast) -> Warning {
        let def = rules.move_def(f.us_move);
        Warning {
            irreversible: def.irreversible.then(|| def.risk.clone()),
            losses: f.losses,
            hold_losses: f.hold_losses,
            losses_next: f.losses_next,
            samples: f.samples,
            quarters: f.quarters,
            tension_next: f.tension_next,
            stress_next: f.stress_next,
            hold_tension_next: f.hold_tension_next,
            hold_stress_next: f.hold_stress_next,
            baseline: f.us_move == MoveId::HoldCourse,
        }
    }

    /// Whether the move needs a second "yes": it is hard to undo, or it
    /// adds to the risk of ending the game that holding course carries
    /// (holding course itself asks when it could end the game next
    /// quarter). Near the line every move shows its risk in numbers; only
    /// those that make it worse ask.
    fn asks(&self) -> bool {
        let worse = |after: f64, hold: f64, line: f64| after >= line && after > hold + 0.5;
        self.irreversible.is_some()
            || self.losses >= self.hold_losses + RISK_MARGIN
            || (self.baseline && self.losses_next > 0)
            || worse(self.tension_next, self.hold_tension_next, TENSION_WARNING)
            || worse(self.stress_next, self.hold_stress_next, STRESS_WARNING)
    }

    /// The crisis or collapse risk in numbers, when there is one.
    pub fn risk_text(&self) -> Option<String> {
        let (n, q) = (self.samples, self.quarters);
        let within = if q == 1 {
            "next quarter".to_string()
        } else {
            format!("within {q} quarters")
        };
        if self.losses > 0 || self.hold_losses > 0 {
            let next = if self.losses_next > 0 && q > 1 {
                format!(", {} of them next quarter", self.losses_next)
            } else {
                String::new()
            };
            // Holding course is the yardstick: no need to compare it with itself.
            let versus = if self.baseline {
                String::new()
            } else {
                format!(" (holding course: {} of {n})", self.hold_losses)
            };
            Some(format!(
                "Crisis or collapse {within} in {} of {n} simulated futures{next}{versus}.",
                self.losses
            ))
        } else if self.tension_next >= TENSION_WARNING {
            // Near the line without a simulated loss: say how near.
            Some(format!(
                "Tension would reach about {:.0} of 100 next quarter; at 100 the game ends in a crisis.",
                self.tension_next
            ))
        } else if self.stress_next >= STRESS_WARNING {
            Some(format!(
                "Mineral stress would reach about {:.0} of 100 next quarter; at 100 U.S. supply chains collapse and the game ends.",
                self.stress_next
            ))
        } else {
            None
        }
    }

    /// The warning in full: what is hard to undo, and the risk.
    pub fn text(&self) -> String {
        let risk = self.risk_text();
        let undo = self.irreversible.as_ref().map(|line| {
            // The move's own risk line may say it already.
            if line.to_lowercase().contains("undo") {
                line.clone()
            } else {
                format!("{}. {line}", crate::strings::WARN_IRREVERSIBLE)
            }
        });
        match (undo, risk) {
            (Some(undo), Some(risk)) => format!("{undo} {risk}"),
            (Some(undo), None) => format!(
                "{undo} No simulated future ended the game within {} quarters.",
                self.quarters
            ),
            (None, Some(risk)) => risk,
            (None, None) => String::new(),
        }
    }
}

impl Warning {
    /// A move's crisis or collapse risk in numbers, whether or not it asks
    /// for confirmation (holding course near the line carries one too).
    pub fn risk_of(rules: &Rules, f: &Forecast) -> Option<String> {
        Warning::of(rules, f).risk_text()
    }
}

/// Whether a move needs a second "yes", and why.
pub fn warning(rules: &Rules, f: &Forecast) -> Option<Warning> {
    let w = Warning::of(rules, f);
    w.asks().then_some(w)
}

/// Whether this move takes up an offer to negotiate Beijing made last
/// quarter (talks then can close a deal).
pub fn takes_up_offer(state: &State, m: MoveId) -> bool {
    m == MoveId::OpenTalks && state.get(Stock::Overture) > 0.0
}

/// What the forecasts assume about Beijing, in one line.
pub fn assumption(rules: &Rules, human_beijing: bool) -> String {
    let doctrine = &rules.doctrine.name;
    if human_beijing {
        format!(
            "Assumes a scripted {doctrine} Beijing; a person plays Beijing here, so no reply is predicted."
        )
    } else if rules.doctrine_hidden() {
        "Assumes Beijing's doctrine is as Washington believes it (intelligence panel, i): each sampled future draws one by its likelihood.".to_string()
    } else {
        format!("Assumes a {doctrine} Beijing, as in this game.")
    }
}

/// How a forecast was made, in one line: the move then holding course,
/// against holding course throughout, over the same sampled futures.
pub fn method(f: &Forecast) -> String {
    format!(
        "Ranges hold the middle 80% of {} simulated futures.",
        f.samples
    )
}

/// A forecast quantity: "+2.1 (-0.5 to +4.0)", or just "+5.6" when every
/// simulated future agrees.
pub fn spread_text(s: &Spread) -> String {
    use crate::describe::delta_text;
    if (s.high - s.low).abs() < 0.05 {
        delta_text(s.mean)
    } else {
        format!(
            "{} ({} to {})",
            delta_text(s.mean),
            delta_text(s.low),
            delta_text(s.high)
        )
    }
}

/// What a move that changes nothing (or no policy) says about it.
pub fn idle_text(idle: &Idle) -> String {
    if idle.nothing {
        format!(
            "Changes nothing: {}. Playing it is the same as holding course.",
            idle.reason
        )
    } else {
        format!(
            "Changes no policy: {}. Only its other effects apply.",
            idle.reason
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Content, DEFAULT_SCENARIO};
    use crate::engine::Gauge;
    use crate::engine::rules::{Ceiling, Policy};
    use std::sync::Arc;

    fn game() -> Game {
        let rules = Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap();
        Game::new(Arc::new(rules), 7)
    }

    #[test]
    fn forecasts_change_nothing_and_repeat_exactly() {
        let game = game();
        let copy = game.state.clone();
        let a = forecasts(&game);
        let b = forecasts(&game);
        assert_eq!(game.state, copy);
        assert_eq!(a, b);
        assert_eq!(a.len(), MoveId::COUNT);
    }

    #[test]
    fn moves_that_differ_forecast_differently() {
        // The complaint that started this: licensing, securing minerals and
        // holding course all showed the same next-quarter change.
        let f = forecasts(&game());
        let license = &f[MoveId::LicenseDowngraded.index()];
        let minerals = &f[MoveId::SecureMinerals.index()];
        let hold = &f[MoveId::HoldCourse.index()];
        assert_ne!(license.largest(3), minerals.largest(3));
        assert!(hold.versus_hold.iter().all(|s| s.mean == 0.0));
        assert!(minerals.versus_hold[Gauge::ChinaLeverage.index()].mean < 0.0);
        // A build-out's effect arrives after the first quarter, and shows.
        let build = &f[MoveId::BuildCompute.index()];
        assert!(
            build
                .largest(3)
                .iter()
                .any(|(g, s)| *g == Gauge::ComputeLead && s.mean > 0.0),
            "{:?}",
            build.largest(3)
        );
    }

    #[test]
    fn the_full_blockade_always_asks_first_and_states_its_risk() {
        let game = game();
        let f = forecasts(&game);
        let w = warning(&game.rules, &f[MoveId::FullBlockade.index()]).expect("asks");
        assert!(w.irreversible.is_some());
        assert!(w.text().contains("quarters"), "{}", w.text());
        // Said once, not twice.
        assert_eq!(
            w.text().to_lowercase().matches("undo").count(),
            1,
            "{}",
            w.text()
        );
    }

    #[test]
    fn a_move_that_may_end_the_game_states_the_odds() {
        let mut game = game();
        game.state.set(Stock::Tension, 97.0);
        let f = forecasts(&game);
        let w = warning(&game.rules, &f[MoveId::BanDowngraded.index()]).expect("asks");
        let text = w.text();
        assert!(text.contains("simulated futures"), "{text}");
        assert!(text.contains("holding course"), "{text}");
    }

    #[test]
    fn a_ban_when_chips_are_banned_changes_nothing_and_says_why() {
        let mut game = game();
        game.state.policy.ceiling = Ceiling::Banned;
        game.state.policy.enforcement = Policy::MAX_ENFORCEMENT;
        let f = forecasts(&game);
        let ban = f[MoveId::BanDowngraded.index()].idle.clone().expect("idle");
        assert!(ban.nothing);
        assert!(idle_text(&ban).contains("already banned"), "{ban:?}");
        let crackdown = f[MoveId::Enforcement.index()].idle.clone().expect("idle");
        assert!(!crackdown.nothing, "a crackdown still cuts leakage");
        assert!(idle_text(&crackdown).contains("3/3"), "{crackdown:?}");
        assert!(f[MoveId::CoordinateAllies.index()].idle.is_none());
    }

    #[test]
    fn open_talks_takes_up_an_offer_only_while_it_stands() {
        let mut game = game();
        assert!(!takes_up_offer(&game.state, MoveId::OpenTalks));
        game.state.set(Stock::Overture, 100.0);
        assert!(takes_up_offer(&game.state, MoveId::OpenTalks));
        assert!(!takes_up_offer(&game.state, MoveId::HoldCourse));
    }
}
