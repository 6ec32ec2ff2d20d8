//! The game's content: RON files for the model, the move and response
//! tables, doctrines, events and scenarios. The shipped files are compiled in
//! (so the game runs from any directory); a folder on disk can add to or
//! override them. Everything is validated on load, and every error names the
//! file, line and field.

mod error;
mod parse;

use std::path::Path;

pub use error::{ContentError, RulesError};
pub use parse::{MAX_FILE_BYTES, line_of, parse};

use crate::engine::ids::{MoveId, ResponseId};
use crate::engine::rules::{
    Condition, Doctrine, EventDef, ModelParams, MoveDef, Policy, ResponseDef, Rules, Scenario,
};
use crate::play::advisor::Advisor;
use crate::sim::review::ReviewRules;

/// The id of the default scenario.
pub const DEFAULT_SCENARIO: &str = "h20-reversal";

/// The shipped content, compiled in: (path under assets/, text).
const BUILTIN: &[(&str, &str)] = &[
    ("assets/model.ron", include_str!("../../assets/model.ron")),
    ("assets/moves.ron", include_str!("../../assets/moves.ron")),
    (
        "assets/responses.ron",
        include_str!("../../assets/responses.ron"),
    ),
    ("assets/events.ron", include_str!("../../assets/events.ron")),
    ("assets/review.ron", include_str!("../../assets/review.ron")),
    ("assets/advisor.ron", crate::play::advisor::ADVISOR_RON),
    (
        "assets/doctrines/pragmatist.ron",
        include_str!("../../assets/doctrines/pragmatist.ron"),
    ),
    (
        "assets/doctrines/self-reliance-hawk.ron",
        include_str!("../../assets/doctrines/self-reliance-hawk.ron"),
    ),
    (
        "assets/doctrines/tit-for-tat.ron",
        include_str!("../../assets/doctrines/tit-for-tat.ron"),
    ),
    (
        "assets/doctrines/opportunist.ron",
        include_str!("../../assets/doctrines/opportunist.ron"),
    ),
    (
        "assets/scenarios/h20-reversal.ron",
        include_str!("../../assets/scenarios/h20-reversal.ron"),
    ),
    (
        "assets/scenarios/october-2022.ron",
        include_str!("../../assets/scenarios/october-2022.ron"),
    ),
    (
        "assets/scenarios/blockade-gambit.ron",
        include_str!("../../assets/scenarios/blockade-gambit.ron"),
    ),
];

/// Which kind of content a file holds, from its place under the assets root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Model,
    Moves,
    Responses,
    Events,
    /// The decision review's labels and search effort.
    Review,
    /// The advisor's lines.
    Advisor,
    Doctrine,
    Scenario,
}

impl Kind {
    /// The kind of a file from its path relative to an assets folder.
    pub fn of_path(path: &str) -> Option<Kind> {
        let path = path.replace('\\', "/");
        let name = path.rsplit('/').next().unwrap_or(&path);
        if !name.ends_with(".ron") {
            return None;
        }
        match name {
            "model.ron" => Some(Kind::Model),
            "moves.ron" => Some(Kind::Moves),
            "responses.ron" => Some(Kind::Responses),
            "events.ron" => Some(Kind::Events),
            "review.ron" => Some(Kind::Review),
            "advisor.ron" => Some(Kind::Advisor),
            _ if path.contains("doctrines/") => Some(Kind::Doctrine),
            _ if path.contains("scenarios/") => Some(Kind::Scenario),
            _ => None,
        }
    }
}

/// A source file's name and text, kept so later checks can point at lines.
#[derive(Clone, Debug)]
struct Source {
    file: String,
    text: String,
}

/// All loaded content.
#[derive(Clone, Debug)]
pub struct Content {
    pub model: ModelParams,
    /// Indexed by `MoveId::index()`.
    pub moves: Vec<MoveDef>,
    /// Indexed by `ResponseId::index()`.
    pub responses: Vec<ResponseDef>,
    pub doctrines: Vec<Doctrine>,
    pub events: Vec<EventDef>,
    pub scenarios: Vec<Scenario>,
    /// How the decision review labels moves.
    pub review: ReviewRules,
    /// The advisor's line for each move.
    pub advisor: Advisor,
    /// Where each doctrine and scenario came from, by id.
    sources: Vec<(String, Source)>,
}

/// Partially loaded content, before the cross-file checks.
#[derive(Default)]
struct Builder {
    model: Option<ModelParams>,
    moves: Option<Vec<MoveDef>>,
    responses: Option<Vec<ResponseDef>>,
    events: Option<Vec<EventDef>>,
    review: Option<ReviewRules>,
    advisor: Option<Advisor>,
    doctrines: Vec<Doctrine>,
    scenarios: Vec<Scenario>,
    sources: Vec<(String, Source)>,
}

impl Builder {
    fn add(&mut self, file: &str, text: &str, kind: Kind) -> Result<(), ContentError> {
        match kind {
            Kind::Model => self.model = Some(parse(file, text)?),
            Kind::Moves => self.moves = Some(table(file, text, MoveId::ALL, |m: &MoveDef| m.id)?),
            Kind::Responses => {
                self.responses = Some(table(file, text, ResponseId::ALL, |r: &ResponseDef| r.id)?)
            }
            Kind::Events => {
                let events: Vec<EventDef> = parse(file, text)?;
                check_event_ids(file, text, &events)?;
                self.events = Some(events);
            }
            Kind::Review => {
                let review: ReviewRules = parse(file, text)?;
                if let Some((field, message)) = review.problem() {
                    return Err(ContentError::new(file, message)
                        .at_line(line_of(text, &format!("{field}:")))
                        .in_field(field));
                }
                self.review = Some(review);
            }
            Kind::Advisor => self.advisor = Some(Advisor::parse(file, text)?),
            Kind::Doctrine => {
                let doctrine: Doctrine = parse(file, text)?;
                check_doctrine(file, text, &doctrine)?;
                let source = Source {
                    file: file.to_string(),
                    text: text.to_string(),
                };
                self.sources
                    .retain(|(id, _)| *id != format!("doctrine:{}", doctrine.id));
                self.sources
                    .push((format!("doctrine:{}", doctrine.id), source));
                self.doctrines.retain(|d| d.id != doctrine.id);
                self.doctrines.push(doctrine);
            }
            Kind::Scenario => {
                let scenario: Scenario = parse(file, text)?;
                check_scenario_fields(file, text, &scenario)?;
                let source = Source {
                    file: file.to_string(),
                    text: text.to_string(),
                };
                self.sources
                    .retain(|(id, _)| *id != format!("scenario:{}", scenario.id));
                self.sources
                    .push((format!("scenario:{}", scenario.id), source));
                self.scenarios.retain(|s| s.id != scenario.id);
                self.scenarios.push(scenario);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Content, ContentError> {
        let missing =
            |what: &str| ContentError::new("assets", format!("no {what} file was loaded"));
        let content = Content {
            model: self.model.ok_or_else(|| missing("model.ron"))?,
            moves: self.moves.ok_or_else(|| missing("moves.ron"))?,
            responses: self.responses.ok_or_else(|| missing("responses.ron"))?,
            events: self.events.ok_or_else(|| missing("events.ron"))?,
            review: self.review.ok_or_else(|| missing("review.ron"))?,
            advisor: self.advisor.ok_or_else(|| missing("advisor.ron"))?,
            doctrines: self.doctrines,
            scenarios: self.scenarios,
            sources: self.sources,
        };
        content.check_references()?;
        Ok(content)
    }
}

/// Parses a table that must hold exactly one entry per id, and orders it by id.
fn table<T: serde::de::DeserializeOwned, Id: Copy + PartialEq + std::fmt::Display>(
    file: &str,
    text: &str,
    all: &[Id],
    id_of: impl Fn(&T) -> Id,
) -> Result<Vec<T>, ContentError> {
    let mut entries: Vec<T> = parse(file, text)?;
    for (i, entry) in entries.iter().enumerate() {
        let id = id_of(entry);
        if entries[..i].iter().any(|e| id_of(e) == id) {
            let needle = format!("\"{id}\"");
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains(&needle))
                .nth(1)
                .map(|(n, _)| n + 1);
            return Err(ContentError::new(file, format!("`{id}` appears twice"))
                .at_line(line)
                .in_field(format!("[{i}].id")));
        }
    }
    for id in all {
        if !entries.iter().any(|e| id_of(e) == *id) {
            return Err(ContentError::new(file, format!("no entry for `{id}`")));
        }
    }
    entries.sort_by_key(|e| {
        all.iter()
            .position(|id| *id == id_of(e))
            .unwrap_or(usize::MAX)
    });
    Ok(entries)
}

/// The most cards a deck may hold (a turn records the situations it
/// answered as a 64-bit set).
pub const MAX_EVENTS: usize = 64;

fn check_event_ids(file: &str, text: &str, events: &[EventDef]) -> Result<(), ContentError> {
    if events.len() > MAX_EVENTS {
        return Err(ContentError::new(
            file,
            format!(
                "the deck holds {} events; at most {MAX_EVENTS} are allowed",
                events.len()
            ),
        ));
    }
    for (i, event) in events.iter().enumerate() {
        if let Some(lasting) = &event.lasting
            && lasting.answered_by.is_empty()
        {
            return Err(ContentError::new(
                file,
                format!("event `{}` leaves a situation no move answers", event.id),
            )
            .at_line(nth_key_line(text, "answered_by:", 0))
            .in_field(format!("[{i}].lasting.answered_by")));
        }
        if event.max_per_game == 0 {
            return Err(ContentError::new(
                file,
                format!("event `{}` may fire 0 times: remove it instead", event.id),
            )
            .in_field(format!("[{i}].max_per_game")));
        }
        if events[..i].iter().any(|e| e.id == event.id) {
            return Err(
                ContentError::new(file, format!("event id `{}` appears twice", event.id))
                    .at_line(nth_line_of(text, &format!("\"{}\"", event.id), 1))
                    .in_field(format!("[{i}].id")),
            );
        }
        let entry = nth_key_line(text, "id:", i);
        check_conditions(file, text, &event.when, &format!("[{i}].when"), entry)?;
    }
    Ok(())
}

/// The line of the `n`-th (0-based) line containing `needle`.
fn nth_line_of(text: &str, needle: &str, n: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(n)
        .map(|(i, _)| i + 1)
}

/// The first line at or after `from` containing `needle`.
fn line_after(text: &str, from: usize, needle: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

/// The line of the `n`-th (0-based) entry that starts with `key` (such as
/// `id:` or `response:`), ignoring indentation and an opening parenthesis.
fn nth_key_line(text: &str, key: &str, n: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start()
                .trim_start_matches('(')
                .trim_start()
                .starts_with(key)
        })
        .nth(n)
        .map(|(i, _)| i + 1)
}

/// Checks conditions of the entry that starts at line `entry_line`.
fn check_conditions(
    file: &str,
    text: &str,
    conditions: &[Condition],
    field: &str,
    entry_line: Option<usize>,
) -> Result<(), ContentError> {
    for (j, condition) in conditions.iter().enumerate() {
        let bad = match condition {
            Condition::EquipmentAtLeast(level) if *level > Policy::MAX_EQUIPMENT => {
                Some(format!("equipment level {level} does not exist (0–2)"))
            }
            Condition::EnforcementAtMost(level) if *level > Policy::MAX_ENFORCEMENT => {
                Some(format!("enforcement level {level} does not exist (0–3)"))
            }
            Condition::Above(_, v) | Condition::Below(_, v) if !v.is_finite() => {
                Some("threshold must be a finite number".to_string())
            }
            _ => None,
        };
        if let Some(message) = bad {
            let debug = format!("{condition:?}");
            let variant = debug.split('(').next().unwrap_or(&debug);
            let line = entry_line
                .and_then(|from| line_after(text, from, variant))
                .or(entry_line);
            return Err(ContentError::new(file, message)
                .at_line(line)
                .in_field(format!("{field}[{j}]")));
        }
    }
    Ok(())
}

fn check_doctrine(file: &str, text: &str, doctrine: &Doctrine) -> Result<(), ContentError> {
    if doctrine.rules.is_empty() {
        return Err(
            ContentError::new(file, "a doctrine needs at least one rule")
                .at_line(line_of(text, "rules"))
                .in_field("rules"),
        );
    }
    for (i, rule) in doctrine.rules.iter().enumerate() {
        let entry = nth_key_line(text, "response:", i);
        check_conditions(file, text, &rule.when, &format!("rules[{i}].when"), entry)?;
    }
    Ok(())
}

fn check_scenario_fields(file: &str, text: &str, s: &Scenario) -> Result<(), ContentError> {
    let fail = |field: &str, message: String| {
        Err(ContentError::new(file, message)
            .at_line(line_of(
                text,
                &format!("{}:", field.rsplit('.').next().unwrap_or(field)),
            ))
            .in_field(field))
    };
    if !(1..=4).contains(&s.start_quarter) {
        return fail(
            "start_quarter",
            format!("{} is out of range (must be 1–4)", s.start_quarter),
        );
    }
    if !(1..=200).contains(&s.horizon) {
        return fail(
            "horizon",
            format!("{} is out of range (must be 1–200 turns)", s.horizon),
        );
    }
    if s.start.policy.equipment > Policy::MAX_EQUIPMENT {
        return fail(
            "start.policy.equipment",
            format!("{} is out of range (must be 0–2)", s.start.policy.equipment),
        );
    }
    if s.start.policy.enforcement > Policy::MAX_ENFORCEMENT {
        return fail(
            "start.policy.enforcement",
            format!(
                "{} is out of range (must be 0–3)",
                s.start.policy.enforcement
            ),
        );
    }
    let bands = &s.scoring.grade_bands;
    if bands.len() != 4
        || bands.iter().any(|b| !(0.0..=100.0).contains(b))
        || bands.windows(2).any(|w| w[0] < w[1])
    {
        return fail(
            "scoring.grade_bands",
            format!("{bands:?} must be four scores from 0 to 100, highest (A) first"),
        );
    }
    let total: f64 = s.scoring.weights.as_array().iter().sum();
    if total <= 0.0 {
        return fail(
            "scoring.weights",
            "at least one objective must have a positive weight".to_string(),
        );
    }
    Ok(())
}

impl Content {
    /// The shipped content.
    pub fn builtin() -> Result<Content, ContentError> {
        let mut builder = Builder::default();
        for (file, text) in BUILTIN {
            let kind =
                Kind::of_path(file).ok_or_else(|| ContentError::new(file, "not a content file"))?;
            builder.add(file, text, kind)?;
        }
        builder.finish()
    }

    /// The shipped content, with the files of an assets folder on disk added
    /// or overriding (same layout as `assets/`).
    pub fn with_overrides(dir: &Path) -> Result<Content, ContentError> {
        let mut builder = Builder::default();
        for (file, text) in BUILTIN {
            let kind =
                Kind::of_path(file).ok_or_else(|| ContentError::new(file, "not a content file"))?;
            builder.add(file, text, kind)?;
        }
        let shown = dir.display().to_string();
        if !dir.is_dir() {
            return Err(ContentError::new(&shown, "not a folder"));
        }
        let mut files = Vec::new();
        for sub in ["", "doctrines", "scenarios"] {
            let folder = dir.join(sub);
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                files.push(entry.path());
            }
        }
        files.sort();
        for path in files {
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let Some(kind) = Kind::of_path(&relative.to_string_lossy()) else {
                continue;
            };
            let file = path.display().to_string();
            let text = read_capped(&path)?;
            builder.add(&file, &text, kind)?;
        }
        builder.finish()
    }

    /// Checks one content file on its own (and its references against the
    /// shipped content). Used by `chokepoints check` and by scenario loading.
    pub fn check_file(path: &Path) -> Result<Kind, ContentError> {
        let file = path.display().to_string();
        let text = read_capped(path)?;
        let kind = Kind::of_path(&file)
            .or_else(|| sniff_kind(&text))
            .ok_or_else(|| ContentError::new(&file, "cannot tell what kind of content this is (name it model.ron, moves.ron, responses.ron, events.ron, review.ron, advisor.ron, or put it under doctrines/ or scenarios/)"))?;
        let mut content = Content::builtin()?;
        content.add_file(&file, &text, kind)?;
        Ok(kind)
    }

    /// Adds one file's content (e.g. a scenario given on the command line).
    pub fn add_file(&mut self, file: &str, text: &str, kind: Kind) -> Result<(), ContentError> {
        let mut builder = Builder {
            model: Some(self.model.clone()),
            moves: Some(self.moves.clone()),
            responses: Some(self.responses.clone()),
            events: Some(self.events.clone()),
            review: Some(self.review.clone()),
            advisor: Some(self.advisor.clone()),
            doctrines: self.doctrines.clone(),
            scenarios: self.scenarios.clone(),
            sources: self.sources.clone(),
        };
        builder.add(file, text, kind)?;
        *self = builder.finish()?;
        Ok(())
    }

    /// Loads a scenario file from disk into this content; returns its id.
    pub fn load_scenario_file(&mut self, path: &Path) -> Result<String, ContentError> {
        let file = path.display().to_string();
        let text = read_capped(path)?;
        let scenario: Scenario = parse(&file, &text)?;
        let id = scenario.id.clone();
        self.add_file(&file, &text, Kind::Scenario)?;
        Ok(id)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn doctrine(&self, id: &str) -> Option<&Doctrine> {
        self.doctrines.iter().find(|d| d.id == id)
    }

    /// The rules for one game: a scenario and the doctrine Beijing plays
    /// (the scenario's own unless one is named).
    pub fn rules(&self, scenario_id: &str, doctrine_id: Option<&str>) -> Result<Rules, RulesError> {
        let scenario = self
            .scenario(scenario_id)
            .ok_or_else(|| RulesError::UnknownScenario {
                given: scenario_id.to_string(),
                known: self.scenarios.iter().map(|s| s.id.clone()).collect(),
            })?;
        let doctrine_id = doctrine_id.unwrap_or(&scenario.doctrine);
        let doctrine = self
            .doctrine(doctrine_id)
            .ok_or_else(|| RulesError::UnknownDoctrine {
                given: doctrine_id.to_string(),
                known: self.doctrine_ids().into_iter().map(String::from).collect(),
            })?;
        let events = if scenario.events.is_empty() {
            self.events.clone()
        } else {
            self.events
                .iter()
                .filter(|e| scenario.events.contains(&e.id))
                .cloned()
                .collect()
        };
        Ok(Rules {
            model: self.model.clone(),
            moves: self.moves.clone(),
            responses: self.responses.clone(),
            doctrine: doctrine.clone(),
            suspects: Vec::new(),
            events,
            scenario: scenario.clone(),
        })
    }

    /// The file a scenario was read from (`assets/…` for built-in ones).
    pub fn scenario_source(&self, id: &str) -> Option<&str> {
        let key = format!("scenario:{id}");
        self.sources
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.file.as_str())
    }

    /// Every doctrine, in file order: the suspects of a hidden-doctrine game.
    pub fn doctrines(&self) -> &[Doctrine] {
        &self.doctrines
    }

    pub fn doctrine_ids(&self) -> Vec<&str> {
        self.doctrines.iter().map(|d| d.id.as_str()).collect()
    }

    /// The doctrines a tool was given, or every doctrine when none was.
    pub fn doctrines_or_all(&self, given: &[String]) -> Vec<String> {
        if given.is_empty() {
            self.doctrine_ids().iter().map(|s| s.to_string()).collect()
        } else {
            given.to_vec()
        }
    }

    /// Cross-file checks: scenarios name doctrines and events that exist.
    fn check_references(&self) -> Result<(), ContentError> {
        for scenario in &self.scenarios {
            let key = format!("scenario:{}", scenario.id);
            let (file, text) = self
                .sources
                .iter()
                .find(|(id, _)| *id == key)
                .map(|(_, s)| (s.file.as_str(), s.text.as_str()))
                .unwrap_or(("scenario", ""));
            if self.doctrine(&scenario.doctrine).is_none() {
                return Err(ContentError::new(
                    file,
                    format!(
                        "unknown doctrine `{}` (expected one of: {})",
                        scenario.doctrine,
                        self.doctrine_ids().join(", ")
                    ),
                )
                .at_line(line_of(text, &format!("\"{}\"", scenario.doctrine)))
                .in_field("doctrine"));
            }
            for (i, event) in scenario.events.iter().enumerate() {
                if !self.events.iter().any(|e| e.id == *event) {
                    return Err(ContentError::new(
                        file,
                        format!("unknown event `{event}` (not in events.ron)"),
                    )
                    .at_line(line_of(text, &format!("\"{event}\"")))
                    .in_field(format!("events[{i}]")));
                }
            }
        }
        Ok(())
    }
}

/// Guesses a file's kind from its first value, for `check` on a file whose
/// name says nothing.
fn sniff_kind(text: &str) -> Option<Kind> {
    if text.contains("briefing") && text.contains("horizon") {
        Some(Kind::Scenario)
    } else if text.contains("second_response_chance") {
        Some(Kind::Doctrine)
    } else if text.contains("expert_budget") {
        Some(Kind::Review)
    } else {
        None
    }
}

/// Reads a file whole, refusing anything larger than [`MAX_FILE_BYTES`] or
/// not UTF-8, with an error naming the file.
pub fn read_capped(path: &Path) -> Result<String, ContentError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| ContentError::new(&file, io_message(&e)))?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(ContentError::new(
            &file,
            format!(
                "file is {} bytes; content files may be at most {MAX_FILE_BYTES}",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| ContentError::new(&file, io_message(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        ContentError::new(
            &file,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_name_says_which_kind_and_offers_the_known_ones() {
        let content = Content::builtin().unwrap();
        match content.rules("nowhere", None) {
            Err(RulesError::UnknownScenario { given, known }) => {
                assert_eq!(given, "nowhere");
                assert!(known.iter().any(|k| k == DEFAULT_SCENARIO), "{known:?}");
            }
            other => panic!("expected an unknown scenario, got {:?}", other.err()),
        }
        match content.rules(DEFAULT_SCENARIO, Some("dove")) {
            Err(RulesError::UnknownDoctrine { given, known }) => {
                assert_eq!(given, "dove");
                assert!(known.iter().any(|k| k == "pragmatist"), "{known:?}");
            }
            other => panic!("expected an unknown doctrine, got {:?}", other.err()),
        }
    }
}
