//! Search state in dense arrays, reused across searches.
//!
//! A search takes a [`Scratch`] from its graph's pool, and a *generation stamp* marks which
//! entries belong to it: starting a search bumps the stamp instead of clearing the arrays, so
//! a search that meets after a few hundred entities costs a few hundred entries, not the
//! whole graph, and no search allocates once the pool is warm.

/// No relation: the parent of a search's root.
const ROOT: u32 = u32::MAX;

/// One side of a search: what it reached, at which distance and hop count, through which
/// relation, and what it settled.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: u32,
    seen: Vec<u32>,
    done: Vec<u32>,
    dist: Vec<f64>,
    hops: Vec<u32>,
    parent: Vec<(u32, bool)>,
    /// Tags that outlive a search: each [`Scratch::fresh_tag`] is new, so no clearing.
    tag: Vec<u32>,
    next_tag: u32,
}

impl Scratch {
    /// Starts a search over `n` entity handles.
    pub(crate) fn begin(&mut self, n: usize) {
        if self.seen.len() < n {
            self.seen.resize(n, 0);
            self.done.resize(n, 0);
            self.dist.resize(n, 0.0);
            self.hops.resize(n, 0);
            self.parent.resize(n, (ROOT, true));
            self.tag.resize(n, 0);
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.done.fill(0);
            self.stamp = 1;
        }
    }

    /// Whether the search reached `v`.
    pub(crate) fn reached(&self, v: usize) -> bool {
        self.seen[v] == self.stamp
    }

    /// Records that the search reached `v` at this distance and hop count, through the
    /// relation in `parent` (its slot, and whether it was taken forward), or as a root.
    pub(crate) fn reach(&mut self, v: usize, dist: f64, hops: u32, parent: Option<(u32, bool)>) {
        self.seen[v] = self.stamp;
        self.dist[v] = dist;
        self.hops[v] = hops;
        self.parent[v] = parent.unwrap_or((ROOT, true));
    }

    /// The distance to `v`: infinite when not reached.
    pub(crate) fn dist(&self, v: usize) -> f64 {
        if self.reached(v) {
            self.dist[v]
        } else {
            f64::INFINITY
        }
    }

    /// The hops to `v`, when reached.
    pub(crate) fn hops(&self, v: usize) -> Option<u32> {
        self.reached(v).then(|| self.hops[v])
    }

    /// The relation that joined `v` to the search's tree: its slot, and whether it was
    /// taken forward. `None` for the root or an entity not reached.
    pub(crate) fn parent(&self, v: usize) -> Option<(u32, bool)> {
        let p = self.parent[v];
        (self.reached(v) && p.0 != ROOT).then_some(p)
    }

    /// Marks `v` settled; false when it already was.
    pub(crate) fn settle(&mut self, v: usize) -> bool {
        let fresh = self.done[v] != self.stamp;
        self.done[v] = self.stamp;
        fresh
    }

    /// Whether `v` is settled.
    pub(crate) fn settled(&self, v: usize) -> bool {
        self.done[v] == self.stamp
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
