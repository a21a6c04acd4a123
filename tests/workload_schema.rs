//! The benchmark workload's relation types (`../shared/bench/WORKLOAD.md` §1.2) expressed as a
//! schema declared in a JSON file, and accepted by the built-in schema.

use alliance_graph::{EntityKind, Polarity, Schema, io::json};

const LABELS: [EntityKind; 5] = [
    EntityKind::State,
    EntityKind::Government,
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Event,
];

/// The workload's table: type, sign, and whether a source label may reach a target label.
fn workload_allows(kind: &str, s: EntityKind, t: EntityKind) -> bool {
    use EntityKind::*;
    let inst = [State, Government, Organization];
    let actors = [State, Government, Organization, Person];
    match kind {
        "ALLIANCE" | "PARTNERSHIP" => inst.contains(&s) && inst.contains(&t),
        "SUPPORTS" | "OPPOSES" | "FEARS" => actors.contains(&s),
        "COORDINATES_WITH" | "TENSION" => actors.contains(&s) && actors.contains(&t),
        "MEMBER_OF" => {
            (actors.contains(&s) && t == Organization) || (s == Person && t == Government)
        }
        "LEADS" => s == Person && inst.contains(&t),
        "PROVOKES" => true,
        _ => unreachable!(),
    }
}

const TYPES: [(&str, Polarity); 10] = [
    ("ALLIANCE", Polarity::Positive),
    ("PARTNERSHIP", Polarity::Positive),
    ("SUPPORTS", Polarity::Positive),
    ("COORDINATES_WITH", Polarity::Positive),
    ("MEMBER_OF", Polarity::Positive),
    ("LEADS", Polarity::Positive),
    ("TENSION", Polarity::Negative),
    ("OPPOSES", Polarity::Negative),
    ("FEARS", Polarity::Negative),
    ("PROVOKES", Polarity::Negative),
];

/// The workload's types declared as custom kinds on an empty schema; the `workload` example
/// loads the benchmark data with the same file.
const DECLARED: &str = include_str!("../data/workload-schema.json");

fn agrees(schema: &Schema, exact: bool) {
    for (kind, sign) in TYPES {
        let def = schema.get(kind).unwrap_or_else(|| panic!("{kind} missing"));
        assert_eq!(def.polarity, sign, "{kind}");
        for s in LABELS {
            for t in LABELS {
                let want = workload_allows(kind, s, t);
                let got = def.allows(s, t);
                if exact {
                    assert_eq!(got, want, "{kind} {s}->{t}");
                } else {
                    assert!(!want || got, "{kind} {s}->{t} is allowed by the workload");
                }
            }
        }
    }
}

#[test]
fn workload_types_declared_in_a_file_match_the_table_exactly() {
    let g = json::from_str(DECLARED).unwrap();
    assert_eq!(g.schema().kinds().count(), 10);
    agrees(g.schema(), true);
    // The declaration survives a save and load.
    let again = json::from_str(&json::to_string(&g)).unwrap();
    assert_eq!(again.schema(), g.schema());
}

#[test]
fn builtin_schema_accepts_every_workload_row() {
    agrees(&Schema::builtin(), false);
}
