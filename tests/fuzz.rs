//! Fuzzing on the stable toolchain: proptest-driven inputs for the save
//! loader, the content loader and the engine's turn on arbitrary valid
//! states. Nothing may panic, hang past a second, or allocate without bound.
//!
//! `cargo test` runs a small number of cases; set CHOKEPOINTS_FUZZ_CASES for
//! a longer run, e.g. `CHOKEPOINTS_FUZZ_CASES=20000 cargo test --release
//! --test fuzz`. Inputs that once broke something live in tests/corpus/ and
//! are replayed on every run.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use proptest::prelude::*;

use chokepoints::content::{Content, Kind, parse};
use chokepoints::engine::rules::{Ceiling, Doctrine, EventDef, ModelParams, MoveDef, Policy};
use chokepoints::engine::rules::{ResponseDef, Scenario};
use chokepoints::engine::turn::{contributions_add_up, gauges_in_range};
use chokepoints::engine::{Game, GameRng, MoveId, Rules, State, Stock, advance, resolve_turn};
use chokepoints::play::advisor::Advisor;
use chokepoints::save::{Players, SaveFile};
use chokepoints::sim::review::ReviewRules;

const LIMIT: Duration = Duration::from_secs(1);

fn cases(default: u32) -> u32 {
    std::env::var("CHOKEPOINTS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::builtin().expect("shipped content loads"))
}

fn rules() -> &'static Arc<Rules> {
    static RULES: OnceLock<Arc<Rules>> = OnceLock::new();
    RULES.get_or_init(|| {
        Arc::new(
            content()
                .rules("h20-reversal", Some("tit-for-tat"))
                .unwrap(),
        )
    })
}

/// A real save's text, to mutate.
fn save_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut game = Game::new(rules().clone(), 11);
        for m in [
            MoveId::BuildCompute,
            MoveId::FullBlockade,
            MoveId::OpenTalks,
        ] {
            game.play(m);
        }
        SaveFile::from_game(&game, Players::default(), true).to_ron()
    })
}

/// Loads a save's text the whole way: parse, then replay against content.
fn load_save(text: &str) {
    let path = Path::new("fuzz.ron");
    if let Ok(save) = SaveFile::parse(path, text) {
        let _ = save.rebuild(path, content());
    }
}

/// Loads a content file's text as its kind, then adds it to the content.
fn load_content(kind: Kind, text: &str) {
    let file = "fuzz.ron";
    let _ = match kind {
        Kind::Model => parse::<ModelParams>(file, text).map(|_| ()),
        Kind::Moves => parse::<Vec<MoveDef>>(file, text).map(|_| ()),
        Kind::Responses => parse::<Vec<ResponseDef>>(file, text).map(|_| ()),
        Kind::Events => parse::<Vec<EventDef>>(file, text).map(|_| ()),
        Kind::Review => parse::<ReviewRules>(file, text).map(|_| ()),
        Kind::Advisor => Advisor::parse(file, text).map(|_| ()),
        Kind::Doctrine => parse::<Doctrine>(file, text).map(|_| ()),
        Kind::Scenario => parse::<Scenario>(file, text).map(|_| ()),
    };
    let mut c = content().clone();
    if c.add_file(file, text, kind).is_ok() {
        // Whatever loads must also play.
        for s in c.scenarios.clone() {
            for d in c.doctrine_ids() {
                if let Ok(rules) = c.rules(&s.id, Some(d)) {
                    let mut game = Game::new(Arc::new(rules), 1);
                    while !game.is_over() {
                        game.play(MoveId::FullBlockade);
                    }
                }
            }
        }
    }
}

/// A random edit of a text: delete, duplicate or replace a range, or insert
/// characters (including RON punctuation and huge numbers).
#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, String),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let fragment = prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("1e308".to_string()),
        Just("-1e308".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("18446744073709551615".to_string()),
        Just("Some(".to_string()),
        Just("r#\"".to_string()),
        "\\PC{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..64).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 0usize..64).prop_map(|(a, n)| Edit::Duplicate(a, n)),
        (any::<usize>(), fragment).prop_map(|(a, s)| Edit::Insert(a, s)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        match e {
            Edit::Delete(a, n) => {
                let a = boundary(&t, *a);
                let b = boundary(&t, a + n);
                t.replace_range(a..b.max(a), "");
            }
            Edit::Duplicate(a, n) => {
                let a = boundary(&t, *a);
                let b = boundary(&t, a + n).max(a);
                let piece = t[a..b].to_string();
                t.insert_str(b, &piece);
            }
            Edit::Insert(a, s) => {
                let a = boundary(&t, *a);
                t.insert_str(a, s);
            }
            Edit::Truncate(a) => {
                let a = boundary(&t, *a);
                t.truncate(a);
            }
        }
    }
    t
}

fn timed(what: &str, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    let took = start.elapsed();
    assert!(took < LIMIT, "{what} took {took:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn save_loader_survives_arbitrary_text(text in "\\PC{0,400}") {
        timed("arbitrary save", || load_save(&text));
    }

    #[test]
    fn save_loader_survives_edited_saves(edits in prop::collection::vec(edit(), 1..6)) {
        let text = apply(save_text(), &edits);
        timed("edited save", || load_save(&text));
    }

    #[test]
    fn content_loader_survives_edited_files(
        which in 0usize..8,
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let (kind, original) = [
            (Kind::Scenario, include_str!("../assets/scenarios/h20-reversal.ron")),
            (Kind::Doctrine, include_str!("../assets/doctrines/tit-for-tat.ron")),
            (Kind::Events, include_str!("../assets/events.ron")),
            (Kind::Moves, include_str!("../assets/moves.ron")),
            (Kind::Review, include_str!("../assets/review.ron")),
            (Kind::Advisor, include_str!("../assets/advisor.ron")),
            (Kind::Responses, include_str!("../assets/responses.ron")),
            (Kind::Model, include_str!("../assets/model.ron")),
        ][which];
        let text = apply(original, &edits);
        timed("edited content", || load_content(kind, &text));
    }
}

/// Any state the engine could hold: every stock anywhere in its range, any
/// standing policy, any fatigue, any turn before the horizon.
fn any_state() -> impl Strategy<Value = State> {
    let stocks = prop::collection::vec(0.0f64..=1.0, Stock::COUNT);
    let fatigue = prop::collection::vec(0.0f64..10.0, MoveId::COUNT);
    (
        stocks,
        fatigue,
        0u8..4,
        0u8..=Policy::MAX_EQUIPMENT,
        0u8..=Policy::MAX_ENFORCEMENT,
        any::<bool>(),
        0u32..16,
        0u32..40,
        any::<bool>(),
    )
        .prop_map(
            |(fractions, fatigue, ceiling, equipment, enforcement, share, turn, since, lost)| {
                let mut state = State::new(&rules().scenario);
                for (stock, f) in Stock::ALL.iter().zip(fractions) {
                    let (lo, hi) = stock.range();
                    // Compute indices span orders of magnitude: sample their log.
                    let v = if matches!(stock, Stock::UsCompute | Stock::CnCompute) {
                        lo + (f * f * f) * 5_000.0
                    } else {
                        lo + f * (hi - lo)
                    };
                    state.set(*stock, v);
                }
                state.policy = Policy {
                    ceiling: [
                        Ceiling::Banned,
                        Ceiling::H20Class,
                        Ceiling::Stronger,
                        Ceiling::Rolling,
                    ][ceiling as usize],
                    equipment,
                    enforcement,
                    revenue_share: share,
                };
                state.fatigue.copy_from_slice(&fatigue);
                state.turn = turn;
                state.since_escalation = since;
                state.leverage_lost = lost;
                state
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_turn_holds_its_invariants_from_any_valid_state(
        state in any_state(),
        seed in any::<u64>(),
        moves in prop::collection::vec(0usize..MoveId::COUNT, 1..20),
    ) {
        let rules = rules();
        let mut batch = state.clone();
        let mut full = state;
        let mut rng_a = GameRng::new(seed);
        let mut rng_b = GameRng::new(seed);
        for i in moves {
            let m = MoveId::ALL[i];
            advance(rules, &mut batch, m, &mut rng_a);
            let (next, report) = resolve_turn(rules, &full, m, &mut rng_b);
            full = next;
            prop_assert!(gauges_in_range(&full), "gauges out of range: {:?}", full.gauges());
            prop_assert!(contributions_add_up(&report.changes), "causes do not add up");
            prop_assert_eq!(batch.checksum(), full.checksum());
            prop_assert!(full.turn <= rules.scenario.horizon.max(state_turn_cap()));
        }
    }
}

fn state_turn_cap() -> u32 {
    // A state generated at turn t < horizon stops at the horizon.
    16
}

/// Replays every input in tests/corpus: saves and content files that once
/// broke something (or came close). Each must load or fail cleanly, fast.
#[test]
fn corpus_inputs_load_or_fail_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut seen = 0;
    for (sub, kind) in [
        ("saves", None),
        ("scenarios", Some(Kind::Scenario)),
        ("doctrines", Some(Kind::Doctrine)),
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            timed(&path.display().to_string(), || match kind {
                None => {
                    let _ = SaveFile::read(&path).map(|s| s.rebuild(&path, content()));
                }
                Some(kind) => load_content(kind, &text),
            });
            seen += 1;
        }
    }
    assert!(
        seen >= 5,
        "the corpus holds at least five inputs, found {seen}"
    );
}
