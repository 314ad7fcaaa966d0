#!/usr/bin/env bash
# Property-based API fuzzing: builds apps/api, starts it on a random port over a throwaway DATA_DIR
# (the embedded default), and runs Schemathesis over its OpenAPI document with every phase (examples,
# coverage, fuzzing, stateful) in positive and negative mode and every check. Fails on any finding.
#   SCHEMATHESIS=<path to the schemathesis executable>   (.ci/run installs it into a virtualenv)
#   SCHEMATHESIS_SEED=<n>          replay another run (the seed is printed at the end of every run)
#   SCHEMATHESIS_MAX_EXAMPLES=<n>  cases per operation and phase (default from schemathesis.toml)
# Two runs, with the embedded admin token and without a token; reports (JUnit, NDJSON) land in
# ${SCHEMATHESIS_REPORT_DIR:-schemathesis-report}/with-token/ and without-token/, the api log beside them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SCHEMATHESIS="${SCHEMATHESIS:-schemathesis}"
REPORT_DIR="$(realpath -m "${SCHEMATHESIS_REPORT_DIR:-schemathesis-report}")"
mkdir -p "$REPORT_DIR"
DATA_DIR="$(mktemp -d -t safety-fuzz-XXXXXX)"
API_LOG="$REPORT_DIR/api.log"

npx nest build api >"$REPORT_DIR/build.log" 2>&1 || { cat "$REPORT_DIR/build.log"; exit 1; }

# Thousands of requests a minute from one subject: the rate limit (429) is shown by test/e2e/hardening.
RATE_LIMIT_PER_MINUTE=1000000 DATA_DIR="$DATA_DIR" PORT=0 LOG_LEVEL=log LOG_FORMAT=json node dist/apps/api/apps/api/src/main.js >"$API_LOG" 2>&1 &
API_PID=$!
cleanup() {
  kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

PORT=""
for _ in $(seq 1 100); do
  PORT="$(grep -ao '"listening on :[0-9]*' "$API_LOG" | grep -o '[0-9]*$' || true)"
  [ -n "$PORT" ] && break
  kill -0 "$API_PID" 2>/dev/null || { echo "api exited:"; cat "$API_LOG"; exit 1; }
  sleep 0.2
done
[ -n "$PORT" ] || { echo "api did not start:"; tail -20 "$API_LOG"; exit 1; }
BASE="http://127.0.0.1:$PORT"
echo "api on $BASE (log: $API_LOG)"

args=(--config-file test/fuzz/schemathesis.toml run "$BASE/api/v1/openapi.json" --url "$BASE"
  --phases examples,coverage,fuzzing,stateful --mode all
  --workers "${SCHEMATHESIS_WORKERS:-1}")
[ -n "${SCHEMATHESIS_SEED:-}" ] && args+=(--seed "$SCHEMATHESIS_SEED")
[ -n "${SCHEMATHESIS_MAX_EXAMPLES:-}" ] && args+=(--max-examples "$SCHEMATHESIS_MAX_EXAMPLES")

status=0
run() { # <report subdirectory> [schemathesis options]
  local dir="$REPORT_DIR/$1"; shift
  mkdir -p "$dir"
  # Schemathesis closes with a pytest-style banner ("==== 2 warnings in 196.83s ===="), which a CI
  # reader takes for a pytest run that executed no test; it is reworded, and its counts stay in the
  # "N generated, N passed" line and the JUnit report.
  PYTHONPATH="test/fuzz${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=schemathesis_hooks \
    "$SCHEMATHESIS" "${args[@]}" --report junit,ndjson --report-dir "$dir" "$@" 2>&1 \
    | sed -u -E 's/^=+ (.+) in ([0-9.]+)s =+$/-- schemathesis ended after \2 s: \1 --/' || status=$?
}
# Access control (docs/decisions/0220-access-control.md): as the embedded admin, every operation is reachable;
# without a token, every /api/v1 operation must answer 401 as problem details, whatever the request.
echo "== with the embedded admin token"
run with-token -H "Authorization: Bearer $(cat "$DATA_DIR/admin.token")"
echo "== without a token"
SCHEMATHESIS_EXPECT_UNAUTHENTICATED=1 run without-token
# A 5xx is also in the api log with its stack (the response body never carries one).
if grep -aq '"statusCode":5[0-9][0-9]' "$API_LOG"; then
  echo "the api answered 5xx during the run:"; grep -a '"level":"error"' "$API_LOG" | head -5
  status=1
fi
exit "$status"
