//! What Washington knows at the start of a quarter, and the plausible games
//! it cannot tell apart. The expert player, the forecasts and the decision
//! review all search from this, never from the true state: a `Knowledge`
//! copies only what is on Washington's screens (gauges, standing policy, its
//! own past moves, the score so far), the public record of Beijing's answers
//! and the events, and the intelligence estimates.

use crate::engine::game::MAX_INJECTS_PER_TURN;
use crate::engine::ids::{Gauge, MoveId, ResponseId, Stock};
use crate::engine::intel::estimates;
use crate::engine::report::TurnReport;
use crate::engine::rng::{GameRng, derive_seed};
use crate::engine::rules::Rules;
use crate::engine::state::{Gauges, State};
use crate::engine::turn::{TurnSummary, advance_recorded, answer_likelihood, before_beijing};

/// One quarter of the public record: what Washington did, what Beijing
/// answered and which event fired. Everyone saw all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicTurn {
    pub us_move: MoveId,
    pub responses: [Option<ResponseId>; 2],
    /// Index into `rules.events`.
    pub event: Option<usize>,
    /// Events control sent into the quarter, as indices into `rules.events`.
    pub injects: [Option<usize>; MAX_INJECTS_PER_TURN],
}

impl PublicTurn {
    pub fn new(us_move: MoveId, summary: &TurnSummary) -> PublicTurn {
        PublicTurn {
            us_move,
            responses: summary.responses.map(|r| r.map(|(response, _)| response)),
            event: summary.event,
            injects: [None; MAX_INJECTS_PER_TURN],
        }
    }

    /// The public record of a reported turn.
    pub fn from_report(rules: &Rules, report: &TurnReport) -> PublicTurn {
        let mut responses = [None, None];
        for (slot, record) in responses.iter_mut().zip(&report.responses) {
            *slot = Some(record.response);
        }
        let index =
            |e: &crate::engine::report::EventRecord| rules.events.iter().position(|d| d.id == e.id);
        let mut injects = [None; MAX_INJECTS_PER_TURN];
        for (slot, inject) in injects.iter_mut().zip(&report.injects) {
            *slot = index(inject);
        }
        PublicTurn {
            us_move: report.us_move,
            responses,
            event: report.event.as_ref().and_then(index),
            injects,
        }
    }
}

/// A range Washington believes a hidden stock lies in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Belief {
    pub stock: Stock,
    pub low: f64,
    pub high: f64,
}

/// What Washington believes of a hidden doctrine: how likely each of the
/// rules' suspects is, from Beijing's answers on the public record, and the
/// quarters that revealed most.
#[derive(Clone, Debug, PartialEq)]
pub struct DoctrineBelief {
    /// The probability of each of `rules.suspects`, in that order.
    pub odds: Vec<f64>,
    /// Quarters whose answers told the suspects apart, in order played.
    pub clues: Vec<Clue>,
}

/// A quarter whose answer was much likelier under some doctrines than
/// others.
#[derive(Clone, Debug, PartialEq)]
pub struct Clue {
    /// The quarter, from 0.
    pub turn: u32,
    pub us_move: MoveId,
    pub responses: [Option<ResponseId>; 2],
    /// How likely each suspect was to answer so, in `rules.suspects` order.
    pub likelihoods: Vec<f64>,
}

impl Clue {
    /// How many times likelier the answer was under the suspect it fits
    /// best than under the one it fits worst.
    pub fn strength(&self) -> f64 {
        let most = self.likelihoods.iter().fold(0.0_f64, |a, b| a.max(*b));
        let least = self.likelihoods.iter().fold(f64::MAX, |a, b| a.min(*b));
        if least > 0.0 { most / least } else { f64::MAX }
    }

    /// The suspect the answer fits best.
    pub fn favours(&self) -> usize {
        self.pick(|a, b| a > b)
    }

    /// The suspect the answer fits worst.
    pub fn fits_least(&self) -> usize {
        self.pick(|a, b| a < b)
    }

    /// The first suspect whose likelihood no other `beats`.
    fn pick(&self, beats: impl Fn(f64, f64) -> bool) -> usize {
        (0..self.likelihoods.len()).fold(0, |b, i| {
            if beats(self.likelihoods[i], self.likelihoods[b]) {
                i
            } else {
                b
            }
        })
    }
}

impl DoctrineBelief {
    /// Every suspect equally likely: the belief before any answer.
    fn even(suspects: usize) -> DoctrineBelief {
        DoctrineBelief {
            odds: vec![1.0 / suspects.max(1) as f64; suspects],
            clues: Vec::new(),
        }
    }

    /// Updates the belief with one quarter's likelihoods.
    fn learn(&mut self, clue: Clue) {
        // Beijing's answers follow its doctrine most of the time, not
        // always (and a control team may script one): part of every
        // likelihood is shared, so that no single answer rules a suspect
        // out for good.
        let mean = clue.likelihoods.iter().sum::<f64>() / clue.likelihoods.len().max(1) as f64;
        for (odds, l) in self.odds.iter_mut().zip(&clue.likelihoods) {
            *odds *= (1.0 - OFF_SCRIPT) * l + OFF_SCRIPT * mean + 1e-9;
        }
        let total: f64 = self.odds.iter().sum();
        if total > 0.0 {
            for odds in &mut self.odds {
                *odds /= total;
            }
        }
        if clue.strength() >= CLUE_STRENGTH {
            self.clues.push(clue);
        }
    }

    /// The likeliest suspect and its probability.
    pub fn likeliest(&self) -> (usize, f64) {
        (0..self.odds.len()).fold((0, 0.0), |b, i| {
            if self.odds[i] > b.1 {
                (i, self.odds[i])
            } else {
                b
            }
        })
    }

    /// A suspect drawn by its probability.
    fn draw(&self, rng: &mut GameRng) -> usize {
        let mut left = rng.unit();
        for (i, p) in self.odds.iter().enumerate() {
            if left < *p {
                return i;
            }
            left -= p;
        }
        self.odds.len().saturating_sub(1)
    }
}

/// How much of a likelihood any doctrine shares (see `DoctrineBelief::learn`).
const OFF_SCRIPT: f64 = 0.1;
/// A quarter counts as a clue when its answer was this many times likelier
/// under one suspect than under another.
const CLUE_STRENGTH: f64 = 2.0;

/// The stream the history replay draws trend noise from: not the game's.
const IMPLIED_STREAM: u64 = 0x6b6e_6f77;

/// Everything Washington may use to choose a move.
#[derive(Clone, Debug, PartialEq)]
pub struct Knowledge {
    /// The quarter about to be played, from 0.
    pub turn: u32,
    pub gauges: Gauges,
    /// The public parts of the state: policy, the wear of Washington's own
    /// moves, its last move, the running score.
    public: State,
    /// Intelligence estimates of the hidden quantities.
    pub beliefs: Vec<Belief>,
    /// What the answers reveal of Beijing's doctrine, when it is hidden.
    pub doctrine: Option<DoctrineBelief>,
}

impl Knowledge {
    /// Reads what Washington can see of a game: `record` is the public
    /// record of the turns played; `intel_seed` the game's seed, which fixes
    /// the intelligence estimates' errors (as the intelligence panel shows
    /// them).
    pub fn observe(
        rules: &Rules,
        state: &State,
        record: &[PublicTurn],
        intel_seed: u64,
    ) -> Knowledge {
        // Start from what the public record implies: the scenario's start,
        // replayed with the moves, answers and events as they happened.
        // Stocks nobody estimates (funding in the pipeline, Beijing's
        // purchase ban, Washington's own programmes) come out exactly;
        // the rest are overwritten below or drawn from the estimates.
        let mut public = State::new(&rules.scenario);
        let mut rng = GameRng::with_stream(intel_seed, IMPLIED_STREAM);
        let mut doctrine = rules
            .doctrine_hidden()
            .then(|| DoctrineBelief::even(rules.suspects.len()));
        for turn in record {
            if public.is_over() {
                break;
            }
            if let Some(belief) = &mut doctrine {
                // What Beijing saw when it answered, as far as the record
                // tells: the position after Washington's move.
                let mut seen = public.clone();
                let applied = before_beijing(rules, &mut seen, turn.us_move);
                belief.learn(Clue {
                    turn: public.turn,
                    us_move: turn.us_move,
                    responses: turn.responses,
                    likelihoods: rules
                        .suspects
                        .iter()
                        .map(|d| answer_likelihood(rules, d, &seen, &applied.ctx, turn.responses))
                        .collect(),
                });
            }
            advance_recorded(
                rules,
                &mut public,
                turn.us_move,
                turn.responses,
                turn.event,
                &turn.injects.iter().flatten().copied().collect::<Vec<_>>(),
                &mut rng,
            );
        }
        // What is on Washington's screens is known exactly.
        public.turn = state.turn;
        public.policy = state.policy;
        public.fatigue = state.fatigue;
        public.last_move = state.last_move;
        public.since_escalation = state.since_escalation;
        public.since_policy_change = state.since_policy_change;
        public.leverage_lost = state.leverage_lost;
        public.outcome = state.outcome;
        public.totals = state.totals;
        // Events and the situations they leave are on the public record.
        public.fired.clone_from(&state.fired);
        public.standing.clone_from(&state.standing);
        let gauges = state.gauges();
        for (stock, gauge) in VISIBLE {
            public.set(stock, gauges.get(gauge));
        }
        let beliefs = estimates(rules, state, intel_seed)
            .into_iter()
            .filter_map(|e| {
                e.stock.map(|stock| Belief {
                    stock,
                    low: e.low(),
                    high: e.high(),
                })
            })
            .collect();
        Knowledge {
            turn: state.turn,
            gauges,
            public,
            beliefs,
            doctrine,
        }
    }

    /// What Washington knows of a game in progress: its position and the
    /// public record of its reports.
    pub fn of_game(game: &crate::engine::Game) -> Knowledge {
        let record: Vec<PublicTurn> = game
            .reports
            .iter()
            .map(|r| PublicTurn::from_report(&game.rules, r))
            .collect();
        Knowledge::observe(&game.rules, &game.state, &record, game.seed)
    }

    /// The public parts of the position (policy, wear, programmes); hidden
    /// stocks in it are placeholders, not estimates.
    pub fn public(&self) -> &State {
        &self.public
    }

    pub fn is_over(&self) -> bool {
        self.public.is_over()
    }

    /// A game consistent with what Washington knows: hidden stocks drawn
    /// within their estimated ranges, the visible gauges as they stand.
    pub fn sample(&self, rng: &mut GameRng) -> State {
        let mut s = self.public.clone();
        for belief in &self.beliefs {
            s.set(
                belief.stock,
                belief.low + rng.unit() * (belief.high - belief.low),
            );
        }
        // Self-sufficiency is on screen: domestic volume is whatever makes
        // it come out right with the drawn quality.
        let ss = self.gauges.get(Gauge::SelfSufficiency);
        s.set(Stock::Volume, 2.0 * ss - s.get(Stock::Quality));
        // Only the compute lead is on screen; U.S. compute follows from
        // Washington's own build-out, China's from the lead.
        let lead = self.gauges.get(Gauge::ComputeLead).clamp(1.0, 99.0);
        let us = s.get(Stock::UsCompute);
        s.set(Stock::CnCompute, us * (100.0 - lead) / lead);
        // A hidden doctrine is drawn as believed, like any hidden stock.
        if let Some(belief) = &self.doctrine {
            s.suspect = u8::try_from(belief.draw(rng)).ok();
        }
        s
    }
}

/// Stocks that are gauges on Washington's screen.
const VISIBLE: [(Stock, Gauge); 7] = [
    (Stock::UsLeverage, Gauge::UsLeverage),
    (Stock::ChinaLeverage, Gauge::ChinaLeverage),
    (Stock::CapabilityGap, Gauge::CapabilityGap),
    (Stock::Allies, Gauge::Allies),
    (Stock::UsIndustry, Gauge::UsIndustry),
    (Stock::Tension, Gauge::Tension),
    (Stock::MineralStress, Gauge::MineralStress),
];

/// A seed for the searcher's own dice at one quarter of one game.
pub fn search_seed(game_seed: u64, turn: u32, purpose: u64) -> u64 {
    derive_seed(derive_seed(game_seed, purpose), u64::from(turn))
}
