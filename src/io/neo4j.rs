//! Neo4j bulk-import CSV (`neo4j-admin database import`), both ways.
//!
//! # Files
//! `nodes.csv`, one row per entity:
//!
//! | column | meaning |
//! |---|---|
//! | `id:ID` | the entity id |
//! | `name` | the display name |
//! | `:LABEL` | the kind, capitalised (`State`, `Government`, `Person`, `Organization`, `Event`, `Policy`, `Place`, `Topic`) |
//! | `aliases` | a JSON list of strings, or empty |
//! | `lifetime_from`, `lifetime_until` | dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or empty |
//! | `lifetime_evidence` | a JSON list of evidence (`{"source", "quote", "paragraph", "date"}`, as in the JSON format), or empty |
//! | `attributes` | a JSON object of scalars, or empty |
//!
//! `relationships.csv`, one row per relation:
//!
//! | column | meaning |
//! |---|---|
//! | `:START_ID`, `:END_ID` | source and target entity ids |
//! | `:TYPE` | the relation kind |
//! | `id` | the relation id |
//! | `polarity` | `positive`, `negative`, `neutral` when the relation overrides its kind's, or empty |
//! | `sign:int` | the effective sign, 1, −1 or 0 (written for tools; read only when `polarity` is absent) |
//! | `intensity:float`, `confidence:float` | numbers from 0 to 1, or empty |
//! | `valid_from`, `valid_until` | dates, or empty |
//! | `tense`, `occurs` | `timeless`, `past`, `present`, `future`; `state`, `once`; empty for the first |
//! | `not_before`, `not_after`, `throughout` | the time anchors' entity ids, or empty |
//! | `status` | `fact`, `claim`, `belief`, `hypothetical`, `disputed` |
//! | `asserted_by`, `about` | entity ids, or empty |
//! | `evidence` | a JSON list of evidence, or empty |
//! | `attributes` | a JSON object of scalars, or empty |
//!
//! `sources.csv` (optional when reading), one row per source: `id:ID`, `title`, `publisher`,
//! `date`, `url`.
//!
//! # Reading other people's files
//! The reader takes the columns it knows, by name, in any order, and keeps every other column
//! as a typed attribute (`:int`/`:long` as integers, `:float`/`:double` as numbers,
//! `:boolean` as booleans, anything else as text). It also understands the benchmark
//! workload's columns: `sign:int` (a polarity override when it differs from the kind's
//! default), `weight:float` (intensity), and `since:int`/`until:int` (years of validity).
//! Rows without an `id` column get the id `r<row>` (1-based). `:LABEL` may hold several
//! labels separated by `;`: the first that names an entity kind (in any letter case) counts.
//! `:TYPE` is mapped by [`ImportOptions::map_type`], by default to the kind of the same name.
//!
//! Relationships are streamed: each row becomes a relation as it is read, so a file of
//! millions of rows never sits in memory as text. Every error names its element, line and
//! column.
//!
//! What the reader refuses rather than guesses: a header that names a column twice (which
//! cell would count?); a file that ends inside a quoted cell (an unclosed quote, or a cut
//! file: the error names the line the quote opened on) or right after a comma; numbers by the
//! crate's one rule (an integer column fits in 64 bits; a number column is a decimal a float
//! holds, not `NaN` or `inf`). A last line without a line break is read, as CSV allows, so a
//! file cut inside an unquoted cell of its last line cannot be told from a whole one. When a
//! relationship names an entity whose row an unbalanced quote swallowed into an earlier
//! cell, its error says which entity's cell holds it ([`Error::note`](crate::Error::note)).

use std::fmt;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path as FsPath;
use std::sync::Arc;

use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::graph::Graph;
use crate::id::{EntityId, IdMap};
use crate::io::Cell;
use crate::io::fields::{self, Col, EntityCols, Fields, RelationCols, relocate};
use crate::io::json::{
    attributes_fragment, evidence_fragment, parse_attributes_fragment, strings_fragment,
};
use crate::known::{Occurrence, Tense};
use crate::model::{Attributes, Relation, Source, Value};
use crate::schema::{EntityKind, Polarity, RelationKind, Schema};
use crate::time::Date;

/// The name of the node file in a directory written by [`write_dir`].
pub const NODES_FILE: &str = "nodes.csv";
/// The name of the relationship file.
pub const RELATIONSHIPS_FILE: &str = "relationships.csv";
/// The name of the source file.
pub const SOURCES_FILE: &str = "sources.csv";

type TypeMap = Arc<dyn Fn(&str) -> Option<RelationKind> + Send + Sync>;
type LabelMap = Arc<dyn Fn(&str) -> Option<EntityKind> + Send + Sync>;

/// How to read CSV files: the schema to check relations against, and how `:TYPE` names map to
/// relation kinds.
#[derive(Clone)]
pub struct ImportOptions {
    schema: Schema,
    type_map: Option<TypeMap>,
    label_map: Option<LabelMap>,
}

impl fmt::Debug for ImportOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportOptions")
            .field("schema", &self.schema)
            .field("type_map", &self.type_map.as_ref().map(|_| "<fn>"))
            .field("label_map", &self.label_map.as_ref().map(|_| "<fn>"))
            .finish()
    }
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions::new()
    }
}

impl ImportOptions {
    /// The built-in schema, `:TYPE` names taken as kind names.
    pub fn new() -> ImportOptions {
        ImportOptions {
            schema: Schema::builtin(),
            type_map: None,
            label_map: None,
        }
    }

    /// Checks relations against this schema instead.
    pub fn schema(mut self, schema: Schema) -> Self {
        self.schema = schema;
        self
    }

    /// Maps `:TYPE` names to relation kinds; `None` means unknown (an error naming the row).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{RelationKind, io::neo4j::ImportOptions};
    /// let options = ImportOptions::new().map_type(|t| match t {
    ///     "ALLY_OF" => Some(RelationKind::ALLIANCE),
    ///     other => Some(RelationKind::new(other)),
    /// });
    /// # let _ = options;
    /// ```
    pub fn map_type(
        mut self,
        map: impl Fn(&str) -> Option<RelationKind> + Send + Sync + 'static,
    ) -> Self {
        self.type_map = Some(Arc::new(map));
        self
    }

    /// Maps `:LABEL` labels to entity kinds, as [`ImportOptions::map_type`] does types: each
    /// label of a row (they are separated by `;`) is offered in turn, and the first the map
    /// answers counts; a label it does not answer falls back to the kind names.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{EntityKind, io::neo4j::{self, ImportOptions}};
    /// let options = ImportOptions::new().map_label(|l| (l == "Country").then_some(EntityKind::State));
    /// let nodes = "id:ID,name,:LABEL\nQAT,Qatar,Country\n";
    /// let g = neo4j::read(nodes.as_bytes(), ":START_ID,:END_ID,:TYPE\n".as_bytes(), None, &options)?;
    /// assert_eq!(g.entity("QAT").unwrap().kind, EntityKind::State);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn map_label(
        mut self,
        map: impl Fn(&str) -> Option<EntityKind> + Send + Sync + 'static,
    ) -> Self {
        self.label_map = Some(Arc::new(map));
        self
    }
}

fn io_error(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io {
        message: e.to_string(),
    })
}

fn csv_error(e: csv::Error, element: Element) -> Error {
    let line = e.position().map(|p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    };
    let mut location = Location::new(element, None);
    location.line = line;
    Error::at(ErrorKind::Csv { message }, location)
}

fn label(kind: EntityKind) -> String {
    let name = kind.as_str();
    name[..1].to_uppercase() + &name[1..]
}

/// A tense as written: empty for the default (timeless), so that files without time
/// columns and files with them read the same.
fn tense_text(t: Tense) -> &'static str {
    if t == Tense::Timeless { "" } else { t.as_str() }
}

/// An occurrence as written: empty for the default (a state).
fn occurs_text(o: Occurrence) -> &'static str {
    if o == Occurrence::State {
        ""
    } else {
        o.as_str()
    }
}

fn date_text(d: Option<Date>) -> String {
    d.map_or(String::new(), |d| d.to_string())
}

fn float_text(x: Option<f64>) -> String {
    // Rust prints the shortest text that reads back as the same f64.
    x.map_or(String::new(), |x| x.to_string())
}

// ----- writing -----

/// Writes the three CSV files.
///
/// # Errors
/// [`ErrorKind::Io`] when writing fails.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::neo4j};
/// let g = datasets::us_korea_2011();
/// let (mut nodes, mut rels, mut sources) = (Vec::new(), Vec::new(), Vec::new());
/// neo4j::write(&g, &mut nodes, &mut rels, &mut sources)?;
/// let back = neo4j::read(&nodes[..], &rels[..], Some(&mut &sources[..]), &neo4j::ImportOptions::new())?;
/// assert_eq!(back, g);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(
    graph: &Graph,
    nodes: impl Write,
    relationships: impl Write,
    sources: impl Write,
) -> Result<()> {
    let csv_io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        other => Error::new(ErrorKind::Io {
            message: format!("{other:?}"),
        }),
    };
    let mut w = csv::Writer::from_writer(nodes);
    w.write_record(NODE_HEADER).map_err(csv_io)?;
    for e in graph.entities() {
        w.write_record([
            e.id.as_str(),
            &e.name,
            &label(e.kind),
            &strings_fragment(&e.aliases),
            &date_text(e.lifetime.start()),
            &date_text(e.lifetime.end()),
            &evidence_fragment(&e.lifetime_evidence),
            &attributes_fragment(&e.attributes),
        ])
        .map_err(csv_io)?;
    }
    w.flush().map_err(io_error)?;

    let mut w = csv::Writer::from_writer(relationships);
    w.write_record(REL_HEADER).map_err(csv_io)?;
    for r in graph.relations() {
        w.write_record([
            r.source().as_str(),
            r.target().as_str(),
            r.kind().as_str(),
            r.id(),
            r.stated_polarity().map_or("", |p| p.as_str()),
            &r.polarity().sign().to_string(),
            &float_text(r.intensity()),
            &float_text(r.confidence()),
            &date_text(r.valid().start()),
            &date_text(r.valid().end()),
            tense_text(r.tense()),
            occurs_text(r.occurs()),
            r.not_before().map_or("", |a| a.as_str()),
            r.not_after().map_or("", |a| a.as_str()),
            r.throughout().map_or("", |a| a.as_str()),
            r.status().as_str(),
            r.asserted_by().map_or("", |a| a.as_str()),
            r.about().map_or("", |a| a.as_str()),
            &evidence_fragment(r.evidence()),
            &attributes_fragment(r.attributes()),
        ])
        .map_err(csv_io)?;
    }
    w.flush().map_err(io_error)?;

    let mut w = csv::Writer::from_writer(sources);
    w.write_record(SOURCE_HEADER).map_err(csv_io)?;
    for s in graph.sources() {
        w.write_record([
            s.id.as_str(),
            &s.title,
            s.publisher.as_deref().unwrap_or(""),
            &date_text(s.date),
            s.url.as_deref().unwrap_or(""),
        ])
        .map_err(csv_io)?;
    }
    w.flush().map_err(io_error)
}

/// Writes `nodes.csv`, `relationships.csv` and `sources.csv` into a directory (which must
/// exist).
///
/// # Errors
/// [`ErrorKind::Io`] when a file cannot be written.
pub fn write_dir(graph: &Graph, dir: impl AsRef<FsPath>) -> Result<()> {
    let dir = dir.as_ref();
    let create = |name: &str| {
        File::create(dir.join(name))
            .map(BufWriter::new)
            .map_err(io_error)
    };
    write(
        graph,
        create(NODES_FILE)?,
        create(RELATIONSHIPS_FILE)?,
        create(SOURCES_FILE)?,
    )
}

// ----- reading -----

/// A header column: its position, and the type after the colon.
struct Column {
    index: usize,
    kind: String,
}

/// A header text's column name and type: `sign:int` is `sign` of type `int`, `:LABEL` keeps
/// its colon, an `ID` column is `id`, and Neo4j id spaces (`:START_ID(Person)`,
/// `personId:ID(Person)`) name the same columns as without them.
fn column_name(raw: &str) -> (String, String) {
    let plain = |s: &str| s.split('(').next().unwrap_or(s).to_owned();
    let (name, kind) = match raw.strip_prefix(':') {
        Some(special) => (format!(":{}", plain(special)), String::new()),
        None => match raw.split_once(':') {
            Some((n, t)) => (n.to_owned(), plain(t)),
            None => (raw.to_owned(), String::new()),
        },
    };
    let name = if kind == "ID" { "id".to_owned() } else { name };
    (name, kind)
}

/// The columns of a header: the known ones by name (the part before the colon; `:LABEL` and
/// friends keep their colon-prefixed name), the others kept as typed attributes.
struct Header {
    columns: Vec<(String, Column)>,
    extra: Vec<(String, Column)>,
    id: Col,
}

impl Header {
    /// Reads a header; the columns named in `known` (header texts, as written) are known. A
    /// name given twice (`id:ID,id:ID`, two `name`s, `:START_ID` twice) is an error: which
    /// cell would be meant?
    fn new(record: &csv::StringRecord, known: &[&str], element: Element) -> Result<Header> {
        let known: Vec<String> = known.iter().map(|k| column_name(k).0).collect();
        let mut columns = Vec::new();
        let mut extra: Vec<(String, Column)> = Vec::new();
        for (index, raw) in record.iter().enumerate() {
            let (name, kind) = column_name(raw);
            if let Some(first) = columns
                .iter()
                .chain(&extra)
                .find(|(n, _): &&(String, Column)| *n == name)
            {
                let mut location = Location::new(element, None);
                location.line = Some(1);
                location.column = Some(index + 1);
                return Err(Error::at(
                    ErrorKind::Csv {
                        message: format!(
                            "the header repeats the column {} (columns {} and {})",
                            crate::error::shown(&name),
                            first.1.index + 1,
                            index + 1
                        ),
                    },
                    location,
                ));
            }
            let column = Column { index, kind };
            if known.contains(&name) {
                columns.push((name, column));
            } else {
                extra.push((name, column));
            }
        }
        let mut header = Header {
            columns,
            extra,
            id: Col {
                name: "id",
                index: None,
            },
        };
        header.id = header.col("id");
        Ok(header)
    }

    /// Resolves a known column by name.
    fn col(&self, name: &'static str) -> Col {
        Col {
            name,
            index: self.known_index(name),
        }
    }

    fn known_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.index)
    }

    fn has(&self, name: &str) -> bool {
        self.columns.iter().any(|(n, _)| n == name)
    }
}

/// One record, read through resolved columns; its location is built only for an error.
struct Row<'a> {
    header: &'a Header,
    record: &'a csv::StringRecord,
    element: Element,
    index: usize,
}

impl Row<'_> {
    fn location(&self) -> Location {
        let id = self.text(self.header.id);
        let mut location = Location::new(self.element, id).index(self.index);
        location.line = self.record.position().map(|p| p.line());
        location
    }

    /// The `attributes` JSON column, with the typed columns the reader does not know merged
    /// over it.
    fn attributes(&self, col: Col) -> Result<Attributes> {
        let mut attrs = self
            .parse(col, parse_attributes_fragment)?
            .unwrap_or_default();
        for (name, column) in &self.header.extra {
            let Some(text) = self.record.get(column.index).filter(|s| !s.is_empty()) else {
                continue;
            };
            let bad = |expected| {
                let mut location = self.location().field(name);
                location.column = Some(column.index + 1);
                Error::at(
                    ErrorKind::InvalidValue {
                        value: text.to_owned(),
                        expected,
                    },
                    location,
                )
            };
            let value = match column.kind.to_ascii_lowercase().as_str() {
                "int" | "long" | "short" | "byte" => match crate::io::number(text) {
                    Ok(Value::Int(i)) => Value::Int(i),
                    Ok(_) => return Err(bad("an integer")),
                    Err(expected) => return Err(bad(expected)),
                },
                "float" | "double" => Value::Float(crate::io::float(text).map_err(bad)?),
                "boolean" => Value::Bool(text.parse().map_err(|_| bad("`true` or `false`"))?),
                _ => Value::Text(text.to_owned()),
            };
            attrs.insert(name.clone(), value);
        }
        Ok(attrs)
    }
}

impl<'a> Fields<'a> for Row<'a> {
    fn text(&self, col: Col) -> Option<&'a str> {
        col.index
            .and_then(|i| self.record.get(i))
            .filter(|s| !s.is_empty())
    }

    fn fail(&self, col: Col, kind: ErrorKind) -> Error {
        let mut location = self.location().field(col.name);
        location.column = col.index.map(|i| i + 1);
        Error::at(kind, location)
    }

    fn fail_named(&self, name: &str, kind: ErrorKind) -> Error {
        let mut location = self.location().field(name);
        location.column = self.header.known_index(name).map(|i| i + 1);
        Error::at(kind, location)
    }

    fn missing(&self, col: Col) -> Error {
        self.fail(
            col,
            ErrorKind::Csv {
                message: format!("missing value for column `{}`", col.name),
            },
        )
    }
}

/// Reads every record of a CSV file: the header first (its required columns checked, then
/// the columns `resolve` needs, resolved once), then each record handed to `f` as a [`Row`]
/// located at its element (by the `id` column when there is one), list index and line.
fn each_row<R: Read, C>(
    reader: R,
    element: Element,
    known: &[&str],
    required: &[&str],
    resolve: impl FnOnce(&Header) -> C,
    mut f: impl FnMut(Row<'_>, &C) -> Result<()>,
) -> Result<()> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(QuoteWatch::new(reader));
    let header = Header::new(
        csv.headers().map_err(|e| csv_error(e, element))?,
        known,
        element,
    )?;
    for name in required {
        if !header.has(name) {
            let mut location = Location::new(element, None);
            location.line = Some(1);
            return Err(Error::at(
                ErrorKind::Csv {
                    message: format!("the header has no `{name}` column"),
                },
                location,
            ));
        }
    }
    let columns = resolve(&header);
    let mut record = csv::StringRecord::new();
    let mut index = 0;
    while csv
        .read_record(&mut record)
        .map_err(|e| csv_error(e, element))?
    {
        let row = Row {
            header: &header,
            record: &record,
            element,
            index,
        };
        f(row, &columns)?;
        index += 1;
    }
    csv.get_ref().finish(element)
}

/// Watches the bytes a CSV reader reads for what the reader forgives: a quoted cell still
/// open at the end of the file (an unclosed quote swallows everything after it into one
/// cell) and a last record cut right after a comma. Both mean the file is not whole.
struct QuoteWatch<R> {
    inner: R,
    state: Cell,
    /// 1-based line of the byte being read, and of the quote that opened the current cell.
    line: u64,
    opened: u64,
    last: Option<u8>,
    /// How many bytes of a leading byte-order mark have been seen, while the file may still
    /// begin with one (csv skips it, so the watch does too); `None` once past the start.
    bom: Option<usize>,
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

impl<R> QuoteWatch<R> {
    fn new(inner: R) -> Self {
        QuoteWatch {
            inner,
            state: Cell::Start,
            line: 1,
            opened: 0,
            last: None,
            bom: Some(0),
        }
    }

    fn watch(&mut self, mut bytes: &[u8]) {
        if let Some(mut seen) = self.bom {
            while seen < BOM.len() && bytes.first() == Some(&BOM[seen]) {
                seen += 1;
                bytes = &bytes[1..];
            }
            if seen < BOM.len() && bytes.is_empty() {
                self.bom = Some(seen); // the next read may complete it
                return;
            }
            self.bom = None;
            if seen < BOM.len() {
                // Not a byte-order mark after all: what matched of it is text.
                self.step(&BOM[..seen]);
            }
        }
        self.step(bytes);
    }

    fn step(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let next = self.state.after(b, b',');
            if self.state == Cell::Start && next == Cell::Quoted {
                self.opened = self.line;
            }
            self.state = next;
            if b == b'\n' {
                self.line += 1;
            }
        }
        if let Some(&b) = bytes.last() {
            self.last = Some(b);
        }
    }

    /// The error for a file that ends inside a quoted cell or right after a comma.
    fn finish(&self, element: Element) -> Result<()> {
        let (line, message) = match (self.state, self.last) {
            (Cell::Quoted, _) => (
                self.opened,
                format!(
                    "the file ends inside the quoted cell opened on line {}: an unclosed quote, or a cut file",
                    self.opened
                ),
            ),
            (Cell::Start, Some(b',')) => (
                self.line,
                format!(
                    "the file ends right after a comma on line {}, without a line break: a cut file?",
                    self.line
                ),
            ),
            _ => return Ok(()),
        };
        let mut location = Location::new(element, None);
        location.line = Some(line);
        Err(Error::at(ErrorKind::Csv { message }, location))
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.watch(&buf[..n]);
        Ok(n)
    }
}

/// The header of `nodes.csv` as written; the reader knows these columns by name.
const NODE_HEADER: &[&str] = &[
    "id:ID",
    "name",
    ":LABEL",
    "aliases",
    "lifetime_from",
    "lifetime_until",
    "lifetime_evidence",
    "attributes",
];

/// The header of `relationships.csv` as written (the Kuzu script's `Relation` table follows
/// its order).
const REL_HEADER: &[&str] = &[
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "id",
    "polarity",
    "sign:int",
    "intensity:float",
    "confidence:float",
    "valid_from",
    "valid_until",
    "tense",
    "occurs",
    "not_before",
    "not_after",
    "throughout",
    "status",
    "asserted_by",
    "about",
    "evidence",
    "attributes",
];

/// The benchmark workload's relationship columns the reader also knows.
const WORKLOAD_REL_COLUMNS: &[&str] = &["weight:float", "since:int", "until:int"];

/// The header of `sources.csv` as written.
const SOURCE_HEADER: &[&str] = &["id:ID", "title", "publisher", "date", "url"];

/// Maps the model's field names to CSV columns, for locating insertion errors.
const REL_FIELDS: &[(&str, &str)] = &[
    ("source", ":START_ID"),
    ("target", ":END_ID"),
    ("kind", ":TYPE"),
    ("valid", "valid_from"),
];

/// Reads a graph from the three CSV files (`sources` may be absent).
///
/// # Errors
/// [`ErrorKind::Csv`] for malformed CSV or a missing required column (`id:ID`, `:LABEL`;
/// `:START_ID`, `:END_ID`, `:TYPE`), [`ErrorKind::UnknownEntityKind`] for a `:LABEL` that
/// names no kind, [`ErrorKind::UnknownRelationKind`] for a `:TYPE` the mapping or the schema
/// does not know, [`ErrorKind::Json`] for a malformed JSON cell, and every rule error of
/// [`Graph::add_entity`] and [`Graph::add_relation`]; each located by element, line and
/// column.
///
/// # Complexity
/// O(n + m) time; memory for the graph, not for the text.
pub fn read(
    nodes: impl Read,
    relationships: impl Read,
    sources: Option<&mut dyn Read>,
    options: &ImportOptions,
) -> Result<Graph> {
    read_sized(nodes, relationships, sources, options, (0, 0))
}

/// [`read`] into a graph with room reserved for about `rows` (entities, relations).
fn read_sized(
    nodes: impl Read,
    relationships: impl Read,
    sources: Option<&mut dyn Read>,
    options: &ImportOptions,
    rows: (usize, usize),
) -> Result<Graph> {
    let mut graph = Graph::with_schema(options.schema.clone());
    graph.reserve(rows.0, rows.1);
    if let Some(sources) = sources {
        read_sources(&mut graph, sources)?;
    }
    read_nodes(&mut graph, nodes, options)?;
    read_relationships(&mut graph, relationships, options).map_err(|e| swallowed(&graph, e))?;
    Ok(graph)
}

/// For an entity a relationship names but the nodes file did not give: when the text of an
/// entity read earlier holds a line that starts with that id and a comma, an unbalanced quote
/// there swallowed the row; say so (the error alone would point at the wrong file).
fn swallowed(graph: &Graph, e: Error) -> Error {
    let ErrorKind::UnknownEntity { id } = e.kind() else {
        return e;
    };
    let row = format!("\n{id},");
    let holder = graph.entities().find(|n| {
        n.name.contains(&row)
            || n.aliases.iter().any(|a| a.contains(&row))
            || n.attributes
                .values()
                .any(|v| matches!(v, Value::Text(t) if t.contains(&row)))
    });
    match holder {
        Some(n) => {
            let note = format!(
                "its row seems to sit inside a quoted cell of entity {} in the nodes file: an unbalanced quote there?",
                crate::error::shown(n.id.as_str())
            );
            e.with_note(note)
        }
        None => e,
    }
}

/// The number of line feeds in a regular file: an upper bound on its rows (a quoted cell may
/// hold a line feed), read once to reserve room before a load. 0 when it is not a regular
/// file (a pipe must be read once only) or cannot be read (the load then reports the error).
fn count_lines(path: &FsPath) -> usize {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return 0;
    }
    let Ok(mut file) = File::open(path) else {
        return 0;
    };
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0;
    while let Ok(n @ 1..) = file.read(&mut buf) {
        lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
    }
    lines
}

/// Reads `nodes.csv`, `relationships.csv` and, when present, `sources.csv` from a directory.
///
/// # Errors
/// [`ErrorKind::Io`] naming the file that cannot be opened, then as [`read`].
///
/// # Example
/// ```no_run
/// use alliance_graph::io::neo4j;
/// let g = neo4j::read_dir("bench-data/large", &neo4j::ImportOptions::new())?;
/// println!("nodes={} edges={}", g.entity_count(), g.relation_count());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_dir(dir: impl AsRef<FsPath>, options: &ImportOptions) -> Result<Graph> {
    let dir = dir.as_ref();
    let open = |name: &str| {
        File::open(dir.join(name))
            .map(|f| BufReader::with_capacity(1 << 20, f))
            .map_err(|e| {
                Error::new(ErrorKind::Io {
                    message: format!("{}: {e}", dir.join(name).display()),
                })
            })
    };
    let mut sources = if dir.join(SOURCES_FILE).exists() {
        Some(open(SOURCES_FILE)?)
    } else {
        None
    };
    // Counting rows first (a fast scan of bytes) spares the arenas, adjacency index and id
    // tables every doubling and rehash of a growing load.
    let rows = (
        count_lines(&dir.join(NODES_FILE)),
        count_lines(&dir.join(RELATIONSHIPS_FILE)),
    );
    read_sized(
        open(NODES_FILE)?,
        open(RELATIONSHIPS_FILE)?,
        sources.as_mut().map(|s| s as &mut dyn Read),
        options,
        rows,
    )
}

fn read_sources(graph: &mut Graph, reader: impl Read) -> Result<()> {
    struct Cols {
        title: Col,
        publisher: Col,
        date: Col,
        url: Col,
    }
    each_row(
        reader,
        Element::Source,
        SOURCE_HEADER,
        &["id", "title"],
        |h| Cols {
            title: h.col("title"),
            publisher: h.col("publisher"),
            date: h.col("date"),
            url: h.col("url"),
        },
        |row, c| {
            let source = Source {
                id: row.required(row.header.id)?.into(),
                title: row.required(c.title)?.to_owned(),
                publisher: row.text(c.publisher).map(str::to_owned),
                date: row.date(c.date)?,
                url: row.text(c.url).map(str::to_owned),
            };
            graph.add_source(source).map_err(|e| relocate(e, &row, &[]))
        },
    )
}

fn read_nodes(graph: &mut Graph, reader: impl Read, options: &ImportOptions) -> Result<()> {
    struct Cols {
        name: Col,
        label: Col,
        entity: EntityCols,
        attributes: Col,
    }
    each_row(
        reader,
        Element::Entity,
        NODE_HEADER,
        &["id", ":LABEL"],
        |h| Cols {
            name: h.col("name"),
            label: h.col(":LABEL"),
            entity: EntityCols {
                aliases: h.col("aliases"),
                from: h.col("lifetime_from"),
                until: h.col("lifetime_until"),
                evidence: h.col("lifetime_evidence"),
            },
            attributes: h.col("attributes"),
        },
        |row, c| {
            let id = row.required(row.header.id)?;
            let labels = row.required(c.label)?;
            let kind = labels
                .split(';')
                .find_map(|l| {
                    options
                        .label_map
                        .as_ref()
                        .and_then(|map| map(l))
                        .or_else(|| EntityKind::from_label(l))
                })
                .ok_or_else(|| {
                    row.fail(
                        c.label,
                        ErrorKind::UnknownEntityKind {
                            name: labels.to_owned(),
                        },
                    )
                })?;
            let name = row.text(c.name).unwrap_or(id);
            let mut entity = fields::entity(&row, &c.entity, id, kind, name)?;
            entity.attributes = row.attributes(c.attributes)?;
            graph
                .add_entity(entity)
                .map_err(|e| relocate(e, &row, &[("lifetime", "lifetime_from")]))
        },
    )
}

/// The relationship columns the reader knows, resolved once per file.
struct RelCols {
    start: Col,
    end: Col,
    kind: Col,
    fields: RelationCols,
    attributes: Col,
}

fn read_relationships(graph: &mut Graph, reader: impl Read, options: &ImportOptions) -> Result<()> {
    let required = &[":START_ID", ":END_ID", ":TYPE"];
    let known: Vec<&str> = REL_HEADER
        .iter()
        .chain(WORKLOAD_REL_COLUMNS)
        .copied()
        .collect();
    // Each `:TYPE` text's kind and default polarity, found once (without a caller's mapping,
    // which is the caller's own function and called every time).
    let mut kinds: IdMap<String, (RelationKind, Option<Polarity>)> = IdMap::default();
    let mut generated = String::new();
    each_row(
        reader,
        Element::Relation,
        &known,
        required,
        |h| RelCols {
            start: h.col(":START_ID"),
            end: h.col(":END_ID"),
            kind: h.col(":TYPE"),
            fields: RelationCols {
                polarity: h.col("polarity"),
                sign: h.col("sign"),
                effective: Col::absent("effective polarity"),
                intensity: h.col("intensity"),
                weight: h.col("weight"),
                confidence: h.col("confidence"),
                valid_from: h.col("valid_from"),
                since: h.col("since"),
                valid_until: h.col("valid_until"),
                until: h.col("until"),
                tense: h.col("tense"),
                occurs: h.col("occurs"),
                not_before: h.col("not_before"),
                not_after: h.col("not_after"),
                throughout: h.col("throughout"),
                status: h.col("status"),
                asserted_by: h.col("asserted_by"),
                about: h.col("about"),
                evidence: h.col("evidence"),
            },
            attributes: h.col("attributes"),
        },
        |row, c| {
            let id = match row.text(row.header.id) {
                Some(id) => id,
                None => {
                    generated.clear();
                    // Writing into a String cannot fail.
                    let _ =
                        fmt::Write::write_fmt(&mut generated, format_args!("r{}", row.index + 1));
                    generated.as_str()
                }
            };
            // Errors name the generated id when the file gives none.
            let named = |mut e: Error| {
                if let Some(l) = e.location_mut()
                    && l.id.is_none()
                {
                    l.id = Some(id.to_owned());
                }
                e
            };
            relationship_row(graph, options, &mut kinds, &row, c, id).map_err(named)
        },
    )
}

/// One row of `relationships.csv` as a relation, inserted.
fn relationship_row(
    graph: &mut Graph,
    options: &ImportOptions,
    kinds: &mut IdMap<String, (RelationKind, Option<Polarity>)>,
    row: &Row<'_>,
    c: &RelCols,
    id: &str,
) -> Result<()> {
    let type_name = row.required(c.kind)?;
    let unknown = || {
        row.fail(
            c.kind,
            ErrorKind::UnknownRelationKind {
                name: type_name.to_owned(),
            },
        )
    };
    let (kind, default) = match &options.type_map {
        Some(map) => {
            let kind = map(type_name).ok_or_else(unknown)?;
            let default = graph.schema().get(kind.as_str()).map(|d| d.polarity);
            (kind, default)
        }
        None => match kinds.get(type_name) {
            Some(known) => known.clone(),
            None => {
                let found = graph.schema().get(type_name).map_or_else(
                    || (RelationKind::new(type_name), None),
                    |d| (d.name.clone(), Some(d.polarity)),
                );
                kinds.insert(type_name.to_owned(), found.clone());
                found
            }
        },
    };
    let (start, end) = (row.required(c.start)?, row.required(c.end)?);
    // Each end is looked up once; the relation shares the graph's own id.
    let handle = |id: &str| graph.store().handle(id);
    let (hs, ht) = (handle(start), handle(end));
    let shared = |h: Option<u32>, id: &str| -> EntityId {
        h.and_then(|h| graph.store().entity_at(h))
            .map_or_else(|| id.into(), |e| e.id.clone())
    };
    let mut r = Relation::new(id, kind, shared(hs, start), shared(ht, end));
    fields::relation_fields(row, &c.fields, &mut r, default, |a| shared(handle(a), a))?;
    r.attributes = row.attributes(c.attributes)?;
    let added = match (hs, ht) {
        (Some(s), Some(t)) => graph.add_relation_between(r, s, t),
        _ => graph.add_relation(r),
    };
    added.map_err(|e| relocate(e, row, REL_FIELDS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_count_bounds_rows_and_is_zero_for_a_missing_file() {
        let dir = std::env::temp_dir().join(format!("ag-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.csv");
        std::fs::write(&path, "a,b\n1,\"x\ny\"\n2,z\n").unwrap();
        assert_eq!(count_lines(&path), 4); // three rows, one quoted line feed
        assert_eq!(count_lines(&dir.join("missing.csv")), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
