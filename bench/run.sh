#!/usr/bin/env bash
# Reproduces every figure of bench/README.md on this machine and ends with one JSON line.
#
#   bash bench/run.sh           # the full run (about 45 minutes on 2 cores)
#   bash bench/run.sh --quick   # the headline figures only (under 10 minutes from a clean checkout on a quiet machine)
#   BENCH_READY_TO_RUN=1 bash bench/run.sh   # the dashboard process published as the image has it (ReadyToRun, ADR 0029)
#
# Needs the .NET 10 SDK, python3, curl and wrk (apt-get install -y wrk); Chromium at /usr/bin/chromium (or
# BENCH_CHROMIUM) for the circuit figure. Everything runs on loopback: the simulator host (Vital.Simulator.Host,
# with Simulator:Faults:LatencyMs=50 on every answer), the dashboard as a process (for wrk) or inside the harness
# (bench/Dashboard.Benchmarks, for the scans, the heap and the circuits). Raw results go to bench/results/<run>/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
latency=50                      # ms every simulator answer takes at least (built meanwhile)
users=10000                     # the headline team
key=bench-simulator-key        # any non-empty value: the simulator only checks one is sent
# 30 tabs in the full run: the heap moves by about a megabyte between readings, which 20 tabs would spread as ±60 kB a circuit.
# The quick run opens 5 (figures within about ±200 kB a circuit; fewer circuits, never fewer users), and reads the
# simulator's own answer time (at least the latency it is set to) for 2 s: with 8 tabs and 5 s it took 10 min 54 s on the 2-core
# Intel machine of 2026-12-06, past the ten minutes it is held to.
if $quick; then duration=5; tabs=5; sim_warmup=1; sim_duration=2; else duration=30; tabs=30; sim_warmup=3; sim_duration=30; fi
# Issue 16, part 3: the upstream at 150 ms per answer; the quick run opens fewer tabs of the grid
# (never fewer users) and runs the 100k rescan with the latency off (faster, so no kinder to the peak: see README).
scale_latency=150
if $quick; then grid_tabs=5; grid_changes=5; rescan_latency_100k=0; else grid_tabs=30; grid_changes=10; rescan_latency_100k=150; fi
callers=200
run_id=$(date -u +%Y%m%dT%H%M%SZ)$($quick && echo -quick || true)
out=${BENCH_OUT:-$root/bench/results/$run_id}
mkdir -p "$out"
started=$SECONDS

log() { printf '[bench %4ds] %s\n' "$((SECONDS - started))" "$*" >&2; }
for tool in dotnet python3 curl wrk; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (wrk: apt-get install -y wrk)" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------------------------
log "machine"
python3 - "$out/machine.json" <<'PY'
import json, os, platform, subprocess, sys
def sh(cmd):
    try: return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception: return ""
info = {
    "cpu": sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor(),
    "cores": os.cpu_count(),
    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "os": sh(". /etc/os-release && echo $PRETTY_NAME"),
    "kernel": platform.release(),
    "dotnet": sh("dotnet --version"),
    "wrk": sh("wrk -v 2>&1 | head -1"),
    "chromium": sh("${BENCH_CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null"),
    "load_at_start": os.getloadavg()[0],
    "dashboard_process": "ReadyToRun publish" if os.environ.get("BENCH_READY_TO_RUN") == "1" else "Release build (IL)",
}
json.dump(info, open(sys.argv[1], "w"))
PY

. "$root/bench/lib.sh"  # build_bench, free_port, wait_for, start_simulator

log "build (Release)"
build_bench
harness_dir=$root/bench/Dashboard.Benchmarks/bin/Release/net10.0
dash_dir=$root/src/Dashboard.Web/bin/Release/net10.0
# The dashboard as its own process (wrk, process-scan) is the Release build unless asked for the image's ReadyToRun
# publish: the figures before 2026-12-07 are the build's, and the publish adds about a minute to the quick run.
if [[ ${BENCH_READY_TO_RUN:-0} == 1 ]]; then
  log "publish the dashboard with ReadyToRun, as the image has it (ADR 0029)"
  publish_ready_to_run "$out/dashboard-ready-to-run"
  dash_dir=$out/dashboard-ready-to-run
fi
harness() { dotnet "$harness_dir/Dashboard.Benchmarks.dll" "$@"; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# start_dashboard NAME SIMULATOR_URL CACHE_SECONDS: sets $url (live mode as deployed, without sign-in)
start_dashboard() {
  local port; port=$(free_port)
  (cd "$dash_dir" && exec env ASPNETCORE_ENVIRONMENT=Production Vital__ApiKey=$key Vital__BaseUrl="$2" \
    Vital__CacheSeconds="$3" Auth__Mode=None Auth__AllowAnonymous=true Api__RequestsPerMinute=100000 Sweep__RequestsPerSecond=0 \
    Store__ConnectionString="Data Source=$out/$1.db" \
    ForwardedHeaders__KnownNetworks__0=127.0.0.1/32 \
    dotnet Dashboard.Web.dll --urls "http://127.0.0.1:$port") >"$out/$1.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
  wait_for "$url/healthz"
}

# wait_scanned URL: until the dashboard's first team scan is published (the CSV of a search that matches nobody says
# "complete"). A page measured while the scan runs beside it measures the scan, and the JIT still compiling it.
wait_scanned() {
  for _ in $(seq 1 900); do
    curl -fs -D - -o /dev/null "$1/api/users.csv?q=bench-no-such-user" 2>/dev/null | grep -qi '^x-team-snapshot: complete' && return 0
    sleep 0.2
  done
  log "  the first team scan did not finish in 180 s; measuring anyway"
}

# upstream_count: the simulator's request count so far
upstream_count() { curl -fs "$sim/_simulator/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requestCount"])'; }

# wait_quiet: until the simulator has had no request for 2 s (the dashboard's discovery walk and the rescan it may
# start follow the first scan), at most 60 s.
wait_quiet() {
  local last now quiet=0
  last=$(upstream_count)
  for _ in $(seq 1 60); do
    sleep 1; now=$(upstream_count)
    if [[ $now == "$last" ]]; then quiet=$((quiet + 1)); [[ $quiet -ge 2 ]] && return 0; else quiet=0; last=$now; fi
  done
  log "  the upstream was not quiet within 60 s; counting anyway"
}

stop_last() { local pid=${pids[-1]}; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; unset 'pids[-1]'; }

# warm_up URL SECONDS THREADS CONNECTIONS [header]: one request (a cold cache filled), then wrk for SECONDS without
# readings (JIT, pools). /api/* requests carry the rotating client address, as in bench_wrk.
warm_up() {
  local url=$1 seconds=$2 threads=$3 connections=$4 header=() script=()
  [[ $# -ge 5 ]] && header=(-H "$5")
  [[ $url == */api/* ]] && script=(-s "$root/bench/rotate-client.lua")
  curl -fs -o /dev/null "${header[@]}" "$url" || true
  wrk -t"$threads" -c"$connections" -d"${seconds}s" "${header[@]}" "${script[@]}" "$url" >/dev/null
}

# bench_wrk NAME URL CONNECTIONS [header]: warm-up (JIT, cache; $warmup seconds, 3 unless set), then the measured run
# with latency percentiles.
# /api/* requests are spread over 64 client addresses (bench/rotate-client.lua, X-Forwarded-For believed from
# loopback): the per-client API rate limit would otherwise answer most of them 429 (Api:RequestsPerMinute is at
# most 100,000 a minute, and wrk does more).
bench_wrk() {
  local name=$1 url=$2 connections=$3 threads=1 header=() script=()
  [[ $# -ge 4 ]] && header=(-H "$4")
  [[ $url == */api/* ]] && script=(-s "$root/bench/rotate-client.lua")
  [[ $connections -gt 1 ]] && threads=2
  warm_up "$url" "${warmup:-3}" "$threads" "$connections" ${4:+"$4"}
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "${header[@]}" "${script[@]}" "$url" >"$out/wrk-$name.txt"
  log "  wrk $name: $(grep -E '^ +50%' "$out/wrk-$name.txt" | xargs) p50, $(grep -E 'Requests/sec' "$out/wrk-$name.txt" | xargs)"
}

# ---------------------------------------------------------------------------------------------------------------
log "simulator: $users users, ${latency} ms per answer"
start_simulator "$out/simulator-10k.log" $users $latency; sim=$url
# The bench user: the user with the most pulls among the first ten of the team's first page (seed 1: 15 pulls
# from 2 providers, a little above the team's mean of 12); the full run adds the one with the fewest, and the
# team's heaviest (the many_resources scenario: 80 pulls from 6 providers).
read -r user light < <(curl -fs -H "x-vital-api-key: $key" "$sim/v2/introspect/historical_pull?user_limit=10" | python3 -c '
import json, sys
page = json.load(sys.stdin)["data"]
pulls = lambda u: sum(len(p.get("pulled") or {}) for p in u["provider"].values())
print(max(page, key=pulls)["user_id"], min((u for u in page if pulls(u) > 0), key=pulls)["user_id"])')
heavy=$(curl -fs "$sim/_simulator/scenarios" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("many_resources", ""))')
echo "{\"user\": \"$user\", \"light_user\": \"$light\", \"heavy_user\": \"$heavy\"}" >"$out/users.json"
log "bench user $user"

log "team scan, $users users: sequential walk, first per-provider scan, refresh"
harness scan --base-url "$sim" --users $users --latency-ms $latency --out "$out/scan-10k.json" 2>>"$out/harness.log" >/dev/null

log "team scan under faults, $users users in process: fault-free, the issue's 35% mix, 2% truncated bodies"
harness faulty-scan --users $users --latency-ms $latency --runs $($quick && echo 1 || echo 3) \
  $($quick && echo --mixes fault_free,mix35,truncated2 || true) --out "$out/faulty-scan-10k.json" 2>>"$out/harness.log" >/dev/null

log "snapshot heap, $users users (in process)"
harness memory --users $users $($quick && echo --modes PerProvider || true) --out "$out/memory-10k.json" 2>>"$out/harness.log" >/dev/null

log "upstream latency, measured directly against the simulator (the page time's baseline): each of the user page's four calls"
# The simulator's own code paths are warm after the first call's warm-up; the quick run warms the others up for 1 s.
duration=$sim_duration warmup=$($quick && echo 2 || echo 3) bench_wrk simulator-user "$sim/v2/introspect/historical_pull?user_id=$user" 1 "x-vital-api-key: $key"
duration=$sim_duration warmup=$sim_warmup bench_wrk simulator-resources "$sim/v2/introspect/resources?user_id=$user" 1 "x-vital-api-key: $key"
duration=$sim_duration warmup=$sim_warmup bench_wrk simulator-profile "$sim/v2/user/$user" 1 "x-vital-api-key: $key"
duration=$sim_duration warmup=$sim_warmup bench_wrk simulator-connections "$sim/v2/user/providers/$user" 1 "x-vital-api-key: $key"

log "cached user page (server render)"
start_dashboard "dashboard-cached" "$sim" 60; dash=$url
wait_scanned "$dash"
# A dashboard just past its first scan still compiles (tiered JIT) and writes its history for about 20 s: its pages
# took 9-11 ms there and 4.5 ms after, on 2026-12-05. The page figures are the steady state, so the page is warmed
# up for 20 s first, beside the discovery walk (and the rescan it may start) that follows the first scan.
# The quick run warms it up for 10 s, as the uncached page's (its p50 read 4.4 ms after 20 s, against a target of 10).
warm_up "$dash/users/$user" "$($quick && echo 10 || echo 20)" 1 1
# The whole diagnosis: how many upstream calls one page view makes (the user, connections, pulls, ongoing data),
# counted on a user not read yet once the dashboard asks Vital nothing else (its first scan, then the discovery walk
# and the rescan that may follow it, are done; the next scan is a minute away). Counted beside them, the team's
# pages fell into the count.
wait_quiet
calls_before=$(upstream_count)
curl -fs -o /dev/null "$dash/users/$light"
calls_after=$(upstream_count)
echo "{\"upstream_calls_per_page\": $((calls_after - calls_before))}" >"$out/page-calls.json"
warmup=2 bench_wrk page-cached "$dash/users/$user" 1
if ! $quick; then
  bench_wrk page-cached-load "$dash/users/$user" 16
  bench_wrk json-cached "$dash/api/users/$user/diagnosis" 1
  bench_wrk json-cached-load "$dash/api/users/$user/diagnosis" 16
  bench_wrk notfound-static "$dash/not-found" 1
fi
stop_last

log "uncached user page (Vital:CacheSeconds=0: every request asks the simulator)"
start_dashboard "dashboard-uncached" "$sim" 0; dash=$url
wait_scanned "$dash"
# 20 s of warm-up as the cached page's (10 s in the quick run: this page waits 50 ms on the simulator per request,
# so a few milliseconds of colder code move its figure less), beside the discovery walk that follows the first scan.
# Then nothing but the page may ask the simulator: the rescan the walk may start ran through the measured seconds of
# the quick run of 2026-12-05 19:00 (p50 77 ms, p90 182 ms, against 59 and 61 ms the run before).
warm_up "$dash/users/$user" "$($quick && echo 10 || echo 20)" 1 1
wait_quiet
warmup=1 bench_wrk page-uncached "$dash/users/$user" 1
if ! $quick; then
  bench_wrk json-uncached "$dash/api/users/$user/diagnosis" 1
fi
stop_last

if [[ -x "${BENCH_CHROMIUM:-/usr/bin/chromium}" ]]; then
  # One browser and one baseline for both user pages: $tabs tabs of each (the heaviest user's tabs open after the
  # bench user's, measured the same way).
  log "idle circuits: $tabs tabs of an unknown user's page (the baseline), then $tabs of /users/$user, then $tabs of the team's heaviest user ($heavy: 80 pulls)"
  harness circuits --count $tabs --base-url "$sim" --user "$user" --out "$out/circuits.json" \
    --also-users "$heavy" --also-outs "$out/circuits-heavy.json" 2>>"$out/harness.log" >/dev/null \
    || log "  circuits failed (harness.log); the run goes on"
  if ! $quick; then
    log "idle circuits, the lightest of the first ten users ($light)"
    harness circuits --count $tabs --base-url "$sim" --user "$light" --out "$out/circuits-light.json" 2>>"$out/harness.log" >/dev/null
  fi
else
  log "no Chromium: idle circuits skipped"
fi

if ! $quick; then
  log "scan concurrency sweep, $users users"
  for c in 2 4 8 42; do
    harness scan --base-url "$sim" --users $users --latency-ms $latency --passes first,refresh --concurrency $c \
      --out "$out/scan-10k-c$c.json" 2>>"$out/harness.log" >/dev/null
  done
fi
stop_last  # the 10k simulator

# The end-to-end checks (pass or fail, no figure of the JSON line) and the 1,000-user scan: the full run only. The
# quick run left them out on 2026-12-07, when it took 614 and 650 s on this machine against its ten minutes.
if ! $quick; then
  log "shared cache and shared snapshot, end to end (1,000 users, Vital:CacheSeconds=5)"
  start_simulator "$out/simulator-1k.log" 1000 $latency; small=$url
  start_dashboard "dashboard-verify" "$small" 5; dash=$url
  harness verify --dashboard "$dash" --simulator "$small" --cache-seconds 5 --out "$out/verify.json" 2>>"$out/harness.log" >/dev/null \
    || log "  verify failed (harness.log); the run goes on"
  stop_last
  log "team scan, 1,000 users"
  harness scan --base-url "$small" --users 1000 --latency-ms $latency --out "$out/scan-1k.json" 2>>"$out/harness.log" >/dev/null
  stop_last
fi

if ! $quick; then
  log "team scan, 100,000 users (about 4 minutes)"
  start_simulator "$out/simulator-100k.log" 100000 $latency; big=$url
  harness scan --base-url "$big" --users 100000 --latency-ms $latency --out "$out/scan-100k.json" 2>>"$out/harness.log" >/dev/null
  stop_last
  for n in 1000 100000; do
    log "snapshot heap, $n users"
    harness memory --users $n --out "$out/memory-$((n / 1000))k.json" 2>>"$out/harness.log" >/dev/null
  done
  log "BenchmarkDotNet: parse and diagnose per pull"
  harness micro --artifacts "$out/BenchmarkDotNet.Artifacts" --out "$out/micro.json" >"$out/micro.log" 2>&1
fi

# ---------------------------------------------------------------------------------------------------------------
# Issue 16 part 3 and issue 14 part 5: the dashboard as its own process against an upstream at 150 ms per answer.
# The quick run measures 100,000 users only (the growth table needs the full run).
for n in $($quick && echo "100000" || echo "1000 10000 100000"); do
  size=$((n / 1000))k
  rescan_latency=$scale_latency
  [[ $n -eq 100000 ]] && rescan_latency=$rescan_latency_100k
  # A new process's first 10,000-user scan spreads wider from run to run than its target's margin: the full run measures
  # it three times and keeps the median run (bench/median_run.py); about 2.5 minutes more.
  runs=1
  [[ $n -eq 10000 ]] && ! $quick && runs=3
  log "dashboard process, $n users at ${scale_latency} ms: first scan against the floor, memory, rescan peak, history, restart$([[ $runs -gt 1 ]] && echo " ($runs runs, the median kept)")"
  start_simulator "$out/simulator-$size-150ms.log" $n $scale_latency; s150=$url
  for i in $(seq 1 $runs); do
    tag=$size
    [[ $runs -gt 1 ]] && tag=$size-run$i
    harness process-scan --dashboard-dir "$dash_dir" --simulator "$s150" --users $n --latency-ms $scale_latency \
      --rescan-latency-ms $rescan_latency --data "$out/store-$tag" --log "$out/dashboard-process-$tag" \
      --out "$out/process-$tag.json" 2>>"$out/harness.log" >/dev/null || log "  process-scan failed (harness.log); the run goes on"
    [[ -f "$out/store-$tag/dashboard.db" ]] && python3 "$root/bench/store_stats.py" "$out/store-$tag/dashboard.db" "$out/store-$tag.json"
    rm -f "$out/store-$tag"/dashboard.db*   # its figures are in store-$tag.json; the file is large
  done
  stop_last
  if [[ $runs -gt 1 ]]; then
    python3 "$root/bench/median_run.py" "$out" "$size" $runs >>"$out/harness.log" 2>&1 || log "  no run of $runs measured a first scan (harness.log)"
  fi
done

log "many viewers: $callers concurrent callers changing the 100,000-user grid's filter and order; idle grid circuits ($grid_tabs tabs)"
grid_tabs_arg=$grid_tabs
[[ -x "${BENCH_CHROMIUM:-/usr/bin/chromium}" ]] || grid_tabs_arg=0
harness grid-filter --users 100000 --callers $callers --changes $grid_changes --tabs $grid_tabs_arg \
  --out "$out/grid-100k.json" 2>>"$out/harness.log" >/dev/null || log "  grid-filter failed (harness.log); the run goes on"

python3 -c 'import json,os,sys; m=json.load(open(sys.argv[1])); m["load_at_end"]=os.getloadavg()[0]; m["seconds"]=int(sys.argv[2]); json.dump(m,open(sys.argv[1],"w"))' \
  "$out/machine.json" "$((SECONDS - started))"
log "done in $((SECONDS - started)) s; results in ${out#"$root"/}"
python3 "$root/bench/summarize.py" "$out" $($quick && echo --quick || true)
