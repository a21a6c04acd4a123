//! The relation records under the store: what a relation holds besides the facts its
//! adjacency entries carry, in a few dozen bytes.
//!
//! A relation's kind, polarity, status and intensity live in its [`EdgeFact`]s and its ends
//! in the store's `ends` column, so its record keeps only the rest:
//!
//! - its id, as a place in one string arena (no allocation, no pointer per relation), found
//!   through a table of slots hashed by id bytes (4 bytes a relation, keys not stored twice);
//! - its validity as written ([`Interval`], which keeps the dates' precision);
//! - flags: whether polarity and intensity were stated or come from defaults, the tense, and
//!   whether the relation is a one-off;
//! - everything a bare relation lacks (confidence, `asserted_by`, `about`, the time anchors,
//!   evidence, attributes) in one boxed [`Extra`], absent when all are empty.
//!
//! A record is 32 bytes; with its id's bytes (about 8 in the benchmark workload) and its share
//! of the index (4 bytes a bucket and 1 of control, at most 7/8 full), a relation without
//! extras costs about 45–50 bytes here, and 72 more in the adjacency columns and ends (see
//! [`crate::store`]). Removing a relation leaves its id's bytes in the arena until the garbage
//! outweighs the live ids and the removals since the last rewrite are a quarter of the
//! records; then the arena is rewritten: amortised O(1) a removal.
//!
//! [`EdgeFact`]: crate::store::EdgeFact

use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::id::{EntityId, FastHash};
use crate::known::{Occurrence, Tense};
use crate::model::{Attributes, Evidence};
use crate::time::Interval;

/// The relation is live (not removed).
const LIVE: u8 = 1;
/// The relation states its own polarity (otherwise its kind's default applies).
pub(crate) const POLARITY_SET: u8 = 2;
/// The relation states its intensity (otherwise unknown, read as 1 by measures).
pub(crate) const INTENSITY_SET: u8 = 4;
/// The relation is a one-off.
pub(crate) const ONCE: u8 = 8;
/// Two bits of tense, at this shift.
const TENSE_SHIFT: u8 = 4;
const TENSE_BITS: u8 = 3 << TENSE_SHIFT;

/// The flags of a relation's tense and occurrence.
pub(crate) fn time_flags(tense: Tense, occurs: Occurrence) -> u8 {
    let t = Tense::ALL.iter().position(|&x| x == tense).unwrap_or(0) as u8;
    t << TENSE_SHIFT | if occurs == Occurrence::Once { ONCE } else { 0 }
}

/// Longest arena of relation ids, in bytes: places are `u32`.
const MAX_ID_ARENA: usize = u32::MAX as usize;

/// What a relation may carry beyond its kind, ends, polarity, status, intensity and validity.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Extra {
    pub confidence: Option<f64>,
    pub asserted_by: Option<EntityId>,
    pub about: Option<EntityId>,
    pub not_before: Option<EntityId>,
    pub not_after: Option<EntityId>,
    pub throughout: Option<EntityId>,
    pub evidence: Vec<Evidence>,
    pub attributes: Attributes,
}

impl Extra {
    /// `None` when there is nothing to keep, so a bare relation allocates nothing.
    pub(crate) fn boxed(self) -> Option<Box<Extra>> {
        (self != Extra::default()).then(|| Box::new(self))
    }
}

/// One relation's record. See the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    id_at: u32,
    id_len: u16,
    flags: u8,
    pub valid: Interval,
    pub extra: Option<Box<Extra>>,
}

impl Record {
    pub(crate) fn flags(&self) -> u8 {
        self.flags
    }

    pub(crate) fn live(&self) -> bool {
        self.flags & LIVE != 0
    }

    pub(crate) fn tense(&self) -> Tense {
        Tense::ALL[usize::from((self.flags & TENSE_BITS) >> TENSE_SHIFT)]
    }

    pub(crate) fn occurs(&self) -> Occurrence {
        if self.flags & ONCE != 0 {
            Occurrence::Once
        } else {
            Occurrence::State
        }
    }
}

/// The records of every relation ever inserted, by slot, with the id arena and index.
#[derive(Clone, Default)]
pub(crate) struct Records {
    records: Vec<Record>,
    ids: String,
    /// Bytes of `ids` that belong to removed relations.
    garbage: usize,
    index: HashTable<u32>,
    hasher: FastHash,
    live: usize,
    /// Removals since the last compaction.
    removed_since: usize,
}

impl Records {
    pub(crate) fn reserve(&mut self, relations: usize) {
        self.records.reserve(relations);
        // Ids are short; a guess that spares the arena a few doublings.
        self.ids.reserve(relations.saturating_mul(8));
        let hasher = &self.hasher;
        let (records, ids) = (&self.records, &self.ids);
        self.index.reserve(relations, |&s| {
            hasher.hash_one(id_in(ids, &records[s as usize]))
        });
    }

    /// Live relations.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Slots given out so far (live or removed).
    pub(crate) fn places(&self) -> usize {
        self.records.len()
    }

    /// Whether one more relation with an id of `id_len` bytes fits the arena (after a
    /// compaction, which [`Records::insert`] runs when the garbage is in the way).
    pub(crate) fn has_room(&self, id_len: usize) -> bool {
        self.ids.len() - self.garbage + id_len <= MAX_ID_ARENA
    }

    pub(crate) fn slot(&self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        let (records, ids) = (&self.records, &self.ids);
        self.index
            .find(hash, |&s| id_in(ids, &records[s as usize]) == id)
            .copied()
    }

    /// The live record at `slot`.
    pub(crate) fn get(&self, slot: u32) -> Option<&Record> {
        self.records.get(slot as usize).filter(|r| r.live())
    }

    pub(crate) fn id(&self, record: &Record) -> &str {
        id_in(&self.ids, record)
    }

    /// Live slots in order.
    pub(crate) fn slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.live())
            .map(|(s, _)| s as u32)
    }

    /// Adds a record under a new slot; `None` (nothing added) when the id is taken.
    pub(crate) fn insert(
        &mut self,
        id: &str,
        flags: u8,
        valid: Interval,
        extra: Option<Box<Extra>>,
    ) -> Option<u32> {
        let slot = u32::try_from(self.records.len()).ok()?;
        if self.ids.len() + id.len() > MAX_ID_ARENA {
            self.compact();
        }
        let hash = self.hasher.hash_one(id);
        let Records {
            records,
            ids,
            index,
            hasher,
            ..
        } = self;
        let entry = index.entry(
            hash,
            |&s| id_in(ids, &records[s as usize]) == id,
            |&s| hasher.hash_one(id_in(ids, &records[s as usize])),
        );
        let hashbrown::hash_table::Entry::Vacant(vacant) = entry else {
            return None;
        };
        vacant.insert(slot);
        // The id rule caps ids at 256 bytes and `has_room` the arena at `u32` places.
        let (id_at, id_len) = (ids.len() as u32, id.len() as u16);
        ids.push_str(id);
        records.push(Record {
            id_at,
            id_len,
            flags: flags | LIVE,
            valid,
            extra,
        });
        self.live += 1;
        Some(slot)
    }

    /// Takes a live record's extras out, leaving none.
    pub(crate) fn take_extra(&mut self, slot: u32) -> Option<Option<Box<Extra>>> {
        let record = self.records.get_mut(slot as usize).filter(|r| r.live())?;
        Some(record.extra.take())
    }

    /// Replaces a live record's content, keeping its id.
    pub(crate) fn replace(
        &mut self,
        slot: u32,
        flags: u8,
        valid: Interval,
        extra: Option<Box<Extra>>,
    ) {
        if let Some(record) = self.records.get_mut(slot as usize).filter(|r| r.live()) {
            *record = Record {
                flags: flags | LIVE,
                valid,
                extra,
                ..*record
            };
        }
    }

    /// Removes a live record, with its extras; its id leaves the index.
    pub(crate) fn remove(&mut self, slot: u32) {
        let Some(record) = self.records.get(slot as usize).filter(|r| r.live()) else {
            return;
        };
        let hash = self.hasher.hash_one(id_in(&self.ids, record));
        if let Ok(found) = self.index.find_entry(hash, |&s| s == slot) {
            found.remove();
        }
        let record = &mut self.records[slot as usize];
        record.flags &= !LIVE;
        record.extra = None;
        self.garbage += usize::from(record.id_len);
        self.live -= 1;
        self.removed_since += 1;
        // Compaction walks every record: run it only once the removals since the last one
        // are a quarter of the records, so that its cost is amortised O(1) a removal.
        if self.garbage > 4096
            && self.garbage > self.ids.len() / 2
            && self.removed_since >= self.records.len() / 4
        {
            self.compact();
        }
    }

    /// Rewrites the id arena without the ids of removed relations. O(records + live id
    /// bytes).
    fn compact(&mut self) {
        let mut ids = String::with_capacity(self.ids.len() - self.garbage);
        for record in &mut self.records {
            if record.live() {
                let at = ids.len() as u32;
                ids.push_str(id_in(&self.ids, record));
                record.id_at = at;
            } else {
                record.id_len = 0;
                record.id_at = 0;
            }
        }
        self.ids = ids;
        self.garbage = 0;
        self.removed_since = 0;
    }
}

fn id_in<'a>(ids: &'a str, record: &Record) -> &'a str {
    let at = record.id_at as usize;
    // Places are cut at pushes of whole ids, so they fall on character boundaries.
    ids.get(at..at + usize::from(record.id_len)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Record>(), 32);
    }

    #[test]
    fn ids_are_found_refused_when_taken_and_freed_on_removal() {
        let mut r = Records::default();
        let a = r.insert("a", 0, Interval::ALWAYS, None).unwrap();
        assert_eq!(r.insert("a", 0, Interval::ALWAYS, None), None);
        let b = r
            .insert("bb", POLARITY_SET, Interval::ALWAYS, None)
            .unwrap();
        assert_eq!(
            (r.slot("a"), r.slot("bb"), r.slot("b")),
            (Some(a), Some(b), None)
        );
        assert_eq!(
            r.get(b).map(|x| x.flags() & POLARITY_SET),
            Some(POLARITY_SET)
        );
        r.remove(a);
        assert_eq!((r.slot("a"), r.len(), r.places()), (None, 1, 2));
        assert!(r.get(a).is_none());
        // The id may be used again, under a new slot.
        assert_eq!(r.insert("a", 0, Interval::ALWAYS, None), Some(2));
        assert_eq!(r.slots().collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn compaction_keeps_every_live_id() {
        let mut r = Records::default();
        let n = 5000u32;
        for i in 0..n {
            r.insert(&format!("relation-{i}"), 0, Interval::ALWAYS, None);
        }
        for i in (0..n).filter(|i| i % 3 != 0) {
            r.remove(i);
        }
        assert!(r.ids.len() < 5000 * 13 / 2, "the arena was compacted");
        for i in 0..n {
            let found = r.slot(&format!("relation-{i}"));
            assert_eq!(found, (i % 3 == 0).then_some(i), "relation-{i}");
            if let Some(s) = found {
                assert_eq!(r.id(r.get(s).unwrap()), format!("relation-{i}"));
            }
        }
    }
}
