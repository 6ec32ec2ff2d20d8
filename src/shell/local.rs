//! The local front ends: what `chokepoints play`, `replay` and `class` do
//! on this machine's terminal. Here, and only here, the game reads the
//! process's environment (the saves folder, `NO_COLOR`), the clock (fresh
//! seeds, autosave names) and standard input and output; the apps get what
//! they need passed in.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::console::{ClassArgs, Console};
use crate::content::{Content, ContentError, DEFAULT_SCENARIO, RulesError};
use crate::engine::rng::derive_seed;
use crate::engine::{Game, Rules};
use crate::play::hot_seat::HotSeat;
use crate::save::{self, Players, SaveError, SaveFile};
use crate::strings;
use crate::tui::app::App;
use crate::tui::saving::Saves;
use crate::tui::style::Theme;

use super::files::Files;
use super::terminal::Local;
use super::{Ended, watch};

/// The environment variable naming the saves folder.
pub const SAVES_ENV: &str = "CHOKEPOINTS_SAVES";

/// `chokepoints play`'s options (and bare `chokepoints`'s defaults).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct PlayArgs {
    /// The scenario: a name, or a scenario file (.ron).
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Option<String>,
    /// Beijing's doctrine (default: the scenario's).
    #[arg(long, value_name = "NAME")]
    pub doctrine: Option<String>,
    /// Hide Beijing's doctrine from Washington, who must read it from
    /// Beijing's answers (without --doctrine, the seed draws one).
    #[arg(long, conflicts_with_all = ["load", "resume"])]
    pub hidden_doctrine: bool,
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
    /// Resume a saved game (its scenario, doctrine and seed come from the
    /// save).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["scenario", "doctrine", "seed"])]
    pub load: Option<PathBuf>,
    /// Resume the most recent unfinished game in the saves folder.
    #[arg(long = "continue", conflicts_with_all = ["load", "scenario", "doctrine", "seed"])]
    pub resume: bool,
    /// In plain mode, write the game to FILE when it ends or input ends.
    #[arg(long, value_name = "FILE", requires = "plain")]
    pub save: Option<PathBuf>,
    /// The folder for saves and the autosave (default: $CHOKEPOINTS_SAVES,
    /// else saves/).
    #[arg(long, value_name = "DIR")]
    pub saves_dir: Option<PathBuf>,
    /// Do not autosave after every turn (each game autosaves to its own
    /// file, `autosave-PLAYERS-STARTED-sSEED.ron`).
    #[arg(long)]
    pub no_autosave: bool,
    /// Who plays Beijing: its scripted doctrine, or `human` for a second
    /// player at the same keyboard (hot-seat).
    #[arg(long, value_enum, default_value = "doctrine")]
    pub china: ChinaPlayer,
    /// Name or team label for Washington, recorded in saves.
    #[arg(long, value_name = "NAME")]
    pub us_name: Option<String>,
    /// Name or team label for Beijing, recorded in saves.
    #[arg(long, value_name = "NAME")]
    pub china_name: Option<String>,
    /// Show a line of advice for each move (toggle with `a` in the game).
    #[arg(long)]
    pub advisor: bool,
}

/// Who plays Beijing.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChinaPlayer {
    /// The scenario's (or --doctrine's) scripted doctrine.
    #[default]
    Doctrine,
    /// A second player at the same keyboard.
    Human,
}

impl PlayArgs {
    /// The players' labels as given; in a hot-seat game Beijing always has
    /// one, so its saves say a human played it.
    fn players(&self) -> Players {
        let human = self.china == ChinaPlayer::Human;
        Players {
            us: self.us_name.clone(),
            china: self
                .china_name
                .clone()
                .or_else(|| human.then(|| strings::CHINA_SIDE.to_string())),
        }
    }
}

/// The rules for a game: a scenario by name or file, and a doctrine.
pub fn rules_for(mut content: Content, args: &PlayArgs) -> Result<Rules, LocalError> {
    let scenario = match (scenario_file(args), args.scenario.as_deref()) {
        (Some(file), _) => content.load_scenario_file(file)?,
        (None, Some(name)) => name.to_string(),
        (None, None) => DEFAULT_SCENARIO.to_string(),
    };
    Ok(content.rules(&scenario, args.doctrine.as_deref())?)
}

/// The rules for a game whose doctrine Washington is not told: the one
/// asked for, else one the seed draws from every doctrine.
pub fn hidden_rules(content: &Content, args: &PlayArgs, seed: u64) -> Result<Rules, LocalError> {
    let rules =
        rules_for(Content::clone(content), args)?.hiding_doctrine(content.doctrines().to_vec());
    Ok(match args.doctrine {
        Some(_) => rules,
        None => rules.drawing_doctrine(seed),
    })
}

/// A fresh seed from the clock and the process id (outside the engine, which
/// never reads either).
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    derive_seed(nanos, u64::from(std::process::id()))
}

/// When this session began, in UTC, for autosave names: `20261129-2030`.
/// (The clock is read here, in the shell, never in the app.)
pub fn session_stamp() -> String {
    let (date, secs) = clock();
    format!("{date}-{:02}{:02}", secs / 3600, secs % 3600 / 60)
}

/// When a served game began, to the second (`20261129-203015`): many
/// players start games on one server, often in the same minute.
pub fn game_stamp() -> String {
    let (date, secs) = clock();
    format!(
        "{date}-{:02}{:02}{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Today's date (`20261129`) and the seconds since midnight, in UTC.
fn clock() -> (String, u64) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    (format!("{y:04}{m:02}{d:02}"), rest)
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The scenario file `--scenario` names, when it names a file rather than
/// a built-in scenario (a file's scenario is embedded in saves).
pub fn scenario_file(args: &PlayArgs) -> Option<&Path> {
    args.scenario
        .as_deref()
        .filter(|given| given.ends_with(".ron") || Path::new(given).is_file())
        .map(Path::new)
}

/// The saves folder: `--saves-dir`, else `$CHOKEPOINTS_SAVES`, else `saves/`.
pub fn saves_dir(option: Option<&Path>) -> PathBuf {
    save::saves_dir(option, std::env::var(SAVES_ENV).ok().as_deref())
}

/// Why a local front end stopped without finishing normally.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    /// A save could not be read, replayed or written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The scenario file asked for does not load.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// No scenario or doctrine has the name asked for.
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error("no unfinished game to continue in {}", .0.display())]
    NothingToContinue(PathBuf),
    #[error("{}: not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: cannot watch the folder: {reason}", .folder.display())]
    Watch { folder: PathBuf, reason: String },
    /// Standard input or output is not a terminal; says what to run instead.
    #[error("{0} needs a terminal; {1}")]
    NeedsTerminal(&'static str, &'static str),
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A signal asked the program to stop (the terminal is restored by
    /// then); the program should exit with 128 + the signal.
    #[error("stopped by signal {0}")]
    Signal(i32),
}

impl LocalError {
    /// The exit status for this error: 128 + the signal, or 2.
    pub fn exit_code(&self) -> u8 {
        match self {
            LocalError::Signal(signal) => u8::try_from(128 + signal).unwrap_or(255),
            _ => 2,
        }
    }
}

/// The colour choice from the environment (`NO_COLOR`).
fn theme() -> Theme {
    Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
}

/// Plays a game: the terminal interface, or plain text with `--plain`;
/// a new game, or a saved one with `--load` or `--continue`.
pub fn play(content: Content, args: &PlayArgs) -> Result<(), LocalError> {
    let content = Arc::new(content);
    let dir = saves_dir(args.saves_dir.as_deref());
    let load = if args.resume {
        let latest = save::folder::latest_unfinished(&dir, &content)
            .ok_or_else(|| LocalError::NothingToContinue(dir.clone()))?;
        Some(latest.path)
    } else {
        args.load.clone()
    };
    let (mut game, embed, resumed, players) = match &load {
        Some(path) => {
            let loaded = save::load(path, &content)?;
            let mut players = loaded.players.clone();
            if loaded.hot_seat() && players.china.is_none() {
                players.china = Some(strings::CHINA_SIDE.to_string());
            }
            players.us = args.us_name.clone().or(players.us);
            players.china = args.china_name.clone().or(players.china);
            if args.china == ChinaPlayer::Human && players.china.is_none() {
                players.china = Some(strings::CHINA_SIDE.to_string());
            }
            (loaded.game, loaded.embed, true, players)
        }
        None => {
            let seed = args.seed.unwrap_or_else(fresh_seed);
            let rules = if args.hidden_doctrine {
                hidden_rules(&content, args, seed)?
            } else {
                rules_for(Content::clone(&content), args)?
            };
            (
                Game::new(Arc::new(rules), seed),
                scenario_file(args).is_some(),
                false,
                args.players(),
            )
        }
    };
    // A human plays Beijing when asked to, or when the save says one did.
    let hot_seat = players.china.is_some().then(|| HotSeat::new(&players));
    if args.plain {
        let stdin = io::stdin();
        let stdout = io::stdout();
        let options = crate::plain::Options {
            yes: args.yes,
            hot_seat: hot_seat.clone(),
            advisor: args.advisor,
            review: Some(content.review.clone()),
            advice: Some(content.advisor.clone()),
        };
        let played = crate::plain::run_with(&mut game, &options, stdin.lock(), stdout.lock());
        // The save is written however the game ended, even if stdout closed.
        if let Some(path) = &args.save {
            SaveFile::from_game(&game, players.clone(), embed).write(path)?;
        }
        return match played {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        };
    }
    need_terminal(
        "the game",
        "for text on stdout use `chokepoints play --plain`",
    )?;
    let review_rules = Arc::new(content.review.clone());
    let files = Files::new(content);
    let mut saves = Saves::new(dir, players, session_stamp(), game.seed);
    saves.embed = embed;
    saves.autosave = !args.no_autosave;
    // A resumed game goes on autosaving to its own file.
    let resumed_from = load
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    saves.autosave_for(game.seed, resumed_from.as_deref());
    let mut app = if resumed {
        App::resume(game)
    } else {
        App::new(game.rules.clone(), game.seed)
    };
    app.hot_seat = hot_seat;
    let mut app = app
        .with_theme(theme())
        .with_saves(saves)
        .with_advisor(args.advisor)
        .with_advice(Arc::new(files.content.advisor.clone()))
        .with_review(review_rules);
    let (local, mut surface) = Local::start()?;
    let ended = super::run_game(&mut surface, &mut app, &files);
    drop(local);
    finish(ended)
}

/// The replay viewer over a rebuilt game, read-only, from turn 0, with its
/// decision review.
pub fn view_replay(game: &Game, name: String, content: Arc<Content>) -> Result<(), LocalError> {
    need_terminal(
        "the replay viewer",
        "for a text log use `chokepoints replay FILE > log.txt`",
    )?;
    let mut app = App::replay(game, name)
        .with_theme(theme())
        .with_review(Arc::new(content.review.clone()));
    let (local, mut surface) = Local::start()?;
    let ended = super::run_game(&mut surface, &mut app, &Files::new(content));
    drop(local);
    finish(ended)
}

/// Runs the facilitator console on `args.dir` until the facilitator quits.
pub fn class(content: Content, args: &ClassArgs) -> Result<(), LocalError> {
    if !args.dir.is_dir() {
        return Err(LocalError::NotAFolder(args.dir.clone()));
    }
    need_terminal(
        "the class console",
        "for a summary on stdout use `chokepoints report --format md FILES`",
    )?;
    let content = Arc::new(content);
    let mut console = Console::new(args.dir.clone(), content.clone()).with_theme(theme());
    let (local, mut surface) = Local::start()?;
    // Kept alive for the whole loop: dropping it stops the watching.
    let watcher = watch::watch(&args.dir, surface.sender()).map_err(|e| LocalError::Watch {
        folder: args.dir.clone(),
        reason: e.to_string(),
    })?;
    let ended = super::run_console(&mut surface, &mut console, &Files::new(content));
    drop(watcher);
    drop(local);
    finish(ended)
}

/// A loop's end as the program's result (the terminal already restored).
fn finish(ended: io::Result<Ended>) -> Result<(), LocalError> {
    match ended? {
        Ended::Quit | Ended::Closed => Ok(()),
        Ended::Signal(signal) => Err(LocalError::Signal(signal)),
    }
}

/// Whether both ends are terminals (the interactive front ends need one).
pub fn is_interactive() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

fn need_terminal(what: &'static str, instead: &'static str) -> Result<(), LocalError> {
    if is_interactive() {
        Ok(())
    } else {
        Err(LocalError::NeedsTerminal(what, instead))
    }
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_786), (2026, 11, 29));
    }
}
