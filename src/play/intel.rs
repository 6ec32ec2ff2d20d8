//! What Washington knows of Beijing: the doctrine's stated priorities, the
//! triggers its answers have revealed so far, and (from the engine) the
//! estimates of hidden quantities with their uncertainty.

pub use crate::engine::intel::{Estimate, estimates};
use crate::engine::{ResponseId, TurnReport};

/// A trigger Beijing has revealed: a response and the reason it gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    /// The turn it was first seen.
    pub turn: u32,
    pub response: ResponseId,
    pub reason: String,
    /// How many times it has been seen.
    pub times: u32,
}

/// Every distinct reason Beijing has given, first seen first.
pub fn triggers(reports: &[TurnReport]) -> Vec<Trigger> {
    let mut list: Vec<Trigger> = Vec::new();
    for report in reports {
        for record in &report.responses {
            match list
                .iter_mut()
                .find(|t| t.response == record.response && t.reason == record.reason)
            {
                Some(t) => t.times += 1,
                None => list.push(Trigger {
                    turn: report.turn,
                    response: record.response,
                    reason: record.reason.clone(),
                    times: 1,
                }),
            }
        }
    }
    list
}

/// What Washington's intelligence says of Beijing when a person plays it:
/// there is no doctrine to read, only what it has done.
pub fn human_beijing(china_player: &str) -> String {
    let who = if china_player == crate::strings::CHINA_SIDE {
        "A person".to_string()
    } else {
        china_player.to_string()
    };
    format!(
        "{who} plays Beijing: there is no doctrine to read, only the responses chosen so far (below). The estimates are Washington's, whoever plays."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Content, DEFAULT_SCENARIO};
    use crate::engine::State;

    #[test]
    fn the_panel_lists_the_ceiling_and_the_hidden_quantities_only() {
        let rules = Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap();
        let state = State::new(&rules.scenario);
        let shown = estimates(&rules, &state, 7);
        assert!(shown[0].stock.is_none(), "the ceiling comes first");
        assert_eq!(shown.iter().filter(|e| e.stock.is_none()).count(), 1);
        assert_eq!(
            shown.len(),
            crate::engine::intel::HIDDEN.len() + 1,
            "every hidden quantity is estimated"
        );
        assert!(shown.iter().all(|e| !e.label.contains("mineral")));
    }
}
