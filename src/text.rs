//! What counts as visible text: the one rule behind ids, non-empty names and quotes, and the
//! escaping of culprits in error messages.
//!
//! - **Invisible** characters draw nothing and are not white space: Unicode's format
//!   characters (general category Cf: bidi controls such as U+202E, zero-width characters
//!   such as U+200B, the byte-order mark U+FEFF, soft hyphen U+00AD), the other default
//!   ignorable code points that are not letters (variation selectors U+FE00–U+FE0F and
//!   U+E0100–U+E01EF, the combining grapheme joiner U+034F, Khmer's inherent vowels
//!   U+17B4–U+17B5, Mongolian's free variation selectors, the tag block U+E0000–U+E0FFF and
//!   the reserved U+FFF0–U+FFF8), and the noncharacters (U+FDD0–U+FDEF and every code point
//!   ending in FFFE or FFFF). So `USA` followed by a variation selector is not an id that
//!   looks like `USA`.
//! - **Blank** characters show as empty space: white space, control characters, the invisible
//!   ones, and the letters that draw as blanks (Hangul fillers U+115F, U+1160, U+3164,
//!   U+FFA0, and the braille blank U+2800).
//! - A text is **visible** when at least one of its characters is not blank. Names, titles
//!   and quotes must be visible; ids must be visible and hold no white space, control or
//!   invisible character at all.

/// Unicode's format characters (general category Cf, Unicode 16).
const FORMAT: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// The default ignorable code points (Unicode 16, `DerivedCoreProperties.txt`) that are
/// neither format characters (in [`FORMAT`]) nor letters drawn blank (in [`blank`]).
const IGNORABLE: &[(u32, u32)] = &[
    (0x034F, 0x034F),
    (0x17B4, 0x17B5),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x2065, 0x2065),
    (0xFE00, 0xFE0F),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
];

/// A noncharacter: U+FDD0–U+FDEF, or a code point ending in FFFE or FFFF.
pub(crate) fn noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// A format character, another default ignorable that is not a letter, or a noncharacter
/// (see the module docs).
pub(crate) fn invisible(c: char) -> bool {
    let u = c as u32;
    noncharacter(c)
        || FORMAT
            .iter()
            .chain(IGNORABLE)
            .any(|&(lo, hi)| (lo..=hi).contains(&u))
}

/// White space, a control, an invisible character, or a letter that draws as a blank.
pub(crate) fn blank(c: char) -> bool {
    // ASCII, the common case: the controls (tab and line breaks among them) and the space.
    if c.is_ascii() {
        return c.is_ascii_control() || c == ' ';
    }
    c.is_whitespace()
        || c.is_control()
        || invisible(c)
        || matches!(
            c,
            '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}'
        )
}

/// Whether the text has a character that is not blank.
pub(crate) fn visible(text: &str) -> bool {
    text.chars().any(|c| !blank(c))
}

/// Whether an error message shows the character escaped (`\u{202e}`) rather than as itself:
/// controls, invisible characters, and white space other than the plain space (line and
/// paragraph separators included).
pub(crate) fn escaped_in_messages(c: char) -> bool {
    c.is_control() || invisible(c) || (c.is_whitespace() && c != ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_ascii_as_the_general_rule() {
        for b in 0..=0x7fu8 {
            let c = char::from(b);
            let general = c.is_whitespace() || c.is_control() || invisible(c);
            assert_eq!(blank(c), general, "{c:?}");
        }
    }

    #[test]
    fn invisible_and_visible() {
        for c in [
            '\u{200B}',
            '\u{202E}',
            '\u{FEFF}',
            '\u{2066}',
            '\u{FFFE}',
            '\u{1FFFF}',
            '\u{FDD0}',
            '\u{AD}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{34F}',
            '\u{180B}',
            '\u{E0041}',
        ] {
            assert!(invisible(c), "{:?}", c);
        }
        for c in ['a', 'é', '\u{0301}', '한', '\u{E000}', ' '] {
            assert!(!invisible(c), "{:?}", c);
        }
        assert!(!visible("\u{200B}\u{FEFF} \u{3164}\t"));
        assert!(visible("\u{200B}x"));
        assert!(visible("\u{0301}"), "a lone combining mark draws");
        // An id that would look like `USA` is refused; an emoji with its selector is still
        // visible text in a name.
        assert!(crate::id::id_problem("USA\u{FE0F}").is_some());
        assert!(visible("\u{2764}\u{FE0F}"));
        assert!(!visible("\u{FE0F}\u{FE0E}"));
    }
}
