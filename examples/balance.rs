//! Structural balance on the bundled article dataset: the signed view of the states, the
//! triangle census and balance scores, the factions or the frustrated relations, the eras the
//! article contrasts side by side, and what-if scenarios that tighten the US–South Korea
//! alliance.
//!
//! Run with `cargo run --example balance`.

use alliance_graph::{
    Certificate, Comparison, EntityKind, EntityKinds, FrustrationOptions, Graph, PairRule,
    Polarity, Reading, Relation, RelationFilter, RelationKind, Scenario, SignedView, ViewOptions,
    datasets,
};

fn sign(p: Polarity) -> &'static str {
    match p {
        Polarity::Positive => "+",
        Polarity::Negative => "−",
        Polarity::Neutral => "0",
    }
}

fn measures(g: &Graph, v: &SignedView) {
    let census = v.census();
    println!(
        "  triangles +++ {}, ++− {}, +−− {}, −−− {} (total {})",
        census.counts[0],
        census.counts[1],
        census.counts[2],
        census.counts[3],
        census.total()
    );
    println!(
        "  triangle balance {:.3} (strict), {:.3} (Davis clusterable); walk balance {}",
        census.balance(),
        census.clusterable(),
        v.walk_balance()
            .map_or("not computed (too large)".to_owned(), |w| format!("{w:.3}"))
    );
    for t in v.triangles() {
        let members: Vec<&str> = t.members.iter().map(|e| g.name_of(e.as_str())).collect();
        let verdict = if t.is_balanced() {
            "balanced"
        } else {
            "UNBALANCED"
        };
        println!("    {} {}: {verdict}", t.class(), members.join(" – "));
    }
    let f = v.frustration(&FrustrationOptions::default());
    println!(
        "  frustration index {} ({}), score 1 − 2L/m = {:.3}",
        f.index,
        if f.exact { "exact" } else { "upper bound" },
        f.score
    );
    for e in &f.frustrated {
        println!(
            "    frustrated: {} {} {} (relations: {})",
            g.name_of(e.a.as_str()),
            sign(e.sign),
            g.name_of(e.b.as_str()),
            e.relations
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let g = datasets::us_korea_2011();
    // The article speaks of its own year: what it states in the present tense is known to
    // hold in 2011, and only possible before.
    let states = ViewOptions::new()
        .at("2011".parse()?)
        .rule(PairRule::AnyNegative);
    let view = states.view(&g);

    println!(
        "## The signed view of the states in 2011, the article's year (any negative relation \
         makes a pair negative)"
    );
    for e in view.edges() {
        println!(
            "- {} {} {}  (weight {:+.1}; {})",
            g.name_of(e.a.as_str()),
            sign(e.sign),
            g.name_of(e.b.as_str()),
            e.weight,
            e.relations
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let isolated: Vec<&str> = view
        .signed_degrees()
        .into_iter()
        .filter(|d| d.positive + d.negative == 0)
        .map(|d| d.entity.as_str())
        .collect();
    println!("no signed tie to another state: {}", isolated.join(", "));

    println!("\n## Balance of the states");
    measures(&g, &view);
    match view.balance_certificate() {
        Certificate::Balanced {
            first,
            second,
            untied,
        } => {
            let names = |side: Vec<&alliance_graph::EntityId>| {
                side.iter()
                    .map(|e| g.name_of(e.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            println!("  balanced; the two factions:");
            println!("    {}", names(first));
            println!("    {}", names(second));
            if !untied.is_empty() {
                println!("  in neither (no signed tie): {}", names(untied));
            }
        }
        Certificate::Unbalanced { cycle, .. } => {
            let ids: Vec<&str> = cycle.iter().map(|e| e.as_str()).collect();
            println!(
                "  unbalanced: the cycle {} has an odd number of negative ties",
                ids.join(" – ")
            );
        }
    }
    println!("  signed degree and PN centrality:");
    let pn = view.pn_centrality().unwrap_or_default();
    for (d, (_, score)) in view.signed_degrees().iter().zip(&pn) {
        println!(
            "    {:<14} +{} −{} net {:+}  PN {:.3}",
            g.name_of(d.entity.as_str()),
            d.positive,
            d.negative,
            d.net(),
            score
        );
    }

    println!(
        "\n## The eras side by side: Roh Moo-hyun's Seoul (2005) and Lee Myung-bak's (2010), \
         states and governments, stated facts only"
    );
    let eras = ViewOptions::new().kinds(EntityKinds::of(&[
        EntityKind::State,
        EntityKind::Government,
    ]));
    let (then, now) = ("2005".parse()?, "2010".parse()?);
    for (title, reading) in [
        (
            "What the article places at each date (known: its eras and terms of office)",
            Reading::Known,
        ),
        (
            "What the article allows at each date (possible: not ruled out by its tenses, \
             dates and terms; the \"past disagreements\" Seoul and Washington set aside are \
             undated, so they are allowed in 2010 too)",
            Reading::Possible,
        ),
    ] {
        println!("### {title}");
        let opts = eras
            .clone()
            .filter(RelationFilter::new().facts_only().reading(reading));
        for (label, date) in [("2005", then), ("2010", now)] {
            let view = opts.clone().at(date).view(&g);
            let ties: Vec<String> = view
                .edges()
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {}",
                        g.name_of(e.a.as_str()),
                        sign(e.sign),
                        g.name_of(e.b.as_str())
                    )
                })
                .collect();
            println!(
                "- {label}: {}",
                if ties.is_empty() {
                    "no tie".to_owned()
                } else {
                    ties.join("; ")
                }
            );
        }
        let changes = g.changes_between(then, now, &opts);
        for c in &changes.resigned {
            println!(
                "  sign of {} – {}: {} → {}",
                g.name_of(c.a.as_str()),
                g.name_of(c.b.as_str()),
                c.before,
                c.after
            );
        }
        for (what, relations) in [("ended", &changes.ended), ("began", &changes.began)] {
            for r in relations.iter() {
                let about = r.about().map_or(String::new(), |a| format!(" about {a}"));
                println!(
                    "  {what}: {} {} {}{about}",
                    r.source(),
                    r.kind(),
                    r.target()
                );
            }
        }
    }
    println!("### Balance of what the article allows");
    for (label, date) in [("2005", then), ("2010", now)] {
        println!("#### {label}");
        let allowed = eras.clone().filter(
            RelationFilter::new()
                .facts_only()
                .reading(Reading::Possible),
        );
        measures(&g, &allowed.at(date).view(&g));
    }

    println!("\n## What if the US–South Korea alliance tightens?");
    let tighten = Scenario::new()
        .set_intensity("kor-usa-partnership", 1.0)
        .add_relation(
            Relation::new("what-if-alliance", RelationKind::ALLIANCE, "KOR", "USA").intensity(1.0),
        );
    let courting = tighten
        .clone()
        .set_polarity("kor-chn-tension", Polarity::Positive);
    let net = states.clone().rule(PairRule::NetSum);
    let before = net.view(&g);
    for (label, scenario) in [
        ("tighter alliance, nothing else changes", &tighten),
        ("tighter alliance while Seoul befriends Beijing", &courting),
    ] {
        let after_graph = scenario.apply(&g)?;
        let after = net.view(&after_graph);
        println!("### {label}");
        let tie = |v: &SignedView| v.edge("USA", "KOR").map_or(0.0, |e| e.weight);
        println!(
            "  US–South Korea net weight {:+.1} → {:+.1}",
            tie(&before),
            tie(&after)
        );
        let diff = Comparison::between(&before, &after);
        if diff.triangles.is_empty() {
            println!(
                "  no triangle changes class: North Korea and China stay opposite the pair, as balance theory expects"
            );
        }
        for t in &diff.triangles {
            let members: Vec<&str> = t.members.iter().map(|e| g.name_of(e.as_str())).collect();
            println!(
                "  triangle {}: {} → {}",
                members.join(" – "),
                t.before.unwrap_or("none"),
                t.after.unwrap_or("none")
            );
        }
        for d in diff
            .degrees
            .iter()
            .filter(|d| ["PRK", "CHN"].contains(&d.entity.as_str()))
        {
            println!(
                "  {}: +{} −{} → +{} −{}",
                g.name_of(d.entity.as_str()),
                d.before.0,
                d.before.1,
                d.after.0,
                d.after.1
            );
        }
        let options = FrustrationOptions::default();
        println!(
            "  frustration {} → {}; triangle balance {:.3} → {:.3}",
            before.frustration(&options).index,
            after.frustration(&options).index,
            before.census().balance(),
            after.census().balance()
        );
    }
    Ok(())
}
