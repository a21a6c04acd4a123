//! Model-based: bytes decode into graph operations (add, update and remove entities and
//! relations, with ids from small pools so that they collide), applied both to a `Graph` and
//! to a plain model of maps. After each operation the graph must agree with the model (which
//! operations succeed, which ids exist, in what order, with which ends), and `validate()` must
//! find nothing every 16 operations and at the end.
#![no_main]
use alliance_graph::{Entity, EntityKind, Graph, Relation, RelationKind};
use libfuzzer_sys::fuzz_target;

#[derive(Default)]
struct Model {
    /// Entities in insertion order, with their names.
    entities: Vec<(String, String)>,
    /// Relations in insertion order: id, source, target, intensity.
    relations: Vec<(String, String, String, Option<f64>)>,
}

impl Model {
    fn has_entity(&self, id: &str) -> bool {
        self.entities.iter().any(|(e, _)| e == id)
    }
    fn has_relation(&self, id: &str) -> bool {
        self.relations.iter().any(|(r, ..)| r == id)
    }
}

const KINDS: [RelationKind; 3] = [
    RelationKind::ALLIANCE,
    RelationKind::TENSION,
    RelationKind::SUPPORTS,
];

fuzz_target!(|data: &[u8]| {
    let mut g = Graph::new();
    let mut m = Model::default();
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    let mut ops = 0usize;
    while let Some(op) = next() {
        ops += 1;
        let a = next().unwrap_or(0);
        let b = next().unwrap_or(0);
        let c = next().unwrap_or(0);
        let eid = |x: u8| format!("e{}", x % 6);
        let rid = |x: u8| format!("r{}", x % 10);
        match op % 6 {
            0 => {
                let id = eid(a);
                let name = format!("n{b}");
                let ok = g
                    .add_entity(Entity::new(id.as_str(), EntityKind::State, name.as_str()))
                    .is_ok();
                assert_eq!(ok, !m.has_entity(&id), "add entity {id}");
                if ok {
                    m.entities.push((id, name));
                }
            }
            1 => {
                let (id, s, t) = (rid(a), eid(b), eid(c));
                let kind = KINDS[usize::from(c / 8) % KINDS.len()].clone();
                let ok = g
                    .add_relation(Relation::new(id.as_str(), kind, s.as_str(), t.as_str()))
                    .is_ok();
                let expect = !m.has_relation(&id) && m.has_entity(&s) && m.has_entity(&t);
                assert_eq!(ok, expect, "add relation {id} {s} {t}");
                if ok {
                    m.relations.push((id, s, t, None));
                }
            }
            2 => {
                let id = eid(a);
                let removed = g.remove_entity(&id);
                assert_eq!(removed.is_ok(), m.has_entity(&id), "remove entity {id}");
                if let Ok(removed) = removed {
                    let gone: Vec<String> =
                        removed.relations.iter().map(|r| r.id.to_string()).collect();
                    let mut expected: Vec<String> = m
                        .relations
                        .iter()
                        .filter(|(_, s, t, _)| *s == id || *t == id)
                        .map(|(r, ..)| r.clone())
                        .collect();
                    let mut got = gone.clone();
                    got.sort();
                    expected.sort();
                    assert_eq!(got, expected, "relations removed with {id}");
                    m.entities.retain(|(e, _)| *e != id);
                    m.relations.retain(|(_, s, t, _)| *s != id && *t != id);
                }
            }
            3 => {
                let id = rid(a);
                let removed = g.remove_relation(&id);
                assert_eq!(removed.is_ok(), m.has_relation(&id), "remove relation {id}");
                if removed.is_ok() {
                    m.relations.retain(|(r, ..)| *r != id);
                }
            }
            4 => {
                let id = eid(a);
                let name = format!("u{b}");
                let ok = g
                    .update_entity(Entity::new(id.as_str(), EntityKind::State, name.as_str()))
                    .is_ok();
                assert_eq!(ok, m.has_entity(&id), "update entity {id}");
                if ok {
                    if let Some(e) = m.entities.iter_mut().find(|(e, _)| *e == id) {
                        e.1 = name;
                    }
                }
            }
            _ => {
                let id = rid(a);
                let intensity = f64::from(b) / 255.0;
                let Some(old) = m.relations.iter().find(|(r, ..)| *r == id).cloned() else {
                    assert!(g.relation(&id).is_none());
                    continue;
                };
                let current = g.relation(&id).expect("in the model, so in the graph");
                let mut r = current.to_relation();
                r.intensity = Some(intensity);
                g.update_relation(r)
                    .expect("a valid change of a present relation");
                if let Some(x) = m.relations.iter_mut().find(|(r, ..)| *r == old.0) {
                    x.3 = Some(intensity);
                }
            }
        }
        // The graph agrees with the model.
        let ids: Vec<(String, String)> = g
            .entities()
            .map(|e| (e.id.to_string(), e.name.clone()))
            .collect();
        assert_eq!(ids, m.entities);
        let rels: Vec<(String, String, String, Option<f64>)> = g
            .relations()
            .map(|r| {
                (
                    r.id().to_owned(),
                    r.source().to_string(),
                    r.target().to_string(),
                    r.intensity(),
                )
            })
            .collect();
        assert_eq!(rels, m.relations);
        assert_eq!(g.entity_count(), m.entities.len());
        assert_eq!(g.relation_count(), m.relations.len());
        for (id, ..) in &m.relations {
            assert_eq!(g.relation(id).map(|r| r.id().to_owned()), Some(id.clone()));
        }
        // The full rule check every 16 operations (it is the costly part) and at the end.
        if ops % 16 == 0 {
            assert!(g.validate().is_empty());
        }
    }
    assert!(g.validate().is_empty());
});
