#!/usr/bin/env python3
"""Reads one run's raw results (bench/results/<run>/) and writes summary.json and table.md beside them; prints the
run's JSON line last. Usage: python3 bench/summarize.py RESULTS_DIR [--quick]"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import growth_plot  # noqa: E402 (beside this file)
from targets import TARGETS, digits, met  # noqa: E402

out = sys.argv[1]
quick = "--quick" in sys.argv
LATENCY_MS = 50


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


def ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(name):
    path = os.path.join(out, f"wrk-{name}.txt")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    result = {f"p{p}_ms": ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M)}
    result["requests_per_second"] = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    result["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["errors"] = (int(errors.group(1)) if errors else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return result


def passes(scan):
    return {p["pass"]: p for p in scan["passes"]} if scan else {}


machine = load("machine.json") or {}
scan10 = passes(load("scan-10k.json"))
memory10 = load("memory-10k.json")
circuits = load("circuits.json")
verify = load("verify.json")
faulty = load("faulty-scan-10k.json")
sim = wrk("simulator-user")
cached = wrk("page-cached")
uncached = wrk("page-uncached")

seq, first, refresh = scan10.get("sequential"), scan10.get("first"), scan10.get("refresh")
process = {size: load(f"process-{size}.json") for size in ["1k", "10k", "100k"]}
p100 = process["100k"]
grid = load("grid-100k.json")
heavy = load("circuits-heavy.json")
page_calls = load("page-calls.json")
upstream = {name: wrk(f"simulator-{name}") for name in ["user", "resources", "profile", "connections"]}
slowest = max((w for w in upstream.values() if w), key=lambda w: w["p50_ms"], default=None)
SCAN_INTERVAL_S = 60  # Vital:CacheSeconds' default: a team is rescanned at most once a minute while someone looks


def later_writes(p):
    """Changes written per scan after the first (the first is the baseline: the team state, no transitions)."""
    later = [h for h in p["history"] if not h["baseline"]] if p else []
    return later


stores = {size: load(f"store-{size}.json") for size in ["1k", "10k", "100k"]}
CACHE_SECONDS = 60  # Vital:CacheSeconds' default: a watched team is rescanned when its last scan ended a minute ago


def store_per_day(size):
    """Bytes a day of history adds per 100,000 users, extrapolated from this run's scans: a scan summary row plus the
    transition rows one later scan wrote (measured), each at the bytes per row the closed store holds (its tables and
    indexes by dbstat), times the scans a continuously watched team gets in a day (one every scan time + 60 s),
    scaled to 100,000 users. The team state is replaced at each scan, so it does not grow."""
    p, st = process.get(size), stores.get(size)
    if not p or not st or not later_writes(p):
        return None
    rows, size_bytes = st["rows"], st["bytes"]
    per_scan_row = size_bytes["scans"] / max(1, rows["scans"])
    per_transition = size_bytes["transitions"] / rows["transitions"] if rows["transitions"] else 0
    changes = sum(h["changes"] for h in later_writes(p)) / len(later_writes(p))
    scans_per_day = 86400 / (p["first_scan"]["seconds"] + CACHE_SECONDS)
    return (per_scan_row + changes * per_transition) * scans_per_day * 100_000 / p["users"]
figures = {
    "scan_speedup_10k": seq["seconds"] / first["seconds"] if seq and first else None,
    "scan_over_floor_10k": first["over_floor"] if first else None,
    # The sequential scan walks the pulls and then the ongoing data (Vital:ScanResources, on by default): two walks of
    # ceil(users / 50) pages each (the harness's minimum_requests counts one).
    "sequential_requests_over_minimum": seq["simulator_requests"] / (2 * seq["minimum_requests"]) if seq else None,
    "cached_page_p50_ms": cached["p50_ms"] if cached else None,
    "uncached_overhead_p50_ms": uncached["p50_ms"] - LATENCY_MS if uncached else None,
    # Negative means the host held a team before its "before the scan" reading (a restored store): no figure.
    "bytes_per_pull": memory10["bytes_per_pull"] if memory10 and memory10["bytes_per_pull"] > 0 else None,
    "idle_circuit_bytes": circuits["idle_circuit_bytes"] if circuits else None,
    "idle_circuit_whole_bytes": circuits["user_page_circuit_bytes"] if circuits else None,
    "faulty_scan_completion_ratio": (faulty["mix35"]["completed"] + faulty["truncated2"]["completed"])
    / (faulty["mix35"]["runs"] + faulty["truncated2"]["runs"]) if faulty else None,
    "faulty_scan_time_ratio": faulty["mix35"]["time_ratio"] if faulty else None,
    "scan_over_floor_100k": p100["first_scan"]["over_floor"] if p100 else None,
    "scan_over_floor_10k_150ms": process["10k"]["first_scan"]["over_floor"] if process["10k"] else None,
    "rss_after_scan_100k_mb": p100["after_scan"]["rss_bytes"] / 1e6 if p100 else None,
    "rescan_peak_ratio_100k": p100["rescan"]["peak_ratio"] if p100 else None,
    "whole_page_overhead_p50_ms": uncached["p50_ms"] - slowest["p50_ms"] if uncached and slowest else None,
    "grid_filter_p95_ms_200_circuits": grid["p95_ms"] if grid else None,
    "heaviest_user_circuit_bytes": heavy["user_page_circuit_bytes"] if heavy else None,
    "grid_circuit_bytes": grid["grid_circuits"]["grid_circuit_bytes"] if grid and grid.get("grid_circuits") else None,
    "start_to_grid_100k_s": p100["restart_to_grid"]["seconds"] if p100 else None,
    "history_rows_per_scan_100k": (sum(h["changes"] for h in later_writes(p100)) / len(later_writes(p100))) if later_writes(p100) else None,
    "history_write_ms_100k": (max(h["ms_after_scan"] or 0 for h in p100["history"])) if p100 and p100["history"] else None,
    "store_bytes_per_100k_users_per_day": store_per_day("100k"),
}
rounded = {k: (round(v, 3) if isinstance(v, float) and v < 100 else round(v) if v is not None else None) for k, v in figures.items()}

# ----------------------------------------------------------------------------------------------------------------
def f(value, digits=2, unit=""):
    return "–" if value is None else f"{value:,.{digits}f}{unit}"


def against(name, value):
    """A figure held to a target, as f() writes it, with a third digit where two would hide a miss (targets.digits)."""
    return f(value, digits(name, value))


def yes(name):
    return {True: "yes", False: "**no**", None: "–"}[met(name, figures[name])]


rows = []
cmd_scan = "`Dashboard.Benchmarks scan --users 10000 --latency-ms 50`"
if first and seq:
    rows.append(("Team scan, 10,000 users: speed-up of the first per-provider scan after start",
                 f"{f(figures['scan_speedup_10k'])}× ({f(first['seconds'])} s)",
                 f"sequential cursor walk {f(seq['seconds'])} s ({seq['scan_requests']} pages)",
                 TARGETS["scan_speedup_10k"][2], yes("scan_speedup_10k"), cmd_scan))
    rows.append(("… that scan against the floor (the longest walk's pages × latency)",
                 f"{f(first['over_floor'])}×",
                 f"floor {first['largest_pages']} pages of the walk {first['largest_provider']} × {LATENCY_MS} ms = {f(first['floor_seconds'])} s"
                 + (f"; that walk's answers came in {first['largest_walk_answer_ms']:.1f} ms on average" if first.get("largest_walk_answer_ms") else ""),
                 TARGETS["scan_over_floor_10k"][2], yes("scan_over_floor_10k"), cmd_scan))
if refresh and seq:
    rows.append(("… a refresh (provider sizes known: largest first)",
                 f"{f(seq['seconds'] / refresh['seconds'])}× ({f(refresh['seconds'])} s), {f(refresh['over_floor'])}× the floor",
                 f"sequential walk {f(seq['seconds'])} s; floor {f(refresh['floor_seconds'])} s", "(same)", "–", cmd_scan))
if seq:
    rows.append(("Upstream requests of the sequential walk / 2 × ceil(users / 50) (pulls and ongoing data)",
                 f"{seq['simulator_requests']} / {2 * seq['minimum_requests']} = {f(figures['sequential_requests_over_minimum'])}",
                 "counted by the simulator (`/_simulator/stats`)", TARGETS["sequential_requests_over_minimum"][2],
                 yes("sequential_requests_over_minimum"), cmd_scan))
if cached:
    notfound = wrk("notfound-static")
    rows.append(("Cached user page `/users/{id}`, server time p50 (p99), 1 connection",
                 f"{f(cached['p50_ms'])} ms ({f(cached['p99_ms'])} ms)",
                 f"static page `/not-found`: {f(notfound['p50_ms'])} ms ({f(notfound['p99_ms'])} ms)" if notfound else "–",
                 TARGETS["cached_page_p50_ms"][2], yes("cached_page_p50_ms"), "`wrk -t1 -c1 --latency …/users/{id}`"))
if uncached:
    rows.append(("Uncached user page (`Vital:CacheSeconds=0`) minus the configured 50 ms, p50",
                 f"{f(figures['uncached_overhead_p50_ms'])} ms (page {f(uncached['p50_ms'])} ms, p99 {f(uncached['p99_ms'])} ms)",
                 f"the simulator measured directly: {f(sim['p50_ms'])} ms p50 ({f(sim['p50_ms'] - LATENCY_MS)} ms over 50), p99 {f(sim['p99_ms'])} ms" if sim else "–",
                 TARGETS["uncached_overhead_p50_ms"][2], yes("uncached_overhead_p50_ms"), "`wrk -t1 -c1 --latency` (page, then the simulator)"))
if faulty:
    m, t = faulty["mix35"], faulty["truncated2"]
    cmd_faulty = f"`Dashboard.Benchmarks faulty-scan --users 10000 --latency-ms 50 --runs {m['runs']}`"
    rows.append(("Team scans under faults, 10,000 users, that complete with every user (35% mix; 2% truncated bodies)",
                 f"{m['completed'] + t['completed']} of {m['runs'] + t['runs']} ({m['completed']}/{m['runs']}; {t['completed']}/{t['runs']})",
                 f"{m['resumes'] + t['resumes']} pages asked for again after the client's retries",
                 TARGETS["faulty_scan_completion_ratio"][2], yes("faulty_scan_completion_ratio"), cmd_faulty))
    rows.append(("… their time over the fault-free first scan (35% mix; 2% truncated bodies), medians",
                 f"{f(m['time_ratio'])}× ({f(m['median_seconds'])} s); {f(t['time_ratio'])}× ({f(t['median_seconds'])} s)",
                 f"fault-free first per-provider scan in process {f(faulty['fault_free_seconds'])} s (medians of {m['runs']} runs); "
                 f"the least the mixes allow a scan that honours Retry-After: {f(m.get('least_time_ratio'))}×; {f(t.get('least_time_ratio'))}×",
                 TARGETS["faulty_scan_time_ratio"][2], yes("faulty_scan_time_ratio"), cmd_faulty))
    if faulty.get("mix30_no_429"):
        n = faulty["mix30_no_429"]
        rows.append(("… the same mix without its 5% 429s (each asks its own request to wait Retry-After 1 s: honoured, as the contract asks)",
                     f"{f(n['time_ratio'])}× ({f(n['median_seconds'])} s, {n['completed']} of {n['runs']} complete)",
                     f"fault-free {f(faulty['fault_free_seconds'])} s; the least this mix allows: {f(n.get('least_time_ratio'))}×", "–", "–", cmd_faulty))
if memory10:
    s, p = memory10["snapshot"], memory10["parsed"]
    rows.append(("Team snapshot heap per pull, 10,000 users",
                 f"{f(s['bytes_per_pull'], 0)} B ({f(s['bytes'] / 2**20, 1)} MiB for {s['pulls']:,} pulls)",
                 f"parsed `UserHistoricalPulls`: {f(p['bytes_per_pull'], 0)} B ({f(p['bytes'] / 2**20, 1)} MiB)",
                 TARGETS["bytes_per_pull"][2], yes("bytes_per_pull"), "`Dashboard.Benchmarks memory --users 10000`"))
if circuits:
    rows.append((f"Idle circuit on a user page ({circuits['count']} tabs; {circuits.get('user_pulls', '?')} pulls), beyond an empty one",
                 f"{f(circuits['idle_circuit_bytes'] / 1000, 0)} kB (the whole circuit: {f(circuits['user_page_circuit_bytes'] / 1000, 0)} kB)",
                 f"baseline circuit (an unknown user's page): {f(circuits['empty_circuit_bytes'] / 1000, 0)} kB",
                 TARGETS["idle_circuit_bytes"][2], yes("idle_circuit_bytes"), f"`Dashboard.Benchmarks circuits --count {circuits['count']}`"))
    rows.append(("… the whole idle circuit of that page (framework, layout and page)",
                 f"{f(circuits['user_page_circuit_bytes'] / 1000, 0)} kB",
                 f"of which an empty circuit: {f(circuits['empty_circuit_bytes'] / 1000, 0)} kB",
                 TARGETS["idle_circuit_whole_bytes"][2], yes("idle_circuit_whole_bytes"), f"`Dashboard.Benchmarks circuits --count {circuits['count']}`"))

if p100:
    fl = p100["floor"]
    cmd_proc = f"`Dashboard.Benchmarks process-scan --users 100000 --latency-ms {p100['latency_ms']}`"
    rows.append((f"Team scan, 100,000 users, pulls and ongoing data, {p100['latency_ms']} ms per answer: first scan against the floor",
                 f"{against('scan_over_floor_100k', figures['scan_over_floor_100k'])}× ({f(p100['first_scan']['seconds'])} s, {p100['first_scan']['upstream_requests']:,} requests)",
                 f"floor: the longer of {fl['provider']}'s walks, max({fl['pulls_pages']} pulls, {fl['resources_pages']} ongoing-data pages) × {p100['latency_ms']} ms = {f(fl['seconds'])} s",
                 TARGETS["scan_over_floor_100k"][2], yes("scan_over_floor_100k"), cmd_proc))
    rows.append(("… resident set (VmRSS) of the dashboard process after that scan",
                 f"{f(figures['rss_after_scan_100k_mb'], 0)} MB (managed heap at the last GC {f(p100['after_scan']['heap_bytes'] / 1e6, 0)} MB; {p100['after_scan']['gc']} GC)",
                 f"after start, before any scan: {f(p100['after_start']['rss_bytes'] / 1e6, 0)} MB",
                 TARGETS["rss_after_scan_100k_mb"][2], yes("rss_after_scan_100k_mb"), cmd_proc))
    rows.append(("… peak resident set while a rescan runs beside the shown team, over the RSS after the first scan",
                 f"{f(figures['rescan_peak_ratio_100k'])}× ({f(p100['rescan']['peak_rss_bytes'] / 1e6, 0)} MB, {p100['rescan']['samples']} samples, rescan {f(p100['rescan']['seconds'])} s at {p100['rescan_latency_ms']} ms)",
                 f"after the first scan: {f(p100['after_scan']['rss_bytes'] / 1e6, 0)} MB",
                 TARGETS["rescan_peak_ratio_100k"][2], yes("rescan_peak_ratio_100k"), cmd_proc))
    if "peak_rss_bytes" in p100["first_scan"]:
        rows.append(("… peak resident set during the first scan (no team shown yet, nothing stored: what a container needs at a first start)",
                     f"{f(p100['first_scan']['peak_rss_bytes'] / 1e6, 0)} MB",
                     f"after that scan: {f(p100['after_scan']['rss_bytes'] / 1e6, 0)} MB",
                     "–", "–", cmd_proc))
    if "after_scan_at_rest" in p100 and "rss_at_rest_bytes" in p100["rescan"]:
        rows.append(("… resident set at rest: 3 s after each scan's history write (ADR 0021 gives memory back then)",
                     f"after the first scan {f(p100['after_scan_at_rest']['rss_bytes'] / 1e6, 0)} MB, after the rescan "
                     f"{f(p100['rescan']['rss_at_rest_bytes'] / 1e6, 0)} MB (managed heap {f(p100['rescan']['heap_at_rest_bytes'] / 1e6, 0)} MB)",
                     f"3 s after the rescan, before its write: {f(p100['rescan']['rss_after_bytes'] / 1e6, 0)} MB",
                     "–", "–", cmd_proc))
    rows.append(("Restart with a stored 100,000-user team: process start to the grid's first user rows (`/` as the server renders it)",
                 f"{f(figures['start_to_grid_100k_s'])} s ({'the stored team' if p100['restart_to_grid']['from_stored_team'] else '**not** the stored team'}"
                 f"{', shown loading' if p100['restart_to_grid'].get('loading_shown') else ''}); the whole team read (first rows of `/api/users.csv`) "
                 f"{f(p100['restart_to_grid'].get('team_loaded_seconds'))} s",
                 f"a first scan instead: {f(p100['first_scan']['seconds'])} s",
                 TARGETS["start_to_grid_100k_s"][2], yes("start_to_grid_100k_s"), cmd_proc))
# The 10,000-user target of the same issue: its own row, whether or not the 100,000-user run completed.
p10 = process["10k"]
if p10:
    # A full run measures three new processes and keeps the median (bench/median_run.py); each run's figure is shown.
    runs = p10.get("first_scan_runs")
    spread = f"; the median of {len(runs)} runs: {', '.join(against('scan_over_floor_10k_150ms', r) + '×' for r in runs)}" if runs else ""
    rows.append((f"Team scan, 10,000 users, {p10['latency_ms']} ms per answer: the first scan after the process starts, against the floor",
                 f"{against('scan_over_floor_10k_150ms', figures['scan_over_floor_10k_150ms'])}× ({f(p10['first_scan']['seconds'])} s, {p10['first_scan']['upstream_requests']:,} requests{spread})",
                 f"floor {f(p10['floor']['seconds'])} s; the rescan in the same process: {f(p10['rescan']['seconds'])} s, {f(p10['rescan']['seconds'] / p10['floor']['seconds'])}× (at {p10['rescan_latency_ms']} ms)",
                 TARGETS["scan_over_floor_10k_150ms"][2], yes("scan_over_floor_10k_150ms"),
                 f"`Dashboard.Benchmarks process-scan --users 10000 --latency-ms {p10['latency_ms']}`"))

if uncached and slowest:
    names = {"user": "pulls", "resources": "ongoing data", "profile": "user", "connections": "connections"}
    rows.append(("Whole-diagnosis user page uncached: p50 over the slowest of its four upstream calls measured alone",
                 f"{f(figures['whole_page_overhead_p50_ms'])} ms (page {f(uncached['p50_ms'])} ms; {page_calls['upstream_calls_per_page'] if page_calls else '?'} upstream calls per view)",
                 "alone, p50: " + ", ".join(f"{names[k]} {f(w['p50_ms'])} ms" for k, w in upstream.items() if w),
                 TARGETS["whole_page_overhead_p50_ms"][2], yes("whole_page_overhead_p50_ms"), "`wrk -t1 -c1 --latency` (page, then each upstream call)"))
if grid:
    rows.append((f"Team grid, {grid['users']:,} users: server time of a filter or order change, {grid['callers']} callers at once, p95",
                 f"{f(grid['p95_ms'])} ms (p50 {f(grid['p50_ms'])} ms, p99 {f(grid['p99_ms'])} ms, {grid['callers'] * grid['changes_per_caller']:,} changes)",
                 f"one caller alone: p50 {f(grid['alone_p50_ms'])} ms, p95 {f(grid['alone_p95_ms'])} ms",
                 TARGETS["grid_filter_p95_ms_200_circuits"][2], yes("grid_filter_p95_ms_200_circuits"), f"`Dashboard.Benchmarks grid-filter --users 100000 --callers {grid['callers']}`"))
    g = grid.get("grid_circuits")
    if g:
        rows.append((f"Idle circuit on the 100,000-user grid ({g['count']} tabs), whole",
                     f"{f(g['grid_circuit_bytes'] / 1000, 0)} kB",
                     f"baseline circuit (unknown user's page): {f(g['empty_circuit_bytes'] / 1000, 0)} kB",
                     TARGETS["grid_circuit_bytes"][2], yes("grid_circuit_bytes"), f"`Dashboard.Benchmarks grid-filter --tabs {g['count']}`"))
if heavy:
    rows.append((f"Idle circuit on the heaviest user page ({heavy['count']} tabs; {heavy.get('user_pulls', '?')} pulls), whole",
                 f"{f(heavy['user_page_circuit_bytes'] / 1000, 0)} kB",
                 f"baseline circuit (unknown user's page): {f(heavy['empty_circuit_bytes'] / 1000, 0)} kB",
                 TARGETS["heaviest_user_circuit_bytes"][2], yes("heaviest_user_circuit_bytes"), f"`Dashboard.Benchmarks circuits --count {heavy['count']} --user <heavy>`"))

# Issue 14: history written per scan and the store's size, at each size measured.
history_rows = []
for size, p in process.items():
    if not p:
        continue
    later = later_writes(p)
    base = [h for h in p["history"] if h["baseline"]]
    history_rows.append("| " + " | ".join([
        f"{p['users']:,}",
        f"{f(base[0]['ms_after_scan'], 0)} ms" if base and base[0]["ms_after_scan"] is not None else "–",
        ", ".join(f"{h['changes']:,} rows in {f(h['ms_after_scan'], 0)} ms" for h in later) or "–",
        f"{f(p['store_bytes_after_first_open'] / 1e6, 1)} MB",
        f"{f(p['store_bytes'] / 1e6, 1)} MB",
        f"rows {f(p['restart_to_grid']['seconds'])} s, whole team {f(p['restart_to_grid'].get('team_loaded_seconds'))} s"
        + ("" if p["restart_to_grid"]["from_stored_team"] else " (not the stored team)"),
        (f"team state {f(stores[size]['bytes']['team_state'] / 1e6, 1)} MB; {stores[size]['rows']['transitions']:,} transition rows "
         f"{f(stores[size]['bytes']['transitions'] / max(1, stores[size]['rows']['transitions']), 0)} B each; {stores[size]['rows']['scans']} scan rows "
         f"{f(stores[size]['bytes']['scans'] / max(1, stores[size]['rows']['scans']), 0)} B each") if stores.get(size) else "–",
        f"{f(store_per_day(size) / 1e6, 2)} MB" if store_per_day(size) is not None else "–",
    ]) + " |")
if history_rows:
    lines_history = ["", "History store (issue 14; SQLite, the default): what each scan writes, and a restart with the stored team:", "",
                     "| users | first scan written (team state, no transitions), scan end to the writer's log line | later scans: transition rows, written in | store after the first scan (db + WAL, open) | store at the end (closed) | restart: the grid's first rows, the whole team (first CSV rows) | closed store by table (dbstat) | history per 100,000 users per day (extrapolated) |",
                     "|---|---|---|---|---|---|---|---|"] + history_rows
else:
    lines_history = []

growth = []
for size, p in process.items():
    if p:
        held = {"10k": "scan_over_floor_10k_150ms", "100k": "scan_over_floor_100k"}.get(size)
        ratio = against(held, p['first_scan']['over_floor']) if held else f(p['first_scan']['over_floor'])
        growth.append(f"| {p['users']:,} | {f(p['first_scan']['seconds'])} s / {f(p['floor']['seconds'])} s = {ratio}× "
                      f"| {f(p['after_scan']['rss_bytes'] / 1e6, 0)} MB | {f(p['after_scan']['heap_bytes'] / 1e6, 0)} MB "
                      f"| {f(p['rescan']['peak_rss_bytes'] / 1e6, 0)} MB ({f(p['rescan']['peak_ratio'])}×, at {p['rescan_latency_ms']} ms) |")
lines_growth = ["", "Growth with team size, the dashboard as its own process at 150 ms per answer (pulls and ongoing data):", "",
                "| users | first scan / floor | RSS after it | managed heap (last GC) | peak RSS in a rescan |", "|---|---|---|---|---|"] + growth if growth else []
# The growth table drawn beside it (a full run measures three team sizes; a quick run one, and draws nothing).
if growth and growth_plot.draw(process, os.path.join(out, "growth.svg")):
    lines_growth += ["", "![The growth table drawn: the first scan against its floor, their ratio, and resident memory](growth.svg)"]

lines = [
    f"Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, {machine.get('memory_gib', '?')} GiB, {machine.get('os', '?')}, "
    f".NET SDK {machine.get('dotnet', '?')}; load average {f(machine.get('load_at_start'), 1)} at the start, {f(machine.get('load_at_end'), 1)} at the end; "
    f"run `{os.path.basename(out.rstrip('/'))}` ({machine.get('seconds', '?')} s); the dashboard process: {machine.get('dashboard_process', 'Release build (IL)')}.",
    "",
    "| figure | this run | baseline, same run | target | met | command |",
    "|---|---|---|---|---|---|",
] + [f"| {' | '.join(r)} |" for r in rows] + lines_growth + lines_history

# Full run: throughput, scaling, concurrency, micro, checks.
extra = {}
load_rows = []
for name, what in [("page-cached-load", "cached `/users/{id}` (server render)"), ("json-cached-load", "cached `/api/users/{id}/diagnosis` (64 client addresses)"),
                   ("json-cached", "cached `/api/users/{id}/diagnosis`, 1 connection"), ("json-uncached", "uncached `/api/users/{id}/diagnosis`, 1 connection")]:
    w = wrk(name)
    if w:
        extra[name] = w
        load_rows.append(f"| {what} | {f(w['requests_per_second'], 0)} | {f(w['p50_ms'])} ms | {f(w['p99_ms'])} ms | {w['errors']} |")
if load_rows:
    lines += ["", "Requests per second on 2 cores (wrk `-t2 -c16` unless said, the load generator on the same cores):", "",
              "| endpoint | req/s | p50 | p99 | errors |", "|---|---|---|---|---|"] + load_rows

scale_rows = []
for size in ["1k", "10k", "100k"]:
    sc, mem = passes(load(f"scan-{size}.json")), load(f"memory-{size}.json")
    if not sc and not mem:
        continue
    s1, s2, s3 = sc.get("sequential"), sc.get("first"), sc.get("refresh")
    scale_rows.append("| " + " | ".join([
        size.replace("k", ",000").replace("1,000,000", "1,000,000"),
        f"{f(s1['seconds'])} s ({s1['scan_requests']})" if s1 else "–",
        f"{f(s2['seconds'])} s ({s2['scan_requests']}, {s2['walks']} walks)" if s2 else "–",
        f"{f(s3['seconds'])} s" if s3 else "–",
        f"{f(s1['seconds'] / s2['seconds'])}× / {f(s1['seconds'] / s3['seconds'])}×" if s1 and s2 and s3 else "–",
        f"{s2['largest_pages']} × 50 ms = {f(s2['floor_seconds'])} s; {f(s2['over_floor'])}× / {f(s3['over_floor'])}×" if s2 and s3 else "–",
        f"{f(mem['snapshot']['bytes'] / 2**20, 1)} MiB, {f(mem['snapshot']['bytes_per_pull'], 0)} B/pull" if mem else "–",
        f"{f(mem['parsed']['bytes'] / 2**20, 1)} MiB, {f(mem['parsed']['bytes_per_pull'], 0)} B/pull" if mem else "–",
    ]) + " |")
if len(scale_rows) > 1:
    lines += ["", "Growth with team size (scans at 50 ms per answer; heap in process):", "",
              "| users | sequential walk (requests) | first per-provider scan (requests) | refresh | speed-up first / refresh | floor; first / refresh over it | snapshot heap | parsed models heap |",
              "|---|---|---|---|---|---|---|---|"] + scale_rows

sweep = []
DEFAULT_CONCURRENCY = 16  # Vital:ScanConcurrency's default (VitalOptions): its figures are the headline scan's
for c in [2, 4, 8, DEFAULT_CONCURRENCY, 42]:
    sc = passes(load(f"scan-10k-c{c}.json")) if c != DEFAULT_CONCURRENCY else scan10
    if sc.get("first"):
        sweep.append(f"| {c}{' (default)' if c == DEFAULT_CONCURRENCY else ''} | {f(sc['first']['seconds'])} s ({f(sc['first']['over_floor'])}×) | {f(sc['refresh']['seconds'])} s ({f(sc['refresh']['over_floor'])}×) |")
if len(sweep) > 1:
    lines += ["", "`Vital:ScanConcurrency` at 10,000 users (time, and over the floor):", "", "| concurrency | first scan | refresh |", "|---|---|---|"] + sweep

micro = load("micro.json")
if micro:
    lines += ["", f"BenchmarkDotNet ({micro['job']} job, in process), one page of 50 users ({micro['benchmarks'][0]['pulls_per_operation']} pulls), per pull:", "",
              "| benchmark | time per pull | allocated per pull | pulls per second |", "|---|---|---|---|"]
    lines += [f"| {b['benchmark']} | {f(b['ns_per_pull'], 0)} ns | {f(b['allocated_bytes_per_pull'], 0)} B | {f(b['pulls_per_second'], 0)} |" for b in micro["benchmarks"]]

circuit_rows = []
for name in ["circuits-light.json", "circuits.json", "circuits-heavy.json"]:
    c = load(name)
    if c and "user_pulls" in c:
        circuit_rows.append(f"| `{c['user_id'][:8]}…`: {c['user_pulls']} pull{'s' if c['user_pulls'] != 1 else ''}, {c['user_providers']} provider{'s' if c['user_providers'] != 1 else ''} | {f(c['user_page_circuit_bytes'] / 1000, 0)} kB "
                            f"| {f(c['idle_circuit_bytes'] / 1000, 0)} kB | {f(c['empty_circuit_bytes'] / 1000, 0)} kB |")
if len(circuit_rows) > 1:
    lines += ["", f"Idle circuit by the size of the user page ({circuits['count']} tabs each):", "",
              "| user | whole circuit | beyond the baseline circuit | baseline circuit (an unknown user's page) |", "|---|---|---|---|"] + circuit_rows

if verify:
    lines += ["", "End-to-end checks (`Dashboard.Benchmarks verify`, 1,000 users, `Vital:CacheSeconds=5`):", ""]
    lines += [f"- {'PASS' if c['passed'] else '**FAIL**'} {c['name']}: {c['observed']}" for c in verify["checks"]]

open(os.path.join(out, "table.md"), "w").write("\n".join(lines) + "\n")
json.dump({"figures": figures, "met": {k: met(k, v) for k, v in figures.items()}, "machine": machine, "scan_10k": scan10,
           "memory_10k": memory10, "circuits": circuits, "wrk": {"simulator": sim, "page_cached": cached, "page_uncached": uncached, **extra},
           "verify": verify, "faulty_scan_10k": faulty, "process": process, "grid_100k": grid, "circuits_heavy": heavy,
           "page_calls": page_calls, "stores": stores}, open(os.path.join(out, "summary.json"), "w"), indent=1)

print("\n".join(lines), file=sys.stderr)
line = dict(rounded)
line["missed"] = [k for k, v in figures.items() if met(k, v) is False]
print(json.dumps(line))
