//! Every kind of content error names the file, the line and the field a
//! person must fix. The broken files are made from the real shipped assets
//! by small textual edits that do not depend on any tuned number, so these
//! tests keep working while the numbers change.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chokepoints::content::{self, Content, ContentError, MAX_FILE_BYTES, parse};
use chokepoints::engine::rules::{Doctrine, EventDef, MoveDef, Scenario};

const SCENARIO: &str = include_str!("../assets/scenarios/h20-reversal.ron");
const TIT_FOR_TAT: &str = include_str!("../assets/doctrines/tit-for-tat.ron");
const MOVES: &str = include_str!("../assets/moves.ron");
const EVENTS: &str = include_str!("../assets/events.ron");

// --- helpers -----------------------------------------------------------------

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "chokepoints-content-errors-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `bytes` at `relative` (creating folders) and returns the path.
    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// 1-based line of the first line containing `needle`; panics if absent.
fn line_with(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"))
}

/// Replaces the value of the first `key: value` (up to the next comma) with
/// `value`, whatever number was there.
fn set_first(text: &str, key: &str, value: &str) -> String {
    set_nth(text, key, 0, value)
}

/// As `set_first`, for the `n`-th (0-based) occurrence of `key: `.
fn set_nth(text: &str, key: &str, n: usize, value: &str) -> String {
    let needle = format!("{key}: ");
    let start = text
        .match_indices(&needle)
        .nth(n)
        .unwrap_or_else(|| panic!("no occurrence {n} of `{needle}`"))
        .0
        + needle.len();
    let end = start + text[start..].find(',').expect("a comma after the value");
    format!("{}{value}{}", &text[..start], &text[end..])
}

/// Replaces only the first occurrence of `from`.
fn replace_first(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the text");
    text.replacen(from, to, 1)
}

/// Removes the first whole line containing `needle`.
fn without_line(text: &str, needle: &str) -> String {
    let line = line_with(text, needle);
    text.lines()
        .enumerate()
        .filter(|(i, _)| i + 1 != line)
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// Asserts the error's parts and that Display follows
/// `FILE:LINE:COL: field `PATH`: message`.
#[track_caller]
fn assert_error(
    err: &ContentError,
    file: &str,
    line: usize,
    field: &str,
    message_mentions: &[&str],
) {
    assert_eq!(err.file, file, "{err}");
    assert_eq!(err.line, Some(line), "{err}");
    assert_eq!(err.field.as_deref(), Some(field), "{err}");
    for word in message_mentions {
        assert!(err.message.contains(word), "message lacks `{word}`: {err}");
    }
    let shown = err.to_string();
    let expected = match err.column {
        Some(col) => format!("{file}:{line}:{col}: field `{field}`: {}", err.message),
        None => format!("{file}:{line}: field `{field}`: {}", err.message),
    };
    assert_eq!(shown, expected);
}

fn scenario_err(text: &str) -> ContentError {
    parse::<Scenario>("scenarios/broken.ron", text).expect_err("the broken scenario must fail")
}

fn doctrine_err(text: &str) -> ContentError {
    parse::<Doctrine>("doctrines/broken.ron", text).expect_err("the broken doctrine must fail")
}

/// Loads an assets folder holding one file; returns the error and the
/// file's path as the error should show it.
fn override_err(name: &str, relative: &str, bytes: impl AsRef<[u8]>) -> (ContentError, String) {
    let dir = TempDir::new(name);
    let path = dir.write(relative, bytes);
    let err = Content::with_overrides(&dir.0).expect_err("the broken override must fail");
    (err, path.display().to_string())
}

/// Checks one file on its own; returns the error and the file's path.
fn check_err(name: &str, relative: &str, bytes: impl AsRef<[u8]>) -> (ContentError, String) {
    let dir = TempDir::new(name);
    let path = dir.write(relative, bytes);
    let err = Content::check_file(&path).expect_err("the broken file must fail its check");
    (err, path.display().to_string())
}

// --- the shipped files and positive controls -------------------------------------

#[test]
fn shipped_assets_parse_and_the_edits_used_here_leave_them_valid() {
    parse::<Scenario>("s.ron", SCENARIO).expect("scenario");
    parse::<Doctrine>("d.ron", TIT_FOR_TAT).expect("doctrine");
    parse::<Vec<MoveDef>>("m.ron", MOVES).expect("moves");
    parse::<Vec<EventDef>>("e.ron", EVENTS).expect("events");
    // The helpers themselves produce valid files when the value is valid.
    let s: Scenario = parse("s.ron", &set_first(SCENARIO, "horizon", "9")).unwrap();
    assert_eq!(s.horizon, 9);
    let d: Doctrine = parse("d.ron", &set_nth(TIT_FOR_TAT, "weight", 1, "0.5")).unwrap();
    assert_eq!(d.rules[1].weight, 0.5);
}

#[test]
fn a_valid_override_folder_adds_a_scenario() {
    let dir = TempDir::new("valid");
    let text = set_first(&set_first(SCENARIO, "id", "\"classroom\""), "horizon", "6");
    dir.write("scenarios/classroom.ron", &text);
    let content = Content::with_overrides(&dir.0).expect("a valid override loads");
    assert_eq!(content.scenario("classroom").map(|s| s.horizon), Some(6));
    assert!(content.scenario("h20-reversal").is_some());
    let checked = Content::check_file(&dir.0.join("scenarios/classroom.ron"));
    assert_eq!(checked, Ok(content::Kind::Scenario));
}

// --- field-level errors from parsing ---------------------------------------------

#[test]
fn unknown_field_names_the_field_and_its_line() {
    let text = replace_first(SCENARIO, "horizon:", "horizn:");
    let err = scenario_err(&text);
    assert_error(
        &err,
        "scenarios/broken.ron",
        line_with(&text, "horizn:"),
        "horizn",
        &["horizn", "horizon"],
    );
}

#[test]
fn missing_field_names_the_field_and_a_line() {
    let text = without_line(SCENARIO, "horizon:");
    let err = scenario_err(&text);
    assert_eq!(err.file, "scenarios/broken.ron");
    assert!(err.message.contains("horizon"), "{err}");
    let line = err.line.expect("a line");
    assert!((1..=text.lines().count()).contains(&line), "{err}");
    assert!(err.to_string().contains("horizon"));

    // A field missing inside a nested struct names its parent's path.
    let text = without_line(SCENARIO, "tools:");
    let err = scenario_err(&text);
    assert_eq!(err.field.as_deref(), Some("start"), "{err}");
    assert!(err.message.contains("tools"), "{err}");
    assert!(err.line.is_some());
}

#[test]
fn out_of_range_start_tension_names_start_tension() {
    let text = set_first(SCENARIO, "tension", "140.0");
    let err = scenario_err(&text);
    assert_error(
        &err,
        "scenarios/broken.ron",
        line_with(&text, "tension: 140.0"),
        "start.tension",
        &["140", "out of range"],
    );
}

#[test]
fn negative_doctrine_rule_weight_names_the_rule() {
    let text = set_nth(TIT_FOR_TAT, "weight", 1, "-6.0");
    let err = doctrine_err(&text);
    assert_error(
        &err,
        "doctrines/broken.ron",
        line_with(&text, "weight: -6.0"),
        "rules[1].weight",
        &["-6", "out of range"],
    );
}

#[test]
fn start_quarter_out_of_range_names_the_field_and_line() {
    let text = set_first(SCENARIO, "start_quarter", "5");
    let line = line_with(&text, "start_quarter: 5");
    let (err, file) = check_err("quarter", "scenarios/h20-reversal.ron", &text);
    assert_error(&err, &file, line, "start_quarter", &["5", "out of range"]);
    let (err, file) = override_err("quarter-dir", "scenarios/h20-reversal.ron", &text);
    assert_error(&err, &file, line, "start_quarter", &["5"]);
}

#[test]
fn unknown_move_in_a_doctrine_condition_names_the_condition() {
    let text = replace_first(TIT_FOR_TAT, "when: [", "when: [UsMove(\"ban-downgrade\"), ");
    let err = doctrine_err(&text);
    assert_error(
        &err,
        "doctrines/broken.ron",
        line_with(&text, "ban-downgrade"),
        "rules[0].when[0].UsMove",
        &["unknown move `ban-downgrade`", "ban-downgraded"],
    );
}

#[test]
fn unknown_response_names_the_rule() {
    let text = replace_first(TIT_FOR_TAT, "response: \"", "response: \"not-a-");
    let err = doctrine_err(&text);
    assert_error(
        &err,
        "doctrines/broken.ron",
        line_with(&text, "not-a-"),
        "rules[0].response",
        &["unknown response", "not-a-"],
    );
}

#[test]
fn unknown_stock_in_an_effect_names_the_effect() {
    let text = replace_first(EVENTS, "(stock: \"", "(stock: \"no_such_");
    let err = parse::<Vec<EventDef>>("events.ron", &text).expect_err("bad stock");
    assert_error(
        &err,
        "events.ron",
        line_with(&text, "no_such_"),
        "[0].effects[0].stock",
        &["unknown stock", "no_such_"],
    );
}

#[test]
fn unknown_gauge_in_a_condition_names_the_condition() {
    let text = replace_first(TIT_FOR_TAT, "when: [", "when: [Above(\"tensoin\", 50.0), ");
    let err = doctrine_err(&text);
    assert_eq!(err.line, Some(line_with(&text, "tensoin")), "{err}");
    let field = err.field.clone().expect("a field");
    assert!(field.starts_with("rules[0].when[0]"), "{err}");
    assert!(
        err.message.contains("unknown gauge or stock `tensoin`"),
        "{err}"
    );
    assert!(err.to_string().starts_with("doctrines/broken.ron:"));
}

// --- cross-file references ---------------------------------------------------------

#[test]
fn scenario_naming_a_missing_doctrine_points_at_that_line() {
    let text = set_first(SCENARIO, "doctrine", "\"no-such-doctrine\"");
    let line = line_with(&text, "\"no-such-doctrine\"");
    let (err, file) = override_err("doctrine", "scenarios/h20-reversal.ron", &text);
    assert_error(
        &err,
        &file,
        line,
        "doctrine",
        &["unknown doctrine `no-such-doctrine`", "pragmatist"],
    );
    let (err, file) = check_err("doctrine-check", "scenarios/h20-reversal.ron", &text);
    assert_error(&err, &file, line, "doctrine", &["no-such-doctrine"]);
}

#[test]
fn scenario_naming_a_missing_event_points_at_that_line() {
    // Adds the bad id to the scenario's deck, whether or not it lists one.
    let text = if SCENARIO.contains("\n    events: [") {
        replace_first(
            SCENARIO,
            "\n    events: [",
            "\n    events: [\"no-such-event\", ",
        )
    } else {
        let doctrine_line = line_with(SCENARIO, "    doctrine: ");
        SCENARIO
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == doctrine_line {
                    format!("{l}\n    events: [\"no-such-event\"],\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect()
    };
    let line = line_with(&text, "no-such-event");
    let (err, file) = override_err("event", "scenarios/h20-reversal.ron", &text);
    assert_error(
        &err,
        &file,
        line,
        "events[0]",
        &["unknown event `no-such-event`"],
    );
}

// --- whole tables -----------------------------------------------------------------

/// The last move entry: from the `(` line before `id: "hold-course"` to the
/// `),` line after it.
fn moves_without_hold_course() -> String {
    let id = MOVES
        .find("id: \"hold-course\"")
        .expect("hold-course entry");
    let start = MOVES[..id].rfind("\n    (").expect("entry start");
    let end = id + MOVES[id..].find("\n    ),").expect("entry end") + "\n    ),".len();
    format!("{}{}", &MOVES[..start], &MOVES[end..])
}

#[test]
fn moves_table_missing_an_entry_names_the_missing_move() {
    let text = moves_without_hold_course();
    assert!(parse::<Vec<MoveDef>>("moves.ron", &text).is_ok());
    let (err, file) = override_err("moves-missing", "moves.ron", &text);
    assert_eq!(err.file, file);
    assert!(err.message.contains("hold-course"), "{err}");
    assert!(err.to_string().starts_with(&file), "{err}");
}

#[test]
fn moves_table_with_a_duplicate_names_the_second_entry() {
    let text = replace_first(MOVES, "id: \"hold-course\"", "id: \"open-talks\"");
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"open-talks\""))
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("a second open-talks");
    let index = parse::<Vec<MoveDef>>("moves.ron", &text).unwrap().len() - 1;
    let (err, file) = override_err("moves-duplicate", "moves.ron", &text);
    assert_error(
        &err,
        &file,
        line,
        &format!("[{index}].id"),
        &["`open-talks` appears twice"],
    );
}

// --- whole-file errors ------------------------------------------------------------

#[test]
fn empty_file_is_an_error_naming_the_file() {
    let err = parse::<Scenario>("scenarios/empty.ron", " \n\t\n").expect_err("empty");
    assert_eq!(err.file, "scenarios/empty.ron");
    assert!(err.message.contains("empty"), "{err}");
    let (err, file) = check_err("empty", "scenarios/empty.ron", "");
    assert_eq!(err.file, file);
    assert!(err.message.contains("empty"), "{err}");
    assert_eq!(err.to_string(), format!("{file}: {}", err.message));
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let text = replace_first(SCENARIO, "horizon:", "horizon:: ");
    let line = line_with(&text, "horizon::");
    let err = scenario_err(&text);
    assert_eq!(err.file, "scenarios/broken.ron");
    assert_eq!(err.line, Some(line), "{err}");
    assert!(err.column.is_some(), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("scenarios/broken.ron:{line}:")),
        "{err}"
    );
    // A doubled comma, too.
    let text = set_first(SCENARIO, "horizon", "16,");
    let err = scenario_err(&text);
    assert_eq!(err.line, Some(line_with(&text, "horizon: 16,,")), "{err}");
    assert!(err.column.is_some(), "{err}");
    // Trailing garbage after the value is a syntax error too (ron places it
    // where the value ends).
    let text = format!("{SCENARIO}\n()\n");
    let err = scenario_err(&text);
    assert!(err.line.is_some(), "{err}");
    assert!(err.message.contains("trailing"), "{err}");
}

#[test]
fn non_utf8_file_is_an_error_naming_the_file() {
    let mut bytes = SCENARIO.as_bytes().to_vec();
    let at = SCENARIO.find("horizon").unwrap();
    bytes.insert(at, 0xff);
    let (err, file) = check_err("utf8", "scenarios/h20-reversal.ron", &bytes);
    assert_eq!(err.file, file);
    assert!(err.message.contains("UTF-8"), "{err}");
    assert!(
        err.message.contains(&at.to_string()),
        "offset missing: {err}"
    );
    let (err, file) = override_err("utf8-dir", "scenarios/h20-reversal.ron", &bytes);
    assert_eq!(err.file, file);
    assert!(err.message.contains("UTF-8"), "{err}");
}

#[test]
fn file_over_the_size_cap_is_refused_before_parsing() {
    let mut text = SCENARIO.to_string();
    text.push_str("\n// ");
    text.push_str(&"x".repeat(MAX_FILE_BYTES));
    assert!(text.len() > MAX_FILE_BYTES);
    let err = parse::<Scenario>("scenarios/big.ron", &text).expect_err("too big");
    assert!(err.message.contains(&MAX_FILE_BYTES.to_string()), "{err}");
    let (err, file) = check_err("big", "scenarios/big.ron", &text);
    assert_eq!(err.file, file);
    assert!(err.message.contains(&text.len().to_string()), "{err}");
    assert!(err.message.contains(&MAX_FILE_BYTES.to_string()), "{err}");
    // Exactly at the cap is still read (and then parsed).
    let exact = format!(
        "{SCENARIO}//{}",
        "x".repeat(MAX_FILE_BYTES - SCENARIO.len() - 2)
    );
    assert_eq!(exact.len(), MAX_FILE_BYTES);
    parse::<Scenario>("scenarios/exact.ron", &exact).expect("a file at the cap parses");
}

#[test]
fn missing_file_and_missing_folder_are_errors_naming_them() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("scenarios/nope.ron");
    let err = Content::check_file(&path).expect_err("missing file");
    assert_eq!(err.file, path.display().to_string());
    let gone = dir.0.join("not-a-folder");
    let err = Content::with_overrides(&gone).expect_err("missing folder");
    assert_eq!(err.file, gone.display().to_string());
}

// --- known problems in src/content (ignored: they fail today) -----------------------
// Run with `cargo test --release --test content_errors -- --ignored`.

/// src/content/mod.rs, check_conditions: the line is `line_of(text, "when")`,
/// the first `when` in the file, not the offending rule's.
#[test]

fn invalid_condition_level_points_at_its_own_rule() {
    let text = replace_first(TIT_FOR_TAT, "[Blockade]", "[EquipmentAtLeast(3)]");
    let line = line_with(&text, "EquipmentAtLeast(3)");
    assert_ne!(
        line,
        line_with(&text, "when"),
        "the edit must not hit rule 0"
    );
    let (err, file) = override_err("level", "doctrines/tit-for-tat.ron", &text);
    assert_eq!(err.file, file);
    assert!(err.message.contains("equipment level 3"), "{err}");
    assert_eq!(err.line, Some(line), "{err}");
}

/// src/content/mod.rs, check_event_ids: the line is the first occurrence of
/// the id (the original entry), while the field names the duplicate's index;
/// `table()` for moves/responses points at the second occurrence.
#[test]

fn duplicate_event_id_points_at_the_duplicate() {
    let events = parse::<Vec<EventDef>>("events.ron", EVENTS).unwrap();
    let (first, second) = (&events[0].id, &events[1].id);
    let text = replace_first(
        EVENTS,
        &format!("id: \"{second}\""),
        &format!("id: \"{first}\""),
    );
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&format!("\"{first}\"")))
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    let (err, file) = override_err("events-dup", "events.ron", &text);
    assert_error(&err, &file, line, "[1].id", &["appears twice"]);
}

/// src/content/parse.rs: a syntax error inside a struct gets the field path
/// `?` from serde_path_to_error, shown as "field `?`".
#[test]

fn syntax_error_shows_no_placeholder_field() {
    let text = set_first(SCENARIO, "horizon", "16,");
    let err = scenario_err(&text);
    assert!(
        err.field.as_deref().is_none_or(|f| !f.contains('?')),
        "{err}"
    );
}

#[test]
fn helpers_find_the_right_lines() {
    // Guards the helpers the tests above rely on.
    let text = "a: 1,\nb: 2,\nb: 3,\n";
    assert_eq!(line_with(text, "b:"), 2);
    assert_eq!(set_nth(text, "b", 1, "9"), "a: 1,\nb: 2,\nb: 9,\n");
    assert_eq!(without_line(text, "a:"), "b: 2,\nb: 3,\n");
    assert!(Path::new(&std::env::temp_dir()).is_dir());
}

// --- the decision review's thresholds ---------------------------------------

const REVIEW: &str = include_str!("../assets/review.ron");

#[test]
fn review_thresholds_that_do_not_rise_name_the_field_and_line() {
    let text = set_first(REVIEW, "good", "9.0");
    let (err, file) = check_err("review-order", "review.ron", &text);
    assert_error(
        &err,
        &file,
        line_with(&text, "good:"),
        "good",
        &["must rise"],
    );
    // The same file in an assets folder fails the same way.
    let (err, file) = override_err("review-order-dir", "review.ron", &text);
    assert_error(
        &err,
        &file,
        line_with(&text, "good:"),
        "good",
        &["must rise"],
    );
}

#[test]
fn a_review_standard_error_above_half_the_smallest_threshold_is_refused() {
    let text = set_first(REVIEW, "standard_error", "5.0");
    let (err, file) = check_err("review-se", "review.ron", &text);
    assert_error(
        &err,
        &file,
        line_with(&text, "standard_error:"),
        "standard_error",
        &["half of `best`"],
    );
}

#[test]
fn review_rollout_bounds_are_checked() {
    let text = set_first(REVIEW, "max_rollouts", "10");
    let (err, file) = check_err("review-max", "review.ron", &text);
    assert_error(
        &err,
        &file,
        line_with(&text, "max_rollouts:"),
        "max_rollouts",
        &["min_rollouts"],
    );
    let text = set_first(REVIEW, "best", "NaN");
    let (err, _) = check_err("review-nan", "review.ron", &text);
    assert!(err.to_string().contains("review.ron"), "{err}");
}

#[test]
fn the_shipped_review_file_checks_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/review.ron");
    assert_eq!(Content::check_file(&path).unwrap(), content::Kind::Review);
}

// --- the advisor's lines ------------------------------------------------------

const ADVISOR: &str = include_str!("../assets/advisor.ron");

#[test]
fn advice_missing_a_move_names_the_move_and_its_line() {
    // Take away the ban's usual line: the ban then has none.
    let text = ADVISOR.replacen(
        "move: \"ban-downgraded\",",
        "move: \"ban-downgraded\", when: Some(TensionAbove(99.0)),",
        1,
    );
    let (err, file) = check_err("advisor-missing", "advisor.ron", &text);
    assert_error(
        &err,
        &file,
        line_with(&text, "\"ban-downgraded\""),
        "move",
        &["ban-downgraded", "exactly one line without `when`"],
    );
    // The same file in an assets folder fails the same way.
    let (err, file) = override_err("advisor-missing-dir", "advisor.ron", &text);
    assert_eq!(err.file, file, "{err}");
}

#[test]
fn an_unknown_field_in_the_advice_names_the_field_and_its_line() {
    let text = ADVISOR.replacen("line: ", "lines: ", 1);
    let (err, file) = check_err("advisor-field", "advisor.ron", &text);
    assert_eq!(err.file, file, "{err}");
    assert_eq!(err.line, Some(line_with(&text, "lines: ")), "{err}");
}

#[test]
fn an_assets_folder_can_replace_the_advice() {
    let text = ADVISOR.replacen(
        "Banning widens the gap for a while",
        "A test line: banning widens the gap for a while",
        1,
    );
    let dir = TempDir::new("advisor-override");
    dir.write("advisor.ron", &text);
    let content = Content::with_overrides(&dir.0).unwrap();
    let rules = content.rules(content::DEFAULT_SCENARIO, None).unwrap();
    let state = chokepoints::engine::State::new(&rules.scenario);
    let line = content
        .advisor
        .advice(&rules, &state, chokepoints::engine::MoveId::BanDowngraded);
    assert!(line.starts_with("A test line"), "{line}");
}
