//! The facilitator's session: the control desk (`tui::control`), fed from
//! the class's live state and carrying out what the facilitator asks:
//! watching a game live in the replay viewer, messages, injects, the pause,
//! the quarter's timer and the class report.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::Event;

use crate::report::class;
use crate::shell::files::Files;
use crate::shell::remote::RemoteBackend;
use crate::shell::{Ended, Input, Surface, run_game};
use crate::strings;
use crate::tui::app::{self, App};
use crate::tui::control::class::{ControlAction, Target};
use crate::tui::control::{self as desk_app, Desk};
use crate::tui::message::Msg;

use super::Shared;
use super::deliver;
use super::live::Watching;
use super::session::{Goodbye, Player, framed, goodbye_for};
use super::sink::FrameSink;

type Screen = Surface<RemoteBackend<FrameSink>>;

/// Runs the control desk to its end, leaving the terminal as it was.
pub fn run(surface: &mut Screen, player: &Player, shared: &Arc<Shared>) -> io::Result<Goodbye> {
    tracing::info!(name = %player.name, "control desk opened");
    framed(surface, |surface| desk(surface, player, shared))
}

fn desk(surface: &mut Screen, player: &Player, shared: &Arc<Shared>) -> io::Result<Goodbye> {
    let live = &shared.live;
    let watching = live.watch(surface.sender());
    let mut desk = Desk::new(player.theme);
    desk.show(class_view(live, shared));
    surface.draw(|f| crate::tui::view::control::view(&desk, f))?;
    'read: loop {
        let Some(mut batch) = surface.next_batch() else {
            return Ok(Goodbye::Gone);
        };
        let mut changed = false;
        while let Some(input) = batch.next() {
            match input {
                Input::Term(event) => {
                    let msgs = match &event {
                        Event::Paste(text) => desk_app::keys::on_paste(&desk, text),
                        _ => desk_app::keys::on_event(&desk, &event, surface.area()?)
                            .into_iter()
                            .collect(),
                    };
                    for msg in msgs {
                        changed = true;
                        let Some(action) = desk_app::update(&mut desk, msg) else {
                            continue;
                        };
                        if let ControlAction::Watch(id) = action {
                            // The keys after Enter are the viewer's.
                            surface.put_back(batch);
                            match watch(surface, &id, player, shared, &watching)? {
                                Ended::Quit => {}
                                Ended::Signal(signal) => return Ok(goodbye_for(signal)),
                                Ended::Closed => return Ok(Goodbye::Gone),
                            }
                            desk.show(class_view(live, shared));
                            surface.draw(|f| crate::tui::view::control::view(&desk, f))?;
                            // What came after the viewer closed waits in
                            // the surface for the next batch.
                            continue 'read;
                        }
                        carry_out(&mut desk, action, player, shared, surface);
                    }
                    if !desk.running {
                        tracing::info!(name = %player.name, "control desk closed");
                        return Ok(Goodbye::Left);
                    }
                }
                Input::Class => {
                    watching.read();
                    desk.show(class_view(live, shared));
                    changed = true;
                }
                Input::Notice(text) => {
                    desk.notice(text);
                    changed = true;
                }
                Input::Signal(signal) => return Ok(goodbye_for(signal)),
                Input::Failed(e) => return Err(io::Error::other(e)),
                Input::Review(_) | Input::Turn(_) | Input::Control(_) | Input::Folder => {}
            }
        }
        if changed {
            surface.draw(|f| crate::tui::view::control::view(&desk, f))?;
        }
    }
}

/// Opens game `id` read-only in the replay viewer, on its latest quarter,
/// following it as it is played, until the facilitator closes it.
fn watch(
    surface: &mut Screen,
    id: &str,
    player: &Player,
    shared: &Arc<Shared>,
    watching: &Watching,
) -> io::Result<Ended> {
    let Some(game) = shared.live.game(id) else {
        return Ok(Ended::Quit);
    };
    let content = shared.class.content.clone();
    let mut viewer =
        App::replay(&game, format!("{} {id}", strings::CONTROL_WATCHING)).with_theme(player.theme);
    if game.is_over() {
        viewer = viewer.with_review(Arc::new(content.review.clone()));
    }
    app::update(&mut viewer, Msg::LastTurn);
    let files = Files::new(content)
        .with_reviews(Some(shared.reviews.clone()))
        .with_live(shared.live.follow(id.to_string(), watching.flag()));
    run_game(surface, &mut viewer, &files)
}

/// Carries out one of the facilitator's requests; the desk's status line
/// says what came of it.
fn carry_out(
    desk: &mut Desk,
    action: ControlAction,
    player: &Player,
    shared: &Arc<Shared>,
    surface: &Screen,
) {
    let live = &shared.live;
    let who = &player.name;
    match action {
        ControlAction::Watch(_) => {}
        ControlAction::Broadcast { to, text } => {
            let (sent, away) = live.broadcast(&to, &text);
            tracing::info!(control = %who, ?to, sent, away, "message: {text}");
            desk.notice(reached(strings::CONTROL_MESSAGE_SENT, sent, away, &to));
        }
        ControlAction::Inject { to, event } => {
            let title = live.event_title(event).unwrap_or_default();
            let (sent, not) = live.inject(&to, event);
            tracing::info!(control = %who, ?to, sent, not, "inject: {title}");
            desk.notice(format!(
                "{title}: {}",
                reached(strings::CONTROL_INJECT_SENT, sent, not, &to)
            ));
        }
        ControlAction::Pause | ControlAction::Resume => {
            let paused = action == ControlAction::Pause;
            live.set_paused(paused, &shared.session_inputs());
            tracing::info!(control = %who, paused, "pace");
            desk.notice(if paused {
                strings::CONTROL_PAUSED
            } else {
                strings::CONTROL_RESUMED
            });
        }
        ControlAction::Timer(secs) => {
            live.set_timer(secs.filter(|s| *s > 0).map(Duration::from_secs));
            tracing::info!(control = %who, ?secs, "timer");
            desk.notice(match secs.filter(|s| *s > 0) {
                Some(s) => format!("{} {}", strings::CONTROL_TIMER_SET, minutes(s)),
                None => strings::CONTROL_TIMER_OFF.to_string(),
            });
        }
        ControlAction::WriteReport => {
            desk.notice(strings::CONTROL_REPORT_WRITING);
            let inputs = surface.sender();
            let files = live.files();
            let dir = shared.class.saves_dir.clone();
            let content = shared.class.content.clone();
            let who = who.clone();
            let spawned = std::thread::Builder::new()
                .name("class report".to_string())
                .spawn(move || {
                    let line = match write_report(&dir, &files, &content) {
                        Ok(path) => {
                            tracing::info!(control = %who, "class report: {}", path.display());
                            format!("{} {}", strings::CONTROL_REPORT_WRITTEN, path.display())
                        }
                        Err(e) => format!("{} {e}", strings::CONTROL_REPORT_FAILED),
                    };
                    deliver(&inputs, Input::Notice(line));
                });
            if let Err(e) = spawned {
                desk.notice(format!("{} {e}", strings::CONTROL_REPORT_FAILED));
            }
        }
        ControlAction::Quit => {}
    }
}

/// "Message sent to 3 games (1 away)."
fn reached(what: &str, sent: usize, not: usize, to: &Target) -> String {
    let games = |n: usize| if n == 1 { "game" } else { "games" };
    let mut line = match to {
        Target::All => format!("{what} {sent} {}", games(sent)),
        Target::Game(id) if sent > 0 => format!("{what} {id}"),
        Target::Game(id) => format!("{} {id}", strings::CONTROL_NOT_SENT),
    };
    if not > 0 && matches!(to, Target::All) {
        line.push_str(&format!(
            " ({not} {} {})",
            games(not),
            strings::CONTROL_NOT_REACHED
        ));
    }
    line
}

/// "2 min", "90 s".
fn minutes(secs: u64) -> String {
    if secs >= 60 && secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}

/// Writes the class report (Markdown, with every finished game's decision
/// review) of these saves into the saves folder; returns its path.
fn write_report(
    dir: &std::path::Path,
    files: &[String],
    content: &crate::content::Content,
) -> Result<std::path::PathBuf, String> {
    let mut entries: Vec<class::Entry> = files
        .iter()
        .map(|f| dir.join(f))
        .filter(|p| p.exists())
        .map(|path| {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            class::Entry::read(name, &path, content)
        })
        .collect();
    if entries.is_empty() {
        return Err(strings::CONTROL_REPORT_EMPTY.to_string());
    }
    class::review_all(&mut entries, &content.review);
    let text = class::markdown(&entries);
    let path = dir.join(format!(
        "class-report-{}.md",
        crate::shell::local::game_stamp()
    ));
    crate::save::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The class as the desk shows it, with the server's counts.
fn class_view(live: &super::live::Live, shared: &Shared) -> crate::tui::control::class::ClassView {
    live.snapshot(shared.player_count(), shared.access.wrong_resume_codes())
}
