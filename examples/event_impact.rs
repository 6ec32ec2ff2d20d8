//! Which events change what the expert plays next (the "events matter"
//! target of the balance work): each event is injected at up to N expert
//! positions where its condition holds, and the expert's next move with it
//! is set against its move after the same quarter without it (the same
//! search seed both times, so the two searches share their dice). The
//! noise column is how often the move without the event changes with the
//! search seed alone, a measure of how many moves are close calls; the
//! "one move" column is the share of positions where the event turned the
//! expert to its most common new move, which noise does not concentrate.
//!
//! `cargo run --release --example event_impact -- [--doctrine NAME]
//! [--games 400] [--positions 200] [--budget 8]`

use chokepoints::content::Content;
use chokepoints::engine::MoveId;
use chokepoints::sim::event_impact::measure;
use clap::Parser;

/// Which events change the expert's next move.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    cells: chokepoints::sim::Cells,
    /// Expert games whose positions are used (one position a game).
    #[arg(long, default_value_t = 400)]
    games: u64,
    /// At most this many positions an event.
    #[arg(long, default_value_t = 200)]
    positions: usize,
    /// The expert's budget.
    #[arg(long, default_value_t = 8)]
    budget: u32,
    /// An event counts as changing play at this share of its positions.
    #[arg(long, default_value_t = 0.3)]
    threshold: f64,
}

fn main() {
    let args = Args::parse();
    let content = Content::builtin().expect("shipped content loads");
    let doctrines = content.doctrines_or_all(&args.cells.doctrines);
    for doctrine in &doctrines {
        let rules = content
            .rules(&args.cells.scenario, Some(doctrine))
            .unwrap_or_else(|e| panic!("{e}"));
        let impacts = measure(&rules, args.games, args.positions, 0x6576_656e, args.budget);
        println!("## {doctrine}\n");
        println!(
            "| event | positions | next move changed | to one move | search noise | turned to |"
        );
        println!("| --- | ---: | ---: | ---: | ---: | --- |");
        let mut counted = 0;
        let mut concentrated = 0;
        for i in &impacts {
            let mut to: Vec<(usize, MoveId)> = MoveId::ALL
                .iter()
                .map(|m| (i.turned_to[m.index()], *m))
                .filter(|(n, _)| *n > 0)
                .collect();
            to.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
            let counts = i.positions > 0 && i.share() >= args.threshold;
            counted += usize::from(counts);
            let one = to
                .first()
                .map_or(0.0, |(n, _)| *n as f64 / i.positions.max(1) as f64);
            concentrated += usize::from(i.positions > 0 && one >= args.threshold);
            let to: Vec<String> = to.iter().take(2).map(|(n, m)| format!("{m} {n}")).collect();
            println!(
                "| {}{} | {} | {:.0}% | {:.0}% | {:.0}% | {} |",
                rules.events[i.event].id,
                if counts { " ✓" } else { "" },
                i.positions,
                100.0 * i.share(),
                100.0 * one,
                100.0 * i.noise_share(),
                to.join(", ")
            );
        }
        println!(
            "\n{counted} of {} events change the expert's next move in at least {:.0}% of their positions; {concentrated} turn it to one same move that often.\n",
            impacts.len(),
            100.0 * args.threshold
        );
    }
}
