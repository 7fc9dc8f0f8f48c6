#!/usr/bin/env bash
# Holds the LRS against real xAPI client libraries (TinCanJS, @xapi/xapi; versions pinned in package.json).
#
#   conformance/clients/run.sh
#
# Builds the server (Release), starts it on a free port with a fresh data directory and throw-away credentials,
# installs the pinned libraries, runs interop.mjs and exits with its status. Needs only dotnet and node/npm.
# LRS_CLIENTS_PORT picks the port. When anything fails the server log is kept in artifacts/clients/server.log.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
server_pid=

# Runs on every exit: stop the server this script started, keep its log if something failed, drop the data.
finish() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/server.log" ]; then
    mkdir -p "$repo/artifacts/clients"
    cp "$work/server.log" "$repo/artifacts/clients/server.log"
    echo "server log: $repo/artifacts/clients/server.log"
  fi
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT

echo "building the server (Release)"
dotnet build "$repo/src/Lrs.Server" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

# A port the kernel just handed out and released.
port=${LRS_CLIENTS_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
endpoint="http://127.0.0.1:$port/xapi/"
key="interop-$(node -e 'console.log(require("crypto").randomBytes(6).toString("hex"))')"
secret=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')

mkdir -p "$work/data"
LRS_DATA_DIR="$work/data" LRS_BOOTSTRAP_KEY="$key" LRS_BOOTSTRAP_SECRET="$secret" \
Serilog__MinimumLevel__Default=Warning \
  dotnet "$repo/src/Lrs.Server/bin/Release/net10.0/Lrs.Server.dll" --urls "http://127.0.0.1:$port" \
  >"$work/server.log" 2>&1 &
server_pid=$!

# Polled with node rather than curl, which a bare machine may lack.
node -e '
  const [url, pid] = [process.argv[1], Number(process.argv[2])];
  const deadline = Date.now() + 60000;
  (async () => {
    for (;;) {
      try { if ((await fetch(url)).ok) process.exit(0); } catch {}
      try { process.kill(pid, 0); } catch { console.error("the server exited during startup"); process.exit(1); }
      if (Date.now() > deadline) { console.error(`the server did not answer ${url} within 60 s`); process.exit(1); }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();' "${endpoint}about" "$server_pid"

echo "installing the pinned client libraries"
cd "$here"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

node interop.mjs "$endpoint" "$key" "$secret"
