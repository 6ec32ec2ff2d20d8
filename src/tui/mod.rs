//! The interactive game: a ratatui interface on the engine, in The Elm
//! Architecture (`app` is the model and update, `view` draws it, `keys`
//! turns input into messages, `terminal` is the shell), and `plain`, the
//! same game as lines of text. No game rules live here: the engine plays
//! every turn.

pub mod app;
pub mod bindings;
pub mod effect;
pub mod keys;
pub mod message;
pub mod saving;
pub mod style;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::{Content, DEFAULT_SCENARIO};
use crate::engine::rng::derive_seed;
use crate::engine::{Game, Rules};
use crate::save::{self, Players, SaveFile};

use crate::play::hot_seat::HotSeat;
use crate::shell::{files, terminal};
use crate::strings;
use app::{App, init, reply, update};
use ratatui::crossterm::event::Event;
use saving::Saves;
use terminal::{Input, Session};

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
pub fn rules_for(mut content: Content, args: &PlayArgs) -> Result<Rules, String> {
    let scenario = match args.scenario.as_deref() {
        None => DEFAULT_SCENARIO.to_string(),
        Some(given) if given.ends_with(".ron") || Path::new(given).is_file() => content
            .load_scenario_file(Path::new(given))
            .map_err(|e| e.to_string())?,
        Some(name) => name.to_string(),
    };
    content
        .rules(&scenario, args.doctrine.as_deref())
        .map_err(|e| e.to_string())
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
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60
    )
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

/// Whether the scenario comes from a file (and so is embedded in saves).
fn scenario_from_file(args: &PlayArgs) -> bool {
    args.scenario
        .as_deref()
        .is_some_and(|given| given.ends_with(".ron") || Path::new(given).is_file())
}

/// The saves folder: `--saves-dir`, else `$CHOKEPOINTS_SAVES`, else `saves/`.
pub fn saves_dir(option: Option<&Path>) -> PathBuf {
    save::saves_dir(option, std::env::var(SAVES_ENV).ok().as_deref())
}

/// Plays a game: the terminal interface, or plain text with `--plain`;
/// a new game, or a saved one with `--load`.
pub fn play(content: Content, args: &PlayArgs) -> Result<(), String> {
    let content = Arc::new(content);
    let dir = saves_dir(args.saves_dir.as_deref());
    let load = if args.resume {
        let latest = crate::save::folder::latest_unfinished(&dir)
            .ok_or_else(|| format!("no unfinished game to continue in {}", dir.display()))?;
        Some(latest.path)
    } else {
        args.load.clone()
    };
    let (mut game, embed, resumed, players) = match &load {
        Some(path) => {
            let loaded = crate::save::load(path, &content).map_err(|e| e.to_string())?;
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
            let rules = Arc::new(rules_for(Content::clone(&content), args)?);
            let seed = args.seed.unwrap_or_else(fresh_seed);
            (
                Game::new(rules, seed),
                scenario_from_file(args),
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
            SaveFile::from_game(&game, players.clone(), embed)
                .write(path)
                .map_err(|e| e.to_string())?;
        }
        return match played {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| e.to_string()),
        };
    }
    need_terminal("play --plain")?;
    let review_rules = Arc::new(content.review.clone());
    let files = files::Files::new(content);
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
    let app = app
        .with_theme(style::Theme::for_no_color(
            std::env::var_os("NO_COLOR").as_deref(),
        ))
        .with_saves(saves)
        .with_advisor(args.advisor)
        .with_advice(Arc::new(files.content.advisor.clone()))
        .with_review(review_rules);
    run_interactive(app, &files).map_err(|e| e.to_string())
}

/// The replay viewer over a rebuilt game, read-only, from turn 0, with its
/// decision review.
pub fn view_replay(game: &Game, name: String, content: Arc<Content>) -> Result<(), String> {
    need_terminal("replay FILE > log.txt")?;
    let app = App::replay(game, name)
        .with_theme(style::Theme::for_no_color(
            std::env::var_os("NO_COLOR").as_deref(),
        ))
        .with_review(Arc::new(content.review.clone()));
    run_interactive(app, &files::Files::new(content)).map_err(|e| e.to_string())
}

/// Whether both ends are terminals (the interactive game needs one).
pub fn is_interactive() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

fn need_terminal(instead: &str) -> Result<(), String> {
    if is_interactive() {
        Ok(())
    } else {
        Err(format!(
            "the game needs a terminal; for text on stdout use `chokepoints {instead}`"
        ))
    }
}

/// The event loop: draw, wait for input, update, draw again. It redraws
/// only when input arrives (or the terminal resizes), and once for all the
/// input already waiting, so a huge paste costs one frame, not thousands.
fn run_interactive(mut app: App, files: &files::Files) -> io::Result<()> {
    let mut session = Session::start()?;
    let effects = init(&mut app);
    carry_out(&mut app, effects, files, &session);
    session.terminal.draw(|f| view::view(&app, f))?;
    while app.running {
        let Ok(first) = session.inputs.recv() else {
            break;
        };
        let mut input = Some(first);
        let mut changed = false;
        while let Some(next) = input.take() {
            match next {
                Input::Term(event) => {
                    let size = session.terminal.size()?;
                    let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                    let msgs = match &event {
                        Event::Paste(text) => keys::on_paste(&app, text),
                        _ => keys::on_event(&app, &event, area).into_iter().collect(),
                    };
                    for msg in msgs {
                        changed = true;
                        let effects = update(&mut app, msg);
                        carry_out(&mut app, effects, files, &session);
                    }
                }
                Input::Signal(signal) => {
                    drop(session);
                    std::process::exit(128 + signal);
                }
                Input::Failed(e) => return Err(e),
                Input::Review(news) => {
                    let effects = reply(&mut app, effect::Reply::Review(news));
                    carry_out(&mut app, effects, files, &session);
                    changed = true;
                }
            }
            if !app.running {
                break;
            }
            input = session.inputs.try_recv().ok();
        }
        if changed && app.running {
            session.terminal.draw(|f| view::view(&app, f))?;
        }
    }
    Ok(())
}

/// Carries out the app's effects: files now, the decision review on a
/// thread of its own that reports into the input loop (which redraws as
/// news arrives).
fn carry_out(app: &mut App, effects: Vec<effect::Effect>, files: &files::Files, session: &Session) {
    files::settle(app, effects, files, &mut |job| {
        let tx = session.sender.clone();
        std::thread::spawn(move || {
            job.run(|news| {
                // The loop may have ended: nobody is listening, which is fine.
                let _ = tx.send(Input::Review(news));
            })
        });
    });
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
