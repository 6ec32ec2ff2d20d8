//! What a turn tells the player: China's response(s) with reasons, any event,
//! and each gauge's change broken down into named causes.

use serde::{Deserialize, Serialize};

use super::ids::{Gauge, MoveId, ResponseId};
use super::state::{Gauges, Outcome};

/// The slow trends that apply every quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trend {
    /// China's firms buy (or stop buying) U.S. chips; dependence follows.
    ChipPurchases,
    /// China's resolve hardens under bans or relaxes with access.
    ResolveDrift,
    /// Domestic chips improve with time, funding and resolve.
    DomesticChips,
    /// U.S. data centres grow.
    UsBuildout,
    /// China's compute: imports, domestic output, leakage, wear.
    ChinaCompute,
    /// The capability gap drifts toward what compute and chips allow.
    CapabilityDrift,
    /// Tension relaxes toward its baseline; a blockade pushes it up.
    TensionDrift,
    /// Mineral stress eases; mineral programmes cut dependence on China.
    Minerals,
    /// Allies drift back toward their usual alignment.
    AlliesDrift,
    /// U.S. chip firms' China revenue follows their sales.
    IndustryDrift,
}

impl Trend {
    pub const fn label(self) -> &'static str {
        match self {
            Trend::ChipPurchases => "Chinese purchases of U.S. chips",
            Trend::ResolveDrift => "China's resolve",
            Trend::DomesticChips => "domestic chips improved",
            Trend::UsBuildout => "U.S. data-centre growth",
            Trend::ChinaCompute => "China's compute (imports, domestic, leakage)",
            Trend::CapabilityDrift => "capability catch-up",
            Trend::TensionDrift => "tension drift",
            Trend::Minerals => "mineral supply",
            Trend::AlliesDrift => "allied drift",
            Trend::IndustryDrift => "U.S. firms' China sales",
        }
    }
}

/// Why a gauge moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cause {
    Move(MoveId),
    Response(ResponseId),
    /// An event, by its id in the deck.
    Event(String),
    /// An event from the deck that the class's control sent into this
    /// game: it fires whatever its condition says.
    Inject(String),
    /// A situation an event left standing, answered by Washington's move
    /// this quarter (the event's id).
    Answered(String),
    /// A situation an event left standing, biting another quarter
    /// because nothing answered it (the event's id).
    Standing(String),
    Trend(Trend),
}

/// One named part of a gauge's change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub cause: Cause,
    pub amount: f64,
}

/// A gauge's change over the turn, with its causes; the contributions sum to
/// `after - before`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GaugeChange {
    pub gauge: Gauge,
    pub before: f64,
    pub after: f64,
    pub contributions: Vec<Contribution>,
}

impl GaugeChange {
    pub fn delta(&self) -> f64 {
        self.after - self.before
    }
}

/// A response Beijing chose, with the reason its doctrine gives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseRecord {
    pub response: ResponseId,
    /// The doctrine's stated reason; empty where the doctrine is hidden.
    pub reason: String,
}

/// An event that fired this turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Where an effect is cut by U.S. leverage (leverage as deterrence):
    /// what it would have been with none, and what it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deterrence: Option<Deterrence>,
}

/// How far Washington's leverage cut an event's blow.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deterrence {
    pub stock: super::ids::Stock,
    /// The change with no U.S. leverage at all.
    pub unchecked: f64,
    /// The change as it happened.
    pub actual: f64,
    /// U.S. leverage when it fired.
    pub leverage: f64,
}

/// Everything that happened in one turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TurnReport {
    /// The turn just played, from 1.
    pub turn: u32,
    pub us_move: MoveId,
    /// Whether the move changed standing policy.
    pub policy_changed: bool,
    pub responses: Vec<ResponseRecord>,
    pub event: Option<EventRecord>,
    /// Events the class's control sent into this quarter (after the drawn
    /// event, in the order they were sent).
    #[serde(default)]
    pub injects: Vec<EventRecord>,
    /// Standing situations Washington's move answered this quarter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered: Vec<EventRecord>,
    /// One entry per gauge, in `Gauge::ALL` order.
    pub changes: Vec<GaugeChange>,
    /// Set on the turn China's domestic chips overtook the ceiling and its
    /// dependence fell away.
    pub leverage_lost_now: bool,
    pub outcome: Option<Outcome>,
    /// Checksum of the state after the turn.
    pub checksum: u64,
}

impl TurnReport {
    pub fn change(&self, gauge: Gauge) -> &GaugeChange {
        &self.changes[gauge.index()]
    }
}

/// Where the turn records the causes of gauge changes. The batch simulator
/// uses [`NoLedger`], which compiles the bookkeeping away.
pub trait Ledger {
    const ON: bool;
    fn record(&mut self, cause: &Cause, before: &Gauges, after: &Gauges);
}

/// Records nothing.
pub struct NoLedger;

impl Ledger for NoLedger {
    const ON: bool = false;
    fn record(&mut self, _: &Cause, _: &Gauges, _: &Gauges) {}
}

/// Records every non-zero contribution, per gauge, in order.
#[derive(Default)]
pub struct Breakdown {
    pub per_gauge: [Vec<Contribution>; Gauge::COUNT],
}

impl Ledger for Breakdown {
    const ON: bool = true;
    fn record(&mut self, cause: &Cause, before: &Gauges, after: &Gauges) {
        for gauge in Gauge::ALL {
            let amount = after.get(*gauge) - before.get(*gauge);
            if amount != 0.0 {
                let list = &mut self.per_gauge[gauge.index()];
                // Merge repeated causes (e.g. two steps of the same trend).
                match list.iter_mut().find(|c| c.cause == *cause) {
                    Some(existing) => existing.amount += amount,
                    None => list.push(Contribution {
                        cause: cause.clone(),
                        amount,
                    }),
                }
            }
        }
    }
}
