//! Drawing the control desk: a header with the class's state (players,
//! games, the timer, a PAUSED banner), the table of live games with a
//! legend under it, the selected game in full, the status line and the
//! footer of keys from the desk's bindings; the prompts, the inject picker,
//! the help and the quit question over it. Reads the desk, changes nothing.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::describe::value_text;
use crate::engine::{Gauge, Outcome, Side};
use crate::strings;
use crate::tui::app::Prompt;
use crate::tui::bindings::Command;
use crate::tui::control::class::{LiveGame, Seat, Target};
use crate::tui::control::{Desk, DeskMsg, DeskScreen, bindings, clock, per_quarter};
use crate::tui::style::Theme;

use super::chrome::command_spans;
use super::overlays::{confirm, scrolling_window};
use super::{centered, clip, fit, hanging, load_picker, panel, too_small, window, wrapped};

/// From this width the table names Beijing's doctrine in full and says
/// how a game that ended early ended.
const WIDE: usize = 110;
/// The Players column's narrowest: optional columns give way before it.
const PLAYERS_MIN: usize = 12;
const PLAYERS_MAX: usize = 24;
/// The table keeps its heading and this many games when the selected
/// game's details take room below it.
const TABLE_MIN_ROWS: u16 = 5;
/// The pointer before each row.
const POINTER: usize = 2;
/// The widest the prompts and the help get.
const PROMPT_WIDTH: u16 = 72;
const HELP_WIDTH: u16 = 80;
const PICKER_WIDTH: u16 = 100;

/// Whether the desk can draw in `area` (the game's smallest terminal).
pub use super::fits;

/// Draws the whole screen.
pub fn view(desk: &Desk, frame: &mut Frame) {
    let area = frame.area();
    if !fits(area) {
        too_small(desk.theme, frame, area);
        return;
    }
    let (areas, details) = layout(desk, area);
    let theme = desk.theme;
    render_header(desk, frame, areas.header);
    if let Some(banner) = areas.banner {
        frame.render_widget(
            Paragraph::new(strings::DESK_PAUSED)
                .style(theme.alarm())
                .alignment(Alignment::Center),
            banner,
        );
    }
    render_table(desk, frame, areas.table);
    if areas.legend.height > 0 {
        frame.render_widget(
            Paragraph::new(legend(areas.legend.width, theme)),
            areas.legend,
        );
    }
    if let Some(game) = desk.selected_game()
        && areas.details.height > 0
    {
        render_details(desk, frame, areas.details, game, details);
    }
    render_status(desk, frame, areas.status);
    frame.render_widget(
        Paragraph::new(footer_lines(desk, areas.footer.width)),
        areas.footer,
    );
    render_window(desk, frame, areas.body());
}

/// The prompt, picker or window over the table, if one is open.
fn render_window(desk: &Desk, frame: &mut Frame, body: Rect) {
    match &desk.screen {
        DeskScreen::Table => {}
        DeskScreen::Message { to, prompt } => {
            let name = desk.class.target_name(to).unwrap_or_default();
            let title = format!(" {} {name} ", strings::DESK_MESSAGE_TITLE);
            let label = format!("{} {}.", strings::DESK_MESSAGE_LABEL, strings::CONTROL_MARK);
            let count = format!("{}/{}", prompt.input.chars().count(), desk.prompt_limit());
            render_prompt(desk, frame, body, &title, &label, prompt, &count);
        }
        DeskScreen::Timer(prompt) => {
            let now = match desk.class.timer {
                Some(secs) => per_quarter(secs),
                None => strings::DESK_NO_TIMER.to_lowercase(),
            };
            let now = format!("{} {now}.", strings::DESK_TIMER_NOW);
            let title = strings::DESK_TIMER_TITLE;
            render_prompt(
                desk,
                frame,
                body,
                title,
                &now,
                prompt,
                strings::DESK_TIMER_HINT,
            );
        }
        DeskScreen::Inject { to, selected } => render_inject(desk, frame, body, to, *selected),
        DeskScreen::Help { scroll } => render_help(desk, frame, body, *scroll),
        DeskScreen::ConfirmQuit => confirm(
            desk.theme,
            frame,
            body,
            strings::DESK_CONFIRM_QUIT_TITLE,
            strings::DESK_CONFIRM_QUIT_TEXT,
            strings::DESK_CONFIRM_QUIT_PROMPT,
        ),
    }
}

/// The game in the table at a point of a terminal of `area`, on the table.
pub fn game_at(desk: &Desk, area: Rect, at: Position) -> Option<usize> {
    if desk.screen != DeskScreen::Table || !fits(area) {
        return None;
    }
    let table = layout(desk, area).0.table;
    if !table.contains(at) || at.y == table.y {
        return None;
    }
    let row = usize::from(at.y - table.y - 1);
    let i = first_row(desk.selected, table.height) + row;
    (i < desk.class.games.len()).then_some(i)
}

/// Where each part of the screen goes.
struct Areas {
    header: Rect,
    banner: Option<Rect>,
    table: Rect,
    legend: Rect,
    details: Rect,
    status: Rect,
    footer: Rect,
}

impl Areas {
    /// Between the header (and banner) and the status line: where the
    /// prompts and windows go.
    fn body(&self) -> Rect {
        Rect {
            height: self.status.y - self.table.y,
            ..self.table
        }
    }
}

/// The screen's areas, and the selected game's details (which decide how
/// tall their panel is).
fn layout(desk: &Desk, area: Rect) -> (Areas, Vec<Line<'static>>) {
    let row = |y: u16, height: u16| Rect { y, height, ..area };
    let footer_height = footer_lines(desk, area.width).len() as u16;
    let banner_height = u16::from(desk.class.paused);
    let legend_height = if desk.class.games.is_empty() {
        0
    } else {
        legend(area.width, desk.theme).len() as u16
    };
    let room = area
        .height
        .saturating_sub(1 + banner_height + legend_height + 1 + footer_height);
    let details = desk
        .selected_game()
        .map(|g| details(g, area.width, desk.theme))
        .unwrap_or_default();
    let details_height = if details.is_empty() {
        0
    } else {
        (details.len() as u16 + 1).min(room.saturating_sub(TABLE_MIN_ROWS + 1))
    };
    let table_height = room - details_height;
    let table_y = area.y + 1 + banner_height;
    let legend_y = table_y + table_height;
    let details_y = legend_y + legend_height;
    let status_y = details_y + details_height;
    let areas = Areas {
        header: row(area.y, 1),
        banner: desk.class.paused.then(|| row(area.y + 1, 1)),
        table: row(table_y, table_height),
        legend: row(legend_y, legend_height),
        details: row(details_y, details_height),
        status: row(status_y, 1),
        footer: row(status_y + 1, footer_height),
    };
    (areas, details)
}

/// What the table's short headings and marks mean.
fn legend(width: u16, theme: Theme) -> Vec<Line<'static>> {
    flowed(strings::DESK_LEGEND, width, theme.dim())
}

fn render_header(desk: &Desk, frame: &mut Frame, area: Rect) {
    let class = &desk.class;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut wrong = match class.wrong_codes {
        0 => String::new(),
        n => format!(" · {n} wrong resume code{}", plural(n as usize)),
    };
    if class.save_failures > 0 {
        let n = class.save_failures;
        wrong.push_str(&format!(
            " · {n} save{} FAILED (see the log)",
            plural(n as usize)
        ));
    }
    let state = format!(
        "{} · {} player{} connected · {} game{}{wrong} · {}",
        strings::DESK_TITLE,
        class.players,
        plural(class.players),
        class.games.len(),
        plural(class.games.len()),
        timer_line(desk)
    );
    // The game's name gives way first: the class's state must show whole.
    let named = format!(" {} · {state}", strings::APP_NAME);
    let text = if named.chars().count() <= usize::from(area.width) {
        named
    } else {
        format!(" {state}")
    };
    frame.render_widget(
        Paragraph::new(clip(&text, usize::from(area.width))).style(desk.theme.header_bar()),
        area,
    );
}

/// "Timer: 2 min per quarter", or "No timer".
fn timer_line(desk: &Desk) -> String {
    match desk.class.timer {
        Some(secs) => format!("{} {}", strings::DESK_TIMER, per_quarter(secs)),
        None => strings::DESK_NO_TIMER.to_string(),
    }
}

// The table.

/// A column after Players, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Turn,
    Washington,
    Beijing,
    Lead,
    UsLeverage,
    ChinaLeverage,
    Minerals,
    Tension,
    Score,
    Review,
    Notes,
}

impl Col {
    /// Shown whenever the table is.
    const ALWAYS: [Col; 9] = [
        Col::Turn,
        Col::Washington,
        Col::Beijing,
        Col::Lead,
        Col::UsLeverage,
        Col::Minerals,
        Col::Tension,
        Col::Score,
        Col::Notes,
    ];
    /// Shown where there is room, first first (Review only when a game has
    /// been reviewed).
    const IF_ROOM: [Col; 2] = [Col::ChinaLeverage, Col::Review];

    fn title(self) -> &'static str {
        match self {
            Col::Turn => "Turn",
            Col::Washington => "U.S.",
            Col::Beijing => "China",
            Col::Lead => "Lead %",
            Col::UsLeverage => "US lev",
            Col::ChinaLeverage => "CN lev",
            Col::Minerals => "Min",
            Col::Tension => "Ten",
            Col::Score => "Score",
            Col::Review => "Review",
            Col::Notes => "Notes",
        }
    }

    /// Figures line up on the right.
    fn right(self) -> bool {
        matches!(
            self,
            Col::Lead
                | Col::UsLeverage
                | Col::ChinaLeverage
                | Col::Minerals
                | Col::Tension
                | Col::Score
        )
    }

    /// The widest the column gets; longer cells are cut.
    fn cap(self, wide: bool) -> usize {
        match self {
            Col::Turn => 14,
            Col::Beijing if wide => 14,
            Col::Washington | Col::Beijing => 8,
            Col::Review => 24,
            Col::Notes => 12,
            _ => 7,
        }
    }

    fn cell(self, game: &LiveGame, wide: bool) -> String {
        let gauge = |g: Gauge| game.summary.gauges.get(&g).copied().unwrap_or(0.0);
        match self {
            Col::Turn => turn_cell(game, wide),
            Col::Washington => seat_cell(&game.seats[0]),
            Col::Beijing => seat_cell(&game.seats[1]),
            Col::Lead => format!("{:.1}", gauge(Gauge::ComputeLead)),
            Col::UsLeverage => format!("{:.0}", gauge(Gauge::UsLeverage)),
            Col::ChinaLeverage => format!("{:.0}", gauge(Gauge::ChinaLeverage)),
            Col::Minerals => format!("{:.0}", gauge(Gauge::MineralStress)),
            Col::Tension => format!("{:.0}", gauge(Gauge::Tension)),
            Col::Score => format!("{:.1} {}", game.summary.score, game.summary.grade.letter()),
            Col::Review => game.quality.clone().unwrap_or_default(),
            Col::Notes => notes(game),
        }
    }

    /// A cell that asks for attention: a seat with no one in it, a gauge
    /// near the line that ends the game.
    fn alarming(self, game: &LiveGame) -> bool {
        let near_end = |g: Gauge| game.summary.gauges.get(&g).is_some_and(|v| *v >= 80.0);
        match self {
            Col::Washington => away(&game.seats[0]),
            Col::Beijing => away(&game.seats[1]),
            Col::Minerals => near_end(Gauge::MineralStress),
            Col::Tension => near_end(Gauge::Tension),
            _ => false,
        }
    }
}

/// "6/16", or "over" ("over: crisis" where there is room to say how).
fn turn_cell(game: &LiveGame, wide: bool) -> String {
    let summary = &game.summary;
    match summary.outcome {
        // The quarter being played, as the players' headers number it.
        None => format!("{}/{}", summary.turn + 1, summary.horizon),
        Some(Outcome::Crisis) if wide => format!("{}: crisis", strings::DESK_OVER),
        Some(Outcome::Collapse) if wide => format!("{}: collapse", strings::DESK_OVER),
        Some(_) => strings::DESK_OVER.to_string(),
    }
}

fn seat_cell(seat: &Seat) -> String {
    match seat {
        Seat::Player { scripted: true, .. } => strings::DESK_SEAT_SCRIPT.to_string(),
        Seat::Player { connected, .. } => if *connected {
            strings::DESK_SEAT_ON
        } else {
            strings::DESK_SEAT_AWAY
        }
        .to_string(),
        Seat::Doctrine(name) => name.clone(),
        Seat::Open => strings::DESK_SEAT_OPEN.to_string(),
    }
}

/// A seat a person should be in and is not.
fn away(seat: &Seat) -> bool {
    matches!(
        seat,
        Seat::Open
            | Seat::Player {
                connected: false,
                ..
            }
            | Seat::Player { scripted: true, .. }
    )
}

/// "1:23 ⚑2 ✓": time left, injects waiting, sides that have chosen.
fn notes(game: &LiveGame) -> String {
    let mut notes = Vec::new();
    if let Some(left) = game.time_left {
        notes.push(clock(left));
    }
    match game.pending_injects.len() {
        0 => {}
        1 => notes.push(strings::DESK_INJECT_MARK.to_string()),
        n => notes.push(format!("{}{n}", strings::DESK_INJECT_MARK)),
    }
    if !game.chosen.is_empty() {
        notes.push(strings::DESK_CHOSEN_MARK.repeat(game.chosen.len()));
    }
    notes.join(" ")
}

/// The columns shown at `width`, each with its width, and the width left
/// for Players.
fn columns(games: &[LiveGame], width: usize) -> (usize, Vec<(Col, usize)>) {
    let wide = width >= WIDE;
    let sized = |c: Col| {
        games
            .iter()
            .map(|g| c.cell(g, wide).chars().count())
            .max()
            .unwrap_or(0)
            .max(c.title().chars().count())
            .min(c.cap(wide))
    };
    let gap = gap(width);
    let used = |cols: &[Col]| POINTER + cols.iter().map(|c| sized(*c) + gap).sum::<usize>();
    let reviewed = games.iter().any(|g| g.quality.is_some());
    let mut shown = Col::ALWAYS.to_vec();
    for col in Col::IF_ROOM {
        if col == Col::Review && !reviewed {
            continue;
        }
        let mut with = shown.clone();
        with.push(col);
        if used(&with) + PLAYERS_MIN <= width {
            shown = with;
        }
    }
    shown.sort();
    let players = width.saturating_sub(used(&shown)).clamp(1, PLAYERS_MAX);
    (players, shown.into_iter().map(|c| (c, sized(c))).collect())
}

/// Columns part by two spaces on a wide terminal, one on a narrow one.
fn gap(width: usize) -> usize {
    if width >= WIDE { 2 } else { 1 }
}

/// The first game in view when `selected` must be, in a table of `height`
/// rows (its heading included).
fn first_row(selected: usize, height: u16) -> usize {
    let rows = usize::from(height.saturating_sub(1)).max(1);
    selected.saturating_sub(rows - 1)
}

fn render_table(desk: &Desk, frame: &mut Frame, area: Rect) {
    let theme = desk.theme;
    let games = &desk.class.games;
    let width = usize::from(area.width);
    if games.is_empty() {
        let mut lines = vec![Line::raw("")];
        lines.extend(wrapped(
            strings::DESK_NO_GAMES,
            area.width,
            "  ",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let (players, cols) = columns(games, width);
    let wide = width >= WIDE;
    let gap = " ".repeat(self::gap(width));
    let mut heading = format!("{:POINTER$}{}", "", fit("Players", players, false));
    for (col, w) in &cols {
        heading.push_str(&gap);
        heading.push_str(&fit(col.title(), *w, col.right()));
    }
    let mut lines = vec![Line::styled(clip(&heading, width), theme.heading())];
    let first = first_row(desk.selected, area.height);
    let rows = usize::from(area.height.saturating_sub(1));
    for (i, game) in games.iter().enumerate().skip(first).take(rows) {
        let selected = i == desk.selected;
        let base = if selected {
            theme.selected()
        } else if game.is_over() {
            theme.dim()
        } else {
            theme.text()
        };
        let pointer = if selected { "› " } else { "  " };
        let mut spans = vec![Span::styled(
            format!("{pointer}{}", fit(&game.players(), players, false)),
            base,
        )];
        for (col, w) in &cols {
            let style = if !selected && col.alarming(game) {
                theme.warning()
            } else {
                base
            };
            spans.push(Span::styled(gap.clone(), base));
            spans.push(Span::styled(
                fit(&col.cell(game, wide), *w, col.right()),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

// The selected game in full.

/// The selected game in full under a rule naming it.
fn render_details(
    desk: &Desk,
    frame: &mut Frame,
    area: Rect,
    game: &LiveGame,
    lines: Vec<Line<'static>>,
) {
    let title = format!(
        " {} · {} · {} ",
        game.players(),
        turn_cell(game, true),
        game.summary.date
    );
    let block = panel(&title, desk.theme, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Lines of items joined by " · ", each item whole where it fits.
fn flowed<S: AsRef<str>>(items: &[S], width: u16, style: Style) -> Vec<Line<'static>> {
    let width = usize::from(width).saturating_sub(1);
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    let lens: Vec<usize> = items.iter().map(|i| i.chars().count()).collect();
    packed(&lens, width, 3)
        .into_iter()
        .map(|range| {
            let text = items[range].join(" · ");
            Line::styled(format!(" {}", clip(&text, width)), style)
        })
        .collect()
}

/// Items of these lengths in rows of at most `width`, `gap` between two
/// in a row; an item longer than a row has one to itself.
fn packed(lens: &[usize], width: usize, gap: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, len) in lens.iter().enumerate() {
        if i > start && used + gap + len > width {
            rows.push(start..i);
            (start, used) = (i, 0);
        }
        used += if i > start { gap + len } else { *len };
    }
    if start < lens.len() {
        rows.push(start..lens.len());
    }
    rows
}

/// A seat in words: "ana ● connected", "Pragmatist, the computer".
fn seat_text(side: &str, seat: &Seat) -> String {
    let who = match seat {
        Seat::Player {
            name,
            connected,
            scripted,
        } => {
            let (mark, state) = match (connected, scripted) {
                (_, true) => (strings::DESK_SEAT_AWAY, strings::DESK_SCRIPTED),
                (true, false) => (strings::DESK_SEAT_ON, strings::DESK_CONNECTED),
                (false, false) => (strings::DESK_SEAT_AWAY, strings::DESK_AWAY),
            };
            format!("{name} {mark} {state}")
        }
        Seat::Doctrine(name) => format!("{name}, {}", strings::DESK_COMPUTER),
        Seat::Open => strings::DESK_OPEN.to_string(),
    };
    format!("{side}: {who}")
}

/// Everything the desk knows of a game, in lines `width` wide: its seats;
/// its score, outcome and review; every gauge; what waits on it.
fn details(game: &LiveGame, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let summary = &game.summary;
    let seats = vec![
        seat_text(strings::WASHINGTON, &game.seats[0]),
        seat_text(strings::BEIJING, &game.seats[1]),
    ];
    let when = if game.is_over() {
        strings::DESK_FINAL
    } else {
        strings::DESK_SO_FAR
    };
    let mut standing = vec![format!(
        "{} {:.1}/100, {} {} {when}",
        strings::SCORE,
        summary.score,
        strings::GRADE.to_lowercase(),
        summary.grade.letter()
    )];
    standing.extend(
        summary
            .outcome
            .map(|o| format!("{}: {}", strings::OUTCOME, o.label())),
    );
    standing.extend(game.quality.clone());
    let gauges: Vec<String> = Gauge::ALL
        .iter()
        .filter_map(|g| {
            let value = summary.gauges.get(g)?;
            Some(format!(
                "{} {}",
                strings::gauge_label(*g),
                value_text(*g, *value)
            ))
        })
        .collect();
    let mut waiting = Vec::new();
    if let Some(left) = game.time_left {
        waiting.push(format!("{} {}", strings::DESK_TIME_LEFT, clock(left)));
    }
    if !game.chosen.is_empty() {
        let sides: Vec<&str> = game
            .chosen
            .iter()
            .map(|side| match side {
                Side::Us => strings::WASHINGTON,
                Side::China => strings::BEIJING,
            })
            .collect();
        waiting.push(format!("{}: {}", strings::DESK_CHOSEN, sides.join(", ")));
    }
    if !game.pending_injects.is_empty() {
        waiting.push(format!(
            "{}: {}",
            strings::DESK_INJECTS,
            game.pending_injects.join(", ")
        ));
    }
    waiting.push(format!("{}: {}", strings::DESK_MESSAGES, game.messages));
    waiting.extend(
        game.code
            .as_ref()
            .map(|c| format!("{} {c}", strings::DESK_CODE)),
    );
    waiting.push(format!("{}: {}", strings::DESK_FILE, game.file));
    let mut lines = flowed(&seats, width, theme.text());
    lines.extend(flowed(&standing, width, theme.heading()));
    lines.extend(flowed(&gauges, width, theme.text()));
    lines.extend(flowed(&waiting, width, theme.dim()));
    lines
}

// The status line and the footer.

fn render_status(desk: &Desk, frame: &mut Frame, area: Rect) {
    let Some(status) = &desk.status else {
        return;
    };
    let style = if status.error {
        desk.theme.danger()
    } else {
        desk.theme.warning()
    };
    let text = clip(&format!(" {}", status.text), usize::from(area.width));
    frame.render_widget(Paragraph::new(Line::styled(text, style)), area);
}

/// The screen's footer commands, on as many lines as they take, whole
/// commands only.
fn footer_lines(desk: &Desk, width: u16) -> Vec<Line<'static>> {
    let shown: Vec<&'static Command<DeskMsg>> = bindings::commands(&desk.screen, desk.class.paused)
        .iter()
        .filter(|c| c.in_footer())
        .collect();
    let lens: Vec<usize> = shown
        .iter()
        .map(|c| c.keys.chars().count() + 1 + c.does.chars().count())
        .collect();
    packed(&lens, usize::from(width).saturating_sub(1), 3)
        .into_iter()
        .map(|range| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(command_spans(
                shown[range].iter().copied(),
                width,
                desk.theme,
            ));
            Line::from(spans)
        })
        .collect()
}

// Windows over the table.

/// Text to type, wrapped, under what it is for, with the problem with it
/// (or `hint`) below.
fn render_prompt(
    desk: &Desk,
    frame: &mut Frame,
    body: Rect,
    title: &str,
    label: &str,
    prompt: &Prompt,
    hint: &str,
) {
    let theme = desk.theme;
    let width = body.width.saturating_sub(4).min(PROMPT_WIDTH);
    let inner_width = width.saturating_sub(2);
    let mut lines = wrapped(label, inner_width, " ", theme.text());
    lines.push(Line::raw(""));
    // The text in rows of whole characters, with a column to spare for
    // the cursor.
    let row = usize::from(inner_width.saturating_sub(4)).max(1);
    let chars: Vec<char> = prompt.input.chars().collect();
    let rows: Vec<String> = if chars.is_empty() {
        vec![String::new()]
    } else {
        chars.chunks(row).map(|c| c.iter().collect()).collect()
    };
    let first_input = lines.len() as u16;
    for (i, text) in rows.iter().enumerate() {
        let lead = if i == 0 { " › " } else { "   " };
        lines.push(Line::from(vec![
            Span::styled(lead, theme.key()),
            Span::styled(text.clone(), theme.heading()),
        ]));
    }
    match &prompt.error {
        Some(e) => lines.extend(wrapped(&format!("✗ {e}"), inner_width, " ", theme.danger())),
        None => lines.extend(wrapped(hint, inner_width, " ", theme.dim())),
    }
    let area = centered(body, width, lines.len() as u16 + 2);
    let title = clip(title, usize::from(width.saturating_sub(4)));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(window(&title, theme)), area);
    let last = rows.last().map_or(0, |r| r.chars().count()) as u16;
    let x = area.x + 1 + 3 + last;
    let y = area.y + 1 + first_input + rows.len() as u16 - 1;
    if x < area.right().saturating_sub(1) && y < area.bottom().saturating_sub(1) {
        frame.set_cursor_position(Position::new(x, y));
    }
}

/// The deck, the highlighted event's text under it, and (for one game)
/// what already waits for its next quarter.
fn render_inject(desk: &Desk, frame: &mut Frame, body: Rect, to: &Target, selected: usize) {
    let theme = desk.theme;
    let width = body.width.saturating_sub(4).min(PICKER_WIDTH);
    let inner_width = width.saturating_sub(2);
    let deck = &desk.class.deck;
    let mut footer: Vec<Line> = Vec::new();
    if let Some(event) = deck.get(selected) {
        footer.push(Line::styled(format!(" {}", event.title), theme.title()));
        footer.extend(wrapped(&event.text, inner_width, " ", theme.text()));
    }
    let waiting = match to {
        Target::Game(id) => desk
            .class
            .game(id)
            .map(|g| g.pending_injects.join(", "))
            .unwrap_or_default(),
        Target::All => String::new(),
    };
    if !waiting.is_empty() {
        footer.extend(wrapped(
            &format!("{} {waiting}", strings::DESK_INJECT_WAITING),
            inner_width,
            " ",
            theme.dim(),
        ));
    }
    // As tall as the deck and the event's text, a line between them, and
    // no taller than the screen.
    let wanted = deck.len() + 1 + footer.len() + 2;
    let area = centered(body, width, u16::try_from(wanted).unwrap_or(u16::MAX));
    let name = desk.class.target_name(to).unwrap_or_default();
    let title = clip(
        &format!(" {} {name} ", strings::DESK_INJECT_TITLE),
        usize::from(width.saturating_sub(4)),
    );
    let block = window(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let height = inner.height.saturating_sub(footer.len() as u16 + 1).max(1);
    let first = first_row(selected, height + 1);
    let lines: Vec<Line> = deck
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(height))
        .map(|(i, event)| {
            let (pointer, style) = if i == selected {
                ('›', theme.selected())
            } else {
                (' ', theme.text())
            };
            let text = format!("{pointer} {}", event.title);
            Line::styled(clip(&text, usize::from(inner.width)), style)
        })
        .collect();
    load_picker::with_footer(frame, inner, lines, footer);
}

/// Every key of the table, how prompts answer, and every column.
fn render_help(desk: &Desk, frame: &mut Frame, body: Rect, scroll: u16) {
    let theme = desk.theme;
    let area = centered(
        body,
        body.width.saturating_sub(2).min(HELP_WIDTH),
        body.height,
    );
    let width = area.width.saturating_sub(3);
    let mut lines = wrapped(strings::DESK_HELP_INTRO, width, " ", theme.text());
    lines.push(Line::raw(""));
    for c in bindings::table_commands(desk.class.paused)
        .iter()
        .filter(|c| c.in_help())
    {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<12}", c.keys), theme.key()),
            Span::raw(c.does),
        ]));
    }
    lines.extend(wrapped(strings::DESK_HELP_PROMPTS, width, " ", theme.dim()));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(" {}", strings::DESK_HELP_COLUMNS_TITLE),
        theme.title(),
    ));
    for text in strings::DESK_HELP_COLUMNS {
        lines.extend(hanging(text, width, " ", "   ", theme.text()));
    }
    scrolling_window(theme, frame, area, strings::DESK_HELP_TITLE, lines, scroll);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_keeps_items_whole_and_gives_a_long_one_its_own_row() {
        assert_eq!(packed(&[3, 3, 3], 9, 3), vec![0..2, 2..3]);
        assert_eq!(packed(&[3, 3, 3], 15, 3), vec![0..3]);
        assert_eq!(packed(&[2, 20, 2], 10, 3), vec![0..1, 1..2, 2..3]);
        assert_eq!(packed(&[], 10, 3), Vec::<Range<usize>>::new());
    }
}
