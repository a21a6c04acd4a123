//! Cypher scripts: one that recreates the graph in Neo4j statement by statement, and one for
//! the Kuzu embedded database that defines the tables and copies the CSV files written by
//! [`crate::io::neo4j`].

use crate::graph::Graph;
use crate::io::json::{attributes_fragment, evidence_fragment, strings_fragment};

/// A Cypher string literal: single-quoted, with `\`, `'`, and control characters escaped.
fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A property map from `(name, value)` pairs, leaving out absent values. Names are fixed
/// identifiers of this module.
fn properties(pairs: &[(&str, Option<String>)]) -> String {
    let inner: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| literal(s))
}

fn label(kind: crate::EntityKind) -> String {
    let name = kind.as_str();
    name[..1].to_uppercase() + &name[1..]
}

/// A Cypher script that recreates the graph in Neo4j: a uniqueness constraint on `Entity.id`,
/// one `CREATE` per entity (labels `Entity` and its kind, such as `State`), one `MATCH …
/// CREATE` per relation (type: the relation kind). Structured fields (aliases, evidence,
/// attributes) are JSON strings, as in the CSV format; sources become `Source` nodes.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use alliance_graph::{datasets, io::cypher};
/// let script = cypher::neo4j_script(&datasets::us_korea_2011());
/// assert!(script.contains("CREATE (:Entity:State {id: 'USA'"));
/// ```
pub fn neo4j_script(graph: &Graph) -> String {
    let mut out = String::from(
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;\n",
    );
    for s in graph.sources() {
        out.push_str(&format!(
            "CREATE (:Source {});\n",
            properties(&[
                ("id", Some(literal(s.id.as_str()))),
                ("title", Some(literal(&s.title))),
                ("publisher", s.publisher.as_deref().map(literal)),
                ("date", s.date.map(|d| literal(&d.to_string()))),
                ("url", s.url.as_deref().map(literal)),
            ])
        ));
    }
    for e in graph.entities() {
        out.push_str(&format!(
            "CREATE (:Entity:{} {});\n",
            label(e.kind),
            properties(&[
                ("id", Some(literal(e.id.as_str()))),
                ("name", Some(literal(&e.name))),
                ("kind", Some(literal(e.kind.as_str()))),
                ("aliases", text(&strings_fragment(&e.aliases))),
                (
                    "lifetime_from",
                    e.lifetime.start().map(|d| literal(&d.to_string()))
                ),
                (
                    "lifetime_until",
                    e.lifetime.end().map(|d| literal(&d.to_string()))
                ),
                (
                    "lifetime_evidence",
                    text(&evidence_fragment(&e.lifetime_evidence))
                ),
                ("attributes", text(&attributes_fragment(&e.attributes))),
            ])
        ));
    }
    for r in graph.relations() {
        let polarity = r.polarity();
        out.push_str(&format!(
            "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) CREATE (a)-[:{} {}]->(b);\n",
            literal(r.source().as_str()),
            literal(r.target().as_str()),
            // Kind names are upper-case letters, digits and underscores: safe as a type.
            r.kind(),
            properties(&[
                ("id", Some(literal(r.id()))),
                ("polarity", Some(literal(polarity.as_str()))),
                ("sign", Some(polarity.sign().to_string())),
                ("intensity", r.intensity().map(|x| format!("{x:?}"))),
                ("confidence", r.confidence().map(|x| format!("{x:?}"))),
                (
                    "valid_from",
                    r.valid().start().map(|d| literal(&d.to_string()))
                ),
                (
                    "valid_until",
                    r.valid().end().map(|d| literal(&d.to_string()))
                ),
                ("tense", Some(literal(r.tense().as_str()))),
                ("occurs", Some(literal(r.occurs().as_str()))),
                ("not_before", r.not_before().map(|a| literal(a.as_str()))),
                ("not_after", r.not_after().map(|a| literal(a.as_str()))),
                ("throughout", r.throughout().map(|a| literal(a.as_str()))),
                ("status", Some(literal(r.status().as_str()))),
                ("asserted_by", r.asserted_by().map(|a| literal(a.as_str()))),
                ("about", r.about().map(|a| literal(a.as_str()))),
                ("evidence", text(&evidence_fragment(r.evidence()))),
                ("attributes", text(&attributes_fragment(r.attributes()))),
            ])
        ));
    }
    out
}

/// A Kuzu script: node tables `Entity` and `Source` and the relationship table `Relation`
/// (columns in the order of the CSV files [`crate::io::neo4j::write`] produces), then
/// `COPY … FROM` the three files in `dir` (a path as Kuzu will see it).
///
/// # Example
/// ```
/// use alliance_graph::io::cypher;
/// let script = cypher::kuzu_script("/tmp/export");
/// assert!(script.contains("COPY Relation FROM '/tmp/export/relationships.csv'"));
/// ```
pub fn kuzu_script(dir: &str) -> String {
    let dir = dir.trim_end_matches('/');
    let path = |file: &str| literal(&format!("{dir}/{file}"));
    let options = "(HEADER=true, PARALLEL=false)";
    format!(
        "CREATE NODE TABLE Entity(id STRING, name STRING, label STRING, aliases STRING, \
lifetime_from STRING, lifetime_until STRING, lifetime_evidence STRING, attributes STRING, \
PRIMARY KEY (id));\n\
CREATE NODE TABLE Source(id STRING, title STRING, publisher STRING, date STRING, url STRING, \
PRIMARY KEY (id));\n\
CREATE REL TABLE Relation(FROM Entity TO Entity, type STRING, id STRING, polarity STRING, \
sign INT64, intensity DOUBLE, confidence DOUBLE, valid_from STRING, valid_until STRING, \
tense STRING, occurs STRING, not_before STRING, not_after STRING, throughout STRING, \
status STRING, asserted_by STRING, about STRING, evidence STRING, attributes STRING);\n\
COPY Entity FROM {} {options};\n\
COPY Source FROM {} {options};\n\
COPY Relation FROM {} {options};\n",
        path(crate::io::neo4j::NODES_FILE),
        path(crate::io::neo4j::SOURCES_FILE),
        path(crate::io::neo4j::RELATIONSHIPS_FILE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_everything() {
        assert_eq!(literal(r"it's a \ test"), r"'it\'s a \\ test'");
        assert_eq!(literal("a\nb\u{1}"), r"'a\nb\u0001'");
    }
}
