//! "Beijing answers for its reasons": every reason a doctrine rule gives
//! names what triggered the rule, and what it says about the quarter is true
//! in the state Beijing decided on (the state right after Washington's move).
//!
//! Two tables drive the checks:
//!
//! - `trigger_words`: for each kind of condition, the words that name it. A
//!   rule's reason must contain one of them for each of its conditions.
//! - `claims`: phrases that assert something about the quarter ("the
//!   blockade", "tension", "no U.S. chips"), each with the conditions that
//!   license it and the predicate that must then hold on the decision state.
//!   A reason may only make claims its own conditions license, a rule with
//!   no conditions may make none, and every claim a reported reason makes is
//!   checked against the decision state of the quarter it was given in.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use chokepoints::content::Content;
use chokepoints::engine::conditions::all_hold;
use chokepoints::engine::rules::{Ceiling, Condition, Doctrine, DoctrineRule};
use chokepoints::engine::turn::{CHOSEN_REASON, FALLBACK_REASON};
use chokepoints::engine::{
    GameRng, MoveId, ResponseId, Rules, State, Stock, TurnContext, before_beijing, resolve_turn,
};
use chokepoints::sim::Strategy;

/// Games per (scenario, doctrine, strategy) cell.
const SEEDS: u64 = 100;
/// Records each response must have been checked in, at the least.
const MIN_CHECKED: usize = 20;
/// Tension above this is "high" when a reason says so without a threshold
/// of its own (the model's baseline is 25).
const HIGH_TENSION: f64 = 40.0;

/// The moves that raise tool controls.
const TIGHTENING: [MoveId; 2] = [MoveId::TightenEquipment, MoveId::FullBlockade];
/// The moves that put U.S. chips on sale (and ease when they change policy).
const SELLING: [MoveId; 3] = [
    MoveId::LicenseDowngraded,
    MoveId::LicenseRevenueShare,
    MoveId::ApproveStrongerChip,
];

// ---------------------------------------------------------------- words --

/// Whether `text` (lower case) mentions `phrase` at the start of a word, so
/// that "depend" does not match "independence" nor "ban" "urban".
fn mentions(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn measure_name(condition: &Condition) -> Option<String> {
    match condition {
        Condition::Above(m, _) | Condition::Below(m, _) => Some(m.to_string()),
        _ => None,
    }
}

/// The words that name a move, for `UsMove`/`UsMoveIn`.
fn move_words(m: MoveId) -> &'static [&'static str] {
    match m {
        MoveId::LicenseDowngraded => &[
            "h20",
            "downgraded chips",
            "eased your chip controls",
            "chip sales",
            "sell us chips",
        ],
        MoveId::LicenseRevenueShare => &[
            "revenue share",
            "eased your chip controls",
            "chip sales",
            "sell us chips",
        ],
        MoveId::ApproveStrongerChip => &[
            "stronger chip",
            "b30a",
            "eased your chip controls",
            "chip sales",
            "sell us chips",
        ],
        MoveId::BanDowngraded => &["ban ", "banned"],
        MoveId::TightenEquipment => &["tool controls", "equipment controls"],
        MoveId::FullBlockade => &["blockade"],
        MoveId::RollingThreshold => &["threshold"],
        MoveId::CoordinateAllies => &["allies", "tokyo", "the hague"],
        MoveId::Enforcement => &["smuggl", "enforcement", "crack down", "crackdown"],
        MoveId::SecureMinerals => &["mineral stockpile", "other suppliers", "secure"],
        MoveId::BuildCompute => &["data cent", "build out"],
        MoveId::OpenTalks => &["talks"],
        MoveId::HoldCourse => &["hold course", "holds course", "nothing new"],
    }
}

/// The words that name a condition; a reason must contain one of them for
/// each of its rule's conditions. `Always` needs none; a measure the table
/// does not know must be named outright.
fn words_for(condition: &Condition) -> Vec<String> {
    let words: Vec<String> = trigger_words(condition)
        .into_iter()
        .map(String::from)
        .collect();
    match measure_name(condition) {
        Some(name) if words.is_empty() => vec![name.replace('_', " ")],
        _ => words,
    }
}

/// The table of condition words.
fn trigger_words(condition: &Condition) -> Vec<&'static str> {
    match condition {
        Condition::Always => vec![],
        Condition::UsMove(m) => move_words(*m).to_vec(),
        Condition::UsMoveIn(ms) => ms.iter().flat_map(|m| move_words(*m)).copied().collect(),
        Condition::EscalationAtLeast(_) => vec![
            "you escalate",
            "washington escalates",
            "escalation",
            "containment",
            "you add controls",
        ],
        Condition::EscalationAtMost(n) if *n < 0 => {
            vec!["you eased", "washington eased", "eased your", "easing"]
        }
        Condition::EscalationAtMost(_) => vec!["nothing to answer", "no escalation"],
        Condition::EscalatedWithin(_) => vec![
            "escalated within",
            "has escalated",
            "within the year",
            "recent escalation",
        ],
        Condition::CeilingIs(Ceiling::Banned) => {
            vec!["no u.s. chips", "banned", "ban on u.s. chips"]
        }
        Condition::CeilingIs(Ceiling::H20Class) => vec!["h20", "downgraded"],
        Condition::CeilingIs(Ceiling::Stronger) => vec!["stronger chip", "b30a"],
        Condition::CeilingIs(Ceiling::Rolling) => vec!["threshold"],
        Condition::ChipsAvailable => vec![
            "for sale",
            "will sell",
            "sells chips",
            "keep buying",
            "stop buying",
        ],
        Condition::Blockade => vec!["blockade"],
        // Tool controls stand from the first quarter of every shipped
        // scenario, so a rule on them fires whatever Washington just did:
        // its reason must name them as standing policy, not as news.
        Condition::EquipmentAtLeast(_) => vec![
            "tool controls stand",
            "tool controls still",
            "tool controls remain",
            "washington's tool controls",
            "your tool controls",
            "equipment controls stand",
            "washington's equipment controls",
            "your equipment controls",
        ],
        Condition::EnforcementAtMost(_) => vec!["lax", "enforcement"],
        Condition::RevenueShare(true) => vec![
            "revenue share",
            "sells its controls",
            "controls are for sale",
            "controls for sale",
            "side deal",
        ],
        Condition::RevenueShare(false) => vec!["no revenue share", "no side deal"],
        Condition::Above(..) | Condition::Below(..) => {
            let above = matches!(condition, Condition::Above(..));
            match (measure_name(condition).as_deref(), above) {
                (Some("tension"), true) => vec!["tension"],
                (Some("allies"), false) => vec!["waver"],
                (Some("china_leverage"), false) => {
                    vec!["could be firmer", "not what it was", "slipping"]
                }
                (Some("us_leverage"), true) => vec!["depend", "hooked"],
                (Some("purchase_ban"), false) => vec!["stop buying", "keep buying"],
                // Anything else must be named outright (see `words_for`).
                _ => vec![],
            }
        }
        Condition::DomesticBeatsCeiling => vec!["beat", "as good as"],
        Condition::TurnAtLeast(_) => vec!["by now", "years"],
    }
}

/// Words that speak of a trigger: a rule with no conditions must use none
/// of them, nor any claim's phrase.
const EVENT_WORDS: [&str; 7] = [
    "blockade",
    "escalat",
    "this quarter",
    "ban ",
    "banned",
    "containment",
    "you add",
];

// --------------------------------------------------------------- claims --

/// The state Beijing decided on, and the rule that spoke.
struct Decision<'a> {
    rules: &'a Rules,
    rule: &'a DoctrineRule,
    state: &'a State,
    ctx: &'a TurnContext,
}

/// Something a reason asserts about its quarter.
struct Claim {
    what: &'static str,
    phrases: &'static [&'static str],
    /// Whether a rule's conditions license the claim.
    licensed: fn(&[Condition]) -> bool,
    /// Whether the claim is true in the state Beijing decided on.
    holds: fn(&Decision) -> bool,
}

fn any(when: &[Condition], f: impl Fn(&Condition) -> bool) -> bool {
    when.iter().any(f)
}

/// The threshold of the rule's own `Above(measure, _)`/`Below(measure, _)`.
fn threshold(rule: &DoctrineRule, measure: &str, above: bool) -> Option<f64> {
    rule.when.iter().find_map(|c| match c {
        Condition::Above(m, v) if above && m.to_string() == measure => Some(*v),
        Condition::Below(m, v) if !above && m.to_string() == measure => Some(*v),
        _ => None,
    })
}

fn chips_on_sale(when: &[Condition]) -> bool {
    any(when, |c| {
        matches!(c, Condition::ChipsAvailable)
            || matches!(c, Condition::CeilingIs(x) if *x != Ceiling::Banned)
            || matches!(c, Condition::RevenueShare(true))
    })
}

fn claims() -> Vec<Claim> {
    vec![
        Claim {
            what: "a full blockade stands",
            phrases: &["blockade"],
            licensed: |w| any(w, |c| matches!(c, Condition::Blockade)),
            holds: |d| d.state.policy.is_blockade(),
        },
        Claim {
            what: "U.S. chips are banned",
            phrases: &[
                "no u.s. chips",
                "banned chips",
                "chips banned",
                "chips are banned",
            ],
            licensed: |w| {
                any(w, |c| {
                    matches!(
                        c,
                        Condition::CeilingIs(Ceiling::Banned) | Condition::Blockade
                    )
                })
            },
            holds: |d| d.state.policy.ceiling == Ceiling::Banned,
        },
        Claim {
            what: "U.S. chips are for sale",
            phrases: &["chips are for sale", "chips for sale", "will sell"],
            licensed: chips_on_sale,
            holds: |d| d.state.policy.ceiling != Ceiling::Banned,
        },
        Claim {
            what: "Chinese firms may buy U.S. chips (no ban either side)",
            phrases: &["keep buying", "stop buying", "still buying"],
            licensed: |w| {
                chips_on_sale(w)
                    && any(w, |c| {
                        matches!(c, Condition::Below(m, v)
                            if m.to_string() == "purchase_ban" && *v <= 1.0)
                    })
            },
            holds: |d| {
                d.state.policy.ceiling != Ceiling::Banned && d.state.get(Stock::PurchaseBan) <= 0.0
            },
        },
        Claim {
            what: "Washington sells licences for a revenue share",
            phrases: &[
                "revenue share",
                "sells its controls",
                "sells your controls",
                "controls are for sale",
                "controls for sale",
                "side deal",
                "side payment",
            ],
            licensed: |w| any(w, |c| matches!(c, Condition::RevenueShare(true))),
            holds: |d| d.state.policy.revenue_share,
        },
        Claim {
            what: "U.S. tool controls stand",
            phrases: &["tool controls", "equipment controls", "controls on tools"],
            licensed: |w| {
                any(w, |c| {
                    matches!(c, Condition::EquipmentAtLeast(n) if *n >= 1)
                        || matches!(c, Condition::Blockade)
                })
            },
            holds: |d| {
                let level = d.rule.when.iter().find_map(|c| match c {
                    Condition::EquipmentAtLeast(n) => Some(*n),
                    _ => None,
                });
                d.state.policy.equipment >= level.unwrap_or(1).max(1)
            },
        },
        Claim {
            what: "Washington tightened tool controls this quarter",
            phrases: &[
                "new tool controls",
                "new equipment controls",
                "you tighten",
                "washington tightens",
            ],
            licensed: |w| {
                any(w, |c| match c {
                    Condition::UsMove(m) => TIGHTENING.contains(m),
                    Condition::UsMoveIn(ms) => ms.iter().all(|m| TIGHTENING.contains(m)),
                    _ => false,
                }) && any(
                    w,
                    |c| matches!(c, Condition::EscalationAtLeast(n) if *n >= 1),
                )
            },
            holds: |d| TIGHTENING.contains(&d.ctx.us_move) && d.ctx.escalation >= 1,
        },
        Claim {
            what: "Washington escalated majorly this quarter",
            phrases: &["major escalation"],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::EscalationAtLeast(n) if *n >= 2),
                )
            },
            holds: |d| d.ctx.escalation >= 2,
        },
        Claim {
            what: "Washington escalated this quarter",
            phrases: &[
                "you escalate",
                "washington escalates",
                "escalation",
                "containment",
                "you add controls",
            ],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::EscalationAtLeast(n) if *n >= 1),
                )
            },
            holds: |d| d.ctx.escalation >= 1,
        },
        Claim {
            what: "Washington escalated majorly within the year",
            phrases: &["escalated within", "has escalated", "within the year"],
            licensed: |w| {
                any(w, |c| {
                    matches!(c, Condition::EscalatedWithin(n) if *n <= 4)
                        || matches!(c, Condition::EscalationAtLeast(n) if *n >= 2)
                })
            },
            holds: |d| {
                let within = d.rule.when.iter().find_map(|c| match c {
                    Condition::EscalatedWithin(n) => Some(*n),
                    _ => None,
                });
                d.state.since_escalation < within.unwrap_or(4).min(4)
            },
        },
        Claim {
            what: "Washington eased this quarter",
            phrases: &[
                "you eased",
                "washington eased",
                "eased this quarter",
                "eased your",
            ],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::EscalationAtMost(n) if *n <= -1),
                )
            },
            holds: |d| d.ctx.escalation <= -1,
        },
        Claim {
            what: "Washington put chips on sale this quarter",
            phrases: &["eased your chip controls", "chip sales", "sell us chips"],
            licensed: |w| {
                any(w, |c| match c {
                    Condition::UsMove(m) => SELLING.contains(m),
                    Condition::UsMoveIn(ms) => ms.iter().all(|m| SELLING.contains(m)),
                    _ => false,
                })
            },
            holds: |d| SELLING.contains(&d.ctx.us_move),
        },
        Claim {
            what: "Washington opened talks this quarter",
            phrases: &["talks"],
            licensed: |w| {
                any(w, |c| match c {
                    Condition::UsMove(m) => *m == MoveId::OpenTalks,
                    Condition::UsMoveIn(ms) => ms.iter().all(|m| *m == MoveId::OpenTalks),
                    _ => false,
                })
            },
            holds: |d| d.ctx.us_move == MoveId::OpenTalks,
        },
        Claim {
            what: "Washington did not escalate this quarter",
            phrases: &["nothing to answer", "nothing new", "no escalation"],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::EscalationAtMost(n) if *n <= 0),
                )
            },
            holds: |d| d.ctx.escalation <= 0,
        },
        Claim {
            what: "tension is high",
            phrases: &["tension"],
            licensed: |w| {
                any(w, |c| {
                    matches!(c, Condition::Above(m, v)
                        if m.to_string() == "tension" && *v >= HIGH_TENSION)
                })
            },
            holds: |d| {
                let t = threshold(d.rule, "tension", true).unwrap_or(HIGH_TENSION);
                d.state.get(Stock::Tension) > t.max(HIGH_TENSION)
            },
        },
        Claim {
            what: "U.S. allies are wavering",
            phrases: &["waver"],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::Below(m, _) if m.to_string() == "allies"),
                )
            },
            holds: |d| {
                let t = threshold(d.rule, "allies", false).unwrap_or(65.0);
                d.state.get(Stock::Allies) < t
            },
        },
        Claim {
            what: "U.S. enforcement is lax",
            phrases: &["lax"],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::EnforcementAtMost(n) if *n <= 1),
                )
            },
            holds: |d| {
                let level = d.rule.when.iter().find_map(|c| match c {
                    Condition::EnforcementAtMost(n) => Some(*n),
                    _ => None,
                });
                d.state.policy.enforcement <= level.unwrap_or(1).min(1)
            },
        },
        Claim {
            what: "China's own chips are as good as the best it may buy",
            phrases: &["beat", "as good as"],
            licensed: |w| any(w, |c| matches!(c, Condition::DomesticBeatsCeiling)),
            holds: |d| d.state.get(Stock::Quality) >= d.state.ceiling_quality(d.rules),
        },
        Claim {
            what: "China depends on U.S. chips",
            phrases: &["depend", "hooked"],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::Above(m, _) if m.to_string() == "us_leverage"),
                )
            },
            holds: |d| {
                let t = threshold(d.rule, "us_leverage", true).unwrap_or(25.0);
                d.state.get(Stock::UsLeverage) > t
            },
        },
        Claim {
            what: "Beijing's mineral leverage is short of what it wants",
            phrases: &["could be firmer", "not what it was", "slipping"],
            licensed: |w| {
                any(
                    w,
                    |c| matches!(c, Condition::Below(m, _) if m.to_string() == "china_leverage"),
                )
            },
            holds: |d| {
                let t = threshold(d.rule, "china_leverage", false).unwrap_or(75.0);
                d.state.get(Stock::ChinaLeverage) < t
            },
        },
    ]
}

/// The claims a reason makes.
fn claims_in<'c>(claims: &'c [Claim], reason: &str) -> Vec<&'c Claim> {
    let text = reason.to_lowercase();
    claims
        .iter()
        .filter(|c| c.phrases.iter().any(|p| mentions(&text, p)))
        .collect()
}

fn is_unconditional(rule: &DoctrineRule) -> bool {
    rule.when.iter().all(|c| matches!(c, Condition::Always))
}

// ------------------------------------------------------- (a) the tables --

/// What is wrong with a doctrine's reasons, read against its conditions.
fn reason_problems(doctrine: &Doctrine) -> Vec<String> {
    let claims = claims();
    let mut problems = Vec::new();
    for (i, rule) in doctrine.rules.iter().enumerate() {
        let at = format!(
            "{} rule {i} ({}, when {:?}): \u{201c}{}\u{201d}",
            doctrine.id, rule.response, rule.when, rule.reason
        );
        let text = rule.reason.to_lowercase();
        if doctrine.rules[..i].iter().any(|r| r.reason == rule.reason) {
            problems.push(format!(
                "{at} repeats an earlier rule's reason, so a report cannot tell them apart"
            ));
        }
        for condition in &rule.when {
            let words = words_for(condition);
            if !words.is_empty() && !words.iter().any(|w| mentions(&text, w)) {
                problems.push(format!(
                    "{at} does not name its trigger {condition:?} (expected one of {words:?})"
                ));
            }
        }
        for claim in claims_in(&claims, &rule.reason) {
            if !(claim.licensed)(&rule.when) {
                problems.push(format!(
                    "{at} claims that {} but no condition of the rule says so",
                    claim.what
                ));
            }
        }
        if is_unconditional(rule) {
            let claim_words = claims.iter().flat_map(|c| c.phrases.iter().copied());
            for word in EVENT_WORDS.into_iter().chain(claim_words) {
                if mentions(&text, word) {
                    problems.push(format!(
                        "{at} has no conditions but speaks of a trigger (`{word}`)"
                    ));
                }
            }
        }
    }
    problems
}

fn shipped() -> Content {
    Content::builtin().expect("shipped content loads")
}

#[test]
fn every_rule_names_its_trigger() {
    let content = shipped();
    let scenario = &content.scenarios[0].id;
    let mut problems = Vec::new();
    let mut rules_read = 0;
    for doctrine in content.doctrine_ids() {
        let rules = content.rules(scenario, Some(doctrine)).unwrap();
        rules_read += rules.doctrine.rules.len();
        problems.extend(reason_problems(&rules.doctrine));
    }
    assert!(rules_read > 20, "only {rules_read} rules read");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// -------------------------------------------------------- (b) the games --

/// What the games showed.
#[derive(Default)]
struct Checked {
    /// What went wrong → (how often, the first time it did).
    problems: BTreeMap<String, (usize, String)>,
    per_response: BTreeMap<ResponseId, usize>,
    /// (doctrine, rule index) → times its reason was checked.
    per_rule: BTreeMap<(String, usize), usize>,
}

impl Checked {
    fn problem(&mut self, what: String, example: impl FnOnce() -> String) {
        self.problems
            .entry(what)
            .or_insert_with(|| (0, example()))
            .0 += 1;
    }

    fn problem_count(&self) -> usize {
        self.problems.values().map(|(n, _)| n).sum()
    }

    fn summary(&self) -> String {
        self.problems
            .iter()
            .map(|(what, (n, example))| format!("{n:>6}× {what}\n        first: {example}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn merge(mut self, other: Checked) -> Checked {
        for (what, (n, example)) in other.problems {
            self.problems.entry(what).or_insert((0, example)).0 += n;
        }
        for (k, v) in other.per_response {
            *self.per_response.entry(k).or_default() += v;
        }
        for (k, v) in other.per_rule {
            *self.per_rule.entry(k).or_default() += v;
        }
        self
    }
}

fn describe(state: &State, ctx: &TurnContext) -> String {
    format!(
        "move {} (escalation {}), policy {:?}, since escalation {}, tension {:.1}, allies {:.1}, \
         us_leverage {:.1}, china_leverage {:.1}, quality {:.1}, purchase_ban {}",
        ctx.us_move,
        ctx.escalation,
        state.policy,
        state.since_escalation,
        state.get(Stock::Tension),
        state.get(Stock::Allies),
        state.get(Stock::UsLeverage),
        state.get(Stock::ChinaLeverage),
        state.get(Stock::Quality),
        state.get(Stock::PurchaseBan),
    )
}

/// Plays `seeds` games of one strategy on the reporting path and checks
/// every reason Beijing gave against the state it decided on.
fn check_cell(rules: &Rules, strategy: Strategy, seeds: u64) -> Checked {
    let claims = claims();
    let mut by_reason: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, rule) in rules.doctrine.rules.iter().enumerate() {
        by_reason.entry(rule.reason.as_str()).or_default().push(i);
    }
    let rule_claims: Vec<Vec<&Claim>> = rules
        .doctrine
        .rules
        .iter()
        .map(|r| claims_in(&claims, &r.reason))
        .collect();
    let mut out = Checked::default();
    for seed in 0..seeds {
        let seed = 0x5EED_0000 + seed;
        let mut state = State::new(&rules.scenario);
        let mut rng = GameRng::new(seed);
        let mut bot_rng = GameRng::with_stream(seed, 1);
        while !state.is_over() {
            let m = strategy.choose(rules, &state, &[], seed, &mut bot_rng);
            let mut decided = state.clone();
            let ctx = before_beijing(rules, &mut decided, m).ctx;
            let (next, report) = resolve_turn(rules, &state, m, &mut rng);
            for record in &report.responses {
                if record.reason == FALLBACK_REASON || record.reason == CHOSEN_REASON {
                    continue;
                }
                let said = format!(
                    "{} `{}`: \u{201c}{}\u{201d}",
                    rules.doctrine.id, record.response, record.reason
                );
                let at = || {
                    format!(
                        "{} {strategy} seed {seed} turn {}: {}",
                        rules.scenario.id,
                        state.turn + 1,
                        describe(&decided, &ctx)
                    )
                };
                let candidates: Vec<usize> = by_reason
                    .get(record.reason.as_str())
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|i| rules.doctrine.rules[*i].response == record.response)
                    .collect();
                let Some(&i) = candidates
                    .iter()
                    .find(|i| all_hold(&rules.doctrine.rules[**i].when, &decided, rules, &ctx))
                else {
                    let why = if candidates.is_empty() {
                        "is no rule's reason for that response"
                    } else {
                        "was given when its rule's conditions did not hold"
                    };
                    out.problem(format!("{said} {why}"), at);
                    continue;
                };
                let rule = &rules.doctrine.rules[i];
                let decision = Decision {
                    rules,
                    rule,
                    state: &decided,
                    ctx: &ctx,
                };
                for claim in &rule_claims[i] {
                    if !(claim.holds)(&decision) {
                        out.problem(
                            format!("{said} claims that {}, which was false", claim.what),
                            at,
                        );
                    }
                }
                *out.per_response.entry(record.response).or_default() += 1;
                *out.per_rule
                    .entry((rules.doctrine.id.clone(), i))
                    .or_default() += 1;
            }
            state = next;
        }
    }
    out
}

/// Checks every cell of these rule sets, in parallel, summed in order.
fn check_games(rule_sets: &[Rules], seeds: u64) -> Checked {
    let cells: Vec<(&Rules, Strategy)> = rule_sets
        .iter()
        .flat_map(|r| Strategy::all().into_iter().map(move |s| (r, s)))
        .collect();
    cells
        .par_iter()
        .map(|(rules, strategy)| check_cell(rules, *strategy, seeds))
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Checked::default(), Checked::merge)
}

/// Every shipped scenario with every shipped doctrine.
fn shipped_rule_sets(content: &Content) -> Vec<Rules> {
    let mut sets = Vec::new();
    for scenario in &content.scenarios {
        for doctrine in content.doctrine_ids() {
            sets.push(content.rules(&scenario.id, Some(doctrine)).unwrap());
        }
    }
    sets
}

#[test]
fn reasons_hold_in_the_quarter_they_fired() {
    let content = shipped();
    let sets = shipped_rule_sets(&content);
    let checked = check_games(&sets, SEEDS);
    assert!(
        checked.problem_count() == 0,
        "{} reasons do not hold in their quarter:\n{}",
        checked.problem_count(),
        checked.summary()
    );

    let mut table = String::new();
    for (response, n) in &checked.per_response {
        table.push_str(&format!("{:>26} {n:>8}\n", response.as_str()));
    }
    println!("records checked per response:\n{table}");
    let mut givable: Vec<ResponseId> = content
        .doctrine_ids()
        .iter()
        .filter_map(|d| content.doctrine(d))
        .flat_map(|d| d.rules.iter().map(|r| r.response))
        .collect();
    givable.sort();
    givable.dedup();
    for response in givable {
        let n = checked.per_response.get(&response).copied().unwrap_or(0);
        assert!(
            n >= MIN_CHECKED,
            "`{response}` was checked only {n} times:\n{table}"
        );
    }
    // And every rule's reason was put to the test at least once.
    for doctrine in content.doctrine_ids() {
        let d = content.doctrine(doctrine).unwrap();
        for (i, rule) in d.rules.iter().enumerate() {
            let n = checked
                .per_rule
                .get(&(doctrine.to_string(), i))
                .copied()
                .unwrap_or(0);
            println!(
                "{doctrine:>20} rule {i:>2} {:>26} {n:>7}",
                rule.response.as_str()
            );
            assert!(
                n > 0,
                "{doctrine} rule {i} (`{}`: \u{201c}{}\u{201d}) never fired in {SEEDS} seeds",
                rule.response,
                rule.reason
            );
        }
    }
}

// -------------------------------------------------- (c) catching a lie --

/// A shipped doctrine with one rule's reason replaced.
fn with_reason(
    content: &Content,
    doctrine: &str,
    pick: fn(&DoctrineRule) -> bool,
    reason: &str,
) -> Vec<Rules> {
    content
        .scenarios
        .iter()
        .map(|s| {
            let mut rules = content.rules(&s.id, Some(doctrine)).unwrap();
            let rule = rules
                .doctrine
                .rules
                .iter_mut()
                .find(|r| pick(r))
                .expect("the rule to falsify exists");
            rule.reason = reason.to_string();
            rules
        })
        .collect()
}

#[test]
fn the_checks_catch_a_reason_that_claims_a_trigger_it_does_not_have() {
    let content = shipped();

    // An unconditional rule that claims the blockade.
    let lie = "While the blockade stands, the national fund keeps investing in domestic chips.";
    let sets = with_reason(
        &content,
        "pragmatist",
        |r| r.response == ResponseId::FundIndigenisation && r.when.is_empty(),
        lie,
    );
    let read = reason_problems(&sets[0].doctrine);
    assert!(
        read.iter()
            .any(|p| p.contains("has no conditions but speaks of a trigger")),
        "{read:?}"
    );
    assert!(
        read.iter()
            .any(|p| p.contains("claims that a full blockade stands")),
        "{read:?}"
    );
    games_catch(&sets, lie, "a full blockade stands");

    // A conditional rule that names the wrong trigger: Beijing retaliates for
    // any major escalation but says it is for the blockade.
    let lie = "Your blockade must have a price: mineral export licences tighten.";
    let sets = with_reason(
        &content,
        "pragmatist",
        |r| {
            r.response == ResponseId::RareEarthRetaliation
                && r.when == [Condition::EscalationAtLeast(2)]
        },
        lie,
    );
    let read = reason_problems(&sets[0].doctrine);
    assert!(
        read.iter()
            .any(|p| p.contains("does not name its trigger EscalationAtLeast(2)")),
        "{read:?}"
    );
    games_catch(&sets, lie, "");

    // The complaint that started this: a standing condition read as an
    // answer to this quarter's move.
    let lie =
        "Your new tool controls are an escalation: our own equipment makers become a priority.";
    let sets = with_reason(
        &content,
        "pragmatist",
        |r| r.response == ResponseId::EquipmentIndigenisation,
        lie,
    );
    let read = reason_problems(&sets[0].doctrine);
    assert!(
        read.iter()
            .any(|p| p.contains("claims that Washington escalated this quarter")),
        "{read:?}"
    );
    games_catch(&sets, lie, "this quarter, which was false");

    // The reason of the complaint itself is true (tool controls do stand)
    // but reads as news after any move; the table asks for standing words.
    let complaint = "Tool controls make our own equipment makers a priority.";
    let sets = with_reason(
        &content,
        "pragmatist",
        |r| r.response == ResponseId::EquipmentIndigenisation,
        complaint,
    );
    let read = reason_problems(&sets[0].doctrine);
    assert!(
        read.iter().any(|p| p.contains(complaint)
            && p.contains("does not name its trigger EquipmentAtLeast(1)")),
        "{read:?}"
    );
}

/// Played games flag the lie, and every problem they report is about it
/// (and mentions `about`).
fn games_catch(sets: &[Rules], lie: &str, about: &str) {
    let played = check_games(sets, 10);
    assert!(
        played.problem_count() > 0,
        "the games did not catch the lie"
    );
    assert!(
        played
            .problems
            .keys()
            .all(|p| p.contains(lie) && p.contains(about)),
        "{}",
        played.summary()
    );
}
