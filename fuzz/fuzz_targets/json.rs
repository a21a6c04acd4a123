//! The JSON reader on any bytes: never a panic; what loads is valid and survives a save and a
//! load byte for byte (the canonical form).
#![no_main]
use alliance_graph::io::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(g) = json::from_reader(data) else {
        return;
    };
    assert!(g.validate().is_empty(), "a loaded graph is valid");
    let text = json::to_string(&g);
    let back = json::from_str(&text).expect("canonical JSON reads back");
    assert_eq!(back, g);
    assert_eq!(json::to_string(&back), text);
});
