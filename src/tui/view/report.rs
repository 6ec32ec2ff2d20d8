//! The turn report: what Washington did, what Beijing did and why, any
//! event, what the class's control sent into the quarter (injects,
//! messages, a timer run out), and every gauge's change broken down by
//! cause.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::describe::{self, Viewpoint, turn_date};
use crate::engine::{Side, TurnReport};
use crate::strings;
use crate::tui::app::App;

use super::gauges::change_text;
use super::{clamp_scroll, window, wrapped};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(report) = app.last_report() else {
        return;
    };
    let theme = app.theme;
    let title = format!(
        " Turn {} report: {} ",
        report.turn,
        turn_date(app.rules(), report.turn)
    );
    let block = window(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [content, hint] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let hint_text = if app.replay.is_some() {
        strings::REPLAY_REPORT_HINT
    } else if app.game.is_over() {
        strings::REPORT_OVER
    } else {
        strings::REPORT_CONTINUE
    };
    frame.render_widget(Paragraph::new(Line::styled(hint_text, theme.key())), hint);

    if content.width >= 120 {
        let [left, _, right] = Layout::horizontal([
            Constraint::Percentage(40),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(content);
        let story = story_lines(app, report, left.width);
        frame.render_widget(Paragraph::new(story), left);
        let changes = change_lines(app, report, right.width);
        let scroll = clamp_scroll(app.report_scroll, changes.len(), right.height);
        frame.render_widget(Paragraph::new(changes).scroll((scroll, 0)), right);
    } else {
        let mut lines = story_lines(app, report, content.width);
        lines.push(Line::raw(""));
        lines.extend(change_lines(app, report, content.width));
        let scroll = clamp_scroll(app.report_scroll, lines.len(), content.height);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), content);
    }
}

/// What happened, in words.
fn story_lines<'a>(app: &App, report: &TurnReport, width: u16) -> Vec<Line<'a>> {
    let theme = app.theme;
    let rules = app.rules();
    let mut lines = Vec::new();
    let changed = if report.policy_changed {
        format!(" {}", strings::POLICY_CHANGED)
    } else {
        String::new()
    };
    lines.extend(wrapped(
        &format!(
            "{}: {}{changed}",
            strings::WASHINGTON,
            rules.move_def(report.us_move).name
        ),
        width,
        "",
        theme.heading(),
    ));
    let lapsed = describe::timed_out_in(&app.game, report.turn);
    let lapsed_line =
        |side: Side| wrapped(describe::timed_out_text(side), width, "", theme.control());
    if lapsed.contains(&Side::Us) {
        lines.extend(lapsed_line(Side::Us));
    }
    lines.extend(super::review_note(
        app,
        (report.turn as usize).saturating_sub(1),
        width,
    ));
    // The move answered its situations before Beijing replied.
    for e in &report.answered {
        lines.extend(wrapped(
            &describe::answered_line(e),
            width,
            "",
            theme.heading(),
        ));
    }
    let china_lapsed = lapsed.contains(&Side::China);
    for r in &report.responses {
        lines.extend(wrapped(
            &format!(
                "{}: {}",
                strings::BEIJING,
                rules.response_def(r.response).name
            ),
            width,
            "",
            theme.heading(),
        ));
        if let Some(reason) = describe::reason_unless_lapsed(r, app.china_player(), china_lapsed) {
            lines.extend(wrapped(&reason, width, "  ", theme.quote()));
        }
    }
    if china_lapsed {
        lines.extend(lapsed_line(Side::China));
    }
    if let Some(e) = &report.event {
        lines.extend(wrapped(
            &format!("{}: {}", strings::EVENT, e.title),
            width,
            "",
            theme.warning(),
        ));
        lines.extend(wrapped(&e.text, width, "  ", theme.text()));
        for line in describe::event_aftermath(rules, e) {
            lines.extend(wrapped(&line, width, "  ", theme.warning()));
        }
    }
    for e in &report.injects {
        lines.extend(wrapped(
            &describe::inject_title(e),
            width,
            "",
            theme.control(),
        ));
        lines.extend(wrapped(&e.text, width, "  ", theme.text()));
        for line in describe::event_aftermath(rules, e) {
            lines.extend(wrapped(&line, width, "  ", theme.warning()));
        }
    }
    for text in describe::messages_during(&app.game, report.turn) {
        lines.extend(wrapped(
            &describe::control_message(text),
            width,
            "",
            theme.control(),
        ));
    }
    if report.leverage_lost_now {
        lines.extend(wrapped(
            strings::LEVERAGE_LOST_NOW,
            width,
            "",
            theme.danger(),
        ));
    }
    if let Some(outcome) = report.outcome {
        let style = if outcome.is_loss() {
            theme.danger()
        } else {
            theme.heading()
        };
        lines.extend(wrapped(
            &format!("The game is over: {}.", outcome.label()),
            width,
            "",
            style,
        ));
    }
    lines
}

/// Every gauge: before → after, change, and its causes.
fn change_lines<'a>(app: &App, report: &TurnReport, width: u16) -> Vec<Line<'a>> {
    let theme = app.theme;
    let rules = app.rules();
    let viewpoint = app.viewpoint();
    let heading = match viewpoint {
        Viewpoint::Washington => strings::CHANGES,
        Viewpoint::Beijing => strings::CHANGES_CHINA,
    };
    let mut lines = wrapped(heading, width, "", theme.heading());
    for change in &report.changes {
        let g = change.gauge;
        let delta = change.delta();
        let good = viewpoint.judgement(g, delta);
        lines.push(Line::from(vec![
            Span::raw(format!("{:<17}", strings::gauge_label(g))),
            Span::raw(format!(
                "{:>9} → {:>9} ",
                describe::value_text(g, change.before),
                describe::value_text(g, change.after)
            )),
            Span::styled(change_text(delta, good), theme.judged(good)),
        ]));
        if let Some((ended_by, text)) = describe::ending_explained(report)
            && ended_by == g
        {
            lines.extend(wrapped(&text, width, "    ", theme.danger()));
        }
        lines.extend(wrapped(
            &describe::causes_text(rules, change),
            width,
            "    ",
            theme.dim(),
        ));
    }
    lines
}
