//! Prints one game's trajectory for a strategy, for tuning.
use chokepoints::content::Content;
use chokepoints::engine::{GameRng, Gauge, State, Stock, resolve_turn};
use chokepoints::sim::Strategy;
use chokepoints::sim::knowledge::PublicTurn;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let strategy: Strategy = args
        .get(1)
        .map(|s| s.as_str())
        .unwrap_or("adaptive")
        .parse()
        .unwrap();
    let doctrine = args.get(2).cloned().unwrap_or("pragmatist".into());
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let content = Content::builtin().unwrap();
    let scenario = std::env::var("SCENARIO").unwrap_or("h20-reversal".into());
    let rules = content.rules(&scenario, Some(&doctrine)).unwrap();
    let mut state = State::new(&rules.scenario);
    let mut rng = GameRng::new(seed);
    let mut bot = GameRng::with_stream(seed, 1);
    println!(
        "t  move                  lead  lev  minr  self  gap  ally ind  tens | stress resolve qual vol euv share  responses / event"
    );
    let mut record = Vec::new();
    while !state.is_over() {
        let m = strategy.choose(&rules, &state, &record, seed, &mut bot);
        let share = state.import_share(&rules);
        let (next, report) = resolve_turn(&rules, &state, m, &mut rng);
        record.push(PublicTurn::from_report(&rules, &report));
        state = next;
        let g = state.gauges();
        println!(
            "{:<2} {:<21} {:5.1} {:4.1} {:4.1} {:5.1} {:4.1} {:4.1} {:4.1} {:5.1} | {:5.1} {:5.1} {:4.1} {:4.1} {:4.1} {:4.1}  {} {}",
            state.turn,
            m.as_str(),
            g.get(Gauge::ComputeLead),
            g.get(Gauge::UsLeverage),
            g.get(Gauge::ChinaLeverage),
            g.get(Gauge::SelfSufficiency),
            g.get(Gauge::CapabilityGap),
            g.get(Gauge::Allies),
            g.get(Gauge::UsIndustry),
            g.get(Gauge::Tension),
            state.get(Stock::MineralStress),
            state.get(Stock::Resolve),
            state.get(Stock::Quality),
            state.get(Stock::Volume),
            state.get(Stock::Euv),
            share,
            report
                .responses
                .iter()
                .map(|r| r.response.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            report.event.map(|e| e.id).unwrap_or_default(),
        );
    }
    let s = chokepoints::engine::score::score(&rules, &state);
    println!(
        "{:?} lost={} score {:.1} {:?} objectives {:?}",
        state.outcome,
        state.leverage_lost,
        s.total,
        s.grade,
        s.objectives.map(|v| v.round())
    );
}
