//! Graphviz DOT, styled for reading.
//!
//! Positive relations are green, negative red, neutral grey; stated facts are solid lines,
//! claims, beliefs and hypothetical risks dashed, disputed relations dotted; symmetric kinds
//! have no arrowhead. Each entity kind has its own shape. Edge labels give the relation kind
//! and what it is about, when it holds (see [`edge_label`]; left out when one date is drawn)
//! and its status when it is not a fact.
//!
//! [`DotOptions`] chooses what to draw and how: a filter and a date, one edge per pair of
//! entities ([`DotOptions::one_edge_per_pair`]), relation kinds to hide (or every structural
//! one), a legend, the factions of a balance certificate, a title and a layout engine.
//! Force-directed layouts start from a fixed seed, so the same graph always draws the same.
//!
//! Node ids are entity ids, edge `id`s relation ids. Every string is written as a DOT quoted
//! string with `"` as `\"` and `\` as `\\`, which Graphviz's lexer always reads back as one
//! string, whatever the text (a backslash before a quote or at the end included), and `&` as
//! `&amp;`, since Graphviz decodes HTML entity references in what it draws (`AT&amp;T` would
//! draw "AT&T", `&#x1;` a raw control character). Labels render exactly the text; in ids,
//! Graphviz keeps the doubled backslash and the `&amp;` as written, so an id `a\b` is the node
//! named `a\\b` and `a&b` the node named `a&amp;b` (drawn and titled `a&b` in SVG).
//!
//! DOT is a picture, not storage: control characters other than newline and tab are shown as
//! U+FFFD.

use std::collections::BTreeSet;

use crate::filter::RelationFilter;
use crate::graph::Graph;
use crate::id::EntityId;
use crate::known::{Occurrence, Tense};
use crate::model::Status;
use crate::relation_ref::RelationRef;
use crate::schema::RelationKind;
use crate::schema::{EntityKind, Polarity};
use crate::signed::{Certificate, SignedView};
use crate::time::Date;

/// What to draw, and how.
///
/// # Example
/// One edge per pair of entities, structural ties left out, a legend, and the two factions of
/// the states' balance certificate, at the article's date:
/// ```
/// use alliance_graph::{datasets, io::dot, ViewOptions};
/// let g = datasets::us_korea_2011();
/// let at = "2011".parse()?;
/// let view = ViewOptions::new().at(at).view(&g);
/// let certificate = view.balance_certificate();
/// let options = dot::DotOptions::new()
///     .at(at)
///     .one_edge_per_pair()
///     .hide_structural()
///     .legend()
///     .factions(&certificate)
///     .connected_only();
/// let text = dot::to_string(&g, &options);
/// assert!(text.contains("\"USA\" -> \"KOR\" [id=\"USA--KOR\""));
/// assert!(!text.contains("MEMBER_OF")); // structural
/// assert!(text.contains("legend"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    filter: RelationFilter,
    at: Option<Date>,
    title: Option<String>,
    connected_only: bool,
    layout: Option<Layout>,
    merge: bool,
    hidden: BTreeSet<RelationKind>,
    hide_structural: bool,
    legend: bool,
    factions: Option<[BTreeSet<EntityId>; 2]>,
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

    /// Draws one undirected edge per pair of entities instead of one per relation: coloured
    /// by the pair's net sign (the sum of its relations' signed intensities; purple when they
    /// disagree and cancel out), as wide as its total intensity, labelled with its relation
    /// kinds (with counts; a single relation keeps its full label), dashed when none of its relations is a stated fact. Its id is
    /// `a--b` (the two entity ids in entity order) and its tooltip lists the relation ids.
    pub fn one_edge_per_pair(mut self) -> Self {
        self.merge = true;
        self
    }

    /// Leaves out relations of these kinds.
    pub fn hide_kinds<K: Into<RelationKind>>(mut self, kinds: impl IntoIterator<Item = K>) -> Self {
        self.hidden.extend(kinds.into_iter().map(Into::into));
        self
    }

    /// Leaves out structural relations: kinds with no event code (membership, office,
    /// leadership, location, pursuing a policy, …; see [`Schema::markdown_table`]).
    ///
    /// [`Schema::markdown_table`]: crate::Schema::markdown_table
    pub fn hide_structural(mut self) -> Self {
        self.hide_structural = true;
        self
    }

    /// Adds a legend to the picture: the colours of the signs, the line styles of the
    /// statuses, and the shapes of the entity kinds.
    pub fn legend(mut self) -> Self {
        self.legend = true;
        self
    }

    /// Colours the entities of a balanced signed view's two factions (blue and orange); an
    /// unbalanced certificate colours nothing, and neither does an entity with no signed tie
    /// (the certificate lists those apart).
    pub fn factions(mut self, certificate: &Certificate<'_>) -> Self {
        self.factions = match certificate {
            Certificate::Balanced { first, second, .. } => Some([
                first.iter().map(|&e| e.clone()).collect(),
                second.iter().map(|&e| e.clone()).collect(),
            ]),
            Certificate::Unbalanced { .. } => None,
        };
        self
    }
}

/// The fill colours of the two factions.
const FACTION_FILLS: [&str; 2] = ["#9ecae1", "#fdae6b"];

/// The colour of a sign.
fn sign_colour(p: Polarity) -> &'static str {
    match p {
        Polarity::Positive => "#2e7d32",
        Polarity::Negative => "#c62828",
        Polarity::Neutral => "#757575",
    }
}

/// The colour of a pair whose relations' signs cancel out.
const MIXED: &str = "#6a1b9a";

fn status_style(s: Status) -> &'static str {
    match s {
        Status::Fact => "solid",
        Status::Claim | Status::Belief | Status::Hypothetical => "dashed",
        Status::Disputed => "dotted",
    }
}

/// The legend as one plain-text node with an HTML-like table (no user text inside): for a
/// picture of relations (`relations`) the neutral and cancelling colours and the line styles
/// of the statuses too; for signed views, what an untied entity looks like.
fn legend_node(relations: bool) -> String {
    let mut rows = String::new();
    let mut row = |swatch: String, text: &str| {
        rows.push_str(&format!(
            "<TR><TD>{swatch}</TD><TD ALIGN=\"LEFT\">{text}</TD></TR>"
        ));
    };
    let line = |colour: &str| format!("<FONT COLOR=\"{colour}\">━━━</FONT>");
    row(line(sign_colour(Polarity::Positive)), "positive tie");
    row(line(sign_colour(Polarity::Negative)), "negative tie");
    if relations {
        row(line(sign_colour(Polarity::Neutral)), "neutral tie");
        row(line(MIXED), "signs cancel out");
        row("━━━".to_owned(), "stated fact");
        row("╌╌╌".to_owned(), "claim, belief or risk");
        row("┈┈┈".to_owned(), "disputed");
    } else {
        let untied = fill(EntityKind::State);
        row(
            format!("<FONT COLOR=\"{untied}\">■</FONT>"),
            "no signed tie",
        );
    }
    for (fill, text) in FACTION_FILLS
        .iter()
        .zip(["one faction", "the other faction"])
    {
        row(format!("<FONT COLOR=\"{fill}\">■</FONT>"), text);
    }
    format!(
        "  \"legend\" [shape=plaintext, style=\"\", fontsize=10, label=<<TABLE BORDER=\"1\" \
         CELLBORDER=\"0\" CELLSPACING=\"2\"><TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>{rows}\
         </TABLE>>];\n"
    )
}

/// A DOT double-quoted string: `"` and `\` escaped, `&` as `&amp;` (Graphviz decodes entity
/// references), newlines as `\n`, tabs kept, other control characters replaced.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
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
    let structural = |r: &RelationRef<'_>| {
        options.hide_structural
            && graph
                .schema()
                .get(r.kind().as_str())
                .is_some_and(|d| d.cameo.is_none())
    };
    let relations: Vec<_> = graph
        .relations()
        .filter(|&r| filter.matches(r))
        .filter(|r| !options.hidden.contains(r.kind()) && !structural(r))
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
    // Force-directed layouts start from a fixed seed, so the same graph draws the same.
    let layout = match options.layout.unwrap_or(Layout::Dot) {
        Layout::Dot => "rankdir=LR",
        Layout::Neato => "layout=neato, start=1, overlap=false, splines=true, sep=\"+12\"",
        Layout::Fdp => "layout=fdp, start=1, overlap=false, splines=true",
        Layout::Sfdp => "layout=sfdp, start=1, overlap=prism, splines=true",
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
        let faction = options.factions.as_ref().and_then(|sides| {
            sides
                .iter()
                .position(|side| side.contains(&e.id))
                .map(|i| FACTION_FILLS[i])
        });
        out.push_str(&format!(
            "  {} [label={}, {}, fillcolor=\"{}\"];\n",
            quoted(e.id.as_str()),
            quoted(&node_label(&e.name, e.kind)),
            shape(e.kind),
            faction.unwrap_or(fill(e.kind))
        ));
    }
    // Drawing one date, the date is the picture's: labels leave it out.
    let dated = options.at.is_none();
    if options.merge {
        merged_edges(&relations, dated, &mut out);
    } else {
        for r in relations {
            let colour = sign_colour(r.polarity());
            out.push_str(&format!(
                "  {} -> {} [id={}, label={}, color=\"{colour}\", fontcolor=\"{colour}\", style={}{}];\n",
                quoted(r.source().as_str()),
                quoted(r.target().as_str()),
                quoted(r.id()),
                quoted(&label(r, dated)),
                status_style(r.status()),
                if r.is_symmetric() { ", dir=none" } else { "" }
            ));
        }
    }
    if options.legend {
        out.push_str(&legend_node(true));
    }
    out.push_str("}\n");
    out
}

/// Signed views side by side, one panel each, for comparing dates or scenarios: every entity
/// of a view as a box filled with its faction's colour in that view's balance certificate
/// (the kind's colour when the view is unbalanced or the entity has no signed tie), one line
/// per pair coloured by its sign
/// and as wide as its weight, and a legend. Entities are named from `graph` when it holds
/// them. Node ids are `panel index:entity id`, so one entity appears once in each panel.
///
/// # Complexity
/// O(n + m) over the views, plus a balance certificate each.
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::dot, ViewOptions};
/// let g = datasets::us_korea_2011();
/// let (a, b) = (ViewOptions::new().at("2005".parse()?), ViewOptions::new().at("2011".parse()?));
/// let (then, now) = (a.view(&g), b.view(&g));
/// let text = dot::signed_panels(&g, &[("2005", &then), ("2011", &now)], Some("Then and now"));
/// assert!(text.contains("cluster_1") && text.contains("\"1:KOR\" -> \"1:PRK\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn signed_panels(graph: &Graph, panels: &[(&str, &SignedView)], title: Option<&str>) -> String {
    let mut out = String::from("digraph \"alliance-graph\" {\n");
    out.push_str("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=16, nodesep=0.4, ranksep=0.6, newrank=true");
    if let Some(title) = title {
        out.push_str(&format!(
            ", label={}, labelloc=t, fontsize=20",
            quoted(title)
        ));
    }
    out.push_str("];\n");
    out.push_str(
        "  node [fontname=\"Helvetica\", fontsize=14, shape=box, style=\"rounded,filled\"];\n",
    );
    out.push_str("  edge [dir=none];\n");
    for (i, (label, view)) in panels.iter().enumerate() {
        let sides: Option<[Vec<&EntityId>; 2]> = match view.balance_certificate() {
            Certificate::Balanced { first, second, .. } => Some([first, second]),
            Certificate::Unbalanced { .. } => None,
        };
        out.push_str(&format!(
            "  subgraph cluster_{i} {{\n    label={}; fontsize=18; color=\"#bbbbbb\";\n",
            quoted(label)
        ));
        for e in view.entities() {
            let name = graph
                .entity(e.as_str())
                .map_or(e.as_str(), |x| x.name.as_str());
            let kind = graph.entity(e.as_str()).map(|x| x.kind);
            // An entity with no signed tie belongs to neither faction (the certificate lists
            // it apart).
            let faction = sides
                .as_ref()
                .and_then(|s| s.iter().position(|side| side.contains(&e)))
                .map(|k| FACTION_FILLS[k]);
            out.push_str(&format!(
                "    {} [label={}, fillcolor=\"{}\"];\n",
                quoted(&format!("{i}:{e}")),
                quoted(name),
                faction.unwrap_or_else(|| kind.map_or("#ffffff", fill))
            ));
        }
        for edge in view.edges() {
            let width = 1.5 + edge.weight.abs().min(4.0);
            out.push_str(&format!(
                "    {} -> {} [color=\"{}\", penwidth={width:.1}];\n",
                quoted(&format!("{i}:{}", edge.a)),
                quoted(&format!("{i}:{}", edge.b)),
                sign_colour(edge.sign)
            ));
        }
        out.push_str("  }\n");
    }
    // Graphviz lays the panels out left to right in the order written, the legend last.
    out.push_str(&legend_node(false));
    out.push_str("}\n");
    out
}

/// One edge per pair of entities: see [`DotOptions::one_edge_per_pair`]. Pairs come in the
/// order of their first relation.
fn merged_edges(relations: &[RelationRef<'_>], dated: bool, out: &mut String) {
    let mut pairs: Vec<((&EntityId, &EntityId), Vec<RelationRef<'_>>)> = Vec::new();
    let mut at: std::collections::HashMap<(u32, u32), usize> = std::collections::HashMap::new();
    for &r in relations {
        // Ends in entity order (handles follow it), so a pair has one key either way.
        let (s, t) = r.ends();
        let ((ka, kb), key) = if s <= t {
            ((s, t), (r.source(), r.target()))
        } else {
            ((t, s), (r.target(), r.source()))
        };
        match at.get(&(ka, kb)) {
            Some(&i) => pairs[i].1.push(r),
            None => {
                at.insert((ka, kb), pairs.len());
                pairs.push((key, vec![r]));
            }
        }
    }
    for ((a, b), rs) in pairs {
        let signed = |r: &RelationRef<'_>| {
            let w = r.intensity().unwrap_or(1.0);
            match r.polarity() {
                Polarity::Positive => w,
                Polarity::Negative => -w,
                Polarity::Neutral => 0.0,
            }
        };
        let net: f64 = rs.iter().map(signed).sum();
        let both = rs.iter().any(|r| r.polarity() == Polarity::Positive)
            && rs.iter().any(|r| r.polarity() == Polarity::Negative);
        let colour = if net > 0.0 {
            sign_colour(Polarity::Positive)
        } else if net < 0.0 {
            sign_colour(Polarity::Negative)
        } else if both {
            MIXED
        } else {
            sign_colour(Polarity::Neutral)
        };
        let strength: f64 = rs.iter().map(|r| r.intensity().unwrap_or(1.0)).sum();
        let width = 1.0 + 1.5 * strength.min(4.0);
        let mut kinds: Vec<(String, usize)> = Vec::new();
        for r in &rs {
            let text = r.kind().to_string();
            match kinds.iter_mut().find(|(k, _)| *k == text) {
                Some((_, n)) => *n += 1,
                None => kinds.push((text, 1)),
            }
        }
        let mut text: Vec<String> = kinds
            .iter()
            .map(|(k, n)| {
                if *n > 1 {
                    format!("{k} ×{n}")
                } else {
                    k.clone()
                }
            })
            .collect();
        if dated && let [only] = rs.as_slice() {
            text = vec![label(*only, true)];
        }
        let style = if rs.iter().any(|r| r.status() == Status::Fact) {
            "solid"
        } else {
            "dashed"
        };
        let ids: Vec<&str> = rs.iter().map(|r| r.id()).collect();
        out.push_str(&format!(
            "  {} -> {} [id={}, label={}, tooltip={}, color=\"{colour}\", fontcolor=\"{colour}\", \
             penwidth={width:.1}, style={style}, dir=none];\n",
            quoted(a.as_str()),
            quoted(b.as_str()),
            quoted(&format!("{a}--{b}")),
            quoted(&text.join("\n")),
            quoted(&ids.join(" ")),
        ));
    }
}

/// The label a relation gets: its kind (with what it is about), then when it holds (a
/// timeless relation's days; a past relation's era; otherwise its tense and statement date,
/// such as `present 2011`), then its status when it is not a fact (with who holds the view).
pub fn edge_label(r: RelationRef<'_>) -> String {
    label(r, true)
}

/// [`edge_label`], with or without the line saying when.
fn label(r: RelationRef<'_>, dated: bool) -> String {
    let mut label = r.kind().to_string();
    if let Some(about) = r.about() {
        label.push_str(&format!(" ({about})"));
    }
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
    if let Some(when) = when.filter(|_| dated) {
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
    fn issue12_3_dot_entity_references_are_written_so_graphviz_draws_them_as_text() {
        assert_eq!(quoted("AT&amp;T"), "\"AT&amp;amp;T\"");
        assert_eq!(quoted("&#x1;&#x202E;"), "\"&amp;#x1;&amp;#x202E;\"");
        assert_eq!(quoted("p & q"), "\"p &amp; q\"");
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

    #[test]
    fn options_merge_hide_colour_and_undate() {
        let g = crate::datasets::us_korea_2011();
        let at = "2011".parse().unwrap();
        let view = crate::ViewOptions::new().at(at).view(&g);
        let certificate = view.balance_certificate();
        let text = to_string(
            &g,
            &DotOptions::new()
                .at(at)
                .one_edge_per_pair()
                .hide_kinds([RelationKind::FEARS])
                .hide_structural()
                .factions(&certificate),
        );
        // The four coordinations and the common policy of the two governments: one edge.
        let pair = text
            .lines()
            .find(|l| l.contains("[id=\"lee-government--obama-administration\""))
            .unwrap();
        assert!(
            pair.contains("label=\"COORDINATES_WITH ×5\\nSUPPORTS\""),
            "{pair}"
        );
        assert!(pair.contains("color=\"#2e7d32\""), "{pair}");
        assert!(
            !text.contains("FEARS") && !text.contains("MEMBER_OF") && !text.contains("GOVERNS")
        );
        // One date drawn: no dates in labels.
        assert!(!text.contains("present 2011"));
        // Seoul and Washington in one faction, Pyongyang and Beijing in the other.
        let fill_of = |id: &str| {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("  \"{id}\" [")))
                .unwrap();
            line[line.find("fillcolor=").unwrap()..].to_owned()
        };
        assert_eq!(fill_of("KOR"), fill_of("USA"));
        assert_eq!(fill_of("PRK"), fill_of("CHN"));
        assert_ne!(fill_of("KOR"), fill_of("PRK"));
        // Panels: the states at two dates; an untied state is in neither faction.
        let opts = |d: &str| crate::ViewOptions::new().at(d.parse().unwrap());
        let (then, now) = (opts("2005").view(&g), opts("2011").view(&g));
        let panels = signed_panels(&g, &[("2005", &then), ("2011", &now)], None);
        let fill_in = |id: &str| {
            let line = panels
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
                .unwrap();
            line[line.find("fillcolor=").unwrap()..].to_owned()
        };
        assert_eq!(
            fill_in("0:PRK"),
            format!("fillcolor=\"{}\"];", fill(EntityKind::State))
        );
        assert_ne!(fill_in("1:PRK"), fill_in("1:KOR"));
        assert_eq!(panels.matches("subgraph cluster_").count(), 2);
        // Without merging, one edge a relation, each with its date line.
        let plain = to_string(&g, &DotOptions::new());
        assert_eq!(plain.matches(" -> ").count(), g.relation_count());
        assert!(plain.contains("present 2011"));
    }
}
