//! The decision review in words, for every front end: the game's decision
//! quality, each quarter's label, and the costliest decisions with the move
//! the expert preferred and where the two futures part. Also the quarter
//! that ended the game, which the debrief and the report both tell.

use crate::describe::{
    delta_with_unit, ending_explained, gauge_label, judgement, judgement_mark, turn_date,
};
use crate::engine::{Game, Outcome, Rules, TurnReport};
use crate::sim::review::{Decision, Label, Review};

/// How many costly decisions a debrief dwells on.
pub const COSTLIEST: usize = 3;

/// "Decision quality 78/100".
pub fn quality_headline(review: &Review) -> String {
    format!("Decision quality {:.0}/100", review.quality())
}

/// What the quality figure means and how the decisions fell, in one or two
/// sentences.
pub fn quality_text(review: &Review) -> String {
    let counts: Vec<String> = Label::ALL
        .iter()
        .map(|l| format!("{} {}", review.count(*l), l.text()))
        .collect();
    format!(
        "{}: your decisions gave up {:.1} points of expected final score against the expert's choices from the same positions (100 = as good as the expert). Decisions: {}.",
        quality_headline(review),
        review.points_lost(),
        counts.join(", ")
    )
}

/// How the review was made, in one sentence.
pub fn method_text(rules: &Rules, review: &Review) -> String {
    let beijing = if review.human_beijing {
        format!(
            "a scripted {} Beijing (a person played Beijing in this game, so read it with care)",
            rules.doctrine.name
        )
    } else if rules.doctrine_hidden() {
        "a Beijing whose doctrine is drawn, each simulated game, from what Washington believed of it then (the doctrine was hidden)".to_string()
    } else {
        format!("a {} Beijing, as in this game", rules.doctrine.name)
    };
    format!(
        "Each quarter's move is set against the expert player's choice from the same position, using only what Washington knew then, in paired simulated games that assume {beijing}."
    )
}

/// A decision's label with what it cost: "costly (-2.3 points)", "best".
pub fn label_with_cost(decision: &Decision) -> String {
    if decision.label == Label::Best {
        Label::Best.text().to_string()
    } else {
        format!("{} (-{:.1} points)", decision.label.text(), decision.loss)
    }
}

/// One quarter's verdict in a line: "2026 Q1 Adopt a rolling threshold:
/// good (-0.8 points); expert: Secure critical minerals", or for a move as
/// good as the expert's, which one.
pub fn quarter_text(rules: &Rules, decision: &Decision) -> String {
    let date = turn_date(rules, decision.turn + 1);
    let played = &rules.move_def(decision.played).name;
    format!("{date} {played}: {}", verdict_text(rules, decision))
}

/// A decision's verdict: "good (-0.8 points); expert: Secure critical
/// minerals", "best, the expert's choice too", "best, as good as the
/// expert's Open talks".
pub fn verdict_text(rules: &Rules, decision: &Decision) -> String {
    let expert = &rules.move_def(decision.expert).name;
    match (decision.label, decision.expert == decision.played) {
        (Label::Best, true) => "best, the expert's choice too".to_string(),
        (Label::Best, false) => format!("best, as good as the expert's {expert}"),
        _ => format!("{}; expert: {expert}", label_with_cost(decision)),
    }
}

/// One decision in a sentence: "2025 Q3, Full blockade: very costly (-4.7
/// points). The expert preferred Secure critical minerals; the two
/// futures differ most in U.S. leverage +33.4 pts, …".
pub fn decision_text(rules: &Rules, decision: &Decision) -> String {
    let date = turn_date(rules, decision.turn + 1);
    let played = &rules.move_def(decision.played).name;
    let mut text = format!("{date}, {played}: {}.", label_with_cost(decision));
    if decision.label != Label::Best && decision.expert != decision.played {
        let expert = &rules.move_def(decision.expert).name;
        text.push_str(&format!(" The expert preferred {expert}"));
        text.push_str(&context_text(rules, &decision.context));
        let differences: Vec<String> = decision
            .differences(3)
            .iter()
            .map(|(g, d)| {
                format!(
                    "{} {} {}",
                    gauge_label(*g),
                    delta_with_unit(*g, *d),
                    judgement_mark(judgement(*g, *d))
                )
            })
            .collect();
        if differences.is_empty() {
            text.push('.');
        } else {
            text.push_str(&format!(
                "; by the game's end its future would differ most in {}.",
                differences.join(", ")
            ));
        }
        let avoided = decision.played_penalties - decision.expert_penalties;
        if avoided >= 0.5 {
            text.push_str(&format!(
                " It would also avoid {avoided:.1} points of expected penalties (leverage lost, a crisis or a collapse)."
            ));
        }
    }
    text
}

/// Why the expert's move suited the quarter, in a clause: ", which
/// answered the standing Taiwan Strait crisis (Beijing had just answered
/// with Rare-earth retaliation)". Empty when nothing in the situation
/// stood out.
fn context_text(rules: &Rules, context: &crate::sim::review::Context) -> String {
    let mut text = String::new();
    if !context.answers.is_empty() {
        text.push_str(&format!(
            ", which answered the standing {}",
            context.answers.join(" and the standing ")
        ));
    }
    if context.chips_passed_ceiling {
        text.push_str(", as China's chips had passed the export ceiling");
    }
    if let Some(r) = context.beijing_just {
        text.push_str(&format!(
            " (Beijing had just answered with {})",
            rules.response_def(r).name
        ));
    }
    text
}

/// The costliest decisions, each in a sentence, costliest first; a line
/// saying so when none cost anything.
pub fn costliest_texts(rules: &Rules, review: &Review) -> Vec<String> {
    let costliest = review.costliest(COSTLIEST);
    if costliest.is_empty() {
        return vec!["No decision gave up anything the review could measure.".to_string()];
    }
    costliest.iter().map(|d| decision_text(rules, d)).collect()
}

/// The quarter that ended the game, in a sentence or two: what each side
/// did, the event, and how it ended (with why a crisis gauge may show less
/// than 100). None while the game goes on.
pub fn ending_quarter_text(game: &Game) -> Option<String> {
    let outcome = game.state.outcome?;
    let report: &TurnReport = game.reports.last()?;
    let rules = &game.rules;
    let mut text = format!(
        "{}: Washington played {}",
        turn_date(rules, report.turn),
        rules.move_def(report.us_move).name
    );
    let answers: Vec<&str> = report
        .responses
        .iter()
        .map(|r| rules.response_def(r.response).name.as_str())
        .collect();
    if !answers.is_empty() {
        text.push_str(&format!("; Beijing answered {}", answers.join(" and ")));
    }
    if let Some(e) = &report.event {
        text.push_str(&format!("; event: {}", e.title));
    }
    text.push_str(match outcome {
        Outcome::Horizon => ". It was the scenario's last quarter.",
        Outcome::Crisis => ". The game ended in a crisis: tension reached 100.",
        Outcome::Collapse => {
            ". The game ended in a supply-chain collapse: mineral stress reached 100."
        }
    });
    if let Some((_, why)) = ending_explained(report) {
        text.push(' ');
        text.push_str(&why);
    }
    Some(text)
}

/// The review as a Markdown section.
pub fn markdown(rules: &Rules, review: &Review) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "## Decision review\n");
    let _ = writeln!(out, "{}\n", quality_text(review));
    let _ = writeln!(out, "{}\n", method_text(rules, review));
    let _ = writeln!(out, "The costliest decisions:\n");
    for line in costliest_texts(rules, review) {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "| turn | date | Washington | review | points given up (± s.e.) | expert's move |\n| --- | --- | --- | --- | ---: | --- |"
    );
    for d in &review.decisions {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.1} ± {:.1} | {} |",
            d.turn + 1,
            turn_date(rules, d.turn + 1),
            rules.move_def(d.played).name,
            d.label.text(),
            d.loss,
            d.se,
            rules.move_def(d.expert).name
        );
    }
    out.push('\n');
    out
}
