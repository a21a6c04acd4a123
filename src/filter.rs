//! One composable relation filter, used by queries, pattern matching and every path search.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use crate::graph::Graph;
use crate::id::{EntityId, SourceId};
use crate::known::Reading;
use crate::model::Status;
use crate::relation_ref::RelationRef;
use crate::schema::{EntityKinds, Polarity, RelationKind};
use crate::store::{EdgeFact, Step, Store};
use crate::time::{Date, Interval, Span};

pub use crate::store::{Direction, Traversal};

/// A caller-supplied test on a relation.
type Predicate = Arc<dyn Fn(RelationRef<'_>) -> bool + Send + Sync>;

/// The constraints a filter can hold, named so that a failed search can say which one cut it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Constraint {
    /// The relation kinds allowed.
    Kinds,
    /// The polarities allowed.
    Polarity,
    /// The direction relations may be followed.
    Direction,
    /// The entity kinds allowed at either end.
    EntityKinds,
    /// The date relations must hold at, or the window they must overlap.
    Time,
    /// The epistemic statuses allowed, and who must assert them.
    Status,
    /// The minimum intensity and confidence.
    Strength,
    /// The sources evidence must come from.
    Sources,
    /// The caller's own predicate.
    Custom,
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Constraint::Kinds => "the relation kinds allowed",
            Constraint::Polarity => "the polarities allowed",
            Constraint::Direction => "the direction allowed",
            Constraint::EntityKinds => "the entity kinds allowed",
            Constraint::Time => "the time constraint",
            Constraint::Status => "the statuses allowed",
            Constraint::Strength => "the minimum intensity or confidence",
            Constraint::Sources => "the sources allowed",
            Constraint::Custom => "the custom predicate",
        })
    }
}

/// A composable filter on relations: kinds, polarity, direction, entity kinds at either end,
/// time, epistemic status and asserter, minimum intensity and confidence, sources, and a
/// predicate of your own. Every part is optional; [`RelationFilter::new`] accepts everything.
///
/// Unset intensity and confidence count as 1 (no discount for missing information). Time
/// tests use [`RelationRef::holds_at`](crate::RelationRef::holds_at) and [`RelationRef::effective_interval`](crate::RelationRef::effective_interval), so the lifetimes of a
/// relation's endpoints count too.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, Direction, Polarity, RelationFilter, Status};
/// let g = datasets::us_korea_2011();
/// let hostile_facts_in_2010 = RelationFilter::new()
///     .polarity(Polarity::Negative)
///     .statuses([Status::Fact])
///     .at("2010".parse()?);
/// let n = g.relations().filter(|&r| hostile_facts_in_2010.matches(r)).count();
/// assert!(n > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct RelationFilter {
    kinds: Option<BTreeSet<RelationKind>>,
    polarities: Option<BTreeSet<Polarity>>,
    direction: Direction,
    source_kinds: Option<EntityKinds>,
    target_kinds: Option<EntityKinds>,
    at: Option<Date>,
    during: Option<Interval>,
    reading: Reading,
    statuses: Option<BTreeSet<Status>>,
    asserted_by: Option<EntityId>,
    min_intensity: Option<f64>,
    min_confidence: Option<f64>,
    sources: Option<BTreeSet<SourceId>>,
    predicate: Option<Predicate>,
}

impl fmt::Debug for RelationFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RelationFilter")
            .field("kinds", &self.kinds)
            .field("polarities", &self.polarities)
            .field("direction", &self.direction)
            .field("source_kinds", &self.source_kinds)
            .field("target_kinds", &self.target_kinds)
            .field("at", &self.at)
            .field("during", &self.during)
            .field("reading", &self.reading)
            .field("statuses", &self.statuses)
            .field("asserted_by", &self.asserted_by)
            .field("min_intensity", &self.min_intensity)
            .field("min_confidence", &self.min_confidence)
            .field("sources", &self.sources)
            .field("predicate", &self.predicate.as_ref().map(|_| "<fn>"))
            .finish()
    }
}

impl RelationFilter {
    /// A filter that accepts every relation, either way.
    pub fn new() -> RelationFilter {
        RelationFilter::default()
    }

    /// Only relations of these kinds.
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = RelationKind>) -> Self {
        self.kinds = Some(kinds.into_iter().collect());
        self
    }

    /// Only relations of this polarity (the relation's own or its kind's default).
    pub fn polarity(mut self, polarity: Polarity) -> Self {
        self.polarities = Some([polarity].into());
        self
    }

    /// Only relations of these polarities.
    pub fn polarities(mut self, polarities: impl IntoIterator<Item = Polarity>) -> Self {
        self.polarities = Some(polarities.into_iter().collect());
        self
    }

    /// Which way relations may be followed (default [`Direction::Both`]).
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Only relations whose source is of these kinds.
    pub fn source_kinds(mut self, kinds: EntityKinds) -> Self {
        self.source_kinds = Some(kinds);
        self
    }

    /// Only relations whose target is of these kinds.
    pub fn target_kinds(mut self, kinds: EntityKinds) -> Self {
        self.target_kinds = Some(kinds);
        self
    }

    /// Only relations whose both ends are of these kinds.
    pub fn endpoint_kinds(self, kinds: EntityKinds) -> Self {
        self.source_kinds(kinds).target_kinds(kinds)
    }

    /// Only relations that hold at `date`: by default those known to hold then
    /// ([`RelationRef::holds_at`](crate::RelationRef::holds_at)); with
    /// [`Reading::Possible`], those not known not to.
    pub fn at(mut self, date: Date) -> Self {
        self.at = Some(date);
        self
    }

    /// Only relations that hold during `window`: by default those the evidence places on
    /// some day of it ([`RelationRef::truth_during`](crate::RelationRef::truth_during)); with
    /// [`Reading::Possible`], those whose effective interval meets it.
    pub fn during(mut self, window: Interval) -> Self {
        self.during = Some(window);
        self
    }

    /// How `at` and `during` read three-valued time: [`Reading::Known`] (the default) keeps
    /// what the evidence places there, [`Reading::Possible`] also what it leaves open.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Reading, RelationFilter, RelationKind};
    /// let g = datasets::us_korea_2011();
    /// let tension = RelationFilter::new().kinds([RelationKind::TENSION]).at("2010".parse()?);
    /// let known = g.relations().filter(|&r| tension.matches(r)).count();
    /// let possible = tension.clone().reading(Reading::Possible);
    /// let open = g.relations().filter(|&r| possible.matches(r)).count();
    /// assert!(known < open); // the article speaks of 2011; 2010 it leaves open
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reading(mut self, reading: Reading) -> Self {
        self.reading = reading;
        self
    }

    /// How time constraints read three-valued time.
    pub fn get_reading(&self) -> Reading {
        self.reading
    }

    /// Checks the names the filter uses against a graph: its relation kinds must be declared,
    /// its asserter must be an entity and its sources in the source table. A name the graph
    /// does not know would silently match nothing; every query and search that returns a
    /// `Result` runs this check first.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownRelationKind`], [`ErrorKind::UnknownEntity`] or
    /// [`ErrorKind::UnknownSource`] for the first unknown name.
    ///
    /// [`ErrorKind::UnknownRelationKind`]: crate::ErrorKind::UnknownRelationKind
    /// [`ErrorKind::UnknownEntity`]: crate::ErrorKind::UnknownEntity
    /// [`ErrorKind::UnknownSource`]: crate::ErrorKind::UnknownSource
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, ErrorKind, RelationFilter, RelationKind};
    /// let g = datasets::us_korea_2011();
    /// let typo = RelationFilter::new().kinds([RelationKind::new("MEDIATE")]);
    /// let err = g.adversaries("PRK", &typo).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::UnknownRelationKind { .. }));
    /// assert!(RelationFilter::new().asserted_by("SUA").check(&g).is_err());
    /// ```
    pub fn check(&self, graph: &Graph) -> crate::Result<()> {
        self.check_names(graph).map_err(|e| graph.hint(e))
    }

    fn check_names(&self, graph: &Graph) -> crate::Result<()> {
        use crate::error::{Error, ErrorKind};
        for kind in self.kinds.iter().flatten() {
            if graph.schema().get(kind.as_str()).is_none() {
                return Err(Error::new(ErrorKind::UnknownRelationKind {
                    name: kind.to_string(),
                }));
            }
        }
        if let Some(by) = &self.asserted_by
            && graph.entity(by.as_str()).is_none()
        {
            return Err(Error::new(ErrorKind::UnknownEntity { id: by.to_string() }));
        }
        for source in self.sources.iter().flatten() {
            if graph.source(source.as_str()).is_none() {
                return Err(Error::new(ErrorKind::UnknownSource {
                    id: source.to_string(),
                }));
            }
        }
        Ok(())
    }

    /// Only relations of these statuses.
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = Status>) -> Self {
        self.statuses = Some(statuses.into_iter().collect());
        self
    }

    /// Only stated facts.
    pub fn facts_only(self) -> Self {
        self.statuses([Status::Fact])
    }

    /// Only relations asserted by this entity (claims, beliefs and the like that it holds).
    pub fn asserted_by(mut self, entity: impl Into<EntityId>) -> Self {
        self.asserted_by = Some(entity.into());
        self
    }

    /// Only relations at least this intense (unset intensity counts as 1).
    pub fn min_intensity(mut self, min: f64) -> Self {
        self.min_intensity = Some(min);
        self
    }

    /// Only relations at least this credible (unset confidence counts as 1).
    pub fn min_confidence(mut self, min: f64) -> Self {
        self.min_confidence = Some(min);
        self
    }

    /// Only relations with at least one piece of evidence from these sources.
    pub fn sources<S: Into<SourceId>>(mut self, sources: impl IntoIterator<Item = S>) -> Self {
        self.sources = Some(sources.into_iter().map(Into::into).collect());
        self
    }

    /// Only relations that also pass a test of your own.
    pub fn matching(
        mut self,
        test: impl Fn(RelationRef<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.predicate = Some(Arc::new(test));
        self
    }

    /// The direction relations may be followed.
    pub fn get_direction(&self) -> Direction {
        self.direction
    }

    /// The filter further restricted to one polarity (intersected with any polarity set).
    pub(crate) fn restrict_polarity(mut self, polarity: Polarity) -> RelationFilter {
        let keep = self
            .polarities
            .as_ref()
            .is_none_or(|set| set.contains(&polarity));
        self.polarities = Some(if keep {
            [polarity].into()
        } else {
            BTreeSet::new()
        });
        self
    }

    /// The filter further restricted to one relation kind (intersected with any kind set).
    pub(crate) fn restrict_kind(mut self, kind: RelationKind) -> RelationFilter {
        let keep = self.kinds.as_ref().is_none_or(|set| set.contains(&kind));
        self.kinds = Some(if keep { [kind].into() } else { BTreeSet::new() });
        self
    }

    /// The filter without one constraint: how a failed search finds which constraint cut it.
    pub(crate) fn without(&self, constraint: Constraint) -> RelationFilter {
        let mut f = self.clone();
        match constraint {
            Constraint::Kinds => f.kinds = None,
            Constraint::Polarity => f.polarities = None,
            Constraint::Direction => f.direction = Direction::Both,
            Constraint::EntityKinds => (f.source_kinds, f.target_kinds) = (None, None),
            Constraint::Time => (f.at, f.during) = (None, None),
            Constraint::Status => (f.statuses, f.asserted_by) = (None, None),
            Constraint::Strength => (f.min_intensity, f.min_confidence) = (None, None),
            Constraint::Sources => f.sources = None,
            Constraint::Custom => f.predicate = None,
        }
        f
    }

    /// The constraints this filter sets, in [`Constraint`] order.
    pub(crate) fn constraints(&self) -> Vec<Constraint> {
        let set = [
            (Constraint::Kinds, self.kinds.is_some()),
            (Constraint::Polarity, self.polarities.is_some()),
            (Constraint::Direction, self.direction != Direction::Both),
            (
                Constraint::EntityKinds,
                self.source_kinds.is_some() || self.target_kinds.is_some(),
            ),
            (Constraint::Time, self.at.is_some() || self.during.is_some()),
            (
                Constraint::Status,
                self.statuses.is_some() || self.asserted_by.is_some(),
            ),
            (
                Constraint::Strength,
                self.min_intensity.is_some() || self.min_confidence.is_some(),
            ),
            (Constraint::Sources, self.sources.is_some()),
            (Constraint::Custom, self.predicate.is_some()),
        ];
        set.into_iter()
            .filter(|(_, on)| *on)
            .map(|(c, _)| c)
            .collect()
    }

    /// Whether the relation passes every constraint but direction, judged in the graph it
    /// belongs to (its ends' kinds and lifetimes there).
    ///
    /// # Complexity
    /// O(e) in the relation's evidence when sources are constrained, O(log k) in the kinds
    /// listed when kinds are, O(1) otherwise.
    pub fn matches(&self, r: RelationRef<'_>) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(r.kind()))
            && self.compile_on(r.store(), None).matches(r)
    }

    /// The filter made ready for one graph: kinds as a mask over the schema's positions,
    /// polarities and statuses as bit sets, dates as day numbers. Searches compile once and
    /// then test each step against the store's fact columns.
    pub(crate) fn compile<'g>(&'g self, graph: &'g Graph) -> Compiled<'g> {
        let schema = graph.schema();
        let kinds = self.kinds.as_ref().map(|set| {
            let positions = set.iter().filter_map(|k| schema.position(k.as_str()));
            KindMask::new(schema.kinds().count(), positions)
        });
        self.compile_on(graph.store(), kinds)
    }

    /// The filter compiled on a store, with the kinds constraint given as a mask (`None`
    /// when the caller tests kinds itself).
    fn compile_on<'g>(&'g self, store: &'g Store, kinds: Option<KindMask>) -> Compiled<'g> {
        let bits = |on: &mut dyn Iterator<Item = u8>| on.fold(0u8, |acc, b| acc | 1 << b);
        let polarities = self.polarities.as_ref().map_or(u8::MAX, |set| {
            bits(&mut set.iter().map(|&p| polarity_bit(p)))
        });
        let statuses = self
            .statuses
            .as_ref()
            .map_or(u8::MAX, |set| bits(&mut set.iter().map(|&s| s as u8)));
        let needs_record = self.asserted_by.is_some()
            || self.min_confidence.is_some()
            || self.sources.is_some()
            || self.predicate.is_some();
        let open = self.kinds.is_none()
            && self.polarities.is_none()
            && self.statuses.is_none()
            && self.source_kinds.is_none()
            && self.target_kinds.is_none()
            && self.at.is_none()
            && self.during.is_none()
            && self.min_intensity.is_none()
            && !needs_record;
        Compiled {
            filter: self,
            store,
            kinds,
            polarities,
            statuses,
            at: self.at.map(|d| d.span()),
            during: self.during.map(|w| w.span()),
            reading: self.reading,
            open,
            needs_record,
        }
    }

    /// Whether the relation may be followed in `traversal`'s way under this filter's
    /// direction: symmetric kinds both ways, others only as asked.
    pub fn follows(&self, r: RelationRef<'_>, traversal: Traversal) -> bool {
        self.follows_kind(traversal, || r.is_symmetric())
    }

    fn follows_kind(&self, traversal: Traversal, symmetric: impl Fn() -> bool) -> bool {
        match (self.direction, traversal) {
            (Direction::Both, _)
            | (Direction::Outgoing, Traversal::Forward)
            | (Direction::Incoming, Traversal::Backward) => true,
            _ => symmetric(),
        }
    }
}

fn polarity_bit(p: Polarity) -> u8 {
    match p {
        Polarity::Positive => 0,
        Polarity::Negative => 1,
        Polarity::Neutral => 2,
    }
}

/// The relation kinds a filter allows, as a set of schema positions: bits when the schema has
/// at most 128 kinds (no allocation per query), flags otherwise.
enum KindMask {
    Bits { bits: u128, len: usize },
    Flags(Vec<bool>),
}

impl KindMask {
    fn new(len: usize, positions: impl Iterator<Item = usize>) -> KindMask {
        if len <= 128 {
            let bits = positions.fold(0u128, |acc, p| acc | 1 << p);
            KindMask::Bits { bits, len }
        } else {
            let mut flags = vec![false; len];
            for p in positions {
                flags[p] = true;
            }
            KindMask::Flags(flags)
        }
    }

    /// Whether the kind at `position` is allowed (a position past the schema's, which no
    /// relation of the graph has, is not).
    fn get(&self, position: u32) -> bool {
        let p = position as usize;
        match self {
            KindMask::Bits { bits, len } => p < *len && bits >> p & 1 == 1,
            KindMask::Flags(flags) => flags.get(p).copied().unwrap_or(false),
        }
    }
}

/// A [`RelationFilter`] compiled for one graph: see [`RelationFilter::compile`].
pub(crate) struct Compiled<'g> {
    filter: &'g RelationFilter,
    store: &'g Store,
    kinds: Option<KindMask>,
    polarities: u8,
    statuses: u8,
    at: Option<Span>,
    during: Option<Span>,
    reading: Reading,
    /// No constraint but direction: every step that may be followed passes.
    open: bool,
    /// Some constraint reads the relation record (asserter, confidence, sources, predicate).
    needs_record: bool,
}

impl Compiled<'_> {
    /// The direction relations may be followed.
    pub(crate) fn get_direction(&self) -> Direction {
        self.filter.direction
    }

    /// Whether a step away from an entity passes the filter: direction, then the fact
    /// columns, then (only when a constraint needs it) the relation record.
    // Always inlined into the searches' loops, as `Steps::next` is.
    #[inline(always)]
    pub(crate) fn allows(&self, step: &Step<'_>) -> bool {
        let way = if step.forward {
            Traversal::Forward
        } else {
            Traversal::Backward
        };
        self.filter.follows_kind(way, || step.symmetric())
            && (self.open || {
                let (source, target) = step.ends();
                self.test(step.slot, source, target, step.fact(), || step.relation())
            })
    }

    /// [`RelationFilter::matches`] with the filter compiled once, for loops over relations.
    pub(crate) fn matches(&self, r: RelationRef<'_>) -> bool {
        let (source, target) = r.ends();
        self.test(r.slot(), source, target, r.fact(), || r)
    }

    /// Every constraint but direction, on a relation's facts, and on its record (got from
    /// `record` only when a constraint needs it).
    #[inline(always)]
    pub(crate) fn test<'r>(
        &self,
        slot: u32,
        source: u32,
        target: u32,
        fact: &EdgeFact,
        record: impl Fn() -> RelationRef<'r>,
    ) -> bool {
        let f = self.filter;
        if let Some(mask) = &self.kinds
            && !mask.get(fact.kind)
        {
            return false;
        }
        if self.polarities & (1 << polarity_bit(fact.polarity)) == 0
            || self.statuses & (1 << fact.status as u8) == 0
        {
            return false;
        }
        if let Some(min) = f.min_intensity
            && fact.intensity < min
        {
            return false;
        }
        let kind_ok = |kinds: Option<EntityKinds>, end: u32| {
            kinds.is_none_or(|k| self.store.kind_at(end).is_some_and(|e| k.contains(e)))
        };
        if !kind_ok(f.source_kinds, source) || !kind_ok(f.target_kinds, target) {
            return false;
        }
        for days in [self.at, self.during].into_iter().flatten() {
            let truth = self.store.truth(slot, source, target, fact, days);
            if !self.reading.keeps(truth) {
                return false;
            }
        }
        !self.needs_record || f.test_record(record())
    }
}

impl RelationFilter {
    /// The constraints that read a relation's record.
    fn test_record(&self, r: RelationRef<'_>) -> bool {
        if let Some(by) = &self.asserted_by
            && r.asserted_by() != Some(by)
        {
            return false;
        }
        if let Some(min) = self.min_confidence
            && r.confidence().unwrap_or(1.0) < min
        {
            return false;
        }
        if let Some(sources) = &self.sources
            && !r.evidence().iter().any(|e| sources.contains(&e.source))
        {
            return false;
        }
        self.predicate.as_ref().is_none_or(|p| p(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets;

    fn count(f: &RelationFilter) -> usize {
        let g = datasets::us_korea_2011();
        g.relations().filter(|&r| f.matches(r)).count()
    }

    #[test]
    fn each_constraint_narrows() {
        let all = count(&RelationFilter::new());
        assert_eq!(all, datasets::us_korea_2011().relation_count());
        let checks = [
            RelationFilter::new().kinds([RelationKind::TENSION]),
            RelationFilter::new().polarity(Polarity::Negative),
            RelationFilter::new().endpoint_kinds(EntityKinds::of(&[crate::EntityKind::State])),
            RelationFilter::new().at("2005".parse().unwrap()),
            RelationFilter::new().facts_only(),
            RelationFilter::new().asserted_by("PRK"),
            RelationFilter::new().min_intensity(0.85),
            RelationFilter::new().min_confidence(0.7),
            RelationFilter::new().sources(["nowhere"]),
            RelationFilter::new().matching(|r| r.id().starts_with("prk")),
        ];
        for f in &checks {
            let n = count(f);
            assert!(n < all, "{f:?} did not narrow");
            assert_eq!(count(&f.without(f.constraints()[0])), all, "{f:?}");
        }
        assert_eq!(count(&checks[0]), 5); // four tensions of 2011, one of the past
        assert_eq!(count(&checks[5]), 3);
        assert_eq!(count(&checks[8]), 0);
    }

    #[test]
    fn direction_respects_symmetry() {
        let g = datasets::us_korea_2011();
        let out = RelationFilter::new().direction(Direction::Outgoing);
        let tension = g.relation("kor-prk-tension").unwrap();
        let fear = g.relation("prk-fears-partnership").unwrap();
        assert!(out.follows(tension, Traversal::Backward));
        assert!(!out.follows(fear, Traversal::Backward));
        assert!(out.follows(fear, Traversal::Forward));
        let inc = RelationFilter::new().direction(Direction::Incoming);
        assert!(!inc.follows(fear, Traversal::Forward));
        assert!(inc.follows(fear, Traversal::Backward));
    }

    #[test]
    fn time_uses_lifetimes() {
        let g = datasets::us_korea_2011();
        let roh = g.relation("roh-moo-hyun-sees-usa-as-obstacle").unwrap();
        let window = Interval::new(Some("2009".parse().unwrap()), None).unwrap();
        assert!(!RelationFilter::new().during(window).matches(roh));
        let earlier = Interval::until("2004".parse().unwrap());
        assert!(RelationFilter::new().during(earlier).matches(roh));
    }
}
