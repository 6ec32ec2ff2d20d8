//! The facilitator console (`chokepoints class DIR`): a live table of every
//! game saved in a folder, grouped by scenario and seed so a class can
//! compare the same situation played differently. This file holds the model
//! and its update (The Elm Architecture) and its keys; `view` draws it.
//! The shell (`shell::run_console`) feeds it keys and the folder's changes,
//! and opens a game in the replay viewer when asked. Read-only: it never
//! writes to the folder.

pub mod view;

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::content::Content;
use crate::save::folder::{Opened, is_save_path, open};
use crate::save::{SaveFile, Summary, counted_as};
use crate::tui::style::Theme;
use std::sync::Arc;

/// `chokepoints class`'s options.
#[derive(clap::Args, Clone, Debug)]
pub struct ClassArgs {
    /// The folder the class saves into (a shared drive, say).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// A readable save.
#[derive(Clone, Debug, PartialEq)]
pub struct GameRow {
    pub path: PathBuf,
    /// The file's name, for telling saves apart.
    pub name: String,
    pub save: SaveFile,
}

/// A file that is not a readable save, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub name: String,
    pub error: String,
}

/// Games on the same scenario, seed and doctrine: the same situation,
/// played apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub scenario: String,
    pub seed: u64,
    /// Beijing's doctrine, by name, or that people played Beijing.
    pub doctrine: String,
    /// Best score first; each game once, at its furthest point.
    pub games: Vec<GameRow>,
    /// Files left out because another file holds the same game further on
    /// (an autosave and a save made mid-game).
    pub duplicates: usize,
}

/// What the folder holds, as last read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Folder {
    pub groups: Vec<Group>,
    /// Saves from older rules: what they stored, shown as such (not
    /// replayed, so not verified, and not opened).
    pub older: Vec<GameRow>,
    pub broken: Vec<Broken>,
    /// Why the folder itself could not be read, if it could not.
    pub error: Option<String>,
}

impl Folder {
    /// Reads every save (`*.ron`, not hidden) in `dir` and replays it: the
    /// figures shown are the replay's, never what a file says of itself,
    /// so an edited save is listed as broken. Never fails: a file that
    /// cannot be used becomes a `Broken` entry, a folder an `error`.
    pub fn read(dir: &Path, content: &Content) -> Folder {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                return Folder {
                    error: Some(format!("{}: {e}", dir.display())),
                    ..Folder::default()
                };
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_save_path(p) && !p.is_dir())
            .collect();
        paths.sort();
        let mut rows = Vec::new();
        let mut older = Vec::new();
        let mut broken = Vec::new();
        for path in paths {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            match open(&path, content) {
                Opened::Older(save, _) => older.push(GameRow { path, name, save }),
                Opened::Replayed(mut save, game) => {
                    save.summary = Summary::of(&game);
                    // A person's choices are not the doctrine's: a hot-seat
                    // game is grouped with other hot-seat games.
                    let human = save.players.china.is_some()
                        || save.turns.iter().any(|t| t.china.is_some());
                    let beijing = if human {
                        crate::strings::CLASS_HUMAN_BEIJING.to_string()
                    } else {
                        game.rules.doctrine.name.clone()
                    };
                    rows.push((beijing, GameRow { path, name, save }));
                }
                Opened::Unusable(e) => broken.push(Broken {
                    name,
                    error: e.message,
                }),
            }
        }
        let saves: Vec<&SaveFile> = rows.iter().map(|(_, r)| &r.save).collect();
        let stands_for = counted_as(&saves);
        type Key = (String, String, u64, String);
        let mut groups: BTreeMap<Key, (Vec<GameRow>, usize)> = BTreeMap::new();
        for (i, (doctrine, row)) in rows.into_iter().enumerate() {
            let key = (
                row.save.scenario.id.clone(),
                row.save.scenario.hash.clone(),
                row.save.seed,
                doctrine,
            );
            let group = groups.entry(key).or_default();
            if stands_for[i] == i {
                group.0.push(row);
            } else {
                group.1 += 1;
            }
        }
        let groups = groups
            .into_iter()
            .map(|((scenario, _, seed, doctrine), (mut games, duplicates))| {
                games.sort_by(|a, b| {
                    b.save
                        .summary
                        .score
                        .partial_cmp(&a.save.summary.score)
                        .unwrap_or(Ordering::Equal)
                        .then_with(|| a.name.cmp(&b.name))
                });
                Group {
                    scenario,
                    seed,
                    doctrine,
                    games,
                    duplicates,
                }
            })
            .collect();
        Folder {
            groups,
            older,
            broken,
            error: None,
        }
    }

    /// The readable games in the order they are shown.
    pub fn games(&self) -> impl Iterator<Item = &GameRow> {
        self.groups.iter().flat_map(|g| g.games.iter())
    }
}

/// What the facilitator can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    Home,
    End,
    /// Enter: open the selected game in the replay viewer.
    Open,
    /// `r`: read the folder again now.
    Reload,
    /// The watcher saw a save appear, change or go.
    FilesChanged,
    ToggleHelp,
    Quit,
    /// The terminal changed size (or came back from the replay): redraw.
    Redraw,
}

/// What the shell must do for the update: things a model cannot do itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open the save in the replay viewer, then come back.
    OpenReplay(PathBuf),
}

pub struct Console {
    pub dir: PathBuf,
    /// What the saves are replayed with.
    pub content: Arc<Content>,
    /// The folder as shown in the header.
    pub dir_label: String,
    pub folder: Folder,
    /// Index of the selected game in `Folder::games` order.
    pub selected: usize,
    pub help: bool,
    /// A one-line notice in the footer, cleared by the next key.
    pub status: Option<String>,
    pub running: bool,
    pub theme: Theme,
}

impl Console {
    pub fn new(dir: PathBuf, content: Arc<Content>) -> Console {
        let folder = Folder::read(&dir, &content);
        Console {
            dir_label: dir.display().to_string(),
            dir,
            content,
            folder,
            selected: 0,
            help: false,
            status: None,
            running: true,
            theme: Theme::default(),
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> Console {
        self.theme = theme;
        self
    }

    pub fn selected_game(&self) -> Option<&GameRow> {
        self.folder.games().nth(self.selected)
    }

    /// Reads the folder again, keeping the selection on the same file.
    fn reload(&mut self) {
        let keep = self.selected_game().map(|g| g.path.clone());
        self.folder = Folder::read(&self.dir, &self.content);
        let count = self.folder.games().count();
        self.selected = keep
            .and_then(|p| self.folder.games().position(|g| g.path == p))
            .unwrap_or(self.selected)
            .min(count.saturating_sub(1));
    }
}

/// Applies a message; may ask the shell for an effect.
pub fn update(console: &mut Console, msg: Msg) -> Option<Effect> {
    let count = console.folder.games().count();
    if !matches!(msg, Msg::FilesChanged | Msg::Redraw) {
        console.status = None;
    }
    match msg {
        Msg::Quit => console.running = false,
        Msg::ToggleHelp => console.help = !console.help,
        Msg::Up => console.selected = console.selected.saturating_sub(1),
        Msg::Down => console.selected = (console.selected + 1).min(count.saturating_sub(1)),
        Msg::Home => console.selected = 0,
        Msg::End => console.selected = count.saturating_sub(1),
        Msg::Open => {
            return console
                .selected_game()
                .map(|g| Effect::OpenReplay(g.path.clone()));
        }
        Msg::Reload => {
            console.reload();
            console.status = Some(crate::strings::CLASS_RELOADED.to_string());
        }
        Msg::FilesChanged => console.reload(),
        Msg::Redraw => {}
    }
    None
}

/// Keys to messages.
pub fn on_event(console: &Console, event: &Event) -> Option<Msg> {
    let key = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key,
        Event::Resize(..) => return Some(Msg::Redraw),
        _ => return None,
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c' | 'C')).then_some(Msg::Quit);
    }
    if console.help {
        return match key.code {
            KeyCode::Char('?' | 'q') | KeyCode::Esc | KeyCode::Enter => Some(Msg::ToggleHelp),
            _ => None,
        };
    }
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Msg::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Msg::Down),
        KeyCode::Home => Some(Msg::Home),
        KeyCode::End => Some(Msg::End),
        KeyCode::Enter => Some(Msg::Open),
        KeyCode::Char('r') => Some(Msg::Reload),
        KeyCode::Char('?') => Some(Msg::ToggleHelp),
        KeyCode::Char('q') | KeyCode::Esc => Some(Msg::Quit),
        _ => None,
    }
}
