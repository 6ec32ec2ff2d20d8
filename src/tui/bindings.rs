//! Each screen's and window's commands, declared once: the footer and the
//! `?` help overlay are generated from these lists (as gitui does), and
//! `keys` matches the same keys. The views read this module and never
//! `keys`, so input and drawing do not depend on each other.

use super::app::{App, Overlay, Screen};

/// A key and what it does, for the footer and the help overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Command {
    pub keys: &'static str,
    pub does: &'static str,
    /// Shown in the footer (the rest only in the help overlay).
    pub in_footer: bool,
}

const fn cmd(keys: &'static str, does: &'static str, in_footer: bool) -> Command {
    Command {
        keys,
        does,
        in_footer,
    }
}

const DASHBOARD: &[Command] = &[
    cmd("↑/↓ k/j", "choose", true),
    cmd("Enter", "play", true),
    cmd("Tab", "focus", true),
    cmd("i", "intel", true),
    cmd("c", "chart", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
    cmd("m", "model card", true),
    cmd("a", "advisor", true),
    cmd("Tab", "move focus between the moves and the news", false),
    cmd(
        "PgUp/PgDn",
        "scroll About this move (the news, when it has the focus)",
        false,
    ),
    cmd("mouse", "click a move; wheel scrolls the news", false),
    cmd("s / l", "save the game / load a saved one", false),
    cmd("Ctrl-C", "quit at once", false),
];

const BRIEFING: &[Command] = &[
    cmd("any key", "begin", true),
    cmd("Ctrl-C", "quit at once", true),
];

const REPORT: &[Command] = &[
    cmd("Enter", "continue", true),
    cmd("↑/↓", "scroll", true),
    cmd("i", "intel", true),
    cmd("c", "chart", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
    cmd("m", "model card", true),
    cmd("s / l", "save the game / load a saved one", false),
    cmd("PgUp/PgDn", "scroll a page", false),
];

const DEBRIEF: &[Command] = &[
    cmd("n", "new game", true),
    cmd("s", "save", true),
    cmd("l", "load", true),
    cmd("↑/↓", "scroll", true),
    cmd("c", "chart", true),
    cmd("q", "quit", true),
    cmd("m", "model card", true),
    cmd("i", "intel", false),
    cmd("?", "help", false),
    cmd("PgUp/PgDn", "scroll a page", false),
];

const PASS: &[Command] = &[
    cmd("Enter", "ready", true),
    cmd("q", "quit", true),
    cmd("Ctrl-C", "quit at once", true),
];

const CHINA_BRIEFING: &[Command] = &[cmd("Enter", "begin", true), cmd("q", "quit", true)];

const CHINA_TURN: &[Command] = &[
    cmd("↑/↓ k/j", "choose", true),
    cmd("Enter", "play", true),
    cmd("c", "chart", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
];

const HELP: &[Command] = &[
    cmd("? / Esc", "close help", true),
    cmd("↑/↓", "scroll", true),
];
const INTEL: &[Command] = &[cmd("↑/↓", "scroll", true), cmd("i / Esc", "close", true)];
const CHART: &[Command] = &[cmd("g", "add a gauge", true), cmd("c / Esc", "close", true)];
const MODEL_CARD: &[Command] = &[cmd("↑/↓", "scroll", true), cmd("m / Esc", "close", true)];
const CONFIRM: &[Command] = &[cmd("y", "yes", true), cmd("n / Esc", "no", true)];
const SAVE_PROMPT: &[Command] = &[
    cmd("Enter", "save", true),
    cmd("Esc", "cancel", true),
    cmd("Ctrl-U", "clear", true),
];
const LOAD_PICKER: &[Command] = &[
    cmd("↑/↓", "choose", true),
    cmd("Enter", "load", true),
    cmd("p", "only my games / all", true),
    cmd("Esc", "close", true),
];

const REPLAY_DASHBOARD: &[Command] = &[
    cmd("←/→ h/l", "turn", true),
    cmd("Home/End", "first/last", true),
    cmd("Enter/r", "report", true),
    cmd("c", "chart", true),
    cmd("i", "intel", true),
    cmd("?", "help", true),
    cmd("q", "quit", true),
    cmd("m", "model card", false),
    cmd("↑/↓", "scroll the news", false),
];
const REPLAY_REPORT: &[Command] = &[
    cmd("←/→", "turn", true),
    cmd("Enter/Esc", "back", true),
    cmd("↑/↓", "scroll", true),
    cmd("c", "chart", true),
    cmd("q", "quit", true),
];
const REPLAY_DEBRIEF: &[Command] = &[
    cmd("←/Home", "back", true),
    cmd("r", "last report", true),
    cmd("↑/↓", "scroll", true),
    cmd("c", "chart", true),
    cmd("q", "quit", true),
];

/// The commands of whatever the player is looking at.
pub fn commands(app: &App) -> &'static [Command] {
    match &app.overlay {
        Some(Overlay::Help { .. }) => HELP,
        Some(Overlay::Intel { .. }) => INTEL,
        Some(Overlay::Chart) => CHART,
        Some(Overlay::ModelCard { .. }) => MODEL_CARD,
        Some(
            Overlay::ConfirmMove { .. } | Overlay::ConfirmQuit | Overlay::ConfirmOverwrite { .. },
        ) => CONFIRM,
        Some(Overlay::SavePrompt(_)) => SAVE_PROMPT,
        Some(Overlay::LoadPicker(_)) => LOAD_PICKER,
        None => screen_commands(app.screen, app.replay.is_some()),
    }
}

/// The commands of a screen, without overlays (for the help overlay), in
/// play or in the replay viewer.
pub fn screen_commands(screen: Screen, replay: bool) -> &'static [Command] {
    match (screen, replay) {
        (Screen::Briefing, _) => BRIEFING,
        (Screen::Dashboard, false) => DASHBOARD,
        (Screen::Report, false) => REPORT,
        (Screen::Debrief, false) => DEBRIEF,
        (Screen::Dashboard, true) => REPLAY_DASHBOARD,
        (Screen::Report, true) => REPLAY_REPORT,
        (Screen::Debrief, true) => REPLAY_DEBRIEF,
        (Screen::PassKeyboard(_), _) => PASS,
        (Screen::ChinaBriefing, _) => CHINA_BRIEFING,
        (Screen::ChinaTurn, _) => CHINA_TURN,
    }
}
