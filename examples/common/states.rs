//! Which state an actor stands for, shared by the examples that fold governments and leaders
//! into their states.

use alliance_graph::{EntityKind, Graph, RelationKind};

/// The state an entity stands for: itself for a state, the state a government governs, the
/// state of the government a person leads or serves in. `None` for anything else.
pub fn state_of<'g>(g: &'g Graph, id: &str) -> Option<&'g str> {
    let entity = g.entity(id)?;
    let follow = |kinds: &[RelationKind]| {
        g.relations()
            .find(|r| r.source() == id && kinds.contains(r.kind()))
            .map(|r| r.target().as_str())
    };
    match entity.kind {
        EntityKind::State => Some(entity.id.as_str()),
        EntityKind::Government => follow(&[RelationKind::GOVERNS]),
        EntityKind::Person => follow(&[RelationKind::LEADS, RelationKind::HOLDS_OFFICE])
            .and_then(|gov| state_of(g, gov)),
        _ => None,
    }
}
