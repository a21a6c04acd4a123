"""networkx's subgraph and compose, for comparison with Graph::subgraph and Graph::merge.

Usage: python compose.py FULL.graphml OURS.graphml THEIRS.graphml
FULL: prints the subgraph induced by its `state` nodes, with only the edges of negative
polarity: {"subgraph": {"nodes": [ids], "edges": [ids]}}.
OURS, THEIRS: nx.compose(OURS, THEIRS) (THEIR attributes win): {"compose": {"nodes":
{id: name}, "edges": {id: [source, target, intensity or null]}}}.
"""
import json
import sys

import networkx as nx

full = nx.read_graphml(sys.argv[1], force_multigraph=True)
states = [n for n, kind in full.nodes(data="kind") if kind == "state"]
induced = full.subgraph(states)
negative = [k for _, _, k, p in induced.edges(keys=True, data="polarity") if p == "negative"]
ours = nx.read_graphml(sys.argv[2], force_multigraph=True)
theirs = nx.read_graphml(sys.argv[3], force_multigraph=True)
composed = nx.compose(ours, theirs)
json.dump(
    {
        "subgraph": {"nodes": sorted(states), "edges": sorted(negative)},
        "compose": {
            "nodes": {n: name for n, name in composed.nodes(data="name")},
            "edges": {
                k: [u, v, d.get("intensity")] for u, v, k, d in composed.edges(keys=True, data=True)
            },
        },
    },
    sys.stdout,
)
