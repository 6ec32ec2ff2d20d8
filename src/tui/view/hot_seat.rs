//! Hot-seat screens: passing the keyboard between the sides, Beijing's
//! briefing, and Beijing's choice of response (with the gauges both sides
//! can see, and each response's direct effects).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::engine::{Gauge, ResponseId};
use crate::play::hot_seat::{Side, china_briefing, response_effects};
use crate::strings;
use crate::tui::app::App;

use super::{centred, gauges, panel, window, wrapped};

pub fn render_pass(app: &App, side: Side, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = window(strings::PASS_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let name = app.hot_seat.as_ref().map_or("", |h| h.name(side));
    let role = match side {
        Side::Us => strings::US_SIDE,
        Side::China => strings::CHINA_SIDE,
    };
    let who = if name == role {
        role.to_string()
    } else {
        format!("{name} ({role})")
    };
    let lines = vec![
        Line::styled(format!("Pass the keyboard to {who}."), theme.title()),
        Line::raw(""),
        Line::styled(strings::PASS_HIDDEN, theme.text()),
        Line::raw(""),
        Line::styled(strings::PASS_CONTINUE, theme.key()),
    ];
    centred(frame, inner, lines);
}

/// A match seat that has chosen, waiting for the other side's choice.
pub fn render_waiting(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = window(strings::WAITING_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(hot_seat) = &app.hot_seat else {
        return;
    };
    let (chosen, other) = match hot_seat.remote {
        Some(Side::China) => (
            app.rules()
                .response_def(hot_seat.selected_response())
                .name
                .clone(),
            Side::Us,
        ),
        _ => (
            hot_seat
                .pending
                .map_or_else(String::new, |m| app.rules().move_def(m).name.clone()),
            Side::China,
        ),
    };
    let role = match other {
        Side::Us => strings::US_SIDE,
        Side::China => strings::CHINA_SIDE,
    };
    let mut lines = vec![
        Line::styled(
            format!("{} {chosen}", strings::WAITING_CHOSEN),
            theme.title(),
        ),
        Line::raw(""),
        Line::styled(
            format!(
                "{} {} ({role}).",
                strings::WAITING_FOR,
                hot_seat.name(other)
            ),
            theme.text(),
        ),
        Line::styled(strings::PASS_HIDDEN, theme.text()),
    ];
    if app.pacing.paused {
        // Both may have chosen: what holds the quarter is the pause.
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::WAITING_PAUSED, theme.warning()));
    }
    centred(frame, inner, lines);
}

pub fn render_briefing(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = window(strings::CHINA_BRIEFING_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2);
    let mut lines = vec![
        Line::styled(app.rules().scenario.name.clone(), theme.title()),
        Line::raw(""),
    ];
    lines.extend(wrapped(
        &china_briefing(app.rules()),
        width,
        " ",
        theme.text(),
    ));
    let [text, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), text);
    frame.render_widget(
        Paragraph::new(Line::styled(strings::PASS_CONTINUE, theme.key())),
        hint,
    );
}

pub fn render_turn(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(area);
    let rows = ResponseId::COUNT as u16 + 1;
    let selected = app.hot_seat.as_ref().map_or(0, |h| h.selected);
    let response = ResponseId::ALL[selected.min(ResponseId::COUNT - 1)];
    let def = app.rules().response_def(response);
    let effects = response_effects(app.rules(), &app.game.state, response);
    let effect_lines = |width: u16| -> Vec<Line<'static>> {
        effects
            .iter()
            .flat_map(|e| wrapped(&e.marked(), width, "  ", theme.judged(e.good_for_china)))
            .collect()
    };

    let list_area = if area.height >= 2 * Gauge::COUNT as u16 + 1 + 5 {
        // Room for the gauges' meanings: the standing policy under them,
        // the response's summary and effects under the list.
        let [g, p] = Layout::vertical([Constraint::Min(9), Constraint::Length(5)]).areas(left);
        let [l, d] = Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(right);
        gauges::render(app, frame, g);
        gauges::render_policy(app, frame, p, false);
        let block = panel(strings::CHINA_DETAIL_TITLE, theme, false);
        let inner = block.inner(d);
        frame.render_widget(block, d);
        let width = inner.width;
        let mut lines = wrapped(&def.summary, width, "", theme.text());
        let heading = if width >= 50 {
            strings::CHINA_DIRECT_EFFECTS
        } else {
            strings::CHINA_DIRECT_EFFECTS_SHORT
        };
        lines.extend(wrapped(heading, width, "", theme.heading()));
        lines.extend(effect_lines(width));
        frame.render_widget(Paragraph::new(lines), inner);
        l
    } else {
        // A small terminal: the gauges, the response's summary and the
        // standing policy on the left; the list and everything the
        // response does, each effect on its own lines, on the right.
        let policy_rows =
            gauges::policy_rows(app, left.width.saturating_sub(2), false, None).len() as u16 + 1;
        let [g, d, p] = Layout::vertical([
            Constraint::Length(Gauge::COUNT as u16 + 1),
            Constraint::Fill(1),
            Constraint::Length(policy_rows),
        ])
        .areas(left);
        let [l, e] = Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(right);
        gauges::render(app, frame, g);
        gauges::render_policy(app, frame, p, false);
        let block = panel(strings::CHINA_DETAIL_TITLE, theme, false);
        let inner = block.inner(d);
        frame.render_widget(block, d);
        frame.render_widget(
            Paragraph::new(wrapped(&def.summary, inner.width, "", theme.text())),
            inner,
        );
        let block = panel(strings::CHINA_EFFECTS_TITLE, theme, false);
        let inner = block.inner(e);
        frame.render_widget(block, e);
        frame.render_widget(Paragraph::new(effect_lines(inner.width)), inner);
        l
    };

    let block = panel(strings::CHINA_TURN_TITLE, theme, true);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = ResponseId::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = &app.rules().response_def(*r).name;
            let pointer = if i == selected { '›' } else { ' ' };
            let text = format!("{pointer}{:>2} {name}", i + 1);
            let line = format!("{text:<width$}");
            if i == selected {
                Line::styled(line, theme.selected())
            } else {
                Line::raw(line)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
