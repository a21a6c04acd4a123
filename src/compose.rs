//! New graphs from old: a subgraph by predicate, and the merge of two graphs.

use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::model::Entity;

/// What [`Graph::merge`] does with an id both graphs hold with different contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnConflict {
    /// Refuse the merge: an [`ErrorKind::Conflict`] naming the first such id, and this graph
    /// left as it was.
    Fail,
    /// Keep this graph's version.
    KeepOurs,
    /// Take the other graph's version (checked like any update).
    TakeTheirs,
}

/// An id both graphs hold with different contents, and so resolved by the [`OnConflict`]
/// policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// A source, an entity or a relation.
    pub element: Element,
    /// Its id.
    pub id: String,
}

/// What [`Graph::merge`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Merged {
    /// Relation kinds, sources, entities and relations new to this graph, added.
    pub added: usize,
    /// Those already here and equal in every field: nothing to do.
    pub identical: usize,
    /// Those here with different contents, in merge order (relation kinds are never among
    /// them: see [`Graph::merge`]).
    pub conflicts: Vec<Conflict>,
}

impl Graph {
    /// A new graph of the entities `keep` accepts and the relations `filter` passes (its
    /// direction aside) between them, with this graph's schema and source table.
    ///
    /// An entity a kept relation names besides its ends (its asserter, its subject, its time
    /// anchors) comes along even when `keep` refuses it, so that no kept relation changes
    /// meaning; [`Graph::entities`] of the result lists them with the rest. Like networkx's
    /// `subgraph` and `edge_subgraph` in one call, but a copy, not a view.
    ///
    /// # Errors
    /// As [`RelationFilter::check`].
    ///
    /// # Complexity
    /// O(n + m) and a copy of what is kept.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, EntityKind, Polarity, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// // The states and the hostile relations among them.
    /// let hostile = g.subgraph(
    ///     |e| e.kind == EntityKind::State,
    ///     &RelationFilter::new().polarity(Polarity::Negative),
    /// )?;
    /// assert!(hostile.relations().all(|r| r.polarity() == Polarity::Negative));
    /// assert!(!hostile.relations_between("PRK", "KOR", &RelationFilter::new())?.is_empty());
    /// assert!(hostile.entity("lee-myung-bak").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[doc(alias = "edge_subgraph")]
    #[doc(alias = "filter")]
    pub fn subgraph(
        &self,
        keep: impl Fn(&Entity) -> bool,
        filter: &RelationFilter,
    ) -> Result<Graph> {
        filter.check(self)?;
        let bound = self.node_bound();
        let mut kept = vec![false; bound];
        for n in self.nodes() {
            kept[n] = keep(self.entity_at(n));
        }
        let chosen: Vec<_> = self
            .relations()
            .filter(|r| {
                let (a, b) = r.ends();
                kept[a as usize] && kept[b as usize] && filter.matches(*r)
            })
            .collect();
        for r in &chosen {
            for id in r.named() {
                if let Some(n) = self.node_of(id.as_str()) {
                    kept[n] = true;
                }
            }
        }
        let mut out = Graph::with_schema(self.schema().clone());
        for s in self.sources() {
            out.add_source(s.clone())?;
        }
        for n in self.nodes().filter(|&n| kept[n]) {
            out.add_entity(self.entity_at(n).clone())?;
        }
        for r in chosen {
            out.add_relation(r.to_relation())?;
        }
        Ok(out)
    }

    /// Adds everything of `other` to this graph (networkx's `compose`): its relation kinds,
    /// sources, entities and relations. An id both hold with equal contents is left alone;
    /// with different contents, `on_conflict` decides.
    ///
    /// Relation kinds are matched by name, and a kind both schemas define differently is
    /// always an error (a kind must mean one thing across a graph's relations). The merge is
    /// all or nothing: on any error this graph is unchanged.
    ///
    /// # Errors
    /// [`ErrorKind::Conflict`] under [`OnConflict::Fail`] for an id with different contents,
    /// and for a relation kind defined differently; otherwise any error of inserting or
    /// updating an element, located at it (an entity of theirs whose kind our relations do
    /// not allow, under [`OnConflict::TakeTheirs`], for example).
    ///
    /// # Complexity
    /// O(n + m) of both graphs: the result is built afresh, then swapped in.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{Entity, EntityKind, Graph, OnConflict, Relation, RelationKind};
    /// let mut ours = Graph::new();
    /// ours.add_entity(Entity::new("QAT", EntityKind::State, "Qatar"))?;
    /// let mut theirs = Graph::new();
    /// theirs.add_entity(Entity::new("QAT", EntityKind::State, "State of Qatar"))?;
    /// theirs.add_entity(Entity::new("SAU", EntityKind::State, "Saudi Arabia"))?;
    /// theirs.add_relation(Relation::new("r1", RelationKind::TENSION, "SAU", "QAT"))?;
    ///
    /// assert!(ours.clone().merge(&theirs, OnConflict::Fail).is_err());
    /// let merged = ours.merge(&theirs, OnConflict::KeepOurs)?;
    /// assert_eq!((merged.added, merged.conflicts.len()), (2, 1));
    /// assert_eq!(ours.entity("QAT").unwrap().name, "Qatar");
    /// assert_eq!(ours.relation_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[doc(alias = "compose")]
    #[doc(alias = "union")]
    pub fn merge(&mut self, other: &Graph, on_conflict: OnConflict) -> Result<Merged> {
        let mut merged = Merged::default();
        let mut schema = self.schema().clone();
        for def in other.schema().kinds() {
            match schema.get(def.name.as_str()) {
                Some(ours) if ours == def => merged.identical += 1,
                Some(_) => {
                    return Err(Error::at(
                        ErrorKind::Conflict {
                            id: def.name.to_string(),
                        },
                        Location::new(Element::RelationKind, Some(def.name.as_str())),
                    ));
                }
                None => {
                    schema.declare(def.clone())?;
                    merged.added += 1;
                }
            }
        }
        // Whether to take their version of an id both hold; counts it either way.
        let mut theirs = |element: Element, id: &str, equal: bool| -> Result<bool> {
            if equal {
                merged.identical += 1;
                return Ok(false);
            }
            if on_conflict == OnConflict::Fail {
                return Err(Error::at(
                    ErrorKind::Conflict { id: id.to_owned() },
                    Location::new(element, Some(id)),
                ));
            }
            merged.conflicts.push(Conflict {
                element,
                id: id.to_owned(),
            });
            Ok(on_conflict == OnConflict::TakeTheirs)
        };
        // Built afresh (sources, entities, relations: each ours in our order, then what is
        // new in theirs), so each element goes through the insertion checks against the
        // merged schema, sources and entities.
        let mut out = Graph::with_schema(schema);
        let mut added = 0;
        for s in self.sources() {
            let s = match other.source(s.id.as_str()) {
                Some(t) if theirs(Element::Source, s.id.as_str(), t == s)? => t,
                _ => s,
            };
            out.add_source(s.clone())?;
        }
        for s in other
            .sources()
            .filter(|s| self.source(s.id.as_str()).is_none())
        {
            out.add_source(s.clone())?;
            added += 1;
        }
        for e in self.entities() {
            let e = match other.entity(e.id.as_str()) {
                Some(t) if theirs(Element::Entity, e.id.as_str(), t == e)? => t,
                _ => e,
            };
            out.add_entity(e.clone())?;
        }
        for e in other
            .entities()
            .filter(|e| self.entity(e.id.as_str()).is_none())
        {
            out.add_entity(e.clone())?;
            added += 1;
        }
        for r in self.relations() {
            let r = match other.relation(r.id()) {
                Some(t) if theirs(Element::Relation, r.id(), t == r)? => t,
                _ => r,
            };
            out.add_relation(r.to_relation())?;
        }
        for r in other
            .relations()
            .filter(|r| self.relation(r.id()).is_none())
        {
            out.add_relation(r.to_relation())?;
            added += 1;
        }
        merged.added += added;
        *self = out;
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityKind, Polarity, Relation, RelationKind, Status, datasets, io::json};

    #[test]
    fn subgraph_keeps_what_is_asked_and_what_kept_relations_name() {
        let g = datasets::us_korea_2011();
        let states = |e: &Entity| e.kind == EntityKind::State;
        let claims = RelationFilter::new().statuses([Status::Claim, Status::Belief]);
        let sub = g.subgraph(states, &claims).unwrap();
        assert!(sub.relation_count() > 0);
        for r in sub.relations() {
            assert!(matches!(r.status(), Status::Claim | Status::Belief));
            assert_eq!(r, g.relation(r.id()).unwrap(), "copied whole");
            for end in [r.source(), r.target()] {
                assert_eq!(sub.entity(end.as_str()).unwrap().kind, EntityKind::State);
            }
        }
        // Every relation between states that passes is there.
        let expected = g
            .relations()
            .filter(|&r| {
                claims.matches(r)
                    && [r.source(), r.target()]
                        .iter()
                        .all(|e| g.entity(e.as_str()).unwrap().kind == EntityKind::State)
            })
            .count();
        assert_eq!(sub.relation_count(), expected);
        // Asserters and anchors of kept relations came along; nothing else but states.
        let named: Vec<String> = sub
            .relations()
            .flat_map(|r| r.named().map(|e| e.to_string()).collect::<Vec<_>>())
            .collect();
        for e in sub.entities() {
            assert!(e.kind == EntityKind::State || named.contains(&e.id.to_string()));
        }
        assert!(sub.validate().is_empty());
        // Everything, filtered by nothing: the same graph.
        let all = g.subgraph(|_| true, &RelationFilter::new()).unwrap();
        assert_eq!(json::to_string(&all), json::to_string(&g));
        // A filter naming an unknown kind is an error, as everywhere.
        let bad = RelationFilter::new().kinds([RelationKind::new("MEDIATE")]);
        assert!(g.subgraph(states, &bad).is_err());
    }

    fn state(id: &str, name: &str) -> Entity {
        Entity::new(id, EntityKind::State, name)
    }

    #[test]
    fn merging_halves_gives_the_whole_and_merging_itself_changes_nothing() {
        let g = datasets::us_korea_2011();
        let ids: Vec<String> = g.relations().map(|r| r.id().to_owned()).collect();
        let (first, second) = ids.split_at(ids.len() / 2);
        let half = |part: &[String]| {
            let part: Vec<String> = part.to_vec();
            g.subgraph(
                |_| true,
                &RelationFilter::new().matching(move |r| part.iter().any(|id| id == r.id())),
            )
            .unwrap()
        };
        let mut whole = half(first);
        let merged = whole.merge(&half(second), OnConflict::Fail).unwrap();
        assert!(merged.conflicts.is_empty());
        assert_eq!(whole.relation_count(), g.relation_count());
        assert_eq!(whole.entity_count(), g.entity_count());
        for r in g.relations() {
            assert_eq!(whole.relation(r.id()).unwrap(), r);
        }
        let before = json::to_string(&whole);
        let again = whole.clone();
        let merged = whole.merge(&again, OnConflict::Fail).unwrap();
        assert_eq!(merged.added, 0);
        assert_eq!(json::to_string(&whole), before);
    }

    #[test]
    fn conflicts_follow_the_policy_and_a_failed_merge_changes_nothing() {
        let mut ours = Graph::new();
        ours.add_entity(state("QAT", "Qatar")).unwrap();
        ours.add_entity(state("SAU", "Saudi Arabia")).unwrap();
        ours.add_relation(Relation::new("r1", RelationKind::TENSION, "SAU", "QAT"))
            .unwrap();
        ours.add_relation(Relation::new("r0", RelationKind::ALLIANCE, "QAT", "SAU"))
            .unwrap();
        let mut theirs = Graph::new();
        theirs.add_entity(state("QAT", "State of Qatar")).unwrap();
        theirs.add_entity(state("SAU", "Saudi Arabia")).unwrap();
        theirs
            .add_entity(state("ARE", "United Arab Emirates"))
            .unwrap();
        theirs
            .add_relation(Relation::new("r1", RelationKind::TENSION, "SAU", "QAT").intensity(0.9))
            .unwrap();
        theirs
            .add_relation(Relation::new("r2", RelationKind::ALLIANCE, "SAU", "ARE"))
            .unwrap();

        let before = json::to_string(&ours);
        let err = ours.merge(&theirs, OnConflict::Fail).unwrap_err();
        assert_eq!(
            err.to_string(),
            "entity `QAT` differs between the two graphs"
        );
        assert_eq!(json::to_string(&ours), before, "unchanged");

        let mut kept = ours.clone();
        let m = kept.merge(&theirs, OnConflict::KeepOurs).unwrap();
        assert_eq!(
            m.conflicts,
            [
                Conflict {
                    element: Element::Entity,
                    id: "QAT".into()
                },
                Conflict {
                    element: Element::Relation,
                    id: "r1".into()
                },
            ]
        );
        assert_eq!(m.added, 2); // ARE and r2
        assert_eq!(kept.entity("QAT").unwrap().name, "Qatar");
        assert_eq!(kept.relation("r1").unwrap().intensity(), None);
        assert!(kept.relation("r2").is_some());

        let mut taken = ours.clone();
        taken.merge(&theirs, OnConflict::TakeTheirs).unwrap();
        assert_eq!(taken.entity("QAT").unwrap().name, "State of Qatar");
        assert_eq!(taken.relation("r1").unwrap().intensity(), Some(0.9));

        // Their version of an entity that our relations cannot join (a person in an alliance
        // between institutions): an error, nothing changed.
        let mut hostile = Graph::new();
        hostile
            .add_entity(Entity::new("QAT", EntityKind::Person, "Qatar"))
            .unwrap();
        let mut copy = ours.clone();
        let err = copy.merge(&hostile, OnConflict::TakeTheirs).unwrap_err();
        assert!(err.to_string().contains("relation `r0`"), "{err}");
        assert_eq!(json::to_string(&copy), before);

        // A kind defined differently is an error under every policy.
        let mut other = Graph::new();
        other
            .declare_relation_kind(crate::RelationKindDef::new("RIVALRY", Polarity::Negative))
            .unwrap();
        let mut mine = Graph::new();
        mine.declare_relation_kind(crate::RelationKindDef::new("RIVALRY", Polarity::Positive))
            .unwrap();
        let err = mine.merge(&other, OnConflict::KeepOurs).unwrap_err();
        assert!(err.to_string().contains("relation kind `RIVALRY`"), "{err}");
    }
}
