//! GraphML, for networkx, Gephi, yEd and friends: written, and read back exactly.
//!
//! # Writing
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
//!
//! # Reading
//! [`from_str`] and [`from_reader`] read what [`to_string`] writes into an equal graph: every
//! entity and relation field, stated and default polarities, attributes with their types,
//! the schema and the source table. Keys are matched by `attr.name`, never by id, and graph
//! data may come anywhere in the graph, so a file another tool rewrote reads the same
//! (networkx's `write_graphml` renumbers keys `d0`, `d1`, …, writes graph data after the edges
//! and booleans as `True`). Each node and edge is inserted through [`Graph::add_entity`] and
//! [`Graph::add_relation`], so it passes the same checks as any other; the fields it carries as
//! text are read by the same code as the Neo4j CSV reader's.
//!
//! GraphML from other tools is read as far as the model allows, and no node or edge data is
//! dropped silently:
//! - A node or edge key this format does not name becomes a free attribute named by its
//!   `attr.name` and typed by its `attr.type`: `int`, `long` (and Gephi's `integer`) as
//!   integers, `float` and `double` as numbers, `boolean` (`true`, `false`, `1`, `0`, in any
//!   letter case) as booleans, `string` as text. A graph has no attributes: graph keys other
//!   than `schema` and `sources` are not read. Keys without `attr.name` (yEd's graphics),
//!   `<desc>` and the edge key `quote` (it repeats the first quote of `evidence`) are skipped.
//! - A key's `<default>` stands in for a missing `<data>`.
//! - Without a `stated_polarity` key (files from other tools or older writers), `sign`, else
//!   `polarity`, is a polarity override where it differs from the kind's default.
//! - An edge without an `id` takes it from its data of a key named `id` (networkx writes the
//!   edge ids of a graph without parallel edges so), else is given `r1`, `r2`, … by its
//!   position, as the CSV reader numbers rows.
//! - Relations are directed. In a graph with `edgedefault="undirected"`, or on an edge with
//!   `directed="false"`, an edge of a symmetric kind (which holds both ways) is read as
//!   given, and an edge of any other kind is an error: the file does not say which way it
//!   runs.
//! - Every node needs `kind` and `name`, every edge `kind`.
//! - Nested graphs, hyperedges, ports, a second `<graph>`, entity references other than XML's
//!   five (there is no DTD) and text that is not UTF-8 are errors.
//!
//! Every error names its element (id, and index among the nodes or edges), field, line and
//! column (in characters).
//!
//! # Example
//! ```
//! use alliance_graph::{RelationKind, Value, io::graphml};
//! let g = graphml::from_str(r#"<?xml version="1.0" encoding="UTF-8"?>
//! <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
//!   <key id="d0" for="node" attr.name="name" attr.type="string"/>
//!   <key id="d1" for="node" attr.name="kind" attr.type="string"/>
//!   <key id="d2" for="node" attr.name="population" attr.type="long"/>
//!   <key id="d3" for="edge" attr.name="kind" attr.type="string"/>
//!   <graph edgedefault="directed">
//!     <node id="KOR"><data key="d0">South Korea</data><data key="d1">state</data>
//!       <data key="d2">51700000</data></node>
//!     <node id="USA"><data key="d0">United States</data><data key="d1">state</data></node>
//!     <edge id="r1" source="KOR" target="USA"><data key="d3">ALLIANCE</data></edge>
//!   </graph>
//! </graphml>"#)?;
//! assert_eq!(g.relation("r1").unwrap().kind(), RelationKind::ALLIANCE);
//! assert_eq!(g.entity("KOR").unwrap().attributes["population"], Value::Int(51_700_000));
//!
//! // What it writes, it reads back: the same graph.
//! assert_eq!(graphml::from_str(&graphml::to_string(&g)?)?, g);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::graph::Graph;
use crate::io::fields::{self, Col, EntityCols, Fields, RelationCols, relocate};
use crate::io::json::{
    self, evidence_fragment, schema_fragment, sources_fragment, strings_fragment,
};
use crate::kind::EntityKind;
use crate::model::{Attributes, Relation, Value};
use crate::schema::RelationKind;

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

// ----- reading -----

/// The type of a key's values (`attr.type`), for the free attributes it carries.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Type {
    Bool,
    Int,
    Float,
    Text,
}

impl Type {
    /// GraphML's types, and `integer` (which Gephi writes).
    fn named(name: &str) -> Option<Type> {
        match name {
            "boolean" => Some(Type::Bool),
            "int" | "long" | "integer" => Some(Type::Int),
            "float" | "double" => Some(Type::Float),
            "string" => Some(Type::Text),
            _ => None,
        }
    }

    /// A value of this type from its text. Numbers and booleans may be surrounded by white
    /// space (XML Schema collapses it); booleans are `true`, `false`, `1` or `0` in any case.
    fn value(self, text: &str) -> Result<Value, ErrorKind> {
        let bad = |expected| ErrorKind::InvalidValue {
            value: text.to_owned(),
            expected,
        };
        let t = text.trim();
        Ok(match self {
            Type::Bool => match t.to_ascii_lowercase().as_str() {
                "true" | "1" => Value::Bool(true),
                "false" | "0" => Value::Bool(false),
                _ => return Err(bad("`true` or `false`")),
            },
            Type::Int => match crate::io::number(t) {
                Ok(Value::Int(i)) => Value::Int(i),
                Ok(_) => return Err(bad("a 64-bit integer")),
                Err(expected) => return Err(bad(expected)),
            },
            Type::Float => Value::Float(crate::io::float(t).map_err(bad)?),
            Type::Text => Value::Text(text.to_owned()),
        })
    }
}

/// What a `<data>` element belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Holder {
    Graph,
    Node,
    Edge,
}

impl Holder {
    /// The format's keys for this holder: what the writer writes, by `attr.name`.
    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Holder::Graph => &GRAPH_KEYS,
            Holder::Node => &NODE_KEYS,
            Holder::Edge => &EDGE_KEYS,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Holder::Graph => "graph",
            Holder::Node => "node",
            Holder::Edge => "edge",
        }
    }
}

/// A `<key>` declaration.
#[derive(Debug)]
struct Key {
    id: String,
    /// `for`, as written (`all` when absent).
    domain: String,
    /// `attr.name`; keys without one (yEd's graphics) carry nothing this crate reads.
    name: Option<String>,
    ty: Type,
    default: Option<String>,
    at: usize,
}

impl Key {
    fn applies(&self, holder: Holder) -> bool {
        self.domain == "all" || self.domain == holder.name()
    }

    /// What the key means on a holder: one of the format's fields, a free attribute (any
    /// other name on a node or an edge: nothing is lost), or nothing read (`quote`, which
    /// repeats the first evidence quote; unknown graph keys, since a graph has no attributes;
    /// keys without `attr.name`).
    fn role(&self, holder: Holder) -> Role {
        let Some(name) = &self.name else {
            return Role::Skipped;
        };
        match holder.table().iter().position(|(n, _)| n == name) {
            Some(_) if holder == Holder::Edge && name == "quote" => Role::Skipped,
            Some(slot) => Role::Field(slot),
            None if holder == Holder::Graph => Role::Skipped,
            None => Role::Attribute,
        }
    }

    /// The attribute name this key carries: `attr.name` without our `attr.` prefix.
    fn attribute_name(&self) -> &str {
        let name = self.name.as_deref().unwrap_or("");
        name.strip_prefix("attr.").unwrap_or(name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// The format's field at this position of the holder's table.
    Field(usize),
    /// A free attribute, named and typed by the key.
    Attribute,
    Skipped,
}

/// The text of one `<data>` element (or a key's default) and where it starts.
#[derive(Debug)]
struct Cell {
    text: String,
    at: usize,
}

/// A `<node>`, an `<edge>` or the `<graph>` itself, as read.
#[derive(Debug)]
struct Record {
    at: usize,
    id: Option<String>,
    source: String,
    target: String,
    directed: Option<bool>,
    /// By position in the holder's table.
    fields: Vec<Option<Cell>>,
    /// Free attributes: the key and the text, in document order.
    attributes: Vec<(usize, Cell)>,
}

impl Record {
    fn new(holder: Holder, at: usize) -> Record {
        Record {
            at,
            id: None,
            source: String::new(),
            target: String::new(),
            directed: None,
            fields: holder.table().iter().map(|_| None).collect(),
            attributes: Vec::new(),
        }
    }
}

/// What the parse found: the keys, the graph's own data, its nodes and edges.
struct Document {
    keys: Vec<Key>,
    undirected: bool,
    graph: Record,
    nodes: Vec<Record>,
    edges: Vec<Record>,
}

/// The open elements.
enum Frame {
    GraphMl,
    Key(Key),
    Default(String),
    Graph,
    Node(Record),
    Edge(Record),
    Data {
        key: usize,
        role: Role,
        text: String,
        at: usize,
    },
    /// `<desc>`, and the markup inside a `<data>` that is not read.
    Skip,
}

impl Frame {
    fn name(&self) -> &'static str {
        match self {
            Frame::GraphMl => "graphml",
            Frame::Key(_) => "key",
            Frame::Default(_) => "default",
            Frame::Graph => "graph",
            Frame::Node(_) => "node",
            Frame::Edge(_) => "edge",
            Frame::Data { .. } => "data",
            Frame::Skip => "desc",
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset of `text`.
fn line_column(text: &str, at: usize) -> (u64, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u64, before[start..].chars().count() + 1)
}

fn at_offset(text: &str, at: usize, mut location: Location) -> Location {
    let (line, column) = line_column(text, at);
    location.line = Some(line);
    location.column = Some(column);
    location
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

struct Parser<'a> {
    text: &'a str,
    reader: quick_xml::Reader<&'a [u8]>,
    version: XmlVersion,
    keys: Vec<Key>,
    key_ids: HashMap<String, usize>,
    /// The keys with a `<default>`, which every node or edge without their data takes.
    defaults: Vec<usize>,
    stack: Vec<Frame>,
    root_seen: bool,
    undirected: Option<bool>,
    graph: Record,
    nodes: Vec<Record>,
    edges: Vec<Record>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        let mut reader = quick_xml::Reader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        Parser {
            text,
            reader,
            version: XmlVersion::Implicit1_0,
            keys: Vec::new(),
            key_ids: HashMap::new(),
            defaults: Vec::new(),
            stack: Vec::new(),
            root_seen: false,
            undirected: None,
            graph: Record::new(Holder::Graph, 0),
            nodes: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// An error at a byte offset, about the innermost node or edge being read (by id and
    /// index), else the document.
    fn error(&self, at: usize, message: impl Into<String>) -> Error {
        let mut location = Location::new(Element::Document, None);
        for frame in self.stack.iter().rev() {
            let (element, record, index) = match frame {
                Frame::Node(r) => (Element::Entity, r, self.nodes.len()),
                Frame::Edge(r) => (Element::Relation, r, self.edges.len()),
                _ => continue,
            };
            location = Location::new(element, record.id.as_deref()).index(index);
            break;
        }
        Error::at(
            ErrorKind::Graphml {
                message: message.into(),
            },
            at_offset(self.text, at, location),
        )
    }

    fn run(mut self) -> Result<Document> {
        loop {
            let at = offset(self.reader.buffer_position());
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = offset(self.reader.error_position());
                    return Err(self.error(at, format!("not well-formed XML: {e}")));
                }
            };
            match event {
                Event::Start(e) => self.start(&e, at)?,
                Event::Empty(e) => {
                    self.start(&e, at)?;
                    self.end(at)?;
                }
                Event::End(_) => self.end(at)?,
                Event::Text(t) => {
                    self.check_chars(&t, at, true)?;
                    self.text(&t.xml_content(self.version), at)?;
                }
                Event::CData(t) => {
                    self.check_chars(&t, at + "<![CDATA[".len(), true)?;
                    self.text(&t.xml_content(self.version), at)?;
                }
                Event::GeneralRef(r) => {
                    let text = self.reference(&r, at)?;
                    self.check_chars(&text, at, false)?;
                    self.text(&text, at)?;
                }
                Event::Decl(d) => {
                    if let Ok(version) = d.xml_version() {
                        self.version = version;
                    }
                }
                Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Eof => break,
            }
        }
        let end = self.text.len();
        if let Some(open) = self.stack.last() {
            return Err(self.error(end, format!("the document ends inside `<{}>`", open.name())));
        }
        let Some(undirected) = self.undirected else {
            let what = if self.root_seen {
                "no `<graph>` element"
            } else {
                "no `<graphml>` element"
            };
            return Err(self.error(end, what));
        };
        Ok(Document {
            keys: self.keys,
            undirected,
            graph: self.graph,
            nodes: self.nodes,
            edges: self.edges,
        })
    }

    /// An element's XML attributes, values normalised as XML requires.
    fn attributes(&self, e: &BytesStart<'_>, at: usize) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.error(at, format!("not well-formed XML: {err}")))?;
            let value = a
                .normalized_value(self.version)
                .map_err(|err| self.error(at, format!("not well-formed XML: {err}")))?;
            self.check_chars(&value, at, false)?;
            out.push((a.key.as_ref().to_owned(), value.into_owned()));
        }
        Ok(out)
    }

    /// Checks that XML 1.0 can hold every character of `text`, which starts at byte `at` of
    /// the document when `raw` (text as written), or lies inside the markup at `at` (an
    /// attribute value, a reference).
    fn check_chars(&self, text: &str, at: usize, raw: bool) -> Result<()> {
        match text.char_indices().find(|&(_, c)| !xml_char(c)) {
            None => Ok(()),
            Some((i, c)) => Err(self.error(
                if raw { at + i } else { at },
                format!(
                    "character U+{:04X}, which XML 1.0 cannot hold",
                    u32::from(c)
                ),
            )),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, at: usize) -> Result<()> {
        let local = e.local_name();
        let name = local.as_ref();
        let attributes = self.attributes(e, at)?;
        let get = |key: &str| {
            attributes
                .iter()
                .find(|(n, _)| n == key)
                .map(|(_, v)| v.clone())
        };
        let required = |key: &str| {
            get(key).ok_or_else(|| self.error(at, format!("`<{name}>` without `{key}`")))
        };
        let parent = self.stack.last();
        let frame = match (parent, name) {
            (None, "graphml") if !self.root_seen => {
                self.root_seen = true;
                Frame::GraphMl
            }
            (None, _) if self.root_seen => {
                return Err(self.error(at, format!("`<{name}>` after `</graphml>`")));
            }
            (None, _) => {
                return Err(self.error(at, format!("`<{name}>` where `<graphml>` belongs")));
            }
            (Some(Frame::GraphMl), "key") => {
                let type_name = get("attr.type").unwrap_or_else(|| "string".to_owned());
                let ty = Type::named(&type_name).ok_or_else(|| {
                    self.error(
                        at,
                        format!(
                            "key attr.type `{type_name}`; expected boolean, int, long, float, double or string"
                        ),
                    )
                })?;
                Frame::Key(Key {
                    id: required("id")?,
                    domain: get("for").unwrap_or_else(|| "all".to_owned()),
                    name: get("attr.name"),
                    ty,
                    default: None,
                    at,
                })
            }
            (Some(Frame::Key(_)), "default") => Frame::Default(String::new()),
            (Some(Frame::GraphMl), "graph") => {
                if self.undirected.is_some() {
                    return Err(self.error(at, "a second `<graph>`: this crate reads one graph"));
                }
                self.undirected = Some(match get("edgedefault").as_deref() {
                    None | Some("directed") => false,
                    Some("undirected") => true,
                    Some(other) => {
                        return Err(self.error(
                            at,
                            format!("edgedefault `{other}`; expected directed or undirected"),
                        ));
                    }
                });
                Frame::Graph
            }
            (Some(Frame::Graph), "node") => {
                let mut record = Record::new(Holder::Node, at);
                record.id = Some(required("id")?);
                Frame::Node(record)
            }
            (Some(Frame::Graph), "edge") => {
                let mut record = Record::new(Holder::Edge, at);
                record.id = get("id");
                record.source = required("source")?;
                record.target = required("target")?;
                record.directed = match get("directed").as_deref() {
                    None => None,
                    Some("true") => Some(true),
                    Some("false") => Some(false),
                    Some(other) => {
                        return Err(
                            self.error(at, format!("directed `{other}`; expected true or false"))
                        );
                    }
                };
                Frame::Edge(record)
            }
            (Some(Frame::GraphMl | Frame::Graph | Frame::Node(_) | Frame::Edge(_)), "data") => {
                let id = required("key")?;
                let Some(&key) = self.key_ids.get(&id) else {
                    return Err(self.error(at, format!("`<data>` names the undeclared key `{id}`")));
                };
                let holder = match parent {
                    Some(Frame::Graph) => Some(Holder::Graph),
                    Some(Frame::Node(_)) => Some(Holder::Node),
                    Some(Frame::Edge(_)) => Some(Holder::Edge),
                    _ => None,
                };
                let role = match holder {
                    None => Role::Skipped,
                    Some(h) if self.keys[key].applies(h) => self.keys[key].role(h),
                    Some(h) => {
                        return Err(self.error(
                            at,
                            format!(
                                "`<data>` of key `{id}` (declared for {}) inside `<{}>`",
                                self.keys[key].domain,
                                h.name()
                            ),
                        ));
                    }
                };
                Frame::Data {
                    key,
                    role,
                    text: String::new(),
                    at,
                }
            }
            (
                Some(
                    Frame::GraphMl | Frame::Key(_) | Frame::Graph | Frame::Node(_) | Frame::Edge(_),
                ),
                "desc",
            )
            | (
                Some(
                    Frame::Skip
                    | Frame::Data {
                        role: Role::Skipped,
                        ..
                    },
                ),
                _,
            ) => Frame::Skip,
            (Some(Frame::Node(_)), "graph") => {
                return Err(self.error(at, "a nested `<graph>`: this crate reads flat graphs"));
            }
            (Some(Frame::Graph), "hyperedge") => {
                return Err(self.error(at, "a `<hyperedge>`: relations join two entities"));
            }
            (Some(Frame::Node(_)), "port") => {
                return Err(self.error(at, "a `<port>`: this crate reads no ports"));
            }
            (Some(Frame::Data { key, .. }), _) => {
                let id = &self.keys[*key].id;
                return Err(self.error(
                    at,
                    format!("`<{name}>` inside the `<data>` of key `{id}`, which holds text"),
                ));
            }
            (Some(open), _) => {
                return Err(self.error(at, format!("unexpected `<{name}>` in `<{}>`", open.name())));
            }
        };
        self.stack.push(frame);
        Ok(())
    }

    /// The text of an entity or character reference in content.
    fn reference(&self, r: &BytesRef<'_>, at: usize) -> Result<String> {
        if r.is_char_ref() {
            return match r.resolve_char_ref() {
                Ok(Some(c)) => Ok(c.to_string()),
                Ok(None) | Err(_) => Err(self.error(
                    at,
                    format!("not well-formed XML: character reference `&{};`", &**r),
                )),
            };
        }
        quick_xml::escape::resolve_predefined_entity(r)
            .map(str::to_owned)
            .ok_or_else(|| {
                self.error(
                    at,
                    format!(
                        "unknown entity `&{};` (without a DTD only XML's five are defined)",
                        &**r
                    ),
                )
            })
    }

    /// Content (checked): the text of a `<data>` or `<default>`, or white space.
    fn text(&mut self, text: &str, at: usize) -> Result<()> {
        match self.stack.last_mut() {
            Some(Frame::Data { text: into, .. } | Frame::Default(into)) => into.push_str(text),
            Some(Frame::Skip) => {}
            _ if text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) => {}
            _ => {
                let shown = crate::error::shown(text.trim());
                return Err(self.error(at, format!("text {shown} outside `<data>`")));
            }
        }
        Ok(())
    }

    fn end(&mut self, at: usize) -> Result<()> {
        let Some(frame) = self.stack.pop() else {
            return Err(self.error(at, "an end tag with no element open"));
        };
        match frame {
            Frame::Key(key) => {
                if self.key_ids.contains_key(&key.id) {
                    return Err(
                        self.error(key.at, format!("the key id `{}` is declared twice", key.id))
                    );
                }
                self.key_ids.insert(key.id.clone(), self.keys.len());
                if key.default.is_some() {
                    self.defaults.push(self.keys.len());
                }
                self.keys.push(key);
            }
            Frame::Default(text) => {
                if let Some(Frame::Key(key)) = self.stack.last_mut() {
                    key.default = Some(text);
                }
            }
            Frame::Data {
                key,
                role,
                text,
                at,
            } => self.attach(key, role, Cell { text, at })?,
            Frame::Node(record) => {
                let record = self.with_defaults(record, Holder::Node);
                self.nodes.push(record);
            }
            Frame::Edge(record) => {
                let record = self.with_defaults(record, Holder::Edge);
                self.edges.push(record);
            }
            Frame::GraphMl | Frame::Graph | Frame::Skip => {}
        }
        Ok(())
    }

    /// Gives a `<data>`'s text to the element it is in.
    fn attach(&mut self, key: usize, role: Role, cell: Cell) -> Result<()> {
        let twice = match (role, self.stack.last()) {
            (Role::Skipped, _) => return Ok(()),
            (_, Some(Frame::Node(r) | Frame::Edge(r))) => self.holds(r, key, role),
            (_, _) => self.holds(&self.graph, key, role),
        };
        if twice {
            let name = self.keys[key].name.as_deref().unwrap_or("");
            return Err(self.error(cell.at, format!("a second value for `{name}`")));
        }
        let key_named_id = self.keys[key].name.as_deref() == Some("id");
        if let (Role::Attribute, true, Some(Frame::Edge(edge))) =
            (role, key_named_id, self.stack.last_mut())
            && edge.id.is_none()
        {
            // networkx writes the edge ids of a graph without parallel edges as data `id`.
            edge.id = Some(cell.text);
            return Ok(());
        }
        let record = match self.stack.last_mut() {
            Some(Frame::Node(r) | Frame::Edge(r)) => r,
            _ => &mut self.graph,
        };
        match role {
            Role::Field(slot) => record.fields[slot] = Some(cell),
            Role::Attribute => record.attributes.push((key, cell)),
            Role::Skipped => {}
        }
        Ok(())
    }

    /// Whether the record already has a value for what `key` carries.
    fn holds(&self, record: &Record, key: usize, role: Role) -> bool {
        match role {
            Role::Field(slot) => record.fields[slot].is_some(),
            Role::Attribute => {
                let name = self.keys[key].attribute_name();
                record
                    .attributes
                    .iter()
                    .any(|(k, _)| self.keys[*k].attribute_name() == name)
            }
            Role::Skipped => false,
        }
    }

    /// The record with the keys' `<default>` values where it has no `<data>`.
    fn with_defaults(&self, mut record: Record, holder: Holder) -> Record {
        for &k in &self.defaults {
            let key = &self.keys[k];
            let Some(default) = &key.default else {
                continue;
            };
            if !key.applies(holder) {
                continue;
            }
            let role = key.role(holder);
            if role == Role::Skipped || self.holds(&record, k, role) {
                continue;
            }
            let cell = Cell {
                text: default.clone(),
                at: key.at,
            };
            match role {
                Role::Field(slot) => record.fields[slot] = Some(cell),
                _ => record.attributes.push((k, cell)),
            }
        }
        record
    }
}

/// One node or edge as [`Fields`]: the shared code turns it into an entity or a relation.
struct Cells<'a> {
    text: &'a str,
    keys: &'a [Key],
    record: &'a Record,
    holder: Holder,
    element: Element,
    id: &'a str,
    index: usize,
}

impl Cells<'_> {
    fn error(&self, at: usize, field: &str, kind: ErrorKind) -> Error {
        let location = Location::new(self.element, Some(self.id))
            .index(self.index)
            .field(field);
        Error::at(kind, at_offset(self.text, at, location))
    }

    /// Where a field's `<data>` starts, else the element.
    fn at(&self, slot: Option<usize>) -> usize {
        slot.and_then(|i| self.record.fields.get(i)?.as_ref())
            .map_or(self.record.at, |c| c.at)
    }

    /// The field's slot in the holder's table.
    fn slot(&self, name: &str) -> Option<usize> {
        self.holder.table().iter().position(|(n, _)| *n == name)
    }

    /// The free attributes, typed by their keys.
    fn attributes(&self) -> Result<Attributes> {
        let mut out = Attributes::new();
        for (k, cell) in &self.record.attributes {
            let key = &self.keys[*k];
            let name = key.attribute_name();
            let value = key
                .ty
                .value(&cell.text)
                .map_err(|kind| self.error(cell.at, &format!("attributes.{name}"), kind))?;
            out.insert(name.to_owned(), value);
        }
        Ok(out)
    }
}

impl<'a> Fields<'a> for Cells<'a> {
    fn text(&self, col: Col) -> Option<&'a str> {
        let record: &'a Record = self.record;
        col.index
            .and_then(|i| record.fields.get(i)?.as_ref())
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
    }

    fn fail(&self, col: Col, kind: ErrorKind) -> Error {
        self.error(self.at(col.index), col.name, kind)
    }

    fn fail_named(&self, name: &str, kind: ErrorKind) -> Error {
        self.error(self.at(self.slot(name)), name, kind)
    }

    fn missing(&self, col: Col) -> Error {
        self.fail(
            col,
            ErrorKind::Graphml {
                message: format!("no value for `{}`", col.name),
            },
        )
    }
}

/// The fields of one holder a file has, resolved once: a field is present when some key
/// carries it.
struct Resolver<'a> {
    keys: &'a [Key],
    holder: Holder,
}

impl Resolver<'_> {
    fn col(&self, name: &'static str) -> Col {
        let slot = self.holder.table().iter().position(|(n, _)| *n == name);
        let declared = |slot| {
            self.keys
                .iter()
                .any(|k| k.applies(self.holder) && k.role(self.holder) == Role::Field(slot))
        };
        Col {
            name,
            index: slot.filter(|&s| declared(s)),
        }
    }
}

/// Builds the graph from what the parse found, every element through the graph's checks.
fn build(text: &str, doc: &Document) -> Result<Graph> {
    let graph_cell = |name: &str| {
        let slot = GRAPH_KEYS.iter().position(|(n, _)| *n == name);
        slot.and_then(|s| doc.graph.fields.get(s)?.as_ref())
    };
    let (schema, sources) = (graph_cell("schema"), graph_cell("sources"));
    let mut graph = json::graph_from_fragments(
        schema.map_or("", |c| c.text.as_str()),
        sources.map_or("", |c| c.text.as_str()),
    )
    .map_err(|e| {
        let in_sources = e
            .location()
            .is_some_and(|l| l.element == Element::Source || l.field.as_deref() == Some("sources"));
        let cell = if in_sources { sources } else { schema };
        let at = cell.map_or(0, |c| c.at);
        let location = e
            .location()
            .cloned()
            .unwrap_or_else(|| Location::new(Element::Document, None));
        e.with_location(at_offset(text, at, location))
    })?;

    let nodes = Resolver {
        keys: &doc.keys,
        holder: Holder::Node,
    };
    let (name, kind) = (nodes.col("name"), nodes.col("kind"));
    let entity_cols = EntityCols {
        aliases: nodes.col("aliases"),
        from: nodes.col("lifetime_from"),
        until: nodes.col("lifetime_until"),
        evidence: nodes.col("lifetime_evidence"),
    };
    for (index, record) in doc.nodes.iter().enumerate() {
        let id = record.id.as_deref().unwrap_or("");
        let cells = Cells {
            text,
            keys: &doc.keys,
            record,
            holder: Holder::Node,
            element: Element::Entity,
            id,
            index,
        };
        let kind_text = cells.required(kind)?;
        let entity_kind = kind_text
            .parse::<EntityKind>()
            .map_err(|e| cells.fail(kind, e.kind().clone()))?;
        let name = cells.required(name)?;
        let mut entity = fields::entity(&cells, &entity_cols, id, entity_kind, name)?;
        entity.attributes = cells.attributes()?;
        graph
            .add_entity(entity)
            .map_err(|e| relocate(e, &cells, &[("lifetime", "lifetime_from")]))?;
    }

    let edges = Resolver {
        keys: &doc.keys,
        holder: Holder::Edge,
    };
    let kind = edges.col("kind");
    let relation_cols = RelationCols {
        polarity: edges.col("stated_polarity"),
        sign: edges.col("sign"),
        effective: edges.col("polarity"),
        intensity: edges.col("intensity"),
        weight: Col::absent("weight"),
        confidence: edges.col("confidence"),
        valid_from: edges.col("valid_from"),
        since: Col::absent("since"),
        valid_until: edges.col("valid_until"),
        until: Col::absent("until"),
        tense: edges.col("tense"),
        occurs: edges.col("occurs"),
        not_before: edges.col("not_before"),
        not_after: edges.col("not_after"),
        throughout: edges.col("throughout"),
        status: edges.col("status"),
        asserted_by: edges.col("asserted_by"),
        about: edges.col("about"),
        evidence: edges.col("evidence"),
    };
    for (index, record) in doc.edges.iter().enumerate() {
        let generated;
        let id = match &record.id {
            Some(id) => id.as_str(),
            None => {
                generated = format!("r{}", index + 1);
                generated.as_str()
            }
        };
        let cells = Cells {
            text,
            keys: &doc.keys,
            record,
            holder: Holder::Edge,
            element: Element::Relation,
            id,
            index,
        };
        let kind_text = cells.required(kind)?;
        // An unknown kind is reported by the insertion, with a suggestion.
        let (relation_kind, default, symmetric) = graph.schema().get(kind_text).map_or_else(
            || (RelationKind::new(kind_text), None, true),
            |d| (d.name.clone(), Some(d.polarity), d.symmetric),
        );
        let directed = record.directed.unwrap_or(!doc.undirected);
        if !directed && !symmetric {
            return Err(cells.fail(
                kind,
                ErrorKind::Graphml {
                    message: format!(
                        "an undirected edge of kind `{kind_text}`, which is not symmetric: only symmetric kinds hold both ways"
                    ),
                },
            ));
        }
        let mut relation = Relation::new(
            id,
            relation_kind,
            record.source.as_str(),
            record.target.as_str(),
        );
        fields::relation_fields(&cells, &relation_cols, &mut relation, default, |a: &str| {
            a.into()
        })?;
        relation.attributes = cells.attributes()?;
        graph
            .add_relation(relation)
            .map_err(|e| relocate(e, &cells, &[("valid", "valid_from")]))?;
    }
    Ok(graph)
}

/// Reads a graph from GraphML: what [`to_string`] writes, exactly, and GraphML from other
/// tools (see the module documentation for what is read and how).
///
/// # Errors
/// [`ErrorKind::Graphml`] for XML that is not well-formed or GraphML this crate does not read
/// (a `<data>` naming an undeclared key, an undirected edge of a kind that is not symmetric,
/// a missing `kind` or `name`, nested graphs, hyperedges, ports);
/// [`ErrorKind::InvalidValue`], [`ErrorKind::InvalidDate`] and friends for a value that does
/// not parse (a `long` holding `x`, a bad date); [`ErrorKind::Json`] for a malformed JSON
/// field; and every rule error of [`Graph::add_entity`] and [`Graph::add_relation`]
/// (duplicate ids, an edge naming a missing node, a kind the schema does not declare). Each
/// is located at its element (id and index among the nodes or edges), field, line and
/// column.
///
/// # Complexity
/// O(size of the text + n + m).
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::graphml};
/// let g = datasets::us_korea_2011();
/// let back = graphml::from_str(&graphml::to_string(&g)?)?;
/// assert_eq!(back, g);
///
/// let err = graphml::from_str(r#"<graphml>
///   <key id="k" for="node" attr.name="kind"/>
///   <graph edgedefault="directed">
///     <node id="USA"><data key="k">state</data></node>
///   </graph>
/// </graphml>"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid graphml: no value for `name` in entity `USA` (line 4, column 5, index 0, field `name`)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_str(text: &str) -> Result<Graph> {
    // A byte-order mark is not part of the document; lines and columns count without it.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let doc = Parser::new(text).run()?;
    build(text, &doc)
}

/// Reads a graph from a reader of GraphML text (UTF-8).
///
/// # Errors
/// [`ErrorKind::Io`] when reading fails or the text is not UTF-8, then as [`from_str`].
pub fn from_reader(mut reader: impl Read) -> Result<Graph> {
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(|e| {
        Error::new(ErrorKind::Io {
            message: e.to_string(),
        })
    })?;
    from_str(&text)
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
        // Noncharacters are invisible characters, which the id rule refuses on insertion
        // (issue 12, item 11): no graph holds such an id, so no writer meets one.
        for bad in ["k\u{FFFE}", "k\u{FFFF}"] {
            let mut g = Graph::new();
            let err = g
                .add_entity(Entity::new(bad, EntityKind::State, "A"))
                .unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::InvalidId { .. }), "{err}");
            g.add_entity(Entity::new("A", EntityKind::State, "A"))
                .unwrap();
            let err = g
                .add_relation(crate::Relation::new(
                    bad,
                    crate::RelationKind::ALLIANCE,
                    "A",
                    "A",
                ))
                .unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::InvalidId { .. }), "{err}");
        }
        // The writer checks ids anyway, with the one check it gives every text.
        let location = || Location::new(Element::Entity, Some("x")).field("id");
        assert!(representable("k\u{FFFE}", location).is_err());
        assert!(representable("k", location).is_ok());
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

    /// Attribute names that differ only in white space, and one entity holding them all.
    const WHITE_SPACE_NAMES: [&str; 5] = ["a\tb", "a\nb", "a  b", "a\r\nb", "a b"];

    fn white_space_named() -> Graph {
        let mut entity = Entity::new("A", EntityKind::State, "A");
        for (i, name) in WHITE_SPACE_NAMES.iter().enumerate() {
            entity = entity.attribute(*name, i as i64);
        }
        let mut g = Graph::new();
        g.add_entity(entity).unwrap();
        g
    }

    #[test]
    fn issue12_2_graphml_attribute_names_with_white_space_survive_parsers() {
        let names = WHITE_SPACE_NAMES;
        let g = white_space_named();
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

    /// Reads `to_string`'s output back and checks it is the same graph, to the byte of its
    /// canonical JSON.
    fn round_trip(g: &Graph) -> Graph {
        let xml = to_string(g).unwrap();
        let back = from_str(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        assert_eq!(&back, g);
        assert_eq!(
            crate::io::json::to_string(&back),
            crate::io::json::to_string(g)
        );
        back
    }

    #[test]
    fn the_dataset_round_trips() {
        round_trip(&crate::datasets::us_korea_2011());
    }

    #[test]
    fn stated_polarity_round_trips_even_when_it_equals_the_default() {
        use crate::{Polarity, Relation, RelationKind};
        let mut g = Graph::new();
        for id in ["A", "B"] {
            g.add_entity(Entity::new(id, EntityKind::State, id))
                .unwrap();
        }
        // ALLIANCE is positive by default.
        g.add_relation(Relation::new("default", RelationKind::ALLIANCE, "A", "B"))
            .unwrap();
        g.add_relation(
            Relation::new("same", RelationKind::ALLIANCE, "A", "B").polarity(Polarity::Positive),
        )
        .unwrap();
        g.add_relation(
            Relation::new("other", RelationKind::ALLIANCE, "A", "B").polarity(Polarity::Negative),
        )
        .unwrap();
        let back = round_trip(&g);
        let stated: Vec<_> = back.relations().map(|r| r.stated_polarity()).collect();
        assert_eq!(
            stated,
            [None, Some(Polarity::Positive), Some(Polarity::Negative)]
        );
    }

    #[test]
    fn schema_sources_and_typed_attributes_round_trip() {
        use crate::{Date, EntityKinds, Polarity, Relation, RelationKindDef, Schema, Source};
        let mut schema = Schema::empty();
        schema
            .declare(
                RelationKindDef::new("RIVALRY", Polarity::Negative)
                    .symmetric()
                    .endpoints(EntityKinds::of(&[EntityKind::State]), EntityKinds::ANY)
                    .describe("a rivalry")
                    .event_codes(Some("11 Disapprove"), None),
            )
            .unwrap();
        let mut g = Graph::with_schema(schema);
        g.add_source(
            Source::new("s", "A <title> & more")
                .publisher("P")
                .date(Date::ymd(2011, 6, 1).unwrap())
                .url("https://example.org/?a=1&b=2"),
        )
        .unwrap();
        g.add_entity(
            Entity::new("A", EntityKind::State, "A")
                .attribute("x", 1i64)
                .attribute("f", -0.0)
                .attribute("t", "")
                .attribute("b", false),
        )
        .unwrap();
        g.add_entity(
            Entity::new("B", EntityKind::State, "  B\t\n")
                .attribute("x", "1")
                .attribute("f", 5e-324),
        )
        .unwrap();
        g.add_relation(
            Relation::new("r", "RIVALRY".into(), "A", "B")
                .evidence(crate::Evidence::new("s", "q").paragraph(3))
                .attribute("x", 2.5),
        )
        .unwrap();
        let back = round_trip(&g);
        assert_eq!(
            back.entity("B").unwrap().attributes["x"],
            Value::Text("1".into())
        );
    }

    #[test]
    fn issue12_2_graphml_white_space_attribute_names_read_back_distinct() {
        let names = WHITE_SPACE_NAMES;
        let g = white_space_named();
        let back = round_trip(&g);
        assert_eq!(back.entity("A").unwrap().attributes.len(), names.len());
    }

    /// What networkx 3.6's `write_graphml` makes of a file of ours (keys renumbered and in
    /// reverse order, graph data after the edges, booleans as `True`, an empty string as an
    /// empty element, integers as `long`).
    const NETWORKX: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d9" for="edge" attr.name="sign" attr.type="long" />
  <key id="d8" for="edge" attr.name="polarity" attr.type="string" />
  <key id="d7" for="edge" attr.name="kind" attr.type="string" />
  <key id="d6" for="node" attr.name="attr.x" attr.type="string" />
  <key id="d5" for="node" attr.name="attr.a&#09;b" attr.type="long" />
  <key id="d4" for="node" attr.name="attr.e" attr.type="string" />
  <key id="d3" for="node" attr.name="attr.b" attr.type="boolean" />
  <key id="d2" for="node" attr.name="attr.x" attr.type="long" />
  <key id="d1" for="node" attr.name="kind" attr.type="string" />
  <key id="d0" for="node" attr.name="name" attr.type="string" />
  <key id="d10" for="graph" attr.name="sources" attr.type="string" />
  <graph edgedefault="directed">
    <node id="A">
      <data key="d0">Alpha</data>
      <data key="d1">state</data>
      <data key="d2">1</data>
      <data key="d3">True</data>
      <data key="d4" />
      <data key="d5">7</data>
    </node>
    <node id="B">
      <data key="d0">Beta</data>
      <data key="d1">state</data>
      <data key="d6">one</data>
      <data key="d3">False</data>
    </node>
    <edge source="A" target="B" id="r1">
      <data key="d7">ALLIANCE</data>
      <data key="d8">positive</data>
      <data key="d9">1</data>
    </edge>
    <edge source="B" target="A" id="r2">
      <data key="d7">ALLIANCE</data>
      <data key="d8">negative</data>
      <data key="d9">-1</data>
    </edge>
    <data key="d10">[{"id":"s","title":"A source"}]</data>
  </graph>
</graphml>
"#;

    #[test]
    fn networkx_output_is_read_by_attribute_name() {
        let g = from_str(NETWORKX).unwrap();
        let a = g.entity("A").unwrap();
        assert_eq!((a.name.as_str(), a.kind), ("Alpha", EntityKind::State));
        let attrs: Vec<(&str, &Value)> =
            a.attributes.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            attrs,
            [
                ("a\tb", &Value::Int(7)),
                ("b", &Value::Bool(true)),
                ("e", &Value::Text(String::new())),
                ("x", &Value::Int(1)),
            ]
        );
        let b = g.entity("B").unwrap();
        assert_eq!(b.attributes["x"], Value::Text("one".into()));
        assert_eq!(b.attributes["b"], Value::Bool(false));
        // Without `stated_polarity`, the effective sign is an override where it differs
        // from the kind's default.
        let stated: Vec<_> = g
            .relations()
            .map(|r| (r.id(), r.stated_polarity()))
            .collect();
        assert_eq!(
            stated,
            [("r1", None), ("r2", Some(crate::Polarity::Negative))]
        );
        assert_eq!(g.source("s").unwrap().title, "A source");
    }

    #[test]
    fn edge_ids_networkx_writes_as_data_are_ids() {
        // networkx reads a file without parallel edges as a DiGraph, keeps each edge id as
        // an attribute `id` and writes it back as data.
        let xml = r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d3" for="edge" attr.name="id" attr.type="string" />
  <key id="d2" for="edge" attr.name="kind" attr.type="string" />
  <key id="d1" for="node" attr.name="kind" attr.type="string" />
  <key id="d0" for="node" attr.name="name" attr.type="string" />
  <graph edgedefault="directed">
    <node id="A"><data key="d0">A</data><data key="d1">state</data></node>
    <node id="B"><data key="d0">B</data><data key="d1">state</data></node>
    <edge source="A" target="B"><data key="d2">ALLIANCE</data><data key="d3">a-b</data></edge>
    <edge id="b-a" source="B" target="A"><data key="d2">ALLIANCE</data><data key="d3">x</data></edge>
  </graph>
</graphml>"#;
        let g = from_str(xml).unwrap();
        let a_b = g.relation("a-b").unwrap();
        assert!(a_b.attributes().is_empty());
        // An edge with its own id keeps data `id` as an attribute.
        let b_a = g.relation("b-a").unwrap();
        assert_eq!(b_a.attributes()["id"], Value::Text("x".into()));
    }

    #[test]
    fn unknown_keys_become_typed_attributes_and_graphics_are_skipped() {
        let xml = r##"<graphml xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="k" for="node" attr.name="kind"/>
  <key id="n" for="all" attr.name="name"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="pop" for="node" attr.name="population" attr.type="int"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <key id="gk" for="graph" attr.name="title" attr.type="string"/>
  <key id="y" for="node" yfiles.type="nodegraphics"/>
  <key id="q" for="edge" attr.name="quote"/>
  <key id="ek" for="edge" attr.name="kind"/>
  <graph edgedefault="directed">
    <desc>a graph from elsewhere</desc>
    <data key="gk">ignored: a graph has no attributes</data>
    <node id="A"><data key="k">state</data><data key="n">A</data>
      <data key="label">Alpha</data><data key="pop"> 42 </data>
      <data key="y"><y:ShapeNode><y:Fill color="#FFCC00"/></y:ShapeNode></data></node>
    <node id="B"><data key="k">state</data><data key="n">B</data></node>
    <edge source="A" target="B"><data key="ek">ALLIANCE</data><data key="w">0.5</data>
      <data key="q">repeats the evidence, not read</data></edge>
  </graph>
</graphml>"##;
        let g = from_str(xml).unwrap();
        let a = g.entity("A").unwrap();
        assert_eq!(a.attributes["label"], Value::Text("Alpha".into()));
        assert_eq!(a.attributes["population"], Value::Int(42));
        // An edge without an id is numbered as the CSV reader numbers rows.
        let r = g.relation("r1").unwrap();
        assert_eq!(r.attributes()["weight"], Value::Float(0.5));
        assert_eq!(r.attributes().len(), 1);
        assert_eq!(r.intensity(), None, "weight is not intensity here");
    }

    #[test]
    fn key_defaults_fill_missing_data() {
        let xml = r#"<graphml>
  <key id="k" for="node" attr.name="kind"><default>state</default></key>
  <key id="n" for="node" attr.name="name"/>
  <key id="c" for="node" attr.name="colour"><default>red</default></key>
  <key id="ek" for="edge" attr.name="kind"><desc>the kind</desc><default>ALLIANCE</default></key>
  <graph edgedefault="directed">
    <node id="A"><data key="n">A</data></node>
    <node id="B"><data key="n">B</data><data key="k">government</data><data key="c">blue</data></node>
    <edge id="e" source="A" target="B"/>
  </graph>
</graphml>"#;
        let g = from_str(xml).unwrap();
        assert_eq!(g.entity("A").unwrap().kind, EntityKind::State);
        assert_eq!(
            g.entity("A").unwrap().attributes["colour"],
            Value::Text("red".into())
        );
        assert_eq!(g.entity("B").unwrap().kind, EntityKind::Government);
        assert_eq!(
            g.entity("B").unwrap().attributes["colour"],
            Value::Text("blue".into())
        );
        assert_eq!(
            g.relation("e").unwrap().kind(),
            crate::RelationKind::ALLIANCE
        );
    }

    #[test]
    fn undirected_edges_are_read_only_for_symmetric_kinds() {
        let file = |edgedefault: &str, directed: &str, kind: &str| {
            format!(
                r#"<graphml><key id="k" for="node" attr.name="kind"/><key id="n" for="node" attr.name="name"/>
<key id="ek" for="edge" attr.name="kind"/>
<graph edgedefault="{edgedefault}"><node id="A"><data key="k">state</data><data key="n">A</data></node>
<node id="B"><data key="k">state</data><data key="n">B</data></node>
<edge id="e" source="A" target="B"{directed}><data key="ek">{kind}</data></edge></graph></graphml>"#
            )
        };
        // TENSION is symmetric: an undirected edge is what it means.
        assert!(crate::Schema::builtin().get("TENSION").unwrap().symmetric);
        let g = from_str(&file("undirected", "", "TENSION")).unwrap();
        assert_eq!(g.relation("e").unwrap().source(), "A");
        // SUPPORTS has a direction the file does not give.
        let err = from_str(&file("undirected", "", "SUPPORTS")).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Graphml { .. }));
        assert!(
            err.to_string()
                .contains("undirected edge of kind `SUPPORTS`"),
            "{err}"
        );
        let location = err.location().unwrap();
        assert_eq!(
            (location.line, location.field.as_deref()),
            (Some(5), Some("kind"))
        );
        // An edge may say it is directed in an undirected graph, and the other way round.
        assert!(from_str(&file("undirected", r#" directed="true""#, "SUPPORTS")).is_ok());
        assert!(from_str(&file("directed", r#" directed="false""#, "SUPPORTS")).is_err());
        assert!(from_str(&file("directed", "", "SUPPORTS")).is_ok());
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "ab\n한국<x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('<').unwrap()), (2, 3));
        // Past the end, or inside a character: the nearest place before it.
        assert_eq!(line_column(text, 4), (2, 1));
        assert_eq!(line_column(text, 1000), (2, 5));
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
