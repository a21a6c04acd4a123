//! Every writer fed back to a reader, on graphs loaded from fuzzed JSON: GraphML through the
//! crate's reader (quick-xml underneath) must give the graph back; DOT through a tokenizer
//! that follows Graphviz's lexer (quoted strings with `\"` escapes, HTML strings in angle
//! brackets) must give back every entity id as a node name, and every quote must close.
#![no_main]
use alliance_graph::io::{dot, graphml, json};
use libfuzzer_sys::fuzz_target;

/// DOT tokens as Graphviz's lexer reads them: `(quoted, text)`, quoted strings unescaped as
/// Graphviz does for ids (`\"` is a quote; other backslashes stay), `&amp;` left as written.
fn tokens(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => panic!("a quoted string never closes in {text}"),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('"') => s.push('"'),
                            Some(other) => {
                                s.push('\\');
                                s.push(other);
                            }
                            None => panic!("a backslash ends the text"),
                        },
                        Some(other) => s.push(other),
                    }
                }
                out.push((true, s));
            }
            '<' => {
                // An HTML string: nested angle brackets.
                let mut depth = 1;
                let mut s = String::new();
                while depth > 0 {
                    match chars.next() {
                        None => panic!("an HTML string never closes"),
                        Some('<') => depth += 1,
                        Some('>') => depth -= 1,
                        Some(other) => s.push(other),
                    }
                }
                out.push((false, s));
            }
            c if c.is_whitespace() => {}
            c if c.is_alphanumeric() || c == '_' || c == '.' => {
                let mut s = c.to_string();
                while let Some(&d) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '.' {
                        s.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push((false, s));
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push((false, "->".to_owned()));
            }
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push((false, "--".to_owned()));
            }
            other => out.push((false, other.to_string())),
        }
    }
    out
}

/// An id as the DOT writer escapes it, read back: `\\` is one backslash, `&amp;` one `&`.
fn id_of(name: &str) -> String {
    name.replace("\\\\", "\\").replace("&amp;", "&")
}

fuzz_target!(|data: &[u8]| {
    let Ok(g) = json::from_reader(data) else {
        return;
    };
    if let Ok(xml) = graphml::to_string(&g) {
        let back = graphml::from_str(&xml).expect("our GraphML reads back");
        assert_eq!(back, g);
    }
    let text = dot::to_string(&g, &dot::DotOptions::new());
    let toks = tokens(&text);
    // Node statements: a quoted name followed by `[`, outside edge statements.
    let mut nodes = Vec::new();
    for w in toks.windows(3) {
        if w[0].0 && w[1] == (false, "[".to_owned()) {
            // An edge's head is preceded by `->`; a node statement by `;`, `{` or `]`.
            nodes.push(w[0].1.clone());
        }
    }
    let mut heads = Vec::new();
    for w in toks.windows(3) {
        if w[0] == (false, "->".to_owned()) && w[1].0 && w[2] == (false, "[".to_owned()) {
            heads.push(w[1].1.clone());
        }
    }
    for h in heads {
        let i = nodes
            .iter()
            .position(|n| *n == h)
            .expect("a head is a listed name");
        nodes.remove(i);
    }
    let names: Vec<String> = nodes.iter().map(|n| id_of(n)).collect();
    let ids: Vec<String> = g.entities().map(|e| e.id.to_string()).collect();
    for id in &ids {
        assert!(
            names.contains(id),
            "entity {id:?} is a node of the DOT text"
        );
    }
});
