//! The `serde` feature: a `Graph` inside a user's own serde struct, through the canonical format.
//! (Tests see the feature through the crate's dev-dependency on itself.)

use alliance_graph::{Graph, datasets, io::json};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Study {
    title: String,
    graphs: Vec<Graph>,
}

#[test]
fn a_graph_in_a_users_struct_round_trips_exactly() {
    let study = Study {
        title: "US–Korea".into(),
        graphs: vec![datasets::us_korea_2011(), Graph::new()],
    };
    let text = serde_json::to_string(&study).unwrap();
    let back: Study = serde_json::from_str(&text).unwrap();
    assert_eq!(back.title, study.title);
    for (a, b) in back.graphs.iter().zip(&study.graphs) {
        assert_eq!(json::to_string(a), json::to_string(b));
    }
    // The serialized graph is the canonical document itself.
    let value: serde_json::Value = serde_json::to_value(&study.graphs[0]).unwrap();
    let canonical: serde_json::Value =
        serde_json::from_str(&json::to_string(&study.graphs[0])).unwrap();
    assert_eq!(value, canonical);
}

#[test]
fn a_bad_graph_inside_a_struct_is_refused_with_the_crates_message() {
    let text = r#"{"title": "t", "graphs": [{"format": "alliance-graph", "version": 2,
        "relations": [{"id": "r1", "kind": "ALLIANCE", "source": "KOR", "target": "USA"}]}]}"#;
    let err = serde_json::from_str::<Study>(text)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("unknown entity `KOR` in relation `r1`"),
        "{err}"
    );
    let text = r#"{"title": "t", "graphs": [{"format": "other", "version": 2}]}"#;
    let err = serde_json::from_str::<Study>(text)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("unsupported format `other`"), "{err}");
    let text =
        r#"{"title": "t", "graphs": [{"format": "alliance-graph", "version": 2, "extra": 1}]}"#;
    assert!(serde_json::from_str::<Study>(text).is_err());
}
