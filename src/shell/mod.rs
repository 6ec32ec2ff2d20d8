//! Shells: what runs the front ends' apps against the world. The apps (the
//! terminal game in `tui`, the facilitator console in `console`) are pure
//! models and updates; a shell feeds them input, draws them and carries out
//! the effects they ask for.
//!
//! One shell serves every front end: `run_game` and `run_console` run on
//! any ratatui `Backend`, reading `Input`s from a channel that anything may
//! feed (the local terminal's reader thread, a test's script, a network
//! session). `files` carries out file effects against a saves folder,
//! `watch` turns a folder's changes into input, `decode` turns bytes from
//! a connection into the local terminal's events, `remote` draws on a
//! terminal at the far end of one, `terminal` is the local
//! terminal (crossterm, raw mode, signals, the panic hook) and `local` is
//! what `chokepoints play`, `replay` and `class` do on it.

pub mod decode;
pub mod files;
pub mod local;
pub mod remote;
pub mod serve;
pub mod terminal;
pub mod watch;

use std::collections::VecDeque;
use std::fmt::Display;
use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SyncSender};

use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};

use crate::console::{self, Console};
use crate::play::review;
use crate::save::{SaveError, SaveFile};
use crate::tui::app::{self, App};
use crate::tui::effect::{Effect, Reply};
use crate::tui::{keys, view};
use files::Files;

/// What a shell's loop waits for.
#[derive(Debug)]
pub enum Input {
    /// A key, a click, a paste or a resize, in crossterm's terms (the local
    /// terminal gives them as they are; other sources parse into them).
    Term(Event),
    /// News from a decision review running on its own thread.
    Review(review::Update),
    /// A save in the watched folder appeared, changed or went.
    Folder,
    /// The input source or the watcher failed; the message says how.
    Failed(String),
    /// A signal that ends the program (SIGTERM, SIGHUP, SIGINT); over SSH,
    /// Ctrl-C or the server's shutdown, which end the session.
    Signal(i32),
    /// A line from whoever runs the program (the server shutting down, a
    /// match partner leaving), shown in the status line.
    Notice(String),
    /// A match's quarter, played: the game as it now stands.
    Turn(Box<crate::engine::Game>),
    /// Something the class's control sent into this player's game.
    Control(crate::tui::effect::FromControl),
    /// The class's live state changed (for control's screens, which then
    /// read it: several changes may come as one).
    Class,
}

/// How many inputs may wait for a loop: a source that outruns the loop
/// waits (the local terminal) or drops what does not fit (a connection,
/// which must not grow without bound).
pub const INPUT_QUEUE: usize = 1024;

/// Why a loop stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The player (or facilitator) quit.
    Quit,
    /// A signal asked the program to stop: the caller restores what it must
    /// and exits with 128 + the signal.
    Signal(i32),
    /// Every source of input has gone (a closed connection, a finished
    /// script).
    Closed,
}

/// A screen on some ratatui backend, and the channel its input arrives on.
pub struct Surface<B: Backend> {
    pub terminal: Terminal<B>,
    inputs: Receiver<Input>,
    sender: SyncSender<Input>,
    /// Input taken from the channel but not yet handled: what a loop that
    /// stopped mid-burst (a replay closed, a game opened) leaves for the
    /// next one, in order.
    pending: VecDeque<Input>,
}

impl<B: Backend> Surface<B> {
    pub fn new(terminal: Terminal<B>) -> Surface<B> {
        let (sender, inputs) = mpsc::sync_channel(INPUT_QUEUE);
        Surface {
            terminal,
            inputs,
            sender,
            pending: VecDeque::new(),
        }
    }

    /// Where input for this surface goes: hand a clone to whatever feeds it.
    pub fn sender(&self) -> SyncSender<Input> {
        self.sender.clone()
    }

    /// Waits for input, then takes everything already waiting too, so a
    /// burst (a paste, a held key, a save's file events) costs one frame.
    fn next_batch(&mut self) -> Option<std::vec::IntoIter<Input>> {
        if self.pending.is_empty() {
            let first = self.inputs.recv().ok()?;
            self.pending.push_back(first);
        }
        self.pending.extend(self.inputs.try_iter());
        Some(self.pending.drain(..).collect::<Vec<_>>().into_iter())
    }

    /// Hands back input a loop will not handle, for whatever runs next.
    fn put_back(&mut self, rest: impl Iterator<Item = Input>) {
        let mut rest: VecDeque<Input> = rest.collect();
        rest.append(&mut self.pending);
        self.pending = rest;
    }

    fn area(&self) -> io::Result<Rect> {
        let size = self.terminal.size().map_err(backend_error)?;
        Ok(Rect::new(0, 0, size.width, size.height))
    }

    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        self.terminal.draw(render).map_err(backend_error)?;
        Ok(())
    }
}

/// A backend's own error, as an I/O error (backends differ in their types).
fn backend_error(e: impl Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Runs the terminal game until the player quits, a signal arrives or the
/// input ends. It draws only when something changed, so an idle game
/// sleeps on the channel.
pub fn run_game<B: Backend>(
    surface: &mut Surface<B>,
    app: &mut App,
    files: &Files,
) -> io::Result<Ended> {
    let effects = app::init(app);
    carry_out(app, effects, files, &surface.sender);
    files.seen(app, files::Seen::Changed);
    surface.draw(|f| view::view(app, f))?;
    while app.running {
        let Some(mut batch) = surface.next_batch() else {
            return Ok(Ended::Closed);
        };
        let mut changed = false;
        while let Some(input) = batch.next() {
            match input {
                Input::Term(event) => {
                    let msgs = match &event {
                        Event::Paste(text) => keys::on_paste(app, text),
                        _ => keys::on_event(app, &event, surface.area()?)
                            .into_iter()
                            .collect(),
                    };
                    for msg in msgs {
                        changed = true;
                        let effects = app::update(app, msg);
                        carry_out(app, effects, files, &surface.sender);
                    }
                }
                Input::Review(news) => {
                    changed = true;
                    let effects = app::reply(app, Reply::Review(news));
                    carry_out(app, effects, files, &surface.sender);
                }
                // The game does not watch a folder.
                Input::Folder => {}
                Input::Failed(e) => return Err(io::Error::other(e)),
                Input::Signal(signal) => return Ok(Ended::Signal(signal)),
                Input::Notice(text) => {
                    changed = true;
                    app.status = app::Status::info(text);
                }
                Input::Turn(game) => {
                    changed = true;
                    let effects = app::reply(app, Reply::Turn(game));
                    carry_out(app, effects, files, &surface.sender);
                }
                Input::Control(news) => {
                    changed = true;
                    let effects = app::reply(app, Reply::Control(news));
                    carry_out(app, effects, files, &surface.sender);
                }
                Input::Class => {
                    changed = true;
                    files.seen(app, files::Seen::Class);
                }
            }
            if !app.running {
                // What came after the quit is for whoever runs next (the
                // console the replay was opened from).
                surface.put_back(batch);
                return Ok(Ended::Quit);
            }
        }
        if changed {
            files.seen(app, files::Seen::Changed);
            surface.draw(|f| view::view(app, f))?;
        }
    }
    Ok(Ended::Quit)
}

/// Carries out the game's effects: files now, each decision review on a
/// thread of its own that reports into the same input channel.
fn carry_out(app: &mut App, effects: Vec<Effect>, files: &Files, reports: &SyncSender<Input>) {
    files::settle(app, effects, files, &mut |job| {
        let tx = reports.clone();
        if let Some(runner) = &files.reviews {
            return (runner.0)(job, tx);
        }
        std::thread::spawn(move || {
            job.run(|news| {
                // The game may have been closed: nobody listens, which is fine.
                let _ = tx.send(Input::Review(news));
            })
        });
    });
}

/// Runs the facilitator console until the facilitator quits, a signal
/// arrives or the input ends. A game opened from it runs in the replay
/// viewer on the same surface and input, then hands back to the console.
pub fn run_console<B: Backend>(
    surface: &mut Surface<B>,
    console: &mut Console,
    files: &Files,
) -> io::Result<Ended> {
    surface.draw(|f| console::view::view(console, f))?;
    while console.running {
        let Some(mut batch) = surface.next_batch() else {
            return Ok(Ended::Closed);
        };
        let mut changed = false;
        // A save is written in a burst of events: read the folder once.
        let mut folder_changed = false;
        while let Some(input) = batch.next() {
            let msg = match input {
                Input::Term(event) => console::on_event(console, &event),
                Input::Folder => {
                    folder_changed = true;
                    None
                }
                Input::Failed(e) => {
                    console.status = Some(e);
                    Some(console::Msg::Redraw)
                }
                Input::Signal(signal) => return Ok(Ended::Signal(signal)),
                Input::Notice(text) => {
                    console.status = Some(text);
                    Some(console::Msg::Redraw)
                }
                // News for a replay that has been closed, or for a game.
                Input::Review(_) | Input::Turn(_) | Input::Control(_) | Input::Class => None,
            };
            let Some(msg) = msg else { continue };
            changed = true;
            if let Some(console::Effect::OpenReplay(path)) = console::update(console, msg) {
                match open_replay(&path, files, console.theme) {
                    Ok(mut viewer) => {
                        // The keys after Enter are the viewer's.
                        surface.put_back(batch);
                        match run_game(surface, &mut viewer, files)? {
                            Ended::Quit => {}
                            other => return Ok(other),
                        }
                        // Saves may have come in while the replay was open.
                        // (No clear: the terminal's buffers hold the
                        // replay's last frame, so the next draw replaces
                        // exactly what is on screen.)
                        folder_changed = true;
                        break;
                    }
                    Err(e) => console.status = Some(e.to_string()),
                }
            }
            if !console.running {
                return Ok(Ended::Quit);
            }
        }
        if folder_changed {
            changed = true;
            console::update(console, console::Msg::FilesChanged);
        }
        if changed {
            surface.draw(|f| console::view::view(console, f))?;
        }
    }
    Ok(Ended::Quit)
}

/// The replay viewer on a save, rebuilt and checked turn by turn; or why
/// not, for the console's footer.
fn open_replay(
    path: &std::path::Path,
    files: &Files,
    theme: crate::tui::style::Theme,
) -> Result<App, SaveError> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let save = SaveFile::read(path)?;
    let (game, divergence) = save.rebuild(path, &files.content)?;
    if let Some(d) = divergence {
        return Err(SaveError {
            file: name,
            message: d.to_string(),
            older_rules: false,
        });
    }
    Ok(App::replay(&game, name)
        .with_theme(theme)
        .with_review(Arc::new(files.content.review.clone())))
}
