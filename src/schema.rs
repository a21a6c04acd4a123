//! Entity kinds, relation kinds and the schema that says which kinds may join which.
//!
//! The schema is a value, like a graph database's DDL: [`Schema::builtin`] covers the article
//! dataset and the benchmark workload, [`Schema::empty`] starts from nothing, and
//! [`Schema::declare`] adds kinds of the user's own, checked exactly like the built-ins.

use crate::id::IdMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
pub use crate::kind::{EntityKind, EntityKinds};

impl FromStr for EntityKind {
    type Err = Error;

    /// Parses a kind name as written by [`EntityKind::as_str`].
    fn from_str(s: &str) -> Result<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::new(ErrorKind::UnknownEntityKind { name: s.to_owned() }))
    }
}

/// The sign of a relation: friendly, hostile, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Polarity {
    /// A friendly or cooperative tie (+1).
    Positive,
    /// A hostile or conflictual tie (−1).
    Negative,
    /// A tie with no sign, such as holding office or being located in (0).
    Neutral,
}

impl Polarity {
    /// +1, −1 or 0.
    pub fn sign(self) -> i8 {
        match self {
            Polarity::Positive => 1,
            Polarity::Negative => -1,
            Polarity::Neutral => 0,
        }
    }

    /// The name in the JSON format: `positive`, `negative`, `neutral`.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
            Polarity::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Polarity {
    type Err = Error;

    fn from_str(s: &str) -> Result<Polarity> {
        [Polarity::Positive, Polarity::Negative, Polarity::Neutral]
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                Error::new(ErrorKind::InvalidValue {
                    value: s.to_owned(),
                    expected: "`positive`, `negative` or `neutral`",
                })
            })
    }
}

/// The name of a relation kind, such as [`RelationKind::ALLIANCE`].
///
/// Names follow the Neo4j relationship-type convention: upper-case letters, digits and
/// underscores, starting with a letter, at most 64 characters. The built-in kinds are
/// associated constants; a kind of the user's own is made with [`RelationKind::new`] and must
/// be declared in the graph's [`Schema`] before a relation uses it.
///
/// Cloning is cheap: a built-in name is a static string, a user's name is shared.
#[derive(Clone)]
pub struct RelationKind(Name);

#[derive(Clone)]
enum Name {
    Static(&'static str),
    Shared(Arc<str>),
}

impl PartialEq for RelationKind {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RelationKind {}

impl PartialEq<RelationKind> for &RelationKind {
    fn eq(&self, other: &RelationKind) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::hash::Hash for RelationKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for RelationKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RelationKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

macro_rules! builtin_kinds {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        impl RelationKind {
            $(
                $(#[$doc])*
                pub const $name: RelationKind = RelationKind(Name::Static(stringify!($name)));
            )*
        }
    };
}

builtin_kinds!(
    /// An alliance between states, governments or organizations (symmetric, positive).
    ALLIANCE,
    /// A partnership short of alliance (symmetric, positive).
    PARTNERSHIP,
    /// Policy coordination, optionally `about` a topic (symmetric, positive).
    COORDINATES_WITH,
    /// Support for an actor, a position or a policy (positive).
    SUPPORTS,
    /// Membership of an organization or forum, or of a government (positive affiliation).
    MEMBER_OF,
    /// A person leading a state, government or organization (positive affiliation).
    LEADS,
    /// A person holding an office in a government or organization (positive affiliation).
    HOLDS_OFFICE,
    /// A government governing a state (positive affiliation).
    GOVERNS,
    /// Tension or hostility (symmetric, negative).
    TENSION,
    /// Opposition to an actor, a policy or an event (negative).
    OPPOSES,
    /// Seeing another as an obstacle to one's aims (negative).
    SEES_AS_OBSTACLE,
    /// Fear of another's actions or of an arrangement (negative).
    FEARS,
    /// Provoking another (negative).
    PROVOKES,
    /// Threatening or intimidating another (negative).
    THREATENS,
    /// An actor responsible for an event (neutral: the event's own relations carry the sign).
    RESPONSIBLE_FOR,
    /// An event aimed at a target (negative).
    TARGETS,
    /// One action or event presented as a response to another (neutral).
    RESPONDS_TO,
    /// Demanding something (an apology, concessions) of another, `about` what is demanded
    /// (negative).
    DEMANDS,
    /// Conditioning talks or concessions with the target on something; `about` names what is
    /// conditioned (neutral).
    CONDITIONS_ON,
    /// Refusing to negotiate with another (negative).
    REFUSES_NEGOTIATION,
    /// Negotiating with another (symmetric, positive).
    NEGOTIATES,
    /// Meeting another (symmetric, positive).
    MEETS,
    /// Visiting a state, government, organization or place (positive).
    VISITS,
    /// Tolerating something, such as protests one could have blocked (neutral).
    TOLERATES,
    /// Pursuing a policy or strategy (neutral).
    PURSUES,
    /// Being about or aimed at a topic (neutral).
    CONCERNS,
    /// Hosting a facility, organization or event (neutral).
    HOSTS,
    /// Operating a facility, such as a military base (neutral).
    OPERATES,
    /// Being located in a place or state (neutral).
    LOCATED_IN,
);

impl RelationKind {
    /// Makes a kind name. The name is checked when the kind is declared in a [`Schema`].
    pub fn new(name: impl Into<String>) -> RelationKind {
        RelationKind(Name::Shared(Arc::from(name.into())))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Name::Static(s) => s,
            Name::Shared(s) => s,
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for RelationKind {
    fn from(name: &str) -> Self {
        RelationKind::new(name)
    }
}

/// Whether `name` follows the relation kind naming rule.
pub(crate) fn kind_name_ok(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0].is_ascii_uppercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
}

/// One allowed pairing of endpoint kinds: a relation may run from any kind in `from` to any
/// kind in `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EndpointRule {
    /// Kinds allowed at the source.
    pub from: EntityKinds,
    /// Kinds allowed at the target.
    pub to: EntityKinds,
}

/// The declaration of a relation kind: its default polarity, whether it is symmetric, and which
/// entity kinds it may join.
///
/// # Example
/// ```
/// use alliance_graph::{EndpointRule, EntityKind, EntityKinds, Polarity, RelationKindDef, Schema};
/// let mut schema = Schema::builtin();
/// let states = EntityKinds::of(&[EntityKind::State]);
/// schema.declare(
///     RelationKindDef::new("RIVALRY", Polarity::Negative)
///         .symmetric()
///         .endpoints(states, states)
///         .describe("a long-standing strategic rivalry"),
/// )?;
/// assert!(schema.get("RIVALRY").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RelationKindDef {
    /// The kind's name.
    pub name: RelationKind,
    /// The polarity a relation of this kind has unless it overrides it.
    pub polarity: Polarity,
    /// Whether the relation holds both ways whatever its stored direction (alliance, tension).
    pub symmetric: bool,
    /// The allowed endpoint pairings; empty means any kind to any kind. For a symmetric kind a
    /// rule may match either way round.
    pub endpoints: Vec<EndpointRule>,
    /// What the kind means.
    pub description: String,
    /// The closest CAMEO root code and name, for mapping event data (`"05 Engage in
    /// diplomatic cooperation"`), if any.
    pub cameo: Option<String>,
    /// The closest PLOVER event type (`"COOPERATE"`), if any.
    pub plover: Option<String>,
}

impl RelationKindDef {
    /// A directed kind with the given name and polarity that joins any kinds.
    pub fn new(name: impl Into<String>, polarity: Polarity) -> RelationKindDef {
        RelationKindDef {
            name: RelationKind::new(name),
            polarity,
            symmetric: false,
            endpoints: Vec::new(),
            description: String::new(),
            cameo: None,
            plover: None,
        }
    }

    /// Makes the kind symmetric.
    pub fn symmetric(mut self) -> Self {
        self.symmetric = true;
        self
    }

    /// Adds an allowed endpoint pairing.
    pub fn endpoints(mut self, from: EntityKinds, to: EntityKinds) -> Self {
        self.endpoints.push(EndpointRule { from, to });
        self
    }

    /// Sets the description.
    pub fn describe(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets the closest CAMEO root code and PLOVER event type.
    pub fn event_codes(mut self, cameo: Option<&str>, plover: Option<&str>) -> Self {
        self.cameo = cameo.map(str::to_owned);
        self.plover = plover.map(str::to_owned);
        self
    }

    /// Whether a relation of this kind may run from a `source` entity to a `target` entity.
    pub fn allows(&self, source: EntityKind, target: EntityKind) -> bool {
        self.endpoints.is_empty()
            || self.endpoints.iter().any(|r| {
                (r.from.contains(source) && r.to.contains(target))
                    || (self.symmetric && r.from.contains(target) && r.to.contains(source))
            })
    }
}

/// The vocabulary of relation kinds a graph accepts.
///
/// Kinds keep their declaration order, built-ins first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    kinds: Vec<RelationKindDef>,
    index: IdMap<String, usize>,
    builtin: usize,
}

impl Default for Schema {
    fn default() -> Self {
        Schema::builtin()
    }
}

/// One row of the built-in table: name, polarity, symmetric, endpoint rules, CAMEO, PLOVER,
/// description.
type BuiltinRow = (
    RelationKind,
    Polarity,
    bool,
    &'static [(EntityKinds, EntityKinds)],
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

const ACT: EntityKinds = EntityKinds::ACTORS;
const INST: EntityKinds = EntityKinds::INSTITUTIONS;
const ANY: EntityKinds = EntityKinds::ANY;
const ORG: EntityKinds = EntityKinds(1 << EntityKind::Organization as u16);
const GOV: EntityKinds = EntityKinds(1 << EntityKind::Government as u16);
const STATE: EntityKinds = EntityKinds(1 << EntityKind::State as u16);
const PERSON: EntityKinds = EntityKinds(1 << EntityKind::Person as u16);
const EVENT: EntityKinds = EntityKinds(1 << EntityKind::Event as u16);
const POLICY: EntityKinds = EntityKinds(1 << EntityKind::Policy as u16);
const PLACE_OR_ORG: EntityKinds =
    EntityKinds(1 << EntityKind::Place as u16 | 1 << EntityKind::Organization as u16);
const SITUATED: EntityKinds = EntityKinds(
    1 << EntityKind::Place as u16
        | 1 << EntityKind::Organization as u16
        | 1 << EntityKind::Event as u16,
);
const STATE_OR_PLACE: EntityKinds =
    EntityKinds(1 << EntityKind::State as u16 | 1 << EntityKind::Place as u16);
const VISITABLE: EntityKinds = EntityKinds(INST.0 | 1 << EntityKind::Place as u16);
const HOSTING: EntityKinds = EntityKinds(INST.0 | 1 << EntityKind::Place as u16);
const ORG_GOV_STATE: EntityKinds = INST;
const GOV_OR_ORG: EntityKinds = EntityKinds(GOV.0 | ORG.0);

use Polarity::{Negative as NEG, Neutral as NEU, Positive as POS};

/// The built-in kinds. The ten kinds the benchmark workload uses (`../shared/bench/WORKLOAD.md`)
/// have its names and signs, and endpoint rules that accept every pairing it allows.
#[rustfmt::skip]
const BUILTINS: &[BuiltinRow] = &[
    (RelationKind::ALLIANCE, POS, true, &[(INST, INST)], Some("05 Engage in diplomatic cooperation"), Some("COOPERATE"), "an alliance between states, governments or organizations"),
    (RelationKind::PARTNERSHIP, POS, true, &[(INST, INST)], Some("05 Engage in diplomatic cooperation"), Some("COOPERATE"), "a partnership short of a formal alliance"),
    (RelationKind::COORDINATES_WITH, POS, true, &[(ACT, ACT)], Some("05 Engage in diplomatic cooperation"), Some("COOPERATE"), "policy coordination, optionally about a topic"),
    (RelationKind::SUPPORTS, POS, false, &[(ACT, ANY), (POLICY, POLICY)], Some("05 Engage in diplomatic cooperation"), Some("SUPPORT"), "support for an actor, a position or a policy; a policy may support another"),
    (RelationKind::MEMBER_OF, POS, false, &[(ACT, ORG), (PERSON, GOV)], None, None, "membership of an organization or forum, or of a government"),
    (RelationKind::LEADS, POS, false, &[(PERSON, ORG_GOV_STATE)], None, None, "a person leading a state, government or organization"),
    (RelationKind::HOLDS_OFFICE, POS, false, &[(PERSON, GOV_OR_ORG)], None, None, "a person holding an office in a government or organization"),
    (RelationKind::GOVERNS, POS, false, &[(GOV, STATE)], None, None, "a government governing a state"),
    (RelationKind::TENSION, NEG, true, &[(ACT, ACT)], Some("11 Disapprove"), Some("DISAPPROVE"), "tension or hostility between actors"),
    (RelationKind::OPPOSES, NEG, false, &[(ACT, ANY), (POLICY, POLICY)], Some("11 Disapprove"), Some("DISAPPROVE"), "opposition to an actor, a policy or an event; a policy may oppose another"),
    (RelationKind::SEES_AS_OBSTACLE, NEG, false, &[(ACT, ANY)], Some("11 Disapprove"), Some("DISAPPROVE"), "seeing another as an obstacle to one's aims"),
    (RelationKind::FEARS, NEG, false, &[(ACT, ANY)], Some("13 Threaten (seen from the threatened side)"), Some("THREATEN"), "fear of another's actions or of an arrangement"),
    (RelationKind::PROVOKES, NEG, false, &[], Some("13 Threaten"), Some("THREATEN"), "provoking another"),
    (RelationKind::THREATENS, NEG, false, &[(ACT, ANY)], Some("13 Threaten"), Some("THREATEN"), "threatening or intimidating another"),
    (RelationKind::RESPONSIBLE_FOR, NEU, false, &[(ACT, EVENT)], Some("015 Acknowledge or claim responsibility"), None, "an actor responsible for an event"),
    (RelationKind::TARGETS, NEG, false, &[(EVENT, ANY)], Some("19 Fight"), Some("ASSAULT"), "an event aimed at a target"),
    (RelationKind::RESPONDS_TO, NEU, false, &[], None, None, "an action or event presented as a response to another"),
    (RelationKind::DEMANDS, NEG, false, &[(ACT, ACT)], Some("10 Demand"), Some("DEMAND"), "demanding something of another, about what is demanded"),
    (RelationKind::CONDITIONS_ON, NEU, false, &[(ACT, ANY)], Some("10 Demand"), Some("DEMAND"), "conditioning talks or concessions with the target on something; about names what is conditioned"),
    (RelationKind::REFUSES_NEGOTIATION, NEG, false, &[(ACT, ACT)], Some("12 Reject"), Some("REJECT"), "refusing to negotiate with another"),
    (RelationKind::NEGOTIATES, POS, true, &[(ACT, ACT)], Some("04 Consult"), Some("CONSULT"), "negotiating with another"),
    (RelationKind::MEETS, POS, true, &[(ACT, ACT)], Some("04 Consult"), Some("CONSULT"), "meeting another"),
    (RelationKind::VISITS, POS, false, &[(ACT, VISITABLE)], Some("04 Consult"), Some("CONSULT"), "visiting a state, government, organization or place"),
    (RelationKind::TOLERATES, NEU, false, &[(ACT, ANY)], Some("08 Yield"), Some("CONCEDE"), "tolerating something one could have blocked"),
    (RelationKind::PURSUES, NEU, false, &[(ACT, POLICY)], None, None, "pursuing a policy or strategy"),
    (RelationKind::CONCERNS, NEU, false, &[], None, None, "being about or aimed at a topic, policy or event"),
    (RelationKind::HOSTS, NEU, false, &[(HOSTING, ANY)], Some("04 Consult (043 Host a visit)"), Some("CONSULT"), "hosting a facility, organization or event"),
    (RelationKind::OPERATES, NEU, false, &[(ACT, PLACE_OR_ORG)], None, None, "operating a facility such as a military base"),
    (RelationKind::LOCATED_IN, NEU, false, &[(SITUATED, STATE_OR_PLACE)], None, None, "being located in a place or state"),
];

impl Schema {
    /// The built-in schema: the relation kinds of the article dataset and the benchmark
    /// workload, each documented with its closest CAMEO root code and PLOVER event type:
    ///
    #[doc = include_str!("../docs/SCHEMA.md")]
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{Polarity, RelationKind, Schema};
    /// let schema = Schema::builtin();
    /// let alliance = schema.get(RelationKind::ALLIANCE.as_str()).unwrap();
    /// assert!(alliance.symmetric);
    /// assert_eq!(alliance.polarity, Polarity::Positive);
    /// ```
    pub fn builtin() -> Schema {
        let mut schema = Schema::empty();
        for (name, polarity, symmetric, rules, cameo, plover, description) in BUILTINS {
            let def = RelationKindDef {
                name: name.clone(),
                polarity: *polarity,
                symmetric: *symmetric,
                endpoints: rules
                    .iter()
                    .map(|&(from, to)| EndpointRule { from, to })
                    .collect(),
                description: (*description).to_owned(),
                cameo: cameo.map(str::to_owned),
                plover: plover.map(str::to_owned),
            };
            schema
                .index
                .insert(def.name.as_str().to_owned(), schema.kinds.len());
            schema.kinds.push(def);
        }
        schema.builtin = schema.kinds.len();
        schema
    }

    /// A schema with no kinds at all, for data that brings its whole vocabulary.
    pub fn empty() -> Schema {
        Schema {
            kinds: Vec::new(),
            index: IdMap::default(),
            builtin: 0,
        }
    }

    /// Declares a new relation kind.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKindName`] when the name breaks the naming rule, and
    /// [`ErrorKind::DuplicateKind`] when the name is already declared.
    pub fn declare(&mut self, def: RelationKindDef) -> Result<()> {
        let name = def.name.as_str();
        if !kind_name_ok(name) {
            return Err(Error::new(ErrorKind::InvalidKindName {
                name: name.to_owned(),
            }));
        }
        if self.index.contains_key(name) {
            return Err(Error::new(ErrorKind::DuplicateKind {
                name: name.to_owned(),
            }));
        }
        self.index.insert(name.to_owned(), self.kinds.len());
        self.kinds.push(def);
        Ok(())
    }

    /// The declaration of the kind with this name.
    pub fn get(&self, name: &str) -> Option<&RelationKindDef> {
        self.index.get(name).map(|&i| &self.kinds[i])
    }

    /// The position of a kind in declaration order; positions never change, since kinds are
    /// never removed.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The kind at a position given by [`Schema::position`].
    pub(crate) fn at(&self, position: usize) -> &RelationKindDef {
        &self.kinds[position]
    }

    /// Every kind, built-ins first, then in declaration order.
    pub fn kinds(&self) -> impl Iterator<Item = &RelationKindDef> {
        self.kinds.iter()
    }

    /// The kinds declared on top of the built-ins, in declaration order.
    pub fn custom_kinds(&self) -> impl Iterator<Item = &RelationKindDef> {
        self.kinds[self.builtin..].iter()
    }

    /// The vocabulary as a Markdown table: name, polarity, symmetry, endpoint rules, closest
    /// CAMEO root code and PLOVER event type, description. Kinds without an event code are
    /// structural ties (membership, office, location), which event data does not report.
    ///
    /// # Example
    /// ```
    /// let table = alliance_graph::Schema::builtin().markdown_table();
    /// assert!(table.contains("| `TENSION` | negative | yes |"));
    /// ```
    pub fn markdown_table(&self) -> String {
        let kinds = |k: EntityKinds| {
            if k.is_any() {
                "any".to_owned()
            } else {
                k.iter()
                    .map(EntityKind::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut out = String::from(
            "| kind | polarity | symmetric | endpoints (from → to) | CAMEO | PLOVER | meaning |\n\
             |---|---|---|---|---|---|---|\n",
        );
        for d in &self.kinds {
            let endpoints = if d.endpoints.is_empty() {
                "any → any".to_owned()
            } else {
                d.endpoints
                    .iter()
                    .map(|r| format!("{} → {}", kinds(r.from), kinds(r.to)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let code =
                |c: &Option<String>| c.clone().unwrap_or_else(|| "— (structural)".to_owned());
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} | {} |\n",
                d.name,
                d.polarity,
                if d.symmetric { "yes" } else { "no" },
                endpoints,
                code(&d.cameo),
                code(&d.plover),
                d.description
            ));
        }
        out
    }

    /// Whether this schema starts from the built-in kinds.
    pub fn has_builtins(&self) -> bool {
        self.builtin > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_follow_the_rule_and_are_unique() {
        let schema = Schema::builtin();
        assert_eq!(schema.kinds().count(), BUILTINS.len());
        for def in schema.kinds() {
            assert!(kind_name_ok(def.name.as_str()), "{}", def.name);
            assert!(!def.description.is_empty());
        }
        assert_eq!(schema.custom_kinds().count(), 0);
    }

    #[test]
    fn schema_doc_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/SCHEMA.md");
        let table = Schema::builtin().markdown_table();
        if std::env::var_os("ALLIANCE_GRAPH_WRITE_DOCS").is_some() {
            std::fs::write(path, &table).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            table,
            "docs/SCHEMA.md is stale: rerun this test with ALLIANCE_GRAPH_WRITE_DOCS=1"
        );
    }

    #[test]
    fn endpoint_rules() {
        let schema = Schema::builtin();
        let member = schema.get("MEMBER_OF").unwrap();
        assert!(member.allows(EntityKind::State, EntityKind::Organization));
        assert!(member.allows(EntityKind::Person, EntityKind::Government));
        assert!(!member.allows(EntityKind::State, EntityKind::Government));
        assert!(!member.allows(EntityKind::Organization, EntityKind::State));
        let provokes = schema.get("PROVOKES").unwrap();
        assert!(provokes.allows(EntityKind::Topic, EntityKind::Place));
        let obstacle = schema.get("SEES_AS_OBSTACLE").unwrap();
        assert!(obstacle.allows(EntityKind::Government, EntityKind::State));
        assert!(obstacle.allows(EntityKind::State, EntityKind::Government));
        assert!(!obstacle.allows(EntityKind::Event, EntityKind::State));
    }

    #[test]
    fn symmetric_rules_match_either_way() {
        let def = RelationKindDef::new("BORDERS", Polarity::Neutral)
            .symmetric()
            .endpoints(
                EntityKinds::of(&[EntityKind::State]),
                EntityKinds::of(&[EntityKind::Place]),
            );
        assert!(def.allows(EntityKind::State, EntityKind::Place));
        assert!(def.allows(EntityKind::Place, EntityKind::State));
        let directed = RelationKindDef {
            symmetric: false,
            ..def
        };
        assert!(!directed.allows(EntityKind::Place, EntityKind::State));
    }

    #[test]
    fn declare_checks_name_and_duplicates() {
        let mut schema = Schema::builtin();
        let err = schema
            .declare(RelationKindDef::new("ALLIANCE", Polarity::Positive))
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::DuplicateKind { name } if name == "ALLIANCE"));
        for bad in ["rivalry", "", "1ST", "A-B", &"A".repeat(65)] {
            let err = schema
                .declare(RelationKindDef::new(bad, Polarity::Negative))
                .unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::InvalidKindName { .. }),
                "{bad}"
            );
        }
        schema
            .declare(RelationKindDef::new("RIVALRY", Polarity::Negative))
            .unwrap();
        assert_eq!(
            schema
                .custom_kinds()
                .map(|d| d.name.as_str())
                .collect::<Vec<_>>(),
            ["RIVALRY"]
        );
    }

    #[test]
    fn entity_kind_names_round_trip() {
        for k in EntityKind::ALL {
            assert_eq!(k.as_str().parse::<EntityKind>().unwrap(), k);
        }
        assert!(matches!(
            "nation".parse::<EntityKind>().unwrap_err().kind(),
            ErrorKind::UnknownEntityKind { name } if name == "nation"
        ));
    }
}
