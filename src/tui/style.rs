//! The theme: every colour and emphasis the terminal game uses, in one place.
//! With `NO_COLOR` set the theme keeps only bold, reverse and dim, so the
//! screens still read (signs, arrows and ✓/✗ carry the meaning too).

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::colored()
    }
}

impl Theme {
    pub const fn colored() -> Theme {
        Theme { color: true }
    }

    pub const fn monochrome() -> Theme {
        Theme { color: false }
    }

    /// Honours the `NO_COLOR` convention: `no_color` is its value, if set
    /// (set and not empty: no colour). The shell reads the environment.
    pub fn for_no_color(no_color: Option<&std::ffi::OsStr>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colored(),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn bad(&self) -> Style {
        self.fg(Color::Red)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn header_bar(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Blue)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    pub fn border_focused(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn danger(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// What the class's control sent in (messages, injects, timers run
    /// out): apart from the game's own events at a glance.
    pub fn control(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// A banner that must not be missed (the control desk's PAUSED): white
    /// on red, or reversed without colour.
    pub fn alarm(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.fg(Color::White).bg(Color::Red)
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    pub fn quote(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::ITALIC)
    }

    /// The style of a change: good, bad or neither for the U.S.
    pub fn judged(&self, good: Option<bool>) -> Style {
        match good {
            Some(true) => self.good(),
            Some(false) => self.bad(),
            None => self.dim(),
        }
    }

    /// Line styles for the chart's series, distinct without colour too
    /// (the chart also varies the marker).
    pub fn series(&self, index: usize) -> Style {
        const COLORS: [Color; 4] = [Color::Cyan, Color::Magenta, Color::Yellow, Color::Green];
        self.fg(COLORS[index % COLORS.len()])
    }

    pub fn grade(&self, win: bool) -> Style {
        if win {
            self.good().add_modifier(Modifier::BOLD)
        } else {
            self.bad().add_modifier(Modifier::BOLD)
        }
    }
}
