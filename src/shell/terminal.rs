//! The terminal shell around the app: raw mode, the alternate screen and
//! mouse capture, one input channel fed by terminal events and signals, and
//! the guarantee that the terminal is restored on quit, Ctrl-C, a panic,
//! SIGTERM and SIGHUP.

use std::io::{self, Stdout, stdout};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// What the event loop waits for.
#[derive(Debug)]
pub enum Input {
    Term(Event),
    /// A signal that ends the program (SIGTERM, SIGHUP, SIGINT).
    Signal(i32),
    /// Reading the terminal failed.
    Failed(io::Error),
    /// News from the decision review running on its own thread.
    Review(crate::play::review::Update),
}

/// Restores the terminal when dropped, however the game ends.
pub struct Session {
    pub terminal: Tui,
    pub inputs: Receiver<Input>,
    /// For work on other threads (the decision review) to report into the
    /// same loop.
    pub sender: Sender<Input>,
    signals: signal_hook::iterator::Handle,
}

impl Session {
    /// Enters the game's terminal mode. Installs the panic hook first, so a
    /// panic anywhere after this restores the terminal before it prints.
    pub fn start() -> io::Result<Session> {
        install_panic_hook();
        let (tx, inputs) = mpsc::channel();
        let signals = spawn_signals(tx.clone())?;
        if let Err(e) = enter() {
            restore();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        spawn_events(tx.clone());
        Ok(Session {
            terminal,
            inputs,
            sender: tx,
            signals,
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.signals.close();
        restore();
    }
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    // Bracketed paste: a paste arrives as one event, not thousands of key
    // presses (crossterm also stalls on long unbracketed bursts).
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(())
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Reads terminal events on their own thread; the loop blocks on the
/// channel, so an idle game uses no CPU.
fn spawn_events(tx: Sender<Input>) {
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(e) => Input::Term(e),
                Err(e) => Input::Failed(e),
            };
            let failed = matches!(input, Input::Failed(_));
            if tx.send(input).is_err() || failed {
                break;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Input>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Input::Signal(signal));
        }
    });
    Ok(handle)
}
