//! The local terminal: raw mode, the alternate screen, mouse capture and
//! bracketed paste; a surface whose input is fed by the terminal's events
//! and by signals; and the guarantee that the terminal is restored on quit,
//! Ctrl-C, a panic, SIGTERM and SIGHUP.

use std::io::{self, Stdout, stdout};
use std::sync::mpsc::SyncSender;
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::{Input, Surface};

/// The local terminal's backend.
pub type LocalBackend = CrosstermBackend<Stdout>;

/// The local terminal in the game's mode. Dropping it puts the terminal
/// back and stops listening for signals, however the program ends.
pub struct Local {
    signals: signal_hook::iterator::Handle,
}

impl Local {
    /// Enters the game's terminal mode and returns a surface whose input
    /// is the terminal's events and the signals that end the program.
    /// Installs the panic hook first, so a panic anywhere after this
    /// restores the terminal before it prints.
    pub fn start() -> io::Result<(Local, Surface<LocalBackend>)> {
        install_panic_hook();
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        let surface = Surface::new(terminal);
        let signals = spawn_signals(surface.sender())?;
        let local = Local { signals };
        // From here on, dropping `local` restores whatever was entered.
        enter()?;
        spawn_events(surface.sender());
        Ok((local, surface))
    }
}

impl Drop for Local {
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
fn spawn_events(tx: SyncSender<Input>) {
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(e) => Input::Term(e),
                Err(e) => Input::Failed(format!("cannot read the terminal: {e}")),
            };
            let failed = matches!(input, Input::Failed(_));
            if tx.send(input).is_err() || failed {
                break;
            }
        }
    });
}

fn spawn_signals(tx: SyncSender<Input>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Input::Signal(signal));
        }
    });
    Ok(handle)
}
