//! The typed, signed, temporal relation graph: the public face of the store.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use crate::check::{self, Context};
use crate::error::{Element, Error, ErrorKind, Location, Result};
use crate::id::{EntityId, RelationId, SourceId};
use crate::known::{self, Occurrence, Placement, Said, Tense};
use crate::model::{Entity, Relation, Source};
use crate::relation_ref::RelationRef;
use crate::schema::{EntityKind, Polarity, RelationKindDef, Schema};
use crate::store::{Direction, EdgeFact, Fact, NO_ENTITY, NO_KIND, Steps, Store};
use crate::time::{Date, Interval};

/// A typed, signed, temporal property graph of entities and the relations between them.
///
/// Entities and relations are addressed by the ids the user gave them. Every insertion is
/// checked against the [`Schema`] and the rest of the graph, so a graph never holds a relation
/// with an unknown kind, a dangling endpoint, disallowed endpoint kinds, or evidence that
/// names an unknown source.
///
/// **Order.** [`Graph::entities`], [`Graph::relations`] and [`Graph::sources`] iterate in
/// insertion order. Updating an element keeps its place; removing one leaves the others in
/// place and never changes or reuses an id.
///
/// # Example
/// ```
/// use alliance_graph::{Entity, EntityKind, Evidence, Graph, Relation, RelationKind, Source};
/// let mut g = Graph::new();
/// g.add_source(Source::new("diplomat-2011", "The Danger of Closer US-Korea Ties"))?;
/// g.add_entity(Entity::new("USA", EntityKind::State, "United States"))?;
/// g.add_entity(Entity::new("KOR", EntityKind::State, "South Korea"))?;
/// g.add_relation(
///     Relation::new("kor-usa", RelationKind::ALLIANCE, "KOR", "USA").evidence(Evidence::new(
///         "diplomat-2011",
///         "Our partnership truly has gone global.",
///     )),
/// )?;
/// let err = g.add_relation(Relation::new("r2", RelationKind::TENSION, "KOR", "RUS")).unwrap_err();
/// assert_eq!(err.to_string(), "unknown entity `RUS` in relation `r2` (field `target`)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Graph {
    schema: Schema,
    sources: Vec<Source>,
    source_ix: HashMap<SourceId, usize>,
    store: Store,
    /// Search state reused across searches (see [`crate::scratch`]).
    scratch: Mutex<Vec<crate::scratch::Scratch>>,
}

impl Clone for Graph {
    fn clone(&self) -> Self {
        Graph {
            schema: self.schema.clone(),
            sources: self.sources.clone(),
            source_ix: self.source_ix.clone(),
            store: self.store.clone(),
            scratch: Mutex::default(),
        }
    }
}

/// What [`Graph::remove_entity`] took out: the entity and every relation that referred to it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedEntity {
    /// The entity removed.
    pub entity: Entity,
    /// The relations removed with it, in the graph's relation order.
    pub relations: Vec<Relation>,
}

impl Default for Graph {
    fn default() -> Self {
        Graph::new()
    }
}

impl fmt::Debug for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Graph")
            .field("sources", &self.sources.len())
            .field("entities", &self.entity_count())
            .field("relations", &self.relation_count())
            .field("custom_kinds", &self.schema.custom_kinds().count())
            .finish()
    }
}

impl PartialEq for Graph {
    /// Two graphs are equal when they have the same schema and the same sources, entities and
    /// relations in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.schema == other.schema
            && self.sources == other.sources
            && self.entities().eq(other.entities())
            && self.relations().eq(other.relations())
    }
}

impl Context for Graph {
    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn has_source(&self, id: &str) -> bool {
        self.source_ix.contains_key(id)
    }

    fn entity_kind(&self, id: &str) -> Option<EntityKind> {
        self.entity(id).map(|e| e.kind)
    }
}

fn first_error(problems: Vec<check::Problem>, location: impl FnOnce() -> Location) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    match check::located(problems, &location()).next() {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// The graph as a rule context for one relation whose ends' handles are known, so that
/// checking it looks neither end up again.
struct WithEnds<'g> {
    graph: &'g Graph,
    ends: [(&'g str, Option<u32>); 2],
}

impl Context for WithEnds<'_> {
    fn schema(&self) -> &Schema {
        &self.graph.schema
    }

    fn has_source(&self, id: &str) -> bool {
        self.graph.has_source(id)
    }

    fn entity_kind(&self, id: &str) -> Option<EntityKind> {
        match self.ends.iter().find(|(known, _)| *known == id) {
            Some(&(_, h)) => h.and_then(|h| self.graph.store.kind_at(h)),
            None => self.graph.entity_kind(id),
        }
    }
}

impl Graph {
    /// An empty graph with the built-in schema.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::Graph;
    /// let g = Graph::new();
    /// assert_eq!(g.entity_count(), 0);
    /// assert!(g.schema().get("ALLIANCE").is_some());
    /// ```
    pub fn new() -> Graph {
        Graph::with_schema(Schema::builtin())
    }

    /// An empty graph with the given schema.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{Graph, Schema};
    /// let g = Graph::with_schema(Schema::empty());
    /// assert_eq!(g.schema().kinds().count(), 0);
    /// ```
    pub fn with_schema(schema: Schema) -> Graph {
        Graph {
            schema,
            sources: Vec::new(),
            source_ix: HashMap::new(),
            store: Store::default(),
            scratch: Mutex::default(),
        }
    }

    /// The schema relations are checked against.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// assert!(g.schema().get("FEARS").unwrap().polarity == alliance_graph::Polarity::Negative);
    /// ```
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Declares a relation kind of the user's own. Kinds can be added, never removed, so no
    /// relation can lose its kind.
    ///
    /// # Errors
    /// As [`Schema::declare`].
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{Graph, Polarity, RelationKindDef};
    /// let mut g = Graph::new();
    /// g.declare_relation_kind(RelationKindDef::new("SANCTIONS", Polarity::Negative))?;
    /// assert!(g.declare_relation_kind(RelationKindDef::new("SANCTIONS", Polarity::Negative)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn declare_relation_kind(&mut self, def: RelationKindDef) -> Result<()> {
        self.schema.declare(def)
    }

    /// Reserves room for at least this many more entities and relations, so that a bulk
    /// load of known size does not grow the arenas and id indexes step by step.
    ///
    /// # Example
    /// ```
    /// let mut g = alliance_graph::Graph::new();
    /// g.reserve(1_000, 10_000);
    /// assert_eq!(g.entity_count(), 0);
    /// ```
    pub fn reserve(&mut self, entities: usize, relations: usize) {
        self.store.reserve(entities, relations);
    }

    // ----- sources -----

    /// Adds an entry to the source table.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidId`], [`ErrorKind::DuplicateId`], or [`ErrorKind::InvalidValue`]
    /// for an empty title.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{Graph, Source};
    /// let mut g = Graph::new();
    /// g.add_source(Source::new("diplomat-2011", "The Danger of Closer US-Korea Ties").publisher("The Diplomat"))?;
    /// assert!(g.add_source(Source::new("diplomat-2011", "again")).is_err()); // duplicate id
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_source(&mut self, source: Source) -> Result<()> {
        let location = Location::new(Element::Source, Some(source.id.as_str()));
        first_error(check::source(&source), || location.clone())?;
        if self.source_ix.contains_key(source.id.as_str()) {
            return Err(Error::at(
                ErrorKind::DuplicateId {
                    id: source.id.to_string(),
                },
                location.field("id"),
            ));
        }
        self.source_ix.insert(source.id.clone(), self.sources.len());
        if let Some(date) = source.date {
            self.store.set_source_date(source.id.clone(), date);
        }
        self.sources.push(source);
        Ok(())
    }

    /// The source with this id.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// assert_eq!(g.source("diplomat-2011").unwrap().publisher.as_deref(), Some("The Diplomat"));
    /// ```
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_ix.get(id).map(|&i| &self.sources[i])
    }

    /// Every source, in insertion order.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// let ids: Vec<&str> = g.sources().map(|s| s.id.as_str()).collect();
    /// assert_eq!(ids, ["diplomat-2011", "terms-of-office"]);
    /// ```
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter()
    }

    // ----- entities -----

    /// Adds an entity.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidId`], [`ErrorKind::DuplicateId`], [`ErrorKind::InvalidValue`] for
    /// an empty name or a non-finite attribute, and the evidence errors
    /// ([`ErrorKind::UnknownSource`], [`ErrorKind::EmptyQuote`]) for `lifetime_evidence`.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{Entity, EntityKind, ErrorKind, Graph};
    /// let mut g = Graph::new();
    /// g.add_entity(Entity::new("PRK", EntityKind::State, "North Korea").alias("Pyongyang"))?;
    /// let err = g.add_entity(Entity::new("PRK", EntityKind::State, "again")).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::DuplicateId { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_entity(&mut self, entity: Entity) -> Result<()> {
        let location = Location::new(Element::Entity, Some(entity.id.as_str()));
        first_error(check::entity(&entity, self), || location.clone())?;
        if self.store.handle(entity.id.as_str()).is_some() {
            return Err(Error::at(
                ErrorKind::DuplicateId {
                    id: entity.id.to_string(),
                },
                location.field("id"),
            ));
        }
        self.check_room(0, || location)?;
        self.store.add_entity(entity);
        Ok(())
    }

    /// The entity with this id.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// assert_eq!(g.entity("lee-myung-bak").unwrap().name, "Lee Myung-bak");
    /// assert!(g.entity("nobody").is_none());
    /// ```
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.store.entity(id)
    }

    /// The name of the entity with this id, for results meant for people (factions,
    /// triangles, sign changes hold ids); the id itself when no entity has it, as for a
    /// view built from bare edges.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Certificate, ViewOptions};
    /// let g = datasets::us_korea_2011();
    /// let view = ViewOptions::new().at("2011".parse()?).view(&g);
    /// if let Certificate::Balanced { first, .. } = view.balance_certificate() {
    ///     let names: Vec<&str> = first.iter().map(|id| g.name_of(id.as_str())).collect();
    ///     assert!(names.contains(&"South Korea"));
    /// }
    /// assert_eq!(g.name_of("nobody"), "nobody");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.entity(id).map_or(id, |e| e.name.as_str())
    }

    /// Every entity, in insertion order.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// assert_eq!(g.entities().next().unwrap().id, "USA"); // insertion order
    /// ```
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.store.entities().map(|(_, e)| e)
    }

    /// How many entities the graph holds.
    ///
    /// # Example
    /// ```
    /// assert_eq!(alliance_graph::datasets::us_korea_2011().entity_count(), 42);
    /// ```
    #[doc(alias = "node_count")]
    #[doc(alias = "number_of_nodes")]
    pub fn entity_count(&self) -> usize {
        self.store.entity_count()
    }

    /// Replaces the entity that has `entity.id`, keeping its place in the order, and returns
    /// the old one.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when no entity has that id, the errors of
    /// [`Graph::add_entity`], and [`ErrorKind::EndpointsNotAllowed`] (located at the relation)
    /// when a new kind breaks the endpoint rule of a relation that touches the entity.
    ///
    /// # Complexity
    /// O(d) in the entity's relations, plus O(m) when its lifetime changes, to place again
    /// in time the relations that name it as a time anchor.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Entity, EntityKind};
    /// let mut g = datasets::us_korea_2011();
    /// let old = g.update_entity(Entity::new("JPN", EntityKind::State, "Japan").alias("Tokyo"))?;
    /// assert!(old.aliases.is_empty());
    /// // A state that is a member of a forum cannot become an event.
    /// assert!(g.update_entity(Entity::new("JPN", EntityKind::Event, "Japan")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update_entity(&mut self, entity: Entity) -> Result<Entity> {
        let location = Location::new(Element::Entity, Some(entity.id.as_str()));
        let Some(h) = self.store.handle(entity.id.as_str()) else {
            return Err(Error::at(
                ErrorKind::UnknownEntity {
                    id: entity.id.to_string(),
                },
                location.field("id"),
            ));
        };
        first_error(check::entity(&entity, self), || location)?;
        if self.store.kind_at(h) != Some(entity.kind) {
            let kind_of = |h2: u32| {
                if h2 == h {
                    entity.kind
                } else {
                    self.store.kind_at(h2).unwrap_or(entity.kind)
                }
            };
            for step in self.store.steps(h, Direction::Both) {
                let (s, t) = step.ends();
                let (s, t) = (kind_of(s), kind_of(t));
                // Every relation in the graph has a declared kind (checked on insert, and
                // kinds are never removed).
                let def = self.schema.at(step.fact().kind as usize);
                if !def.allows(s, t) {
                    let id = Some(step.relation().id());
                    return Err(Error::at(
                        ErrorKind::EndpointsNotAllowed {
                            kind: def.name.to_string(),
                            source: s,
                            target: t,
                        },
                        Location::new(Element::Relation, id).field("kind"),
                    ));
                }
            }
        }
        let new_life = entity.lifetime;
        // `h` came from the id index, which only holds live entities.
        let old = self
            .store
            .replace_entity(h, entity)
            .expect("indexed entity is live");
        if old.lifetime != new_life {
            self.replace_anchor(old.id.as_str());
        }
        Ok(old)
    }

    /// Places again in time the relations that name `anchor` as `not_before`, `not_after` or
    /// `throughout`, whose lifetime changed. O(m) to find them.
    fn replace_anchor(&mut self, anchor: &str) {
        let named: Vec<(u32, Fact)> = self
            .store
            .relations()
            .filter(|r| r.anchors().any(|a| *a == anchor))
            .map(|r| {
                let (s, t) = r.ends();
                (r.slot(), self.fact_with(&r.to_relation(), s, t))
            })
            .collect();
        for (slot, fact) in named {
            self.store.refresh(slot, fact);
        }
    }

    /// Removes an entity and, with it, every relation that refers to it: as source or target,
    /// as what it is `about`, as the entity it is `asserted_by`, or as one of its time
    /// anchors (`not_before`, `not_after`, `throughout`). No relation can be left
    /// dangling. What was removed is returned, so nothing is lost silently.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownEntity`] when no entity has this id.
    ///
    /// # Complexity
    /// O(m) in the number of relations, to find those that mention the entity.
    ///
    /// # Example
    /// ```
    /// let mut g = alliance_graph::datasets::us_korea_2011();
    /// let removed = g.remove_entity("JPN")?;
    /// assert_eq!(removed.relations.len(), 1); // its membership of the Six-Party Talks
    /// assert!(g.validate().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_entity(&mut self, id: &str) -> Result<RemovedEntity> {
        let Some(h) = self.store.handle(id) else {
            return Err(Error::at(
                ErrorKind::UnknownEntity { id: id.to_owned() },
                Location::new(Element::Entity, Some(id)),
            ));
        };
        let doomed: Vec<RelationId> = self
            .relations()
            .filter(|r| r.source() == id || r.target() == id || r.named().any(|a| *a == id))
            .map(|r| RelationId::from(r.id()))
            .collect();
        let relations = doomed
            .iter()
            .filter_map(|rid| self.take_relation(rid.as_str()))
            .collect();
        // `h` came from the id index, which only holds live entities.
        let entity = self.store.remove_entity(h).expect("indexed entity is live");
        Ok(RemovedEntity { entity, relations })
    }

    // ----- relations -----

    fn relation_location(relation: &Relation) -> Location {
        Location::new(Element::Relation, Some(relation.id.as_str()))
    }

    /// The compact facts of a relation, its ends and kind found by id: [`NO_ENTITY`] for an
    /// end the graph does not hold, [`NO_KIND`] for a kind the schema does not know.
    pub(crate) fn fact_of(&self, relation: &Relation) -> Fact {
        let handle = |id: &EntityId| self.store.handle(id.as_str()).unwrap_or(NO_ENTITY);
        self.fact_with(relation, handle(&relation.source), handle(&relation.target))
    }

    /// When a relation's statement was made: the latest date of its evidence (each piece's
    /// own date, or its source's).
    pub(crate) fn statement_date(&self, relation: &Relation) -> Option<Date> {
        known::statement_date(&relation.evidence, |id| self.store.source_date(id))
    }

    /// A relation's three time spans (see [`crate::known`]).
    fn placement(&self, relation: &Relation) -> Placement {
        let simple = relation.tense == Tense::Timeless
            && relation.occurs == Occurrence::State
            && relation.not_before.is_none()
            && relation.not_after.is_none()
            && relation.throughout.is_none();
        if simple {
            return Placement::exact(relation.valid.span());
        }
        let entity =
            |anchor: &Option<EntityId>| anchor.as_ref().and_then(|a| self.entity(a.as_str()));
        let life = |anchor: &Option<EntityId>| entity(anchor).map(|e| e.lifetime.span());
        // A condition is met when its anchor begins: on some day of its start date. An anchor
        // with no start (not dated, or not yet begun) is unmet and bounds nothing.
        let begins = |anchor: &Option<EntityId>| entity(anchor)?.lifetime.start().map(|d| d.span());
        known::place(&Said {
            valid: relation.valid.span(),
            tense: relation.tense,
            occurs: relation.occurs,
            stated: self.statement_date(relation).map(|d| d.span()),
            not_before: life(&relation.not_before),
            not_after: begins(&relation.not_after),
            throughout: life(&relation.throughout),
        })
    }

    /// [`Graph::fact_of`] with the ends' handles already known.
    fn fact_with(&self, relation: &Relation, source: u32, target: u32) -> Fact {
        let def = self
            .schema
            .position(relation.kind.as_str())
            .map(|p| (p, self.schema.at(p)));
        let placed = self.placement(relation);
        Fact {
            source,
            target,
            known: placed.known,
            witness: placed.witness,
            edge: EdgeFact {
                valid: placed.possible,
                exact: placed.is_exact(),
                intensity: relation.intensity.unwrap_or(1.0),
                kind: def.map_or(NO_KIND, |(p, _)| u32::try_from(p).unwrap_or(NO_KIND)),
                polarity: relation
                    .polarity
                    .unwrap_or_else(|| def.map_or(Polarity::Neutral, |(_, d)| d.polarity)),
                status: relation.status,
                symmetric: def.is_some_and(|(_, d)| d.symmetric),
            },
        }
    }

    /// Refuses an insertion past the store's `u32` handles and places (a relation's id has
    /// `id_len` bytes; 0 for an entity).
    fn check_room(&self, id_len: usize, location: impl FnOnce() -> Location) -> Result<()> {
        if self.store.has_room(id_len) {
            return Ok(());
        }
        Err(Error::at(
            ErrorKind::InvalidValue {
                value: "one more element".to_owned(),
                expected: "at most 4,294,967,294 entities and as many relations, with at most \
                           4 GiB of relation ids, in one graph",
            },
            location(),
        ))
    }

    /// Adds a relation.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidId`], [`ErrorKind::DuplicateId`], [`ErrorKind::UnknownEntity`] for
    /// a source, target, `about` or `asserted_by` that is not in the graph,
    /// [`ErrorKind::UnknownRelationKind`], [`ErrorKind::EndpointsNotAllowed`],
    /// [`ErrorKind::AssertedFact`], [`ErrorKind::InvalidValue`] for an intensity or confidence
    /// outside `[0, 1]`, and the evidence errors ([`ErrorKind::UnknownSource`],
    /// [`ErrorKind::EmptyQuote`]).
    ///
    /// # Example
    /// ```
    /// use alliance_graph::{datasets, Evidence, Relation, RelationKind, Status};
    /// let mut g = datasets::us_korea_2011();
    /// g.add_relation(
    ///     Relation::new("jpn-fears-prk", RelationKind::FEARS, "JPN", "PRK")
    ///         .asserted(Status::Hypothetical, None)
    ///         .evidence(Evidence::new("diplomat-2011", "could potentially provoke North Korea")),
    /// )?;
    /// // Events cannot lead governments.
    /// assert!(g.add_relation(Relation::new("x", RelationKind::LEADS, "cheonan-sinking", "lee-government")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_relation(&mut self, relation: Relation) -> Result<()> {
        let ends = (
            self.store.handle(relation.source.as_str()),
            self.store.handle(relation.target.as_str()),
        );
        self.insert_relation(relation, ends)
    }

    /// [`Graph::add_relation`] for a caller that already found the handles of the
    /// relation's source and target (the CSV reader, once per row).
    pub(crate) fn add_relation_between(
        &mut self,
        relation: Relation,
        source: u32,
        target: u32,
    ) -> Result<()> {
        self.insert_relation(relation, (Some(source), Some(target)))
    }

    fn insert_relation(
        &mut self,
        relation: Relation,
        (s, t): (Option<u32>, Option<u32>),
    ) -> Result<()> {
        let location = || Graph::relation_location(&relation);
        let ctx = WithEnds {
            graph: self,
            ends: [(relation.source.as_str(), s), (relation.target.as_str(), t)],
        };
        first_error(check::relation(&relation, &ctx), location).map_err(|e| self.hint(e))?;
        self.check_room(relation.id.as_str().len(), location)?;
        // Checked above: both ends are live and the kind is declared.
        let fact = self.fact_with(&relation, s.unwrap_or(NO_ENTITY), t.unwrap_or(NO_ENTITY));
        // One id lookup both refuses a duplicate and indexes a new relation.
        let id = relation.id.clone();
        match self.store.add_relation(relation, fact) {
            Some(_) => Ok(()),
            None => Err(Error::at(
                ErrorKind::DuplicateId { id: id.to_string() },
                Location::new(Element::Relation, Some(id.as_str())).field("id"),
            )),
        }
    }

    /// The relation with this id.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// let r = g.relation("obama-refuses-talks").unwrap();
    /// assert_eq!((r.source().as_str(), r.target().as_str()), ("obama-administration", "PRK"));
    /// ```
    pub fn relation(&self, id: &str) -> Option<RelationRef<'_>> {
        self.store.relation(id)
    }

    /// Every relation, in insertion order.
    ///
    /// # Complexity
    /// O(m log d): each view finds its facts in its source's adjacency by binary search.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// assert_eq!(g.relations().next().unwrap().id(), "kor-usa-partnership"); // insertion order
    /// ```
    pub fn relations(&self) -> impl Iterator<Item = RelationRef<'_>> {
        self.store.relations()
    }

    /// How many relations the graph holds.
    ///
    /// # Example
    /// ```
    /// assert_eq!(alliance_graph::datasets::us_korea_2011().relation_count(), 72);
    /// ```
    #[doc(alias = "edge_count")]
    #[doc(alias = "number_of_edges")]
    pub fn relation_count(&self) -> usize {
        self.store.relation_count()
    }

    /// Replaces the relation that has `relation.id`, keeping its place in the order, and
    /// returns the old one. The new relation may join other entities.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownRelation`] when no relation has that id, and the errors of
    /// [`Graph::add_relation`].
    ///
    /// # Example
    /// ```
    /// let mut g = alliance_graph::datasets::us_korea_2011();
    /// let mut r = g.relation("kor-usa-partnership").unwrap().to_relation();
    /// r.intensity = Some(1.0);
    /// let old = g.update_relation(r)?;
    /// assert_eq!(old.intensity, Some(0.9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update_relation(&mut self, relation: Relation) -> Result<Relation> {
        let location = Graph::relation_location(&relation);
        let Some(slot) = self.store.slot(relation.id.as_str()) else {
            return Err(Error::at(
                ErrorKind::UnknownRelation {
                    id: relation.id.to_string(),
                },
                location.field("id"),
            ));
        };
        first_error(check::relation(&relation, self), || location)?;
        let fact = self.fact_of(&relation);
        // `slot` came from the id index, which only holds live relations.
        Ok(self
            .store
            .replace_relation(slot, relation, fact)
            .expect("indexed relation is live"))
    }

    fn take_relation(&mut self, id: &str) -> Option<Relation> {
        let slot = self.store.slot(id)?;
        self.store.remove_relation(slot)
    }

    /// Removes a relation and returns it.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownRelation`] when no relation has this id.
    ///
    /// # Example
    /// ```
    /// let mut g = alliance_graph::datasets::us_korea_2011();
    /// let r = g.remove_relation("kor-chn-tension")?;
    /// assert_eq!(r.kind.as_str(), "TENSION");
    /// assert!(g.remove_relation("kor-chn-tension").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_relation(&mut self, id: &str) -> Result<Relation> {
        self.take_relation(id).ok_or_else(|| {
            Error::at(
                ErrorKind::UnknownRelation { id: id.to_owned() },
                Location::new(Element::Relation, Some(id)),
            )
        })
    }

    /// An error about an unknown entity, relation kind or source, with the closest known name
    /// as a suggestion when one is close ([`Error::suggestion`]).
    pub(crate) fn hint(&self, error: Error) -> Error {
        match error.kind() {
            ErrorKind::UnknownEntity { .. } => {
                error.suggest(self.entities().map(|e| e.id.as_str()))
            }
            ErrorKind::UnknownRelationKind { .. } => {
                error.suggest(self.schema.kinds().map(|k| k.name.as_str()))
            }
            ErrorKind::UnknownSource { .. } => {
                error.suggest(self.sources.iter().map(|s| s.id.as_str()))
            }
            _ => error,
        }
    }

    // ----- traversal handles for the algorithms (crate-internal) -----

    /// The store under the graph, for filters and searches.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Search state to reuse: taken from the graph's pool (or new), to be given back with
    /// [`Graph::give_back`].
    pub(crate) fn scratch(&self) -> crate::scratch::Scratch {
        let mut pool = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = pool.pop().unwrap_or_default();
        s.begin(self.node_bound());
        s
    }

    /// Returns search state to the pool.
    pub(crate) fn give_back(&self, scratch: crate::scratch::Scratch) {
        let mut pool = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < 4 {
            pool.push(scratch);
        }
    }

    /// The dense handle of an entity, for traversal algorithms. Handles are below
    /// [`Graph::node_bound`], follow entity order, and never leave the crate.
    pub(crate) fn node_of(&self, id: &str) -> Option<usize> {
        self.store.handle(id).map(|h| h as usize)
    }

    /// One more than the largest entity handle.
    pub(crate) fn node_bound(&self) -> usize {
        self.store.entity_places()
    }

    /// The entity behind a live handle.
    pub(crate) fn entity_at(&self, node: usize) -> &Entity {
        // Algorithms only hold handles of live entities, found through the id index or
        // adjacency lists.
        self.store
            .entity_at(node as u32)
            .expect("a traversal handle is live")
    }

    /// The handles of every entity, in entity order.
    pub(crate) fn nodes(&self) -> impl Iterator<Item = usize> + '_ {
        self.store.entities().map(|(h, _)| h as usize)
    }

    /// Every relation touching `node` that `direction` lets a traversal follow away from it
    /// (symmetric kinds both ways), in relation order. A relation from `node` to itself
    /// appears once (see [`Store::steps`]).
    pub(crate) fn steps(&self, node: usize, direction: Direction) -> Steps<'_> {
        self.store.steps(node as u32, direction)
    }

    // ----- whole-graph operations -----

    /// Checks every element against every rule and returns all violations at once, as data,
    /// in the order sources, entities, relations. A graph built through this API has none;
    /// the loaders use the same rules to report every problem of a file.
    ///
    /// # Complexity
    /// O(n + m) lookups.
    ///
    /// # Example
    /// ```
    /// let g = alliance_graph::datasets::us_korea_2011();
    /// assert!(g.validate().is_empty());
    /// ```
    pub fn validate(&self) -> Vec<Error> {
        let mut out = Vec::new();
        for s in &self.sources {
            let location = Location::new(Element::Source, Some(s.id.as_str()));
            out.extend(check::located(check::source(s), &location));
        }
        for e in self.entities() {
            let location = Location::new(Element::Entity, Some(e.id.as_str()));
            out.extend(check::located(check::entity(e, self), &location));
        }
        for r in self.relations() {
            let r = r.to_relation();
            let location = Graph::relation_location(&r);
            out.extend(check::located(check::relation(&r, self), &location));
        }
        out
    }

    /// [`Graph::validate`], and the promises a sourced dataset makes: every relation quotes
    /// its source ([`ErrorKind::Unquoted`]); every quote appears, character for character, in
    /// the text given for its source in `texts` (source id, text; sources without a text are
    /// not searched: [`ErrorKind::QuoteNotInSource`]); every relation can hold on some day
    /// ([`ErrorKind::NeverHolds`]). All problems at once, in graph order.
    ///
    /// # Complexity
    /// O(n + m) lookups, plus O(q · t) to search q quotes in texts of length t.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let texts = [
    ///     (datasets::ARTICLE_SOURCE, datasets::US_KOREA_2011_ARTICLE),
    ///     (datasets::TERMS_SOURCE, datasets::US_KOREA_2011_TERMS),
    /// ];
    /// assert!(g.validate_strict(&texts).is_empty());
    /// ```
    pub fn validate_strict(&self, texts: &[(&str, &str)]) -> Vec<Error> {
        let mut out = self.validate();
        let text_of = |id: &str| texts.iter().find(|(s, _)| *s == id).map(|(_, t)| *t);
        let located = |r: &RelationRef<'_>, field: String| {
            Location::new(Element::Relation, Some(r.id())).field(&field)
        };
        for r in self.relations() {
            if r.evidence().is_empty() {
                out.push(Error::at(
                    ErrorKind::Unquoted,
                    located(&r, "evidence".into()),
                ));
            }
            for (i, e) in r.evidence().iter().enumerate() {
                if let Some(text) = text_of(e.source.as_str())
                    && !text.contains(e.quote.as_str())
                {
                    out.push(Error::at(
                        ErrorKind::QuoteNotInSource {
                            quote: e.quote.clone(),
                            source: e.source.to_string(),
                        },
                        located(&r, format!("evidence[{i}].quote")),
                    ));
                }
            }
            if r.effective_interval().is_none() {
                out.push(Error::at(
                    ErrorKind::NeverHolds,
                    located(&r, "valid".into()),
                ));
            }
        }
        out
    }

    /// A copy of the graph that keeps only what the listed sources say: the source table
    /// shrinks to them, evidence from other sources is dropped, a relation whose every piece
    /// of evidence came from other sources is dropped, and an entity whose lifetime evidence
    /// all came from other sources loses its lifetime (it becomes always alive). Entities and
    /// relations that carried no evidence at all are kept as they are.
    ///
    /// This is how the bundled dataset's article-only view leaves out the background dates it
    /// adds from a separate source.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownSource`] when a listed source is not in the table.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::datasets;
    /// let g = datasets::us_korea_2011();
    /// let article = g.only_sources(&[datasets::ARTICLE_SOURCE])?;
    /// assert!(article.entity("lee-government").unwrap().lifetime.is_always());
    /// assert!(!g.entity("lee-government").unwrap().lifetime.is_always());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn only_sources(&self, keep: &[&str]) -> Result<Graph> {
        for id in keep {
            if !self.has_source(id) {
                return Err(Error::new(ErrorKind::UnknownSource {
                    id: (*id).to_owned(),
                }));
            }
        }
        let kept = |e: &crate::Evidence| keep.contains(&e.source.as_str());
        let mut out = Graph::with_schema(self.schema.clone());
        for s in self
            .sources
            .iter()
            .filter(|s| keep.contains(&s.id.as_str()))
        {
            // Copied from a valid table: cannot fail.
            out.add_source(s.clone())?;
        }
        for e in self.entities() {
            let mut e = e.clone();
            if !e.lifetime_evidence.is_empty() {
                e.lifetime_evidence.retain(kept);
                if e.lifetime_evidence.is_empty() {
                    e.lifetime = Interval::ALWAYS;
                }
            }
            // Copied from a valid graph with the same schema and a superset of the kept
            // evidence: insertion cannot fail.
            out.add_entity(e)?;
        }
        for r in self.relations() {
            if r.evidence().is_empty() {
                out.add_relation(r.to_relation())?;
            } else if r.evidence().iter().any(kept) {
                let mut r = r.to_relation();
                r.evidence.retain(kept);
                out.add_relation(r)?;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Evidence, RelationKind, Status};

    fn small() -> Graph {
        let mut g = Graph::new();
        g.add_source(Source::new("s", "A source")).unwrap();
        for (id, kind) in [
            ("USA", EntityKind::State),
            ("KOR", EntityKind::State),
            ("PRK", EntityKind::State),
            ("talks", EntityKind::Organization),
        ] {
            g.add_entity(Entity::new(id, kind, id)).unwrap();
        }
        g.add_relation(Relation::new("a", RelationKind::ALLIANCE, "USA", "KOR"))
            .unwrap();
        g.add_relation(Relation::new("t", RelationKind::TENSION, "PRK", "KOR"))
            .unwrap();
        g.add_relation(
            Relation::new("c", RelationKind::PROVOKES, "PRK", "USA")
                .asserted(Status::Claim, Some("KOR".into()))
                .about("talks"),
        )
        .unwrap();
        g
    }

    fn ids<'a>(it: impl Iterator<Item = crate::RelationRef<'a>>) -> Vec<String> {
        it.map(|r| r.id().to_string()).collect()
    }

    fn removed_ids(removed: &RemovedEntity) -> Vec<&str> {
        removed.relations.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn removal_cascades_over_every_reference_and_returns_it() {
        let mut g = small();
        let removed = g.remove_entity("KOR").unwrap();
        assert_eq!(removed.entity.id, "KOR");
        assert_eq!(removed_ids(&removed), ["a", "t", "c"]);
        assert_eq!(g.relation_count(), 0);
        assert!(g.validate().is_empty());
        let mut g = small();
        let removed = g.remove_entity("talks").unwrap();
        assert_eq!(removed_ids(&removed), ["c"]);
        assert_eq!(ids(g.relations()), ["a", "t"]);
    }

    #[test]
    fn order_survives_updates_and_removals() {
        let mut g = small();
        let mut t = g.relation("t").unwrap().to_relation();
        t.source = "USA".into();
        t.target = "PRK".into();
        g.update_relation(t).unwrap();
        assert_eq!(ids(g.relations()), ["a", "t", "c"]);
        assert_eq!(g.relation("t").unwrap().source(), "USA");
        g.remove_relation("a").unwrap();
        g.add_relation(Relation::new("a2", RelationKind::ALLIANCE, "USA", "KOR"))
            .unwrap();
        assert_eq!(ids(g.relations()), ["t", "c", "a2"]);
        assert!(g.relation("a").is_none());
        assert!(g.remove_relation("a").is_err());
    }

    #[test]
    fn kind_change_is_checked_against_existing_relations() {
        let mut g = small();
        let err = g
            .update_entity(Entity::new("USA", EntityKind::Event, "USA"))
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::EndpointsNotAllowed { .. }));
        assert_eq!(g.entity("USA").unwrap().kind, EntityKind::State);
        let old = g
            .update_entity(Entity::new("USA", EntityKind::Government, "US government"))
            .unwrap();
        assert_eq!(old.name, "USA");
        assert_eq!(g.entity("USA").unwrap().kind, EntityKind::Government);
    }

    #[test]
    fn insert_rejects_each_rule() {
        let mut g = small();
        let cases: Vec<(Relation, &str)> = vec![
            (
                Relation::new("x", RelationKind::LEADS, "USA", "KOR"),
                "does not allow a state as source",
            ),
            (
                Relation::new("x", RelationKind::new("NOPE"), "USA", "KOR"),
                "unknown relation kind `NOPE`",
            ),
            (
                Relation::new("x", RelationKind::FEARS, "USA", "KOR")
                    .asserted(Status::Fact, Some("PRK".into())),
                "a fact cannot be asserted by `PRK`",
            ),
            (
                Relation::new("x", RelationKind::FEARS, "USA", "KOR").intensity(1.5),
                "invalid value `1.5`",
            ),
            (
                Relation::new("x", RelationKind::FEARS, "USA", "KOR")
                    .evidence(Evidence::new("s", "  ")),
                "empty quote in relation `x` (field `evidence[0].quote`)",
            ),
            (
                Relation::new("x", RelationKind::FEARS, "USA", "KOR")
                    .evidence(Evidence::new("nowhere", "q")),
                "unknown source `nowhere`",
            ),
            (
                Relation::new("a", RelationKind::FEARS, "USA", "KOR"),
                "duplicate relation id `a`",
            ),
            (
                Relation::new("bad id", RelationKind::FEARS, "USA", "KOR"),
                "invalid id `bad id`",
            ),
        ];
        for (r, message) in cases {
            let err = g.add_relation(r).unwrap_err();
            assert!(err.to_string().contains(message), "{err} / {message}");
        }
        assert_eq!(g.relation_count(), 3);
    }

    #[test]
    fn lifetimes_narrow_when_relations_hold() {
        let mut g = small();
        let roh = Entity::new("roh", EntityKind::Government, "Roh").lifetime(
            Interval::new(
                Some("2003-02-25".parse().unwrap()),
                Some("2008-02-24".parse().unwrap()),
            )
            .unwrap(),
        );
        g.add_entity(roh).unwrap();
        g.add_relation(Relation::new(
            "o",
            RelationKind::SEES_AS_OBSTACLE,
            "roh",
            "USA",
        ))
        .unwrap();
        let o = g.relation("o").unwrap();
        assert!(o.holds_at("2003".parse().unwrap()));
        assert!(!o.holds_at("2008-03".parse().unwrap()));
        assert_eq!(
            o.effective_interval().unwrap().to_string(),
            "2003-02-25..2008-02-24"
        );
    }
}
