//! Event data: the ICEWS and GDELT readers on fixtures written here from the documented
//! layouts (awkward cases included), the actor resolution, the CAMEO mapping and the
//! aggregation.

use alliance_graph::io::events::{
    self, Aggregator, CameoKinds, Event, OnBadRow, Quad, Resolver, Window,
};
use alliance_graph::{EntityKind, Polarity, RelationKind, Schema, Value};

const ICEWS_HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";

/// An ICEWS row from its parts (the other columns filled plainly).
#[allow(clippy::too_many_arguments)]
fn icews_row(
    id: u32,
    date: &str,
    src: (&str, &str, &str),
    cameo: &str,
    intensity: &str,
    tgt: (&str, &str, &str),
) -> String {
    format!(
        "{id}\t{date}\t{}\t{}\t{}\tAn event\t{cameo}\t{intensity}\t{}\t{}\t{}\t{}\t1\tWire\t\t\t\t\t\t",
        src.0,
        src.1,
        src.2,
        tgt.0,
        tgt.1,
        tgt.2,
        500 + id
    )
}

fn icews_fixture() -> String {
    let kor = ("South Korea", "Government", "South Korea");
    let prk = ("North Korea", "Military", "North Korea");
    let usa = ("Barack Obama", "Government, Executive", "United States");
    let mut rows = vec![ICEWS_HEADER.to_owned()];
    rows.push(icews_row(1, "2010-03-26", prk, "190", "-10.0", kor));
    rows.push(icews_row(2, "2010-03-27", kor, "112", "-2.0", prk));
    // A code with a leading zero, an empty intensity.
    rows.push(icews_row(3, "2010-03-28", usa, "040", "", kor));
    rows.push(icews_row(4, "2010-05-02", usa, "057", "8.0", kor));
    // An actor without a country; a domestic event.
    rows.push(icews_row(
        5,
        "2010-05-03",
        ("Protester", "Social", ""),
        "141",
        "-6.5",
        kor,
    ));
    rows.push(icews_row(6, "2010-05-04", kor, "010", "0.0", kor));
    // A quoted field holding a tab and a quote.
    rows.push(
        "7\t2010-05-05\tChina\tGovernment\tChina\t\"Criticize \"\"strongly\"\"\tor denounce\"\t111\t-2.0\tUnited States\tGovernment\tUnited States\t507\t1\tWire\t\t\t\t\t\t"
            .to_owned(),
    );
    rows.join("\n") + "\n"
}

fn read_icews(text: &str) -> Vec<Event> {
    events::icews(text.as_bytes(), OnBadRow::Fail)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

#[test]
fn icews_rows_read_with_their_awkward_cases() {
    let rows = read_icews(&icews_fixture());
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0].cameo, "190");
    assert_eq!(rows[0].quad, Quad::MaterialConflict);
    assert_eq!(rows[0].intensity, Some(-10.0));
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[2].cameo, "040", "a leading zero stays");
    assert_eq!(rows[2].quad, Quad::VerbalCooperation);
    assert_eq!(
        rows[2].intensity, None,
        "an empty intensity is absent, not 0"
    );
    assert_eq!(rows[4].source.country, "");
    assert_eq!(rows[6].description, "Criticize \"strongly\"\tor denounce");
    assert_eq!(rows[6].date.to_string(), "2010-05-05");
}

/// The first error reading ICEWS `text` under `Fail`, and its line and column.
fn first_icews_error(text: &[u8]) -> (alliance_graph::Error, (Option<u64>, Option<usize>)) {
    let err = events::icews(text, OnBadRow::Fail)
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    let location = err.location().unwrap();
    let at = (location.line, location.column);
    (err, at)
}

#[test]
fn bad_icews_rows_name_line_and_column_or_are_counted() {
    let mut text = icews_fixture();
    text.push_str(&icews_row(
        8,
        "2010-02-30",
        ("China", "", "China"),
        "111",
        "-2.0",
        ("Japan", "", "Japan"),
    ));
    text.push('\n');
    text.push_str(&icews_row(
        9,
        "2010-02-01",
        ("China", "", "China"),
        "99",
        "-2.0",
        ("Japan", "", "Japan"),
    ));
    text.push('\n');
    text.push_str(&icews_row(
        10,
        "2010-02-01",
        ("China", "", "China"),
        "111",
        "-12",
        ("Japan", "", "Japan"),
    ));
    text.push('\n');
    text.push_str(&icews_row(
        12,
        "2010-02-01",
        ("China", "", "China"),
        "111",
        "nan",
        ("Japan", "", "Japan"),
    ));
    text.push('\n');
    text.push_str("11\t2010-02-01\tcut short\n");
    let (err, at) = first_icews_error(text.as_bytes());
    assert_eq!(at, (Some(9), Some(2)), "{err}");
    assert!(err.to_string().contains("2010-02-30"), "{err}");
    let mut reader = events::icews(text.as_bytes(), OnBadRow::Skip).unwrap();
    let good = reader.by_ref().filter(Result::is_ok).count();
    assert_eq!(good, 7);
    let skipped: Vec<(&str, u64)> = reader
        .skipped()
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        skipped,
        [
            ("a CAMEO code that is not one", 1),
            ("a number that is not one", 1),
            ("a wrong number of columns", 1),
            ("an impossible date", 1),
            ("an intensity outside -10 … 10", 1),
        ]
    );
    // A header without a needed column is named.
    let err = events::icews("Event ID\tEvent Date\n".as_bytes(), OnBadRow::Fail).unwrap_err();
    assert!(err.to_string().contains("`Source Name`"), "{err}");
}

/// A GDELT row of `columns` columns (57, 58 or 61) with the fields the reader takes.
#[allow(clippy::too_many_arguments)]
fn gdelt_row(
    columns: usize,
    id: u64,
    day: &str,
    a1: (&str, &str),
    code: &str,
    quad: u8,
    goldstein: &str,
    sources: u32,
    a2: (&str, &str),
) -> String {
    let mut f = vec![String::new(); columns];
    f[0] = id.to_string();
    f[1] = day.to_owned();
    f[5] = a1.0.to_owned();
    f[6] = a1.0.to_owned();
    f[7] = a1.1.to_owned();
    f[15] = a2.0.to_owned();
    f[16] = a2.0.to_owned();
    f[17] = a2.1.to_owned();
    f[26] = code.to_owned();
    f[28] = code[..2].to_owned();
    f[29] = quad.to_string();
    f[30] = goldstein.to_owned();
    f[31] = (sources * 2).to_string();
    f[32] = sources.to_string();
    f[34] = "-3.5".to_owned();
    if columns > 57 {
        f[columns - 1] = format!("https://example.org/{id}\"q\"");
    }
    f.join("\t")
}

/// GDELT rows with the first row's `AvgTone` replaced.
fn rows_text_with_tone(text: &str, tone: &str) -> String {
    let (first, rest) = text.split_once('\n').unwrap();
    let mut fields: Vec<&str> = first.split('\t').collect();
    fields[34] = tone;
    format!("{}\n{rest}", fields.join("\t"))
}

#[test]
fn gdelt_one_and_two_rows_read_by_position() {
    let text = [
        gdelt_row(
            57,
            1,
            "20100326",
            ("PRKMIL", "PRK"),
            "190",
            4,
            "-10.0",
            3,
            ("KOR", "KOR"),
        ),
        gdelt_row(
            58,
            2,
            "20100327",
            ("USAGOV", "USA"),
            "040",
            1,
            "1.0",
            5,
            ("KORGOV", "KOR"),
        ),
        gdelt_row(
            61,
            3,
            "20100328",
            ("CHN", "CHN"),
            "0243",
            1,
            "",
            1,
            ("", ""),
        ),
    ]
    .join("\n");
    let rows: Vec<Event> = events::gdelt(text.as_bytes(), OnBadRow::Fail)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0].url.as_deref(), rows[0].sources), (None, Some(3)));
    assert_eq!(rows[1].cameo, "040");
    assert_eq!(
        rows[1].url.as_deref(),
        Some("https://example.org/2\"q\""),
        "quotes are text"
    );
    assert_eq!(rows[1].source.code, "USAGOV");
    assert_eq!(rows[2].intensity, None);
    assert_eq!(rows[2].target.country, "", "an actor without a country");
    assert_eq!(rows[2].tone, Some(-3.5));
    // A tone that is not a finite number is a bad row, not a missing tone.
    for tone in ["nan", "inf", "1e400", "x"] {
        let row = rows_text_with_tone(&text, tone);
        let mut reader = events::gdelt(row.as_bytes(), OnBadRow::Skip);
        assert_eq!(reader.by_ref().count(), 2, "{tone}");
        assert_eq!(
            reader.skipped().get("a number that is not one"),
            Some(&1),
            "{tone}"
        );
    }
    let first_error = |columns: usize, quad: u8| {
        let row = gdelt_row(
            columns,
            4,
            "20100328",
            ("CHN", "CHN"),
            "040",
            quad,
            "1",
            1,
            ("USA", "USA"),
        );
        events::gdelt(row.as_bytes(), OnBadRow::Fail)
            .next()
            .unwrap()
            .unwrap_err()
    };
    let err = first_error(60, 1);
    assert!(err.to_string().contains("57, 58 or 61 columns"), "{err}");
    let err = first_error(58, 7);
    assert_eq!(err.location().unwrap().column, Some(30), "{err}");
}

#[test]
fn the_cameo_table_of_the_built_in_schema() {
    let kinds = CameoKinds::from_schema(&Schema::builtin());
    let table: Vec<(u8, &str)> = (1..=20)
        .map(|r| (r, kinds.kind(r).unwrap().as_str()))
        .collect();
    // Named in the schema's CAMEO column and preferred: 04 (MEETS), 05 (SUPPORTS), 08
    // (TOLERATES), 10 (DEMANDS), 11 (OPPOSES), 12 (REFUSES_NEGOTIATION), 13 (THREATENS, not
    // FEARS, the threatened side's view); the rest stand in for their quad class.
    let expected = [
        (1, "SUPPORTS"),
        (2, "SUPPORTS"),
        (3, "SUPPORTS"),
        (4, "MEETS"),
        (5, "SUPPORTS"),
        (6, "SUPPORTS"),
        (7, "SUPPORTS"),
        (8, "TOLERATES"),
        (9, "OPPOSES"),
        (10, "DEMANDS"),
        (11, "OPPOSES"),
        (12, "REFUSES_NEGOTIATION"),
        (13, "THREATENS"),
        (14, "THREATENS"),
        (15, "THREATENS"),
        (16, "THREATENS"),
        (17, "THREATENS"),
        (18, "THREATENS"),
        (19, "THREATENS"),
        (20, "THREATENS"),
    ];
    assert_eq!(table, expected);
    // Every preferred kind is one the schema's CAMEO column names for that root.
    let schema = Schema::builtin();
    for (root, name) in CameoKinds::PREFERRED {
        let cameo = schema.get(name).unwrap().cameo.clone().unwrap();
        assert_eq!(cameo[..2].parse::<u8>().unwrap(), root, "{name}: {cameo}");
    }
    // Without a preferred kind, the first directed candidate: a schema of its own.
    let mut custom = Schema::empty();
    custom
        .declare(
            alliance_graph::RelationKindDef::new("SNUBS", Polarity::Negative)
                .event_codes(Some("12 Reject"), None),
        )
        .unwrap();
    let kinds = CameoKinds::from_schema(&custom);
    assert_eq!(kinds.kind(12).map(RelationKind::as_str), Some("SNUBS"));
    assert_eq!(
        kinds.kind(9),
        None,
        "no kind for verbal conflict's reference root"
    );
    assert_eq!(
        Quad::of_root(6).map(Quad::polarity),
        Some(Polarity::Positive)
    );
    assert_eq!(
        Quad::of_root(14).map(Quad::polarity),
        Some(Polarity::Negative)
    );
}

#[test]
fn actors_resolve_by_country_with_aliases_and_governments() {
    let r = Resolver::countries();
    assert_eq!(r.country("south korea"), Some("KOR"));
    assert_eq!(
        r.country("Korea, Democratic People's Republic of"),
        Some("PRK")
    );
    assert_eq!(r.country("ROM"), Some("ROU"), "a CAMEO code GDELT uses");
    assert_eq!(r.country("Occupied Palestinian Territory"), Some("PSE"));
    assert_eq!(r.country("Atlantis"), None);
    let r = r.alias("Atlantis", "ATL").unwrap().governments(true);
    assert!(
        Resolver::countries().alias("x", "A B").is_err(),
        "an alias id follows the id rule"
    );
    assert_eq!(r.country("ATLANTIS"), Some("ATL"));
    let gov = events::Actor {
        name: "Lee".into(),
        code: String::new(),
        country: "South Korea".into(),
        sectors: "Government, Executive".into(),
    };
    assert_eq!(
        r.resolve(&gov),
        Some((
            "KOR-government".into(),
            EntityKind::Government,
            "South Korea government".into()
        ))
    );
}

#[test]
fn what_an_event_cannot_use_is_counted_once_and_costs_only_that_event() {
    let rows = read_icews(&icews_fixture());
    let mut agg = Aggregator::new(Window::Month, Resolver::countries(), "fixture").unwrap();
    // Both sides in one unknown country: the event costs that name one event.
    let mut nowhere = rows[0].clone();
    nowhere.source.country = "Atlantis".into();
    nowhere.target.country = "Atlantis".into();
    nowhere.target.name = "Someone else".into();
    agg.add(&nowhere);
    // A hand-built event with nothing visible to quote is left out, not fatal to the rest.
    let mut blank = rows[0].clone();
    blank.text = " \u{200B}".into();
    agg.add(&blank);
    agg.add(&rows[0]);
    let (g, summary) = agg.finish().unwrap();
    assert_eq!(summary.unresolved.get("Atlantis"), Some(&1));
    assert_eq!((summary.events, summary.invalid, summary.used), (3, 1, 1));
    assert_eq!(g.relation_count(), 1);
}

#[test]
fn a_relation_s_kind_agrees_with_its_sign() {
    let rows = read_icews(&icews_fixture());
    let with = |cameo: &str, intensity: Option<f64>| {
        let mut e = rows[0].clone();
        e.cameo = cameo.into();
        e.quad = events::Quad::of_root(e.root()).unwrap();
        e.intensity = intensity;
        e
    };
    let relation = |events: &[events::Event], quotes: usize| {
        let mut agg = Aggregator::new(Window::Year, Resolver::countries(), "f")
            .unwrap()
            .evidence_per_relation(quotes);
        events.iter().for_each(|e| agg.add(e));
        let (g, _) = agg.finish().unwrap();
        let r = g.relations().next().unwrap();
        (r.kind().clone(), r.polarity(), r.evidence().len())
    };
    // A statement (root 01, cooperation) and a fight (19): negative, and a conflict's kind,
    // although the lower root ties for most frequent.
    let (kind, polarity, _) = relation(&[with("010", Some(0.0)), with("190", Some(-10.0))], 3);
    assert_eq!(
        (kind, polarity),
        (RelationKind::THREATENS, Polarity::Negative)
    );
    // A statement of intensity 0 and three fights without one: the quad classes decide.
    let fights = [
        with("010", Some(0.0)),
        with("190", None),
        with("190", None),
        with("190", None),
    ];
    let (kind, polarity, quotes) = relation(&fights, 0);
    assert_eq!(
        (kind, polarity),
        (RelationKind::THREATENS, Polarity::Negative)
    );
    // Asked for no quotes, a relation still quotes one row.
    assert_eq!(quotes, 1);
    // Positive by its intensity, with more conflict rows: the kind is a cooperation's.
    let mixed = [with("040", Some(1.0)), with("111", None), with("111", None)];
    let (kind, polarity, _) = relation(&mixed, 3);
    assert_eq!((kind, polarity), (RelationKind::MEETS, Polarity::Positive));
    // Decimal intensities that sum to zero do so although binary sums miss it by 1e-16:
    // the quad classes decide (two cooperations, one conflict).
    let zero = [
        with("040", Some(0.7)),
        with("040", Some(0.6)),
        with("111", Some(-1.3)),
    ];
    assert_ne!(0.7 + 0.6 - 1.3, 0.0, "the binary sum misses zero");
    let (kind, polarity, _) = relation(&zero, 3);
    assert_eq!((kind, polarity), (RelationKind::MEETS, Polarity::Positive));
}

#[test]
fn aggregation_per_dyad_and_window_keeps_its_evidence() {
    let rows = read_icews(&icews_fixture());
    let mut agg = Aggregator::new(Window::Month, Resolver::countries(), "fixture").unwrap();
    for e in &rows {
        agg.add(e);
    }
    let (g, summary) = agg.finish().unwrap();
    assert_eq!(
        (summary.events, summary.used, summary.same_entity),
        (7, 5, 1)
    );
    // An actor without a country is named so, not taken for an unknown country.
    assert_eq!(summary.unresolved.get("Protester (no country)"), Some(&1));
    assert!(g.validate().is_empty());
    let attack = g.relation("PRK-KOR-2010-03").unwrap();
    assert_eq!(attack.kind(), &RelationKind::THREATENS);
    assert_eq!(attack.polarity(), Polarity::Negative);
    assert_eq!(attack.intensity(), Some(1.0));
    assert_eq!(attack.valid().to_string(), "2010-03");
    assert_eq!(attack.evidence()[0].paragraph, Some(2));
    assert!(
        attack.evidence()[0]
            .quote
            .starts_with("1\t2010-03-26\tNorth Korea")
    );
    assert_eq!(attack.attributes()["event_ids"], Value::Text("1".into()));
    assert_eq!(attack.attributes()["material_conflict"], Value::Int(1));
    // March and May are two windows of the same dyad; an empty intensity does not count
    // towards the mean.
    let march = g.relation("USA-KOR-2010-03").unwrap();
    assert_eq!(march.attributes()["events"], Value::Int(1));
    assert_eq!(
        march.polarity(),
        Polarity::Positive,
        "the quad class decides without intensities"
    );
    let may = g.relation("USA-KOR-2010-05").unwrap();
    assert_eq!(may.attributes()["intensity_mean"], Value::Float(8.0));
    // By year the two become one.
    let mut agg = Aggregator::new(Window::Year, Resolver::countries(), "fixture").unwrap();
    for e in &rows {
        agg.add(e);
    }
    let (g, _) = agg.finish().unwrap();
    let year = g.relation("USA-KOR-2010").unwrap();
    assert_eq!(year.attributes()["events"], Value::Int(2));
    assert_eq!(year.attributes()["intensity_sum"], Value::Float(8.0));
    // 040 and 057 are both verbal cooperation (roots 04 and 05).
    assert_eq!(year.attributes()["verbal_cooperation"], Value::Int(2));
    assert_eq!(year.attributes()["material_cooperation"], Value::Int(0));
    assert_eq!(year.confidence(), Some(2.0 / 3.0));
    let ids: Vec<&str> = year.evidence().iter().map(|e| e.source.as_str()).collect();
    assert_eq!(ids, ["fixture", "fixture"]);
}

#[test]
fn the_shipped_fixture_aggregates_and_is_balanced_in_the_first_quarter() {
    let text = std::fs::read_to_string("data/events/icews-korea-2010.tsv").unwrap();
    let mut agg = Aggregator::new(Window::Quarter, Resolver::countries(), "fixture").unwrap();
    for e in events::icews(text.as_bytes(), OnBadRow::Fail).unwrap() {
        agg.add(&e.unwrap());
    }
    let (g, summary) = agg.finish().unwrap();
    assert_eq!(summary.events, 38);
    let q1 = alliance_graph::ViewOptions::new()
        .filter(alliance_graph::RelationFilter::new().during("2010-01..2010-03".parse().unwrap()))
        .view(&g);
    assert!(matches!(
        q1.balance_certificate(),
        alliance_graph::Certificate::Balanced { .. }
    ));
}

#[test]
fn a_quoted_field_may_span_lines_and_text_that_is_not_utf8_is_named() {
    let mut text = ICEWS_HEADER.to_owned() + "\n";
    text.push_str("1\t2010-05-05\tChina\tGovernment\tChina\t\"Criticize\nor denounce\"\t111\t-2.0\tJapan\tGovernment\tJapan\t507\t1\tWire\t\t\t\t\t\t\n");
    text.push_str("2\t2010-05-06\tChina\tGovernment\tChina\tConsult\t040\t1.0\tJapan\tGovernment\tJapan\t508\t1\tWire\t\t\t\t\t\t\n");
    let rows = read_icews(&text);
    assert_eq!(rows[0].description, "Criticize\nor denounce");
    // Evidence quotes the rows as written: quotes and line break kept.
    let written: Vec<&str> = text.split_inclusive('\n').collect();
    assert_eq!(
        rows[0].text,
        format!("{}{}", written[1], written[2].trim_end_matches('\n'))
    );
    assert_eq!(rows[1].text, written[3].trim_end_matches('\n'));
    assert_eq!(
        (rows[0].line, rows[1].line),
        (2, 4),
        "the second row starts on line 4"
    );
    let mut bytes = text.into_bytes();
    let at = bytes.windows(7).position(|w| w == b"Consult").unwrap();
    bytes[at] = 0xFF;
    // The row's line, and the column of the bad byte (Event Text, the sixth).
    let (err, at) = first_icews_error(&bytes[..]);
    assert_eq!(at, (Some(4), Some(6)), "{err}");
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    let mut reader = events::icews(&bytes[..], OnBadRow::Skip).unwrap();
    assert_eq!(reader.by_ref().count(), 1);
    assert_eq!(reader.skipped().get("unreadable text"), Some(&1));
    // The same inside a quoted row that spans lines: its first line, and the column.
    let at = bytes.windows(4).position(|w| w == b"\nor ").unwrap();
    bytes[at + 1] = 0xFF;
    for policy in [OnBadRow::Fail, OnBadRow::Skip] {
        let mut reader = events::icews(&bytes[..], policy).unwrap();
        let mut errors = Vec::new();
        reader
            .for_each_ref(|_| {})
            .unwrap_or_else(|e| errors.push(e));
        if policy == OnBadRow::Fail {
            let location = errors[0].location().unwrap();
            assert_eq!(
                (location.line, location.column),
                (Some(2), Some(6)),
                "{}",
                errors[0]
            );
        } else {
            assert!(errors.is_empty());
            assert_eq!(reader.skipped().get("unreadable text"), Some(&2));
        }
    }
}

#[test]
fn a_stray_quote_costs_its_row_whatever_the_read_sizes() {
    let kor = ("South Korea", "Government", "South Korea");
    let usa = ("United States", "Government", "United States");
    let rows: Vec<String> = (1..=120)
        .map(|i| icews_row(i, "2010-03-26", kor, "040", "1.0", usa))
        .collect();
    for stray in (0..rows.len() - 1).step_by(3) {
        let mut text = ICEWS_HEADER.to_owned() + "\n";
        for (i, row) in rows.iter().enumerate() {
            text.push_str(&if i == stray {
                row.replace("An event", "\"stray")
            } else {
                row.clone()
            });
            text.push('\n');
        }
        for n in [7, 61, 1 << 20] {
            let input = || Trickle {
                text: text.as_bytes(),
                step: n,
                fail_after: None,
                read: 0,
            };
            let mut reader = events::icews(input(), OnBadRow::Skip).unwrap();
            let mut lines = Vec::new();
            reader.for_each_ref(|e| lines.push(e.line)).unwrap();
            let want: Vec<u64> = (2..=121).filter(|&l| l != stray as u64 + 2).collect();
            assert_eq!(lines, want, "stray on row {}, reads of {n}", stray + 1);
            assert_eq!(reader.skipped().get("a stray quote"), Some(&1));
            let mut reader = events::icews(input(), OnBadRow::Skip).unwrap();
            let iterated: Vec<u64> = reader.by_ref().map(|e| e.unwrap().line).collect();
            assert_eq!(iterated, want, "stray on row {}, reads of {n}", stray + 1);
        }
    }
}

#[test]
fn stray_and_unclosed_quotes_lose_no_row_silently() {
    let kor = ("South Korea", "Government", "South Korea");
    let usa = (
        "United States",
        "Non-Governmental Organizations",
        "United States",
    );
    // A quote inside an unquoted field is text: the rows after it are read, not swallowed.
    let mut text = ICEWS_HEADER.to_owned() + "\n";
    text.push_str(
        &icews_row(1, "2010-03-26", kor, "040", "1.0", usa).replace("An event", "Fired a 5\" gun"),
    );
    text.push('\n');
    text.push_str(&icews_row(2, "2010-03-27", kor, "040", "1.0", usa));
    text.push('\n');
    text.push_str(&icews_row(3, "2010-03-28", kor, "040", "1.0", usa));
    text.push('\n');
    let rows = read_icews(&text);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].description, "Fired a 5\" gun");
    // An unclosed quote is an error naming its line, not the rest of the file in one row.
    let bad = text.replacen("Fired a 5\" gun", "\"never closed", 1);
    let (err, at) = first_icews_error(bad.as_bytes());
    assert_eq!(at, (Some(2), Some(6)), "{err}");
    assert!(err.to_string().contains("stray quote"), "{err}");
    // Skipped, it costs its own row only: the rows after it are read, and it is counted.
    let mut reader = events::icews(bad.as_bytes(), OnBadRow::Skip).unwrap();
    let ids: Vec<String> = reader.by_ref().map(|e| e.unwrap().id).collect();
    assert_eq!(ids, ["2", "3"]);
    assert_eq!(reader.skipped().get("a stray quote"), Some(&1));
    // The same when a later row's quote would close it: the rows between are not swallowed.
    let closed = bad.replacen("An event", "gun\"", 1);
    let mut reader = events::icews(closed.as_bytes(), OnBadRow::Skip).unwrap();
    let mut ids = Vec::new();
    reader.for_each_ref(|e| ids.push(e.id.to_owned())).unwrap();
    assert_eq!(ids, ["2", "3"]);
    assert_eq!(reader.skipped().get("a stray quote"), Some(&1));
    // A quoted field that does span lines, shorter than a row, is still one field.
    let spanning = text.replacen("Fired a 5\" gun", "\"two\nlines\"", 1);
    assert_eq!(read_icews(&spanning)[0].description, "two\nlines");
    // A quote left open at the end of the file is an unclosed one.
    let open = icews_row(4, "2010-03-29", kor, "040", "1.0", usa).replace("An event", "\"open");
    let last = format!("{text}{open}");
    let mut reader = events::icews(last.as_bytes(), OnBadRow::Skip).unwrap();
    assert_eq!(reader.by_ref().count(), 3);
    assert_eq!(reader.skipped().get("an unclosed quote"), Some(&1));
    // Non-governmental organisations are not governments.
    let r = Resolver::countries().governments(true);
    let ngo = events::Actor {
        name: "Amnesty".into(),
        code: String::new(),
        country: "United States".into(),
        sectors: "Non-Governmental Organizations".into(),
    };
    assert_eq!(r.resolve(&ngo).map(|e| e.1), Some(EntityKind::State));
    // A header that repeats a column is refused, at its line.
    let header = ICEWS_HEADER.replace("Publisher", "Event ID");
    let err = events::icews(format!("\n{header}\n").as_bytes(), OnBadRow::Skip).unwrap_err();
    assert!(
        err.to_string().contains("repeats the column `Event ID`"),
        "{err}"
    );
    assert_eq!(err.location().unwrap().line, Some(2));
}

#[test]
fn a_row_longer_than_the_limit_is_named_or_passed_over_and_the_lines_stay_counted() {
    let kor = ("South Korea", "Government", "South Korea");
    let usa = ("United States", "Government", "United States");
    let long = icews_row(2, "2010-03-27", kor, "040", "1.0", usa)
        .replace("An event", &"x".repeat(events::MAX_ROW_BYTES));
    let text = format!(
        "{ICEWS_HEADER}\r\n{}\r\n{long}\r\n{}\r\n",
        icews_row(1, "2010-03-26", kor, "040", "1.0", usa),
        icews_row(3, "2010-03-28", kor, "112", "-2.0", usa)
    );
    let (err, (line, _)) = first_icews_error(text.as_bytes());
    assert_eq!(line, Some(3), "{err}");
    assert!(err.to_string().contains("longer than"), "{err}");
    let mut reader = events::icews(text.as_bytes(), OnBadRow::Skip).unwrap();
    let rows: Vec<Event> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(
        rows.iter()
            .map(|e| (e.id.as_str(), e.line))
            .collect::<Vec<_>>(),
        [("1", 2), ("3", 4)]
    );
    // The carriage returns are not part of the last field.
    assert!(!rows[0].text.ends_with('\r'));
    assert_eq!(reader.skipped().get("unreadable text"), Some(&1));
}

/// A long ICEWS file (more rows than a batch holds, more bytes than a read buffer) with, every
/// so often, a quoted field spanning lines, a bad date, a short row, a blank line and a
/// carriage return: everything that crosses a batch or buffer boundary somewhere.
fn long_icews_file(rows: u32) -> String {
    let kor = ("South Korea", "Government", "South Korea");
    let usa = ("United States", "Government", "United States");
    let mut text = String::from("\u{FEFF}");
    text.push_str(ICEWS_HEADER);
    text.push('\n');
    for i in 0..rows {
        let row = icews_row(i, "2010-03-26", kor, "040", "1.5", usa);
        match i % 97 {
            0 => text.push_str(&row.replace("An event", "\"spans\nthree\r\nlines\"")),
            13 => text.push_str(&row.replace("2010-03-26", "2010-02-30")),
            29 => text.push_str(row.rsplit_once('\t').map_or("", |r| r.0)),
            41 => text.push_str("\n  \t "),
            53 => text.push_str(&(row + "\r")),
            _ => text.push_str(&row),
        }
        text.push('\n');
    }
    text
}

/// A reader that hands out a few bytes at a time and can fail after some.
struct Trickle<'a> {
    text: &'a [u8],
    step: usize,
    fail_after: Option<usize>,
    read: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.fail_after.is_some_and(|n| self.read >= n) {
            return Err(std::io::Error::other("the disk went away"));
        }
        // Never past the failure: it comes exactly after `fail_after` bytes.
        let room = self.fail_after.map_or(usize::MAX, |n| n - self.read);
        let n = self.text.len().min(out.len()).min(self.step).min(room);
        out[..n].copy_from_slice(&self.text[..n]);
        self.text = &self.text[n..];
        self.read += n;
        Ok(n)
    }
}

#[test]
fn the_threaded_reading_and_the_iterator_give_the_same_events_and_counts() {
    let text = long_icews_file(9_000);
    assert!(text.len() > 1 << 20 && text.lines().count() > 2 * events::BATCH_ROWS);
    let mut iterator = events::icews(text.as_bytes(), OnBadRow::Skip).unwrap();
    let expected: Vec<Event> = iterator.by_ref().map(Result::unwrap).collect();
    let every = |k: u32| (0..9_000).filter(|i| i % 97 == k).count() as u64;
    assert_eq!(
        iterator.skipped().get("an impossible date"),
        Some(&every(13))
    );
    assert_eq!(
        iterator.skipped().get("a wrong number of columns"),
        Some(&every(29))
    );
    for step in [1 << 20, 4093, 7] {
        let input = Trickle {
            text: text.as_bytes(),
            step,
            fail_after: None,
            read: 0,
        };
        let mut reader = events::icews(input, OnBadRow::Skip).unwrap();
        let mut got = Vec::new();
        reader.for_each_ref(|e| got.push(e.to_event())).unwrap();
        assert_eq!(got.len(), expected.len(), "step {step}");
        assert!(got == expected, "step {step}");
        assert_eq!(reader.skipped(), iterator.skipped());
    }
    // The quoted field is one field, its line breaks kept, and the row numbered by its first
    // line; the rows after it keep their own line numbers.
    let quoted = expected.iter().find(|e| e.id == "97").unwrap();
    assert_eq!(quoted.description, "spans\nthree\nlines");
    let next = expected.iter().find(|e| e.id == "98").unwrap();
    assert_eq!(next.line, quoted.line + 3);
    // Under Fail both ways stop at the same first bad row.
    let first = |threaded: bool| {
        let mut reader = events::icews(text.as_bytes(), OnBadRow::Fail).unwrap();
        if threaded {
            reader.for_each_ref(|_| {}).unwrap_err()
        } else {
            reader.find_map(Result::err).unwrap()
        }
    };
    let (a, b) = (first(true), first(false));
    assert_eq!(a.to_string(), b.to_string());
    assert_eq!(a.location().unwrap().line, Some(17), "{a}");
}

#[test]
fn input_that_fails_midway_is_an_error_at_the_next_line_both_ways() {
    let text = long_icews_file(3_000);
    for threaded in [true, false] {
        let input = Trickle {
            text: text.as_bytes(),
            step: 1000,
            fail_after: Some(200_000),
            read: 0,
        };
        let mut reader = events::icews(input, OnBadRow::Skip).unwrap();
        let mut rows = 0;
        let err = if threaded {
            reader.for_each_ref(|_| rows += 1).unwrap_err()
        } else {
            let mut err = None;
            for e in reader.by_ref() {
                match e {
                    Ok(_) => rows += 1,
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            err.unwrap()
        };
        assert!(err.to_string().contains("the disk went away"), "{err}");
        // Every whole line before the failure was read, and the error names the line after.
        let whole = text[..200_000].matches('\n').count() as u64;
        assert_eq!(err.location().unwrap().line, Some(whole + 1), "{err}");
        assert!(rows > 1000, "{rows}");
        assert!(reader.next().is_none());
    }
}

#[test]
fn a_slow_input_s_rows_come_as_soon_as_they_are_read() {
    /// Gives its text in one read, then stands for an input with nothing more yet: a second
    /// read fails the test.
    struct Once(Option<String>);
    impl std::io::Read for Once {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let text = self.0.take().expect("no read past the rows already given");
            out[..text.len()].copy_from_slice(text.as_bytes());
            Ok(text.len())
        }
    }
    let kor = ("South Korea", "Government", "South Korea");
    let usa = ("United States", "Government", "United States");
    let text = format!(
        "{ICEWS_HEADER}\n{}\n{}\n",
        icews_row(1, "2010-03-26", kor, "040", "1.0", usa),
        icews_row(2, "2010-02-30", kor, "040", "1.0", usa)
    );
    let mut reader = events::icews(Once(Some(text)), OnBadRow::Fail).unwrap();
    assert_eq!(reader.next().unwrap().unwrap().id, "1");
    let err = reader.next().unwrap().unwrap_err();
    assert_eq!(err.location().unwrap().line, Some(3), "{err}");
}
