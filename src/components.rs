//! Connected components and degrees of the graph seen through a filter.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::Result;
use crate::filter::{Direction, RelationFilter};
use crate::graph::Graph;
use crate::model::Entity;

/// Which connectivity [`Graph::components`] follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Connectivity {
    /// Relations joined whatever their direction (networkx's weakly connected components).
    Weak,
    /// Entities that reach each other following relations' directions (a symmetric kind
    /// counts both ways): networkx's strongly connected components.
    Strong,
}

impl Graph {
    /// The components of the graph under `filter` (its direction aside): every entity in
    /// exactly one, each component in entity order, components ordered by their first
    /// entity. An entity no passing relation touches is a component of its own.
    ///
    /// # Errors
    /// As [`RelationFilter::check`].
    ///
    /// # Complexity
    /// O(n + m): a breadth-first search for weak components, Tarjan's algorithm (petgraph's)
    /// for strong ones.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Connectivity, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let weak = g.components(&RelationFilter::new(), Connectivity::Weak)?;
    /// let states = weak.iter().find(|c| c.iter().any(|e| e.id == "KOR")).unwrap();
    /// assert!(states.iter().any(|e| e.id == "CHN"));
    /// let strong = g.components(&RelationFilter::new(), Connectivity::Strong)?;
    /// assert!(strong.len() > weak.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn components(
        &self,
        filter: &RelationFilter,
        connectivity: Connectivity,
    ) -> Result<Vec<Vec<&Entity>>> {
        filter.check(self)?;
        // Components read every relation's way themselves: the filter's direction is set aside.
        let both = filter.clone().direction(Direction::Both);
        let compiled = both.compile(self);
        let nodes: Vec<usize> = self.nodes().collect();
        let bound = self.node_bound();
        let mut label = vec![usize::MAX; bound];
        let mut count = 0;
        match connectivity {
            Connectivity::Weak => {
                for &start in &nodes {
                    if label[start] != usize::MAX {
                        continue;
                    }
                    label[start] = count;
                    let mut queue = vec![start];
                    while let Some(u) = queue.pop() {
                        for s in self.steps(u, Direction::Both) {
                            if label[s.to] == usize::MAX && compiled.allows(&s) {
                                label[s.to] = count;
                                queue.push(s.to);
                            }
                        }
                    }
                    count += 1;
                }
            }
            Connectivity::Strong => {
                let mut index = vec![NodeIndex::end(); bound];
                let mut g: DiGraph<usize, ()> = DiGraph::with_capacity(nodes.len(), 0);
                for &n in &nodes {
                    index[n] = g.add_node(n);
                }
                for &u in &nodes {
                    // Outgoing steps only: a symmetric kind gives a step both ways.
                    for s in self.steps(u, Direction::Outgoing) {
                        if s.to != u && compiled.allows(&s) {
                            g.add_edge(index[u], index[s.to], ());
                        }
                    }
                }
                for component in tarjan_scc(&g) {
                    for i in component {
                        label[g[i]] = count;
                    }
                    count += 1;
                }
            }
        }
        // Components in order of their first entity, entities in entity order.
        let mut order = vec![usize::MAX; count];
        let mut out: Vec<Vec<&Entity>> = Vec::new();
        for &n in &nodes {
            let c = label[n];
            if order[c] == usize::MAX {
                order[c] = out.len();
                out.push(Vec::new());
            }
            out[order[c]].push(self.entity_at(n));
        }
        Ok(out)
    }
}

/// An entity's degree under a filter: see [`Graph::degrees`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Degree<'g> {
    /// The entity.
    pub entity: &'g Entity,
    /// Relations that can be followed into it (symmetric kinds count both ways).
    pub incoming: usize,
    /// Relations that can be followed out of it (symmetric kinds count both ways).
    pub outgoing: usize,
}

impl Degree<'_> {
    /// Incoming and outgoing together (a self-loop counts twice, as networkx counts it).
    pub fn total(&self) -> usize {
        self.incoming + self.outgoing
    }
}

impl Graph {
    /// Every entity's degree under `filter` (its direction aside), in entity order: the
    /// relations that pass it and can be followed out of or into the entity, a relation of a
    /// symmetric kind both ways, parallel relations each.
    ///
    /// # Errors
    /// As [`RelationFilter::check`].
    ///
    /// # Complexity
    /// O(n + m).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter, RelationKind};
    /// let g = datasets::us_korea_2011();
    /// let tensions = RelationFilter::new().kinds([RelationKind::TENSION]);
    /// let degrees = g.degrees(&tensions)?;
    /// let kor = degrees.iter().find(|d| d.entity.id == "KOR").unwrap();
    /// assert_eq!((kor.outgoing, kor.incoming), (3, 3)); // with Pyongyang, Beijing, Washington
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn degrees(&self, filter: &RelationFilter) -> Result<Vec<Degree<'_>>> {
        filter.check(self)?;
        let both = filter.clone().direction(Direction::Both);
        let compiled = both.compile(self);
        let count = |node: usize, direction: Direction| {
            self.steps(node, direction)
                .filter(|s| compiled.allows(s))
                .count()
        };
        Ok(self
            .nodes()
            .map(|n| Degree {
                entity: self.entity_at(n),
                incoming: count(n, Direction::Incoming),
                outgoing: count(n, Direction::Outgoing),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RelationKind, datasets};

    #[test]
    fn components_partition_the_entities_and_strong_refines_weak() {
        let g = datasets::us_korea_2011();
        for filter in [
            RelationFilter::new(),
            RelationFilter::new().kinds([RelationKind::TENSION]),
            RelationFilter::new().direction(Direction::Outgoing), // set aside
        ] {
            let weak = g.components(&filter, Connectivity::Weak).unwrap();
            let strong = g.components(&filter, Connectivity::Strong).unwrap();
            for parts in [&weak, &strong] {
                let mut ids: Vec<&str> = parts.iter().flatten().map(|e| e.id.as_str()).collect();
                assert_eq!(ids.len(), g.entity_count());
                ids.sort();
                ids.dedup();
                assert_eq!(ids.len(), g.entity_count(), "each entity once");
            }
            // Every strong component lies inside one weak component.
            for s in &strong {
                assert!(
                    weak.iter()
                        .any(|w| s.iter().all(|e| w.iter().any(|x| x.id == e.id)))
                );
            }
        }
        // Tensions alone: Seoul, Washington, Pyongyang and Beijing form one part.
        let tensions = RelationFilter::new().kinds([RelationKind::TENSION]);
        let weak = g.components(&tensions, Connectivity::Weak).unwrap();
        let part = weak
            .iter()
            .find(|c| c.iter().any(|e| e.id == "KOR"))
            .unwrap();
        let ids: Vec<&str> = part.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["USA", "KOR", "PRK", "CHN"]);
        // Tensions are symmetric: the same part is strongly connected.
        let strong = g.components(&tensions, Connectivity::Strong).unwrap();
        assert!(strong.iter().any(|c| c.len() == 4));
    }
}
