//! Entity kinds and sets of them: plain values that every other module (errors included)
//! may name without depending on the schema.

use std::fmt;

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EntityKind {
    /// A sovereign state, such as the United States (`USA`).
    State,
    /// A government, administration or regime, such as the Lee Myung-bak government.
    Government,
    /// A person, such as Hillary Clinton.
    Person,
    /// An organization: an institution, a forum (the Six-Party Talks), an alliance treated as
    /// an institution, a military.
    Organization,
    /// Something that happened, such as the sinking of the Cheonan.
    Event,
    /// A policy or strategy, such as "strategic patience".
    Policy,
    /// A place or facility, such as Camp Carroll.
    Place,
    /// A topic or issue, such as nuclear security.
    Topic,
}

impl EntityKind {
    /// Every entity kind, in declaration order.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::State,
        EntityKind::Government,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Event,
        EntityKind::Policy,
        EntityKind::Place,
        EntityKind::Topic,
    ];

    /// The kind's name in the JSON format: `state`, `government`, `person`, `organization`,
    /// `event`, `policy`, `place`, `topic`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::State => "state",
            EntityKind::Government => "government",
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Event => "event",
            EntityKind::Policy => "policy",
            EntityKind::Place => "place",
            EntityKind::Topic => "topic",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl EntityKind {
    /// The kind a label names, in any letter case (`State`, `state`, `STATE`).
    pub(crate) fn from_label(label: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(label))
    }
}

/// A set of [`EntityKind`]s, used by endpoint rules.
///
/// # Example
/// ```
/// use alliance_graph::{EntityKind, EntityKinds};
/// let states_and_governments = EntityKinds::of(&[EntityKind::State, EntityKind::Government]);
/// assert!(states_and_governments.contains(EntityKind::Government));
/// assert!(!states_and_governments.contains(EntityKind::Event));
/// assert!(EntityKinds::ANY.contains(EntityKind::Event));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityKinds(pub(crate) u16);

impl EntityKinds {
    /// No kind at all.
    pub const NONE: EntityKinds = EntityKinds(0);
    /// Every kind.
    pub const ANY: EntityKinds = EntityKinds((1 << EntityKind::ALL.len()) - 1);
    /// States, governments, organizations and persons: those who act.
    pub const ACTORS: EntityKinds = EntityKinds(
        1 << EntityKind::State as u16
            | 1 << EntityKind::Government as u16
            | 1 << EntityKind::Organization as u16
            | 1 << EntityKind::Person as u16,
    );
    /// States, governments and organizations: those who ally.
    pub const INSTITUTIONS: EntityKinds = EntityKinds(
        1 << EntityKind::State as u16
            | 1 << EntityKind::Government as u16
            | 1 << EntityKind::Organization as u16,
    );

    /// The set of the given kinds.
    pub fn of(kinds: &[EntityKind]) -> EntityKinds {
        EntityKinds(kinds.iter().fold(0, |bits, k| bits | k.bit()))
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: EntityKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// The kinds in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = EntityKind> {
        EntityKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }

    /// Whether the set holds every kind.
    pub fn is_any(self) -> bool {
        self == EntityKinds::ANY
    }
}

impl fmt::Debug for EntityKinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}
