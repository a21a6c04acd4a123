//! An adversarial corpus: ids, names, quotes and attributes that break hand-rolled writers.

#![allow(dead_code)]

use alliance_graph::{
    Date, Entity, EntityKind, Evidence, Graph, Interval, Relation, RelationKind, Source, Status,
    Value,
};

/// Ids: no white space or control characters (the id rule), but everything else.
pub const IDS: &[&str] = &[
    "O'Brien",
    "a\"b",
    "back\\slash",
    "<lt>&amp;",
    "]]>",
    "--",
    "a,b;c",
    "한국",
    "🇰🇷",
    "MATCH)",
    "id:ID",
    ":LABEL",
    "{json}",
    "x');DROP_TABLE_Entity;--",
];

/// Texts with characters that every format escapes differently.
pub const TEXTS: &[&str] = &[
    "they said \"no\" </data>",
    "back\\slash \\n not a newline",
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "<tag attr='x'>&amp;</tag>",
    "]]> cdata end",
    "-- comment --> <!--",
    "comma, semicolon; pipe|",
    "'single' and `backtick`",
    "unicode: 한국 조선 中国 🇰🇷 é ñ",
    "{\"json\": [1, 2]}",
    "MATCH (n) DETACH DELETE n; //",
    "trailing space ",
    " leading space",
    "\"",
    "\\",
];

/// A long text with a bit of everything.
pub fn long_text() -> String {
    let mut s = String::new();
    while s.len() < 100_000 {
        s.push_str(TEXTS[s.len() % TEXTS.len()]);
    }
    s
}

/// A graph whose every string field is adversarial. `xml_safe` leaves out the control
/// characters XML 1.0 cannot hold (the corpus has none of them unless asked).
pub fn graph(with_nul: bool) -> Graph {
    let mut g = Graph::new();
    let long = long_text();
    g.add_source(
        Source::new("src,\"1\"", TEXTS[0])
            .publisher(TEXTS[5])
            .date(Date::ymd(2011, 6, 1).unwrap()),
    )
    .unwrap();
    let kinds = [
        EntityKind::State,
        EntityKind::Government,
        EntityKind::Organization,
        EntityKind::Person,
    ];
    for (i, id) in IDS.iter().enumerate() {
        let name = if i == 0 {
            long.clone()
        } else {
            TEXTS[i % TEXTS.len()].to_owned()
        };
        let mut e = Entity::new(*id, kinds[i % kinds.len()], name)
            .alias(TEXTS[(i + 1) % TEXTS.len()])
            .alias("a;b")
            .attribute("note", TEXTS[(i + 2) % TEXTS.len()])
            .attribute("count", i as i64)
            .attribute("ratio", 0.1 + i as f64)
            .attribute("flag", i % 2 == 0)
            .attribute("<weird key> & \"quoted\"", TEXTS[3]);
        if i % 3 == 0 {
            e.lifetime = Interval::new(Some(Date::year(2000 + i as u16).unwrap()), None).unwrap();
            e.lifetime_evidence
                .push(Evidence::new("src,\"1\"", TEXTS[1]));
        }
        g.add_entity(e).unwrap();
    }
    if with_nul {
        g.add_entity(Entity::new(
            "nul",
            EntityKind::State,
            "nul\u{0}char\u{1b}[31m",
        ))
        .unwrap();
    }
    let statuses = [
        Status::Fact,
        Status::Claim,
        Status::Belief,
        Status::Hypothetical,
        Status::Disputed,
    ];
    for i in 0..IDS.len() {
        let (a, b) = (IDS[i], IDS[(i + 1) % IDS.len()]);
        let kind = [
            RelationKind::TENSION,
            RelationKind::SUPPORTS,
            RelationKind::FEARS,
        ][i % 3]
            .clone();
        let mut r = Relation::new(format!("r{i}:{}", IDS[i]), kind, a, b)
            .evidence(Evidence::new("src,\"1\"", TEXTS[i % TEXTS.len()]).paragraph(i as u32 + 1))
            .evidence(Evidence::new(
                "src,\"1\"",
                if i == 0 {
                    long.clone()
                } else {
                    TEXTS[(i + 4) % TEXTS.len()].to_owned()
                },
            ))
            .attribute("comment", TEXTS[(i + 6) % TEXTS.len()])
            .attribute("score", Value::Float(1.0 / (i as f64 + 3.0)));
        r.status = statuses[i % statuses.len()];
        if r.status != Status::Fact {
            r.asserted_by = Some(IDS[(i + 3) % IDS.len()].into());
        }
        if i % 2 == 0 {
            r.intensity = Some(0.1 * (i % 10) as f64);
            r.confidence = Some(1.0 / 3.0);
            r.about = Some(IDS[(i + 5) % IDS.len()].into());
            r.valid = Interval::new(
                Some(Date::year_month(2010, 3).unwrap()),
                Some(Date::ymd(2011, 2, 28).unwrap()),
            )
            .unwrap();
        }
        if i % 4 == 1 {
            r.polarity = Some(alliance_graph::Polarity::Neutral);
        }
        g.add_relation(r).unwrap();
    }
    // A parallel relation.
    g.add_relation(Relation::new(
        "parallel",
        RelationKind::TENSION,
        IDS[0],
        IDS[1],
    ))
    .unwrap();
    g
}
