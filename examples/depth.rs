//! What reading the game is worth, measured on paired games (the same
//! seeds for every player): the expert against an expert that may not set
//! the export ceiling (its candidates lose license, revenue share, stronger
//! chip, ban, rolling threshold and blockade), and against experts told a
//! wrong doctrine (they search, and read the record, as if Beijing followed
//! it, while the true doctrine answers). Also the expert's export ceiling at
//! mid-game (after quarter 8) and its move shares.
//!
//! `cargo run --release --example depth -- [--doctrine NAME] [--games 64]
//! [--budget 8] [--no-wear]`

use std::collections::BTreeMap;

use chokepoints::content::Content;
use chokepoints::engine::MoveId;
use chokepoints::sim::depth::{MID_GAME, Played, play, without_ceiling_moves};
use clap::Parser;
use rayon::prelude::*;

/// What reading the game is worth: the expert against handicapped experts.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    cells: chokepoints::sim::Cells,
    /// Paired games per player (seeds as `chokepoints sim --seed 1`).
    #[arg(long, default_value_t = 64)]
    games: u64,
    /// The experts' budget.
    #[arg(long, default_value_t = 8)]
    budget: u32,
    /// Moves do not wear out with repetition (every `diminishing` set to 0):
    /// the ablation that checks the margins are not bought by wear.
    #[arg(long)]
    no_wear: bool,
}

fn seeds(games: u64) -> Vec<u64> {
    (0..games)
        .map(|i| chokepoints::engine::rng::derive_seed(1, i))
        .collect()
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn main() {
    let args = Args::parse();
    let content = Content::builtin().expect("shipped content loads");
    let all: Vec<String> = content
        .doctrine_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let doctrines = content.doctrines_or_all(&args.cells.doctrines);
    let load = |doctrine: &str| {
        let rules = content
            .rules(&args.cells.scenario, Some(doctrine))
            .unwrap_or_else(|e| panic!("{e}"));
        if args.no_wear {
            rules.without_wear()
        } else {
            rules
        }
    };
    let no_ceiling = without_ceiling_moves(&load(&all[0]));
    let seeds = seeds(args.games);
    println!(
        "# Depth: {} paired games a player, expert budget {}{}\n",
        args.games,
        args.budget,
        if args.no_wear { ", no wear" } else { "" }
    );
    println!(
        "| doctrine | expert | without the ceiling moves | told a wrong doctrine (each) | wrong, mean | ceiling after quarter {MID_GAME} |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut shares = Vec::new();
    for doctrine in &doctrines {
        let truth = load(doctrine);
        let expert: Vec<Played> = seeds
            .par_iter()
            .map(|s| play(&truth, &truth, *s, args.budget, MoveId::ALL))
            .collect();
        let base = mean(expert.iter().map(|p| p.score));
        let limited = mean(
            seeds
                .par_iter()
                .map(|s| play(&truth, &truth, *s, args.budget, &no_ceiling))
                .collect::<Vec<_>>()
                .iter()
                .map(|p| p.score),
        );
        let mut wrong = Vec::new();
        for other in all.iter().filter(|d| *d != doctrine) {
            let believed = load(other);
            let played: Vec<Played> = seeds
                .par_iter()
                .map(|s| play(&truth, &believed, *s, args.budget, MoveId::ALL))
                .collect();
            wrong.push((other.clone(), mean(played.iter().map(|p| p.score)) - base));
        }
        let mut ceilings: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &expert {
            *ceilings
                .entry(p.ceiling_mid.unwrap_or("game over"))
                .or_default() += 1;
        }
        let ceilings: Vec<String> = ceilings
            .iter()
            .map(|(c, n)| format!("{c} {:.0}%", 100.0 * *n as f64 / expert.len() as f64))
            .collect();
        let wrong_text: Vec<String> = wrong
            .iter()
            .map(|(d, loss)| format!("{d} {loss:+.1}"))
            .collect();
        println!(
            "| {doctrine} | {base:.1} | {:+.1} | {} | {:+.1} | {} |",
            limited - base,
            wrong_text.join(", "),
            mean(wrong.iter().map(|(_, l)| *l)),
            ceilings.join(", ")
        );
        let mut total = [0u32; MoveId::COUNT];
        for p in &expert {
            for (t, n) in total.iter_mut().zip(p.moves) {
                *t += n;
            }
        }
        shares.push((doctrine.clone(), total));
    }
    println!("\nThe expert's moves:\n");
    for (doctrine, total) in shares {
        let all: u32 = total.iter().sum();
        let mut by: Vec<(u32, MoveId)> =
            MoveId::ALL.iter().map(|m| (total[m.index()], *m)).collect();
        by.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        let text: Vec<String> = by
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, m)| format!("{m} {:.0}%", 100.0 * f64::from(*n) / f64::from(all.max(1))))
            .collect();
        println!("- {doctrine}: {}", text.join(", "));
    }
}
