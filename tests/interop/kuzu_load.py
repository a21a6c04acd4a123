"""Runs a Kuzu script (DDL and COPY FROM the CSV files) in a fresh embedded database, then
answers questions about what it loaded, as JSON on stdout.

Usage: python kuzu_load.py SCRIPT DB_DIR FROM_ID TO_ID
Output: {"entities": n, "relations": n, "sources": n, "shortest": length or null,
         "names": {id: name}, "evidence": {relation id: evidence text}}
"""
import json
import sys

import kuzu

script_path, db_dir, source, target = sys.argv[1:5]
db = kuzu.Database(db_dir)
conn = kuzu.Connection(db)
with open(script_path, encoding="utf-8") as f:
    for statement in f.read().split(";\n"):
        if statement.strip():
            conn.execute(statement)


def rows(query, params=None):
    result = conn.execute(query, params or {})
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


shortest = rows(
    "MATCH p = (a:Entity)-[:Relation* SHORTEST 1..30]-(b:Entity) "
    "WHERE a.id = $a AND b.id = $b RETURN length(p)",
    {"a": source, "b": target},
)
json.dump(
    {
        "entities": rows("MATCH (e:Entity) RETURN count(*)")[0][0],
        "relations": rows("MATCH ()-[r:Relation]->() RETURN count(*)")[0][0],
        "sources": rows("MATCH (s:Source) RETURN count(*)")[0][0],
        "shortest": shortest[0][0] if shortest else None,
        "names": {i: n for i, n in rows("MATCH (e:Entity) RETURN e.id, e.name")},
        "evidence": {i: e for i, e in rows("MATCH ()-[r:Relation]->() RETURN r.id, r.evidence")},
    },
    sys.stdout,
    ensure_ascii=False,
)
