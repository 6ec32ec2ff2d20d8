//! The debrief: outcome, grade, score per objective, the turning points,
//! what the class's control sent into the game, and the history chart.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::describe;
use crate::engine::score::Objective;
use crate::play::review;
use crate::report;
use crate::sim::review::Label;
use crate::strings;
use crate::tui::app::App;

use super::{chart, clamp_scroll, hanging, window, wrapped};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = window(strings::DEBRIEF_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (text_area, chart_area) = if inner.width >= 110 {
        let [l, _, r] = Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        (l, Some(r))
    } else if inner.height >= 38 {
        let [t, b] = Layout::vertical([Constraint::Fill(1), Constraint::Length(14)]).areas(inner);
        (t, Some(b))
    } else {
        (inner, None)
    };
    let lines = lines(app, text_area.width);
    let scroll = clamp_scroll(app.debrief_scroll, lines.len(), text_area.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), text_area);
    if let Some(area) = chart_area {
        chart::render(app, frame, area, strings::CHART_TITLE);
    }
}

fn lines<'a>(app: &App, width: u16) -> Vec<Line<'a>> {
    let theme = app.theme;
    let rules = app.rules();
    let state = &app.game.state;
    let score = app.game.score();
    let mut lines = Vec::new();
    let outcome = state
        .outcome
        .map_or("the game was left unfinished", |o| o.label());
    let outcome_style = if state.outcome.is_some_and(|o| o.is_loss()) {
        theme.danger()
    } else {
        theme.heading()
    };
    lines.extend(wrapped(
        &format!("{}: {outcome}", strings::OUTCOME),
        width,
        "",
        outcome_style,
    ));
    lines.push(Line::from(vec![
        Span::raw(format!(
            "{}: {:.1} of 100 · {}: ",
            strings::SCORE,
            score.total,
            strings::GRADE
        )),
        Span::styled(
            score.grade.letter().to_string(),
            theme.grade(score.grade.is_win()),
        ),
        Span::styled(format!("  ({} quarters played)", state.turn), theme.dim()),
    ]));
    if let Some(r) = app.decision_review() {
        lines.push(Line::styled(
            format!(
                "{} (the expert's play scores 100)",
                report::review::quality_headline(r)
            ),
            theme.heading(),
        ));
    }
    if let Some(text) = report::review::ending_quarter_text(&app.game) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::ENDING_QUARTER, theme.heading()));
        lines.extend(wrapped(&text, width, "  ", theme.text()));
    }
    review_lines(app, width, &mut lines);
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::OBJECTIVE_SCORES, theme.heading()));
    let scoring = &rules.scenario.scoring;
    lines.extend(wrapped(
        &describe::score_method(scoring),
        width,
        "  ",
        theme.dim(),
    ));
    let shares = describe::weight_shares(scoring);
    for ((objective, value), share) in Objective::ALL.iter().zip(score.objectives).zip(shares) {
        let filled = (value / 10.0).round().clamp(0.0, 10.0) as usize;
        let mut spans = vec![
            Span::raw(format!("  {:<17}{value:>5.1}  ", objective.label())),
            Span::styled("█".repeat(filled), theme.series(0)),
            Span::styled("░".repeat(10 - filled), theme.dim()),
            Span::styled(format!("  weight {share:>2.0}%"), theme.dim()),
        ];
        if let Some(source) = describe::objective_source(*objective) {
            let used: usize = spans.iter().map(Span::width).sum();
            if used + 2 + source.chars().count() <= usize::from(width) {
                spans.push(Span::styled(format!("  {source}"), theme.dim()));
            }
        }
        lines.push(Line::from(spans));
    }
    if !score.penalties.is_empty() {
        let text = score
            .penalties
            .iter()
            .map(|(name, p)| format!("{name} -{p:.0}"))
            .collect::<Vec<_>>()
            .join(", ");
        lines.extend(wrapped(
            &format!("{}: {text}", strings::PENALTIES),
            width,
            "",
            theme.bad(),
        ));
    }
    if let Some(reveal) = crate::play::intel::reading_beijing(&app.game) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::READING_BEIJING, theme.heading()));
        lines.extend(wrapped(&reveal, width, "  ", theme.text()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::TURNING_POINTS, theme.heading()));
    for point in describe::turning_points(rules, app.reports(), 5) {
        let good = describe::judgement(point.gauge, point.delta);
        lines.extend(wrapped(
            &format!(
                "{} {}",
                describe::judgement_mark(good),
                describe::turning_point_text(&point)
            ),
            width,
            "  ",
            theme.judged(good),
        ));
    }
    control_lines(app, width, &mut lines);
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::QUESTIONS, theme.heading()));
    for (i, q) in report::discussion_questions(&app.game).iter().enumerate() {
        let number = format!("  {}. ", i + 1);
        lines.extend(
            hanging(q, width, "", "     ", theme.text())
                .into_iter()
                .enumerate()
                .map(|(j, mut line)| {
                    if j == 0 {
                        line.spans.insert(0, Span::raw(number.clone()));
                    }
                    line
                }),
        );
    }
    lines.push(Line::raw(""));
    let hint = if app.replay.is_some() {
        strings::REPLAY_DEBRIEF_HINT
    } else {
        strings::DEBRIEF_KEYS_HINT
    };
    lines.push(Line::styled(hint, theme.key()));
    lines
}

/// The decision review: the quality figure, the costliest decisions with
/// the expert's preference, how it was made, and every quarter's label; a
/// progress bar while it runs.
fn review_lines<'a>(app: &App, width: u16, lines: &mut Vec<Line<'a>>) {
    let theme = app.theme;
    let rules = app.rules();
    match &app.review {
        review::Status::NotStarted => {}
        review::Status::Running { done, total, .. } => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(strings::REVIEW_TITLE, theme.heading()));
            let filled = (10 * done).checked_div(*total).unwrap_or(0).min(10);
            lines.push(Line::from(vec![
                Span::raw(format!("  {}… ", strings::REVIEW_PENDING)),
                Span::styled("█".repeat(filled), theme.series(0)),
                Span::styled("░".repeat(10 - filled), theme.dim()),
                Span::styled(format!(" {done} of {total} quarters"), theme.dim()),
            ]));
        }
        review::Status::Ready(r) => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(strings::REVIEW_TITLE, theme.heading()));
            lines.extend(wrapped(
                &report::review::quality_text(r),
                width,
                "  ",
                theme.text(),
            ));
            lines.push(Line::styled(
                format!("  {}:", strings::REVIEW_COSTLIEST),
                theme.heading(),
            ));
            for text in report::review::costliest_texts(rules, r) {
                lines.extend(hanging(&text, width, "  • ", "    ", theme.bad()));
            }
            lines.push(Line::styled(
                format!("  {}:", strings::REVIEW_EVERY_QUARTER),
                theme.heading(),
            ));
            for d in &r.decisions {
                let style = match d.label {
                    Label::Best | Label::Good => theme.good(),
                    Label::Questionable => theme.warning(),
                    Label::Costly | Label::VeryCostly => theme.bad(),
                };
                lines.extend(hanging(
                    &report::review::quarter_text(rules, d),
                    width,
                    "    ",
                    "      ",
                    style,
                ));
            }
            lines.extend(wrapped(
                &report::review::method_text(rules, r),
                width,
                "  ",
                theme.dim(),
            ));
        }
    }
}

/// What the class's control sent into the game, quarter by quarter:
/// lapsed sides, injects and messages, each marked. Nothing when it sent
/// nothing and no time ran out.
fn control_lines<'a>(app: &App, width: u16, lines: &mut Vec<Line<'a>>) {
    let theme = app.theme;
    let record = describe::control_record(&app.game);
    if record.is_empty() {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::FROM_CONTROL, theme.heading()));
    for quarter in &record {
        lines.push(Line::styled(
            format!(
                "  {}",
                describe::control_quarter_label(&app.game, quarter.turn)
            ),
            theme.heading(),
        ));
        for item in quarter.items() {
            lines.extend(hanging(&item, width, "    ", "      ", theme.control()));
        }
    }
}
