//! The header bar (date, turn, scenario, doctrine, seed) and the footer
//! (the keys of the screen in view, from `bindings::commands`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::strings;
use crate::tui::app::App;
use crate::tui::bindings::{self, Command};
use crate::tui::style::Theme;

pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let rules = app.rules();
    let state = &app.game.state;
    let horizon = rules.scenario.horizon;
    let turn = if state.is_over() {
        "game over".to_string()
    } else {
        format!("turn {}/{horizon}", state.turn + 1)
    };
    let date = if state.is_over() {
        crate::describe::turn_date(rules, state.turn)
    } else {
        state.date(&rules.scenario)
    };
    let mut parts = vec![
        date.to_string(),
        turn,
        rules.scenario.name.clone(),
        match &app.hot_seat {
            Some(h) => h.players_label(),
            None => format!("China: {}", crate::describe::doctrine_seen(rules)),
        },
        match &app.resume_code {
            // A served player's way back to this game matters more to them
            // than the seed (the lobby names the class's seed).
            Some(code) => format!("{} {code}", strings::RESUME_CODE_HEADER),
            None => format!("seed {}", app.game.seed),
        },
    ];
    let width = usize::from(area.width);
    if parts.join(" · ").chars().count() + 1 > width {
        // Narrow: the scenario's name gives way to the numbers.
        parts.remove(2);
    }
    if app.hot_seat.is_some() && parts.join(" · ").chars().count() + 1 > width {
        // Long players' names: the seed gives way to who is playing.
        parts.pop();
    }
    if let Some(replay) = &app.replay {
        let last = replay.last();
        parts[1] = format!("replay {}/{last}", replay.cursor);
        parts.insert(2, replay.name.clone());
        if parts.join(" · ").chars().count() + 1 > width {
            parts.remove(2);
        }
    }
    // The class's pace comes first: it decides whether a move plays now.
    let pace = pace_text(app);
    let room = width.saturating_sub(pace.as_ref().map_or(0, |p| p.chars().count() + 3));
    while parts.len() > 2 && parts.join(" · ").chars().count() + 1 > room {
        parts.pop();
    }
    let mut text = parts.join(" · ");
    if text.chars().count() + 2 + strings::APP_NAME.len() + 3 <= room {
        parts.insert(0, strings::APP_NAME.to_string());
        text = parts.join(" · ");
    }
    let mut spans = vec![Span::raw(" ")];
    if let Some(pace) = pace {
        spans.push(Span::styled(pace, theme.warning()));
        spans.push(Span::raw(" · "));
    }
    spans.push(Span::raw(text));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.header_bar()),
        area,
    );
}

/// The pause and the quarter's timer, as control set them, if either.
fn pace_text(app: &App) -> Option<String> {
    if app.game.is_over() || app.replay.is_some() {
        return None;
    }
    let pacing = &app.pacing;
    let mut bits = Vec::new();
    if pacing.paused {
        bits.push(strings::PAUSED_BANNER.to_string());
        if let Some(m) = pacing.held {
            bits.push(format!(
                "{} {}",
                strings::MOVE_HELD,
                app.rules().move_def(m).name
            ));
        }
    }
    if let Some(left) = pacing.time_left {
        bits.push(format!(
            "⏱ {}:{:02} {}",
            left / 60,
            left % 60,
            strings::TIME_LEFT
        ));
    }
    (!bits.is_empty()).then(|| bits.join(" · "))
}

pub fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let mut spans = vec![Span::raw(" ")];
    if let Some(status) = &app.status {
        let style = if status.error {
            theme.danger()
        } else {
            theme.warning()
        };
        spans.push(Span::styled(status.text.as_str(), style));
    } else {
        let shown = bindings::commands(app).iter().filter(|c| c.in_footer());
        spans.extend(command_spans(shown, area.width, theme));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Keys and what they do, `key does · key does`, whole commands only:
/// those listed last give way on narrow terminals (the line starts after
/// one column of margin).
pub fn command_spans<'a, M: 'static>(
    commands: impl IntoIterator<Item = &'a Command<M>>,
    width: u16,
    theme: Theme,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut used = 1;
    for (i, c) in commands.into_iter().enumerate() {
        used += usize::from(i > 0) * 3 + c.keys.chars().count() + 1 + c.does.chars().count();
        if used > usize::from(width) {
            break;
        }
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(c.keys, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(c.does));
    }
    spans
}
