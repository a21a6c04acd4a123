//! Filtered queries: an entity's relations and neighbours, the relations between two
//! entities, and the domain questions built on them (allies, adversaries, who fears or
//! threatens whom, events, a timeline, a neighbourhood).

use std::collections::{BTreeMap, HashSet};

use crate::error::{Error, ErrorKind, Result};
use crate::filter::{Direction, RelationFilter};
use crate::graph::Graph;
use crate::model::Entity;
use crate::relation_ref::RelationRef;
use crate::schema::{EntityKind, EntityKinds, Polarity, RelationKind};
use crate::store::Step;
use crate::time::Date;

/// An entity on the other side of one or more relations, with those relations in graph order.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterpart<'g> {
    /// The entity at the other end.
    pub entity: &'g Entity,
    /// The relations joining it to the entity asked about.
    pub relations: Vec<RelationRef<'g>>,
}

/// What happens at a moment of a [`Graph::timeline`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change<'g> {
    /// An entity whose lifetime is a single date (an event) happens.
    Occurs(&'g Entity),
    /// An entity's lifetime begins (an administration takes office).
    Begins(&'g Entity),
    /// An entity's lifetime ends.
    Ends(&'g Entity),
    /// A relation begins to hold (its effective interval starts).
    RelationBegins(RelationRef<'g>),
    /// A relation stops holding.
    RelationEnds(RelationRef<'g>),
}

/// One dated entry of a [`Graph::timeline`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment<'g> {
    /// When.
    pub date: Date,
    /// What.
    pub change: Change<'g>,
}

const ACTORS: EntityKinds = EntityKinds::ACTORS;

impl Graph {
    fn node_or_error(&self, id: &str) -> Result<usize> {
        self.node_of(id)
            .ok_or_else(|| self.hint(Error::new(ErrorKind::UnknownEntity { id: id.to_owned() })))
    }

    /// Steps away from `id` that pass the filter, in relation order.
    fn steps_from<'g>(&'g self, id: &str, filter: &RelationFilter) -> Result<Vec<Step<'g>>> {
        let node = self.node_or_error(id)?;
        filter.check(self)?;
        let filter = filter.compile(self);
        // A plain loop: the adapter chain kept the test out of line (twice the time a step).
        let mut steps = Vec::new();
        for s in self.steps(node, filter.get_direction()) {
            if filter.allows(&s) {
                steps.push(s);
            }
        }
        Ok(steps)
    }

    /// The relations of an entity that pass the filter, in graph order. The filter's direction
    /// is seen from the entity: [`Direction::Outgoing`] keeps the relations it is the source of
    /// (and symmetric ones).
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d) for the entity's degree d.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Direction, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let fears = g.relations_of("CHN", &RelationFilter::new().direction(Direction::Outgoing))?;
    /// assert!(fears.iter().any(|r| r.id() == "chn-fears-partnership"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn relations_of(&self, id: &str, filter: &RelationFilter) -> Result<Vec<RelationRef<'_>>> {
        Ok(self
            .steps_from(id, filter)?
            .into_iter()
            .map(|s| s.relation())
            .collect())
    }

    /// The relations joining `a` and `b` that pass the filter, in graph order, direction
    /// seen from `a`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] for an unknown id.
    ///
    /// # Complexity
    /// O(d log d) for `a`'s degree d.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let ties = g.relations_between("KOR", "USA", &RelationFilter::new())?;
    /// assert_eq!(ties[0].id(), "kor-usa-partnership");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn relations_between(
        &self,
        a: &str,
        b: &str,
        filter: &RelationFilter,
    ) -> Result<Vec<RelationRef<'_>>> {
        let target = self.node_or_error(b)?;
        Ok(self
            .steps_from(a, filter)?
            .into_iter()
            .filter(|s| s.to == target)
            .map(|s| s.relation())
            .collect())
    }

    /// The entities joined to `id` by relations that pass the filter, in entity order, each
    /// with those relations.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d) for the entity's degree d.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter, RelationKind};
    /// let g = datasets::us_korea_2011();
    /// let members = g.neighbours("six-party-talks", &RelationFilter::new().kinds([RelationKind::MEMBER_OF]))?;
    /// assert_eq!(members.len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[doc(alias = "neighbors")]
    pub fn neighbours(&self, id: &str, filter: &RelationFilter) -> Result<Vec<Counterpart<'_>>> {
        // Handles follow entity order.
        let mut by_node: BTreeMap<usize, Counterpart<'_>> = BTreeMap::new();
        for s in self.steps_from(id, filter)? {
            by_node
                .entry(s.to)
                .or_insert_with(|| Counterpart {
                    entity: self.entity_at(s.to),
                    relations: Vec::new(),
                })
                .relations
                .push(s.relation());
        }
        Ok(by_node.into_values().collect())
    }

    /// The actors (states, governments, organizations, persons) joined to `id` by a positive
    /// relation that also passes `filter` (for a date, use `RelationFilter::new().at(date)`).
    /// Every status counts unless the filter says otherwise; each relation keeps its status
    /// and evidence, so claims can be told from facts.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let friends = g.allies("KOR", &RelationFilter::new().at("2005".parse()?))?;
    /// assert!(friends.iter().any(|c| c.entity.id == "roh-moo-hyun-administration"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn allies(&self, id: &str, filter: &RelationFilter) -> Result<Vec<Counterpart<'_>>> {
        self.signed_counterparts(id, filter, Polarity::Positive)
    }

    /// The actors joined to `id` by a negative relation that also passes `filter`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Reading, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// // What the article (2011) allows in December 2010.
    /// let allowed = RelationFilter::new().at("2010-12".parse()?).reading(Reading::Possible);
    /// let foes = g.adversaries("PRK", &allowed)?;
    /// let ids: Vec<&str> = foes.iter().map(|c| c.entity.id.as_str()).collect();
    /// assert!(ids.contains(&"KOR") && ids.contains(&"obama-administration"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn adversaries(&self, id: &str, filter: &RelationFilter) -> Result<Vec<Counterpart<'_>>> {
        self.signed_counterparts(id, filter, Polarity::Negative)
    }

    fn signed_counterparts(
        &self,
        id: &str,
        filter: &RelationFilter,
        polarity: Polarity,
    ) -> Result<Vec<Counterpart<'_>>> {
        let mut out = self.neighbours(id, &filter.clone().restrict_polarity(polarity))?;
        out.retain(|c| ACTORS.contains(c.entity.kind));
        Ok(out)
    }

    /// Those who fear `id`: the sources of `FEARS` relations aimed at it that pass `filter`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let fearful = g.feared_by("us-rok-partnership", &RelationFilter::new())?;
    /// assert_eq!(fearful.len(), 2); // North Korea and China
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn feared_by(&self, id: &str, filter: &RelationFilter) -> Result<Vec<Counterpart<'_>>> {
        self.aimed_at(id, filter, [RelationKind::FEARS])
    }

    /// Those who threaten or provoke `id`: the sources of `THREATENS` and `PROVOKES` relations
    /// aimed at it that pass `filter`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let threats = g.threatened_by("KOR", &RelationFilter::new())?;
    /// assert_eq!(threats[0].entity.id, "PRK");
    /// assert!(g.threatened_by("KOR", &RelationFilter::new().facts_only())?.is_empty()); // beliefs only
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn threatened_by(&self, id: &str, filter: &RelationFilter) -> Result<Vec<Counterpart<'_>>> {
        self.aimed_at(
            id,
            filter,
            [RelationKind::THREATENS, RelationKind::PROVOKES],
        )
    }

    fn aimed_at<const N: usize>(
        &self,
        id: &str,
        filter: &RelationFilter,
        kinds: [RelationKind; N],
    ) -> Result<Vec<Counterpart<'_>>> {
        let mut out = self.neighbours(id, &filter.clone().direction(Direction::Incoming))?;
        for c in &mut out {
            c.relations
                .retain(|r| kinds.contains(r.kind()) && r.target() == id && r.source() != id);
        }
        out.retain(|c| !c.relations.is_empty());
        Ok(out)
    }

    /// The events an actor is responsible for (`RESPONSIBLE_FOR` relations from it that pass
    /// `filter`), in date order: dated events by the start of their lifetime, then undated
    /// ones in entity order.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let events = g.events_by("PRK", &RelationFilter::new())?;
    /// assert_eq!(events[0].entity.id, "cheonan-sinking"); // March 2010, before November's shelling
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_by(&self, id: &str, filter: &RelationFilter) -> Result<Vec<Counterpart<'_>>> {
        self.events(
            id,
            filter,
            RelationKind::RESPONSIBLE_FOR,
            Direction::Outgoing,
        )
    }

    /// The events aimed at a target (`TARGETS` relations to it that pass `filter`), in date
    /// order as for [`Graph::events_by`].
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(d log d).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let events = g.events_against("yeonpyeong-island", &RelationFilter::new())?;
    /// assert_eq!(events[0].entity.id, "yeonpyeong-shelling");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_against(
        &self,
        id: &str,
        filter: &RelationFilter,
    ) -> Result<Vec<Counterpart<'_>>> {
        self.events(id, filter, RelationKind::TARGETS, Direction::Incoming)
    }

    fn events(
        &self,
        id: &str,
        filter: &RelationFilter,
        kind: RelationKind,
        direction: Direction,
    ) -> Result<Vec<Counterpart<'_>>> {
        let f = filter.clone().direction(direction).restrict_kind(kind);
        let mut out = self.neighbours(id, &f)?;
        out.retain(|c| c.entity.kind == EntityKind::Event);
        // Stable: undated events keep entity order after the dated ones.
        out.sort_by_key(|c| {
            let start = c.entity.lifetime.start();
            (start.is_none(), start)
        });
        Ok(out)
    }

    /// Events and changes of relations in date order: every dated entity's lifetime (a
    /// single-date one as [`Change::Occurs`], others as [`Change::Begins`] and
    /// [`Change::Ends`]), and, for every relation that passes `filter`, the start and end of
    /// the days it holds ([`Change::RelationBegins`], [`Change::RelationEnds`]): under the
    /// filter's default [`Reading::Known`](crate::Reading::Known), its known interval (a
    /// relation known only at its statement's date, or a one-off, has none and gives no
    /// moment); under [`Reading::Possible`](crate::Reading::Possible), its effective interval
    /// (the bounds outside which it cannot hold).
    ///
    /// Moments sort by date (a coarser date before the finer ones inside it: `2010` before
    /// `2010-03`), then entities before relations, beginnings before ends, then graph order.
    ///
    /// # Complexity
    /// O((n + m) log(n + m)).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Change, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let events: Vec<String> = g
    ///     .timeline(&RelationFilter::new())
    ///     .iter()
    ///     .filter_map(|m| match m.change {
    ///         Change::Occurs(e) => Some(format!("{} {}", m.date, e.id)),
    ///         _ => None,
    ///     })
    ///     .collect();
    /// assert_eq!(events, ["2010-03 cheonan-sinking", "2010-11 yeonpyeong-shelling"]);
    /// ```
    pub fn timeline(&self, filter: &RelationFilter) -> Vec<Moment<'_>> {
        let mut keyed: Vec<((Date, u8, usize), Moment<'_>)> = Vec::new();
        for (i, e) in self.entities().enumerate() {
            let life = e.lifetime;
            match (life.start(), life.end()) {
                (Some(a), Some(b)) if a == b => {
                    keyed.push((
                        (a, 0, i),
                        Moment {
                            date: a,
                            change: Change::Occurs(e),
                        },
                    ));
                }
                (start, end) => {
                    if let Some(a) = start {
                        keyed.push((
                            (a, 1, i),
                            Moment {
                                date: a,
                                change: Change::Begins(e),
                            },
                        ));
                    }
                    if let Some(b) = end {
                        keyed.push((
                            (b, 3, i),
                            Moment {
                                date: b,
                                change: Change::Ends(e),
                            },
                        ));
                    }
                }
            }
        }
        let known = filter.get_reading() == crate::Reading::Known;
        let filter = filter.compile(self);
        for (i, r) in self.relations().enumerate() {
            if !filter.matches(r) {
                continue;
            }
            let days = if known {
                r.known_interval()
            } else {
                r.effective_interval()
            };
            let Some(iv) = days else {
                continue;
            };
            if let Some(a) = iv.start() {
                keyed.push((
                    (a, 2, i),
                    Moment {
                        date: a,
                        change: Change::RelationBegins(r),
                    },
                ));
            }
            if let Some(b) = iv.end() {
                keyed.push((
                    (b, 4, i),
                    Moment {
                        date: b,
                        change: Change::RelationEnds(r),
                    },
                ));
            }
        }
        keyed.sort_by_key(|(k, _)| *k);
        keyed.into_iter().map(|(_, m)| m).collect()
    }

    /// The neighbourhood of `id` within `hops` hops over relations that pass `filter`, as a
    /// graph of its own: those entities, the relations among them that pass the filter, the
    /// the entities those relations name (`about`, `asserted_by`, time anchors), the same schema and every
    /// source.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when `id` is not in the graph.
    ///
    /// # Complexity
    /// O(n + m) plus the cost of copying the kept elements.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, RelationFilter};
    /// let g = datasets::us_korea_2011();
    /// let around = g.neighbourhood("six-party-talks", 1, &RelationFilter::new())?;
    /// assert!(around.entity("RUS").is_some());
    /// assert!(around.entity("camp-carroll").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn neighbourhood(&self, id: &str, hops: usize, filter: &RelationFilter) -> Result<Graph> {
        filter.check(self)?;
        let start = self.node_or_error(id)?;
        let mut inside: HashSet<usize> = HashSet::from([start]);
        let mut frontier = vec![start];
        let compiled = filter.compile(self);
        for _ in 0..hops {
            let mut next = Vec::new();
            for node in frontier {
                for s in self.steps(node, compiled.get_direction()) {
                    if compiled.allows(&s) && inside.insert(s.to) {
                        next.push(s.to);
                    }
                }
            }
            frontier = next;
        }
        let kept: Vec<RelationRef<'_>> = self
            .relations()
            .filter(|&r| {
                let (s, t) = r.ends();
                compiled.matches(r)
                    && inside.contains(&(s as usize))
                    && inside.contains(&(t as usize))
            })
            .collect();
        let mut named: HashSet<&str> = HashSet::new();
        for r in &kept {
            named.extend(r.named().map(|e| e.as_str()));
        }
        let mut out = Graph::with_schema(self.schema().clone());
        for s in self.sources() {
            out.add_source(s.clone())?;
        }
        for e in self.entities() {
            let node = self.node_of(e.id.as_str());
            if node.is_some_and(|n| inside.contains(&n)) || named.contains(e.id.as_str()) {
                out.add_entity(e.clone())?;
            }
        }
        for r in kept {
            out.add_relation(r.to_relation())?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::{RelationFilter, datasets};

    fn ids(c: &[super::Counterpart<'_>]) -> Vec<String> {
        c.iter().map(|c| c.entity.id.to_string()).collect()
    }

    #[test]
    fn unknown_ids_are_errors() {
        let g = datasets::us_korea_2011();
        let f = RelationFilter::new();
        assert!(g.relations_of("XXX", &f).is_err());
        assert!(g.relations_between("PRK", "XXX", &f).is_err());
        assert!(g.neighbourhood("XXX", 2, &f).is_err());
    }

    #[test]
    fn who_fears_and_threatens() {
        let g = datasets::us_korea_2011();
        let f = RelationFilter::new();
        assert_eq!(
            ids(&g.feared_by("us-rok-partnership", &f).unwrap()),
            ["PRK", "CHN"]
        );
        assert_eq!(ids(&g.threatened_by("KOR", &f).unwrap()), ["PRK"]);
        assert_eq!(
            ids(&g.threatened_by("PRK", &f).unwrap()),
            ["us-rok-partnership"]
        );
        assert!(g.threatened_by("PRK", &f.facts_only()).unwrap().is_empty());
    }

    #[test]
    fn events_in_date_order() {
        let g = datasets::us_korea_2011();
        let f = RelationFilter::new();
        assert_eq!(
            ids(&g.events_by("PRK", &f).unwrap()),
            ["cheonan-sinking", "yeonpyeong-shelling"]
        );
        assert_eq!(
            ids(&g.events_against("USA", &f).unwrap()),
            ["anti-american-protests"]
        );
        assert_eq!(
            ids(&g.events_by("PRK", &f.clone().facts_only()).unwrap()),
            ["yeonpyeong-shelling"]
        );
    }
}
