"""Reads a GraphML file with networkx and prints its weakly and strongly connected components
and its degrees as JSON: {"weak": [[ids...]...], "strong": [[ids...]...],
"degrees": {id: [in, out]}}, each component's ids sorted and the components sorted. Relations of the kinds named in argv[2] (comma-separated) hold both ways,
so they count in both directions for strong components.

Usage: python components.py FILE SYMMETRIC_KINDS
"""
import json
import sys

import networkx as nx

read = nx.read_graphml(sys.argv[1])
symmetric = set(filter(None, sys.argv[2].split(",")))
graph = nx.DiGraph()
multi = nx.MultiDiGraph()
graph.add_nodes_from(read.nodes())
multi.add_nodes_from(read.nodes())
for u, v, data in read.edges(data=True):
    both = data.get("kind") in symmetric and u != v
    multi.add_edge(u, v)
    if both:
        multi.add_edge(v, u)
    if u == v:
        continue
    graph.add_edge(u, v)
    if both:
        graph.add_edge(v, u)
order = lambda parts: sorted(sorted(c) for c in parts)
json.dump(
    {
        "weak": order(nx.weakly_connected_components(graph)),
        "strong": order(nx.strongly_connected_components(graph)),
        "degrees": {n: [multi.in_degree(n), multi.out_degree(n)] for n in multi.nodes()},
    },
    sys.stdout,
)
