#!/usr/bin/env bash
# Page benchmark of the web portal: N people signed in at once (default: 1, then 50), each asking for the same page again and
# again, for the two busiest pages: the tender list (/tenders, as the demo's people in turn) and the chair's score
# matrix (/evaluations/<Kent's evaluation>/scores, as Kate Chair). It reports the portal's own time per page (its
# Server-Timing header: from the request's arrival to its answer starting, the gateway calls included) and the time
# the client saw, as percentiles. benchmarks/Procurement.PortalLoad is the client. See benchmarks/README.md.
#
#   benchmarks/portal.sh [--users="1 50"] [--duration=S] [--warmup=S] [--rounds=N] [--keep-up]
#
# The suite must not be running: the script starts it with `scripts/up.sh` (which runs the Kent + Essex demo, so both
# pages have their data) and the gateway's per-caller rate limit raised out of reach, and stops it at the end.
set -euo pipefail

USERS="1 50"
DURATION=30
WARMUP=5
ROUNDS=2
KEEP_UP=0
for arg in "$@"; do
  case "$arg" in
    --users=*) USERS=${arg#*=} ;;
    --duration=*) DURATION=${arg#*=} ;;
    --warmup=*) WARMUP=${arg#*=} ;;
    --rounds=*) ROUNDS=${arg#*=} ;;
    --keep-up) KEEP_UP=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "portal benchmark: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
LOCAL=${PROCUREMENT_LOCAL_DIR:-$ROOT/.local}
CLIENT_PROJECT=benchmarks/Procurement.PortalLoad/Procurement.PortalLoad.csproj
CLIENT_DLL=$ROOT/benchmarks/Procurement.PortalLoad/bin/Release/net10.0/procurement-portal-load.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'portal benchmark: FAILED: %s\n' "$*" >&2; exit 1; }

curl -sf --max-time 3 http://127.0.0.1:5180/healthz >/dev/null 2>&1 \
  && fail "a suite is already running (http://127.0.0.1:5180/healthz answers): stop it first (scripts/up.sh stop in its checkout)"

OUT=$LOCAL/bench/portal-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
cleanup() {
  local status=$?
  trap - EXIT
  if ((KEEP_UP)); then say "the suite is left running (--keep-up): scripts/up.sh stop"
  else scripts/up.sh stop >&2 || true
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the portal load client (Release, warnings as errors)"
dotnet build "$CLIENT_PROJECT" -c Release -warnaserror -nologo >"$OUT/client-build.log" 2>&1 \
  || { tail -n 20 "$OUT/client-build.log" >&2; fail "the portal load client did not build"; }
say "starting the suite and running the demo: scripts/up.sh (gateway rate limit raised)"
Gateway__RateLimit__PermitLimit=1000000000 scripts/up.sh >"$OUT/up.log" 2>&1 || { tail -n 20 "$OUT/up.log" >&2; fail "scripts/up.sh failed"; }

for round in $(seq 1 "$ROUNDS"); do
  for users in $USERS; do
    for page in tenders scores; do
      say "round $round: $page, $users users, ${DURATION}s (+${WARMUP}s warm-up)"
      dotnet "$CLIENT_DLL" --page "$page" --users "$users" --duration "$DURATION" --warmup "$WARMUP" | tee -a "$OUT/results.txt"
    done
  done
done

{
  echo "| round | page | users | requests/s | portal p50 ms | portal p95 ms | client p50 ms | client p95 ms | errors |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         round[v["page"] v["users"]]++
         printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", round[v["page"] v["users"]], v["page"], v["users"], v["rps"], v["server_p50"], v["server_p95"], v["client_p50"], v["client_p95"], v["errors"] }' "$OUT/results.txt"
} | tee "$OUT/summary.md"
say "results: $OUT"
