//! What-if scenarios: changes applied to a copy of a graph, and what they change in a signed
//! view.

use std::collections::BTreeMap;

use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::graph::Graph;
use crate::id::{EntityId, RelationId};
use crate::model::Relation;
use crate::schema::Polarity;

use super::SignedView;

#[derive(Debug, Clone, PartialEq)]
enum Change {
    Add(Box<Relation>),
    Remove(RelationId),
    Resign(RelationId, Polarity),
    Strengthen(RelationId, f64),
}

/// A list of changes to apply to a graph: add, remove, re-sign or strengthen relations.
///
/// [`Scenario::apply`] works on a copy: the base graph is never touched, so one base can be
/// compared with many scenarios.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, Polarity, Scenario};
/// let base = datasets::us_korea_2011();
/// let thaw = Scenario::new().set_polarity("kor-chn-tension", Polarity::Positive);
/// let after = thaw.apply(&base)?;
/// assert_eq!(after.relation("kor-chn-tension").unwrap().polarity(), Polarity::Positive);
/// assert_eq!(base.relation("kor-chn-tension").unwrap().polarity(), Polarity::Negative);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenario {
    changes: Vec<Change>,
}

impl Scenario {
    /// A scenario with no changes.
    pub fn new() -> Scenario {
        Scenario::default()
    }

    /// Adds a relation.
    pub fn add_relation(mut self, relation: Relation) -> Self {
        self.changes.push(Change::Add(Box::new(relation)));
        self
    }

    /// Removes a relation.
    pub fn remove(mut self, id: impl Into<RelationId>) -> Self {
        self.changes.push(Change::Remove(id.into()));
        self
    }

    /// Sets a relation's polarity.
    pub fn set_polarity(mut self, id: impl Into<RelationId>, polarity: Polarity) -> Self {
        self.changes.push(Change::Resign(id.into(), polarity));
        self
    }

    /// Sets a relation's intensity (from 0 to 1).
    pub fn set_intensity(mut self, id: impl Into<RelationId>, intensity: f64) -> Self {
        self.changes.push(Change::Strengthen(id.into(), intensity));
        self
    }

    /// The base graph with the changes applied in order, as a new graph.
    ///
    /// # Errors
    /// The error of the first change the graph refuses: [`ErrorKind::UnknownRelation`] for a
    /// relation that is not there, and the insertion errors of [`Graph::add_relation`] and
    /// [`Graph::update_relation`] (an intensity outside `[0, 1]`, say).
    ///
    /// # Complexity
    /// O(n + m) for the copy, plus the changes.
    pub fn apply(&self, base: &Graph) -> Result<Graph> {
        let mut g = base.clone();
        for change in &self.changes {
            let edit = |g: &mut Graph, id: &RelationId, f: &dyn Fn(&mut Relation)| {
                let mut r = g
                    .relation(id.as_str())
                    .map(|r| r.to_relation())
                    .ok_or_else(|| {
                        Error::at(
                            ErrorKind::UnknownRelation { id: id.to_string() },
                            Location::new(Element::Relation, Some(id.as_str())),
                        )
                    })?;
                f(&mut r);
                g.update_relation(r).map(|_| ())
            };
            match change {
                Change::Add(r) => g.add_relation((**r).clone())?,
                Change::Remove(id) => {
                    g.remove_relation(id.as_str())?;
                }
                Change::Resign(id, p) => edit(&mut g, id, &|r| r.polarity = Some(*p))?,
                Change::Strengthen(id, x) => edit(&mut g, id, &|r| r.intensity = Some(*x))?,
            }
        }
        Ok(g)
    }
}

/// A triangle whose class changed between two views (`None`: not a triangle in that view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriangleChange {
    /// The members, sorted by id.
    pub members: [EntityId; 3],
    /// The class before (`+++`, `++−`, `+−−`, `−−−`).
    pub before: Option<&'static str>,
    /// The class after.
    pub after: Option<&'static str>,
}

/// An entity whose signed degree changed between two views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DegreeChange {
    /// The entity.
    pub entity: EntityId,
    /// (positive, negative) before.
    pub before: (usize, usize),
    /// (positive, negative) after.
    pub after: (usize, usize),
}

/// What differs between two signed views of the same entities: the triangles that changed
/// class and the entities whose signed degree changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Triangles that changed class, appeared or disappeared, sorted by members.
    pub triangles: Vec<TriangleChange>,
    /// Entities whose signed degree changed, sorted by id.
    pub degrees: Vec<DegreeChange>,
}

impl Comparison {
    /// Compares two views (typically before and after a [`Scenario`], or two dates).
    ///
    /// # Complexity
    /// The triangle listing of both views, plus O((n + t) log(n + t)).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Comparison, Polarity, Scenario, ViewOptions};
    /// let base = datasets::us_korea_2011();
    /// let after = Scenario::new().set_polarity("kor-chn-tension", Polarity::Positive).apply(&base)?;
    /// let opts = ViewOptions::new().at("2011".parse()?);
    /// let diff = Comparison::between(&opts.view(&base), &opts.view(&after));
    /// assert_eq!(diff.triangles[0].before, Some("+−−"));
    /// assert_eq!(diff.triangles[0].after, Some("++−"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn between(before: &SignedView, after: &SignedView) -> Comparison {
        let classes = |v: &SignedView| -> BTreeMap<[EntityId; 3], &'static str> {
            v.triangles()
                .into_iter()
                .map(|t| {
                    let mut key = t.members.map(Clone::clone);
                    key.sort();
                    (key, t.class())
                })
                .collect()
        };
        let (a, b) = (classes(before), classes(after));
        let mut keys: Vec<&[EntityId; 3]> = a.keys().chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        let triangles = keys
            .into_iter()
            .filter_map(|k| {
                let (x, y) = (a.get(k).copied(), b.get(k).copied());
                (x != y).then(|| TriangleChange {
                    members: k.clone(),
                    before: x,
                    after: y,
                })
            })
            .collect();
        let degrees_of = |v: &SignedView| -> BTreeMap<EntityId, (usize, usize)> {
            v.signed_degrees()
                .into_iter()
                .map(|d| (d.entity.clone(), (d.positive, d.negative)))
                .collect()
        };
        let (da, db) = (degrees_of(before), degrees_of(after));
        let mut ids: Vec<&EntityId> = da.keys().chain(db.keys()).collect();
        ids.sort();
        ids.dedup();
        let degrees = ids
            .into_iter()
            .filter_map(|id| {
                let (x, y) = (
                    da.get(id).copied().unwrap_or_default(),
                    db.get(id).copied().unwrap_or_default(),
                );
                (x != y).then(|| DegreeChange {
                    entity: id.clone(),
                    before: x,
                    after: y,
                })
            })
            .collect();
        Comparison { triangles, degrees }
    }
}
