//! The crate's one error type, its kinds, and where an error happened.

use std::fmt;

use crate::kind::EntityKind;

/// The `format` of the crate's JSON files (re-exported as `io::json::FORMAT_NAME`); here so
/// that errors can name it without depending on the reader.
pub(crate) const FORMAT_NAME: &str = "alliance-graph";

/// The longest a culprit string is shown in a message before it is cut short.
///
/// The full value is always kept in the [`ErrorKind`]; only the message is shortened, so that a
/// megabyte-long id does not produce a megabyte-long error line.
const SHOWN_CHARS: usize = 80;

/// Shows a user-supplied string in a message: quoted with backticks, control and invisible
/// characters and white space other than the space escaped (`\u{202e}`), a backtick or a
/// backslash inside it escaped with a backslash (so the quoting cannot be closed early nor
/// an escape faked), and cut after [`SHOWN_CHARS`] characters.
pub(crate) fn shown(s: &str) -> String {
    format!("`{}", clean(s, SHOWN_CHARS, "`"))
}

/// The longest free text (a parser's message, a reason) is shown before it is cut short.
const MESSAGE_CHARS: usize = 240;

/// Escapes `s` as [`shown`] does and cuts it after `limit` characters, saying how long it
/// was; `close` follows the text (cut or not).
fn clean(s: &str, limit: usize, close: &str) -> String {
    let mut out = String::new();
    for (count, c) in s.chars().enumerate() {
        if count == limit {
            out.push_str(&format!("…{close} ({} bytes)", s.len()));
            return out;
        }
        if crate::text::escaped_in_messages(c) {
            out.extend(c.escape_default());
        } else if !close.is_empty() && matches!(c, '`' | '\\') {
            // Inside backticks: the quoting's own characters.
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out.push_str(close);
    out
}

/// Free text in a message (a parser's own message, a reason): escaped and cut as [`shown`],
/// at [`MESSAGE_CHARS`] characters, without backticks.
pub(crate) fn shown_text(s: &str) -> String {
    clean(s, MESSAGE_CHARS, "")
}

/// Which kind of element an error or violation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Element {
    /// The document as a whole (its header, for example).
    Document,
    /// A relation kind declared in a schema.
    RelationKind,
    /// An entry of the source table.
    Source,
    /// An entity (a node).
    Entity,
    /// A relation (an edge).
    Relation,
    /// A row of an input file of records (event data).
    Row,
}

impl Element {
    fn as_str(self) -> &'static str {
        match self {
            Element::Document => "document",
            Element::RelationKind => "relation kind",
            Element::Source => "source",
            Element::Entity => "entity",
            Element::Relation => "relation",
            Element::Row => "row",
        }
    }
}

/// Where an error happened: the element (by id and, when loading a file, by index), the field
/// inside it, and for text formats read line by line (CSV, GraphML), the line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// The kind of element.
    pub element: Element,
    /// The element's id, when it has one.
    pub id: Option<String>,
    /// The element's position in its list in the file being loaded (0-based).
    pub index: Option<usize>,
    /// The field inside the element, such as `target` or `evidence[1].quote`.
    pub field: Option<String>,
    /// The 1-based line of the file, for formats read line by line.
    pub line: Option<u64>,
    /// The 1-based column: the field number in a CSV record, the character in a line of
    /// GraphML.
    pub column: Option<usize>,
}

impl Location {
    pub(crate) fn new(element: Element, id: Option<&str>) -> Self {
        Location {
            element,
            id: id.map(str::to_owned),
            index: None,
            field: None,
            line: None,
            column: None,
        }
    }

    pub(crate) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub(crate) fn index(mut self, index: usize) -> Self {
        self.index = Some(index);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.element.as_str())?;
        if let Some(id) = &self.id {
            write!(f, " {}", shown(id))?;
        }
        let mut details = Vec::new();
        if let Some(line) = self.line {
            details.push(format!("line {line}"));
        }
        if let Some(column) = self.column {
            details.push(format!("column {column}"));
        }
        if let Some(index) = self.index {
            details.push(format!("index {index}"));
        }
        if let Some(field) = &self.field {
            // Shown as culprits are: a field may hold an attribute name.
            details.push(format!("field {}", shown(field)));
        }
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        Ok(())
    }
}

/// What went wrong. Each variant carries the culprit; [`Error::location`] says where.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not well-formed JSON, or a value has the wrong JSON shape (a missing or
    /// unknown field, a string where a number belongs).
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// A CSV file is malformed: a record with the wrong number of fields, text that is not
    /// UTF-8, a header without a required column. The location gives the line.
    Csv {
        /// What is wrong.
        message: String,
    },
    /// A GraphML file cannot be read: XML that is not well-formed, a character XML 1.0
    /// cannot hold, a structure this crate does not read (nested graphs, hyperedges, ports),
    /// a `<data>` naming an undeclared key, a missing required attribute or value. The
    /// location gives the element, line and column.
    Graphml {
        /// What is wrong.
        message: String,
    },
    /// The document's `format` field is not `alliance-graph`.
    UnsupportedFormat {
        /// The format name found.
        found: String,
    },
    /// The document's `version` is not one this crate reads.
    UnsupportedVersion {
        /// The version found.
        found: u64,
        /// The newest version this crate reads (and the one it writes); it reads every
        /// version from 1 up to it.
        supported: u64,
    },
    /// An id is empty, too long, or contains white space or control characters.
    InvalidId {
        /// The offending id.
        id: String,
        /// Why it is not acceptable.
        reason: &'static str,
    },
    /// Two elements of the same kind share an id.
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// An entity id that names no entity of the graph.
    UnknownEntity {
        /// The id that was not found.
        id: String,
    },
    /// A relation id that names no relation of the graph.
    UnknownRelation {
        /// The id that was not found.
        id: String,
    },
    /// A source id that names no entry of the source table.
    UnknownSource {
        /// The id that was not found.
        id: String,
    },
    /// An entity kind name that is not one of [`EntityKind`]'s.
    UnknownEntityKind {
        /// The name found.
        name: String,
    },
    /// A relation kind that the graph's schema does not declare.
    UnknownRelationKind {
        /// The name found.
        name: String,
    },
    /// A relation kind name that does not follow the naming rule (upper-case letters, digits
    /// and underscores, starting with a letter, at most 64 characters).
    InvalidKindName {
        /// The offending name.
        name: String,
    },
    /// A relation kind declared twice, or declared with the name of a built-in kind.
    DuplicateKind {
        /// The repeated name.
        name: String,
    },
    /// The schema does not allow this relation kind between these entity kinds.
    EndpointsNotAllowed {
        /// The relation kind.
        kind: String,
        /// The kind of the source entity.
        source: EntityKind,
        /// The kind of the target entity.
        target: EntityKind,
    },
    /// A date that cannot be parsed or does not exist (`2010-02-30`, `2010-13`).
    InvalidDate {
        /// The text that was given.
        text: String,
        /// Why it is not a date.
        reason: String,
    },
    /// An interval whose start lies after its end.
    InvertedInterval {
        /// The start of the interval.
        from: String,
        /// The end of the interval.
        until: String,
    },
    /// A piece of evidence whose quote is empty or only white space.
    EmptyQuote,
    /// A relation with no evidence ([`Graph::validate_strict`](crate::Graph::validate_strict)).
    Unquoted,
    /// A quote not found, character for character, in the text registered for its source
    /// ([`Graph::validate_strict`](crate::Graph::validate_strict)).
    QuoteNotInSource {
        /// The quote.
        quote: String,
        /// The source it names.
        source: String,
    },
    /// A relation that can hold on no day: its validity, time anchors, tense and its ends'
    /// lifetimes do not meet ([`Graph::validate_strict`](crate::Graph::validate_strict)).
    NeverHolds,
    /// A value outside its domain: an unknown polarity or status name, an intensity or
    /// confidence outside `[0, 1]`, an attribute that is not a scalar.
    InvalidValue {
        /// The offending value, as text.
        value: String,
        /// What was expected instead.
        expected: &'static str,
    },
    /// A relation with status `fact` names an `asserted_by` entity: only claims, beliefs,
    /// hypotheticals and disputed relations are somebody's view.
    AssertedFact {
        /// The entity named in `asserted_by`.
        asserted_by: String,
    },
    /// A query, pattern or path search that cannot be run as asked: a pattern naming an
    /// undeclared variable, a negative cost, a path from an entity to itself.
    InvalidQuery {
        /// What is wrong with it.
        reason: String,
    },
    /// Two graphs being merged hold one id with different contents (see
    /// [`Graph::merge`](crate::Graph::merge)).
    Conflict {
        /// The id.
        id: String,
    },
    /// An enumeration or count ran out of its work budget before it could answer.
    BudgetSpent {
        /// What ran out.
        what: &'static str,
        /// The budget, in its steps.
        steps: u64,
    },
    /// An iterative computation (PageRank) did not settle within its iteration bound.
    NotConverged {
        /// What was computed.
        what: &'static str,
        /// The bound that passed.
        iterations: usize,
    },
    /// Reading or writing a file failed.
    Io {
        /// What the operating system said.
        message: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Json {
                line,
                column,
                message,
            } => write!(
                f,
                "invalid json at line {line}, column {column}: {}",
                shown_text(message)
            ),
            ErrorKind::Csv { message } => write!(f, "invalid csv: {}", shown_text(message)),
            ErrorKind::Graphml { message } => {
                write!(f, "invalid graphml: {}", shown_text(message))
            }
            ErrorKind::UnsupportedFormat { found } => write!(
                f,
                "unsupported format {}, expected `{}`",
                shown(found),
                FORMAT_NAME
            ),
            ErrorKind::UnsupportedVersion { found, supported } => {
                write!(
                    f,
                    "unsupported version {found}, this crate reads versions 1 to {supported}"
                )
            }
            ErrorKind::InvalidId { id, reason } => write!(f, "invalid id {}: {reason}", shown(id)),
            ErrorKind::DuplicateId { id } => write!(f, "duplicate id {}", shown(id)),
            ErrorKind::UnknownEntity { id } => write!(f, "unknown entity {}", shown(id)),
            ErrorKind::UnknownRelation { id } => write!(f, "unknown relation {}", shown(id)),
            ErrorKind::UnknownSource { id } => write!(f, "unknown source {}", shown(id)),
            ErrorKind::UnknownEntityKind { name } => {
                write!(f, "unknown entity kind {}", shown(name))
            }
            ErrorKind::UnknownRelationKind { name } => {
                write!(f, "unknown relation kind {}", shown(name))
            }
            ErrorKind::InvalidKindName { name } => write!(
                f,
                "invalid relation kind name {}: use A-Z, 0-9 and _, starting with a letter, at most 64 characters",
                shown(name)
            ),
            ErrorKind::DuplicateKind { name } => {
                write!(f, "relation kind {} is already declared", shown(name))
            }
            ErrorKind::EndpointsNotAllowed {
                kind,
                source,
                target,
            } => write!(
                f,
                "relation kind {} does not allow a {source} as source and a {target} as target",
                shown(kind)
            ),
            ErrorKind::InvalidDate { text, reason } => {
                write!(f, "invalid date {}: {}", shown(text), shown_text(reason))
            }
            ErrorKind::InvertedInterval { from, until } => {
                write!(f, "interval starts at {from} after it ends at {until}")
            }
            ErrorKind::EmptyQuote => write!(f, "empty quote"),
            ErrorKind::Unquoted => write!(f, "no quote"),
            ErrorKind::QuoteNotInSource { quote, source } => write!(
                f,
                "quote {} not found in the text of source {}",
                shown(quote),
                shown(source)
            ),
            ErrorKind::NeverHolds => write!(f, "can hold on no day"),
            ErrorKind::InvalidValue { value, expected } => {
                write!(f, "invalid value {}, expected {expected}", shown(value))
            }
            ErrorKind::AssertedFact { asserted_by } => write!(
                f,
                "a fact cannot be asserted by {}: use status claim, belief, hypothetical or disputed",
                shown(asserted_by)
            ),
            ErrorKind::InvalidQuery { reason } => {
                write!(f, "invalid query: {}", shown_text(reason))
            }
            ErrorKind::Conflict { id } => {
                write!(f, "{} differs between the two graphs", shown(id))
            }
            ErrorKind::BudgetSpent { what, steps } => write!(
                f,
                "{what} ran out of its work budget of {steps} steps before it was complete"
            ),
            ErrorKind::NotConverged { what, iterations } => {
                write!(f, "{what} did not converge in {iterations} iterations")
            }
            ErrorKind::Io { message } => write!(f, "i/o error: {}", shown_text(message)),
        }
    }
}

/// The crate's error: what went wrong ([`Error::kind`]) and where ([`Error::location`]).
///
/// Messages are lower-case, without a trailing period, and name the culprit, for example
/// ``unknown entity `RUS` in relation `r12` (field `target`)``.
///
/// The error is one pointer wide, so `Result<(), Error>` stays cheap on hot paths.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    kind: ErrorKind,
    location: Option<Location>,
    /// The closest known name to an unknown one.
    suggestion: Option<String>,
    /// What may lie behind the error, when the reader can tell (an unclosed quote earlier).
    note: Option<String>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Inner {
            kind,
            location: None,
            suggestion: None,
            note: None,
        }))
    }

    pub(crate) fn at(kind: ErrorKind, location: Location) -> Self {
        Error(Box::new(Inner {
            kind,
            location: Some(location),
            suggestion: None,
            note: None,
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where it went wrong, when the error is about one element.
    pub fn location(&self) -> Option<&Location> {
        self.0.location.as_ref()
    }

    pub(crate) fn location_mut(&mut self) -> Option<&mut Location> {
        self.0.location.as_mut()
    }

    /// The same error (kind and suggestion) at another place.
    pub(crate) fn with_location(mut self, location: Location) -> Self {
        self.0.location = Some(location);
        self
    }

    /// For an unknown id or kind name, the closest known one, when one is close (the
    /// message ends with "did you mean …?").
    pub fn suggestion(&self) -> Option<&str> {
        self.0.suggestion.as_deref()
    }

    /// What may lie behind the error, when a reader can tell (the message ends with it): for
    /// an entity a CSV relationship names but the nodes file lacks, the earlier cell that
    /// swallowed its row through an unclosed quote.
    pub fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    pub(crate) fn with_note(mut self, note: String) -> Self {
        self.0.note = Some(note);
        self
    }

    /// Adds the closest of `known` to the unknown name this error is about, when it is close:
    /// within a third of the name's length in edits (at least 1, at most 3). For other errors,
    /// or none close, the error is unchanged. O(k · l²) for k names of length l.
    pub(crate) fn suggest<'a>(mut self, known: impl IntoIterator<Item = &'a str>) -> Self {
        let name = match &self.0.kind {
            ErrorKind::UnknownEntity { id } | ErrorKind::UnknownSource { id } => id.clone(),
            ErrorKind::UnknownRelationKind { name } => name.clone(),
            _ => return self,
        };
        if name.len() > 64 {
            return self;
        }
        let limit = (name.chars().count() / 3).clamp(1, 3);
        let mut best: Option<(usize, &str)> = None;
        for candidate in known {
            if candidate.len() > 64 || candidate == name {
                continue;
            }
            let d = edit_distance(&name.to_lowercase(), &candidate.to_lowercase());
            if d <= limit && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, candidate));
            }
        }
        self.0.suggestion = best.map(|(_, c)| c.to_owned());
        self
    }
}

/// Edits (insertions, deletions, substitutions, and swaps of two neighbours: optimal string
/// alignment) between two names, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A duplicate id is the element's own: say it once ("duplicate entity id `QAT`").
        if let (ErrorKind::DuplicateId { id }, Some(location)) = (&self.0.kind, &self.0.location)
            && location.id.as_deref() == Some(id.as_str())
        {
            let rest = Location {
                id: None,
                field: None,
                ..location.clone()
            };
            let details = rest.to_string();
            let details = details
                .strip_prefix(location.element.as_str())
                .unwrap_or("");
            return write!(
                f,
                "duplicate {} id {}{details}",
                location.element.as_str(),
                shown(id)
            );
        }
        // Likewise a merge conflict ("entity `QAT` differs between the two graphs").
        if let (ErrorKind::Conflict { id }, Some(location)) = (&self.0.kind, &self.0.location)
            && location.id.as_deref() == Some(id.as_str())
        {
            return write!(
                f,
                "{} {} differs between the two graphs",
                location.element.as_str(),
                shown(id)
            );
        }
        write!(f, "{}", self.0.kind)?;
        if let Some(location) = &self.0.location {
            write!(f, " in {location}")?;
        }
        if let Some(s) = &self.0.suggestion {
            write!(f, "; did you mean {}?", shown(s))?;
        }
        if let Some(note) = &self.0.note {
            write!(f, "; {note}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_culprit_and_place() {
        let e = Error::at(
            ErrorKind::UnknownEntity { id: "RUS".into() },
            Location::new(Element::Relation, Some("r12")).field("target"),
        );
        assert_eq!(
            e.to_string(),
            "unknown entity `RUS` in relation `r12` (field `target`)"
        );
    }

    #[test]
    fn huge_culprits_are_cut_short_in_messages_but_kept_in_kind() {
        let huge = "x".repeat(1_000_000);
        let e = Error::new(ErrorKind::UnknownEntity { id: huge.clone() });
        assert!(e.to_string().len() < 200, "{}", e.to_string().len());
        assert!(e.to_string().contains("1000000 bytes"));
        assert_eq!(e.kind(), &ErrorKind::UnknownEntity { id: huge });
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("a\nb"), "`a\\nb`");
    }

    #[test]
    fn a_backtick_or_backslash_in_a_culprit_cannot_close_its_quoting_or_fake_an_escape() {
        assert_eq!(shown("a`b"), "`a\\`b`");
        assert_eq!(shown("a\\nb"), "`a\\\\nb`");
        // Free text has no quoting to protect: left as it is.
        assert_eq!(shown_text("a`b\\"), "a`b\\");
        let e = Error::new(ErrorKind::UnknownEntity {
            id: "x` or `y".to_owned(),
        });
        assert!(e.to_string().contains("`x\\` or \\`y`"), "{e}");
    }

    #[test]
    fn error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<Error>();
    }
}
