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
        "invalid value `heavy`, expected a decimal number in relation `r1` (line 2, column 4, index 0, field `weight`)"
    );

    // A typed column the reader does not know is named with its position when it is bad.
    let rels = ":START_ID,:END_ID,:TYPE,score:int\nA,B,ALLIANCE,abc\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value `abc`, expected an integer in relation `r1` (line 2, column 4, index 0, field `score`)"
    );

    // A header that names a column twice is refused (issue 12, item 8).
    let rels = ":START_ID,:END_ID,:TYPE,weight,weight:float\nA,B,ALLIANCE,0.25,0.75\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("repeats the column `weight`"),
        "{err}"
    );

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

#[test]
fn issue12_7_unclosed_quotes_and_cut_files_are_errors_naming_the_line() {
    let rels = ":START_ID,:END_ID,:TYPE\n";
    // An unclosed quote swallowed the rest of the file into one cell.
    let nodes = "id:ID,:LABEL,name\nA,State,Alpha\nB,State,\"never closed\nC,State,Gamma\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Csv { .. }), "{err}");
    assert!(
        err.to_string().contains("quoted cell opened on line 3"),
        "{err}"
    );
    assert_eq!(err.location().unwrap().line, Some(3));
    // A prefix cut inside a quoted cell or right after a comma is an error; one cut after a
    // line break loads exactly what the whole file says, or is an error. (A cut inside an
    // unquoted cell of the last line cannot be told from a last line without a line break,
    // which CSV allows.)
    let nodes = "id:ID,name,:LABEL,attributes\nA,\"Alpha, the first\",State,\"{\"\"n\"\":1}\"\nB,Beta,State,\nC,\"Gamma\nthe third\",State,\n";
    let rels = ":START_ID,:END_ID,:TYPE,id\nA,B,ALLIANCE,r1\nB,C,\"TENSION\",r2\n";
    let whole = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap();
    for (file, text) in [("nodes", nodes), ("relationships", rels)] {
        for cut in 1..text.len() {
            let prefix = &text[..cut];
            let (n, r) = if file == "nodes" {
                (prefix, ":START_ID,:END_ID,:TYPE\n")
            } else {
                (nodes, prefix)
            };
            let loaded = read_csv(n.as_bytes(), r.as_bytes());
            let open_quote = prefix.matches('"').count() % 2 == 1;
            if open_quote || prefix.ends_with(',') {
                let err = loaded.expect_err(prefix);
                assert!(err.location().and_then(|l| l.line).is_some(), "{err}");
                continue;
            }
            let Ok(g) = loaded else {
                continue;
            };
            if !prefix.ends_with('\n') {
                continue;
            }
            // What loaded is exactly what the whole file says about those elements.
            for e in g.entities() {
                assert_eq!(
                    Some(e),
                    whole.entity(e.id.as_str()),
                    "{file} cut at {cut}: {prefix:?}"
                );
            }
            for rel in g.relations() {
                assert_eq!(
                    whole.relation(rel.id()).map(|w| w.to_relation()),
                    Some(rel.to_relation()),
                    "{file} cut at {cut}: {prefix:?}"
                );
            }
        }
    }
}

#[test]
fn issue12_8_repeated_header_columns_are_refused() {
    let rels = ":START_ID,:END_ID,:TYPE\n";
    for (nodes, column) in [
        ("id:ID,id:ID,:LABEL\nA,B,State\n", 2),
        ("id:ID,name,name,:LABEL\nA,x,y,State\n", 3),
        ("id:ID,name,:LABEL,extra,extra:int\nA,x,State,1,2\n", 5),
    ] {
        let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
        assert!(
            err.to_string().contains("the header repeats the column"),
            "{err}"
        );
        assert_eq!(err.location().unwrap().column, Some(column), "{err}");
    }
    let nodes = "id:ID,name,:LABEL\nA,x,State\nB,y,State\n";
    let rels = ":START_ID,:END_ID,:TYPE,:START_ID\nA,B,ALLIANCE,B\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("repeats the column `:START_ID`"),
        "{err}"
    );
}

#[test]
fn issue12_9_type_errors_name_line_and_column_and_a_swallowed_row_is_explained() {
    let rels = ":START_ID,:END_ID,:TYPE\n";
    for (nodes, value) in [
        (
            "id:ID,name,:LABEL,x:long\nA,Alpha,State,1\nB,Beta,State,x\n",
            "x",
        ),
        ("id:ID,name,:LABEL,x:float\nA,Alpha,State,NaN\n", "NaN"),
        ("id:ID,name,:LABEL,x:double\nA,Alpha,State,inf\n", "inf"),
    ] {
        let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
        let location = err.location().unwrap();
        assert_eq!(location.column, Some(4), "{err}");
        assert!(location.line.is_some(), "{err}");
        assert!(err.to_string().contains(&format!("`{value}`")), "{err}");
    }
    // A quote left open mid-file swallows rows until the next quote; the relationship that
    // names a swallowed entity says where it went.
    let nodes = "id:ID,name,:LABEL\nA,\"Alpha,State\nB,Beta,State\nC,\"Gamma\",State\n";
    let rels = ":START_ID,:END_ID,:TYPE\nA,B,ALLIANCE\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .contains("inside a quoted cell of entity `A`"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_before_a_quoted_first_cell_is_skipped_as_csv_skips_it() {
    let rels = "\u{FEFF}:START_ID,:END_ID,:TYPE\n";
    // The first cell is quoted and ends in a comma. csv skips the mark and reads `note,`;
    // the watch, reading the mark as text, took the quote after the comma for one opening
    // a cell that never closes.
    let nodes = "\u{FEFF}\"note,\",id:ID,:LABEL,name\nx,A,State,Alpha\n";
    let g = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap();
    assert_eq!(g.entity("A").unwrap().name, "Alpha");
    // An unclosed quote after the mark is still an error.
    let nodes = "\u{FEFF}id:ID,:LABEL,name\nA,State,\"Alpha\n";
    let err = read_csv(nodes.as_bytes(), rels.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("quoted cell opened on line 2"),
        "{err}"
    );
}
