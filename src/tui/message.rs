//! What the player can ask for: the messages the update function
//! understands. Input (keys, mouse) becomes messages in `keys`; only
//! `app::update` acts on them.

use crate::engine::MoveId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    /// Move the highlight or scroll the focused panel.
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Highlight a move (mouse click).
    Pick(usize),
    /// A digit typed on the dashboard: highlight the move of that number
    /// (two digits in a row for 10 to 13).
    Digit(u8),
    /// Enter: play the highlighted move, or go on.
    Choose,
    /// Play a move now (after any confirmation).
    Play(MoveId),
    /// Answer a confirmation.
    Confirm,
    Cancel,
    /// Leave the briefing or the turn report.
    Continue,
    NextFocus,
    PrevFocus,
    /// Scroll the news log by this many lines (mouse wheel).
    ScrollLog(i16),
    ToggleChart,
    /// Add the next gauge to the history chart.
    CycleChartGauge,
    ToggleHelp,
    ToggleIntel,
    /// Show or hide the scenario's model card.
    ToggleModelCard,
    /// Show or hide the advisor's line for the highlighted move.
    ToggleAdvisor,
    /// Close whatever overlay is open.
    Dismiss,
    /// `q`/Esc: ask before quitting.
    AskQuit,
    /// Quit now (Ctrl-C, or `y` to the question).
    Quit,
    NewGame,
    /// Open the save prompt / the load picker.
    Save,
    Load,
    /// Editing the save prompt: a typed character, Backspace, Ctrl-U.
    Type(char),
    Backspace,
    ClearInput,
    /// Enter in the save prompt or the load picker.
    Submit,
    /// The load picker: show only this player's games, or all again.
    OnlyMine,
    /// The replay viewer: step a turn, jump to either end, show the turn's
    /// report (or go back from it).
    PrevTurn,
    NextTurn,
    FirstTurn,
    LastTurn,
    ShowReport,
    /// The terminal changed size: nothing to update, but redraw.
    Resize,
}
