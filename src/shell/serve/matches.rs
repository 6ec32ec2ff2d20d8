//! Matches: two players on two connections, Washington and Beijing, one
//! game. Each seat runs its own app (which shows only its side); their
//! choices come here, and once both are in, the match plays the quarter,
//! autosaves it and sends the new game to both seats. A seat left empty
//! for `seat_wait` is played by the script (Beijing's doctrine, or the
//! adaptive player for Washington) until its player takes it back.
//!
//! The lock is held only to read or change the match: frames are drawn on
//! each session's own thread, saves are written after the lock is let go,
//! and seats are told through their input queues without waiting.

use std::collections::HashMap;
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use crate::engine::turn::ChinaSide;
use crate::engine::{Game, MoveId, ResponseId};
use crate::play::hot_seat::{Choice, Side};
use crate::save::{Players, SaveFile};
use crate::shell::Input;
use crate::tui::effect::FromControl;
use crate::tui::saving::Saves;

use super::deliver;
use super::live::Live;

/// Match codes: six characters, none that read alike (0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// Every match on the server, by code.
#[derive(Default)]
pub struct Matches {
    by_code: Mutex<HashMap<String, Arc<Match>>>,
    /// The class's live state, told of every match and its changes.
    live: Option<Arc<Live>>,
}

impl Matches {
    /// Matches that keep the class's live state told.
    pub fn new(live: Arc<Live>) -> Matches {
        Matches {
            by_code: Mutex::default(),
            live: Some(live),
        }
    }

    /// A new match for Washington's player; Beijing joins with the code.
    pub fn create(
        &self,
        game: Game,
        us: &str,
        saves: Saves,
        seat_wait: Duration,
        code_seed: u64,
    ) -> Arc<Match> {
        self.insert(
            game,
            [Some(us.to_string()), None],
            saves,
            seat_wait,
            code_seed,
        )
    }

    fn insert(
        &self,
        game: Game,
        names: [Option<String>; 2],
        saves: Saves,
        seat_wait: Duration,
        code_seed: u64,
    ) -> Arc<Match> {
        let mut by_code = lock(&self.by_code);
        by_code.retain(|_, m| !m.finished());
        let mut n = code_seed;
        let code = loop {
            let code = make_code(n);
            if !by_code.contains_key(&code) {
                break code;
            }
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        };
        let m = Arc::new(Match {
            code: code.clone(),
            live: self.live.clone(),
            seat_wait,
            state: Mutex::new(State {
                game,
                names,
                seats: [Seat::default(), Seat::default()],
                pending_us: None,
                pending_china: None,
                saves,
                paused: false,
                snapshots: 0,
            }),
            written: Arc::new(Mutex::new(0)),
        });
        by_code.insert(code, m.clone());
        drop(by_code);
        if let Some(live) = &self.live {
            live.add_match(&m);
        }
        m
    }

    /// The match with this code (case and spaces do not count).
    pub fn find(&self, code: &str) -> Option<Arc<Match>> {
        let code: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        lock(&self.by_code).get(&code).cloned()
    }

    /// The live match that autosaves to this file, if there is one.
    pub fn by_file(&self, file_name: &str) -> Option<Arc<Match>> {
        lock(&self.by_code)
            .values()
            .find(|m| lock(&m.state).saves.autosave_file == file_name)
            .cloned()
    }

    /// A match from its save (the server restarted, say), with no one
    /// seated yet; the first to open it takes their seat.
    pub fn revive(
        &self,
        game: Game,
        players: &Players,
        saves: Saves,
        seat_wait: Duration,
        code_seed: u64,
    ) -> Arc<Match> {
        let names = [players.us.clone(), players.china.clone()];
        self.insert(game, names, saves, seat_wait, code_seed)
    }

    /// The host gave up waiting for Beijing: the match goes (a match
    /// Beijing has joined stays, for both to come back to).
    pub fn cancel(&self, m: &Arc<Match>, sitting: u64) {
        m.leave(Side::Us, sitting);
        if m.open_for_beijing() {
            lock(&self.by_code).remove(&m.code);
        }
    }

    pub fn count(&self) -> usize {
        lock(&self.by_code).len()
    }
}

fn make_code(seed: u64) -> String {
    let mut n = seed;
    (0..6)
        .map(|_| {
            let c = CODE_ALPHABET[(n % CODE_ALPHABET.len() as u64) as usize] as char;
            n /= CODE_ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// One side's seat.
#[derive(Default)]
struct Seat {
    /// The seated player's input, while they are connected.
    inputs: Option<SyncSender<Input>>,
    /// Counts sittings, so that a timer set when a player left does nothing
    /// if they have been back since.
    sitting: u64,
    /// The script plays this side (the seat was empty too long).
    scripted: bool,
}

struct State {
    game: Game,
    /// Washington's and Beijing's players (Beijing's once someone joins).
    names: [Option<String>; 2],
    seats: [Seat; 2],
    pending_us: Option<MoveId>,
    pending_china: Option<ResponseId>,
    saves: Saves,
    /// Control has paused the class: choices wait.
    paused: bool,
    /// The number of the latest snapshot taken for the autosave.
    snapshots: u64,
}

pub struct Match {
    pub code: String,
    live: Option<Arc<Live>>,
    seat_wait: Duration,
    state: Mutex<State>,
    /// Held while the autosave is written, with the number of the newest
    /// snapshot on disk: saves are written one at a time and in order, so
    /// an older snapshot never lands after a newer one.
    written: Arc<Mutex<u64>>,
}

/// Why a player could not take a seat.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SeatError {
    #[error("{0} plays that side in this match")]
    Taken(String),
    #[error("you are already in this match, on another connection")]
    Seated,
    #[error("this match is over")]
    Over,
}

/// What a player finds on sitting down.
pub struct Sitting {
    pub game: Game,
    pub players: Players,
    /// This side's choice, made before they left, still waiting for the
    /// other side's.
    pub chosen: Option<Choice>,
    /// The save the match autosaves to.
    pub file: String,
    /// Which sitting this is (for `leave`).
    pub sitting: u64,
}

fn index(side: Side) -> usize {
    match side {
        Side::Us => 0,
        Side::China => 1,
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::Us => Side::China,
        Side::China => Side::Us,
    }
}

fn role(side: Side) -> &'static str {
    match side {
        Side::Us => crate::strings::US_SIDE,
        Side::China => crate::strings::CHINA_SIDE,
    }
}

impl Match {
    /// Tells the class's live state (never with the match's lock held).
    fn changed(&self) {
        if let Some(live) = &self.live {
            live.changed();
        }
    }

    pub fn finished(&self) -> bool {
        let s = lock(&self.state);
        s.game.is_over() && s.seats.iter().all(|seat| seat.inputs.is_none())
    }

    /// The side `name` plays here, if any.
    pub fn side_of(&self, name: &str) -> Option<Side> {
        let s = lock(&self.state);
        [Side::Us, Side::China].into_iter().find(|side| {
            s.names[index(*side)]
                .as_deref()
                .is_some_and(|n| crate::save::same_player(n, name))
        })
    }

    /// Whether Beijing's seat is still free for a newcomer.
    pub fn open_for_beijing(&self) -> bool {
        lock(&self.state).names[1].is_none()
    }

    /// Seats `name` on `side`: a newcomer on a free seat, or its own
    /// player coming back (the script stops playing it). The other seat
    /// is told.
    pub fn sit(
        &self,
        side: Side,
        name: &str,
        inputs: SyncSender<Input>,
    ) -> Result<Sitting, SeatError> {
        let (sitting, tell) = {
            let mut s = lock(&self.state);
            let i = index(side);
            match &s.names[i] {
                Some(n) if !crate::save::same_player(n, name) => {
                    return Err(SeatError::Taken(n.clone()));
                }
                _ => {}
            }
            if s.seats[i].inputs.is_some() {
                return Err(SeatError::Seated);
            }
            if s.game.is_over() && s.names[i].is_none() {
                return Err(SeatError::Over);
            }
            let newcomer = s.names[i].is_none();
            if newcomer {
                s.names[i] = Some(name.to_string());
            }
            // The name as the match knows it (a player may sign in as "BEN").
            let name = s.names[i].clone().unwrap_or_default();
            if newcomer && side == Side::China {
                // The save is named with both players once both are known.
                let players = players_of(&s.names);
                let seed = s.game.seed;
                let dir = s.saves.dir.clone();
                let stamp = s.saves.stamp.clone();
                let embed = s.saves.embed;
                s.saves = Saves::new(dir, players.clone(), stamp, seed);
                s.saves.embed = embed;
                s.saves.autosave = false;
            }
            let was_scripted = std::mem::take(&mut s.seats[i].scripted);
            s.seats[i].inputs = Some(inputs);
            s.seats[i].sitting += 1;
            let chosen = match side {
                Side::Us => s.pending_us.map(Choice::Us),
                Side::China => s.pending_china.map(Choice::China),
            };
            let sitting = Sitting {
                game: s.game.clone(),
                players: players_of(&s.names),
                chosen,
                file: s.saves.autosave_file.clone(),
                sitting: s.seats[i].sitting,
            };
            let line = if newcomer {
                format!("{name} has joined as {}.", role(side))
            } else if was_scripted {
                format!("{name} is back and plays {} again.", role(side))
            } else {
                format!("{name} is back.")
            };
            (sitting, self.tell(&s, other(side), line))
        };
        tell();
        self.changed();
        Ok(sitting)
    }

    /// A seat's player has gone (left for the lobby, or the connection
    /// dropped). If they are not back within `seat_wait`, the script
    /// plays their side.
    pub fn leave(self: &Arc<Self>, side: Side, sitting: u64) {
        let (tell, name) = {
            let mut s = lock(&self.state);
            let i = index(side);
            if s.seats[i].sitting != sitting || s.seats[i].inputs.is_none() {
                return;
            }
            s.seats[i].inputs = None;
            let name = s.names[i].clone().unwrap_or_default();
            if s.game.is_over() {
                drop(s);
                self.changed();
                return;
            }
            let line = format!(
                "{name} has left {}'s seat. If they are not back within {}, {} plays it until they return.",
                role(side),
                span(self.seat_wait),
                script_name(&s, side)
            );
            (self.tell(&s, other(side), line), name)
        };
        tell();
        self.changed();
        let weak: Weak<Match> = Arc::downgrade(self);
        let wait = self.seat_wait;
        let _ = std::thread::Builder::new()
            .name(format!("seat timer {name}"))
            .spawn(move || {
                std::thread::sleep(wait);
                if let Some(m) = weak.upgrade() {
                    m.script(side, sitting);
                }
            });
    }

    /// The seat has stayed empty since `sitting` ended: the script plays
    /// it, and the quarter is played at once if the other side is waiting.
    fn script(&self, side: Side, sitting: u64) {
        let (tell, turn) = {
            let mut s = lock(&self.state);
            let i = index(side);
            if s.seats[i].sitting != sitting || s.seats[i].inputs.is_some() || s.game.is_over() {
                return;
            }
            s.seats[i].scripted = true;
            let name = s.names[i].clone().unwrap_or_default();
            let line = format!(
                "{}'s seat has been empty for {}: {} plays it until {name} comes back.",
                role(side),
                span(self.seat_wait),
                script_name(&s, side)
            );
            let tell = self.tell(&s, other(side), line);
            (tell, self.play_if_ready(&mut s))
        };
        tell();
        if let Some(turn) = turn {
            turn.send();
        }
        self.changed();
    }

    /// A seat's choice for the quarter.
    pub fn choose(&self, choice: Choice) {
        let turn = {
            let mut s = lock(&self.state);
            if s.game.is_over() {
                return;
            }
            match choice {
                Choice::Us(m) => s.pending_us = Some(m),
                Choice::China(r) => s.pending_china = Some(r),
            }
            self.play_if_ready(&mut s)
        };
        if let Some(turn) = turn {
            turn.send();
        }
        self.changed();
    }

    /// Plays the quarter if both sides have chosen (or are scripted, with
    /// a person waiting on the other side).
    fn play_if_ready(&self, s: &mut State) -> Option<Played> {
        if s.paused {
            return None;
        }
        let us = match (s.pending_us, s.seats[0].scripted) {
            (Some(m), _) => m,
            (None, true) if s.pending_china.is_some() => {
                crate::sim::bots::adaptive(&s.game.rules, &s.game.state)
            }
            _ => return None,
        };
        let china = match (s.pending_china, s.seats[1].scripted) {
            (Some(r), _) => ChinaSide::Chosen(r),
            (None, true) if s.pending_us.is_some() => ChinaSide::Doctrine,
            _ => return None,
        };
        self.play(s, us, china, Vec::new())
    }

    /// Plays the quarter with these choices; what to save and send.
    fn play(
        &self,
        s: &mut State,
        us: MoveId,
        china: ChinaSide,
        timed_out: Vec<Side>,
    ) -> Option<Played> {
        s.game.play_timed(us, china, timed_out)?;
        s.pending_us = None;
        s.pending_china = None;
        Some(self.record(s, true))
    }

    /// The match's save as it stands, and (with `turn`) the game for both
    /// seats: to write and send once the lock is let go.
    fn record(&self, s: &mut State, turn: bool) -> Played {
        s.snapshots += 1;
        let save = SaveFile::from_game(&s.game, players_of(&s.names), s.saves.embed);
        let seats = s
            .seats
            .iter()
            .filter_map(|seat| seat.inputs.clone())
            .collect();
        Played {
            failures: self.live.as_ref().map(|l| l.save_failures.clone()),
            snapshot: s.snapshots,
            written: self.written.clone(),
            path: s.saves.path(&s.saves.autosave_file),
            save: Box::new(save),
            game: turn.then(|| Box::new(s.game.clone())),
            seats,
        }
    }

    /// A message from control: into the match's record (and save) and
    /// onto both seats' screens.
    pub fn message(&self, text: &str) {
        let (played, seats) = {
            let mut s = lock(&self.state);
            s.game.message(text.to_string());
            let seats: Vec<_> = s.seats.iter().filter_map(|x| x.inputs.clone()).collect();
            (self.record(&mut s, false), seats)
        };
        played.send();
        for tx in seats {
            deliver(&tx, Input::Control(FromControl::Message(text.to_string())));
        }
        self.changed();
    }

    /// An event of the deck into the match's next quarter; false if the
    /// game takes no more (over, or its quarter has its fill).
    pub fn inject(&self, event: usize) -> bool {
        lock(&self.state).game.inject(event)
    }

    /// Control paused or resumed the class (its seats, like every
    /// session, are told by control): on resuming, a quarter both sides
    /// chose is played.
    pub fn set_paused(&self, paused: bool) {
        let turn = {
            let mut s = lock(&self.state);
            s.paused = paused;
            self.play_if_ready(&mut s)
        };
        if let Some(turn) = turn {
            turn.send();
        }
    }

    /// The timer of the quarter after `turn` quarters ran out: a side
    /// nobody chose for holds course (Washington holds, Beijing waits and
    /// watches), and the quarter is played.
    pub fn time_up(&self, turn: u32) {
        let played = {
            let mut s = lock(&self.state);
            if s.game.state.turn != turn || s.game.is_over() || s.paused {
                return;
            }
            let mut timed_out = Vec::new();
            let us = match (s.pending_us, s.seats[0].scripted) {
                (Some(m), _) => m,
                (None, true) => crate::sim::bots::adaptive(&s.game.rules, &s.game.state),
                (None, false) => {
                    timed_out.push(Side::Us);
                    MoveId::HoldCourse
                }
            };
            let china = match (s.pending_china, s.seats[1].scripted) {
                (Some(r), _) => ChinaSide::Chosen(r),
                (None, true) => ChinaSide::Doctrine,
                (None, false) => {
                    timed_out.push(Side::China);
                    ChinaSide::Chosen(ResponseId::WaitAndSee)
                }
            };
            self.play(&mut s, us, china, timed_out)
        };
        if let Some(played) = played {
            played.send();
        }
        self.changed();
    }

    /// The match as control sees it.
    pub fn view(&self) -> MatchView {
        let s = lock(&self.state);
        let mut chosen = Vec::new();
        if s.pending_us.is_some() {
            chosen.push(Side::Us);
        }
        if s.pending_china.is_some() {
            chosen.push(Side::China);
        }
        MatchView {
            game: s.game.clone(),
            names: s.names.clone(),
            connected: [s.seats[0].inputs.is_some(), s.seats[1].inputs.is_some()],
            scripted: [s.seats[0].scripted, s.seats[1].scripted],
            chosen,
            file: s.saves.autosave_file.clone(),
        }
    }

    /// Where the match stands, without copying its game (the pacer asks
    /// every second): turns played, whether it is over, whether anyone
    /// sits in it.
    pub fn pace(&self) -> (u32, bool, bool) {
        let s = lock(&self.state);
        (
            s.game.state.turn,
            s.game.is_over(),
            s.seats.iter().any(|seat| seat.inputs.is_some()),
        )
    }

    /// The save the match autosaves to now.
    pub fn file(&self) -> String {
        lock(&self.state).saves.autosave_file.clone()
    }

    /// Both seats' input, for the seats connected now.
    pub fn seat_inputs(&self) -> Vec<SyncSender<Input>> {
        let s = lock(&self.state);
        s.seats.iter().filter_map(|x| x.inputs.clone()).collect()
    }

    /// A line for a side's seat, to send once the lock is let go.
    fn tell(&self, s: &State, side: Side, line: String) -> impl FnOnce() + use<> {
        let to = s.seats[index(side)].inputs.clone();
        move || {
            if let Some(tx) = to {
                deliver(&tx, Input::Notice(line));
            }
        }
    }

    /// What a seated player finds now (Washington, who sat down when it
    /// made the match and waited in the lobby for Beijing).
    pub fn current(&self, side: Side, sitting: u64) -> Sitting {
        let s = lock(&self.state);
        Sitting {
            game: s.game.clone(),
            players: players_of(&s.names),
            chosen: match side {
                Side::Us => s.pending_us.map(Choice::Us),
                Side::China => s.pending_china.map(Choice::China),
            },
            file: s.saves.autosave_file.clone(),
            sitting,
        }
    }

    /// The match's save settings (its folder and file).
    pub fn saves(&self) -> Saves {
        lock(&self.state).saves.clone()
    }
}

/// Who plays an empty seat: Beijing's doctrine, or the adaptive player.
fn script_name(s: &State, side: Side) -> String {
    match side {
        Side::China => format!("the {} doctrine", s.game.rules.doctrine.name),
        Side::Us => "the adaptive player".to_string(),
    }
}

/// A wait in words: "5 min", "30 s".
fn span(wait: Duration) -> String {
    let secs = wait.as_secs();
    if secs >= 60 && secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}

fn players_of(names: &[Option<String>; 2]) -> Players {
    Players {
        us: names[0].clone(),
        // Until Beijing's player joins, the save still says a person plays it.
        china: names[1]
            .clone()
            .or_else(|| Some(crate::strings::CHINA_SIDE.to_string())),
    }
}

/// A match as control sees it.
pub struct MatchView {
    pub game: Game,
    pub names: [Option<String>; 2],
    pub connected: [bool; 2],
    pub scripted: [bool; 2],
    /// Sides that have chosen this quarter and wait for the other.
    pub chosen: Vec<Side>,
    /// The save it autosaves to.
    pub file: String,
}

/// A quarter played (or a message recorded): its save to write and, for a
/// quarter, its news to send, both after the match's lock is let go.
struct Played {
    /// Where a failed write is counted (the desk's).
    failures: Option<Arc<std::sync::atomic::AtomicU64>>,
    snapshot: u64,
    written: Arc<Mutex<u64>>,
    path: std::path::PathBuf,
    save: Box<SaveFile>,
    game: Option<Box<Game>>,
    seats: Vec<SyncSender<Input>>,
}

impl Played {
    fn send(self) {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        {
            let mut newest = lock(&self.written);
            // A newer snapshot is on disk already: this one is stale.
            if *newest < self.snapshot {
                match self.save.write(&self.path) {
                    Ok(()) => *newest = self.snapshot,
                    Err(e) => {
                        tracing::warn!("match autosave to {} failed: {e}", self.path.display());
                        if let Some(failures) = &self.failures {
                            failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                }
            }
        }
        if let Some(game) = &self.game {
            for tx in &self.seats {
                deliver(tx, Input::Turn(game.clone()));
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{Receiver, sync_channel};
    use std::time::Instant;

    use crate::content::{Content, DEFAULT_SCENARIO};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("chokepoints-match-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn new_match(dir: &std::path::Path, wait: Duration) -> (Matches, Arc<Match>, Arc<Content>) {
        let content = Arc::new(Content::builtin().unwrap());
        let rules = Arc::new(content.rules(DEFAULT_SCENARIO, None).unwrap());
        let game = Game::new(rules, 7);
        let players = Players {
            us: Some("ana".into()),
            china: None,
        };
        let mut saves = Saves::new(dir.to_path_buf(), players, "20261130-000000".into(), 7);
        saves.autosave = false;
        let matches = Matches::default();
        let m = matches.create(game, "ana", saves, wait, 42);
        (matches, m, content)
    }

    /// The next input of a kind, within a bound.
    fn next_turn(rx: &Receiver<Input>) -> Box<Game> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left).expect("a turn in time") {
                Input::Turn(game) => return game,
                _ => continue,
            }
        }
    }

    fn next_notice(rx: &Receiver<Input>, containing: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left).expect("a notice in time") {
                Input::Notice(text) if text.contains(containing) => return text,
                _ => continue,
            }
        }
    }

    #[test]
    fn a_match_autosave_that_fails_is_counted_for_the_desk() {
        let blocker = scratch("failing");
        std::fs::write(&blocker, "a file where the folder should be").unwrap();
        let content = Arc::new(Content::builtin().unwrap());
        let rules = Arc::new(content.rules(DEFAULT_SCENARIO, None).unwrap());
        let players = Players {
            us: Some("ana".into()),
            china: None,
        };
        let mut saves = Saves::new(blocker.join("saves"), players, "20261206-000000".into(), 7);
        saves.autosave = false;
        let live = Arc::new(Live::new(Vec::new()));
        let matches = Matches::new(live.clone());
        let m = matches.create(
            Game::new(rules, 7),
            "ana",
            saves,
            Duration::from_secs(300),
            1,
        );
        m.message("hello");
        assert_eq!(
            live.save_failures
                .load(std::sync::atomic::Ordering::Relaxed),
            1
        );
        let _ = std::fs::remove_file(&blocker);
    }

    #[test]
    fn broadcasts_from_two_desks_at_once_all_reach_the_save_newest_last() {
        let dir = scratch("two-desks");
        let (_matches, m, content) = new_match(&dir, Duration::from_secs(300));
        std::thread::scope(|s| {
            for desk in 0..2 {
                let m = &m;
                s.spawn(move || {
                    for i in 0..200 {
                        m.message(&format!("desk {desk}, message {i}"));
                    }
                });
            }
        });
        let path = dir.join(m.file());
        let loaded = crate::save::load(&path, &content).unwrap();
        // The file on disk is the newest snapshot: it holds every message.
        assert_eq!(loaded.game.messages.len(), 400);
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "temporary files were left: {left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn both_sides_choose_blind_then_both_get_the_quarter_and_it_is_saved() {
        let dir = scratch("blind");
        let (matches, m, content) = new_match(&dir, Duration::from_secs(300));
        let (us_tx, us_rx) = sync_channel(64);
        let (cn_tx, cn_rx) = sync_channel(64);
        m.sit(Side::Us, "ana", us_tx).unwrap();
        assert!(m.open_for_beijing());
        assert_eq!(matches.find(&m.code.to_lowercase()).unwrap().code, m.code);
        // A third player cannot take a seat that is someone's.
        let (x_tx, _x_rx) = sync_channel(4);
        assert_eq!(
            m.sit(Side::Us, "zed", x_tx).err(),
            Some(SeatError::Taken("ana".into()))
        );
        let sitting = m.sit(Side::China, "ben", cn_tx).unwrap();
        assert_eq!(sitting.players.china.as_deref(), Some("ben"));
        next_notice(&us_rx, "ben has joined as Beijing");
        m.choose(Choice::Us(MoveId::ALL[0]));
        // Washington's choice alone plays nothing.
        assert!(us_rx.try_recv().is_err());
        m.choose(Choice::China(ResponseId::ALL[2]));
        let us_game = next_turn(&us_rx);
        let cn_game = next_turn(&cn_rx);
        assert_eq!(us_game.moves, vec![MoveId::ALL[0]]);
        assert_eq!(us_game.china, vec![Some(ResponseId::ALL[2])]);
        assert_eq!(us_game.checksums, cn_game.checksums);
        let file = m.saves().autosave_file;
        assert!(file.contains("ana-vs-ben"), "{file}");
        let loaded = crate::save::load(&dir.join(&file), &content).unwrap();
        assert_eq!(loaded.game.checksums, us_game.checksums);
        assert_eq!(matches.by_file(&file).unwrap().code, m.code);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_empty_seat_is_played_by_the_doctrine_until_its_player_is_back() {
        let dir = scratch("takeover");
        let (_matches, m, content) = new_match(&dir, Duration::from_millis(200));
        let (us_tx, us_rx) = sync_channel(64);
        let (cn_tx, _cn_rx) = sync_channel(64);
        m.sit(Side::Us, "ana", us_tx).unwrap();
        let ben = m.sit(Side::China, "ben", cn_tx).unwrap();
        m.leave(Side::China, ben.sitting);
        next_notice(&us_rx, "ben has left Beijing's seat");
        // Washington chooses while Beijing is away: nothing yet...
        m.choose(Choice::Us(MoveId::ALL[1]));
        // ...until the wait is over and the doctrine answers.
        next_notice(&us_rx, "doctrine plays it until ben comes back");
        let game = next_turn(&us_rx);
        assert_eq!(
            game.china,
            vec![None],
            "the doctrine's turn records no choice"
        );
        // Back, Ben plays Beijing again, and is seated with the game as it is.
        let (cn_tx, cn_rx) = sync_channel(64);
        let again = m.sit(Side::China, "BEN", cn_tx).unwrap();
        assert_eq!(again.game.moves.len(), 1);
        next_notice(&us_rx, "ben is back and plays Beijing again");
        m.choose(Choice::Us(MoveId::ALL[0]));
        std::thread::sleep(Duration::from_millis(400));
        assert!(
            !cn_rx.try_iter().any(|i| matches!(i, Input::Turn(_))),
            "with Ben back, the doctrine no longer answers for him"
        );
        m.choose(Choice::China(ResponseId::ALL[0]));
        let game = next_turn(&us_rx);
        assert_eq!(game.china, vec![None, Some(ResponseId::ALL[0])]);
        let file = m.saves().autosave_file;
        let loaded = crate::save::load(&dir.join(&file), &content).unwrap();
        assert_eq!(loaded.game.checksums, game.checksums);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_player_back_before_the_wait_keeps_the_seat() {
        let dir = scratch("back");
        let (_matches, m, _content) = new_match(&dir, Duration::from_millis(300));
        let (us_tx, us_rx) = sync_channel(64);
        let (cn_tx, _cn_rx) = sync_channel(64);
        m.sit(Side::Us, "ana", us_tx).unwrap();
        let ben = m.sit(Side::China, "ben", cn_tx).unwrap();
        m.choose(Choice::Us(MoveId::ALL[0]));
        m.leave(Side::China, ben.sitting);
        let (cn_tx, _cn_rx) = sync_channel(64);
        m.sit(Side::China, "ben", cn_tx).unwrap();
        std::thread::sleep(Duration::from_millis(600));
        assert!(
            !us_rx.try_iter().any(|i| matches!(i, Input::Turn(_))),
            "the old timer must not hand Ben's seat to the doctrine"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn codes_are_six_unambiguous_characters() {
        for seed in [0, 1, 42, u64::MAX] {
            let code = make_code(seed);
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        }
        assert_ne!(make_code(1), make_code(2));
    }
}
