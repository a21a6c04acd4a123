//! What is known of a relation at a date: tense, one-off occurrences, anchors, and the
//! three-valued answer.
//!
//! A statement speaks of its own time. "Relations are the best they've been in decades",
//! written in 2011, says the relation held in 2011; it says nothing of 2005. So a relation has
//! three spans of days, computed once when it is inserted (see [`place`]):
//!
//! - **possible** `P`: outside it the relation does not hold. Its validity, cut by its
//!   anchors (`not_before`, `not_after`, `throughout`) and by its tense against the statement's date;
//! - **known** `K`: every day of it, the relation holds;
//! - **witness** `X`: on some day of it, unknown which, the relation holds (a present-tense
//!   statement dated "2011"; a one-off meeting some time in a term).
//!
//! At a span of days `Q` (a date, or a window), with `L` the days both ends live:
//! the relation **does not hold** when `P ∩ L ∩ Q` is empty; it **holds** when `K ∩ L` meets
//! `Q` or the non-empty `X ∩ L` lies within `Q`; otherwise it is **unknown**. `K` and `X` lie
//! within `P`, so the three cases never overlap.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Evidence;
use crate::time::{Date, Span};

/// How a statement places a relation in time, relative to when the statement was made (its
/// evidence's date, or its source's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Tense {
    /// No tense: the relation holds on every day of its validity (`valid`), and nowhere
    /// else. An undated timeless relation holds always. Format version 1's only reading.
    #[default]
    Timeless,
    /// Before the statement: "the two leaders did little to block anti-American protests".
    /// It held on some day before the statement's date (every day of its `throughout` era,
    /// when it names one) and on none from then on.
    Past,
    /// At the statement: "relations are the best they've been in decades". It held when the
    /// statement was made; before and after is unknown (bounded by validity and anchors).
    Present,
    /// After the statement: "could potentially provoke North Korea". Not before the
    /// statement's date, and never known to hold unless it names a `throughout` era.
    Future,
}

impl Tense {
    /// Every tense, in declaration order.
    pub const ALL: [Tense; 4] = [Tense::Timeless, Tense::Past, Tense::Present, Tense::Future];

    /// The name in the data formats: `timeless`, `past`, `present`, `future`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tense::Timeless => "timeless",
            Tense::Past => "past",
            Tense::Present => "present",
            Tense::Future => "future",
        }
    }
}

/// Whether a relation is a lasting state or a one-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Occurrence {
    /// A state that holds on every day it is known to hold.
    #[default]
    State,
    /// A one-off (a meeting, a visit, a sinking): it happened on some day of its possible
    /// span, unknown which; it is never known to hold on a given day narrower than that.
    Once,
}

impl Occurrence {
    /// Every occurrence, in declaration order.
    pub const ALL: [Occurrence; 2] = [Occurrence::State, Occurrence::Once];

    /// The name in the data formats: `state`, `once`.
    pub fn as_str(self) -> &'static str {
        match self {
            Occurrence::State => "state",
            Occurrence::Once => "once",
        }
    }
}

macro_rules! named_enum {
    ($t:ty, $expected:literal) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $t {
            type Err = Error;

            fn from_str(s: &str) -> Result<$t> {
                <$t>::ALL
                    .into_iter()
                    .find(|k| k.as_str() == s)
                    .ok_or_else(|| {
                        Error::new(ErrorKind::InvalidValue {
                            value: s.to_owned(),
                            expected: $expected,
                        })
                    })
            }
        }
    };
}

named_enum!(Tense, "`timeless`, `past`, `present` or `future`");
named_enum!(Occurrence, "`state` or `once`");

/// What is known of a relation at a date or over a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Truth {
    /// The evidence places the relation there.
    Holds,
    /// The evidence rules it out there (its validity, anchors, tense or its ends' lifetimes).
    DoesNotHold,
    /// Neither: the evidence does not say.
    Unknown,
}

/// Which relations a time constraint keeps, given three-valued [`Truth`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Reading {
    /// Closed world, the default: only what the evidence places at the date ([`Truth::Holds`]).
    /// A relation kept under this reading is never a guess.
    #[default]
    Known,
    /// Open world: everything not ruled out ([`Truth::Holds`] or [`Truth::Unknown`]).
    Possible,
}

impl Reading {
    /// Whether a relation of this truth is kept.
    pub fn keeps(self, truth: Truth) -> bool {
        match self {
            Reading::Known => truth == Truth::Holds,
            Reading::Possible => truth != Truth::DoesNotHold,
        }
    }
}

/// When a statement was made: the latest date of its evidence (each piece's own date, or
/// its source's, looked up by `source_date`). `None` when no piece is dated.
pub(crate) fn statement_date(
    evidence: &[Evidence],
    source_date: impl Fn(&str) -> Option<Date>,
) -> Option<Date> {
    evidence
        .iter()
        .filter_map(|e| e.date.or_else(|| source_date(e.source.as_str())))
        .max_by_key(|d| (d.last_day_number(), std::cmp::Reverse(d.first_day_number())))
}

/// A relation's three spans (see the module documentation), before its ends' lifetimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub possible: Span,
    pub known: Span,
    pub witness: Span,
}

pub(crate) const NO_DAYS: Span = Span {
    first: i32::MAX,
    last: i32::MIN,
};

/// What a relation's fields say about when it holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Said {
    /// Its validity, as days.
    pub valid: Span,
    pub tense: Tense,
    pub occurs: Occurrence,
    /// When the statement was made: the latest date of its evidence (`None` when undated).
    pub stated: Option<Span>,
    /// The lifetime of its `not_before` anchor.
    pub not_before: Option<Span>,
    /// The days of its `not_after` anchor's start date (`None` when it has none: unmet).
    pub not_after: Option<Span>,
    /// The lifetime of its `throughout` era.
    pub throughout: Option<Span>,
}

impl Placement {
    /// A timeless state: possible and known on the same days, no witness (format version 1).
    pub(crate) fn exact(valid: Span) -> Placement {
        Placement {
            possible: valid,
            known: valid,
            witness: NO_DAYS,
        }
    }

    /// Whether the relation holds on every possible day: `holds` is two-valued for it.
    pub(crate) fn is_exact(&self) -> bool {
        // Empty spans are all `NO_DAYS` (see `place`), so an empty relation compares equal.
        self.known == self.possible && self.witness.is_empty()
    }

    /// The truth at the days `q`, with `life` the days both ends live.
    pub(crate) fn truth(&self, life: Span, q: Span) -> Truth {
        if self.possible.meet(life).meet(q).is_empty() {
            return Truth::DoesNotHold;
        }
        let witness = self.witness.meet(life);
        if !self.known.meet(life).meet(q).is_empty() || !witness.is_empty() && witness.within(q) {
            Truth::Holds
        } else {
            Truth::Unknown
        }
    }
}

/// The three spans of a relation. See the module documentation; the rules:
///
/// - `P` = validity ∩ \[first day of `not_before`'s lifetime, ∞) ∩ (−∞, last day of
///   `not_after`'s start date\]
///   ∩ `throughout`'s lifetime ∩ the tense's cut: past ends the day before the statement's
///   last day, future starts the day after its first (no cut when undated).
/// - `K` = `P` for a timeless state; for a past (future) state with a `throughout` era
///   dated at both ends, the part of `P` before the statement's first day (after its last);
///   for a present state with such an era, the part of `P` up to the statement's first day;
///   empty otherwise (and always for a one-off).
/// - `X` = the statement's days within `P` for a present state; `P` for a one-off and for a
///   past state without an era; empty otherwise.
pub(crate) fn place(said: &Said) -> Placement {
    let all = Span::ALWAYS;
    let cut = match (said.tense, said.stated) {
        (Tense::Past, Some(s)) => Span::before(s.last),
        (Tense::Future, Some(s)) => Span::after(s.first),
        _ => all,
    };
    let not_before = said.not_before.map_or(all, |a| Span {
        first: a.first,
        last: i32::MAX,
    });
    let not_after = said.not_after.map_or(all, |u| Span {
        first: i32::MIN,
        last: u.last,
    });
    let era = said.throughout.unwrap_or(all);
    let possible = said
        .valid
        .meet(not_before)
        .meet(not_after)
        .meet(cut)
        .meet(era);
    let once = said.occurs == Occurrence::Once;
    // An era makes days known only where its lifetime is known: one open on a side (undated,
    // or its dates dropped with their source) still bounds the possible days, but a
    // statement about it is then known only as one without an era.
    let era = said
        .throughout
        .is_some_and(|e| e.first != i32::MIN && e.last != i32::MAX);
    let known = match (said.tense, era, said.stated) {
        _ if once => NO_DAYS,
        (Tense::Timeless, _, _) => possible,
        // Before the statement: every day of the era before the statement's first day
        // (the statement may have been made on it).
        (Tense::Past, true, Some(s)) => possible.meet(Span::before(s.first)),
        (Tense::Future, true, Some(s)) => possible.meet(Span::after(s.last)),
        (Tense::Past | Tense::Future, true, None) => possible,
        (Tense::Present, true, Some(s)) => possible.meet(Span::before(s.first.saturating_add(1))),
        _ => NO_DAYS,
    };
    let witness = match (said.tense, era, said.stated) {
        _ if once => possible,
        (Tense::Present, _, Some(s)) => s.meet(possible),
        (Tense::Past, false, _) => possible,
        _ => NO_DAYS,
    };
    let norm = |s: Span| if s.is_empty() { NO_DAYS } else { s };
    Placement {
        possible: norm(possible),
        known: norm(known),
        witness: norm(witness),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> Span {
        text.parse::<Date>().unwrap().span()
    }

    fn said(tense: Tense, stated: Option<&str>) -> Said {
        Said {
            valid: Span::ALWAYS,
            tense,
            occurs: Occurrence::State,
            stated: stated.map(days),
            not_before: None,
            not_after: None,
            throughout: None,
        }
    }

    #[test]
    fn a_present_statement_holds_at_its_date_and_is_unknown_elsewhere() {
        let p = place(&Said {
            not_before: Some(days("2008")),
            ..said(Tense::Present, Some("2011"))
        });
        let at = |d: &str| p.truth(Span::ALWAYS, days(d));
        assert_eq!(at("2011"), Truth::Holds);
        assert_eq!(at("2011-03"), Truth::Unknown); // the statement's day is somewhere in 2011
        assert_eq!(at("2010"), Truth::Unknown);
        assert_eq!(at("2005"), Truth::DoesNotHold); // before the anchor
        assert!(!p.is_exact());
    }

    #[test]
    fn past_and_future_cut_at_the_statement() {
        let past = place(&said(Tense::Past, Some("2011")));
        assert_eq!(past.truth(Span::ALWAYS, days("2012")), Truth::DoesNotHold);
        assert_eq!(past.truth(Span::ALWAYS, days("2011")), Truth::Unknown);
        assert_eq!(past.truth(Span::ALWAYS, days("2005")), Truth::Unknown);
        let era = place(&Said {
            throughout: Some(days("2005")),
            ..said(Tense::Past, Some("2011"))
        });
        assert_eq!(era.truth(Span::ALWAYS, days("2005-06")), Truth::Holds);
        assert_eq!(era.truth(Span::ALWAYS, days("2006")), Truth::DoesNotHold);
        let future = place(&said(Tense::Future, Some("2011")));
        assert_eq!(future.truth(Span::ALWAYS, days("2010")), Truth::DoesNotHold);
        assert_eq!(future.truth(Span::ALWAYS, days("2012")), Truth::Unknown);
    }

    #[test]
    fn a_one_off_holds_only_over_a_window_that_covers_it() {
        let p = place(&Said {
            valid: days("2010-03"),
            occurs: Occurrence::Once,
            ..said(Tense::Past, Some("2011"))
        });
        assert_eq!(p.truth(Span::ALWAYS, days("2010")), Truth::Holds);
        assert_eq!(p.truth(Span::ALWAYS, days("2010-03-15")), Truth::Unknown);
        assert_eq!(p.truth(Span::ALWAYS, days("2010-04")), Truth::DoesNotHold);
    }

    #[test]
    fn timeless_is_two_valued_and_lifetimes_narrow() {
        let p = place(&Said {
            valid: days("2010"),
            ..said(Tense::Timeless, Some("2011"))
        });
        assert!(p.is_exact());
        assert_eq!(p.truth(Span::ALWAYS, days("2010-05")), Truth::Holds);
        assert_eq!(p.truth(days("2011"), days("2010")), Truth::DoesNotHold);
        assert!(Reading::Possible.keeps(Truth::Unknown));
        assert!(!Reading::Known.keeps(Truth::Unknown));
        assert_eq!("past".parse::<Tense>().unwrap(), Tense::Past);
        assert!("later".parse::<Tense>().is_err());
    }
}
