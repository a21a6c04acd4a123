//! Path searches and pattern matching against brute force on random small graphs.

use std::collections::BTreeSet;

use alliance_graph::{
    Date, Direction, Entity, EntityKind, EntityKinds, Graph, Interval, MatchLimits, Path, Pattern,
    Polarity, Relation, RelationFilter, RelationKind, RelationKindDef, RelationRef, Schema, Status,
    Traversal, costs,
};
use proptest::prelude::*;

const KINDS: [EntityKind; 5] = [
    EntityKind::State,
    EntityKind::Government,
    EntityKind::Organization,
    EntityKind::Person,
    EntityKind::Event,
];

/// Relation kinds: (name, polarity, symmetric).
const REL_KINDS: [(&str, Polarity, bool); 5] = [
    ("POS", Polarity::Positive, false),
    ("NEG", Polarity::Negative, false),
    ("NEU", Polarity::Neutral, false),
    ("ALLY", Polarity::Positive, true),
    ("FEUD", Polarity::Negative, true),
];

/// A relation: kind, source, target, validity (first year, length), confidence in tenths,
/// status.
type RelSpec = (usize, usize, usize, Option<(u16, u16)>, u8, usize);

#[derive(Debug, Clone)]
struct Spec {
    entities: Vec<(usize, Option<(u16, u16)>)>,
    relations: Vec<RelSpec>,
}

fn arb_spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(
            (
                0..KINDS.len(),
                prop::option::weighted(0.2, (2000u16..2010, 0u16..6)),
            ),
            2..=8,
        ),
        prop::collection::vec(
            (
                0..REL_KINDS.len(),
                0usize..8,
                0usize..8,
                prop::option::weighted(0.4, (2000u16..2010, 0u16..6)),
                1u8..=10,
                0usize..5,
            ),
            0..20,
        ),
    )
        .prop_map(|(entities, relations)| Spec {
            entities,
            relations,
        })
}

fn span((from, len): (u16, u16)) -> Interval {
    Interval::new(
        Some(Date::year(from).unwrap()),
        Some(Date::year(from + len).unwrap()),
    )
    .unwrap()
}

fn build(spec: &Spec) -> Graph {
    let mut schema = Schema::empty();
    for (name, polarity, symmetric) in REL_KINDS {
        let mut def = RelationKindDef::new(name, polarity);
        def.symmetric = symmetric;
        schema.declare(def).unwrap();
    }
    let mut g = Graph::with_schema(schema);
    for (i, (kind, life)) in spec.entities.iter().enumerate() {
        let mut e = Entity::new(format!("n{i}"), KINDS[*kind], format!("N{i}"));
        if let Some(l) = life {
            e.lifetime = span(*l);
        }
        g.add_entity(e).unwrap();
    }
    let n = spec.entities.len();
    for (j, (kind, s, t, valid, confidence, status)) in spec.relations.iter().enumerate() {
        let mut r = Relation::new(
            format!("r{j}"),
            RelationKind::new(REL_KINDS[*kind].0),
            format!("n{}", s % n),
            format!("n{}", t % n),
        )
        .confidence(f64::from(*confidence) / 10.0);
        if let Some(v) = valid {
            r.valid = span(*v);
        }
        r.status = Status::ALL[*status];
        g.add_relation(r).unwrap();
    }
    g
}

#[derive(Debug, Clone)]
struct Search {
    direction: Direction,
    polarity: Option<Polarity>,
    at: Option<u16>,
    facts_only: bool,
    min_confidence: Option<u8>,
    max_hops: usize,
    max_hostile: Option<usize>,
}

fn arb_search() -> impl Strategy<Value = Search> {
    (
        prop_oneof![
            Just(Direction::Both),
            Just(Direction::Outgoing),
            Just(Direction::Incoming)
        ],
        prop::option::weighted(
            0.2,
            prop_oneof![Just(Polarity::Positive), Just(Polarity::Negative)],
        ),
        prop::option::weighted(0.2, 2000u16..2016),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.2, 1u8..10),
        1usize..=7,
        prop::option::weighted(0.3, 0usize..3),
    )
        .prop_map(
            |(direction, polarity, at, facts_only, min_confidence, max_hops, max_hostile)| Search {
                direction,
                polarity,
                at,
                facts_only,
                min_confidence,
                max_hops,
                max_hostile,
            },
        )
}

impl Search {
    fn filter(&self) -> RelationFilter {
        let mut f = RelationFilter::new().direction(self.direction);
        if let Some(p) = self.polarity {
            f = f.polarity(p);
        }
        if let Some(y) = self.at {
            f = f.at(Date::year(y).unwrap());
        }
        if self.facts_only {
            f = f.facts_only();
        }
        if let Some(c) = self.min_confidence {
            f = f.min_confidence(f64::from(c) / 10.0);
        }
        f
    }

    fn run<'g>(&self, g: &'g Graph) -> alliance_graph::PathSearch<'g> {
        let mut s = g.paths().filter(self.filter()).max_hops(self.max_hops);
        if let Some(k) = self.max_hostile {
            s = s.max_hostile(k);
        }
        s
    }
}

/// One brute-force path: its relations and which way each was taken.
type Walk<'g> = Vec<(RelationRef<'g>, Traversal)>;

/// Every simple path from `from` to `to` that the search allows, by trying every relation.
fn brute<'g>(g: &'g Graph, search: &Search, from: &str, to: &str) -> Vec<Walk<'g>> {
    let filter = search.filter();
    let mut out = Vec::new();
    let mut visited = vec![from.to_owned()];
    let mut walk = Vec::new();
    fn go<'g>(
        g: &'g Graph,
        f: &RelationFilter,
        s: &Search,
        to: &str,
        visited: &mut Vec<String>,
        walk: &mut Walk<'g>,
        out: &mut Vec<Walk<'g>>,
    ) {
        let here = visited.last().unwrap().clone();
        if here == to {
            out.push(walk.clone());
            return;
        }
        if walk.len() == s.max_hops {
            return;
        }
        for r in g.relations() {
            for (way, a, b) in [
                (Traversal::Forward, &r.source(), &r.target()),
                (Traversal::Backward, &r.target(), &r.source()),
            ] {
                if *a != here.as_str() || visited.iter().any(|v| *b == v.as_str()) {
                    continue;
                }
                if !f.matches(r) || !f.follows(r, way) {
                    continue;
                }
                let hostile = walk
                    .iter()
                    .chain([(r, way)].iter())
                    .filter(|(q, _)| q.polarity() == Polarity::Negative)
                    .count();
                if s.max_hostile.is_some_and(|k| hostile > k) {
                    continue;
                }
                visited.push(b.to_string());
                walk.push((r, way));
                go(g, f, s, to, visited, walk, out);
                walk.pop();
                visited.pop();
            }
        }
    }
    go(g, &filter, search, to, &mut visited, &mut walk, &mut out);
    out
}

fn ids(walk: &[(RelationRef<'_>, Traversal)]) -> Vec<String> {
    walk.iter().map(|(r, _)| r.id().to_string()).collect()
}

fn path_ids(p: &Path<'_>) -> Vec<String> {
    p.relations().iter().map(|r| r.id().to_string()).collect()
}

fn confidence_cost(walk: &[(RelationRef<'_>, Traversal)]) -> f64 {
    walk.iter().map(|&(r, _)| costs::by_confidence(r)).sum()
}

/// Checks that a returned path is a valid path under the search, from `from` to `to`.
fn valid(s: &Search, p: &Path<'_>, from: &str, to: &str) -> Result<(), TestCaseError> {
    let f = s.filter();
    prop_assert!(!p.is_empty());
    prop_assert!(p.len() <= s.max_hops);
    let ents = p.entities();
    prop_assert_eq!(ents[0].id.as_str(), from);
    prop_assert_eq!(ents[ents.len() - 1].id.as_str(), to);
    let distinct: BTreeSet<&str> = ents.iter().map(|e| e.id.as_str()).collect();
    prop_assert_eq!(distinct.len(), ents.len(), "entity repeated");
    for h in p.hops() {
        let (a, b) = match h.traversal {
            Traversal::Forward => (&h.relation.source(), &h.relation.target()),
            Traversal::Backward => (&h.relation.target(), &h.relation.source()),
        };
        prop_assert_eq!(a, &h.from.id);
        prop_assert_eq!(b, &h.to.id);
        prop_assert!(f.matches(h.relation));
        prop_assert!(f.follows(h.relation, h.traversal));
        prop_assert_eq!(h.polarity, h.relation.polarity());
    }
    if let Some(k) = s.max_hostile {
        prop_assert!(p.hostile_hops() <= k);
    }
    Ok(())
}

const EPS: f64 = 1e-9;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn shortest_and_cheapest_have_no_better_alternative(spec in arb_spec(), s in arb_search(), a in 0usize..8, b in 0usize..8) {
        let g = build(&spec);
        let n = spec.entities.len();
        let (from, to) = (format!("n{}", a % n), format!("n{}", b % n));
        prop_assume!(from != to);
        let all = brute(&g, &s, &from, &to);
        let shortest = s.run(&g).shortest(&from, &to).unwrap();
        let cheapest = s.run(&g).cheapest(&from, &to, costs::by_confidence).unwrap();
        if all.is_empty() {
            prop_assert!(shortest.is_empty() && cheapest.is_empty());
            prop_assert!(shortest.why_none().is_some());
            prop_assert!(!shortest.why_none().unwrap().cuts.is_empty());
        } else {
            let p = shortest.first().unwrap();
            valid(&s, p, &from, &to)?;
            prop_assert_eq!(p.len(), all.iter().map(Vec::len).min().unwrap());
            let c = cheapest.first().unwrap();
            valid(&s, c, &from, &to)?;
            let best = all.iter().map(|w| confidence_cost(w)).fold(f64::INFINITY, f64::min);
            prop_assert!((c.cost() - best).abs() < EPS, "{} vs {}", c.cost(), best);
            let own: f64 = c.relations().iter().map(|&r| costs::by_confidence(r)).sum();
            prop_assert!((c.cost() - own).abs() < EPS);
        }
        // Without hop or hostile limits both searches run from both ends: check them against
        // brute force with no limit either.
        let free = Search { max_hops: 8, max_hostile: None, ..s.clone() };
        let all = brute(&g, &free, &from, &to);
        let unlimited = g.paths().filter(free.filter());
        let shortest = unlimited.shortest(&from, &to).unwrap();
        let cheapest = unlimited.cheapest(&from, &to, costs::by_confidence).unwrap();
        match all.iter().map(Vec::len).min() {
            None => prop_assert!(shortest.is_empty() && cheapest.is_empty()),
            Some(fewest) => {
                let p = shortest.first().unwrap();
                valid(&free, p, &from, &to)?;
                prop_assert_eq!(p.len(), fewest);
                let c = cheapest.first().unwrap();
                valid(&free, c, &from, &to)?;
                let best = all.iter().map(|w| confidence_cost(w)).fold(f64::INFINITY, f64::min);
                prop_assert!((c.cost() - best).abs() < EPS, "{} vs {}", c.cost(), best);
                let own: f64 = c.relations().iter().map(|&r| costs::by_confidence(r)).sum();
                prop_assert!((c.cost() - own).abs() < EPS);
            }
        }
    }

    #[test]
    fn k_cheapest_is_the_head_of_the_sorted_enumeration(spec in arb_spec(), s in arb_search(), a in 0usize..8, b in 0usize..8, k in 1usize..6) {
        let g = build(&spec);
        let n = spec.entities.len();
        let (from, to) = (format!("n{}", a % n), format!("n{}", b % n));
        prop_assume!(from != to);
        let mut all: Vec<f64> = brute(&g, &s, &from, &to).iter().map(|w| confidence_cost(w)).collect();
        all.sort_by(f64::total_cmp);
        let found = s.run(&g).k_cheapest(&from, &to, k, costs::by_confidence).unwrap();
        let got: Vec<f64> = found.paths().iter().map(Path::cost).collect();
        prop_assert_eq!(got.len(), all.len().min(k));
        for (x, y) in got.iter().zip(&all) {
            prop_assert!((x - y).abs() < EPS, "{:?} vs {:?}", got, all);
        }
        let distinct: BTreeSet<Vec<String>> = found.paths().iter().map(path_ids).collect();
        prop_assert_eq!(distinct.len(), got.len());
        for p in found.paths() {
            valid(&s, p, &from, &to)?;
        }
    }

    #[test]
    fn all_simple_matches_brute_force(spec in arb_spec(), s in arb_search(), a in 0usize..8, b in 0usize..8) {
        let g = build(&spec);
        let n = spec.entities.len();
        let (from, to) = (format!("n{}", a % n), format!("n{}", b % n));
        prop_assume!(from != to);
        let all: BTreeSet<Vec<String>> = brute(&g, &s, &from, &to).iter().map(|w| ids(w)).collect();
        let found = s.run(&g).all_simple(&from, &to, 100_000).unwrap();
        let got: Vec<Vec<String>> = found.paths().iter().map(path_ids).collect();
        prop_assert_eq!(got.iter().cloned().collect::<BTreeSet<_>>(), all.clone());
        prop_assert_eq!(got.len(), all.len(), "duplicates");
        prop_assert!(got.windows(2).all(|w| w[0].len() <= w[1].len()), "shortest first");
        for p in found.paths() {
            valid(&s, p, &from, &to)?;
        }
        // A small limit is obeyed and reported.
        let few = s.run(&g).all_simple(&from, &to, 2).unwrap();
        prop_assert!(few.paths().len() <= 2);
        prop_assert_eq!(few.truncated(), all.len() > 2); // more exist than were asked for
        // Distinct routes: the first path of each entity sequence, in the same order.
        let routes = s.run(&g).distinct_routes().all_simple(&from, &to, 100_000).unwrap();
        let route = |p: &Path<'_>| p.entities().iter().map(|e| e.id.to_string()).collect::<Vec<_>>();
        let mut seen = BTreeSet::new();
        let expected: Vec<Vec<String>> = found.paths().iter().filter(|p| seen.insert(route(p))).map(path_ids).collect();
        let got: Vec<Vec<String>> = routes.paths().iter().map(path_ids).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn count_routes_counts_distinct_entity_sequences(spec in arb_spec(), s in arb_search(), a in 0usize..8, b in 0usize..8) {
        let g = build(&spec);
        let n = spec.entities.len();
        let (from, to) = (format!("n{}", a % n), format!("n{}", b % n));
        prop_assume!(from != to);
        let s = Search { max_hostile: None, ..s };
        let sequences: BTreeSet<Vec<String>> = brute(&g, &s, &from, &to)
            .iter()
            .map(|w| {
                w.iter()
                    .map(|(r, way)| match way {
                        Traversal::Forward => r.target().to_string(),
                        Traversal::Backward => r.source().to_string(),
                    })
                    .collect()
            })
            .collect();
        prop_assert_eq!(s.run(&g).count_routes(&from, &to).unwrap(), sequences.len() as u64);
    }

    #[test]
    fn journeys_arrive_earliest(spec in arb_spec(), s in arb_search(), a in 0usize..8, b in 0usize..8) {
        let g = build(&spec);
        let n = spec.entities.len();
        let (from, to) = (format!("n{}", a % n), format!("n{}", b % n));
        prop_assume!(from != to);
        // Brute force: the earliest arrival over every path, taking each hop as early as its
        // effective interval and the previous hop allow. `None` stands for "any time".
        let arrival = |walk: &Walk<'_>| -> Option<Option<(u16, u8, u8)>> {
            let mut now: Option<(u16, u8, u8)> = None;
            for (r, _) in walk {
                let iv = r.effective_interval()?;
                let first = iv.start().map(|d| (d.year_number(), d.month().unwrap_or(1), d.day().unwrap_or(1)));
                let last = iv.end().map(|d| (d.year_number(), d.month().unwrap_or(12), d.day().unwrap_or(31)));
                if let (Some(t), Some(e)) = (now, last) && e < t {
                    return None;
                }
                if first > now {
                    now = first;
                }
            }
            Some(now)
        };
        let best = brute(&g, &s, &from, &to).iter().filter_map(arrival).min();
        let found = s.run(&g).journey(&from, &to, None).unwrap();
        match best {
            None => prop_assert!(found.is_empty()),
            Some(best) => {
                let p = found.first().unwrap();
                valid(&s, p, &from, &to)?;
                let got = p.hops().last().unwrap().at.map(|d| (d.year_number(), d.month().unwrap_or(1), d.day().unwrap_or(1)));
                prop_assert_eq!(got, best);
                let dates: Vec<_> = p.hops().iter().map(|h| h.at).collect();
                prop_assert!(dates.windows(2).all(|w| w[0] <= w[1] || w[1].is_none()));
            }
        }
    }
}

// ----- patterns -----

#[derive(Debug, Clone)]
struct PatternSpec {
    vars: Vec<Option<usize>>,
    edges: Vec<(usize, usize, Direction, Option<Polarity>)>,
}

fn arb_pattern() -> impl Strategy<Value = PatternSpec> {
    (
        prop::collection::vec(prop::option::of(0..KINDS.len()), 1..=4),
        prop::collection::vec(
            (
                0usize..4,
                0usize..4,
                prop_oneof![
                    Just(Direction::Both),
                    Just(Direction::Outgoing),
                    Just(Direction::Incoming)
                ],
                prop::option::of(prop_oneof![
                    Just(Polarity::Positive),
                    Just(Polarity::Negative),
                    Just(Polarity::Neutral)
                ]),
            ),
            0..4,
        ),
    )
        .prop_map(|(vars, edges)| PatternSpec { vars, edges })
}

/// Advances an odometer, last digit fastest, digit `i` counting to `size(i)`; false once it
/// wraps around to all zeros.
fn advance(odometer: &mut [usize], size: impl Fn(usize) -> usize) -> bool {
    for i in (0..odometer.len()).rev() {
        odometer[i] += 1;
        if odometer[i] < size(i) {
            return true;
        }
        odometer[i] = 0;
    }
    false
}

fn edge_filter(direction: Direction, polarity: Option<Polarity>) -> RelationFilter {
    let f = RelationFilter::new().direction(direction);
    match polarity {
        Some(p) => f.polarity(p),
        None => f,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn pattern_matches_equal_a_brute_force_scan(spec in arb_spec(), ps in arb_pattern()) {
        let g = build(&spec);
        let k = ps.vars.len();
        let names: Vec<String> = (0..k).map(|i| format!("v{i}")).collect();
        let kinds = |v: &Option<usize>| v.map_or(EntityKinds::ANY, |i| EntityKinds::of(&[KINDS[i]]));
        let mut p = Pattern::new();
        for (name, v) in names.iter().zip(&ps.vars) {
            p = p.node(name, kinds(v));
        }
        let edges: Vec<_> = ps.edges.iter().map(|&(a, b, d, pol)| (a % k, b % k, edge_filter(d, pol))).collect();
        for (a, b, f) in &edges {
            p = p.edge(&names[*a], &names[*b], f.clone());
        }
        let found = g.find_pattern(&p, MatchLimits::new(1_000_000)).unwrap();
        prop_assert!(!found.truncated);

        // Brute force: every injective assignment in entity order, then every combination of
        // distinct relations, last edge fastest.
        let entities: Vec<&Entity> = g.entities().collect();
        let mut expected: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        let mut pick = vec![0usize; k];
        'assign: loop {
            let chosen: Vec<&Entity> = pick.iter().map(|&i| entities[i]).collect();
            let injective = (0..k).all(|i| (0..i).all(|j| pick[i] != pick[j]));
            if injective && chosen.iter().zip(&ps.vars).all(|(e, v)| kinds(v).contains(e.kind)) {
                let choices: Vec<Vec<RelationRef<'_>>> = edges
                    .iter()
                    .map(|(a, b, f)| {
                        g.relations()
                            .filter(|&r| f.matches(r))
                            .filter(|&r| {
                                (r.source() == chosen[*a].id && r.target() == chosen[*b].id && f.follows(r, Traversal::Forward))
                                    || (r.target() == chosen[*a].id && r.source() == chosen[*b].id && f.follows(r, Traversal::Backward)
                                        // A self-loop counts once: backward only when it cannot be taken forward.
                                        && (r.source() != r.target() || !f.follows(r, Traversal::Forward)))
                            })
                            .collect()
                    })
                    .collect();
                if choices.iter().all(|c| !c.is_empty()) {
                    let mut sel = vec![0usize; choices.len()];
                    'combo: loop {
                        let rels: Vec<RelationRef<'_>> = sel.iter().zip(&choices).map(|(&i, c)| c[i]).collect();
                        let distinct: BTreeSet<&str> = rels.iter().map(|r| r.id()).collect();
                        if distinct.len() == rels.len() {
                            expected.push((
                                chosen.iter().map(|e| e.id.to_string()).collect(),
                                rels.iter().map(|r| r.id().to_string()).collect(),
                            ));
                        }
                        if !advance(&mut sel, |i| choices[i].len()) {
                            break 'combo;
                        }
                    }
                }
            }
            if !advance(&mut pick, |_| entities.len()) {
                break 'assign;
            }
        }
        type Row = (Vec<String>, Vec<String>);
        let rows = |m: &alliance_graph::Matches<'_>| -> Vec<Row> {
            m.matches
                .iter()
                .map(|m| (
                    m.entities.iter().map(|e| e.id.to_string()).collect(),
                    m.relations.iter().map(|r| r.id().to_string()).collect(),
                ))
                .collect()
        };
        prop_assert_eq!(rows(&found), expected.clone());
        // Distinct bindings: the first match of each binding of the variables.
        let distinct = g.find_pattern(&p, MatchLimits::new(1_000_000).distinct_bindings()).unwrap();
        let mut seen = BTreeSet::new();
        let want: Vec<Row> =
            expected.into_iter().filter(|(e, _)| seen.insert(e.clone())).collect();
        prop_assert_eq!(rows(&distinct), want);
    }
}

// ----- bounds hold on a dense graph -----

fn dense() -> Graph {
    let spec = Spec {
        entities: (0..8).map(|_| (0, None)).collect(),
        relations: (0..8)
            .flat_map(|a| {
                (0..8)
                    .filter(move |&b| b != a)
                    .flat_map(move |b| [(0, a, b, None, 9, 0), (3, a, b, None, 5, 0)])
            })
            .collect(),
    };
    build(&spec)
}

#[test]
fn bounds_hold_on_a_dense_graph() {
    let g = dense();
    assert_eq!(g.relation_count(), 112);
    let many = g.paths().max_hops(7).all_simple("n0", "n7", 25).unwrap();
    assert_eq!(many.paths().len(), 25);
    assert!(many.truncated());
    let k = g.paths().k_cheapest("n0", "n7", 4, costs::uniform).unwrap();
    assert_eq!(k.paths().len(), 4);
    let p = Pattern::new()
        .node("a", EntityKinds::ANY)
        .node("b", EntityKinds::ANY)
        .node("c", EntityKinds::ANY)
        .edge("a", "b", RelationFilter::new())
        .edge("b", "c", RelationFilter::new());
    let m = g.find_pattern(&p, MatchLimits::new(10)).unwrap();
    assert_eq!(m.matches.len(), 10);
    assert!(m.truncated);
    let stepped = g
        .find_pattern(
            &p,
            MatchLimits {
                max_matches: usize::MAX,
                max_steps: 5,
                distinct_bindings: false,
            },
        )
        .unwrap();
    assert!(stepped.budget_spent && !stepped.truncated);
    // all_simple needs an explicit hop limit.
    assert!(g.paths().all_simple("n0", "n7", 10).is_err());
}

/// A–r1 TENSION–X–r3 ALLIANCE–D and A–r2 ALLIANCE–Z–r4 TENSION–D: two equally cheap paths.
fn two_ways() -> Graph {
    let mut g = Graph::new();
    for id in ["A", "X", "Z", "D", "lonely"] {
        g.add_entity(Entity::new(id, EntityKind::State, id))
            .unwrap();
    }
    for (id, kind, s, t) in [
        ("r1", RelationKind::TENSION, "A", "X"),
        ("r2", RelationKind::ALLIANCE, "A", "Z"),
        ("r3", RelationKind::ALLIANCE, "X", "D"),
        ("r4", RelationKind::TENSION, "Z", "D"),
    ] {
        g.add_relation(Relation::new(id, kind, s, t)).unwrap();
    }
    g
}

/// Issue 11, defect 2: equal costs and hops go to relations earlier in graph order, in
/// `k_cheapest` as in `cheapest`, whatever k.
#[test]
fn ties_follow_graph_order_whatever_k() {
    let g = two_ways();
    let ids = |p: &Path<'_>| {
        p.relations()
            .iter()
            .map(|r| r.id().to_owned())
            .collect::<Vec<_>>()
    };
    let two = g.paths().k_cheapest("A", "D", 2, costs::uniform).unwrap();
    let got: Vec<Vec<String>> = two.paths().iter().map(ids).collect();
    assert_eq!(got, [["r1", "r3"], ["r2", "r4"]]);
    let one = g.paths().k_cheapest("A", "D", 1, costs::uniform).unwrap();
    assert_eq!(ids(one.first().unwrap()), ["r1", "r3"]);
    let best = g.paths().cheapest("A", "D", costs::uniform).unwrap();
    assert_eq!(ids(best.first().unwrap()), ["r1", "r3"]);
}

/// Issue 11, defect 4: `truncated` means more paths exist than were returned, everywhere.
#[test]
fn truncated_means_more_exist() {
    let g = two_ways();
    let search = g.paths().max_hops(3);
    assert!(!search.all_simple("A", "D", 2).unwrap().truncated());
    assert!(search.all_simple("A", "D", 1).unwrap().truncated());
    assert!(
        !g.paths()
            .k_cheapest("A", "D", 2, costs::uniform)
            .unwrap()
            .truncated()
    );
    assert!(
        g.paths()
            .k_cheapest("A", "D", 1, costs::uniform)
            .unwrap()
            .truncated()
    );
    assert!(
        !g.paths()
            .k_cheapest("A", "D", 3, costs::uniform)
            .unwrap()
            .truncated()
    );
}

/// Issue 11, defect 3: a search blocked only by infinite costs, or asked for no path, names
/// the cut.
#[test]
fn costs_and_zero_counts_are_named_cuts() {
    let mut g = Graph::new();
    for id in ["A", "B"] {
        g.add_entity(Entity::new(id, EntityKind::State, id))
            .unwrap();
    }
    g.add_relation(Relation::new("r", RelationKind::ALLIANCE, "A", "B").confidence(0.0))
        .unwrap();
    let blocked = g.paths().cheapest("A", "B", costs::by_confidence).unwrap();
    let why = blocked.why_none().unwrap();
    assert_eq!(why.cuts, [alliance_graph::Cut::Costs]);
    assert!(!why.to_string().ends_with("cut by "), "{why}");
    let none = g.paths().k_cheapest("A", "B", 0, costs::uniform).unwrap();
    assert_eq!(
        none.why_none().unwrap().cuts,
        [alliance_graph::Cut::PathLimit]
    );
    assert!(none.truncated()); // a path exists that was not returned
    let none = g.paths().max_hops(2).all_simple("A", "B", 0).unwrap();
    assert_eq!(
        none.why_none().unwrap().cuts,
        [alliance_graph::Cut::PathLimit]
    );
}

/// Issue 11, defect 5: every search reports how far it got the same way.
#[test]
fn every_search_counts_what_it_reached_alike() {
    let g = two_ways();
    let reached = |p: alliance_graph::Paths<'_>| p.why_none().unwrap().reached;
    let shortest = reached(g.paths().shortest("A", "lonely").unwrap());
    let cheapest = reached(g.paths().cheapest("A", "lonely", costs::uniform).unwrap());
    let journey = reached(g.paths().journey("A", "lonely", None).unwrap());
    assert_eq!((shortest, cheapest, journey), (4, 4, 4)); // A, X, Z and D
}

/// Issue 12, item 12: the choice of relations for a binding counts against `max_steps`, so
/// ten edges over nine parallel relations end in bounded time, saying the budget ran out.
#[test]
fn issue12_12_relation_combinations_count_against_the_budget() {
    let mut g = Graph::new();
    for id in ["A", "B"] {
        g.add_entity(Entity::new(id, EntityKind::State, id))
            .unwrap();
    }
    for i in 0..9 {
        g.add_relation(Relation::new(
            format!("r{i}"),
            RelationKind::SUPPORTS,
            "A",
            "B",
        ))
        .unwrap();
    }
    let out = RelationFilter::new().direction(alliance_graph::Direction::Outgoing);
    let mut p = Pattern::new().fixed("a", "A").fixed("b", "B");
    for _ in 0..10 {
        p = p.edge("a", "b", out.clone());
    }
    let limits = MatchLimits {
        max_matches: 10,
        max_steps: 200_000,
        distinct_bindings: false,
    };
    let m = g.find_pattern(&p, limits).unwrap();
    assert!(m.matches.is_empty());
    assert!(m.budget_spent && !m.truncated);
    // Nine edges over nine relations: 9! matches, streamed; stopping early is honoured.
    let mut p = Pattern::new().fixed("a", "A").fixed("b", "B");
    for _ in 0..9 {
        p = p.edge("a", "b", out.clone());
    }
    let mut seen = 0usize;
    let ended = g
        .each_match(&p, MatchLimits::new(0), |m| {
            assert_eq!(m.relations.len(), 9);
            seen += 1;
            if seen == 1000 {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        })
        .unwrap();
    assert_eq!((seen, ended), (1000, alliance_graph::Ended::Stopped));
    // With a budget big enough, all 9! = 362,880 are found and the search says it is complete.
    let mut count = 0usize;
    let ended = g
        .each_match(
            &p,
            MatchLimits {
                max_matches: 0,
                max_steps: 10_000_000,
                distinct_bindings: false,
            },
            |_| {
                count += 1;
                std::ops::ControlFlow::Continue(())
            },
        )
        .unwrap();
    assert_eq!((count, ended), (362_880, alliance_graph::Ended::Complete));
}

/// K_n of symmetric alliances, and one entity no relation reaches.
fn complete_with_island(n: usize) -> Graph {
    let mut g = Graph::new();
    for i in 0..=n {
        g.add_entity(Entity::new(format!("k{i}"), EntityKind::State, "k"))
            .unwrap();
    }
    for i in 0..n {
        for j in i + 1..n {
            g.add_relation(Relation::new(
                format!("r{i}-{j}"),
                RelationKind::ALLIANCE,
                format!("k{i}"),
                format!("k{j}"),
            ))
            .unwrap();
        }
    }
    g
}

/// The smallest budget under which a search completes (`spent(budget)` false), found by
/// doubling and bisection; the callers check that one less does not complete.
fn smallest_budget(spent: impl Fn(u64) -> bool) -> u64 {
    let mut hi = 1u64;
    while spent(hi) {
        hi *= 2;
    }
    let mut lo = 0u64; // spent(0): nothing can be done without a step
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if spent(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// Issue 12, item 13: `all_simple` on K30 towards an unreachable entity is bounded by its
/// work budget, not by the paths it finds (it finds none).
#[test]
fn issue12_13_all_simple_is_bounded_by_work() {
    let g = complete_with_island(30);
    let found = g
        .paths()
        .max_hops(29)
        .max_steps(200_000)
        .all_simple("k0", "k30", 10)
        .unwrap();
    assert!(found.is_empty() && found.budget_spent() && !found.truncated());
    // At the edge: on K6 the smallest budget that completes gives every path, one less
    // stops early, and what it returns is a prefix of the whole answer.
    let g = complete_with_island(6);
    let search = |steps: u64| g.paths().max_hops(5).max_steps(steps);
    let all = search(u64::MAX).all_simple("k0", "k1", 10_000).unwrap();
    assert!(!all.budget_spent());
    let edge = smallest_budget(|steps| {
        search(steps)
            .all_simple("k0", "k1", 10_000)
            .unwrap()
            .budget_spent()
    });
    assert_eq!(search(edge).all_simple("k0", "k1", 10_000).unwrap(), all);
    let short = search(edge - 1).all_simple("k0", "k1", 10_000).unwrap();
    assert!(short.budget_spent());
    assert_eq!(short.paths(), &all.paths()[..short.paths().len()]);
    // Streaming: each_simple hands over the same paths, in order, and stops when asked.
    let mut streamed = Vec::new();
    let spent = search(u64::MAX)
        .each_simple("k0", "k1", |p| {
            streamed.push(p);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert!(!spent);
    assert_eq!(streamed, all.paths());
    // count_routes: a count cut short is an error, never a wrong number.
    let err = g
        .paths()
        .max_hops(5)
        .max_steps(10)
        .count_routes("k0", "k1")
        .unwrap_err();
    assert!(
        matches!(err.kind(), alliance_graph::ErrorKind::BudgetSpent { .. }),
        "{err}"
    );
}

/// Issue 12, item 14: `k_cheapest` is bounded by its budget (entities reached by its
/// searches), and a budget cut leaves the cheapest paths found so far, in order.
#[test]
fn issue12_14_k_cheapest_is_bounded_by_work() {
    let g = complete_with_island(8);
    let search = |steps: u64| g.paths().max_steps(steps);
    let all = search(u64::MAX)
        .k_cheapest("k0", "k1", 200, costs::uniform)
        .unwrap();
    assert_eq!(all.paths().len(), 200);
    assert!(!all.budget_spent());
    let edge = smallest_budget(|steps| {
        search(steps)
            .k_cheapest("k0", "k1", 200, costs::uniform)
            .unwrap()
            .budget_spent()
    });
    assert_eq!(
        search(edge)
            .k_cheapest("k0", "k1", 200, costs::uniform)
            .unwrap(),
        all
    );
    let short = search(edge - 1)
        .k_cheapest("k0", "k1", 200, costs::uniform)
        .unwrap();
    assert!(short.budget_spent());
    let n = short.paths().len();
    // Stopped with candidates waiting, it says more exist (truncated), as the full run does.
    assert!(n <= 200 && short.truncated());
    assert_eq!(short.paths(), &all.paths()[..n]);
}

/// Issue 12: the pattern budget at its edge: the smallest `max_steps` that completes gives
/// every match, one less says the budget ran out and gives a prefix of them.
#[test]
fn issue12_pattern_budget_at_its_edge() {
    let g = complete_with_island(6);
    let p = Pattern::new()
        .node("a", EntityKinds::ANY)
        .node("b", EntityKinds::ANY)
        .node("c", EntityKinds::ANY)
        .edge("a", "b", RelationFilter::new())
        .edge("b", "c", RelationFilter::new());
    let run = |steps: usize| {
        g.find_pattern(
            &p,
            MatchLimits {
                max_matches: usize::MAX,
                max_steps: steps,
                distinct_bindings: false,
            },
        )
        .unwrap()
    };
    let all = run(usize::MAX);
    assert!(!all.budget_spent && all.matches.len() == 6 * 5 * 4);
    let edge = smallest_budget(|steps| run(steps as usize).budget_spent) as usize;
    assert_eq!(run(edge), all);
    let short = run(edge - 1);
    assert!(short.budget_spent);
    assert_eq!(short.matches[..], all.matches[..short.matches.len()]);
}
