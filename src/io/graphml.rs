//! GraphML, for networkx, Gephi, yEd and friends.
//!
//! Every entity and relation property is a typed `<key>`: node keys `name`, `kind`,
//! `aliases` (a JSON list), `lifetime_from`, `lifetime_until` (dates as text),
//! `lifetime_evidence` (JSON); edge keys `kind`, `polarity` (effective), `sign` (int),
//! `stated_polarity` (the polarity the relation states, when it overrides its kind's),
//! `intensity`, `confidence` (double), `valid_from`, `valid_until`, `tense`, `occurs`,
//! `not_before`, `not_after`, `throughout`, `status`, `asserted_by`,
//! `about`, `evidence` (JSON), `quote` (the first quote, for tools that show one string); and
//! one key per free attribute name and type, `attr.<name>`, typed `boolean`, `long`, `double`
//! or `string` (a name holding values of several types has a key for each, as networkx
//! writes them). Graph keys `schema` and `sources` hold the declared relation kinds and the
//! source table as the JSON format's `schema` object and `sources` list, when they are not the
//! defaults. Absent values have no `<data>`. Node ids are entity ids and edge ids relation
//! ids; the graph is directed and may hold parallel edges.
//!
//! Text is escaped by quick-xml; a carriage return is written as `&#13;` so that XML parsers do
//! not turn it into a newline, and in attribute values (ids, key names) tab, line feed and
//! carriage return are written as references, which survive the parsers' normalisation of
//! attribute values to spaces. XML 1.0 cannot hold most control characters at all: a value,
//! attribute name or id with one is an error naming the element and field, not a silent change.

use std::collections::BTreeMap;
use std::io::Write;

use quick_xml::escape::escape;

use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::graph::Graph;
use crate::io::json::{evidence_fragment, schema_fragment, sources_fragment, strings_fragment};
use crate::model::{Attributes, Value};

/// The GraphML type of a free attribute value.
fn value_type(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "boolean",
        Value::Int(_) => "long",
        Value::Float(_) => "double",
        Value::Text(_) => "string",
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        // Shortest text that reads back as the same f64.
        Value::Float(f) => f.to_string(),
        Value::Text(t) => t.clone(),
    }
}

/// The keys of free attributes across all elements of one kind: one per name and type used,
/// in that order, with ids `<prefix>.a0`, `<prefix>.a1`, … (the name is in `attr.name`).
type AttributeKeys<'g> = BTreeMap<(&'g str, &'static str), String>;

fn attribute_keys<'g>(
    prefix: &str,
    all: impl Iterator<Item = &'g Attributes>,
) -> AttributeKeys<'g> {
    let mut keys: AttributeKeys<'g> = BTreeMap::new();
    for attrs in all {
        for (name, v) in attrs {
            keys.entry((name.as_str(), value_type(v))).or_default();
        }
    }
    for (i, id) in keys.values_mut().enumerate() {
        *id = format!("{prefix}.a{i}");
    }
    keys
}

/// Whether XML 1.0 can hold the character.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn unrepresentable(
    text: &str,
    expected: &'static str,
    location: impl FnOnce() -> Location,
) -> Error {
    Error::at(
        ErrorKind::InvalidValue {
            value: text.to_owned(),
            expected,
        },
        location(),
    )
}

/// Checks that XML 1.0 can hold `text`: a value, an attribute name or an id. `location` names
/// the element and field of the culprit.
fn representable(text: &str, location: impl FnOnce() -> Location) -> Result<()> {
    match text.chars().find(|&c| !xml_char(c)) {
        None => Ok(()),
        Some(bad) => Err(unrepresentable(
            text,
            if bad.is_control() {
                "text without control characters, which XML 1.0 cannot hold"
            } else {
                "text XML 1.0 can hold"
            },
            location,
        )),
    }
}

/// Checks that XML 1.0 can hold `text` once written in a JSON fragment, which escapes the
/// control characters below U+0020 but not U+FFFE or U+FFFF.
fn representable_in_json(text: &str, location: impl FnOnce() -> Location) -> Result<()> {
    match text.chars().any(|c| c >= ' ' && !xml_char(c)) {
        false => Ok(()),
        true => Err(unrepresentable(text, "text XML 1.0 can hold", location)),
    }
}

/// Escapes text for an XML attribute value. Besides quick-xml's escapes, tab, line feed and
/// carriage return become character references: XML parsers normalise each of them to a space
/// in an attribute value (so `a\tb` and `a\nb` would read as one name), but keep them when
/// they are written as references. Runs of spaces need nothing: without a DTD every attribute
/// is CDATA, whose spaces parsers keep.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['\t', '\n', '\r']) {
        out.push_str(&escape(&rest[..i]));
        out.push_str(match rest.as_bytes()[i] {
            b'\t' => "&#9;",
            b'\n' => "&#10;",
            _ => "&#13;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(&escape(rest));
    out
}

/// Checks an element's attribute names (which the keys carry) and its id.
fn check_names(id: &str, attributes: &Attributes, at: impl Fn(&str) -> Location) -> Result<()> {
    representable(id, || at("id"))?;
    for name in attributes.keys() {
        representable(name, || at(&format!("attributes.{name}")))?;
    }
    Ok(())
}

/// Checks the text the graph-level `schema` and `sources` data carry, naming the relation
/// kind or source and field of a culprit.
fn check_table(graph: &Graph) -> Result<()> {
    for k in graph.schema().custom_kinds() {
        let at =
            |field: &str| Location::new(Element::RelationKind, Some(k.name.as_str())).field(field);
        representable_in_json(&k.description, || at("description"))?;
        for (field, code) in [("cameo", &k.cameo), ("plover", &k.plover)] {
            if let Some(code) = code {
                representable_in_json(code, || at(field))?;
            }
        }
    }
    for s in graph.sources() {
        let at = |field: &str| Location::new(Element::Source, Some(s.id.as_str())).field(field);
        representable_in_json(s.id.as_str(), || at("id"))?;
        representable_in_json(&s.title, || at("title"))?;
        for (field, text) in [("publisher", &s.publisher), ("url", &s.url)] {
            if let Some(text) = text {
                representable_in_json(text, || at(field))?;
            }
        }
    }
    Ok(())
}

struct Out {
    text: String,
}

impl Out {
    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    fn key(&mut self, id: &str, domain: &str, name: &str, ty: &str) {
        self.line(&format!(
            r#"  <key id="{}" for="{domain}" attr.name="{}" attr.type="{ty}"/>"#,
            attribute(id),
            attribute(name)
        ));
    }

    /// The `<data>` elements of one node or edge: its present fields (keys `prefix.field`),
    /// then its free attributes (keys from `keys`).
    fn fields<const N: usize>(
        &mut self,
        prefix: &str,
        fields: [(&str, Option<String>); N],
        attributes: &Attributes,
        keys: &AttributeKeys<'_>,
        at: impl Fn(&str) -> Location,
    ) -> Result<()> {
        for (name, value) in fields {
            if let Some(v) = value {
                self.data(&format!("{prefix}.{name}"), &v, || at(name))?;
            }
        }
        for (name, v) in attributes {
            // `keys` holds every name and type of these attributes: it was built from them.
            let key = keys
                .get(&(name.as_str(), value_type(v)))
                .expect("a key for every attribute");
            self.data(key, &value_text(v), || at(&format!("attributes.{name}")))?;
        }
        Ok(())
    }

    /// One `<data>` element; `location` names the culprit of an unrepresentable character.
    fn data(&mut self, key: &str, value: &str, location: impl FnOnce() -> Location) -> Result<()> {
        representable(value, location)?;
        self.text.push_str("      <data key=\"");
        self.text.push_str(&attribute(key));
        self.text.push_str("\">");
        self.text.push_str(&escape(value).replace('\r', "&#13;"));
        self.text.push_str("</data>\n");
        Ok(())
    }
}

/// The graph's keys: its schema and source table, as the JSON format writes them.
const GRAPH_KEYS: [(&str, &str); 2] = [("schema", "string"), ("sources", "string")];

const NODE_KEYS: [(&str, &str); 6] = [
    ("name", "string"),
    ("kind", "string"),
    ("aliases", "string"),
    ("lifetime_from", "string"),
    ("lifetime_until", "string"),
    ("lifetime_evidence", "string"),
];

const EDGE_KEYS: [(&str, &str); 18] = [
    ("kind", "string"),
    ("polarity", "string"),
    ("sign", "int"),
    ("stated_polarity", "string"),
    ("intensity", "double"),
    ("confidence", "double"),
    ("valid_from", "string"),
    ("valid_until", "string"),
    ("tense", "string"),
    ("occurs", "string"),
    ("not_before", "string"),
    ("not_after", "string"),
    ("throughout", "string"),
    ("status", "string"),
    ("asserted_by", "string"),
    ("about", "string"),
    ("evidence", "string"),
    ("quote", "string"),
];

/// Writes the graph as GraphML.
///
/// # Errors
/// [`ErrorKind::InvalidValue`] located at the element and field whose text, attribute name or
/// id holds a character XML 1.0 cannot represent (such as U+0000, ESC or U+FFFE).
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::graphml};
/// let g = datasets::us_korea_2011();
/// let xml = graphml::to_string(&g)?;
/// assert!(xml.contains(r#"<node id="USA">"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_string(graph: &Graph) -> Result<String> {
    check_table(graph)?;
    for e in graph.entities() {
        check_names(e.id.as_str(), &e.attributes, |field| {
            Location::new(Element::Entity, Some(e.id.as_str())).field(field)
        })?;
    }
    for r in graph.relations() {
        check_names(r.id(), r.attributes(), |field| {
            Location::new(Element::Relation, Some(r.id())).field(field)
        })?;
    }
    let node_attrs = attribute_keys("n", graph.entities().map(|e| &e.attributes));
    let edge_attrs = attribute_keys("e", graph.relations().map(|r| r.attributes()));
    let mut out = Out {
        text: String::new(),
    };
    out.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    out.line(r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#);
    for (name, ty) in GRAPH_KEYS {
        out.key(&format!("g.{name}"), "graph", name, ty);
    }
    for (name, ty) in NODE_KEYS {
        out.key(&format!("n.{name}"), "node", name, ty);
    }
    for ((name, ty), id) in &node_attrs {
        out.key(id, "node", &format!("attr.{name}"), ty);
    }
    for (name, ty) in EDGE_KEYS {
        out.key(&format!("e.{name}"), "edge", name, ty);
    }
    for ((name, ty), id) in &edge_attrs {
        out.key(id, "edge", &format!("attr.{name}"), ty);
    }
    out.line(r#"  <graph id="alliance-graph" edgedefault="directed">"#);
    let document = |field: &str| Location::new(Element::Document, None).field(field);
    for (name, text) in [
        ("schema", schema_fragment(graph.schema())),
        ("sources", sources_fragment(graph)),
    ] {
        if !text.is_empty() {
            out.data(&format!("g.{name}"), &text, || document(name))?;
        }
    }
    for e in graph.entities() {
        let at = |field: &str| Location::new(Element::Entity, Some(e.id.as_str())).field(field);
        out.line(&format!(r#"    <node id="{}">"#, attribute(e.id.as_str())));
        let date = |d: Option<crate::Date>| d.map(|d| d.to_string());
        let fields = [
            ("name", Some(e.name.clone())),
            ("kind", Some(e.kind.to_string())),
            (
                "aliases",
                Some(strings_fragment(&e.aliases)).filter(|s| !s.is_empty()),
            ),
            ("lifetime_from", date(e.lifetime.start())),
            ("lifetime_until", date(e.lifetime.end())),
            (
                "lifetime_evidence",
                Some(evidence_fragment(&e.lifetime_evidence)).filter(|s| !s.is_empty()),
            ),
        ];
        out.fields("n", fields, &e.attributes, &node_attrs, at)?;
        out.line("    </node>");
    }
    for r in graph.relations() {
        let at = |field: &str| Location::new(Element::Relation, Some(r.id())).field(field);
        out.line(&format!(
            r#"    <edge id="{}" source="{}" target="{}">"#,
            attribute(r.id()),
            attribute(r.source().as_str()),
            attribute(r.target().as_str())
        ));
        let polarity = r.polarity();
        let date = |d: Option<crate::Date>| d.map(|d| d.to_string());
        let fields = [
            ("kind", Some(r.kind().to_string())),
            ("polarity", Some(polarity.to_string())),
            ("sign", Some(polarity.sign().to_string())),
            (
                "stated_polarity",
                r.stated_polarity().map(|p| p.as_str().to_owned()),
            ),
            ("intensity", r.intensity().map(|x| x.to_string())),
            ("confidence", r.confidence().map(|x| x.to_string())),
            ("valid_from", date(r.valid().start())),
            ("valid_until", date(r.valid().end())),
            ("tense", Some(r.tense().to_string())),
            ("occurs", Some(r.occurs().to_string())),
            ("not_before", r.not_before().map(|a| a.to_string())),
            ("not_after", r.not_after().map(|a| a.to_string())),
            ("throughout", r.throughout().map(|a| a.to_string())),
            ("status", Some(r.status().to_string())),
            ("asserted_by", r.asserted_by().map(|a| a.to_string())),
            ("about", r.about().map(|a| a.to_string())),
            (
                "evidence",
                Some(evidence_fragment(r.evidence())).filter(|s| !s.is_empty()),
            ),
            ("quote", r.evidence().first().map(|e| e.quote.clone())),
        ];
        out.fields("e", fields, r.attributes(), &edge_attrs, at)?;
        out.line("    </edge>");
    }
    out.line("  </graph>");
    out.line("</graphml>");
    Ok(out.text)
}

/// Writes [`to_string`]'s text to a writer.
///
/// # Errors
/// As [`to_string`], and [`ErrorKind::Io`] when writing fails.
pub fn to_writer(graph: &Graph, mut writer: impl Write) -> Result<()> {
    let text = to_string(graph)?;
    writer.write_all(text.as_bytes()).map_err(|e| {
        Error::new(ErrorKind::Io {
            message: e.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, EntityKind};

    #[test]
    fn unrepresentable_characters_are_errors_that_say_where() {
        let mut g = Graph::new();
        g.add_entity(Entity::new("X", EntityKind::State, "nul\u{0}name"))
            .unwrap();
        let err = to_string(&g).unwrap_err();
        assert!(
            err.to_string().contains("in entity `X` (field `name`)"),
            "{err}"
        );
    }

    #[test]
    fn issue12_1_graphml_attribute_names_xml_cannot_hold_are_errors() {
        for name in ["a\u{0}b", "\u{1B}[1m", "k\u{FFFE}"] {
            let mut g = Graph::new();
            g.add_entity(Entity::new("A", EntityKind::State, "A").attribute(name, 1i64))
                .unwrap();
            let err = to_string(&g).unwrap_err();
            let location = err.location().unwrap();
            assert_eq!(
                (location.element, location.id.as_deref()),
                (Element::Entity, Some("A"))
            );
            assert_eq!(location.field, Some(format!("attributes.{name}")), "{err}");

            let mut g = Graph::new();
            g.add_entity(Entity::new("A", EntityKind::State, "A"))
                .unwrap();
            g.add_relation(
                crate::Relation::new("r", crate::RelationKind::ALLIANCE, "A", "A")
                    .attribute(name, "x"),
            )
            .unwrap();
            let err = to_string(&g).unwrap_err();
            let location = err.location().unwrap();
            assert_eq!(
                (location.element, location.id.as_deref()),
                (Element::Relation, Some("r"))
            );
            assert_eq!(location.field, Some(format!("attributes.{name}")), "{err}");
            // The message shows the name with its control characters escaped.
            assert!(!err.to_string().contains(['\u{0}', '\u{1B}']), "{err}");
        }
    }

    #[test]
    fn issue12_1_graphml_ids_xml_cannot_hold_are_errors() {
        for bad in ["k\u{FFFE}", "k\u{FFFF}"] {
            let mut g = Graph::new();
            g.add_entity(Entity::new(bad, EntityKind::State, "A"))
                .unwrap();
            let err = to_string(&g).unwrap_err();
            let location = err.location().unwrap();
            assert_eq!(
                (
                    location.element,
                    location.id.as_deref(),
                    location.field.as_deref()
                ),
                (Element::Entity, Some(bad), Some("id")),
                "{err}"
            );

            let mut g = Graph::new();
            g.add_entity(Entity::new("A", EntityKind::State, "A"))
                .unwrap();
            g.add_relation(crate::Relation::new(
                bad,
                crate::RelationKind::ALLIANCE,
                "A",
                "A",
            ))
            .unwrap();
            let err = to_string(&g).unwrap_err();
            let location = err.location().unwrap();
            assert_eq!(
                (
                    location.element,
                    location.id.as_deref(),
                    location.field.as_deref()
                ),
                (Element::Relation, Some(bad), Some("id")),
                "{err}"
            );
        }
    }

    /// The `attr.name` of every key, as an XML parser reads it (values normalised).
    fn key_names(xml: &str) -> Vec<String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut names = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Empty(e) if e.name().as_ref() == "key" => {
                    let name = e.try_get_attribute("attr.name").unwrap().unwrap();
                    let value = name
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap();
                    names.push(value.into_owned());
                }
                quick_xml::events::Event::Eof => return names,
                _ => {}
            }
        }
    }

    #[test]
    fn issue12_2_graphml_attribute_names_with_white_space_survive_parsers() {
        let names = ["a\tb", "a\nb", "a  b", "a\r\nb", "a b"];
        let mut entity = Entity::new("A", EntityKind::State, "A");
        for (i, name) in names.iter().enumerate() {
            entity = entity.attribute(*name, i as i64);
        }
        let mut g = Graph::new();
        g.add_entity(entity).unwrap();
        let xml = to_string(&g).unwrap();
        assert!(xml.contains("a&#9;b"), "{xml}");
        let read: Vec<String> = key_names(&xml)
            .into_iter()
            .filter_map(|n| n.strip_prefix("attr.").map(str::to_owned))
            .collect();
        let mut expected: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        expected.sort();
        assert_eq!(read, expected);
    }

    #[test]
    fn mixed_attribute_types_get_one_key_per_type() {
        let mut g = Graph::new();
        g.add_entity(Entity::new("A", EntityKind::State, "A").attribute("x", 1i64))
            .unwrap();
        g.add_entity(Entity::new("B", EntityKind::State, "B").attribute("x", "one"))
            .unwrap();
        let xml = to_string(&g).unwrap();
        assert!(
            xml.contains(r#"<key id="n.a0" for="node" attr.name="attr.x" attr.type="long"/>"#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<key id="n.a1" for="node" attr.name="attr.x" attr.type="string"/>"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<data key="n.a0">1</data>"#));
        assert!(xml.contains(r#"<data key="n.a1">one</data>"#));
    }

    #[test]
    fn source_and_kind_text_xml_cannot_hold_are_errors() {
        let mut g = Graph::new();
        g.add_source(crate::Source::new("s", "title \u{FFFF}"))
            .unwrap();
        let err = to_string(&g).unwrap_err();
        let location = err.location().unwrap();
        assert_eq!(
            (
                location.element,
                location.id.as_deref(),
                location.field.as_deref()
            ),
            (Element::Source, Some("s"), Some("title")),
            "{err}"
        );
        let mut g = Graph::new();
        g.declare_relation_kind(
            crate::RelationKindDef::new("RIVALRY", crate::Polarity::Negative).describe("\u{FFFE}"),
        )
        .unwrap();
        let err = to_string(&g).unwrap_err();
        let location = err.location().unwrap();
        assert_eq!(
            (location.element, location.field.as_deref()),
            (Element::RelationKind, Some("description")),
            "{err}"
        );
        // A control character is escaped in JSON, so XML holds it.
        let mut g = Graph::new();
        g.add_source(crate::Source::new("s", "bell \u{7}")).unwrap();
        assert!(to_string(&g).unwrap().contains(r"bell \u0007"));
    }

    #[test]
    fn carriage_returns_survive() {
        let mut g = Graph::new();
        g.add_entity(Entity::new("A", EntityKind::State, "a\r\nb <&>"))
            .unwrap();
        let xml = to_string(&g).unwrap();
        assert!(xml.contains("a&#13;\nb &lt;&amp;&gt;"), "{xml}");
    }
}
