//! The storage layer under [`Graph`](crate::Graph): arenas in insertion order, dense `u32`
//! handles, per-entity adjacency in relation order, and compact fact columns that filters and
//! searches read without touching a relation record.
//!
//! - Entities live in `entities[handle]`, relations' records in `records` by slot (see
//!   [`crate::records`]). Handles and slots are given out in insertion order and never
//!   reused, so iterating an arena *is* iterating in insertion order; a removed element
//!   leaves an empty place (`None`, or a record marked dead).
//! - `out[h]` and `inn[h]` hold the relations leaving and entering entity `h`, sorted by
//!   slot (relation order), in two columns: (the entity at the other end, the slot), and the
//!   [`EdgeFact`] a filter tests (kind position, polarity, status, symmetry, validity in day
//!   numbers, intensity; 24 bytes). Facts sit beside the adjacency, so testing an entity's
//!   relations reads memory in order, and a search that needs only neighbours reads 8 bytes
//!   a step. An
//!   insertion appends (slots only grow); a removal or a change of ends edits the two lists
//!   involved: O(degree), never a rebuild.
//! - `ends[slot]` holds each relation's source and target handles; `life[h]` and `kinds[h]`
//!   each entity's lifetime and kind.
//!
//! Nothing here checks rules: [`Graph`](crate::Graph) checks every insertion and update
//! first, then calls the store, so the store may assume ids are new and ends are live.

pub(crate) use crate::id::IdMap;
use crate::id::{EntityId, SourceId};
use crate::known::{Placement, Truth};
use crate::model::{Entity, Relation, Status};
use crate::records::{Extra, INTENSITY_SET, POLARITY_SET, Record, Records, time_flags};
use crate::relation_ref::RelationRef;
use crate::schema::{EntityKind, Polarity, RelationKind};
use crate::time::{Date, Interval, Span};

/// Which way a relation may be followed.
///
/// A relation of a symmetric kind (alliance, tension, …) may be followed both ways whatever
/// the direction asked for, since it holds both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Direction {
    /// From source to target.
    Outgoing,
    /// From target to source.
    Incoming,
    /// Either way.
    #[default]
    Both,
}

/// Which way a relation was followed by a path or matched by a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Traversal {
    /// From the relation's source to its target.
    Forward,
    /// From the relation's target to its source.
    Backward,
}

/// No entity: the end of a relation that is not (or no longer) in the graph.
pub(crate) const NO_ENTITY: u32 = u32::MAX;
/// No kind: a relation whose kind the schema does not know.
pub(crate) const NO_KIND: u32 = u32::MAX;

/// What filters and searches need of one relation besides its ends: 24 bytes, kept inline
/// in both adjacency lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EdgeFact {
    /// When the relation can hold (its possible span, before its ends' lifetimes), in day
    /// numbers; see [`crate::known`].
    pub valid: Span,
    /// The intensity, unset counting as 1.
    pub intensity: f64,
    /// Position of the relation's kind in the schema ([`NO_KIND`] when unknown).
    pub kind: u32,
    /// The relation's polarity: its own, or its kind's.
    pub polarity: Polarity,
    /// The relation's epistemic status.
    pub status: Status,
    /// Whether the kind is symmetric.
    pub symmetric: bool,
    /// Whether the relation holds on every day it can hold (a timeless state): its time
    /// tests are two-valued and need nothing beyond `valid`. Otherwise its known and witness
    /// spans are in the store's side table.
    pub exact: bool,
}

/// A relation's facts with its ends' handles ([`NO_ENTITY`] for an end not in the graph).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fact {
    pub source: u32,
    pub target: u32,
    pub edge: EdgeFact,
    /// The known and witness spans (equal to `edge.valid` and empty when `edge.exact`).
    pub known: Span,
    pub witness: Span,
}

/// One entity's relations in one direction, sorted by slot (relation order), in two columns:
/// (the entity at the other end, the relation's slot), which a search reads for every step,
/// and the facts, which only a filter with constraints reads. The list also counts its
/// symmetric relations, so a search in the other direction can skip it without a look.
#[derive(Debug, Clone, Default)]
pub(crate) struct AdjList {
    ends: Vec<(u32, u32)>,
    fact: Vec<EdgeFact>,
    symmetric: u32,
}

impl AdjList {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Inserts at the relation's place in relation order (an append for a new relation).
    fn insert(&mut self, to: u32, slot: u32, fact: EdgeFact) {
        let at = match self.ends.last() {
            Some(&(_, last)) if last > slot => self.ends.partition_point(|&(_, s)| s < slot),
            _ => self.ends.len(),
        };
        self.ends.insert(at, (to, slot));
        self.fact.insert(at, fact);
        self.symmetric += u32::from(fact.symmetric);
    }

    fn find(&self, slot: u32) -> Option<usize> {
        self.ends.binary_search_by_key(&slot, |&(_, s)| s).ok()
    }

    fn remove(&mut self, slot: u32) {
        if let Some(at) = self.find(slot) {
            self.ends.remove(at);
            let fact = self.fact.remove(at);
            self.symmetric -= u32::from(fact.symmetric);
        }
    }
}

/// The arenas, the adjacency and the fact columns. See the module documentation.
#[derive(Clone, Default)]
pub(crate) struct Store {
    entities: Vec<Option<Entity>>,
    entity_ix: IdMap<EntityId, u32>,
    life: Vec<Span>,
    /// How many live entities have a lifetime other than always: while none has, time tests
    /// read no entity.
    bounded_lives: usize,
    kinds: Vec<EntityKind>,
    out: Vec<AdjList>,
    inn: Vec<AdjList>,
    /// Per slot: the relation's id, validity as written, and extras.
    records: Records,
    /// Per slot: the handles of the relation's source and target.
    ends: Vec<(u32, u32)>,
    /// The name of each relation kind relations use, by schema position.
    kind_names: Vec<Option<RelationKind>>,
    /// The known and witness spans of the relations that are not exact, by slot: few (the
    /// dated statements of hand-encoded sources), so a map.
    inexact: IdMap<u32, (Span, Span)>,
    /// The dates of the dated sources, which statements speak of.
    source_dates: IdMap<SourceId, Date>,
}

/// Converts an arena length to the next handle. The arenas hold at most `u32::MAX - 1`
/// elements; `Graph` refuses insertions beyond that before calling the store.
fn next_handle(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(NO_ENTITY)
}

impl Store {
    /// Room for this many more entities and relations.
    pub(crate) fn reserve(&mut self, entities: usize, relations: usize) {
        self.entities.reserve(entities);
        self.entity_ix.reserve(entities);
        self.life.reserve(entities);
        self.kinds.reserve(entities);
        self.out.reserve(entities);
        self.inn.reserve(entities);
        self.records.reserve(relations);
        self.ends.reserve(relations);
    }

    /// Whether the store has room for one more entity and one more relation whose id has
    /// `id_len` bytes.
    pub(crate) fn has_room(&self, id_len: usize) -> bool {
        self.entities.len() < NO_ENTITY as usize
            && self.records.places() < NO_KIND as usize
            && self.records.has_room(id_len)
    }

    // ----- entities -----

    pub(crate) fn entity_count(&self) -> usize {
        self.entity_ix.len()
    }

    pub(crate) fn entity_places(&self) -> usize {
        self.entities.len()
    }

    /// The handle of the entity with this id.
    pub(crate) fn handle(&self, id: &str) -> Option<u32> {
        self.entity_ix.get(id).copied()
    }

    pub(crate) fn entity(&self, id: &str) -> Option<&Entity> {
        self.handle(id).and_then(|h| self.entity_at(h))
    }

    pub(crate) fn entity_at(&self, h: u32) -> Option<&Entity> {
        self.entities.get(h as usize).and_then(Option::as_ref)
    }

    /// The kind of the entity behind a handle (`None` for [`NO_ENTITY`] or a removed one).
    pub(crate) fn kind_at(&self, h: u32) -> Option<EntityKind> {
        self.kinds
            .get(h as usize)
            .copied()
            .filter(|_| self.entity_at(h).is_some())
    }

    /// The lifetime of the entity behind a handle; always for [`NO_ENTITY`].
    pub(crate) fn life_at(&self, h: u32) -> Span {
        self.life.get(h as usize).copied().unwrap_or(Span::ALWAYS)
    }

    /// Live entities in insertion order, with their handles.
    pub(crate) fn entities(&self) -> impl Iterator<Item = (u32, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter_map(|(h, e)| Some((h as u32, e.as_ref()?)))
    }

    /// Adds an entity whose id is new; returns its handle.
    pub(crate) fn add_entity(&mut self, entity: Entity) -> u32 {
        let h = next_handle(self.entities.len());
        self.entity_ix.insert(entity.id.clone(), h);
        let life = entity.lifetime.span();
        self.bounded_lives += usize::from(life != Span::ALWAYS);
        self.life.push(life);
        self.kinds.push(entity.kind);
        self.entities.push(Some(entity));
        self.out.push(AdjList::default());
        self.inn.push(AdjList::default());
        h
    }

    /// Replaces a live entity (same id) and returns the old one.
    pub(crate) fn replace_entity(&mut self, h: u32, entity: Entity) -> Option<Entity> {
        let i = h as usize;
        let old = self.entities.get_mut(i)?.replace(entity)?;
        let life = self.entities[i]
            .as_ref()
            .map_or(Span::ALWAYS, |e| e.lifetime.span());
        self.bounded_lives -= usize::from(self.life[i] != Span::ALWAYS);
        self.bounded_lives += usize::from(life != Span::ALWAYS);
        self.life[i] = life;
        self.kinds[i] = self.entities[i].as_ref().map_or(old.kind, |e| e.kind);
        Some(old)
    }

    /// Removes an entity that no relation touches any more.
    pub(crate) fn remove_entity(&mut self, h: u32) -> Option<Entity> {
        let i = h as usize;
        let entity = self.entities.get_mut(i)?.take()?;
        self.entity_ix.remove(entity.id.as_str());
        self.bounded_lives -= usize::from(self.life[i] != Span::ALWAYS);
        self.life[i] = Span::ALWAYS;
        self.out[i] = AdjList::default();
        self.inn[i] = AdjList::default();
        Some(entity)
    }

    // ----- relations -----

    pub(crate) fn relation_count(&self) -> usize {
        self.records.len()
    }

    pub(crate) fn slot(&self, id: &str) -> Option<u32> {
        self.records.slot(id)
    }

    pub(crate) fn relation(&self, id: &str) -> Option<RelationRef<'_>> {
        self.slot(id).and_then(|s| self.relation_at(s))
    }

    /// The live relation at `slot`. O(log d) in its source's out-degree, to find its facts.
    pub(crate) fn relation_at(&self, slot: u32) -> Option<RelationRef<'_>> {
        let record = self.records.get(slot)?;
        let (list, at) = self.locate(slot)?;
        Some(RelationRef::new(
            self,
            slot,
            record,
            &list.fact[at],
            self.ends[slot as usize],
        ))
    }

    /// Where a live relation's facts sit: its source's out list and the index in it.
    /// O(log d) in the source's out-degree.
    fn locate(&self, slot: u32) -> Option<(&AdjList, usize)> {
        self.records.get(slot)?;
        let (source, _) = self.ends[slot as usize];
        let list = &self.out[source as usize];
        Some((list, list.find(slot)?))
    }

    /// The facts of a live relation. O(log d) in its source's out-degree.
    pub(crate) fn fact(&self, slot: u32) -> Option<Fact> {
        let (list, at) = self.locate(slot)?;
        let (source, target) = self.ends[slot as usize];
        let edge = list.fact[at];
        let (known, witness) = self.spans(slot, &edge);
        Some(Fact {
            source,
            target,
            edge,
            known,
            witness,
        })
    }

    /// A relation's known and witness spans.
    pub(crate) fn spans(&self, slot: u32, edge: &EdgeFact) -> (Span, Span) {
        if edge.exact {
            (edge.valid, crate::known::NO_DAYS)
        } else {
            self.inexact
                .get(&slot)
                .copied()
                .unwrap_or((crate::known::NO_DAYS, crate::known::NO_DAYS))
        }
    }

    /// Live relations in insertion order.
    pub(crate) fn relations(&self) -> impl Iterator<Item = RelationRef<'_>> {
        self.records.slots().filter_map(|s| self.relation_at(s))
    }

    /// Every live relation's facts, by source entity, then in relation order: (slot, facts).
    pub(crate) fn facts(&self) -> impl Iterator<Item = (u32, Fact)> + '_ {
        self.out.iter().enumerate().flat_map(move |(source, list)| {
            list.ends
                .iter()
                .zip(&list.fact)
                .map(move |(&(to, slot), &edge)| {
                    let (known, witness) = self.spans(slot, &edge);
                    (
                        slot,
                        Fact {
                            source: source as u32,
                            target: to,
                            edge,
                            known,
                            witness,
                        },
                    )
                })
        })
    }

    /// A relation's id, from its record.
    pub(crate) fn relation_id(&self, record: &Record) -> &str {
        self.records.id(record)
    }

    /// The name of the relation kind at a schema position some relation uses.
    pub(crate) fn kind_name(&self, kind: u32) -> &RelationKind {
        // Kinds are recorded on insertion and never removed.
        self.kind_names
            .get(kind as usize)
            .and_then(Option::as_ref)
            .expect("a live relation's kind is recorded")
    }

    /// The id of a live entity.
    pub(crate) fn entity_id(&self, h: u32) -> &EntityId {
        // Relation ends are live entities (a removal takes their relations with them).
        &self.entity_at(h).expect("a live relation's end is live").id
    }

    /// The lifetime of a live entity as written.
    pub(crate) fn lifetime(&self, h: u32) -> Interval {
        self.entity_at(h).map_or(Interval::ALWAYS, |e| e.lifetime)
    }

    /// Splits a relation into what its record keeps (flags, validity, extras); the rest is in
    /// its facts.
    fn split(&mut self, relation: Relation, fact: &Fact) -> (u8, Interval, Option<Box<Extra>>) {
        let k = fact.edge.kind as usize;
        if self.kind_names.len() <= k {
            self.kind_names.resize(k + 1, None);
        }
        if self.kind_names[k].is_none() {
            self.kind_names[k] = Some(relation.kind.clone());
        }
        // Destructured whole, so that a field added to `Relation` fails to compile here until
        // it has a place to go. Kind, ends, polarity, status and intensity are in `fact`.
        let Relation {
            id: _,
            kind: _,
            source: _,
            target: _,
            polarity,
            intensity,
            confidence,
            valid,
            tense,
            occurs,
            not_before,
            not_after,
            throughout,
            status: _,
            asserted_by,
            about,
            evidence,
            attributes,
        } = relation;
        let stated = |set: bool, flag: u8| if set { flag } else { 0 };
        let flags = stated(polarity.is_some(), POLARITY_SET)
            | stated(intensity.is_some(), INTENSITY_SET)
            | time_flags(tense, occurs);
        let extra = Extra {
            confidence,
            asserted_by,
            about,
            not_before,
            not_after,
            throughout,
            evidence,
            attributes,
        };
        (flags, valid, extra.boxed())
    }

    /// The owned relation at a live slot, its record's extras moved out (the rest of the
    /// record stays until the caller replaces or removes it).
    fn take_back(&mut self, slot: u32) -> Option<Relation> {
        let extra = self.records.take_extra(slot)?;
        Some(
            self.relation_at(slot)?
                .assemble(extra.map(|e| *e).unwrap_or_default()),
        )
    }

    /// Adds a relation whose ends (in `fact`) are live and whose kind the schema declares;
    /// returns its slot, or `None` (and nothing added) when its id is taken.
    pub(crate) fn add_relation(&mut self, relation: Relation, fact: Fact) -> Option<u32> {
        let id = relation.id.clone();
        let (flags, valid, extra) = self.split(relation, &fact);
        let slot = self.records.insert(id.as_str(), flags, valid, extra)?;
        self.ends.push((fact.source, fact.target));
        self.link(slot, fact);
        Some(slot)
    }

    /// Replaces a live relation (same id), keeping its slot, and returns the old one.
    pub(crate) fn replace_relation(
        &mut self,
        slot: u32,
        relation: Relation,
        fact: Fact,
    ) -> Option<Relation> {
        let old_fact = self.fact(slot)?;
        let old = self.take_back(slot)?;
        let (flags, valid, extra) = self.split(relation, &fact);
        self.records.replace(slot, flags, valid, extra);
        self.unlink(slot, old_fact);
        self.ends[slot as usize] = (fact.source, fact.target);
        self.link(slot, fact);
        Some(old)
    }

    pub(crate) fn remove_relation(&mut self, slot: u32) -> Option<Relation> {
        let fact = self.fact(slot)?;
        let relation = self.take_back(slot)?;
        self.unlink(slot, fact);
        self.records.remove(slot);
        Some(relation)
    }

    /// Puts a relation into its ends' adjacency lists at its place in relation order.
    fn link(&mut self, slot: u32, fact: Fact) {
        if fact.edge.exact {
            self.inexact.remove(&slot);
        } else {
            self.inexact.insert(slot, (fact.known, fact.witness));
        }
        let (s, t) = (fact.source as usize, fact.target as usize);
        self.out[s].insert(fact.target, slot, fact.edge);
        self.inn[t].insert(fact.source, slot, fact.edge);
    }

    fn unlink(&mut self, slot: u32, fact: Fact) {
        self.inexact.remove(&slot);
        let (s, t) = (fact.source as usize, fact.target as usize);
        self.out[s].remove(slot);
        self.inn[t].remove(slot);
    }

    pub(crate) fn set_source_date(&mut self, id: SourceId, date: Date) {
        self.source_dates.insert(id, date);
    }

    pub(crate) fn source_date(&self, id: &str) -> Option<Date> {
        self.source_dates.get(id).copied()
    }

    /// The days both ends of a relation live.
    pub(crate) fn lives(&self, source: u32, target: u32) -> Span {
        if self.bounded_lives == 0 {
            Span::ALWAYS
        } else {
            self.life_at(source).meet(self.life_at(target))
        }
    }

    /// What is known of a relation at the days `q` (see [`crate::known`]): its spans and both
    /// its ends' lifetimes, intersected before they are tested against `q`.
    pub(crate) fn truth(
        &self,
        slot: u32,
        source: u32,
        target: u32,
        edge: &EdgeFact,
        q: Span,
    ) -> Truth {
        let life = self.lives(source, target);
        if edge.exact {
            return if edge.valid.meet(life).meet(q).is_empty() {
                Truth::DoesNotHold
            } else {
                Truth::Holds
            };
        }
        let (known, witness) = self.spans(slot, edge);
        Placement {
            possible: edge.valid,
            known,
            witness,
        }
        .truth(life, q)
    }

    /// The days a relation can hold: its possible span narrowed to its ends' lifetimes
    /// (empty when they do not meet).
    pub(crate) fn effective(&self, source: u32, target: u32, edge: &EdgeFact) -> Span {
        edge.valid.meet(self.lives(source, target))
    }

    /// The days a relation is known to hold on every day of, narrowed to its ends' lifetimes.
    pub(crate) fn known_days(&self, slot: u32, source: u32, target: u32, edge: &EdgeFact) -> Span {
        self.spans(slot, edge).0.meet(self.lives(source, target))
    }

    /// Re-links a live relation with new facts (its time placement changed with an anchor's
    /// lifetime).
    pub(crate) fn refresh(&mut self, slot: u32, fact: Fact) {
        if let Some(old) = self.fact(slot) {
            self.unlink(slot, old);
            self.link(slot, fact);
        }
    }

    // ----- adjacency -----

    /// Every relation touching `node` that `direction` lets a traversal follow away from it
    /// (symmetric kinds both ways), in relation order. A relation from `node` to itself
    /// appears once: as a forward step when the direction allows one, otherwise (only
    /// incoming relations followed) as a backward step.
    ///
    /// Complexity: O(degree), a merge of two lists already in relation order.
    #[inline]
    pub(crate) fn steps(&self, node: u32, direction: Direction) -> Steps<'_> {
        let i = node as usize;
        let forward_all = direction != Direction::Incoming;
        let backward_all = direction != Direction::Outgoing;
        let take = |list: Option<&AdjList>, all: bool| match list {
            Some(l) if all || l.symmetric > 0 => l.len(),
            _ => 0,
        };
        Steps {
            store: self,
            node,
            out: self.out.get(i),
            inn: self.inn.get(i),
            o: 0,
            o_end: take(self.out.get(i), forward_all),
            n: 0,
            n_end: take(self.inn.get(i), backward_all),
            forward_all,
            backward_all,
        }
    }
}

/// One relation seen from one of its ends, as traversal algorithms use it.
#[derive(Clone, Copy)]
pub(crate) struct Step<'g> {
    store: &'g Store,
    fact: &'g EdgeFact,
    /// The relation's slot: its position in relation order.
    pub slot: u32,
    /// The handle of the entity the step leaves.
    pub from: usize,
    /// The handle of the entity at the other end.
    pub to: usize,
    /// Whether the step runs from the relation's source to its target.
    pub forward: bool,
}

impl<'g> Step<'g> {
    /// The step for a live relation taken forward (from its source) or backward.
    pub(crate) fn new(store: &'g Store, slot: u32, forward: bool) -> Option<Step<'g>> {
        let (list, at) = store.locate(slot)?;
        let (source, target) = store.ends[slot as usize];
        let (from, to) = if forward {
            (source, target)
        } else {
            (target, source)
        };
        Some(Step {
            store,
            fact: &list.fact[at],
            slot,
            from: from as usize,
            to: to as usize,
            forward,
        })
    }

    /// The same relation walked the other way.
    pub(crate) fn reversed(self) -> Step<'g> {
        Step {
            from: self.to,
            to: self.from,
            forward: !self.forward,
            ..self
        }
    }

    pub(crate) fn fact(&self) -> &'g EdgeFact {
        self.fact
    }

    /// The handles of the relation's source and target.
    pub(crate) fn ends(&self) -> (u32, u32) {
        if self.forward {
            (self.from as u32, self.to as u32)
        } else {
            (self.to as u32, self.from as u32)
        }
    }

    /// The relation (its record touched only when a result needs it).
    pub(crate) fn relation(&self) -> RelationRef<'g> {
        // Steps are made from adjacency lists, which hold live slots only.
        let record = self
            .store
            .records
            .get(self.slot)
            .expect("a step's relation is live");
        RelationRef::new(self.store, self.slot, record, self.fact, self.ends())
    }

    pub(crate) fn polarity(&self) -> Polarity {
        self.fact.polarity
    }

    pub(crate) fn symmetric(&self) -> bool {
        self.fact.symmetric
    }
}

impl std::fmt::Debug for Step<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Step")
            .field("slot", &self.slot)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("forward", &self.forward)
            .finish()
    }
}

/// The steps away from one entity, in relation order: see [`Store::steps`].
pub(crate) struct Steps<'g> {
    store: &'g Store,
    node: u32,
    out: Option<&'g AdjList>,
    inn: Option<&'g AdjList>,
    o: usize,
    o_end: usize,
    n: usize,
    n_end: usize,
    forward_all: bool,
    backward_all: bool,
}

impl<'g> Iterator for Steps<'g> {
    type Item = Step<'g>;

    // Always inlined: a search calls it once a relation, and a call returning the 40-byte
    // step through memory cost more than the step itself (measured: twice the time a step).
    #[inline(always)]
    fn next(&mut self) -> Option<Step<'g>> {
        loop {
            let take_out = match (self.o < self.o_end, self.n < self.n_end) {
                (false, false) => return None,
                (true, false) => true,
                (false, true) => false,
                (true, true) => match (self.out, self.inn) {
                    (Some(o), Some(n)) => o.ends[self.o].1 < n.ends[self.n].1,
                    _ => self.out.is_some(),
                },
            };
            let (list, at, all, forward) = if take_out {
                self.o += 1;
                (self.out?, self.o - 1, self.forward_all, true)
            } else {
                self.n += 1;
                (self.inn?, self.n - 1, self.backward_all, false)
            };
            let (to, slot) = list.ends[at];
            let fact = &list.fact[at];
            if !forward && to == self.node && (self.forward_all || fact.symmetric) {
                continue; // a self-loop the out list already gave, as a forward step
            }
            if all || fact.symmetric {
                return Some(Step {
                    store: self.store,
                    fact,
                    slot,
                    from: self.node as usize,
                    to: to as usize,
                    forward,
                });
            }
        }
    }
}
