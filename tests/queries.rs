//! Table-driven queries on the article dataset, with hand-checked answers.

use alliance_graph::{
    Constraint, Counterpart, Cut, EntityKind, EntityKinds, Graph, MatchLimits, Pattern, Polarity,
    Reading, RelationFilter, RelationKind, costs, datasets,
};

fn g() -> Graph {
    datasets::us_korea_2011()
}

fn at(date: &str) -> RelationFilter {
    RelationFilter::new().at(date.parse().unwrap())
}

fn ids(c: &[Counterpart<'_>]) -> Vec<String> {
    c.iter().map(|c| c.entity.id.to_string()).collect()
}

/// The one helper every table goes through: a named case, what it gave, what it should give.
fn check(case: &str, got: Vec<String>, expected: &[&str]) {
    assert_eq!(got, expected, "case: {case}");
}

#[test]
fn allies_and_adversaries() {
    let g = g();
    let cases: Vec<(&str, Vec<Counterpart<'_>>, &[&str])> = vec![
        (
            "North Korea's adversaries the article allows in December 2010",
            g.adversaries("PRK", &at("2010-12").reading(Reading::Possible))
                .unwrap(),
            &[
                "USA",
                "KOR",
                "lee-government",
                "obama-administration",
                "us-rok-partnership",
            ],
        ),
        (
            "North Korea's adversaries the article states (2011)",
            g.adversaries("PRK", &at("2011")).unwrap(),
            &[
                "USA",
                "KOR",
                "lee-government",
                "obama-administration",
                "us-rok-partnership",
            ],
        ),
        (
            // The tensions are of the Lee era, and neither the Lee government nor the Obama
            // administration was in office: nothing the article says places one in 2005.
            "North Korea's adversaries in 2005",
            g.adversaries("PRK", &at("2005")).unwrap(),
            &[],
        ),
        (
            // What is said of 2011 with no start is not ruled out: the fear of the
            // partnership, and Seoul's belief that Pyongyang provokes it.
            "North Korea's adversaries the article allows in 2005",
            g.adversaries("PRK", &at("2005").reading(Reading::Possible))
                .unwrap(),
            &["KOR", "us-rok-partnership"],
        ),
        (
            "the United States' adversaries in 2000 (the Kim Dae-jung era)",
            g.adversaries("USA", &at("2000")).unwrap(),
            &["kim-dae-jung-administration"],
        ),
        (
            "South Korea's allies in 2011",
            g.allies("KOR", &at("2011")).unwrap(),
            &[
                "USA",
                "lee-government",
                "six-party-talks",
                "us-rok-partnership",
            ],
        ),
        (
            // Seoul's government; the partnership and the talks are said of 2011 only.
            "South Korea's allies in 2005",
            g.allies("KOR", &at("2005")).unwrap(),
            &["roh-moo-hyun-administration"],
        ),
        (
            // The hypothetical negotiation with Kim Jong-il's regime drops out.
            "the Lee government's allies, facts only",
            g.allies("lee-government", &RelationFilter::new().facts_only())
                .unwrap(),
            &[
                "USA",
                "KOR",
                "obama-administration",
                "lee-myung-bak",
                "kim-sung-hwan",
            ],
        ),
        (
            "who fears the US–South Korean partnership",
            g.feared_by("us-rok-partnership", &RelationFilter::new())
                .unwrap(),
            &["PRK", "CHN"],
        ),
        (
            "who threatens or provokes South Korea",
            g.threatened_by("KOR", &RelationFilter::new()).unwrap(),
            &["PRK"],
        ),
        (
            "events North Korea is responsible for",
            g.events_by("PRK", &RelationFilter::new()).unwrap(),
            &["cheonan-sinking", "yeonpyeong-shelling"],
        ),
        (
            "the Six-Party Talks' neighbours",
            g.neighbours("six-party-talks", &RelationFilter::new())
                .unwrap(),
            &[
                "USA",
                "KOR",
                "PRK",
                "CHN",
                "JPN",
                "RUS",
                "six-party-talks-deadlock",
                "denuclearization",
            ],
        ),
    ];
    for (case, got, expected) in cases {
        check(case, ids(&got), expected);
    }
}

#[test]
fn every_adversary_relation_comes_with_a_quote() {
    let g = g();
    for c in g.adversaries("PRK", &at("2010-12")).unwrap() {
        for r in c.relations {
            assert_eq!(r.polarity(), Polarity::Negative);
            assert!(!r.evidence()[0].quote.is_empty());
        }
    }
}

#[test]
fn shortest_paths() {
    let g = g();
    let route = |a: &str, b: &str, f: RelationFilter| -> Vec<String> {
        g.paths()
            .filter(f)
            .shortest(a, b)
            .unwrap()
            .first()
            .map(|p| p.entities().iter().map(|e| e.id.to_string()).collect())
            .unwrap_or_default()
    };
    let any = RelationFilter::new;
    check(
        "China to the United States",
        route("CHN", "USA", any()),
        &["CHN", "USA"],
    );
    check(
        "North Korea to Japan",
        route("PRK", "JPN", any()),
        &["PRK", "six-party-talks", "JPN"],
    );
    check(
        "Russia to Camp Carroll",
        route("RUS", "camp-carroll", any()),
        &["RUS", "six-party-talks", "KOR", "camp-carroll"],
    );
    check(
        "Kim Jong-il to Hillary Clinton",
        route("kim-jong-il", "hillary-clinton", any()),
        // Four hops through North Korea or through the Lee government: the searches from both
        // ends meet at North Korea first.
        &[
            "kim-jong-il",
            "kim-jong-il-regime",
            "PRK",
            "obama-administration",
            "hillary-clinton",
        ],
    );
    check(
        "China to the United States, friendly kinds only",
        route("CHN", "USA", any().kinds([RelationKind::MEMBER_OF])),
        &["CHN", "six-party-talks", "USA"],
    );
    // Afghanistan is only ever what coordination is about, never an end of a relation.
    check(
        "Afghanistan is unreachable",
        route("AFG", "USA", any()),
        &[],
    );
}

#[test]
fn no_path_says_why() {
    let g = g();
    let cuts = |search: alliance_graph::PathSearch<'_>, a: &str, b: &str| {
        search
            .shortest(a, b)
            .unwrap()
            .why_none()
            .unwrap()
            .cuts
            .clone()
    };
    assert_eq!(cuts(g.paths(), "AFG", "USA"), [Cut::Disconnected]);
    assert_eq!(
        cuts(g.paths().max_hops(1), "PRK", "JPN"),
        [Cut::HopLimit { needed: 2 }]
    );
    assert_eq!(
        cuts(
            g.paths().filter(at("2005")).max_hops(2),
            "roh-moo-hyun-administration",
            "obama-administration"
        ),
        [Cut::Filter(Constraint::Time)]
    );
    assert_eq!(
        cuts(
            g.paths()
                .filter(RelationFilter::new().kinds([RelationKind::ALLIANCE])),
            "KOR",
            "USA"
        ),
        [Cut::Filter(Constraint::Kinds)]
    );
    assert_eq!(
        cuts(
            g.paths().max_hostile(0).filter(
                RelationFilter::new().endpoint_kinds(EntityKinds::of(&[EntityKind::State]))
            ),
            "PRK",
            "USA"
        ),
        [Cut::Filter(Constraint::EntityKinds), Cut::HostileLimit]
    );
}

#[test]
fn signed_paths() {
    let g = g();
    // At the article's date: its present-tense ties, not the disagreements it says were set
    // aside.
    let states = RelationFilter::new()
        .endpoint_kinds(EntityKinds::of(&[EntityKind::State]))
        .polarities([Polarity::Positive, Polarity::Negative])
        .at("2011".parse().unwrap());
    let found = g
        .paths()
        .filter(states.clone())
        .max_hops(3)
        .all_simple("CHN", "KOR", 100)
        .unwrap();
    assert_eq!(found.paths().len(), 6);
    assert!(found.paths().iter().all(|p| p.sign() == Polarity::Negative));
    // The enemy of my friend: China -TENSION- United States -PARTNERSHIP- South Korea.
    let two = &found.paths()[1];
    assert_eq!(two.len(), 2);
    assert_eq!(two.hostile_hops(), 1);
    // With at most one hostile hop, the three-hop paths through North Korea go.
    let limited = g
        .paths()
        .filter(states)
        .max_hops(3)
        .max_hostile(1)
        .all_simple("CHN", "KOR", 100)
        .unwrap();
    assert_eq!(limited.paths().len(), 2);
    let friendly = g.paths().friendly_only().shortest("CHN", "USA").unwrap();
    let p = friendly.first().unwrap();
    assert_eq!(p.sign(), Polarity::Positive);
    assert_eq!(p.entities()[1].id, "six-party-talks");
}

#[test]
fn credible_and_k_cheapest() {
    let g = g();
    let best = g
        .paths()
        .cheapest("kim-jong-il-regime", "lee-government", costs::by_confidence)
        .unwrap();
    let p = best.first().unwrap();
    assert!(((-p.cost()).exp() - 0.81).abs() < 1e-12, "{}", p.cost());
    let k = g
        .paths()
        .k_cheapest(
            "kim-jong-il-regime",
            "lee-government",
            3,
            costs::by_confidence,
        )
        .unwrap();
    let costs: Vec<f64> = k.paths().iter().map(|p| p.cost()).collect();
    assert_eq!(costs.len(), 3);
    assert!(costs.windows(2).all(|w| w[0] <= w[1]));
    assert!((costs[0] - p.cost()).abs() < 1e-12);
    // A negative cost is refused, naming the relation.
    let err = g.paths().cheapest("CHN", "USA", |_| -1.0).unwrap_err();
    assert!(err.to_string().contains("is negative or NaN"), "{err}");
}

#[test]
fn journeys_follow_time() {
    let g = g();
    let j = g
        .paths()
        .journey("kim-dae-jung-administration", "obama-administration", None)
        .unwrap();
    let p = j.first().unwrap();
    let dates: Vec<String> = p.hops().iter().map(|h| h.at.unwrap().to_string()).collect();
    assert_eq!(dates, ["1998-02-25", "2009-01-20"]);
    // Starting after the Kim Dae-jung administration left office, no journey leaves it.
    let late = g
        .paths()
        .journey(
            "kim-dae-jung-administration",
            "obama-administration",
            Some("2004".parse().unwrap()),
        )
        .unwrap();
    assert!(late.is_empty());
    assert_eq!(late.why_none().unwrap().cuts, [Cut::TimeOrder]);
}

#[test]
fn patterns_on_the_article() {
    let g = g();
    let states = EntityKinds::of(&[EntityKind::State]);
    let triad = Pattern::new()
        .node("a", states)
        .node("b", states)
        .node("c", states)
        .edge("a", "b", RelationFilter::new().polarity(Polarity::Positive))
        .edge("b", "c", RelationFilter::new().polarity(Polarity::Negative));
    let found = g.find_pattern(&triad, MatchLimits::new(100)).unwrap();
    let got: Vec<String> = found
        .matches
        .iter()
        .map(|m| {
            let e: Vec<&str> = m.entities.iter().map(|e| e.id.as_str()).collect();
            e.join("+")
        })
        .collect();
    check(
        "friend-then-foe triads among states",
        got,
        &[
            "USA+KOR+PRK",
            "USA+KOR+PRK",
            "USA+KOR+PRK",
            "USA+KOR+PRK",
            "USA+KOR+CHN",
            "KOR+USA+PRK",
            "KOR+USA+CHN",
        ],
    );
    let fixed = Pattern::new()
        .fixed("x", "PRK")
        .node("y", EntityKinds::of(&[EntityKind::Event]))
        .edge(
            "x",
            "y",
            RelationFilter::new()
                .kinds([RelationKind::RESPONSIBLE_FOR])
                .facts_only(),
        );
    let m = g.find_pattern(&fixed, MatchLimits::new(10)).unwrap();
    assert_eq!(m.matches.len(), 1);
    assert_eq!(m.matches[0].get("y").unwrap().id, "yeonpyeong-shelling");
    let bad = Pattern::new()
        .node("x", states)
        .edge("x", "nope", RelationFilter::new());
    assert!(g.find_pattern(&bad, MatchLimits::new(1)).is_err());
}

#[test]
fn neighbourhood_and_timeline() {
    let g = g();
    let around = g
        .neighbourhood("obama-administration", 1, &RelationFilter::new())
        .unwrap();
    assert!(around.validate().is_empty());
    let mut ents: Vec<String> = around.entities().map(|e| e.id.to_string()).collect();
    ents.sort();
    check(
        // Induced: the Lee government's demands of North Korea come along, and with them
        // what they are about.
        "the Obama administration and its neighbours, plus what their relations are about",
        ents,
        &[
            "AFG",
            "PRK",
            "USA",
            "apology",
            "cheonan-sinking",
            "concessions",
            "development-assistance",
            "hillary-clinton",
            "inter-korean-dialogue",
            "lee-government",
            "nuclear-security",
            "obama-administration",
            "prk-policy-change",
            "regional-security",
            "strategic-patience",
        ],
    );
    let tl = g.timeline(&RelationFilter::new().facts_only());
    assert!(tl.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(tl[0].date.to_string(), "1994-07-08");
}

#[test]
fn a_self_loop_is_found_whichever_way_relations_are_followed() {
    use alliance_graph::{Direction, Entity, Relation};
    let mut g = Graph::new();
    g.add_entity(Entity::new("A", EntityKind::State, "A"))
        .unwrap();
    g.add_relation(Relation::new("loop", RelationKind::SUPPORTS, "A", "A"))
        .unwrap();
    for direction in [Direction::Outgoing, Direction::Incoming, Direction::Both] {
        let filter = RelationFilter::new().direction(direction);
        let found = g.relations_of("A", &filter).unwrap();
        assert_eq!(found.len(), 1, "{direction:?}");
        let pattern = Pattern::new()
            .node("a", EntityKinds::ANY)
            .edge("a", "a", filter);
        let matches = g.find_pattern(&pattern, MatchLimits::new(10)).unwrap();
        assert_eq!(matches.matches.len(), 1, "pattern, {direction:?}");
    }
}

/// Issue 11, defect 7: a filter naming a kind, asserter or source the graph does not know is
/// an error, as an unknown entity id is, not a silent empty answer.
#[test]
fn unknown_names_in_filters_are_errors() {
    use alliance_graph::ErrorKind;
    let g = g();
    let kind = RelationFilter::new().kinds([RelationKind::new("MEDIATE")]);
    let asserter = RelationFilter::new().asserted_by("SUA");
    let source = RelationFilter::new().sources(["nowhere"]);
    let err = g.allies("KOR", &kind).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownRelationKind { name } if name == "MEDIATE"));
    let err = g
        .paths()
        .filter(asserter.clone())
        .shortest("KOR", "USA")
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownEntity { id } if id == "SUA"));
    let err = g.neighbourhood("KOR", 1, &source).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownSource { .. }));
    let pattern = Pattern::new()
        .fixed("a", "KOR")
        .node("b", EntityKinds::ANY)
        .edge("a", "b", kind);
    assert!(g.find_pattern(&pattern, MatchLimits::new(1)).is_err());
    // Known names pass.
    assert!(
        RelationFilter::new()
            .kinds([RelationKind::TENSION])
            .asserted_by("PRK")
            .check(&g)
            .is_ok()
    );
}

/// Issue 11 friction: an unknown name gets the closest known one as a suggestion.
#[test]
fn unknown_names_suggest_the_closest_known_one() {
    let g = g();
    let err = g.allies("KRO", &RelationFilter::new()).unwrap_err();
    assert_eq!(err.suggestion(), Some("KOR"));
    assert!(err.to_string().ends_with("did you mean `KOR`?"), "{err}");
    let err = g
        .adversaries(
            "PRK",
            &RelationFilter::new().kinds([RelationKind::new("TENSOIN")]),
        )
        .unwrap_err();
    assert_eq!(err.suggestion(), Some("TENSION"));
    let mut h = g.clone();
    let err = h
        .add_relation(alliance_graph::Relation::new(
            "x",
            RelationKind::TENSION,
            "KOR",
            "lee-goverment",
        ))
        .unwrap_err();
    assert_eq!(err.suggestion(), Some("lee-government"));
    // Nothing close: no suggestion.
    let err = g.allies("ZZZZZZZZ", &RelationFilter::new()).unwrap_err();
    assert_eq!(err.suggestion(), None);
}
