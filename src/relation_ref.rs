//! [`RelationRef`]: a relation in a graph, borrowed from the store's columns.

use std::fmt;

use crate::id::EntityId;
use crate::known::{self, Occurrence, Tense, Truth};
use crate::model::{Attributes, Evidence, Relation, Status};
use crate::records::{Extra, INTENSITY_SET, POLARITY_SET, Record};
use crate::schema::{Polarity, RelationKind};
use crate::store::{EdgeFact, Store};
use crate::time::{Date, Interval, Span};

/// A relation held by a [`Graph`](crate::Graph), as every read of the graph gives it:
/// [`Graph::relation`](crate::Graph::relation), [`Graph::relations`](crate::Graph::relations),
/// query results, path hops and pattern matches.
///
/// It is a small `Copy` handle into the graph's storage, which keeps a relation without
/// evidence, attributes or extras in a few dozen bytes instead of a whole [`Relation`]
/// record. Its methods read the relation's fields; [`RelationRef::to_relation`] makes an
/// owned [`Relation`], for instance to change it and hand it to
/// [`Graph::update_relation`](crate::Graph::update_relation).
///
/// Two `RelationRef`s are equal when every field is equal, whichever graph they come from;
/// a `RelationRef` also compares equal to a [`Relation`] with the same fields.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, Polarity, RelationKind};
/// let g = datasets::us_korea_2011();
/// let r = g.relation("kor-chn-tension").unwrap();
/// assert_eq!(r.kind(), &RelationKind::TENSION);
/// assert_eq!((r.source().as_str(), r.target().as_str()), ("KOR", "CHN"));
/// assert_eq!(r.polarity(), Polarity::Negative); // the kind's default
/// assert!(r.evidence().first().is_some_and(|e| e.quote.contains("worsened ties")));
/// let mut owned = r.to_relation();
/// owned.intensity = Some(0.2);
/// assert_ne!(r, owned);
/// ```
#[derive(Clone, Copy)]
pub struct RelationRef<'g> {
    store: &'g Store,
    slot: u32,
    record: &'g Record,
    fact: &'g EdgeFact,
    ends: (u32, u32),
}

impl<'g> RelationRef<'g> {
    /// Made by the store from a live relation's parts.
    pub(crate) fn new(
        store: &'g Store,
        slot: u32,
        record: &'g Record,
        fact: &'g EdgeFact,
        ends: (u32, u32),
    ) -> RelationRef<'g> {
        RelationRef {
            store,
            slot,
            record,
            fact,
            ends,
        }
    }

    fn extra(&self) -> Option<&'g Extra> {
        self.record.extra.as_deref()
    }

    /// The stable id. (A `&str`: ids are kept in one arena, not as [`RelationId`]s;
    /// `RelationId::from(r.id())` makes one.)
    ///
    /// [`RelationId`]: crate::RelationId
    pub fn id(&self) -> &'g str {
        self.store.relation_id(self.record)
    }

    /// The kind.
    pub fn kind(&self) -> &'g RelationKind {
        self.store.kind_name(self.fact.kind)
    }

    /// The entity the relation runs from.
    pub fn source(&self) -> &'g EntityId {
        self.store.entity_id(self.ends.0)
    }

    /// The entity the relation runs to.
    pub fn target(&self) -> &'g EntityId {
        self.store.entity_id(self.ends.1)
    }

    /// The polarity: the relation's own when it states one, otherwise its kind's default.
    pub fn polarity(&self) -> Polarity {
        self.fact.polarity
    }

    /// The polarity the relation states itself, overriding its kind's default; `None` when
    /// it states none.
    pub fn stated_polarity(&self) -> Option<Polarity> {
        (self.record.flags() & POLARITY_SET != 0).then_some(self.fact.polarity)
    }

    /// Whether the relation's kind is symmetric (holds both ways whatever its direction).
    pub fn is_symmetric(&self) -> bool {
        self.fact.symmetric
    }

    /// How strong the tie is, in `[0, 1]`; `None` means unknown (read as 1 by measures).
    pub fn intensity(&self) -> Option<f64> {
        (self.record.flags() & INTENSITY_SET != 0).then_some(self.fact.intensity)
    }

    /// How sure the encoder is that the relation holds, in `[0, 1]`; `None` means unknown.
    pub fn confidence(&self) -> Option<f64> {
        self.extra().and_then(|e| e.confidence)
    }

    /// When the relation holds, as written.
    pub fn valid(&self) -> Interval {
        self.record.valid
    }

    /// How the statement places the relation relative to its date.
    pub fn tense(&self) -> Tense {
        self.record.tense()
    }

    /// Whether the relation is a lasting state or a one-off.
    pub fn occurs(&self) -> Occurrence {
        self.record.occurs()
    }

    /// The entity before whose lifetime the relation does not hold.
    pub fn not_before(&self) -> Option<&'g EntityId> {
        self.extra().and_then(|e| e.not_before.as_ref())
    }

    /// The condition once met (its anchor begun) the relation no longer holds.
    pub fn not_after(&self) -> Option<&'g EntityId> {
        self.extra().and_then(|e| e.not_after.as_ref())
    }

    /// The era the statement covers whole.
    pub fn throughout(&self) -> Option<&'g EntityId> {
        self.extra().and_then(|e| e.throughout.as_ref())
    }

    /// The time anchors the relation names (`not_before`, `not_after`, `throughout`).
    pub(crate) fn anchors(&self) -> impl Iterator<Item = &'g EntityId> {
        [self.not_before(), self.not_after(), self.throughout()]
            .into_iter()
            .flatten()
    }

    /// Every entity the relation names besides its ends: what it is about, who holds the
    /// view, its time anchors.
    pub(crate) fn named(&self) -> impl Iterator<Item = &'g EntityId> {
        [self.about(), self.asserted_by()]
            .into_iter()
            .flatten()
            .chain(self.anchors())
    }

    /// Whether the relation is a stated fact or somebody's view.
    pub fn status(&self) -> Status {
        self.fact.status
    }

    /// Whose view the relation is, for claims, beliefs, hypotheticals and disputed
    /// relations.
    pub fn asserted_by(&self) -> Option<&'g EntityId> {
        self.extra().and_then(|e| e.asserted_by.as_ref())
    }

    /// What the relation is about.
    pub fn about(&self) -> Option<&'g EntityId> {
        self.extra().and_then(|e| e.about.as_ref())
    }

    /// The quotes that support the relation (empty when it has none).
    pub fn evidence(&self) -> &'g [Evidence] {
        self.extra().map_or(&[], |e| e.evidence.as_slice())
    }

    /// Free attributes (empty when it has none).
    pub fn attributes(&self) -> &'g Attributes {
        static NONE: Attributes = Attributes::new();
        self.extra().map_or(&NONE, |e| &e.attributes)
    }

    /// When the statement was made: the latest date of its evidence (each piece's own date,
    /// or its source's). `None` when no piece is dated.
    pub fn statement_date(&self) -> Option<Date> {
        known::statement_date(self.evidence(), |id| self.store.source_date(id))
    }

    /// What is known of the relation at `date` (see [`Truth`]): its validity, time anchors,
    /// tense against its statement's date, and both its ends' lifetimes.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Truth};
    /// let g = datasets::us_korea_2011();
    /// let ties = g.relation("kor-usa-partnership").unwrap(); // "the best they've been in decades"
    /// assert_eq!(ties.truth_at("2011".parse()?), Truth::Holds); // the article's year
    /// assert_eq!(ties.truth_at("2010".parse()?), Truth::Unknown); // the article does not say
    /// assert_eq!(ties.truth_at("2005".parse()?), Truth::DoesNotHold); // before Lee took office
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn truth_at(&self, date: Date) -> Truth {
        self.truth_over(date.span())
    }

    /// What is known of the relation over a window: it holds when the evidence places it on
    /// some day of the window, does not hold when it rules out every day of it.
    pub fn truth_during(&self, window: Interval) -> Truth {
        self.truth_over(window.span())
    }

    fn truth_over(&self, days: Span) -> Truth {
        self.store
            .truth(self.slot, self.ends.0, self.ends.1, self.fact, days)
    }

    /// Whether the relation is known to hold at `date` ([`Truth::Holds`]; the closed-world
    /// reading, [`Reading::Known`](crate::Reading::Known)). A government's relations hold only while it is in
    /// office, even when the relation itself carries no dates.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let obstacle = g
    ///     .relations()
    ///     .find(|r| r.kind().as_str() == "SEES_AS_OBSTACLE" && r.source() == "roh-moo-hyun-administration")
    ///     .unwrap();
    /// assert!(obstacle.holds_at("2005".parse()?));
    /// assert!(!obstacle.holds_at("2010".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holds_at(&self, date: Date) -> bool {
        self.truth_at(date) == Truth::Holds
    }

    /// Whether the relation may hold at `date`: not ruled out ([`Reading::Possible`](crate::Reading::Possible)).
    pub fn may_hold_at(&self, date: Date) -> bool {
        self.truth_at(date) != Truth::DoesNotHold
    }

    /// The days the relation can hold on, as an interval: its validity narrowed by its time
    /// anchors, its tense and its ends' lifetimes. `None` when no day is left. Bounds keep
    /// the precision of the date they come from.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// // Lee's government and Obama's administration "adopted a common policy": said of 2011,
    /// // possible while both were in office.
    /// let r = g.relation("common-policy").unwrap();
    /// assert_eq!(r.effective_interval().unwrap().to_string(), "2009-01-20..2013-02-24");
    /// assert!(r.known_interval().is_none()); // known only at the article's date
    /// let meeting = g.relation("senior-officials-meet").unwrap(); // a one-off, before 2011 ended
    /// assert_eq!(meeting.effective_interval().unwrap().to_string(), "2009-01-20..2011-12-30");
    /// ```
    pub fn effective_interval(&self) -> Option<Interval> {
        let days = self.store.effective(self.ends.0, self.ends.1, self.fact);
        self.as_interval(days)
    }

    /// The days the relation is known to hold on every one of, as an interval (narrowed to
    /// its ends' lifetimes); `None` when there is none, such as for a present-tense
    /// statement, known only at its date, or a one-off.
    pub fn known_interval(&self) -> Option<Interval> {
        let (s, t) = self.ends;
        let days = self.store.known_days(self.slot, s, t, self.fact);
        self.as_interval(days)
    }

    /// The days on some one of which, unknown which, the relation is known to hold: a dated
    /// present-tense statement's date, a one-off's possible days, a past statement's possible
    /// days when it names no era (narrowed to its ends' lifetimes). `None` when there is no
    /// such span.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// let ties = g.relation("kor-usa-partnership").unwrap(); // "the best they've been in decades"
    /// assert_eq!(ties.witness_interval().unwrap().to_string(), "2011");
    /// ```
    pub fn witness_interval(&self) -> Option<Interval> {
        let (_, witness) = self.store.spans(self.slot, self.fact);
        let (s, t) = self.ends;
        self.as_interval(witness.meet(self.store.lives(s, t)))
    }

    /// A span of days as an interval, each bound at the precision of a date it comes from
    /// (the validity, a lifetime, an anchor's lifetime, the statement), or at day precision.
    fn as_interval(&self, days: Span) -> Option<Interval> {
        if days.is_empty() {
            return None;
        }
        let mut dates: Vec<Date> = Vec::new();
        let mut add = |i: Interval| dates.extend(i.start().into_iter().chain(i.end()));
        add(self.record.valid);
        if let Some(stated) = self.statement_date() {
            add(Interval::on(stated));
        }
        add(self.store.lifetime(self.ends.0));
        add(self.store.lifetime(self.ends.1));
        for anchor in [self.not_before(), self.not_after(), self.throughout()]
            .into_iter()
            .flatten()
        {
            if let Some(h) = self.store.handle(anchor.as_str()) {
                add(self.store.lifetime(h));
            }
        }
        // Years 0 to 9999 are representable; a bound past them is open on its own side and
        // leaves no representable day on the other.
        let (min, max) = (Date::year(0), Date::year(Date::MAX_YEAR));
        let (min, max) = (
            min.map_or(i32::MIN, |d| d.span().first),
            max.map_or(i32::MAX, |d| d.span().last),
        );
        if days.first > max || days.last < min {
            return None;
        }
        let bound = |day: i32, first: bool| {
            if day < min || day > max {
                return None;
            }
            let end = |d: &Date| if first { d.span().first } else { d.span().last };
            dates
                .iter()
                .find(|d| end(d) == day)
                .copied()
                .or_else(|| Date::from_day_number(day))
        };
        Interval::new(bound(days.first, true), bound(days.last, false)).ok()
    }

    /// An owned copy, to keep beyond the graph's borrow or to change and put back.
    pub fn to_relation(&self) -> Relation {
        self.assemble(self.extra().cloned().unwrap_or_default())
    }

    /// The owned relation with these fields and the given extras.
    pub(crate) fn assemble(&self, extra: Extra) -> Relation {
        let Extra {
            confidence,
            asserted_by,
            about,
            not_before,
            not_after,
            throughout,
            evidence,
            attributes,
        } = extra;
        Relation {
            id: self.id().into(),
            kind: self.kind().clone(),
            source: self.source().clone(),
            target: self.target().clone(),
            polarity: self.stated_polarity(),
            intensity: self.intensity(),
            confidence,
            valid: self.record.valid,
            tense: self.record.tense(),
            occurs: self.record.occurs(),
            not_before,
            not_after,
            throughout,
            status: self.fact.status,
            asserted_by,
            about,
            evidence,
            attributes,
        }
    }

    /// The relation's slot in its store.
    pub(crate) fn slot(&self) -> u32 {
        self.slot
    }

    /// The store the relation lives in.
    pub(crate) fn store(&self) -> &'g Store {
        self.store
    }

    /// The compact facts the relation's adjacency entries carry.
    pub(crate) fn fact(&self) -> &'g EdgeFact {
        self.fact
    }

    /// Whether both views show the same stored relation of the same graph (`==` compares
    /// fields instead, whichever graph the relations come from).
    pub fn same_relation(&self, other: &RelationRef<'_>) -> bool {
        std::ptr::eq(self.record, other.record)
    }

    /// The handles of the relation's source and target.
    pub(crate) fn ends(&self) -> (u32, u32) {
        self.ends
    }
}

impl PartialEq for RelationRef<'_> {
    /// Field by field, as [`Relation`]'s own `==` (the impl against `Relation` below lists
    /// its fields exhaustively).
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
            && self.kind() == other.kind()
            && self.source() == other.source()
            && self.target() == other.target()
            && self.stated_polarity() == other.stated_polarity()
            && self.intensity() == other.intensity()
            && self.valid() == other.valid()
            && self.tense() == other.tense()
            && self.occurs() == other.occurs()
            && self.not_before() == other.not_before()
            && self.not_after() == other.not_after()
            && self.throughout() == other.throughout()
            && self.status() == other.status()
            && self.confidence() == other.confidence()
            && self.asserted_by() == other.asserted_by()
            && self.about() == other.about()
            && self.evidence() == other.evidence()
            && self.attributes() == other.attributes()
    }
}

impl PartialEq<Relation> for RelationRef<'_> {
    fn eq(&self, other: &Relation) -> bool {
        // Destructured whole: a field added to `Relation` must be compared here.
        let Relation {
            id,
            kind,
            source,
            target,
            polarity,
            intensity,
            confidence,
            valid,
            tense,
            occurs,
            not_before,
            not_after,
            throughout,
            status,
            asserted_by,
            about,
            evidence,
            attributes,
        } = other;
        self.id() == id.as_str()
            && self.kind() == kind
            && self.source() == source
            && self.target() == target
            && self.stated_polarity() == *polarity
            && self.intensity() == *intensity
            && self.valid() == *valid
            && self.tense() == *tense
            && self.occurs() == *occurs
            && self.not_before() == not_before.as_ref()
            && self.not_after() == not_after.as_ref()
            && self.throughout() == throughout.as_ref()
            && self.status() == *status
            && self.confidence() == *confidence
            && self.asserted_by() == asserted_by.as_ref()
            && self.about() == about.as_ref()
            && self.evidence() == evidence.as_slice()
            && self.attributes() == attributes
    }
}

impl PartialEq<RelationRef<'_>> for Relation {
    fn eq(&self, other: &RelationRef<'_>) -> bool {
        other == self
    }
}

impl From<RelationRef<'_>> for Relation {
    fn from(r: RelationRef<'_>) -> Relation {
        r.to_relation()
    }
}

impl fmt::Display for RelationRef<'_> {
    /// `source KIND target`, with what it is about and whose view it is when it says:
    /// `lee-government DEMANDS PRK (about apology)`, `PRK THREATENS KOR (belief of
    /// lee-government)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source(), self.kind(), self.target())?;
        let mut notes = Vec::new();
        if let Some(about) = self.about() {
            notes.push(format!("about {about}"));
        }
        if self.status() != Status::Fact {
            match self.asserted_by() {
                Some(by) => notes.push(format!("{} of {by}", self.status())),
                None => notes.push(self.status().to_string()),
            }
        }
        if !notes.is_empty() {
            write!(f, " ({})", notes.join("; "))?;
        }
        Ok(())
    }
}

impl fmt::Debug for RelationRef<'_> {
    /// As the owned [`Relation`] prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_relation(), f)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Entity, EntityKind, Interval};
    use crate::{Evidence, Graph, Polarity, Relation, RelationKind, Source, Status};

    fn graph() -> Graph {
        let mut g = Graph::new();
        g.add_source(Source::new("s", "a source")).unwrap();
        for id in ["A", "B"] {
            g.add_entity(Entity::new(id, EntityKind::State, id))
                .unwrap();
        }
        g
    }

    #[test]
    fn a_bare_relation_reads_its_defaults_and_a_full_one_every_field() {
        let mut g = graph();
        let bare = Relation::new("bare", RelationKind::TENSION, "A", "B");
        let full = Relation::new("full", RelationKind::SUPPORTS, "B", "A")
            .polarity(Polarity::Negative)
            .intensity(0.25)
            .confidence(0.5)
            .valid(Interval::since("2010-03".parse().unwrap()))
            .asserted(Status::Claim, Some("A".into()))
            .about("A")
            .evidence(Evidence::new("s", "a quote").paragraph(3))
            .attribute("n", 7);
        g.add_relation(bare.clone()).unwrap();
        g.add_relation(full.clone()).unwrap();
        let b = g.relation("bare").unwrap();
        assert_eq!(b.polarity(), Polarity::Negative); // the kind's default
        assert_eq!(
            (b.stated_polarity(), b.intensity(), b.confidence()),
            (None, None, None)
        );
        assert!(b.evidence().is_empty() && b.attributes().is_empty() && b.is_symmetric());
        assert_eq!(b, bare);
        let f = g.relation("full").unwrap();
        assert_eq!(
            (f.polarity(), f.stated_polarity()),
            (Polarity::Negative, Some(Polarity::Negative))
        );
        assert_eq!((f.intensity(), f.confidence()), (Some(0.25), Some(0.5)));
        assert_eq!(f.valid().to_string(), "2010-03..");
        assert_eq!(
            (f.status(), f.asserted_by().map(|a| a.as_str())),
            (Status::Claim, Some("A"))
        );
        assert_eq!(f.evidence()[0].paragraph, Some(3));
        assert_eq!(f.to_relation(), full);
        assert_eq!(f, full);
        assert_ne!(f, b);
        assert!(f.same_relation(&g.relation("full").unwrap()) && !f.same_relation(&b));
    }

    #[test]
    fn updates_and_removals_give_back_every_field() {
        let mut g = graph();
        let full = Relation::new("r", RelationKind::SUPPORTS, "A", "B")
            .intensity(0.5)
            .evidence(Evidence::new("s", "q"))
            .attribute("k", "v");
        g.add_relation(full.clone()).unwrap();
        let mut changed = full.clone();
        changed.evidence.clear();
        changed.intensity = None;
        changed.polarity = Some(Polarity::Neutral);
        assert_eq!(g.update_relation(changed.clone()).unwrap(), full);
        let r = g.relation("r").unwrap();
        assert_eq!((r.polarity(), r.intensity()), (Polarity::Neutral, None));
        assert!(r.evidence().is_empty());
        assert_eq!(r.attributes().len(), 1);
        assert_eq!(g.remove_relation("r").unwrap(), changed);
        assert!(g.relation("r").is_none());
        // The id is free again, and the new relation keeps nothing of the old one.
        g.add_relation(Relation::new("r", RelationKind::TENSION, "B", "A"))
            .unwrap();
        let again = g.relation("r").unwrap();
        assert!(again.attributes().is_empty() && again.source() == "B");
    }

    #[test]
    fn anchors_place_relations_and_follow_their_lifetime() {
        use crate::{Tense, Truth};
        let mut g = graph();
        g.add_entity(
            Entity::new("era", EntityKind::Government, "an era")
                .lifetime(Interval::since("2008".parse().unwrap())),
        )
        .unwrap();
        g.add_relation(
            Relation::new("t", RelationKind::TENSION, "A", "B")
                .tense(Tense::Present)
                .not_before("era")
                .evidence(Evidence::new("s", "q").date("2011".parse().unwrap())),
        )
        .unwrap();
        let at = |g: &Graph, d: &str| g.relation("t").unwrap().truth_at(d.parse().unwrap());
        assert_eq!(at(&g, "2005"), Truth::DoesNotHold);
        assert_eq!(at(&g, "2011"), Truth::Holds);
        // The era is found to have begun earlier: the relation is placed again.
        g.update_entity(
            Entity::new("era", EntityKind::Government, "an era")
                .lifetime(Interval::since("2004".parse().unwrap())),
        )
        .unwrap();
        assert_eq!(at(&g, "2005"), Truth::Unknown);
        // Removing the anchor takes the relation with it, returned.
        let removed = g.remove_entity("era").unwrap();
        assert_eq!(removed.relations.len(), 1);
        assert!(g.relation("t").is_none());
    }

    #[test]
    fn one_call_claims_and_beliefs() {
        let r = Relation::new("r", RelationKind::THREATENS, "A", "B").claimed_by("A");
        assert_eq!(
            (r.status, r.asserted_by.as_ref().map(|a| a.as_str())),
            (Status::Claim, Some("A"))
        );
        let r = r.believed_by("B");
        assert_eq!(
            (r.status, r.asserted_by.as_ref().map(|a| a.as_str())),
            (Status::Belief, Some("B"))
        );
        assert_eq!(
            Source::new("s", "t")
                .url("https://example.org")
                .url
                .as_deref(),
            Some("https://example.org")
        );
    }

    #[test]
    fn display_reads_for_people() {
        let g = crate::datasets::us_korea_2011();
        let r = g.relation("prk-intimidates-kor").unwrap();
        assert_eq!(
            r.to_string(),
            "PRK THREATENS KOR (belief of lee-government)"
        );
        let r = g.relation("lee-demands-apology").unwrap();
        assert_eq!(r.to_string(), "lee-government DEMANDS PRK (about apology)");
        let e = g.entity("lee-government").unwrap();
        assert_eq!(
            e.to_string(),
            "Lee Myung-bak government (lee-government, government)"
        );
        let p = g.paths().shortest("CHN", "KOR").unwrap();
        assert_eq!(
            p.first().unwrap().to_string(),
            "China -[TENSION]- South Korea"
        );
    }
}
