//! One case per kind of bad GraphML: each returns its specific error, located at its element,
//! field, line and column, never a panic.

use alliance_graph::{ErrorKind, io::graphml};

/// A small valid file to break in one place per case (line numbers below refer to it).
const BASE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n.name" for="node" attr.name="name" attr.type="string"/>
  <key id="n.kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="n.from" for="node" attr.name="lifetime_from" attr.type="string"/>
  <key id="n.count" for="node" attr.name="attr.count" attr.type="long"/>
  <key id="e.kind" for="edge" attr.name="kind" attr.type="string"/>
  <key id="e.evidence" for="edge" attr.name="evidence" attr.type="string"/>
  <key id="g.sources" for="graph" attr.name="sources" attr.type="string"/>
  <graph edgedefault="directed">
    <data key="g.sources">[{"id":"s1","title":"An article"}]</data>
    <node id="USA">
      <data key="n.name">United States</data>
      <data key="n.kind">state</data>
      <data key="n.from">1776</data>
      <data key="n.count">1</data>
    </node>
    <node id="KOR">
      <data key="n.name">South Korea</data>
      <data key="n.kind">state</data>
    </node>
    <edge id="r1" source="KOR" target="USA">
      <data key="e.kind">ALLIANCE</data>
      <data key="e.evidence">[{"source":"s1","quote":"the best in decades"}]</data>
    </edge>
  </graph>
</graphml>
"#;

/// The base file with `from` (which must occur once) replaced by `to`.
fn with(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from:?} must occur once");
    BASE.replace(from, to)
}

/// Reads `xml`, expects an error that `matches` and whose message is `message`; reading the
/// same bytes through `from_reader` gives the same error.
fn check(xml: &str, matches: impl Fn(&ErrorKind) -> bool, message: &str) {
    let err = graphml::from_str(xml).expect_err("bad input must be rejected");
    assert!(
        matches(err.kind()),
        "unexpected kind {:?} ({err})",
        err.kind()
    );
    assert_eq!(err.to_string(), message);
    assert_eq!(graphml::from_reader(xml.as_bytes()).unwrap_err(), err);
}

fn graphml_error(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Graphml { .. })
}

#[test]
fn base_file_is_valid() {
    let g = graphml::from_str(BASE).unwrap();
    assert_eq!((g.entity_count(), g.relation_count()), (2, 1));
    assert_eq!(
        g.relation("r1").unwrap().evidence()[0].quote,
        "the best in decades"
    );
}

#[test]
fn malformed_xml_names_line_and_column() {
    check(
        &with(
            "    </node>\n    <node id=\"KOR\">",
            "    </nod>\n    <node id=\"KOR\">",
        ),
        graphml_error,
        "invalid graphml: not well-formed XML: ill-formed document: expected `</node>`, but `</nod>` was found in entity `USA` (line 17, column 5, index 0)",
    );
    check(
        &BASE[..BASE.find("    <edge").unwrap()],
        graphml_error,
        "invalid graphml: the document ends inside `<graph>` in document (line 22, column 1)",
    );
    check(
        &with("<node id=\"KOR\">", "<node id=\"KOR\" id=\"X\">"),
        graphml_error,
        "invalid graphml: not well-formed XML: position 14: duplicated attribute, previous declaration at position 5 in document (line 18, column 5)",
    );
    check(
        "",
        graphml_error,
        "invalid graphml: no `<graphml>` element in document (line 1, column 1)",
    );
    check(
        "<graph/>",
        graphml_error,
        "invalid graphml: `<graph>` where `<graphml>` belongs in document (line 1, column 1)",
    );
    check(
        "<graphml></graphml>",
        graphml_error,
        "invalid graphml: no `<graph>` element in document (line 1, column 20)",
    );
    check(
        &with("</graphml>\n", "</graphml>\n<graphml/>"),
        graphml_error,
        "invalid graphml: `<graphml>` after `</graphml>` in document (line 28, column 1)",
    );
}

#[test]
fn characters_and_references_xml_cannot_hold() {
    check(
        &with("United States", "United\u{1}States"),
        graphml_error,
        "invalid graphml: character U+0001, which XML 1.0 cannot hold in entity `USA` (line 13, column 32, index 0)",
    );
    check(
        &with("United States", "United&#1;States"),
        graphml_error,
        "invalid graphml: character U+0001, which XML 1.0 cannot hold in entity `USA` (line 13, column 32, index 0)",
    );
    check(
        &with("United States", "United&nbsp;States"),
        graphml_error,
        "invalid graphml: unknown entity `&nbsp;` (without a DTD only XML's five are defined) in entity `USA` (line 13, column 32, index 0)",
    );
    check(
        &with("<node id=\"KOR\">", "<node id=\"KOR&#xFFFE;\">"),
        graphml_error,
        "invalid graphml: character U+FFFE, which XML 1.0 cannot hold in document (line 18, column 5)",
    );
    check(
        &with("    <node id=\"KOR\">", "    text\n    <node id=\"KOR\">"),
        graphml_error,
        "invalid graphml: text `text` outside `<data>` in document (line 17, column 12)",
    );
}

#[test]
fn data_naming_an_undeclared_key() {
    check(
        &with("<data key=\"n.count\">", "<data key=\"n.size\">"),
        graphml_error,
        "invalid graphml: `<data>` names the undeclared key `n.size` in entity `USA` (line 16, column 7, index 0)",
    );
    check(
        &with("<data key=\"e.kind\">", "<data key=\"n.kind\">"),
        graphml_error,
        "invalid graphml: `<data>` of key `n.kind` (declared for node) inside `<edge>` in relation `r1` (line 23, column 7, index 0)",
    );
    check(
        &with(
            "<data key=\"n.count\">1</data>",
            "<data key=\"n.count\">1</data><data key=\"n.count\">2</data>",
        ),
        graphml_error,
        "invalid graphml: a second value for `attr.count` in entity `USA` (line 16, column 35, index 0)",
    );
    check(
        &with(
            "  <key id=\"e.kind\"",
            "  <key id=\"n.kind\" attr.name=\"x\"/>\n  <key id=\"e.kind\"",
        ),
        graphml_error,
        "invalid graphml: the key id `n.kind` is declared twice in document (line 7, column 3)",
    );
    check(
        &with("attr.type=\"long\"", "attr.type=\"list\""),
        graphml_error,
        "invalid graphml: key attr.type `list`; expected boolean, int, long, float, double or string in document (line 6, column 3)",
    );
}

#[test]
fn edge_naming_a_missing_node() {
    check(
        &with("target=\"USA\"", "target=\"RUS\""),
        |k| matches!(k, ErrorKind::UnknownEntity { id } if id == "RUS"),
        "unknown entity `RUS` in relation `r1` (line 22, column 5, index 0, field `target`)",
    );
    // A close id is suggested, as the API does.
    let err = graphml::from_str(&with("target=\"USA\"", "target=\"USB\"")).unwrap_err();
    assert_eq!(err.suggestion(), Some("USA"));
}

#[test]
fn bad_date() {
    check(
        &with(">1776<", ">1776-13<"),
        |k| matches!(k, ErrorKind::InvalidDate { text, .. } if text == "1776-13"),
        "invalid date `1776-13`: months run from 01 to 12 in entity `USA` (line 15, column 7, index 0, field `lifetime_from`)",
    );
}

#[test]
fn typed_value_that_does_not_parse() {
    check(
        &with(
            "<data key=\"n.count\">1</data>",
            "<data key=\"n.count\">x</data>",
        ),
        |k| matches!(k, ErrorKind::InvalidValue { value, .. } if value == "x"),
        "invalid value `x`, expected an integer in entity `USA` (line 16, column 7, index 0, field `attributes.count`)",
    );
}

#[test]
fn duplicate_ids() {
    check(
        &with("<node id=\"KOR\">", "<node id=\"USA\">"),
        |k| matches!(k, ErrorKind::DuplicateId { id } if id == "USA"),
        "duplicate entity id `USA` (line 18, column 5, index 1)",
    );
    check(
        &with(
            "    </edge>\n",
            "    </edge>\n    <edge id=\"r1\" source=\"USA\" target=\"KOR\"><data key=\"e.kind\">ALLIANCE</data></edge>\n",
        ),
        |k| matches!(k, ErrorKind::DuplicateId { id } if id == "r1"),
        "duplicate relation id `r1` (line 26, column 5, index 1)",
    );
}

#[test]
fn missing_required_fields_and_attributes() {
    check(
        &with(
            "      <data key=\"n.kind\">state</data>\n    </node>\n    <edge",
            "    </node>\n    <edge",
        ),
        graphml_error,
        "invalid graphml: no value for `kind` in entity `KOR` (line 18, column 5, index 1, field `kind`)",
    );
    check(
        &with(
            "<data key=\"n.name\">South Korea</data>",
            "<data key=\"n.name\"></data>",
        ),
        graphml_error,
        "invalid graphml: no value for `name` in entity `KOR` (line 19, column 7, index 1, field `name`)",
    );
    check(
        &with("<node id=\"KOR\">", "<node>"),
        graphml_error,
        "invalid graphml: `<node>` without `id` in document (line 18, column 5)",
    );
    check(
        &with(" target=\"USA\"", ""),
        graphml_error,
        "invalid graphml: `<edge>` without `target` in document (line 22, column 5)",
    );
    check(
        &with("<data key=\"e.kind\">ALLIANCE</data>", ""),
        graphml_error,
        "invalid graphml: no value for `kind` in relation `r1` (line 22, column 5, index 0, field `kind`)",
    );
}

#[test]
fn unknown_kinds() {
    check(
        &with(
            ">state</data>\n    </node>\n    <edge",
            ">nation</data>\n    </node>\n    <edge",
        ),
        |k| matches!(k, ErrorKind::UnknownEntityKind { name } if name == "nation"),
        "unknown entity kind `nation` in entity `KOR` (line 20, column 7, index 1, field `kind`)",
    );
    check(
        &with(">ALLIANCE<", ">ALLIANSE<"),
        |k| matches!(k, ErrorKind::UnknownRelationKind { name } if name == "ALLIANSE"),
        "unknown relation kind `ALLIANSE` in relation `r1` (line 23, column 7, index 0, field `kind`); did you mean `ALLIANCE`?",
    );
}

#[test]
fn bad_json_fields_and_tables() {
    check(
        &with(
            "\"quote\":\"the best in decades\"}",
            "\"quote\":\"the best in decades\"",
        ),
        |k| matches!(k, ErrorKind::Json { .. }),
        "invalid json at line 1, column 46: expected `,` or `}` at line 1 column 46 in relation `r1` (line 24, column 7, index 0, field `evidence`)",
    );
    check(
        &with("\"source\":\"s1\"", "\"source\":\"s2\""),
        |k| matches!(k, ErrorKind::UnknownSource { id } if id == "s2"),
        "unknown source `s2` in relation `r1` (line 24, column 7, index 0, field `evidence[0].source`); did you mean `s1`?",
    );
    check(
        &with("\"title\":\"An article\"", "\"title\":\"\""),
        |k| matches!(k, ErrorKind::InvalidValue { .. }),
        "invalid value ``, expected non-empty, visible text in source `s1` (line 11, column 5, index 0, field `title`)",
    );
    check(
        &with("[{\"id\":\"s1\",", "[{\"id\":\"s1\",\"tilte\":\"x\","),
        |k| matches!(k, ErrorKind::Json { .. }),
        "invalid json at line 1, column 19: unknown field `tilte`, expected one of `id`, `title`, `publisher`, `date`, `url` at line 1 column 19 in document (line 11, column 5, field `sources`)",
    );
    let schema = with(
        "    <data key=\"g.sources\">",
        "    <data key=\"g.schema\">{\"relation_kinds\":[{\"name\":\"rivalry\",\"polarity\":\"negative\"}]}</data>\n    <data key=\"g.sources\">",
    );
    let schema = schema.replace(
        "  <key id=\"g.sources\"",
        "  <key id=\"g.schema\" for=\"graph\" attr.name=\"schema\"/>\n  <key id=\"g.sources\"",
    );
    check(
        &schema,
        |k| matches!(k, ErrorKind::InvalidKindName { name } if name == "rivalry"),
        "invalid relation kind name `rivalry`: use A-Z, 0-9 and _, starting with a letter, at most 64 characters in relation kind `rivalry` (line 12, column 5, index 0, field `name`)",
    );
}

#[test]
fn graphml_this_crate_does_not_read() {
    check(
        &with(
            "    </node>\n    <node id=\"KOR\">",
            "      <graph edgedefault=\"directed\"/>\n    </node>\n    <node id=\"KOR\">",
        ),
        graphml_error,
        "invalid graphml: a nested `<graph>`: this crate reads flat graphs in entity `USA` (line 17, column 7, index 0)",
    );
    check(
        &with("  </graph>", "    <hyperedge/>\n  </graph>"),
        graphml_error,
        "invalid graphml: a `<hyperedge>`: relations join two entities in document (line 26, column 5)",
    );
    check(
        &with("  </graph>", "  </graph>\n  <graph/>"),
        graphml_error,
        "invalid graphml: a second `<graph>`: this crate reads one graph in document (line 27, column 3)",
    );
    check(
        &with("edgedefault=\"directed\"", "edgedefault=\"sideways\""),
        graphml_error,
        "invalid graphml: edgedefault `sideways`; expected directed or undirected in document (line 10, column 3)",
    );
    check(
        &with(
            "<data key=\"n.count\">1</data>",
            "<data key=\"n.count\"><b>1</b></data>",
        ),
        graphml_error,
        "invalid graphml: `<b>` inside the `<data>` of key `n.count`, which holds text in entity `USA` (line 16, column 27, index 0)",
    );
}

#[test]
fn non_utf8_input_is_an_io_error() {
    let err = graphml::from_reader(&b"<graphml>\xff</graphml>"[..]).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
}
