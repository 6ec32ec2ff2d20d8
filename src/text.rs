//! Plain-text descriptions of the game: gauge names and units, causes, turn
//! reports and whole-game logs. Used wherever the game is written as lines
//! of text (the replay log, plain mode); pure functions of engine values.

use std::fmt::Write;

use crate::engine::ids::Gauge;
use crate::engine::report::{Cause, TurnReport};
use crate::engine::rules::Rules;
use crate::engine::{Date, Game};

/// A gauge's name for players.
pub const fn gauge_name(gauge: Gauge) -> &'static str {
    crate::tui::strings::gauge_label(gauge)
}

/// What a gauge's number means.
pub const fn gauge_unit(gauge: Gauge) -> &'static str {
    crate::tui::strings::gauge_meaning(gauge)
}

/// A gauge's value with its unit symbol, e.g. `75.3%` or `4.1 months`.
pub fn gauge_value(gauge: Gauge, value: f64) -> String {
    match gauge {
        Gauge::ComputeLead => format!("{value:.1}%"),
        Gauge::CapabilityGap => format!("{value:.1} months"),
        _ => format!("{value:.1}"),
    }
}

/// The name of a cause of change.
pub fn cause_name(rules: &Rules, cause: &Cause) -> String {
    match cause {
        Cause::Move(m) => format!("U.S.: {}", rules.move_def(*m).name),
        Cause::Response(r) => format!("China: {}", rules.response_def(*r).name),
        Cause::Event(id) => rules
            .events
            .iter()
            .find(|e| e.id == *id)
            .map_or_else(|| format!("event {id}"), |e| format!("event: {}", e.title)),
        Cause::Trend(t) => t.label().to_string(),
    }
}

/// A signed change with an arrow, readable without colour: `▲ +2.0`.
pub fn signed(delta: f64) -> String {
    if delta > 0.05 {
        format!("▲ +{delta:.1}")
    } else if delta < -0.05 {
        format!("▼ {delta:.1}")
    } else {
        "= 0.0".to_string()
    }
}

/// One turn as text: the U.S. move, China's answer and why, any event, and
/// each gauge's change by cause.
pub fn turn_report(rules: &Rules, report: &TurnReport, date: Date) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Turn {} ({date}): U.S. plays {}{}",
        report.turn,
        rules.move_def(report.us_move).name,
        if report.policy_changed {
            " (policy changed)"
        } else {
            ""
        }
    );
    for r in &report.responses {
        let _ = writeln!(
            out,
            "  China: {}: \"{}\"",
            rules.response_def(r.response).name,
            r.reason
        );
    }
    if let Some(e) = &report.event {
        let _ = writeln!(out, "  Event: {}: {}", e.title, e.text);
    }
    for change in &report.changes {
        let _ = write!(
            out,
            "  {:<17} {:>12}  {}",
            gauge_name(change.gauge),
            gauge_value(change.gauge, change.after),
            signed(change.delta())
        );
        let parts: Vec<String> = change
            .contributions
            .iter()
            .filter(|c| c.amount.abs() >= 0.05)
            .map(|c| format!("{} {:+.1}", cause_name(rules, &c.cause), c.amount))
            .collect();
        if !parts.is_empty() {
            let _ = write!(out, "  ({})", parts.join(", "));
        }
        out.push('\n');
    }
    if report.leverage_lost_now {
        let _ = writeln!(
            out,
            "  Leverage lost: China's own chips now beat what Washington sells, and its dependence has fallen away."
        );
    }
    if let Some(outcome) = report.outcome {
        let _ = writeln!(out, "  Game over: {}", outcome.label());
    }
    out
}

/// The whole game so far as text, ending with the score.
pub fn game_log(game: &Game) -> String {
    let rules = &game.rules;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — Beijing plays {} — seed {}",
        rules.scenario.name, rules.doctrine.name, game.seed
    );
    let start = Date {
        year: rules.scenario.start_year,
        quarter: rules.scenario.start_quarter,
    };
    for report in &game.reports {
        out.push_str(&turn_report(
            rules,
            report,
            start.plus_quarters(report.turn.saturating_sub(1)),
        ));
    }
    out.push_str(&score_summary(game));
    out
}

/// The score and grade so far, with each objective.
pub fn score_summary(game: &Game) -> String {
    let score = game.score();
    let mut out = String::new();
    let status = match game.state.outcome {
        Some(outcome) => format!("Game over ({})", outcome.label()),
        None => format!(
            "Game in progress after {} of {} turns",
            game.state.turn, game.rules.scenario.horizon
        ),
    };
    let _ = writeln!(
        out,
        "{status}. Score {:.1}/100, grade {}.",
        score.total,
        score.grade.letter()
    );
    for (objective, value) in crate::engine::score::Objective::ALL
        .iter()
        .zip(score.objectives)
    {
        let _ = writeln!(out, "  {:<15} {value:5.1}/100", objective.label());
    }
    for (name, penalty) in &score.penalties {
        let _ = writeln!(out, "  penalty: {name} −{penalty:.0}");
    }
    out
}
