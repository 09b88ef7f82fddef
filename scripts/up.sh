#!/usr/bin/env bash
# The whole suite on this machine, for trying it out: PostgreSQL and RabbitMQ (installed from Debian's packages
# when missing, run from <repo>/.local — no system service is started or changed), the four services and the
# gateway in the Development environment with the development clock control on, the web portal, then the Kent + Essex
# demo through the gateway with the `procurement` CLI (watch it afterwards in the portal).
#
#   scripts/up.sh            start everything (what is already running is left running), wait for health, run the demo
#   scripts/up.sh --no-demo  the same without the demo
#   scripts/up.sh demo       run the demo again against the running suite
#   scripts/up.sh status     what is running
#   scripts/up.sh stop       stop the services, the gateway, PostgreSQL and RabbitMQ
#
# Gateway: gRPC on 127.0.0.1:5100, /healthz on http://127.0.0.1:5180. Services on 5101-5104 (loopback only).
# Portal: http://127.0.0.1:5190 (Node.js with npm builds its styles).
# Logs: .local/logs/<name>.log (JSON lines with trace ids). The CLI afterwards: `export PATH="$PWD/cli:$PATH"; procurement --help`.
# DEVELOPMENT ONLY: tokens are signed with the public development key and the clock can be moved.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
LOCAL=${PROCUREMENT_LOCAL_DIR:-$ROOT/.local}
RUN=$LOCAL/run
LOGS=$LOCAL/logs
PG_PORT=${PROCUREMENT_PG_PORT:-54329}
RABBITMQ_PORT=${PROCUREMENT_RABBITMQ_PORT:-5673}
HEALTH_TIMEOUT=${PROCUREMENT_UP_TIMEOUT:-120}
GATEWAY=http://127.0.0.1:5100
HEALTHZ=http://127.0.0.1:5180/healthz
PORTAL=http://127.0.0.1:5190
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# name | project directory | port | database (empty: none)
COMPONENTS=(
  "tenders|services/Tenders/Procurement.Tenders|5101|tenders"
  "bids|services/Bids/Procurement.Bids|5102|bids"
  "moderation|services/Moderation/Procurement.Moderation|5103|moderation"
  "awards|services/Awards/Procurement.Awards|5104|awards"
  "gateway|gateway/Procurement.Gateway|5100|"
  "portal|web/Procurement.Web|5190|"
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'up: %s\n' "$*" >&2; exit 1; }

pid_of() { local f=$RUN/$1.pid; [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_component() {
  local name=$1 dir=$2 port=$3 database=$4
  if pid=$(pid_of "$name"); then
    echo "   $name already running (pid $pid)"
    return
  fi
  port_busy "$port" && fail "port $port is taken by another program; $name cannot start (stop it, or the suite that owns it: scripts/up.sh stop)"
  local project; project=$(basename "$dir")
  local output=$ROOT/$dir/bin/Release/net10.0
  # Structured logs: one JSON object per line, with the TraceId and SpanId of the call or message being handled.
  local env=(ASPNETCORE_ENVIRONMENT=Development Development__ClockControl=true Identity__AllowDevelopmentKey=true Logging__Console__FormatterName=json
             "Messaging__RabbitMq=amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/")
  if [[ -n $database ]]; then
    env+=("ConnectionStrings__$database=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=procurement_$database"
          Database__MigrateOnStart=true "${name^}__Address=127.0.0.1")
  elif [[ $name == gateway ]]; then
    env+=(Gateway__Address=127.0.0.1 Gateway__Services__Tenders=http://127.0.0.1:5101 Gateway__Services__Bids=http://127.0.0.1:5102
          Gateway__Services__Moderation=http://127.0.0.1:5103 Gateway__Services__Awards=http://127.0.0.1:5104)
  else
    env+=(Portal__Gateway=$GATEWAY "Portal__Urls=$PORTAL" "Portal__DevelopmentPeople=$ROOT/demo/kent-essex/people.tsv")
  fi
  [[ $name == moderation ]] && env+=(Services__Bids=http://127.0.0.1:5102)
  [[ $name == bids ]] && env+=(Services__Tenders=http://127.0.0.1:5101)
  # Own session, so the services outlive this script and stop together with `scripts/up.sh stop`.
  # One simple command in the background: $! is the dotnet process itself (env and setsid exec into it).
  pushd "$output" >/dev/null
  env "${env[@]}" setsid dotnet "$project.dll" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
  popd >/dev/null
  echo "   $name started (pid $(cat "$RUN/$name.pid"), log .local/logs/$name.log)"
}

wait_healthy() {
  local started=$SECONDS body=""
  while ((SECONDS - started < HEALTH_TIMEOUT)); do
    for c in "${COMPONENTS[@]}"; do
      IFS='|' read -r name _ <<<"$c"
      pid_of "$name" >/dev/null || { tail -n 30 "$LOGS/$name.log" >&2 || true; fail "$name stopped while starting (its log is above: .local/logs/$name.log)"; }
    done
    if body=$(curl -sf --max-time 3 "$HEALTHZ" 2>/dev/null); then
      echo "   all SERVING after $((SECONDS - started)) s: $body"
      return
    fi
    sleep 1
  done
  echo "   last /healthz answer: $(curl -s --max-time 3 "$HEALTHZ" || echo none)" >&2
  fail "the suite was not healthy within ${HEALTH_TIMEOUT} s; see .local/logs/"
}

wait_portal() {
  local started=$SECONDS
  while ((SECONDS - started < HEALTH_TIMEOUT)); do
    pid_of portal >/dev/null || { tail -n 30 "$LOGS/portal.log" >&2 || true; fail "the portal stopped while starting (its log is above: .local/logs/portal.log)"; }
    if curl -sf --max-time 3 "$PORTAL/healthz" >/dev/null 2>&1; then echo "   portal answering at $PORTAL"; return; fi
    sleep 1
  done
  fail "the portal did not answer within ${HEALTH_TIMEOUT} s; see .local/logs/portal.log"
}

stop_all() {
  local any=0
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    IFS='|' read -r name _ <<<"${COMPONENTS[$i]}"
    if pid=$(pid_of "$name"); then
      any=1
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      echo "   $name stopped"
    fi
    rm -f "$RUN/$name.pid"
  done
  ((any)) || echo "   no service or gateway was running"
  scripts/infra.sh stop
}

status() {
  local code=0
  for c in "${COMPONENTS[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$c"
    if pid=$(pid_of "$name"); then echo "$name: running (pid $pid)"; else echo "$name: stopped"; code=1; fi
  done
  scripts/infra.sh status || code=1
  curl -sf --max-time 3 "$HEALTHZ" && echo || { echo "gateway /healthz: not answering"; code=1; }
  return $code
}

run_demo() {
  say "the Kent + Essex demo through the gateway ($GATEWAY)"
  local started=$SECONDS
  PROCUREMENT_GATEWAY=$GATEWAY PROCUREMENT_HOME=${PROCUREMENT_HOME:-$LOCAL/cli} scripts/demo.sh
  echo "   demo finished in $((SECONDS - started)) s"
}

up() {
  local demo=$1 started=$SECONDS
  mkdir -p "$RUN" "$LOGS"
  command -v dotnet >/dev/null || fail "the .NET 10 SDK is needed (dotnet not found on PATH)"
  command -v npm >/dev/null || fail "Node.js 18 or later with npm is needed to build the portal's styles (npm not found on PATH)"

  say "PostgreSQL and RabbitMQ from Debian's packages (installed only if missing)"
  scripts/install-deps.sh servers
  scripts/infra.sh start

  say "building the services, the gateway, the CLI and the portal (Release)"
  # The build's own status decides (a filter after it in a pipe must not hide a failure).
  if ! dotnet build Suite.slnf -c Release -warnaserror -nologo >"$LOGS/build.log" 2>&1; then
    grep -E ': (error|warning) [A-Z]+[0-9]+' "$LOGS/build.log" | sed -E 's/ \[[^]]*\.csproj\]$//' | sort -u | tail -n 20 >&2
    fail "the build failed (full log: .local/logs/build.log); nothing was started"
  fi
  grep -E "Warn|Elapsed" "$LOGS/build.log" || true

  say "starting the four services, the gateway and the portal (Development, clock control on)"
  for c in "${COMPONENTS[@]}"; do
    IFS='|' read -r name dir port database <<<"$c"
    start_component "$name" "$dir" "$port" "$database"
  done

  say "waiting for every service to be SERVING behind the gateway ($HEALTHZ)"
  wait_healthy
  wait_portal
  echo "   suite up in $((SECONDS - started)) s"

  if [[ $demo == 1 ]]; then run_demo; fi
  cat <<INFO

The suite is running (DEVELOPMENT ONLY). Gateway: $GATEWAY (gRPC), $HEALTHZ.
  Portal: $PORTAL (sign in as any of the demo's people)
  CLI:    export PATH="$ROOT/cli:\$PATH"; procurement --help
  Logs:   $LOGS/
  Stop:   scripts/up.sh stop
INFO
}

case ${1:-} in
  "") up 1 ;;
  --no-demo) up 0 ;;
  demo) run_demo ;;
  status) status ;;
  stop|down) say "stopping the suite"; stop_all ;;
  -h|--help|help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) echo "usage: scripts/up.sh [--no-demo | demo | status | stop]" >&2; exit 2 ;;
esac
