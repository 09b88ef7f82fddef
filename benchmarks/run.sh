#!/usr/bin/env bash
# Read-path benchmark of the running suite: GetTender and ListTenders, each through the gateway (127.0.0.1:5100)
# and directly at the tender service (127.0.0.1:5101), with h2load sending raw gRPC unary calls. Runs alternate
# gateway, direct, gateway, direct, … Raw results go to .local/bench/<run>/ (.local/bench/latest is the last run);
# a Markdown summary is printed at the end. See benchmarks/README.md.
#
#   benchmarks/run.sh [--rounds=N] [--duration=S] [--warmup=S] [--prime=S]
#                     [--connections=C] [--streams=M] [--tenders=N] [--quiet-wait=S] [--keep-up]
#
#   --rounds       rounds per target and load shape                                      (default 3)
#   --duration     measured seconds per run (h2load -D)                                  (default 10)
#   --warmup       an unrecorded run of this many seconds just before each measured run  (default 2)
#   --prime        one unrecorded run of this many seconds per target before measuring   (default 5)
#   --connections  connections of the concurrent load shape (h2load -c)                  (default 4)
#   --streams      streams per connection of the concurrent load shape (h2load -m)       (default 16)
#   --tenders      benchmark tenders to have (half published, half drafts)               (default 20)
#   --quiet-wait   before each run, wait up to this long for the machine to be less than
#                  QUIET_BUSY % (default 25) busy; then measure anyway (it is recorded)    (default 30)
#   --keep-up      leave the suite running if this script started it
#
# The suite: if http://127.0.0.1:5180/healthz answers, the running suite is used; otherwise the script starts it
# with `scripts/up.sh --no-demo`, with the gateway's per-caller rate limit raised (see below), and stops it at the
# end. The same settings can be given as environment variables: ROUNDS, DURATION, WARMUP, PRIME, CONNECTIONS,
# STREAMS, TENDERS, QUIET_WAIT, QUIET_BUSY, H2LOAD.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
PRIME=${PRIME:-5}
CONNECTIONS=${CONNECTIONS:-4}
STREAMS=${STREAMS:-16}
TENDERS=${TENDERS:-20}
QUIET_WAIT=${QUIET_WAIT:-30}
QUIET_BUSY=${QUIET_BUSY:-25}
H2LOAD=${H2LOAD:-h2load}
KEEP_UP=0
# The gateway allows each caller a few thousand calls a minute (Gateway:RateLimit); a benchmark makes far more. The suite this
# script starts gets a limit no run can reach, so the limiter still runs on every call but refuses none.
BENCH_PERMIT_LIMIT=1000000000

for arg in "$@"; do
  case "$arg" in
    --rounds=*) ROUNDS=${arg#*=} ;;
    --duration=*) DURATION=${arg#*=} ;;
    --warmup=*) WARMUP=${arg#*=} ;;
    --prime=*) PRIME=${arg#*=} ;;
    --connections=*) CONNECTIONS=${arg#*=} ;;
    --streams=*) STREAMS=${arg#*=} ;;
    --tenders=*) TENDERS=${arg#*=} ;;
    --quiet-wait=*) QUIET_WAIT=${arg#*=} ;;
    --keep-up) KEEP_UP=1 ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$ROUNDS" "$DURATION" "$WARMUP" "$CONNECTIONS" "$STREAMS" "$TENDERS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "rounds, duration, warm-up, connections, streams and tenders must be positive integers" >&2; exit 2; }
done
for n in "$PRIME" "$QUIET_WAIT" "$QUIET_BUSY"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "prime, quiet-wait and QUIET_BUSY must be whole numbers" >&2; exit 2; }
done
((TENDERS >= 2 && TENDERS <= 50)) || { echo "--tenders must be between 2 and 50 (one ListTenders page)" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
LOCAL=${PROCUREMENT_LOCAL_DIR:-$ROOT/.local}
GATEWAY=127.0.0.1:5100
DIRECT=127.0.0.1:5101
HEALTHZ=http://127.0.0.1:5180/healthz
GATEWAY_DLL=$ROOT/gateway/Procurement.Gateway/bin/Release/net10.0/Procurement.Gateway.dll
CLI_DLL=$ROOT/cli/Procurement.Cli/bin/Release/net10.0/procurement.dll
SERVICE=procurement.tender.v1.TenderService
SUBJECT=p-bench
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'benchmark: FAILED: %s\n' "$*" >&2; exit 1; }

for tool in "$H2LOAD" curl dotnet awk /usr/bin/time; do
  command -v "$tool" >/dev/null || fail "missing tool: $tool (h2load: apt-get install -y nghttp2-client; /usr/bin/time: apt-get install -y time)"
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$LOCAL/bench/$STAMP
mkdir -p "$OUT/runs" "$OUT/sample"
ln -sfn "$STAMP" "$LOCAL/bench/latest"
RESULTS=$OUT/results.tsv
say "raw results: $OUT"

# ---------------------------------------------------------------------------------------------------------------
# The suite

STARTED=0
cleanup() {
  local status=$?
  if ((STARTED && !KEEP_UP)); then
    say "stopping the suite this script started (scripts/up.sh stop)"
    scripts/up.sh stop >&2 || true
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -sf --max-time 3 "$HEALTHZ" >/dev/null 2>&1; then
  say "the suite is already up ($HEALTHZ answers); using it as it is"
  echo "suite: already running when the benchmark started (its settings, e.g. Gateway:RateLimit, are its own)" >"$OUT/suite.txt"
else
  say "starting the suite: scripts/up.sh --no-demo (gateway rate limit raised to $BENCH_PERMIT_LIMIT calls per window)"
  STARTED=1
  Gateway__RateLimit__PermitLimit=$BENCH_PERMIT_LIMIT scripts/up.sh --no-demo >&2 || fail "scripts/up.sh --no-demo failed (logs: $LOCAL/logs/)"
  echo "suite: started by the benchmark with scripts/up.sh --no-demo, Gateway__RateLimit__PermitLimit=$BENCH_PERMIT_LIMIT" >"$OUT/suite.txt"
fi
for name in gateway tenders; do
  pid=$(cat "$LOCAL/run/$name.pid" 2>/dev/null || true)
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || fail "no running $name process in $LOCAL/run/$name.pid (is the suite up from this checkout?)"
  printf -v "PID_${name^^}" '%s' "$pid"
done
PG_POSTMASTER=$(head -n 1 "$LOCAL/postgres/data/postmaster.pid" 2>/dev/null || true)
[[ -f $GATEWAY_DLL && -f $CLI_DLL ]] || fail "the Release build of the gateway and the CLI is missing (scripts/up.sh makes it)"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks' ':!docs' 2>/dev/null || echo ' (with uncommitted changes)')" >>"$OUT/suite.txt"

# ---------------------------------------------------------------------------------------------------------------
# Token and data

# A development token (the public development key) for a procurement officer of 7F Commercial, valid long enough for
# the whole run: development tokens are checked against the real clock, even when the suite's clock was moved.
HOURS=$(( (ROUNDS * 8 * (DURATION + WARMUP + QUIET_WAIT + 10) + 4 * PRIME + 600) / 3600 + 1 ))
((HOURS <= 24)) || fail "the run would outlast a development token (24 h at most); use fewer or shorter rounds"
TOKEN=$(dotnet "$GATEWAY_DLL" issue-token --development --sub "$SUBJECT" --name "Benchmark Officer" \
          --org 7f-commercial --role procurement_officer --hours "$HOURS" 2>/dev/null) || fail "issue-token failed"
[[ $TOKEN == *.*.* ]] || fail "issue-token printed no token"

export PROCUREMENT_HOME=$LOCAL/bench/cli PROCUREMENT_GATEWAY=http://$GATEWAY
unset PROCUREMENT_PROFILE
cli() { timeout 60 dotnet "$CLI_DLL" --no-color --as bench "$@"; }
timeout 60 dotnet "$CLI_DLL" --no-color login bench --development --sub "$SUBJECT" --name "Benchmark Officer" \
  --org 7f-commercial --role procurement_officer >/dev/null || fail "procurement login failed"

say "seeding: $TENDERS benchmark tenders (reference 7F-BENCH-nnn, every other one published)"
have=$(cli tender list --text 7F-BENCH- -q | wc -l)
if ((have < TENDERS)); then
  template=$ROOT/demo/kent-essex/tender.yaml
  for ((i = have + 1; i <= TENDERS; i++)); do
    file=$OUT/sample/tender-$i.yaml
    sed -e "s/^reference: .*/reference: 7F-BENCH-$(printf '%03d' "$i")/" \
        -e "s/^title: .*/title: Benchmark tender $i (victims' advocacy and support)/" "$template" >"$file"
    id=$(cli tender create --file "$file" -q --clarification-deadline +14d --submission-deadline +30d --contract-start +120d) \
      || fail "procurement tender create failed for tender $i"
    if ((i % 2 == 1)); then cli tender publish "$id" >/dev/null || fail "procurement tender publish $id failed"; fi
  done
fi
TENDER_ID=$(cli tender list --text 7F-BENCH- --status PUBLISHED -q | head -n 1)
[[ $TENDER_ID =~ ^[0-9a-f-]{36}$ ]] || fail "no published benchmark tender to read (got '$TENDER_ID')"
VISIBLE=$(cli tender list -q | wc -l)
echo "tenders visible to the benchmark's caller: $VISIBLE (ListTenders returns up to 50); GetTender reads $TENDER_ID" >>"$OUT/suite.txt"

# Request bodies: the 5-byte gRPC prefix (not compressed, big-endian length) and the serialized request.
# GetTenderRequest { tender_id = 1 }: tag 0x0a, length, UTF-8. ListTendersRequest {}: zero bytes (page size 50).
hex() { printf '\\x%02x' "$@"; }
printf "$(hex 0 0 0 0 38 10 36)%s" "$TENDER_ID" >"$OUT/get-tender.bin"
printf "$(hex 0 0 0 0 0)" >"$OUT/list-tenders.bin"
[[ $(stat -c %s "$OUT/get-tender.bin") == 43 && $(stat -c %s "$OUT/list-tenders.bin") == 5 ]] || fail "request bodies have the wrong size"

# ---------------------------------------------------------------------------------------------------------------
# Sample calls with curl: grpc-status 0 in the trailers, a message in the body, the same answer both ways.

declare -A EXPECTED_BYTES
sample() { # method address tag → fails unless grpc-status 0; records the response size
  local method=$1 address=$2 tag=$3 body=$4
  local trace=$OUT/sample/$tag.headers response=$OUT/sample/$tag.body
  curl -sS --http2-prior-knowledge --max-time 10 -X POST "http://$address/$SERVICE/$method" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $TOKEN" \
    --data-binary "@$body" -D "$trace" -o "$response" 2>"$OUT/sample/$tag.err" \
    || fail "sample $method at $address: curl failed: $(cat "$OUT/sample/$tag.err")"
  local status; status=$(tr -d '\r' <"$trace" | awk -F': *' 'tolower($1) == "grpc-status" { s = $2 } END { print s }')
  [[ $status == 0 ]] || fail "sample $method at $address ended grpc-status '${status:-none}': $(tr -d '\r' <"$trace" | grep -i '^grpc-message' || true)"
  local size; size=$(stat -c %s "$response")
  ((size > 5)) || fail "sample $method at $address: grpc-status 0 but no message in the body"
  # The 5-byte prefix must announce exactly the rest of the body (one uncompressed message).
  local announced; announced=$(od -An -tu1 -j1 -N4 "$response" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
  ((announced + 5 == size)) || fail "sample $method at $address: the body is not one gRPC message ($size bytes, $announced announced)"
  echo "$tag: grpc-status 0, $size response bytes" >>"$OUT/sample/summary.txt"
  EXPECTED_BYTES[$tag]=$size
}
check_samples() {
  sample GetTender "$GATEWAY" get-gateway "$OUT/get-tender.bin"
  sample GetTender "$DIRECT" get-direct "$OUT/get-tender.bin"
  sample ListTenders "$GATEWAY" list-gateway "$OUT/list-tenders.bin"
  sample ListTenders "$DIRECT" list-direct "$OUT/list-tenders.bin"
  grep -aq "$TENDER_ID" "$OUT/sample/get-direct.body" || fail "GetTender's answer does not carry the tender's id"
  cmp -s "$OUT/sample/get-gateway.body" "$OUT/sample/get-direct.body" || fail "GetTender answers differ between the gateway and the service"
  cmp -s "$OUT/sample/list-gateway.body" "$OUT/sample/list-direct.body" || fail "ListTenders answers differ between the gateway and the service"
}
say "sample calls (curl, real gRPC framing and trailers)"
check_samples
cat "$OUT/sample/summary.txt" >&2

# ---------------------------------------------------------------------------------------------------------------
# Machine

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) logical CPUs (nproc)"
  echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo ".NET SDK: $(dotnet --version); runtime: $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }') (ASP.NET Core)"
  echo "h2load: $("$H2LOAD" --version 2>&1 | head -n 1)"
  echo "postgresql: $(/usr/lib/postgresql/15/bin/postgres --version 2>/dev/null || echo unknown)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"

# ---------------------------------------------------------------------------------------------------------------
# Runs

cpu_ticks() { # pid… → utime+stime of those processes, in clock ticks (gone processes count 0)
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
postgres_pids() { [[ -n $PG_POSTMASTER ]] && { echo "$PG_POSTMASTER"; ps -o pid= --ppid "$PG_POSTMASTER"; } || true; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat; }
busy_percent() { # how busy all CPUs were over the next second, in % of all of them
  local b0 a0 b1 a1
  read -r b0 a0 < <(machine_ticks); sleep 1; read -r b1 a1 < <(machine_ticks)
  echo $(( a1 > a0 ? 100 * (b1 - b0) / (a1 - a0) : 0 ))
}

printf 'shape\ttarget\tround\treq_s\tsucceeded\tdata_bytes\tmean_ms\tp50_ms\tp99_ms\tmax_ms\tgateway_cpu\ttenders_cpu\tpostgres_cpu\th2load_cpu\tmachine_busy\tidle_busy_before\tload_before\tload_after\n' >"$RESULTS"

# load <tag> <target> <seconds> <clients> <streams per client>: one h2load run, checked. Sets RUN_METRICS to
# "req/s succeeded data-bytes mean p50 p99 max gateway% tenders% postgres% h2load% busy%" (tab-separated).
load() {
  local tag=$1 target=$2 seconds=$3 clients=$4 streams=$5
  local method address body
  case $target in
    get-*) method=GetTender body=$OUT/get-tender.bin ;;
    list-*) method=ListTenders body=$OUT/list-tenders.bin ;;
  esac
  case $target in *-gateway) address=$GATEWAY ;; *-direct) address=$DIRECT ;; esac
  local expected=${EXPECTED_BYTES[$target]} inflight=$((clients * streams))
  local stdout=$OUT/runs/$tag.out log=$OUT/runs/$tag.log times=$OUT/runs/$tag.time
  local gateway_log=$LOCAL/logs/gateway.log tenders_log=$LOCAL/logs/tenders.log
  local gateway_offset tenders_offset; gateway_offset=$(stat -c %s "$gateway_log") tenders_offset=$(stat -c %s "$tenders_log")
  local pg_pids; pg_pids=$(postgres_pids)
  local g0 t0 p0 m0 w0 c0 g1 t1 p1 m1 w1 c1
  g0=$(cpu_ticks "$PID_GATEWAY"); t0=$(cpu_ticks "$PID_TENDERS"); p0=$(cpu_ticks $pg_pids); read -r m0 w0 < <(machine_ticks); c0=$(date +%s%N)

  # No h2load --warm-up-time: with it, h2load 1.52 counts the warm-up's response bytes but not its requests, which
  # would defeat the byte check below. The warm-up is a separate, unrecorded run instead (see run).
  timeout $((seconds + 60)) /usr/bin/time -f '%U %S' -o "$times" \
    "$H2LOAD" "http://$address/$SERVICE/$method" -d "$body" -c "$clients" -m "$streams" -t 1 -D "$seconds" \
      -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $TOKEN" \
      --log-file="$log" >"$stdout" 2>&1 || fail "$tag: h2load failed or timed out (output: $stdout)"

  g1=$(cpu_ticks "$PID_GATEWAY"); t1=$(cpu_ticks "$PID_TENDERS"); p1=$(cpu_ticks $pg_pids); read -r m1 w1 < <(machine_ticks); c1=$(date +%s%N)
  kill -0 "$PID_GATEWAY" 2>/dev/null && kill -0 "$PID_TENDERS" 2>/dev/null || fail "$tag: the gateway or the tender service stopped"
  sleep 1 # the console loggers write from a queue: let the run's last entries reach the logs

  # h2load counts any HTTP 200 as a success, and a refused gRPC call is an HTTP 200 without a message. So, besides
  # h2load's counts: the response bytes must amount to one full answer per succeeded request (give or take the
  # requests in flight when h2load stopped), the gateway's access log must show grpc-status 0 for every call of the
  # benchmark's caller, and the tender service must log no warning or error but for the calls cut off at the end.
  local verdict
  verdict=$(awk -v expected="$expected" -v inflight="$inflight" '
    /^finished in/ { gsub(/,/, ""); rps = $4 }
    /^requests:/ { total = $2; succeeded = $8; failed = $10; errored = $12; timeout = $14 }
    /^status codes:/ { ok2xx = $3 }
    /^traffic:/ { for (i = 1; i <= NF; i++) if ($i == "data") { d = $(i - 1); gsub(/[()]/, "", d); data = d + 0 } }
    END {
      problem = ""
      if (rps == "" || succeeded == "") problem = "no h2load summary"
      else if (failed + errored + timeout > 0) problem = failed " failed, " errored " errored, " timeout " timed out"
      else if (succeeded == 0) problem = "no request succeeded"
      else if (ok2xx < succeeded) problem = "only " ok2xx " of " succeeded " answers were HTTP 2xx"
      else if (data < (succeeded - inflight) * expected || data > (succeeded + inflight) * expected)
        problem = sprintf("%d response bytes for %d requests of %d bytes each: not every answer carried the message", data, succeeded, expected)
      printf "%s\t%s\t%s\t%s\n", rps, succeeded, data, problem
    }' "$stdout")
  local rps succeeded data problem
  IFS=$'\t' read -r rps succeeded data problem <<<"$verdict"
  if [[ $target == *-gateway ]]; then
    # A gRPC status other than 0 fails the run. Streams still in flight when h2load stopped and closed its connections
    # end without one ("aborted", "none (HTTP 400)"): at most one per stream is expected.
    local statuses refused cut_off_calls
    statuses=$(tail -c +$((gateway_offset + 1)) "$gateway_log" | grep -a '"Category":"Procurement.Gateway.Access"' \
      | grep -a "\"Subject\":\"$SUBJECT\"" | grep -ao '"GrpcStatus":"[^"]*"' | sed 's/"GrpcStatus"://' | sort | uniq -c || true)
    echo "$statuses" >"$OUT/runs/$tag.gateway-statuses"
    refused=$(awk '$2 ~ /^"[0-9]+"$/ && $2 != "\"0\"" { n += $1 } END { print n + 0 }' <<<"$statuses")
    cut_off_calls=$(awk '$2 !~ /^"[0-9]+"$/ { n += $1 } END { print n + 0 }' <<<"$statuses")
    ((refused == 0 && cut_off_calls <= inflight)) \
      || fail "$tag: the gateway's access log shows calls of $SUBJECT that did not end grpc-status 0 (count, status): $(tr '\n' ' ' <<<"$statuses")$(
              grep -q '"8"' <<<"$statuses" && echo "; 8 is RESOURCE_EXHAUSTED, the gateway's rate limit: stop the suite (scripts/up.sh stop) and let this script start it with the limit raised")"
  fi
  [[ -z $problem ]] || fail "$tag: $problem (h2load output: $stdout)"
  local complaints cancelled cut_off='reset the request stream|request stream was aborted|OperationCanceledException|TaskCanceledException|request was aborted'
  complaints=$(tail -c +$((tenders_offset + 1)) "$tenders_log" | grep -aE '"LogLevel":"(Warning|Error|Critical)"' || true)
  cancelled=$(grep -aEc "$cut_off" <<<"$complaints" || true)
  complaints=$(grep -avE "$cut_off" <<<"$complaints" | grep -c . || true)
  ((complaints == 0)) || fail "$tag: the tender service logged $complaints warnings or errors during the run (see $tenders_log)"
  ((cancelled <= inflight)) || fail "$tag: the tender service logged $cancelled cancelled calls, more than the $inflight in flight at the end"

  # Latency: h2load's per-request log: start µs, HTTP status, µs from sending the request to the end of the answer.
  local latency
  latency=$(awk -F'\t' '$2 == 200 { print $3 }' "$log" | sort -n | awk '
    { v[NR] = $1; sum += $1 }
    END {
      if (NR == 0) { print "none"; exit }
      p50 = v[int(NR * 0.50 + 0.999999)]; p99 = v[int(NR * 0.99 + 0.999999)]
      printf "%.3f\t%.3f\t%.3f\t%.3f\n", sum / NR / 1000, p50 / 1000, p99 / 1000, v[NR] / 1000
    }')
  [[ $latency != none ]] || fail "$tag: h2load's log holds no answered request"

  local h2_user h2_sys cpu
  read -r h2_user h2_sys <"$times"
  cpu=$(awk -v g=$((g1 - g0)) -v t=$((t1 - t0)) -v p=$((p1 - p0)) -v busy=$((m1 - m0)) -v all=$((w1 - w0)) \
            -v ns=$((c1 - c0)) -v hu="$h2_user" -v hs="$h2_sys" -v hz="$(getconf CLK_TCK)" 'BEGIN {
      s = ns / 1e9
      printf "%.0f\t%.0f\t%.0f\t%.0f\t%.0f\n", 100 * g / hz / s, 100 * t / hz / s, 100 * p / hz / s, 100 * (hu + hs) / s, 100 * busy / (all > 0 ? all : 1)
    }')
  RUN_METRICS=$(printf '%s\t%s\t%s\t%s\t%s' "$rps" "$succeeded" "$data" "$latency" "$cpu")
}

# run <shape> <target> <round> <clients> <streams per client>: wait (bounded) for the machine to be quiet, warm up
# (unrecorded), measure, record.
run() {
  local shape=$1 target=$2 round=$3 clients=$4 streams=$5 tag=$1-$2-$3
  local idle waited=0
  idle=$(busy_percent)
  while ((idle >= QUIET_BUSY && waited < QUIET_WAIT)); do
    idle=$(busy_percent); waited=$((waited + 1))
  done
  local load_before load_after; load_before=$(cut -d' ' -f1 /proc/loadavg)
  load "$tag-warmup" "$target" "$WARMUP" "$clients" "$streams"
  load "$tag" "$target" "$DURATION" "$clients" "$streams"
  load_after=$(cut -d' ' -f1 /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$shape" "$target" "$round" "$RUN_METRICS" "$idle" "$load_before" "$load_after" >>"$RESULTS"
  printf '   %-6s %-12s round %s: %7.0f req/s, mean %7.2f ms, p99 %7.2f ms (idle before: %s%% busy; load %s -> %s)\n' \
    "$shape" "$target" "$round" "$(cut -f1 <<<"$RUN_METRICS")" "$(cut -f4 <<<"$RUN_METRICS")" "$(cut -f6 <<<"$RUN_METRICS")" \
    "$idle" "$load_before" "$load_after" >&2
}

TARGETS=(get-gateway get-direct list-gateway list-direct)
if ((PRIME > 0)); then
  say "priming: one unrecorded ${PRIME}s run per target (JIT, connection pools, EF Core's query cache)"
  for target in "${TARGETS[@]}"; do load "load-$target-prime" "$target" "$PRIME" "$CONNECTIONS" "$STREAMS"; done
fi
say "concurrent load: $CONNECTIONS connections x $STREAMS streams, ${DURATION}s after ${WARMUP}s of warm-up, $ROUNDS rounds, alternating"
for ((r = 1; r <= ROUNDS; r++)); do
  for target in "${TARGETS[@]}"; do run load "$target" "$r" "$CONNECTIONS" "$STREAMS"; done
done
say "single stream: 1 connection x 1 stream, ${DURATION}s after ${WARMUP}s of warm-up, $ROUNDS rounds, alternating"
for ((r = 1; r <= ROUNDS; r++)); do
  for target in "${TARGETS[@]}"; do run single "$target" "$r" 1 1; done
done
say "sample calls again (the token, the data and the rate limit still fine)"
: >"$OUT/sample/summary.txt"
check_samples
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"

# ---------------------------------------------------------------------------------------------------------------
# Summary: medians over the rounds

summary() {
  local gbytes=${EXPECTED_BYTES[get-direct]} lbytes=${EXPECTED_BYTES[list-direct]}
  echo "## Results"
  echo
  echo "Median over $ROUNDS alternating rounds of ${DURATION} s each (each after an unrecorded ${WARMUP} s warm-up run); latency is per call, from"
  echo "sending the request to the end of the answer, measured by h2load. GetTender answers $gbytes bytes (one tender);"
  echo "ListTenders answers $lbytes bytes ($((VISIBLE < 50 ? VISIBLE : 50)) tenders: the first page, of up to 50, of the $VISIBLE the caller may see)."
  echo
  awk -F'\t' -v conc="$CONNECTIONS connections x $STREAMS streams" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function lo(list,   n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 < m + 0) m = a[i]; return m }
    function hi(list,   n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]; return m }
    NR > 1 {
      k = $1 SUBSEP $2
      rps[k] = rps[k] " " $4; mean[k] = mean[k] " " $7; p50[k] = p50[k] " " $8; p99[k] = p99[k] " " $9
      gw[k] = gw[k] " " $11; svc[k] = svc[k] " " $12; pg[k] = pg[k] " " $13; h2[k] = h2[k] " " $14; busy[k] = busy[k] " " $15
      idle[k] = idle[k] " " $16; load[k] = load[k] " " $17 " " $18
    }
    END {
      split("load single", shapes, " ")
      split("get-gateway get-direct list-gateway list-direct", targets, " ")
      names["get-gateway"] = "GetTender via gateway"; names["get-direct"] = "GetTender direct"
      names["list-gateway"] = "ListTenders via gateway"; names["list-direct"] = "ListTenders direct"
      titles["load"] = "Concurrent load (" conc ")"; titles["single"] = "Single stream (1 connection x 1 stream)"
      for (s = 1; s <= 2; s++) {
        printf "### %s\n\n", titles[shapes[s]]
        print "| target | req/s (median) | req/s (min-max) | mean | p50 | p99 | CPU: gateway | tender service | PostgreSQL | h2load | machine busy | busy before | load avg |"
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for (t = 1; t <= 4; t++) {
          k = shapes[s] SUBSEP targets[t]
          if (!(k in rps)) continue
          printf "| %s | %.0f | %.0f-%.0f | %.2f ms | %.2f ms | %.2f ms | %s%% | %s%% | %s%% | %s%% | %s%% | %s%% | %s-%s |\n", names[targets[t]],
            median(rps[k]), lo(rps[k]), hi(rps[k]), median(mean[k]), median(p50[k]), median(p99[k]),
            median(gw[k]), median(svc[k]), median(pg[k]), median(h2[k]), median(busy[k]), hi(idle[k]), lo(load[k]), hi(load[k])
          m50[k] = median(p50[k]); mmean[k] = median(mean[k]); mrps[k] = median(rps[k])
        }
        print ""
      }
      print "### The gateway'"'"'s added latency (single stream: median via gateway minus median direct)\n"
      print "| method | p50 via gateway | p50 direct | added (p50) | added (mean) | req/s via gateway / direct, concurrent load |"
      print "|---|---:|---:|---:|---:|---:|"
      split("GetTender ListTenders", methods, " "); split("get list", prefixes, " ")
      for (i = 1; i <= 2; i++) {
        g = "single" SUBSEP prefixes[i] "-gateway"; d = "single" SUBSEP prefixes[i] "-direct"
        lg = "load" SUBSEP prefixes[i] "-gateway"; ld = "load" SUBSEP prefixes[i] "-direct"
        printf "| %s | %.2f ms | %.2f ms | %+.2f ms | %+.2f ms | %.0f%% |\n", methods[i], m50[g], m50[d], m50[g] - m50[d],
          mmean[g] - mmean[d], (mrps[ld] > 0 ? 100 * mrps[lg] / mrps[ld] : 0)
      }
    }' "$RESULTS"
  echo
  echo "CPU columns: % of one CPU (the machine has $(nproc), so $(( $(nproc) * 100 ))% is all of it), median over the measured runs;"
  echo "machine busy: all CPUs, % of all of them. Busy before: the highest machine busy % seen in the second before a run,"
  echo "the suite idle (what else was running). Load avg: range of the 1-minute load average before and after the runs."
}
summary | tee "$OUT/summary.md"
{ echo; echo "Raw results: $OUT (results.tsv, runs/, sample/, machine.txt)"; } >&2
