//! Graphviz DOT, styled for reading.
//!
//! Positive relations are green, negative red, neutral grey; stated facts are solid lines,
//! claims, beliefs and hypothetical risks dashed, disputed relations dotted; symmetric kinds
//! have no arrowhead. Each entity kind has its own shape. Edge labels give the relation kind,
//! the period it holds (its validity narrowed to its ends' lifetimes) and its status when it
//! is not a fact.
//!
//! Node ids are entity ids, edge `id`s relation ids. Every string is written as a DOT quoted
//! string with `"` as `\"` and `\` as `\\`, which Graphviz's lexer always reads back as one
//! string, whatever the text (a backslash before a quote or at the end included). Labels
//! render exactly the text; in ids, Graphviz keeps the doubled backslash as two characters, so
//! an id `a\b` is the node named `a\\b`.
//!
//! DOT is a picture, not storage: control characters other than newline and tab are shown as
//! U+FFFD.

use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::known::{Occurrence, Tense};
use crate::model::Status;
use crate::relation_ref::RelationRef;
use crate::schema::{EntityKind, Polarity};
use crate::time::Date;

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    filter: RelationFilter,
    at: Option<Date>,
    title: Option<String>,
    connected_only: bool,
    layout: Option<Layout>,
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Layout {
    /// Layered, left to right (the default).
    Dot,
    /// Spring model: good for the small, dense article graph.
    Neato,
    /// Force-directed placement.
    Fdp,
    /// Scalable force-directed placement, for large graphs.
    Sfdp,
    /// Circular.
    Circo,
}

impl DotOptions {
    /// Every relation and entity, no title.
    pub fn new() -> DotOptions {
        DotOptions::default()
    }

    /// Only relations that pass this filter.
    pub fn filter(mut self, filter: RelationFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Only relations that hold at this date, under the filter's reading (by default those
    /// known to hold; with [`Reading::Possible`](crate::Reading::Possible), those not ruled
    /// out), and entities alive then.
    pub fn at(mut self, date: Date) -> Self {
        self.at = Some(date);
        self
    }

    /// A title above the picture.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Asks Graphviz for another layout engine (with overlapping nodes pushed apart).
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = Some(layout);
        self
    }

    /// Leaves out entities that no drawn relation touches.
    pub fn connected_only(mut self) -> Self {
        self.connected_only = true;
        self
    }
}

/// A DOT double-quoted string: `"` and `\` escaped, newlines as `\n`, tabs kept, other
/// control characters replaced.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "shape=box",
        EntityKind::Government => "shape=box, style=\"rounded,filled\"",
        EntityKind::Person => "shape=ellipse",
        EntityKind::Organization => "shape=hexagon",
        EntityKind::Event => "shape=diamond",
        EntityKind::Policy => "shape=note",
        EntityKind::Place => "shape=house",
        EntityKind::Topic => "shape=parallelogram",
    }
}

fn fill(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "#dbe9f6",
        EntityKind::Government => "#e8f0d8",
        EntityKind::Person => "#fdf1d6",
        EntityKind::Organization => "#ece2f4",
        EntityKind::Event => "#f9dede",
        EntityKind::Policy => "#f2f2f2",
        EntityKind::Place => "#e4efe9",
        EntityKind::Topic => "#ffffff",
    }
}

/// The label a node gets: its name and, on a second line, its kind.
pub fn node_label(name: &str, kind: EntityKind) -> String {
    format!("{name}\n({kind})")
}

/// Writes the graph as a DOT digraph.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::dot};
/// let g = datasets::us_korea_2011();
/// let text = dot::to_string(&g, &dot::DotOptions::new().title("The Danger of Closer US-Korea Ties"));
/// assert!(text.starts_with("digraph"));
/// assert!(text.contains("\"KOR\" -> \"USA\""));
/// ```
pub fn to_string(graph: &Graph, options: &DotOptions) -> String {
    let filter = options.filter.compile(graph);
    let relations: Vec<_> = graph
        .relations()
        .filter(|&r| filter.matches(r))
        .filter(|r| {
            let reading = options.filter.get_reading();
            options.at.is_none_or(|d| reading.keeps(r.truth_at(d)))
        })
        .collect();
    let touched = |id: &str| {
        relations
            .iter()
            .any(|r| r.source() == id || r.target() == id)
    };
    let mut out = String::from("digraph \"alliance-graph\" {\n");
    let layout = match options.layout.unwrap_or(Layout::Dot) {
        Layout::Dot => "rankdir=LR",
        Layout::Neato => "layout=neato, overlap=false, splines=true, sep=\"+12\"",
        Layout::Fdp => "layout=fdp, overlap=false, splines=true",
        Layout::Sfdp => "layout=sfdp, overlap=prism, splines=true",
        Layout::Circo => "layout=circo, splines=true",
    };
    out.push_str(&format!(
        "  graph [{layout}, fontname=\"Helvetica\", nodesep=0.3, ranksep=0.9"
    ));
    if let Some(title) = &options.title {
        out.push_str(&format!(
            ", label={}, labelloc=t, fontsize=20",
            quoted(title)
        ));
    }
    out.push_str("];\n");
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for e in graph.entities() {
        if options.at.is_some_and(|d| !e.lifetime.contains(d))
            || (options.connected_only && !touched(e.id.as_str()))
        {
            continue;
        }
        out.push_str(&format!(
            "  {} [label={}, {}, fillcolor=\"{}\"];\n",
            quoted(e.id.as_str()),
            quoted(&node_label(&e.name, e.kind)),
            shape(e.kind),
            fill(e.kind)
        ));
    }
    for r in relations {
        let colour = match r.polarity() {
            Polarity::Positive => "#2e7d32",
            Polarity::Negative => "#c62828",
            Polarity::Neutral => "#757575",
        };
        let style = match r.status() {
            Status::Fact => "solid",
            Status::Claim | Status::Belief | Status::Hypothetical => "dashed",
            Status::Disputed => "dotted",
        };
        out.push_str(&format!(
            "  {} -> {} [id={}, label={}, color=\"{colour}\", fontcolor=\"{colour}\", style={style}{}];\n",
            quoted(r.source().as_str()),
            quoted(r.target().as_str()),
            quoted(r.id()),
            quoted(&edge_label(r)),
            if r.is_symmetric() { ", dir=none" } else { "" }
        ));
    }
    out.push_str("}\n");
    out
}

/// The label a relation gets: its kind, then when it holds (a timeless relation's days; a
/// past relation's era; otherwise its tense and statement date, such as `present 2011`), then
/// its status when it is not a fact (with who holds the view).
pub fn edge_label(r: RelationRef<'_>) -> String {
    let mut label = r.kind().to_string();
    let stated = r.statement_date().map(|d| format!(" {d}"));
    let once = if r.occurs() == Occurrence::Once {
        "once, "
    } else {
        ""
    };
    let when = match (r.tense(), r.known_interval()) {
        // A timeless relation holds on every day it can: its days are the fact.
        (Tense::Timeless, _) => r
            .effective_interval()
            .filter(|i| !i.is_always())
            .map(|p| format!("{once}{p}")),
        (Tense::Past, Some(known)) => Some(format!("{once}{known}")),
        // Otherwise the statement's date and tense, not days the source does not give.
        (tense, _) => Some(format!("{once}{tense}{}", stated.unwrap_or_default())),
    };
    if let Some(when) = when {
        label.push_str(&format!("\n{when}"));
    }
    if r.status() != Status::Fact {
        label.push_str(&format!("\n({}", r.status()));
        if let Some(by) = r.asserted_by() {
            label.push_str(&format!(" by {by}"));
        }
        label.push(')');
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quoted("x\ny"), "\"x\\ny\"");
        assert_eq!(quoted("nul\u{0}"), "\"nul\u{FFFD}\"");
    }

    #[test]
    fn a_date_draws_what_the_reading_keeps_and_labels_say_when_the_source_speaks() {
        let g = crate::datasets::us_korea_2011();
        let edges = |reading| {
            let options = DotOptions::new()
                .filter(RelationFilter::new().reading(reading))
                .at("2010".parse().unwrap());
            to_string(&g, &options).matches(" -> ").count()
        };
        let (known, possible) = (
            edges(crate::Reading::Known),
            edges(crate::Reading::Possible),
        );
        assert!(known < possible, "{known} {possible}");
        let tension = g.relation("kor-prk-tension").unwrap();
        assert_eq!(edge_label(tension), "TENSION\npresent 2011");
        let era = g.relation("roh-moo-hyun-sees-usa-as-obstacle").unwrap();
        assert_eq!(edge_label(era), "SEES_AS_OBSTACLE\n2003-02-25..2008-02-24");
    }
}
