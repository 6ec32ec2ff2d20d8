//! Five discussion questions for a debrief, chosen from what happened in
//! the game: its ending, the moves Washington made, how Beijing answered.

use crate::engine::ids::{Gauge, MoveId, ResponseId};
use crate::engine::{Game, Outcome};

use super::gauge_history;
use crate::describe::turn_date;

/// How many questions a debrief asks.
pub const QUESTIONS: usize = 5;

/// The questions, most specific to this game first.
pub fn discussion_questions(game: &Game) -> Vec<String> {
    let rules = &game.rules;
    let history = gauge_history(game);
    let first = history[0];
    let last = *history.last().unwrap_or(&first);
    let mean = |g: Gauge| {
        let played = &history[1.min(history.len() - 1)..];
        played.iter().map(|row| row[g.index()]).sum::<f64>() / played.len().max(1) as f64
    };
    let played = |m: MoveId| game.moves.contains(&m);
    let responses = |r: ResponseId| {
        game.reports
            .iter()
            .flat_map(|rep| &rep.responses)
            .filter(|x| x.response == r)
            .count()
    };
    let end_date = turn_date(rules, game.state.turn);
    let mut questions: Vec<String> = Vec::new();

    match game.state.outcome {
        Some(Outcome::Crisis) => questions.push(format!(
            "Tension reached 100 in {end_date} and the game ended in crisis. Which moves and answers drove it there, and where could Washington have stepped back?"
        )),
        Some(Outcome::Collapse) => questions.push(format!(
            "Mineral stress reached its limit in {end_date}: China's hold on critical minerals ({:.0}/100) decided the game. What would securing minerals earlier have changed?",
            last[Gauge::ChinaLeverage.index()]
        )),
        _ => {}
    }
    if played(MoveId::FullBlockade) {
        questions.push(format!(
            "Washington imposed a full blockade. Over the game the compute lead averaged {:.0}%, and U.S. leverage ended at {:.0}/100. Was the gap worth the leverage given up, and what did Beijing do in return?",
            mean(Gauge::ComputeLead),
            last[Gauge::UsLeverage.index()]
        ));
    } else if played(MoveId::BanDowngraded) {
        questions.push(format!(
            "After the ban on downgraded chips, China's self-sufficiency went from {:.0} to {:.0}. Did the ban shorten the controls' shelf life, as critics of bans argue?",
            first[Gauge::SelfSufficiency.index()],
            last[Gauge::SelfSufficiency.index()]
        ));
    }
    if let Some(report) = game.reports.iter().find(|r| r.leverage_lost_now) {
        questions.push(format!(
            "Leverage was lost in {}, when China's own chips overtook what Washington would sell and its dependence fell away. What could have kept U.S. chips the better buy?",
            turn_date(rules, report.turn)
        ));
    }
    if played(MoveId::ApproveStrongerChip) {
        questions.push(format!(
            "Washington approved the stronger chip. Over the game China's dependence averaged {:.0}/100 and the capability gap {:.1} months. Who gained more from those sales?",
            mean(Gauge::UsLeverage),
            mean(Gauge::CapabilityGap)
        ));
    }
    if played(MoveId::LicenseRevenueShare) {
        questions.push(format!(
            "With a revenue share on licences, allied alignment went from {:.0} to {:.0}. Why might Tokyo and The Hague read a side payment as a sign that controls are negotiable?",
            first[Gauge::Allies.index()],
            last[Gauge::Allies.index()]
        ));
    }
    let retaliations = responses(ResponseId::RareEarthRetaliation);
    if retaliations >= 2 {
        questions.push(format!(
            "Beijing answered with rare-earth measures {retaliations} times. How exposed were U.S. supply chains, and what would it take to reduce that exposure?"
        ));
    }
    let controls = responses(ResponseId::MineralControls);
    if controls >= 2 {
        let (from, to) = (
            first[Gauge::ChinaLeverage.index()],
            last[Gauge::ChinaLeverage.index()],
        );
        questions.push(if to > from {
            format!(
                "Beijing widened its own mineral export controls {controls} times, and its mineral leverage rose from {from:.0} to {to:.0}/100. What in Washington's play prompted that build-up, and what could have worn it down?"
            )
        } else {
            format!(
                "Beijing widened its own mineral export controls {controls} times, yet its mineral leverage ended at {to:.0}/100, from {from:.0}. What wore it down, and what did that cost Washington?"
            )
        });
    }
    let bans = responses(ResponseId::PurchaseBan);
    if bans >= 1 {
        questions.push(format!(
            "Beijing told its firms to stop buying U.S. chips {bans} time(s). What does that say about how much leverage selling chips really buys?"
        ));
    }
    if played(MoveId::RollingThreshold) {
        questions.push(
            "The rolling threshold kept U.S. chips just ahead of China's best. Did it keep China dependent for longer, and at what cost in the compute China could buy?"
                .to_string(),
        );
    }
    questions.push(format!(
        "The U.S. held about {:.0}% of the two countries' AI compute on average, yet China's best models trailed by only about {:.1} months. Why does a large compute lead buy so small a capability lead?",
        mean(Gauge::ComputeLead),
        mean(Gauge::CapabilityGap)
    ));
    questions.push(
        "What is U.S. leverage for? Did this game give Washington a moment to use it, a Taiwan Strait crisis say, and was it there when needed?"
            .to_string(),
    );
    questions.push(
        "Pick the quarter you would play again. What would you choose instead, and what do you expect Beijing to answer?"
            .to_string(),
    );
    questions.push(
        "Which assumption on the model card do you find least convincing? How would changing it alter this game's outcome?"
            .to_string(),
    );
    questions.push(
        "Which of Beijing's stated reasons surprised you, and what did it reveal about its doctrine?"
            .to_string(),
    );
    questions.truncate(QUESTIONS);
    questions
}
