//! The elements of a graph: entities, relations, evidence and sources.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};
use crate::id::{EntityId, RelationId, SourceId};
use crate::known::{Occurrence, Tense};
use crate::schema::{EntityKind, Polarity, RelationKind};
use crate::time::{Date, Interval};

/// A free attribute value: a scalar, so that every export format can type it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A finite floating-point number.
    Float(f64),
    /// Text.
    Text(String),
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(v) => write!(f, "{v}"),
            Value::Int(v) => write!(f, "{v}"),
            Value::Float(v) => write!(f, "{v}"),
            Value::Text(v) => f.write_str(v),
        }
    }
}

/// Free attributes of an entity or relation, sorted by name.
pub type Attributes = BTreeMap<String, Value>;

/// A piece of evidence: a verbatim quote from a source, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The source quoted; it must be in the graph's source table.
    pub source: SourceId,
    /// The exact words of the source. Never empty.
    pub quote: String,
    /// The 1-based paragraph of the source the quote comes from, where known.
    pub paragraph: Option<u32>,
    /// When the statement was made, where it differs from its source's date (an interview
    /// quoted in a later report). Unset: the source's date.
    pub date: Option<Date>,
}

impl Evidence {
    /// A quote from a source.
    pub fn new(source: impl Into<SourceId>, quote: impl Into<String>) -> Evidence {
        Evidence {
            source: source.into(),
            quote: quote.into(),
            paragraph: None,
            date: None,
        }
    }

    /// Sets the paragraph number.
    pub fn paragraph(mut self, paragraph: u32) -> Evidence {
        self.paragraph = Some(paragraph);
        self
    }

    /// Sets the date of the statement, where it differs from the source's.
    pub fn date(mut self, date: Date) -> Evidence {
        self.date = Some(date);
        self
    }
}

/// An entry of a graph's source table: an article, a report, a data set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    /// The id that evidence names.
    pub id: SourceId,
    /// The title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published: the date its statements speak of, unless a piece of evidence
    /// says otherwise (see [`Tense`]).
    pub date: Option<Date>,
    /// Where it can be found.
    pub url: Option<String>,
}

impl Source {
    /// A source with an id and a title.
    pub fn new(id: impl Into<SourceId>, title: impl Into<String>) -> Source {
        Source {
            id: id.into(),
            title: title.into(),
            publisher: None,
            date: None,
            url: None,
        }
    }

    /// Sets where the source can be found.
    pub fn url(mut self, url: impl Into<String>) -> Source {
        self.url = Some(url.into());
        self
    }

    /// Sets the publisher.
    pub fn publisher(mut self, publisher: impl Into<String>) -> Source {
        self.publisher = Some(publisher.into());
        self
    }

    /// Sets the publication date.
    pub fn date(mut self, date: Date) -> Source {
        self.date = Some(date);
        self
    }
}

/// A node: a state, government, person, organization, event, policy, place or topic.
///
/// # Example
/// ```
/// use alliance_graph::{Entity, EntityKind, Interval};
/// let lee = Entity::new("lee-government", EntityKind::Government, "Lee Myung-bak government")
///     .alias("Lee administration")
///     .lifetime(Interval::new(Some("2008-02-25".parse()?), Some("2013-02-24".parse()?))?);
/// assert_eq!(lee.aliases, ["Lee administration"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Entity {
    /// The stable id.
    pub id: EntityId,
    /// What sort of entity it is.
    pub kind: EntityKind,
    /// The display name.
    pub name: String,
    /// Other names, in the order given.
    pub aliases: Vec<String>,
    /// When the entity exists: an administration's term, an event's date. Relations that
    /// touch the entity hold only inside it (see [`crate::RelationRef::holds_at`]).
    pub lifetime: Interval,
    /// Evidence for the lifetime, which may come from another source than the relations.
    pub lifetime_evidence: Vec<Evidence>,
    /// Free attributes.
    pub attributes: Attributes,
}

impl Entity {
    /// An entity with an id, a kind and a name, no aliases, always alive, no attributes.
    pub fn new(id: impl Into<EntityId>, kind: EntityKind, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: Vec::new(),
            lifetime: Interval::ALWAYS,
            lifetime_evidence: Vec::new(),
            attributes: Attributes::new(),
        }
    }

    /// Adds an alias.
    pub fn alias(mut self, alias: impl Into<String>) -> Entity {
        self.aliases.push(alias.into());
        self
    }

    /// Sets the lifetime.
    pub fn lifetime(mut self, lifetime: Interval) -> Entity {
        self.lifetime = lifetime;
        self
    }

    /// Sets an attribute.
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> Entity {
        self.attributes.insert(name.into(), value.into());
        self
    }
}

/// Whether a relation is a stated fact or somebody's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    /// Stated as fact by the source.
    #[default]
    Fact,
    /// Claimed by an actor ("Pyongyang claims it was responding to …").
    Claim,
    /// Believed by an actor ("South Korean leaders believe …").
    Belief,
    /// A possibility or risk ("could potentially provoke North Korea").
    Hypothetical,
    /// Denied or disputed by a party ("has yet to acknowledge its full responsibility").
    Disputed,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 5] = [
        Status::Fact,
        Status::Claim,
        Status::Belief,
        Status::Hypothetical,
        Status::Disputed,
    ];

    /// The name in the JSON format: `fact`, `claim`, `belief`, `hypothetical`, `disputed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fact => "fact",
            Status::Claim => "claim",
            Status::Belief => "belief",
            Status::Hypothetical => "hypothetical",
            Status::Disputed => "disputed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = Error;

    fn from_str(s: &str) -> Result<Status> {
        Status::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::new(ErrorKind::InvalidValue {
                    value: s.to_owned(),
                    expected: "`fact`, `claim`, `belief`, `hypothetical` or `disputed`",
                })
            })
    }
}

impl fmt::Display for Entity {
    /// The name, then the id and kind: `Lee Myung-bak government (lee-government, government)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, {})", self.name, self.id, self.kind)
    }
}

/// A directed edge: one relation of a kind from a source entity to a target entity, with its
/// properties and provenance.
///
/// Several relations of the same kind may join the same pair (for different periods, say);
/// each has its own id.
///
/// # Example
/// ```
/// use alliance_graph::{Evidence, Relation, RelationKind, Status};
/// let r = Relation::new("r-fear", RelationKind::FEARS, "CHN", "us-rok-partnership")
///     .evidence(Evidence::new("diplomat-2011", "These states fear that a US-South Korean partnership will harm their own regional interests").paragraph(2));
/// assert_eq!(r.status, Status::Fact);
/// assert_eq!(r.evidence.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Relation {
    /// The stable id.
    pub id: RelationId,
    /// The kind, which the graph's schema must declare.
    pub kind: RelationKind,
    /// The entity the relation runs from.
    pub source: EntityId,
    /// The entity the relation runs to.
    pub target: EntityId,
    /// Overrides the kind's default polarity when set.
    pub polarity: Option<Polarity>,
    /// How strong the tie is, in `[0, 1]`; unset means unknown (treated as 1 by measures).
    pub intensity: Option<f64>,
    /// How sure the encoder is that the relation holds, in `[0, 1]`; unset means unknown.
    pub confidence: Option<f64>,
    /// When the relation can hold: outside it, it does not. For a [`Tense::Timeless`]
    /// relation (the default) it also holds on every day of it.
    pub valid: Interval,
    /// How the statement places the relation relative to its date. Default: timeless.
    pub tense: Tense,
    /// Whether the relation is a lasting state (default) or a one-off.
    pub occurs: Occurrence,
    /// An entity (an era, an event) before whose lifetime begins the relation does not hold:
    /// "last year's incidents" start with the incident.
    pub not_before: Option<EntityId>,
    /// A condition: an entity (an event, a policy) once whose lifetime has begun the relation
    /// no longer holds ("until it clearly changes its policies"): it can hold up to the last
    /// day of the anchor's start date. An anchor with no start date is unmet.
    pub not_after: Option<EntityId>,
    /// An era the statement covers whole: for a past or future state, the relation holds on
    /// every day of that entity's lifetime (within its other bounds), and on no other day.
    pub throughout: Option<EntityId>,
    /// Whether the relation is a stated fact or somebody's view.
    pub status: Status,
    /// For claims, beliefs, hypotheticals and disputed relations: whose view it is.
    pub asserted_by: Option<EntityId>,
    /// What the relation is about, such as the topic two governments coordinate on, or what
    /// a demand asks for.
    pub about: Option<EntityId>,
    /// The quotes that support the relation.
    pub evidence: Vec<Evidence>,
    /// Free attributes.
    pub attributes: Attributes,
}

impl Relation {
    /// A stated fact of `kind` from `source` to `target`, always valid, with the kind's
    /// default polarity and no evidence.
    pub fn new(
        id: impl Into<RelationId>,
        kind: RelationKind,
        source: impl Into<EntityId>,
        target: impl Into<EntityId>,
    ) -> Relation {
        Relation {
            id: id.into(),
            kind,
            source: source.into(),
            target: target.into(),
            polarity: None,
            intensity: None,
            confidence: None,
            valid: Interval::ALWAYS,
            tense: Tense::Timeless,
            occurs: Occurrence::State,
            not_before: None,
            not_after: None,
            throughout: None,
            status: Status::Fact,
            asserted_by: None,
            about: None,
            evidence: Vec::new(),
            attributes: Attributes::new(),
        }
    }

    /// Adds a piece of evidence.
    pub fn evidence(mut self, evidence: Evidence) -> Relation {
        self.evidence.push(evidence);
        self
    }

    /// Sets when the relation holds.
    pub fn valid(mut self, valid: Interval) -> Relation {
        self.valid = valid;
        self
    }

    /// Sets the tense of the statement.
    pub fn tense(mut self, tense: Tense) -> Relation {
        self.tense = tense;
        self
    }

    /// Marks the relation as a one-off.
    pub fn once(mut self) -> Relation {
        self.occurs = Occurrence::Once;
        self
    }

    /// Sets the entity before whose lifetime the relation does not hold.
    pub fn not_before(mut self, anchor: impl Into<EntityId>) -> Relation {
        self.not_before = Some(anchor.into());
        self
    }

    /// Sets the condition once met (its anchor begun) the relation no longer holds.
    pub fn not_after(mut self, condition: impl Into<EntityId>) -> Relation {
        self.not_after = Some(condition.into());
        self
    }

    /// Sets the era the statement covers whole.
    pub fn throughout(mut self, era: impl Into<EntityId>) -> Relation {
        self.throughout = Some(era.into());
        self
    }

    /// Marks the relation as a claim by `by` ("Pyongyang claims …").
    pub fn claimed_by(self, by: impl Into<EntityId>) -> Relation {
        self.asserted(Status::Claim, Some(by.into()))
    }

    /// Marks the relation as a belief held by `by` ("South Korean leaders believe …").
    pub fn believed_by(self, by: impl Into<EntityId>) -> Relation {
        self.asserted(Status::Belief, Some(by.into()))
    }

    /// Marks the relation as somebody's view.
    pub fn asserted(mut self, status: Status, by: Option<EntityId>) -> Relation {
        self.status = status;
        self.asserted_by = by;
        self
    }

    /// Overrides the polarity.
    pub fn polarity(mut self, polarity: Polarity) -> Relation {
        self.polarity = Some(polarity);
        self
    }

    /// Sets the intensity.
    pub fn intensity(mut self, intensity: f64) -> Relation {
        self.intensity = Some(intensity);
        self
    }

    /// Sets the confidence.
    pub fn confidence(mut self, confidence: f64) -> Relation {
        self.confidence = Some(confidence);
        self
    }

    /// Sets what the relation is about.
    pub fn about(mut self, about: impl Into<EntityId>) -> Relation {
        self.about = Some(about.into());
        self
    }

    /// Sets an attribute.
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> Relation {
        self.attributes.insert(name.into(), value.into());
        self
    }
}
