//! Queries and paths on the bundled article dataset: North Korea's adversaries as the article
//! states them (2011) and as it allows them in December 2010, every short path from China to the United States, the most credible path from Kim
//! Jong-il's regime to Lee Myung-bak's government, the sign implied between China and South
//! Korea, and searches that find nothing, with the reason.
//!
//! Run with `cargo run --example paths`.

use alliance_graph::{
    EntityKind, EntityKinds, Path, Polarity, Reading, RelationFilter, RelationRef, costs, datasets,
};

fn cite(r: RelationRef<'_>) -> String {
    let Some(e) = r.evidence().first() else {
        return format!("{} {} {} (no quote)", r.source(), r.kind(), r.target());
    };
    let paragraph = e.paragraph.map_or(String::new(), |p| format!(" ¶{p}"));
    let view = match &r.asserted_by() {
        Some(by) => format!("{} held by {}", r.status(), by),
        None => r.status().to_string(),
    };
    format!(
        "{} {} {} [{}; {}]: “{}” ({}{paragraph})",
        r.source(),
        r.kind(),
        r.target(),
        r.polarity(),
        view,
        e.quote,
        e.source
    )
}

fn show(path: &Path<'_>) {
    let names: Vec<&str> = path.entities().iter().map(|e| e.id.as_str()).collect();
    let hops = if path.len() == 1 { "hop" } else { "hops" };
    println!(
        "  {} ({} {hops}, sign {}):",
        names.join(" → "),
        path.len(),
        path.sign()
    );
    for line in path.explain().lines() {
        println!("    {line}");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let g = datasets::us_korea_2011();

    // The article (2011) speaks of its own time: what it says in the present tense is known
    // to hold in 2011; of December 2010 it says less, and leaves more open.
    let in_2011 = RelationFilter::new().at("2011".parse()?);
    let allowed_dec_2010 = RelationFilter::new()
        .at("2010-12".parse()?)
        .reading(Reading::Possible);
    for (title, filter) in [
        (
            "North Korea's adversaries as the article states them (2011)",
            &in_2011,
        ),
        (
            "North Korea's adversaries the article allows in December 2010",
            &allowed_dec_2010,
        ),
    ] {
        println!("## {title}");
        for c in g.adversaries("PRK", filter)? {
            println!("- {} ({}, {})", c.entity.name, c.entity.id, c.entity.kind);
            for r in &c.relations {
                println!("    {}", cite(*r));
            }
        }
        println!();
    }

    println!("## Every path of at most 3 hops from China to the United States, in 2011");
    let found = g
        .paths()
        .filter(in_2011.clone())
        .max_hops(3)
        .all_simple("CHN", "USA", 500)?;
    println!(
        "{} paths{}",
        found.paths().len(),
        if found.truncated() {
            " (stopped at the limit)"
        } else {
            ""
        }
    );
    for path in found.paths() {
        show(path);
    }

    println!("\n## The most credible path from Kim Jong-il's regime to Lee Myung-bak's government");
    let credible =
        g.paths()
            .cheapest("kim-jong-il-regime", "lee-government", costs::by_confidence)?;
    if let Some(path) = credible.first() {
        println!(
            "credibility {:.3} (the product of the hops' confidences)",
            (-path.cost()).exp()
        );
        show(path);
    }

    println!("\n## The signed relation implied between China and South Korea, in 2011");
    let states = EntityKinds::of(&[EntityKind::State]);
    let signed_states = in_2011
        .clone()
        .endpoint_kinds(states)
        .polarities([Polarity::Positive, Polarity::Negative]);
    let between = g
        .paths()
        .filter(signed_states)
        .max_hops(3)
        .all_simple("CHN", "KOR", 100)?;
    let (mut friendly, mut hostile) = (0, 0);
    for path in between.paths() {
        match path.sign() {
            Polarity::Positive => friendly += 1,
            _ => hostile += 1,
        }
        show(path);
    }
    let implied = match (friendly, hostile) {
        (0, 0) => "none: no signed path between them".to_owned(),
        (0, n) => format!("negative: all {n} signed paths between the states say so"),
        (n, 0) => format!("positive: all {n} signed paths between the states say so"),
        (p, n) => format!("ambivalent: {p} paths imply friendship, {n} hostility"),
    };
    println!("implied: {implied}");

    println!("\n## Searches that find nothing, and why");
    let friendly_states = g
        .paths()
        .friendly_only()
        .filter(RelationFilter::new().endpoint_kinds(states))
        .shortest("PRK", "USA")?;
    println!("- a friendly path between North Korea and the United States, states only:");
    if let Some(why) = friendly_states.why_none() {
        println!("    {why}");
    }
    let in_2005 = g
        .paths()
        .filter(RelationFilter::new().at("2005".parse()?))
        .max_hops(2)
        .shortest("roh-moo-hyun-administration", "obama-administration")?;
    println!("- the Roh and Obama administrations in 2005, at most 2 hops:");
    if let Some(why) = in_2005.why_none() {
        println!("    {why}");
    }
    Ok(())
}
