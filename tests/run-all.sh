#!/usr/bin/env bash
# The project's whole test run, as README.md gives it and CI (.ci/run) calls it, on a fresh machine:
# installs what the tests need, runs every .NET test project, then the client-library interop check.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

need_apt=()
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The dashboard's browser tests drive Debian's Chromium (Playwright never downloads a browser here).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (Debian packages)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== dotnet test"
# Normal verbosity prints each skipped test with its reason (e.g. MongoDB tests on a machine without MongoDB).
dotnet test "$repo/Lrs.sln" --logger "console;verbosity=normal" 2>&1 | grep -vE '^\s+Passed ' || {
  echo "dotnet test failed" >&2; exit 1; }

echo "== benchmark tool, smoke mode (every workload once on a tiny dataset; no timing is asserted)"
# Not a test of speed: it fails only when the tool or the server it drives breaks, so the benchmark cannot rot.
smoke_dir=$(mktemp -d)
dotnet run -c Release --project "$repo/tests/Lrs.Benchmarks" -- --smoke --lag --work "$smoke_dir" > "$smoke_dir/smoke.log" 2>&1 || {
  tail -50 "$smoke_dir/smoke.log" >&2; echo "benchmark smoke run failed (log: $smoke_dir/smoke.log)" >&2; exit 1; }
echo "benchmark smoke run passed ($(grep -cE '^\| (raw|W[1-7]|info) ' "$smoke_dir/smoke.log") table lines)"
# The same with the LRS and the dashboard as two processes (--split), as the compose file deploys them.
dotnet run -c Release --project "$repo/tests/Lrs.Benchmarks" -- --smoke --split --work "$smoke_dir" > "$smoke_dir/split.log" 2>&1 || {
  tail -50 "$smoke_dir/split.log" >&2; echo "benchmark smoke run with --split failed (log: $smoke_dir/split.log)" >&2; exit 1; }
echo "benchmark smoke run with --split passed ($(grep -cE '^\| (raw|W[1-7]|info) ' "$smoke_dir/split.log") table lines)"
rm -rf "$smoke_dir"

if [ -x "$repo/conformance/clients/run.sh" ]; then
  echo "== client libraries (tincanjs, @xapi/xapi) against a running server"
  "$repo/conformance/clients/run.sh"
fi
echo "== deployment files (docker-compose.yml, deploy/k8s)"
"$repo/deploy/check.sh"

echo "== all tests passed"
