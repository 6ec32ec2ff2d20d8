//! The `chokepoints` command line: one function per subcommand.
#![forbid(unsafe_code)]

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use chokepoints::content::{Content, ContentError, DEFAULT_SCENARIO, RulesError};
use chokepoints::save::{SaveError, SaveFile};
use chokepoints::sim::{self, Strategy, UnknownStrategy};

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
    Play(chokepoints::shell::local::PlayArgs),
    /// Play many games headless with strategy bots and print a summary table.
    Sim(SimArgs),
    /// Replay a saved game turn by turn (read-only; a text log when not in a
    /// terminal); with --verify, re-simulate it and compare every turn's
    /// checksum.
    Replay(ReplayArgs),
    /// Write a debrief of a saved game (Markdown, CSV or an SVG chart), or a
    /// class summary of several.
    Report(ReportArgs),
    /// List the built-in scenarios and those in --assets.
    Scenarios,
    /// The facilitator console: a live view of every game saved in a folder,
    /// grouped by scenario and seed; Enter replays one.
    Class(chokepoints::console::ClassArgs),
    /// Serve the game over SSH to a class: every student runs
    /// `ssh -p 2222 NAME@HOST`, with nothing to install.
    Serve(chokepoints::shell::serve::ServeArgs),
    /// Validate a scenario, doctrine or other content file; prints every
    /// error with file, line and field, or `ok`.
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct ReportArgs {
    /// One save for a debrief, or several for a class summary.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format: md (Markdown), csv (one row per turn, or per game for
    /// a class), or svg (the history chart of one game).
    #[arg(long, value_enum, default_value = "md")]
    format: chokepoints::report::Format,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Leave out the decision review (each game's review takes up to a
    /// second; a class's run on every core).
    #[arg(long)]
    no_review: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Content files to validate.
    #[arg(required = true)]
    files: Vec<PathBuf>,
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
    /// A strategy bot (`always-<move>`, `random`, `adaptive`, `hawk`,
    /// `expert`), or `all` (every bot but the slow expert). Repeatable.
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
    /// The expert's rollouts per candidate move, each quarter.
    #[arg(long, value_name = "N", default_value_t = chokepoints::sim::expert::DEFAULT_BUDGET)]
    budget: u32,
    /// Hide Beijing's doctrine from Washington: the expert then plays on
    /// what Beijing's answers reveal of it.
    #[arg(long)]
    hidden_doctrine: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Sim(args)) => run_sim(&cli, args),
        Some(Command::Replay(args)) => run_replay(&cli, args),
        Some(Command::Play(args)) => run_play(&cli, args),
        Some(Command::Report(args)) => run_report(&cli, args),
        Some(Command::Scenarios) => run_scenarios(&cli),
        Some(Command::Check(args)) => run_check(args),
        Some(Command::Class(args)) => run_class(&cli, args),
        Some(Command::Serve(args)) => run_serve(&cli, args),
        None => run_play(&cli, &chokepoints::shell::local::PlayArgs::default()),
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
        Err(Failure::Failed(message)) => {
            eprintln!("chokepoints: {message}");
            ExitCode::from(1)
        }
        // Stopped by a signal: the terminal is restored; say nothing more.
        Err(Failure::Signal(code)) => ExitCode::from(code),
    }
}

/// Why a command failed: bad input (exit 2), or a check that did not pass
/// (exit 1).
enum Failure {
    Usage(String),
    Check(String),
    /// A signal stopped an interactive front end: exit 128 + the signal.
    Signal(u8),
    /// Something outside the input failed (a port in use): exit 1.
    Failed(String),
}

impl From<chokepoints::shell::local::LocalError> for Failure {
    fn from(e: chokepoints::shell::local::LocalError) -> Failure {
        match e {
            chokepoints::shell::local::LocalError::Signal(_) => Failure::Signal(e.exit_code()),
            other => Failure::Usage(other.to_string()),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Usage(message)
    }
}

/// The library's errors are all bad input as far as the command line is
/// concerned: their one-line message, and exit 2.
macro_rules! usage_from {
    ($($error:ty),*) => {$(
        impl From<$error> for Failure {
            fn from(e: $error) -> Failure {
                Failure::Usage(e.to_string())
            }
        }
    )*};
}

usage_from!(ContentError, RulesError, SaveError, UnknownStrategy);

fn run_replay(cli: &Cli, args: &ReplayArgs) -> Result<(), Failure> {
    let content = load_content(cli)?;
    let save = SaveFile::read(&args.file).map_err(|e| e.to_string())?;
    let (game, divergence) = save
        .rebuild(&args.file, &content)
        .map_err(|e| e.to_string())?;
    // A divergence, or a summary that disagrees with the replay, means the
    // save was edited: a failed check (exit 1) for --verify.
    let checked = match divergence {
        Some(d) => Err(format!("{}: {d}", args.file.display())),
        None => save
            .check_summary(&args.file, &game)
            .map_err(|e| e.to_string()),
    };
    if args.verify {
        return match checked {
            Ok(()) => {
                println!("verified {} turns", save.turns.len());
                Ok(())
            }
            Err(message) => Err(Failure::Check(message)),
        };
    }
    checked.map_err(Failure::Usage)?;
    if chokepoints::shell::local::is_interactive() {
        let name = args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Ok(chokepoints::shell::local::view_replay(
            &game,
            name,
            std::sync::Arc::new(content),
        )?);
    }
    // Not a terminal: the game as a text log, for files and pipes.
    let stdout = std::io::stdout();
    match chokepoints::plain::log(&game, &save.players, Some(&content.review), stdout.lock()) {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Usage(e.to_string())),
        _ => Ok(()),
    }
}

fn run_report(cli: &Cli, args: &ReportArgs) -> Result<(), Failure> {
    use chokepoints::report::{self, Format, class};
    let content = load_content(cli)?;
    let text = if let [file] = args.files.as_slice() {
        use chokepoints::save::folder::{Opened, open};
        let (save, game) = match open(file, &content) {
            Opened::Replayed(save, game) => (save, *game),
            // A save from older rules: what it stored, marked as such.
            Opened::Older(stored, error) if args.format == Format::Md => {
                eprintln!("chokepoints: {error}; its stored summary follows, not verified");
                let name = file.display().to_string();
                return write_report(args, &class::older_rules(&[(name.as_str(), &stored)]));
            }
            Opened::Older(_, error) | Opened::Unusable(error) => return Err(error.into()),
        };
        match args.format {
            Format::Md | Format::Csv => {
                let review = (!args.no_review).then(|| {
                    chokepoints::sim::review::review(&game, &content.review, 0, |_, _| {})
                });
                match args.format {
                    Format::Md => report::markdown(&game, &save.players, review.as_ref()),
                    _ => report::csv(&game, review.as_ref()),
                }
            }
            Format::Svg => report::svg(&game).map_err(|e| format!("{}: {e}", file.display()))?,
        }
    } else {
        let mut entries: Vec<class::Entry> = args
            .files
            .iter()
            .map(|path| class::Entry::read(path.display().to_string(), path, &content))
            .collect();
        if entries
            .iter()
            .all(|e| e.game.is_err() && e.stored.is_none())
        {
            let errors: Vec<String> = entries
                .iter()
                .filter_map(|e| e.game.as_ref().err().map(SaveError::to_string))
                .collect();
            return Err(Failure::Usage(format!(
                "no save could be read: {}",
                errors.join("; ")
            )));
        }
        for e in &entries {
            match (&e.game, &e.stored) {
                (Err(error), Some(_)) => {
                    eprintln!("chokepoints: {error}; its stored summary is listed, not verified")
                }
                (Err(error), None) => eprintln!("chokepoints: skipped {error}"),
                _ => {}
            }
        }
        if !args.no_review && args.format != Format::Svg {
            class::review_all(&mut entries, &content.review);
        }
        match args.format {
            Format::Md => class::markdown(&entries),
            Format::Csv => class::csv(&entries),
            Format::Svg => {
                return Err(Failure::Usage(
                    "an SVG chart is drawn for one game; give one save, or use --format md or csv for a class"
                        .to_string(),
                ));
            }
        }
    };
    write_report(args, &text)
}

/// A report to its `--output` file (atomically), or to standard output.
fn write_report(args: &ReportArgs, text: &str) -> Result<(), Failure> {
    match &args.output {
        Some(path) => chokepoints::save::write_atomic(path, text.as_bytes())
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display()))),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn run_scenarios(cli: &Cli) -> Result<(), Failure> {
    let content = load_content(cli)?;
    for s in &content.scenarios {
        let source = match content.scenario_source(&s.id) {
            Some(file) if !file.starts_with("assets/") => file.to_string(),
            _ => "built-in".to_string(),
        };
        println!(
            "{:<16} {}: {} Q{}, {} quarters, Beijing plays {} [{source}]",
            s.id, s.name, s.start_year, s.start_quarter, s.horizon, s.doctrine
        );
    }
    Ok(())
}

fn run_check(args: &CheckArgs) -> Result<(), Failure> {
    let mut failed = Vec::new();
    for path in &args.files {
        match Content::check_file(path) {
            Ok(_) => println!("{}: ok", path.display()),
            Err(e) => failed.push(e.to_string()),
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::Check(failed.join("\n")))
    }
}

fn run_play(cli: &Cli, args: &chokepoints::shell::local::PlayArgs) -> Result<(), Failure> {
    Ok(chokepoints::shell::local::play(load_content(cli)?, args)?)
}

fn run_class(cli: &Cli, args: &chokepoints::console::ClassArgs) -> Result<(), Failure> {
    Ok(chokepoints::shell::local::class(load_content(cli)?, args)?)
}

fn run_serve(cli: &Cli, args: &chokepoints::shell::serve::ServeArgs) -> Result<(), Failure> {
    chokepoints::shell::serve::serve(load_content(cli)?, args).map_err(|e| match e.exit_code() {
        2 => Failure::Usage(e.to_string()),
        _ => Failure::Failed(e.to_string()),
    })
}

fn load_content(cli: &Cli) -> Result<Content, ContentError> {
    match &cli.assets {
        Some(dir) => Content::with_overrides(dir),
        None => Content::builtin(),
    }
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
    .map(|s| {
        s.parse::<Strategy>().map(|strategy| match strategy {
            Strategy::Expert { .. } => Strategy::Expert {
                budget: args.budget,
            },
            other => other,
        })
    })
    .collect::<Result<Vec<_>, _>>()?;
    if !(1..=100_000).contains(&args.budget) {
        return Err(Failure::Usage(
            "--budget must be between 1 and 100000".to_string(),
        ));
    }
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
        if args.hidden_doctrine {
            rules = rules.hiding_doctrine(content.doctrines().to_vec());
        }
        for strategy in &strategies {
            cells.push((rules.clone(), *strategy));
        }
    }
    // A progress bar on a terminal only (indicatif redraws at a bounded
    // rate, from whichever thread reports, and clears itself at the end).
    let total = cells.len() as u64 * args.games;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{percent:>3}% [{bar:24}] {pos}/{len} games · {msg} · {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("█▌ "),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut rows = Vec::new();
    for (index, (rules, strategy)) in cells.iter().enumerate() {
        let before = index as u64 * args.games;
        bar.set_message(format!("{strategy} vs {}", rules.doctrine.id));
        let progress = |done: u64| bar.set_position(before + done);
        rows.push(sim::run_cell(
            rules, *strategy, args.games, args.seed, &progress,
        ));
    }
    bar.finish_and_clear();
    if args.json {
        let json = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        println!("{json}");
    } else {
        print!("{}", sim::table(&rows));
    }
    Ok(())
}
