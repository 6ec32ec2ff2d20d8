//! The advisor: one line of advice for a move, drawn from the argument the
//! game teaches (DESIGN.md). The lines are content (`assets/advisor.ron`,
//! loaded and checked by `content` like every other file, so `check` and
//! `--assets` cover it); a line may depend on a simple reading of the
//! state. Reads the game, changes nothing, draws nothing; every front end
//! uses it.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::content::{ContentError, parse};
use crate::engine::{Gauge, MoveId, Rules, State, Stock};

/// The shipped advice (also in `content`'s built-in files).
pub const ADVISOR_RON: &str = include_str!("../../assets/advisor.ron");

/// When a conditional line replaces a move's usual one.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub enum When {
    /// China's domestic chip quality is within this many points of the
    /// H20-class ceiling, or past it.
    DomesticNearH20(f64),
    TensionAbove(f64),
    AlliesBelow(f64),
    /// The move answers a situation an event left standing.
    AnswersSituation,
}

impl When {
    pub fn holds(self, rules: &Rules, state: &State, m: MoveId) -> bool {
        match self {
            When::AnswersSituation => crate::engine::answers_a_situation(rules, state, m),
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
#[derive(Clone, Debug, PartialEq)]
pub struct Advisor {
    lines: Vec<Advice>,
}

impl Advisor {
    /// Checks parsed advice (`file` and `text` name the source in errors):
    /// every move needs exactly one line without `when`, and no line may be
    /// empty.
    pub fn check(file: &str, text: &str, lines: Vec<Advice>) -> Result<Advisor, ContentError> {
        for m in MoveId::ALL {
            let usual = lines
                .iter()
                .filter(|a| a.move_id == *m && a.when.is_none())
                .count();
            if usual != 1 {
                let line = text
                    .lines()
                    .position(|l| l.contains(&format!("\"{m}\"")))
                    .map(|i| i + 1);
                return Err(ContentError::new(
                    file,
                    format!("move `{m}` needs exactly one line without `when` (found {usual})"),
                )
                .at_line(line)
                .in_field("move"));
            }
        }
        if let Some((i, empty)) = lines
            .iter()
            .enumerate()
            .find(|(_, a)| a.line.trim().is_empty())
        {
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.trim_start().starts_with("line:"))
                .nth(i)
                .map(|(n, _)| n + 1);
            return Err(ContentError::new(
                file,
                format!("move `{}` has an empty line", empty.move_id),
            )
            .at_line(line)
            .in_field(format!("[{i}].line")));
        }
        Ok(Advisor { lines })
    }

    /// Parses and checks advice in RON.
    pub fn parse(file: &str, text: &str) -> Result<Advisor, ContentError> {
        let lines: Vec<Advice> = parse(file, text)?;
        Advisor::check(file, text, lines)
    }

    /// The advice compiled into the game (the content's, unless an assets
    /// folder overrides it).
    pub fn builtin() -> &'static Advisor {
        static BUILTIN: LazyLock<Advisor> = LazyLock::new(|| {
            Advisor::parse("assets/advisor.ron", ADVISOR_RON)
                .unwrap_or_else(|e| panic!("built-in advice: {e}"))
        });
        &BUILTIN
    }

    /// The line for a move now: the first conditional line whose condition
    /// holds, else the move's usual line.
    pub fn advice(&self, rules: &Rules, state: &State, m: MoveId) -> &str {
        let mine = || self.lines.iter().filter(move |a| a.move_id == m);
        mine()
            .find(|a| a.when.is_some_and(|w| w.holds(rules, state, m)))
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
        let advisor = Advisor::parse("assets/advisor.ron", ADVISOR_RON).expect("parses");
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
        let err = Advisor::parse("advisor.ron", one).unwrap_err().to_string();
        assert!(err.contains("license-downgraded"), "{err}");
        let typo = r#"[(move: "hold-course", lines: "x")]"#;
        let err = Advisor::parse("advisor.ron", typo).unwrap_err().to_string();
        assert!(err.starts_with("advisor.ron:1:"), "{err}");
        let unknown = r#"[(move: "bribe", line: "x")]"#;
        assert!(Advisor::parse("advisor.ron", unknown).is_err());
    }
}
