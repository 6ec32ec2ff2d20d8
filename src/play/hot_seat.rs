//! Hot-seat play: a second player (or team) plays Beijing, choosing each
//! quarter from the same responses the scripted doctrines use. Both sides
//! move blind: a "pass the keyboard" screen hides Washington's choice until
//! Beijing has chosen, and the turn report then shows both.

use crate::engine::ids::ResponseId;
use crate::engine::rules::{Rules, Scale};
use crate::engine::{Gauge, Measure, MoveId, State, Stock};
use crate::save::Players;

use crate::strings;

pub use crate::engine::ids::Side;

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
    /// In a match over the network: the one side this screen plays (the
    /// other is on another connection). None: both sides share the
    /// keyboard.
    pub remote: Option<Side>,
}

/// A side's choice for the quarter, in a match: what a seat sends to the
/// match, which plays the turn once both are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Us(MoveId),
    China(ResponseId),
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
            remote: None,
        }
    }

    /// A seat in a match over the network, playing `side` only.
    pub fn seat(players: &Players, side: Side) -> HotSeat {
        HotSeat {
            remote: Some(side),
            ..HotSeat::new(players)
        }
    }

    pub fn name(&self, side: Side) -> &str {
        match side {
            Side::Us => &self.us_name,
            Side::China => &self.china_name,
        }
    }

    /// The players' names as a save records them (a side's own name, as
    /// "Beijing", is no player's name).
    pub fn players(&self) -> Players {
        let named = |name: &str, side: &str| (name != side).then(|| name.to_string());
        Players {
            us: named(&self.us_name, strings::US_SIDE),
            china: named(&self.china_name, strings::CHINA_SIDE),
        }
    }

    /// Who plays whom, for a header: "Blue (U.S.) vs Red (China)", or
    /// "U.S. vs China (human)" for players without names.
    pub fn players_label(&self) -> String {
        let us = if self.us_name == strings::US_SIDE {
            "U.S.".to_string()
        } else {
            format!("{} (U.S.)", self.us_name)
        };
        let china = if self.china_name == strings::CHINA_SIDE {
            format!("China ({})", strings::CHINA_HUMAN)
        } else {
            format!("{} (China)", self.china_name)
        };
        format!("{us} vs {china}")
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

/// A stock's name, for effects on stocks that are not gauges.
fn stock_words(stock: Stock) -> String {
    match stock {
        Stock::CnCompute => "China's compute".to_string(),
        Stock::UsCompute => "U.S. compute".to_string(),
        Stock::Resolve => "China's resolve".to_string(),
        Stock::Quality => "domestic chip quality".to_string(),
        Stock::Volume => "domestic chip volume".to_string(),
        Stock::Euv => "the lithography (EUV) ceiling".to_string(),
        Stock::Tools => "domestic tool makers".to_string(),
        Stock::FundingPipeline | Stock::Funding => "funding for domestic chips".to_string(),
        Stock::Leakage => "smuggling and renting abroad".to_string(),
        Stock::PurchaseBan => "the purchase ban".to_string(),
        Stock::MineralProgram => "the U.S. mineral programme".to_string(),
        Stock::Buildout => "the U.S. data-centre build-out".to_string(),
        Stock::Overture => "an offer to negotiate".to_string(),
        _ => match gauge_of(stock) {
            Some(g) => gauge_subject(g).to_string(),
            None => stock.as_str().replace('_', " "),
        },
    }
}

/// The gauge a stock is, where it is one (the others are derived).
fn gauge_of(stock: Stock) -> Option<Gauge> {
    match stock {
        Stock::UsLeverage => Some(Gauge::UsLeverage),
        Stock::ChinaLeverage => Some(Gauge::ChinaLeverage),
        Stock::CapabilityGap => Some(Gauge::CapabilityGap),
        Stock::Allies => Some(Gauge::Allies),
        Stock::UsIndustry => Some(Gauge::UsIndustry),
        Stock::Tension => Some(Gauge::Tension),
        Stock::MineralStress => Some(Gauge::MineralStress),
        _ => None,
    }
}

/// A gauge as the subject of a sentence ("U.S. mineral stress rises").
fn gauge_subject(gauge: Gauge) -> &'static str {
    match gauge {
        Gauge::ComputeLead => "the U.S. compute lead",
        Gauge::UsLeverage => "U.S. leverage",
        Gauge::ChinaLeverage => "China's mineral leverage",
        Gauge::SelfSufficiency => "China's self-sufficiency",
        Gauge::CapabilityGap => "the capability gap",
        Gauge::Allies => "allied alignment",
        Gauge::UsIndustry => "U.S. industry",
        Gauge::Tension => "tension",
        Gauge::MineralStress => "U.S. mineral stress",
    }
}

/// What a gauge's points are: "(of 100)", "months".
fn gauge_unit(gauge: Gauge) -> &'static str {
    match gauge {
        Gauge::ComputeLead => "points",
        Gauge::CapabilityGap => "months",
        _ => "(of 100)",
    }
}

fn measure_words(measure: Measure) -> String {
    match measure {
        Measure::Stock(stock) => stock_words(stock),
        Measure::Gauge(gauge) => gauge_subject(gauge).to_string(),
    }
}

/// An amount without needless decimals: "40", "1.5".
fn amount(x: f64) -> String {
    let x = x.abs();
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// An estimate with its sign: "+28", "+0.4".
fn about(x: f64) -> String {
    if x.abs() >= 10.0 {
        format!("{x:+.0}")
    } else {
        format!("{x:+.1}")
    }
}

/// A small amount without its sign: "0.4", "0.05".
fn small(x: f64) -> String {
    if x.abs() < 0.1 {
        format!("{:.2}", x.abs())
    } else {
        amount(x)
    }
}

fn rises(x: f64) -> &'static str {
    if x >= 0.0 { "rises" } else { "falls" }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One effect of a response, in words, with whether it is good for
/// Beijing (None: neither, as an offer).
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseEffect {
    pub text: String,
    pub good_for_china: Option<bool>,
    /// The gauges this effect moves in the turn report, with about how
    /// much at today's values.
    pub gauges: Vec<(Gauge, f64)>,
}

impl ResponseEffect {
    /// "✓ Tension rises by 6 points (of 100)".
    pub fn marked(&self) -> String {
        format!(
            "{} {}",
            crate::describe::judgement_mark(self.good_for_china),
            self.text
        )
    }
}

/// Whether more of a stock that is not a gauge helps Beijing.
fn more_is_good_for_china(stock: Stock) -> bool {
    !matches!(
        stock,
        Stock::UsCompute | Stock::MineralProgram | Stock::Buildout
    )
}

/// Every effect of a response, in words, as the turn report will apply it:
/// each gauge it moves (with about how much at today's values, which may
/// shift a little with Washington's hidden move) and each slower effect it
/// sets going. From Beijing's point of view: ✓ good for Beijing.
pub fn response_effects(rules: &Rules, state: &State, response: ResponseId) -> Vec<ResponseEffect> {
    let def = rules.response_def(response);
    if def.effects.is_empty() {
        return vec![ResponseEffect {
            text: strings::NO_DIRECT_EFFECT.to_string(),
            good_for_china: None,
            gauges: Vec::new(),
        }];
    }
    def.effects
        .iter()
        .map(|e| {
            if e.stock == Stock::Overture {
                // An on/off flag, not an amount: say what it does.
                return ResponseEffect {
                    text: capitalised(strings::OVERTURE_EFFECT),
                    good_for_china: None,
                    gauges: Vec::new(),
                };
            }
            let scale = match e.scale {
                None => 1.0,
                Some(Scale::By(m)) => state.measure(m) / 100.0,
                Some(Scale::ByInverse(m)) => 1.0 - state.measure(m) / 100.0,
            };
            // The gauges as the report will count them: apply the effect
            // to today's state and see what moves (a stock may move a
            // gauge it is not, as China's compute moves the compute lead).
            let mut after = state.clone();
            after.add(e.stock, e.amount * scale);
            let gauges: Vec<(Gauge, f64)> = Gauge::ALL
                .iter()
                .map(|g| (*g, after.gauge(*g) - state.gauge(*g)))
                .filter(|(_, d)| d.abs() >= 1e-9)
                .collect();
            let text = match (gauge_of(e.stock), e.scale) {
                (Some(g), None) => format!(
                    "{} {} by {} {}",
                    capitalised(gauge_subject(g)),
                    rises(e.amount),
                    amount(e.amount),
                    gauge_unit(g)
                ),
                (Some(g), Some(scale)) => {
                    let (m, more) = match scale {
                        Scale::By(m) => (m, "more"),
                        Scale::ByInverse(m) => (m, "less"),
                    };
                    let now = gauges.iter().find(|(x, _)| *x == g).map_or(0.0, |x| x.1);
                    format!(
                        "{} {} by up to {} {}, {more} the greater {} (now {} → about {})",
                        capitalised(gauge_subject(g)),
                        rises(e.amount),
                        amount(e.amount),
                        gauge_unit(g),
                        measure_words(m),
                        amount(state.measure(m)),
                        about(now)
                    )
                }
                (None, _) => {
                    let mut text = slow_effect(e.stock, e.amount * scale);
                    for (g, d) in &gauges {
                        text.push_str(&format!(
                            " ({} {} by about {} {} now)",
                            gauge_subject(*g),
                            rises(*d),
                            small(*d),
                            gauge_unit(*g)
                        ));
                    }
                    text
                }
            };
            let good_for_china = match gauges.first() {
                Some((g, d)) => crate::describe::judgement_for_china(*g, *d)
                    .or(Some(higher_is_good(*g, e.amount))),
                None => Some(more_is_good_for_china(e.stock) == (e.amount > 0.0)),
            };
            ResponseEffect {
                text,
                good_for_china,
                gauges,
            }
        })
        .collect()
}

/// A tiny change still has a direction: judge it by its sign.
fn higher_is_good(gauge: Gauge, amount: f64) -> bool {
    crate::describe::higher_is_better_for_china(gauge) == (amount > 0.0)
}

/// What a stock that is not a gauge does, later, in words.
fn slow_effect(stock: Stock, by: f64) -> String {
    match stock {
        Stock::FundingPipeline => format!(
            "Funding of {} for domestic chips, maturing over about 3 quarters: better chips sooner",
            amount(by)
        ),
        Stock::Resolve if by >= 0.0 => format!(
            "China's resolve rises by {} (of 100): firms buy fewer U.S. chips",
            amount(by)
        ),
        Stock::Resolve => format!(
            "China's resolve falls by {} (of 100): firms grumble",
            amount(by)
        ),
        Stock::PurchaseBan => format!(
            "Firms buy no U.S. chips for {} quarters, so U.S. leverage fades",
            amount(by)
        ),
        Stock::Leakage => format!(
            "Smuggling and renting abroad rises by {} (of 100): compute leaks past U.S. controls",
            amount(by)
        ),
        Stock::Tools => format!(
            "Domestic tool makers grow by {} (of 100): chip volume grows faster",
            amount(by)
        ),
        Stock::Euv => format!(
            "The lithography (EUV) ceiling rises by {} (of 100): room for better chips",
            amount(by)
        ),
        // Compute has no unit a player knows: its gauge, the lead, says how much.
        Stock::CnCompute if by >= 0.0 => "China's compute grows".to_string(),
        Stock::CnCompute => "China's compute dips".to_string(),
        _ => format!(
            "{} {} by {}",
            capitalised(&stock_words(stock)),
            rises(by),
            amount(by)
        ),
    }
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
    use crate::engine::Game;
    use crate::engine::report::Cause;
    use crate::engine::turn::ChinaSide;
    use std::sync::Arc;

    fn game() -> Game {
        let content = Content::builtin().unwrap();
        let rules = content.rules("h20-reversal", None).unwrap();
        Game::new(Arc::new(rules), 7)
    }

    #[test]
    fn every_response_has_effects_and_parses_by_number_and_name() {
        let game = game();
        let rules = &game.rules;
        for (i, r) in ResponseId::ALL.iter().enumerate() {
            assert!(!response_effects(rules, &game.state, *r).is_empty());
            assert_eq!(parse_response(rules, &(i + 1).to_string()), Some(*r));
            assert_eq!(parse_response(rules, r.as_str()), Some(*r));
        }
        assert_eq!(parse_response(rules, "0"), None);
        assert_eq!(parse_response(rules, "nonsense"), None);
    }

    #[test]
    fn effects_are_words_not_formulas_and_judged_for_beijing() {
        let game = game();
        let text = |r| -> Vec<ResponseEffect> { response_effects(&game.rules, &game.state, r) };
        let retaliation = text(ResponseId::RareEarthRetaliation);
        let all: String = retaliation.iter().map(|e| e.marked() + "\n").collect();
        assert!(!all.contains('×') && !all.contains("/100"), "{all}");
        assert!(
            all.contains("U.S. mineral stress rises by up to 40 (of 100), more the greater China's mineral leverage (now 70 → about +28)"),
            "{all}"
        );
        assert!(all.contains("✓ Allied alignment falls by 3"), "{all}");
        // Rising tension risks a crisis that ends the game for both sides.
        assert!(all.contains("✗ Tension rises by 6"), "{all}");
        assert!(
            all.contains("✗ China's mineral leverage falls by 3"),
            "{all}"
        );
        let ban: String = text(ResponseId::PurchaseBan)
            .iter()
            .map(|e| e.marked() + "\n")
            .collect();
        assert!(
            ban.contains("✗ China's compute dips (the U.S. compute lead rises by about"),
            "{ban}"
        );
        let negotiate: String = text(ResponseId::Negotiate)
            .iter()
            .map(|e| e.marked())
            .collect();
        assert!(
            negotiate.contains("if Washington opens talks"),
            "{negotiate}"
        );
        assert!(!negotiate.contains("+100"), "{negotiate}");
    }

    /// The panel lists every gauge the report will then credit to the
    /// response, by about the same amount.
    #[test]
    fn effects_list_every_gauge_the_report_applies() {
        for r in ResponseId::ALL {
            let mut game = game();
            let effects = response_effects(&game.rules, &game.state, *r);
            let mut listed = [0.0; Gauge::COUNT];
            for e in &effects {
                for (g, d) in &e.gauges {
                    listed[g.index()] += d;
                }
            }
            let report = game
                .play_as(MoveId::HoldCourse, ChinaSide::Chosen(*r))
                .unwrap();
            for change in &report.changes {
                let applied: f64 = change
                    .contributions
                    .iter()
                    .filter(|c| c.cause == Cause::Response(*r))
                    .map(|c| c.amount)
                    .sum();
                let g = change.gauge;
                assert_eq!(
                    applied.abs() > 1e-9,
                    listed[g.index()].abs() > 1e-9,
                    "{r:?} {g:?}: report {applied}, panel {}",
                    listed[g.index()]
                );
                assert!(
                    (applied - listed[g.index()]).abs() < 0.5,
                    "{r:?} {g:?}: report {applied}, panel {}",
                    listed[g.index()]
                );
            }
        }
    }

    #[test]
    fn players_label_and_names() {
        let named = HotSeat::new(&Players {
            us: Some("Blue".into()),
            china: Some("Red".into()),
        });
        assert_eq!(named.players_label(), "Blue (U.S.) vs Red (China)");
        assert_eq!(named.players().china.as_deref(), Some("Red"));
        let anonymous = HotSeat::new(&Players::default());
        assert_eq!(anonymous.players_label(), "U.S. vs China (human)");
        assert_eq!(anonymous.players(), Players::default());
    }
}
