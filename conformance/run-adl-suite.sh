#!/usr/bin/env bash
# Runs the official ADL LRS conformance suite against this LRS, for xAPI 1.0.3 and 2.0.0, and prints the counts.
#
#   conformance/run-adl-suite.sh /path/to/lrs-conformance-test-suite [sqlite|mongo]
#
# The suite is not part of this repository: clone adlnet/lrs-conformance-test-suite at the commit in
# SUITE_COMMIT and run `npm install` in it first. Each version runs against a fresh server on a fresh data
# directory; the server is told which version to name on responses to requests that name none (the only
# place where one endpoint cannot serve both suites' expectations at once, see LRS_XAPI_DEFAULT_VERSION).
set -euo pipefail

suite=${1:?usage: $0 /path/to/lrs-conformance-test-suite [sqlite|mongo]}
backend=${2:-sqlite}
if [ "$backend" = mongo ] && [ -z "${LRS_MONGODB_URI:-}" ]; then
  echo "mongo backend: set LRS_MONGODB_URI to a MongoDB replica set, e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
port=${LRS_CONFORMANCE_PORT:-18080}
results=${LRS_CONFORMANCE_RESULTS:-$repo/artifacts/conformance}
mkdir -p "$results"

expected=$(cat "$repo/conformance/SUITE_COMMIT")
actual=$(git -C "$suite" rev-parse HEAD 2>/dev/null || echo unknown)
[ "$actual" = "$expected" ] || echo "warning: suite is at $actual, results are pinned to $expected" >&2

dotnet build "$repo/src/Lrs.Server" -c Release -v quiet -nologo >/dev/null

run_version() {
  local version=$1 data
  data=$(mktemp -d)
  LRS_DATA_DIR=$data LRS_STORAGE=$backend LRS_MONGODB_URI="${LRS_MONGODB_URI:-}" LRS_MONGODB_DATABASE="lrs_conformance_$$_${version//./_}" \
  LRS_BOOTSTRAP_KEY=conformance LRS_BOOTSTRAP_SECRET=conformance-secret \
  LRS_XAPI_DEFAULT_VERSION=$version Serilog__MinimumLevel__Default=Warning \
    dotnet "$repo/src/Lrs.Server/bin/Release/net10.0/Lrs.Server.dll" --urls "http://127.0.0.1:$port" \
    > "$results/server-$version.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 0.5
  done

  (cd "$suite" && node bin/console_runner.js -e "http://127.0.0.1:$port/xapi" -a -u conformance -p conformance-secret -x "$version" \
    > "$results/suite-$version.log" 2>&1) || true
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  rm -rf "$data"

  # The runner prints its summary as one JSON line; its exit code wraps at 256, so the log is the truth.
  local summary
  summary=$(grep -E '^\{"total":' "$results/suite-$version.log" | tail -1)
  echo "xAPI $version ($backend): $summary"

  # Name every failing test, from the full JSON log the runner writes.
  local full
  full=$(grep -oE 'Full run log written to .*' "$results/suite-$version.log" | sed 's/Full run log written to //')
  if [ -n "$full" ] && [ -f "$full" ]; then
    cp "$full" "$results/suite-$version.json"
    node -e '
      const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).log;
      const walk = (n, path) => {
        const here = path.concat(n.title || []);
        if (n.status === "failed" && !(n.tests || []).length) {
          console.log("  FAILED: " + here.join(" > ").slice(0, 300));
          console.log("          " + String(n.error).split("\n")[0].slice(0, 300));
        }
        (n.tests || []).forEach(t => walk(t, here));
      };
      walk(log, []);' "$results/suite-$version.json"
  fi
}

run_version 1.0.3
run_version 2.0.0
