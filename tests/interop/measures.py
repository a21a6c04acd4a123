"""Reads a GraphML file with networkx and prints, as JSON, what networkx measures on it:
{"weak": [[ids...]...], "strong": [[ids...]...], "degrees": {id: [in, out]},
 "betweenness": {"directed": {id: x}, "undirected": {id: x}},
 "pagerank": {"directed": {id: x}, "undirected": {id: x}}}
Components: each one's ids sorted, the components sorted.

Relations of the kinds named in argv[2] (comma-separated) hold both ways, so the directed
graphs carry them in both directions. Betweenness counts routes as entity sequences (simple
graphs, self-loops dropped); PageRank counts every relation (multigraphs, self-loops kept),
as the crate documents.

Usage: python measures.py FILE SYMMETRIC_KINDS
"""
import json
import sys

import networkx as nx

read = nx.read_graphml(sys.argv[1])
symmetric = set(filter(None, sys.argv[2].split(",")))
simple = nx.DiGraph()
multi = nx.MultiDiGraph()
undirected_multi = nx.MultiGraph()
for g in (simple, multi, undirected_multi):
    g.add_nodes_from(read.nodes())
for u, v, data in read.edges(data=True):
    both = data.get("kind") in symmetric and u != v
    multi.add_edge(u, v)
    undirected_multi.add_edge(u, v)
    if both:
        multi.add_edge(v, u)
    if u == v:
        continue
    simple.add_edge(u, v)
    if both:
        simple.add_edge(v, u)
order = lambda parts: sorted(sorted(c) for c in parts)
pagerank = lambda g: nx.pagerank(g, alpha=0.85, tol=1e-14, max_iter=100000)
json.dump(
    {
        "weak": order(nx.weakly_connected_components(simple)),
        "strong": order(nx.strongly_connected_components(simple)),
        "degrees": {n: [multi.in_degree(n), multi.out_degree(n)] for n in multi.nodes()},
        "betweenness": {
            "directed": nx.betweenness_centrality(simple),
            "undirected": nx.betweenness_centrality(simple.to_undirected()),
        },
        "pagerank": {
            "directed": pagerank(multi),
            "undirected": pagerank(undirected_multi),
        },
    },
    sys.stdout,
)
