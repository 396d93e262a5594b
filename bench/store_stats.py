#!/usr/bin/env python3
"""The history store's size by table, from a closed SQLite file (SQLite's dbstat: pages and payload bytes per table
and index), with the row counts that matter: team_state (the latest team, replaced at each scan), scans (one summary
row a scan) and transitions (one row per change). Usage: python3 bench/store_stats.py DB OUT.json"""
import json
import os
import sqlite3
import sys

db, out = sys.argv[1], sys.argv[2]
connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
tables = {name: {"pages_bytes": pages, "payload_bytes": payload}
          for name, pages, payload in connection.execute("select name, sum(pgsize), sum(payload) from dbstat group by name")}
rows = {name: connection.execute(f'select count(*) from "{name}"').fetchone()[0] for name in ["team_state", "scans", "transitions"]}


def owned(table):
    """A table's bytes with its indexes (SQLite names them IX_<table>_… or sqlite_autoindex_<table>_…)."""
    return sum(v["pages_bytes"] for k, v in tables.items()
               if k == table or k.startswith(f"IX_{table}_") or k.startswith(f"sqlite_autoindex_{table}_"))


json.dump({
    "file_bytes": os.path.getsize(db),
    "rows": rows,
    "bytes": {t: owned(t) for t in ["team_state", "scans", "transitions"]},
    "tables": tables,
}, open(out, "w"), indent=1)
