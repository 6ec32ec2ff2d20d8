//! The state of a game between turns, the gauges derived from it, and its
//! checksum. Plain data: every rule that changes it lives in `turn`.

use serde::{Deserialize, Serialize};

use super::ids::{Gauge, Measure, MoveId, Stock};
use super::rules::{Ceiling, Policy, Rules, Scenario};
use super::score::Objective;

/// How a game ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Tension reached 100.
    Crisis,
    /// Mineral stress reached 100.
    Collapse,
    /// The scenario's last quarter was played.
    Horizon,
}

impl Outcome {
    pub const fn label(self) -> &'static str {
        match self {
            Outcome::Crisis => "crisis: tension reached 100",
            Outcome::Collapse => "supply-chain collapse: mineral stress reached 100",
            Outcome::Horizon => "the horizon: the last quarter was played",
        }
    }

    pub const fn is_loss(self) -> bool {
        matches!(self, Outcome::Crisis | Outcome::Collapse)
    }
}

/// A calendar quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    /// 1–4.
    pub quarter: u8,
}

impl Date {
    /// The date `turns` quarters after this one.
    pub fn plus_quarters(self, turns: u32) -> Date {
        let zero_based = i64::from(self.quarter.clamp(1, 4)) - 1 + i64::from(turns);
        Date {
            year: self.year.saturating_add((zero_based / 4) as i32),
            quarter: (zero_based % 4) as u8 + 1,
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} Q{}", self.year, self.quarter)
    }
}

/// The values of the nine gauges, indexed by `Gauge::index()`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gauges(pub [f64; Gauge::COUNT]);

impl Gauges {
    pub fn get(&self, gauge: Gauge) -> f64 {
        self.0[gauge.index()]
    }
}

/// Running sums of the objectives, for scoring averages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub turns: u32,
    /// Normalised objective values (0–100), summed over turns.
    pub objectives: [f64; Objective::COUNT],
    /// Raw gauge values summed over turns, for the simulator's means.
    pub gauges: [f64; Gauge::COUNT],
}

/// The whole state of a game between turns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Turns played so far (0 before the first).
    pub turn: u32,
    /// Indexed by `Stock::index()`.
    pub stocks: [f64; Stock::COUNT],
    pub policy: Policy,
    /// How worn each move is from recent repetition; indexed by `MoveId`.
    pub fatigue: [f64; MoveId::COUNT],
    /// The U.S. move of the last turn played.
    pub last_move: Option<MoveId>,
    /// Quarters since Washington last escalated at level 2 or more.
    pub since_escalation: u32,
    /// Quarters since Washington last changed standing policy.
    pub since_policy_change: u32,
    pub leverage_lost: bool,
    pub outcome: Option<Outcome>,
    pub totals: Totals,
    /// How many times each event has fired, by its index in the deck
    /// (missing entries are 0). Public: every event is on the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fired: Vec<u8>,
    /// Quarters each event's situation still stands unanswered, by its
    /// index in the deck (missing entries are 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standing: Vec<u8>,
    /// In a game a search imagines while Beijing's doctrine is hidden:
    /// which of the rules' suspects plays Beijing in it. None in a real
    /// game, where the rules' own doctrine plays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspect: Option<u8>,
}

impl State {
    /// The state before the first turn of a scenario.
    pub fn new(scenario: &Scenario) -> State {
        let s = &scenario.start;
        let mut stocks = [0.0; Stock::COUNT];
        for (stock, value) in [
            (Stock::UsCompute, s.us_compute),
            (Stock::CnCompute, s.cn_compute),
            (Stock::UsLeverage, s.us_leverage),
            (Stock::ChinaLeverage, s.china_leverage),
            (Stock::CapabilityGap, s.capability_gap),
            (Stock::Allies, s.allies),
            (Stock::UsIndustry, s.us_industry),
            (Stock::Tension, s.tension),
            (Stock::MineralStress, s.mineral_stress),
            (Stock::Resolve, s.resolve),
            (Stock::Quality, s.quality),
            (Stock::Volume, s.volume),
            (Stock::Euv, s.euv),
            (Stock::Tools, s.tools),
        ] {
            stocks[stock.index()] = value;
        }
        let mut policy = s.policy;
        policy.equipment = policy.equipment.min(Policy::MAX_EQUIPMENT);
        policy.enforcement = policy.enforcement.min(Policy::MAX_ENFORCEMENT);
        State {
            turn: 0,
            stocks,
            policy,
            fatigue: [0.0; MoveId::COUNT],
            last_move: None,
            since_escalation: u32::MAX / 2,
            since_policy_change: u32::MAX / 2,
            leverage_lost: false,
            outcome: None,
            totals: Totals::default(),
            fired: Vec::new(),
            standing: Vec::new(),
            suspect: None,
        }
    }

    /// How many times the event with this deck index has fired.
    pub fn times_fired(&self, event: usize) -> u8 {
        self.fired.get(event).copied().unwrap_or(0)
    }

    /// Quarters the situation of the event with this deck index still
    /// stands (0: none).
    pub fn standing_for(&self, event: usize) -> u8 {
        self.standing.get(event).copied().unwrap_or(0)
    }

    /// The situations standing, as (deck index, quarters left).
    pub fn situations(&self) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.standing
            .iter()
            .enumerate()
            .filter(|(_, q)| **q > 0)
            .map(|(i, q)| (i, *q))
    }

    /// Counts one firing of an event.
    pub fn note_fired(&mut self, event: usize) {
        grow(&mut self.fired, event);
        self.fired[event] = self.fired[event].saturating_add(1);
    }

    /// Sets how many quarters an event's situation stands.
    pub fn set_standing(&mut self, event: usize, quarters: u8) {
        if quarters == 0 && self.standing_for(event) == 0 {
            return;
        }
        grow(&mut self.standing, event);
        self.standing[event] = quarters;
    }

    pub fn get(&self, stock: Stock) -> f64 {
        self.stocks[stock.index()]
    }

    /// Sets a stock, held within its range.
    pub fn set(&mut self, stock: Stock, value: f64) {
        let (lo, hi) = stock.range();
        self.stocks[stock.index()] = value.clamp(lo, hi);
    }

    pub fn add(&mut self, stock: Stock, amount: f64) {
        self.set(stock, self.get(stock) + amount);
    }

    /// U.S. share of U.S.+China AI compute, %.
    pub fn compute_lead(&self) -> f64 {
        let us = self.get(Stock::UsCompute);
        100.0 * us / (us + self.get(Stock::CnCompute))
    }

    /// China's domestic chips: a blend of quality and volume.
    pub fn self_sufficiency(&self) -> f64 {
        0.5 * self.get(Stock::Quality) + 0.5 * self.get(Stock::Volume)
    }

    pub fn gauge(&self, gauge: Gauge) -> f64 {
        match gauge {
            Gauge::ComputeLead => self.compute_lead(),
            Gauge::UsLeverage => self.get(Stock::UsLeverage),
            Gauge::ChinaLeverage => self.get(Stock::ChinaLeverage),
            Gauge::SelfSufficiency => self.self_sufficiency(),
            Gauge::CapabilityGap => self.get(Stock::CapabilityGap),
            Gauge::Allies => self.get(Stock::Allies),
            Gauge::UsIndustry => self.get(Stock::UsIndustry),
            Gauge::Tension => self.get(Stock::Tension),
            Gauge::MineralStress => self.get(Stock::MineralStress),
        }
    }

    pub fn gauges(&self) -> Gauges {
        let mut values = [0.0; Gauge::COUNT];
        for gauge in Gauge::ALL {
            values[gauge.index()] = self.gauge(*gauge);
        }
        Gauges(values)
    }

    pub fn measure(&self, measure: Measure) -> f64 {
        match measure {
            Measure::Stock(stock) => self.get(stock),
            Measure::Gauge(gauge) => self.gauge(gauge),
        }
    }

    /// The quality of the best U.S. chip China may buy right now.
    pub fn ceiling_quality(&self, rules: &Rules) -> f64 {
        rules.ceiling_quality(self.policy.ceiling, self.get(Stock::Quality))
    }

    /// The share of China's AI chip purchases that go to U.S. chips, %:
    /// zero when Washington bans them or Beijing forbids buying them,
    /// otherwise growing with how much better the U.S. chip is than the
    /// domestic one, and discounted by China's resolve to go it alone.
    pub fn import_share(&self, rules: &Rules) -> f64 {
        if self.policy.ceiling == Ceiling::Banned || self.get(Stock::PurchaseBan) > 0.0 {
            return 0.0;
        }
        let m = &rules.model;
        let margin = self.ceiling_quality(rules) - self.get(Stock::Quality);
        let appeal = (m.import_base + m.import_slope * margin).clamp(0.0, m.import_max);
        appeal * (1.0 - m.resolve_discount * self.get(Stock::Resolve) / 100.0)
    }

    /// The date of the quarter about to be played.
    pub fn date(&self, scenario: &Scenario) -> Date {
        Date {
            year: scenario.start_year,
            quarter: scenario.start_quarter,
        }
        .plus_quarters(self.turn)
    }

    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// A fixed-algorithm hash (FNV-1a, 64 bits) of the state's canonical
    /// bytes, so that a replay can be compared turn by turn on any machine.
    pub fn checksum(&self) -> u64 {
        let mut h = Fnv::new();
        h.u64(u64::from(self.turn));
        for v in self.stocks {
            h.f64(v);
        }
        h.u64(self.policy.ceiling as u64);
        h.u64(u64::from(self.policy.equipment));
        h.u64(u64::from(self.policy.enforcement));
        h.u64(u64::from(self.policy.revenue_share));
        for v in self.fatigue {
            h.f64(v);
        }
        h.u64(self.last_move.map_or(u64::MAX, |m| m.index() as u64));
        h.u64(u64::from(self.since_escalation));
        h.u64(u64::from(self.since_policy_change));
        h.u64(u64::from(self.leverage_lost));
        h.u64(self.outcome.map_or(u64::MAX, |o| o as u64));
        h.u64(u64::from(self.totals.turns));
        for v in self.totals.objectives.iter().chain(&self.totals.gauges) {
            h.f64(*v);
        }
        // Counts by deck index; trailing zeros are the same state as
        // missing entries, so they are left out.
        for list in [&self.fired, &self.standing] {
            let len = list.iter().rposition(|v| *v > 0).map_or(0, |i| i + 1);
            h.u64(len as u64);
            for v in &list[..len] {
                h.byte(*v);
            }
        }
        // Always None in a real game, whose checksums saves keep.
        if let Some(i) = self.suspect {
            h.byte(i);
        }
        h.finish()
    }
}

/// Makes `list[index]` exist.
fn grow(list: &mut Vec<u8>, index: usize) {
    if list.len() <= index {
        list.resize(index + 1, 0);
    }
}

/// FNV-1a (64 bits) of a byte string: for fingerprints of content.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h = Fnv::new();
    for byte in bytes {
        h.byte(*byte);
    }
    h.finish()
}

/// FNV-1a over little-endian bytes: tiny, fixed, and the same everywhere.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn byte(&mut self, byte: u8) {
        self.0 ^= u64::from(byte);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn u64(&mut self, v: u64) {
        for byte in v.to_le_bytes() {
            self.byte(byte);
        }
    }

    fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_roll_over_years() {
        let start = Date {
            year: 2025,
            quarter: 3,
        };
        assert_eq!(start.plus_quarters(0).to_string(), "2025 Q3");
        assert_eq!(start.plus_quarters(2).to_string(), "2026 Q1");
        assert_eq!(start.plus_quarters(15).to_string(), "2029 Q2");
    }
}
