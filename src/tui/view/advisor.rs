//! The advisor's line at the end of "About this move" (the panel scrolls
//! when it does not fit).

use ratatui::text::Line;

use crate::engine::MoveId;
use crate::strings;
use crate::tui::app::App;

use super::wrapped;

/// The advice for `m`, as wrapped lines.
pub fn lines<'a>(app: &App, m: MoveId, width: u16) -> Vec<Line<'a>> {
    let text = app.advice.advice(app.rules(), &app.game.state, m);
    wrapped(
        &format!("{}: {text}", strings::ADVISOR),
        width,
        "",
        app.theme.quote(),
    )
}
