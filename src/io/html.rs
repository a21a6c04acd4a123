//! One self-contained interactive HTML page: the graph with a date slider, filters by
//! relation kind and polarity, and, on a click, the quotes behind a relation or an entity.
//!
//! The page needs no network and no layout engine: everything is inline (plain SVG drawn by
//! a few lines of script, no library), positions are computed here ([`layout`]), and what
//! holds at each year of the slider is the library's own answer ([`RelationRef::truth_at`],
//! under both readings), written into the page, so the page never re-implements the time
//! rules. The slider's reading is the closed-world one by default ("known"); a switch shows
//! what the evidence allows ("possible"). Relations known to hold are solid, those only
//! possible dashed.
//!
//! In the page, every drawn relation is an SVG `line` with class `relation` and its id in
//! `data-id`; the visible ones also have class `shown`. `visibleRelations()` returns their ids,
//! `setYear(y)` and `setReading("known" | "possible")` move the controls, and the panel with
//! id `info` shows the quotes of what was clicked last.
//!
//! # Example
//! ```
//! use alliance_graph::{datasets, io::html};
//! let g = datasets::us_korea_2011();
//! let page = html::to_string(&g, &html::HtmlOptions::new().title("The article").years(2000, 2012));
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("kor-prk-tension"));
//! assert!(!page.contains("src=") && !page.contains("href=")); // nothing to fetch
//! ```
//!
//! [`RelationRef::truth_at`]: crate::RelationRef::truth_at

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::graph::Graph;
use crate::known::Truth;
use crate::schema::Polarity;
use crate::time::Date;

/// What the page shows.
#[derive(Debug, Clone)]
pub struct HtmlOptions {
    title: String,
    years: Option<(u16, u16)>,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            title: "alliance-graph".to_owned(),
            years: None,
        }
    }
}

impl HtmlOptions {
    /// A page titled `alliance-graph`, its slider spanning the years the data dates.
    pub fn new() -> HtmlOptions {
        HtmlOptions::default()
    }

    /// The page's title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// The years the slider spans (both included; swapped when given backwards; clamped to
    /// 0–9999).
    pub fn years(mut self, from: u16, to: u16) -> Self {
        let (a, b) = (from.min(to), from.max(to));
        self.years = Some((a.min(Date::MAX_YEAR), b.min(Date::MAX_YEAR)));
        self
    }
}

#[derive(Serialize)]
struct PageQuote<'a> {
    quote: &'a str,
    paragraph: Option<u32>,
    source: String,
}

#[derive(Serialize)]
struct PageEntity<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    x: f64,
    y: f64,
    /// Whether some relation runs from or to it (the others, only what relations are about
    /// or their time anchors, are named in the panel, not drawn).
    drawn: bool,
    lifetime: String,
    quotes: Vec<PageQuote<'a>>,
}

#[derive(Serialize)]
struct PageRelation<'a> {
    id: &'a str,
    source: usize,
    target: usize,
    kind: &'a str,
    polarity: &'static str,
    status: &'static str,
    about: Option<&'a str>,
    /// One letter a year of the slider, under the known reading: `H` holds, `N` does not
    /// hold, `U` unknown (so the possible reading is "not N").
    truth: String,
    quotes: Vec<PageQuote<'a>>,
}

#[derive(Serialize)]
struct PageData<'a> {
    first_year: u16,
    last_year: u16,
    entities: Vec<PageEntity<'a>>,
    relations: Vec<PageRelation<'a>>,
}

/// The page's positions: entities on a unit square, by a force-directed layout
/// (Fruchterman–Reingold, with a pull toward the centre so that separate groups stay close)
/// from fixed starting places on a circle, so the same graph always gets the same places.
/// Only entities that are the source or target of some relation take part; the others (what
/// relations are only about, time anchors) are lined up along the bottom edge.
///
/// # Complexity
/// O(k · n²) for k = 300 rounds over n entities; above 2,000 entities the circle is kept
/// (O(n)).
pub fn layout(graph: &Graph) -> Vec<(f64, f64)> {
    let ids: Vec<&str> = graph.entities().map(|e| e.id.as_str()).collect();
    let n = ids.len();
    let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let edges: Vec<(usize, usize)> = graph
        .relations()
        .filter_map(|r| {
            Some((
                *index.get(r.source().as_str())?,
                *index.get(r.target().as_str())?,
            ))
        })
        .filter(|(a, b)| a != b)
        .collect();
    let mut tied = vec![false; n];
    for &(a, b) in &edges {
        tied[a] = true;
        tied[b] = true;
    }
    let members: Vec<usize> = (0..n).filter(|&i| tied[i]).collect();
    let m = members.len();
    let mut pos: Vec<(f64, f64)> = vec![(0.5, 0.5); n];
    for (k, &i) in members.iter().enumerate() {
        let a = std::f64::consts::TAU * k as f64 / m.max(1) as f64;
        pos[i] = (0.5 + 0.45 * a.cos(), 0.5 + 0.45 * a.sin());
    }
    if (2..=2000).contains(&m) {
        let k = (1.0 / m as f64).sqrt();
        let mut heat = 0.1;
        for _ in 0..300 {
            let mut push = vec![(0.0f64, 0.0f64); n];
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                    let d2 = (dx * dx + dy * dy).max(1e-9);
                    let f = k * k / d2;
                    push[i].0 += dx * f;
                    push[i].1 += dy * f;
                    push[j].0 -= dx * f;
                    push[j].1 -= dy * f;
                }
            }
            for &(a, b) in &edges {
                let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-9);
                let f = d / k;
                push[a].0 -= dx * f;
                push[a].1 -= dy * f;
                push[b].0 += dx * f;
                push[b].1 += dy * f;
            }
            for &i in &members {
                // The pull toward the centre.
                push[i].0 -= (pos[i].0 - 0.5) * 2.0 * k;
                push[i].1 -= (pos[i].1 - 0.5) * 2.0 * k;
                let (mx, my) = push[i];
                let len = (mx * mx + my * my).sqrt().max(1e-9);
                let step = len.min(heat);
                pos[i].0 += mx / len * step;
                pos[i].1 += my / len * step;
            }
            heat *= 0.985;
        }
        // Fit the members to the square above the bottom row, with a margin.
        let fold = |f: fn(f64, f64) -> f64, start: f64, axis: fn(&(f64, f64)) -> f64| {
            members.iter().map(|&i| axis(&pos[i])).fold(start, f)
        };
        let (minx, maxx) = (
            fold(f64::min, f64::MAX, |p| p.0),
            fold(f64::max, f64::MIN, |p| p.0),
        );
        let (miny, maxy) = (
            fold(f64::min, f64::MAX, |p| p.1),
            fold(f64::max, f64::MIN, |p| p.1),
        );
        let (w, h) = ((maxx - minx).max(1e-9), (maxy - miny).max(1e-9));
        for &i in &members {
            let (x, y) = pos[i];
            pos[i] = (0.05 + 0.9 * (x - minx) / w, 0.05 + 0.82 * (y - miny) / h);
        }
    }
    let others: Vec<usize> = (0..n).filter(|&i| !tied[i]).collect();
    for (k, &i) in others.iter().enumerate() {
        pos[i] = (0.05 + 0.9 * (k as f64 + 0.5) / others.len() as f64, 0.97);
    }
    pos
}

/// The years of the data's dates (lifetimes, validity, statements), or 2000–2010 when none.
fn data_years(graph: &Graph) -> (u16, u16) {
    let mut years: Vec<u16> = Vec::new();
    for e in graph.entities() {
        years.extend(
            e.lifetime
                .start()
                .into_iter()
                .chain(e.lifetime.end())
                .map(|d| d.year_number()),
        );
    }
    for r in graph.relations() {
        let v = r.valid();
        years.extend(
            v.start()
                .into_iter()
                .chain(v.end())
                .map(|d| d.year_number()),
        );
        years.extend(r.statement_date().map(|d| d.year_number()));
    }
    match (years.iter().min(), years.iter().max()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (2000, 2010),
    }
}

fn quotes<'a>(graph: &Graph, items: &'a [crate::Evidence]) -> Vec<PageQuote<'a>> {
    items
        .iter()
        .map(|e| PageQuote {
            quote: &e.quote,
            paragraph: e.paragraph,
            source: graph
                .source(e.source.as_str())
                .map_or_else(|| e.source.to_string(), |s| s.title.clone()),
        })
        .collect()
}

/// Text for HTML element content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes the page.
///
/// # Complexity
/// O(n + m · y) for y years on the slider, plus [`layout`].
pub fn to_string(graph: &Graph, options: &HtmlOptions) -> String {
    let (first_year, last_year) = options.years.unwrap_or_else(|| data_years(graph));
    let pos = layout(graph);
    let index: BTreeMap<&str, usize> = graph
        .entities()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let ends: std::collections::BTreeSet<&str> = graph
        .relations()
        .flat_map(|r| [r.source().as_str(), r.target().as_str()])
        .collect();
    let entities = graph
        .entities()
        .zip(&pos)
        .map(|(e, &(x, y))| PageEntity {
            id: e.id.as_str(),
            name: &e.name,
            kind: e.kind.as_str(),
            x,
            y,
            drawn: ends.contains(e.id.as_str()),
            lifetime: if e.lifetime.is_always() {
                String::new()
            } else {
                e.lifetime.to_string()
            },
            quotes: quotes(graph, &e.lifetime_evidence),
        })
        .collect();
    let relations = graph
        .relations()
        .filter_map(|r| {
            let truth = (first_year..=last_year)
                .map(|y| match Date::year(y).map(|d| r.truth_at(d)) {
                    Ok(Truth::Holds) => 'H',
                    Ok(Truth::DoesNotHold) | Err(_) => 'N',
                    Ok(Truth::Unknown) => 'U',
                })
                .collect();
            Some(PageRelation {
                id: r.id(),
                source: *index.get(r.source().as_str())?,
                target: *index.get(r.target().as_str())?,
                kind: r.kind().as_str(),
                polarity: match r.polarity() {
                    Polarity::Positive => "positive",
                    Polarity::Negative => "negative",
                    Polarity::Neutral => "neutral",
                },
                status: r.status().as_str(),
                about: r.about().map(|a| a.as_str()),
                truth,
                quotes: quotes(graph, r.evidence()),
            })
        })
        .collect();
    let data = PageData {
        first_year,
        last_year,
        entities,
        relations,
    };
    // Plain strings, numbers and lists: serializing cannot fail. Inside a script element, `<`
    // is written as its JSON escape, so no text can close the element.
    let json = serde_json::to_string(&data)
        .expect("page data serializes")
        .replace('<', "\\u003c");
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n{CONTROLS}\n<div id=\"main\"><svg id=\"graph\" viewBox=\"0 0 1000 720\" \
         role=\"img\" aria-label=\"{title}\"></svg>\n<div id=\"info\">Click a relation or an \
         entity to see its quotes.</div></div>\n\
         <script type=\"application/json\" id=\"data\">{json}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        title = escape(&options.title),
    );
    page
}

const STYLE: &str = r#"body { font-family: Helvetica, Arial, sans-serif; margin: 16px; color: #222; }
h1 { font-size: 20px; margin: 0 0 8px; }
#controls { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; margin-bottom: 8px; font-size: 14px; }
#controls fieldset { border: 1px solid #ccc; padding: 4px 8px; }
#main { display: flex; gap: 16px; align-items: flex-start; }
#graph { flex: 3; border: 1px solid #ddd; background: #fff; max-width: 1000px; }
#kinds { flex: 1 1 100%; min-width: 0; }
#controls label { display: inline-block; white-space: nowrap; }
#info { flex: 1; min-width: 240px; font-size: 14px; }
#info blockquote { margin: 8px 0; padding-left: 8px; border-left: 3px solid #999; }
line.relation { stroke-width: 2.5; display: none; }
line.relation.shown { display: inline; }
line.relation.possible { stroke-dasharray: 6 4; }
line.hit { stroke: transparent; stroke-width: 12; display: none; cursor: pointer; }
line.hit.shown { display: inline; }
.positive { stroke: #2e7d32; } .negative { stroke: #c62828; } .neutral { stroke: #9e9e9e; }
g.entity { cursor: pointer; }
g.entity circle { fill: #dbe9f6; stroke: #555; }
g.entity.government circle { fill: #e8f0d8; } g.entity.person circle { fill: #fdf1d6; }
g.entity.event circle { fill: #f9dede; } g.entity.organization circle { fill: #ece2f4; }
g.entity.policy circle { fill: #f2f2f2; } g.entity.place circle { fill: #e4efe9; }
g.entity.topic circle { fill: #ffffff; }
g.entity text { font-size: 11px; text-anchor: middle; pointer-events: none; }
.selected { stroke: #000 !important; stroke-width: 4 !important; }
"#;

const CONTROLS: &str = r#"<div id="controls">
<label>Year <input type="range" id="year"> <output id="year-shown"></output></label>
<label>Reading <select id="reading"><option value="known">known (the evidence places it there)</option><option value="possible">possible (not ruled out)</option></select></label>
<fieldset id="polarities"><legend>Polarity</legend></fieldset>
<fieldset id="kinds"><legend>Relation kinds</legend></fieldset>
</div>"#;

const SCRIPT: &str = r##""use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const svg = document.getElementById("graph");
const info = document.getElementById("info");
const yearInput = document.getElementById("year");
const yearShown = document.getElementById("year-shown");
const readingInput = document.getElementById("reading");
const NS = "http://www.w3.org/2000/svg";
const W = 1000, H = 720;
function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent.appendChild(e);
  return e;
}
function text(parent, tag, content) {
  const e = document.createElement(tag);
  e.textContent = content;
  parent.appendChild(e);
  return e;
}
function checkboxes(containerId, values) {
  const box = document.getElementById(containerId);
  for (const v of values) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox"; input.checked = true; input.value = v;
    input.addEventListener("change", update);
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + v + " "));
    box.appendChild(label);
  }
}
function checked(containerId) {
  return new Set(Array.from(document.querySelectorAll("#" + containerId + " input:checked")).map(i => i.value));
}
function showQuotes(title, quotes, extra) {
  info.replaceChildren();
  text(info, "h2", title).style.fontSize = "16px";
  if (extra) text(info, "p", extra);
  if (quotes.length === 0) text(info, "p", "No quote.");
  for (const q of quotes) {
    text(info, "blockquote", "\u201c" + q.quote + "\u201d");
    text(info, "p", q.source + (q.paragraph ? ", paragraph " + q.paragraph : ""));
  }
}
function select(element) {
  document.querySelectorAll(".selected").forEach(e => e.classList.remove("selected"));
  element.classList.add("selected");
}
const lines = [];
const hits = [];
data.relations.forEach((r, i) => {
  const a = data.entities[r.source], b = data.entities[r.target];
  const coords = { x1: a.x * W, y1: a.y * H, x2: b.x * W, y2: b.y * H };
  const line = el("line", Object.assign({ class: "relation " + r.polarity, "data-id": r.id }, coords), svg);
  const hit = el("line", Object.assign({ class: "hit", "data-id": r.id }, coords), svg);
  const title = a.name + " " + r.kind + " " + b.name + (r.about ? " (about " + data.entities.find(e => e.id === r.about)?.name + ")" : "");
  el("title", {}, hit).textContent = title;
  hit.addEventListener("click", () => {
    select(line);
    showQuotes(title, r.quotes, r.status === "fact" ? "" : "(" + r.status + ")");
  });
  lines.push(line); hits.push(hit);
});
data.entities.forEach(e => {
  if (!e.drawn) return;
  const g = el("g", { class: "entity " + e.kind, "data-id": e.id, transform: "translate(" + (e.x * W) + "," + (e.y * H) + ")" }, svg);
  el("circle", { r: 9 }, g);
  el("text", { y: -13 }, g).textContent = e.name;
  g.addEventListener("click", () => {
    select(g.querySelector("circle"));
    showQuotes(e.name + " (" + e.kind + ")", e.quotes, e.lifetime ? "Lifetime " + e.lifetime : "");
  });
});
function update() {
  const y = Number(yearInput.value);
  yearShown.textContent = String(y);
  const at = y - data.first_year;
  const possible = readingInput.value === "possible";
  const kinds = checked("kinds"), polarities = checked("polarities");
  data.relations.forEach((r, i) => {
    const t = r.truth[at];
    const keep = (t === "H" || (possible && t === "U")) && kinds.has(r.kind) && polarities.has(r.polarity);
    lines[i].classList.toggle("shown", keep);
    lines[i].classList.toggle("possible", keep && t === "U");
    hits[i].classList.toggle("shown", keep);
  });
}
function visibleRelations() {
  return lines.filter(l => l.classList.contains("shown")).map(l => l.getAttribute("data-id"));
}
function setYear(y) { yearInput.value = String(y); update(); }
function setReading(r) { readingInput.value = r; update(); }
yearInput.min = String(data.first_year);
yearInput.max = String(data.last_year);
yearInput.value = String(data.last_year);
yearInput.addEventListener("input", update);
readingInput.addEventListener("change", update);
checkboxes("polarities", ["positive", "negative", "neutral"]);
checkboxes("kinds", Array.from(new Set(data.relations.map(r => r.kind))).sort());
update();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_carries_the_library_s_answers_and_escapes_text() {
        let g = crate::datasets::us_korea_2011();
        let page = to_string(
            &g,
            &HtmlOptions::new().title("<b>A & B</b>").years(2005, 2011),
        );
        assert!(page.contains("<title>&lt;b&gt;A &amp; B&lt;/b&gt;</title>"));
        // The data: one letter a year from 2005 to 2011 (known reading).
        let start = page.find("id=\"data\">").unwrap() + 10;
        let end = page[start..].find("</script>").unwrap() + start;
        let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
        let tension = data["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "kor-prk-tension")
            .unwrap();
        // 2005 ruled out, 2006-2007 ruled out (before Lee), 2008-2010 unknown, 2011 holds.
        assert_eq!(tension["truth"], "NNNUUUH");
        assert!(!page[start..end].contains('<'));
        // The same graph gives the same page.
        assert_eq!(
            page,
            to_string(
                &g,
                &HtmlOptions::new().title("<b>A & B</b>").years(2005, 2011)
            )
        );
    }

    #[test]
    fn the_layout_is_deterministic_and_inside_the_square() {
        let g = crate::datasets::us_korea_2011();
        let a = layout(&g);
        assert_eq!(a, layout(&g));
        assert!(
            a.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
        assert_eq!(a.len(), g.entity_count());
    }
}
