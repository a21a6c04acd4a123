//! Search state in dense arrays, reused across searches.
//!
//! A search takes a [`Scratch`] from its graph's pool, and a *generation stamp* marks which
//! entries belong to it: starting a search bumps the stamp instead of clearing the arrays, so
//! a search that meets after a few hundred entities costs a few hundred entries, not the
//! whole graph, and no search allocates once the pool is warm.

/// No relation: the parent of a search's root.
const ROOT: u32 = u32::MAX;

/// What a search knows of one entity, in 16 bytes: whether it reached and settled it (by
/// stamp) and at which distance (hops, for a breadth-first search), so the test a search
/// makes for every relation costs one cache line.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    seen: u32,
    done: u32,
    dist: f64,
}

/// One side of a search: per entity an [`Entry`], and the relation that reached it (written
/// only when it is reached).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: u32,
    entries: Vec<Entry>,
    /// Per entity: the slot of the relation that reached it (`ROOT` for a root) and whether
    /// it was taken forward.
    parent: Vec<(u32, bool)>,
    /// Tags that outlive a search: each [`Scratch::fresh_tag`] is new, so no clearing.
    tag: Vec<u32>,
    next_tag: u32,
}

impl Scratch {
    /// Starts a search over `n` entity handles.
    pub(crate) fn begin(&mut self, n: usize) {
        if self.entries.len() < n {
            self.entries.resize(n, Entry::default());
            self.parent.resize(n, (ROOT, true));
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

    /// Records that the search reached `v` at this distance, through the relation in
    /// `parent` (its slot, and whether it was taken forward), or as a root.
    pub(crate) fn reach(&mut self, v: usize, dist: f64, parent: Option<(u32, bool)>) {
        let e = &mut self.entries[v];
        e.seen = self.stamp;
        e.dist = dist;
        self.parent[v] = parent.unwrap_or((ROOT, true));
    }

    /// [`Scratch::reach`] for a search that counts hops (kept exactly as the distance).
    pub(crate) fn reach_hops(&mut self, v: usize, hops: u32, parent: (u32, bool)) {
        self.reach(v, f64::from(hops), Some(parent));
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

    /// The hops to `v` in a search that counts hops, when reached.
    pub(crate) fn hops(&self, v: usize) -> Option<u32> {
        let e = &self.entries[v];
        // Hops are small whole numbers, held exactly.
        (e.seen == self.stamp).then_some(e.dist as u32)
    }

    /// The relation that joined `v` to the search's tree: its slot, and whether it was
    /// taken forward. `None` for the root or an entity not reached.
    pub(crate) fn parent(&self, v: usize) -> Option<(u32, bool)> {
        let p = self.parent[v];
        (self.reached(v) && p.0 != ROOT).then_some(p)
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
