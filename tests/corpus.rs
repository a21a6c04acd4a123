//! The adversarial corpus round-trips through JSON, CSV and GraphML unchanged, and every writer either
//! escapes it or refuses it with an error that says where.

#[path = "support/corpus.rs"]
mod adversarial;

use alliance_graph::{
    ErrorKind,
    io::{cypher, dot, graphml, json, neo4j},
};

#[test]
fn round_trips_through_json() {
    for with_nul in [false, true] {
        let g = adversarial::graph(with_nul);
        let text = json::to_string(&g);
        let back = json::from_str(&text).unwrap();
        assert_eq!(back, g);
        assert_eq!(json::to_string(&back), text);
    }
}

#[test]
fn round_trips_through_csv() {
    for with_nul in [false, true] {
        let g = adversarial::graph(with_nul);
        let (mut n, mut r, mut s) = (Vec::new(), Vec::new(), Vec::new());
        neo4j::write(&g, &mut n, &mut r, &mut s).unwrap();
        let back = neo4j::read(
            &n[..],
            &r[..],
            Some(&mut &s[..]),
            &neo4j::ImportOptions::new(),
        )
        .unwrap();
        assert_eq!(back, g);
        // And through files.
        let dir = std::env::temp_dir().join(format!(
            "alliance-graph-corpus-{}-{with_nul}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        neo4j::write_dir(&g, &dir).unwrap();
        assert_eq!(
            neo4j::read_dir(&dir, &neo4j::ImportOptions::new()).unwrap(),
            g
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn round_trips_through_graphml() {
    let g = adversarial::graph(false);
    let text = graphml::to_string(&g).unwrap();
    let back = graphml::from_str(&text).unwrap();
    assert_eq!(back, g);
    assert_eq!(json::to_string(&back), json::to_string(&g));
    // The same bytes again: reading loses nothing the writer wrote.
    assert_eq!(graphml::to_string(&back).unwrap(), text);
}

#[test]
fn graphml_refuses_what_xml_cannot_hold() {
    assert!(graphml::to_string(&adversarial::graph(false)).is_ok());
    let err = graphml::to_string(&adversarial::graph(true)).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }));
    assert!(
        err.to_string().contains("in entity `nul` (field `name`)"),
        "{err}"
    );
}

#[test]
fn dot_and_cypher_escape_every_string() {
    let g = adversarial::graph(true);
    let text = dot::to_string(&g, &dot::DotOptions::new());
    // Every quoted DOT string closes: no line has an odd number of unescaped quotes.
    for line in text.lines() {
        let mut quotes = 0;
        let mut escaped = false;
        for c in line.chars() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => quotes += 1,
                _ => {}
            }
        }
        assert_eq!(quotes % 2, 0, "{line}");
        assert!(!line.contains('\u{0}'));
    }
    let script = cypher::neo4j_script(&g);
    assert_eq!(
        script.lines().count(),
        1 + g.sources().count() + g.entity_count() + g.relation_count()
    );
    assert!(script.contains(r"x\');DROP_TABLE_Entity;--"));
    assert!(!script.contains('\u{0}'));
}

/// Reads nodes and relationships from bytes with the default options.
fn read_csv(nodes: &[u8], rels: &[u8]) -> alliance_graph::Result<alliance_graph::Graph> {
    neo4j::read(nodes, rels, None, &neo4j::ImportOptions::new())
}

#[test]
fn malformed_csv_names_line_and_column() {
    let nodes = "id:ID,name,:LABEL\nA,Alpha,State\nB,Beta\n";
    let err = neo4j::read(
        nodes.as_bytes(),
        &b":START_ID,:END_ID,:TYPE\n"[..],
        None,
        &neo4j::ImportOptions::new(),
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Csv { .. }), "{err}");
    assert_eq!(err.location().unwrap().line, Some(3));

    let nodes = "id:ID,name,:LABEL\nA,Alpha,State\nB,Beta,Nation\n";
    let err = neo4j::read(
        nodes.as_bytes(),
        &b":START_ID,:END_ID,:TYPE\n"[..],
        None,
        &neo4j::ImportOptions::new(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown entity kind `Nation` in entity `B` (line 3, column 3, index 1, field `:LABEL`)"
    );

    let nodes = "id:ID,name,:LABEL\nA,Alpha,State\nB,Beta,State\n";
    let rels = ":START_ID,:END_ID,:TYPE,weight:float\nA,B,ALLIANCE,0.5\nA,C,ALLIANCE,0.5\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown entity `C` in relation `r2` (line 3, column 2, index 1, field `target`); did you mean `A`?"
    );
    // Re-locating the insertion error at the row keeps the graph's suggestion.
    assert_eq!(err.suggestion(), Some("A"));

    let rels = ":START_ID,:END_ID,:TYPE\nA,B,FRIENDS\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnknownRelationKind { name } if name == "FRIENDS"),
        "{err}"
    );
    assert_eq!(err.location().unwrap().column, Some(3));

    let rels = ":START_ID,:END_ID,:TYPE,weight:float\nA,B,ALLIANCE,heavy\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value `heavy`, expected a number in relation `r1` (line 2, column 4, index 0, field `weight`)"
    );

    // A typed column the reader does not know is named with its position when it is bad.
    let rels = ":START_ID,:END_ID,:TYPE,score:int\nA,B,ALLIANCE,abc\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value `abc`, expected an integer in relation `r1` (line 2, column 4, index 0, field `score`)"
    );

    // A header that names a column twice: the last one counts.
    let rels = ":START_ID,:END_ID,:TYPE,weight,weight:float\nA,B,ALLIANCE,0.25,0.75\n";
    let g = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap();
    assert_eq!(g.relation("r1").unwrap().intensity(), Some(0.75));

    let rels = ":START_ID,:TYPE\nA,ALLIANCE\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .contains("the header has no `:END_ID` column"),
        "{err}"
    );

    let err = neo4j::read(
        &b"id:ID,name,:LABEL\nA,\xff,State\n"[..],
        &b":START_ID,:END_ID,:TYPE\n"[..],
        None,
        &neo4j::ImportOptions::new(),
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Csv { .. }), "{err}");
}

#[test]
fn neo4j_id_spaces_are_understood() {
    let nodes = "countryId:ID(Country),name,:LABEL\nA,Alpha,State\nB,Beta,State\n";
    let rels = ":START_ID(Country),:END_ID(Country),:TYPE\nA,B,ALLIANCE\n";
    let g = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap();
    assert_eq!(g.relation("r1").unwrap().target(), "B");
}

#[test]
fn type_mapping_hook() {
    let nodes = "id:ID,name,:LABEL\nA,Alpha,State\nB,Beta,State\n";
    let rels = ":START_ID,:END_ID,:TYPE\nA,B,ALLY_OF\n";
    let options = neo4j::ImportOptions::new()
        .map_type(|t| (t == "ALLY_OF").then_some(alliance_graph::RelationKind::ALLIANCE));
    let g = neo4j::read(nodes.as_bytes(), rels.as_bytes(), None, &options).unwrap();
    assert_eq!(
        g.relation("r1").unwrap().kind(),
        alliance_graph::RelationKind::ALLIANCE
    );
    let rels = ":START_ID,:END_ID,:TYPE\nA,B,ENEMY_OF\n";
    assert!(neo4j::read(nodes.as_bytes(), rels.as_bytes(), None, &options).is_err());
}

#[test]
fn workload_columns_and_extra_columns() {
    let nodes = "id:ID,name,:LABEL,population:long,landlocked:boolean\nQ1,One,State,5,true\nQ2,Two,Government;Extra,,false\n";
    let rels = ":START_ID,:END_ID,:TYPE,sign:int,weight:float,since:int,until:int,note\nQ1,Q2,TENSION,-1,0.250,1951,1966,hello\nQ2,Q1,ALLIANCE,-1,1.000,2000,2000,\n";
    let g = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap();
    let q1 = g.entity("Q1").unwrap();
    assert_eq!(q1.attributes["population"], alliance_graph::Value::Int(5));
    assert_eq!(
        q1.attributes["landlocked"],
        alliance_graph::Value::Bool(true)
    );
    assert_eq!(
        g.entity("Q2").unwrap().kind,
        alliance_graph::EntityKind::Government
    );
    let r1 = g.relation("r1").unwrap();
    assert_eq!(
        r1.stated_polarity(),
        None,
        "a sign equal to the kind's default is no override"
    );
    assert_eq!(r1.intensity(), Some(0.25));
    assert_eq!(r1.valid().to_string(), "1951..1966");
    assert_eq!(
        r1.attributes()["note"],
        alliance_graph::Value::Text("hello".into())
    );
    let r2 = g.relation("r2").unwrap();
    assert_eq!(
        r2.stated_polarity(),
        Some(alliance_graph::Polarity::Negative)
    );
}
