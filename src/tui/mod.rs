//! The interactive game: a ratatui interface on the engine, in The Elm
//! Architecture (`app` is the model and update, `view` draws it, `keys`
//! turns input into messages, `terminal` is the shell), and `plain`, the
//! same game as lines of text. No game rules live here: the engine plays
//! every turn.

pub mod advisor;
pub mod app;
pub mod class;
pub mod describe;
pub mod intel;
pub mod keys;
pub mod message;
pub mod plain;
pub mod preview;
pub mod strings;
pub mod style;
pub mod terminal;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::Arc;

use crate::content::{Content, DEFAULT_SCENARIO};
use crate::engine::Rules;
use crate::engine::rng::derive_seed;

use app::{App, update};
use terminal::{Input, Session};

/// `chokepoints play`'s options (and bare `chokepoints`'s defaults).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct PlayArgs {
    /// The scenario: a name, or a scenario file (.ron).
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Option<String>,
    /// Beijing's doctrine (default: the scenario's).
    #[arg(long, value_name = "NAME")]
    pub doctrine: Option<String>,
    /// The game's seed (default: a fresh one).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Play as lines of text on stdout, reading moves from stdin (screen
    /// readers, scripts).
    #[arg(long)]
    pub plain: bool,
    /// In plain mode, answer every confirmation with yes.
    #[arg(long)]
    pub yes: bool,
    /// Show a line of advice for each move (toggle with `a` in the game).
    #[arg(long)]
    pub advisor: bool,
}

/// The rules for a game: a scenario by name or file, and a doctrine.
pub fn rules_for(mut content: Content, args: &PlayArgs) -> Result<Rules, String> {
    let scenario = match args.scenario.as_deref() {
        None => DEFAULT_SCENARIO.to_string(),
        Some(given) if given.ends_with(".ron") || Path::new(given).is_file() => content
            .load_scenario_file(Path::new(given))
            .map_err(|e| e.to_string())?,
        Some(name) => name.to_string(),
    };
    content.rules(&scenario, args.doctrine.as_deref())
}

/// A fresh seed from the clock and the process id (outside the engine, which
/// never reads either).
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    derive_seed(nanos, u64::from(std::process::id()))
}

/// Plays a game: the terminal interface, or plain text with `--plain`.
pub fn play(content: Content, args: &PlayArgs) -> Result<(), String> {
    let rules = Arc::new(rules_for(content, args)?);
    let seed = args.seed.unwrap_or_else(fresh_seed);
    if args.plain {
        let stdin = io::stdin();
        let stdout = io::stdout();
        return match plain::run(
            &rules,
            seed,
            args.yes,
            args.advisor,
            stdin.lock(),
            stdout.lock(),
        ) {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| e.to_string()),
        };
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(
            "the game needs a terminal; for text on stdout use `chokepoints play --plain`"
                .to_string(),
        );
    }
    let app = App::new(rules, seed)
        .with_theme(style::Theme::from_env())
        .with_advisor(args.advisor);
    run_interactive(app).map_err(|e| e.to_string())
}

/// The event loop: draw, wait for input, update, draw again. It redraws
/// only when input arrives (or the terminal resizes).
fn run_interactive(mut app: App) -> io::Result<()> {
    let mut session = Session::start()?;
    session.terminal.draw(|f| view::view(&app, f))?;
    while app.running {
        let Ok(input) = session.inputs.recv() else {
            break;
        };
        match input {
            Input::Term(event) => {
                let size = session.terminal.size()?;
                let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                let mut next = keys::on_event(&app, &event, area);
                if next.is_none() {
                    continue;
                }
                while let Some(msg) = next {
                    next = update(&mut app, msg);
                }
                if app.running {
                    session.terminal.draw(|f| view::view(&app, f))?;
                }
            }
            Input::Signal(signal) => {
                drop(session);
                std::process::exit(128 + signal);
            }
            Input::Failed(e) => return Err(e),
        }
    }
    Ok(())
}
