//! Scoring on the scenario's weighted objectives, and the letter grade.

use serde::{Deserialize, Serialize};

use super::ids::Gauge;
use super::rules::{ModelParams, Rules};
use super::state::{Outcome, State};

/// The things a scenario weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Objective {
    ComputeLead,
    UsLeverage,
    CapabilityGap,
    Allies,
    UsIndustry,
    Stability,
    /// Freedom from Beijing's mineral leverage: 100 − China leverage.
    MineralSecurity,
}

impl Objective {
    pub const COUNT: usize = 7;
    pub const ALL: [Objective; Objective::COUNT] = [
        Objective::ComputeLead,
        Objective::UsLeverage,
        Objective::CapabilityGap,
        Objective::Allies,
        Objective::UsIndustry,
        Objective::Stability,
        Objective::MineralSecurity,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            Objective::ComputeLead => "compute lead",
            Objective::UsLeverage => "U.S. leverage",
            Objective::CapabilityGap => "capability gap",
            Objective::Allies => "allies",
            Objective::UsIndustry => "U.S. industry",
            Objective::Stability => "stability",
            Objective::MineralSecurity => "mineral security",
        }
    }
}

/// Each objective's value this quarter, on a 0–100 scale.
pub fn objective_values(state: &State, model: &ModelParams) -> [f64; Objective::COUNT] {
    let spans = &model.score_spans;
    [
        spans.compute_lead.score(state.compute_lead()),
        spans.us_leverage.score(state.gauge(Gauge::UsLeverage)),
        spans
            .capability_gap
            .score(state.gauge(Gauge::CapabilityGap)),
        spans.allies.score(state.gauge(Gauge::Allies)),
        spans.us_industry.score(state.gauge(Gauge::UsIndustry)),
        spans.tension.score(state.gauge(Gauge::Tension)),
        spans
            .china_leverage
            .score(state.gauge(Gauge::ChinaLeverage)),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    F,
}

impl Grade {
    pub const ALL: [Grade; 5] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::F];

    pub const fn letter(self) -> char {
        match self {
            Grade::A => 'A',
            Grade::B => 'B',
            Grade::C => 'C',
            Grade::D => 'D',
            Grade::F => 'F',
        }
    }

    /// A "win": B or better.
    pub const fn is_win(self) -> bool {
        matches!(self, Grade::A | Grade::B)
    }
}

/// A game's score so far (or final).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Each objective's value for scoring, 0–100: its mean over the turns
    /// played blended with its value now, by the scenario's `end_weight`.
    pub objectives: [f64; Objective::COUNT],
    /// The weighted mean of the objectives, before penalties.
    pub weighted: f64,
    /// Named deductions.
    pub penalties: Vec<(String, f64)>,
    /// 0–100.
    pub total: f64,
    pub grade: Grade,
}

pub fn score(rules: &Rules, state: &State) -> Score {
    let scoring = &rules.scenario.scoring;
    let turns = f64::from(state.totals.turns.max(1));
    let current = objective_values(state, &rules.model);
    let end = scoring.end_weight;
    let mut objectives = [0.0; Objective::COUNT];
    for (i, value) in objectives.iter_mut().enumerate() {
        let mean = if state.totals.turns == 0 {
            current[i]
        } else {
            state.totals.objectives[i] / turns
        };
        // Where the game ended counts as well as how it went: a position
        // left to decay is not as good as one built up.
        *value = (1.0 - end) * mean + end * current[i];
    }
    let weights = scoring.weights.as_array();
    let weight_sum: f64 = weights.iter().sum();
    let weighted = if weight_sum > 0.0 {
        objectives
            .iter()
            .zip(weights)
            .map(|(o, w)| o * w)
            .sum::<f64>()
            / weight_sum
    } else {
        0.0
    };
    let mut penalties = Vec::new();
    match state.outcome {
        Some(Outcome::Crisis) => penalties.push(("crisis".to_string(), scoring.crisis_penalty)),
        Some(Outcome::Collapse) => penalties.push((
            "supply-chain collapse".to_string(),
            scoring.collapse_penalty,
        )),
        _ => {}
    }
    if state.leverage_lost {
        penalties.push(("leverage lost".to_string(), scoring.leverage_lost_penalty));
    }
    let total = (weighted - penalties.iter().map(|(_, p)| p).sum::<f64>()).clamp(0.0, 100.0);
    let band = |i: usize| scoring.grade_bands.get(i).copied().unwrap_or(f64::INFINITY);
    let grade = if total >= band(0) {
        Grade::A
    } else if total >= band(1) {
        Grade::B
    } else if total >= band(2) {
        Grade::C
    } else if total >= band(3) {
        Grade::D
    } else {
        Grade::F
    };
    Score {
        objectives,
        weighted,
        penalties,
        total,
        grade,
    }
}
