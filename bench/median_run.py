#!/usr/bin/env python3
"""The median of several `process-scan` runs at one team size, as the figure of record.

A new process's first 10,000-user scan at 150 ms an answer spreads over 1.09-1.21x its floor from run to run (15 runs
alone, bench/README.md), wider than the margin its 1.15x target leaves, so one run is one draw. A full run measures it
three times in a row against one simulator, and this script keeps the run whose first scan is the median of them:
process-SIZE.json becomes that run's JSON with `first_scan_runs` (each run's first scan over its floor, in the order they
ran) and `median_run` (which one it is) added; store-SIZE.json becomes that run's store figures. Each run's own files
(process-SIZE-runN.json, store-SIZE-runN.json, dashboard-process-SIZE-runN/) stay beside them.

Usage: python3 bench/median_run.py OUT_DIR SIZE RUNS   e.g. python3 bench/median_run.py bench/runs/x 10k 3
"""
import json
import os
import shutil
import sys


def main(out, size, runs):
    done = []
    for i in range(1, runs + 1):
        path = os.path.join(out, f"process-{size}-run{i}.json")
        if os.path.exists(path):
            with open(path) as file:
                done.append((i, json.load(file)))
    done = [(i, p) for i, p in done if p.get("first_scan", {}).get("over_floor") is not None]
    if not done:
        sys.exit(f"no process-{size}-runN.json with a first scan in {out}")
    # The median of an odd count; of an even count, the worse of the two middle runs (never the better of two).
    ranked = sorted(done, key=lambda run: run[1]["first_scan"]["over_floor"])
    chosen, figures = ranked[len(ranked) // 2]
    figures["first_scan_runs"] = [p["first_scan"]["over_floor"] for _, p in done]
    figures["median_run"] = chosen
    with open(os.path.join(out, f"process-{size}.json"), "w") as file:
        json.dump(figures, file)
    store = os.path.join(out, f"store-{size}-run{chosen}.json")
    if os.path.exists(store):
        shutil.copyfile(store, os.path.join(out, f"store-{size}.json"))
    print(f"{size}: first scans {', '.join(f'{r:.3f}' for r in figures['first_scan_runs'])}x; the median is run {chosen}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
