//! Machine-coded event data in: ICEWS and GDELT rows become signed, dated, sourced relations.
//!
//! Four parts, each usable alone:
//!
//! - **Readers** stream rows one at a time ([`icews`], [`gdelt`]); memory does not grow with
//!   the file (rows are read in batches of at most [`BATCH_ROWS`], each row at most
//!   [`MAX_ROW_BYTES`]). [`Reader::for_each_ref`], the fast way, reads the next batches on a
//!   second thread while the caller's parses and uses the rows, in file order. Each row becomes an [`Event`]: its id, day, the two [`Actor`]s, the CAMEO code
//!   as text (`"040"` stays `"040"`), the quad class, the intensity, and what GDELT adds
//!   (mentions, sources, tone, URL).
//!   - ICEWS (Boschee et al., *ICEWS Coded Event Data*, Harvard Dataverse; the event files'
//!     documentation): tab-separated with a header row of 20 columns, `Event ID`,
//!     `Event Date`, `Source Name`, `Source Sectors`, `Source Country`, `Event Text`,
//!     `CAMEO Code`, `Intensity`, `Target Name`, `Target Sectors`, `Target Country`,
//!     `Story ID`, `Sentence Number`, `Publisher`, `City`, `District`, `Province`, `Country`,
//!     `Latitude`, `Longitude`, found by name. Quoted fields are read as CSV quotes them.
//!     ICEWS has no quad class: it follows from the CAMEO root (01–05 verbal cooperation,
//!     06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict), as the
//!     CAMEO codebook (Gerner, Schrodt and Yilmaz, 2012) groups them.
//!   - GDELT (*GDELT Event Codebook* V1.03 and V2.0, gdeltproject.org): tab-separated, no
//!     header; 57 columns (1.0 back files), 58 (1.0 daily files, with `SOURCEURL`) or 61
//!     (2.0, with an `ADM2Code` in each of the three geographies). Read by position:
//!     `GLOBALEVENTID` 0, `SQLDATE` 1, `Actor1Code` 5, `Actor1Name` 6, `Actor1CountryCode` 7,
//!     `Actor2Code` 15, `Actor2Name` 16, `Actor2CountryCode` 17, `EventCode` 26,
//!     `QuadClass` 29, `GoldsteinScale` 30, `NumMentions` 31, `NumSources` 32, `AvgTone` 34,
//!     and `SOURCEURL` last (57 or 60).
//!   - A bad row (wrong column count, a date that does not exist, a CAMEO code that is not
//!     one, a number that is not, text that is not UTF-8 in any of its fields, a quote that
//!     never closes) is an error naming its line and column, or, with [`OnBadRow::Skip`],
//!     skipped and counted by reason ([`Reader::skipped`]). Never silent. A quoted field may
//!     span lines, but not into a line that holds a whole row: that quote is taken for a
//!     stray one, its row refused (with any shorter lines it took in, which cannot be told
//!     from the rest of a quoted field; the error names them), and that line read as a row
//!     of its own, so a stray quote does not cost the rows after it.
//! - **Resolution** ([`Resolver`]): actors become entities. By default an actor's country
//!   (ICEWS's country name, GDELT's CAMEO country code) resolves to an ISO 3166-1 alpha-3
//!   state id through `data/countries.tsv` (ISO names, common and official names, and the
//!   names ICEWS and codes GDELT use where they differ); [`Resolver::alias`] adds names, and
//!   [`Resolver::governments`] maps government actors (ICEWS sectors naming a government,
//!   GDELT actor codes with the `GOV` role) to a government entity of their state. An actor
//!   that does not resolve is counted in the [`Summary`] (by its country as written, or, for
//!   an actor without a country, by its name marked so), never dropped silently.
//! - **Mapping** ([`CameoKinds`]): each CAMEO root code maps to a relation kind through the
//!   schema's own CAMEO column; the quad class gives the polarity, the intensity (Goldstein
//!   scale, −10 … +10) the strength.
//! - **Aggregation** ([`Aggregator`]): per directed dyad and [`Window`], the event count, the
//!   sum and mean intensity, the counts by quad class, the net sign and the sources, as one
//!   relation of an ordinary [`Graph`], with evidence quoting the first rows behind it (their
//!   text as read; their line in the file, as the evidence's `paragraph`; their date) and
//!   the ids of its events, so it can be traced back. Every query, path, balance and time
//!   function then works on it.
//!
//! # Example
//! ```
//! use alliance_graph::io::events::{self, Aggregator, OnBadRow, Resolver, Window};
//! let tsv = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude
//! 1\t2010-03-26\tNorth Korea\tGovernment\tNorth Korea\tUse conventional military force\t190\t-10.0\tSouth Korea\tMilitary\tSouth Korea\t11\t1\tYonhap\t\t\t\tSouth Korea\t37.5\t127.0
//! 2\t2010-03-30\tUnited States\tGovernment\tUnited States\tExpress intent to cooperate\t030\t4.0\tSouth Korea\tGovernment\tSouth Korea\t12\t1\tAP\t\t\t\tSouth Korea\t37.5\t127.0
//! ";
//! let mut agg = Aggregator::new(Window::Month, Resolver::countries(), "icews-fixture")?;
//! for event in events::icews(tsv.as_bytes(), OnBadRow::Fail)? {
//!     agg.add(&event?);
//! }
//! let (graph, summary) = agg.finish()?;
//! assert_eq!(summary.events, 2);
//! let attack = graph.relation("PRK-KOR-2010-03").unwrap();
//! assert_eq!(attack.polarity(), alliance_graph::Polarity::Negative);
//! assert_eq!(attack.evidence()[0].paragraph, Some(2)); // the line it came from
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::graph::Graph;
use crate::io::Cell;
use crate::io::scan::{LineError, Lines};
use crate::kind::EntityKind;
use crate::known::Occurrence;
use crate::model::{Entity, Evidence, Relation, Source, Value};
use crate::schema::{Polarity, RelationKind, Schema};
use crate::time::{Date, Interval};

/// CAMEO's four quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quad {
    /// 1: verbal cooperation (CAMEO roots 01–05).
    VerbalCooperation = 1,
    /// 2: material cooperation (06–08).
    MaterialCooperation = 2,
    /// 3: verbal conflict (09–13).
    VerbalConflict = 3,
    /// 4: material conflict (14–20).
    MaterialConflict = 4,
}

impl Quad {
    /// The quad class of a CAMEO root code (1 to 20).
    pub fn of_root(root: u8) -> Option<Quad> {
        Some(match root {
            1..=5 => Quad::VerbalCooperation,
            6..=8 => Quad::MaterialCooperation,
            9..=13 => Quad::VerbalConflict,
            14..=20 => Quad::MaterialConflict,
            _ => return None,
        })
    }

    fn of_number(n: u8) -> Option<Quad> {
        Some(match n {
            1 => Quad::VerbalCooperation,
            2 => Quad::MaterialCooperation,
            3 => Quad::VerbalConflict,
            4 => Quad::MaterialConflict,
            _ => return None,
        })
    }

    /// Cooperation is positive, conflict negative.
    pub fn polarity(self) -> Polarity {
        match self {
            Quad::VerbalCooperation | Quad::MaterialCooperation => Polarity::Positive,
            Quad::VerbalConflict | Quad::MaterialConflict => Polarity::Negative,
        }
    }
}

/// One side of an event as the data names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// The actor's name (`Lee Myung-bak`, `SOUTH KOREA`).
    pub name: String,
    /// GDELT's CAMEO actor code (`KORGOV`), empty for ICEWS.
    pub code: String,
    /// The actor's country: ICEWS's name (`South Korea`) or GDELT's CAMEO country code
    /// (`KOR`); empty when the data gives none.
    pub country: String,
    /// ICEWS's sectors (`Government, Executive`), empty for GDELT.
    pub sectors: String,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The dataset's event id.
    pub id: String,
    /// The day of the event.
    pub date: Date,
    /// Who acts.
    pub source: Actor,
    /// Who is acted upon.
    pub target: Actor,
    /// The CAMEO event code as written (`"040"`, `"1823"`).
    pub cameo: String,
    /// ICEWS's `Event Text` (`Make pessimistic comment`); empty for GDELT.
    pub description: String,
    /// The quad class (GDELT's `QuadClass`; for ICEWS, from the CAMEO root).
    pub quad: Quad,
    /// The intensity on the Goldstein scale, −10 … +10 (ICEWS `Intensity`, GDELT
    /// `GoldsteinScale`); absent when the row leaves it empty.
    pub intensity: Option<f64>,
    /// GDELT's `NumMentions`.
    pub mentions: Option<u32>,
    /// GDELT's `NumSources`.
    pub sources: Option<u32>,
    /// GDELT's `AvgTone`.
    pub tone: Option<f64>,
    /// GDELT's `SOURCEURL` (ICEWS has none).
    pub url: Option<String>,
    /// The line of the row in its file (1-based).
    pub line: u64,
    /// The row as written, what evidence quotes: its line (without the line break), or, for
    /// a row with quoted fields, its lines as written, quotes included, joined by line
    /// feeds.
    pub text: String,
}

impl Event {
    /// The CAMEO root code (the first two digits), 1 to 20.
    pub fn root(&self) -> u8 {
        cameo_root(&self.cameo).unwrap_or(0)
    }

    /// The event as a borrowed view (what [`Aggregator::add_ref`] takes).
    pub fn as_ref(&self) -> EventRef<'_> {
        fn actor(a: &Actor) -> ActorRef<'_> {
            ActorRef {
                name: &a.name,
                code: &a.code,
                country: &a.country,
                sectors: &a.sectors,
            }
        }
        EventRef {
            id: &self.id,
            date: self.date,
            source: actor(&self.source),
            target: actor(&self.target),
            cameo: &self.cameo,
            description: &self.description,
            quad: self.quad,
            intensity: self.intensity,
            mentions: self.mentions,
            sources: self.sources,
            tone: self.tone,
            url: self.url.as_deref(),
            line: self.line,
            text: &self.text,
        }
    }
}

/// An actor as a borrowed view of a row: see [`Actor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorRef<'a> {
    /// See [`Actor::name`].
    pub name: &'a str,
    /// See [`Actor::code`].
    pub code: &'a str,
    /// See [`Actor::country`].
    pub country: &'a str,
    /// See [`Actor::sectors`].
    pub sectors: &'a str,
}

impl ActorRef<'_> {
    /// An owned copy.
    pub fn to_actor(&self) -> Actor {
        Actor {
            name: self.name.to_owned(),
            code: self.code.to_owned(),
            country: self.country.to_owned(),
            sectors: self.sectors.to_owned(),
        }
    }
}

/// An event as a borrowed view of the row just read: the same fields as [`Event`], with no
/// allocation, for [`Reader::for_each_ref`] and [`Aggregator::add_ref`].
#[derive(Debug, Clone, Copy)]
pub struct EventRef<'a> {
    /// See [`Event::id`].
    pub id: &'a str,
    /// See [`Event::date`].
    pub date: Date,
    /// See [`Event::source`].
    pub source: ActorRef<'a>,
    /// See [`Event::target`].
    pub target: ActorRef<'a>,
    /// See [`Event::cameo`].
    pub cameo: &'a str,
    /// See [`Event::description`].
    pub description: &'a str,
    /// See [`Event::quad`].
    pub quad: Quad,
    /// See [`Event::intensity`].
    pub intensity: Option<f64>,
    /// See [`Event::mentions`].
    pub mentions: Option<u32>,
    /// See [`Event::sources`].
    pub sources: Option<u32>,
    /// See [`Event::tone`].
    pub tone: Option<f64>,
    /// See [`Event::url`].
    pub url: Option<&'a str>,
    /// See [`Event::line`].
    pub line: u64,
    /// See [`Event::text`].
    text: &'a str,
}

impl<'a> EventRef<'a> {
    /// The CAMEO root code, 1 to 20.
    pub fn root(&self) -> u8 {
        cameo_root(self.cameo).unwrap_or(0)
    }

    /// The row as written (see [`Event::text`]), borrowed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// An owned copy.
    pub fn to_event(&self) -> Event {
        Event {
            id: self.id.to_owned(),
            date: self.date,
            source: self.source.to_actor(),
            target: self.target.to_actor(),
            cameo: self.cameo.to_owned(),
            description: self.description.to_owned(),
            quad: self.quad,
            intensity: self.intensity,
            mentions: self.mentions,
            sources: self.sources,
            tone: self.tone,
            url: self.url.map(str::to_owned),
            line: self.line,
            text: self.text.to_owned(),
        }
    }
}

fn cameo_root(code: &str) -> Option<u8> {
    let digits = code.as_bytes();
    if !(3..=4).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let root = (digits[0] - b'0') * 10 + (digits[1] - b'0');
    (1..=20).contains(&root).then_some(root)
}

/// What a reader does with a row it cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnBadRow {
    /// Stop with an error naming the line and column.
    Fail,
    /// Skip the row and count it by reason ([`Reader::skipped`]).
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Icews,
    Gdelt,
}

/// ICEWS columns by name, resolved once from the header.
#[derive(Debug, Clone, Copy)]
struct IcewsColumns {
    id: usize,
    date: usize,
    source: [usize; 3],
    text: usize,
    cameo: usize,
    intensity: usize,
    target: [usize; 3],
    /// The header's number of columns: each row has as many.
    width: usize,
}

/// One row's fields as a view: the row's text (its fields joined by tabs) and where each
/// field ends in it (the next starts one byte later). A plain row (no quote character) is
/// its own line, split at its tabs; a row with quotes is read by the csv crate (RFC 4180
/// quoting, doubled quotes, line breaks inside quotes), and its fields, which may hold tabs,
/// joined by tabs.
#[derive(Debug, Clone, Copy)]
struct Fields<'a> {
    text: &'a str,
    ends: &'a [u32],
    /// The row as written: the same as `text` for a plain row; a quoted row's lines,
    /// quotes and all.
    raw: &'a str,
}

impl<'a> Fields<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize + 1,
        };
        self.text.get(start..end)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> {
        let fields = *self;
        (0..self.len()).filter_map(move |i| fields.get(i))
    }
}

/// The fields of a row with quotes, as the csv crate read them: joined by tabs, and where
/// each ends; and the row as written (its lines, quotes and all).
#[derive(Debug, Default)]
struct Row {
    text: String,
    ends: Vec<u32>,
    raw: String,
}

/// The most bytes one row may span (a quoted field may hold line breaks): a longer row is an
/// error (or, with [`OnBadRow::Skip`], passed over and counted), and an open quote still
/// open past it is taken for an unclosed one. Memory stays bounded whatever the input.
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// A streaming reader of events: an iterator of `Result<Event>`, one row at a time.
///
/// Rows are read in batches of at most [`BATCH_ROWS`] rows and about a megabyte of input (a
/// reader holds at most a few batches, whatever the file's size, however long its blank
/// runs or its lines over [`MAX_ROW_BYTES`]); a batch ends early when its next row has not
/// been read yet, so a slow input's rows come as they arrive. [`Reader::for_each_ref`]
/// reads the next batches on a second thread while the rows of one are parsed and handed
/// out.
pub struct Reader<R> {
    rows: Rows<R>,
    batch: Batch,
    policy: Policy,
}

/// The most rows a batch holds (one more when the line after a stray quote is read again).
pub const BATCH_ROWS: usize = 4096;

/// A batch stops taking rows once its text reaches this many bytes.
const BATCH_BYTES: usize = 1 << 20;

/// The reading half of a [`Reader`]: rows as read, before they are parsed. It may run on a
/// thread of its own.
struct Rows<R> {
    lines: Lines<R>,
    /// The lines of a quoted row, joined.
    joined: Vec<u8>,
    /// The bytes of the line before its text (a byte-order mark on the first line).
    skip: usize,
    /// Whether the current row is a quoted one, held in `record`.
    quoted: bool,
    quoting: bool,
    /// The header's number of columns (ICEWS, once the header is read): a line with that
    /// many fields or more cannot be the rest of a quoted field (see [`Rows::read_quoted`]).
    width: Option<usize>,
    /// Whether the current line is to be read again as a row of its own (a stray quote
    /// stopped at it).
    again: bool,
    record: Row,
    done: bool,
}

/// Why a row could not be had: text a policy may skip, or input that failed (the end).
#[derive(Debug)]
enum Unread {
    Text(Unreadable),
    Io(String),
}

/// A row's text that could not be read: what is wrong, the column (0-based) where, when one
/// can be named, and the reason counted.
type Unreadable = (String, Option<usize>, &'static str);

/// Rows read and not yet parsed: where each row's text lies, where its fields end (from the
/// start of its text) and its first line. Plain rows lie in the reader's own buffers,
/// which the batch holds (nothing is copied); quoted rows' fields are stored in `extra`.
#[derive(Debug, Default)]
struct Batch {
    blocks: Vec<Vec<u8>>,
    extra: Vec<u8>,
    ends: Vec<u32>,
    rows: Vec<BatchRow>,
    /// The next row to hand out.
    next: usize,
}

#[derive(Debug)]
struct BatchRow {
    line: u64,
    /// The block of a plain row; `None` for a quoted one, in `extra`.
    block: Option<usize>,
    text: (usize, usize),
    /// Where the row as written ends: for a quoted row, it follows its fields' text in
    /// `extra`; for a plain row, the two are one (this is `text.1`).
    raw: usize,
    fields: (usize, usize),
    unread: Option<Unread>,
}

impl Batch {
    fn clear(&mut self) {
        self.blocks.clear();
        self.extra.clear();
        self.ends.clear();
        self.rows.clear();
        self.next = 0;
    }

    /// The fields of row `i`, or why it has none: text that is not UTF-8 or could not be
    /// read, or input that failed.
    fn row(&self, i: usize) -> std::result::Result<Fields<'_>, Fault> {
        let row = &self.rows[i];
        match &row.unread {
            None => {}
            Some(Unread::Text((message, column, reason))) => {
                return Err(Fault::Bad(unreadable(message.clone(), *column, reason)));
            }
            Some(Unread::Io(message)) => return Err(Fault::Io(message.clone())),
        }
        let (a, b) = row.text;
        let bytes = match row.block {
            Some(block) => &self.blocks[block][a..b],
            None => &self.extra[a..b],
        };
        let ends = &self.ends[row.fields.0..row.fields.1];
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let at = e.valid_up_to();
            // The field holding the first bad byte: the first whose end lies past it.
            let column = ends.partition_point(|&end| (end as usize) < at);
            Fault::Bad(unreadable(
                format!("the field is not UTF-8 (byte {} of the line)", at + 1),
                Some(column),
                UNREADABLE,
            ))
        })?;
        // A quoted row as written follows its fields (and was UTF-8 as they were).
        let raw = match row.block {
            None if row.raw > b => std::str::from_utf8(&self.extra[b..row.raw]).unwrap_or(text),
            _ => text,
        };
        Ok(Fields { text, ends, raw })
    }
}

/// Why a row gives no fields: a bad row (the policy decides), or input that failed.
enum Fault {
    Bad(Bad),
    Io(String),
}

fn io_error(line: u64, message: String) -> Error {
    row_error(line, None, "row", ErrorKind::Io { message })
}

/// The parsing half of a [`Reader`]: the layout, and what the policy has done.
#[derive(Debug)]
struct Policy {
    format: Format,
    icews: Option<IcewsColumns>,
    on_bad: OnBadRow,
    skipped: BTreeMap<String, u64>,
    done: bool,
    last_day: LastDay,
}

impl Policy {
    /// A bad row under the policy: counted (and `None`) or the error (and the reader done).
    fn reject(&mut self, b: Bad, line: u64) -> Option<Error> {
        if self.on_bad == OnBadRow::Skip {
            *self.skipped.entry(b.reason.to_owned()).or_default() += 1;
            None
        } else {
            self.done = true;
            Some(row_error(line, b.column, b.field, b.kind))
        }
    }

    /// The event of row `i` of `batch`; `Err(None)` for a row the policy skips, `Err(Some)`
    /// for the error it does not.
    fn event<'b>(
        &mut self,
        batch: &'b Batch,
        i: usize,
    ) -> std::result::Result<EventRef<'b>, Option<Error>> {
        let line = batch.rows[i].line;
        let fault = match batch.row(i) {
            Ok(r) => match parse(r, self.format, self.icews, line, &mut self.last_day) {
                Ok(e) => return Ok(e),
                Err(b) => Fault::Bad(b),
            },
            Err(fault) => fault,
        };
        match fault {
            Fault::Bad(b) => Err(self.reject(b, line)),
            Fault::Io(message) => {
                self.done = true;
                Err(Some(io_error(line, message)))
            }
        }
    }

    /// Hands the rows of `batch` not yet handed out to `f`; the error that stops it.
    fn drain(
        &mut self,
        batch: &mut Batch,
        f: &mut impl FnMut(&EventRef<'_>),
    ) -> std::result::Result<(), Error> {
        while batch.next < batch.rows.len() && !self.done {
            let i = batch.next;
            batch.next += 1;
            match self.event(batch, i) {
                Ok(e) => f(&e),
                Err(None) => {}
                Err(Some(e)) => return Err(e),
            }
        }
        Ok(())
    }
}

impl<R> std::fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("format", &self.policy.format)
            .field("on_bad", &self.policy.on_bad)
            .field("skipped", &self.policy.skipped)
            .finish()
    }
}

const ICEWS_HEADER: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

fn row_error(line: u64, column: Option<usize>, field: &str, kind: ErrorKind) -> Error {
    let mut location = Location::new(Element::Row, None).field(field);
    location.line = Some(line);
    location.column = column.map(|c| c + 1);
    Error::at(kind, location)
}

/// Reads ICEWS event rows (tab-separated, a header row naming the 20 columns).
///
/// # Errors
/// [`ErrorKind::Csv`] at the header's line when it lacks a column the reader needs (each is
/// named) or repeats one; rows report their own errors as the iterator reaches them (a row
/// must have as many columns as the header).
pub fn icews<R: Read>(reader: R, on_bad: OnBadRow) -> Result<Reader<R>> {
    // The header is read under `Fail` whatever the policy: a skipped header would make the
    // first data row the header.
    let mut reader = Reader::new(reader, Format::Icews, true, OnBadRow::Fail);
    reader.rows.fill(&mut reader.batch, 1);
    let (line, header) = match reader.batch.rows.first() {
        None => (1, Vec::new()),
        Some(row) => {
            let fields = reader.batch.row(0).map_err(|fault| match fault {
                Fault::Bad(b) => row_error(row.line, b.column, b.field, b.kind),
                Fault::Io(message) => io_error(row.line, message),
            })?;
            (
                row.line,
                fields.iter().map(str::to_owned).collect::<Vec<_>>(),
            )
        }
    };
    reader.batch.clear();
    reader.policy.on_bad = on_bad;
    let header_error = |column: Option<usize>, message: String| {
        row_error(line, column, "header", ErrorKind::Csv { message })
    };
    if header.is_empty() {
        return Err(header_error(
            None,
            "the input is empty (or blank): an ICEWS file starts with its header row".to_owned(),
        ));
    }
    for (i, h) in header.iter().enumerate() {
        if let Some(first) = header[..i].iter().position(|g| g.trim() == h.trim()) {
            return Err(header_error(
                Some(i),
                format!(
                    "the header repeats the column {} (columns {} and {})",
                    crate::error::shown(h.trim()),
                    first + 1,
                    i + 1
                ),
            ));
        }
    }
    let find = |name: &str| -> Result<usize> {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| header_error(None, format!("the ICEWS header has no `{name}` column")))
    };
    let columns = IcewsColumns {
        id: find(ICEWS_HEADER[0])?,
        date: find(ICEWS_HEADER[1])?,
        source: [
            find(ICEWS_HEADER[2])?,
            find(ICEWS_HEADER[3])?,
            find(ICEWS_HEADER[4])?,
        ],
        text: find(ICEWS_HEADER[5])?,
        cameo: find(ICEWS_HEADER[6])?,
        intensity: find(ICEWS_HEADER[7])?,
        target: [
            find(ICEWS_HEADER[8])?,
            find(ICEWS_HEADER[9])?,
            find(ICEWS_HEADER[10])?,
        ],
        width: header.len(),
    };
    reader.rows.width = Some(columns.width);
    reader.policy.icews = Some(columns);
    Ok(reader)
}

/// Reads GDELT event rows (tab-separated, no header; 57, 58 or 61 columns, told apart row
/// by row). Fields are not quoted: a quote character is text.
pub fn gdelt<R: Read>(reader: R, on_bad: OnBadRow) -> Reader<R> {
    Reader::new(reader, Format::Gdelt, false, on_bad)
}

impl<R> Reader<R> {
    /// The rows skipped so far, by reason (only with [`OnBadRow::Skip`]).
    pub fn skipped(&self) -> &BTreeMap<String, u64> {
        &self.policy.skipped
    }
}

/// A row's problem: its column, field name and what is wrong; and a short reason to count.
struct Bad {
    column: Option<usize>,
    field: &'static str,
    kind: ErrorKind,
    reason: &'static str,
}

/// The byte-order mark, ignored at the start of a file.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// The reason counted for rows that cannot be read as text.
const UNREADABLE: &str = "unreadable text";

/// The reason counted for a row whose quote opens a field that runs into the next row.
const STRAY_QUOTE: &str = "a stray quote";

/// The reason counted for a row whose quoted field never closes.
const UNCLOSED: &str = "an unclosed quote";

fn unreadable(message: String, column: Option<usize>, reason: &'static str) -> Bad {
    Bad {
        column,
        field: "row",
        kind: ErrorKind::Csv { message },
        reason,
    }
}

fn bad(
    column: usize,
    field: &'static str,
    value: &str,
    expected: &'static str,
    reason: &'static str,
) -> Bad {
    Bad {
        column: Some(column),
        field,
        kind: ErrorKind::InvalidValue {
            value: value.to_owned(),
            expected,
        },
        reason,
    }
}

/// The last day a reader parsed, and its text: rows in date order repeat it.
#[derive(Debug, Default)]
struct LastDay {
    text: [u8; 10],
    date: Option<Date>,
}

impl LastDay {
    /// [`day`], remembering the last answer.
    fn day(&mut self, text: &str, compact: bool) -> Option<Date> {
        let len = if compact { 8 } else { 10 };
        if self.date.is_some() && text.as_bytes() == &self.text[..len] {
            return self.date;
        }
        let date = day(text, compact)?;
        // `day` takes only texts of exactly `len` bytes.
        self.text[..len].copy_from_slice(text.as_bytes());
        self.date = Some(date);
        Some(date)
    }
}

fn day(text: &str, compact: bool) -> Option<Date> {
    // YYYYMMDD (GDELT) or YYYY-MM-DD (ICEWS), digits checked byte by byte.
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u16, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })
    };
    let (y, m, d) = if compact {
        if b.len() != 8 {
            return None;
        }
        (digits(0..4)?, digits(4..6)?, digits(6..8)?)
    } else {
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        (digits(0..4)?, digits(5..7)?, digits(8..10)?)
    };
    Date::ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
}

fn optional<T: std::str::FromStr>(
    record: Fields<'_>,
    column: usize,
    field: &'static str,
    expected: &'static str,
) -> std::result::Result<Option<T>, Bad> {
    match record.get(column).map(str::trim_ascii) {
        None | Some("") => Ok(None),
        Some(t) => t
            .parse()
            .map(Some)
            .map_err(|_| bad(column, field, t, expected, NOT_A_NUMBER)),
    }
}

/// The reason counted for a number that is not one.
const NOT_A_NUMBER: &str = "a number that is not one";

/// A finite number, or none for an empty field.
fn number(
    record: Fields<'_>,
    column: usize,
    field: &'static str,
    expected: &'static str,
) -> std::result::Result<Option<f64>, Bad> {
    match record.get(column).map(str::trim_ascii) {
        None | Some("") => Ok(None),
        Some(t) => match crate::io::float(t) {
            Ok(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(bad(column, field, t, expected, NOT_A_NUMBER)),
        },
    }
}

/// An intensity, −10 to 10, or none for an empty field.
fn intensity(
    record: Fields<'_>,
    column: usize,
    field: &'static str,
) -> std::result::Result<Option<f64>, Bad> {
    const EXPECTED: &str = "an intensity from -10 to 10";
    match number(record, column, field, EXPECTED)? {
        Some(x) if !(-10.0..=10.0).contains(&x) => {
            let text = record.get(column).map_or("", str::trim_ascii);
            Err(bad(
                column,
                field,
                text,
                EXPECTED,
                "an intensity outside -10 … 10",
            ))
        }
        x => Ok(x),
    }
}

/// Parses the row just read into an event (a borrowed view of it).
fn parse<'r>(
    r: Fields<'r>,
    format: Format,
    icews: Option<IcewsColumns>,
    line: u64,
    last_day: &mut LastDay,
) -> std::result::Result<EventRef<'r>, Bad> {
    let get = |i: usize| r.get(i).unwrap_or("").trim_ascii();
    match (format, icews) {
        (Format::Icews, Some(c)) => {
            if r.len() != c.width {
                return Err(Bad {
                    column: None,
                    field: "row",
                    kind: ErrorKind::Csv {
                        message: format!(
                            "expected {} columns, as the header has, found {}",
                            c.width,
                            r.len()
                        ),
                    },
                    reason: "a wrong number of columns",
                });
            }
            let cameo = get(c.cameo);
            let root = cameo_root(cameo).ok_or_else(|| {
                bad(
                    c.cameo,
                    "CAMEO Code",
                    cameo,
                    "a CAMEO code (3 or 4 digits, root 01 to 20)",
                    "a CAMEO code that is not one",
                )
            })?;
            let date = last_day.day(get(c.date), false).ok_or_else(|| {
                bad(
                    c.date,
                    "Event Date",
                    get(c.date),
                    "a day YYYY-MM-DD that exists",
                    "an impossible date",
                )
            })?;
            let actor = |[name, sectors, country]: [usize; 3]| ActorRef {
                name: get(name),
                code: "",
                country: get(country),
                sectors: get(sectors),
            };
            Ok(EventRef {
                id: get(c.id),
                date,
                source: actor(c.source),
                target: actor(c.target),
                quad: Quad::of_root(root).unwrap_or(Quad::VerbalCooperation),
                cameo,
                description: get(c.text),
                intensity: intensity(r, c.intensity, "Intensity")?,
                mentions: None,
                sources: None,
                tone: None,
                url: None,
                line,
                text: r.raw,
            })
        }
        _ => {
            let url = match r.len() {
                57 => None,
                58 => Some(57),
                61 => Some(60),
                n => {
                    return Err(Bad {
                        column: None,
                        field: "row",
                        kind: ErrorKind::Csv {
                            message: format!(
                                "expected 57, 58 or 61 columns (GDELT 1.0 or 2.0), found {n}"
                            ),
                        },
                        reason: "a wrong number of columns",
                    });
                }
            };
            let cameo = get(26);
            cameo_root(cameo).ok_or_else(|| {
                bad(
                    26,
                    "EventCode",
                    cameo,
                    "a CAMEO code (3 or 4 digits, root 01 to 20)",
                    "a CAMEO code that is not one",
                )
            })?;
            let date = last_day.day(get(1), true).ok_or_else(|| {
                bad(
                    1,
                    "SQLDATE",
                    get(1),
                    "a day YYYYMMDD that exists",
                    "an impossible date",
                )
            })?;
            let quad_text = get(29);
            let quad = quad_text
                .parse::<u8>()
                .ok()
                .and_then(Quad::of_number)
                .ok_or_else(|| {
                    bad(
                        29,
                        "QuadClass",
                        quad_text,
                        "a quad class from 1 to 4",
                        "a quad class that is not one",
                    )
                })?;
            let actor = |code: usize, name: usize, country: usize| ActorRef {
                name: get(name),
                code: get(code),
                country: get(country),
                sectors: "",
            };
            Ok(EventRef {
                id: get(0),
                date,
                source: actor(5, 6, 7),
                target: actor(15, 16, 17),
                cameo,
                description: "",
                quad,
                intensity: intensity(r, 30, "GoldsteinScale")?,
                mentions: optional(r, 31, "NumMentions", "a count")?,
                sources: optional(r, 32, "NumSources", "a count")?,
                tone: number(r, 34, "AvgTone", "a number")?,
                url: url.map(get).filter(|s| !s.is_empty()),
                line,
                text: r.raw,
            })
        }
    }
}

impl<R: Read> Reader<R> {
    fn new(reader: R, format: Format, quoting: bool, on_bad: OnBadRow) -> Reader<R> {
        Reader {
            rows: Rows {
                lines: Lines::new(reader, MAX_ROW_BYTES),
                joined: Vec::new(),
                skip: 0,
                quoted: false,
                quoting,
                width: None,
                again: false,
                record: Row::default(),
                done: false,
            },
            batch: Batch::default(),
            policy: Policy {
                format,
                icews: None,
                on_bad,
                skipped: BTreeMap::new(),
                done: false,
                last_day: LastDay::default(),
            },
        }
    }
}

impl<R: Read + Send> Reader<R> {
    /// Hands each event to `f` as a borrowed view of its row, without allocating: the fast
    /// way to aggregate ([`Aggregator::add_ref`]). Stops at the first error (under
    /// [`OnBadRow::Fail`]) and returns it.
    ///
    /// The rows are read and split on a second thread, a few batches ahead of the parsing
    /// and of `f`, which run on the caller's thread in file order (on a platform without
    /// threads, all on the caller's); hence `R: Send` (a `Box<dyn Read + Send>` will do).
    /// The second thread ends before this returns: after an error it finishes the read it
    /// is in, so with an input that blocks, the error comes when the input gives more or
    /// ends. Reading ahead, it may have read past the row that stopped it.
    ///
    /// # Errors
    /// As the iterator's items.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::io::events::{self, Aggregator, OnBadRow, Resolver, Window};
    /// let file = std::fs::read("data/events/icews-korea-2010.tsv")?;
    /// let mut agg = Aggregator::new(Window::Quarter, Resolver::countries(), "fixture")?;
    /// events::icews(&file[..], OnBadRow::Fail)?.for_each_ref(|e| agg.add_ref(e))?;
    /// let (graph, summary) = agg.finish()?;
    /// assert_eq!(summary.events, 38);
    /// assert!(graph.relation("PRK-KOR-2010-Q1").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_each_ref(&mut self, mut f: impl FnMut(&EventRef<'_>)) -> Result<()> {
        // Rows the iterator already read come first.
        self.policy.drain(&mut self.batch, &mut f)?;
        if self.policy.done || self.rows.done {
            return Ok(());
        }
        let (rows, policy) = (&mut self.rows, &mut self.policy);
        crate::pipe::pipeline(
            move |emit| {
                loop {
                    let mut batch = emit.spare().unwrap_or_default();
                    let more = rows.fill(&mut batch, BATCH_ROWS);
                    if !emit.send(batch) || !more {
                        return;
                    }
                }
            },
            |batch| policy.drain(batch, &mut f),
        )
    }
}

impl<R: Read> Rows<R> {
    /// Reads rows into `batch` (emptied first, its buffers given back to be filled again): at
    /// most `max` of them and about [`BATCH_BYTES`] of input, and no more than can be had
    /// without waiting for input once it holds a row (so that a slow input's rows are
    /// handed out as they come). False when there are no more rows.
    fn fill(&mut self, batch: &mut Batch, max: usize) -> bool {
        self.lines.give(batch.blocks.drain(..));
        batch.clear();
        let base = self.lines.consumed();
        // A line to be read again (after a stray quote) is read into this batch: handing the
        // buffers over would drop it.
        while self.again
            || (batch.rows.len() < max && self.lines.consumed() - base < BATCH_BYTES as u64)
        {
            let Some((line, outcome)) = self.next(batch.rows.is_empty()) else {
                break;
            };
            let fields = batch.ends.len();
            let (block, text, unread) = match outcome {
                Ok(()) if self.quoted => {
                    let start = batch.extra.len();
                    batch.extra.extend_from_slice(self.record.text.as_bytes());
                    let text = (start, batch.extra.len());
                    batch.extra.extend_from_slice(self.record.raw.as_bytes());
                    batch.ends.extend_from_slice(&self.record.ends);
                    (None, text, None)
                }
                Ok(()) => {
                    let (block, start, end) = self.lines.place();
                    let start = start + self.skip;
                    // The fields end at the tabs and at the end of the line (a tab is never
                    // inside the byte-order mark skipped).
                    let skip = self.skip as u32;
                    if skip == 0 {
                        batch.ends.extend_from_slice(self.lines.tabs());
                    } else {
                        batch
                            .ends
                            .extend(self.lines.tabs().iter().map(|t| t - skip));
                    }
                    batch.ends.push((end - start) as u32);
                    (Some(block), (start, end), None)
                }
                Err(unread) => (None, (0, 0), Some(unread)),
            };
            let quoted = block.is_none() && unread.is_none();
            batch.rows.push(BatchRow {
                line,
                block,
                text,
                raw: if quoted { batch.extra.len() } else { text.1 },
                fields: (fields, batch.ends.len()),
                unread,
            });
        }
        self.lines.take(&mut batch.blocks);
        !self.done
    }

    /// Reads the next row that is not blank: its first line, and whether it could be read.
    /// `None` at the end, after input that failed, and, unless told to `wait`, when the next
    /// line is not yet read.
    fn next(&mut self, wait: bool) -> Option<(u64, std::result::Result<(), Unread>)> {
        loop {
            if !self.again && (self.done || (!wait && !self.lines.ready())) {
                return None;
            }
            let advanced = if std::mem::take(&mut self.again) {
                Ok(true)
            } else {
                self.lines.advance()
            };
            // A row is numbered by its first line, whatever it spans.
            let first = self.lines.number();
            self.quoted = false;
            let outcome = match advanced {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    let bytes = self.lines.bytes();
                    self.skip = if first == 1 && bytes.starts_with(BOM) {
                        BOM.len()
                    } else {
                        0
                    };
                    if bytes[self.skip..].trim_ascii().is_empty() {
                        continue; // a blank line
                    }
                    if self.quoting && self.lines.quote() {
                        self.read_quoted().map_err(Unread::Text)
                    } else {
                        Ok(())
                    }
                }
                Err(LineError::TooLong) => Err(Unread::Text((
                    format!("the row is longer than {MAX_ROW_BYTES} bytes (a line break missing?)"),
                    None,
                    UNREADABLE,
                ))),
                Err(LineError::Io(e)) => {
                    self.done = true;
                    return Some((first + 1, Err(Unread::Io(e.to_string()))));
                }
            };
            return Some((first, outcome));
        }
    }

    /// A line with quotes: joined with the next lines while a quoted field is open (at most
    /// [`MAX_ROW_BYTES`] in all), then read by the csv crate, which must take the whole of it
    /// as one row. Its first line is the line number of the row.
    ///
    /// A line that holds a whole row's fields (as many tabs as the header has, less one)
    /// is not taken for the rest of a quoted field: the quote is a stray one. The row is then
    /// refused, and the line that stopped it is read again as a row of its own, so a stray
    /// quote costs its row and the lines up to the next whole row (shorter lines cannot be
    /// told from the rest of a quoted field), not the rows after it.
    fn read_quoted(&mut self) -> std::result::Result<(), Unreadable> {
        let too_long = || {
            (
                format!(
                    "a quoted field is still open after {MAX_ROW_BYTES} bytes: an unclosed quote?"
                ),
                None,
                UNCLOSED,
            )
        };
        self.joined.clear();
        self.joined
            .extend_from_slice(&self.lines.bytes()[self.skip..]);
        let first = self.lines.number();
        let mut state = Cell::Start;
        let mut scanned = 0;
        // The field the open quote is in (0-based), while on the first line.
        let (mut field, mut first_line) = (0, true);
        loop {
            for &b in &self.joined[scanned..] {
                state = state.after(b, b'\t');
                if first_line && b == b'\t' && state == Cell::Start {
                    field += 1;
                }
            }
            first_line = false;
            scanned = self.joined.len();
            if state != Cell::Quoted {
                break;
            }
            if self.joined.len() > MAX_ROW_BYTES {
                return Err(too_long());
            }
            self.joined.push(b'\n');
            state = Cell::Quoted; // the line break is inside the field
            scanned += 1;
            match self.lines.advance() {
                Ok(true) => {
                    if self
                        .width
                        .is_some_and(|width| self.lines.tabs().len() + 1 >= width)
                    {
                        self.again = true;
                        let stop = self.lines.number();
                        let span = if stop > first + 1 {
                            format!(" (lines {first} to {} are taken as this one row)", stop - 1)
                        } else {
                            String::new()
                        };
                        return Err((
                            format!(
                                "the quote that opens column {} is still open at the end of line {first}, and line {stop} holds a whole row: a stray quote?{span}",
                                field + 1,
                            ),
                            Some(field),
                            STRAY_QUOTE,
                        ));
                    }
                    self.joined.extend_from_slice(self.lines.bytes())
                }
                Ok(false) => {
                    return Err((
                        "the file ends inside a quoted field".to_owned(),
                        Some(field),
                        UNCLOSED,
                    ));
                }
                Err(LineError::TooLong) => return Err(too_long()),
                Err(LineError::Io(e)) => return Err((e.to_string(), None, UNREADABLE)),
            }
        }
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .flexible(true)
            .from_reader(&self.joined[..]);
        let mut record = csv::StringRecord::new();
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Err(("an empty row".to_owned(), None, UNREADABLE)),
            // Read from memory with any number of fields: only text that is not UTF-8 fails.
            Err(e) => {
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => (
                        "the field is not UTF-8".to_owned(),
                        Some(err.field()),
                        UNREADABLE,
                    ),
                    _ => ("the row cannot be read".to_owned(), None, UNREADABLE),
                });
            }
        }
        if csv.position().byte() < self.joined.len() as u64 {
            return Err((
                "the quoting ends the row before its line does".to_owned(),
                None,
                UNREADABLE,
            ));
        }
        let row = &mut self.record;
        row.text.clear();
        row.ends.clear();
        row.raw.clear();
        // Its fields were UTF-8 and the rest is tabs, quotes and line feeds: so is it.
        row.raw
            .push_str(std::str::from_utf8(&self.joined).unwrap_or_default());
        for (i, field) in record.iter().enumerate() {
            if i > 0 {
                row.text.push('\t');
            }
            row.text.push_str(field);
            // Within MAX_ROW_BYTES, so within 32 bits.
            row.ends
                .push(u32::try_from(row.text.len()).unwrap_or(u32::MAX));
        }
        self.quoted = true;
        Ok(())
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        loop {
            if self.policy.done {
                return None;
            }
            if self.batch.next == self.batch.rows.len() {
                let more = self.rows.fill(&mut self.batch, BATCH_ROWS);
                if !more && self.batch.rows.is_empty() {
                    return None;
                }
            }
            let i = self.batch.next;
            self.batch.next += 1;
            match self.policy.event(&self.batch, i) {
                Ok(e) => return Some(Ok(e.to_event())),
                Err(None) => {}
                Err(Some(e)) => return Some(Err(e)),
            }
        }
    }
}

/// Turns actors into entities: see the [module docs](self).
#[derive(Debug, Clone)]
pub struct Resolver {
    /// The built-in table, built once and shared.
    table: std::sync::Arc<CountryTable>,
    /// The caller's aliases: lower-cased names to ids, looked up first.
    aliases: HashMap<String, String>,
    governments: bool,
}

/// The built-in country table, as maps.
#[derive(Debug)]
struct CountryTable {
    /// Lower-cased names and codes to ISO alpha-3 ids.
    names: crate::id::IdMap<String, String>,
    /// Each id's display name (the first name in the table).
    display: crate::id::IdMap<String, String>,
}

/// The country table: ISO alpha-3 code, then every name and code that resolves to it.
const COUNTRIES: &str = include_str!("../../data/countries.tsv");

impl CountryTable {
    fn build() -> CountryTable {
        let mut t = CountryTable {
            names: Default::default(),
            display: Default::default(),
        };
        for line in COUNTRIES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut fields = line.split('\t');
            let Some(code) = fields.next() else { continue };
            t.names.insert(code.to_lowercase(), code.to_owned());
            for (i, name) in fields.enumerate() {
                if i == 0 {
                    t.display.insert(code.to_owned(), name.to_owned());
                }
                t.names
                    .entry(name.to_lowercase())
                    .or_insert_with(|| code.to_owned());
            }
        }
        t
    }
}

impl Resolver {
    /// Every country of ISO 3166-1 by name, common and official name, alpha-3 code, the names
    /// ICEWS uses and the CAMEO codes GDELT uses, matched without regard to letter case.
    /// (The table is built once a process and shared by every resolver.)
    pub fn countries() -> Resolver {
        static TABLE: std::sync::OnceLock<std::sync::Arc<CountryTable>> =
            std::sync::OnceLock::new();
        Resolver {
            table: TABLE
                .get_or_init(|| std::sync::Arc::new(CountryTable::build()))
                .clone(),
            aliases: HashMap::new(),
            governments: false,
        }
    }

    /// Resolves `name` (a country name or code, any letter case) to `id` too.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidId`] when `id` breaks the id rule.
    pub fn alias(mut self, name: &str, id: &str) -> Result<Self> {
        if let Some(reason) = crate::id::id_problem(id) {
            return Err(Error::new(ErrorKind::InvalidId {
                id: id.to_owned(),
                reason,
            }));
        }
        self.aliases.insert(name.to_lowercase(), id.to_owned());
        Ok(self)
    }

    /// Maps government actors to a government entity of their state (`KOR-government`,
    /// kind government) instead of the state: ICEWS actors with the sector `Government` (one
    /// of their comma-separated sectors, in any letter case), GDELT actors whose code carries
    /// the `GOV` role.
    pub fn governments(mut self, on: bool) -> Self {
        self.governments = on;
        self
    }

    /// The state id of a country name or code, if known (the caller's aliases first).
    pub fn country(&self, name: &str) -> Option<&str> {
        let key = name.trim().to_lowercase();
        self.aliases
            .get(&key)
            .or_else(|| self.table.names.get(&key))
            .map(String::as_str)
    }

    /// The entity an actor resolves to: its id, kind and display name.
    pub fn resolve(&self, actor: &Actor) -> Option<(String, EntityKind, String)> {
        let (state, government) = self.classify(&ActorRef {
            name: &actor.name,
            code: &actor.code,
            country: &actor.country,
            sectors: &actor.sectors,
        })?;
        Some(self.entity(state, government))
    }

    /// The state an actor belongs to, and whether it stands for the state's government.
    fn classify<'s>(&'s self, actor: &ActorRef<'_>) -> Option<(&'s str, bool)> {
        let state = self.country(actor.country)?;
        Some((state, self.is_government(actor)))
    }

    /// Whether an actor stands for its state's government (only when asked for).
    fn is_government(&self, actor: &ActorRef<'_>) -> bool {
        self.governments
            && (actor
                .sectors
                .split(',')
                .any(|sector| sector.trim_ascii().eq_ignore_ascii_case("government"))
                || actor.code.get(3..).is_some_and(|role| role.contains("GOV")))
    }

    /// The entity of a state or its government: id, kind and display name.
    fn entity(&self, state: &str, government: bool) -> (String, EntityKind, String) {
        let name = self.table.display.get(state).map_or(state, String::as_str);
        if government {
            (
                format!("{state}-government"),
                EntityKind::Government,
                format!("{name} government"),
            )
        } else {
            (state.to_owned(), EntityKind::State, name.to_owned())
        }
    }
}

/// CAMEO root codes to relation kinds, read from a schema's CAMEO column.
///
/// For each root, the kinds whose CAMEO column names that root and that can join two states
/// are the candidates. Among them, the kind [`CameoKinds::PREFERRED`] names for the root wins
/// (`THREATENS` rather than `PROVOKES` for 13, say, and never `FEARS`, which the column marks
/// as the threatened side's view); otherwise the first directed candidate in schema order,
/// else the first symmetric one. A root no kind names takes a stand-in's kind: 05's for
/// cooperation, 11's for verbal conflict, and, for material conflict (14–20, fights and
/// assaults, which no built-in kind between two states names), 13's: `THREATENS`, the
/// strongest conflict between states the built-in schema has. A schema with kinds for
/// those roots in its CAMEO column gets them instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameoKinds {
    kinds: Vec<Option<RelationKind>>,
}

impl CameoKinds {
    /// The preferred kind of a root, used when the schema has it and its CAMEO column names
    /// that root: the plain verb of each root the built-in schema covers.
    pub const PREFERRED: [(u8, &'static str); 7] = [
        (4, "MEETS"),
        (5, "SUPPORTS"),
        (8, "TOLERATES"),
        (10, "DEMANDS"),
        (11, "OPPOSES"),
        (12, "REFUSES_NEGOTIATION"),
        (13, "THREATENS"),
    ];

    /// The table for a schema.
    pub fn from_schema(schema: &Schema) -> CameoKinds {
        let root_of = |k: &crate::schema::RelationKindDef| {
            k.cameo
                .as_deref()
                .and_then(|c| c.split_whitespace().next())
                // "05", "015", "043": the root is a code's first two digits.
                .and_then(|code| code.get(..2))
                .and_then(|r| r.parse::<u8>().ok())
        };
        let candidates = |root: u8| {
            schema.kinds().filter(move |k| {
                root_of(k) == Some(root) && k.allows(EntityKind::State, EntityKind::State)
            })
        };
        let mut kinds: Vec<Option<RelationKind>> = (0..=20u8)
            .map(|root| {
                if root == 0 {
                    return None;
                }
                let preferred = CameoKinds::PREFERRED
                    .iter()
                    .find(|(r, _)| *r == root)
                    .and_then(|(_, name)| candidates(root).find(|k| k.name.as_str() == *name));
                preferred
                    .or_else(|| candidates(root).find(|k| !k.symmetric))
                    .or_else(|| candidates(root).next())
                    .map(|k| k.name.clone())
            })
            .collect();
        for root in 1..=20u8 {
            if kinds[usize::from(root)].is_none() {
                let stand_in = match Quad::of_root(root) {
                    Some(Quad::VerbalCooperation | Quad::MaterialCooperation) => 5,
                    Some(Quad::VerbalConflict) => 11,
                    _ => 13,
                };
                kinds[usize::from(root)] = kinds[stand_in].clone();
            }
        }
        CameoKinds { kinds }
    }

    /// The kind for a CAMEO root code (1 to 20).
    pub fn kind(&self, root: u8) -> Option<&RelationKind> {
        self.kinds.get(usize::from(root)).and_then(Option::as_ref)
    }
}

/// The time windows of aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// One day.
    Day,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

impl Window {
    /// The window holding a day, as a sortable number.
    fn key(self, d: Date) -> u32 {
        let (y, m, dd) = (
            u32::from(d.year_number()),
            u32::from(d.month().unwrap_or(1)),
            u32::from(d.day().unwrap_or(1)),
        );
        match self {
            Window::Day => y * 10_000 + m * 100 + dd,
            Window::Month => y * 100 + m,
            Window::Quarter => y * 10 + (m - 1) / 3 + 1,
            Window::Year => y,
        }
    }

    /// Writes the window holding a day as relation ids name it (`2010`, `2010-Q1`, `2010-03`,
    /// `2010-03-26`).
    fn label(self, d: Date, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        let (y, m, dd) = (
            d.year_number(),
            d.month().unwrap_or(1),
            d.day().unwrap_or(1),
        );
        match self {
            Window::Day => write!(out, "{y:04}-{m:02}-{dd:02}"),
            Window::Month => write!(out, "{y:04}-{m:02}"),
            Window::Quarter => write!(out, "{y:04}-Q{}", (m - 1) / 3 + 1),
            Window::Year => write!(out, "{y:04}"),
        }
    }

    /// The interval of the window holding a day.
    fn interval(self, d: Date) -> Result<Interval> {
        let (y, m) = (d.year_number(), d.month().unwrap_or(1));
        match self {
            Window::Day => Interval::between(d, d),
            Window::Month => {
                let month = Date::year_month(y, m)?;
                Interval::between(month, month)
            }
            Window::Quarter => {
                let first = (m - 1) / 3 * 3 + 1;
                Interval::between(Date::year_month(y, first)?, Date::year_month(y, first + 2)?)
            }
            Window::Year => {
                let year = Date::year(y)?;
                Interval::between(year, year)
            }
        }
    }
}

/// Groups by (source, target, window key), with a memo in front of the map: for each dyad
/// of the first [`GroupIndex::MOST`] entities, the window and group it last met. Events in
/// date order meet the same window again and again, so most lookups are one read of a small
/// matrix; any other goes to the map.
#[derive(Debug, Default)]
struct GroupIndex {
    map: crate::id::IdMap<(u32, u32, u32), u32>,
    /// Entities per side of the matrix (a power of two, or 0).
    side: usize,
    /// Row-major by source then target: window key and group number + 1 (0: none yet).
    last: Vec<(u32, u32)>,
}

impl GroupIndex {
    /// The most entities the memo covers (a matrix of 8 MB at most).
    const MOST: usize = 1024;

    /// The group of `key`, or `next` (the number a new group gets) when it has none yet.
    /// `entities` is how many entities there are (the memo grows to cover them).
    fn find(&mut self, key: (u32, u32, u32), next: u32, entities: usize) -> u32 {
        if entities > self.side && self.side < Self::MOST {
            // A memo only: starting it afresh loses nothing.
            self.side = entities.next_power_of_two().clamp(64, Self::MOST);
            self.last = vec![(0, 0); self.side * self.side];
        }
        let (s, t, w) = (key.0 as usize, key.1 as usize, key.2);
        let cell = (s < self.side && t < self.side).then(|| s * self.side + t);
        if let Some(&(window, n)) = cell.and_then(|c| self.last.get(c))
            && n != 0
            && window == w
        {
            return n - 1;
        }
        let n = *self.map.entry(key).or_insert(next);
        if let Some(slot) = cell.and_then(|c| self.last.get_mut(c)) {
            // The last possible number wraps to 0 and is simply not remembered.
            *slot = (w, n.wrapping_add(1));
        }
        n
    }
}

/// The counters of one group (a directed dyad in one window) that every event touches,
/// apart from the rest and small (two cache lines), so that the groups in use stay in
/// cache. A counter at the top of its 32 bits carries 2³¹ into [`Aggregator`]'s `carried`
/// (see [`bump`]): counts are exact whatever their size.
#[derive(Debug, Clone, Default)]
#[repr(align(64))]
struct Counts {
    events: u32,
    with_intensity: u32,
    /// By quad class, 1 to 4.
    quads: [u32; 4],
    /// By CAMEO root, 1 to 20.
    roots: [u32; 20],
    /// The intensities' sum in 128-bit fixed point (see [`fixed`]): the same whatever
    /// order the events come in.
    intensity_sum: i128,
    sources: u64,
}

/// The scale of the intensities' sums: 64 bits after the point.
const FIXED_ONE: f64 = 18_446_744_073_709_551_616.0;

/// An intensity (at most 10 in size) in 128-bit fixed point with 64 bits after the point:
/// exact for every value of at least 2⁻¹¹ in size (its last bit is then at least 2⁻⁶³),
/// the nearest multiple of 2⁻⁶⁴ for a smaller one. Sums of these are exact and do not
/// depend on the order of their terms: events added in any order give the same sum to the
/// bit. (A sum overflows only past 2⁵⁹ events of intensity 10 in one group.)
fn fixed(x: f64) -> i128 {
    (x * FIXED_ONE).round() as i128
}

/// A fixed-point sum as the nearest `f64`.
fn unfixed(sum: i128) -> f64 {
    // Both steps are exact but for the one rounding of the conversion.
    sum as f64 / FIXED_ONE
}

/// Which counter of a [`Counts`] a carry belongs to: events, events with an intensity, the
/// four quad classes, then the twenty roots.
const EVENTS: u8 = 0;
const WITH_INTENSITY: u8 = 1;
const QUADS: u8 = 2;
const ROOTS: u8 = 6;

/// Adds one to `counter`; at the top of its 32 bits, 2³¹ of it moves into `carried` under
/// `(group, which)`, so the counter stays large and the sum of the two exact.
#[inline]
fn bump(counter: &mut u32, carried: &mut crate::id::IdMap<(u32, u8), u64>, group: u32, which: u8) {
    if *counter == u32::MAX {
        *counter -= 1 << 31;
        *carried.entry((group, which)).or_default() += 1 << 31;
    }
    *counter += 1;
}

/// The totals of one group: its counters with what they carried.
#[derive(Debug)]
struct Totals {
    events: u64,
    with_intensity: u64,
    quads: [u64; 4],
    /// By CAMEO root; index 0 unused.
    roots: [u64; 21],
    intensity_sum: f64,
    sources: u64,
}

impl Totals {
    fn of(c: &Counts, carried: &crate::id::IdMap<(u32, u8), u64>, group: u32) -> Totals {
        let total = |n: u32, which: u8| {
            u64::from(n)
                + if carried.is_empty() {
                    0
                } else {
                    carried.get(&(group, which)).copied().unwrap_or(0)
                }
        };
        let mut roots = [0; 21];
        for (r, &n) in c.roots.iter().enumerate() {
            roots[r + 1] = total(n, ROOTS + r as u8);
        }
        Totals {
            events: total(c.events, EVENTS),
            with_intensity: total(c.with_intensity, WITH_INTENSITY),
            quads: std::array::from_fn(|q| total(c.quads[q], QUADS + q as u8)),
            roots,
            intensity_sum: unfixed(c.intensity_sum),
            sources: c.sources,
        }
    }
}

/// The rest of a group: what it is, and what it quotes.
#[derive(Debug, Clone)]
struct Group {
    /// Source and target entity numbers, window key.
    key: (u32, u32, u32),
    first_day: Date,
    /// The first rows, quoted.
    evidence: Vec<Evidence>,
    /// The quoted rows' event ids, separated by spaces.
    ids: String,
    /// The quoted rows' URLs (GDELT), separated by spaces.
    urls: String,
}

impl Group {
    fn new(key: (u32, u32, u32), first_day: Date) -> Group {
        Group {
            key,
            first_day,
            evidence: Vec::new(),
            ids: String::new(),
            urls: String::new(),
        }
    }
}

/// What an aggregation did with its events.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Summary {
    /// Events added.
    pub events: u64,
    /// Events that became part of a relation.
    pub used: u64,
    /// Events whose source and target resolve to the same entity (domestic events): not a
    /// tie between two entities, so counted and left out.
    pub same_entity: u64,
    /// What did not resolve, with how many events each cost (an event whose two sides bear
    /// the same, once): an actor's country as written; for an actor without a country, its
    /// name followed by ` (no country)`; `(no actor)` for one with neither.
    pub unresolved: BTreeMap<String, u64>,
    /// Relations made (one per directed dyad and window).
    pub relations: usize,
    /// Events added by hand that no reader would give (a date without its day, a CAMEO code
    /// that is not one, an intensity outside −10 … 10, a row's text with nothing visible to
    /// quote), left out.
    pub invalid: u64,
}

/// Aggregates events per directed dyad and window into a graph: see the [module docs](self).
///
/// Per event the work is a lookup of each side's country (cached as written, so each
/// distinct spelling is resolved once) and of its group (by entity numbers and window): no
/// allocation but for the first rows of a group, which it quotes.
#[derive(Debug)]
pub struct Aggregator {
    window: Window,
    resolver: Resolver,
    kinds: CameoKinds,
    source: String,
    /// The source as evidence names it (one shared id, not one per quote).
    source_id: crate::id::SourceId,
    evidence_per_relation: usize,
    /// Country as written to its entity number, or none; one map for states and one for
    /// governments.
    cache: [crate::id::IdMap<Box<str>, Option<u32>>; 2],
    /// The entities, by number: id, kind, name.
    entities: Vec<(String, EntityKind, String)>,
    /// (source, target, window key) to the group's number.
    index: GroupIndex,
    /// The groups by number: what every event updates, and the rest.
    counts: Vec<Counts>,
    groups: Vec<Group>,
    /// What counters carried past 32 bits, by group number and counter (see [`bump`]).
    carried: crate::id::IdMap<(u32, u8), u64>,
    summary: Summary,
}

impl Aggregator {
    /// An aggregator into `window`s, resolving actors with `resolver`, citing the source
    /// `source` (an id: the file, say) as evidence. Kinds come from the built-in schema's
    /// CAMEO column; each relation quotes up to 3 of its rows.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidId`] when `source` breaks the id rule.
    pub fn new(window: Window, resolver: Resolver, source: &str) -> Result<Aggregator> {
        if let Some(reason) = crate::id::id_problem(source) {
            return Err(Error::new(ErrorKind::InvalidId {
                id: source.to_owned(),
                reason,
            }));
        }
        Ok(Aggregator {
            window,
            resolver,
            kinds: CameoKinds::from_schema(&Schema::builtin()),
            source: source.to_owned(),
            source_id: source.into(),
            evidence_per_relation: 3,
            cache: Default::default(),
            entities: Vec::new(),
            index: Default::default(),
            counts: Vec::new(),
            groups: Vec::new(),
            carried: Default::default(),
            summary: Summary::default(),
        })
    }

    /// How many rows each relation quotes as evidence (and lists by id): the first ones, in
    /// file order; at least one (0 is taken as 1: every relation quotes a row behind it).
    /// Memory grows with relations, not with events.
    pub fn evidence_per_relation(mut self, n: usize) -> Self {
        self.evidence_per_relation = n.max(1);
        self
    }

    /// Adds one event (see [`Aggregator::add_ref`] for rows read without allocating).
    pub fn add(&mut self, e: &Event) {
        self.add_ref(&e.as_ref());
    }

    /// The entity number of an actor, resolving its country once per spelling.
    fn number(&mut self, actor: &ActorRef<'_>) -> Option<u32> {
        let slot = usize::from(self.resolver.is_government(actor));
        if let Some(&n) = self.cache[slot].get(actor.country) {
            return n;
        }
        let n = self.resolver.classify(actor).map(|(state, government)| {
            let entity = self.resolver.entity(state, government);
            match self.entities.iter().position(|e| e.0 == entity.0) {
                Some(i) => i as u32,
                None => {
                    self.entities.push(entity);
                    (self.entities.len() - 1) as u32
                }
            }
        });
        self.cache[slot].insert(actor.country.into(), n);
        n
    }

    /// Adds one event given as a view of its row.
    pub fn add_ref(&mut self, e: &EventRef<'_>) {
        self.summary.events += 1;
        // Events the readers give always pass; hand-built ones may not.
        let root = match cameo_root(e.cameo) {
            Some(root)
                if e.date.day().is_some()
                    && e.intensity.is_none_or(|x| (-10.0..=10.0).contains(&x))
                    && crate::text::visible(e.text) =>
            {
                root
            }
            _ => {
                self.summary.invalid += 1;
                return;
            }
        };
        let (source, target) = match (self.number(&e.source), self.number(&e.target)) {
            (Some(s), Some(t)) => (s, t),
            (s, t) => {
                // Each name an event could not resolve costs it once, even when both sides
                // bear it.
                fn key<'a>(a: &ActorRef<'a>) -> std::borrow::Cow<'a, str> {
                    if !a.country.is_empty() {
                        a.country.into()
                    } else if !a.name.is_empty() {
                        format!("{} (no country)", a.name).into()
                    } else {
                        "(no actor)".into()
                    }
                }
                let source_key = s.is_none().then(|| key(&e.source));
                let target_key = t.is_none().then(|| key(&e.target));
                let target_key = target_key.filter(|k| Some(k) != source_key.as_ref());
                for name in source_key.into_iter().chain(target_key) {
                    match self.summary.unresolved.get_mut(name.as_ref()) {
                        Some(count) => *count += 1,
                        None => {
                            self.summary.unresolved.insert(name.into_owned(), 1);
                        }
                    }
                }
                return;
            }
        };
        if source == target {
            self.summary.same_entity += 1;
            return;
        }
        self.summary.used += 1;
        let key = (source, target, self.window.key(e.date));
        let next = self.groups.len() as u32;
        let n = self.index.find(key, next, self.entities.len());
        if n == next {
            self.groups.push(Group::new(key, e.date));
            self.counts.push(Counts::default());
        }
        let (c, carried) = (&mut self.counts[n as usize], &mut self.carried);
        bump(&mut c.events, carried, n, EVENTS);
        if let Some(x) = e.intensity {
            c.intensity_sum = c.intensity_sum.wrapping_add(fixed(x));
            bump(&mut c.with_intensity, carried, n, WITH_INTENSITY);
        }
        let q = e.quad as usize - 1;
        bump(&mut c.quads[q], carried, n, QUADS + q as u8);
        let r = usize::from(root) - 1;
        bump(&mut c.roots[r], carried, n, ROOTS + r as u8);
        c.sources += u64::from(e.sources.unwrap_or(1));
        // A group quotes at most as many rows as it has events: the rest is looked at only
        // while that many could still be wanted.
        if c.events as usize <= self.evidence_per_relation
            && self.groups[n as usize].evidence.len() < self.evidence_per_relation
        {
            let g = &mut self.groups[n as usize];
            let mut ev = Evidence::new(self.source_id.clone(), e.text()).date(e.date);
            if let Ok(line) = u32::try_from(e.line) {
                ev = ev.paragraph(line);
            }
            g.evidence.push(ev);
            if !g.ids.is_empty() {
                g.ids.push(' ');
            }
            g.ids.push_str(e.id);
            if let Some(url) = e.url {
                if !g.urls.is_empty() {
                    g.urls.push(' ');
                }
                g.urls.push_str(url);
            }
        }
    }

    /// The graph: one state (or government) entity per resolved actor, one relation per
    /// directed dyad and window (id `SRC-TGT-WINDOW`, such as `PRK-KOR-2010-03`), and the
    /// summary.
    ///
    /// Each relation's polarity is the net sign of its summed intensity (where that is zero,
    /// as when no event has one, or within the rounding of decimal intensities, 10⁻¹⁵ an
    /// event: the quad classes' majority; neutral on a tie); its kind the mapped kind of its
    /// most frequent CAMEO root on the polarity's side (01–08 for a positive relation, 09–20
    /// for a negative one; ties to the lower root), so that kind and sign agree where the
    /// events allow (a relation with no root on its side, or a neutral one, takes its most
    /// frequent root of all); `cameo_root` is the root the kind came from; its intensity
    /// the mean's size over
    /// 10; its confidence n / (n + 1) for n sources (GDELT's `NumSources` summed, one an
    /// ICEWS event); its validity the window. Attributes: `events`, `intensity_sum`,
    /// `intensity_mean`, `verbal_cooperation`, `material_cooperation`, `verbal_conflict`,
    /// `material_conflict`, `sources`, `cameo_root`, `event_ids` (the quoted rows' ids) and,
    /// for GDELT, `urls`. Intensities are summed in fixed point, exactly (to 2⁻⁶⁴) and
    /// whatever the order the events came in, then rounded once.
    ///
    /// The relations are made on a second thread while the graph takes them in on the
    /// caller's, in the same order either way.
    ///
    /// # Errors
    /// Any insertion error (none for data the readers produce).
    pub fn finish(self) -> Result<(Graph, Summary)> {
        let mut graph = Graph::new();
        graph.add_source(Source::new(
            self.source.as_str(),
            format!("Event data: {}", self.source),
        ))?;
        // Entities by id, relations by source id, target id and window: the same output
        // whatever the order rows came in.
        let mut order: Vec<usize> = (0..self.entities.len()).collect();
        order.sort_by(|&a, &b| self.entities[a].0.cmp(&self.entities[b].0));
        let ids: Vec<crate::id::EntityId> = self
            .entities
            .iter()
            .map(|(id, ..)| id.as_str().into())
            .collect();
        let mut rank = vec![0u32; self.entities.len()];
        for (r, &i) in order.iter().enumerate() {
            let (_, kind, name) = &self.entities[i];
            graph.add_entity(Entity::new(ids[i].clone(), *kind, name.as_str()))?;
            rank[i] = r as u32;
        }
        // Sorted by number, not moved: a group is large.
        let mut order: Vec<(u32, u32, u32, u32)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(n, Group { key: (s, t, w), .. })| {
                (rank[*s as usize], rank[*t as usize], *w, n as u32)
            })
            .collect();
        order.sort_unstable();
        let mut groups: Vec<Option<Group>> = self.groups.into_iter().map(Some).collect();
        graph.reserve(0, groups.len());
        // Relation ids `SRC-TGT-WINDOW` are unique when no entity id holds a `-` (the first
        // two `-` then end the two ids); otherwise each is checked and a clash gets a suffix.
        let may_clash = self.entities.iter().any(|e| e.0.contains('-'));
        let mut summary = self.summary;
        let (ids, kinds, window) = (&ids, &self.kinds, self.window);
        let (counts, carried) = (self.counts, self.carried);
        // Relations are made on a second thread while the graph takes them in on this one.
        crate::pipe::pipeline(
            move |emit| {
                for chunk in order.chunks(RELATIONS_PER_BATCH) {
                    let mut batch: Vec<Result<Relation>> = emit.spare().unwrap_or_default();
                    batch.extend(chunk.iter().filter_map(|&(.., n)| {
                        let g = groups[n as usize].take()?;
                        let totals = Totals::of(&counts[n as usize], &carried, n);
                        Some(relation(g, totals, ids, kinds, window))
                    }));
                    if !emit.send(batch) {
                        return;
                    }
                }
            },
            |batch| {
                for r in batch.drain(..) {
                    let mut r = r?;
                    if may_clash && graph.relation(r.id.as_str()).is_some() {
                        let mut n = 2;
                        while graph.relation(&format!("{}~{n}", r.id)).is_some() {
                            n += 1;
                        }
                        r.id = format!("{}~{n}", r.id).into();
                    }
                    graph.add_relation(r)?;
                    summary.relations += 1;
                }
                Ok(())
            },
        )?;
        Ok((graph, summary))
    }
}

/// The most an intensity of at most 10 in size can be off from its decimal text when read
/// (half a unit in the last place of 10 is 8.9e-16), rounded up: a sum of `n` intensities
/// within `n` times this of zero is taken for zero.
const ROUNDING_PER_EVENT: f64 = 1e-15;

/// How many relations go from the thread that makes them to the graph at once.
const RELATIONS_PER_BATCH: usize = 512;

/// The relation of one group (see [`Aggregator::finish`]): `ids` are the entities' ids by
/// number.
fn relation(
    g: Group,
    t: Totals,
    ids: &[crate::id::EntityId],
    kinds: &CameoKinds,
    window: Window,
) -> Result<Relation> {
    let (source, target) = (ids[g.key.0 as usize].clone(), ids[g.key.1 as usize].clone());
    let positive = t.quads[0] + t.quads[1];
    let negative = t.quads[2] + t.quads[3];
    // A sum within the rounding of its terms (decimal intensities are not exact in binary:
    // 0.7 + 0.6 - 1.3 is -1.1e-16) is a zero sum.
    let noise = t.with_intensity as f64 * ROUNDING_PER_EVENT;
    let net = if t.intensity_sum.abs() > noise {
        t.intensity_sum
    } else {
        positive as f64 - negative as f64
    };
    let polarity = if net > 0.0 {
        Polarity::Positive
    } else if net < 0.0 {
        Polarity::Negative
    } else {
        Polarity::Neutral
    };
    // The kind comes from the roots on the relation's side, so that it agrees with the sign.
    let side = match polarity {
        Polarity::Positive => 1..=8,
        Polarity::Negative => 9..=20,
        _ => 1..=20,
    };
    let most = |roots: std::ops::RangeInclusive<usize>| {
        roots
            .filter(|&r| t.roots[r] > 0)
            .max_by_key(|&r| (t.roots[r], std::cmp::Reverse(r)))
    };
    let root = most(side).or_else(|| most(1..=20)).unwrap_or(1);
    let kind = kinds
        .kind(root as u8)
        .cloned()
        .unwrap_or(RelationKind::SUPPORTS);
    let mean = if t.with_intensity > 0 {
        t.intensity_sum / t.with_intensity as f64
    } else {
        0.0
    };
    let count = |n: u64| Value::Int(i64::try_from(n).unwrap_or(i64::MAX));
    // Written straight into the id (one allocation for the text, one for the shared id).
    let mut rid = String::with_capacity(source.as_str().len() + target.as_str().len() + 12);
    rid.push_str(source.as_str());
    rid.push('-');
    rid.push_str(target.as_str());
    rid.push('-');
    // Writing to a `String` cannot fail.
    let _ = window.label(g.first_day, &mut rid);
    // Fields set in place: the builder would move the relation once per call.
    let mut r = Relation::new(rid.as_str(), kind, source, target);
    r.polarity = Some(polarity);
    r.intensity = Some((mean.abs() / 10.0).min(1.0));
    r.confidence = Some(t.sources as f64 / (t.sources as f64 + 1.0));
    r.valid = window.interval(g.first_day)?;
    r.occurs = Occurrence::State;
    r.evidence = g.evidence;
    // In key order, so that the map is built in one pass (sorting a sorted list is linear).
    let mut attributes = vec![
        ("cameo_root", Value::Text(format!("{root:02}"))),
        ("event_ids", Value::Text(g.ids)),
        ("events", count(t.events)),
        ("intensity_mean", Value::Float(mean)),
        ("intensity_sum", Value::Float(t.intensity_sum)),
        ("material_conflict", count(t.quads[3])),
        ("material_cooperation", count(t.quads[1])),
        ("sources", count(t.sources)),
    ];
    if !g.urls.is_empty() {
        attributes.push(("urls", Value::Text(g.urls)));
    }
    attributes.push(("verbal_conflict", count(t.quads[2])));
    attributes.push(("verbal_cooperation", count(t.quads[0])));
    r.attributes = attributes
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect();
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes a batch holds in its buffers.
    fn held(batch: &Batch) -> usize {
        batch.blocks.iter().map(Vec::len).sum::<usize>() + batch.extra.len()
    }

    /// Reads `text` (GDELT layout: no header) batch by batch: the rows, and the most bytes
    /// one batch held.
    fn batches(text: &[u8]) -> (usize, usize) {
        let mut reader = gdelt(text, OnBadRow::Skip);
        let (mut rows, mut most) = (0, 0);
        loop {
            let more = reader.rows.fill(&mut reader.batch, BATCH_ROWS);
            rows += reader.batch.rows.len();
            most = most.max(held(&reader.batch));
            if !more {
                return (rows, most);
            }
        }
    }

    #[test]
    fn the_group_index_agrees_with_a_map() {
        // Keys in and out of window order, with the entities growing past the memo's sides
        // (64, 128, …) and past what it covers.
        let mut index = GroupIndex::default();
        let mut map = HashMap::new();
        let mut x = 12345u64;
        for i in 0..60_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let entities = (i / 40 + 2).min(1500);
            let s = (x % u64::from(entities)) as u32;
            let t = ((x >> 16) % u64::from(entities)) as u32;
            let w = if x >> 40 & 3 == 0 {
                (x >> 42) as u32 % 50
            } else {
                i / 3000
            };
            let next = map.len() as u32;
            let want = *map.entry((s, t, w)).or_insert(next);
            assert_eq!(index.find((s, t, w), next, entities as usize), want, "{i}");
        }
        assert!(index.side == GroupIndex::MOST);
    }

    #[test]
    fn intensity_sums_do_not_depend_on_the_order_of_events() {
        let file = std::fs::read("data/events/icews-korea-2010.tsv").unwrap();
        let first = icews(&file[..], OnBadRow::Fail)
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        // One group's events, with intensities whose floating-point sum depends on the order.
        let xs = [0.1, 0.2, 0.3, 1e-3, 2e-5, 1e-9];
        let events: Vec<Event> = xs
            .iter()
            .map(|&x| Event {
                intensity: Some(x),
                ..first.clone()
            })
            .collect();
        let sum = |events: &mut dyn Iterator<Item = &Event>| {
            let mut agg = Aggregator::new(Window::Year, Resolver::countries(), "f").unwrap();
            events.for_each(|e| agg.add(e));
            let (graph, _) = agg.finish().unwrap();
            let r = graph.relations().next().unwrap();
            (r.attributes()["intensity_sum"].clone(), r.intensity())
        };
        let forward = sum(&mut events.iter());
        assert_eq!(forward, sum(&mut events.iter().rev()));
        let halves = events
            .iter()
            .step_by(2)
            .chain(events.iter().skip(1).step_by(2));
        assert_eq!(forward, sum(&mut halves.into_iter()));
        // Summed as floating point in these orders they would differ: the test has teeth.
        let (f, b): (f64, f64) = (xs.iter().sum(), xs.iter().rev().sum());
        assert_ne!(f.to_bits(), b.to_bits());
        assert_eq!(fixed(0.1) * 3, fixed(0.1) + fixed(0.1) + fixed(0.1));
        assert_eq!(unfixed(fixed(-2.5)), -2.5);
        assert_eq!(unfixed(fixed(10.0) + fixed(-10.0)), 0.0);
    }

    #[test]
    fn counters_past_32_bits_stay_exact() {
        let file = std::fs::read("data/events/icews-korea-2010.tsv").unwrap();
        let events: Vec<Event> = icews(&file[..], OnBadRow::Fail)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut agg = Aggregator::new(Window::Year, Resolver::countries(), "fixture").unwrap();
        let e = events
            .iter()
            .find(|e| e.source.country == "North Korea" && e.target.country == "South Korea")
            .unwrap();
        agg.add(e);
        // As if 2³² − 3 more such events had come: three more take each counter past 32 bits.
        let (q, r) = (e.quad as usize - 1, usize::from(e.root()) - 1);
        let c = &mut agg.counts[0];
        c.events = u32::MAX - 1;
        c.with_intensity = u32::MAX - 1;
        c.quads[q] = u32::MAX - 1;
        c.roots[r] = u32::MAX - 1;
        for _ in 0..3 {
            agg.add(e);
        }
        let (graph, _) = agg.finish().unwrap();
        let rel = graph.relation("PRK-KOR-2010").unwrap();
        let total = (1u64 << 32) + 1;
        assert_eq!(rel.attributes()["events"], Value::Int(total as i64));
        let quad = [
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        ][q];
        assert_eq!(rel.attributes()[quad], Value::Int(total as i64));
        // The mean divides the four events' sum by every event with an intensity.
        let x = e.intensity.unwrap();
        let mean = unfixed(4 * fixed(x)) / total as f64;
        assert_eq!(rel.attributes()["intensity_mean"], Value::Float(mean));
        assert_eq!(
            rel.attributes()["cameo_root"],
            Value::Text(format!("{:02}", r + 1))
        );
        // Only the first row is quoted: the counter's carry did not look like a new group.
        assert_eq!(rel.evidence().len(), 1);
    }

    #[test]
    fn the_line_after_a_stray_quote_is_read_whatever_batch_it_falls_in() {
        let header = ICEWS_HEADER.join("\t");
        let row = |i: usize, text: &str| {
            format!("{i}\t2010-03-26\tA\t\tChina\t{text}\t040\t1\tB\t\tJapan\t1\t1\tW\t\t\t\t\t\t")
        };
        for stray in 1..=5 {
            let mut text = format!("{header}\n");
            for i in 1..=6 {
                let t = if i == stray { "\"stray" } else { "Say" };
                text.push_str(&row(i, t));
                text.push('\n');
            }
            for max in 1..=4 {
                let mut reader = icews(text.as_bytes(), OnBadRow::Skip).unwrap();
                let (mut read, mut refused) = (Vec::new(), Vec::new());
                loop {
                    let more = reader.rows.fill(&mut reader.batch, max);
                    for r in &reader.batch.rows {
                        match r.unread {
                            None => read.push(r.line),
                            Some(_) => refused.push(r.line),
                        }
                    }
                    if !more {
                        break;
                    }
                }
                let line = stray as u64 + 1;
                let want: Vec<u64> = (2..=7).filter(|&l| l != line).collect();
                assert_eq!(
                    (read, refused),
                    (want, vec![line]),
                    "stray {stray}, max {max}"
                );
            }
        }
    }

    #[test]
    fn blank_lines_and_a_line_too_long_are_passed_over_in_bounded_memory() {
        let row = vec!["x"; 57].join("\t");
        // 8 MB of blank lines between two rows.
        let blank = format!("{row}\n{}{row}\n", "\n".repeat(8 << 20));
        let (rows, most) = batches(blank.as_bytes());
        assert_eq!(rows, 2);
        assert!(most < 3 * (1 << 20), "a batch held {most} bytes");
        // 8 MB without a line feed, then a row: one row too long, passed over.
        let long = format!("{row}\n{}\n{row}\n", "y".repeat(8 << 20));
        let (rows, most) = batches(long.as_bytes());
        assert_eq!(rows, 3);
        assert!(most < 3 * (1 << 20), "a batch held {most} bytes");
        // Many rows too long, skipped: still bounded.
        let many = format!(
            "{row}\n{}",
            format!("{}\n", "z".repeat(MAX_ROW_BYTES + 1)).repeat(6)
        );
        let (_, most) = batches(many.as_bytes());
        assert!(most < 4 * (1 << 20), "a batch held {most} bytes");
    }
}
