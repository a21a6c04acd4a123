//! A readable brief of the bundled US–Korea 2011 article graph: the actors by kind, the
//! relations between each pair of states (directly or through their governments and leaders)
//! with polarity, when the article places them and a quote, the states' ties in the Roh era
//! (2005) and the Lee era (2010) with what changed, and the events in date order.
//!
//! Run with `cargo run --example us_korea`.

#[path = "common/states.rs"]
mod states;

use std::collections::{BTreeMap, BTreeSet};

use alliance_graph::{
    Entity, EntityKind, Occurrence, Reading, RelationFilter, RelationRef, Tense, ViewOptions,
    datasets,
};

/// When a relation holds, as the article tells it: the date it speaks of (2011) and the
/// tense, then the days it can hold on (its validity, anchors and ends' terms of office).
fn period(r: RelationRef<'_>) -> String {
    let possible = match r.effective_interval() {
        Some(i) if i.is_always() && r.tense() == Tense::Timeless => "undated".to_owned(),
        Some(i) if i.is_always() => "at any date".to_owned(),
        Some(i) => i.to_string(),
        None => "never (its dates do not meet)".to_owned(),
    };
    let stated = r
        .statement_date()
        .map_or("an undated statement".to_owned(), |d| d.to_string());
    let once = if r.occurs() == Occurrence::Once {
        "once, "
    } else {
        ""
    };
    match (r.tense(), r.known_interval()) {
        (Tense::Timeless, _) => format!("{once}{possible}"),
        (Tense::Past, Some(known)) => format!("{once}throughout {known}"),
        (Tense::Past, None) => format!("{once}before a statement of {stated}, within {possible}"),
        (Tense::Present, _) => format!("{once}said of {stated}, possible {possible}"),
        (Tense::Future, _) => format!("{once}after a statement of {stated}, within {possible}"),
    }
}

fn describe(e: &Entity) -> String {
    format!("{} ({})", e.name, e.id)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let g = datasets::us_korea_2011();
    let article = g
        .source(datasets::ARTICLE_SOURCE)
        .ok_or("the dataset lacks its article source")?;
    println!("# {}", article.title);
    println!(
        "{} entities, {} relations, {} sources\n",
        g.entity_count(),
        g.relation_count(),
        g.sources().count()
    );

    println!("## Actors by kind");
    for kind in EntityKind::ALL {
        let names: Vec<String> = g
            .entities()
            .filter(|e| e.kind == kind)
            .map(describe)
            .collect();
        if !names.is_empty() {
            println!("- {kind}: {}", names.join("; "));
        }
    }

    println!("\n## Relations between states");
    let mut pairs: BTreeMap<(&str, &str), Vec<RelationRef<'_>>> = BTreeMap::new();
    for r in g.relations() {
        let (Some(a), Some(b)) = (
            states::state_of(&g, r.source().as_str()),
            states::state_of(&g, r.target().as_str()),
        ) else {
            continue;
        };
        if a != b {
            pairs.entry((a.min(b), a.max(b))).or_default().push(r);
        }
    }
    for ((a, b), relations) in &pairs {
        let name = |id: &str| g.entity(id).map_or(id.to_owned(), |e| e.name.clone());
        println!("\n### {} – {}", name(a), name(b));
        for r in relations {
            let mut line = format!(
                "- {} {} {} [{}; {}; {}",
                r.source(),
                r.kind(),
                r.target(),
                r.polarity(),
                period(*r),
                r.status()
            );
            if let Some(by) = r.asserted_by() {
                line.push_str(&format!(" by {by}"));
            }
            line.push(']');
            if let Some(about) = r.about() {
                line.push_str(&format!(" about {about}"));
            }
            if let Some(e) = r.evidence().first() {
                let paragraph = e.paragraph.map_or(String::new(), |p| format!(" (¶{p})"));
                line.push_str(&format!("\n    “{}”{paragraph}", e.quote));
            }
            println!("{line}");
        }
    }

    println!(
        "\n## Then and now: the states in 2005 (Roh Moo-hyun) and 2010 (Lee Myung-bak)\n\
         Stated facts the article allows at each date: not ruled out by its tenses, its \
         dates and the terms of office."
    );
    let allowed = ViewOptions::new().filter(
        RelationFilter::new()
            .facts_only()
            .reading(Reading::Possible),
    );
    let (then, now) = ("2005".parse()?, "2010".parse()?);
    let views = [
        allowed.clone().at(then).view(&g),
        allowed.clone().at(now).view(&g),
    ];
    let pairs: BTreeSet<(String, String)> = views
        .iter()
        .flat_map(|v| v.edges().iter())
        .map(|e| {
            let (a, b) = (e.a.to_string(), e.b.to_string());
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect();
    for (a, b) in &pairs {
        let sign = |i: usize| {
            views[i]
                .edge(a, b)
                .map_or("no tie".to_owned(), |e| e.sign.to_string())
        };
        let name = |id: &str| g.entity(id).map_or(id.to_owned(), |e| e.name.clone());
        println!(
            "- {} – {}: {} in 2005, {} in 2010",
            name(a),
            name(b),
            sign(0),
            sign(1)
        );
    }
    let changes = g.changes_between(then, now, &allowed);
    for (what, relations) in [("ended", &changes.ended), ("began", &changes.began)] {
        for r in relations.iter() {
            let quote = r.evidence().first().map_or("", |e| e.quote.as_str());
            println!(
                "  {what}: {} {} {}: “{quote}”",
                r.source(),
                r.kind(),
                r.target()
            );
        }
    }

    println!("\n## Events in date order");
    let mut events: Vec<&Entity> = g
        .entities()
        .filter(|e| e.kind == EntityKind::Event)
        .collect();
    // Dated events first, by start; undated ones after, in graph order (the sort is stable).
    events.sort_by_key(|e| (e.lifetime.start().is_none(), e.lifetime.start()));
    for e in events {
        let when = if e.lifetime.is_always() {
            "undated".to_owned()
        } else {
            e.lifetime.to_string()
        };
        println!("- {when}: {}", describe(e));
        for r in g
            .relations()
            .filter(|r| r.source() == e.id || r.target() == e.id)
        {
            println!(
                "    {} {} {} [{}]",
                r.source(),
                r.kind(),
                r.target(),
                r.status()
            );
        }
    }
    Ok(())
}
