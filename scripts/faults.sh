#!/usr/bin/env bash
# The long fault run (issue 14): every fault in both phases, with bigger bursts, on a suite of the run's own — the four
# services and the gateway as separate processes on free loopback ports, a private PostgreSQL and RabbitMQ node (see
# tests/Procurement.Faults.Tests). Faults: kill -9 of each service and of the gateway, RabbitMQ stopped (stop_app) and
# killed (kill -9 of its VM), PostgreSQL restarted; each during a burst of submissions and during event consumption
# (tenders closing, bids opening, evaluations beginning). After each, the invariants are read from the services' own
# databases. The table goes to .local/faults/<UTC time>/summary.md (printed at the end), with one log per process.
#
#   scripts/faults.sh [--suppliers=N] [--tenders=N] [--arrivals=S]
#
#   --suppliers  suppliers per case; each bids for every tender of the case   (default 100)
#   --tenders    tenders per case (two lots each)                             (default 4)
#   --arrivals   seconds over which the suppliers arrive, in waves           (default 10)
#
# The short run (five faults and a check of the checks) is the ShortFaultTests class, part of scripts/test.sh and CI.
# Needs PostgreSQL 15 and RabbitMQ from Debian's packages (scripts/install-deps.sh servers) and the .NET 10 SDK; uses
# none of scripts/infra.sh's or scripts/up.sh's ports, so it can run beside them.
set -euo pipefail

SUPPLIERS=100
TENDERS=4
ARRIVALS=10
for arg in "$@"; do
  case "$arg" in
    --suppliers=*) SUPPLIERS=${arg#*=} ;;
    --tenders=*) TENDERS=${arg#*=} ;;
    --arrivals=*) ARRIVALS=${arg#*=} ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$SUPPLIERS" "$TENDERS" "$ARRIVALS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "suppliers, tenders and arrivals must be positive integers" >&2; exit 2; }
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
OUT=${PROCUREMENT_LOCAL_DIR:-$ROOT/.local}/faults/$(date -u +%Y%m%dT%H%M%SZ)-long
mkdir -p "$OUT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "building the fault suite and the services it starts (Release, warnings as errors)"
dotnet build tests/Procurement.Faults.Tests -c Release -warnaserror -nologo >"$OUT/build.log" 2>&1 \
  || { grep -E ': (error|warning) ' "$OUT/build.log" | sort -u | tail -n 20 >&2; echo "faults: the build failed ($OUT/build.log)" >&2; exit 1; }

{
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- machine: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) logical CPUs, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); $(. /etc/os-release && echo "$PRETTY_NAME"); .NET SDK $(dotnet --version)"
} >"$OUT/machine.md"

say "the long run: $SUPPLIERS suppliers x $TENDERS tenders per case, arriving over $ARRIVALS s (results in $OUT)"
started=$SECONDS
set +e
PROCUREMENT_FAULTS=long PROCUREMENT_FAULTS_OUT=$OUT PROCUREMENT_FAULTS_SUPPLIERS=$SUPPLIERS PROCUREMENT_FAULTS_TENDERS=$TENDERS \
  PROCUREMENT_FAULTS_ARRIVAL_SECONDS=$ARRIVALS \
  dotnet test tests/Procurement.Faults.Tests -c Release --no-build --filter "FullyQualifiedName~LongFaultRun" \
  --logger "console;verbosity=normal" --blame-hang-timeout 60m 2>&1 | tee "$OUT/test.log"
rc=${PIPESTATUS[0]}
set -e
echo "- run time: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s" >>"$OUT/machine.md"

if [[ -f $OUT/summary.md ]]; then
  cat "$OUT/machine.md" >>"$OUT/summary.md"
  echo
  cat "$OUT/summary.md"
else
  echo "faults: no summary was written (see $OUT/test.log)" >&2
fi
((rc == 0)) && echo "faults: every case held every invariant ($OUT/summary.md)" || echo "faults: FAILED (dotnet test exited $rc; $OUT/summary.md)"
exit "$rc"
