//! Is there a recipe? Searches for the best fixed schedule of moves, played
//! blind, against each doctrine, and measures every short rotation, so
//! that the expert's margin over "a plan that never looks at the game" can
//! be read off (the README's balance table, "No recipe").
//!
//! For each doctrine:
//! - every cycle of 1, 2 and 3 moves is played blind (exhaustively), and
//!   cycles of 4 to 6 moves are found by hill climbing;
//! - 16-move schedules are hill climbed from the best 2- and 3-move cycles,
//!   from the rotation the "No recipe" issue found, and from holding course;
//! - the winner is played again on held-out games (`sim --seed 1`), which the
//!   search never used, and, with `--expert N`, so is the expert, on the same
//!   games, for the margin.
//!
//! `cargo run --release --example recipes -- --expert 200 --write recipes.ron`
//! `cargo run --release --example recipes -- --quick` (a smoke run)

use std::path::PathBuf;

use chokepoints::content::Content;
use chokepoints::engine::MoveId;
use chokepoints::sim::schedule::{
    Climb, FOUND_ROTATION, Played, Recipe, Schedule, all_cycles, best_cycle, climb, evaluate,
};
use chokepoints::sim::{self, Strategy};
use clap::Parser;

/// Searches for the best fixed schedule played blind, per doctrine.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    cells: chokepoints::sim::Cells,
    /// Changes tried per restart of the 16-move climb.
    #[arg(long, default_value_t = 4000)]
    mutations: u32,
    /// Training games each candidate is scored on.
    #[arg(long, default_value_t = 120)]
    seeds: u64,
    /// Games each short cycle is played on (exhaustive lengths 1–3).
    #[arg(long, default_value_t = 200)]
    cycle_games: u64,
    /// Held-out games for the winner (seed 1, as `chokepoints sim`).
    #[arg(long, default_value_t = 400)]
    holdout: u64,
    /// Also play the expert on this many held-out games.
    #[arg(long, default_value_t = 0)]
    expert: u64,
    /// The expert's budget (rollouts per candidate and continuation).
    #[arg(long, default_value_t = chokepoints::sim::expert::DEFAULT_BUDGET)]
    budget: u32,
    /// Write the best schedules found to this RON file.
    #[arg(long)]
    write: Option<PathBuf>,
    /// A small run, to see that it works.
    #[arg(long)]
    quick: bool,
    /// Moves do not wear out with repetition (every `diminishing` set to
    /// 0): the ablation that checks the margins are not bought by wear.
    #[arg(long)]
    no_wear: bool,
}

/// The training games: a seed set no `chokepoints sim` run uses by default.
const TRAINING: u64 = 0x7472_6169_6e73;
/// The held-out games: `chokepoints sim --seed 1`.
const HOLDOUT: u64 = 1;
const LENGTH: usize = 16;

fn main() {
    let mut args = Args::parse();
    if args.quick {
        args.mutations = 200;
        args.seeds = 24;
        args.cycle_games = 24;
        args.holdout = 100;
    }
    let content = Content::builtin().expect("shipped content loads");
    let doctrines = content.doctrines_or_all(&args.cells.doctrines);
    let mut recipes = Vec::new();
    println!(
        "# Recipes: {} mutations a restart, {} training games, {} held out\n",
        args.mutations, args.seeds, args.holdout
    );
    for doctrine in &doctrines {
        let mut rules = content
            .rules(&args.cells.scenario, Some(doctrine))
            .unwrap_or_else(|e| panic!("{e}"));
        if args.no_wear {
            rules = rules.without_wear();
        }
        println!("## {doctrine}\n");
        println!("| cycle length | best mean (cycle) | most wins | most A |");
        println!("| --- | --- | --- | --- |");
        let mut best_by_len: Vec<Played> = Vec::new();
        for len in 1..=3 {
            let all = all_cycles(&rules, len, TRAINING, args.cycle_games);
            print_cycles(len, &all);
            best_by_len.push(all[0]);
        }
        let cycle_climb = Climb {
            mutations: args.mutations / 4,
            seeds: args.cycle_games,
            base: TRAINING,
            dice: 0x6379 + doctrine.len() as u64,
        };
        for len in 4..=6 {
            let from: Vec<Schedule> = best_by_len.iter().map(|p| p.schedule).collect();
            let found = best_cycle(&rules, len, &from, cycle_climb);
            let played: Vec<Played> = found
                .restarts
                .iter()
                .map(|r| evaluate(&rules, &r.end, TRAINING, args.cycle_games))
                .collect();
            print_cycles(len, &played);
            let mut best = played.clone();
            best.sort_by(|a, b| b.mean.total_cmp(&a.mean));
            best_by_len.push(best[0]);
        }
        let starts = [
            best_by_len[1].schedule.unrolled(LENGTH),
            best_by_len[2].schedule.unrolled(LENGTH),
            Schedule::new(&FOUND_ROTATION)
                .expect("five moves")
                .unrolled(LENGTH),
            Schedule::new(&[MoveId::HoldCourse])
                .expect("one move")
                .unrolled(LENGTH),
        ];
        let found = climb(
            &rules,
            &starts,
            Climb {
                mutations: args.mutations,
                seeds: args.seeds,
                base: TRAINING,
                dice: 0x7363_6865 + doctrine.len() as u64,
            },
        );
        println!("\n16-move climb:\n");
        for r in &found.restarts {
            println!(
                "- from {} ({:.1}) to {:.1} after {} improvements: {}",
                r.start, r.start_mean, r.end_mean, r.improvements, r.end
            );
        }
        let held = evaluate(&rules, &found.best, HOLDOUT, args.holdout);
        println!(
            "\nBest schedule: {} · training {:.1} · held out {:.1} over {} games (win {:.0}%, A {:.0}%)",
            found.best,
            found.training_mean,
            held.mean,
            held.games,
            held.win_rate * 100.0,
            held.a_rate * 100.0
        );
        if args.expert > 0 {
            let expert = sim::run_cell(
                &rules,
                Strategy::Expert {
                    budget: args.budget,
                },
                args.expert,
                HOLDOUT,
                &|_| {},
            );
            let blind = evaluate(&rules, &found.best, HOLDOUT, args.expert);
            println!(
                "Expert {:.1} vs the schedule {:.1} on the same {} games: margin {:+.1}",
                expert.mean_score,
                blind.mean,
                args.expert,
                expert.mean_score - blind.mean
            );
        }
        println!();
        recipes.push(Recipe {
            scenario: args.cells.scenario.clone(),
            doctrine: doctrine.clone(),
            schedule: found.best.to_string(),
            holdout_mean: (held.mean * 10.0).round() / 10.0,
            holdout_games: held.games,
        });
    }
    if let Some(path) = &args.write {
        let text = ron::ser::to_string_pretty(&recipes, ron::ser::PrettyConfig::default())
            .expect("recipes serialise");
        let header = "// The best fixed schedules `cargo run --release --example recipes` found,\n\
                      // per doctrine, played blind (see README, \"No recipe\").\n";
        std::fs::write(path, format!("{header}{text}\n"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("Wrote {}", path.display());
    }
}

fn print_cycles(len: usize, played: &[Played]) {
    let by = |f: fn(&Played) -> f64| {
        played
            .iter()
            .fold(None::<&Played>, |best, p| match best {
                Some(b) if f(b) >= f(p) => Some(b),
                _ => Some(p),
            })
            .copied()
            .expect("at least one cycle")
    };
    let mean = by(|p| p.mean);
    let wins = by(|p| p.win_rate);
    let a = by(|p| p.a_rate);
    println!(
        "| {len} | {:.1} ({}) | {:.0}% ({}) | {:.0}% ({}) |",
        mean.mean,
        mean.schedule,
        wins.win_rate * 100.0,
        wins.schedule,
        a.a_rate * 100.0,
        a.schedule
    );
}
