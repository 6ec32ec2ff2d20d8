//! The fixed vocabularies of the game: U.S. moves, China's responses, gauges
//! and the stocks that effects may touch. Their ids are the names players and
//! content authors type (DESIGN.md, "Names"), so each one parses from and
//! serialises to its kebab- or snake-case string.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Declares a closed set of ids that read and write as strings.
macro_rules! string_ids {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every id, in the canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// How many ids there are.
            pub const COUNT: usize = $name::ALL.len();

            /// The id as players and files spell it.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Position in [`Self::ALL`], for table lookups.
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, UnknownId> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|id| id.as_str() == s)
                    .ok_or_else(|| UnknownId {
                        what: $what,
                        given: s.to_string(),
                        expected: $name::ALL.iter().map(|id| id.as_str()).collect(),
                    })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(de::Error::custom)
            }
        }
    };
}

/// A string that names no id of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownId {
    pub what: &'static str,
    pub given: String,
    pub expected: Vec<&'static str>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}` (expected one of: {})",
            self.what,
            self.given,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownId {}

string_ids!(
    /// The thirteen U.S. moves, in DESIGN.md's order.
    MoveId, "move", {
        LicenseDowngraded => "license-downgraded",
        LicenseRevenueShare => "license-revenue-share",
        ApproveStrongerChip => "approve-stronger-chip",
        BanDowngraded => "ban-downgraded",
        TightenEquipment => "tighten-equipment",
        FullBlockade => "full-blockade",
        RollingThreshold => "rolling-threshold",
        CoordinateAllies => "coordinate-allies",
        Enforcement => "enforcement",
        SecureMinerals => "secure-minerals",
        BuildCompute => "build-compute",
        OpenTalks => "open-talks",
        HoldCourse => "hold-course",
    }
);

string_ids!(
    /// What Beijing can do in a quarter.
    ResponseId, "response", {
        FundIndigenisation => "fund-indigenisation",
        PurchaseBan => "purchase-ban",
        RareEarthRetaliation => "rare-earth-retaliation",
        StockpileAndSmuggle => "stockpile-and-smuggle",
        EfficiencyPush => "efficiency-push",
        EquipmentIndigenisation => "equipment-indigenisation",
        CourtAllies => "court-allies",
        Negotiate => "negotiate",
        MineralControls => "mineral-controls",
        WaitAndSee => "wait-and-see",
    }
);

string_ids!(
    /// The nine gauges the player watches.
    Gauge, "gauge", {
        ComputeLead => "compute_lead",
        UsLeverage => "us_leverage",
        ChinaLeverage => "china_leverage",
        SelfSufficiency => "self_sufficiency",
        CapabilityGap => "capability_gap",
        Allies => "allies",
        UsIndustry => "us_industry",
        Tension => "tension",
        MineralStress => "mineral_stress",
    }
);

string_ids!(
    /// The quantities carried from turn to turn. Effects in content files name
    /// these; where a stock *is* a gauge it carries the gauge's name.
    Stock, "stock", {
        UsCompute => "us_compute",
        CnCompute => "cn_compute",
        UsLeverage => "us_leverage",
        ChinaLeverage => "china_leverage",
        CapabilityGap => "capability_gap",
        Allies => "allies",
        UsIndustry => "us_industry",
        Tension => "tension",
        MineralStress => "mineral_stress",
        Resolve => "resolve",
        Quality => "quality",
        Volume => "volume",
        Euv => "euv",
        Tools => "tools",
        FundingPipeline => "funding_pipeline",
        Funding => "funding",
        Leakage => "leakage",
        PurchaseBan => "purchase_ban",
        MineralProgram => "mineral_program",
        Buildout => "buildout",
        Overture => "overture",
    }
);

impl Stock {
    /// The range a stock is held in after every change.
    pub const fn range(self) -> (f64, f64) {
        match self {
            Stock::UsCompute | Stock::CnCompute => (1.0, 1.0e6),
            Stock::CapabilityGap => (0.0, 36.0),
            Stock::PurchaseBan => (0.0, 12.0),
            Stock::FundingPipeline | Stock::Funding => (0.0, 200.0),
            _ => (0.0, 100.0),
        }
    }
}

impl Gauge {
    /// The range a gauge is shown in.
    pub const fn range(self) -> (f64, f64) {
        match self {
            Gauge::CapabilityGap => (0.0, 36.0),
            _ => (0.0, 100.0),
        }
    }

    /// Whether a rise in this gauge is good for Washington. A larger
    /// capability gap means China trails further, which is good for the U.S.
    pub const fn higher_is_better_for_us(self) -> bool {
        !matches!(
            self,
            Gauge::ChinaLeverage | Gauge::SelfSufficiency | Gauge::Tension | Gauge::MineralStress
        )
    }
}

/// Something a condition can measure: any stock, or a derived gauge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Stock(Stock),
    Gauge(Gauge),
}

impl FromStr for Measure {
    type Err = UnknownId;
    fn from_str(s: &str) -> Result<Self, UnknownId> {
        if let Ok(stock) = s.parse::<Stock>() {
            return Ok(Measure::Stock(stock));
        }
        s.parse::<Gauge>().map(Measure::Gauge).map_err(|_| {
            let mut expected: Vec<&'static str> = Gauge::ALL.iter().map(|g| g.as_str()).collect();
            for stock in Stock::ALL {
                if !expected.contains(&stock.as_str()) {
                    expected.push(stock.as_str());
                }
            }
            UnknownId {
                what: "gauge or stock",
                given: s.to_string(),
                expected,
            }
        })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Stock(s) => s.fmt(f),
            Measure::Gauge(g) => g.fmt(f),
        }
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_its_name() {
        for m in MoveId::ALL {
            assert_eq!(m.as_str().parse::<MoveId>(), Ok(*m));
        }
        for r in ResponseId::ALL {
            assert_eq!(r.as_str().parse::<ResponseId>(), Ok(*r));
        }
        for s in Stock::ALL {
            assert_eq!(s.as_str().parse::<Stock>(), Ok(*s));
        }
        assert_eq!(MoveId::COUNT, 13);
        assert_eq!(Gauge::COUNT, 9);
    }

    #[test]
    fn unknown_names_list_the_choices() {
        let err = "ban-downgrade".parse::<MoveId>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unknown move `ban-downgrade`"), "{text}");
        assert!(text.contains("ban-downgraded"), "{text}");
    }

    #[test]
    fn measures_accept_gauge_and_stock_names() {
        assert_eq!(
            "compute_lead".parse::<Measure>(),
            Ok(Measure::Gauge(Gauge::ComputeLead))
        );
        assert_eq!(
            "tension".parse::<Measure>(),
            Ok(Measure::Stock(Stock::Tension))
        );
        assert!("nonsense".parse::<Measure>().is_err());
    }
}

/// One side of the game: Washington, or Beijing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Us,
    China,
}
