//! What Washington knows of Beijing: the doctrine's stated priorities, the
//! triggers its answers have revealed so far, and (from the engine) the
//! estimates of hidden quantities with their uncertainty.

pub use crate::engine::intel::{Estimate, estimates};
use crate::engine::{Game, ResponseId, Rules, TurnReport};
use crate::sim::knowledge::Knowledge;
pub use crate::sim::knowledge::{Clue, DoctrineBelief};

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

/// A trigger in a line: "turn 3: Purchase ban on U.S. chips (×2).
/// “reason”", the reason left out where none was given (a hidden
/// doctrine's), or who chose it where a person played Beijing.
pub fn trigger_line(rules: &Rules, t: &Trigger, china_player: Option<&str>) -> String {
    let reason = if t.reason == crate::engine::turn::CHOSEN_REASON {
        format!(" {}", crate::describe::chosen_by(china_player))
    } else if t.reason.is_empty() {
        String::new()
    } else {
        format!(" “{}”", t.reason)
    };
    let times = if t.times > 1 {
        format!(" (×{})", t.times)
    } else {
        String::new()
    };
    format!(
        "turn {}: {}{times}.{reason}",
        t.turn,
        rules.response_def(t.response).name
    )
}

/// What Beijing's answers so far reveal of its doctrine, when it is hidden.
pub fn doctrine_belief(game: &Game) -> Option<DoctrineBelief> {
    if !game.rules.doctrine_hidden() {
        return None;
    }
    Knowledge::of_game(game).doctrine
}

/// The debrief's reveal of a hidden doctrine: "Beijing was the
/// Pragmatist. What its answers had shown by the end: Pragmatist 62% · …".
pub fn reading_beijing(game: &Game) -> Option<String> {
    let belief = doctrine_belief(game)?;
    Some(format!(
        "Beijing was the {}. What its answers had shown by the end: {}.",
        game.rules.doctrine.name,
        belief_line(&game.rules, &belief)
    ))
}

/// The suspects from likeliest to least likely, with their probabilities.
pub fn ranked(rules: &Rules, belief: &DoctrineBelief) -> Vec<(String, f64)> {
    let mut list: Vec<(String, f64)> = rules
        .suspects
        .iter()
        .zip(&belief.odds)
        .map(|(d, p)| (d.name.clone(), *p))
        .collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1));
    list
}

/// The belief in one line: "Pragmatist 62% · Tit-for-tat 21% · …".
pub fn belief_line(rules: &Rules, belief: &DoctrineBelief) -> String {
    ranked(rules, belief)
        .iter()
        .map(|(name, p)| format!("{name} {:.0}%", 100.0 * p))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What one clue showed: "turn 3, after License downgraded chips: Purchase
/// ban on U.S. chips, 4.0× likelier from a Self-reliance hawk than from a
/// Pragmatist".
pub fn clue_text(rules: &Rules, clue: &Clue) -> String {
    let answers: Vec<&str> = clue
        .responses
        .iter()
        .flatten()
        .map(|r| rules.response_def(*r).name.as_str())
        .collect();
    let name = |i: usize| {
        let name = rules.suspects.get(i).map_or("?", |d| d.name.as_str());
        let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    };
    let (best, worst) = (clue.favours(), clue.fits_least());
    let strength = clue.strength();
    let ratio = if strength > 99.0 {
        format!("what {} might do and {} would not", name(best), name(worst))
    } else {
        format!(
            "{strength:.1}× likelier from {} than from {}",
            name(best),
            name(worst)
        )
    };
    format!(
        "turn {}, after {}: {}; {ratio}",
        clue.turn + 1,
        rules.move_def(clue.us_move).name,
        answers.join(" and "),
    )
}

/// The clues that told most, strongest first, at most `n`.
pub fn strongest_clues(belief: &DoctrineBelief, n: usize) -> Vec<&Clue> {
    let mut clues: Vec<&Clue> = belief.clues.iter().collect();
    clues.sort_by(|a, b| {
        b.strength()
            .total_cmp(&a.strength())
            .then(a.turn.cmp(&b.turn))
    });
    clues.truncate(n);
    clues
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
