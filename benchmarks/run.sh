#!/usr/bin/env bash
# Unary gRPC benchmark: the project's interop server (.NET, Procurement.Grpc) against the
# grpc-js interop server, same machine, same load generator (h2load), alternating runs.
# Writes docs/benchmarks.md. See benchmarks/README.md.
#
#   benchmarks/run.sh [--rounds=N] [--duration=S] [--warmup=S] [--prime=S]
#                     [--streams="1 16 64"] [--connections=C] [--out=PATH]
#
# The same settings can be given as environment variables: ROUNDS, DURATION, WARMUP, PRIME,
# STREAMS, CONNECTIONS, OUT (plus H2LOAD and PYTHON for the tools to use).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
PRIME=${PRIME:-5}   # one unrecorded run per server before any measurement (JIT warm-up)
STREAMS=${STREAMS:-"1 16 64"}
CONNECTIONS=${CONNECTIONS:-1}
H2LOAD=${H2LOAD:-h2load}
# Debian's python3 carries python3-grpcio (used once, to verify each server with a real gRPC client).
PYTHON=${PYTHON:-/usr/bin/python3}
SAMPLE_INTERVAL=0.1

for arg in "$@"; do
  case "$arg" in
    --rounds=*) ROUNDS=${arg#*=} ;;
    --duration=*) DURATION=${arg#*=} ;;
    --warmup=*) WARMUP=${arg#*=} ;;
    --prime=*) PRIME=${arg#*=} ;;
    --streams=*) STREAMS=${arg#*=} ;;
    --connections=*) CONNECTIONS=${arg#*=} ;;
    --out=*) OUT=${arg#*=} ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/docs/benchmarks.md}
BENCH_DIR=$ROOT/benchmarks
SERVER_PROJ=$ROOT/tests/Interop/Procurement.Interop.Server/Procurement.Interop.Server.csproj
JS_DIR=$ROOT/tests/Interop/grpc-js
WORK=$BENCH_DIR/results/latest   # raw h2load output and per-run JSON (gitignored)
BENCH=("$PYTHON" "$BENCH_DIR/bench.py")
START=$SECONDS

for n in "$ROUNDS" "$DURATION" "$WARMUP" "$CONNECTIONS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "rounds, duration, warm-up and connections must be positive integers" >&2; exit 2; }
done
[[ $PRIME =~ ^[0-9]+$ ]] || { echo "prime must be a whole number of seconds" >&2; exit 2; }
for s in $STREAMS; do
  [[ $s =~ ^[1-9][0-9]*$ ]] || { echo "bad stream count: $s" >&2; exit 2; }
  conns=$(( CONNECTIONS < s ? CONNECTIONS : s ))
  (( s % conns == 0 )) || { echo "$s streams cannot be split evenly over $conns connections" >&2; exit 2; }
done
for tool in "$H2LOAD" dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
h2load_help=$("$H2LOAD" --help 2>&1 || true)
grep -q -- '--warm-up-time' <<<"$h2load_help" \
  || { echo "$H2LOAD has no --warm-up-time; nghttp2 1.40 or later is needed" >&2; exit 1; }
"$PYTHON" -c 'import grpc' 2>/dev/null \
  || { echo "$PYTHON cannot import grpc (install python3-grpcio or set PYTHON)" >&2; exit 1; }

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

rm -rf "$WORK"
mkdir -p "$WORK"

# ---- build and install ----------------------------------------------------------
log "building the interop server (Release)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$SERVER_PROJ" -nologo -v quiet >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; exit 1; }
SERVER_DLL=$(dotnet msbuild "$SERVER_PROJ" -nologo -getProperty:TargetPath -p:Configuration=Release)
[[ -f $SERVER_DLL ]] || { echo "built server not found: $SERVER_DLL" >&2; exit 1; }

if [[ ! -d $JS_DIR/node_modules ]]; then
  log "npm ci in $JS_DIR"
  (cd "$JS_DIR" && npm ci --no-audit --no-fund)
fi

"${BENCH[@]}" body "$WORK/request.bin"

# ---- servers ----------------------------------------------------------------------
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# start_server LABEL EXPECTED_COMM CMD... : sets SERVER_PID and SERVER_PORT.
start_server() {
  local label=$1 comm=$2
  shift 2
  # A simple command started with & is exec'd directly, so $! is the server process itself.
  "$@" >"$WORK/$label.stdout" 2>"$WORK/$label.stderr" &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  SERVER_PORT=
  local i
  for ((i = 0; i < 300; i++)); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "$label exited during start-up:" >&2
      cat "$WORK/$label.stdout" "$WORK/$label.stderr" >&2
      exit 1
    fi
    SERVER_PORT=$(sed -n 's/^listening on \([0-9][0-9]*\)$/\1/p' "$WORK/$label.stdout" | head -n1)
    [[ -n $SERVER_PORT ]] && break
    sleep 0.1
  done
  [[ -n $SERVER_PORT ]] || { echo "$label did not print 'listening on PORT' within 30 s" >&2; exit 1; }
  local actual
  actual=$(cat "/proc/$SERVER_PID/comm")
  [[ $actual == "$comm" ]] || { echo "$label: pid $SERVER_PID is '$actual', expected '$comm'" >&2; exit 1; }
  log "$label: pid $SERVER_PID ($actual), port $SERVER_PORT"
}

# --port=0 lets each server pick a free port and report it.
start_server dotnet dotnet dotnet "$SERVER_DLL" --port=0
DOTNET_PID=$SERVER_PID DOTNET_PORT=$SERVER_PORT
start_server grpc-js node node "$JS_DIR/server.js" --port=0
JS_PID=$SERVER_PID JS_PORT=$SERVER_PORT

# ---- verify the request against both servers --------------------------------------------
for pair in "dotnet:$DOTNET_PORT" "grpc-js:$JS_PORT"; do
  label=${pair%%:*} port=${pair##*:}
  url="http://127.0.0.1:$port/grpc.testing.TestService/UnaryCall"
  out=$("$H2LOAD" -n1 -c1 -d "$WORK/request.bin" -H 'content-type: application/grpc' -H 'te: trailers' "$url" 2>&1) \
    || { echo "$out" >&2; echo "$label: h2load -n1 failed" >&2; exit 1; }
  if ! grep -q '1 succeeded, 0 failed, 0 errored' <<<"$out" || ! grep -q 'status codes: 1 2xx' <<<"$out"; then
    echo "$out" >&2
    echo "$label: the check request did not get HTTP 2xx" >&2
    exit 1
  fi
  log "$label: h2load check request: HTTP 2xx"
  "${BENCH[@]}" verify "$port" --label "$label" | sed 's/^/[bench] /'
done

"${BENCH[@]}" meta --out "$WORK/meta.json" --repo "$ROOT" --js-dir "$JS_DIR" \
  --runtimeconfig "${SERVER_DLL%.dll}.runtimeconfig.json" --h2load "$H2LOAD" \
  --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP" --prime "$PRIME" --interval "$SAMPLE_INTERVAL" \
  --idle "dotnet=$DOTNET_PID" "grpc-js=$JS_PID"

bg=$("$PYTHON" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["background_cpu_pct"]))' "$WORK/meta.json")
log "machine busy with both servers idle: ${bg}% of one CPU"
(( bg < 20 )) || log "WARNING: something else is using the CPU; the numbers will be disturbed"

# ---- measure ----------------------------------------------------------------------------
max_streams=0
for s in $STREAMS; do (( s > max_streams )) && max_streams=$s; done
if (( PRIME > 0 )); then
  prime_conns=$(( CONNECTIONS < max_streams ? CONNECTIONS : max_streams ))
  for target in "dotnet:$DOTNET_PORT" "grpc-js:$JS_PORT"; do
    label=${target%%:*} port=${target##*:}
    log "priming $label: ${PRIME}s at $max_streams streams (not recorded)"
    "$H2LOAD" -c "$prime_conns" -m $(( max_streams / prime_conns )) -t 1 -D "$PRIME" -d "$WORK/request.bin" \
      -H 'content-type: application/grpc' -H 'te: trailers' \
      "http://127.0.0.1:$port/grpc.testing.TestService/UnaryCall" >"$WORK/prime-$label.h2load.txt" 2>&1 \
      || { cat "$WORK/prime-$label.h2load.txt" >&2; echo "priming $label failed" >&2; exit 1; }
  done
fi
n_levels=$(wc -w <<<"$STREAMS")
log "measuring: streams {$STREAMS}, $ROUNDS rounds, ${DURATION}s + ${WARMUP}s warm-up per run," \
  "$CONNECTIONS connection(s); about $(( n_levels * ROUNDS * 2 * (DURATION + WARMUP + 1) )) s"
seq=0
for streams in $STREAMS; do
  conns=$(( CONNECTIONS < streams ? CONNECTIONS : streams ))
  for ((round = 1; round <= ROUNDS; round++)); do
    for target in "dotnet:$DOTNET_PID:$DOTNET_PORT" "grpc-js:$JS_PID:$JS_PORT"; do
      IFS=: read -r label pid port <<<"$target"
      seq=$((seq + 1))
      "${BENCH[@]}" run --label "$label" --pid "$pid" --port "$port" --streams "$streams" --conns "$conns" \
        --duration "$DURATION" --warmup "$WARMUP" --body "$WORK/request.bin" --round "$round" --seq "$seq" \
        --tag "$(printf '%02d' "$seq")-$label-s$streams-r$round" --outdir "$WORK" \
        --results "$WORK/results.jsonl" --h2load "$H2LOAD" --interval "$SAMPLE_INTERVAL"
      kill -0 "$pid" 2>/dev/null || { echo "$label server (pid $pid) is gone" >&2; exit 1; }
      sleep 1
    done
  done
done

cleanup
PIDS=()
elapsed=$((SECONDS - START))
mkdir -p "$(dirname "$OUT")"
status=0
"${BENCH[@]}" report --results "$WORK/results.jsonl" --meta "$WORK/meta.json" --out "$OUT" \
  --elapsed "$((elapsed / 60)) min $((elapsed % 60)) s" || status=$?
log "done in ${elapsed}s; raw output in ${WORK#"$ROOT"/}"
(( status == 0 )) || echo "some runs failed; see $OUT" >&2
exit "$status"
