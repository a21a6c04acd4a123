//! Signed-network analysis: a signed, undirected projection of the graph and the measures of
//! structural balance on it (triangles, walks, a certificate, frustration, signed degree and
//! PN centrality), over time and under what-if scenarios.

mod centrality;
mod certificate;
mod clusters;
mod frustration;
mod scenario;
mod slices;
mod triangles;
mod walk;

use petgraph::Undirected;
use petgraph::csr::Csr;

pub use centrality::SignedDegree;
pub use certificate::Certificate;
pub use clusters::{Clustering, Violation};
pub use frustration::{Frustration, FrustrationOptions};
pub use scenario::{Comparison, DegreeChange, Scenario, TriangleChange};
pub use slices::{Changes, SignChange};
pub use triangles::{Census, Triangle};
pub use walk::MAX_DENSE_ENTITIES;

use crate::error::{Error, ErrorKind, Result};
use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::id::{EntityId, RelationId};
use crate::schema::{EntityKind, EntityKinds, Polarity};
use crate::store::{IdMap, Store};
use crate::time::Date;

/// How a pair joined by several relations gets one sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PairRule {
    /// Negative if any relation between the two is negative, otherwise positive (the
    /// benchmark workload's rule).
    #[default]
    AnyNegative,
    /// The sign of the sum of polarity × intensity (unset intensity counts as 1); a pair
    /// whose sum is zero is ambivalent.
    NetSum,
    /// Pairs with both positive and negative relations are ambivalent; the others keep their
    /// one sign.
    KeepAmbivalent,
}

/// One pair of the signed view: its sign, its net weight (the sum of polarity × intensity of
/// its relations) and the relations behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedEdge {
    /// The endpoint earlier in the view's entity order.
    pub a: EntityId,
    /// The other endpoint.
    pub b: EntityId,
    /// Positive or negative.
    pub sign: Polarity,
    /// The sum of polarity × intensity of the relations behind the pair.
    pub weight: f64,
    /// The relations behind the pair, in graph order (empty for a view built from bare edges).
    pub relations: Vec<RelationId>,
    /// How many of them are positive and how many negative.
    pub counts: (usize, usize),
}

/// A pair left out of the signed view because its relations disagree, reported so that no
/// relation vanishes silently.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambivalent {
    /// The endpoint earlier in the view's entity order.
    pub a: EntityId,
    /// The other endpoint.
    pub b: EntityId,
    /// The sum of polarity × intensity.
    pub weight: f64,
    /// The relations behind the pair.
    pub relations: Vec<RelationId>,
    /// How many of them are positive and how many negative.
    pub counts: (usize, usize),
}

/// What goes into a signed view: which entities, which relations, and the pair rule.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, PairRule, RelationFilter, ViewOptions};
/// let g = datasets::us_korea_2011();
/// let view = ViewOptions::new()
///     .filter(RelationFilter::new().at("2010".parse()?))
///     .rule(PairRule::AnyNegative)
///     .view(&g);
/// assert_eq!(view.entities().len(), 7); // the states
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ViewOptions {
    kinds: EntityKinds,
    filter: RelationFilter,
    rule: PairRule,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions::new()
    }
}

impl ViewOptions {
    /// States only, every relation, [`PairRule::AnyNegative`].
    pub fn new() -> ViewOptions {
        ViewOptions {
            kinds: EntityKinds::of(&[EntityKind::State]),
            filter: RelationFilter::new(),
            rule: PairRule::AnyNegative,
        }
    }

    /// The entity kinds the view keeps.
    pub fn kinds(mut self, kinds: EntityKinds) -> Self {
        self.kinds = kinds;
        self
    }

    /// The relations the view is built from (kinds, a date, statuses, …); direction is
    /// ignored, neutral relations never count.
    pub fn filter(mut self, filter: RelationFilter) -> Self {
        self.filter = filter;
        self
    }

    /// The rule for pairs with several relations.
    pub fn rule(mut self, rule: PairRule) -> Self {
        self.rule = rule;
        self
    }

    /// Only relations that hold at `date` (under the filter's reading), like its siblings a
    /// builder: clone the options to view them at several dates.
    pub fn at(mut self, date: Date) -> Self {
        self.filter = self.filter.at(date);
        self
    }

    /// Builds the view of `graph`.
    ///
    /// # Complexity
    /// O(n + m log m).
    pub fn view(&self, graph: &Graph) -> SignedView {
        let (handles, items) = self.project(graph);
        let store = graph.store();
        let nodes: Vec<EntityId> = handles
            .iter()
            .filter_map(|&h| Some(store.entity_at(h)?.id.clone()))
            .collect();
        let mut builder = Builder::new(nodes);
        builder.items = items;
        builder.finish(self.rule, Some(store))
    }

    /// The signed triangle census of the view of `graph`, counted without building the view
    /// (no signed edge objects, no relation ids): the counts of `self.view(graph).census()`
    /// in a fraction of the time and memory on large graphs.
    ///
    /// # Complexity
    /// O(m log m) for the projection, then O(m·√m).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let options = ViewOptions::new();
    /// assert_eq!(options.census(&g), options.view(&g).census());
    /// ```
    pub fn census(&self, graph: &Graph) -> Census {
        let (handles, mut items) = self.project(graph);
        let mut ends = Vec::new();
        let mut negative = Vec::new();
        for group in groups(&mut items) {
            let (positive, negatives, weight) = tally(group);
            if let Some(sign) = sign_by(self.rule, positive, negatives, weight) {
                let (a, b) = group[0].pair;
                ends.push((a as usize, b as usize));
                negative.push(sign == Polarity::Negative);
            }
        }
        triangles::census_of(handles.len(), &ends, |e| negative[e])
    }

    /// The view's entities (handles, in entity order) and its relations as items between
    /// their positions: the projection shared by [`ViewOptions::view`] and
    /// [`ViewOptions::census`].
    fn project(&self, graph: &Graph) -> (Vec<u32>, Vec<Item>) {
        let store = graph.store();
        // View positions by entity handle (`u32::MAX`: not in the view).
        let mut position = vec![u32::MAX; graph.node_bound()];
        let mut handles = Vec::new();
        for (h, e) in store.entities() {
            if self.kinds.contains(e.kind) {
                position[h as usize] = handles.len() as u32;
                handles.push(h);
            }
        }
        let filter = self.filter.compile(graph);
        let at = |h: u32| position.get(h as usize).copied().filter(|&p| p != u32::MAX);
        let mut items = Vec::new();
        for (slot, fact) in store.facts() {
            let (Some(a), Some(b)) = (at(fact.source), at(fact.target)) else {
                continue;
            };
            let record = || store.relation_at(slot).expect("live relation");
            if a != b
                && fact.edge.polarity != Polarity::Neutral
                && filter.test(slot, fact.source, fact.target, &fact.edge, record)
            {
                items.push(Item::new(
                    a,
                    b,
                    fact.edge.polarity,
                    fact.edge.intensity,
                    slot,
                    Some(slot),
                ));
            }
        }
        (handles, items)
    }

    /// A measure of the view at each date, in the order given.
    ///
    /// # Complexity
    /// One view and one measure per date.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Polarity, Reading, RelationFilter, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let dates = ["2005".parse()?, "2010".parse()?];
    /// // What the article allows at each date: no tie between Seoul and Pyongyang under Roh,
    /// // a hostile one under Lee.
    /// let allowed = RelationFilter::new().facts_only().reading(Reading::Possible);
    /// let series = ViewOptions::new()
    ///     .filter(allowed)
    ///     .series(&g, &dates, |v| v.edge("KOR", "PRK").map(|e| e.sign));
    /// assert_eq!(series[0].1, None);
    /// assert_eq!(series[1].1, Some(Polarity::Negative));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn series<T>(
        &self,
        graph: &Graph,
        dates: &[Date],
        measure: impl Fn(&SignedView) -> T,
    ) -> Vec<(Date, T)> {
        dates
            .iter()
            .map(|&d| (d, measure(&self.clone().at(d).view(graph))))
            .collect()
    }
}

/// Accumulates relations (as flat records, sorted by pair at the end), then applies the pair
/// rule.
struct Builder {
    nodes: Vec<EntityId>,
    index: IdMap<EntityId, usize>,
    items: Vec<Item>,
}

/// One relation between two view positions.
struct Item {
    pair: (u32, u32),
    order: u32,
    positive: bool,
    weight: f64,
    /// The relation's slot in the store, when built from a graph.
    slot: Option<u32>,
}

impl Builder {
    fn new(nodes: Vec<EntityId>) -> Builder {
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Builder {
            nodes,
            index,
            items: Vec::new(),
        }
    }

    /// Adds a relation between positions `a` and `b`; neutral relations never count.
    fn add(&mut self, a: u32, b: u32, polarity: Polarity, intensity: f64) {
        if polarity != Polarity::Neutral {
            let order = self.items.len() as u32;
            self.items
                .push(Item::new(a, b, polarity, intensity, order, None));
        }
    }

    /// Groups the relations by pair (pairs in position order, relations in their order) and
    /// signs each pair by `rule`; relation ids come from `store` by slot.
    ///
    /// Complexity: O(m log m) for the sort.
    fn finish(mut self, rule: PairRule, store: Option<&Store>) -> SignedView {
        let mut edges = Vec::new();
        let mut ambivalent = Vec::new();
        for group in groups(&mut self.items) {
            let (a, b) = (group[0].pair.0 as usize, group[0].pair.1 as usize);
            let (positive, negative, weight) = tally(group);
            let relations: Vec<RelationId> = group
                .iter()
                .filter_map(|i| Some(RelationId::from(store?.relation_at(i.slot?)?.id())))
                .collect();
            let (ea, eb) = (self.nodes[a].clone(), self.nodes[b].clone());
            match sign_by(rule, positive, negative, weight) {
                Some(sign) => edges.push((
                    a,
                    b,
                    SignedEdge {
                        a: ea,
                        b: eb,
                        sign,
                        weight,
                        relations,
                        counts: (positive, negative),
                    },
                )),
                None => ambivalent.push(Ambivalent {
                    a: ea,
                    b: eb,
                    weight,
                    relations,
                    counts: (positive, negative),
                }),
            }
        }
        SignedView::assemble(self.nodes, self.index, edges, ambivalent)
    }
}

impl Item {
    fn new(
        a: u32,
        b: u32,
        polarity: Polarity,
        intensity: f64,
        order: u32,
        slot: Option<u32>,
    ) -> Item {
        Item {
            pair: (a.min(b), a.max(b)),
            order,
            positive: polarity == Polarity::Positive,
            weight: f64::from(polarity.sign()) * intensity,
            slot,
        }
    }
}

/// Sorts the items by pair, then order, and yields each pair's items.
fn groups(items: &mut [Item]) -> impl Iterator<Item = &[Item]> {
    items.sort_unstable_by_key(|i| (i.pair, i.order));
    items.chunk_by(|x, y| x.pair == y.pair)
}

/// A pair's positive and negative relation counts and net weight.
fn tally(group: &[Item]) -> (usize, usize, f64) {
    let positive = group.iter().filter(|i| i.positive).count();
    // Added up from +0.0 in relation order, as a running total would be (a sum of
    // `Iterator::sum` starts from −0.0).
    let weight = group.iter().fold(0.0, |acc, i| acc + i.weight);
    (positive, group.len() - positive, weight)
}

/// The sign `rule` gives a pair with these counts and net weight (`None`: ambivalent).
fn sign_by(rule: PairRule, positive: usize, negative: usize, weight: f64) -> Option<Polarity> {
    match rule {
        PairRule::AnyNegative => Some(if negative > 0 {
            Polarity::Negative
        } else {
            Polarity::Positive
        }),
        PairRule::NetSum if weight > 0.0 => Some(Polarity::Positive),
        PairRule::NetSum if weight < 0.0 => Some(Polarity::Negative),
        PairRule::NetSum => None,
        PairRule::KeepAmbivalent => match (positive, negative) {
            (_, 0) => Some(Polarity::Positive),
            (0, _) => Some(Polarity::Negative),
            _ => None,
        },
    }
}

/// A signed, simple, undirected network: entities, and one signed edge per joined pair.
///
/// Made from a [`Graph`] with [`ViewOptions::view`] (each edge then names the relations behind
/// it) or from bare edges with [`SignedView::from_edges`]. Entities keep the graph's order;
/// edges are sorted by their endpoints' positions.
#[derive(Debug, Clone)]
pub struct SignedView {
    nodes: Vec<EntityId>,
    index: IdMap<EntityId, usize>,
    edges: Vec<SignedEdge>,
    ends: Vec<(usize, usize)>,
    /// Per position: (neighbour, edge index), sorted by neighbour, both ways; petgraph's
    /// compressed sparse rows (the view never changes once built). Holds positions up to the
    /// last one with an edge.
    adjacency: Csr<(), u32, Undirected, u32>,
    ambivalent: Vec<Ambivalent>,
}

impl PartialEq for SignedView {
    /// Views are equal when their entities, edges and ambivalent pairs are (the rest is
    /// derived from them).
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes
            && self.edges == other.edges
            && self.ambivalent == other.ambivalent
    }
}

impl SignedView {
    fn assemble(
        nodes: Vec<EntityId>,
        index: IdMap<EntityId, usize>,
        edges: Vec<(usize, usize, SignedEdge)>,
        ambivalent: Vec<Ambivalent>,
    ) -> SignedView {
        let mut rows: Vec<(u32, u32, u32)> = Vec::with_capacity(2 * edges.len());
        let mut ends = Vec::with_capacity(edges.len());
        let mut out = Vec::with_capacity(edges.len());
        for (i, (a, b, e)) in edges.into_iter().enumerate() {
            let (x, y) = (a as u32, b as u32);
            rows.push((x, y, i as u32));
            rows.push((y, x, i as u32));
            ends.push((a, b));
            out.push(e);
        }
        rows.sort_unstable_by_key(|&(x, y, _)| (x, y));
        // Sorted above, and each pair appears once per direction.
        let adjacency = Csr::from_sorted_edges(&rows).expect("rows are sorted");
        SignedView {
            nodes,
            index,
            edges: out,
            ends,
            adjacency,
            ambivalent,
        }
    }

    /// The neighbours of position `x` and the edges joining them, by neighbour position.
    pub(crate) fn adjacent(&self, x: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (targets, edges): (&[u32], &[u32]) = if x < self.adjacency.node_count() {
            let n = x as u32;
            (
                self.adjacency.neighbors_slice(n),
                self.adjacency.edges_slice(n),
            )
        } else {
            (&[], &[])
        };
        targets
            .iter()
            .zip(edges)
            .map(|(&t, &e)| (t as usize, e as usize))
    }

    /// The number of neighbours of position `x`.
    pub(crate) fn degree(&self, x: usize) -> usize {
        if x < self.adjacency.node_count() {
            self.adjacency.neighbors_slice(x as u32).len()
        } else {
            0
        }
    }

    /// A view from bare signed edges between named entities. Repeated pairs are merged by
    /// `rule`, each edge counting with intensity 1.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] for an edge naming an entity not in `entities`,
    /// [`ErrorKind::DuplicateId`] for a repeated entity, and [`ErrorKind::InvalidQuery`] for a
    /// self-loop or a neutral edge.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{PairRule, Polarity::*, SignedView};
    /// let v = SignedView::from_edges(
    ///     &["a", "b", "c"],
    ///     &[("a", "b", Positive), ("b", "c", Negative), ("a", "c", Negative)],
    ///     PairRule::AnyNegative,
    /// )?;
    /// assert_eq!(v.census().balance(), 1.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_edges(
        entities: &[&str],
        edges: &[(&str, &str, Polarity)],
        rule: PairRule,
    ) -> Result<SignedView> {
        let nodes: Vec<EntityId> = entities.iter().map(|&e| EntityId::from(e)).collect();
        let mut builder = Builder::new(nodes);
        if builder.index.len() != entities.len() {
            let dup = entities
                .iter()
                .enumerate()
                .find(|(i, e)| entities[..*i].contains(e))
                .map_or(String::new(), |(_, e)| (*e).to_owned());
            return Err(Error::new(ErrorKind::DuplicateId { id: dup }));
        }
        for &(a, b, sign) in edges {
            let node = |id: &str| {
                builder
                    .index
                    .get(id)
                    .copied()
                    .ok_or_else(|| Error::new(ErrorKind::UnknownEntity { id: id.to_owned() }))
            };
            let (x, y) = (node(a)?, node(b)?);
            if x == y || sign == Polarity::Neutral {
                return Err(Error::new(ErrorKind::InvalidQuery {
                    reason: format!(
                        "a signed edge needs two different entities and a sign, got {} {} {}",
                        crate::error::shown(a),
                        sign,
                        crate::error::shown(b)
                    ),
                }));
            }
            builder.add(x as u32, y as u32, sign, 1.0);
        }
        Ok(builder.finish(rule, None))
    }

    /// The entities, in the graph's order.
    pub fn entities(&self) -> &[EntityId] {
        &self.nodes
    }

    /// The signed edges, sorted by their endpoints' positions.
    pub fn edges(&self) -> &[SignedEdge] {
        &self.edges
    }

    /// The pairs left out because their relations disagree (see [`PairRule`]).
    pub fn ambivalent(&self) -> &[Ambivalent] {
        &self.ambivalent
    }

    /// The signed edge between two entities, if any.
    pub fn edge(&self, a: &str, b: &str) -> Option<&SignedEdge> {
        let (x, y) = (*self.index.get(a)?, *self.index.get(b)?);
        self.edge_between(x, y).map(|i| &self.edges[i])
    }

    fn edge_between(&self, x: usize, y: usize) -> Option<usize> {
        if x >= self.adjacency.node_count() {
            return None;
        }
        let n = x as u32;
        let k = self
            .adjacency
            .neighbors_slice(n)
            .binary_search(&(y as u32))
            .ok()?;
        Some(self.adjacency.edges_slice(n)[k] as usize)
    }

    fn sign_of(&self, edge: usize) -> i8 {
        self.edges[edge].sign.sign()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets;

    #[test]
    fn pair_rules() {
        use Polarity::*;
        let edges = [
            ("a", "b", Positive),
            ("a", "b", Negative),
            ("b", "a", Positive),
        ];
        let any = SignedView::from_edges(&["a", "b"], &edges, PairRule::AnyNegative).unwrap();
        assert_eq!(any.edges()[0].sign, Negative);
        assert_eq!(any.edges()[0].counts, (2, 1));
        let net = SignedView::from_edges(&["a", "b"], &edges, PairRule::NetSum).unwrap();
        assert_eq!(net.edges()[0].sign, Positive);
        assert_eq!(net.edges()[0].weight, 1.0);
        let amb = SignedView::from_edges(&["a", "b"], &edges, PairRule::KeepAmbivalent).unwrap();
        assert!(amb.edges().is_empty());
        assert_eq!(amb.ambivalent()[0].counts, (2, 1));
        let zero = [("a", "b", Positive), ("a", "b", Negative)];
        let net = SignedView::from_edges(&["a", "b"], &zero, PairRule::NetSum).unwrap();
        assert_eq!(net.ambivalent().len(), 1);
        assert!(SignedView::from_edges(&["a"], &[("a", "a", Positive)], PairRule::NetSum).is_err());
        assert!(SignedView::from_edges(&["a"], &[("a", "z", Positive)], PairRule::NetSum).is_err());
        assert!(SignedView::from_edges(&["a", "a"], &[], PairRule::NetSum).is_err());
    }

    #[test]
    fn a_pair_of_zero_intensity_weighs_plus_zero() {
        let mut g = Graph::new();
        for id in ["A", "B"] {
            g.add_entity(crate::Entity::new(id, EntityKind::State, id))
                .unwrap();
        }
        g.add_relation(
            crate::Relation::new("t", crate::RelationKind::TENSION, "A", "B").intensity(0.0),
        )
        .unwrap();
        let v = ViewOptions::new().view(&g);
        let w = v.edges()[0].weight;
        assert!(w == 0.0 && w.is_sign_positive(), "{w:?}");
    }

    #[test]
    fn article_state_view() {
        let g = datasets::us_korea_2011();
        let v = ViewOptions::new().at("2011".parse().unwrap()).view(&g);
        let kor_usa = v.edge("USA", "KOR").unwrap();
        assert_eq!(kor_usa.sign, Polarity::Positive);
        assert_eq!(kor_usa.relations, [RelationId::from("kor-usa-partnership")]);
        assert_eq!(v.edge("CHN", "KOR").unwrap().sign, Polarity::Negative);
        assert!(v.edge("JPN", "KOR").is_none());
        // Neutral relations never count: Camp Carroll's location makes no pair of states.
        assert_eq!(v.edges().len(), 5);
    }
}
