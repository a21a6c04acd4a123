//! The rules every element must obey, written once and used by insertion, by
//! [`crate::Graph::validate`] and by the loaders.
//!
//! Each function lists every problem of one element as `(field, kind)` pairs; the caller adds
//! the element's location.

use crate::error::{ErrorKind, Location};
use crate::id::id_problem;
use crate::model::{Attributes, Entity, Evidence, Relation, Source, Status, Value};
use crate::schema::{EntityKind, Schema};

/// A problem found in one field of an element.
pub(crate) type Problem = (String, ErrorKind);

/// What the rules need to know about the rest of the graph.
pub(crate) trait Context {
    fn schema(&self) -> &Schema;
    fn has_source(&self, id: &str) -> bool;
    fn entity_kind(&self, id: &str) -> Option<EntityKind>;
}

fn id(problems: &mut Vec<Problem>, field: &str, id: &str) {
    if let Some(reason) = id_problem(id) {
        problems.push((
            field.to_owned(),
            ErrorKind::InvalidId {
                id: id.to_owned(),
                reason,
            },
        ));
    }
}

fn non_empty(problems: &mut Vec<Problem>, field: &str, text: &str) {
    if !crate::text::visible(text) {
        problems.push((
            field.to_owned(),
            ErrorKind::InvalidValue {
                value: text.to_owned(),
                expected: "non-empty, visible text",
            },
        ));
    }
}

fn unit(problems: &mut Vec<Problem>, field: &str, value: Option<f64>) {
    if let Some(v) = value
        && !(0.0..=1.0).contains(&v)
    {
        problems.push((
            field.to_owned(),
            ErrorKind::InvalidValue {
                value: v.to_string(),
                expected: "a number from 0 to 1",
            },
        ));
    }
}

fn attributes(problems: &mut Vec<Problem>, attrs: &Attributes) {
    for (name, value) in attrs {
        if let Value::Float(f) = value
            && !f.is_finite()
        {
            problems.push((
                format!("attributes.{name}"),
                ErrorKind::InvalidValue {
                    value: f.to_string(),
                    expected: "a finite number",
                },
            ));
        }
    }
}

fn evidence(problems: &mut Vec<Problem>, field: &str, items: &[Evidence], ctx: &dyn Context) {
    for (i, e) in items.iter().enumerate() {
        if !ctx.has_source(e.source.as_str()) {
            problems.push((
                format!("{field}[{i}].source"),
                ErrorKind::UnknownSource {
                    id: e.source.to_string(),
                },
            ));
        }
        if !crate::text::visible(&e.quote) {
            problems.push((format!("{field}[{i}].quote"), ErrorKind::EmptyQuote));
        }
    }
}

pub(crate) fn source(s: &Source) -> Vec<Problem> {
    let mut problems = Vec::new();
    id(&mut problems, "id", s.id.as_str());
    non_empty(&mut problems, "title", &s.title);
    // Absent or not empty, so that every format can tell the two apart.
    for (field, value) in [("publisher", &s.publisher), ("url", &s.url)] {
        if let Some(v) = value {
            non_empty(&mut problems, field, v);
        }
    }
    problems
}

pub(crate) fn entity(e: &Entity, ctx: &dyn Context) -> Vec<Problem> {
    let mut problems = Vec::new();
    id(&mut problems, "id", e.id.as_str());
    non_empty(&mut problems, "name", &e.name);
    evidence(
        &mut problems,
        "lifetime_evidence",
        &e.lifetime_evidence,
        ctx,
    );
    attributes(&mut problems, &e.attributes);
    problems
}

pub(crate) fn relation(r: &Relation, ctx: &dyn Context) -> Vec<Problem> {
    let mut problems = Vec::new();
    id(&mut problems, "id", r.id.as_str());
    let mut kind_of = |field: &str, id: &str| {
        let kind = ctx.entity_kind(id);
        if kind.is_none() {
            problems.push((
                field.to_owned(),
                ErrorKind::UnknownEntity { id: id.to_owned() },
            ));
        }
        kind
    };
    let source = kind_of("source", r.source.as_str());
    let target = kind_of("target", r.target.as_str());
    if let Some(about) = &r.about {
        kind_of("about", about.as_str());
    }
    if let Some(by) = &r.asserted_by {
        kind_of("asserted_by", by.as_str());
    }
    for (field, anchor) in [
        ("not_before", &r.not_before),
        ("not_after", &r.not_after),
        ("throughout", &r.throughout),
    ] {
        if let Some(anchor) = anchor {
            kind_of(field, anchor.as_str());
        }
    }
    match ctx.schema().get(r.kind.as_str()) {
        None => problems.push((
            "kind".to_owned(),
            ErrorKind::UnknownRelationKind {
                name: r.kind.to_string(),
            },
        )),
        Some(def) => {
            if let (Some(s), Some(t)) = (source, target)
                && !def.allows(s, t)
            {
                problems.push((
                    "kind".to_owned(),
                    ErrorKind::EndpointsNotAllowed {
                        kind: r.kind.to_string(),
                        source: s,
                        target: t,
                    },
                ));
            }
        }
    }
    if let (Status::Fact, Some(by)) = (r.status, &r.asserted_by) {
        problems.push((
            "asserted_by".to_owned(),
            ErrorKind::AssertedFact {
                asserted_by: by.to_string(),
            },
        ));
    }
    unit(&mut problems, "intensity", r.intensity);
    unit(&mut problems, "confidence", r.confidence);
    evidence(&mut problems, "evidence", &r.evidence, ctx);
    attributes(&mut problems, &r.attributes);
    problems
}

/// Turns the problems of one element into errors at its location.
pub(crate) fn located(
    problems: Vec<Problem>,
    location: &Location,
) -> impl Iterator<Item = crate::Error> + '_ {
    problems
        .into_iter()
        .map(move |(field, kind)| crate::Error::at(kind, location.clone().field(field)))
}
