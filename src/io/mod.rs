//! Reading and writing graphs.
//!
//! - [`json`]: the crate's own versioned, canonical JSON format, read and written.
//! - [`neo4j`]: Neo4j bulk-import CSV, written and read (streaming); also loads the benchmark
//!   workload.
//! - [`graphml`]: GraphML for networkx, Gephi and yEd, written and read back exactly (also
//!   networkx's rewrite of it, and other tools' GraphML as far as the model allows).
//! - [`dot`]: Graphviz DOT, styled for reading, written.
//! - [`cypher`]: a Cypher script for Neo4j and a Kuzu script over the CSV files, written.
//! - [`html`]: one self-contained interactive page (date slider, filters, quotes), written.

pub mod cypher;
pub mod dot;
pub mod events;
mod fields;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j;
mod scan;
mod strict;

use crate::model::Value;

/// Where a byte of delimited text falls, as the csv crate reads RFC 4180 quoting: only a quote
/// that opens a field starts a quoted field; inside one, a doubled quote is a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell {
    /// At the start of a field.
    Start,
    /// Inside a field that is not quoted (a quote here is text).
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// A quote inside a quoted field: its end, or the first of a doubled quote.
    QuoteInQuoted,
}

impl Cell {
    /// The state after byte `b`, fields separated by `delimiter`.
    pub(crate) fn after(self, b: u8, delimiter: u8) -> Cell {
        match (self, b) {
            (Cell::Quoted, b'"') => Cell::QuoteInQuoted,
            (Cell::Quoted, _) => Cell::Quoted,
            (Cell::Start, b'"') => Cell::Quoted,
            (Cell::QuoteInQuoted, b'"') => Cell::Quoted,
            (_, b'\n' | b'\r') => Cell::Start,
            (_, d) if d == delimiter => Cell::Start,
            _ => Cell::Unquoted,
        }
    }
}

/// The number written as `text`, by one rule for every reader: an integer literal (no `.`,
/// `e` or `E`) must fit in 64 bits (`-0` is the integer 0); any other must be a decimal
/// number a 64-bit float can hold.
pub(crate) fn number(text: &str) -> Result<Value, &'static str> {
    if text.contains(['.', 'e', 'E']) {
        float(text).map(Value::Float)
    } else {
        text.parse::<i64>().map(Value::Int).map_err(|_| {
            if text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
            {
                "a 64-bit integer (-9223372036854775808 to 9223372036854775807)"
            } else {
                "an integer"
            }
        })
    }
}

/// A decimal number (`12`, `-0.5`, `1e-3`) that a 64-bit float holds: not `NaN` or
/// `inf`, nor one so large it overflows or so small but non-zero that it underflows to 0.
/// (Rounding to the nearest float is not an error: every decimal fraction rounds.)
pub(crate) fn float(text: &str) -> Result<f64, &'static str> {
    if let Some(x) = short_decimal(text) {
        return Ok(x);
    }
    let decimal = !text.is_empty()
        && text.bytes().any(|b| b.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    let x: f64 = match text.parse() {
        Ok(x) if decimal => x,
        _ => return Err("a decimal number"),
    };
    if !x.is_finite() {
        return Err("a number a 64-bit float can hold (this one overflows)");
    }
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    if x == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        return Err("a number a 64-bit float can hold (this one underflows to 0)");
    }
    Ok(x)
}

/// The fast path of [`float`] for the short decimals data is full of (`-2.5`, `10`, `0.125`):
/// an optional sign, at most 15 digits and at most one `.`, nothing else. The digits make an
/// integer below 2⁵³ and the scale a power of ten up to 10¹⁵, both exact in a 64-bit float,
/// so their quotient is the correctly rounded value, the same that `str::parse` gives
/// (Clinger's fast path). `None` for anything else, left to the full parse.
fn short_decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let (mut mantissa, mut count, mut point) = (0u64, 0usize, None);
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                count += 1;
                if count > 15 {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(b - b'0');
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let scale = point.map_or(0, |p| digits.len() - p - 1);
    let x = mantissa as f64 / POWERS[scale];
    Some(if negative { -x } else { x })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_short_decimal_path_agrees_with_the_full_parse(
            sign in prop_oneof![Just(""), Just("-"), Just("+")],
            whole in "[0-9]{0,16}",
            fraction in proptest::option::of("[0-9]{0,16}"),
        ) {
            let text = match &fraction {
                Some(f) => format!("{sign}{whole}.{f}"),
                None => format!("{sign}{whole}"),
            };
            let full: Option<f64> = if text.bytes().any(|b| b.is_ascii_digit()) {
                text.parse().ok()
            } else {
                None
            };
            match short_decimal(&text) {
                // Bit for bit, so that -0 and 0 differ.
                Some(x) => prop_assert_eq!(Some(x.to_bits()), full.map(f64::to_bits), "{}", text),
                None => prop_assert!(full.is_none() || text.bytes().filter(u8::is_ascii_digit).count() > 15),
            }
        }
    }

    #[test]
    fn short_decimals_take_the_fast_path_and_round_as_the_full_parse() {
        for (text, x) in [
            ("-2.5", -2.5),
            ("10", 10.0),
            ("0.1", 0.1),
            ("-0.0", -0.0),
            ("+.5", 0.5),
        ] {
            assert_eq!(
                short_decimal(text).map(f64::to_bits),
                Some(f64::to_bits(x)),
                "{text}"
            );
        }
        for text in [
            "",
            "-",
            ".",
            "1e3",
            "1.2.3",
            "1234567890123456",
            "0x10",
            " 1",
        ] {
            assert_eq!(short_decimal(text), None, "{text}");
        }
        // 0.1 + 0.2 style: a value that is not exact still rounds as the full parse does.
        assert_eq!(short_decimal("0.3"), Some(0.3));
    }

    #[test]
    fn issue12_5_numbers_are_held_exactly_or_refused() {
        assert_eq!(number("-0"), Ok(Value::Int(0)));
        assert_eq!(number("9223372036854775807"), Ok(Value::Int(i64::MAX)));
        assert_eq!(number("-9223372036854775808"), Ok(Value::Int(i64::MIN)));
        for big in [
            "9223372036854775808",
            "18446744073709551617",
            "-9223372036854775809",
        ] {
            assert!(number(big).unwrap_err().contains("64-bit integer"), "{big}");
        }
        assert!(number("1e-400").unwrap_err().contains("underflows"));
        assert!(number("1e400").unwrap_err().contains("overflows"));
        assert_eq!(number("0e-400"), Ok(Value::Float(0.0)));
        assert_eq!(
            number("-0.0")
                .map(|v| matches!(v, Value::Float(f) if f == 0.0 && f.is_sign_negative())),
            Ok(true)
        );
        assert_eq!(
            number("5e-324"),
            Ok(Value::Float(5e-324)),
            "subnormals are held"
        );
        for bad in ["NaN", "inf", "infinity", "", "x", "1.5x", "."] {
            assert!(float(bad).is_err(), "{bad}");
        }
        assert_eq!(float("0.1"), Ok(0.1));
    }
}
