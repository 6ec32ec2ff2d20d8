//! What Washington knows of Beijing: the doctrine's stated priorities, the
//! triggers its answers have revealed so far, and (from the engine) the
//! estimates of hidden quantities with their uncertainty.

pub use crate::engine::intel::{Estimate, estimates};
use crate::engine::{ResponseId, Rules, State, TurnReport};

/// The one known quantity the panel lists, beside the estimates: the best
/// chip Washington lets China buy, on the same scale as domestic quality.
pub const EXPORT_CEILING: &str = "Best U.S. chip China may buy";

/// The estimates the intelligence panel and plain mode list: every hidden
/// quantity, with the export ceiling to compare domestic quality against.
/// Other known quantities the engine reports (U.S. mineral stress) are
/// gauges on the dashboard already, and are left out here.
pub fn panel_estimates(rules: &Rules, state: &State, seed: u64) -> Vec<Estimate> {
    estimates(rules, state, seed)
        .into_iter()
        .filter(|e| e.stock.is_some() || e.label == EXPORT_CEILING)
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Content, DEFAULT_SCENARIO};

    #[test]
    fn the_panel_lists_the_ceiling_and_the_hidden_quantities_only() {
        let rules = Content::builtin()
            .unwrap()
            .rules(DEFAULT_SCENARIO, None)
            .unwrap();
        let state = State::new(&rules.scenario);
        let shown = panel_estimates(&rules, &state, 7);
        assert_eq!(shown[0].label, EXPORT_CEILING, "the ceiling comes first");
        assert_eq!(shown.iter().filter(|e| e.stock.is_none()).count(), 1);
        assert_eq!(
            shown.len(),
            crate::engine::intel::HIDDEN.len() + 1,
            "every hidden quantity is estimated"
        );
        assert!(shown.iter().all(|e| !e.label.contains("mineral")));
    }
}
