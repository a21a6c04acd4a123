//! Three-valued time against a day-by-day brute force: random relations with every tense,
//! occurrence and time anchor, dated and undated statements, over a few years of days.

use std::collections::BTreeSet;

use alliance_graph::{
    Date, Entity, EntityKind, Evidence, Graph, Interval, Reading, Relation, RelationFilter,
    RelationKind, Source, Tense, Truth,
};
use proptest::prelude::*;

/// Every day the brute force looks at, as (year, month, day), 1999 to 2003.
fn days() -> Vec<Date> {
    let mut out = Vec::new();
    for y in 1999..=2003u16 {
        for m in 1..=12u8 {
            for d in 1..=31u8 {
                if let Ok(date) = Date::ymd(y, m, d) {
                    out.push(date);
                }
            }
        }
    }
    out
}

/// The days of `days()` an interval covers, as indexes.
fn set_of(all: &[Date], i: Interval) -> BTreeSet<usize> {
    (0..all.len()).filter(|&k| i.contains(all[k])).collect()
}

fn arb_date() -> impl Strategy<Value = Date> {
    (
        2000u16..=2002,
        proptest::option::of((1u8..=12, proptest::option::of(1u8..=28))),
    )
        .prop_map(|(y, md)| match md {
            None => Date::year(y).unwrap(),
            Some((m, None)) => Date::year_month(y, m).unwrap(),
            Some((m, Some(d))) => Date::ymd(y, m, d).unwrap(),
        })
}

fn arb_interval() -> impl Strategy<Value = Interval> {
    crate::props::intervals(arb_date)
}

#[derive(Debug, Clone)]
struct Case {
    valid: Interval,
    tense: usize,
    once: bool,
    stated: Option<Date>,
    source_dated: bool,
    anchors: [Option<Interval>; 3],
    lives: [Interval; 2],
    queries: Vec<Interval>,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        arb_interval(),
        0usize..4,
        any::<bool>(),
        proptest::option::of(arb_date()),
        any::<bool>(),
        [
            proptest::option::of(arb_interval()),
            proptest::option::of(arb_interval()),
            proptest::option::of(arb_interval()),
        ],
        [arb_interval(), arb_interval()],
        prop::collection::vec(
            prop_oneof![arb_date().prop_map(Interval::on), arb_interval(),],
            1..6,
        ),
    )
        .prop_map(
            |(valid, tense, once, stated, source_dated, anchors, lives, queries)| Case {
                valid,
                tense,
                once,
                stated,
                source_dated,
                anchors,
                lives,
                queries,
            },
        )
}

/// The graph of one case: two states with lifetimes, three anchor entities, one relation.
fn graph_of(c: &Case) -> Graph {
    let mut g = Graph::new();
    let mut source = Source::new("s", "a source");
    if c.source_dated {
        source.date = c.stated;
    }
    g.add_source(source).unwrap();
    for (id, life) in ["A", "B"].into_iter().zip(c.lives) {
        g.add_entity(Entity::new(id, EntityKind::State, id).lifetime(life))
            .unwrap();
    }
    for (i, anchor) in c.anchors.iter().enumerate() {
        if let Some(life) = anchor {
            g.add_entity(Entity::new(format!("x{i}"), EntityKind::Event, "anchor").lifetime(*life))
                .unwrap();
        }
    }
    let mut evidence = Evidence::new("s", "a quote");
    if !c.source_dated {
        evidence.date = c.stated;
    }
    let mut r = Relation::new("r", RelationKind::TENSION, "A", "B")
        .valid(c.valid)
        .tense(Tense::ALL[c.tense])
        .evidence(evidence);
    if c.once {
        r = r.once();
    }
    r.not_before = c.anchors[0].map(|_| "x0".into());
    r.not_after = c.anchors[1].map(|_| "x1".into());
    r.throughout = c.anchors[2].map(|_| "x2".into());
    g.add_relation(r).unwrap();
    g
}

/// The documented rules of `known`, day by day: (possible, known, witness) as sets of days,
/// before the ends' lifetimes.
fn brute(all: &[Date], c: &Case) -> [BTreeSet<usize>; 3] {
    let n = all.len();
    let every: BTreeSet<usize> = (0..n).collect();
    let stated = c.stated.map(|s| set_of(all, Interval::on(s)));
    let first_of = |s: &BTreeSet<usize>| s.first().copied();
    let last_of = |s: &BTreeSet<usize>| s.last().copied();
    let tense = Tense::ALL[c.tense];
    let possible: BTreeSet<usize> = every
        .iter()
        .copied()
        .filter(|&d| c.valid.contains(all[d]))
        .filter(|&d| c.anchors[0].is_none_or(|a| a.start().is_none_or(|s| all[d] >= first_day(s))))
        .filter(|&d| c.anchors[1].is_none_or(|a| a.start().is_none_or(|s| all[d] <= last_day(s))))
        .filter(|&d| c.anchors[2].is_none_or(|a| a.contains(all[d])))
        .filter(|&d| match (tense, &stated) {
            // Dates outside the range are never statement dates here (all lie in 2000-2002).
            (Tense::Past, Some(s)) => last_of(s).is_some_and(|l| d < l),
            (Tense::Future, Some(s)) => first_of(s).is_some_and(|f| d > f),
            _ => true,
        })
        .collect();
    // An era is known only when its lifetime is dated at both ends.
    let era = c.anchors[2].is_some_and(|a| a.start().is_some() && a.end().is_some());
    let known: BTreeSet<usize> = match (tense, era, &stated) {
        _ if c.once => BTreeSet::new(),
        (Tense::Timeless, _, _) | (Tense::Past | Tense::Future, true, None) => possible.clone(),
        (Tense::Past, true, Some(s)) => {
            let f = first_of(s).unwrap_or(0);
            possible.iter().copied().filter(|&d| d < f).collect()
        }
        (Tense::Future, true, Some(s)) => {
            let l = last_of(s).unwrap_or(0);
            possible.iter().copied().filter(|&d| d > l).collect()
        }
        (Tense::Present, true, Some(s)) => {
            let f = first_of(s).unwrap_or(0);
            possible.iter().copied().filter(|&d| d <= f).collect()
        }
        _ => BTreeSet::new(),
    };
    let witness: BTreeSet<usize> = match (tense, era, &stated) {
        _ if c.once => possible.clone(),
        (Tense::Present, _, Some(s)) => s.intersection(&possible).copied().collect(),
        (Tense::Past, false, _) => possible.clone(),
        _ => BTreeSet::new(),
    };
    [possible, known, witness]
}

fn first_day(d: Date) -> Date {
    Date::ymd(
        d.year_number(),
        d.month().unwrap_or(1),
        d.day().unwrap_or(1),
    )
    .unwrap()
}

fn last_day(d: Date) -> Date {
    let m = d.month().unwrap_or(12);
    let last = (28..=31)
        .rev()
        .find(|&x| Date::ymd(d.year_number(), m, x).is_ok())
        .unwrap();
    Date::ymd(d.year_number(), m, d.day().unwrap_or(last)).unwrap()
}

/// The truth over the days `q` from the sets, with `life` the days both ends live.
fn truth(sets: &[BTreeSet<usize>; 3], life: &BTreeSet<usize>, q: &BTreeSet<usize>) -> Truth {
    let [p, k, x] = sets;
    let meets = |s: &BTreeSet<usize>| s.iter().any(|d| life.contains(d) && q.contains(d));
    if !meets(p) {
        return Truth::DoesNotHold;
    }
    let x: BTreeSet<usize> = x.intersection(life).copied().collect();
    if meets(k) || (!x.is_empty() && x.is_subset(q)) {
        Truth::Holds
    } else {
        Truth::Unknown
    }
}

/// Whether a query window is bounded on both sides (an open one reaches past the brute
/// force's range; those are checked through the laws).
fn bounded(q: Interval) -> bool {
    q.start().is_some() && q.end().is_some()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn truth_agrees_with_a_day_by_day_brute_force(c in arb_case()) {
        let all = days();
        let g = graph_of(&c);
        let r = g.relation("r").unwrap();
        let sets = brute(&all, &c);
        let life: BTreeSet<usize> = set_of(&all, c.lives[0])
            .intersection(&set_of(&all, c.lives[1]))
            .copied()
            .collect();
        for q in &c.queries {
            let got = r.truth_during(*q);
            // Holds, DoesNotHold and the filter's two readings always agree with each other.
            for reading in [Reading::Known, Reading::Possible] {
                let f = RelationFilter::new().during(*q).reading(reading);
                prop_assert_eq!(f.matches(r), reading.keeps(got), "{:?} {:?}", q, reading);
            }
            if bounded(*q) {
                // Every date of a case lies in 2000-2002, so a span reaching past the brute
                // force's 1999-2003 is open there, and the answer over a bounded window is
                // the same on the truncated sets.
                let want = truth(&sets, &life, &set_of(&all, *q));
                prop_assert_eq!(got, want, "{:?} at {}", c, q);
            }
            if let (Some(a), Some(b)) = (q.start(), q.end())
                && a == b
            {
                prop_assert_eq!(r.truth_at(a), got);
            }
        }
        // The known interval and the effective interval hold exactly the sets' days.
        let known: BTreeSet<usize> = sets[1].intersection(&life).copied().collect();
        let possible: BTreeSet<usize> = sets[0].intersection(&life).copied().collect();
        let of = |i: Option<Interval>| i.map_or(BTreeSet::new(), |i| set_of(&all, i));
        prop_assert_eq!(of(r.known_interval()), known);
        prop_assert_eq!(of(r.effective_interval()), possible);
    }

    #[test]
    fn wider_windows_never_lose_a_known_relation_nor_find_a_ruled_out_one(c in arb_case()) {
        let g = graph_of(&c);
        let r = g.relation("r").unwrap();
        for q in &c.queries {
            let t = r.truth_during(*q);
            let wider = Interval::new(None, None).unwrap();
            let w = r.truth_during(wider);
            if t == Truth::Holds {
                prop_assert_eq!(w, Truth::Holds);
            }
            if w == Truth::DoesNotHold {
                prop_assert_eq!(t, Truth::DoesNotHold);
            }
            if let Some(k) = r.known_interval() {
                prop_assert!(r.effective_interval().is_some_and(|p| p.overlaps(&k)));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Laws that follow from the meaning of tense, lifetimes and the three values, not from
    /// the rules' formulas: what a past statement says is over by the statement, what a
    /// future one says has not begun, nothing holds where an end is not alive or outside the
    /// validity, and what holds can hold.
    #[test]
    fn laws_of_tense_lifetimes_and_truth(c in arb_case()) {
        let g = graph_of(&c);
        let r = g.relation("r").unwrap();
        let stated = r.statement_date();
        let known = r.known_interval();
        if let Some(s) = stated {
            match r.tense() {
                Tense::Past => prop_assert!(known.is_none_or(|k| k.end().is_some_and(|e| e < first_day(s)))),
                Tense::Future => prop_assert!(known.is_none_or(|k| k.start().is_some_and(|b| b > last_day(s)))),
                _ => {}
            }
        }
        for d in days().into_iter().step_by(5) {
            let t = r.truth_at(d);
            if let Some(s) = stated {
                if r.tense() == Tense::Past && d >= last_day(s) {
                    prop_assert_eq!(t, Truth::DoesNotHold, "past, at {}", d);
                }
                if r.tense() == Tense::Future && d <= first_day(s) {
                    prop_assert_eq!(t, Truth::DoesNotHold, "future, at {}", d);
                }
            }
            if !c.lives[0].contains(d) || !c.lives[1].contains(d) || !c.valid.contains(d) {
                prop_assert_eq!(t, Truth::DoesNotHold, "at {}", d);
            }
            if t == Truth::Holds {
                prop_assert!(r.effective_interval().is_some_and(|p| p.contains(d)));
            }
            if known.is_some_and(|k| k.contains(d)) {
                prop_assert_eq!(t, Truth::Holds, "known at {}", d);
            }
        }
        // A present state is known at its statement's date unless ruled out there.
        if let (Tense::Present, false, Some(s)) = (r.tense(), c.once, stated) {
            prop_assert_ne!(r.truth_at(s), Truth::Unknown);
        }
    }
}

#[test]
fn an_era_with_an_open_end_makes_nothing_known() {
    let mut g = Graph::new();
    g.add_source(Source::new("s", "a source").date("2011".parse().unwrap()))
        .unwrap();
    for id in ["A", "B", "era"] {
        g.add_entity(Entity::new(id, EntityKind::State, id))
            .unwrap();
    }
    g.add_relation(
        Relation::new("r", RelationKind::TENSION, "A", "B")
            .tense(Tense::Past)
            .throughout("era")
            .evidence(Evidence::new("s", "q")),
    )
    .unwrap();
    let r = g.relation("r").unwrap();
    assert!(r.known_interval().is_none());
    assert_eq!(r.truth_at("1990".parse().unwrap()), Truth::Unknown);
    assert_eq!(r.truth_at("2012".parse().unwrap()), Truth::DoesNotHold);
}

#[test]
fn a_timeless_relation_is_two_valued_and_intersects_lifetimes_before_testing() {
    // Valid in January 2001, its ends alive only in December 2001: it holds on no day, so it
    // holds in no year either (each alone meets 2001).
    let c = Case {
        valid: Interval::on("2001-01".parse().unwrap()),
        tense: 0,
        once: false,
        stated: None,
        source_dated: true,
        anchors: [None, None, None],
        lives: [Interval::on("2001-12".parse().unwrap()), Interval::ALWAYS],
        queries: vec![],
    };
    let g = graph_of(&c);
    let r = g.relation("r").unwrap();
    assert_eq!(r.truth_at("2001".parse().unwrap()), Truth::DoesNotHold);
    assert!(r.effective_interval().is_none());
    let c2 = Case {
        lives: [Interval::ALWAYS, Interval::ALWAYS],
        ..c
    };
    let g2 = graph_of(&c2);
    let r2 = g2.relation("r").unwrap();
    assert_eq!(r2.truth_at("2001".parse().unwrap()), Truth::Holds);
    assert_eq!(r2.truth_at("2002".parse().unwrap()), Truth::DoesNotHold);
}
