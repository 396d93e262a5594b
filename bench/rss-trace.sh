#!/usr/bin/env bash
# One `process-scan` (first scan, rescan, both history writes, a restart) with the dashboard's resident set sampled
# every 200 ms from /proc (VmRSS, RssAnon, RssFile, RssShmem in kB), to see where between the measured points memory
# goes: the harness itself only samples during the rescan.
#   bash bench/rss-trace.sh OUT_DIR [USERS] [LATENCY_MS]
# Builds Release first; the simulator runs at LATENCY_MS (default 0) for both scans. Align the trace with the
# dashboard's log (OUT_DIR/log.log: "Scanned the team", "History: ... recorded", "Memory after the scan ... released").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd); users=${2:-100000}; latency=${3:-0}
. "$root/bench/lib.sh"  # build_bench, free_port, wait_for, start_simulator
build_bench
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start_simulator "$out/sim.log" "$users" "$latency"; sim=$url
( while true; do
    pid=$(pgrep -f "^dotnet Dashboard.Web.dll --urls" | head -1 || true)
    [[ -n "$pid" ]] && echo "$(date +%T.%N | cut -c1-12) $(grep -E 'VmRSS|RssAnon|RssFile|RssShmem' /proc/"$pid"/status 2>/dev/null | awk '{printf "%s ", $2}')"
    sleep 0.2
  done ) >"$out/rss.txt" &
pids+=($!)  # the sampler
rm -rf "$out/data"
dotnet "$root/bench/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll" process-scan \
  --dashboard-dir "$root/src/Dashboard.Web/bin/Release/net10.0" --simulator "$sim" --users "$users" \
  --latency-ms "$latency" --rescan-latency-ms "$latency" --data "$out/data" --log "$out/log" --out "$out/process.json" 2>"$out/harness.log" >/dev/null
tail -5 "$out/harness.log"
