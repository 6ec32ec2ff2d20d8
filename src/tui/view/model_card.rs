//! The model card overlay (`m`): what the scenario's model assumes, what is
//! contested and what it leaves out, wrapped and scrollable. `sections` is
//! shared with plain mode so both say the same thing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::strings;
use crate::tui::app::App;

use super::{centered, clamp_scroll, window, wrapped};

/// The card as wrapped lines for a window `width` columns wide inside.
pub fn lines<'a>(app: &App, width: u16) -> Vec<Line<'a>> {
    let theme = app.theme;
    let mut lines: Vec<Line> = Vec::new();
    for (i, (heading, items)) in
        crate::describe::model_card_sections(&app.rules().scenario.model_card)
            .into_iter()
            .enumerate()
    {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(format!(" {heading}"), theme.title()));
        for item in items {
            // A hanging indent, so each item reads as one bullet.
            let mut wrapped_item = wrapped(item, width, "    ", theme.text());
            if let Some(first) = wrapped_item.first_mut()
                && let Some(indent) = first.spans.first_mut()
            {
                indent.content = "  • ".into();
            }
            lines.extend(wrapped_item);
        }
    }
    lines
}

pub fn render(app: &App, frame: &mut Frame, body: Rect, scroll: u16) {
    let theme = app.theme;
    let area = centered(body, body.width.saturating_sub(4).min(96), body.height);
    let block = window(strings::MODEL_CARD_TITLE, theme);
    let inner = block.inner(area);
    let lines = lines(app, inner.width.saturating_sub(1));
    let total = lines.len();
    let scroll = clamp_scroll(scroll, total, inner.height);
    let more = total > usize::from(scroll) + usize::from(inner.height);
    let block = if more {
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
