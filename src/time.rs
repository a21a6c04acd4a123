//! Dates of year, month or day precision, and intervals between them.
//!
//! A [`Date`] stands for a span of days: `2010` is every day of 2010, `2010-03` every day of
//! March 2010, `2010-03-26` one day. An [`Interval`] runs from the first day of its start to
//! the last day of its end, and either end may be open. Two spans *meet* when they share a
//! day; that is what [`Interval::contains`] and [`Interval::overlaps`] test, so a relation
//! valid "from March 2010" holds "in 2010", and one valid "until 2008" holds "in December
//! 2008".

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};

/// A calendar date of year, year-month or full-date precision, in the proleptic Gregorian
/// calendar, for the years 0 to 9999.
///
/// Dates order by year, then month, then day, with a less precise date before the more precise
/// ones inside it: `2010 < 2010-01 < 2010-01-01 < 2010-02`.
///
/// # Example
/// ```
/// use alliance_graph::{Date, Precision};
/// let d: Date = "2010-03".parse()?;
/// assert_eq!(d.precision(), Precision::Month);
/// assert_eq!(d.to_string(), "2010-03");
/// assert!("2010-02-30".parse::<Date>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// How precise a [`Date`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A whole year, such as `2010`.
    Year,
    /// A month, such as `2010-03`.
    Month,
    /// A day, such as `2010-03-26`.
    Day,
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 0000-03-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil).
fn day_number((year, month, day): (u16, u8, u8)) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// A span of days as day numbers, both ends included; an open end is `i32::MIN` or
/// `i32::MAX`. What the store keeps of dates, so a time test is two integer comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub first: i32,
    pub last: i32,
}

impl Span {
    /// Every day.
    pub(crate) const ALWAYS: Span = Span {
        first: i32::MIN,
        last: i32::MAX,
    };

    /// The days the two spans share (empty when they share none).
    pub(crate) fn meet(self, other: Span) -> Span {
        Span {
            first: self.first.max(other.first),
            last: self.last.min(other.last),
        }
    }

    /// Whether the span has no day.
    pub(crate) fn is_empty(self) -> bool {
        self.first > self.last
    }
}

/// The proleptic Gregorian date of a day number (H. Hinnant's civil-from-days), the inverse of
/// `day_number`.
fn civil(days: i64) -> (i64, u8, u8) {
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Span {
    /// Whether every day of `self` lies in `other` (an empty span lies in every span).
    pub(crate) fn within(self, other: Span) -> bool {
        self.is_empty() || (other.first <= self.first && self.last <= other.last)
    }

    /// The days before `day` (exclusive): an open start, ending the day before.
    pub(crate) fn before(day: i32) -> Span {
        Span {
            first: i32::MIN,
            last: day.saturating_sub(1),
        }
    }

    /// The days after `day` (exclusive): starting the day after, open at the end.
    pub(crate) fn after(day: i32) -> Span {
        Span {
            first: day.saturating_add(1),
            last: i32::MAX,
        }
    }
}

/// A day number as the store keeps it: years 0 to 9999 span about 3.7 million days.
fn narrow(days: i64) -> i32 {
    i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
}

fn date_error(text: String, reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidDate {
        text,
        reason: reason.into(),
    })
}

impl Date {
    /// The latest year a date may have.
    pub const MAX_YEAR: u16 = 9999;

    /// A whole year.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidDate`] when the year is above [`Date::MAX_YEAR`].
    pub fn year(year: u16) -> Result<Date> {
        Date::build(year, None, None)
    }

    /// A month of a year (`month` from 1 to 12).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidDate`] when the year or month is out of range.
    pub fn year_month(year: u16, month: u8) -> Result<Date> {
        Date::build(year, Some(month), None)
    }

    /// A full date.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidDate`] when the day does not exist, such as `2010-02-30`.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::Date;
    /// assert!(Date::ymd(2012, 2, 29).is_ok());
    /// assert!(Date::ymd(2011, 2, 29).is_err());
    /// ```
    pub fn ymd(year: u16, month: u8, day: u8) -> Result<Date> {
        Date::build(year, Some(month), Some(day))
    }

    fn build(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Date> {
        let date = Date { year, month, day };
        let text = || date.to_string();
        if year > Date::MAX_YEAR {
            return Err(date_error(text(), "years run from 0 to 9999"));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(date_error(text(), "months run from 01 to 12"));
            }
            if let Some(d) = day {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(date_error(
                        text(),
                        format!("this month has days 01 to {last:02}"),
                    ));
                }
            }
        }
        Ok(date)
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The year.
    pub fn year_number(&self) -> u16 {
        self.year
    }

    /// The month (1 to 12), when the date has one.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when the date has one.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// The number of days from 0000-03-01 to the first day of the span (days-from-civil).
    pub(crate) fn first_day_number(&self) -> i64 {
        day_number(self.first_day())
    }

    /// The number of days from 0000-03-01 to the last day of the span.
    pub(crate) fn last_day_number(&self) -> i64 {
        day_number(self.last_day())
    }

    /// The day (at day precision) of a day number, when its year is in range.
    pub(crate) fn from_day_number(days: i32) -> Option<Date> {
        let (year, month, day) = civil(i64::from(days));
        let year = u16::try_from(year).ok()?;
        Date::ymd(year, month, day).ok()
    }

    /// The date's days.
    pub(crate) fn span(&self) -> Span {
        Span {
            first: narrow(self.first_day_number()),
            last: narrow(self.last_day_number()),
        }
    }

    /// The first day of the span, as (year, month, day).
    pub(crate) fn first_day(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the span, as (year, month, day).
    pub(crate) fn last_day(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (four-digit year, two-digit month and day).
    fn from_str(text: &str) -> Result<Date> {
        let bad = |reason: &str| date_error(text.to_owned(), reason);
        let parts: Vec<&str> = text.split('-').collect();
        let widths = [4, 2, 2];
        if parts.len() > 3 {
            return Err(bad("expected YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        let mut numbers = [0u16; 3];
        for (i, part) in parts.iter().enumerate() {
            if part.len() != widths[i] || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("expected YYYY, YYYY-MM or YYYY-MM-DD"));
            }
            // At most four ASCII digits: always fits in u16.
            numbers[i] = part.parse().map_err(|_| bad("not a number"))?;
        }
        // Month and day have two digits, so they fit in u8.
        let month = (parts.len() > 1).then_some(numbers[1] as u8);
        let day = (parts.len() > 2).then_some(numbers[2] as u8);
        Date::build(numbers[0], month, day).map_err(|_| match (month, day) {
            (Some(m), _) if !(1..=12).contains(&m) => bad("months run from 01 to 12"),
            _ => bad("no such day in that month"),
        })
    }
}

/// A span of time between two [`Date`]s, either end of which may be open.
///
/// The start never lies after the end: constructors check it.
///
/// # Example
/// ```
/// use alliance_graph::{Date, Interval};
/// let lee_era = Interval::new(Some("2008-02-25".parse()?), Some("2013-02-24".parse()?))?;
/// assert!(lee_era.contains("2010".parse()?));
/// assert!(!lee_era.contains("2005".parse()?));
/// assert!(Interval::since("2008-12".parse()?).contains("2030".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Interval {
    from: Option<Date>,
    until: Option<Date>,
}

impl Interval {
    /// From one date to another, both included.
    ///
    /// # Errors
    /// [`ErrorKind::InvertedInterval`] when `from` lies after `until`.
    pub fn between(from: Date, until: Date) -> Result<Interval> {
        Interval::new(Some(from), Some(until))
    }

    /// The interval open at both ends: always.
    pub const ALWAYS: Interval = Interval {
        from: None,
        until: None,
    };

    /// An interval from `from` to `until` (both inclusive; `None` is open).
    ///
    /// # Errors
    /// [`ErrorKind::InvertedInterval`] when `from` starts after `until` ends.
    pub fn new(from: Option<Date>, until: Option<Date>) -> Result<Interval> {
        if let (Some(f), Some(u)) = (from, until)
            && f.first_day() > u.last_day()
        {
            return Err(Error::new(ErrorKind::InvertedInterval {
                from: f.to_string(),
                until: u.to_string(),
            }));
        }
        Ok(Interval { from, until })
    }

    /// The interval that starts at `from` and never ends.
    pub fn since(from: Date) -> Interval {
        Interval {
            from: Some(from),
            until: None,
        }
    }

    /// The interval that has always been and ends at `until`.
    pub fn until(until: Date) -> Interval {
        Interval {
            from: None,
            until: Some(until),
        }
    }

    /// The interval of one date's span (`2010-03` is the whole of March 2010).
    pub fn on(date: Date) -> Interval {
        Interval {
            from: Some(date),
            until: Some(date),
        }
    }

    /// The start, if the interval has one.
    pub fn start(&self) -> Option<Date> {
        self.from
    }

    /// The end, if the interval has one.
    pub fn end(&self) -> Option<Date> {
        self.until
    }

    /// The interval's days.
    pub(crate) fn span(&self) -> Span {
        Span {
            first: self.from.map_or(i32::MIN, |d| d.span().first),
            last: self.until.map_or(i32::MAX, |d| d.span().last),
        }
    }

    /// Whether the interval is open at both ends.
    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// Whether the interval shares at least one day with `date`'s span.
    ///
    /// # Complexity
    /// O(1).
    pub fn contains(&self, date: Date) -> bool {
        self.overlaps(&Interval::on(date))
    }

    /// Whether the two intervals share at least one day.
    ///
    /// # Complexity
    /// O(1).
    pub fn overlaps(&self, other: &Interval) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(f), Some(u)) => f.first_day() <= u.last_day(),
            _ => true,
        };
        let other_starts_before_end = match (other.from, self.until) {
            (Some(f), Some(u)) => f.first_day() <= u.last_day(),
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }
}

impl FromStr for Interval {
    type Err = Error;

    /// Parses what [`Interval`]'s `Display` prints: `2017-06..2021-01`, `2017..` (open end),
    /// `..2021` (open start), `..` (always), or one date for its own span.
    ///
    /// # Example
    /// ```
    /// use alliance_graph::Interval;
    /// let term: Interval = "2008-02-25..2013-02-24".parse()?;
    /// assert_eq!(term.to_string(), "2008-02-25..2013-02-24");
    /// assert!("2010..".parse::<Interval>()?.contains("2030".parse()?));
    /// assert!("2013..2008".parse::<Interval>().is_err()); // inverted
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(text: &str) -> Result<Interval> {
        let side = |t: &str| -> Result<Option<Date>> {
            if t.is_empty() {
                Ok(None)
            } else {
                t.parse().map(Some)
            }
        };
        match text.split_once("..") {
            Some((from, until)) => Interval::new(side(from)?, side(until)?),
            None => Ok(Interval::on(text.parse()?)),
        }
    }
}

impl fmt::Display for Interval {
    /// Prints `2010-03..2010-11`, with `..` alone for always, an empty side when open, and a
    /// single date when both ends are the same date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(a), Some(b)) = (self.from, self.until)
            && a == b
        {
            return write!(f, "{a}");
        }
        if let Some(d) = self.from {
            write!(f, "{d}")?;
        }
        f.write_str("..")?;
        if let Some(d) = self.until {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parse_and_print_round_trip() {
        for s in [
            "2010",
            "2010-03",
            "2010-03-26",
            "0000",
            "9999-12-31",
            "2012-02-29",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn impossible_dates_are_rejected_with_reason() {
        for (s, reason) in [
            ("2010-02-30", "no such day"),
            ("2011-02-29", "no such day"),
            ("2010-13", "months run"),
            ("2010-00", "months run"),
            ("2010-01-00", "no such day"),
            ("10", "expected"),
            ("2010-3", "expected"),
            ("2010-03-26-1", "expected"),
            ("", "expected"),
            ("２０１０", "expected"),
            ("-201", "expected"),
        ] {
            let err = s.parse::<Date>().unwrap_err();
            match err.kind() {
                ErrorKind::InvalidDate { text, reason: r } => {
                    assert_eq!(text, s);
                    assert!(r.contains(reason), "{s}: {r}");
                }
                other => panic!("{s}: {other:?}"),
            }
        }
    }

    #[test]
    fn ordering_puts_coarse_before_fine() {
        assert!(d("2010") < d("2010-01"));
        assert!(d("2010-01") < d("2010-01-01"));
        assert!(d("2010-01-31") < d("2010-02"));
        assert!(d("2009-12-31") < d("2010"));
    }

    #[test]
    fn spans_meet_at_the_right_precision() {
        let from_march = Interval::since(d("2010-03"));
        assert!(from_march.contains(d("2010")));
        assert!(from_march.contains(d("2010-03-01")));
        assert!(!from_march.contains(d("2010-02-28")));
        assert!(!from_march.contains(d("2009")));
        let until_2008 = Interval::until(d("2008"));
        assert!(until_2008.contains(d("2008-12")));
        assert!(!until_2008.contains(d("2009-01-01")));
        assert!(Interval::ALWAYS.contains(d("0000")));
        let leap = Interval::on(d("2012-02"));
        assert!(leap.contains(d("2012-02-29")));
    }

    #[test]
    fn inverted_intervals_are_rejected() {
        assert!(Interval::new(Some(d("2011")), Some(d("2010-12"))).is_err());
        assert!(Interval::new(Some(d("2010-03")), Some(d("2010"))).is_ok());
        assert!(Interval::new(Some(d("2010")), Some(d("2010-03"))).is_ok());
        let e = Interval::new(Some(d("2011-01-02")), Some(d("2011-01-01"))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "interval starts at 2011-01-02 after it ends at 2011-01-01"
        );
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(
            d("2010-03-01").first_day_number() - d("2010-02-28").first_day_number(),
            1
        );
        assert_eq!(
            d("2012-03-01").first_day_number() - d("2012-02-28").first_day_number(),
            2
        );
        assert_eq!(
            d("2011-01-01").first_day_number() - d("2010-01-01").first_day_number(),
            365
        );
        assert_eq!(
            d("2010").last_day_number(),
            d("2010-12-31").first_day_number()
        );
        assert!(d("0000-01-01").first_day_number() < d("0000-03-01").first_day_number());
    }

    #[test]
    fn display() {
        assert_eq!(Interval::ALWAYS.to_string(), "..");
        assert_eq!(Interval::on(d("2010-03")).to_string(), "2010-03");
        assert_eq!(Interval::since(d("2008-12")).to_string(), "2008-12..");
        assert_eq!(Interval::until(d("2008")).to_string(), "..2008");
    }

    #[test]
    fn overlap_is_symmetric() {
        let a = Interval::new(Some(d("2008")), Some(d("2010"))).unwrap();
        let b = Interval::new(Some(d("2010-06")), None).unwrap();
        let c = Interval::until(d("2007"));
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c) && !c.overlaps(&a));
    }

    #[test]
    fn intervals_parse_what_they_print() {
        for text in [
            "2017-06..2021-01",
            "2017..",
            "..2021-01-05",
            "..",
            "2010-03",
        ] {
            let i: Interval = text.parse().unwrap();
            assert_eq!(i.to_string(), text);
        }
        assert!("2013..2008".parse::<Interval>().is_err());
        assert!("2010...2011".parse::<Interval>().is_err());
        assert!("soon..".parse::<Interval>().is_err());
        let between = Interval::between(Date::year(2005).unwrap(), Date::year(2010).unwrap());
        assert_eq!(between.unwrap().to_string(), "2005..2010");
    }
}
