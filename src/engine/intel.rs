//! What Washington's intelligence estimates of the hidden quantities: the
//! true values blurred by a fixed, seeded error, so that they are honest
//! about being guesses yet repeat exactly in a replay. Shown in the
//! intelligence panel; the expert player searches from them.

use super::rng::derive_seed;
use super::{Rules, State, Stock};

/// An estimate of a hidden quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The stock estimated, or None for a quantity Washington knows exactly.
    pub stock: Option<Stock>,
    pub label: &'static str,
    /// What the number means.
    pub unit: &'static str,
    pub value: f64,
    /// Half-width of the likely range.
    pub uncertainty: f64,
}

impl Estimate {
    pub fn low(&self) -> f64 {
        (self.value - self.uncertainty).max(0.0)
    }

    pub fn high(&self) -> f64 {
        (self.value + self.uncertainty).min(100.0)
    }

    /// "≈46 (40–52)".
    pub fn text(&self) -> String {
        if self.uncertainty <= 0.0 {
            format!("{:.0}", self.value)
        } else {
            format!("≈{:.0} ({:.0}–{:.0})", self.value, self.low(), self.high())
        }
    }
}

/// What the intelligence panel estimates, with how sure Washington is (±).
pub const HIDDEN: &[(Stock, &str, &str, f64)] = &[
    (
        Stock::Quality,
        "Domestic chip quality",
        "China's best chip, 0–100",
        8.0,
    ),
    (
        Stock::Volume,
        "Domestic chip volume",
        "output of China's fabs, 0–100",
        10.0,
    ),
    (
        Stock::Leakage,
        "Stockpiles and smuggling",
        "chips leaking past controls, 0–100",
        12.0,
    ),
    (
        Stock::Resolve,
        "China's resolve",
        "labs and chipmakers behind self-reliance, 0–100",
        10.0,
    ),
    (
        Stock::Euv,
        "Lithography (EUV) capability",
        "ceiling on domestic chip quality, 0–100",
        8.0,
    ),
    (
        Stock::Tools,
        "Domestic equipment makers",
        "China's own chipmaking tools, 0–100",
        8.0,
    ),
];

/// Estimates of the hidden quantities, after the export ceiling (known
/// exactly) to compare domestic quality against.
pub fn estimates(rules: &Rules, state: &State, seed: u64) -> Vec<Estimate> {
    let mut list = vec![Estimate {
        stock: None,
        label: "Best U.S. chip China may buy",
        unit: "our export ceiling, same scale as domestic quality",
        value: state.ceiling_quality(rules),
        uncertainty: 0.0,
    }];
    for (i, (stock, label, unit, uncertainty)) in HIDDEN.iter().enumerate() {
        // A fixed error for this game and quarter, within the stated range.
        let noise = derive_seed(seed, u64::from(state.turn) * 64 + i as u64);
        let unit_noise = (noise >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
        let value = (state.get(*stock) + unit_noise * uncertainty * 0.6).clamp(0.0, 100.0);
        list.push(Estimate {
            stock: Some(*stock),
            label,
            unit,
            value,
            uncertainty: *uncertainty,
        });
    }
    list
}
