//! Search state in dense arrays, reused across searches.
//!
//! A search takes a [`Scratch`] from its graph's pool, and a *generation stamp* marks which
//! entries belong to it: starting a search bumps the stamp instead of clearing the arrays, so
//! a search that meets after a few hundred entities costs a few hundred entries, not the
//! whole graph, and no search allocates once the pool is warm.

/// No relation: the parent of a search's root.
const ROOT: u32 = u32::MAX;

/// What a weighted search knows of one entity, in 16 bytes: whether it reached and settled
/// it (by stamp) and at which distance, so the test it makes for every relation costs one
/// cache line.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    seen: u32,
    done: u32,
    dist: f64,
}

/// One side of a search. A breadth-first search (and route counting) uses `seen`, 8 bytes an
/// entity; a weighted one uses `entries`; both record parents. Each search touches only the
/// arrays it uses, and the smaller array keeps a breadth-first search's working set small.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: u32,
    /// Per entity: the stamp of the breadth-first search that reached it, and its hops.
    seen: Vec<(u32, u32)>,
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
        if self.seen.len() < n {
            self.seen.resize(n, (0, 0));
            self.entries.resize(n, Entry::default());
            self.parent.resize(n, (ROOT, true));
            self.tag.resize(n, 0);
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill((0, 0));
            self.entries.fill(Entry::default());
            self.stamp = 1;
        }
    }

    // ----- breadth-first searches -----

    /// Marks `v` reached at `hops`, through the relation in `parent` (its slot, and whether it
    /// was taken forward), or as a root.
    pub(crate) fn reach_hops(&mut self, v: usize, hops: u32, parent: Option<(u32, bool)>) {
        self.seen[v] = (self.stamp, hops);
        self.parent[v] = parent.unwrap_or((ROOT, true));
    }

    /// Whether a breadth-first search reached `v`.
    pub(crate) fn reached(&self, v: usize) -> bool {
        self.seen[v].0 == self.stamp
    }

    /// The hops to `v`, when reached.
    pub(crate) fn hops(&self, v: usize) -> Option<u32> {
        let (stamp, hops) = self.seen[v];
        (stamp == self.stamp).then_some(hops)
    }

    // ----- weighted searches -----

    /// Records that a weighted search reached `v` at this distance, through the relation in
    /// `parent`, or as a root.
    pub(crate) fn reach(&mut self, v: usize, dist: f64, parent: Option<(u32, bool)>) {
        let e = &mut self.entries[v];
        e.seen = self.stamp;
        e.dist = dist;
        self.parent[v] = parent.unwrap_or((ROOT, true));
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

    /// Marks `v` settled; false when it already was.
    pub(crate) fn settle(&mut self, v: usize) -> bool {
        let stamp = self.stamp;
        std::mem::replace(&mut self.entries[v].done, stamp) != stamp
    }

    /// Whether `v` is settled.
    pub(crate) fn settled(&self, v: usize) -> bool {
        self.entries[v].done == self.stamp
    }

    // ----- both -----

    /// The relation that joined `v` to the search's tree: its slot, and whether it was
    /// taken forward. `None` for a root or an entity not reached.
    pub(crate) fn parent(&self, v: usize) -> Option<(u32, bool)> {
        let p = self.parent[v];
        let reached = self.reached(v) || self.entries[v].seen == self.stamp;
        (reached && p.0 != ROOT).then_some(p)
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
