//! The advisor: one line of advice for a move, drawn from the argument the
//! game teaches (DESIGN.md). The lines are data in assets/advisor.ron,
//! compiled in; a line may depend on a simple reading of the state. Reads
//! the game, changes nothing, draws nothing.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::engine::{Gauge, MoveId, Rules, State, Stock};

const ADVISOR_RON: &str = include_str!("../../assets/advisor.ron");

/// When a conditional line replaces a move's usual one.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub enum When {
    /// China's domestic chip quality is within this many points of the
    /// H20-class ceiling, or past it.
    DomesticNearH20(f64),
    TensionAbove(f64),
    AlliesBelow(f64),
}

impl When {
    pub fn holds(self, rules: &Rules, state: &State) -> bool {
        match self {
            When::DomesticNearH20(points) => {
                rules.model.ceiling_h20 - state.get(Stock::Quality) <= points
            }
            When::TensionAbove(value) => state.gauge(Gauge::Tension) > value,
            When::AlliesBelow(value) => state.gauge(Gauge::Allies) < value,
        }
    }
}

/// One line of advice, as written in assets/advisor.ron.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    #[serde(rename = "move")]
    pub move_id: MoveId,
    #[serde(default)]
    pub when: Option<When>,
    pub line: String,
}

/// Every move's advice, checked: one unconditional line per move.
#[derive(Clone, Debug)]
pub struct Advisor {
    lines: Vec<Advice>,
}

impl Advisor {
    /// Parses and checks advice in RON.
    pub fn parse(text: &str) -> Result<Advisor, String> {
        let lines: Vec<Advice> = ron::Options::default()
            .from_str(text)
            .map_err(|e| format!("assets/advisor.ron: line {}: {}", e.span.start.line, e.code))?;
        for m in MoveId::ALL {
            let usual = lines
                .iter()
                .filter(|a| a.move_id == *m && a.when.is_none())
                .count();
            if usual != 1 {
                return Err(format!(
                    "assets/advisor.ron: move `{m}` needs exactly one line without `when` (found {usual})"
                ));
            }
        }
        if let Some(empty) = lines.iter().find(|a| a.line.trim().is_empty()) {
            return Err(format!(
                "assets/advisor.ron: move `{}` has an empty line",
                empty.move_id
            ));
        }
        Ok(Advisor { lines })
    }

    /// The advice compiled into the game (checked by the tests).
    pub fn builtin() -> &'static Advisor {
        static BUILTIN: LazyLock<Advisor> = LazyLock::new(|| {
            Advisor::parse(ADVISOR_RON).unwrap_or_else(|e| panic!("built-in advice: {e}"))
        });
        &BUILTIN
    }

    /// The line for a move now: the first conditional line whose condition
    /// holds, else the move's usual line.
    pub fn advice(&self, rules: &Rules, state: &State, m: MoveId) -> &str {
        let mine = || self.lines.iter().filter(move |a| a.move_id == m);
        mine()
            .find(|a| a.when.is_some_and(|w| w.holds(rules, state)))
            .or_else(|| mine().find(|a| a.when.is_none()))
            .map_or("", |a| a.line.as_str())
    }
}

/// The built-in advice for a move in this state.
pub fn advice(rules: &Rules, state: &State, m: MoveId) -> &'static str {
    Advisor::builtin().advice(rules, state, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Content, DEFAULT_SCENARIO};

    #[test]
    fn every_move_has_a_line_of_advice() {
        let advisor = Advisor::parse(ADVISOR_RON).expect("assets/advisor.ron parses");
        let rules = Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap();
        let state = State::new(&rules.scenario);
        for m in MoveId::ALL {
            let line = advisor.advice(&rules, &state, *m);
            assert!(!line.trim().is_empty(), "no advice for {m}");
        }
    }

    #[test]
    fn ban_advice_teaches_that_banning_speeds_indigenisation() {
        let rules = Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap();
        let state = State::new(&rules.scenario);
        assert!(advice(&rules, &state, MoveId::BanDowngraded).contains("indigenisation speeds up"));
    }

    #[test]
    fn rolling_threshold_advice_changes_when_china_nears_h20() {
        let rules = Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap();
        let mut state = State::new(&rules.scenario);
        state.set(Stock::Quality, rules.model.ceiling_h20 - 20.0);
        let usual = advice(&rules, &state, MoveId::RollingThreshold);
        state.set(Stock::Quality, rules.model.ceiling_h20 - 3.0);
        let near = advice(&rules, &state, MoveId::RollingThreshold);
        assert_ne!(usual, near);
        assert!(near.contains("closing in on H20-class"), "{near}");
    }

    #[test]
    fn a_move_without_advice_or_an_unknown_field_is_refused() {
        let one = r#"[(move: "hold-course", line: "x")]"#;
        let err = Advisor::parse(one).unwrap_err();
        assert!(err.contains("license-downgraded"), "{err}");
        let typo = r#"[(move: "hold-course", lines: "x")]"#;
        assert!(Advisor::parse(typo).unwrap_err().contains("line 1"));
        let unknown = r#"[(move: "bribe", line: "x")]"#;
        assert!(Advisor::parse(unknown).is_err());
    }
}
