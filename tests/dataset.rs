//! The bundled US–Korea 2011 dataset against the article it encodes.

use std::collections::BTreeSet;

use alliance_graph::{
    Date, EntityKind, Graph, Interval, Occurrence, Polarity, Reading, RelationKind, Status, Tense,
    Truth, ViewOptions, datasets, io::json,
};

fn graph() -> Graph {
    datasets::us_korea_2011()
}

/// The article's six body paragraphs: the lines longer than 100 characters (the headline,
/// image credit and newsletter lines are all shorter).
fn paragraphs() -> Vec<&'static str> {
    datasets::US_KOREA_2011_ARTICLE
        .lines()
        .filter(|l| l.chars().count() > 100)
        .collect()
}

#[test]
fn bundled_article_is_the_shared_source() {
    // The sha256 of the article as the project received it (the shared source text); the
    // repository keeps its own copy, so no test reads anything outside it.
    use sha2::{Digest, Sha256};
    let sum = format!(
        "{:x}",
        Sha256::digest(datasets::US_KOREA_2011_ARTICLE.as_bytes())
    );
    assert_eq!(
        sum,
        "69570c9ef7dfcd374d4f319b35753ab3d841d63eb82d1d6d396e689645e4acc9"
    );
    assert_eq!(paragraphs().len(), 6);
}

#[test]
fn every_quote_is_verbatim_with_the_right_paragraph() {
    let g = graph();
    let paragraphs = paragraphs();
    let mut checked = 0;
    let evidence = g
        .relations()
        .flat_map(|r| r.evidence().iter().map(move |e| (r.id().to_string(), e)))
        .chain(g.entities().flat_map(|en| {
            en.lifetime_evidence
                .iter()
                .map(move |e| (en.id.to_string(), e))
        }));
    for (owner, e) in evidence {
        assert!(!e.quote.trim().is_empty(), "{owner}");
        match e.source.as_str() {
            datasets::ARTICLE_SOURCE => {
                assert!(
                    datasets::US_KOREA_2011_ARTICLE.contains(&e.quote),
                    "{owner}: {:?} is not in the article",
                    e.quote
                );
                let p = e.paragraph.expect("article quotes carry a paragraph") as usize;
                assert!(
                    paragraphs[p - 1].contains(&e.quote),
                    "{owner}: {:?} is not in paragraph {p}",
                    e.quote
                );
            }
            datasets::TERMS_SOURCE => {
                assert!(datasets::US_KOREA_2011_TERMS.contains(&e.quote), "{owner}")
            }
            other => panic!("{owner}: unexpected source {other}"),
        }
        checked += 1;
    }
    assert!(checked > g.relation_count(), "only {checked} quotes");
}

#[test]
fn every_relation_has_article_evidence() {
    let g = graph();
    for r in g.relations() {
        assert!(
            r.evidence()
                .iter()
                .any(|e| e.source == datasets::ARTICLE_SOURCE),
            "{} has no quote from the article",
            r.id()
        );
    }
}

#[test]
fn file_is_canonical_and_valid() {
    assert!(json::check(datasets::US_KOREA_2011_JSON).is_empty());
    let g = graph();
    assert_eq!(json::to_string(&g), datasets::US_KOREA_2011_JSON);
    assert!(g.validate().is_empty());
}

#[test]
fn round_trips_through_graphml_to_the_committed_file() {
    use alliance_graph::io::graphml;
    let back = graphml::from_str(&graphml::to_string(&graph()).unwrap()).unwrap();
    assert_eq!(back, graph());
    assert_eq!(json::to_string(&back), datasets::US_KOREA_2011_JSON);
}

#[test]
fn names_every_actor_of_the_article() {
    let g = graph();
    let expect = [
        ("USA", EntityKind::State),
        ("KOR", EntityKind::State),
        ("PRK", EntityKind::State),
        ("CHN", EntityKind::State),
        ("JPN", EntityKind::State),
        ("RUS", EntityKind::State),
        ("AFG", EntityKind::State),
        ("lee-government", EntityKind::Government),
        ("kim-dae-jung-administration", EntityKind::Government),
        ("roh-moo-hyun-administration", EntityKind::Government),
        ("obama-administration", EntityKind::Government),
        ("kim-jong-il-regime", EntityKind::Government),
        ("lee-myung-bak", EntityKind::Person),
        ("kim-dae-jung", EntityKind::Person),
        ("roh-moo-hyun", EntityKind::Person),
        ("kim-jong-il", EntityKind::Person),
        ("hillary-clinton", EntityKind::Person),
        ("kim-sung-hwan", EntityKind::Person),
        ("six-party-talks", EntityKind::Organization),
        ("us-rok-partnership", EntityKind::Organization),
        ("cheonan-sinking", EntityKind::Event),
        ("yeonpyeong-shelling", EntityKind::Event),
        ("anti-american-protests", EntityKind::Event),
        ("camp-carroll-dioxin-scare", EntityKind::Event),
        ("six-party-talks-deadlock", EntityKind::Event),
        ("strategic-patience", EntityKind::Policy),
        ("camp-carroll", EntityKind::Place),
        ("yeonpyeong-island", EntityKind::Place),
        ("nuclear-security", EntityKind::Topic),
        ("regional-security", EntityKind::Topic),
        ("development-assistance", EntityKind::Topic),
        ("denuclearization", EntityKind::Topic),
    ];
    for (id, kind) in expect {
        let e = g.entity(id).unwrap_or_else(|| panic!("missing {id}"));
        assert_eq!(e.kind, kind, "{id}");
    }
    // Every entity takes part in at least one relation.
    for e in g.entities() {
        assert!(
            g.relations().any(|r| r.source() == e.id
                || r.target() == e.id
                || [
                    r.about(),
                    r.asserted_by(),
                    r.not_before(),
                    r.not_after(),
                    r.throughout()
                ]
                .contains(&Some(&e.id))),
            "{} is isolated",
            e.id
        );
    }
}

#[test]
fn dates_the_article_gives() {
    let g = graph();
    let life = |id: &str| g.entity(id).unwrap().lifetime.to_string();
    assert_eq!(life("cheonan-sinking"), "2010-03");
    assert_eq!(life("yeonpyeong-shelling"), "2010-11");
    assert_eq!(life("six-party-talks-deadlock"), "2008-12..");
    assert_eq!(life("lee-government"), "2008-02-25..2013-02-24");
    assert_eq!(
        life("roh-moo-hyun-administration"),
        "2003-02-25..2008-02-24"
    );
    assert_eq!(
        life("kim-dae-jung-administration"),
        "1998-02-25..2003-02-24"
    );
}

#[test]
fn the_eras_the_article_contrasts() {
    let g = graph();
    let obstacle_in = |year: &str| -> BTreeSet<String> {
        g.relations()
            .filter(|r| r.kind() == RelationKind::SEES_AS_OBSTACLE)
            .filter(|r| r.holds_at(year.parse().unwrap()))
            .map(|r| r.source().to_string())
            .collect()
    };
    assert_eq!(
        obstacle_in("2000"),
        ["kim-dae-jung-administration".to_owned()].into()
    );
    assert_eq!(
        obstacle_in("2005"),
        ["roh-moo-hyun-administration".to_owned()].into()
    );
    assert!(obstacle_in("2010").is_empty());
    let lee_supports_usa = g.relation("lee-anchors-seoul").unwrap();
    assert!(lee_supports_usa.holds_at("2010".parse().unwrap()));
    assert!(!lee_supports_usa.holds_at("2005".parse().unwrap()));
}

#[test]
fn views_are_marked_with_who_holds_them() {
    let g = graph();
    let view = |id: &str| {
        let r = g.relation(id).unwrap();
        (r.status(), r.asserted_by().map(|a| a.to_string()))
    };
    assert_eq!(
        view("shelling-responds-to-activity"),
        (Status::Claim, Some("PRK".into()))
    );
    assert_eq!(
        view("prk-pursues-cycle"),
        (Status::Belief, Some("lee-government".into()))
    );
    assert_eq!(view("partnership-may-provoke-prk").0, Status::Hypothetical);
    assert_eq!(view("lee-may-negotiate").0, Status::Hypothetical);
    assert_eq!(view("prk-responsible-cheonan").0, Status::Disputed);
    assert_eq!(view("prk-responsible-yeonpyeong"), (Status::Fact, None));
    // Claims and beliefs always name who holds them.
    for r in g.relations() {
        if matches!(r.status(), Status::Claim | Status::Belief) {
            assert!(r.asserted_by().is_some(), "{}", r.id());
        }
    }
    // Confidence follows the documented status rule.
    for r in g.relations() {
        let expected = match r.status() {
            Status::Fact => 0.9,
            Status::Belief => 0.6,
            Status::Claim | Status::Disputed => 0.5,
            Status::Hypothetical => 0.3,
        };
        assert_eq!(r.confidence(), Some(expected), "{}", r.id());
    }
}

#[test]
fn relations_the_article_states() {
    let g = graph();
    let has = |kind: RelationKind, s: &str, t: &str| {
        g.relations()
            .any(|r| r.kind() == kind && r.source() == s && r.target() == t)
    };
    assert!(has(RelationKind::PARTNERSHIP, "KOR", "USA"));
    for (a, b) in [
        ("KOR", "PRK"),
        ("KOR", "CHN"),
        ("USA", "PRK"),
        ("USA", "CHN"),
    ] {
        assert!(has(RelationKind::TENSION, a, b), "{a}-{b}");
    }
    assert!(has(RelationKind::FEARS, "CHN", "us-rok-partnership"));
    assert!(has(RelationKind::FEARS, "PRK", "us-rok-partnership"));
    for s in ["CHN", "JPN", "RUS", "PRK", "KOR", "USA"] {
        assert!(has(RelationKind::MEMBER_OF, s, "six-party-talks"), "{s}");
    }
    assert!(has(
        RelationKind::RESPONSIBLE_FOR,
        "PRK",
        "yeonpyeong-shelling"
    ));
    assert!(has(
        RelationKind::REFUSES_NEGOTIATION,
        "obama-administration",
        "PRK"
    ));
    assert!(has(RelationKind::DEMANDS, "lee-government", "PRK"));
    assert!(has(
        RelationKind::PURSUES,
        "obama-administration",
        "strategic-patience"
    ));
    assert!(has(RelationKind::LOCATED_IN, "camp-carroll", "KOR"));
    assert!(has(RelationKind::VISITS, "kim-sung-hwan", "USA"));
    assert!(has(
        RelationKind::HOLDS_OFFICE,
        "hillary-clinton",
        "obama-administration"
    ));
    let topics: BTreeSet<String> = g
        .relations()
        .filter(|r| r.kind() == RelationKind::COORDINATES_WITH)
        .filter_map(|r| r.about().map(|a| a.to_string()))
        .collect();
    assert_eq!(
        topics,
        [
            "AFG",
            "development-assistance",
            "nuclear-security",
            "regional-security"
        ]
        .map(String::from)
        .into()
    );
}

#[test]
fn article_only_view_leaves_out_the_background_source() {
    let g = graph();
    let article = g.only_sources(&[datasets::ARTICLE_SOURCE]).unwrap();
    assert_eq!(article.sources().count(), 1);
    assert_eq!(article.relation_count(), g.relation_count());
    assert!(article.validate().is_empty());
    for e in article.entities() {
        assert!(
            e.lifetime_evidence
                .iter()
                .all(|ev| ev.source == datasets::ARTICLE_SOURCE)
        );
    }
    // Background dates are gone, the article's own dates stay.
    assert!(
        article
            .entity("lee-government")
            .unwrap()
            .lifetime
            .is_always()
    );
    assert_eq!(
        article
            .entity("cheonan-sinking")
            .unwrap()
            .lifetime
            .to_string(),
        "2010-03"
    );
    assert!(g.only_sources(&["nowhere"]).is_err());
    // Without the terms of office the eras are undated: what is said of them is no longer
    // known on any day, only where the article's own date places it.
    let at = |id: &str, d: &str| article.relation(id).unwrap().truth_at(date(d));
    assert_eq!(at("lee-anchors-seoul", "1990"), Truth::Unknown);
    assert_eq!(at("lee-anchors-seoul", "2011"), Truth::Holds);
    assert_eq!(
        at("kim-dae-jung-tolerates-protests", "2011"),
        Truth::Unknown
    );
    assert_eq!(
        at("kim-dae-jung-tolerates-protests", "2012"),
        Truth::DoesNotHold
    );
    assert_eq!(at("kor-usa-partnership", "2011"), Truth::Holds);
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// Acceptance of the time issue: every relation is placed against the article's date by its
/// tense, so none holds, under either reading, where its evidence rules it out.
#[test]
fn every_relation_is_placed_by_its_statement_s_date_and_tense() {
    let g = graph();
    // Only terms of office, leadership and places are timeless: background facts, or facts
    // the article takes as lasting.
    let timeless_kinds = [
        RelationKind::LEADS,
        RelationKind::GOVERNS,
        RelationKind::HOLDS_OFFICE,
        RelationKind::LOCATED_IN,
        RelationKind::TARGETS,
    ];
    let article = date("2011");
    for r in g.relations() {
        let id = r.id();
        assert_eq!(r.statement_date(), Some(article), "{id}");
        let p = r
            .effective_interval()
            .unwrap_or_else(|| panic!("{id} never holds"));
        let ends_before = |d: &str| p.end().is_some_and(|e| e <= date(d));
        let starts_after = |d: &str| p.start().is_some_and(|s| s >= date(d));
        match (r.tense(), r.occurs()) {
            (Tense::Timeless, _) => assert!(timeless_kinds.contains(r.kind()), "{id} is timeless"),
            // Said of 2011: known then, and never ruled out then.
            (Tense::Present, Occurrence::State) => {
                assert_eq!(r.truth_at(article), Truth::Holds, "{id}");
            }
            // Before the article: nothing after its last day can hold.
            (Tense::Past, _) => {
                assert!(ends_before("2011-12-30"), "{id}: {p}");
                for reading in [Reading::Known, Reading::Possible] {
                    assert!(!reading.keeps(r.truth_at(date("2012"))), "{id}");
                }
            }
            (Tense::Future, _) => {
                assert!(starts_after("2011-01-02"), "{id}: {p}");
                assert_ne!(r.truth_at(date("2011")), Truth::Holds, "{id}");
                assert_eq!(r.truth_at(date("2010")), Truth::DoesNotHold, "{id}");
            }
            (Tense::Present, Occurrence::Once) => panic!("{id}: a present one-off"),
        }
    }
}

/// Relation ids, and what is known of them at dates.
type Dated = (&'static [&'static str], &'static [(&'static str, Truth)]);

/// The thirteen relations the time issue found holding where the article rules them out.
#[test]
fn the_relations_the_article_dates() {
    let g = graph();
    let truth = |id: &str, at: &str| g.relation(id).unwrap().truth_at(date(at));
    // "This harmony has actually worsened ties…", "the best they've been in decades": said of
    // 2011, the harmony of Lee's era; not of Roh's.
    // "Two incidents last year": not before the Cheonan's sinking in March 2010.
    let groups: [Dated; 2] = [
        (
            &[
                "kor-usa-partnership",
                "kor-prk-tension",
                "kor-chn-tension",
                "usa-prk-tension",
                "usa-chn-tension",
            ],
            &[
                ("2011", Truth::Holds),
                ("2010", Truth::Unknown),
                ("2005", Truth::DoesNotHold),
            ],
        ),
        (
            &[
                "lee-demands-apology",
                "lee-conditions-dialogue",
                "lee-conditions-concessions",
            ],
            &[
                ("2009", Truth::DoesNotHold),
                ("2010-02", Truth::DoesNotHold),
                ("2011", Truth::Holds),
            ],
        ),
    ];
    for (ids, expected) in groups {
        for id in ids {
            for (at, want) in expected {
                assert_eq!(truth(id, at), *want, "{id} at {at}");
            }
        }
    }
    assert_eq!(truth("lee-may-negotiate", "2010"), Truth::DoesNotHold);
    assert_eq!(truth("lee-may-negotiate", "2012"), Truth::DoesNotHold); // Kim Jong-il died
    // "The two leaders did little to block anti-American protests": their own eras only.
    assert_eq!(
        truth("kim-dae-jung-tolerates-protests", "2000"),
        Truth::Holds
    );
    assert_eq!(
        truth("kim-dae-jung-tolerates-protests", "2005"),
        Truth::DoesNotHold
    );
    assert_eq!(
        truth("roh-moo-hyun-tolerates-protests", "2005"),
        Truth::Holds
    );
    assert_eq!(
        truth("roh-moo-hyun-tolerates-protests", "2011"),
        Truth::DoesNotHold
    );
    // Terms of office as the public record has them.
    assert_eq!(truth("clinton-office", "2012"), Truth::Holds);
    assert_eq!(truth("clinton-office", "2013-03"), Truth::DoesNotHold);
    assert_eq!(truth("kim-sung-hwan-office", "2010-11"), Truth::Holds);
    assert_eq!(truth("kim-sung-hwan-office", "2010-09"), Truth::DoesNotHold);
    // "Until it clearly changes its policies": a condition, not met in the article.
    let refusal = g.relation("obama-refuses-talks").unwrap();
    assert_eq!(
        refusal.not_after().map(|a| a.as_str()),
        Some("prk-policy-change")
    );
    assert!(g.entity("prk-policy-change").unwrap().lifetime.is_always());
    // "The latest meeting": a one-off some time before the article, not a four-year state.
    let meeting = g.relation("senior-officials-meet").unwrap();
    assert_eq!(meeting.occurs(), Occurrence::Once);
    assert_eq!(meeting.truth_at(date("2010")), Truth::Unknown);
    assert!(meeting.known_interval().is_none());
    let whole = Interval::new(Some(date("2009")), Some(date("2011"))).unwrap();
    assert_eq!(meeting.truth_during(whole), Truth::Holds);
    // Newly encoded: the disagreements set aside, the Cheonan as the sinking's target, and
    // what the earlier governments pursued.
    // "Past disagreements", set aside by the two governments: the article does not date them.
    assert_eq!(truth("kor-usa-past-disagreements", "2005"), Truth::Unknown);
    assert_eq!(truth("kor-usa-past-disagreements", "2010"), Truth::Unknown);
    assert_eq!(
        truth("kor-usa-past-disagreements", "2012"),
        Truth::DoesNotHold
    );
    // "The recent visit of South Korean Foreign Minister Kim Sung-hwan": while he held office.
    assert_eq!(truth("kim-sung-hwan-visit", "2009"), Truth::DoesNotHold);
    assert_eq!(
        truth("cheonan-sinking-targets-cheonan", "2010"),
        Truth::Holds
    );
    assert_eq!(
        truth("roh-moo-hyun-seeks-better-ties", "2005"),
        Truth::Holds
    );
    assert_eq!(
        truth("roh-moo-hyun-seeks-better-ties", "2010"),
        Truth::DoesNotHold
    );
}

/// Acceptance of the time issue: the eras differ as the article says (what the `balance`
/// example prints). Known: Seoul's government saw Washington as an obstacle under Roh and
/// anchored Seoul to it under Lee. Possible: the ties with Pyongyang and Beijing that the
/// Lee-era harmony worsened are allowed in 2010 and ruled out in 2005.
#[test]
fn the_eras_differ_as_the_article_says() {
    let g = graph();
    let eras = |reading| {
        ViewOptions::new()
            .kinds(alliance_graph::EntityKinds::of(&[
                EntityKind::State,
                EntityKind::Government,
            ]))
            .filter(
                alliance_graph::RelationFilter::new()
                    .facts_only()
                    .reading(reading),
            )
    };
    let sign = |reading, year: &str, a: &str, b: &str| {
        eras(reading)
            .at(date(year))
            .view(&g)
            .edge(a, b)
            .map(|e| e.sign)
    };
    let known = Reading::Known;
    assert_eq!(
        sign(known, "2005", "roh-moo-hyun-administration", "USA"),
        Some(Polarity::Negative)
    );
    assert_eq!(
        sign(known, "2010", "lee-government", "USA"),
        Some(Polarity::Positive)
    );
    assert_eq!(
        sign(known, "2010", "roh-moo-hyun-administration", "USA"),
        None
    );
    assert_eq!(sign(known, "2005", "lee-government", "USA"), None);
    for (a, b) in [
        ("KOR", "PRK"),
        ("KOR", "CHN"),
        ("USA", "PRK"),
        ("USA", "CHN"),
    ] {
        assert_eq!(sign(Reading::Possible, "2005", a, b), None, "{a} {b}");
        assert_eq!(
            sign(Reading::Possible, "2010", a, b),
            Some(Polarity::Negative),
            "{a} {b}"
        );
        assert_eq!(
            sign(known, "2011", a, b),
            Some(Polarity::Negative),
            "{a} {b}"
        );
    }
    // At the article's date Seoul and Washington are partners: the disagreements are past.
    assert_eq!(sign(known, "2011", "KOR", "USA"), Some(Polarity::Positive));
    let ids = |rs: &[alliance_graph::RelationRef<'_>]| -> BTreeSet<String> {
        rs.iter().map(|r| r.id().to_owned()).collect()
    };
    let known_changes = g.changes_between(date("2005"), date("2010"), &eras(known));
    assert!(ids(&known_changes.ended).contains("roh-moo-hyun-sees-usa-as-obstacle"));
    assert!(ids(&known_changes.began).contains("lee-anchors-seoul"));
    // Present-tense statements of 2011 are unknown in 2010: under the known reading they
    // neither began nor ended.
    assert!(!ids(&known_changes.began).contains("kor-prk-tension"));
    let possible = g.changes_between(date("2005"), date("2010"), &eras(Reading::Possible));
    for id in ["kor-usa-partnership", "kor-prk-tension", "usa-chn-tension"] {
        assert!(ids(&possible.began).contains(id), "{id}");
    }
}
