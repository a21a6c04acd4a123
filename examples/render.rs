//! Draws the bundled article graph: writes `us-korea-2011.dot` and, when Graphviz's `dot` is
//! installed, `us-korea-2011.svg`, into a directory (default `docs/`).
//!
//! Run with `cargo run --example render` or `cargo run --example render -- some/dir`.

use std::path::PathBuf;
use std::process::Command;

use alliance_graph::{datasets, io::dot};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docs".to_owned()));
    std::fs::create_dir_all(&dir)?;
    let g = datasets::us_korea_2011();
    let title = g
        .source(datasets::ARTICLE_SOURCE)
        .map_or("The article graph".to_owned(), |s| s.title.clone());
    // Topics that are only what a relation is about stay out of the picture.
    let options = dot::DotOptions::new()
        .title(title)
        .layout(dot::Layout::Neato)
        .connected_only();
    let text = dot::to_string(&g, &options);
    let dot_path = dir.join("us-korea-2011.dot");
    std::fs::write(&dot_path, &text)?;
    println!("wrote {}", dot_path.display());
    let svg_path = dir.join("us-korea-2011.svg");
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
