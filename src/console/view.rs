//! Drawing the class console: a header, a table of games grouped by
//! scenario, seed and doctrine, unusable files below with why, the keys in
//! the footer and a help window. Reads the model, changes nothing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::engine::{Gauge, Outcome};
use crate::strings;
use crate::tui::bindings::{Command, Shown};
use crate::tui::view::chrome::command_spans;
use crate::tui::view::{centered, fit, window, wrapped};

use super::{Console, GameRow};

const fn cmd(keys: &'static str, does: &'static str) -> Command {
    Command {
        keys,
        does,
        shown: Shown::Footer,
        binds: &[],
    }
}

/// The console's keys, for the footer and the help window (`console::on_event`
/// matches them).
pub const COMMANDS: &[Command] = &[
    cmd("↑/↓ k/j", "select"),
    cmd("Enter", "replay"),
    cmd("r", "reload"),
    cmd("?", "help"),
    cmd("q", "quit"),
];

const HELP_COMMANDS: &[Command] = &[cmd("? / Esc", "close help")];

/// A column of the table: its heading, width and whether it is right-aligned.
#[derive(Clone, Copy)]
struct Column {
    title: &'static str,
    width: usize,
    right: bool,
}

const PLAYERS_MIN: usize = 16;
const TURN: Column = col("Turn", 5, true);
const OUTCOME: Column = col("Outcome", 8, false);
const LEAD: Column = col("Lead", 6, true);
const LEVERAGE: Column = col("Leverage", 8, true);
const TENSION: Column = col("Tension", 7, true);
const GRADE: Column = col("Grade", 5, true);
const SCORE: Column = col("Score", 5, true);
const FILE: Column = col("File", 28, false);

/// The columns after Players, in order. The scenario, seed and doctrine
/// are the group's heading, so the players' names get the room.
const FIXED: [Column; 7] = [TURN, OUTCOME, LEAD, LEVERAGE, TENSION, GRADE, SCORE];

const fn col(title: &'static str, width: usize, right: bool) -> Column {
    Column {
        title,
        width,
        right,
    }
}

/// How wide Players is, and whether the file name fits too.
struct Columns {
    players: usize,
    file: bool,
}

const MARKER: usize = 2;

fn columns(width: usize) -> Columns {
    let fixed: usize = FIXED.iter().map(|c| c.width + 1).sum();
    let left = width.saturating_sub(MARKER + fixed);
    // The file name only when the players keep a generous share.
    let file = left > 2 * PLAYERS_MIN + FILE.width;
    Columns {
        players: if file { left - FILE.width - 1 } else { left }.max(1),
        file,
    }
}

fn row(cols: &Columns, values: [&str; 7], file: &str, players: &str) -> String {
    let mut out = fit(players, cols.players, false);
    for (text, c) in values.iter().zip(FIXED) {
        out.push(' ');
        out.push_str(&fit(text, c.width, c.right));
    }
    if cols.file {
        out.push(' ');
        out.push_str(&fit(file, FILE.width, false));
    }
    out
}

/// A game's outcome in a word or two.
fn outcome_word(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        None => "playing",
        Some(Outcome::Horizon) => "finished",
        Some(Outcome::Crisis) => "crisis",
        Some(Outcome::Collapse) => "collapse",
    }
}

fn game_text(cols: &Columns, g: &GameRow) -> String {
    game_text_noted(cols, g, "")
}

/// A game's row with a note after its players (what a group heading would
/// otherwise say).
fn game_text_noted(cols: &Columns, g: &GameRow, note: &str) -> String {
    let s = &g.save;
    let sum = &s.summary;
    let gauge = |gauge: Gauge| sum.gauges.get(&gauge).copied().unwrap_or(0.0);
    // An unnamed player is "Washington"; a scripted Beijing is the group's
    // doctrine, so only a human Beijing is named here.
    let us = s
        .players
        .us
        .clone()
        .unwrap_or_else(|| "Washington".to_string());
    let players = match &s.players.china {
        Some(china) => format!("{us} vs {china}{note}"),
        None => format!("{us}{note}"),
    };
    let turn = format!("{}/{}", sum.turn, sum.horizon);
    let lead = format!("{:.1}%", gauge(Gauge::ComputeLead));
    let leverage = format!("{:.0}", gauge(Gauge::UsLeverage));
    let tension = format!("{:.0}", gauge(Gauge::Tension));
    // A game still in play has no grade yet: its score so far is shown,
    // its letter is not.
    let grade = if sum.outcome.is_some() {
        sum.grade.letter().to_string()
    } else {
        "–".to_string()
    };
    let score = format!("{:.1}", sum.score);
    let values = [
        turn.as_str(),
        outcome_word(sum.outcome),
        &lead,
        &leverage,
        &tension,
        &grade,
        &score,
    ];
    row(cols, values, &g.name, &players)
}

/// The table's lines and the line of the selected game.
fn table<'a>(console: &'a Console, width: usize) -> (Vec<Line<'a>>, Option<usize>) {
    let theme = console.theme;
    let cols = columns(width);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = None;
    let mut index = 0;
    let folder = &console.folder;
    if let Some(error) = &folder.error {
        lines.extend(wrapped(error, width as u16, "  ", theme.danger()));
    } else if folder.groups.is_empty() {
        lines.extend(wrapped(
            strings::CLASS_EMPTY,
            width as u16,
            "  ",
            theme.dim(),
        ));
    }
    for (gi, group) in folder.groups.iter().enumerate() {
        if gi > 0 {
            lines.push(Line::raw(""));
        }
        let n = group.games.len();
        let duplicates = match group.duplicates {
            0 => String::new(),
            1 => " · 1 duplicate file not counted".to_string(),
            d => format!(" · {d} duplicate files not counted"),
        };
        lines.push(Line::styled(
            fit(
                &format!(
                    " {} · seed {} · {} · {n} game{}{duplicates}",
                    group.scenario,
                    group.seed,
                    group.doctrine,
                    if n == 1 { "" } else { "s" }
                ),
                width,
                false,
            ),
            theme.title(),
        ));
        for game in &group.games {
            let text = game_text(&cols, game);
            let selected = index == console.selected;
            let (pointer, style) = if selected {
                selected_line = Some(lines.len());
                ("› ", theme.selected())
            } else {
                ("  ", theme.text())
            };
            lines.push(Line::styled(
                fit(&format!("{pointer}{text}"), width, false),
                style,
            ));
            index += 1;
        }
    }
    if !folder.older.is_empty() {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            fit(
                &format!(" {} · {}", strings::CLASS_OLDER_RULES, folder.older.len()),
                width,
                false,
            ),
            theme.warning(),
        ));
        for game in &folder.older {
            // What a group's heading says, the scenario last (the first
            // to be cut on a narrow terminal).
            let note = format!(
                " ({}, seed {}, {})",
                game.save.doctrine, game.save.seed, game.save.scenario.id
            );
            let text = game_text_noted(&cols, game, &note);
            lines.push(Line::styled(
                fit(&format!("  {text}"), width, false),
                theme.dim(),
            ));
        }
    }
    if !folder.broken.is_empty() {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            format!(" {} · {}", strings::CLASS_UNREADABLE, folder.broken.len()),
            theme.warning(),
        ));
        for b in &folder.broken {
            let name_width = cols.players.min(24);
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(&b.name, name_width, false), theme.dim()),
                Span::raw(" "),
                Span::styled(
                    fit(&b.error, width.saturating_sub(name_width + 3), false),
                    theme.danger(),
                ),
            ]));
        }
    }
    (lines, selected_line)
}

fn heading(width: usize) -> String {
    let cols = columns(width);
    let titles = FIXED.map(|c| c.title);
    format!("  {}", row(&cols, titles, FILE.title, "Players"))
}

pub fn view(console: &Console, frame: &mut Frame) {
    let theme = console.theme;
    let area = frame.area();
    let [header, columns_area, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let folder = &console.folder;
    let games = folder.games().count();
    let mut title = format!(
        " {} · {} · {} · {games} game{}",
        strings::APP_NAME,
        strings::CLASS_TITLE,
        console.dir_label,
        if games == 1 { "" } else { "s" }
    );
    if !folder.broken.is_empty() {
        title.push_str(&format!(" · {} not used", folder.broken.len()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(title)).style(theme.header_bar()),
        header,
    );
    let width = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(Line::styled(heading(width), theme.heading())),
        columns_area,
    );
    let (lines, selected) = table(console, width);
    let visible = usize::from(body.height);
    let scroll = selected.map_or(0, |s| (s + 2).saturating_sub(visible));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        body,
    );
    let commands = if console.help {
        HELP_COMMANDS
    } else {
        COMMANDS
    };
    footer_line(console, frame, footer, commands);
    if console.help {
        help(console, frame, body);
    }
}

fn footer_line(console: &Console, frame: &mut Frame, area: Rect, commands: &[Command]) {
    let theme = console.theme;
    let mut spans = vec![Span::raw(" ")];
    if let Some(status) = &console.status {
        spans.push(Span::styled(status.as_str(), theme.warning()));
    } else {
        spans.extend(command_spans(commands, area.width, theme));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn help(console: &Console, frame: &mut Frame, body: Rect) {
    let theme = console.theme;
    let width = body.width.min(68).saturating_sub(4);
    let mut lines: Vec<Line> = wrapped(strings::CLASS_HELP_INTRO, width, " ", theme.text());
    lines.push(Line::raw(""));
    for c in COMMANDS {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<12}", c.keys), theme.key()),
            Span::styled(c.does, Style::default()),
        ]));
    }
    let area = centered(body, 68, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(window(strings::CLASS_HELP_TITLE, theme)),
        area,
    );
}
