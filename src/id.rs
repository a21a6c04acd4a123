//! Stable, user-chosen identifiers.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// The hasher of every id and name lookup: foldhash, seeded per process. Lookups only;
/// nothing iterates a hash map, so the seed never shows in any output.
pub(crate) type FastHash = foldhash::fast::RandomState;

/// A hash map keyed by ids or names, for lookups.
pub(crate) type IdMap<K, V> = std::collections::HashMap<K, V, FastHash>;

/// The longest id accepted, in bytes.
pub const MAX_ID_BYTES: usize = 256;

/// Checks the id rule shared by every id type: not empty, at most [`MAX_ID_BYTES`] bytes, no
/// white space, control or invisible character (bidi controls, zero-width characters, the
/// byte-order mark, noncharacters) anywhere, and something visible.
pub(crate) fn id_problem(id: &str) -> Option<&'static str> {
    // The common case, printable ASCII only (`!` to `~`): nothing invisible, nothing blank.
    if !id.is_empty() && id.len() <= MAX_ID_BYTES && id.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    every_id_problem(id)
}

/// [`id_problem`] without its fast path, character by character.
fn every_id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("ids must not be empty")
    } else if id.len() > MAX_ID_BYTES {
        Some("ids must be at most 256 bytes long")
    } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("ids must not contain white space or control characters")
    } else if id.chars().any(crate::text::invisible) {
        Some(
            "ids must not contain invisible characters (bidi controls, zero-width characters, byte-order marks, noncharacters)",
        )
    } else if !crate::text::visible(id) {
        Some("ids must show something: they are made only of blank characters")
    } else {
        None
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Ids are chosen by the user and never change: removing an element never changes or
        /// reuses another element's id. Making an id never fails; the graph checks the id rule
        /// (not empty, at most 256 bytes, no white space, control or invisible characters such
        /// as bidi controls, zero-width characters, byte-order marks and noncharacters, and
        /// not made only of blank characters) when the element is inserted.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Makes an id from any string.
            pub fn new(id: impl AsRef<str>) -> Self {
                $name(Arc::from(id.as_ref()))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name::new(id)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(Arc::from(id))
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name::new(id)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl PartialEq<$name> for &$name {
            fn eq(&self, other: &$name) -> bool {
                **self == *other
            }
        }
    };
}

id_type!(
    /// The id of an entity, such as `USA`, `KOR` or `lee-myung-bak`.
    EntityId
);
id_type!(
    /// The id of a relation, such as `r12` or `kor-usa-alliance`.
    RelationId
);
id_type!(
    /// The id of an entry in a graph's source table, such as `diplomat-2011`.
    SourceId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rule() {
        assert_eq!(id_problem("lee-myung-bak"), None);
        assert_eq!(id_problem("서울"), None);
        assert!(id_problem("").is_some());
        assert!(id_problem("a b").is_some());
        assert!(id_problem("a\u{0}b").is_some());
        assert!(id_problem(&"x".repeat(MAX_ID_BYTES + 1)).is_some());
        assert_eq!(id_problem(&"x".repeat(MAX_ID_BYTES)), None);
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_agrees_with_the_rule(
            id in "[ -~\t\u{7f}\u{a0}\u{200b}é]{0,12}",
            long in 250usize..262,
        ) {
            proptest::prop_assert_eq!(id_problem(&id), every_id_problem(&id));
            let long = "x".repeat(long);
            proptest::prop_assert_eq!(id_problem(&long), every_id_problem(&long));
        }
    }

    #[test]
    fn ids_compare_with_strings_and_borrow_as_str() {
        let id = EntityId::from("USA");
        assert_eq!(id, "USA");
        let mut map = std::collections::HashMap::new();
        map.insert(id.clone(), 1);
        assert_eq!(map.get("USA"), Some(&1));
        assert_eq!(format!("{id} {id:?}"), "USA \"USA\"");
    }
}
