//! Hot-seat play: a second player (or team) plays Beijing, choosing each
//! quarter from the same responses the scripted doctrines use. Both sides
//! move blind: a "pass the keyboard" screen hides Washington's choice until
//! Beijing has chosen, and the turn report then shows both.

use crate::engine::ids::ResponseId;
use crate::engine::rules::{Rules, Scale};
use crate::engine::{Gauge, Measure, MoveId, Stock};
use crate::save::Players;

use crate::describe::signed2;
use crate::strings;

/// Which side holds the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Us,
    China,
}

/// The state of a hot-seat game between the two sides' choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HotSeat {
    pub us_name: String,
    pub china_name: String,
    /// Washington's choice this quarter, hidden until Beijing has chosen.
    pub pending: Option<MoveId>,
    /// The highlighted response in `ResponseId::ALL`.
    pub selected: usize,
    /// Whether Beijing has read its briefing.
    pub briefed: bool,
}

impl HotSeat {
    pub fn new(players: &Players) -> HotSeat {
        HotSeat {
            us_name: players
                .us
                .clone()
                .unwrap_or_else(|| strings::US_SIDE.to_string()),
            china_name: players
                .china
                .clone()
                .unwrap_or_else(|| strings::CHINA_SIDE.to_string()),
            pending: None,
            selected: 0,
            briefed: false,
        }
    }

    pub fn name(&self, side: Side) -> &str {
        match side {
            Side::Us => &self.us_name,
            Side::China => &self.china_name,
        }
    }

    pub fn selected_response(&self) -> ResponseId {
        ResponseId::ALL[self.selected.min(ResponseId::COUNT - 1)]
    }

    pub fn move_highlight(&mut self, by: isize) {
        let n = ResponseId::COUNT as isize;
        self.selected = (self.selected as isize + by).rem_euclid(n) as usize;
    }
}

/// Who plays Beijing, for Washington's briefing: "Team Red plays Beijing,
/// at the same keyboard".
pub fn china_player_line(hot_seat: &HotSeat) -> String {
    if hot_seat.china_name == strings::CHINA_SIDE {
        "a second player plays Beijing, at the same keyboard".to_string()
    } else {
        format!(
            "{} plays Beijing, at the same keyboard",
            hot_seat.china_name
        )
    }
}

/// Beijing's briefing: the scenario's own, or a general one.
pub fn china_briefing(rules: &Rules) -> String {
    rules
        .scenario
        .china_briefing
        .clone()
        .unwrap_or_else(|| strings::CHINA_BRIEFING_FALLBACK.to_string())
}

/// A stock's name for a response's preview.
fn stock_words(stock: Stock) -> String {
    match stock {
        Stock::UsLeverage => strings::gauge_label(Gauge::UsLeverage).to_string(),
        Stock::ChinaLeverage => strings::gauge_label(Gauge::ChinaLeverage).to_string(),
        Stock::CapabilityGap => format!("{} (months)", strings::gauge_label(Gauge::CapabilityGap)),
        Stock::Allies => strings::gauge_label(Gauge::Allies).to_string(),
        Stock::UsIndustry => strings::gauge_label(Gauge::UsIndustry).to_string(),
        Stock::Tension => strings::gauge_label(Gauge::Tension).to_string(),
        Stock::CnCompute => "China's compute".to_string(),
        Stock::UsCompute => "U.S. compute".to_string(),
        Stock::MineralStress => strings::gauge_label(Gauge::MineralStress).to_string(),
        Stock::Resolve => "China's resolve".to_string(),
        Stock::Quality => "domestic chip quality".to_string(),
        Stock::Volume => "domestic chip volume".to_string(),
        Stock::Euv => "lithography (EUV) ceiling".to_string(),
        Stock::Tools => "domestic tool makers".to_string(),
        Stock::FundingPipeline => "funding (matures over ~3 quarters)".to_string(),
        Stock::Funding => "matured funding".to_string(),
        Stock::Leakage => "smuggling and renting abroad".to_string(),
        Stock::PurchaseBan => "quarters of purchase ban".to_string(),
        Stock::MineralProgram => "U.S. mineral programme".to_string(),
        Stock::Buildout => "U.S. data-centre build-out".to_string(),
        Stock::Overture => "an offer to negotiate".to_string(),
    }
}

/// A gauge's or stock's name, for a scaled effect ("× China leverage/100").
fn measure_words(measure: Measure) -> String {
    match measure {
        Measure::Stock(stock) => stock_words(stock),
        Measure::Gauge(gauge) => strings::gauge_label(gauge).to_string(),
    }
}

/// The preview of a response: its direct effects in words, the same
/// numbers the scripted doctrines' responses apply.
pub fn response_preview(rules: &Rules, response: ResponseId) -> Vec<String> {
    let def = rules.response_def(response);
    if def.effects.is_empty() {
        return vec![strings::NO_DIRECT_EFFECT.to_string()];
    }
    def.effects
        .iter()
        .map(|e| {
            if e.stock == Stock::Overture {
                // An on/off flag, not an amount: say what it does.
                return strings::OVERTURE_EFFECT.to_string();
            }
            let scale = match e.scale {
                None => String::new(),
                Some(Scale::By(m)) => format!(" × {}/100", measure_words(m)),
                Some(Scale::ByInverse(m)) => format!(" × (1 − {}/100)", measure_words(m)),
            };
            format!("{} {}{scale}", stock_words(e.stock), signed2(e.amount))
        })
        .collect()
}

/// A response by number (from 1), id or name, any case.
pub fn parse_response(rules: &Rules, text: &str) -> Option<ResponseId> {
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        return n
            .checked_sub(1)
            .and_then(|i| ResponseId::ALL.get(i).copied());
    }
    let lower = text.to_lowercase();
    ResponseId::ALL
        .iter()
        .copied()
        .find(|r| r.as_str() == lower || rules.response_def(*r).name.to_lowercase() == lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    #[test]
    fn every_response_has_a_preview_and_parses_by_number_and_name() {
        let content = Content::builtin().unwrap();
        let rules = content.rules("h20-reversal", None).unwrap();
        for (i, r) in ResponseId::ALL.iter().enumerate() {
            assert!(!response_preview(&rules, *r).is_empty());
            assert_eq!(parse_response(&rules, &(i + 1).to_string()), Some(*r));
            assert_eq!(parse_response(&rules, r.as_str()), Some(*r));
        }
        assert_eq!(parse_response(&rules, "0"), None);
        assert_eq!(parse_response(&rules, "nonsense"), None);
        let retaliation = response_preview(&rules, ResponseId::RareEarthRetaliation).join("; ");
        assert!(
            retaliation.contains("× China leverage/100"),
            "{retaliation}"
        );
        let controls = response_preview(&rules, ResponseId::MineralControls).join("; ");
        assert!(controls.contains("China leverage +"), "{controls}");
        let negotiate = response_preview(&rules, ResponseId::Negotiate).join("; ");
        assert!(negotiate.contains(strings::OVERTURE_EFFECT), "{negotiate}");
        assert!(!negotiate.contains("+100"), "{negotiate}");
    }
}
