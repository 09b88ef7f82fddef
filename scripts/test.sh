#!/usr/bin/env bash
# The project's test command: installs the Debian packages it needs when missing, starts the local infrastructure, builds the solution with warnings
# as errors, runs every test project, and ends with the line
#     tests: N passed, M failed
# Exit status is 0 only when the build and `dotnet test` succeeded, M == 0 and N > 0.
#
# usage: scripts/test.sh [extra `dotnet test` arguments, e.g. --filter "FullyQualifiedName~Orders"]
#   (don't pass --results-directory or another trx logger: results are collected from each test
#    project's TestResults/procurement.trx and copied to .local/test-results/)
# environment:
#   PROCUREMENT_SOLUTION           solution to build/test (default Procurement.sln, else Procurement.slnx)
#   PROCUREMENT_TEST_HANG_TIMEOUT  blame-hang timeout per test host (default 10m)
#   PROCUREMENT_INFRA_STOP=1       stop the local infrastructure when done (.ci/run sets it)
#   CI                             when set: no MSBuild node reuse; build servers shut down at the end
#   and scripts/infra.sh's PROCUREMENT_* port settings.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

RESULTS=$ROOT/.local/test-results
TRX_NAME=procurement.trx
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ -n "${CI:-}" ]]; then
  # No MSBuild worker nodes outliving the build in CI.
  export MSBUILDDISABLENODEREUSE=1
fi

passed=0 failed=0 skipped=0
problems=()

step() { printf '\n==> %s\n' "$*"; }

finish() {
  if [[ "${PROCUREMENT_INFRA_STOP:-0}" == 1 ]]; then
    step "stopping local infrastructure"
    scripts/infra.sh stop || problems+=("scripts/infra.sh stop failed")
  fi
  if [[ -n "${CI:-}" ]]; then
    # No compiler server outliving the run (it is shared by every build of this user: CI only).
    dotnet build-server shutdown >/dev/null 2>&1 || true
  fi
  ((passed > 0)) || problems+=("no test passed (none ran?)")
  ((failed == 0)) || problems+=("$failed test(s) failed")
  echo
  if ((${#problems[@]})); then
    local p
    for p in "${problems[@]}"; do echo "test.sh: FAILED: $p"; done
  else
    echo "test.sh: OK"
  fi
  ((skipped == 0)) || echo "test.sh: $skipped test(s) skipped"
  echo "tests: $passed passed, $failed failed"
  if ((${#problems[@]})); then exit 1; fi
  exit 0
}

# ---------------------------------------------------------------------------------------------
step "Debian packages the tests need (scripts/install-deps.sh: apt-get only for what is missing)"
if ! scripts/install-deps.sh; then
  problems+=("scripts/install-deps.sh failed (run it as root, or with sudo available)")
  finish
fi

step "starting local PostgreSQL and RabbitMQ (scripts/infra.sh)"
if ! scripts/infra.sh start; then
  problems+=("local infrastructure did not start")
  finish
fi
eval "$(scripts/infra.sh env)"
echo "PROCUREMENT_PG=$PROCUREMENT_PG"
echo "PROCUREMENT_RABBITMQ=$PROCUREMENT_RABBITMQ"

INTEROP_JS=tests/Interop/grpc-js
if [[ -f "$INTEROP_JS/package.json" ]]; then
  step "npm dependencies for $INTEROP_JS"
  if [[ -f "$INTEROP_JS/package-lock.json" ]]; then npm_cmd=(npm ci); else npm_cmd=(npm install); fi
  if ! (cd "$INTEROP_JS" && "${npm_cmd[@]}" --no-audit --no-fund --loglevel=error); then
    problems+=("${npm_cmd[*]} in $INTEROP_JS failed")
    finish
  fi
fi

SOLUTION=${PROCUREMENT_SOLUTION:-}
if [[ -z "$SOLUTION" ]]; then
  if [[ -f Procurement.sln ]]; then SOLUTION=Procurement.sln; else SOLUTION=Procurement.slnx; fi
fi
if [[ ! -f "$SOLUTION" ]]; then
  problems+=("solution $SOLUTION not found")
  finish
fi

mkdir -p "$RESULTS"
step "dotnet build $SOLUTION -c Release -warnaserror"
dotnet build "$SOLUTION" -c Release -warnaserror 2>&1 | tee "$RESULTS/build.log"
if ((PIPESTATUS[0] != 0)); then
  echo
  echo "----- build errors (full log: .local/test-results/build.log) -----"
  grep -E ': (error|warning) [A-Z]+[0-9]+' "$RESULTS/build.log" | sed -E 's/ \[[^]]*\.csproj\]$//' | sort -u | tail -n 40
  problems+=("build failed")
  finish
fi

# Each test project writes TestResults/procurement.trx in its own folder (no name clashes when
# projects run in parallel); stale ones are removed first.
find_trx() {
  find "$ROOT" -path "$ROOT/.local" -prune -o -name node_modules -prune -o \
    -path '*/TestResults/*' -name "$TRX_NAME" -type f -print
}
find_trx | xargs -r rm -f
rm -rf "$RESULTS/trx"
mkdir -p "$RESULTS/trx"

step "dotnet test $SOLUTION -c Release --no-build $*"
dotnet test "$SOLUTION" -c Release --no-build \
  --logger "trx;LogFileName=$TRX_NAME" \
  --blame-hang-timeout "${PROCUREMENT_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type mini \
  "$@"
test_rc=$?
((test_rc == 0)) || problems+=("dotnet test exited with $test_rc")

while IFS= read -r trx; do
  project=$(basename "$(dirname "$(dirname "$trx")")")
  cp "$trx" "$RESULTS/trx/$project.trx"
done < <(find_trx)

step "results (.local/test-results/trx)"
if counts=$(python3 scripts/trx_summary.py "$RESULTS/trx"); then
  read -r passed failed skipped <<<"$counts"
else
  problems+=("could not read the test results")
fi

# The grpc-js peer's own self-tests (node's test runner): they check the peer itself, so that a failing
# case against the suite points at the suite, not at the peer.
if [[ -f "$INTEROP_JS/package.json" ]]; then
  step "npm test in $INTEROP_JS"
  (cd "$INTEROP_JS" && npm test --silent) > "$RESULTS/npm-test.log" 2>&1
  npm_rc=$?
  tail -n 9 "$RESULTS/npm-test.log"
  js_pass=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$RESULTS/npm-test.log" | tail -n 1)
  js_fail=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$RESULTS/npm-test.log" | tail -n 1)
  if [[ -z "$js_pass" || -z "$js_fail" ]]; then
    problems+=("npm test in $INTEROP_JS printed no counts (log: .local/test-results/npm-test.log)")
  else
    passed=$((passed + js_pass))
    failed=$((failed + js_fail))
    ((npm_rc == 0)) || ((js_fail > 0)) || problems+=("npm test in $INTEROP_JS exited with $npm_rc")
  fi
fi
finish
