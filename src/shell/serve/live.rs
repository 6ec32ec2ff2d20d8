//! The class as it is now, for control: every game and match on the
//! server, kept up to date by the games themselves (never read back from
//! the disk), and the class's pace, the pause and the quarter's timer,
//! which a pacer thread keeps.
//!
//! A game against the computer tells this through its `LiveLink` after
//! every change; a match is read from its `Match` when control looks.
//! Control's screens are told that something changed (`Input::Class`, at
//! most one waiting) and then read a snapshot.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use crate::engine::Game;
use crate::report::review::quality_headline;
use crate::save::Summary;
use crate::shell::Input;
use crate::shell::files::{LiveLink, Seen};
use crate::tui::app::App;
use crate::tui::control::class::{ClassView, DeckEvent, LiveGame, Seat, Target};
use crate::tui::effect::FromControl;

use super::deliver;
use super::matches::Match;

/// How often a running timer is told to the players: every this many
/// seconds, and every second of the last `FINAL_COUNTDOWN`.
const CLOCK_EVERY: u64 = 5;
const FINAL_COUNTDOWN: u64 = 10;

/// The class's live state.
pub struct Live {
    inner: Mutex<Inner>,
    /// Wakes the pacer when the pace or the games change.
    wake: Condvar,
    deck: Vec<DeckEvent>,
    /// Saves that failed since the server started (players' and matches'),
    /// for the desk.
    pub save_failures: Arc<std::sync::atomic::AtomicU64>,
}

#[derive(Default)]
struct Inner {
    games: HashMap<String, Entry>,
    born: u64,
    paused: bool,
    timer: Option<Duration>,
    watchers: HashMap<u64, Watcher>,
    next_watcher: u64,
    /// Decision-review verdicts, by save file (a match's seats report them).
    quality: HashMap<String, String>,
    stopped: bool,
}

struct Watcher {
    inputs: SyncSender<Input>,
    /// Set while an `Input::Class` waits unread: one is enough.
    told: Arc<AtomicBool>,
}

/// Where a game is played.
enum Place {
    /// Against the computer, on one session: its input while the player is
    /// in the game.
    Solo {
        inputs: Option<SyncSender<Input>>,
        game: Arc<Game>,
        us: String,
        /// A one-keyboard hot-seat game's Beijing.
        china: Option<String>,
    },
    Match(Weak<Match>),
}

struct Entry {
    born: u64,
    place: Place,
    clock: Clock,
}

/// One game's quarter timer.
#[derive(Default)]
struct Clock {
    /// The quarter (turns played) it runs for.
    turn: u32,
    ends: Option<Instant>,
    /// While paused: what was left.
    left: Option<Duration>,
    /// The quarter whose time ran out (it is not timed again).
    fired: Option<u32>,
    /// The seconds last told to the players.
    told: Option<u64>,
}

/// What a game is, now, for the pacer and the desk.
struct Now {
    turn: u32,
    over: bool,
    /// Someone is there to be timed.
    present: bool,
    inputs: Vec<SyncSender<Input>>,
}

impl Entry {
    fn now(&self) -> Option<Now> {
        match &self.place {
            Place::Solo { inputs, game, .. } => Some(Now {
                turn: game.state.turn,
                over: game.is_over(),
                present: inputs.is_some(),
                inputs: inputs.iter().cloned().collect(),
            }),
            Place::Match(m) => {
                let m = m.upgrade()?;
                let (turn, over, present) = m.pace();
                Some(Now {
                    turn,
                    over,
                    present,
                    inputs: m.seat_inputs(),
                })
            }
        }
    }
}

/// How control reaches a game.
enum Reach {
    /// The session playing it against the computer.
    Session(SyncSender<Input>),
    Match(Arc<Match>),
    /// Its player has left it.
    Away,
}

/// What the pacer does once the lock is let go.
enum Due {
    Tell(SyncSender<Input>, FromControl),
    MatchTimeUp(Arc<Match>, u32),
}

impl Live {
    pub fn new(deck: Vec<DeckEvent>) -> Live {
        Live {
            inner: Mutex::new(Inner::default()),
            wake: Condvar::new(),
            deck,
            save_failures: Arc::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Tells control's screens that the class changed.
    pub fn changed(&self) {
        let inner = self.lock();
        Self::tell_watchers(&inner);
        self.wake.notify_all();
    }

    fn tell_watchers(inner: &Inner) {
        for w in inner.watchers.values() {
            if !w.told.swap(true, Ordering::AcqRel) {
                deliver(&w.inputs, Input::Class);
            }
        }
    }

    /// A control screen that wants to hear of changes; `Watching` stops
    /// it when dropped.
    pub fn watch(self: &Arc<Self>, inputs: SyncSender<Input>) -> Watching {
        let told = Arc::new(AtomicBool::new(false));
        let mut inner = self.lock();
        inner.next_watcher += 1;
        let id = inner.next_watcher;
        inner.watchers.insert(
            id,
            Watcher {
                inputs,
                told: told.clone(),
            },
        );
        Watching {
            live: self.clone(),
            id,
            told,
        }
    }

    /// A match, from its start: the desk reads it from the match itself.
    pub fn add_match(&self, m: &Arc<Match>) {
        let mut inner = self.lock();
        inner.born += 1;
        let born = inner.born;
        inner.games.insert(
            format!("match {}", m.code),
            Entry {
                born,
                place: Place::Match(Arc::downgrade(m)),
                clock: Clock::default(),
            },
        );
        Self::tell_watchers(&inner);
        self.wake.notify_all();
        // A match begun while the class is paused waits like the rest.
        let paused = inner.paused;
        drop(inner);
        if paused {
            m.set_paused(true);
        }
    }

    /// A link for one session's games against the computer: the game the
    /// app plays is kept here as it changes, and marked away when the
    /// player leaves it.
    pub fn link(self: &Arc<Self>, inputs: SyncSender<Input>) -> LiveLink {
        let tracker = Arc::new(Tracker {
            live: self.clone(),
            inputs,
            file: Mutex::new(None),
        });
        LiveLink(Arc::new(move |app: &mut App, why: Seen| {
            if why == Seen::Changed {
                tracker.seen(app);
            }
        }))
    }

    /// A link for control's viewer on the game `id`: it follows the game
    /// as it is played.
    pub fn follow(self: &Arc<Self>, id: String, watching: Arc<AtomicBool>) -> LiveLink {
        let live = self.clone();
        LiveLink(Arc::new(move |app: &mut App, why: Seen| {
            if why == Seen::Class {
                watching.store(false, Ordering::Release);
                if let Some(game) = live.game(&id) {
                    app.follow(&game);
                }
            }
        }))
    }

    /// A game against the computer, as its app now has it.
    fn solo_seen(&self, file: &str, app: &App, inputs: &SyncSender<Input>) {
        let quality = app.decision_review().map(quality_headline);
        let mut inner = self.lock();
        let mut changed = false;
        if let Some(q) = quality
            && inner.quality.get(file) != Some(&q)
        {
            inner.quality.insert(file.to_string(), q);
            changed = true;
        }
        if app.seat().is_some() {
            // A match seat: the match is the record.
            if changed {
                Self::tell_watchers(&inner);
            }
            return;
        }
        let game = &app.game;
        let fresh = match inner.games.get(file).map(|e| &e.place) {
            Some(Place::Solo {
                inputs: Some(_),
                game: known,
                ..
            }) => {
                known.moves.len() != game.moves.len()
                    || known.messages.len() != game.messages.len()
                    || known.pending_injects.len() != game.pending_injects.len()
            }
            _ => true,
        };
        if fresh {
            let (us, china) = match &app.hot_seat {
                Some(h) => (h.us_name.clone(), Some(h.china_name.clone())),
                None => (app.player().unwrap_or("Washington").to_string(), None),
            };
            let place = Place::Solo {
                inputs: Some(inputs.clone()),
                game: Arc::new(game.clone()),
                us,
                china,
            };
            match inner.games.get_mut(file) {
                Some(entry) => entry.place = place,
                None => {
                    inner.born += 1;
                    let born = inner.born;
                    inner.games.insert(
                        file.to_string(),
                        Entry {
                            born,
                            place,
                            clock: Clock::default(),
                        },
                    );
                }
            }
            changed = true;
        }
        if changed {
            Self::tell_watchers(&inner);
            self.wake.notify_all();
        }
    }

    /// The player has left this game (the lobby, or the connection).
    fn solo_left(&self, file: &str) {
        let mut inner = self.lock();
        let gone = match inner.games.get_mut(file) {
            Some(Entry {
                place: Place::Solo { inputs, game, .. },
                clock,
                ..
            }) => {
                *inputs = None;
                *clock = Clock::default();
                game.moves.is_empty() && game.messages.is_empty()
            }
            _ => false,
        };
        // A game left before its first quarter is not worth a row.
        if gone {
            inner.games.remove(file);
        }
        Self::tell_watchers(&inner);
    }

    /// The game `id` as it stands.
    pub fn game(&self, id: &str) -> Option<Game> {
        let place = {
            let inner = self.lock();
            match &inner.games.get(id)?.place {
                Place::Solo { game, .. } => return Some(Game::clone(game)),
                Place::Match(m) => m.upgrade()?,
            }
        };
        Some(place.view().game)
    }

    /// The save files of the class's games (what the class report reads).
    pub fn files(&self) -> Vec<String> {
        let inner = self.lock();
        let mut files: Vec<(u64, String)> = inner
            .games
            .iter()
            .filter_map(|(id, e)| match &e.place {
                Place::Solo { .. } => Some((e.born, id.clone())),
                Place::Match(m) => m.upgrade().map(|m| (e.born, m.file())),
            })
            .collect();
        files.sort();
        files.into_iter().map(|(_, f)| f).collect()
    }

    /// An event of the deck by its index, as the desk names it.
    pub fn event_title(&self, event: usize) -> Option<String> {
        self.deck.get(event).map(|e| e.title.clone())
    }

    /// Whether control has paused the class.
    pub fn paused(&self) -> bool {
        self.lock().paused
    }

    /// The class, for the desk.
    pub fn snapshot(&self, players: usize, wrong_codes: u64) -> ClassView {
        let save_failures = self
            .save_failures
            .load(std::sync::atomic::Ordering::Relaxed);
        let mut inner = self.lock();
        // Matches that have gone (cancelled, over and left) go here.
        inner.games.retain(|_, e| match &e.place {
            Place::Match(m) => m.strong_count() > 0,
            Place::Solo { .. } => true,
        });
        let mut rows: Vec<(u64, LiveGame)> = inner
            .games
            .iter()
            .filter_map(|(id, e)| Some((e.born, self.row(&inner, id, e)?)))
            .collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.0));
        ClassView {
            wrong_codes,
            save_failures,
            games: rows.into_iter().map(|(_, g)| g).collect(),
            paused: inner.paused,
            timer: inner.timer.map(|t| t.as_secs()),
            players,
            deck: self.deck.clone(),
        }
    }

    fn row(&self, inner: &Inner, id: &str, e: &Entry) -> Option<LiveGame> {
        let time_left = e.clock.told;
        match &e.place {
            Place::Solo {
                inputs,
                game,
                us,
                china,
            } => {
                let connected = inputs.is_some();
                Some(LiveGame {
                    id: id.to_string(),
                    file: id.to_string(),
                    code: None,
                    seats: [
                        Seat::Player {
                            name: us.clone(),
                            connected,
                            scripted: false,
                        },
                        match china {
                            Some(name) => Seat::Player {
                                name: name.clone(),
                                connected,
                                scripted: false,
                            },
                            None => Seat::Doctrine(game.rules.doctrine.name.clone()),
                        },
                    ],
                    summary: Summary::of(game),
                    quality: inner.quality.get(id).cloned(),
                    pending_injects: titles(game),
                    messages: game.messages.len(),
                    time_left,
                    chosen: Vec::new(),
                })
            }
            Place::Match(m) => {
                let m = m.upgrade()?;
                let view = m.view();
                let seat = |i: usize| match &view.names[i] {
                    Some(name) => Seat::Player {
                        name: name.clone(),
                        connected: view.connected[i],
                        scripted: view.scripted[i],
                    },
                    None => Seat::Open,
                };
                Some(LiveGame {
                    id: id.to_string(),
                    file: view.file.clone(),
                    code: Some(m.code.clone()),
                    seats: [seat(0), seat(1)],
                    summary: Summary::of(&view.game),
                    quality: inner.quality.get(&view.file).cloned(),
                    pending_injects: titles(&view.game),
                    messages: view.game.messages.len(),
                    time_left,
                    chosen: view.chosen,
                })
            }
        }
    }

    /// How to reach each targeted game, cloned out of the lock. A game
    /// against the computer is left out of "every game" once it is over.
    fn reach(&self, to: &Target) -> Vec<Reach> {
        let inner = self.lock();
        inner
            .games
            .iter()
            .filter(|(id, _)| match to {
                Target::All => true,
                Target::Game(one) => *id == one,
            })
            .filter_map(|(_, e)| match &e.place {
                Place::Solo { game, .. } if game.is_over() && *to == Target::All => None,
                Place::Solo {
                    inputs: Some(tx), ..
                } => Some(Reach::Session(tx.clone())),
                Place::Solo { inputs: None, .. } => Some(Reach::Away),
                Place::Match(m) => m.upgrade().map(Reach::Match),
            })
            .collect()
    }

    /// A message from control into every game's news, or one's: how many
    /// games it reached, and how many were away (their player not in the
    /// game, so it could not be recorded).
    pub fn broadcast(&self, to: &Target, text: &str) -> (usize, usize) {
        let (mut sent, mut away) = (0, 0);
        for reach in self.reach(to) {
            match reach {
                Reach::Match(m) => {
                    m.message(text);
                    sent += 1;
                }
                Reach::Session(tx) => {
                    deliver(&tx, Input::Control(FromControl::Message(text.to_string())));
                    sent += 1;
                }
                Reach::Away => away += 1,
            }
        }
        self.changed();
        (sent, away)
    }

    /// An event of the deck into the next quarter of every game, or one's:
    /// how many took it, and how many did not (away, over, or full).
    pub fn inject(&self, to: &Target, event: usize) -> (usize, usize) {
        let (mut sent, mut not) = (0, 0);
        for reach in self.reach(to) {
            let took = match reach {
                Reach::Match(m) => m.inject(event),
                Reach::Session(tx) => {
                    deliver(&tx, Input::Control(FromControl::Inject(event)));
                    true
                }
                Reach::Away => false,
            };
            if took {
                sent += 1;
            } else {
                not += 1;
            }
        }
        self.changed();
        (sent, not)
    }

    /// Pauses or resumes the class: every game's clock stops or goes on,
    /// and every session and match is told.
    pub fn set_paused(&self, paused: bool, sessions: &[SyncSender<Input>]) {
        let matches: Vec<Arc<Match>> = {
            let mut inner = self.lock();
            if inner.paused == paused {
                return;
            }
            inner.paused = paused;
            let now = Instant::now();
            for e in inner.games.values_mut() {
                let c = &mut e.clock;
                if paused {
                    c.left = c.ends.take().map(|end| end.saturating_duration_since(now));
                } else {
                    c.ends = c.left.take().map(|left| now + left);
                }
            }
            inner
                .games
                .values()
                .filter_map(|e| match &e.place {
                    Place::Match(m) => m.upgrade(),
                    Place::Solo { .. } => None,
                })
                .collect()
        };
        // Every session hears it (a match's seats among them); a match
        // then plays a quarter both sides chose while it was paused.
        for tx in sessions {
            deliver(tx, Input::Control(FromControl::Paused(paused)));
        }
        for m in matches {
            m.set_paused(paused);
        }
        self.changed();
    }

    /// A new session, or a game begun, on a paused class: it is told.
    pub fn greet(&self, inputs: &SyncSender<Input>) {
        if self.paused() {
            deliver(inputs, Input::Control(FromControl::Paused(true)));
        }
    }

    /// Sets the quarter's timer (None: off). Every game's clock starts
    /// again from the full time.
    pub fn set_timer(&self, timer: Option<Duration>) {
        let tell: Vec<SyncSender<Input>> = {
            let mut inner = self.lock();
            inner.timer = timer;
            let mut tell = Vec::new();
            for e in inner.games.values_mut() {
                e.clock = Clock::default();
                if timer.is_none() {
                    tell.extend(e.now().map(|n| n.inputs).unwrap_or_default());
                }
            }
            tell
        };
        for tx in tell {
            deliver(&tx, Input::Control(FromControl::Clock(None)));
        }
        self.changed();
    }

    /// Stops the pacer.
    pub fn stop(&self) {
        self.lock().stopped = true;
        self.wake.notify_all();
    }

    /// The pacer: runs each game's quarter timer while one is set, and
    /// sleeps (no CPU) while none is.
    pub fn pace(&self) {
        let mut inner = self.lock();
        loop {
            if inner.stopped {
                return;
            }
            let due = Self::tick(&mut inner, Instant::now());
            let sleep = if inner.timer.is_some() && !inner.paused {
                Some(Duration::from_secs(1))
            } else {
                None
            };
            if !due.is_empty() {
                Self::tell_watchers(&inner);
                drop(inner);
                for d in due {
                    match d {
                        Due::Tell(tx, news) => deliver(&tx, Input::Control(news)),
                        Due::MatchTimeUp(m, turn) => m.time_up(turn),
                    }
                }
                inner = self.lock();
                continue;
            }
            inner = match sleep {
                Some(d) => {
                    self.wake
                        .wait_timeout(inner, d)
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .0
                }
                None => self
                    .wake
                    .wait(inner)
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            };
        }
    }

    /// What the timers call for now.
    fn tick(inner: &mut Inner, now: Instant) -> Vec<Due> {
        let mut due = Vec::new();
        let Some(timer) = inner.timer.filter(|_| !inner.paused) else {
            return due;
        };
        for e in inner.games.values_mut() {
            let Some(game) = e.now() else { continue };
            let c = &mut e.clock;
            if game.over || !game.present {
                if c.ends.is_some() || c.told.is_some() {
                    *c = Clock::default();
                }
                continue;
            }
            if c.fired == Some(game.turn) {
                continue;
            }
            if c.ends.is_none() || c.turn != game.turn {
                c.turn = game.turn;
                c.ends = Some(now + timer);
                c.told = None;
            }
            let left = c
                .ends
                .map_or(Duration::ZERO, |end| end.saturating_duration_since(now));
            if left.is_zero() {
                c.fired = Some(game.turn);
                c.ends = None;
                c.told = None;
                match &e.place {
                    Place::Solo { .. } => {
                        for tx in &game.inputs {
                            due.push(Due::Tell(
                                tx.clone(),
                                FromControl::TimeUp { turn: game.turn },
                            ));
                        }
                    }
                    Place::Match(m) => {
                        if let Some(m) = m.upgrade() {
                            due.push(Due::MatchTimeUp(m, game.turn));
                        }
                    }
                }
                continue;
            }
            // Whole seconds, rounded up: "0:01" until it runs out.
            let secs = left.as_millis().div_ceil(1000) as u64;
            let shown = if secs <= FINAL_COUNTDOWN {
                secs
            } else {
                secs.div_ceil(CLOCK_EVERY) * CLOCK_EVERY
            };
            if c.told != Some(shown) {
                c.told = Some(shown);
                for tx in &game.inputs {
                    due.push(Due::Tell(tx.clone(), FromControl::Clock(Some(shown))));
                }
            }
        }
        due
    }
}

fn titles(game: &Game) -> Vec<String> {
    game.pending_injects
        .iter()
        .filter_map(|i| game.rules.events.get(*i))
        .map(|e| e.title.clone())
        .collect()
}

/// A control screen's subscription to the class's changes.
pub struct Watching {
    live: Arc<Live>,
    id: u64,
    told: Arc<AtomicBool>,
}

impl Watching {
    /// The change has been read: the next one is told again.
    pub fn read(&self) {
        self.told.store(false, Ordering::Release);
    }

    /// The flag a viewer clears when it reads.
    pub fn flag(&self) -> Arc<AtomicBool> {
        self.told.clone()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.live.lock().watchers.remove(&self.id);
    }
}

/// One session's games against the computer, as `Live` knows them.
struct Tracker {
    live: Arc<Live>,
    inputs: SyncSender<Input>,
    /// The save the game in play autosaves to.
    file: Mutex<Option<String>>,
}

impl Tracker {
    fn seen(&self, app: &App) {
        if app.replay.is_some() {
            return;
        }
        let Some(file) = app.saves.as_ref().map(|s| s.autosave_file.clone()) else {
            return;
        };
        let before = {
            let mut known = self
                .file
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if known.as_deref() == Some(file.as_str()) {
                None
            } else {
                known.replace(file.clone())
            }
        };
        // A new game or a loaded one: the last one is left.
        if let Some(before) = before {
            self.live.solo_left(&before);
        }
        self.live.solo_seen(&file, app, &self.inputs);
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        let file = self
            .file
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(file) = file {
            self.live.solo_left(&file);
        }
    }
}
