//! The advisor's line under the move preview in "About this move". It is
//! kept at the bottom of the panel, so on a small terminal the preview
//! gives way to it rather than hiding it.

use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::engine::MoveId;
use crate::tui::advisor;
use crate::tui::app::App;
use crate::tui::strings;

use super::wrapped;

/// Appends the advice for `m` to the panel's `lines`, dropping preview lines
/// that would push it out of `inner`.
pub fn append<'a>(app: &App, m: MoveId, inner: Rect, lines: &mut Vec<Line<'a>>) {
    let text = advisor::advice(app.rules(), &app.game.state, m);
    let advice = wrapped(
        &format!("{}: {text}", strings::ADVISOR),
        inner.width,
        "",
        app.theme.quote(),
    );
    let room = usize::from(inner.height).saturating_sub(advice.len());
    lines.truncate(room);
    lines.extend(advice);
}
