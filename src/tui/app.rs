//! The model of the terminal game and its update function (The Elm
//! Architecture): `App` holds the game and what the player is looking at;
//! `update` (and `reply`, for what came of the work it asked for) is the
//! only place either changes. No terminal, files or threads here: saving,
//! loading, listing saves and the review are `Effect`s a shell carries out.

use std::sync::Arc;

use crate::engine::rng::derive_seed;
use crate::engine::state::Gauges;
use crate::engine::turn::ChinaSide;
use crate::engine::{Game, Gauge, MoveId, ResponseId, Rules, TurnReport};
use crate::play::advisor::Advisor;
use crate::save::{default_name, sanitize_name};
use crate::sim::review::{Review, ReviewRules};

use crate::describe::Viewpoint;
use crate::play::hot_seat::{Choice, HotSeat, Side};

use super::effect::{Effect, FileEffect, FromControl, Purpose, Reply};
use super::message::Msg;
use super::saving::Saves;
use super::style::Theme;
use crate::play::preview::{self, Forecast, Warning};
use crate::play::replay::{self, Replay};
use crate::play::review;
use crate::save::{Loaded, SaveEntry, SaveError};
use crate::strings;

/// The most characters the save prompt takes (pasting more is ignored).
pub const PROMPT_MAX_CHARS: usize = 64;

/// The screen underneath any overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Briefing,
    Dashboard,
    Report,
    Debrief,
    /// Hot-seat: hand the keyboard to the other side.
    PassKeyboard(Side),
    /// Hot-seat: Beijing's own briefing, before its first choice.
    ChinaBriefing,
    /// Hot-seat: Beijing chooses its response.
    ChinaTurn,
    /// A match: this side has chosen; the other has not yet.
    Waiting,
}

/// A window over the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    /// The keys of the screen underneath, scrolled this many lines.
    Help {
        scroll: u16,
    },
    /// What Washington knows of Beijing, scrolled this many lines.
    Intel {
        scroll: u16,
    },
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
    /// Typing a save's name.
    SavePrompt(Prompt),
    /// The save's file exists: overwrite it?
    ConfirmOverwrite {
        file_name: String,
    },
    /// Choosing a save to load.
    LoadPicker(Picker),
}

/// The save prompt's text and the last problem with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub input: String,
    pub error: Option<String>,
}

/// The load picker: the saves folder's files and the highlighted one.
#[derive(Clone, Debug, PartialEq)]
pub struct Picker {
    /// The files shown: every one, newest first, or one player's.
    pub entries: Vec<SaveEntry>,
    /// Every file in the folder.
    pub all: Vec<SaveEntry>,
    /// Set while only one player's games are shown: Washington's name in
    /// this game (None inside: games that name no player).
    pub only: Option<Option<String>>,
    pub selected: usize,
    /// Why the last load failed.
    pub error: Option<String>,
}

/// A one-line notice in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Option<Status> {
        Some(Status {
            text: text.into(),
            error: false,
        })
    }

    pub fn error(text: impl Into<String>) -> Option<Status> {
        Some(Status {
            text: text.into(),
            error: true,
        })
    }
}

/// The panel that ↑/↓ act on in the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Moves,
    Log,
}

pub struct App {
    pub game: Game,
    /// The gauges at the start and after each turn.
    pub history: Vec<Gauges>,
    /// This quarter's forecast of every move, in `MoveId::ALL` order.
    pub previews: Vec<Forecast>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub focus: Focus,
    /// Index of the highlighted move in `MoveId::ALL`.
    pub selected: usize,
    /// The digit just typed, when it may start a two-digit move number
    /// ("1", then "1" for move 11); any other key forgets it.
    pub digit: Option<u8>,
    /// Lines scrolled in the news log, the report and the debrief.
    pub log_scroll: u16,
    pub report_scroll: u16,
    pub debrief_scroll: u16,
    /// Lines scrolled in "About this move" (back to the top when the
    /// highlight moves).
    pub detail_scroll: u16,
    /// Extra gauges drawn in the history chart, besides compute lead and
    /// U.S. leverage.
    pub chart_extra: Option<Gauge>,
    /// Whether the advisor's line shows under the move preview.
    pub advisor: bool,
    /// The advisor's lines (the content's).
    pub advice: Arc<Advisor>,
    /// A one-line notice in the footer, cleared by the next message.
    pub status: Option<Status>,
    pub running: bool,
    /// Games begun in this session, for deriving the next game's seed.
    pub games_started: u64,
    pub theme: Theme,
    /// Where saves go; None: saving is off (tests, benches).
    pub saves: Option<Saves>,
    /// Set in the replay viewer: the game is read-only.
    pub replay: Option<Replay>,
    /// Set when a second player plays Beijing.
    pub hot_seat: Option<HotSeat>,
    /// How decisions are reviewed after the game; None: no review.
    pub review_rules: Option<Arc<ReviewRules>>,
    pub review: review::Status,
    /// Work for the shell, handed over by `update` and `reply`.
    effects: Vec<Effect>,
    /// On a server where anyone could type this player's name: the code
    /// that reopens this game, kept in the header for the whole game.
    pub resume_code: Option<String>,
    /// The class's pace, as control sets it (on a server).
    pub pacing: Pacing,
}

/// The class's pace as control sets it: a pause, and the quarter's timer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pacing {
    /// Control has paused the class: moves wait.
    pub paused: bool,
    /// Seconds left on this quarter's timer, as last told.
    pub time_left: Option<u64>,
    /// The move chosen while paused, played when control resumes.
    pub held: Option<MoveId>,
}

impl App {
    pub fn new(rules: Arc<Rules>, seed: u64) -> App {
        let game = Game::new(rules, seed);
        let mut app = App {
            history: vec![game.state.gauges()],
            previews: Vec::new(),
            game,
            screen: Screen::Briefing,
            overlay: None,
            focus: Focus::Moves,
            selected: 0,
            digit: None,
            log_scroll: 0,
            report_scroll: 0,
            debrief_scroll: 0,
            detail_scroll: 0,
            chart_extra: None,
            advisor: false,
            advice: Arc::new(Advisor::builtin().clone()),
            status: None,
            running: true,
            games_started: 1,
            theme: Theme::default(),
            saves: None,
            replay: None,
            hot_seat: None,
            review_rules: None,
            review: review::Status::NotStarted,
            effects: Vec::new(),
            resume_code: None,
            pacing: Pacing::default(),
        };
        app.refresh_previews();
        app
    }

    /// Reviews every decision once the game is over (the shell runs it).
    pub fn with_review(mut self, rules: Arc<ReviewRules>) -> App {
        self.review_rules = Some(rules);
        self
    }

    /// The game a review covers: the whole replayed game in the viewer,
    /// else the game being played, once it is over.
    fn review_target(&self) -> Option<&Game> {
        match &self.replay {
            Some(r) => r.games.last(),
            None => self.game.is_over().then_some(&self.game),
        }
    }

    /// The effects asked for so far, and the review if one is now due.
    fn take_effects(&mut self) -> Vec<Effect> {
        if let Some(job) = self.review_job() {
            self.effects.push(Effect::Review(Box::new(job)));
        }
        std::mem::take(&mut self.effects)
    }

    /// The review to start now, if one is due: the shell runs it off the
    /// interface thread and reports back with `on_review`.
    pub fn review_job(&mut self) -> Option<review::Job> {
        if self.review != review::Status::NotStarted {
            return None;
        }
        let rules = self.review_rules.clone()?;
        let game = self.review_target()?.clone();
        let key = review::key_of(&game);
        self.review = review::Status::Running {
            key,
            done: 0,
            total: game.moves.len(),
        };
        Some(review::Job { key, game, rules })
    }

    /// News from a running review; a result for another game is dropped.
    pub fn on_review(&mut self, update: review::Update) {
        let current = match &self.review {
            review::Status::Running { key, .. } => *key,
            _ => return,
        };
        match update {
            review::Update::Progress { key, done, total } if key == current => {
                self.review = review::Status::Running { key, done, total }
            }
            review::Update::Ready { key, review } if key == current => {
                self.review = review::Status::Ready(Arc::new(review))
            }
            _ => {}
        }
    }

    /// The finished review, if there is one.
    pub fn decision_review(&self) -> Option<&Review> {
        match &self.review {
            review::Status::Ready(r) => Some(r),
            _ => None,
        }
    }

    /// A hot-seat game: a human plays Beijing.
    pub fn with_hot_seat(mut self, hot_seat: HotSeat) -> App {
        self.hot_seat = Some(hot_seat);
        self
    }

    /// A game resumed where it stopped: its reports and history rebuilt by
    /// replaying, on the dashboard (or the debrief if it is over).
    pub fn resume(game: Game) -> App {
        let timeline = replay::timeline(&game);
        let mut app = App::new(game.rules.clone(), game.seed);
        app.history = replay::history(&timeline);
        app.game = game;
        app.screen = if app.game.is_over() {
            Screen::Debrief
        } else {
            Screen::Dashboard
        };
        app.refresh_previews();
        app
    }

    /// The replay viewer over a finished or saved game, at turn 0.
    pub fn replay(game: &Game, name: String) -> App {
        let mut app = App::new(game.rules.clone(), game.seed);
        app.previews = Vec::new();
        // Arrows scroll the news: there is no move to choose.
        app.focus = Focus::Log;
        app.replay = Some(Replay::new(game, name));
        app.show_replay_turn();
        app
    }

    /// The viewer on a game still being played: when the game has moved
    /// on (a quarter, a message), it shows the game as it now stands. The
    /// cursor stays where the viewer put it, unless it was on the last
    /// quarter: then it goes on to the new last one.
    pub fn follow(&mut self, game: &Game) {
        let Some(replay) = &self.replay else {
            return;
        };
        let known = replay.games.last();
        if known.is_some_and(|g| {
            g.moves.len() == game.moves.len() && g.messages.len() == game.messages.len()
        }) {
            return;
        }
        let at_end = replay.cursor >= replay.last();
        let cursor = replay.cursor;
        let mut next = Replay::new(game, replay.name.clone());
        next.cursor = if at_end {
            next.last()
        } else {
            cursor.min(next.last())
        };
        self.replay = Some(next);
        self.show_replay_turn();
    }

    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub fn with_saves(mut self, saves: Saves) -> App {
        self.saves = Some(saves);
        self
    }

    /// Advice from the content (an assets folder may override it).
    pub fn with_advice(mut self, advice: Arc<Advisor>) -> App {
        self.advice = advice;
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

    pub fn preview_of(&self, m: MoveId) -> Option<&Forecast> {
        self.previews.get(m.index())
    }

    /// Every turn's report so far, in order (the game keeps them).
    pub fn reports(&self) -> &[TurnReport] {
        &self.game.reports
    }

    pub fn last_report(&self) -> Option<&TurnReport> {
        self.game.reports.last()
    }

    /// Whose good ✓ and ✗ mean on the screen in view: Beijing's on the
    /// screens a human Beijing reads (its turn, and the report its choice
    /// produces, read before the keyboard goes back), Washington's
    /// everywhere else.
    pub fn viewpoint(&self) -> Viewpoint {
        let beijing_reads = matches!(
            self.screen,
            Screen::ChinaTurn
                | Screen::ChinaBriefing
                | Screen::PassKeyboard(Side::China)
                | Screen::Report
        );
        if let Some(side) = self.seat() {
            return match side {
                Side::China if self.screen != Screen::Debrief => Viewpoint::Beijing,
                _ => Viewpoint::Washington,
            };
        }
        if self.hot_seat.is_some() && self.replay.is_none() && beijing_reads {
            Viewpoint::Beijing
        } else {
            Viewpoint::Washington
        }
    }

    /// The side this screen plays in a match over the network.
    pub fn seat(&self) -> Option<Side> {
        self.hot_seat.as_ref().and_then(|h| h.remote)
    }

    /// A match's quarter, played by the match: the game as it now stands,
    /// shown from the turn report.
    pub fn on_turn(&mut self, game: Game) {
        if game.reports.len() <= self.game.reports.len() {
            return;
        }
        self.game = game;
        if let Some(hot_seat) = &mut self.hot_seat {
            hot_seat.pending = None;
        }
        self.history = replay::history(&replay::timeline(&self.game));
        self.refresh_previews();
        self.detail_scroll = 0;
        self.report_scroll = 0;
        self.log_scroll = 0;
        self.overlay = None;
        self.screen = Screen::Report;
    }

    /// The name of the person playing Beijing, in a hot-seat game.
    pub fn china_player(&self) -> Option<&str> {
        self.hot_seat.as_ref().map(|h| h.china_name.as_str())
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
        self.previews = preview::forecasts(&self.game);
    }

    fn play(&mut self, m: MoveId) {
        self.play_as(m, ChinaSide::Doctrine);
    }

    fn play_as(&mut self, m: MoveId, china: ChinaSide) {
        self.play_timed(m, china, Vec::new());
    }

    fn play_timed(&mut self, m: MoveId, china: ChinaSide, timed_out: Vec<Side>) {
        if self.game.play_timed(m, china, timed_out).is_some() {
            self.history.push(self.game.state.gauges());
            self.refresh_previews();
            self.detail_scroll = 0;
            self.screen = Screen::Report;
            self.report_scroll = 0;
            self.log_scroll = 0;
            self.pacing.held = None;
            self.autosave();
        }
    }

    fn autosave(&mut self) {
        if let Some(saves) = self.saves.as_ref().filter(|s| s.autosave) {
            self.effects.push(Effect::Files(FileEffect::Write {
                path: saves.path(&saves.autosave_file),
                save: Box::new(saves.save_file(&self.game)),
                purpose: Purpose::Autosave,
                overwrite: true,
            }));
        }
    }

    /// What the class's control sent. Only a game played on this screen
    /// (not a match seat, whose match keeps the record; not the viewer)
    /// records messages and injects and answers the timer.
    fn on_control(&mut self, news: FromControl) {
        let own_game = self.replay.is_none() && self.seat().is_none();
        match news {
            FromControl::Message(text) => {
                self.status = Status::info(format!("{} {text}", strings::CONTROL_MARK));
                // A match seat keeps it for its news too; its match keeps
                // the record (a seat does not autosave).
                if self.replay.is_none() {
                    self.game.message(text);
                    // Kept at once: a message after the last quarter is
                    // still in the save.
                    self.autosave();
                }
            }
            // Injects come as a surprise, in the quarter's report.
            FromControl::Inject(event) => {
                if own_game {
                    self.game.inject(event);
                }
            }
            FromControl::Paused(paused) => {
                self.pacing.paused = paused;
                if paused {
                    self.status = Status::info(strings::PAUSED_BY_CONTROL);
                } else {
                    self.status = Status::info(strings::RESUMED_BY_CONTROL);
                    if let Some(m) = self.pacing.held.take()
                        && self.screen == Screen::Dashboard
                        && own_game
                    {
                        self.play(m);
                    }
                }
            }
            FromControl::Clock(left) => self.pacing.time_left = left,
            FromControl::TimeUp { turn } => {
                if own_game && self.game.state.turn == turn && !self.game.is_over() {
                    self.overlay = None;
                    self.play_timed(MoveId::HoldCourse, ChinaSide::Doctrine, vec![Side::Us]);
                    self.status = Status::info(strings::TIME_RAN_OUT);
                }
            }
        }
    }

    fn new_game(&mut self) {
        let seed = derive_seed(self.game.seed, self.games_started);
        // A hidden doctrine is drawn afresh: the debrief has named this one.
        let rules = if self.game.rules.doctrine_hidden() {
            Arc::new(Rules::clone(&self.game.rules).drawing_doctrine(seed))
        } else {
            self.game.rules.clone()
        };
        let mut next = App::new(rules, seed)
            .with_theme(self.theme)
            .with_advisor(self.advisor)
            .with_advice(self.advice.clone());
        next.review_rules = self.review_rules.clone();
        next.games_started = self.games_started + 1;
        next.saves = self.saves.take();
        if let Some(saves) = &mut next.saves {
            // A new game autosaves to a file of its own.
            saves.autosave_for(seed, None);
        }
        next.status = Status::info(strings::NEW_GAME_STARTED);
        *self = next;
    }

    /// Shows the replay's game at its cursor with the play views: the
    /// state, the reports so far, the history so far, and the move played
    /// next highlighted.
    fn show_replay_turn(&mut self) {
        let Some(replay) = &self.replay else {
            return;
        };
        let game = replay.current().clone();
        self.history = replay.games[..=replay.cursor.min(replay.last())]
            .iter()
            .map(|g| g.state.gauges())
            .collect();
        if let Some(m) = replay.next_move() {
            self.selected = m.index();
        }
        self.screen = if replay.at_end_of_game() {
            Screen::Debrief
        } else if self.screen == Screen::Report && !game.reports.is_empty() {
            Screen::Report
        } else {
            Screen::Dashboard
        };
        self.game = game;
        self.report_scroll = 0;
        self.log_scroll = 0;
        self.debrief_scroll = 0;
    }

    fn open_save_prompt(&mut self) {
        if self.replay.is_some() {
            self.status = Status::info(strings::REPLAY_READ_ONLY);
        } else if self.saves.is_none() {
            self.status = Status::error(strings::SAVING_OFF);
        } else {
            self.overlay = Some(Overlay::SavePrompt(Prompt {
                input: default_name(
                    &self.game,
                    self.hot_seat.as_ref().map(HotSeat::players).as_ref(),
                ),
                error: None,
            }));
        }
    }

    /// Enter in the save prompt: a bad name stays in the prompt with the
    /// reason; a good one is written, unless the file exists (then the
    /// shell answers `Reply::Exists` and the player is asked first).
    fn submit_save_name(&mut self, input: &str) {
        match sanitize_name(input) {
            Err(e) => {
                self.overlay = Some(Overlay::SavePrompt(Prompt {
                    input: input.to_string(),
                    error: Some(e.to_string()),
                }))
            }
            Ok(file_name) => self.write_save(&file_name, false),
        }
    }

    /// Asks the shell to write the save; a failure is reported and the game
    /// goes on.
    fn write_save(&mut self, file_name: &str, overwrite: bool) {
        let Some(saves) = &self.saves else {
            return;
        };
        self.overlay = None;
        self.effects.push(Effect::Files(FileEffect::Write {
            path: saves.path(file_name),
            save: Box::new(saves.save_file(&self.game)),
            purpose: Purpose::Save,
            overwrite,
        }));
    }

    fn open_load_picker(&mut self) {
        if self.replay.is_some() {
            self.status = Status::info(strings::REPLAY_READ_ONLY);
            return;
        }
        let Some(saves) = &self.saves else {
            self.status = Status::error(strings::SAVING_OFF);
            return;
        };
        self.effects.push(Effect::Files(FileEffect::List {
            dir: saves.dir.clone(),
        }));
    }

    /// The saves folder, listed: the picker opens on the first file that
    /// can be loaded.
    fn show_saves(&mut self, entries: Vec<SaveEntry>) {
        let selected = entries.iter().position(|e| e.loadable()).unwrap_or(0);
        self.overlay = Some(Overlay::LoadPicker(Picker {
            all: entries.clone(),
            entries,
            only: None,
            selected,
            error: None,
        }));
    }

    /// The player whose games the picker can be limited to: Washington's
    /// name in this game.
    pub fn player(&self) -> Option<&str> {
        self.saves.as_ref()?.players.us.as_deref()
    }

    /// In the picker, shows only this game's player's saves, or all again.
    fn toggle_player_filter(&mut self) {
        let player = self.player().map(str::to_string);
        let Some(Overlay::LoadPicker(picker)) = &mut self.overlay else {
            return;
        };
        picker.only = match picker.only {
            None => Some(player),
            Some(_) => None,
        };
        picker.entries = match &picker.only {
            None => picker.all.clone(),
            Some(p) => picker
                .all
                .iter()
                .filter(|e| e.info.as_ref().is_ok_and(|i| i.us == *p))
                .cloned()
                .collect(),
        };
        picker.selected = picker
            .entries
            .iter()
            .position(|e| e.loadable())
            .unwrap_or(0);
        picker.error = None;
    }

    /// Enter in the picker: asks the shell to load the highlighted save (a
    /// file that cannot be loaded says why instead).
    fn load_selected(&mut self, picker: Picker) {
        let Some(entry) = picker.entries.get(picker.selected).cloned() else {
            self.overlay = Some(Overlay::LoadPicker(picker));
            return;
        };
        if let Err(reason) = &entry.info {
            let error = Some(format!("{}: {reason}", entry.name));
            self.overlay = Some(Overlay::LoadPicker(Picker { error, ..picker }));
            return;
        }
        self.overlay = Some(Overlay::LoadPicker(picker));
        self.effects.push(Effect::Files(FileEffect::Load {
            path: entry.path,
            name: entry.name,
        }));
    }

    /// A save, read: it replaces the game; one that failed its checks
    /// leaves the game as it was and the picker says why.
    fn loaded(&mut self, name: String, result: Result<Box<Loaded>, SaveError>) {
        let (Some(saves), Some(Overlay::LoadPicker(picker))) = (&self.saves, self.overlay.take())
        else {
            return;
        };
        match result {
            Ok(loaded) => {
                let loaded = *loaded;
                let mut saves = saves.clone();
                saves.embed = loaded.embed;
                let hot_seat = loaded.hot_seat().then(|| HotSeat::new(&loaded.players));
                saves.players = loaded.players;
                // It goes on autosaving to its own file.
                saves.autosave_for(loaded.game.seed, Some(&name));
                let mut next = App::resume(loaded.game)
                    .with_theme(self.theme)
                    .with_saves(saves)
                    .with_advice(self.advice.clone());
                next.review_rules = self.review_rules.clone();
                next.hot_seat = hot_seat;
                next.games_started = self.games_started + 1;
                next.status = Status::info(format!(
                    "{} {name}: {} of {} quarters played",
                    strings::LOADED,
                    next.game.state.turn,
                    next.rules().scenario.horizon
                ));
                *self = next;
            }
            Err(e) => {
                self.overlay = Some(Overlay::LoadPicker(Picker {
                    error: Some(e.to_string()),
                    ..picker
                }))
            }
        }
    }

    /// Scrolls the panel in view. The limit is generous; the view stops
    /// at the last line it has (it alone knows how lines wrap).
    fn scroll(&mut self, lines: i16) {
        let limit = 4 * self.game.reports.len() as u16 + 60;
        let target = match self.screen {
            Screen::Report => &mut self.report_scroll,
            Screen::Debrief => &mut self.debrief_scroll,
            _ => &mut self.log_scroll,
        };
        *target = target.saturating_add_signed(lines).min(limit);
    }

    fn move_highlight(&mut self, by: isize) {
        let n = MoveId::COUNT as isize;
        self.select((self.selected as isize + by).rem_euclid(n) as usize);
    }

    fn select(&mut self, index: usize) {
        if index != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = index;
    }

    /// Scrolls "About this move"; the view stops at its last line.
    fn scroll_detail(&mut self, lines: i16) {
        self.detail_scroll = self.detail_scroll.saturating_add_signed(lines).min(100);
    }
}

/// Applies a message, and any follow-up it leads to; returns the work the
/// shell must do (files, the review), whose results come back through
/// `reply`.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut next = Some(msg);
    while let Some(msg) = next {
        next = step(app, msg);
    }
    app.take_effects()
}

/// What came of an effect, applied; may ask for more.
pub fn reply(app: &mut App, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Written { purpose, result } => {
            app.status = match (purpose, result) {
                (Purpose::Save, Ok(path)) => {
                    Status::info(format!("{} {}", strings::SAVED_TO, path.display()))
                }
                (Purpose::Save, Err(e)) => Status::error(format!("{} {e}", strings::NOT_SAVED)),
                (Purpose::Autosave, Ok(_)) => app.status.take(),
                (Purpose::Autosave, Err(e)) => {
                    Status::error(format!("{} {e}", strings::AUTOSAVE_FAILED))
                }
            }
        }
        Reply::Exists { file_name } => app.overlay = Some(Overlay::ConfirmOverwrite { file_name }),
        Reply::Listed(entries) => app.show_saves(entries),
        Reply::Loaded { name, result } => app.loaded(name, result),
        Reply::Review(update) => app.on_review(update),
        Reply::Turn(game) => app.on_turn(*game),
        Reply::Control(news) => app.on_control(news),
    }
    app.take_effects()
}

/// Work due when the app starts (a finished game's or a replay's review).
pub fn init(app: &mut App) -> Vec<Effect> {
    app.take_effects()
}

/// One message; may return a follow-up message.
fn step(app: &mut App, msg: Msg) -> Option<Msg> {
    if msg != Msg::Resize {
        app.status = None;
    }
    if app.replay.is_some() {
        update_replay(app, msg);
        return None;
    }
    let digit = app.digit.take();
    match msg {
        Msg::Quit => app.running = false,
        Msg::Resize => {}
        Msg::AskQuit => app.overlay = Some(Overlay::ConfirmQuit),
        Msg::Dismiss => app.overlay = None,
        Msg::ToggleHelp => toggle_help(app),
        Msg::ToggleIntel => {
            app.overlay = match app.overlay {
                Some(Overlay::Intel { .. }) => None,
                _ => Some(Overlay::Intel { scroll: 0 }),
            }
        }
        Msg::ToggleChart => toggle(app, Overlay::Chart),
        Msg::ToggleAdvisor => {
            app.advisor = !app.advisor;
            app.status = Status::info(if app.advisor {
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
            Some(Overlay::ConfirmOverwrite { file_name }) => app.write_save(&file_name, true),
            other => app.overlay = other,
        },
        Msg::Cancel => {
            app.overlay = match app.overlay.take() {
                // No: back to the name, to choose another.
                Some(Overlay::ConfirmOverwrite { file_name }) => {
                    Some(Overlay::SavePrompt(Prompt {
                        input: file_name.trim_end_matches(".ron").to_string(),
                        error: None,
                    }))
                }
                _ => None,
            }
        }
        Msg::Continue => match app.screen {
            Screen::Briefing => app.screen = Screen::Dashboard,
            Screen::Report if app.game.is_over() => {
                app.screen = Screen::Debrief;
                app.debrief_scroll = 0;
            }
            Screen::Report if app.seat() == Some(Side::China) => app.screen = Screen::ChinaTurn,
            Screen::Report if app.seat() == Some(Side::Us) => app.screen = Screen::Dashboard,
            Screen::Report if app.hot_seat.is_some() => app.screen = Screen::PassKeyboard(Side::Us),
            Screen::Report => app.screen = Screen::Dashboard,
            Screen::PassKeyboard(Side::Us) => app.screen = Screen::Dashboard,
            Screen::PassKeyboard(Side::China) => {
                let briefed = app.hot_seat.as_ref().is_some_and(|h| h.briefed);
                app.screen = if briefed {
                    Screen::ChinaTurn
                } else {
                    Screen::ChinaBriefing
                };
            }
            Screen::ChinaBriefing => {
                if let Some(hot_seat) = &mut app.hot_seat {
                    hot_seat.briefed = true;
                }
                app.screen = Screen::ChinaTurn;
            }
            Screen::Dashboard | Screen::Debrief | Screen::ChinaTurn | Screen::Waiting => {}
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
            Screen::ChinaTurn if app.seat() == Some(Side::China) => {
                if !app.game.is_over()
                    && let Some(hot_seat) = &app.hot_seat
                {
                    let response = hot_seat.selected_response();
                    app.effects.push(Effect::Choose(Choice::China(response)));
                    app.screen = Screen::Waiting;
                }
            }
            Screen::ChinaTurn => {
                if let Some(hot_seat) = &mut app.hot_seat
                    && let Some(m) = hot_seat.pending.take()
                {
                    let response = hot_seat.selected_response();
                    app.play_as(m, ChinaSide::Chosen(response));
                }
            }
            _ => return Some(Msg::Continue),
        },
        Msg::Play(m) => {
            if app.screen == Screen::Dashboard && !app.game.is_over() {
                match &mut app.hot_seat {
                    // In a match, the choice goes to the match, which plays
                    // the quarter once Beijing has chosen on its screen.
                    Some(hot_seat) if hot_seat.remote.is_some() => {
                        hot_seat.pending = Some(m);
                        app.effects.push(Effect::Choose(Choice::Us(m)));
                        app.screen = Screen::Waiting;
                    }
                    // Washington's choice waits, hidden, for Beijing's.
                    Some(hot_seat) => {
                        hot_seat.pending = Some(m);
                        app.screen = Screen::PassKeyboard(Side::China);
                    }
                    // Paused by control: the move waits for the resume.
                    None if app.pacing.paused => {
                        app.pacing.held = Some(m);
                        app.status = Status::info(strings::MOVE_WAITS);
                    }
                    None => app.play(m),
                }
            }
        }
        Msg::Pick(i) => {
            if i < MoveId::COUNT {
                app.select(i);
                app.focus = Focus::Moves;
            }
        }
        // A move by its number, as the list and the standing situations
        // (→ 11) show it: one digit, or two typed one after the other.
        Msg::Digit(d) => {
            let number = match digit {
                Some(first) if usize::from(first * 10 + d) <= MoveId::COUNT => first * 10 + d,
                _ => d,
            };
            if number >= 1 && usize::from(number) <= MoveId::COUNT {
                app.select(usize::from(number) - 1);
                app.focus = Focus::Moves;
                // Only a digit that some longer number starts with waits.
                app.digit = (usize::from(number) * 10 <= MoveId::COUNT).then_some(number);
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
        Msg::OnlyMine => app.toggle_player_filter(),
        Msg::Save => app.open_save_prompt(),
        Msg::Load => app.open_load_picker(),
        Msg::Type(c) => {
            if let Some(Overlay::SavePrompt(prompt)) = &mut app.overlay
                && !c.is_control()
                && prompt.input.chars().count() < PROMPT_MAX_CHARS
            {
                prompt.input.push(c);
                prompt.error = None;
            }
        }
        Msg::Backspace => {
            if let Some(Overlay::SavePrompt(prompt)) = &mut app.overlay {
                prompt.input.pop();
                prompt.error = None;
            }
        }
        Msg::ClearInput => {
            if let Some(Overlay::SavePrompt(prompt)) = &mut app.overlay {
                prompt.input.clear();
                prompt.error = None;
            }
        }
        Msg::Submit => match app.overlay.take() {
            Some(Overlay::SavePrompt(prompt)) => app.submit_save_name(&prompt.input),
            Some(Overlay::LoadPicker(picker)) => app.load_selected(picker),
            other => app.overlay = other,
        },
        // Only the replay viewer steps through turns.
        Msg::PrevTurn | Msg::NextTurn | Msg::FirstTurn | Msg::LastTurn | Msg::ShowReport => {}
    }
    None
}

/// The replay viewer: step through turns, look at reports, the chart,
/// intelligence and help; nothing changes the game.
fn update_replay(app: &mut App, msg: Msg) {
    let step = |app: &mut App, by: isize| {
        if let Some(replay) = &mut app.replay {
            replay.step(by);
        }
        app.show_replay_turn();
    };
    match msg {
        Msg::Quit | Msg::AskQuit => app.running = false,
        Msg::Dismiss | Msg::Cancel => app.overlay = None,
        Msg::ToggleHelp => toggle_help(app),
        Msg::ToggleIntel => {
            app.overlay = match app.overlay {
                Some(Overlay::Intel { .. }) => None,
                _ => Some(Overlay::Intel { scroll: 0 }),
            }
        }
        Msg::ToggleChart => toggle(app, Overlay::Chart),
        Msg::ToggleModelCard => {
            app.overlay = match app.overlay {
                Some(Overlay::ModelCard { .. }) => None,
                _ => Some(Overlay::ModelCard { scroll: 0 }),
            }
        }
        Msg::CycleChartGauge => app.chart_extra = next_extra(app.chart_extra),
        Msg::PrevTurn => step(app, -1),
        Msg::NextTurn => step(app, 1),
        Msg::FirstTurn => step(app, isize::MIN),
        Msg::LastTurn => step(app, isize::MAX),
        Msg::ShowReport => match app.screen {
            Screen::Report => {
                let end = app.replay.as_ref().is_some_and(Replay::at_end_of_game);
                app.screen = if end {
                    Screen::Debrief
                } else {
                    Screen::Dashboard
                };
            }
            _ if app.game.reports.is_empty() => {
                app.status = Status::info(strings::REPLAY_NO_REPORT)
            }
            _ => {
                app.screen = Screen::Report;
                app.report_scroll = 0;
            }
        },
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown => navigate(app, msg),
        Msg::ScrollLog(lines) => app.scroll(lines),
        Msg::Save | Msg::Load => app.status = Status::info(strings::REPLAY_READ_ONLY),
        _ => {}
    }
}

fn toggle_help(app: &mut App) {
    app.overlay = match app.overlay {
        Some(Overlay::Help { .. }) => None,
        _ => Some(Overlay::Help { scroll: 0 }),
    };
}

fn toggle(app: &mut App, overlay: Overlay) {
    app.overlay = if app.overlay.as_ref() == Some(&overlay) {
        None
    } else {
        Some(overlay)
    };
}

fn navigate(app: &mut App, msg: Msg) {
    if let Some(
        Overlay::ModelCard { scroll } | Overlay::Intel { scroll } | Overlay::Help { scroll },
    ) = &mut app.overlay
    {
        // The view stops at the window's last line; this only bounds the count.
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
    if let Some(Overlay::LoadPicker(picker)) = &mut app.overlay {
        // Every file can be highlighted, so one that cannot be loaded can
        // be reached to read why.
        let last = picker.entries.len().saturating_sub(1);
        picker.selected = match msg {
            Msg::Up => picker.selected.saturating_sub(1),
            Msg::Down => (picker.selected + 1).min(last),
            Msg::Home | Msg::PageUp => 0,
            _ => last,
        };
        picker.error = None;
        return;
    }
    if app.screen == Screen::ChinaTurn
        && let Some(hot_seat) = &mut app.hot_seat
    {
        match msg {
            Msg::Up => hot_seat.move_highlight(-1),
            Msg::Down => hot_seat.move_highlight(1),
            Msg::Home | Msg::PageUp => hot_seat.selected = 0,
            Msg::End | Msg::PageDown => hot_seat.selected = ResponseId::COUNT - 1,
            _ => {}
        }
        return;
    }
    let moves = app.screen == Screen::Dashboard && app.focus == Focus::Moves;
    if moves {
        match msg {
            Msg::Up => app.move_highlight(-1),
            Msg::Down => app.move_highlight(1),
            Msg::Home => app.select(0),
            Msg::End => app.select(MoveId::COUNT - 1),
            Msg::PageUp => app.scroll_detail(-5),
            Msg::PageDown => app.scroll_detail(5),
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
