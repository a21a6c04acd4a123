//! The graph as of a date, and what changed between two dates.

use crate::graph::Graph;
use crate::id::EntityId;
use crate::known::{Reading, Truth};
use crate::relation_ref::RelationRef;
use crate::schema::Polarity;
use crate::time::Date;

use super::ViewOptions;

/// A pair of the signed view whose sign differs between two dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignChange {
    /// One end.
    pub a: EntityId,
    /// The other end.
    pub b: EntityId,
    /// The sign at the first date.
    pub before: Polarity,
    /// The sign at the second date.
    pub after: Polarity,
}

/// What changed between two dates: relations that began or ended to hold, and pairs of the
/// signed view whose sign changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes<'g> {
    /// Relations that hold at the second date but not the first, in graph order.
    pub began: Vec<RelationRef<'g>>,
    /// Relations that hold at the first date but not the second, in graph order.
    pub ended: Vec<RelationRef<'g>>,
    /// Pairs present in both views whose sign differs, in view order.
    pub resigned: Vec<SignChange>,
}

impl Graph {
    /// A copy of the graph as of `date`: every entity and source, and only the relations known
    /// to hold then ([`RelationRef::holds_at`](crate::RelationRef::holds_at)); see
    /// [`Graph::as_of_with`] for the open-world reading.
    ///
    /// # Complexity
    /// O(n + m).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let roh_era = g.as_of("2005".parse()?);
    /// assert!(roh_era.relation("roh-moo-hyun-sees-usa-as-obstacle").is_some());
    /// assert!(roh_era.relation("lee-anchors-seoul").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of(&self, date: Date) -> Graph {
        self.as_of_with(date, Reading::Known)
    }

    /// [`Graph::as_of`] under a reading of three-valued time: with [`Reading::Possible`],
    /// the relations not known not to hold at `date`.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Reading};
    /// let g = datasets::us_korea_2011();
    /// let known = g.as_of_with("2010".parse()?, Reading::Known);
    /// let possible = g.as_of_with("2010".parse()?, Reading::Possible);
    /// assert!(known.relation_count() < possible.relation_count());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of_with(&self, date: Date, reading: Reading) -> Graph {
        let mut out = self.clone();
        let gone: Vec<String> = self
            .relations()
            .filter(|r| !reading.keeps(r.truth_at(date)))
            .map(|r| r.id().to_string())
            .collect();
        for id in gone {
            // Each id was just read from the graph.
            let _ = out.remove_relation(&id);
        }
        out
    }

    /// What changed from `from` to `to` in the signed view `options` describes: relations
    /// between entities of its kinds that pass its filter and began or ended to hold, and
    /// pairs of the view whose sign changed. A relation began when it is kept at `to` under
    /// the filter's [`Reading`] and does not hold at `from` (it ended the other way round);
    /// one the evidence leaves unknown at either date neither began nor ended.
    ///
    /// # Complexity
    /// O(n + m log m).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, EntityKind, EntityKinds, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let opts = ViewOptions::new().kinds(EntityKinds::of(&[EntityKind::State, EntityKind::Government]));
    /// let c = g.changes_between("2005".parse()?, "2010".parse()?, &opts);
    /// assert!(c.ended.iter().any(|r| r.id() == "roh-moo-hyun-sees-usa-as-obstacle"));
    /// assert!(c.began.iter().any(|r| r.id() == "lee-anchors-seoul"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn changes_between(&self, from: Date, to: Date, options: &ViewOptions) -> Changes<'_> {
        let in_view = |id: &EntityId| {
            self.entity(id.as_str())
                .is_some_and(|e| options.kinds.contains(e.kind))
        };
        let filter = options.filter.compile(self);
        let passes =
            |r: &RelationRef<'_>| in_view(r.source()) && in_view(r.target()) && filter.matches(*r);
        let reading = options.filter.get_reading();
        // Kept at one date and ruled out at the other: a relation the evidence leaves open
        // at either date neither began nor ended.
        let moved = |r: &RelationRef<'_>, kept: Date, out: Date| {
            reading.keeps(r.truth_at(kept)) && r.truth_at(out) == Truth::DoesNotHold
        };
        let began = self
            .relations()
            .filter(passes)
            .filter(|r| moved(r, to, from))
            .collect();
        let ended = self
            .relations()
            .filter(passes)
            .filter(|r| moved(r, from, to))
            .collect();
        let (before, after) = (
            options.clone().at(from).view(self),
            options.clone().at(to).view(self),
        );
        let resigned = before
            .edges()
            .iter()
            .filter_map(|e| {
                let now = after.edge(e.a.as_str(), e.b.as_str())?;
                (now.sign != e.sign).then(|| SignChange {
                    a: e.a.clone(),
                    b: e.b.clone(),
                    before: e.sign,
                    after: now.sign,
                })
            })
            .collect();
        Changes {
            began,
            ended,
            resigned,
        }
    }
}
