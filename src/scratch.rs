//! Search state in dense arrays, reused across searches.
//!
//! A search takes a [`Scratch`] from its graph's pool, and a *generation stamp* marks which
//! entries belong to it: starting a search bumps the stamp instead of clearing the arrays, so
//! a search that meets after a few hundred entities costs a few hundred entries, not the
//! whole graph, and no search allocates once the pool is warm.

/// No relation: the parent of a search's root.
const ROOT: u32 = u32::MAX;

/// What a search knows of one entity, in one place so that a visit costs one cache miss.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// The stamp of the search that reached the entity.
    seen: u32,
    /// The stamp of the search that settled it.
    done: u32,
    hops: u32,
    /// The slot of the relation that reached it (`ROOT` for a root).
    parent: u32,
    dist: f64,
    /// Whether that relation was taken forward.
    forward: bool,
}

/// One side of a search: what it reached, at which distance and hop count, through which
/// relation, and what it settled.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: u32,
    entries: Vec<Entry>,
    /// Tags that outlive a search: each [`Scratch::fresh_tag`] is new, so no clearing.
    tag: Vec<u32>,
    next_tag: u32,
}

impl Scratch {
    /// Starts a search over `n` entity handles.
    pub(crate) fn begin(&mut self, n: usize) {
        if self.entries.len() < n {
            self.entries.resize(n, Entry::default());
            self.tag.resize(n, 0);
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.entries.fill(Entry::default());
            self.stamp = 1;
        }
    }

    /// Whether the search reached `v`.
    pub(crate) fn reached(&self, v: usize) -> bool {
        self.entries[v].seen == self.stamp
    }

    /// Records that the search reached `v` at this distance and hop count, through the
    /// relation in `parent` (its slot, and whether it was taken forward), or as a root.
    pub(crate) fn reach(&mut self, v: usize, dist: f64, hops: u32, parent: Option<(u32, bool)>) {
        let (parent, forward) = parent.unwrap_or((ROOT, true));
        let e = &mut self.entries[v];
        if e.seen != self.stamp {
            e.done = 0;
        }
        *e = Entry {
            seen: self.stamp,
            done: e.done,
            hops,
            parent,
            dist,
            forward,
        };
    }

    /// The distance to `v`: infinite when not reached.
    pub(crate) fn dist(&self, v: usize) -> f64 {
        let e = &self.entries[v];
        if e.seen == self.stamp {
            e.dist
        } else {
            f64::INFINITY
        }
    }

    /// The hops to `v`, when reached.
    pub(crate) fn hops(&self, v: usize) -> Option<u32> {
        let e = &self.entries[v];
        (e.seen == self.stamp).then_some(e.hops)
    }

    /// The relation that joined `v` to the search's tree: its slot, and whether it was
    /// taken forward. `None` for the root or an entity not reached.
    pub(crate) fn parent(&self, v: usize) -> Option<(u32, bool)> {
        let e = &self.entries[v];
        (e.seen == self.stamp && e.parent != ROOT).then_some((e.parent, e.forward))
    }

    /// Marks `v` settled; false when it already was.
    pub(crate) fn settle(&mut self, v: usize) -> bool {
        let stamp = self.stamp;
        std::mem::replace(&mut self.entries[v].done, stamp) != stamp
    }

    /// Whether `v` is settled.
    pub(crate) fn settled(&self, v: usize) -> bool {
        self.entries[v].done == self.stamp
    }

    /// A tag no entity carries yet.
    pub(crate) fn fresh_tag(&mut self) -> u32 {
        if self.next_tag == u32::MAX {
            self.tag.fill(0);
            self.next_tag = 0;
        }
        self.next_tag += 1;
        self.next_tag
    }

    /// Tags `v`; false when it already carried `tag`.
    pub(crate) fn tag_once(&mut self, v: usize, tag: u32) -> bool {
        std::mem::replace(&mut self.tag[v], tag) != tag
    }
}
