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

use crate::engine::rng::derive_seed;
use crate::save::Players;
use crate::shell::files::Files;
use crate::shell::local::{fresh_seed, game_stamp};
use crate::shell::remote::RemoteBackend;
use crate::shell::{Ended, Surface, run_game};
use crate::tui::app::{App, Status};
use crate::tui::saving::Saves;
use crate::tui::style::Theme;

use super::Shared;
use super::access::Proof;
use super::sink::FrameSink;

/// Who is at this session's terminal.
#[derive(Clone, Debug)]
pub struct Player {
    pub name: String,
    pub proof: Proof,
    pub theme: Theme,
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
    enter(surface.terminal.backend_mut().sink_mut())?;
    let ended = session(surface, player, shared);
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
    let files = Files::new(shared.class.content.clone());
    let mut games = 0u64;
    let mut app = new_game(player, shared, &mut games);
    match run_game(surface, &mut app, &files)? {
        Ended::Quit => Ok(Goodbye::Left),
        Ended::Closed => Ok(Goodbye::Gone),
        Ended::Signal(signal) => Ok(goodbye_for(signal)),
    }
}

/// What a signal given to a session means: the server's shutdown, a
/// hang-up, or Ctrl-C.
fn goodbye_for(signal: i32) -> Goodbye {
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
    let mut saves = Saves::new(class.saves_dir.clone(), players, game_stamp(), seed);
    saves.embed = class.embed;
    let resume = match player.proof {
        Proof::Key(_) => None,
        Proof::Code | Proof::Open => Some(shared.access.resume_code(&saves.autosave_file)),
    };
    let mut app = App::new(class.rules.clone(), seed)
        .with_theme(player.theme)
        .with_saves(saves)
        .with_advice(Arc::new(class.content.advisor.clone()))
        .with_review(Arc::new(class.content.review.clone()));
    if let Some(code) = resume {
        app.status = Status::info(format!("{} {code}", crate::strings::RESUME_CODE_IS));
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
