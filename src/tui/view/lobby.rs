//! Drawing the lobby: a header with the player's name, the screen in view
//! (the menu, the player's games, a code prompt, the code of a match being
//! waited on), the status line and the footer of keys from the lobby's
//! bindings. Reads the lobby, changes nothing.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::strings;
use crate::tui::app::Prompt;
use crate::tui::lobby::{Games, Lobby, LobbyScreen, MenuItem, bindings};

use super::chrome::command_spans;
use super::{centered, clip, load_picker, too_small, window, wrapped};

/// Rows each menu item takes: its label, its description and a gap.
const ITEM_ROWS: u16 = 3;
/// The menu's window: a row of padding above and below the items, and
/// the border.
const MENU_HEIGHT: u16 = 2 + 2 + ITEM_ROWS * MenuItem::ALL.len() as u16 - 1;
/// The widest the menu and the prompts get on a wide terminal.
const MENU_WIDTH: u16 = 76;
const PROMPT_WIDTH: u16 = 64;

/// Whether the lobby can draw in `area` (the game's smallest terminal).
pub use super::fits;

/// Draws the whole screen.
pub fn view(lobby: &Lobby, frame: &mut Frame) {
    let area = frame.area();
    if !fits(area) {
        too_small(lobby.theme, frame, area);
        return;
    }
    let [header, body, status, footer] = rows(area);
    render_header(lobby, frame, header);
    match &lobby.screen {
        LobbyScreen::Menu => render_menu(lobby, frame, body),
        LobbyScreen::Games(games) => render_games(lobby, frame, body, games),
        LobbyScreen::ResumeCode { games, prompt } => {
            render_games(lobby, frame, body, games);
            let name = games.highlighted().map_or("", |e| e.name.as_str());
            let title = format!("{}{name} ", strings::LOBBY_RESUME_CODE_TITLE);
            render_prompt(
                lobby,
                frame,
                body,
                &title,
                strings::LOBBY_RESUME_CODE_LABEL,
                prompt,
            );
        }
        LobbyScreen::JoinCode(prompt) => render_prompt(
            lobby,
            frame,
            body,
            strings::LOBBY_JOIN_TITLE,
            strings::LOBBY_JOIN_LABEL,
            prompt,
        ),
        LobbyScreen::Waiting { code } => render_waiting(lobby, frame, body, code),
    }
    render_status(lobby, frame, status);
    render_footer(lobby, frame, footer);
}

/// The menu item at a point of a terminal of `area`, on the menu.
pub fn item_at(lobby: &Lobby, area: Rect, at: Position) -> Option<usize> {
    if lobby.screen != LobbyScreen::Menu || !fits(area) {
        return None;
    }
    let [_, body, _, _] = rows(area);
    let inner = window("", lobby.theme).inner(menu_area(body));
    if !inner.contains(at) || at.y <= inner.y {
        return None;
    }
    let i = usize::from((at.y - inner.y - 1) / ITEM_ROWS);
    let gap = (at.y - inner.y - 1) % ITEM_ROWS == ITEM_ROWS - 1;
    (i < MenuItem::ALL.len() && !gap).then_some(i)
}

/// Header, body, status line and footer.
fn rows(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

fn menu_area(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(MENU_WIDTH);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + 1.min(body.height),
        width,
        height: MENU_HEIGHT.min(body.height.saturating_sub(1)),
    }
}

fn render_header(lobby: &Lobby, frame: &mut Frame, area: Rect) {
    let text = format!(
        " {} · {} {}",
        strings::APP_NAME,
        strings::LOBBY_PLAYING_AS,
        lobby.name
    );
    frame.render_widget(
        Paragraph::new(clip(&text, usize::from(area.width))).style(lobby.theme.header_bar()),
        area,
    );
}

fn render_menu(lobby: &Lobby, frame: &mut Frame, body: Rect) {
    let theme = lobby.theme;
    let area = menu_area(body);
    let block = window(strings::LOBBY_MENU_TITLE, theme);
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::raw("")];
    for (i, item) in MenuItem::ALL.iter().enumerate() {
        let chosen = i == lobby.menu;
        // The pointer says which is highlighted where reverse video does
        // not show (a monochrome terminal, a screen reader).
        let pointer = if chosen { '›' } else { ' ' };
        let label = clip(&format!(" {pointer} {}  {} ", i + 1, item.label()), width);
        lines.push(Line::styled(
            label,
            if chosen {
                theme.selected()
            } else {
                theme.heading()
            },
        ));
        let about = clip(&item.about(&lobby.class), width.saturating_sub(6));
        lines.push(Line::from(vec![
            Span::raw("      "),
            Span::styled(about, if chosen { theme.text() } else { theme.dim() }),
        ]));
        lines.push(Line::raw(""));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
    let below = Rect {
        y: area.bottom() + 1,
        height: body.bottom().saturating_sub(area.bottom() + 1),
        ..area
    };
    let class = &lobby.class;
    let seed = match class.seed {
        Some(seed) => format!("seed {seed}"),
        None => strings::LOBBY_NEW_SEED.to_string(),
    };
    let text = format!(
        "{} {}, {}: {}, {seed}",
        strings::LOBBY_CLASS_GAME,
        class.scenario,
        strings::BEIJING,
        class.doctrine
    );
    frame.render_widget(
        Paragraph::new(wrapped(&text, below.width, " ", theme.text())),
        below,
    );
}

fn render_games(lobby: &Lobby, frame: &mut Frame, body: Rect, games: &Games) {
    let theme = lobby.theme;
    let area = centered(body, body.width.saturating_sub(4).max(1), body.height);
    let block = window(strings::LOBBY_GAMES_TITLE, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let mut footer: Vec<Line> = Vec::new();
    if let Some(e) = &games.error {
        footer.extend(wrapped(&format!("✗ {e}"), inner.width, " ", theme.danger()));
    } else if let Some(reason) =
        load_picker::unreadable(&games.entries, games.selected, inner.width, theme)
    {
        footer.extend(reason);
    }
    if lobby.needs_code {
        footer.extend(wrapped(
            strings::LOBBY_GAMES_NEED_CODE,
            inner.width,
            " ",
            theme.dim(),
        ));
    }
    let height = usize::from(inner.height).saturating_sub(footer.len() + 1);
    let lines = load_picker::table(&games.entries, games.selected, inner.width, height, theme);
    load_picker::with_footer(frame, inner, lines, footer);
}

/// A code to type, with the problem with the last one under it.
fn render_prompt(
    lobby: &Lobby,
    frame: &mut Frame,
    body: Rect,
    title: &str,
    label: &str,
    prompt: &Prompt,
) {
    let theme = lobby.theme;
    let width = body.width.min(PROMPT_WIDTH);
    let inner_width = width.saturating_sub(4);
    let mut lines = wrapped(label, inner_width, " ", theme.text());
    lines.push(Line::raw(""));
    let input_row = lines.len() as u16;
    lines.push(Line::from(vec![
        Span::styled(" › ", theme.key()),
        Span::styled(prompt.input.as_str(), theme.heading()),
    ]));
    match &prompt.error {
        Some(e) => lines.extend(wrapped(&format!("✗ {e}"), inner_width, " ", theme.danger())),
        None => lines.extend(wrapped(
            strings::LOBBY_CODE_HINT,
            inner_width,
            " ",
            theme.dim(),
        )),
    }
    let area = centered(body, width, lines.len() as u16 + 2);
    let title = clip(title, usize::from(width.saturating_sub(4)));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(window(&title, theme)), area);
    let x = area.x + 1 + 3 + prompt.input.chars().count() as u16;
    let y = area.y + 1 + input_row;
    if x < area.right().saturating_sub(1) && y < area.bottom().saturating_sub(1) {
        frame.set_cursor_position(Position::new(x, y));
    }
}

/// The match's code, spaced out in a box so that it reads aloud and copies
/// without doubt, and what to do with it.
fn render_waiting(lobby: &Lobby, frame: &mut Frame, body: Rect, code: &str) {
    let theme = lobby.theme;
    let width = body.width.min(PROMPT_WIDTH);
    let inner_width = width.saturating_sub(2);
    let spaced: String = code.chars().map(String::from).collect::<Vec<_>>().join(" ");
    let rule = "─".repeat(spaced.chars().count() + 4);
    let mut lines = vec![
        Line::raw(""),
        Line::styled(strings::LOBBY_WAITING_CODE, theme.dim()),
        Line::styled(format!("┌{rule}┐"), theme.border_focused()),
        Line::from(vec![
            Span::styled("│  ", theme.border_focused()),
            Span::styled(spaced, theme.warning()),
            Span::styled("  │", theme.border_focused()),
        ]),
        Line::styled(format!("└{rule}┘"), theme.border_focused()),
        Line::raw(""),
    ];
    lines.extend(wrapped(
        strings::LOBBY_WAITING_GIVE,
        inner_width,
        "",
        theme.text(),
    ));
    lines.extend(wrapped(
        strings::LOBBY_WAITING_FOR,
        inner_width,
        "",
        theme.dim(),
    ));
    let area = centered(body, width, lines.len() as u16 + 3);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .block(window(strings::LOBBY_WAITING_TITLE, theme)),
        area,
    );
}

fn render_status(lobby: &Lobby, frame: &mut Frame, area: Rect) {
    let Some(status) = &lobby.status else {
        return;
    };
    let style = if status.error {
        lobby.theme.danger()
    } else {
        lobby.theme.warning()
    };
    let text = clip(&format!(" {}", status.text), usize::from(area.width));
    frame.render_widget(Paragraph::new(Line::styled(text, style)), area);
}

fn render_footer(lobby: &Lobby, frame: &mut Frame, area: Rect) {
    let shown = bindings::commands(&lobby.screen)
        .iter()
        .filter(|c| c.in_footer());
    let mut spans = vec![Span::raw(" ")];
    spans.extend(command_spans(shown, area.width, lobby.theme));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::view::{MIN_HEIGHT, MIN_WIDTH};

    #[test]
    fn the_menu_window_holds_every_item() {
        let body = Rect::new(0, 1, MIN_WIDTH, MIN_HEIGHT - 3);
        let area = menu_area(body);
        assert_eq!(area.height, MENU_HEIGHT);
        assert!(
            area.bottom() + 2 <= body.bottom(),
            "room for the class line"
        );
    }
}
