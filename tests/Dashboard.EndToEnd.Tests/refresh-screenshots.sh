#!/usr/bin/env bash
# Re-takes the README's screenshots from a real browser: runs the browser journeys (Chromium, the simulator over
# HTTP and the dashboard in live mode, all started by the tests) and, only when they all pass, copies three of
# their pictures into docs/screenshots/:
#
#   journey-01-team.png      -> docs/screenshots/team.png      the team grid, every user
#   journey-03-user.png      -> docs/screenshots/user.png      a user page: findings, timeline, providers
#   journey-06-provider.png  -> docs/screenshots/provider.png  one provider's pulls per status and resource
#
# Usage (from anywhere in the repository):
#
#   bash tests/Dashboard.EndToEnd.Tests/refresh-screenshots.sh            # results in a temporary folder
#   RESULTS_DIR=/tmp/e2e bash tests/Dashboard.EndToEnd.Tests/refresh-screenshots.sh
#
# Needs the .NET SDK, Chromium (apt-get install chromium) and npm (axe-core for the accessibility tests, installed
# here when missing). Every screenshot of the run (one per journey, light and dark accessibility pages) stays in
# $RESULTS_DIR/screenshots, printed at the end. The pictures are 1400x950, light theme.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

project=tests/Dashboard.EndToEnd.Tests
results="${RESULTS_DIR:-$(mktemp -d -t dashboard-screenshots-XXXXXX)}"
mkdir -p "$results"

if [ ! -f "$project/node_modules/axe-core/axe.min.js" ]; then
  npm ci --prefix "$project" --no-audit --no-fund --loglevel=error
fi

# CI=true: a machine without Chromium fails here instead of skipping (and leaving nothing to copy).
CI=true dotnet test --project "$project" --results-directory "$results" -- --filter-namespace '*Browser*'

shots="$results/screenshots"
mkdir -p docs/screenshots
for pair in journey-01-team:team journey-03-user:user journey-06-provider:provider; do
  cp "$shots/${pair%%:*}.png" "docs/screenshots/${pair##*:}.png"
  echo "docs/screenshots/${pair##*:}.png <- $shots/${pair%%:*}.png"
done
echo "All screenshots of this run: $shots"
