//! Search state in dense arrays, reused across searches.
//!
//! A search takes a [`Scratch`] from its graph's pool, and a *generation stamp* marks which
//! entries belong to it: starting a search bumps the stamp instead of clearing the arrays, so
//! a search that meets after a few hundred entities costs a few hundred entries, not the
//! whole graph, and no search allocates once the pool is warm.

/// No relation: the parent of a search's root.
const ROOT: u32 = u32::MAX;

/// One side of a search: what it reached (stamp and hops, 8 bytes an entity, the array a
/// breadth-first search reads for every relation), the distance, the relation that reached
/// each entity, and what it settled, each in its own array so a search touches only what it
/// uses.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: u32,
    /// Per entity: the stamp of the search that reached it, and its hops.
    seen: Vec<(u32, u32)>,
    /// Per entity: the stamp of the search that settled it.
    done: Vec<u32>,
    dist: Vec<f64>,
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
            self.done.resize(n, 0);
            self.dist.resize(n, 0.0);
            self.parent.resize(n, (ROOT, true));
            self.tag.resize(n, 0);
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill((0, 0));
            self.done.fill(0);
            self.stamp = 1;
        }
    }

    /// Whether the search reached `v`.
    pub(crate) fn reached(&self, v: usize) -> bool {
        self.seen[v].0 == self.stamp
    }

    /// Records that the search reached `v` at this distance and hop count, through the
    /// relation in `parent` (its slot, and whether it was taken forward), or as a root.
    pub(crate) fn reach(&mut self, v: usize, dist: f64, hops: u32, parent: Option<(u32, bool)>) {
        self.seen[v] = (self.stamp, hops);
        self.dist[v] = dist;
        self.parent[v] = parent.unwrap_or((ROOT, true));
    }

    /// [`Scratch::reach`] for a search that counts hops only: the distance is not written.
    pub(crate) fn reach_hops(&mut self, v: usize, hops: u32, parent: (u32, bool)) {
        self.seen[v] = (self.stamp, hops);
        self.parent[v] = parent;
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
        let (stamp, hops) = self.seen[v];
        (stamp == self.stamp).then_some(hops)
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
        std::mem::replace(&mut self.done[v], stamp) != stamp
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
