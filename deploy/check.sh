#!/usr/bin/env bash
# Validates the deployment files without running them:
#   - docker-compose.yml with `docker compose config` (Compose v2) or `docker-compose config` (Debian's
#     docker-compose package, installed here when neither exists and apt-get can), with .env.example as the .env;
#   - every deploy/k8s/*.yaml as YAML, each document with apiVersion, kind and metadata.name, Deployments with
#     liveness and readiness probes on the health endpoints;
#   - the shell and JavaScript the compose file runs, for syntax.
# Exits non-zero on the first failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  else
    return 127
  fi
}

if ! compose version >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing Debian's docker-compose to validate the compose file" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null; }
  fi
fi
compose version >/dev/null 2>&1 || { echo "FAIL: neither 'docker compose' nor 'docker-compose' is available" >&2; exit 1; }

echo "compose: $(compose version 2>/dev/null | head -n 1)"
compose --env-file .env.example -f docker-compose.yml config --quiet
echo "ok: docker-compose.yml"

# Every secret the compose file requires is named in .env.example (config above would have failed otherwise), and
# nobody committed a real .env.
if git ls-files --error-unmatch .env >/dev/null 2>&1; then
  echo "FAIL: .env is committed; it holds secrets" >&2
  exit 1
fi

python=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import yaml' 2>/dev/null && python=/usr/bin/python3
"$python" - deploy/k8s/*.yaml <<'PY'
import sys, yaml

failures = []
for path in sys.argv[1:]:
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if not docs:
        failures.append(f"{path}: no document")
    for doc in docs:
        where = f"{path}: {doc.get('kind')}/{(doc.get('metadata') or {}).get('name')}"
        if doc.get("kind") == "Kustomization":
            for resource in doc.get("resources", []):
                try:
                    open(f"deploy/k8s/{resource}").close()
                except OSError:
                    failures.append(f"{where}: resource {resource} does not exist")
            continue
        for key in ("apiVersion", "kind", "metadata"):
            if key not in doc:
                failures.append(f"{where}: no {key}")
        if not (doc.get("metadata") or {}).get("name"):
            failures.append(f"{where}: no metadata.name")
        if doc.get("kind") == "Deployment":
            for c in doc["spec"]["template"]["spec"]["containers"]:
                live = (c.get("livenessProbe") or {}).get("httpGet", {}).get("path")
                ready = (c.get("readinessProbe") or {}).get("httpGet", {}).get("path")
                if live != "/health/live" or ready != "/health/ready":
                    failures.append(f"{where}: probes must be /health/live and /health/ready, not {live} and {ready}")
if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
print(f"ok: {len(sys.argv) - 1} Kubernetes files")
PY

bash -n conformance/run-adl-suite.sh deploy/check.sh
if command -v node >/dev/null 2>&1; then
  node --check deploy/mongo/init-replica-set.js
fi
echo "ok: scripts"
