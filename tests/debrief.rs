//! `chokepoints report`, `check` and `scenarios`: debriefs of known games in
//! Markdown, CSV and SVG, class summaries with a broken file among them, and
//! content validation from the command line.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chokepoints::content::Content;
use chokepoints::engine::score::Objective;
use chokepoints::engine::turn::ChinaSide;
use chokepoints::engine::{Game, Gauge, MoveId, ResponseId};
use chokepoints::report::discussion_questions;
use chokepoints::save::{Players, SaveFile};

/// A whole game with a blockade in it, against tit-for-tat.
mod support;

use support::{run, scratch};

fn run_ok(args: &[&str]) -> (i32, String, String) {
    run(args, "")
}

fn blockade_game(seed: u64) -> Game {
    let content = Content::builtin().unwrap();
    let rules = Arc::new(content.rules("h20-reversal", Some("tit-for-tat")).unwrap());
    let mut game = Game::new(rules, seed);
    let script = [
        MoveId::BuildCompute,
        MoveId::FullBlockade,
        MoveId::OpenTalks,
        MoveId::CoordinateAllies,
    ];
    let mut i = 0;
    while !game.is_over() {
        game.play(script[i % script.len()]);
        i += 1;
    }
    game
}

fn save(dir: &Path, name: &str, game: &Game, players: Players) -> PathBuf {
    let path = dir.join(name);
    SaveFile::from_game(game, players, false)
        .write(&path)
        .unwrap();
    path
}

#[test]
fn markdown_debrief_has_timeline_grade_turning_points_and_questions() {
    let dir = scratch("md");
    let game = blockade_game(3);
    let players = Players {
        us: Some("Team Blue".to_string()),
        china: None,
    };
    let path = save(&dir, "game.ron", &game, players);
    let (code, md, err) = run_ok(&["report", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let score = game.score();
    assert!(md.contains("# Debrief: The H20 reversal"), "{md}");
    assert!(md.contains("Team Blue"));
    assert!(md.contains("Tit-for-tat doctrine"));
    assert!(md.contains(&format!("grade **{}**", score.grade.letter())));
    assert!(md.contains(&format!("{:.1} of 100", score.total)));
    // One timeline row per turn played, plus the start.
    let rows = md
        .lines()
        .skip_while(|l| !l.starts_with("## Timeline"))
        .take_while(|l| !l.starts_with("## Turning"))
        .filter(|l| l.starts_with("| ") && l.contains(" Q"))
        .count();
    assert_eq!(rows, game.reports.len() + 1, "{md}");
    // The decision review: the quality figure, the three costliest
    // decisions with the expert's move, and one row per quarter.
    assert!(md.contains("## Decision review"), "{md}");
    assert!(md.contains("Decision quality "), "{md}");
    assert!(md.contains("The expert preferred"), "{md}");
    let review_rows = md
        .lines()
        .skip_while(|l| !l.starts_with("## Decision review"))
        .take_while(|l| !l.starts_with("## The quarter"))
        .filter(|l| l.starts_with("| ") && l.contains(" Q"))
        .count();
    assert_eq!(review_rows, game.reports.len(), "{md}");
    assert!(md.contains("## The quarter that ended the game"), "{md}");
    // Without the review, none of it.
    let (code, quick, err) = run_ok(&["report", "--no-review", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!quick.contains("## Decision review"), "{quick}");
    assert!(md.contains("Full blockade"));
    assert!(md.contains("## Turning points"));
    // Five questions, one of them about the blockade that was played.
    let questions: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## Questions"))
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(questions.len(), 5, "{md}");
    assert!(
        questions.iter().any(|q| q.contains("full blockade")),
        "{questions:?}"
    );
    assert!(md.contains("## The model behind this game"));
    assert!(md.contains("What is contested"));
    // Every objective with its share of the score, and how each is scored.
    let objectives = md
        .lines()
        .skip_while(|l| !l.starts_with("## Score by objective"))
        .take_while(|l| !l.starts_with("## Timeline"))
        .filter(|l| l.starts_with("| ") && l.ends_with("% |"))
        .count();
    assert_eq!(objectives, Objective::ALL.len(), "{md}");
    assert!(
        md.contains("| mineral security (from low China leverage) |"),
        "{md}"
    );
    let method = chokepoints::describe::score_method(&game.rules.scenario.scoring);
    assert!(method.contains("final value"), "{method}");
    assert!(md.contains(&method), "{md}");
    // The timeline has a column for every gauge, mineral stress included.
    assert!(md.contains(" Mineral stress |"), "{md}");
    assert!(
        md.contains("Mineral stress = U.S. supply-chain strain"),
        "{md}"
    );
}

#[test]
fn beijing_building_mineral_controls_is_a_question_for_discussion() {
    let content = Content::builtin().unwrap();
    let rules = Arc::new(content.rules("h20-reversal", None).unwrap());
    let mut game = Game::new(rules, 11);
    while !game.is_over() {
        let china = if game.state.turn < 3 {
            ChinaSide::Chosen(ResponseId::MineralControls)
        } else {
            ChinaSide::Chosen(ResponseId::WaitAndSee)
        };
        game.play_as(MoveId::HoldCourse, china);
    }
    let questions = discussion_questions(&game);
    assert!(
        questions
            .iter()
            .any(|q| q.contains("mineral export controls 3 times")),
        "{questions:?}"
    );
}

#[test]
fn csv_has_one_row_per_turn_and_one_column_per_gauge() {
    let dir = scratch("csv");
    let game = blockade_game(4);
    let path = save(&dir, "game.ron", &game, Players::default());
    let out = dir.join("game.csv");
    let (code, _, err) = run_ok(&[
        "report",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let headers = reader.headers().unwrap().clone();
    for gauge in Gauge::ALL {
        assert!(
            headers.iter().any(|h| h == gauge.as_str()),
            "missing column {gauge}"
        );
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len(),
        game.reports.len() + 1,
        "start plus one row per turn"
    );
    let lead_col = headers.iter().position(|h| h == "compute_lead").unwrap();
    let last: f64 = rows.last().unwrap()[lead_col].parse().unwrap();
    let expected = game
        .reports
        .last()
        .unwrap()
        .change(Gauge::ComputeLead)
        .after;
    assert!((last - expected).abs() < 0.001);
    assert_eq!(&rows[2][2], "full-blockade");
    // The review's verdict on each turn's move, none on the start row.
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (label, lost, expert) = (col("review"), col("points_given_up"), col("expert_move"));
    assert_eq!(&rows[0][label], "");
    let labels = ["best", "good", "questionable", "costly", "very costly"];
    for row in &rows[1..] {
        assert!(labels.contains(&&row[label]), "{row:?}");
        assert!(row[lost].parse::<f64>().unwrap() >= 0.0);
        assert!(row[expert].parse::<MoveId>().is_ok(), "{row:?}");
    }
}

#[test]
fn svg_chart_is_well_formed() {
    let dir = scratch("svg");
    let game = blockade_game(5);
    let path = save(&dir, "game.ron", &game, Players::default());
    let (code, svg, err) = run_ok(&["report", path.to_str().unwrap(), "--format", "svg"]);
    assert_eq!(code, 0, "{err}");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(svg.contains("Compute lead") && svg.contains("U.S. leverage"));
    assert!(svg.contains("China leverage") && svg.contains("Mineral stress"));
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .count();
    assert!(lines >= 4, "four series drawn");
}

#[test]
fn class_results_list_the_broken_file_and_summarise_the_rest() {
    let dir = scratch("class");
    let a = save(
        &dir,
        "a.ron",
        &blockade_game(1),
        Players {
            us: Some("Ana".into()),
            china: None,
        },
    );
    let b = save(
        &dir,
        "b.ron",
        &blockade_game(2),
        Players {
            us: Some("Ben".into()),
            china: None,
        },
    );
    let broken = dir.join("broken.ron");
    fs::write(&broken, "(format: 1, this is not a save").unwrap();
    let (code, md, err) = run_ok(&[
        "report",
        a.to_str().unwrap(),
        broken.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("# Class results"));
    assert!(
        md.contains("2 game(s) reported (2 finished, 0 unfinished); 0 duplicate file(s) counted once; 1 file(s) could not be used"),
        "{md}"
    );
    assert!(md.contains("Ana") && md.contains("Ben"));
    assert!(md.contains("## Moves played"));
    assert!(
        md.contains("| China leverage | Mineral stress |"),
        "the moves table follows the mineral story too: {md}"
    );
    assert!(md.contains("Full blockade"));
    assert!(md.contains("**Best:**") && md.contains("**Worst:**"));
    assert!(md.contains("decisive:"));
    assert!(md.contains("broken.ron"), "the broken file is listed");
    assert!(err.contains("broken.ron"), "and reported on stderr");
    // CSV class summary: one row per readable game.
    let (code, csv_text, _) = run_ok(&[
        "report",
        a.to_str().unwrap(),
        broken.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let quality = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "decision_quality")
        .expect("a decision quality column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        let q: f64 = row[quality].parse().unwrap();
        assert!((0.0..=100.0).contains(&q), "{row:?}");
    }
}

#[test]
fn class_results_say_where_decisions_cost_most() {
    let dir = scratch("class-review");
    // Three players who all hold course through a blockade's aftermath.
    let paths: Vec<PathBuf> = (0..3)
        .map(|i| {
            let content = Content::builtin().unwrap();
            let rules = Arc::new(content.rules("h20-reversal", None).unwrap());
            let mut game = Game::new(rules, 40 + i);
            game.play(MoveId::FullBlockade);
            while !game.is_over() {
                game.play(MoveId::HoldCourse);
            }
            save(&dir, &format!("p{i}.ron"), &game, Players::default())
        })
        .collect();
    let args: Vec<&str> = std::iter::once("report")
        .chain(paths.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let (code, md, err) = run_ok(&args);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("| decision quality |"), "{md}");
    let section: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## Where the class's decisions cost most"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("- "))
        .collect();
    assert!(!section.is_empty(), "{md}");
    assert!(section.len() <= 5);
    // Every quarter listed names how many of the three games went wrong.
    for line in &section {
        assert!(line.contains("of 3 games made a costly decision"), "{line}");
        assert!(line.contains("the expert preferred"), "{line}");
    }
}

#[test]
fn a_report_of_an_unreadable_save_exits_2() {
    let dir = scratch("bad");
    let path = dir.join("empty.ron");
    fs::write(&path, "").unwrap();
    let (code, _, err) = run_ok(&["report", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("empty.ron") && err.contains("empty"), "{err}");
}

#[test]
fn every_shipped_content_file_passes_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut files = vec![
        root.join("model.ron"),
        root.join("moves.ron"),
        root.join("responses.ron"),
        root.join("events.ron"),
    ];
    for sub in ["doctrines", "scenarios"] {
        for entry in fs::read_dir(root.join(sub)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    let args: Vec<String> = std::iter::once("check".to_string())
        .chain(files.iter().map(|p| p.display().to_string()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&args, "");
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.lines().filter(|l| l.ends_with(": ok")).count(),
        files.len()
    );
}

#[test]
fn check_reports_file_line_and_field_and_exits_1() {
    let dir = scratch("check");
    let text = include_str!("../assets/scenarios/h20-reversal.ron").replacen(
        "tension: 30.0",
        "tension: 130.0",
        1,
    );
    let path = dir.join("bad-scenario.ron");
    fs::write(&path, text).unwrap();
    let (code, out, _) = run_ok(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let line = out.trim();
    assert!(line.starts_with(&format!("{}:", path.display())), "{line}");
    assert!(line.contains("field `start.tension`"), "{line}");
    assert!(line.contains("130 is out of range"), "{line}");
}

#[test]
fn scenarios_lists_the_built_in_ones() {
    let (code, out, _) = run_ok(&["scenarios"]);
    assert_eq!(code, 0);
    for id in ["h20-reversal", "october-2022", "blockade-gambit"] {
        assert!(out.contains(id), "{out}");
    }
    assert!(out.lines().count() >= 3);
}

#[test]
fn the_readme_scenario_example_passes_check() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- scenario-example")
        .expect("README marks its scenario example");
    let block = &readme[start..];
    let open = block.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let close = block[open..].find("```").expect("the block ends") + open;
    let example = &block[open..close];
    let dir = scratch("readme").join("scenarios");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("taiwan-2027.ron");
    fs::write(&path, example).unwrap();
    let (code, out, err) = run_ok(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(": ok"));
    // And it plays: the simulator accepts it through --assets.
    let assets = dir.parent().unwrap();
    let (code, out, err) = run_ok(&[
        "sim",
        "--assets",
        assets.to_str().unwrap(),
        "--scenario",
        "taiwan-2027",
        "--games",
        "20",
        "--strategy",
        "adaptive",
        "--doctrine",
        "self-reliance-hawk",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("adaptive"));
}
