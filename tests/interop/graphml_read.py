"""Reads a GraphML file with networkx and prints what it read as JSON on stdout; with a
second argument, also writes the graph it read back out with networkx's own writer.

Usage: python graphml_read.py FILE [OUT]
Output: {"multigraph": bool, "directed": bool,
         "nodes": {id: {attr: value}}, "edges": [[source, target, key, {attr: value}]]}
"""
import json
import sys

import networkx as nx

graph = nx.read_graphml(sys.argv[1])
if len(sys.argv) > 2:
    nx.write_graphml(graph, sys.argv[2])
edges = []
if graph.is_multigraph():
    for u, v, k, data in graph.edges(keys=True, data=True):
        edges.append([u, v, k, data])
else:
    for u, v, data in graph.edges(data=True):
        edges.append([u, v, None, data])
json.dump(
    {
        "multigraph": graph.is_multigraph(),
        "directed": graph.is_directed(),
        "nodes": {n: data for n, data in graph.nodes(data=True)},
        "edges": edges,
    },
    sys.stdout,
    ensure_ascii=False,
)
