//! One player's session, on a thread of its own: the lobby, then the
//! games they open from it, each run by the same shell loop as
//! `chokepoints play` on a terminal at the far end of the connection.
//! The thread blocks on its input channel, so an idle session costs no CPU.

use std::io::{self, Write};
use std::sync::Arc;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};

use ratatui::crossterm::event::Event;

use crate::engine::Game;
use crate::engine::rng::derive_seed;
use crate::play::hot_seat::{Choice, HotSeat, Side};
use crate::save::{self, Players, SaveEntry};
use crate::shell::files::{Files, SeatLink, Visible};
use crate::shell::local::{fresh_seed, game_stamp};
use crate::shell::remote::RemoteBackend;
use crate::shell::{Ended, Input, Surface, run_game};
use crate::strings;
use crate::tui::app::{App, Screen, Status};
use crate::tui::lobby::{self, ClassGame, Lobby, LobbyAction, LobbyScreen};
use crate::tui::saving::Saves;
use crate::tui::style::Theme;

use super::Shared;
use super::access::{Proof, Resume};
use super::matches::{Match, SeatError, Sitting};
use super::sink::FrameSink;

/// Who is at this session's terminal.
#[derive(Clone, Debug)]
pub struct Player {
    pub name: String,
    pub proof: Proof,
    pub theme: Theme,
    /// Which saves the in-game picker shows this player.
    pub visible: Visible,
}

impl Player {
    pub fn new(name: String, proof: Proof, theme: Theme) -> Player {
        // Anyone could type a name signed in by class code: only games
        // proven in this session are theirs to load from inside a game.
        let proven = (!matches!(proof, Proof::Key(_)))
            .then(|| Arc::new(std::sync::Mutex::new(std::collections::HashSet::new())));
        Player {
            visible: Visible {
                player: name.clone(),
                proven,
            },
            name,
            proof,
            theme,
        }
    }
}

/// Why a session ended, for the last line the player reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goodbye {
    /// The player left.
    Left,
    /// The connection went (nobody reads a goodbye).
    Gone,
    /// The server is shutting down.
    Shutdown,
}

/// Runs a player's session to its end, leaving their terminal as it was.
pub fn run(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    player: &Player,
    shared: &Arc<Shared>,
) -> io::Result<Goodbye> {
    framed(surface, |surface| session(surface, player, shared))
}

/// Runs `body` on the game's terminal modes, leaving the terminal as it
/// was (with a last line if the server is shutting down).
pub fn framed(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    body: impl FnOnce(&mut Surface<RemoteBackend<FrameSink>>) -> io::Result<Goodbye>,
) -> io::Result<Goodbye> {
    enter(surface.terminal.backend_mut().sink_mut())?;
    let ended = body(surface);
    let sink = surface.terminal.backend_mut().sink_mut();
    let goodbye = match &ended {
        Ok(g) => g.clone(),
        Err(_) => Goodbye::Gone,
    };
    if goodbye != Goodbye::Gone {
        let _ = leave(sink);
        if goodbye == Goodbye::Shutdown {
            let _ = write!(sink, "{}\r\n", crate::strings::SERVER_SHUTDOWN_BYE);
            let _ = sink.flush();
        }
    }
    ended
}

fn session(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    player: &Player,
    shared: &Arc<Shared>,
) -> io::Result<Goodbye> {
    let class = &shared.class;
    let mut lobby = Lobby::new(
        player.name.clone(),
        ClassGame {
            scenario: class.rules.scenario.name.clone(),
            doctrine: class.rules.doctrine.name.clone(),
            seed: class.seed,
        },
        !matches!(player.proof, Proof::Key(_)),
    )
    .with_theme(player.theme);
    let mut games = 0u64;
    // The match this player created and waits in the lobby for.
    let mut hosting: Option<(Arc<Match>, u64)> = None;
    loop {
        let action = match run_lobby(surface, &mut lobby, hosting.as_ref().map(|(m, _)| m))? {
            Step::Action(action) => action,
            Step::Partner => {
                let Some((m, sitting)) = hosting.take() else {
                    continue;
                };
                // Beijing has sat down: Washington's game begins.
                // Washington sat down when it made the match.
                let sitting = m.current(Side::Us, sitting);
                let ended = play_match(surface, player, shared, &m, Side::Us, sitting)?;
                match back_to_lobby(ended) {
                    None => continue,
                    Some(goodbye) => return Ok(goodbye),
                }
            }
            Step::Ended(ended) => {
                if let Some((m, sitting)) = hosting.take() {
                    shared.matches.cancel(&m, sitting);
                }
                return Ok(goodbye_of(ended));
            }
        };
        let ended = match action {
            LobbyAction::NewGame => {
                let mut app = new_game(player, shared, &mut games);
                run_game(surface, &mut app, &files_for(player, shared, surface))?
            }
            LobbyAction::ListGames => {
                let entries = shared
                    .listing
                    .list(&class.saves_dir, &class.content)
                    .into_iter()
                    .filter(|e| e.info.as_ref().is_ok_and(|i| i.played_by(&player.name)))
                    .collect();
                lobby.show_games(entries);
                continue;
            }
            LobbyAction::OpenGame { entry, code } => {
                match open_game(surface, player, shared, &mut lobby, &entry, code.as_deref())? {
                    Some(ended) => ended,
                    None => continue,
                }
            }
            LobbyAction::CreateMatch => {
                let m = create_match(player, shared, surface.sender());
                match m {
                    Ok((m, sitting)) => {
                        lobby.waiting(m.code.clone());
                        hosting = Some((m, sitting));
                    }
                    Err(e) => lobby.match_failed(e.to_string()),
                }
                continue;
            }
            LobbyAction::CancelMatch => {
                if let Some((m, sitting)) = hosting.take() {
                    shared.matches.cancel(&m, sitting);
                }
                continue;
            }
            LobbyAction::JoinMatch { code } => {
                let Some(m) = shared.matches.find(&code) else {
                    lobby.join_failed(format!("{} {code}", strings::LOBBY_NO_SUCH_MATCH));
                    continue;
                };
                if !m.open_for_beijing() && m.side_of(&player.name) != Some(Side::China) {
                    lobby.join_failed(strings::LOBBY_MATCH_FULL);
                    continue;
                }
                // Taking back a seat this name holds needs the proof that
                // resuming its game needs: a key, or the seat's resume code.
                if m.side_of(&player.name).is_some() && !matches!(player.proof, Proof::Key(_)) {
                    lobby.join_failed(strings::LOBBY_RETAKE_WITH_CODE);
                    continue;
                }
                match m.sit(Side::China, &player.name, surface.sender()) {
                    Ok(sitting) => play_match(surface, player, shared, &m, Side::China, sitting)?,
                    Err(e) => {
                        lobby.join_failed(e.to_string());
                        continue;
                    }
                }
            }
            LobbyAction::Quit => {
                if let Some((m, sitting)) = hosting.take() {
                    shared.matches.cancel(&m, sitting);
                }
                return Ok(Goodbye::Left);
            }
        };
        if let Some(goodbye) = back_to_lobby(ended) {
            return Ok(goodbye);
        }
        lobby.screen = LobbyScreen::Menu;
    }
}

/// A game's end: back to the lobby when the player left it, else the
/// session's end.
fn back_to_lobby(ended: Ended) -> Option<Goodbye> {
    match ended {
        Ended::Quit => None,
        other => Some(goodbye_of(other)),
    }
}

fn goodbye_of(ended: Ended) -> Goodbye {
    match ended {
        Ended::Quit => Goodbye::Left,
        Ended::Closed => Goodbye::Gone,
        Ended::Signal(signal) => goodbye_for(signal),
    }
}

/// What the lobby's loop stopped for.
enum Step {
    Action(LobbyAction),
    /// The partner of the match being hosted has sat down.
    Partner,
    Ended(Ended),
}

/// Runs the lobby until the player asks for something, the partner of a
/// hosted match arrives, or the session ends.
fn run_lobby(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    lobby: &mut Lobby,
    hosting: Option<&Arc<Match>>,
) -> io::Result<Step> {
    if hosting.is_some_and(|m| !m.open_for_beijing()) {
        return Ok(Step::Partner);
    }
    surface.draw(|f| crate::tui::view::lobby::view(lobby, f))?;
    loop {
        let Some(mut batch) = surface.next_batch() else {
            return Ok(Step::Ended(Ended::Closed));
        };
        while let Some(input) = batch.next() {
            let msgs = match input {
                Input::Term(Event::Paste(text)) => lobby::keys::on_paste(lobby, &text),
                Input::Term(event) => lobby::keys::on_event(lobby, &event, surface.area()?)
                    .into_iter()
                    .collect(),
                Input::Notice(text) => {
                    lobby.notice(text);
                    if hosting.is_some_and(|m| !m.open_for_beijing()) {
                        surface.put_back(batch);
                        return Ok(Step::Partner);
                    }
                    Vec::new()
                }
                Input::Signal(signal) => return Ok(Step::Ended(Ended::Signal(signal))),
                Input::Failed(e) => return Err(io::Error::other(e)),
                Input::Review(_)
                | Input::Turn(_)
                | Input::Folder
                | Input::Control(_)
                | Input::Class => Vec::new(),
            };
            for msg in msgs {
                if let Some(action) = lobby::update(lobby, msg) {
                    surface.put_back(batch);
                    return Ok(Step::Action(action));
                }
            }
        }
        surface.draw(|f| crate::tui::view::lobby::view(lobby, f))?;
    }
}

/// Opens a save from "Resume my game": its match, if it is one (taking
/// this player's seat back), else the game alone. None: it could not be
/// opened, and the lobby says why.
fn open_game(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    player: &Player,
    shared: &Arc<Shared>,
    lobby: &mut Lobby,
    entry: &SaveEntry,
    code: Option<&str>,
) -> io::Result<Option<Ended>> {
    let class = &shared.class;
    if !matches!(player.proof, Proof::Key(_)) {
        let typed = code.unwrap_or_default();
        match shared
            .access
            .try_resume(&entry.name, &player.name, typed, std::time::Instant::now())
        {
            Resume::Opened => {}
            Resume::Wrong => {
                // The desk counts them.
                shared.live.changed();
                lobby.open_failed(strings::LOBBY_WRONG_RESUME_CODE);
                return Ok(None);
            }
            Resume::TooSoon => {
                lobby.open_failed(strings::LOBBY_RESUME_TOO_SOON);
                return Ok(None);
            }
        }
    }
    if let Some(m) = shared.matches.by_file(&entry.name) {
        return take_seat(surface, player, shared, lobby, &m);
    }
    let loaded = match save::load(&entry.path, &class.content) {
        Ok(loaded) => loaded,
        Err(e) => {
            lobby.open_failed(e.to_string());
            return Ok(None);
        }
    };
    // Both players named: a served match (a hot-seat save from one
    // keyboard names Beijing only as "Beijing").
    let is_match = loaded.players.us.is_some()
        && loaded
            .players
            .china
            .as_deref()
            .is_some_and(|c| c != strings::CHINA_SIDE);
    if is_match && !loaded.game.is_over() {
        let mut saves = resumed_saves(class, &loaded, &entry.name);
        saves.autosave = false;
        let m = shared.matches.revive(
            loaded.game,
            &loaded.players,
            saves,
            shared.limits.seat_wait,
            fresh_seed(),
        );
        return take_seat(surface, player, shared, lobby, &m);
    }
    let saves = resumed_saves(class, &loaded, &entry.name);
    // The file it goes on autosaving to (a named save's game autosaves to
    // a file of its own), whose code reopens it next time.
    let autosave_file = saves.autosave_file.clone();
    let hot_seat = loaded.hot_seat().then(|| HotSeat::new(&loaded.players));
    let mut app = App::resume(loaded.game)
        .with_theme(player.theme)
        .with_saves(saves)
        .with_advice(Arc::new(class.content.advisor.clone()))
        .with_review(Arc::new(class.content.review.clone()));
    app.hot_seat = hot_seat;
    if !matches!(player.proof, Proof::Key(_)) {
        app.resume_code = Some(shared.access.resume_code(&autosave_file, &player.name));
    }
    app.status = Status::info(format!(
        "{} {}: {} of {} quarters played",
        strings::LOADED,
        entry.name,
        app.game.state.turn,
        app.rules().scenario.horizon
    ));
    player.visible.prove_name(&entry.name);
    let files = files_for(player, shared, surface);
    run_game(surface, &mut app, &files).map(Some)
}

/// Takes this player's seat in a match they play in, and plays it; None:
/// they could not sit, and the lobby says why.
fn take_seat(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    player: &Player,
    shared: &Arc<Shared>,
    lobby: &mut Lobby,
    m: &Arc<Match>,
) -> io::Result<Option<Ended>> {
    let Some(side) = m.side_of(&player.name) else {
        lobby.open_failed(strings::LOBBY_NOT_YOUR_MATCH);
        return Ok(None);
    };
    match m.sit(side, &player.name, surface.sender()) {
        Ok(sitting) => play_match(surface, player, shared, m, side, sitting).map(Some),
        Err(e) => {
            lobby.open_failed(e.to_string());
            Ok(None)
        }
    }
}

/// Save settings for a game reopened from `file`: its players and
/// scenario, autosaving on to the same file when it is an autosave.
fn resumed_saves(class: &super::Class, loaded: &save::Loaded, file: &str) -> Saves {
    let mut saves = Saves::new(
        class.saves_dir.clone(),
        loaded.players.clone(),
        game_stamp(),
        loaded.game.seed,
    );
    saves.embed = loaded.embed;
    saves.autosave_for(loaded.game.seed, Some(file));
    saves
}

/// A new match of the class's game, with this player in Washington's seat.
fn create_match(
    player: &Player,
    shared: &Shared,
    inputs: std::sync::mpsc::SyncSender<Input>,
) -> Result<(Arc<Match>, u64), SeatError> {
    let class = &shared.class;
    let seed = class.seed.unwrap_or_else(fresh_seed);
    let game = Game::new(class.rules.clone(), seed);
    let players = Players {
        us: Some(player.name.clone()),
        china: None,
    };
    let mut saves = fresh_saves(&class.saves_dir, players, seed);
    saves.embed = class.embed;
    saves.autosave = false;
    let m = shared.matches.create(
        game,
        &player.name,
        saves,
        shared.limits.seat_wait,
        fresh_seed(),
    );
    let sitting = m.sit(Side::Us, &player.name, inputs)?;
    Ok((m, sitting.sitting))
}

/// Plays one side of a match until the player leaves it (their seat then
/// waits for them, and the script takes it after a while).
fn play_match(
    surface: &mut Surface<RemoteBackend<FrameSink>>,
    player: &Player,
    shared: &Arc<Shared>,
    m: &Arc<Match>,
    side: Side,
    sitting: Sitting,
) -> io::Result<Ended> {
    let class = &shared.class;
    let mut hot_seat = HotSeat::seat(&sitting.players, side);
    hot_seat.briefed = sitting.game.state.turn > 0;
    let fresh = sitting.game.moves.is_empty();
    let mut app = if fresh {
        App::new(sitting.game.rules.clone(), sitting.game.seed)
    } else {
        App::resume(sitting.game.clone())
    };
    let mut saves = m.saves();
    saves.autosave = false;
    app = app
        .with_theme(player.theme)
        .with_saves(saves)
        .with_advice(Arc::new(class.content.advisor.clone()))
        .with_review(Arc::new(class.content.review.clone()));
    match sitting.chosen {
        Some(Choice::Us(mv)) => hot_seat.pending = Some(mv),
        Some(Choice::China(r)) => hot_seat.selected = r.index(),
        None => {}
    }
    app.hot_seat = Some(hot_seat);
    if !app.game.is_over() {
        app.screen = match (side, fresh, sitting.chosen.is_some()) {
            (_, _, true) => Screen::Waiting,
            (Side::Us, true, _) => Screen::Briefing,
            (Side::Us, false, _) => Screen::Dashboard,
            (Side::China, true, _) => Screen::ChinaBriefing,
            (Side::China, false, _) => Screen::ChinaTurn,
        };
    }
    let code = match player.proof {
        Proof::Key(_) => None,
        _ => Some(shared.access.resume_code(&sitting.file, &player.name)),
    };
    app.status = Status::info(match &code {
        Some(code) => format!("{} {code}", strings::RESUME_CODE_IS),
        None => strings::MATCH_BEGUN.to_string(),
    });
    app.resume_code = code;
    let seat = m.clone();
    let files = files_for(player, shared, surface)
        .with_reviews(Some(shared.reviews.clone()))
        .with_seat(SeatLink(Arc::new(move |choice| seat.choose(choice))));
    let ended = run_game(surface, &mut app, &files);
    m.leave(side, sitting.sitting);
    ended
}

/// Save settings for a game begun now, autosaving to a file of its own:
/// two games of one player begun in the same second get two files.
fn fresh_saves(dir: &std::path::Path, players: Players, seed: u64) -> Saves {
    let stamp = game_stamp();
    let mut saves = Saves::new(dir.to_path_buf(), players.clone(), stamp.clone(), seed);
    let mut n = 2;
    while saves.path(&saves.autosave_file).exists() && n < 100 {
        saves = Saves::new(
            dir.to_path_buf(),
            players.clone(),
            format!("{stamp}-{n}"),
            seed,
        );
        n += 1;
    }
    saves
}

/// The saves folder as this player may use it from inside a game, with
/// the server's review queue, and the game's line to the class's live
/// state (a game begun while control has the class paused hears so).
fn files_for(
    player: &Player,
    shared: &Shared,
    surface: &Surface<RemoteBackend<FrameSink>>,
) -> Files {
    let inputs = surface.sender();
    shared.live.greet(&inputs);
    Files::new(shared.class.content.clone())
        .with_reviews(Some(shared.reviews.clone()))
        .with_visible(player.visible.clone())
        .with_listing(shared.listing.clone())
        .with_failures(shared.live.save_failures.clone())
        .with_live(shared.live.link(inputs))
}

/// What a signal given to a session means: the server's shutdown, a
/// hang-up, or Ctrl-C.
pub fn goodbye_for(signal: i32) -> Goodbye {
    match signal {
        SIGTERM => Goodbye::Shutdown,
        SIGHUP => Goodbye::Gone,
        _ => Goodbye::Left,
    }
}

pub const SIGHUP: i32 = 1;
pub const SIGINT: i32 = 2;
pub const SIGTERM: i32 = 15;

/// The class's game, fresh, for this player: its own autosave file named
/// with the player, the moment it began and its seed.
fn new_game(player: &Player, shared: &Shared, games: &mut u64) -> App {
    let class = &shared.class;
    *games += 1;
    let seed = match class.seed {
        Some(seed) => seed,
        None => derive_seed(fresh_seed(), *games),
    };
    let players = Players {
        us: Some(player.name.clone()),
        china: None,
    };
    let mut saves = fresh_saves(&class.saves_dir, players, seed);
    saves.embed = class.embed;
    let resume = match player.proof {
        Proof::Key(_) | Proof::Control(_) => None,
        Proof::Code | Proof::Open => Some(
            shared
                .access
                .resume_code(&saves.autosave_file, &player.name),
        ),
    };
    let mut app = App::new(class.rules.clone(), seed)
        .with_theme(player.theme)
        .with_saves(saves)
        .with_advice(Arc::new(class.content.advisor.clone()))
        .with_review(Arc::new(class.content.review.clone()));
    if let Some(code) = resume {
        app.status = Status::info(format!("{} {code}", crate::strings::RESUME_CODE_IS));
        app.resume_code = Some(code);
    }
    app
}

/// The game's terminal modes, as `chokepoints play` sets them locally.
fn enter(sink: &mut FrameSink) -> io::Result<()> {
    execute!(
        sink,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

fn leave(sink: &mut FrameSink) -> io::Result<()> {
    execute!(
        sink,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    )
}
