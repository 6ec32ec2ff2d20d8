//! The `chokepoints` command line: one function per subcommand.
#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use chokepoints::content::{Content, DEFAULT_SCENARIO};
use chokepoints::save::SaveFile;
use chokepoints::sim::{self, Strategy};

/// A turn-based wargame about U.S. export controls on AI chips to China.
#[derive(Parser)]
#[command(name = "chokepoints", version, about, long_about = None)]
struct Cli {
    /// A folder of content files (same layout as assets/) that add to or
    /// override the built-in scenarios, doctrines, events and tables.
    #[arg(long, global = true, value_name = "DIR")]
    assets: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Play a game in the terminal (the default), or as plain text.
    Play(chokepoints::tui::PlayArgs),
    /// Play many games headless with strategy bots and print a summary table.
    Sim(SimArgs),
    /// Replay a saved game turn by turn (read-only; a text log when not in a
    /// terminal); with --verify, re-simulate it and compare every turn's
    /// checksum.
    Replay(ReplayArgs),
}

#[derive(clap::Args)]
struct ReplayArgs {
    /// The save file.
    file: PathBuf,
    /// Re-simulate headless and compare checksums: prints `verified N turns`
    /// and exits 0, or the first turn that diverges and exits 1.
    #[arg(long)]
    verify: bool,
}

#[derive(clap::Args)]
struct SimArgs {
    /// Games per strategy × doctrine.
    #[arg(long, default_value_t = 1000)]
    games: u64,
    /// A strategy bot (`always-<move>`, `random`, `adaptive`, `hawk`), or
    /// `all`. Repeatable.
    #[arg(long = "strategy", value_name = "NAME", default_value = "all")]
    strategies: Vec<String>,
    /// A doctrine for Beijing, or `all`. Repeatable.
    #[arg(long = "doctrine", value_name = "NAME", default_value = "all")]
    doctrines: Vec<String>,
    /// Base seed; game i uses a seed derived from it and i.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Override the scenario's number of turns.
    #[arg(long)]
    turns: Option<u32>,
    /// The scenario to play.
    #[arg(long, default_value = DEFAULT_SCENARIO)]
    scenario: String,
    /// Print the rows as a JSON array instead of a table.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Sim(args)) => run_sim(&cli, args),
        Some(Command::Replay(args)) => run_replay(&cli, args),
        Some(Command::Play(args)) => run_play(&cli, args),
        None => run_play(&cli, &chokepoints::tui::PlayArgs::default()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("chokepoints: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Check(message)) => {
            println!("{message}");
            ExitCode::from(1)
        }
    }
}

/// Why a command failed: bad input (exit 2), or a check that did not pass
/// (exit 1).
enum Failure {
    Usage(String),
    Check(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Usage(message)
    }
}

fn run_replay(cli: &Cli, args: &ReplayArgs) -> Result<(), Failure> {
    let content = load_content(cli)?;
    let save = SaveFile::read(&args.file).map_err(|e| e.to_string())?;
    let (game, divergence) = save
        .rebuild(&args.file, &content)
        .map_err(|e| e.to_string())?;
    if args.verify {
        return match divergence {
            None => {
                println!("verified {} turns", save.turns.len());
                Ok(())
            }
            Some(d) => Err(Failure::Check(format!("{}: {d}", args.file.display()))),
        };
    }
    if let Some(d) = divergence {
        return Err(Failure::Usage(format!("{}: {d}", args.file.display())));
    }
    if chokepoints::tui::is_interactive() {
        let name = args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Ok(chokepoints::tui::view_replay(&game, name)?);
    }
    // Not a terminal: the game as a text log, for files and pipes.
    print!("{}", chokepoints::text::game_log(&game));
    Ok(())
}

fn run_play(cli: &Cli, args: &chokepoints::tui::PlayArgs) -> Result<(), Failure> {
    Ok(chokepoints::tui::play(load_content(cli)?, args)?)
}

fn load_content(cli: &Cli) -> Result<Content, String> {
    match &cli.assets {
        Some(dir) => Content::with_overrides(dir),
        None => Content::builtin(),
    }
    .map_err(|e| e.to_string())
}

/// Expands a repeatable option that may say `all`.
fn expand(given: &[String], all: Vec<String>) -> Vec<String> {
    if given.iter().any(|g| g == "all") {
        all
    } else {
        let mut out: Vec<String> = Vec::new();
        for g in given {
            if !out.contains(g) {
                out.push(g.clone());
            }
        }
        out
    }
}

/// The most games one simulator cell may play: about an hour of CPU.
const MAX_SIM_GAMES: u64 = 1_000_000_000;

fn run_sim(cli: &Cli, args: &SimArgs) -> Result<(), Failure> {
    let content = load_content(cli)?;
    if !(1..=MAX_SIM_GAMES).contains(&args.games) {
        return Err(Failure::Usage(format!(
            "--games must be between 1 and {MAX_SIM_GAMES}"
        )));
    }
    if let Some(turns) = args.turns
        && !(1..=200).contains(&turns)
    {
        return Err(Failure::Usage(
            "--turns must be between 1 and 200".to_string(),
        ));
    }
    let strategies = expand(
        &args.strategies,
        Strategy::all().iter().map(|s| s.to_string()).collect(),
    )
    .iter()
    .map(|s| s.parse::<Strategy>())
    .collect::<Result<Vec<_>, _>>()?;
    let doctrines = expand(
        &args.doctrines,
        content
            .doctrine_ids()
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    let mut cells = Vec::new();
    for doctrine in &doctrines {
        let mut rules = content.rules(&args.scenario, Some(doctrine))?;
        if let Some(turns) = args.turns {
            rules.scenario.horizon = turns;
        }
        for strategy in &strategies {
            cells.push((rules.clone(), *strategy));
        }
    }
    let show_progress = std::io::stderr().is_terminal();
    let total = cells.len() as u64 * args.games;
    let mut rows = Vec::new();
    for (index, (rules, strategy)) in cells.iter().enumerate() {
        let before = index as u64 * args.games;
        let progress = |done: u64| {
            if show_progress {
                let mut err = std::io::stderr().lock();
                let _ = write!(
                    err,
                    "\r{:>3}% {} games ({strategy} vs {})   ",
                    (before + done) * 100 / total,
                    before + done,
                    rules.doctrine.id
                );
                let _ = err.flush();
            }
        };
        rows.push(sim::run_cell(
            rules, *strategy, args.games, args.seed, &progress,
        ));
    }
    if show_progress {
        eprint!("\r{:60}\r", "");
    }
    if args.json {
        let json = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        println!("{json}");
    } else {
        print!("{}", sim::table(&rows));
    }
    Ok(())
}
