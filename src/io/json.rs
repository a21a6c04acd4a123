#![doc = include_str!("../../docs/FORMAT.md")]

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::{Read, Write};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::check;
use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::graph::Graph;
use crate::known::{Occurrence, Tense};
use crate::model::{Attributes, Entity, Evidence, Relation, Source, Status, Value};
use crate::schema::{EndpointRule, EntityKind, EntityKinds, Polarity, RelationKindDef, Schema};
use crate::time::{Date, Interval};

/// The `format` name every document carries.
pub const FORMAT_NAME: &str = crate::error::FORMAT_NAME;
/// The `version` this crate writes. It reads this one and every earlier one (see
/// [`OLDEST_VERSION`]).
pub const FORMAT_VERSION: u64 = 2;

/// The oldest `version` this crate reads. Version 1 has no tense, occurrence, time anchors
/// or evidence dates: every relation is timeless, as that version meant.
pub const OLDEST_VERSION: u64 = 1;

// ----- the shadow structs: the format itself -----

#[derive(Deserialize)]
struct Header {
    format: String,
    version: u64,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    version: u64,
    #[serde(default, skip_serializing_if = "DocSchema::is_default")]
    schema: DocSchema,
    #[serde(default)]
    sources: Vec<DocSource>,
    #[serde(default)]
    entities: Vec<DocEntity>,
    #[serde(default)]
    relations: Vec<DocRelation>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocSchema {
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    builtins: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    relation_kinds: Vec<DocKind>,
}

impl Default for DocSchema {
    fn default() -> Self {
        DocSchema {
            builtins: true,
            relation_kinds: Vec::new(),
        }
    }
}

impl DocSchema {
    fn is_default(&self) -> bool {
        self.builtins && self.relation_kinds.is_empty()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocKind {
    name: String,
    polarity: String,
    #[serde(default, skip_serializing_if = "is_false")]
    symmetric: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    endpoints: Vec<DocRule>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cameo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plover: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocRule {
    from: Vec<String>,
    to: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocSource {
    id: String,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DocInterval {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocEvidence {
    source: String,
    quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

impl DocEvidence {
    fn to_evidence(&self) -> Result<Evidence, ErrorKind> {
        let date = match &self.date {
            None => None,
            Some(t) => Some(t.parse::<Date>().map_err(|e| e.kind().clone())?),
        };
        Ok(Evidence {
            source: self.source.as_str().into(),
            quote: self.quote.clone(),
            paragraph: self.paragraph,
            date,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocEntity {
    id: String,
    kind: String,
    name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lifetime: Option<DocInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    lifetime_evidence: Vec<DocEvidence>,
    #[serde(default, skip_serializing_if = "AttrMap::is_empty")]
    attributes: AttrMap,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocRelation {
    id: String,
    kind: String,
    source: String,
    target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    polarity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    intensity: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid: Option<DocInterval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tense: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    occurs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    throughout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    asserted_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    about: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<DocEvidence>,
    #[serde(default, skip_serializing_if = "AttrMap::is_empty")]
    attributes: AttrMap,
}

/// Attributes as written: a JSON object whose keys must be unique (serde_json would otherwise
/// keep the last of two equal keys and silently lose the first), each value kept as its text
/// so that numbers are judged as written (see [`crate::io::number`]).
#[derive(Serialize, Default)]
struct AttrMap(BTreeMap<String, Box<RawValue>>);

impl AttrMap {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for AttrMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Unique;
        impl<'de> Visitor<'de> for Unique {
            type Value = AttrMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of attributes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AttrMap, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, Box<RawValue>>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate attribute {}",
                            crate::error::shown(&key)
                        )));
                    }
                    out.insert(key, value);
                }
                Ok(AttrMap(out))
            }
        }
        deserializer.deserialize_map(Unique)
    }
}

// ----- reading -----

fn json_error(e: &serde_json::Error) -> Error {
    Error::new(ErrorKind::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Collects errors; in `first` mode it stops at the first one.
struct Sink {
    errors: Vec<Error>,
    all: bool,
}

impl Sink {
    fn full(&self) -> bool {
        !self.all && !self.errors.is_empty()
    }

    fn push(&mut self, e: Error) {
        if !self.full() {
            self.errors.push(e);
        }
    }
}

/// Converts one element's fields, recording each failure as a located error.
struct Fields<'a> {
    location: Location,
    sink: &'a mut Sink,
    failed: bool,
}

impl Fields<'_> {
    fn fail(&mut self, field: &str, kind: ErrorKind) {
        self.failed = true;
        self.sink
            .push(Error::at(kind, self.location.clone().field(field)));
    }

    fn take<T>(&mut self, field: &str, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(field, e.kind().clone());
                None
            }
        }
    }

    fn date(&mut self, field: &str, text: Option<&String>) -> Option<Option<Date>> {
        match text {
            None => Some(None),
            Some(t) => self.take(field, t.parse::<Date>()).map(Some),
        }
    }

    fn interval(&mut self, field: &str, doc: Option<&DocInterval>) -> Option<Interval> {
        let Some(doc) = doc else {
            return Some(Interval::ALWAYS);
        };
        let from = self.date(&format!("{field}.from"), doc.from.as_ref());
        let until = self.date(&format!("{field}.until"), doc.until.as_ref());
        let (from, until) = (from?, until?);
        self.take(field, Interval::new(from, until))
    }

    fn evidence(&mut self, field: &str, docs: &[DocEvidence]) -> Vec<Evidence> {
        docs.iter()
            .enumerate()
            .filter_map(|(i, d)| match d.to_evidence() {
                Ok(e) => Some(e),
                Err(kind) => {
                    self.fail(&format!("{field}[{i}].date"), kind);
                    None
                }
            })
            .collect()
    }

    fn attributes(&mut self, doc: &AttrMap) -> Attributes {
        let mut out = Attributes::new();
        for (name, v) in &doc.0 {
            match attribute_value(v) {
                Ok(value) => {
                    out.insert(name.clone(), value);
                }
                Err(kind) => self.fail(&format!("attributes.{name}"), kind),
            }
        }
        out
    }

    fn kinds(&mut self, field: &str, names: &[String]) -> EntityKinds {
        if names.iter().any(|n| n == "*") {
            return EntityKinds::ANY;
        }
        let mut kinds = Vec::new();
        for n in names {
            if let Some(k) = self.take(field, n.parse::<EntityKind>()) {
                kinds.push(k);
            }
        }
        EntityKinds::of(&kinds)
    }

    /// Records the rule problems of a converted element.
    fn problems(&mut self, problems: Vec<check::Problem>) {
        for (field, kind) in problems {
            self.fail(&field, kind);
        }
    }
}

/// An attribute value from JSON: a boolean, a string, or a number by [`crate::io::number`]'s
/// rule (an integer within 64 bits, or a float that holds it).
fn attribute_value(raw: &RawValue) -> Result<Value, ErrorKind> {
    let text = raw.get();
    let invalid = |expected| ErrorKind::InvalidValue {
        value: text.to_owned(),
        expected,
    };
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str(text)
            .map(Value::Text)
            .map_err(|_| invalid("a string")),
        Some(b'-' | b'0'..=b'9') => crate::io::number(text).map_err(invalid),
        _ => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(invalid("a boolean, a string, a 64-bit integer or a number")),
        },
    }
}

// ----- JSON fragments, for formats that embed structured fields in one text field -----

fn to_fragment<T: Serialize>(value: &T) -> String {
    // Plain strings, integers and string-keyed maps of scalars: serializing cannot fail.
    serde_json::to_string(value).expect("fragment serializes")
}

/// Evidence as a compact JSON list (empty text for no evidence).
pub(crate) fn evidence_fragment(items: &[Evidence]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        to_fragment(&evidence_doc(items))
    }
}

/// Reads [`evidence_fragment`]'s text back.
pub(crate) fn parse_evidence_fragment(text: &str) -> Result<Vec<Evidence>, ErrorKind> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let docs: Vec<DocEvidence> = strictly(text).map_err(|e| e.kind().clone())?;
    docs.iter().map(DocEvidence::to_evidence).collect()
}

/// Attributes as a compact JSON object (empty text for none).
pub(crate) fn attributes_fragment(attrs: &Attributes) -> String {
    if attrs.is_empty() {
        String::new()
    } else {
        to_fragment(&attributes_doc(attrs))
    }
}

/// Reads [`attributes_fragment`]'s text back, keys unique, values scalars.
pub(crate) fn parse_attributes_fragment(text: &str) -> Result<Attributes, ErrorKind> {
    if text.is_empty() {
        return Ok(Attributes::new());
    }
    let map: AttrMap = strictly(text).map_err(|e| e.kind().clone())?;
    map.0
        .iter()
        .map(|(k, v)| Ok((k.clone(), attribute_value(v)?)))
        .collect()
}

/// A list of strings as a compact JSON list (empty text for none).
pub(crate) fn strings_fragment(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        to_fragment(&items)
    }
}

/// Reads [`strings_fragment`]'s text back.
pub(crate) fn parse_strings_fragment(text: &str) -> Result<Vec<String>, ErrorKind> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    strictly(text).map_err(|e| e.kind().clone())
}

/// The schema as the compact JSON of a document's `schema` object (empty text for the
/// built-in schema).
pub(crate) fn schema_fragment(schema: &Schema) -> String {
    let doc = schema_doc(schema);
    if doc.is_default() {
        String::new()
    } else {
        to_fragment(&doc)
    }
}

/// The source table as the compact JSON of a document's `sources` list (empty text for none).
pub(crate) fn sources_fragment(graph: &Graph) -> String {
    let docs = sources_doc(graph);
    if docs.is_empty() {
        String::new()
    } else {
        to_fragment(&docs)
    }
}

/// An empty graph with the schema and source table of [`schema_fragment`]'s and
/// [`sources_fragment`]'s texts (empty: the built-in schema, no sources), checked as
/// [`from_str`] checks a document's.
///
/// Errors: [`ErrorKind::Json`] located at the document's field `schema` or `sources` for
/// malformed JSON or a value of the wrong shape, else the first rule error, located at its
/// relation kind or source.
pub(crate) fn graph_from_fragments(schema: &str, sources: &str) -> Result<Graph> {
    fn parse<T: serde::de::DeserializeOwned + Default>(text: &str, field: &str) -> Result<T> {
        if text.is_empty() {
            return Ok(T::default());
        }
        strictly(text).map_err(|e| {
            Error::at(
                e.kind().clone(),
                Location::new(Element::Document, None).field(field),
            )
        })
    }
    let doc = Doc {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        schema: parse(schema, "schema")?,
        sources: parse(sources, "sources")?,
        entities: Vec::new(),
        relations: Vec::new(),
    };
    let (graph, mut errors) = build(&doc, false);
    match errors.pop() {
        Some(e) => Err(e),
        None => Ok(graph),
    }
}

fn fields<'a>(sink: &'a mut Sink, element: Element, id: &str, index: usize) -> Fields<'a> {
    Fields {
        location: Location::new(element, Some(id)).index(index),
        sink,
        failed: false,
    }
}

fn build(doc: &Doc, all: bool) -> (Graph, Vec<Error>) {
    let mut sink = Sink {
        errors: Vec::new(),
        all,
    };
    let mut schema = if doc.schema.builtins {
        Schema::builtin()
    } else {
        Schema::empty()
    };
    for (i, k) in doc.schema.relation_kinds.iter().enumerate() {
        let mut f = fields(&mut sink, Element::RelationKind, &k.name, i);
        let polarity = f.take("polarity", k.polarity.parse::<Polarity>());
        let endpoints: Vec<EndpointRule> = k
            .endpoints
            .iter()
            .enumerate()
            .map(|(j, r)| EndpointRule {
                from: f.kinds(&format!("endpoints[{j}].from"), &r.from),
                to: f.kinds(&format!("endpoints[{j}].to"), &r.to),
            })
            .collect();
        if let Some(polarity) = polarity {
            let mut def = RelationKindDef::new(k.name.clone(), polarity)
                .describe(k.description.clone())
                .event_codes(k.cameo.as_deref(), k.plover.as_deref());
            def.symmetric = k.symmetric;
            def.endpoints = endpoints;
            if let Err(e) = schema.declare(def) {
                f.fail("name", e.kind().clone());
            }
        }
    }
    let mut graph = Graph::with_schema(schema);

    for (i, s) in doc.sources.iter().enumerate() {
        if sink.full() {
            break;
        }
        let mut f = fields(&mut sink, Element::Source, &s.id, i);
        let Some(date) = f.date("date", s.date.as_ref()) else {
            continue;
        };
        let source = Source {
            id: s.id.as_str().into(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            date,
            url: s.url.clone(),
        };
        f.problems(check::source(&source));
        if !f.failed {
            insert(&mut f, graph.add_source(source));
        }
    }

    // Entities of the document that failed their own checks: relations that name them are
    // still checked, but not reported again for naming them.
    let mut invalid: HashSet<&str> = HashSet::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if sink.full() {
            break;
        }
        let mut f = fields(&mut sink, Element::Entity, &e.id, i);
        let kind = f.take("kind", e.kind.parse::<EntityKind>());
        let lifetime = f.interval("lifetime", e.lifetime.as_ref());
        let lifetime_evidence = f.evidence("lifetime_evidence", &e.lifetime_evidence);
        if doc.version < 2 && e.lifetime_evidence.iter().any(|x| x.date.is_some()) {
            f.fail(
                "lifetime_evidence",
                ErrorKind::InvalidValue {
                    value: format!("an evidence `date` in a version {} document", doc.version),
                    expected: "a version 2 document for evidence dates",
                },
            );
        }
        let attributes = f.attributes(&e.attributes);
        let (Some(kind), Some(lifetime)) = (kind, lifetime) else {
            invalid.insert(&e.id);
            continue;
        };
        let entity = Entity {
            id: e.id.as_str().into(),
            kind,
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            lifetime,
            lifetime_evidence,
            attributes,
        };
        f.problems(check::entity(&entity, &graph));
        if f.failed {
            invalid.insert(&e.id);
        } else {
            insert(&mut f, graph.add_entity(entity));
        }
    }

    for (i, r) in doc.relations.iter().enumerate() {
        if sink.full() {
            break;
        }
        let mut f = fields(&mut sink, Element::Relation, &r.id, i);
        let polarity = match &r.polarity {
            None => Some(None),
            Some(p) => f.take("polarity", p.parse::<Polarity>()).map(Some),
        };
        let status = match &r.status {
            None => Some(Status::Fact),
            Some(s) => f.take("status", s.parse::<Status>()),
        };
        let valid = f.interval("valid", r.valid.as_ref());
        let tense = match &r.tense {
            None => Some(Tense::Timeless),
            Some(t) => f.take("tense", t.parse::<Tense>()),
        };
        let occurs = match &r.occurs {
            None => Some(Occurrence::State),
            Some(o) => f.take("occurs", o.parse::<Occurrence>()),
        };
        let evidence = f.evidence("evidence", &r.evidence);
        let attributes = f.attributes(&r.attributes);
        if doc.version < 2 {
            let newer = [
                ("tense", r.tense.is_some()),
                ("occurs", r.occurs.is_some()),
                ("not_before", r.not_before.is_some()),
                ("not_after", r.not_after.is_some()),
                ("throughout", r.throughout.is_some()),
                ("evidence", r.evidence.iter().any(|e| e.date.is_some())),
            ];
            for (field, _) in newer.into_iter().filter(|(_, used)| *used) {
                f.fail(field, ErrorKind::InvalidValue {
                    value: format!("`{field}` in a version {} document", doc.version),
                    expected: "a version 2 document for tense, occurrence, time anchors and evidence dates",
                });
            }
        }
        let (Some(polarity), Some(status), Some(valid), Some(tense), Some(occurs)) =
            (polarity, status, valid, tense, occurs)
        else {
            continue;
        };
        let relation = Relation {
            id: r.id.as_str().into(),
            kind: r.kind.as_str().into(),
            source: r.source.as_str().into(),
            target: r.target.as_str().into(),
            polarity,
            intensity: r.intensity,
            confidence: r.confidence,
            valid,
            tense,
            occurs,
            not_before: r.not_before.as_deref().map(Into::into),
            not_after: r.not_after.as_deref().map(Into::into),
            throughout: r.throughout.as_deref().map(Into::into),
            status,
            asserted_by: r.asserted_by.as_deref().map(Into::into),
            about: r.about.as_deref().map(Into::into),
            evidence,
            attributes,
        };
        let names_invalid = |id: &str| invalid.contains(id);
        let blocked = [Some(&relation.source), Some(&relation.target)]
            .into_iter()
            .chain([
                relation.about.as_ref(),
                relation.asserted_by.as_ref(),
                relation.not_before.as_ref(),
                relation.not_after.as_ref(),
                relation.throughout.as_ref(),
            ])
            .flatten()
            .any(|id| names_invalid(id.as_str()));
        f.problems(
            check::relation(&relation, &graph)
                .into_iter()
                .filter(|(_, k)| !matches!(k, ErrorKind::UnknownEntity { id } if names_invalid(id)))
                .collect(),
        );
        if !f.failed && !blocked {
            insert(&mut f, graph.add_relation(relation));
        }
    }
    (graph, sink.errors)
}

/// Records the one error insertion can still find after the rules passed: a duplicate id.
fn insert(f: &mut Fields<'_>, result: Result<()>) {
    if let Err(e) = result {
        let field = e
            .location()
            .and_then(|l| l.field.clone())
            .unwrap_or_else(|| "id".to_owned());
        f.fail(&field, e.kind().clone());
    }
}

fn parse(text: &str) -> Result<Doc> {
    // RFC 8259 lets a parser ignore a byte-order mark; ignoring it loses nothing.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let header: Header = strictly(text)?;
    check_header(&header)?;
    strictly(text)
}

/// Deserializes the whole text, every struct from a JSON object only (see
/// [`crate::io::strict`]).
fn strictly<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(crate::io::strict::Strict(&mut de)).map_err(|e| json_error(&e))?;
    de.end().map_err(|e| json_error(&e))?;
    Ok(value)
}

/// The format's name and a version this crate reads.
fn check_header(header: &Header) -> Result<()> {
    if header.format != FORMAT_NAME {
        return Err(Error::at(
            ErrorKind::UnsupportedFormat {
                found: header.format.clone(),
            },
            Location::new(Element::Document, None).field("format"),
        ));
    }
    if !(OLDEST_VERSION..=FORMAT_VERSION).contains(&header.version) {
        return Err(Error::at(
            ErrorKind::UnsupportedVersion {
                found: header.version,
                supported: FORMAT_VERSION,
            },
            Location::new(Element::Document, None).field("version"),
        ));
    }
    Ok(())
}

/// With the `serde` feature, a `Graph` is serialized as its canonical document (the same
/// structure [`to_string`] writes, in any serde format) and deserialized through [`from_str`]'s
/// checks. Deserializing reads free attribute values by their own shape, so it needs a
/// self-describing format (JSON, YAML, TOML, RON, CBOR, MessagePack; not bincode).
///
/// # Example
/// ```
/// # #[cfg(feature = "serde")] {
/// use alliance_graph::{datasets, Graph};
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Study {
///     title: String,
///     graph: Graph,
/// }
/// let study = Study { title: "US–Korea, 2011".into(), graph: datasets::us_korea_2011() };
/// let text = serde_json::to_string(&study).unwrap();
/// let back: Study = serde_json::from_str(&text).unwrap();
/// assert_eq!(back.graph.relation_count(), study.graph.relation_count());
/// # }
/// ```
#[cfg(feature = "serde")]
impl Serialize for Graph {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        // Through a JSON value, so that attribute values kept as JSON text reach any format as
        // plain scalars.
        serde_json::to_value(to_doc(self))
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Graph {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Graph, D::Error> {
        use serde::de::Error as _;
        // Through a JSON value and `from_str`'s checks. The value is built by the outer
        // format's own rules: numbers arrive as it typed them (an integer past 64 bits
        // becomes a float in serde_json's value), and of a key given twice the last is kept,
        // where `from_str` refuses both. Use `io::json::from_str` on JSON text for the strict
        // reading.
        let value = serde_json::Value::deserialize(deserializer)?;
        from_str(&value.to_string()).map_err(D::Error::custom)
    }
}

/// Loads a graph from a JSON document, checking everything.
///
/// # Errors
/// The first problem found: [`ErrorKind::Json`] with line and column for malformed JSON or a
/// value of the wrong shape, [`ErrorKind::UnsupportedFormat`] and
/// [`ErrorKind::UnsupportedVersion`] for the header, and otherwise the error of the first
/// element that breaks a rule, located by its list index, id and field. [`check`] lists them
/// all.
///
/// # Example
/// ```
/// use alliance_graph::io::json;
/// let g = json::from_str(r#"{
///   "format": "alliance-graph", "version": 1,
///   "entities": [
///     {"id": "USA", "kind": "state", "name": "United States"},
///     {"id": "KOR", "kind": "state", "name": "South Korea"}
///   ],
///   "relations": [{"id": "r1", "kind": "ALLIANCE", "source": "KOR", "target": "USA"}]
/// }"#)?;
/// assert_eq!(g.relation_count(), 1);
/// let err = json::from_str(r#"{"format": "alliance-graph", "version": 1,
///   "relations": [{"id": "r1", "kind": "ALLIANCE", "source": "KOR", "target": "USA"}]}"#)
///     .unwrap_err();
/// assert_eq!(err.to_string(), "unknown entity `KOR` in relation `r1` (index 0, field `source`)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_str(text: &str) -> Result<Graph> {
    let doc = parse(text)?;
    let (graph, mut errors) = build(&doc, false);
    match errors.pop() {
        Some(e) => Err(e),
        None => Ok(graph),
    }
}

/// Loads a graph from a reader of JSON text (a leading byte-order mark is ignored, as RFC 8259
/// allows).
///
/// # Errors
/// [`ErrorKind::Io`] when reading fails, [`ErrorKind::Json`] at the line and column of the
/// first byte that is not UTF-8, then as [`from_str`].
pub fn from_reader(mut reader: impl Read) -> Result<Graph> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| {
        Error::new(ErrorKind::Io {
            message: e.to_string(),
        })
    })?;
    from_str(utf8(&bytes)?)
}

/// The bytes as text, or an error at the line and column of the first byte that is not
/// UTF-8.
fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Characters, not bytes, before the bad one on its line (it is valid UTF-8).
        let column = std::str::from_utf8(&good[start..]).map_or(0, |t| t.chars().count()) + 1;
        Error::new(ErrorKind::Json {
            line,
            column,
            message: format!(
                "the text is not UTF-8 (byte 0x{:02x} at byte offset {})",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        })
    })
}

/// Lists every problem of a JSON document at once, as data; empty when [`from_str`] would
/// succeed. A syntax error or a bad header is the only problem reported, since nothing after
/// it can be read. An entity that fails its own checks is reported once: relations that name
/// it are still checked for everything else, but not reported for naming it.
///
/// # Example
/// ```
/// use alliance_graph::io::json;
/// let problems = json::check(r#"{"format": "alliance-graph", "version": 1,
///   "entities": [{"id": "USA", "kind": "nation", "name": "United States"},
///                {"id": "KOR", "kind": "state", "name": ""}]}"#);
/// let messages: Vec<String> = problems.iter().map(|e| e.to_string()).collect();
/// assert_eq!(messages, [
///     "unknown entity kind `nation` in entity `USA` (index 0, field `kind`)",
///     "invalid value ``, expected non-empty, visible text in entity `KOR` (index 1, field `name`)",
/// ]);
/// ```
pub fn check(text: &str) -> Vec<Error> {
    match parse(text) {
        Err(e) => vec![e],
        Ok(doc) => build(&doc, true).1,
    }
}

// ----- writing -----

fn interval_doc(i: &Interval) -> Option<DocInterval> {
    (!i.is_always()).then(|| DocInterval {
        from: i.start().map(|d| d.to_string()),
        until: i.end().map(|d| d.to_string()),
    })
}

fn evidence_doc(items: &[Evidence]) -> Vec<DocEvidence> {
    items
        .iter()
        .map(|e| DocEvidence {
            source: e.source.to_string(),
            quote: e.quote.clone(),
            paragraph: e.paragraph,
            date: e.date.map(|d| d.to_string()),
        })
        .collect()
}

fn attributes_doc(attrs: &Attributes) -> AttrMap {
    AttrMap(
        attrs
            .iter()
            .map(|(k, v)| {
                let json = match v {
                    Value::Bool(b) => serde_json::Value::Bool(*b),
                    Value::Int(i) => serde_json::Value::from(*i),
                    // Non-finite floats are rejected on insert; `from` maps them to null.
                    Value::Float(f) => serde_json::Value::from(*f),
                    Value::Text(s) => serde_json::Value::String(s.clone()),
                };
                // A scalar's JSON text is valid JSON: cannot fail.
                let raw = serde_json::value::to_raw_value(&json).expect("a scalar serializes");
                (k.clone(), raw)
            })
            .collect(),
    )
}

fn kinds_doc(kinds: EntityKinds) -> Vec<String> {
    if kinds.is_any() {
        vec!["*".to_owned()]
    } else {
        kinds.iter().map(|k| k.as_str().to_owned()).collect()
    }
}

fn schema_doc(schema: &Schema) -> DocSchema {
    DocSchema {
        builtins: schema.has_builtins(),
        relation_kinds: schema
            .custom_kinds()
            .map(|k| DocKind {
                name: k.name.to_string(),
                polarity: k.polarity.as_str().to_owned(),
                symmetric: k.symmetric,
                endpoints: k
                    .endpoints
                    .iter()
                    .map(|r| DocRule {
                        from: kinds_doc(r.from),
                        to: kinds_doc(r.to),
                    })
                    .collect(),
                description: k.description.clone(),
                cameo: k.cameo.clone(),
                plover: k.plover.clone(),
            })
            .collect(),
    }
}

fn sources_doc(graph: &Graph) -> Vec<DocSource> {
    graph
        .sources()
        .map(|s| DocSource {
            id: s.id.to_string(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            date: s.date.map(|d| d.to_string()),
            url: s.url.clone(),
        })
        .collect()
}

fn to_doc(graph: &Graph) -> Doc {
    Doc {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        schema: schema_doc(graph.schema()),
        sources: sources_doc(graph),
        entities: graph
            .entities()
            .map(|e| DocEntity {
                id: e.id.to_string(),
                kind: e.kind.as_str().to_owned(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                lifetime: interval_doc(&e.lifetime),
                lifetime_evidence: evidence_doc(&e.lifetime_evidence),
                attributes: attributes_doc(&e.attributes),
            })
            .collect(),
        relations: graph
            .relations()
            .map(|r| DocRelation {
                id: r.id().to_string(),
                kind: r.kind().to_string(),
                source: r.source().to_string(),
                target: r.target().to_string(),
                polarity: r.stated_polarity().map(|p| p.as_str().to_owned()),
                intensity: r.intensity(),
                confidence: r.confidence(),
                valid: interval_doc(&r.valid()),
                tense: (r.tense() != Tense::Timeless).then(|| r.tense().as_str().to_owned()),
                occurs: (r.occurs() != Occurrence::State).then(|| r.occurs().as_str().to_owned()),
                not_before: r.not_before().map(|a| a.to_string()),
                not_after: r.not_after().map(|a| a.to_string()),
                throughout: r.throughout().map(|a| a.to_string()),
                status: (r.status() != Status::Fact).then(|| r.status().as_str().to_owned()),
                asserted_by: r.asserted_by().map(|a| a.to_string()),
                about: r.about().map(|a| a.to_string()),
                evidence: evidence_doc(r.evidence()),
                attributes: attributes_doc(r.attributes()),
            })
            .collect(),
    }
}

/// Writes a graph as canonical JSON: two-space indentation, fields in the documented order,
/// elements in the graph's order, defaults left out, a final newline. The same graph always
/// gives the same bytes, and loading then saving a canonical file gives it back unchanged.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::json};
/// let g = datasets::us_korea_2011();
/// let text = json::to_string(&g);
/// assert_eq!(json::to_string(&json::from_str(&text)?), text);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_string(graph: &Graph) -> String {
    // Serializing these plain structs (strings, integers, finite floats, string-keyed maps)
    // cannot fail.
    let mut text = serde_json::to_string_pretty(&to_doc(graph)).expect("shadow serializes");
    text.push('\n');
    text
}

/// Writes [`to_string`]'s text to a writer.
///
/// # Errors
/// [`ErrorKind::Io`] when writing fails.
pub fn to_writer(graph: &Graph, mut writer: impl Write) -> Result<()> {
    writer.write_all(to_string(graph).as_bytes()).map_err(|e| {
        Error::new(ErrorKind::Io {
            message: e.to_string(),
        })
    })
}
