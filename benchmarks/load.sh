#!/usr/bin/env bash
# Load benchmark of the business path: N concurrent suppliers submit a bid each for a fresh published tender, then
# revise it in a loop (benchmarks/Procurement.LoadClient), through the gateway (127.0.0.1:5100) and directly at the bid
# service (127.0.0.1:5102), alternating; beside it, pgbench's single-row-insert TPS at the same concurrency on the same
# PostgreSQL (run first, while the suite is idle). Raw results go to .local/bench/load-<UTC time>/; a Markdown summary is printed at the end and kept
# there as summary.md. See benchmarks/README.md.
#
#   benchmarks/load.sh [--suppliers="50 200"] [--rounds=N] [--duration=S] [--warmup=S] [--prime=S]
#                      [--connections=C] [--keep-up]
#
#   --suppliers    concurrency levels: concurrent suppliers (and pgbench clients)              (default "50 200")
#   --rounds       rounds (of pgbench, then of the load client at every level, both targets)  (default 2)
#   --duration     measured seconds per run (and pgbench -T)                                   (default 30)
#   --warmup       unrecorded seconds at the start of each load-client run                     (default 5)
#   --prime        one unrecorded load-client run of this many seconds per target first (JIT)  (default 10)
#   --connections  GrpcChannels of the load client (each opens more HTTP/2 connections if full) (default 4)
#   --keep-up      leave the suite running at the end (it is stopped by default)
#
# The suite must not be running: the script starts it with `scripts/up.sh --no-demo` and the gateway's per-caller rate
# limit raised out of reach (Gateway__RateLimit__PermitLimit=1000000000), and stops it at the end. If PostgreSQL's or
# RabbitMQ's default port (54329, 5673) is taken, PROCUREMENT_PG_PORT=54345 and PROCUREMENT_RABBITMQ_PORT=5695 are used
# (unless set); if one of the suite's own ports (5100-5104, 5180) is taken, the script stops.
set -euo pipefail

LEVELS="50 200"
ROUNDS=2
DURATION=30
WARMUP=5
PRIME=10
CONNECTIONS=4
KEEP_UP=0
for arg in "$@"; do
  case "$arg" in
    --suppliers=*) LEVELS=${arg#*=} ;;
    --rounds=*) ROUNDS=${arg#*=} ;;
    --duration=*) DURATION=${arg#*=} ;;
    --warmup=*) WARMUP=${arg#*=} ;;
    --prime=*) PRIME=${arg#*=} ;;
    --connections=*) CONNECTIONS=${arg#*=} ;;
    --keep-up) KEEP_UP=1 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for n in $LEVELS "$ROUNDS" "$DURATION" "$CONNECTIONS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "suppliers, rounds, duration and connections must be positive integers" >&2; exit 2; }
done
for n in "$WARMUP" "$PRIME"; do [[ $n =~ ^[0-9]+$ ]] || { echo "warm-up and prime must be whole numbers" >&2; exit 2; }; done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
LOCAL=${PROCUREMENT_LOCAL_DIR:-$ROOT/.local}
PGBENCH=${PGBENCH:-/usr/lib/postgresql/15/bin/pgbench}
PSQL=/usr/lib/postgresql/15/bin/psql
CLIENT_PROJECT=benchmarks/Procurement.LoadClient/Procurement.LoadClient.csproj
CLIENT_DLL=$ROOT/benchmarks/Procurement.LoadClient/bin/Release/net10.0/procurement-load.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'load benchmark: FAILED: %s\n' "$*" >&2; exit 1; }
listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

for tool in dotnet ss awk "$PGBENCH" "$PSQL" curl; do command -v "$tool" >/dev/null || fail "$tool is needed"; done
curl -sf --max-time 3 http://127.0.0.1:5180/healthz >/dev/null 2>&1 \
  && fail "a suite is already running (http://127.0.0.1:5180/healthz answers): stop it first (scripts/up.sh stop in its checkout)"
for port in 5100 5101 5102 5103 5104 5180; do
  listening "$port" && fail "port $port is taken; the suite's gRPC and health ports are fixed, so the benchmark cannot run now"
done
if [[ -z ${PROCUREMENT_PG_PORT:-} ]] && listening 54329; then export PROCUREMENT_PG_PORT=54345; fi
if [[ -z ${PROCUREMENT_RABBITMQ_PORT:-} ]] && listening 5673; then export PROCUREMENT_RABBITMQ_PORT=5695; fi
PG_PORT=${PROCUREMENT_PG_PORT:-54329}
for port in "$PG_PORT" "${PROCUREMENT_RABBITMQ_PORT:-5673}"; do
  listening "$port" && fail "port $port (PostgreSQL or RabbitMQ) is taken; set PROCUREMENT_PG_PORT / PROCUREMENT_RABBITMQ_PORT"
done

OUT=$LOCAL/bench/load-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/runs"
RESULTS=$OUT/results.tsv
PGBENCH_RESULTS=$OUT/pgbench.tsv

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

# ---------------------------------------------------------------------------------------------------------------
# The suite, the client, the processes

say "building the load client (Release, warnings as errors)"
dotnet build "$CLIENT_PROJECT" -c Release -warnaserror -nologo >"$OUT/client-build.log" 2>&1 \
  || { tail -n 20 "$OUT/client-build.log" >&2; fail "the load client did not build"; }

say "starting the suite: scripts/up.sh --no-demo (gateway rate limit raised; PostgreSQL on $PG_PORT, RabbitMQ on ${PROCUREMENT_RABBITMQ_PORT:-5673})"
Gateway__RateLimit__PermitLimit=1000000000 scripts/up.sh --no-demo >&2 || fail "scripts/up.sh --no-demo failed (logs: $LOCAL/logs/)"

declare -A PID
for name in gateway bids tenders moderation awards; do
  PID[$name]=$(cat "$LOCAL/run/$name.pid" 2>/dev/null || true)
  [[ -n ${PID[$name]} ]] && kill -0 "${PID[$name]}" 2>/dev/null || fail "no running $name process ($LOCAL/run/$name.pid)"
done
PG_POSTMASTER=$(head -n 1 "$LOCAL/postgres/data/postmaster.pid" 2>/dev/null || true)
PID[rabbitmq]=$(tr -dc 0-9 <"$LOCAL/rabbitmq/rabbitmq.pid" 2>/dev/null || true)
[[ -n $PG_POSTMASTER && -n ${PID[rabbitmq]} ]] || fail "PostgreSQL's postmaster or RabbitMQ's VM not found under $LOCAL"
PID_ARGS=()
for name in gateway bids tenders moderation awards rabbitmq; do PID_ARGS+=("--pid=$name=${PID[$name]}"); done
PID_ARGS+=("--pg-postmaster=$PG_POSTMASTER")

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks' ':!docs' 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) logical CPUs (nproc)"
  echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo ".NET SDK: $(dotnet --version); runtime: $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }') (ASP.NET Core)"
  echo "postgresql: $(/usr/lib/postgresql/15/bin/postgres --version); pgbench: $("$PGBENCH" --version)"
  echo "rabbitmq process: pid ${PID[rabbitmq]} ($(cat "/proc/${PID[rabbitmq]}/comm"))"
  echo "ports: postgres $PG_PORT, rabbitmq ${PROCUREMENT_RABBITMQ_PORT:-5673}"
  echo "settings: levels '$LEVELS', rounds $ROUNDS, duration ${DURATION}s, warm-up ${WARMUP}s, prime ${PRIME}s, connections $CONNECTIONS"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"

# Idle RSS: the suite up and healthy, no call made yet (after 10 s to let start-up settle).
sleep 10
{
  printf 'service\trss_idle_mb\n'
  for name in gateway bids tenders moderation awards rabbitmq; do
    printf '%s\t%s\n' "$name" "$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/${PID[$name]}/status")"
  done
} >"$OUT/idle-rss.tsv"
say "idle RSS (MB): $(awk 'NR > 1 { printf "%s %s  ", $1, $2 }' "$OUT/idle-rss.tsv")"

# ---------------------------------------------------------------------------------------------------------------
# pgbench: one row inserted per transaction into a scratch table of a scratch database on the same PostgreSQL

psql_run() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_run -d postgres -c 'DROP DATABASE IF EXISTS load_scratch' -c 'CREATE DATABASE load_scratch' >/dev/null
psql_run -d load_scratch -c 'CREATE TABLE bid_like (id bigserial PRIMARY KEY, supplier int NOT NULL, received_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)' >/dev/null
cat >"$OUT/pgbench-insert.sql" <<'SQL'
INSERT INTO bid_like (supplier, payload) VALUES (:client_id, 'a bid-sized row: one insert, one index entry, one commit');
SQL
printf 'clients\tround\ttps\tlatency_ms\n' >"$PGBENCH_RESULTS"
pgbench_run() { # clients round
  local out=$OUT/runs/pgbench-$1-$2.out
  "$PGBENCH" -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -f "$OUT/pgbench-insert.sql" -c "$1" -j 2 -T "$DURATION" load_scratch >"$out" 2>&1 \
    || { tail -n 5 "$out" >&2; fail "pgbench failed ($out)"; }
  local tps latency
  tps=$(awk '/^tps = / { print $3; exit }' "$out"); latency=$(awk '/^latency average = / { print $4; exit }' "$out")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$tps" "$latency" >>"$PGBENCH_RESULTS"
  printf '   pgbench   %4s clients   round %s: %8.0f TPS, %s ms average\n' "$1" "$2" "$tps" "$latency" >&2
}

# ---------------------------------------------------------------------------------------------------------------
# Load-client runs

client_run() { # target suppliers round seconds warmup results
  local target=$1 suppliers=$2 round=$3 address
  case $target in gateway) address=http://127.0.0.1:5100 ;; direct) address=http://127.0.0.1:5102 ;; esac
  local log=$OUT/runs/$target-$suppliers-$round.log
  timeout $(($4 + $5 + 300)) dotnet "$CLIENT_DLL" --address="$address" --target="$target" --suppliers="$suppliers" --round="$round" \
    --duration="$4" --warmup="$5" --connections="$CONNECTIONS" "${PID_ARGS[@]}" --results="$6" >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; fail "the load client failed ($log)"; }
  for name in gateway bids tenders; do kill -0 "${PID[$name]}" 2>/dev/null || fail "$name stopped during $target-$suppliers-$round"; done
  tail -n 1 "$log" | tr ' ' '\n' | grep -E '^(bids_per_s|p50_ms|p99_ms|errors_window)=' | tr '\n' ' ' | sed "s/^/   $target $suppliers suppliers round $round: /" >&2
  echo >&2
}

# pgbench first, for every level and round, while the suite is idle: once the load client has run, the services'
# connection pools hold up to 100 connections each and pgbench's 200 would pass PostgreSQL's max_connections (300).
say "pgbench: one-row inserts, -j 2 -T $DURATION, $ROUNDS rounds per level (suite idle; $(psql_run -d postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'") client connections open)"
for ((r = 1; r <= ROUNDS; r++)); do for level in $LEVELS; do pgbench_run "$level" "$r"; done; done

if ((PRIME > 0)); then
  say "priming: one unrecorded ${PRIME}s run per target at ${LEVELS%% *} suppliers (JIT, pools, caches)"
  for target in gateway direct; do client_run "$target" "${LEVELS%% *}" 1 "$PRIME" 2 "$OUT/prime.tsv"; done
fi
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r of $ROUNDS"
  for level in $LEVELS; do
    # Gateway first in odd rounds, direct first in even ones.
    if ((r % 2)); then order="gateway direct"; else order="direct gateway"; fi
    for target in $order; do client_run "$target" "$level" "$r" "$DURATION" "$WARMUP" "$RESULTS"; done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
# How the bid service's log looks after the runs: warnings and errors by message template.
grep -aE '"LogLevel":"(Warning|Error|Critical)"' "$LOCAL/logs/bids.log" | grep -ao '"Message":"[^"]\{0,120\}' | sort | uniq -c | sort -rn | head -n 20 \
  >"$OUT/bids-warnings.txt" || true

# ---------------------------------------------------------------------------------------------------------------
# Summary: medians over the rounds

summary() {
  echo "## Bid submissions under load: results"
  echo
  echo "$ROUNDS rounds of ${DURATION} s per target and level (after ${WARMUP} s unrecorded), medians over the rounds; each supplier"
  echo "submits one bid for a fresh tender, then revises it back to back. pgbench: one-row INSERT per transaction, -c N -j 2 -T $DURATION."
  echo
  awk -F'\t' -v pgfile="$PGBENCH_RESULTS" -v idlefile="$OUT/idle-rss.tsv" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function hi(list,   n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]; return m }
    BEGIN {
      while ((getline line < pgfile) > 0) { split(line, f, "\t"); if (f[1] != "clients") { tps[f[1]] = tps[f[1]] " " f[3]; levels[f[1]] = 1 } }
      while ((getline line < idlefile) > 0) { split(line, f, "\t"); if (f[1] != "service") idle[f[1]] = f[2] }
    }
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
      k = $col["target"] SUBSEP $col["suppliers"]; seen[k] = 1
      split("bids_per_s p50_ms p95_ms p99_ms cpu_gateway cpu_bids cpu_tenders cpu_postgres cpu_rabbitmq cpu_client cpu_moderation cpu_awards machine_busy", names, " ")
      for (n in names) v[k, names[n]] = v[k, names[n]] " " $col[names[n]]
      errs[k] = errs[k] (errs[k] == "" ? "" : "; ") $col["errors_window"]
      fb50[k] = fb50[k] " " $col["first_bids_p50_ms"]; fb99[k] = fb99[k] " " $col["first_bids_p99_ms"]; fball[k] = fball[k] " " $col["first_bids_all_in_s"]
      split("gateway bids tenders moderation awards rabbitmq", svcs, " ")
      for (s in svcs) peak[svcs[s]] = peak[svcs[s]] " " $col["rss_peak_" svcs[s]]
    }
    END {
      print "| target | suppliers | bids/s | p50 | p95 | p99 | pgbench TPS | bids/s ÷ TPS | CPU: gateway | bid svc | tender svc | PostgreSQL | RabbitMQ | client | machine busy | errors (per round) |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
      nl = split("'"$LEVELS"'", lv, " ")
      for (l = 1; l <= nl; l++) for (t = 1; t <= 2; t++) {
        target = (t == 1 ? "gateway" : "direct"); k = target SUBSEP lv[l]
        if (!(k in seen)) continue
        ref = median(tps[lv[l]]); b = median(v[k, "bids_per_s"])
        printf "| %s | %s | %.0f | %.1f ms | %.1f ms | %.1f ms | %.0f | %.3f | %s%% | %s%% | %s%% | %s%% | %s%% | %s%% | %s%% | %s |\n",
          target, lv[l], b, median(v[k, "p50_ms"]), median(v[k, "p95_ms"]), median(v[k, "p99_ms"]), ref, (ref > 0 ? b / ref : 0),
          median(v[k, "cpu_gateway"]), median(v[k, "cpu_bids"]), median(v[k, "cpu_tenders"]), median(v[k, "cpu_postgres"]),
          median(v[k, "cpu_rabbitmq"]), median(v[k, "cpu_client"]), median(v[k, "machine_busy"]), errs[k]
      }
      print ""
      print "First bids: at the start of each run every supplier submits its bid at once (one SubmitBid each, in the warm-up):"
      print ""
      print "| target | suppliers | SubmitBid p50 | SubmitBid p99 | all bids in after |"
      print "|---|---:|---:|---:|---:|"
      for (l = 1; l <= nl; l++) for (t = 1; t <= 2; t++) {
        target = (t == 1 ? "gateway" : "direct"); k = target SUBSEP lv[l]
        if (!(k in seen)) continue
        printf "| %s | %s | %.0f ms | %.0f ms | %.2f s |\n", target, lv[l], median(fb50[k]), median(fb99[k]), median(fball[k])
      }
      print ""
      print "| service | RSS idle (after start, no call yet) | RSS peak (highest sample, any run) |"
      print "|---|---:|---:|"
      split("gateway bids tenders moderation awards rabbitmq", svcs, " ")
      for (s = 1; s <= 6; s++) printf "| %s | %s MB | %s MB |\n", svcs[s], idle[svcs[s]], hi(peak[svcs[s]])
    }' "$RESULTS"
  echo
  echo "CPU: % of one CPU over the measured window (the machine has $(nproc): $(( $(nproc) * 100 ))% is all of it); PostgreSQL is the"
  echo "postmaster and all its backends. RSS sampled every 200 ms (VmRSS). Errors: gRPC status:count of calls in the window."
}
summary | tee "$OUT/summary.md"
ln -sfn "$(basename "$OUT")" "$LOCAL/bench/load-latest"
{ echo; echo "Raw results: $OUT (results.tsv, pgbench.tsv, idle-rss.tsv, runs/, machine.txt)"; } >&2
