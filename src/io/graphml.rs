//! GraphML, for networkx, Gephi, yEd and friends.
//!
//! Every entity and relation property is a typed `<key>`: node keys `name`, `kind`,
//! `aliases` (a JSON list), `lifetime_from`, `lifetime_until` (dates as text),
//! `lifetime_evidence` (JSON); edge keys `kind`, `polarity` (effective), `sign` (int),
//! `intensity`, `confidence` (double), `valid_from`, `valid_until`, `tense`, `occurs`,
//! `not_before`, `not_after`, `throughout`, `status`, `asserted_by`,
//! `about`, `evidence` (JSON), `quote` (the first quote, for tools that show one string); and
//! one key per free attribute name, `attr.<name>`, typed `boolean`, `long`, `double` or
//! `string` (text when one name holds values of several types). Absent values have no `<data>`.
//! Node ids are entity ids and edge ids relation ids; the graph is directed and may hold
//! parallel edges.
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
use crate::io::json::{evidence_fragment, strings_fragment};
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

/// The types of free attributes by name, across all elements of one kind; `string` where
/// one name holds several types.
fn attribute_types<'a>(
    all: impl Iterator<Item = &'a Attributes>,
) -> BTreeMap<String, &'static str> {
    let mut types = BTreeMap::new();
    for attrs in all {
        for (name, v) in attrs {
            let t = value_type(v);
            types
                .entry(name.clone())
                .and_modify(|old: &mut &'static str| {
                    if *old != t {
                        *old = "string";
                    }
                })
                .or_insert(t);
        }
    }
    types
}

/// Whether XML 1.0 can hold the character.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Checks that XML 1.0 can hold `text`: a value, an attribute name or an id. `location` names
/// the element and field of the culprit.
fn representable(text: &str, location: impl FnOnce() -> Location) -> Result<()> {
    match text.chars().find(|&c| !xml_char(c)) {
        None => Ok(()),
        Some(bad) => Err(Error::at(
            ErrorKind::InvalidValue {
                value: text.to_owned(),
                expected: if bad.is_control() {
                    "text without control characters, which XML 1.0 cannot hold"
                } else {
                    "text XML 1.0 can hold"
                },
            },
            location(),
        )),
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

struct Out {
    text: String,
}

impl Out {
    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// The `<data>` elements of one node or edge: its present fields, then its free
    /// attributes; keys are `prefix.field` and `prefix.attr.name`.
    fn fields<const N: usize>(
        &mut self,
        prefix: &str,
        fields: [(&str, Option<String>); N],
        attributes: &Attributes,
        at: impl Fn(&str) -> Location,
    ) -> Result<()> {
        for (name, value) in fields {
            if let Some(v) = value {
                self.data(&format!("{prefix}.{name}"), &v, || at(name))?;
            }
        }
        for (name, v) in attributes {
            self.data(&format!("{prefix}.attr.{name}"), &value_text(v), || {
                at(&format!("attributes.{name}"))
            })?;
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

const NODE_KEYS: [(&str, &str); 6] = [
    ("name", "string"),
    ("kind", "string"),
    ("aliases", "string"),
    ("lifetime_from", "string"),
    ("lifetime_until", "string"),
    ("lifetime_evidence", "string"),
];

const EDGE_KEYS: [(&str, &str); 17] = [
    ("kind", "string"),
    ("polarity", "string"),
    ("sign", "int"),
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
    let node_attrs = attribute_types(graph.entities().map(|e| &e.attributes));
    let edge_attrs = attribute_types(graph.relations().map(|r| r.attributes()));
    let mut out = Out {
        text: String::new(),
    };
    out.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    out.line(r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#);
    let key = |out: &mut Out, domain: &str, name: &str, ty: &str| {
        out.line(&format!(
            r#"  <key id="{}.{}" for="{domain}" attr.name="{}" attr.type="{ty}"/>"#,
            &domain[..1],
            attribute(name),
            attribute(name)
        ));
    };
    for (name, ty) in NODE_KEYS {
        key(&mut out, "node", name, ty);
    }
    for (name, ty) in &node_attrs {
        key(&mut out, "node", &format!("attr.{name}"), ty);
    }
    for (name, ty) in EDGE_KEYS {
        key(&mut out, "edge", name, ty);
    }
    for (name, ty) in &edge_attrs {
        key(&mut out, "edge", &format!("attr.{name}"), ty);
    }
    out.line(r#"  <graph id="alliance-graph" edgedefault="directed">"#);
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
        out.fields("n", fields, &e.attributes, at)?;
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
        out.fields("e", fields, r.attributes(), at)?;
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
    fn mixed_attribute_types_become_strings() {
        let mut g = Graph::new();
        g.add_entity(Entity::new("A", EntityKind::State, "A").attribute("x", 1i64))
            .unwrap();
        g.add_entity(Entity::new("B", EntityKind::State, "B").attribute("x", "one"))
            .unwrap();
        let xml = to_string(&g).unwrap();
        assert!(xml.contains(r#"attr.name="attr.x" attr.type="string""#));
        let mut h = Graph::new();
        h.add_entity(Entity::new("A", EntityKind::State, "A").attribute("x", 1i64))
            .unwrap();
        assert!(
            to_string(&h)
                .unwrap()
                .contains(r#"attr.name="attr.x" attr.type="long""#)
        );
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
