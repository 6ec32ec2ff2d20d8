//! The class console's shell: one channel fed by the terminal, the folder
//! watcher and signals; a loop that blocks on it, updates and redraws; and
//! the replay viewer run as a child process with the terminal handed over.

use std::io::{self, IsTerminal, stdout};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::watch::{self, Input};
use super::{ClassArgs, Console, Effect, Msg, update, view};
use crate::shell::terminal;
use crate::tui::style::Theme;

/// Runs the console on `args.dir` until the facilitator quits.
pub fn run(args: &ClassArgs) -> Result<(), String> {
    if !args.dir.is_dir() {
        return Err(format!("{}: not a folder", args.dir.display()));
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err("the class console needs a terminal; for a summary on stdout use `chokepoints report --format md FILES`".to_string());
    }
    let console = Console::new(args.dir.clone())
        .with_theme(Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref()));
    let (tx, rx) = mpsc::channel();
    // Kept alive for the whole loop: dropping it stops the watching.
    let _watcher = watch::watch(&args.dir, tx.clone())
        .map_err(|e| format!("{}: cannot watch the folder: {e}", args.dir.display()))?;
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT]).map_err(|e| e.to_string())?;
    let signal_handle = signals.handle();
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = signal_tx.send(Input::Signal(signal));
        }
    });
    let terminal = ratatui::try_init().map_err(|e| {
        terminal::restore();
        e.to_string()
    })?;
    let result = event_loop(console, terminal, tx, rx);
    signal_handle.close();
    terminal::restore();
    result.map_err(|e| e.to_string())
}

/// Reads terminal events one at a time: after each, it waits until the loop
/// says to go on, so that while the replay viewer has the terminal this
/// thread is not reading (and stealing) its keys.
fn spawn_terminal_reader(tx: Sender<Input>) -> SyncSender<()> {
    let (resume_tx, resume_rx) = mpsc::sync_channel::<()>(1);
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(e) => Input::Term(e),
                Err(e) => Input::Failed(e.to_string()),
            };
            let failed = matches!(input, Input::Failed(_));
            if failed || tx.send(input).is_err() || resume_rx.recv().is_err() {
                break;
            }
        }
    });
    resume_tx
}

fn event_loop(
    mut console: Console,
    mut term: DefaultTerminal,
    tx: Sender<Input>,
    rx: Receiver<Input>,
) -> io::Result<()> {
    let resume = spawn_terminal_reader(tx);
    term.draw(|f| view::view(&console, f))?;
    // An input read while draining a burst of file events, handled next.
    let mut pending: Option<Input> = None;
    while console.running {
        // Blocks: an idle console wakes only for a key, a save or a signal.
        let input = match pending.take() {
            Some(input) => input,
            None => match rx.recv() {
                Ok(input) => input,
                Err(_) => break,
            },
        };
        let msg = match input {
            Input::Term(e) => {
                let msg = on_event(&console, &e);
                if let Some(msg) = msg {
                    // The reader stays paused until the message (and any
                    // replay it opens) is done, so the child gets the keys.
                    step(&mut console, msg, &mut term)?;
                }
                let _ = resume.send(());
                continue;
            }
            Input::Files => {
                // A save is written in a burst of events: read the folder once.
                loop {
                    match rx.try_recv() {
                        Ok(Input::Files) => {}
                        Ok(other) => {
                            pending = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                Some(Msg::FilesChanged)
            }
            Input::Failed(e) => {
                console.status = Some(e);
                Some(Msg::Redraw)
            }
            Input::Signal(signal) => {
                terminal::restore();
                std::process::exit(128 + signal);
            }
        };
        if let Some(msg) = msg {
            step(&mut console, msg, &mut term)?;
        }
    }
    Ok(())
}

/// Updates, carries out the effect the update asks for, and redraws.
fn step(console: &mut Console, msg: Msg, term: &mut DefaultTerminal) -> io::Result<()> {
    if let Some(Effect::OpenReplay(path)) = update(console, msg) {
        console.status = open_replay(&path, term)?;
    }
    if console.running {
        term.draw(|f| view::view(console, f))?;
    }
    Ok(())
}

/// Hands the terminal to `chokepoints replay FILE` and takes it back. The
/// result is a notice for the footer when the replay did not go well.
fn open_replay(path: &Path, term: &mut DefaultTerminal) -> io::Result<Option<String>> {
    terminal::restore();
    let status =
        std::env::current_exe().and_then(|exe| Command::new(exe).arg("replay").arg(path).status());
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    term.clear()?;
    Ok(match status {
        Ok(s) if s.success() => None,
        Ok(s) => Some(format!(
            "{}: the replay ended with {s}",
            path.file_name().unwrap_or_default().to_string_lossy()
        )),
        Err(e) => Some(format!("cannot start the replay viewer: {e}")),
    })
}

/// Keys to messages.
pub fn on_event(console: &Console, event: &Event) -> Option<Msg> {
    let key = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key,
        Event::Resize(..) => return Some(Msg::Redraw),
        _ => return None,
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c' | 'C')).then_some(Msg::Quit);
    }
    if console.help {
        return match key.code {
            KeyCode::Char('?' | 'q') | KeyCode::Esc | KeyCode::Enter => Some(Msg::ToggleHelp),
            _ => None,
        };
    }
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
        KeyCode::Home => Some(Msg::Home),
        KeyCode::End => Some(Msg::End),
        KeyCode::Enter => Some(Msg::Open),
        KeyCode::Char('r') => Some(Msg::Reload),
        KeyCode::Char('?') => Some(Msg::ToggleHelp),
        KeyCode::Char('q') | KeyCode::Esc => Some(Msg::Quit),
        _ => None,
    }
}
