//! The data the engine runs on: model parameters, the move and response
//! tables, doctrines, events and scenarios. These are plain values with serde
//! derives; reading them from files (and reporting errors there) is the
//! `content` module's job. Range checks live on the fields themselves, so a
//! bad number is caught where it is parsed, with its position.

use serde::{Deserialize, Serialize};

use super::ids::{Measure, MoveId, ResponseId, Stock};
use super::score::Objective;
use super::state::State;

/// Range-checked field readers for `#[serde(deserialize_with = …)]`.
pub mod checked {
    use serde::{Deserialize, Deserializer, de::Error};

    fn within<'de, D: Deserializer<'de>>(d: D, lo: f64, hi: f64) -> Result<f64, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() && (lo..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(D::Error::custom(format!(
                "{v} is out of range (must be between {lo} and {hi})"
            )))
        }
    }

    /// A share or level on the 0–100 scale.
    pub fn pct<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        within(d, 0.0, 100.0)
    }

    /// A rate or probability between 0 and 1.
    pub fn unit<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        within(d, 0.0, 1.0)
    }

    /// A non-negative finite number (weights, yields).
    pub fn non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        within(d, 0.0, 1.0e6)
    }

    /// A signed change, bounded so that no single effect is absurd.
    pub fn delta<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        within(d, -1000.0, 1000.0)
    }

    /// Months of capability gap.
    pub fn months<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        within(d, 0.0, 36.0)
    }

    /// How long a situation stands: 1 to 8 quarters.
    pub fn quarters<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        let v = u8::deserialize(d)?;
        if (1..=8).contains(&v) {
            Ok(v)
        } else {
            Err(D::Error::custom(format!(
                "{v} is out of range (must be between 1 and 8 quarters)"
            )))
        }
    }

    /// A compute index (U.S. or China), positive.
    pub fn compute<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        within(d, 1.0, 1.0e6)
    }
}

/// The best chip Washington lets China buy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ceiling {
    /// No AI chips may be sold.
    Banned,
    /// Downgraded, H20-class chips.
    H20Class,
    /// A stronger China-specific chip (B30A-class).
    Stronger,
    /// Just above China's best domestic chip, moving with it.
    Rolling,
}

impl Ceiling {
    pub const fn label(self) -> &'static str {
        match self {
            Ceiling::Banned => "nothing (banned)",
            Ceiling::H20Class => "H20-class",
            Ceiling::Stronger => "stronger chip (B30A-class)",
            Ceiling::Rolling => "rolling threshold",
        }
    }
}

/// Washington's standing policy: what stays in force until a move changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub ceiling: Ceiling,
    /// 0 none, 1 partial, 2 full.
    pub equipment: u8,
    /// 0 lax to 3 strict.
    pub enforcement: u8,
    pub revenue_share: bool,
}

impl Policy {
    pub const MAX_EQUIPMENT: u8 = 2;
    pub const MAX_ENFORCEMENT: u8 = 3;

    /// A full blockade: no chips and full equipment controls.
    pub fn is_blockade(&self) -> bool {
        self.ceiling == Ceiling::Banned && self.equipment >= Self::MAX_EQUIPMENT
    }

    pub fn equipment_label(&self) -> &'static str {
        match self.equipment {
            0 => "none",
            1 => "partial",
            _ => "full",
        }
    }
}

/// How a move changes standing policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyChange {
    SetCeiling(Ceiling),
    RaiseEquipment,
    SetEquipment(u8),
    RaiseEnforcement,
    RevenueShare(bool),
}

/// How an effect's amount is scaled by the state.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Scale {
    /// Multiplied by measure/100.
    By(Measure),
    /// Multiplied by 1 − measure/100.
    ByInverse(Measure),
}

/// One change to a stock.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    pub stock: Stock,
    #[serde(deserialize_with = "checked::delta")]
    pub amount: f64,
    #[serde(default)]
    pub scale: Option<Scale>,
}

/// A test on the state, used by doctrines and events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    Always,
    /// The U.S. move this turn is this one.
    UsMove(MoveId),
    /// The U.S. move this turn is one of these.
    UsMoveIn(Vec<MoveId>),
    /// This turn's U.S. move escalated at least this much (it changed
    /// policy, or is a one-off action).
    EscalationAtLeast(i8),
    /// This turn's U.S. move escalated at most this much (negative: eased).
    EscalationAtMost(i8),
    /// Washington escalated (level 2 or more) within this many turns.
    EscalatedWithin(u32),
    CeilingIs(Ceiling),
    /// Some U.S. AI chips may be sold to China.
    ChipsAvailable,
    Blockade,
    EquipmentAtLeast(u8),
    EnforcementAtMost(u8),
    RevenueShare(bool),
    Above(Measure, f64),
    Below(Measure, f64),
    /// China's best domestic chip is at least as good as the best U.S. chip it
    /// may buy.
    DomesticBeatsCeiling,
    TurnAtLeast(u32),
}

/// A U.S. move's entry in the move table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveDef {
    pub id: MoveId,
    pub name: String,
    /// What the move does, for the move list.
    pub summary: String,
    /// The main risk, one line, for previews and confirmations.
    pub risk: String,
    /// −1 eases, 0 neutral, 1 mild, 2 major, 3 blockade.
    pub escalation: i8,
    /// Whether the move is hard to undo quickly (asks for confirmation).
    #[serde(default)]
    pub irreversible: bool,
    #[serde(default)]
    pub policy: Vec<PolicyChange>,
    /// Applied once, when the move actually changes standing policy.
    #[serde(default)]
    pub on_change: Vec<Effect>,
    /// Applied every time the move is played, reduced by repetition.
    #[serde(default)]
    pub each_time: Vec<Effect>,
    /// Applied every time the move is played, at full strength: the costs
    /// that do not wear off with repetition.
    #[serde(default)]
    pub each_time_cost: Vec<Effect>,
    /// How quickly repeating the move wears out its `each_time` effects.
    #[serde(default, deserialize_with = "checked::non_negative")]
    pub diminishing: f64,
}

impl MoveDef {
    /// Whether the move sets the export ceiling (license, revenue share,
    /// stronger chip, ban, rolling threshold, blockade).
    pub fn sets_ceiling(&self) -> bool {
        self.policy
            .iter()
            .any(|p| matches!(p, PolicyChange::SetCeiling(_)))
    }
}

/// A China response's entry in the response table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseDef {
    pub id: ResponseId,
    pub name: String,
    pub summary: String,
    pub effects: Vec<Effect>,
}

/// One weighted rule of a doctrine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoctrineRule {
    pub response: ResponseId,
    #[serde(deserialize_with = "checked::non_negative")]
    pub weight: f64,
    /// All must hold for the rule to apply.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// What Beijing says when it acts on this rule.
    pub reason: String,
}

/// A scripted Beijing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doctrine {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// What the doctrine says it cares about, for the intelligence panel.
    pub priorities: Vec<String>,
    /// Chance of a second, different response in the same quarter.
    #[serde(deserialize_with = "checked::unit")]
    pub second_response_chance: f64,
    pub rules: Vec<DoctrineRule>,
}

/// One card of the event deck.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(deserialize_with = "checked::non_negative")]
    pub weight: f64,
    #[serde(default)]
    pub when: Vec<Condition>,
    pub effects: Vec<Effect>,
    /// What the event leaves standing until Washington answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lasting: Option<Lasting>,
    /// How many times it may fire in one game (2 unless the card says
    /// otherwise, and then its text should say why it can come back).
    #[serde(default = "EventDef::default_max_per_game")]
    pub max_per_game: u8,
}

impl EventDef {
    pub const fn default_max_per_game() -> u8 {
        2
    }
}

/// A situation an event opens: it bites every quarter it stands
/// unanswered, until Washington plays a move that answers it or it runs
/// out. This is what makes the quarter after an event call for a
/// different move from the quarter before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lasting {
    /// Quarters it stands unless answered (1–8).
    #[serde(deserialize_with = "checked::quarters")]
    pub quarters: u8,
    /// What it does each quarter it stands unanswered, from the quarter
    /// after it opened.
    #[serde(default)]
    pub each_quarter: Vec<Effect>,
    /// The moves that answer it.
    pub answered_by: Vec<MoveId>,
    /// What answering it does, once, on top of the move's own effects.
    #[serde(default)]
    pub answer: Vec<Effect>,
    /// What the situation asks of Washington, in a line.
    pub ask: String,
}

/// The stocks a scenario starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartState {
    #[serde(deserialize_with = "checked::compute")]
    pub us_compute: f64,
    #[serde(deserialize_with = "checked::compute")]
    pub cn_compute: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub us_leverage: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub china_leverage: f64,
    #[serde(deserialize_with = "checked::months")]
    pub capability_gap: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub allies: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub us_industry: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub tension: f64,
    #[serde(default, deserialize_with = "checked::pct")]
    pub mineral_stress: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub resolve: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub quality: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub volume: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub euv: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub tools: f64,
    pub policy: Policy,
}

/// How much each objective counts in the final score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(deserialize_with = "checked::non_negative")]
    pub compute_lead: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub us_leverage: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub capability_gap: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub allies: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub us_industry: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub stability: f64,
    /// Freedom from Beijing's mineral leverage. Scenarios written before it
    /// existed get the default.
    #[serde(
        default = "Weights::default_mineral_security",
        deserialize_with = "checked::non_negative"
    )]
    pub mineral_security: f64,
}

impl Weights {
    pub const fn default_mineral_security() -> f64 {
        10.0
    }

    /// The weights in `Objective::ALL` order.
    pub fn as_array(&self) -> [f64; Objective::COUNT] {
        [
            self.compute_lead,
            self.us_leverage,
            self.capability_gap,
            self.allies,
            self.us_industry,
            self.stability,
            self.mineral_security,
        ]
    }
}

/// Scoring: objective weights, penalties and grade bands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub weights: Weights,
    #[serde(deserialize_with = "checked::pct")]
    pub crisis_penalty: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub collapse_penalty: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub leverage_lost_penalty: f64,
    /// How much the final quarter's values count against the game's
    /// averages (0: averages only; 1: the final position only). Scenarios
    /// written before it existed get the default.
    #[serde(
        default = "Scoring::default_end_weight",
        deserialize_with = "checked::unit"
    )]
    pub end_weight: f64,
    /// Lowest scores for A, B, C and D; below the last is F.
    pub grade_bands: Vec<f64>,
}

impl Scoring {
    /// The shipped scenarios' blend: the final position counts most.
    pub const fn default_end_weight() -> f64 {
        0.85
    }
}

/// A playable situation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    /// Washington's briefing.
    pub briefing: String,
    /// Beijing's briefing, for a human playing China (hot-seat).
    #[serde(default)]
    pub china_briefing: Option<String>,
    pub start_year: i32,
    /// 1–4.
    pub start_quarter: u8,
    /// Turns (quarters) in the game.
    pub horizon: u32,
    /// The doctrine Beijing plays unless the player chooses another.
    pub doctrine: String,
    /// Event ids in this scenario's deck; empty means the whole deck.
    #[serde(default)]
    pub events: Vec<String>,
    pub start: StartState,
    pub scoring: Scoring,
    /// What the model assumes, what is contested, what it leaves out.
    pub model_card: ModelCard,
}

/// A scenario's model card, for class discussion of the model's limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCard {
    pub assumes: Vec<String>,
    pub contested: Vec<String>,
    pub leaves_out: Vec<String>,
}

/// The model's tunable constants (assets/model.ron). See MODEL.md for the
/// shape they parameterise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelParams {
    // What Chinese firms buy.
    #[serde(deserialize_with = "checked::pct")]
    pub ceiling_h20: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub ceiling_stronger: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub rolling_margin: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub import_base: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub import_slope: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub import_max: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub resolve_discount: f64,
    // Dependence (U.S. leverage).
    #[serde(deserialize_with = "checked::unit")]
    pub dependence_rate: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub leverage_lost_below: f64,
    // Resolve.
    #[serde(deserialize_with = "checked::non_negative")]
    pub resolve_drift_banned: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub resolve_drift_equipment: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub resolve_relax_rate: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub resolve_floor: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub resolve_relax_share: f64,
    // Domestic chips.
    #[serde(deserialize_with = "checked::non_negative")]
    pub quality_base: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub quality_per_funding: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub quality_per_resolve: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub quality_equipment_bite: f64,
    /// The part of equipment controls that bites without allies (U.S. tool
    /// makers alone); the rest scales with allied alignment.
    #[serde(deserialize_with = "checked::unit")]
    pub equipment_bite_unilateral: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub progress_noise: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub volume_base: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub volume_per_funding: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub volume_per_resolve: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub volume_per_tools: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub volume_equipment_bite: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub tools_base: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub tools_per_equipment: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub euv_rate: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub euv_per_tools: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub funding_maturation: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub funding_decay: f64,
    // Compute.
    #[serde(deserialize_with = "checked::unit")]
    pub us_growth: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub buildout_growth: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub buildout_decay: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub cn_depreciation: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub cn_import_yield: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub cn_domestic_yield: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub cn_leak_base: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub leak_cut_per_enforcement: f64,
    /// How much each point of the leakage stock (stockpiling, smuggling
    /// networks) multiplies base leakage.
    #[serde(deserialize_with = "checked::non_negative")]
    pub leak_per_leakage: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub leakage_decay: f64,
    // Capability gap.
    #[serde(deserialize_with = "checked::months")]
    pub gap_base: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub gap_per_lead: f64,
    #[serde(deserialize_with = "checked::months")]
    pub gap_cut_per_ceiling: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub gap_rate: f64,
    // Tension, minerals, allies, industry.
    #[serde(deserialize_with = "checked::pct")]
    pub tension_baseline: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub tension_relax: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub blockade_tension: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub stress_decay: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub minerals_per_program: f64,
    /// Share of the mineral programme that lapses each quarter unless
    /// Washington keeps funding it.
    #[serde(default, deserialize_with = "checked::unit")]
    pub mineral_program_decay: f64,
    /// Quarterly cut in China's leverage per 10 points of allied alignment
    /// above `minerals_allies_from`: allies diversifying supply together.
    #[serde(default, deserialize_with = "checked::non_negative")]
    pub minerals_per_allies: f64,
    #[serde(default, deserialize_with = "checked::pct")]
    pub minerals_allies_from: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub minerals_floor: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub allies_baseline: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub allies_relax: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub allies_revenue_share: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub allies_blockade: f64,
    /// Quarterly allied drift away while Washington sells the stronger chip.
    #[serde(deserialize_with = "checked::non_negative")]
    pub allies_stronger: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub industry_base: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub industry_per_share: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub industry_rate: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub industry_per_equipment: f64,
    #[serde(deserialize_with = "checked::non_negative")]
    pub industry_revenue_share: f64,
    /// Policy whiplash: a change of standing policy within this many
    /// quarters of the last one costs allies and U.S. firms, who cannot
    /// plan around rules that keep changing.
    #[serde(default, deserialize_with = "checked::non_negative")]
    pub churn_window: f64,
    #[serde(default, deserialize_with = "checked::non_negative")]
    pub churn_allies: f64,
    #[serde(default, deserialize_with = "checked::non_negative")]
    pub churn_industry: f64,
    // Turn structure.
    #[serde(deserialize_with = "checked::unit")]
    pub event_chance: f64,
    /// How much harder a standing situation bites for each quarter it has
    /// already stood unanswered: its `each_quarter` effects are multiplied
    /// by 1 + this × quarters stood.
    #[serde(default, deserialize_with = "checked::non_negative")]
    pub standing_growth: f64,
    #[serde(deserialize_with = "checked::unit")]
    pub fatigue_decay: f64,
    /// Where each objective scores 0 and 100.
    pub score_spans: ScoreSpans,
}

/// The gauge values at which an objective scores 0 and 100; in between it
/// scores in proportion, and beyond them it stays at 0 or 100. `zero` may
/// lie above `full` where less is better (tension, China's leverage).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    #[serde(deserialize_with = "checked::pct")]
    pub zero: f64,
    #[serde(deserialize_with = "checked::pct")]
    pub full: f64,
}

impl Span {
    /// The objective's score, 0–100, for a gauge value.
    pub fn score(&self, value: f64) -> f64 {
        let width = self.full - self.zero;
        if width.abs() < 1e-9 {
            return if value >= self.full { 100.0 } else { 0.0 };
        }
        ((value - self.zero) / width * 100.0).clamp(0.0, 100.0)
    }
}

/// How each objective's gauge maps onto its 0–100 score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSpans {
    /// Compute lead, %.
    pub compute_lead: Span,
    pub us_leverage: Span,
    /// Capability gap, months.
    pub capability_gap: Span,
    pub allies: Span,
    pub us_industry: Span,
    /// Stability, read off tension.
    pub tension: Span,
    /// Mineral security, read off China's leverage.
    pub china_leverage: Span,
}

/// The purpose that draws a hidden doctrine from a game's seed.
const HIDDEN_DOCTRINE: u64 = 0x6869_6464_656e;

/// Everything one game is played with: the model, the tables, the chosen
/// doctrine and the scenario's deck. Built once, shared by every turn.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub model: ModelParams,
    /// Indexed by `MoveId::index()`.
    pub moves: Vec<MoveDef>,
    /// Indexed by `ResponseId::index()`.
    pub responses: Vec<ResponseDef>,
    /// The doctrine Beijing plays.
    pub doctrine: Doctrine,
    /// When Washington is not told `doctrine`: the doctrines it cannot yet
    /// tell apart (the true one among them), which its searches weigh by
    /// the belief the public record supports. Empty when the doctrine is
    /// known.
    pub suspects: Vec<Doctrine>,
    pub events: Vec<EventDef>,
    pub scenario: Scenario,
}

impl Rules {
    /// The same rules with no move wearing out with repetition (every
    /// `diminishing` 0): the ablation that checks a skill margin is not
    /// bought by punishing repetition as such.
    pub fn without_wear(mut self) -> Rules {
        for m in &mut self.moves {
            m.diminishing = 0.0;
        }
        self
    }

    /// The same rules with Beijing's doctrine hidden from Washington, who
    /// must tell it apart from `suspects` (the true doctrine is added if
    /// missing).
    pub fn hiding_doctrine(mut self, mut suspects: Vec<Doctrine>) -> Rules {
        if !suspects.iter().any(|d| d.id == self.doctrine.id) {
            suspects.push(self.doctrine.clone());
        }
        self.suspects = suspects;
        self
    }

    /// The same hidden-doctrine rules with Beijing's doctrine drawn from the
    /// suspects by a game's seed (unchanged when the doctrine is known).
    pub fn drawing_doctrine(mut self, seed: u64) -> Rules {
        if !self.suspects.is_empty() {
            let pick = super::rng::derive_seed(seed, HIDDEN_DOCTRINE) % self.suspects.len() as u64;
            self.doctrine = self.suspects[pick as usize].clone();
        }
        self
    }

    /// Whether Washington plays without being told Beijing's doctrine.
    pub fn doctrine_hidden(&self) -> bool {
        !self.suspects.is_empty()
    }

    /// The doctrine that answers in this state: the true one in a real
    /// game, the suspect a search drew in a game it imagines.
    pub fn beijing(&self, state: &State) -> &Doctrine {
        state
            .suspect
            .and_then(|i| self.suspects.get(usize::from(i)))
            .unwrap_or(&self.doctrine)
    }

    pub fn move_def(&self, id: MoveId) -> &MoveDef {
        &self.moves[id.index()]
    }

    pub fn response_def(&self, id: ResponseId) -> &ResponseDef {
        &self.responses[id.index()]
    }

    /// The quality of the best U.S. chip China may buy, on the domestic
    /// quality scale, given the quality of its own best chip.
    pub fn ceiling_quality(&self, ceiling: Ceiling, domestic_quality: f64) -> f64 {
        match ceiling {
            Ceiling::Banned => 0.0,
            Ceiling::H20Class => self.model.ceiling_h20,
            Ceiling::Stronger => self.model.ceiling_stronger,
            Ceiling::Rolling => (domestic_quality + self.model.rolling_margin).min(100.0),
        }
    }
}
