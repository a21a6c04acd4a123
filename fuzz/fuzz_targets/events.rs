//! The event readers on any bytes (the first byte picks ICEWS, with or without its header
//! put in front, or GDELT): never a panic; the threaded reading (`for_each_ref`) and the
//! iterator give the same events, the same skip counts and the same first error; and what
//! they give aggregates into a valid graph.
#![no_main]
use alliance_graph::io::events::{self, Aggregator, Event, OnBadRow, Resolver, Window};
use libfuzzer_sys::fuzz_target;

const HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n";

/// A reader of `text` (ICEWS or GDELT), or the header's error.
fn reader(
    gdelt: bool,
    text: &[u8],
    on_bad: OnBadRow,
) -> Result<events::Reader<&[u8]>, alliance_graph::Error> {
    if gdelt {
        Ok(events::gdelt(text, on_bad))
    } else {
        events::icews(text, on_bad)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, body)) = data.split_first() else {
        return;
    };
    let gdelt = choice % 3 == 2;
    let text = if choice % 3 == 0 {
        [HEADER.as_bytes(), body].concat()
    } else {
        body.to_vec()
    };
    for on_bad in [OnBadRow::Skip, OnBadRow::Fail] {
        let (Ok(mut iterated), Ok(mut threaded)) =
            (reader(gdelt, &text, on_bad), reader(gdelt, &text, on_bad))
        else {
            let (a, b) = (reader(gdelt, &text, on_bad), reader(gdelt, &text, on_bad));
            assert_eq!(a.err().map(|e| e.to_string()), b.err().map(|e| e.to_string()));
            continue;
        };
        let mut one: Vec<Event> = Vec::new();
        let mut one_error = None;
        for e in iterated.by_ref() {
            match e {
                Ok(e) => one.push(e),
                Err(e) => {
                    one_error = Some(e.to_string());
                    break;
                }
            }
        }
        let mut two: Vec<Event> = Vec::new();
        let two_error = threaded
            .for_each_ref(|e| two.push(e.to_event()))
            .err()
            .map(|e| e.to_string());
        assert_eq!(one_error, two_error);
        assert!(one == two, "the iterator and for_each_ref differ");
        assert_eq!(iterated.skipped(), threaded.skipped());
        if on_bad == OnBadRow::Fail {
            continue;
        }
        let Ok(mut agg) =
            Aggregator::new(Window::Quarter, Resolver::countries().governments(true), "fuzz")
        else {
            unreachable!("a valid source id");
        };
        for e in &one {
            agg.add(e);
        }
        let (g, summary) = agg.finish().expect("events the readers give aggregate");
        assert!(g.validate().is_empty(), "an aggregated graph is valid");
        assert_eq!(summary.events, one.len() as u64);
        assert_eq!(summary.relations, g.relation_count());
    }
});
