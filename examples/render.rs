//! Draws the bundled article's pictures into a directory (default `docs/`):
//!
//! - `eras.dot` / `eras.svg`: the README figure, the states in 2005 (Roh Moo-hyun's Seoul)
//!   and 2010 (Lee Myung-bak's) side by side. Each government and leader counts as the state
//!   it governs or serves; a pair's line is the net sign of the stated facts the article
//!   allows at that date (the open-world reading); boxes are coloured by faction.
//! - `us-korea-2011.dot` / `.svg`: the whole article graph, one edge per pair of entities,
//!   structural ties left out, with a legend.
//! - `us-korea-2011.html`: the interactive page (`io::html`): a year slider from 1998 to
//!   2013, the known or possible reading, filters, and the quotes behind what is clicked.
//!
//! The SVGs are written when Graphviz's `dot` is installed.
//!
//! Run with `cargo run --example render` or `cargo run --example render -- some/dir`.

#[path = "common/states.rs"]
mod states;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use alliance_graph::{
    Date, Graph, PairRule, Polarity, Reading, SignedView, Status, datasets,
    io::{dot, html},
};

/// The states' signed ties the article allows at `date`: every stated fact not ruled out
/// then, between the states its two ends stand for, summed (intensity, unset counting as 1)
/// into one net sign per pair.
fn states_at(g: &Graph, date: Date) -> Result<SignedView, Box<dyn std::error::Error>> {
    let mut net: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for r in g.relations() {
        let sign = match r.polarity() {
            Polarity::Positive => 1.0,
            Polarity::Negative => -1.0,
            Polarity::Neutral => continue,
        };
        if r.status() != Status::Fact || !Reading::Possible.keeps(r.truth_at(date)) {
            continue;
        }
        let ends = (
            states::state_of(g, r.source().as_str()),
            states::state_of(g, r.target().as_str()),
        );
        let (Some(a), Some(b)) = ends else { continue };
        if a != b {
            *net.entry((a.min(b), a.max(b))).or_default() += sign * r.intensity().unwrap_or(1.0);
        }
    }
    let edges: Vec<(&str, &str, Polarity)> = net
        .iter()
        .filter(|(_, w)| **w != 0.0)
        .map(|(&(a, b), &w)| {
            (
                a,
                b,
                if w > 0.0 {
                    Polarity::Positive
                } else {
                    Polarity::Negative
                },
            )
        })
        .collect();
    // The states of the article's story, in a fixed order.
    let nodes = ["USA", "KOR", "PRK", "CHN"];
    Ok(SignedView::from_edges(
        &nodes,
        &edges,
        PairRule::AnyNegative,
    )?)
}

/// Writes `name.dot` and, when Graphviz is installed, `name.svg`.
fn draw(dir: &Path, name: &str, text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let dot_path = dir.join(format!("{name}.dot"));
    std::fs::write(&dot_path, text)?;
    println!("wrote {}", dot_path.display());
    let svg_path = dir.join(format!("{name}.svg"));
    match Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_path)
        .arg("-o")
        .arg(&svg_path)
        .status()
    {
        Ok(status) if status.success() => println!("wrote {}", svg_path.display()),
        Ok(status) => return Err(format!("dot failed with {status}").into()),
        Err(_) => {
            println!("Graphviz `dot` is not installed: no SVG (install the graphviz package)")
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docs".to_owned()));
    std::fs::create_dir_all(&dir)?;
    let g = datasets::us_korea_2011();

    let (then, now) = (
        states_at(&g, "2005".parse()?)?,
        states_at(&g, "2010".parse()?)?,
    );
    let eras = dot::signed_panels(
        &g,
        &[
            ("2005: Roh Moo-hyun's Seoul", &then),
            ("2010: Lee Myung-bak's Seoul", &now),
        ],
        Some("The Danger of Closer US-Korea Ties: the states, as the article allows them"),
    );
    draw(&dir, "eras", &eras)?;

    let title = g
        .source(datasets::ARTICLE_SOURCE)
        .map_or("The article graph".to_owned(), |s| s.title.clone());
    // Topics that are only what a relation is about stay out of the picture.
    let options = dot::DotOptions::new()
        .title(title)
        .layout(dot::Layout::Neato)
        .one_edge_per_pair()
        .hide_structural()
        .legend()
        .connected_only();
    draw(&dir, "us-korea-2011", &dot::to_string(&g, &options))?;

    let page = html::to_string(
        &g,
        &html::HtmlOptions::new()
            .title("The Danger of Closer US-Korea Ties (The Diplomat, 2011): relations by year")
            .years(1998, 2013),
    );
    let page_path = dir.join("us-korea-2011.html");
    std::fs::write(&page_path, page)?;
    println!("wrote {}", page_path.display());
    Ok(())
}
