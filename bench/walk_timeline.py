#!/usr/bin/env python3
"""Each cursor walk of one team scan, read from the dashboard process's own log: when it started, when it ended, and,
for the walk that ended last, every page's time. Says where a scan's time over its floor went (the sample before the
walks, the first pages of a cold process, the time between a page's answer and the next request).

The log needs the HttpClient's request lines with their query (the walk is in `provider` and the path), so run the
dashboard, or process-scan, with:

  --dashboard-env "Serilog__MinimumLevel__Override__System.Net.Http.HttpClient=Information,DOTNET_SYSTEM_NET_HTTP_DISABLEURIREDACTION=1"

(both off by default: the request lines are many, and a query can name a user). Those lines cost the scan a little.

Usage: python3 bench/walk_timeline.py DASHBOARD_LOG [SCAN]   SCAN: 0 for the first scan the log records (default), 1...
"""
import collections
import json
import re
import sys
from datetime import datetime


def when(text):
    return datetime.fromisoformat(text[:26])


def events(path):
    for line in open(path):
        start = line.find("{")
        try:
            yield json.loads(line[start:])
        except ValueError:
            continue


def main(path, which):
    all_events = list(events(path))
    scans = [e for e in all_events if e.get("EventId", {}).get("Name") == "LogScanned"]
    if which >= len(scans):
        sys.exit(f"the log records {len(scans)} scans")
    end = when(scans[which]["@t"])
    begin = when(scans[which - 1]["@t"]) if which > 0 else None

    # The logical handler's start and end (the whole pipeline: retries, the resilience handlers, up to the answer's
    # headers: the client asks for HttpCompletionOption.ResponseHeadersRead) for each request,
    # paired in order within a walk: a walk asks for one page at a time.
    starts, ends = collections.defaultdict(list), collections.defaultdict(list)
    for e in all_events:
        name = e.get("EventId", {}).get("Name")
        if name not in ("RequestPipelineStart", "RequestPipelineEnd"):
            continue
        t = when(e["@t"])
        if t > end or (begin and t < begin):
            continue
        walk = re.sub(r"[&?]next_cursor=[^&]*", "", e["Uri"].split("/v2/", 1)[1])
        (starts if name == "RequestPipelineStart" else ends)[walk].append(t)
    if not starts:
        sys.exit("no request lines: run the dashboard with the settings this script's help names")

    t0 = min(min(v) for v in starts.values())
    print(f"scan {which}: {sum(map(len, starts.values()))} requests; first request to the scan's log line "
          f"{(end - t0).total_seconds():.3f} s")
    walks = []
    for walk, s in starts.items():
        pages = list(zip(sorted(s), sorted(ends[walk])))
        walks.append((pages[-1][1], walk, pages))
    walks.sort(reverse=True)
    for last, walk, pages in walks[:10]:
        print(f"  {walk[:64]:64} {len(pages):4} pages, first request {(pages[0][0] - t0).total_seconds():6.3f} s, "
              f"last answer {(last - t0).total_seconds():6.3f} s")

    _, walk, pages = walks[0]
    print(f"the walk that ended last, {walk}:")
    print("  request to its answer's headers (the client reads headers first), ms:", [round((b - a).total_seconds() * 1000) for a, b in pages])
    print("  headers to the next request (the body read and parsed, the page queued for the merge), ms:", [round((pages[i + 1][0] - pages[i][1]).total_seconds() * 1000) for i in range(len(pages) - 1)])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
