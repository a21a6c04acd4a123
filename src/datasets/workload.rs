//! The benchmark workload's generator: a byte-exact port of the shared benchmark's `gen.py`
//! (generator version 1), so the benchmark, its examples and tests run from a clone alone.
//!
//! The workload is a signed, heavy-tailed directed multigraph of states, governments,
//! persons, organizations and events with ten relation types, in Neo4j bulk-import CSV
//! (`nodes.csv`, `relationships.csv`), plus `queries.csv` for the six benchmark operations.
//! [`WorkloadSpec::SMALL`] (10,000 entities, 100,000 relations) and [`WorkloadSpec::LARGE`]
//! (200,000 and 2,000,000) are its presets; their files' sha256 sums are published with the
//! benchmark and checked by the tests and by `cargo run --example workload`.
//!
//! ```
//! use alliance_graph::datasets::workload::{generate, WorkloadSpec};
//! let files = generate(WorkloadSpec { nodes: 50, edges: 200, seed: 7 })?;
//! assert_eq!(files.relationships.lines().count(), 201); // a header and 200 rows
//! assert!(files.nodes.starts_with("id:ID,name,:LABEL\n"));
//! # Ok::<(), alliance_graph::Error>(())
//! ```
//!
//! [`generate`] reproduces, for the same `(nodes, edges, seed)`, exactly the
//! bytes that `gen.py` writes to `nodes.csv`, `relationships.csv` and
//! `queries.csv`. It makes the same SplitMix64 calls in the same order and
//! does the same integer arithmetic (wide where Python's integers would grow
//! beyond 64 bits). Where `gen.py` would abort (`SystemExit`) or loop forever,
//! [`generate`] returns an error message instead.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// The version of gen.py this reproduces ("1").
pub const GENERATOR_VERSION: &str = "1";

/// Parameters of one generated workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkloadSpec {
    /// Number of nodes (rows of `nodes.csv`); at least 3.
    pub nodes: usize,
    /// Number of relationships (rows of `relationships.csv`).
    pub edges: usize,
    /// Seed of the SplitMix64 generator.
    pub seed: u64,
}

impl WorkloadSpec {
    /// The `small` preset: 10,000 nodes, 100,000 edges, seed 20240601.
    pub const SMALL: WorkloadSpec = WorkloadSpec {
        nodes: 10_000,
        edges: 100_000,
        seed: 20_240_601,
    };

    /// The `large` preset: 200,000 nodes, 2,000,000 edges, seed 20240601.
    pub const LARGE: WorkloadSpec = WorkloadSpec {
        nodes: 200_000,
        edges: 2_000_000,
        seed: 20_240_601,
    };

    /// Looks up a preset by name (`"small"` or `"large"`).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets::workload::WorkloadSpec;
    /// assert_eq!(WorkloadSpec::preset("small"), Some(WorkloadSpec::SMALL));
    /// assert_eq!(WorkloadSpec::preset("huge"), None);
    /// ```
    pub fn preset(name: &str) -> Option<WorkloadSpec> {
        match name {
            "small" => Some(Self::SMALL),
            "large" => Some(Self::LARGE),
            _ => None,
        }
    }
}

/// The generated files' contents, exactly the bytes gen.py writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadFiles {
    /// Contents of `nodes.csv`.
    pub nodes: String,
    /// Contents of `relationships.csv`.
    pub relationships: String,
    /// Contents of `queries.csv`.
    pub queries: String,
}

impl WorkloadFiles {
    /// Writes nodes.csv, relationships.csv and queries.csv into dir (creating it).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets::workload::{generate, WorkloadSpec};
    /// use alliance_graph::io::neo4j;
    /// let dir = std::env::temp_dir().join(format!("workload-doc-{}", std::process::id()));
    /// generate(WorkloadSpec { nodes: 20, edges: 60, seed: 1 })?.write_to(&dir)?;
    /// let g = neo4j::read_dir(&dir, &neo4j::ImportOptions::new())?;
    /// assert_eq!((g.entity_count(), g.relation_count()), (20, 60));
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("nodes.csv"), &self.nodes)?;
        std::fs::write(dir.join("relationships.csv"), &self.relationships)?;
        std::fs::write(dir.join("queries.csv"), &self.queries)?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Constants of gen.py
// ---------------------------------------------------------------------------

const LABELS: [&str; 5] = ["State", "Government", "Person", "Organization", "Event"];
const STATE: u8 = 0;
const GOVERNMENT: u8 = 1;
const PERSON: u8 = 2;
const ORGANIZATION: u8 = 3;
const LABEL_WEIGHTS: [u64; 5] = [6, 10, 42, 32, 10];
const EARLY_LABEL_WEIGHTS: [u64; 5] = [40, 25, 10, 25, 0];

const N_TYPES: usize = 10;
const TYPE_NAMES: [&str; N_TYPES] = [
    "ALLIANCE",
    "PARTNERSHIP",
    "SUPPORTS",
    "COORDINATES_WITH",
    "TENSION",
    "OPPOSES",
    "PROVOKES",
    "FEARS",
    "MEMBER_OF",
    "LEADS",
];
const TYPE_SIGN: [i8; N_TYPES] = [1, 1, 1, 1, -1, -1, -1, -1, 1, 1];
const TYPE_WEIGHT: [u64; N_TYPES] = [8, 12, 16, 12, 10, 9, 4, 5, 14, 8];

const R_REPEAT: u64 = 13;
const R_TRIAD: u64 = 128;
const R_PA: u64 = 236;
const A_INIT: usize = 4;
const P_BAL: u64 = 192;

const N_NEIGHBOR_QUERIES: usize = 10_000;
const N_BFS_QUERIES: usize = 1_000;
const N_DIJKSTRA_QUERIES: usize = 100;
const N_PATH_QUERIES: usize = 50;
const MAX_PATH_TRIES: u32 = 1_000_000;

fn is_collective(l: u8) -> bool {
    matches!(l, STATE | GOVERNMENT | ORGANIZATION)
}

fn is_actor(l: u8) -> bool {
    matches!(l, STATE | GOVERNMENT | ORGANIZATION | PERSON)
}

/// Schema of gen.py's `allowed`: may type `t` connect label `s` -> label `d`?
fn allowed(s: u8, d: u8, t: usize) -> bool {
    match TYPE_NAMES[t] {
        "ALLIANCE" | "PARTNERSHIP" => is_collective(s) && is_collective(d),
        "COORDINATES_WITH" | "TENSION" => is_actor(s) && is_actor(d),
        "SUPPORTS" | "OPPOSES" | "FEARS" => is_actor(s),
        "PROVOKES" => true,
        "MEMBER_OF" => (is_actor(s) && d == ORGANIZATION) || (s == PERSON && d == GOVERNMENT),
        "LEADS" => s == PERSON && is_collective(d),
        _ => false,
    }
}

/// One entry of gen.py's `TYPE_TABLE`: candidate types, cumulative weights.
#[derive(Clone, Copy)]
struct TypeChoice {
    types: [u8; N_TYPES],
    cum: [u64; N_TYPES],
    len: usize,
    total: u64,
}

/// `table[src_label][dst_label][want]` with want 0 = any, 1 = +1, 2 = -1.
type TypeTable = [[[TypeChoice; 3]; 5]; 5];

fn build_type_table() -> TypeTable {
    let empty = TypeChoice {
        types: [0; N_TYPES],
        cum: [0; N_TYPES],
        len: 0,
        total: 0,
    };
    let mut table = [[[empty; 3]; 5]; 5];
    for s in 0..5u8 {
        for d in 0..5u8 {
            // want order as in gen.py: 0, +1, -1 (the "any" entry comes first
            // so that the fallback can copy it)
            for (wi, want) in [0i8, 1, -1].into_iter().enumerate() {
                let mut c = empty;
                for t in 0..N_TYPES {
                    if allowed(s, d, t) && (want == 0 || want == TYPE_SIGN[t]) {
                        c.total += TYPE_WEIGHT[t];
                        c.types[c.len] = t as u8;
                        c.cum[c.len] = c.total;
                        c.len += 1;
                    }
                }
                if c.len == 0 {
                    c = table[s as usize][d as usize][0];
                }
                table[s as usize][d as usize][wi] = c;
            }
        }
    }
    table
}

fn want_index(want: i8) -> usize {
    match want {
        0 => 0,
        1 => 1,
        _ => 2,
    }
}

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// SplitMix64 exactly as in gen.py.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Integer in `[0, n)` via multiply-shift (`n >= 1`).
    fn below(&mut self, n: usize) -> usize {
        // the result is < n, so it fits in usize
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Same as `below` for a `u64` bound.
    fn below_u64(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

fn pick_weighted(rng: &mut SplitMix64, cum: &[u64], total: u64) -> u8 {
    let r = rng.below_u64(total);
    cum.iter().position(|&c| r < c).unwrap_or(0) as u8
}

fn cumul(ws: &[u64; 5]) -> ([u64; 5], u64) {
    let mut out = [0; 5];
    let mut acc = 0;
    for (o, &w) in out.iter_mut().zip(ws) {
        acc += w;
        *o = acc;
    }
    (out, acc)
}

// ---------------------------------------------------------------------------
// Duplicate-edge set
// ---------------------------------------------------------------------------

/// Hasher for the `(s * N + d) * 16 + t` keys (a SplitMix64-style mixer).
#[derive(Default)]
struct KeyHasher(u64);

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix64(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = mix64(self.0 ^ x);
    }

    fn write_u128(&mut self, x: u128) {
        let lo = x as u64;
        let hi = (x >> 64) as u64;
        self.0 = mix64(self.0 ^ lo ^ mix64(hi));
    }
}

type KeyBuild = BuildHasherDefault<KeyHasher>;

/// gen.py's `seen` set of `(s * N + d) * 16 + t` keys; stored as `u64` when
/// every key fits (`N * N * 16 <= 2^64`), which halves its memory traffic.
enum KeySet {
    Narrow(HashSet<u64, KeyBuild>),
    Wide(HashSet<u128, KeyBuild>),
}

impl KeySet {
    fn with_capacity(max_key: u128, cap: usize) -> Result<KeySet, String> {
        let err = |_| oom("duplicate set");
        if u64::try_from(max_key).is_ok() {
            let mut set = HashSet::default();
            set.try_reserve(cap).map_err(err)?;
            Ok(KeySet::Narrow(set))
        } else {
            let mut set = HashSet::default();
            set.try_reserve(cap).map_err(err)?;
            Ok(KeySet::Wide(set))
        }
    }

    /// Adds `key`; false if it was already present.
    fn insert(&mut self, key: u128) -> bool {
        match self {
            // Narrow is only chosen when every key fits in u64
            KeySet::Narrow(set) => set.insert(key as u64),
            KeySet::Wide(set) => set.insert(key),
        }
    }
}

// ---------------------------------------------------------------------------
// Allocation helpers (errors instead of aborts for absurd sizes)
// ---------------------------------------------------------------------------

fn oom(what: &str) -> String {
    format!("cannot allocate memory for {what}")
}

fn filled_vec<T: Clone>(len: usize, value: T, what: &str) -> Result<Vec<T>, String> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| oom(what))?;
    v.resize(len, value);
    Ok(v)
}

fn empty_vec<T>(cap: usize, what: &str) -> Result<Vec<T>, String> {
    let mut v = Vec::new();
    v.try_reserve_exact(cap).map_err(|_| oom(what))?;
    Ok(v)
}

fn string_with_capacity(cap: usize, what: &str) -> Result<String, String> {
    let mut s = String::new();
    s.try_reserve_exact(cap).map_err(|_| oom(what))?;
    Ok(s)
}

// ---------------------------------------------------------------------------
// Edge generation
// ---------------------------------------------------------------------------

/// One relationship row (arrival indices, not ids).
#[derive(Clone, Copy)]
struct Edge {
    src: usize,
    dst: usize,
    typ: u8,
    weight: u16,
    since: u16,
    until: u16,
}

struct EdgeBuilder<'a> {
    rng: SplitMix64,
    n: u128,
    label: &'a [u8],
    table: TypeTable,
    seen: KeySet,
    edges: Vec<Edge>,
}

impl EdgeBuilder<'_> {
    /// gen.py's `place`: try to add `s -> d`; returns the sign, or 0 if the
    /// drawn `(s, d, type)` triple already exists.
    fn place(&mut self, s: usize, d: usize, want: i8) -> i8 {
        let c = &self.table[self.label[s] as usize][self.label[d] as usize][want_index(want)];
        let r = self.rng.below_u64(c.total);
        let mut i = 0;
        while i + 1 < c.len && r >= c.cum[i] {
            i += 1;
        }
        let t = c.types[i];
        // (s * N + d) * 16 + t; cannot overflow u128 (checked in `generate`)
        let key = ((s as u128) * self.n + d as u128) * 16 + u128::from(t);
        if !self.seen.insert(key) {
            return 0;
        }
        let weight = 1 + self.rng.below_u64(1000) as u16;
        let since = 1950 + self.rng.below_u64(81) as u16;
        let until = since + self.rng.below_u64(u64::from(40.min(2030 - since)) + 1) as u16;
        self.edges.push(Edge {
            src: s,
            dst: d,
            typ: t,
            weight,
            since,
            until,
        });
        TYPE_SIGN[t as usize]
    }
}

/// Number of distinct `(src, dst, type)` triples the schema allows, given the
/// node labels (if `edges` exceeds it, gen.py's leftover loop never ends).
fn capacity(label: &[u8], table: &TypeTable) -> u128 {
    let mut count = [0u128; 5];
    for &l in label {
        count[l as usize] += 1;
    }
    let mut cap = 0u128;
    for s in 0..5 {
        for d in 0..5 {
            let pairs = if s == d {
                count[s] * count[s].saturating_sub(1)
            } else {
                count[s] * count[d]
            };
            cap = cap.saturating_add(pairs.saturating_mul(table[s][d][0].len as u128));
        }
    }
    cap
}

// ---------------------------------------------------------------------------
// Output helpers
// ---------------------------------------------------------------------------

fn push_uint(out: &mut String, mut x: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Node id strings (`Q<perm[a]>`) stored back to back.
struct Ids {
    text: String,
    start: Vec<usize>,
}

impl Ids {
    fn get(&self, a: usize) -> &str {
        &self.text[self.start[a]..self.start[a + 1]]
    }
}

fn decimal_len(mut x: usize) -> usize {
    let mut len = 1;
    while x >= 10 {
        x /= 10;
        len += 1;
    }
    len
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// Generates the workload, or says why the parameters cannot be generated.
///
/// Errors mirror gen.py's aborts (fewer than 3 nodes, more edges than
/// `nodes * (nodes - 1) * 10 / 4`, graph too sparse for the path queries),
/// plus the cases where gen.py would never finish (more edges than the schema
/// allows for the drawn labels) or sizes that cannot be represented or
/// allocated.
///
/// # Example
/// ```
/// use alliance_graph::datasets::workload::{generate, WorkloadSpec};
/// let a = generate(WorkloadSpec { nodes: 30, edges: 100, seed: 5 })?;
/// assert_eq!(a, generate(WorkloadSpec { nodes: 30, edges: 100, seed: 5 })?); // deterministic
/// assert!(generate(WorkloadSpec { nodes: 2, edges: 1, seed: 5 }).is_err());
/// # Ok::<(), alliance_graph::Error>(())
/// ```
pub fn generate(spec: WorkloadSpec) -> crate::Result<WorkloadFiles> {
    generate_text(spec).map_err(|reason| {
        crate::Error::new(crate::ErrorKind::InvalidQuery {
            reason: format!(
                "cannot generate a workload of {} nodes and {} edges: {reason}",
                spec.nodes, spec.edges
            ),
        })
    })
}

fn generate_text(spec: WorkloadSpec) -> Result<WorkloadFiles, String> {
    let n = spec.nodes;
    let m = spec.edges;
    if n < 3 {
        return Err("need at least 3 nodes".to_string());
    }
    let n128 = n as u128;
    let m128 = m as u128;
    // max_edges = N * (N - 1) * len(TYPE_NAMES); if that overflows u128 it is
    // certainly larger than any usize edge count.
    if let Some(max_edges) = n128
        .checked_mul(n128 - 1)
        .and_then(|x| x.checked_mul(N_TYPES as u128))
        && m128 > max_edges / 4
    {
        return Err("too many edges for this node count".to_string());
    }
    // duplicate keys (s * N + d) * 16 + t and adjacency entries 2 * v + 1
    let Some(max_key) = n128.checked_mul(n128).and_then(|x| x.checked_mul(16)) else {
        return Err("too many nodes".to_string());
    };
    if n > usize::MAX / 2 {
        return Err("too many nodes".to_string());
    }

    let mut rng = SplitMix64 { state: spec.seed };

    // --- nodes: label per arrival index, then a random permutation to ids ---
    let early = (n / 50).max(1);
    let (lab_cum, lab_tot) = cumul(&LABEL_WEIGHTS);
    let (early_cum, early_tot) = cumul(&EARLY_LABEL_WEIGHTS);
    let mut label: Vec<u8> = empty_vec(n, "node labels")?;
    for a in 0..n {
        label.push(if a < early {
            pick_weighted(&mut rng, &early_cum, early_tot)
        } else {
            pick_weighted(&mut rng, &lab_cum, lab_tot)
        });
    }
    let mut perm: Vec<usize> = empty_vec(n, "node permutation")?;
    perm.extend(0..n);
    for i in (1..n).rev() {
        let j = rng.below(i + 1);
        perm.swap(i, j);
    }

    let table = build_type_table();
    if m128 > capacity(&label, &table) {
        return Err(format!(
            "cannot place {m} distinct relationships: the schema allows fewer \
             (source, target, type) triples for the drawn node labels"
        ));
    }

    // --- edges: growing network, preferential attachment + triadic closure ---
    let seen = KeySet::with_capacity(max_key, m)?;
    let mut b = EdgeBuilder {
        rng,
        n: n128,
        label: &label,
        table,
        seen,
        edges: empty_vec(m, "relationships")?,
    };
    let token_cap = A_INIT.saturating_mul(n).saturating_add(m);
    let mut tokens: Vec<usize> = empty_vec(token_cap, "attractiveness tokens")?;
    tokens.extend(std::iter::repeat_n(0, A_INIT));
    // undirected neighbour lists: 2 * idx + (sign < 0)
    let mut adj: Vec<Vec<usize>> = filled_vec(n, Vec::new(), "adjacency lists")?;
    let mut carry: u128 = 0;
    let nm1 = n128 - 1;

    for u in 1..n {
        let u128v = u as u128;
        let need = (m128 * u128v) / nm1 - (m128 * (u128v - 1)) / nm1 + carry;
        let mut placed: u128 = 0;
        let mut attempts: u128 = 0;
        let mut last: Option<usize> = None;
        let mut last_sign: i8 = 0;
        let max_attempts = 8 * need + 16;
        while placed < need && attempts < max_attempts {
            attempts += 1;
            let mode = b.rng.next_u64() >> 56;
            let mut want: i8 = 0;
            let v = match last {
                Some(l) if mode < R_TRIAD => {
                    if mode < R_REPEAT {
                        l
                    } else {
                        let nb = &adj[l];
                        let e = nb[b.rng.below(nb.len())];
                        if (b.rng.next_u64() >> 56) < P_BAL {
                            want = if e & 1 == 1 { -last_sign } else { last_sign };
                        }
                        e >> 1
                    }
                }
                _ if mode < R_PA => tokens[b.rng.below(tokens.len())],
                _ => b.rng.below(u),
            };
            if v == u {
                continue;
            }
            let sg = if b.rng.next_u64() >> 63 != 0 {
                b.place(u, v, want)
            } else {
                b.place(v, u, want)
            };
            if sg == 0 {
                continue;
            }
            tokens.push(v);
            let neg = usize::from(sg < 0);
            adj[u].push(2 * v + neg);
            adj[v].push(2 * u + neg);
            last = Some(v);
            last_sign = sg;
            placed += 1;
        }
        carry = need - placed;
        tokens.extend(std::iter::repeat_n(u, A_INIT));
    }
    drop(adj);

    // Leftover quota: uniform random pairs over all nodes (terminates because
    // `m` does not exceed the capacity checked above).
    while b.edges.len() < m {
        let x = b.rng.below(n);
        let y = b.rng.below(n);
        if x == y {
            continue;
        }
        b.place(x, y, 0);
    }
    let EdgeBuilder {
        mut rng,
        seen,
        edges,
        ..
    } = b;
    drop(seen);

    // --- queries ---
    // out-adjacency in CSR form, neighbours in edge order
    let mut out_start: Vec<usize> = filled_vec(n + 1, 0, "out-adjacency")?;
    let mut indeg: Vec<usize> = filled_vec(n, 0, "in-degrees")?;
    for e in &edges {
        out_start[e.src + 1] += 1;
        indeg[e.dst] += 1;
    }
    for i in 0..n {
        out_start[i + 1] += out_start[i];
    }
    let mut out_nb: Vec<usize> = filled_vec(m, 0, "out-adjacency")?;
    {
        let mut fill: Vec<usize> = out_start[..n].to_vec();
        for e in &edges {
            out_nb[fill[e.src]] = e.dst;
            fill[e.src] += 1;
        }
    }

    let mut q_neighbors = Vec::with_capacity(N_NEIGHBOR_QUERIES);
    for i in 0..N_NEIGHBOR_QUERIES {
        if i % 2 == 0 {
            q_neighbors.push(rng.below(n));
        } else {
            q_neighbors.push(tokens[rng.below(tokens.len())]);
        }
    }

    let uniform_pair = |rng: &mut SplitMix64| loop {
        let x = rng.below(n);
        let y = rng.below(n);
        if x != y {
            return (x, y);
        }
    };
    let q_bfs: Vec<(usize, usize)> = (0..N_BFS_QUERIES).map(|_| uniform_pair(&mut rng)).collect();
    let mut q_dij: Vec<(usize, usize)> = (0..N_DIJKSTRA_QUERIES)
        .map(|_| uniform_pair(&mut rng))
        .collect();
    let no_in: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    if !no_in.is_empty()
        && let Some(last_pair) = q_dij.last_mut()
    {
        let t = no_in[rng.below(no_in.len())];
        let mut s = last_pair.0;
        while s == t {
            s = rng.below(n);
        }
        *last_pair = (s, t);
    }
    drop(no_in);
    drop(indeg);

    let mut q_paths: Vec<(usize, usize)> = Vec::with_capacity(N_PATH_QUERIES);
    let mut tries: u32 = 0;
    while q_paths.len() < N_PATH_QUERIES {
        tries += 1;
        if tries > MAX_PATH_TRIES {
            return Err(
                "graph too sparse to draw path queries (need 3-step out-walks)".to_string(),
            );
        }
        let s = if q_paths.len() % 5 == 4 {
            tokens[rng.below(tokens.len())]
        } else {
            rng.below(n)
        };
        let mut cur = s;
        let mut ok = true;
        for _ in 0..3 {
            let nb = &out_nb[out_start[cur]..out_start[cur + 1]];
            if nb.is_empty() {
                ok = false;
                break;
            }
            cur = nb[rng.below(nb.len())];
        }
        if ok && cur != s {
            q_paths.push((s, cur));
        }
    }
    drop(out_nb);
    drop(out_start);
    drop(tokens);

    // --- write ---
    // arrival index -> id string "Q<perm>"
    let id_bytes = n.saturating_mul(1 + decimal_len(n.saturating_sub(1)));
    let mut ids = Ids {
        text: string_with_capacity(id_bytes, "node ids")?,
        start: empty_vec(n + 1, "node ids")?,
    };
    ids.start.push(0);
    for &p in &perm {
        ids.text.push('Q');
        push_uint(&mut ids.text, p as u64);
        ids.start.push(ids.text.len());
    }
    // rows in id order: order[p] = arrival index a with perm[a] == p
    let mut order: Vec<usize> = filled_vec(n, 0, "node order")?;
    for (a, &p) in perm.iter().enumerate() {
        order[p] = a;
    }
    drop(perm);

    let mut nodes_txt =
        string_with_capacity(n.saturating_mul(30 + 2 * decimal_len(n)), "nodes.csv")?;
    nodes_txt.push_str("id:ID,name,:LABEL\n");
    for (p, &a) in order.iter().enumerate() {
        let lname = LABELS[label[a] as usize];
        nodes_txt.push_str(ids.get(a));
        nodes_txt.push(',');
        nodes_txt.push_str(lname);
        nodes_txt.push('_');
        push_uint(&mut nodes_txt, p as u64);
        nodes_txt.push(',');
        nodes_txt.push_str(lname);
        nodes_txt.push('\n');
    }
    drop(order);
    drop(label);

    let wstr: Vec<String> = (0..=1000u32)
        .map(|w| format!("{}.{:03}", w / 1000, w % 1000))
        .collect();
    let tsign: Vec<String> = (0..N_TYPES)
        .map(|t| format!("{},{}", TYPE_NAMES[t], TYPE_SIGN[t]))
        .collect();
    let years: Vec<String> = (0..=2030u16).map(|y| y.to_string()).collect();
    let mut rels_txt = string_with_capacity(
        m.saturating_mul(2 * (1 + decimal_len(n)) + 40),
        "relationships.csv",
    )?;
    rels_txt.push_str(":START_ID,:END_ID,:TYPE,sign:int,weight:float,since:int,until:int\n");
    for e in &edges {
        rels_txt.push_str(ids.get(e.src));
        rels_txt.push(',');
        rels_txt.push_str(ids.get(e.dst));
        rels_txt.push(',');
        rels_txt.push_str(&tsign[e.typ as usize]);
        rels_txt.push(',');
        rels_txt.push_str(&wstr[e.weight as usize]);
        rels_txt.push(',');
        rels_txt.push_str(&years[e.since as usize]);
        rels_txt.push(',');
        rels_txt.push_str(&years[e.until as usize]);
        rels_txt.push('\n');
    }
    drop(edges);

    let n_queries = N_NEIGHBOR_QUERIES + N_BFS_QUERIES + N_DIJKSTRA_QUERIES + N_PATH_QUERIES;
    let mut queries_txt = string_with_capacity(
        n_queries.saturating_mul(2 * (1 + decimal_len(n)) + 12),
        "queries.csv",
    )?;
    queries_txt.push_str("kind,src,dst\n");
    for &a in &q_neighbors {
        queries_txt.push_str("neighbors,");
        queries_txt.push_str(ids.get(a));
        queries_txt.push_str(",\n");
    }
    for (kind, pairs) in [
        ("bfs,", &q_bfs),
        ("dijkstra,", &q_dij),
        ("paths,", &q_paths),
    ] {
        for &(x, y) in pairs {
            queries_txt.push_str(kind);
            queries_txt.push_str(ids.get(x));
            queries_txt.push(',');
            queries_txt.push_str(ids.get(y));
            queries_txt.push('\n');
        }
    }

    Ok(WorkloadFiles {
        nodes: nodes_txt,
        relationships: rels_txt,
        queries: queries_txt,
    })
}
