"""Reads a signed network as JSON ({"nodes": [ids], "edges": [[a, b, sign]]}, sign 1 or -1)
and prints, as JSON, its weak-balance clustering by networkx: {"factions": [[ids]],
"untied": [ids], "violations": [[a, b]]}. Factions are the connected components of the
positive edges among the entities with any edge; violations are the negative edges inside a
faction. Everything is sorted.

Usage: python clusters.py FILE
"""
import json
import sys

import networkx as nx

with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
signed = nx.Graph()
signed.add_nodes_from(data["nodes"])
positive = nx.Graph()
for a, b, sign in data["edges"]:
    signed.add_edge(a, b, sign=sign)
    positive.add_node(a)
    positive.add_node(b)
    if sign > 0:
        positive.add_edge(a, b)
factions = sorted(sorted(c) for c in nx.connected_components(positive))
faction = {n: i for i, c in enumerate(factions) for n in c}
json.dump(
    {
        "factions": factions,
        "untied": sorted(n for n in signed.nodes() if signed.degree(n) == 0),
        "violations": sorted(
            sorted([a, b])
            for a, b, sign in signed.edges(data="sign")
            if sign < 0 and faction[a] == faction[b]
        ),
    },
    sys.stdout,
)
