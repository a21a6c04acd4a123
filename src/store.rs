//! The storage layer under [`Graph`](crate::Graph): arenas in insertion order, dense `u32`
//! handles, per-entity adjacency in relation order, and compact fact columns that filters and
//! searches read without touching a relation record.
//!
//! - Entities live in `entities[handle]`, relations in `relations[slot]`. Handles and slots are
//!   given out in insertion order and never reused, so iterating an arena *is* iterating in
//!   insertion order; a removed element leaves an empty place (`None`).
//! - `out[h]` and `inn[h]` list `(neighbour, slot)` for the relations leaving and entering
//!   entity `h`, sorted by slot (relation order). An insertion appends (slots only grow); a
//!   removal or a change of ends edits the two lists involved: O(degree), never a rebuild.
//! - `facts[slot]` holds what a filter tests (ends, kind position, polarity, status,
//!   symmetry, validity in day numbers, intensity), 32 bytes a relation; `life[h]` and
//!   `kinds[h]` hold each entity's lifetime and kind.
//!
//! Nothing here checks rules: [`Graph`](crate::Graph) checks every insertion and update
//! first, then calls the store, so the store may assume ids are new and ends are live.

use crate::id::{EntityId, RelationId};
use crate::model::{Entity, Relation, Status};
use crate::schema::{EntityKind, Polarity};
use crate::time::Span;

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

/// The hasher of every id lookup: foldhash, seeded per process. Lookups only; nothing
/// iterates a hash map, so the seed never shows in any output.
pub(crate) type FastHash = foldhash::fast::RandomState;

/// A hash map keyed by ids, for lookups.
pub(crate) type IdMap<K, V> = std::collections::HashMap<K, V, FastHash>;

/// No entity: the end of a relation that is not (or no longer) in the graph.
pub(crate) const NO_ENTITY: u32 = u32::MAX;
/// No kind: a relation whose kind the schema does not know.
pub(crate) const NO_KIND: u32 = u32::MAX;

/// What filters and searches need of one relation, in one cache line's half.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fact {
    /// Handle of the source entity.
    pub source: u32,
    /// Handle of the target entity.
    pub target: u32,
    /// When the relation itself is valid, in day numbers.
    pub valid: Span,
    /// The intensity, unset counting as 1.
    pub intensity: f64,
    /// Position of the relation's kind in the schema.
    pub kind: u32,
    /// The relation's polarity: its own, or its kind's.
    pub polarity: Polarity,
    /// The relation's epistemic status.
    pub status: Status,
    /// Whether the kind is symmetric.
    pub symmetric: bool,
    /// False once the relation was removed.
    pub live: bool,
}

/// One entry of an adjacency list: the entity at the other end and the relation's slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Adj {
    pub to: u32,
    pub slot: u32,
}

/// The arenas, the adjacency and the fact columns. See the module documentation.
#[derive(Clone, Default)]
pub(crate) struct Store {
    entities: Vec<Option<Entity>>,
    entity_ix: IdMap<EntityId, u32>,
    life: Vec<Span>,
    kinds: Vec<EntityKind>,
    out: Vec<Vec<Adj>>,
    inn: Vec<Vec<Adj>>,
    /// Per entity: how many symmetric relations its `out` and `inn` lists hold, so a search in
    /// one direction skips the other list when it has none to offer.
    symmetric_out: Vec<u32>,
    symmetric_in: Vec<u32>,
    relations: Vec<Option<Relation>>,
    facts: Vec<Fact>,
    relation_ix: IdMap<RelationId, u32>,
}

/// Converts an arena length to the next handle. The arenas hold at most `u32::MAX - 1`
/// elements; `Graph` refuses insertions beyond that before calling the store.
fn next_handle(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(NO_ENTITY)
}

/// Whether the store has room for one more entity and one more relation.
pub(crate) fn has_room(entities: usize, relations: usize) -> bool {
    entities < NO_ENTITY as usize && relations < NO_KIND as usize
}

impl Store {
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
        self.life.push(entity.lifetime.span());
        self.kinds.push(entity.kind);
        self.entities.push(Some(entity));
        self.out.push(Vec::new());
        self.inn.push(Vec::new());
        self.symmetric_out.push(0);
        self.symmetric_in.push(0);
        h
    }

    /// Replaces a live entity (same id) and returns the old one.
    pub(crate) fn replace_entity(&mut self, h: u32, entity: Entity) -> Option<Entity> {
        let i = h as usize;
        self.life[i] = entity.lifetime.span();
        self.kinds[i] = entity.kind;
        self.entities.get_mut(i)?.replace(entity)
    }

    /// Removes an entity that no relation touches any more.
    pub(crate) fn remove_entity(&mut self, h: u32) -> Option<Entity> {
        let i = h as usize;
        let entity = self.entities.get_mut(i)?.take()?;
        self.entity_ix.remove(entity.id.as_str());
        self.out[i] = Vec::new();
        self.inn[i] = Vec::new();
        Some(entity)
    }

    // ----- relations -----

    pub(crate) fn relation_count(&self) -> usize {
        self.relation_ix.len()
    }

    pub(crate) fn relation_places(&self) -> usize {
        self.relations.len()
    }

    pub(crate) fn slot(&self, id: &str) -> Option<u32> {
        self.relation_ix.get(id).copied()
    }

    pub(crate) fn relation(&self, id: &str) -> Option<&Relation> {
        self.slot(id).and_then(|s| self.relation_at(s))
    }

    pub(crate) fn relation_at(&self, slot: u32) -> Option<&Relation> {
        self.relations.get(slot as usize).and_then(Option::as_ref)
    }

    pub(crate) fn fact(&self, slot: u32) -> &Fact {
        &self.facts[slot as usize]
    }

    /// Live relations in insertion order, with their slots.
    pub(crate) fn relations(&self) -> impl Iterator<Item = (u32, &Relation)> {
        self.relations
            .iter()
            .enumerate()
            .filter_map(|(s, r)| Some((s as u32, r.as_ref()?)))
    }

    /// Live facts in relation order, with their slots.
    pub(crate) fn facts(&self) -> impl Iterator<Item = (u32, &Fact)> {
        self.facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.live)
            .map(|(s, f)| (s as u32, f))
    }

    /// Adds a relation whose id is new and whose ends (in `fact`) are live; returns its slot.
    pub(crate) fn add_relation(&mut self, relation: Relation, fact: Fact) -> u32 {
        let slot = next_handle(self.relations.len());
        self.relation_ix.insert(relation.id.clone(), slot);
        self.relations.push(Some(relation));
        self.facts.push(fact);
        self.link(slot, fact);
        slot
    }

    /// Replaces a live relation (same id), keeping its slot, and returns the old one.
    pub(crate) fn replace_relation(
        &mut self,
        slot: u32,
        relation: Relation,
        fact: Fact,
    ) -> Option<Relation> {
        let old = *self.facts.get(slot as usize)?;
        self.unlink(slot, old);
        self.facts[slot as usize] = fact;
        self.link(slot, fact);
        self.relations[slot as usize].replace(relation)
    }

    pub(crate) fn remove_relation(&mut self, slot: u32) -> Option<Relation> {
        let relation = self.relations.get_mut(slot as usize)?.take()?;
        let fact = self.facts[slot as usize];
        self.unlink(slot, fact);
        self.facts[slot as usize].live = false;
        self.relation_ix.remove(relation.id.as_str());
        Some(relation)
    }

    /// Puts a relation into its ends' adjacency lists at its place in relation order.
    fn link(&mut self, slot: u32, fact: Fact) {
        let (s, t) = (fact.source as usize, fact.target as usize);
        insert_sorted(
            &mut self.out[s],
            Adj {
                to: fact.target,
                slot,
            },
        );
        insert_sorted(
            &mut self.inn[t],
            Adj {
                to: fact.source,
                slot,
            },
        );
        if fact.symmetric {
            self.symmetric_out[s] += 1;
            self.symmetric_in[t] += 1;
        }
    }

    fn unlink(&mut self, slot: u32, fact: Fact) {
        let (s, t) = (fact.source as usize, fact.target as usize);
        remove_sorted(&mut self.out[s], slot);
        remove_sorted(&mut self.inn[t], slot);
        if fact.symmetric {
            self.symmetric_out[s] -= 1;
            self.symmetric_in[t] -= 1;
        }
    }

    /// Whether a relation with these facts holds on some day of `days`: its validity and
    /// both its ends' lifetimes each share a day with them.
    pub(crate) fn holds(&self, fact: &Fact, days: Span) -> bool {
        fact.valid.overlaps(days)
            && self.life_at(fact.source).overlaps(days)
            && self.life_at(fact.target).overlaps(days)
    }

    /// When a relation with these facts can hold: its validity narrowed to its ends'
    /// lifetimes (empty when they do not meet).
    pub(crate) fn effective(&self, fact: &Fact) -> Span {
        fact.valid
            .meet(self.life_at(fact.source))
            .meet(self.life_at(fact.target))
    }

    // ----- adjacency -----

    /// The relations leaving `h`, in relation order.
    pub(crate) fn out(&self, h: u32) -> &[Adj] {
        self.out.get(h as usize).map_or(&[], Vec::as_slice)
    }

    /// The relations entering `h`, in relation order.
    pub(crate) fn inn(&self, h: u32) -> &[Adj] {
        self.inn.get(h as usize).map_or(&[], Vec::as_slice)
    }

    /// Every relation touching `node` that `direction` lets a traversal follow away from it
    /// (symmetric kinds both ways), in relation order. A relation from `node` to itself
    /// appears once, as a forward step.
    ///
    /// Complexity: O(degree), a merge of two lists already in relation order.
    pub(crate) fn steps(&self, node: u32, direction: Direction) -> Steps<'_> {
        let i = node as usize;
        let forward_all = direction != Direction::Incoming;
        let backward_all = direction != Direction::Outgoing;
        let count = |v: &Vec<u32>| v.get(i).copied().unwrap_or(0);
        let out = if forward_all || count(&self.symmetric_out) > 0 {
            self.out(node)
        } else {
            &[]
        };
        let inn = if backward_all || count(&self.symmetric_in) > 0 {
            self.inn(node)
        } else {
            &[]
        };
        Steps {
            store: self,
            node,
            out,
            inn,
            forward_all,
            backward_all,
        }
    }
}

fn insert_sorted(list: &mut Vec<Adj>, adj: Adj) {
    match list.last() {
        Some(last) if last.slot > adj.slot => {
            let at = list.partition_point(|a| a.slot < adj.slot);
            list.insert(at, adj);
        }
        _ => list.push(adj),
    }
}

fn remove_sorted(list: &mut Vec<Adj>, slot: u32) {
    if let Ok(at) = list.binary_search_by_key(&slot, |a| a.slot) {
        list.remove(at);
    }
}

/// One relation seen from one of its ends, as traversal algorithms use it.
#[derive(Clone, Copy)]
pub(crate) struct Step<'g> {
    store: &'g Store,
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
    /// The step for a live relation taken from `from` (its source when `forward`).
    pub(crate) fn new(store: &'g Store, slot: u32, forward: bool) -> Step<'g> {
        let f = store.fact(slot);
        let (from, to) = if forward {
            (f.source, f.target)
        } else {
            (f.target, f.source)
        };
        Step {
            store,
            slot,
            from: from as usize,
            to: to as usize,
            forward,
        }
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

    pub(crate) fn fact(&self) -> &'g Fact {
        self.store.fact(self.slot)
    }

    /// The relation record (touched only when a result needs it).
    pub(crate) fn relation(&self) -> &'g Relation {
        // Steps are made from adjacency lists, which hold live slots only.
        self.store
            .relation_at(self.slot)
            .expect("a step's relation is live")
    }

    pub(crate) fn polarity(&self) -> Polarity {
        self.fact().polarity
    }

    pub(crate) fn symmetric(&self) -> bool {
        self.fact().symmetric
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
    out: &'g [Adj],
    inn: &'g [Adj],
    forward_all: bool,
    backward_all: bool,
}

impl<'g> Iterator for Steps<'g> {
    type Item = Step<'g>;

    fn next(&mut self) -> Option<Step<'g>> {
        loop {
            let forward = match (self.out.first(), self.inn.first()) {
                (None, None) => return None,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some(o), Some(i)) => o.slot < i.slot,
            };
            let (adj, all) = if forward {
                let adj = self.out[0];
                self.out = &self.out[1..];
                (adj, self.forward_all)
            } else {
                let adj = self.inn[0];
                self.inn = &self.inn[1..];
                if adj.to == self.node {
                    continue; // a self-loop: taken once, from the out list
                }
                (adj, self.backward_all)
            };
            if all || self.store.fact(adj.slot).symmetric {
                return Some(Step {
                    store: self.store,
                    slot: adj.slot,
                    from: self.node as usize,
                    to: adj.to as usize,
                    forward,
                });
            }
        }
    }
}
