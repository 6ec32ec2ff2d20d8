//! Saved games: the RON save format, loading with strict checks, replaying a
//! save to rebuild (and verify) the game, atomic writes, and save names.
//!
//! A save stores the seed and every move rather than the state: the state is
//! rebuilt by replaying, and each turn's checksum is compared with the one
//! recorded, so an edited or stale save is caught at the turn it diverges.

mod atomic;
pub mod folder;
mod names;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use atomic::{WriteError, WriteStep, write_atomic};
pub use folder::{Loaded, SaveEntry, SaveInfo, load};
pub use names::{
    AUTOSAVE_PREFIX, NameError, autosave_name, default_name, fold_player, is_autosave, same_player,
    sanitize_name,
};

use crate::content::Content;
use crate::engine::game::MAX_INJECTS_PER_TURN;
use crate::engine::ids::{Gauge, MoveId, ResponseId};
use crate::engine::rules::{Rules, Scenario};
use crate::engine::score::Grade;
use crate::engine::state::{Outcome, fnv64};
use crate::engine::{ControlMessage, Game, Side};

/// The save format this build writes. Format 2 added what the class's
/// control sent (messages, injects) and turns whose time ran out.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format this build still reads: format 1 is format 2 with
/// nothing from control.
pub const OLDEST_FORMAT: u32 = 1;
/// Saves larger than this are refused before parsing.
pub const MAX_SAVE_BYTES: u64 = 16 * 1024 * 1024;

/// A problem with a save file, for one line of output: `FILE: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct SaveError {
    pub file: String,
    pub message: String,
    /// The save reads, but the rules it was played under have changed
    /// since: it cannot be replayed, though what it stored can be shown
    /// (marked as unverified).
    pub older_rules: bool,
}

impl SaveError {
    pub(crate) fn new(file: &Path, message: impl Into<String>) -> SaveError {
        SaveError {
            file: file.display().to_string(),
            message: message.into(),
            older_rules: false,
        }
    }

    /// A save from older rules: see `older_rules`.
    fn older(file: &Path, message: impl Into<String>) -> SaveError {
        SaveError {
            older_rules: true,
            ..SaveError::new(file, message)
        }
    }
}

/// Which scenario a game was played on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRef {
    pub id: String,
    /// Fingerprint of the scenario, so a changed scenario is detected.
    pub hash: String,
    /// Fingerprint of everything the game ran on (model, tables, doctrine,
    /// events, scenario): a replay under other content would diverge.
    pub content_hash: String,
    /// The scenario itself, when it came from a file rather than the
    /// built-in content, so the game replays anywhere.
    #[serde(default)]
    pub embedded: Option<Scenario>,
}

/// Player names or team labels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Players {
    #[serde(default)]
    pub us: Option<String>,
    #[serde(default)]
    pub china: Option<String>,
}

/// One turn as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedTurn {
    pub us: MoveId,
    /// Set in hot-seat games, where a human chose Beijing's response.
    #[serde(default)]
    pub china: Option<ResponseId>,
    /// Events the class's control sent into this turn, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inject: Vec<String>,
    /// Sides whose time ran out this turn, so that they held course.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timed_out: Vec<Side>,
    /// The state checksum after this turn, 16 hex digits.
    pub checksum: String,
}

/// The state when the game was saved. Never trusted: every place that shows
/// or counts it rebuilds it by replaying the moves (`SaveFile::replay`
/// refuses a save whose summary disagrees), so an edited grade is caught.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub turn: u32,
    pub horizon: u32,
    pub date: String,
    pub outcome: Option<Outcome>,
    pub score: f64,
    pub grade: Grade,
    pub gauges: BTreeMap<Gauge, f64>,
}

/// A saved game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    pub format: u32,
    pub game_version: String,
    pub scenario: ScenarioRef,
    pub doctrine: String,
    /// Washington played without being told `doctrine`: it had to read it
    /// from Beijing's answers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doctrine_hidden: bool,
    pub seed: u64,
    #[serde(default)]
    pub players: Players,
    pub turns: Vec<SavedTurn>,
    /// Messages from the class's control, with when they arrived.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<ControlMessage>,
    pub summary: Summary,
}

/// Only the version, read first so that a save from another format gets a
/// clear message rather than a list of unknown fields.
#[derive(Deserialize)]
struct Header {
    format: u32,
}

fn hex(v: u64) -> String {
    format!("{v:016x}")
}

fn fingerprint<T: Serialize>(value: &T) -> String {
    // RON's output for the same value is the same on every platform.
    hex(fnv64(ron::to_string(value).unwrap_or_default().as_bytes()))
}

/// The fingerprint of a scenario.
pub fn scenario_hash(scenario: &Scenario) -> String {
    fingerprint(scenario)
}

/// The fingerprint of all the rules a game runs on.
pub fn content_hash(rules: &Rules) -> String {
    fingerprint(&(
        &rules.model,
        &rules.moves,
        &rules.responses,
        &rules.doctrine,
        &rules.events,
        &rules.scenario,
    ))
}

impl Summary {
    /// The summary of a game as it stands.
    pub fn of(game: &Game) -> Summary {
        let (rules, state) = (&game.rules, &game.state);
        let score = game.score();
        Summary {
            turn: state.turn,
            horizon: rules.scenario.horizon,
            date: state.date(&rules.scenario).to_string(),
            outcome: state.outcome,
            score: score.total,
            grade: score.grade,
            gauges: Gauge::ALL.iter().map(|g| (*g, state.gauge(*g))).collect(),
        }
    }

    /// The first field where this summary differs from `truth`, as the
    /// field's name, what it says and what it should say.
    pub fn differs_from(&self, truth: &Summary) -> Option<(String, String, String)> {
        // Scores and gauges are written with every digit, so a save that
        // was not edited reads back exactly; the margin only forgives the
        // last bit of a float printed and parsed again.
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        let field = |name: &str, said: String, truth: String| Some((name.to_string(), said, truth));
        if self.turn != truth.turn {
            return field("turn", self.turn.to_string(), truth.turn.to_string());
        }
        if self.horizon != truth.horizon {
            return field(
                "horizon",
                self.horizon.to_string(),
                truth.horizon.to_string(),
            );
        }
        if self.date != truth.date {
            return field("date", self.date.clone(), truth.date.clone());
        }
        if self.outcome != truth.outcome {
            return field(
                "outcome",
                format!("{:?}", self.outcome),
                format!("{:?}", truth.outcome),
            );
        }
        if !near(self.score, truth.score) {
            return field(
                "score",
                format!("{:.1}", self.score),
                format!("{:.1}", truth.score),
            );
        }
        if self.grade != truth.grade {
            return field(
                "grade",
                format!("{:?}", self.grade),
                format!("{:?}", truth.grade),
            );
        }
        for (gauge, value) in &truth.gauges {
            match self.gauges.get(gauge) {
                Some(said) if near(*said, *value) => {}
                said => {
                    return field(
                        &format!("gauges.{}", gauge.as_str()),
                        said.map_or_else(|| "nothing".to_string(), |v| format!("{v:.1}")),
                        format!("{value:.1}"),
                    );
                }
            }
        }
        if self.gauges.len() != truth.gauges.len() {
            return field(
                "gauges",
                format!("{} gauges", self.gauges.len()),
                format!("{} gauges", truth.gauges.len()),
            );
        }
        None
    }
}

impl SaveFile {
    /// Records a game. `embed` stores the scenario in the save (for
    /// scenarios loaded from files).
    pub fn from_game(game: &Game, players: Players, embed: bool) -> SaveFile {
        let rules = &game.rules;
        let turns = game
            .moves
            .iter()
            .zip(&game.checksums)
            .enumerate()
            .map(|(i, (us, checksum))| SavedTurn {
                us: *us,
                china: game.china.get(i).copied().flatten(),
                inject: game
                    .injects
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| rules.events.get(*e))
                    .map(|e| e.id.clone())
                    .collect(),
                timed_out: game.timed_out.get(i).cloned().unwrap_or_default(),
                checksum: hex(*checksum),
            })
            .collect();
        SaveFile {
            format: FORMAT_VERSION,
            game_version: env!("CARGO_PKG_VERSION").to_string(),
            scenario: ScenarioRef {
                id: rules.scenario.id.clone(),
                hash: scenario_hash(&rules.scenario),
                content_hash: content_hash(rules),
                embedded: embed.then(|| rules.scenario.clone()),
            },
            doctrine: rules.doctrine.id.clone(),
            doctrine_hidden: rules.doctrine_hidden(),
            seed: game.seed,
            players,
            turns,
            messages: game.messages.clone(),
            summary: Summary::of(game),
        }
    }

    /// The save as RON text.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(4);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Parses a save from text, checking the format version first.
    pub fn parse(file: &Path, text: &str) -> Result<SaveFile, SaveError> {
        if text.trim().is_empty() {
            return Err(SaveError::new(file, "the file is empty"));
        }
        let located = |e: ron::error::SpannedError| {
            SaveError::new(
                file,
                format!(
                    "not a valid save (line {}: {})",
                    e.span.start.line,
                    // The header is our own type; players know it as a save.
                    e.code.to_string().replace("struct `Header`", "a save")
                ),
            )
        };
        // Fields other than `format` are skipped here, so a save of another
        // format still names its version.
        let header: Header = ron::Options::default()
            .from_str::<Header>(text)
            .map_err(located)?;
        if !(OLDEST_FORMAT..=FORMAT_VERSION).contains(&header.format) {
            return Err(SaveError::new(
                file,
                format!(
                    "save format {} is not supported (this version of chokepoints reads formats {OLDEST_FORMAT} to {FORMAT_VERSION})",
                    header.format
                ),
            ));
        }
        let save: SaveFile = ron::Options::default().from_str(text).map_err(located)?;
        // NaN or infinity would poison every sum and comparison made with
        // it; a save holds none (the game never makes one).
        if let Ok(value) = ron::from_str::<ron::Value>(text)
            && let Some(at) = non_finite(&value)
        {
            let at = at.trim_start_matches('.');
            return Err(SaveError::new(
                file,
                format!("{at} is not a finite number; a save holds only finite numbers"),
            ));
        }
        Ok(save)
    }

    /// Reads a save from disk, refusing large, binary or malformed files.
    pub fn read(path: &Path) -> Result<SaveFile, SaveError> {
        let meta = std::fs::metadata(path).map_err(|e| SaveError::new(path, io_message(&e)))?;
        if !meta.is_file() {
            return Err(SaveError::new(path, "not a file"));
        }
        if meta.len() > MAX_SAVE_BYTES {
            return Err(SaveError::new(
                path,
                format!(
                    "the file is {} bytes; saves may be at most {} MiB",
                    meta.len(),
                    MAX_SAVE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| SaveError::new(path, io_message(&e)))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| SaveError::new(path, "not a save: the file is binary, not UTF-8 text"))?;
        SaveFile::parse(path, &text)
    }

    /// Writes the save atomically.
    pub fn write(&self, path: &Path) -> Result<(), SaveError> {
        write_atomic(path, self.to_ron().as_bytes())
            .map_err(|e| SaveError::new(path, e.to_string()))
    }

    /// Why a save made under other rules cannot be replayed: what changed,
    /// and which versions of the game are involved.
    fn rules_changed(&self, what: &str) -> String {
        let now = env!("CARGO_PKG_VERSION");
        if self.game_version == now {
            format!(
                "{what} changed since this game was saved (same version {now}: the content in use differs), so it cannot be replayed"
            )
        } else {
            format!(
                "this game was saved with chokepoints {}, and {what} changed in version {now}, so it cannot be replayed under the current rules",
                self.game_version
            )
        }
    }

    /// The rules the game was played with: the embedded scenario or the
    /// content's, checked against the recorded fingerprints.
    pub fn rules(&self, file: &Path, content: &Content) -> Result<Rules, SaveError> {
        let mut content = content.clone();
        if let Some(scenario) = &self.scenario.embedded {
            if scenario.id != self.scenario.id {
                return Err(SaveError::new(
                    file,
                    "the embedded scenario's id does not match the save's scenario id",
                ));
            }
            content.scenarios.retain(|s| s.id != scenario.id);
            content.scenarios.push(scenario.clone());
        }
        let rules = content
            .rules(&self.scenario.id, Some(&self.doctrine))
            .map_err(|e| SaveError::new(file, e.to_string()))?;
        let rules = if self.doctrine_hidden {
            rules.hiding_doctrine(content.doctrines().to_vec())
        } else {
            rules
        };
        if scenario_hash(&rules.scenario) != self.scenario.hash {
            return Err(SaveError::older(
                file,
                self.rules_changed(&format!("scenario `{}`", self.scenario.id)),
            ));
        }
        if content_hash(&rules) != self.scenario.content_hash {
            return Err(SaveError::older(
                file,
                self.rules_changed("the game's rules (model, moves, doctrines or events)"),
            ));
        }
        Ok(rules)
    }

    /// Rebuilds the game by replaying every turn, checking each checksum
    /// and then the stored summary; a divergence or a summary that
    /// disagrees is an error.
    pub fn replay(&self, file: &Path, content: &Content) -> Result<Game, SaveError> {
        let (game, divergence) = self.rebuild(file, content)?;
        if let Some(d) = divergence {
            return Err(SaveError::new(file, d.to_string()));
        }
        self.check_summary(file, &game)?;
        Ok(game)
    }

    /// Compares the stored summary with the replayed game's: a save whose
    /// summary disagrees was edited (its moves replay, so the rules are the
    /// same), and the error names the first field that differs.
    pub fn check_summary(&self, file: &Path, game: &Game) -> Result<(), SaveError> {
        match self.summary.differs_from(&Summary::of(game)) {
            None => Ok(()),
            Some((field, said, truth)) => Err(SaveError::new(
                file,
                format!(
                    "tampered: the summary's {field} says {said}, but replaying the moves gives {truth} (the save was edited)"
                ),
            )),
        }
    }

    /// Replays the save, stopping at the first turn whose checksum differs
    /// from the recorded one. Errors are saves that cannot be replayed at all.
    pub fn rebuild(
        &self,
        file: &Path,
        content: &Content,
    ) -> Result<(Game, Option<Divergence>), SaveError> {
        let rules = Arc::new(self.rules(file, content)?);
        if self.turns.len() > rules.scenario.horizon as usize {
            return Err(SaveError::new(
                file,
                format!(
                    "the save has {} turns but the scenario lasts {}",
                    self.turns.len(),
                    rules.scenario.horizon
                ),
            ));
        }
        // The record to replay, as the engine keeps it; then replayed turn
        // by turn, so a divergence is caught where it happens.
        let mut record = Game::new(rules.clone(), self.seed);
        for (i, turn) in self.turns.iter().enumerate() {
            let mut injects = Vec::with_capacity(turn.inject.len());
            for id in &turn.inject {
                match rules.events.iter().position(|e| e.id == *id) {
                    Some(e) => injects.push(e),
                    None => {
                        return Err(SaveError::new(
                            file,
                            format!("turn {}: no event `{id}` in the deck to inject", i + 1),
                        ));
                    }
                }
            }
            if injects.len() > MAX_INJECTS_PER_TURN {
                return Err(SaveError::new(
                    file,
                    format!(
                        "turn {}: {} injects; a quarter takes at most {MAX_INJECTS_PER_TURN}",
                        i + 1,
                        injects.len()
                    ),
                ));
            }
            record.moves.push(turn.us);
            record.china.push(turn.china);
            record.injects.push(injects);
            record.timed_out.push(turn.timed_out.clone());
        }
        if let Some(m) = self
            .messages
            .iter()
            .find(|m| m.turn as usize > self.turns.len())
        {
            return Err(SaveError::new(
                file,
                format!(
                    "a message from control arrived after turn {}, but the save has {} turns",
                    m.turn,
                    self.turns.len()
                ),
            ));
        }
        record.messages = self.messages.clone();
        let mut game = record.replay_start();
        for (i, turn) in self.turns.iter().enumerate() {
            let n = i as u32 + 1;
            if game.replay_turn(&record).is_none() {
                return Ok((
                    game,
                    Some(Divergence {
                        turn: n,
                        recorded: turn.checksum.clone(),
                        replayed: "the game had already ended".to_string(),
                    }),
                ));
            }
            let replayed = game.checksums.last().copied().map(hex).unwrap_or_default();
            if replayed != turn.checksum {
                return Ok((
                    game,
                    Some(Divergence {
                        turn: n,
                        recorded: turn.checksum.clone(),
                        replayed,
                    }),
                ));
            }
        }
        Ok((game, None))
    }
}

impl SaveFile {
    /// Whether two files hold the same game: the same players, scenario
    /// (by fingerprint, so a renamed copy is caught and an edited scenario
    /// of the same name is not), seed and doctrine, with one's turns
    /// beginning with the other's (an autosave and a save made mid-game).
    pub fn same_game(&self, other: &SaveFile) -> bool {
        let n = self.turns.len().min(other.turns.len());
        self.players == other.players
            && self.scenario.hash == other.scenario.hash
            && self.scenario.content_hash == other.scenario.content_hash
            && self.seed == other.seed
            && self.doctrine == other.doctrine
            && self.doctrine_hidden == other.doctrine_hidden
            && self.turns[..n] == other.turns[..n]
    }
}

/// For each save, the index of the save that stands for it when games are
/// counted: itself, or the longest file holding the same game (the first
/// of equals). A class counts each game once, at its furthest point.
pub fn counted_as(saves: &[&SaveFile]) -> Vec<usize> {
    (0..saves.len())
        .map(|i| {
            (0..saves.len())
                .filter(|&j| saves[i].same_game(saves[j]))
                .max_by(|&a, &b| {
                    saves[a]
                        .turns
                        .len()
                        .cmp(&saves[b].turns.len())
                        // The earlier file wins a tie (max_by keeps the last).
                        .then(b.cmp(&a))
                })
                .unwrap_or(i)
        })
        .collect()
}

/// The first turn at which a replay differs from the recorded game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    pub turn: u32,
    pub recorded: String,
    pub replayed: String,
}

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "turn {} diverges: recorded checksum {}, replay gives {} (the save was edited, or the game's rules changed)",
            self.turn, self.recorded, self.replayed
        )
    }
}

/// Where in a save a number is NaN or infinite, as a field path
/// (`summary.score`), if anywhere.
fn non_finite(value: &ron::Value) -> Option<String> {
    use ron::value::Number;
    match value {
        ron::Value::Number(Number::F32(f)) if !f.get().is_finite() => Some(String::new()),
        ron::Value::Number(Number::F64(f)) if !f.get().is_finite() => Some(String::new()),
        ron::Value::Option(Some(inner)) => non_finite(inner),
        ron::Value::Seq(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| non_finite(v).map(|at| format!("[{i}]{at}"))),
        ron::Value::Map(map) => map.iter().find_map(|(k, v)| {
            let key = match k {
                ron::Value::String(name) => format!(".{name}"),
                other => format!("[{other:?}]"),
            };
            non_finite(v).map(|at| format!("{key}{at}"))
        }),
        _ => None,
    }
}

/// Where saves go: the `--saves-dir` option, else `CHOKEPOINTS_SAVES`, else
/// `saves/` in the current folder.
pub fn saves_dir(option: Option<&Path>, env: Option<&str>) -> PathBuf {
    match (option, env) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, Some(dir)) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from("saves"),
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
