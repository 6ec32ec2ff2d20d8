//! The decision review: every quarter's move set against the expert's
//! choice from the same position. A move's worth is the expected final
//! score of playing it (and playing on well), estimated from what
//! Washington knew at the time; what a decision cost is how far that falls
//! short of the expert's move, from paired rollouts. Labels come from the
//! thresholds in `assets/review.ron`.
//!
//! The review is seeded from the game's own seed (and a search seed, 0
//! unless a test asks otherwise), so the same game always gets the same
//! review, on any machine.

use serde::{Deserialize, Serialize};

use crate::engine::game::Game;
use crate::engine::ids::{Gauge, MoveId, ResponseId, Stock};
use crate::engine::rng::derive_seed;
use crate::engine::rules::Rules;

use super::expert::{self, Estimate, Precision};
use super::knowledge::{Knowledge, PublicTurn, search_seed};

/// How decisions are labelled and how hard the review searches
/// (`assets/review.ron`). The four thresholds are points of expected final
/// score (0–100) given up against the expert's move; a decision that gives
/// up less than `best` is as good as the best, within the review's error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRules {
    pub best: f64,
    pub good: f64,
    pub questionable: f64,
    pub costly: f64,
    /// The expert's search budget when it chooses its own move.
    pub expert_budget: u32,
    /// Paired rollouts per compared move: at least this many…
    pub min_rollouts: u32,
    /// …and at most this many, stopping once the loss's standard error is
    /// under `standard_error`.
    pub max_rollouts: u32,
    /// The standard error every loss is estimated to: at most half the
    /// smallest threshold, so that noise alone rarely moves a label.
    pub standard_error: f64,
}

impl ReviewRules {
    /// The thresholds, smallest first.
    pub fn thresholds(&self) -> [f64; 4] {
        [self.best, self.good, self.questionable, self.costly]
    }

    /// The label for a loss in points.
    pub fn label(&self, loss: f64) -> Label {
        if loss < self.best {
            Label::Best
        } else if loss < self.good {
            Label::Good
        } else if loss < self.questionable {
            Label::Questionable
        } else if loss < self.costly {
            Label::Costly
        } else {
            Label::VeryCostly
        }
    }

    /// What is wrong with these rules, if anything (for `content`).
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let t = self.thresholds();
        if t.iter().any(|v| !v.is_finite() || *v <= 0.0 || *v > 100.0) {
            return Some((
                "best",
                format!("thresholds {t:?} must be points from above 0 to 100"),
            ));
        }
        if t.windows(2).any(|w| w[0] >= w[1]) {
            return Some((
                "good",
                format!("thresholds {t:?} must rise: best < good < questionable < costly"),
            ));
        }
        if !(self.standard_error.is_finite()
            && self.standard_error > 0.0
            && self.standard_error <= self.best / 2.0)
        {
            return Some((
                "standard_error",
                format!(
                    "{} must be above 0 and at most half of `best` ({})",
                    self.standard_error,
                    self.best / 2.0
                ),
            ));
        }
        if !(1..=1000).contains(&self.expert_budget) {
            return Some((
                "expert_budget",
                format!("{} is out of range (1–1000)", self.expert_budget),
            ));
        }
        if !(8..=100_000).contains(&self.min_rollouts) {
            return Some((
                "min_rollouts",
                format!("{} is out of range (8–100000)", self.min_rollouts),
            ));
        }
        if self.max_rollouts < self.min_rollouts || self.max_rollouts > 100_000 {
            return Some((
                "max_rollouts",
                format!(
                    "{} must be at least min_rollouts ({}) and at most 100000",
                    self.max_rollouts, self.min_rollouts
                ),
            ));
        }
        None
    }
}

/// What a decision was worth, in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    Best,
    Good,
    Questionable,
    Costly,
    VeryCostly,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::Best,
        Label::Good,
        Label::Questionable,
        Label::Costly,
        Label::VeryCostly,
    ];

    pub const fn text(self) -> &'static str {
        match self {
            Label::Best => "best",
            Label::Good => "good",
            Label::Questionable => "questionable",
            Label::Costly => "costly",
            Label::VeryCostly => "very costly",
        }
    }

    /// Whether the label says the decision cost something worth a lesson.
    pub const fn is_costly(self) -> bool {
        matches!(self, Label::Costly | Label::VeryCostly)
    }
}

/// One quarter's decision, reviewed.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The quarter, from 0.
    pub turn: u32,
    pub played: MoveId,
    /// The expert's move from the same position.
    pub expert: MoveId,
    /// Expected final score given up against the expert's move (0 when the
    /// played move did at least as well).
    pub loss: f64,
    /// The loss's standard error.
    pub se: f64,
    pub label: Label,
    /// Expected final score after the played move and after the expert's.
    pub played_score: f64,
    pub expert_score: f64,
    /// Expected gauges at the end of the game after each.
    pub played_end: [f64; Gauge::COUNT],
    pub expert_end: [f64; Gauge::COUNT],
    /// Expected penalty points in the final score after each.
    pub played_penalties: f64,
    pub expert_penalties: f64,
    /// Paired rollouts behind the estimate (0 when the played move was the
    /// expert's own and nothing needed comparing).
    pub rollouts: u32,
    /// What in the situation made the expert's move what it was, from the
    /// public record only.
    pub context: Context,
}

/// The situation a decision was made in, as Washington saw it: what the
/// review names when it says why the expert's move was better.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Titles of the standing situations the expert's move answered and
    /// the played one did not.
    pub answers: Vec<String>,
    /// Beijing's answer the quarter before, when it was more than waiting
    /// or its usual funding.
    pub beijing_just: Option<ResponseId>,
    /// China's own chips had passed the export ceiling while U.S. chips
    /// were still for sale (and the expert's move moves the line).
    pub chips_passed_ceiling: bool,
}

impl Context {
    fn of(
        rules: &Rules,
        knowledge: &Knowledge,
        last: Option<&PublicTurn>,
        played: MoveId,
        expert: MoveId,
    ) -> Context {
        let state = knowledge.public();
        let answers = crate::engine::turn::situations(rules, state)
            .filter(|s| s.answered_by(expert) && !s.answered_by(played))
            .map(|s| s.event.title.clone())
            .collect();
        let beijing_just = last
            .and_then(|t| t.responses.iter().flatten().next().copied())
            // Waiting and the fund's steady money are every quarter's
            // news; the rest is what a move may need to answer.
            .filter(|r| !matches!(r, ResponseId::WaitAndSee | ResponseId::FundIndigenisation));
        let sets_ceiling = rules.move_def(expert).sets_ceiling();
        // On the intelligence estimate's evidence: even its low end of
        // China's chip quality is at the line.
        let quality_low = knowledge
            .beliefs
            .iter()
            .find(|b| b.stock == Stock::Quality)
            .map(|b| b.low);
        let chips_passed_ceiling = sets_ceiling
            && state.policy.ceiling != crate::engine::rules::Ceiling::Banned
            && quality_low.is_some_and(|q| q >= rules.ceiling_quality(state.policy.ceiling, q));
        Context {
            answers,
            beijing_just,
            chips_passed_ceiling,
        }
    }
}

impl Decision {
    /// The gauges where the two futures differ most (scaled by range),
    /// largest first: (gauge, expert's future minus the played one).
    pub fn differences(&self, n: usize) -> Vec<(Gauge, f64)> {
        let mut list: Vec<(Gauge, f64)> = Gauge::ALL
            .iter()
            .map(|g| (*g, self.expert_end[g.index()] - self.played_end[g.index()]))
            .filter(|(_, d)| d.abs() >= 0.05)
            .collect();
        let size = |(g, d): &(Gauge, f64)| {
            let (lo, hi) = g.range();
            d.abs() / (hi - lo)
        };
        list.sort_by(|a, b| size(b).total_cmp(&size(a)));
        list.truncate(n);
        list
    }
}

/// A whole game's review.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// One per quarter played, in order.
    pub decisions: Vec<Decision>,
    /// Whether a human chose Beijing's answers (the review assumed the
    /// scripted doctrine all the same).
    pub human_beijing: bool,
}

impl Review {
    /// Expected final score the game's decisions gave up, in total.
    pub fn points_lost(&self) -> f64 {
        self.decisions.iter().map(|d| d.loss).sum()
    }

    /// Decision quality, 0–100: 100 less the points given up, so that the
    /// expert's own play scores 100 and each point of expected final score
    /// thrown away costs one.
    pub fn quality(&self) -> f64 {
        (100.0 - self.points_lost()).max(0.0)
    }

    pub fn count(&self, label: Label) -> usize {
        self.decisions.iter().filter(|d| d.label == label).count()
    }

    /// The `n` decisions that gave up the most, costliest first (only those
    /// that gave up something beyond the review's error).
    pub fn costliest(&self, n: usize) -> Vec<&Decision> {
        let mut list: Vec<&Decision> = self
            .decisions
            .iter()
            .filter(|d| d.label != Label::Best)
            .collect();
        list.sort_by(|a, b| b.loss.total_cmp(&a.loss).then(a.turn.cmp(&b.turn)));
        list.truncate(n);
        list
    }
}

/// Keeps the review's seeds apart from the game's and the expert's.
const REVIEW: u64 = 0x7265_7669_6577;
const COMPARE: u64 = 0x636f_6d70;

/// Reviews every decision of a game. `search_seed` varies the review's own
/// dice (0 for the review everyone sees); `progress` hears of each quarter
/// done, out of the quarters to review.
pub fn review(
    game: &Game,
    rules: &ReviewRules,
    search: u64,
    mut progress: impl FnMut(usize, usize),
) -> Review {
    let total = game.moves.len();
    let seed = derive_seed(derive_seed(game.seed, REVIEW), search);
    let mut replay = game.replay_start();
    let mut record: Vec<PublicTurn> = Vec::with_capacity(total);
    let mut decisions = Vec::with_capacity(total);
    for (i, played) in game.moves.iter().enumerate() {
        if replay.is_over() {
            break;
        }
        let knowledge = Knowledge::observe(&game.rules, &replay.state, &record, game.seed);
        let mut decision = decide(&game.rules, rules, &knowledge, seed, *played);
        decision.context = Context::of(
            &game.rules,
            &knowledge,
            record.last(),
            decision.played,
            decision.expert,
        );
        decisions.push(decision);
        if let Some(report) = replay.replay_turn(game) {
            record.push(PublicTurn::from_report(&game.rules, &report));
        }
        progress(i + 1, total);
    }
    Review {
        decisions,
        human_beijing: game.china.iter().any(Option::is_some),
    }
}

/// How many of the expert's finalists the played move is measured
/// against: the best of a few near-equal moves is a steadier yardstick than
/// whichever one the expert's own search happened to favour.
const REFERENCES: usize = 3;

/// One decision: the expert weighs its finalists, then the played move
/// meets the best few of them in paired rollouts.
fn decide(
    game_rules: &Rules,
    rules: &ReviewRules,
    knowledge: &Knowledge,
    seed: u64,
    played: MoveId,
) -> Decision {
    let mut moves: Vec<MoveId> =
        expert::finalists(game_rules, knowledge, rules.expert_budget, seed)
            .iter()
            .take(REFERENCES)
            .map(|v| v.us_move)
            .collect();
    if !moves.contains(&played) {
        moves.push(played);
    }
    let watch = moves.iter().position(|m| *m == played).unwrap_or(0);
    let precision = Precision {
        min_rollouts: rules.min_rollouts,
        max_rollouts: rules.max_rollouts,
        target_se: rules.standard_error,
    };
    let compare_seed = search_seed(seed, knowledge.turn, COMPARE);
    let comparison = expert::compare(
        game_rules,
        knowledge,
        compare_seed,
        &moves,
        watch,
        precision,
    );
    let played_estimate = comparison
        .estimates
        .iter()
        .find(|e| e.us_move == played)
        .unwrap_or(&comparison.estimates[0]);
    // The yardstick: the best of the expert's moves other than the one
    // played (a played move that beats them all gave up nothing).
    let reference = comparison
        .estimates
        .iter()
        .filter(|e| e.us_move != played)
        .fold(None::<&Estimate>, |best, e| match best {
            Some(b) if b.mean >= e.mean => Some(b),
            _ => Some(e),
        })
        .unwrap_or(played_estimate);
    let played_is_top = played_estimate.mean >= reference.mean;
    let expert_estimate = if played_is_top {
        played_estimate
    } else {
        reference
    };
    let loss = (reference.mean - played_estimate.mean).max(0.0);
    let se = expert::gap_se(&comparison.estimates, watch);
    Decision {
        turn: knowledge.turn,
        played,
        expert: expert_estimate.us_move,
        loss,
        se,
        label: rules.label(loss),
        played_score: played_estimate.mean,
        expert_score: expert_estimate.mean,
        played_end: played_estimate.end,
        expert_end: expert_estimate.end,
        played_penalties: played_estimate.penalties,
        expert_penalties: expert_estimate.penalties,
        rollouts: comparison.rollouts,
        context: Context::default(),
    }
}
