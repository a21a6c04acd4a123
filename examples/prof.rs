#[path = "../benches/common/workload.rs"]
mod workload;
fn main() {
    let mut a = std::env::args().skip(1);
    let dir = a.next().unwrap();
    let op = a.next().unwrap();
    let reps: usize = a.next().unwrap().parse().unwrap();
    let opts = workload::options();
    let t = std::time::Instant::now();
    let g = alliance_graph::io::neo4j::read_dir(&dir, &opts).unwrap();
    eprintln!("load {:?}", t.elapsed());
    let q =
        workload::Queries::parse(&std::fs::read_to_string(format!("{dir}/queries.csv")).unwrap());
    let t = std::time::Instant::now();
    for _ in 0..reps {
        let s = match op.as_str() {
            "neighbors" => workload::neighbors(&g, &q.neighbors),
            "bfs" => workload::bfs(&g, &q.bfs),
            "dijkstra" => workload::dijkstra(&g, &q.dijkstra),
            "triangles" => workload::triangles(&g),
            "paths" => workload::paths(&g, &q.paths),
            _ => String::new(),
        };
        std::hint::black_box(s);
    }
    eprintln!("{op} {:?} per rep", t.elapsed() / reps as u32);
}
