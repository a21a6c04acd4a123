//! One case per kind of bad input: each returns its specific error, located, never a panic.

use alliance_graph::{Element, ErrorKind, io::json};
use serde_json::{Value, json};

/// A small valid document to break in one place per case.
fn base() -> Value {
    json!({
        "format": "alliance-graph",
        "version": 1,
        "sources": [{"id": "s1", "title": "An article"}],
        "entities": [
            {"id": "USA", "kind": "state", "name": "United States"},
            {"id": "KOR", "kind": "state", "name": "South Korea"},
            {"id": "lee", "kind": "person", "name": "Lee Myung-bak"}
        ],
        "relations": [
            {"id": "r1", "kind": "ALLIANCE", "source": "KOR", "target": "USA",
             "evidence": [{"source": "s1", "quote": "the best in decades", "paragraph": 1}]}
        ]
    })
}

/// Loads `doc`, expects an error that `matches` and whose message contains `message`, and
/// checks that `json::check` reports the same error first.
fn check(doc: &str, matches: impl Fn(&ErrorKind) -> bool, message: &str) {
    let err = json::from_str(doc).expect_err("bad input must be rejected");
    assert!(matches(err.kind()), "unexpected kind {:?}", err.kind());
    assert!(
        err.to_string().contains(message),
        "message {:?} lacks {:?}",
        err.to_string(),
        message
    );
    let all = json::check(doc);
    assert_eq!(all.first(), Some(&err));
}

fn with(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = base();
    edit(&mut doc);
    doc.to_string()
}

#[test]
fn base_document_is_valid() {
    assert!(json::check(&base().to_string()).is_empty());
    json::from_str(&base().to_string()).unwrap();
}

#[test]
fn malformed_json_names_line_and_column() {
    let doc = "{\n  \"format\": \"alliance-graph\",\n  \"version\": 1,\n  \"entities\": [}\n}";
    check(
        doc,
        |k| matches!(k, ErrorKind::Json { line: 4, column, .. } if *column > 0),
        "invalid json at line 4",
    );
    check("", |k| matches!(k, ErrorKind::Json { .. }), "line 1");
    check(
        "[1, 2]",
        |k| matches!(k, ErrorKind::Json { .. }),
        "invalid json",
    );
}

#[test]
fn wrong_format_name() {
    check(
        &with(|d| d["format"] = json!("graphml")),
        |k| matches!(k, ErrorKind::UnsupportedFormat { found } if found == "graphml"),
        "unsupported format `graphml`, expected `alliance-graph` in document (field `format`)",
    );
}

#[test]
fn wrong_version() {
    for v in [0, 3] {
        check(
            &with(|d| d["version"] = json!(v)),
            |k| matches!(k, ErrorKind::UnsupportedVersion { found, supported: 2 } if *found == v),
            &format!("unsupported version {v}, this crate reads versions 1 to 2"),
        );
    }
}

#[test]
fn version_one_documents_cannot_use_version_two_fields() {
    check(
        &with(|d| d["relations"][0]["tense"] = json!("present")),
        |k| matches!(k, ErrorKind::InvalidValue { value, .. } if value.contains("`tense` in a version 1")),
        "field `tense`",
    );
    check(
        &with(|d| d["relations"][0]["evidence"][0]["date"] = json!("2011")),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "version 2",
    );
    // The same fields in a version 2 document load, and a bad value is named.
    let v2 = with(|d| {
        d["version"] = json!(2);
        d["relations"][0]["tense"] = json!("present");
    });
    assert!(json::from_str(&v2).is_ok());
    check(
        &with(|d| {
            d["version"] = json!(2);
            d["relations"][0]["tense"] = json!("soon");
        }),
        |k| matches!(k, ErrorKind::InvalidValue { value, .. } if value == "soon"),
        "field `tense`",
    );
    check(
        &with(|d| {
            d["version"] = json!(2);
            d["relations"][0]["evidence"][0]["date"] = json!("2011-02-30");
        }),
        |k| matches!(k, ErrorKind::InvalidDate { .. }),
        "evidence[0].date",
    );
}

#[test]
fn version_one_documents_load_as_timeless_and_save_as_version_two() {
    let v1 = with(|_| {});
    let g = json::from_str(&v1).unwrap();
    let r = g.relation("r1").unwrap();
    assert_eq!(r.tense(), alliance_graph::Tense::Timeless);
    assert!(r.holds_at("1990".parse().unwrap())); // undated and timeless: always
    let saved = json::to_string(&g);
    assert!(saved.contains("\"version\": 2"));
    assert_eq!(json::from_str(&saved).unwrap(), g);
}

#[test]
fn duplicate_id() {
    check(
        &with(|d| d["entities"][2]["id"] = json!("USA")),
        |k| matches!(k, ErrorKind::DuplicateId { id } if id == "USA"),
        "duplicate entity id `USA` (index 2)",
    );
    check(
        &with(|d| {
            let r = d["relations"][0].clone();
            d["relations"].as_array_mut().unwrap().push(r);
        }),
        |k| matches!(k, ErrorKind::DuplicateId { id } if id == "r1"),
        "duplicate relation id `r1` (index 1)",
    );
}

#[test]
fn dangling_endpoint() {
    check(
        &with(|d| d["relations"][0]["target"] = json!("RUS")),
        |k| matches!(k, ErrorKind::UnknownEntity { id } if id == "RUS"),
        "unknown entity `RUS` in relation `r1` (index 0, field `target`)",
    );
    check(
        &with(|d| d["relations"][0]["about"] = json!("nothing")),
        |k| matches!(k, ErrorKind::UnknownEntity { .. }),
        "(index 0, field `about`)",
    );
}

#[test]
fn schema_violation() {
    check(
        &with(|d| {
            d["relations"][0]["kind"] = json!("LEADS");
        }),
        |k| matches!(k, ErrorKind::EndpointsNotAllowed { kind, .. } if kind == "LEADS"),
        "relation kind `LEADS` does not allow a state as source and a state as target in relation `r1`",
    );
}

#[test]
fn bad_date() {
    check(
        &with(|d| d["entities"][0]["lifetime"] = json!({"from": "2010-02-30"})),
        |k| matches!(k, ErrorKind::InvalidDate { text, .. } if text == "2010-02-30"),
        "invalid date `2010-02-30`: no such day in that month in entity `USA` (index 0, field `lifetime.from`)",
    );
    check(
        &with(|d| d["sources"][0]["date"] = json!("2011-13")),
        |k| matches!(k, ErrorKind::InvalidDate { .. }),
        "months run from 01 to 12 in source `s1` (index 0, field `date`)",
    );
    check(
        &with(|d| d["relations"][0]["valid"] = json!({"until": "March 2010"})),
        |k| matches!(k, ErrorKind::InvalidDate { .. }),
        "field `valid.until`",
    );
}

#[test]
fn inverted_interval() {
    check(
        &with(|d| d["relations"][0]["valid"] = json!({"from": "2011", "until": "2010-12"})),
        |k| matches!(k, ErrorKind::InvertedInterval { from, until } if from == "2011" && until == "2010-12"),
        "interval starts at 2011 after it ends at 2010-12 in relation `r1` (index 0, field `valid`)",
    );
}

#[test]
fn unknown_kind() {
    check(
        &with(|d| d["relations"][0]["kind"] = json!("FRIENDSHIP")),
        |k| matches!(k, ErrorKind::UnknownRelationKind { name } if name == "FRIENDSHIP"),
        "unknown relation kind `FRIENDSHIP` in relation `r1` (index 0, field `kind`)",
    );
    check(
        &with(|d| d["entities"][1]["kind"] = json!("nation")),
        |k| matches!(k, ErrorKind::UnknownEntityKind { name } if name == "nation"),
        "unknown entity kind `nation` in entity `KOR` (index 1, field `kind`)",
    );
}

#[test]
fn empty_quote() {
    check(
        &with(|d| d["relations"][0]["evidence"][0]["quote"] = json!(" \n ")),
        |k| matches!(k, ErrorKind::EmptyQuote),
        "empty quote in relation `r1` (index 0, field `evidence[0].quote`)",
    );
}

#[test]
fn evidence_naming_an_unknown_source() {
    check(
        &with(|d| d["relations"][0]["evidence"][0]["source"] = json!("blog")),
        |k| matches!(k, ErrorKind::UnknownSource { id } if id == "blog"),
        "unknown source `blog` in relation `r1` (index 0, field `evidence[0].source`)",
    );
}

#[test]
fn fields_of_the_wrong_shape_or_unknown() {
    check(
        &with(|d| d["relations"][0]["colour"] = json!("red")),
        |k| matches!(k, ErrorKind::Json { .. }),
        "unknown field `colour`",
    );
    check(
        &with(|d| d["version"] = json!("1")),
        |k| matches!(k, ErrorKind::Json { .. }),
        "invalid type",
    );
    check(
        &with(|d| {
            d["relations"][0].as_object_mut().unwrap().remove("source");
        }),
        |k| matches!(k, ErrorKind::Json { .. }),
        "missing field `source`",
    );
}

#[test]
fn duplicate_attribute_keys_are_not_silently_merged() {
    let doc = base().to_string().replace(
        r#""name":"Lee Myung-bak""#,
        r#""name":"Lee Myung-bak","attributes":{"a":1,"a":2}"#,
    );
    check(
        &doc,
        |k| matches!(k, ErrorKind::Json { .. }),
        "duplicate attribute `a`",
    );
}

#[test]
fn values_out_of_their_domain() {
    check(
        &with(|d| d["relations"][0]["intensity"] = json!(1.5)),
        |k| matches!(k, ErrorKind::InvalidValue { value, .. } if value == "1.5"),
        "field `intensity`",
    );
    check(
        &with(|d| d["relations"][0]["polarity"] = json!("hostile")),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "expected `positive`, `negative` or `neutral`",
    );
    check(
        &with(|d| d["relations"][0]["status"] = json!("rumour")),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "field `status`",
    );
    check(
        &with(|d| d["entities"][0]["attributes"] = json!({"nested": [1, 2]})),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "field `attributes.nested`",
    );
    check(
        &with(|d| d["entities"][0]["attributes"] = json!({"big": u64::MAX})),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "field `attributes.big`",
    );
    check(
        &with(|d| d["entities"][0]["name"] = json!("")),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "field `name`",
    );
}

#[test]
fn a_fact_has_no_asserter() {
    check(
        &with(|d| d["relations"][0]["asserted_by"] = json!("lee")),
        |k| matches!(k, ErrorKind::AssertedFact { asserted_by } if asserted_by == "lee"),
        "field `asserted_by`",
    );
    // The same relation as a claim is fine.
    json::from_str(&with(|d| {
        d["relations"][0]["asserted_by"] = json!("lee");
        d["relations"][0]["status"] = json!("claim");
    }))
    .unwrap();
}

#[test]
fn huge_and_adversarial_strings() {
    let huge = "X".repeat(100_000);
    let doc = with(|d| d["entities"][0]["id"] = json!(huge));
    let err = json::from_str(&doc).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidId { id, .. } if id.len() == 100_000));
    assert!(err.to_string().len() < 300, "message is cut short");
    assert_eq!(err.location().unwrap().element, Element::Entity);
    check(
        &with(|d| d["entities"][0]["id"] = json!("U S\nA")),
        |k| matches!(k, ErrorKind::InvalidId { .. }),
        "invalid id `U S\\nA`",
    );
    // Long quotes and names with every awkward character are data, not errors.
    let awkward = "they said \"no\" </data> ]]> -- \\ \u{0} 한국 ".repeat(1000);
    let g = json::from_str(&with(|d| {
        d["entities"][0]["name"] = json!(awkward);
        d["relations"][0]["evidence"][0]["quote"] = json!(awkward);
    }))
    .unwrap();
    assert_eq!(g.entity("USA").unwrap().name, awkward);
    // Deep nesting is an error, not a stack overflow: where a shape is expected it fails at
    // once, and an unknown field's value is skipped by the parser's loop.
    for deep in [
        format!(
            r#"{{"format":"alliance-graph","version":1,"entities":{}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        format!(
            r#"{{"format":"alliance-graph","version":1,"x":{}{}}}"#,
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        ),
    ] {
        check(
            &deep,
            |k| matches!(k, ErrorKind::Json { .. }),
            "invalid json",
        );
    }
    // An attribute is kept as its text until judged: a deep one is simply not a scalar.
    let deep = format!(
        r#"{{"format":"alliance-graph","version":1,"entities":[{{"id":"a","kind":"state","name":"a","attributes":{{"x":{}{}}}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    check(
        &deep,
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "expected a boolean, a string",
    );
}

#[test]
fn issue12_10_non_utf8_input_and_a_bom_are_named_where_they_are() {
    let err = json::from_reader(&[0xff, 0xfe, b'{'][..]).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::Json {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("not UTF-8 (byte 0xff"), "{err}");
    // Further in: line and column (in characters) of the bad byte.
    let mut doc = with(|d| d["entities"][0]["name"] = json!("Ün"))
        .replace(",", ",\n")
        .into_bytes();
    let at = doc.windows(3).position(|w| w == "Ün".as_bytes()).unwrap() + 2;
    doc[at] = 0xC3; // a lead byte where `n` was: not UTF-8
    let text = String::from_utf8_lossy(&doc[..at]).to_string();
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap().chars().count() + 1;
    let err = json::from_reader(&doc[..]).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Json { line: l, column: c, .. } if *l == line && *c == column),
        "{err} (expected line {line}, column {column})"
    );
    // A byte-order mark is ignored, as RFC 8259 allows: the document loads.
    let with_bom = format!("\u{FEFF}{}", with(|_| {}));
    assert_eq!(json::from_str(&with_bom).unwrap().entity_count(), 3);
    assert_eq!(
        json::from_reader(with_bom.as_bytes())
            .unwrap()
            .entity_count(),
        3
    );
}

#[test]
fn bad_schema_declarations() {
    check(
        &with(|d| {
            d["schema"] = json!({"relation_kinds": [{"name": "ALLIANCE", "polarity": "positive"}]})
        }),
        |k| matches!(k, ErrorKind::DuplicateKind { name } if name == "ALLIANCE"),
        "in relation kind `ALLIANCE` (index 0, field `name`)",
    );
    check(
        &with(|d| {
            d["schema"] = json!({"relation_kinds": [{"name": "rivalry", "polarity": "negative"}]})
        }),
        |k| matches!(k, ErrorKind::InvalidKindName { .. }),
        "invalid relation kind name `rivalry`",
    );
    check(
        &with(|d| {
            d["schema"] = json!({"relation_kinds": [
                {"name": "RIVALRY", "polarity": "negative", "endpoints": [{"from": ["nation"], "to": ["*"]}]}
            ]})
        }),
        |k| matches!(k, ErrorKind::UnknownEntityKind { .. }),
        "field `endpoints[0].from`",
    );
}

#[test]
fn check_lists_every_violation_at_once() {
    let doc = with(|d| {
        d["entities"][0]["lifetime"] = json!({"from": "2010-02-30"});
        d["entities"][1]["kind"] = json!("nation");
        d["relations"][0]["evidence"][0]["quote"] = json!("");
        d["relations"][0]["intensity"] = json!(-1);
        d["relations"][0]["about"] = json!("nowhere");
    });
    let messages: Vec<String> = json::check(&doc).iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "invalid date `2010-02-30`: no such day in that month in entity `USA` (index 0, field `lifetime.from`)",
            "unknown entity kind `nation` in entity `KOR` (index 1, field `kind`)",
            // Not again for naming the two invalid entities, but for everything else.
            "unknown entity `nowhere` in relation `r1` (index 0, field `about`)",
            "invalid value `-1`, expected a number from 0 to 1 in relation `r1` (index 0, field `intensity`)",
            "empty quote in relation `r1` (index 0, field `evidence[0].quote`)",
        ]
    );
}

/// Issue 11, defect 8: the strict validation finds an unquoted relation, a quote its source's
/// text does not hold, and a relation that can hold on no day.
#[test]
fn strict_validation_finds_what_the_promises_rule_out() {
    use alliance_graph::{
        Entity, EntityKind, Evidence, Graph, Interval, Relation, RelationKind, Source,
    };
    let mut g = Graph::new();
    g.add_source(Source::new("s", "a source")).unwrap();
    g.add_entity(Entity::new("A", EntityKind::State, "A"))
        .unwrap();
    g.add_entity(
        Entity::new("B", EntityKind::State, "B").lifetime(Interval::since("2010".parse().unwrap())),
    )
    .unwrap();
    g.add_relation(Relation::new("bare", RelationKind::ALLIANCE, "A", "B"))
        .unwrap();
    g.add_relation(
        Relation::new("misquoted", RelationKind::TENSION, "A", "B")
            .evidence(Evidence::new("s", "words the text lacks")),
    )
    .unwrap();
    g.add_relation(
        Relation::new("too-early", RelationKind::TENSION, "A", "B")
            .valid(Interval::until("2005".parse().unwrap()))
            .evidence(Evidence::new("s", "the text")),
    )
    .unwrap();
    let problems = g.validate_strict(&[("s", "only the text")]);
    let found: Vec<(String, String)> = problems
        .iter()
        .map(|e| {
            let at = e.location().and_then(|l| l.id.clone()).unwrap_or_default();
            (
                at,
                format!("{:?}", e.kind())
                    .split([' ', '{'])
                    .next()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("bare".to_owned(), "Unquoted".to_owned()),
            ("misquoted".to_owned(), "QuoteNotInSource".to_owned()),
            ("too-early".to_owned(), "NeverHolds".to_owned()),
        ]
    );
    assert!(
        g.validate().is_empty(),
        "the plain validation accepts all three"
    );
    assert!(problems[1].to_string().contains("words the text lacks"));
}

/// No raw control, bidi or line-breaking character in a message, and nothing long.
fn assert_clean(message: &str) {
    assert!(
        !message.chars().any(|c| c.is_control()
            || matches!(
                c,
                '\u{202E}' | '\u{2066}' | '\u{200B}' | '\u{FEFF}' | '\u{2028}'
            )),
        "raw character in {message:?}"
    );
    assert!(message.len() < 1200, "{} bytes", message.len());
}

#[test]
fn issue12_4_every_part_of_a_message_is_escaped_and_cut() {
    use alliance_graph::{Entity, EntityKind, Graph, io::graphml};
    // A field name from the document (an unknown field): ESC, a newline, 1 MiB.
    for name in ["\u{1b}[1mred\n", &"k".repeat(1 << 20), "a\u{2028}b\u{202E}"] {
        let doc = with(|d| {
            d["entities"][0][name] = json!(1);
        });
        let err = json::from_str(&doc).unwrap_err();
        assert_clean(&err.to_string());
    }
    // A culprit id with a bidi override, and one of 1 MiB.
    for id in ["evil\u{202E}gnp", &"x".repeat(1 << 20)] {
        let doc = with(|d| d["relations"][0]["source"] = json!(id));
        let err = json::from_str(&doc).unwrap_err();
        assert_clean(&err.to_string());
        assert!(err.to_string().contains("unknown entity"), "{err}");
    }
    // A field named by an attribute's name, in a writer's error.
    let mut g = Graph::new();
    g.add_entity(
        Entity::new("A", EntityKind::State, "A").attribute("\u{1b}[1m\n".repeat(1000), "nul\u{0}"),
    )
    .unwrap();
    let err = graphml::to_string(&g).unwrap_err();
    assert_clean(&err.to_string());
    assert!(err.to_string().contains("\\u{1b}"), "{err}");
    // The value kept whole in the kind.
    assert!(
        matches!(err.location(), Some(l) if l.field.as_deref().is_some_and(|f| f.len() > 3000))
    );
}

#[test]
fn issue12_11_ids_and_texts_must_show_something() {
    use alliance_graph::{Entity, EntityKind, Graph};
    // Names and quotes of invisible characters only are empty.
    for blank in ["\u{200B}", "\u{FEFF}", "\u{200B}\u{FEFF} \u{3164}"] {
        let doc = with(|d| d["entities"][0]["name"] = json!(blank));
        check(
            &doc,
            |k| matches!(k, ErrorKind::InvalidValue { .. }),
            "non-empty, visible text",
        );
        let doc = with(|d| d["relations"][0]["evidence"][0]["quote"] = json!(blank));
        check(&doc, |k| matches!(k, ErrorKind::EmptyQuote), "empty quote");
    }
    // Ids hold no bidi control, zero-width character, byte-order mark or noncharacter.
    for id in [
        "US\u{202E}A",
        "\u{FEFF}USA",
        "U\u{200B}SA",
        "USA\u{FFFE}",
        "\u{3164}",
    ] {
        let mut g = Graph::new();
        let err = g
            .add_entity(Entity::new(id, EntityKind::State, "x"))
            .unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidId { .. }),
            "{id:?}: {err}"
        );
        assert_clean(&err.to_string());
    }
    // Visible text with such characters inside is kept as it is.
    let mut g = Graph::new();
    g.add_entity(Entity::new(
        "USA",
        EntityKind::State,
        "United\u{200B}States\u{FEFF}",
    ))
    .unwrap();
    assert_eq!(
        g.entity("USA").unwrap().name,
        "United\u{200B}States\u{FEFF}"
    );
}

#[test]
fn issue12_5_attribute_numbers_are_held_exactly_or_refused() {
    use alliance_graph::Value;
    let load = |number: &str| {
        let doc = with(|d| d["entities"][0]["attributes"] = json!({"n": 0}))
            .replace(r#"{"n":0}"#, &format!(r#"{{"n":{number}}}"#));
        json::from_str(&doc).map(|g| g.entity("USA").unwrap().attributes["n"].clone())
    };
    for big in [
        "18446744073709551617",
        "-9223372036854775809",
        "9223372036854775808",
    ] {
        let err = load(big).unwrap_err();
        assert!(err.to_string().contains("64-bit integer"), "{big}: {err}");
        assert!(err.to_string().contains("field `attributes.n`"), "{err}");
    }
    assert!(
        load("1e-400")
            .unwrap_err()
            .to_string()
            .contains("underflows")
    );
    assert!(load("1e400").unwrap_err().to_string().contains("overflows"));
    assert_eq!(load("-0").unwrap(), Value::Int(0));
    assert_eq!(load("9223372036854775807").unwrap(), Value::Int(i64::MAX));
    assert_eq!(load("0.1").unwrap(), Value::Float(0.1));
    assert!(matches!(load("-0.0").unwrap(), Value::Float(f) if f == 0.0 && f.is_sign_negative()));
    // The same rule in the CSV attributes column, which holds the same JSON.
    use alliance_graph::{Entity, EntityKind, Graph, io::neo4j};
    let mut g = Graph::new();
    g.add_entity(Entity::new("A", EntityKind::State, "A").attribute("n", 1i64))
        .unwrap();
    let dir = std::env::temp_dir().join(format!("issue12-5-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    neo4j::write_dir(&g, &dir).unwrap();
    let nodes = dir.join("nodes.csv");
    let text = std::fs::read_to_string(&nodes).unwrap();
    assert!(text.contains(r#"{""n"":1}"#), "{text}");
    std::fs::write(
        &nodes,
        text.replace(r#"{""n"":1}"#, r#"{""n"":18446744073709551617}"#),
    )
    .unwrap();
    let err = neo4j::read_dir(&dir, &neo4j::ImportOptions::new()).unwrap_err();
    assert!(err.to_string().contains("64-bit integer"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn issue12_6_a_document_and_each_element_are_json_objects() {
    for doc in [
        r#"["alliance-graph", 1]"#.to_owned(),
        r#"["alliance-graph", 2, {}, [], [], []]"#.to_owned(),
        with(|d| d["entities"][0] = json!(["USA", "state", "United States"])),
        with(|d| d["relations"][0]["evidence"][0] = json!(["s1", "the best in decades"])),
        with(|d| d["entities"][0]["lifetime"] = json!(["2000", "2010"])),
    ] {
        let err = json::from_str(&doc).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Json { .. }), "{err}");
        assert!(err.to_string().contains("a JSON object"), "{err}");
    }
    // Lists stay lists.
    assert_eq!(json::from_str(&with(|_| {})).unwrap().entity_count(), 3);
}
