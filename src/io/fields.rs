//! Named text fields into entities and relations, written once for every reader that meets
//! them as text: the Neo4j CSV reader (a row's columns) and the GraphML reader (a node's or
//! an edge's `<data>` elements).
//!
//! A reader resolves the fields it knows once per file (a [`Col`]: the name and where a
//! record holds it, if the file has it at all) and hands each record over as [`Fields`]: text
//! by field, and errors located at a field. [`entity`] and [`relation_fields`] turn those into
//! an [`Entity`] or the fields of a [`Relation`]; [`relocate`] moves an insertion error from
//! the model's field names to the file's.

use crate::error::{Error, ErrorKind, Result};
use crate::id::EntityId;
use crate::io::json::{parse_evidence_fragment, parse_strings_fragment};
use crate::known::{Occurrence, Tense};
use crate::model::{Entity, Evidence, Relation, Status};
use crate::schema::{EntityKind, Polarity};
use crate::time::{Date, Interval};

/// A field as a reader resolved it for one file: its name, and where each record holds it
/// (`None`: the file does not have the field).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Col {
    pub(crate) name: &'static str,
    pub(crate) index: Option<usize>,
}

impl Col {
    /// A field the file cannot have (a column one format has and another lacks).
    pub(crate) const fn absent(name: &'static str) -> Col {
        Col { name, index: None }
    }

    /// Whether the file has the field.
    pub(crate) fn present(self) -> bool {
        self.index.is_some()
    }
}

/// One record of a file, read as named text fields; errors are located at a field.
pub(crate) trait Fields<'a> {
    /// The field's text; `None` when the file lacks the field or the record leaves it empty.
    fn text(&self, col: Col) -> Option<&'a str>;

    /// An error located at the field.
    fn fail(&self, col: Col, kind: ErrorKind) -> Error;

    /// An error at a field named at run time (an insertion error's field, mapped to the
    /// file's name for it); at the record itself when the file has no such field.
    fn fail_named(&self, name: &str, kind: ErrorKind) -> Error;

    /// The error for a required field the record leaves empty.
    fn missing(&self, col: Col) -> Error;

    /// The field's text, which must be there.
    fn required(&self, col: Col) -> Result<&'a str> {
        self.text(col).ok_or_else(|| self.missing(col))
    }

    /// The field parsed by `f`; `None` when it is empty.
    fn parse<T>(
        &self,
        col: Col,
        f: impl FnOnce(&str) -> Result<T, ErrorKind>,
    ) -> Result<Option<T>> {
        match self.text(col) {
            None => Ok(None),
            Some(t) => f(t).map(Some).map_err(|k| self.fail(col, k)),
        }
    }

    fn date(&self, col: Col) -> Result<Option<Date>> {
        self.parse(col, |t| t.parse::<Date>().map_err(|e| e.kind().clone()))
    }

    /// A date given as a bare year number (the benchmark workload's `since:int`).
    fn year(&self, col: Col) -> Result<Option<Date>> {
        self.parse(col, |t| {
            let year: u16 = t.parse().map_err(|_| ErrorKind::InvalidDate {
                text: t.to_owned(),
                reason: "expected a year".to_owned(),
            })?;
            Date::year(year).map_err(|e| e.kind().clone())
        })
    }

    fn float(&self, col: Col) -> Result<Option<f64>> {
        self.parse(col, |t| {
            crate::io::float(t).map_err(|expected| ErrorKind::InvalidValue {
                value: t.to_owned(),
                expected,
            })
        })
    }

    /// The interval of two dates read from the record, an inverted one located at `col`.
    fn interval(&self, from: Option<Date>, until: Option<Date>, col: Col) -> Result<Interval> {
        Interval::new(from, until).map_err(|e| self.fail(col, e.kind().clone()))
    }

    /// A field of JSON evidence (empty: none).
    fn evidence(&self, col: Col) -> Result<Vec<Evidence>> {
        Ok(self
            .parse(col, parse_evidence_fragment)?
            .unwrap_or_default())
    }

    /// A field holding a JSON list of strings (empty: none).
    fn strings(&self, col: Col) -> Result<Vec<String>> {
        Ok(self.parse(col, parse_strings_fragment)?.unwrap_or_default())
    }
}

/// The fields of an entity besides its id, kind, name and attributes, which each format
/// spells its own way.
pub(crate) struct EntityCols {
    pub(crate) aliases: Col,
    pub(crate) from: Col,
    pub(crate) until: Col,
    pub(crate) evidence: Col,
}

/// An entity with its aliases, lifetime and lifetime evidence read from the record; no
/// attributes.
pub(crate) fn entity<'a>(
    rec: &impl Fields<'a>,
    c: &EntityCols,
    id: &str,
    kind: EntityKind,
    name: &str,
) -> Result<Entity> {
    let from = rec.date(c.from)?;
    let until = rec.date(c.until)?;
    let mut entity = Entity::new(id, kind, name);
    entity.aliases = rec.strings(c.aliases)?;
    entity.lifetime = rec.interval(from, until, c.from)?;
    entity.lifetime_evidence = rec.evidence(c.evidence)?;
    Ok(entity)
}

/// The fields of a relation besides its id, kind, ends and attributes. A format without one
/// passes [`Col::absent`].
pub(crate) struct RelationCols {
    /// The polarity as stated (`positive`, `negative`, `neutral`), empty for the kind's.
    pub(crate) polarity: Col,
    /// The effective sign (1, -1, 0): read only when the file has no `polarity` field, and
    /// then a polarity override only where it differs from the kind's.
    pub(crate) sign: Col,
    /// The effective polarity by name: read as `sign` is, when the file has neither.
    pub(crate) effective: Col,
    pub(crate) intensity: Col,
    /// The benchmark workload's name for intensity, read when `intensity` is empty.
    pub(crate) weight: Col,
    pub(crate) confidence: Col,
    pub(crate) valid_from: Col,
    /// The benchmark workload's start year, read when `valid_from` is empty.
    pub(crate) since: Col,
    pub(crate) valid_until: Col,
    /// The benchmark workload's end year, read when `valid_until` is empty.
    pub(crate) until: Col,
    pub(crate) tense: Col,
    pub(crate) occurs: Col,
    pub(crate) not_before: Col,
    pub(crate) not_after: Col,
    pub(crate) throughout: Col,
    pub(crate) status: Col,
    pub(crate) asserted_by: Col,
    pub(crate) about: Col,
    pub(crate) evidence: Col,
}

fn polarity_name(t: &str) -> Result<Polarity, ErrorKind> {
    t.parse::<Polarity>().map_err(|e| e.kind().clone())
}

fn sign(t: &str) -> Result<Polarity, ErrorKind> {
    match t {
        "1" | "+1" => Ok(Polarity::Positive),
        "-1" => Ok(Polarity::Negative),
        "0" => Ok(Polarity::Neutral),
        other => Err(ErrorKind::InvalidValue {
            value: other.to_owned(),
            expected: "1, -1 or 0",
        }),
    }
}

/// Reads every field of `RelationCols` from the record into `r`. `default` is the polarity
/// of `r`'s kind (an effective polarity equal to it is no override); `entity` turns an id
/// read from the record into the entity id to store (a reader may share the graph's own).
pub(crate) fn relation_fields<'a>(
    rec: &impl Fields<'a>,
    c: &RelationCols,
    r: &mut Relation,
    default: Option<Polarity>,
    entity: impl Fn(&str) -> EntityId,
) -> Result<()> {
    r.polarity = match rec.parse(c.polarity, polarity_name)? {
        Some(p) => Some(p),
        None if !c.polarity.present() => {
            let effective = match rec.parse(c.sign, sign)? {
                Some(p) => Some(p),
                None if !c.sign.present() => rec.parse(c.effective, polarity_name)?,
                None => None,
            };
            effective.filter(|p| Some(*p) != default)
        }
        None => None,
    };
    r.intensity = match rec.float(c.intensity)? {
        Some(x) => Some(x),
        None => rec.float(c.weight)?,
    };
    r.confidence = rec.float(c.confidence)?;
    let from = match rec.date(c.valid_from)? {
        Some(d) => Some(d),
        None => rec.year(c.since)?,
    };
    let until = match rec.date(c.valid_until)? {
        Some(d) => Some(d),
        None => rec.year(c.until)?,
    };
    r.valid = rec.interval(from, until, c.valid_from)?;
    r.status = rec
        .parse(c.status, |t| {
            t.parse::<Status>().map_err(|e| e.kind().clone())
        })?
        .unwrap_or_default();
    r.tense = rec
        .parse(c.tense, |t| {
            t.parse::<Tense>().map_err(|e| e.kind().clone())
        })?
        .unwrap_or_default();
    r.occurs = rec
        .parse(c.occurs, |t| {
            t.parse::<Occurrence>().map_err(|e| e.kind().clone())
        })?
        .unwrap_or_default();
    let id = |col: Col| rec.text(col).map(&entity);
    r.asserted_by = id(c.asserted_by);
    r.about = id(c.about);
    r.not_before = id(c.not_before);
    r.not_after = id(c.not_after);
    r.throughout = id(c.throughout);
    r.evidence = rec.evidence(c.evidence)?;
    Ok(())
}

/// Re-locates an insertion error at the record's field that caused it: `names` maps the
/// model's top-level field names to the file's (`valid` to `valid_from`); others keep their
/// name. The error keeps its kind, its suggestion ("did you mean …?") and the model's full
/// field (`evidence[1].source`).
pub(crate) fn relocate<'a>(e: Error, rec: &impl Fields<'a>, names: &[(&str, &str)]) -> Error {
    let field = e.location().and_then(|l| l.field.clone());
    let place = match field {
        None => rec.fail_named("id", e.kind().clone()),
        Some(field) => {
            let top = field.split(['.', '[']).next().unwrap_or(&field);
            let name = names
                .iter()
                .find(|(model, _)| *model == top)
                .map_or(top, |(_, file)| file);
            let mut place = rec.fail_named(name, e.kind().clone());
            if let Some(l) = place.location_mut() {
                l.field = Some(field);
            }
            place
        }
    };
    match place.location() {
        Some(l) => e.with_location(l.clone()),
        None => e,
    }
}
