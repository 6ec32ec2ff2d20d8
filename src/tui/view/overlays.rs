//! Windows over the screen: help, intelligence, the full-screen chart, and
//! the confirmations (escalation warning, quit).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::play::intel;
use crate::strings;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::bindings;
use crate::tui::style::Theme;

use super::{centered, chart, clamp_scroll, load_picker, save_prompt, window, wrapped};

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help(app, frame, body, *scroll),
        Some(Overlay::Intel { scroll }) => intelligence(app, frame, body, *scroll),
        Some(Overlay::ModelCard { scroll }) => super::model_card::render(app, frame, body, *scroll),
        Some(Overlay::Chart) => {
            frame.render_widget(Clear, body);
            let title = format!(
                " {}· {}",
                strings::CHART_TITLE.trim_start(),
                strings::CHART_KEYS.trim_start()
            );
            chart::render(app, frame, body, &title);
        }
        Some(Overlay::ConfirmMove { move_id, warning }) => {
            let name = &app.rules().move_def(*move_id).name;
            confirm(
                app.theme,
                frame,
                body,
                strings::CONFIRM_MOVE_TITLE,
                &format!("{name}: {}", warning.text()),
                strings::CONFIRM_MOVE_PROMPT,
            );
        }
        Some(Overlay::ConfirmQuit) => confirm(
            app.theme,
            frame,
            body,
            strings::CONFIRM_QUIT_TITLE,
            strings::CONFIRM_QUIT_TEXT,
            strings::CONFIRM_QUIT_PROMPT,
        ),
        Some(Overlay::SavePrompt(prompt)) => save_prompt::render(app, frame, body, prompt),
        Some(Overlay::ConfirmOverwrite { file_name }) => {
            save_prompt::render_overwrite(app, frame, body, file_name)
        }
        Some(Overlay::LoadPicker(picker)) => load_picker::render(app, frame, body, picker),
    }
}

/// A question in a window: what it is about, and the keys that answer it.
pub fn confirm(theme: Theme, frame: &mut Frame, body: Rect, title: &str, text: &str, prompt: &str) {
    let width = body.width.min(64);
    let inner_width = width.saturating_sub(4);
    let mut lines = wrapped(text, inner_width, " ", theme.text());
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::raw(" "),
        Span::styled(prompt.to_string(), theme.key()),
    ]));
    let area = centered(body, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(window(title, theme)), area);
}

fn help(app: &App, frame: &mut Frame, body: Rect, scroll: u16) {
    let theme = app.theme;
    let area = centered(body, 72, 30);
    let width = area.width.saturating_sub(4);
    let mut lines: Vec<Line> = Vec::new();
    for intro in strings::HELP_INTRO {
        lines.extend(wrapped(intro, width, " ", theme.text()));
    }
    lines.push(Line::raw(""));
    let screen = if app.screen == Screen::Briefing {
        Screen::Dashboard
    } else {
        app.screen
    };
    let listed = bindings::screen_commands(screen, app.replay.is_some())
        .iter()
        .filter(|c| c.in_help());
    for c in listed {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<12}", c.keys), theme.key()),
            Span::raw(c.does),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(
        "The chart (c) adds a gauge with g. The intelligence panel (i) shows Beijing's doctrine and what it has revealed.",
        width,
        " ",
        theme.dim(),
    ));
    // A short terminal scrolls the keys, and says there is more.
    scrolling_window(app.theme, frame, area, strings::HELP_TITLE, lines, scroll);
}

fn intelligence(app: &App, frame: &mut Frame, body: Rect, scroll: u16) {
    let theme = app.theme;
    let area = centered(body, body.width.saturating_sub(4).max(1), body.height);
    let block = window(strings::INTEL_TITLE, theme);
    let inner = block.inner(area);
    let width = inner.width.saturating_sub(1);
    let rules = app.rules();
    let doctrine = &rules.doctrine;
    let mut lines: Vec<Line> = Vec::new();
    match app.china_player() {
        // A person has no doctrine to read.
        Some(player) => lines.extend(wrapped(
            &intel::human_beijing(player),
            width,
            " ",
            theme.heading(),
        )),
        None if rules.doctrine_hidden() => {
            lines.extend(wrapped(strings::INTEL_HIDDEN, width, " ", theme.heading()));
            if let Some(belief) = intel::doctrine_belief(&app.game) {
                for (name, p) in intel::ranked(rules, &belief) {
                    let filled = (p * 20.0).round().clamp(0.0, 20.0) as usize;
                    lines.push(Line::from(vec![
                        Span::raw(format!("  {name:<20}")),
                        Span::styled("█".repeat(filled), theme.heading()),
                        Span::styled("░".repeat(20 - filled), theme.dim()),
                        Span::raw(format!(" {:>3.0}%", 100.0 * p)),
                    ]));
                }
                lines.push(Line::styled(
                    format!(" {}", strings::INTEL_CLUES),
                    theme.title(),
                ));
                let clues = intel::strongest_clues(&belief, 4);
                if clues.is_empty() {
                    lines.extend(wrapped(strings::INTEL_NO_CLUES, width, "  ", theme.dim()));
                }
                for clue in clues {
                    lines.extend(super::hanging(
                        &intel::clue_text(rules, clue),
                        width,
                        "  • ",
                        "    ",
                        theme.text(),
                    ));
                }
            }
        }
        None => {
            lines.extend(wrapped(
                &format!(
                    "{}: {}. {}",
                    strings::INTEL_DOCTRINE,
                    doctrine.name,
                    doctrine.summary
                ),
                width,
                " ",
                theme.heading(),
            ));
            lines.push(Line::styled(
                format!(" {}", strings::INTEL_PRIORITIES),
                theme.title(),
            ));
            for p in &doctrine.priorities {
                lines.extend(wrapped(&format!("• {p}"), width, "  ", theme.text()));
            }
        }
    }
    lines.push(Line::styled(
        format!(" {}", strings::INTEL_ESTIMATES),
        theme.title(),
    ));
    // Label, estimate, and what it means: wrapped in its own column where
    // the window is too narrow for it.
    const LABEL: usize = 29;
    const VALUE: usize = 13;
    let unit_at = 2 + LABEL + VALUE;
    let unit_width = usize::from(width).saturating_sub(unit_at).max(16);
    for e in intel::estimates(rules, &app.game.state, app.game.seed) {
        let mut unit = super::wrap(e.unit, unit_width).into_iter();
        lines.push(Line::from(vec![
            Span::raw(format!("  {:<LABEL$}", e.label)),
            Span::styled(format!("{:<VALUE$}", e.text()), theme.heading()),
            Span::styled(unit.next().unwrap_or_default(), theme.dim()),
        ]));
        for rest in unit {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(unit_at)),
                Span::styled(rest, theme.dim()),
            ]));
        }
    }
    let triggers_title = if app.hot_seat.is_some() {
        strings::INTEL_CHOICES
    } else {
        strings::INTEL_TRIGGERS
    };
    lines.push(Line::styled(format!(" {triggers_title}"), theme.title()));
    let triggers = intel::triggers(app.reports());
    if triggers.is_empty() {
        lines.extend(wrapped(
            strings::INTEL_NO_TRIGGERS,
            width,
            "  ",
            theme.dim(),
        ));
    }
    for t in triggers {
        lines.extend(wrapped(
            &intel::trigger_line(rules, &t, app.china_player()),
            width,
            "  ",
            theme.text(),
        ));
    }
    scrolling_window(app.theme, frame, area, strings::INTEL_TITLE, lines, scroll);
}

/// A window of lines scrolled by `scroll`, saying at its foot when there is
/// more below.
pub fn scrolling_window(
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line>,
    scroll: u16,
) {
    let block = window(title, theme);
    let inner = block.inner(area);
    let total = lines.len();
    let scroll = clamp_scroll(scroll, total, inner.height);
    let block = if total > usize::from(scroll) + usize::from(inner.height) {
        block.title_bottom(Line::styled(
            format!(" {} ", strings::MODEL_CARD_MORE),
            theme.key(),
        ))
    } else {
        block
    };
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
