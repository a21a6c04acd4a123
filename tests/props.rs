//! Properties that must hold for every graph: save then load is identity, the store agrees
//! with a plain `BTreeMap` model after every step, and a graph built through the API has no
//! violation.

use std::collections::BTreeMap;

use alliance_graph::{
    Date, Entity, EntityKind, EntityKinds, Evidence, Graph, Interval, Polarity, Relation,
    RelationKind, RelationKindDef, Schema, Source, Status, Value, io::json,
};
use proptest::prelude::*;

fn arb_date() -> impl Strategy<Value = Date> {
    (0u16..=9999, 0u8..=12, 0u8..=28).prop_map(|(y, m, d)| match (m, d) {
        (0, _) => Date::year(y).unwrap(),
        (m, 0) => Date::year_month(y, m).unwrap(),
        (m, d) => Date::ymd(y, m, d).unwrap(),
    })
}

fn arb_interval() -> impl Strategy<Value = Interval> {
    intervals(arb_date)
}

/// Intervals between dates drawn from the strategies `dates` makes, either end open.
pub(crate) fn intervals<S: Strategy<Value = Date>>(
    dates: impl Fn() -> S,
) -> impl Strategy<Value = Interval> {
    (proptest::option::of(dates()), proptest::option::of(dates())).prop_map(|(a, b)| {
        Interval::new(a, b)
            .or_else(|_| Interval::new(b, a))
            .unwrap()
    })
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}",
        "\\PC{1,16}",
        Just("they said \"no\" </data> ]]> -- \\ \t\n한국".to_owned()),
    ]
    .prop_filter("not blank", |s| s.chars().any(|c| !blank(c)))
}

/// A character that shows nothing where the graph wants visible text (`src/text.rs`): white
/// space, or one of the blank letters and default ignorables that `\PC` can produce (it
/// never produces controls, format characters or unassigned code points).
fn blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c as u32,
            0x034F
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x2800
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFFA0
                | 0xE0000..=0xE0FFF
        )
}

fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        (prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO)
            .prop_map(Value::Float),
        arb_text().prop_map(Value::Text),
    ]
}

fn arb_attrs() -> impl Strategy<Value = BTreeMap<String, Value>> {
    prop::collection::btree_map("\\PC{0,8}", arb_value(), 0..3)
}

fn unit() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(0.0f64..=1.0)
}

#[derive(Debug, Clone)]
struct RelSpec {
    kind: usize,
    source: usize,
    target: usize,
    polarity: Option<usize>,
    intensity: Option<f64>,
    confidence: Option<f64>,
    valid: Interval,
    status: usize,
    asserted_by: Option<usize>,
    about: Option<usize>,
    evidence: Vec<(String, Option<u32>)>,
    attributes: BTreeMap<String, Value>,
    /// Tense, occurrence, the three time anchors and a date for the first evidence.
    time: (usize, bool, [Option<usize>; 3], Option<Date>),
}

prop_compose! {
    fn arb_rel()(
        kind in any::<usize>(),
        source in any::<usize>(),
        target in any::<usize>(),
        polarity in proptest::option::of(0usize..3),
        intensity in unit(),
        confidence in unit(),
        valid in arb_interval(),
        status in 0usize..5,
        asserted_by in proptest::option::of(any::<usize>()),
        about in proptest::option::of(any::<usize>()),
        evidence in prop::collection::vec((arb_text(), proptest::option::of(1u32..50)), 0..3),
        attributes in arb_attrs(),
        time in (
            0usize..4,
            any::<bool>(),
            [
                proptest::option::of(any::<usize>()),
                proptest::option::of(any::<usize>()),
                proptest::option::of(any::<usize>()),
            ],
            proptest::option::of(arb_date()),
        ),
    ) -> RelSpec {
        RelSpec {
            kind, source, target, polarity, intensity, confidence, valid, status, asserted_by,
            about, evidence, attributes, time,
        }
    }
}

type EntSpec = (
    usize,
    String,
    String,
    Vec<String>,
    Interval,
    BTreeMap<String, Value>,
);

fn arb_graph() -> impl Strategy<Value = Graph> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(
            (
                0usize..8,
                "[A-Za-z0-9_.:가-힣-]{0,10}",
                arb_text(),
                prop::collection::vec(arb_text(), 0..2),
                arb_interval(),
                arb_attrs(),
            ),
            1..8,
        ),
        prop::collection::vec(arb_rel(), 0..16),
    )
        .prop_map(|(builtins, custom, entities, relations)| {
            build(builtins, custom, entities, relations)
        })
}

fn build(builtins: bool, custom: bool, entities: Vec<EntSpec>, relations: Vec<RelSpec>) -> Graph {
    let mut schema = if builtins {
        Schema::builtin()
    } else {
        Schema::empty()
    };
    if custom || !builtins {
        let states = EntityKinds::of(&[EntityKind::State, EntityKind::Government]);
        schema
            .declare(
                RelationKindDef::new("RIVALRY", Polarity::Negative)
                    .symmetric()
                    .endpoints(states, states)
                    .endpoints(EntityKinds::ANY, EntityKinds::of(&[EntityKind::Topic]))
                    .describe("a rivalry")
                    .event_codes(Some("11 Disapprove"), None),
            )
            .unwrap();
        schema
            .declare(RelationKindDef::new("LINK", Polarity::Neutral))
            .unwrap();
    }
    let mut g = Graph::with_schema(schema);
    g.add_source(Source::new("src", "A source").publisher("P"))
        .unwrap();
    g.add_source(Source::new("src-2", "Another").date(Date::year(2011).unwrap()))
        .unwrap();
    let mut ids = Vec::new();
    for (i, (kind, suffix, name, aliases, lifetime, attributes)) in entities.into_iter().enumerate()
    {
        let id = format!("{i}{suffix}");
        let mut e = Entity::new(id.as_str(), EntityKind::ALL[kind], name).lifetime(lifetime);
        e.aliases = aliases;
        e.attributes = attributes;
        if i % 2 == 0 {
            e.lifetime_evidence
                .push(Evidence::new("src-2", "a dated quote").paragraph(i as u32 + 1));
        }
        g.add_entity(e).unwrap();
        ids.push(id);
    }
    let kinds: Vec<RelationKind> = g.schema().kinds().map(|d| d.name.clone()).collect();
    for (j, r) in relations.into_iter().enumerate() {
        let kind = kinds[r.kind % kinds.len()].clone();
        let (s, t) = (&ids[r.source % ids.len()], &ids[r.target % ids.len()]);
        let def = g.schema().get(kind.as_str()).unwrap();
        if !def.allows(g.entity(s).unwrap().kind, g.entity(t).unwrap().kind) {
            continue;
        }
        let mut rel = Relation::new(format!("r{j}"), kind, s.as_str(), t.as_str()).valid(r.valid);
        rel.polarity = r
            .polarity
            .map(|p| [Polarity::Positive, Polarity::Negative, Polarity::Neutral][p]);
        rel.intensity = r.intensity;
        rel.confidence = r.confidence;
        rel.status = Status::ALL[r.status];
        if rel.status != Status::Fact {
            rel.asserted_by = r.asserted_by.map(|a| ids[a % ids.len()].as_str().into());
        }
        rel.about = r.about.map(|a| ids[a % ids.len()].as_str().into());
        rel.evidence = r
            .evidence
            .into_iter()
            .map(|(quote, paragraph)| Evidence {
                paragraph,
                ..Evidence::new("src", quote)
            })
            .collect();
        rel.attributes = r.attributes;
        let (tense, once, anchors, date) = r.time;
        rel.tense = alliance_graph::Tense::ALL[tense];
        if once {
            rel = rel.once();
        }
        let anchor = |a: Option<usize>| a.map(|a| ids[a % ids.len()].as_str().into());
        rel.not_before = anchor(anchors[0]);
        rel.not_after = anchor(anchors[1]);
        rel.throughout = anchor(anchors[2]);
        if let Some(first) = rel.evidence.first_mut() {
            first.date = date;
        }
        let expected = rel.clone();
        g.add_relation(rel).unwrap();
        // The store splits a relation into facts, record and extras: it reads back whole.
        assert_eq!(
            g.relation(&format!("r{j}")).unwrap().to_relation(),
            expected
        );
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_then_load_is_identity(g in arb_graph()) {
        let text = json::to_string(&g);
        let back = json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &g);
        prop_assert_eq!(json::to_string(&back), text);
        prop_assert!(json::check(&json::to_string(&g)).is_empty());
    }

    #[test]
    fn api_built_graphs_have_no_violation(g in arb_graph()) {
        prop_assert!(g.validate().is_empty(), "{:?}", g.validate());
    }
}

// ----- model-based test of inserts, updates and removals -----

#[derive(Debug, Clone)]
enum Op {
    AddEntity(usize, usize),
    UpdateEntity(usize, usize),
    RemoveEntity(usize),
    AddRelation(usize, usize, usize, usize, Option<usize>),
    UpdateRelation(usize, usize, usize, usize),
    RemoveRelation(usize),
}

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..4, 0usize..8).prop_map(|(i, k)| Op::AddEntity(i, k)),
        1 => (0usize..4, 0usize..8).prop_map(|(i, k)| Op::UpdateEntity(i, k)),
        1 => (0usize..4).prop_map(Op::RemoveEntity),
        4 => (0usize..8, 0usize..7, 0usize..4, 0usize..4, proptest::option::of(0usize..4))
            .prop_map(|(i, k, s, t, a)| Op::AddRelation(i, k, s, t, a)),
        1 => (0usize..8, 0usize..7, 0usize..4, 0usize..4)
            .prop_map(|(i, k, s, t)| Op::UpdateRelation(i, k, s, t)),
        1 => (0usize..8).prop_map(Op::RemoveRelation),
    ]
}

const KINDS: [RelationKind; 7] = [
    RelationKind::ALLIANCE,
    RelationKind::TENSION,
    RelationKind::LEADS,
    RelationKind::MEMBER_OF,
    RelationKind::PROVOKES,
    RelationKind::TARGETS,
    RelationKind::GOVERNS,
];

/// The reference model: plain maps, with a sequence number for insertion order.
#[derive(Default)]
struct Model {
    seq: u64,
    entities: BTreeMap<String, (u64, EntityKind)>,
    relations: BTreeMap<String, (u64, RelationKind, String, String, Option<String>)>,
}

impl Model {
    fn allows(&self, kind: &RelationKind, s: &str, t: &str) -> bool {
        let schema = Schema::builtin();
        match (self.entities.get(s), self.entities.get(t)) {
            (Some(a), Some(b)) => schema.get(kind.as_str()).unwrap().allows(a.1, b.1),
            _ => false,
        }
    }

    fn entity_order(&self) -> Vec<String> {
        let mut v: Vec<_> = self
            .entities
            .iter()
            .map(|(id, (seq, _))| (*seq, id.clone()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, id)| id).collect()
    }

    fn relation_rows(&self) -> Vec<(String, String, String, String, Option<String>)> {
        let mut v: Vec<_> = self
            .relations
            .iter()
            .map(|(id, (seq, k, s, t, a))| {
                (
                    *seq,
                    (id.clone(), k.to_string(), s.clone(), t.clone(), a.clone()),
                )
            })
            .collect();
        v.sort_by_key(|(seq, _)| *seq);
        v.into_iter().map(|(_, row)| row).collect()
    }

    /// Applies `op`; returns whether the model accepts it.
    fn apply(&mut self, op: &Op) -> bool {
        let eid = |i: usize| format!("e{i}");
        match op {
            Op::AddEntity(i, k) => {
                if self.entities.contains_key(&eid(*i)) {
                    return false;
                }
                self.seq += 1;
                self.entities
                    .insert(eid(*i), (self.seq, EntityKind::ALL[*k]));
                true
            }
            Op::UpdateEntity(i, k) => {
                let id = eid(*i);
                let Some(&(seq, old)) = self.entities.get(&id) else {
                    return false;
                };
                self.entities.insert(id.clone(), (seq, EntityKind::ALL[*k]));
                let ok = self
                    .relations
                    .values()
                    .filter(|r| r.2 == id || r.3 == id)
                    .all(|r| self.allows(&r.1, &r.2, &r.3));
                if !ok {
                    self.entities.insert(id, (seq, old));
                }
                ok
            }
            Op::RemoveEntity(i) => {
                let id = eid(*i);
                if self.entities.remove(&id).is_none() {
                    return false;
                }
                self.relations
                    .retain(|_, r| r.2 != id && r.3 != id && r.4.as_ref() != Some(&id));
                true
            }
            Op::AddRelation(i, k, s, t, a) => {
                let (id, s, t) = (format!("r{i}"), eid(*s), eid(*t));
                let about = a.map(eid);
                if self.relations.contains_key(&id)
                    || !self.allows(&KINDS[*k], &s, &t)
                    || about
                        .as_ref()
                        .is_some_and(|a| !self.entities.contains_key(a))
                {
                    return false;
                }
                self.seq += 1;
                self.relations
                    .insert(id, (self.seq, KINDS[*k].clone(), s, t, about));
                true
            }
            Op::UpdateRelation(i, k, s, t) => {
                let (id, s, t) = (format!("r{i}"), eid(*s), eid(*t));
                let Some(seq) = self.relations.get(&id).map(|r| r.0) else {
                    return false;
                };
                if !self.allows(&KINDS[*k], &s, &t) {
                    return false;
                }
                self.relations
                    .insert(id, (seq, KINDS[*k].clone(), s, t, None));
                true
            }
            Op::RemoveRelation(i) => self.relations.remove(&format!("r{i}")).is_some(),
        }
    }
}

fn apply(g: &mut Graph, op: &Op) -> bool {
    let eid = |i: usize| format!("e{i}");
    match op {
        Op::AddEntity(i, k) => g
            .add_entity(Entity::new(eid(*i), EntityKind::ALL[*k], "name"))
            .is_ok(),
        Op::UpdateEntity(i, k) => g
            .update_entity(Entity::new(eid(*i), EntityKind::ALL[*k], "renamed"))
            .is_ok(),
        Op::RemoveEntity(i) => g.remove_entity(&eid(*i)).is_ok(),
        Op::AddRelation(i, k, s, t, a) => {
            let mut r = Relation::new(format!("r{i}"), KINDS[*k].clone(), eid(*s), eid(*t));
            r.about = a.map(|a| eid(a).into());
            g.add_relation(r).is_ok()
        }
        Op::UpdateRelation(i, k, s, t) => g
            .update_relation(Relation::new(
                format!("r{i}"),
                KINDS[*k].clone(),
                eid(*s),
                eid(*t),
            ))
            .is_ok(),
        Op::RemoveRelation(i) => g.remove_relation(&format!("r{i}")).is_ok(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn store_agrees_with_a_btreemap_model(ops in prop::collection::vec(arb_op(), 1..60)) {
        let mut g = Graph::new();
        let mut model = Model::default();
        for op in &ops {
            let expected = model.apply(op);
            prop_assert_eq!(apply(&mut g, op), expected, "{:?}", op);
            let ids: Vec<String> = g.entities().map(|e| e.id.to_string()).collect();
            prop_assert_eq!(ids, model.entity_order());
            for e in g.entities() {
                prop_assert_eq!(e.kind, model.entities[e.id.as_str()].1);
            }
            let rows: Vec<_> = g
                .relations()
                .map(|r| (r.id().to_string(), r.kind().to_string(), r.source().to_string(), r.target().to_string(), r.about().map(|a| a.to_string())))
                .collect();
            prop_assert_eq!(rows, model.relation_rows());
            prop_assert_eq!(g.entity_count(), model.entities.len());
            prop_assert_eq!(g.relation_count(), model.relations.len());
            prop_assert!(g.validate().is_empty());
            adjacency_agrees_with_the_records(&g)?;
        }
    }
}

/// The store's adjacency (what every query and search walks) against the records: for every
/// entity and direction, the relations a query finds are exactly those a scan of the records
/// finds, in relation order, and a time filter reads the same validity as the records.
fn adjacency_agrees_with_the_records(g: &Graph) -> Result<(), TestCaseError> {
    use alliance_graph::{Direction, RelationFilter};
    for e in g.entities() {
        let id = e.id.as_str();
        for direction in [Direction::Outgoing, Direction::Incoming, Direction::Both] {
            let filter = RelationFilter::new().direction(direction);
            let found: Vec<&str> = g
                .relations_of(id, &filter)
                .unwrap()
                .iter()
                .map(|r| r.id())
                .collect();
            let expected: Vec<&str> = g
                .relations()
                .filter(|r| {
                    // From the schema, not the store's facts that the query reads.
                    let symmetric = g.schema().get(r.kind().as_str()).unwrap().symmetric;
                    let out = r.source() == id && (direction != Direction::Incoming || symmetric);
                    let inn = r.target() == id && (direction != Direction::Outgoing || symmetric);
                    out || inn
                })
                .map(|r| r.id())
                .collect();
            prop_assert_eq!(found, expected, "{} {:?}", id, direction);
        }
        let negative = RelationFilter::new().polarity(alliance_graph::Polarity::Negative);
        let found = g.relations_of(id, &negative).unwrap().len();
        let expected = g
            .relations()
            .filter(|r| r.source() == id || r.target() == id)
            .filter(|r| {
                let def = g.schema().get(r.kind().as_str()).unwrap();
                r.to_relation().polarity.unwrap_or(def.polarity)
                    == alliance_graph::Polarity::Negative
            })
            .count();
        prop_assert_eq!(found, expected, "negative relations of {}", id);
    }
    Ok(())
}

// ----- other formats, and inputs that are not what they should be -----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn save_then_load_csv_is_identity(g in arb_graph()) {
        use alliance_graph::io::neo4j;
        let (mut n, mut r, mut s) = (Vec::new(), Vec::new(), Vec::new());
        neo4j::write(&g, &mut n, &mut r, &mut s).unwrap();
        let options = neo4j::ImportOptions::new().schema(g.schema().clone());
        let back = neo4j::read(&n[..], &r[..], Some(&mut &s[..]), &options).unwrap();
        prop_assert_eq!(back, g);
    }

    #[test]
    fn save_then_load_graphml_is_identity(g in arb_graph()) {
        use alliance_graph::io::graphml;
        // The generators draw no character XML 1.0 cannot hold, so writing succeeds.
        let text = graphml::to_string(&g).unwrap();
        let back = graphml::from_str(&text).unwrap();
        prop_assert_eq!(json::to_string(&back), json::to_string(&g));
        prop_assert_eq!(&back, &g);
        prop_assert_eq!(graphml::to_string(&back).unwrap(), text);
    }

    #[test]
    fn writers_never_panic(g in arb_graph()) {
        use alliance_graph::io::{cypher, dot, graphml};
        let text = dot::to_string(&g, &dot::DotOptions::new());
        prop_assert!(text.ends_with("}\n"), "dot output is closed");
        // GraphML either writes or names the element XML cannot hold.
        if let Err(e) = graphml::to_string(&g) {
            prop_assert!(e.location().is_some());
        }
        let script = cypher::neo4j_script(&g);
        prop_assert_eq!(script.lines().count(), 1 + g.sources().count() + g.entity_count() + g.relation_count());
    }

    #[test]
    fn arbitrary_text_never_panics_the_readers(text in "\\PC{0,200}", bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        use alliance_graph::io::neo4j;
        let _ = json::from_str(&text);
        let _ = json::check(&text);
        let _ = json::from_reader(&bytes[..]);
        let options = neo4j::ImportOptions::new();
        let _ = neo4j::read(text.as_bytes(), &bytes[..], Some(&mut &bytes[..]), &options);
        let _ = neo4j::read(&b"id:ID,name,:LABEL\nA,a,State\n"[..], text.as_bytes(), None, &options);
        let _ = alliance_graph::io::graphml::from_str(&text);
        let _ = alliance_graph::io::graphml::from_reader(&bytes[..]);
    }

    #[test]
    fn damaged_graphml_never_panics(cut in 0usize..60_000, insert in prop_oneof![
        "\\PC{0,8}".boxed(),
        Just("<".to_owned()).boxed(),
        Just("</data>".to_owned()).boxed(),
        Just("<data key=\"x\">".to_owned()).boxed(),
        Just("&#0;".to_owned()).boxed(),
        Just("\"".to_owned()).boxed(),
    ]) {
        // Cut the bundled dataset's GraphML somewhere and splice in some text: an error that
        // says where, or a graph that passes validation; never a panic.
        use alliance_graph::io::graphml;
        let text = graphml::to_string(&alliance_graph::datasets::us_korea_2011()).unwrap();
        let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
        let damaged = format!("{}{}{}", &text[..at], insert, &text[at..]);
        match graphml::from_str(&damaged) {
            Ok(g) => prop_assert!(g.validate().is_empty()),
            Err(e) => {
                let location = e.location();
                prop_assert!(location.is_some_and(|l| l.line.is_some()), "{}", e);
            }
        }
    }

    #[test]
    fn damaged_dataset_never_panics(cut in 0usize..40_000, insert in "\\PC{0,8}") {
        // Cut the bundled file somewhere and splice in some text: errors, never panics.
        let text = alliance_graph::datasets::US_KOREA_2011_JSON;
        let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
        let damaged = format!("{}{}{}", &text[..at], insert, &text[at..]);
        match json::from_str(&damaged) {
            Ok(g) => prop_assert!(g.validate().is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        let _ = json::check(&damaged);
    }
}
