//! The model of the terminal game and its update function (The Elm
//! Architecture): `App` holds the game and what the player is looking at;
//! `update` is the only place either changes. No terminal here.

use std::sync::Arc;

use crate::engine::rng::derive_seed;
use crate::engine::state::Gauges;
use crate::engine::{Game, Gauge, MoveId, Rules, TurnReport};

use super::message::Msg;
use super::preview::{self, Preview, Warning};
use super::strings;
use super::style::Theme;

/// The screen underneath any overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Briefing,
    Dashboard,
    Report,
    Debrief,
}

/// A window over the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help,
    Intel,
    Chart,
    ConfirmMove {
        move_id: MoveId,
        warning: Warning,
    },
    ConfirmQuit,
    /// The scenario's model card, scrolled this many lines.
    ModelCard {
        scroll: u16,
    },
}

/// The panel that ↑/↓ act on in the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Moves,
    Log,
}

pub struct App {
    pub game: Game,
    /// Every turn's report, in order.
    pub reports: Vec<TurnReport>,
    /// The gauges at the start and after each turn.
    pub history: Vec<Gauges>,
    /// This quarter's preview of every move, in `MoveId::ALL` order.
    pub previews: Vec<Preview>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub focus: Focus,
    /// Index of the highlighted move in `MoveId::ALL`.
    pub selected: usize,
    /// Lines scrolled in the news log, the report and the debrief.
    pub log_scroll: u16,
    pub report_scroll: u16,
    pub debrief_scroll: u16,
    /// Extra gauges drawn in the history chart, besides compute lead and
    /// U.S. leverage.
    pub chart_extra: Option<Gauge>,
    /// Whether the advisor's line shows under the move preview.
    pub advisor: bool,
    /// A one-line notice in the footer, cleared by the next message.
    pub status: Option<&'static str>,
    pub running: bool,
    /// Games begun in this session, for deriving the next game's seed.
    pub games_started: u64,
    pub theme: Theme,
}

impl App {
    pub fn new(rules: Arc<Rules>, seed: u64) -> App {
        let game = Game::new(rules, seed);
        let mut app = App {
            history: vec![game.state.gauges()],
            previews: Vec::new(),
            game,
            reports: Vec::new(),
            screen: Screen::Briefing,
            overlay: None,
            focus: Focus::Moves,
            selected: 0,
            log_scroll: 0,
            report_scroll: 0,
            debrief_scroll: 0,
            chart_extra: None,
            advisor: false,
            status: None,
            running: true,
            games_started: 1,
            theme: Theme::default(),
        };
        app.refresh_previews();
        app
    }

    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub fn with_advisor(mut self, on: bool) -> App {
        self.advisor = on;
        self
    }

    pub fn rules(&self) -> &Rules {
        &self.game.rules
    }

    pub fn selected_move(&self) -> MoveId {
        MoveId::ALL[self.selected.min(MoveId::COUNT - 1)]
    }

    pub fn preview_of(&self, m: MoveId) -> Option<&Preview> {
        self.previews.get(m.index())
    }

    pub fn last_report(&self) -> Option<&TurnReport> {
        self.reports.last()
    }

    /// The change of each gauge over the last turn (zero before the first).
    pub fn last_delta(&self, gauge: Gauge) -> f64 {
        self.last_report().map_or(0.0, |r| r.change(gauge).delta())
    }

    /// Whether a move would ask for confirmation this quarter.
    pub fn warning_for(&self, m: MoveId) -> Option<Warning> {
        self.preview_of(m)
            .and_then(|p| preview::warning(self.rules(), p))
    }

    fn refresh_previews(&mut self) {
        self.previews = preview::previews(&self.game.rules, &self.game.state, self.game.seed);
    }

    fn play(&mut self, m: MoveId) {
        if let Some(report) = self.game.play(m) {
            self.history.push(self.game.state.gauges());
            self.reports.push(report);
            self.refresh_previews();
            self.screen = Screen::Report;
            self.report_scroll = 0;
            self.log_scroll = 0;
        }
    }

    fn new_game(&mut self) {
        let seed = derive_seed(self.game.seed, self.games_started);
        let mut next = App::new(self.game.rules.clone(), seed)
            .with_theme(self.theme)
            .with_advisor(self.advisor);
        next.games_started = self.games_started + 1;
        next.status = Some(strings::NEW_GAME_STARTED);
        *self = next;
    }

    /// Scrolls the panel in view. The limit is generous; the view stops
    /// at the last line it has (it alone knows how lines wrap).
    fn scroll(&mut self, lines: i16) {
        let limit = 4 * self.reports.len() as u16 + 60;
        let target = match self.screen {
            Screen::Report => &mut self.report_scroll,
            Screen::Debrief => &mut self.debrief_scroll,
            _ => &mut self.log_scroll,
        };
        *target = target.saturating_add_signed(lines).min(limit);
    }

    fn move_highlight(&mut self, by: isize) {
        let n = MoveId::COUNT as isize;
        self.selected = (self.selected as isize + by).rem_euclid(n) as usize;
    }
}

/// Applies a message; may return a follow-up message.
pub fn update(app: &mut App, msg: Msg) -> Option<Msg> {
    if msg != Msg::Resize {
        app.status = None;
    }
    match msg {
        Msg::Quit => app.running = false,
        Msg::Resize => {}
        Msg::AskQuit => app.overlay = Some(Overlay::ConfirmQuit),
        Msg::Dismiss => app.overlay = None,
        Msg::ToggleHelp => toggle(app, Overlay::Help),
        Msg::ToggleIntel => toggle(app, Overlay::Intel),
        Msg::ToggleChart => toggle(app, Overlay::Chart),
        Msg::ToggleAdvisor => {
            app.advisor = !app.advisor;
            app.status = Some(if app.advisor {
                strings::ADVISOR_ON
            } else {
                strings::ADVISOR_OFF
            });
        }
        Msg::ToggleModelCard => {
            app.overlay = match app.overlay {
                Some(Overlay::ModelCard { .. }) => None,
                _ => Some(Overlay::ModelCard { scroll: 0 }),
            }
        }
        Msg::CycleChartGauge => {
            app.chart_extra = next_extra(app.chart_extra);
        }
        Msg::Confirm => match app.overlay.take() {
            Some(Overlay::ConfirmMove { move_id, .. }) => return Some(Msg::Play(move_id)),
            Some(Overlay::ConfirmQuit) => app.running = false,
            other => app.overlay = other,
        },
        Msg::Cancel => app.overlay = None,
        Msg::Continue => match app.screen {
            Screen::Briefing => app.screen = Screen::Dashboard,
            Screen::Report if app.game.is_over() => {
                app.screen = Screen::Debrief;
                app.debrief_scroll = 0;
            }
            Screen::Report => app.screen = Screen::Dashboard,
            Screen::Dashboard | Screen::Debrief => {}
        },
        Msg::Choose => match app.screen {
            Screen::Dashboard if app.focus == Focus::Moves => {
                let m = app.selected_move();
                match app.warning_for(m) {
                    Some(warning) => {
                        app.overlay = Some(Overlay::ConfirmMove {
                            move_id: m,
                            warning,
                        })
                    }
                    None => return Some(Msg::Play(m)),
                }
            }
            Screen::Dashboard => app.focus = Focus::Moves,
            _ => return Some(Msg::Continue),
        },
        Msg::Play(m) => {
            if app.screen == Screen::Dashboard && !app.game.is_over() {
                app.play(m);
            }
        }
        Msg::Pick(i) => {
            if i < MoveId::COUNT {
                app.selected = i;
                app.focus = Focus::Moves;
            }
        }
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Home | Msg::End => {
            navigate(app, msg)
        }
        Msg::ScrollLog(lines) => app.scroll(lines),
        Msg::NextFocus | Msg::PrevFocus => {
            app.focus = match app.focus {
                Focus::Moves => Focus::Log,
                Focus::Log => Focus::Moves,
            }
        }
        Msg::NewGame => {
            if app.screen == Screen::Debrief {
                app.new_game();
            }
        }
        Msg::Save | Msg::Load => app.status = Some(strings::SAVE_LATER),
    }
    None
}

fn toggle(app: &mut App, overlay: Overlay) {
    app.overlay = if app.overlay.as_ref() == Some(&overlay) {
        None
    } else {
        Some(overlay)
    };
}

fn navigate(app: &mut App, msg: Msg) {
    if let Some(Overlay::ModelCard { scroll }) = &mut app.overlay {
        // The view stops at the card's last line; this only bounds the count.
        let by: i16 = match msg {
            Msg::Up => -1,
            Msg::Down => 1,
            Msg::PageUp => -10,
            Msg::PageDown => 10,
            Msg::Home => i16::MIN,
            _ => i16::MAX,
        };
        *scroll = scroll.saturating_add_signed(by).min(200);
        return;
    }
    let moves = app.screen == Screen::Dashboard && app.focus == Focus::Moves;
    if moves {
        match msg {
            Msg::Up => app.move_highlight(-1),
            Msg::Down => app.move_highlight(1),
            Msg::Home => app.selected = 0,
            Msg::End => app.selected = MoveId::COUNT - 1,
            Msg::PageUp => app.scroll(-5),
            Msg::PageDown => app.scroll(5),
            _ => {}
        }
        return;
    }
    match msg {
        Msg::Up => app.scroll(-1),
        Msg::Down => app.scroll(1),
        Msg::PageUp => app.scroll(-10),
        Msg::PageDown => app.scroll(10),
        Msg::Home => app.scroll(i16::MIN),
        Msg::End => app.scroll(i16::MAX),
        _ => {}
    }
}

/// The chart's optional third series cycles through the other gauges, then none.
fn next_extra(current: Option<Gauge>) -> Option<Gauge> {
    let others: Vec<Gauge> = Gauge::ALL
        .iter()
        .copied()
        .filter(|g| !matches!(g, Gauge::ComputeLead | Gauge::UsLeverage))
        .collect();
    match current {
        None => others.first().copied(),
        Some(g) => others
            .iter()
            .position(|o| *o == g)
            .and_then(|i| others.get(i + 1).copied()),
    }
}
