# Shell functions bench/run.sh and bench/rss-trace.sh share; sourced, never run. The caller sets $root (the
# repository) and declares pids=().

# build_bench: the harness (and with it the dashboard, run from src/Dashboard.Web/bin/Release) and the simulator host,
# Release, without the analyzers: the tests' build enforces them, and the figures need the code alone (from a fresh
# clone on 2026-12-07: 43 s instead of 68 s for the harness and the dashboard). Errors and warnings go to stderr.
build_bench() {
  local project
  for project in bench/Dashboard.Benchmarks/Dashboard.Benchmarks.csproj src/Vital.Simulator.Host/Vital.Simulator.Host.csproj; do
    dotnet build "$root/$project" -c Release -nologo -v q -p:RunAnalyzers=false 2>&1 | grep -E "error|Warn|Elapsed" >&2 || true
  done
}

# publish_ready_to_run DIR: the dashboard as the Dockerfile publishes it (framework-dependent, this machine's Linux
# architecture, ReadyToRun code: ADR 0029) into DIR, without the analyzers as above
publish_ready_to_run() {
  local rid; rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  dotnet publish "$root/src/Dashboard.Web/Dashboard.Web.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -p:UseAppHost=false -p:RunAnalyzers=false -o "$1" -nologo -v q 2>&1 | grep -E "error|Warn" >&2 || true
}

# free_port: a TCP port free on loopback now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for URL: until it answers 2xx, at most 30 s
wait_for() {
  for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}

# start_simulator LOG USERS LATENCY_MS: the simulator host (seed 1) on a free port, its output in LOG; adds its pid to
# pids and sets $url to its base URL once it answers (call it directly, not in a subshell: the process must stay in pids)
start_simulator() {
  local port; port=$(free_port)
  (cd "$root/src/Vital.Simulator.Host/bin/Release/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Simulator__Users="$2" Simulator__Seed=1 Simulator__Faults__LatencyMs="$3" \
    dotnet Vital.Simulator.Host.dll --urls "http://127.0.0.1:$port") >"$1" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
  wait_for "$url/healthz"
}
