#!/usr/bin/env bash
# Project-local PostgreSQL 15 and RabbitMQ for development and tests.
#
#   scripts/infra.sh start    start both (idempotent), wait until they accept connections
#   scripts/infra.sh stop     stop both (idempotent)
#   scripts/infra.sh status   show state; exit 0 only if both are up
#   scripts/infra.sh env      print `export PROCUREMENT_PG=...` and `export PROCUREMENT_RABBITMQ=...`
#                             (use: eval "$(scripts/infra.sh env)")
#   scripts/infra.sh start rabbitmq | stop rabbitmq
#                             only the RabbitMQ node: with other PROCUREMENT_LOCAL_DIR/_RABBITMQ_PORT
#                             settings, a second, private node (the messaging tests' broker-outage test)
#   scripts/infra.sh rabbitmqctl ARGS...
#                             rabbitmqctl against this script's node (e.g. stop_app / start_app)
#
# Everything lives in <repo>/.local (gitignored); no system service is started, used or changed.
# Settings (environment):
#   PROCUREMENT_PG_PORT              PostgreSQL TCP port on 127.0.0.1        (default 54329)
#   PROCUREMENT_RABBITMQ_PORT        RabbitMQ AMQP port on 127.0.0.1         (default 5673)
#   PROCUREMENT_RABBITMQ_DIST_PORT   Erlang distribution port                (default AMQP port + 20000)
#   PROCUREMENT_RABBITMQ_NODENAME    Erlang node name                        (default procurement_<AMQP port>@localhost)
#   PROCUREMENT_INFRA_TIMEOUT        seconds to wait for start/stop          (default 90)
#   PROCUREMENT_LOCAL_DIR            state directory                          (default <repo>/.local)
#
# PostgreSQL refuses to run as root: when this script runs as root, the server runs as the
# `postgres` OS user (from Debian's postgresql package) and its directory is owned by it.
# Auth is `trust` on loopback (the server listens on 127.0.0.1 only). The superuser is
# `postgres` with the LOCAL DEV ONLY password `postgres` (not needed under trust; it is there so
# a connection string with a password works either way).
# RabbitMQ runs as the invoking user with HOME=.local/rabbitmq/home, where a generated Erlang
# cookie lives; the CLI calls in this script use the same HOME, so they match as root and non-root.
# User guest/guest (RabbitMQ allows it from loopback only); no plugins (management not needed).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL=${PROCUREMENT_LOCAL_DIR:-$ROOT/.local}
TIMEOUT=${PROCUREMENT_INFRA_TIMEOUT:-90}

PG_PORT=${PROCUREMENT_PG_PORT:-54329}
PG_BIN=${PROCUREMENT_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_SUPERUSER=postgres
PG_PASSWORD=postgres # LOCAL DEV ONLY; auth is trust on 127.0.0.1
PG_OS_USER=postgres  # used only when running as root

RMQ_PORT=${PROCUREMENT_RABBITMQ_PORT:-5673}
RMQ_DIST_PORT=${PROCUREMENT_RABBITMQ_DIST_PORT:-$((RMQ_PORT + 20000))}
RMQ_NODE=${PROCUREMENT_RABBITMQ_NODENAME:-procurement_${RMQ_PORT}@localhost}

RMQ_DIR=$LOCAL/rabbitmq
RMQ_HOME=$RMQ_DIR/home
RMQ_PID_FILE=$RMQ_DIR/rabbitmq.pid
RMQ_LOG_DIR=$RMQ_DIR/log

log() { printf 'infra: %s\n' "$*" >&2; }
die() { printf 'infra: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# helpers

is_root() { ((EUID == 0)); }

# true when something accepts TCP connections on 127.0.0.1:$1
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

tail_log() { # file [lines]
  [[ -f "$1" ]] || return 0
  printf -- '----- last lines of %s -----\n' "$1" >&2
  tail -n "${2:-30}" "$1" >&2 || true
  printf -- '-----\n' >&2
}

# Locate RabbitMQ's real scripts (Debian's /usr/sbin ones are wrappers that switch to the
# rabbitmq user, cd to /var/lib/rabbitmq and drop our environment).
rmq_bin_dir() {
  local d
  for d in "${PROCUREMENT_RABBITMQ_BIN:-}" /usr/lib/rabbitmq/bin /usr/lib/rabbitmq/sbin; do
    [[ -n "$d" && -x "$d/rabbitmq-server" && -x "$d/rabbitmqctl" ]] && { echo "$d"; return; }
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

pg_dir() {
  # As root the server runs as `postgres`, which must be able to reach its directory. If a parent
  # of .local is closed to other users (e.g. a clone under /root), keep the PostgreSQL files in
  # /var/tmp instead and leave a symlink at .local/postgres.
  local d=$LOCAL/postgres
  if [[ -L "$d" ]]; then readlink -f "$d"; else echo "$d"; fi
}

as_pg() { # run a command as the PostgreSQL OS user
  if is_root; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

pg_prepare_dir() {
  mkdir -p "$LOCAL"
  local d=$LOCAL/postgres
  if is_root; then
    id -u "$PG_OS_USER" >/dev/null 2>&1 ||
      die "running as root, but OS user '$PG_OS_USER' does not exist (install the postgresql package: scripts/install-deps.sh)"
    if [[ ! -e "$d" ]] && ! runuser -u "$PG_OS_USER" -- test -x "$LOCAL"; then
      local alt
      alt=/var/tmp/procurement-postgres-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
      log "user $PG_OS_USER cannot reach $LOCAL; keeping PostgreSQL files in $alt (symlinked from $d)"
      mkdir -p "$alt"
      ln -s "$alt" "$d"
    fi
    mkdir -p "$(pg_dir)"
    chown "$PG_OS_USER:" "$(pg_dir)"
    chmod 700 "$(pg_dir)"
    runuser -u "$PG_OS_USER" -- test -w "$(pg_dir)" ||
      die "user $PG_OS_USER cannot write $(pg_dir); set PROCUREMENT_LOCAL_DIR to a directory it can reach"
  else
    mkdir -p "$d"
    chmod 700 "$d"
  fi
}

pg_data() { echo "$(pg_dir)/data"; }
pg_sock() { echo "$(pg_dir)/run"; }
pg_log() { echo "$(pg_dir)/postgres.log"; }

pg_running() { # our cluster's postmaster is alive
  [[ -f "$(pg_data)/PG_VERSION" ]] || return 1
  as_pg "$PG_BIN/pg_ctl" -D "$(pg_data)" status >/dev/null 2>&1
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -t 2; }

pg_init() {
  local data sock
  data=$(pg_data)
  sock=$(pg_sock)
  [[ -f "$data/PG_VERSION" ]] && return 0
  log "initializing PostgreSQL cluster in $data"
  rm -rf "$data"
  as_pg mkdir -p "$sock"
  local pwfile
  pwfile=$(pg_dir)/.pwfile
  (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$pwfile")
  is_root && chown "$PG_OS_USER:" "$pwfile"
  as_pg "$PG_BIN/initdb" -D "$data" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=trust --encoding=UTF8 --no-locale --no-instructions \
    >"$(pg_dir)/initdb.log" 2>&1 || { rm -f "$pwfile"; tail_log "$(pg_dir)/initdb.log"; die "initdb failed"; }
  rm -f "$pwfile"
  # Throwaway test/dev data: durability is traded for speed.
  as_pg tee -a "$data/postgresql.conf" >/dev/null <<EOF

# ---- procurement scripts/infra.sh (local dev/test instance; port is passed on the command line)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
}

# Starts the postmaster in the background; the caller polls for readiness.
pg_start() {
  if pg_running; then
    log "PostgreSQL already running (port $PG_PORT)"
    return 0
  fi
  if port_open "$PG_PORT"; then
    die "port $PG_PORT is already in use by another process (another checkout's infra? run its 'scripts/infra.sh stop', or set PROCUREMENT_PG_PORT)"
  fi
  pg_prepare_dir
  pg_init
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$(pg_data)" -l "$(pg_log)" -o "-p $PG_PORT" -W start >/dev/null ||
    { tail_log "$(pg_log)"; die "pg_ctl start failed"; }
  PG_LAUNCHED=1
}

pg_stop() {
  if ! pg_running; then
    log "PostgreSQL not running"
    return 0
  fi
  log "stopping PostgreSQL"
  as_pg "$PG_BIN/pg_ctl" -D "$(pg_data)" -m fast -w -t "$TIMEOUT" stop >/dev/null ||
    { tail_log "$(pg_log)"; die "pg_ctl stop failed"; }
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ

rmq_export_env() { # environment for the server and the CLI (call in a subshell)
  export HOME=$RMQ_HOME
  export RABBITMQ_NODENAME=$RMQ_NODE
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$RMQ_PORT
  export RABBITMQ_DIST_PORT=$RMQ_DIST_PORT
  export RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia
  export RABBITMQ_LOG_BASE=$RMQ_LOG_DIR
  export RABBITMQ_PID_FILE=$RMQ_PID_FILE
  export RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config
  export RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf
  export RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins
  export RABBITMQ_PLUGINS_EXPAND_DIR=$RMQ_DIR/plugins-expand
  export RABBITMQ_FEATURE_FLAGS_FILE=$RMQ_DIR/feature_flags
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_CRASH_DUMP=$RMQ_LOG_DIR/erl_crash.dump
  export ERL_EPMD_ADDRESS=127.0.0.1 # only matters if this start is what launches epmd
}

rmq_cli() { # rabbitmqctl|rabbitmq-diagnostics args...
  local tool=$1
  shift
  (rmq_export_env && cd "$RMQ_DIR" && "$RMQ_BIN/$tool" -n "$RMQ_NODE" "$@")
}

# Is $1 our node's Erlang VM? Its command line has no node name, but carries our private HOME.
rmq_is_ours() { [[ -n "$1" ]] && tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "-home $RMQ_HOME "; }

rmq_pid() { # pid of our node's VM: from the pid file, else (still booting) by its command line
  local pid p
  if [[ -s "$RMQ_PID_FILE" ]]; then
    pid=$(tr -dc 0-9 <"$RMQ_PID_FILE")
    rmq_is_ours "$pid" && { echo "$pid"; return 0; }
  fi
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == beam* ]] && rmq_is_ours "$p" && { echo "$p"; return 0; }
  done
  return 1
}

rmq_running() { rmq_pid >/dev/null; } # cheap: no CLI call

rmq_prepare() {
  mkdir -p "$RMQ_HOME" "$RMQ_LOG_DIR" "$RMQ_DIR/mnesia"
  chmod 700 "$RMQ_HOME"
  local cookie=$RMQ_HOME/.erlang.cookie
  if [[ ! -s "$cookie" ]]; then
    (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' | tr a-f A-F >"$cookie")
  fi
  chmod 400 "$cookie"
  [[ -f "$RMQ_DIR/rabbitmq.conf" ]] || cat >"$RMQ_DIR/rabbitmq.conf" <<'EOF'
# procurement scripts/infra.sh: local dev/test node. Listener address/port come from the
# environment (RABBITMQ_NODE_IP_ADDRESS / RABBITMQ_NODE_PORT). guest/guest works from loopback only.
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
  [[ -f "$RMQ_DIR/advanced.config" ]] || echo '[].' >"$RMQ_DIR/advanced.config"
  [[ -f "$RMQ_DIR/enabled_plugins" ]] || echo '[].' >"$RMQ_DIR/enabled_plugins"
  [[ -f "$RMQ_DIR/rabbitmq-env.conf" ]] || echo '# intentionally empty: keeps /etc/rabbitmq/rabbitmq-env.conf out' >"$RMQ_DIR/rabbitmq-env.conf"
}

RMQ_LAUNCH_PID=
PG_LAUNCHED=0
rmq_start() {
  if rmq_running; then
    log "RabbitMQ already running (node $RMQ_NODE, port $RMQ_PORT)"
    return 0
  fi
  local p
  for p in "$RMQ_PORT" "$RMQ_DIST_PORT"; do
    port_open "$p" &&
      die "port $p is already in use by another process (another checkout's infra? run its 'scripts/infra.sh stop', or set PROCUREMENT_RABBITMQ_PORT / PROCUREMENT_RABBITMQ_DIST_PORT)"
  done
  rmq_prepare
  rm -f "$RMQ_PID_FILE"
  [[ -f "$RMQ_LOG_DIR/startup.log" ]] && mv -f "$RMQ_LOG_DIR/startup.log" "$RMQ_LOG_DIR/startup.log.1"
  log "starting RabbitMQ node $RMQ_NODE on 127.0.0.1:$RMQ_PORT"
  # Own session, no terminal, output to a file: the server must not hold the caller's stdout
  # (a CI runner waits for that pipe to close).
  (rmq_export_env && cd "$RMQ_DIR" && exec setsid -w "$RMQ_BIN/rabbitmq-server" </dev/null >>"$RMQ_LOG_DIR/startup.log" 2>&1) &
  RMQ_LAUNCH_PID=$!
}

rmq_stop() {
  if ! rmq_running; then
    log "RabbitMQ not running"
    return 0
  fi
  local pid
  pid=$(rmq_pid)
  log "stopping RabbitMQ node $RMQ_NODE"
  if ! rmq_cli rabbitmqctl -q stop >/dev/null 2>&1; then
    log "rabbitmqctl stop failed; sending SIGTERM to pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
  fi
  local deadline=$((SECONDS + TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || die "RabbitMQ (pid $pid) did not stop within ${TIMEOUT}s"
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------
# commands

# A failed start stops what this invocation launched, so no half-started server is left behind.
abort_start() {
  local pid
  if [[ -n "$RMQ_LAUNCH_PID" ]]; then
    pid=$(rmq_pid) || pid=
    kill -TERM "$RMQ_LAUNCH_PID" 2>/dev/null || true
    if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
  fi
  if ((PG_LAUNCHED)); then
    as_pg "$PG_BIN/pg_ctl" -D "$(pg_data)" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  die "$@"
}

cmd_start() { # [rabbitmq]: that node only
  local only=${1:-}
  [[ -z "$only" || "$only" == rabbitmq ]] || die "usage: $0 start [rabbitmq]"
  if [[ -z "$only" ]]; then
    command -v runuser >/dev/null || die "runuser not found (util-linux)"
    [[ -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL 15 not found in $PG_BIN (run scripts/install-deps.sh)"
  fi
  RMQ_BIN=$(rmq_bin_dir) || die "RabbitMQ not found (run scripts/install-deps.sh)"
  local t0=$SECONDS
  mkdir -p "$LOCAL"
  [[ -n "$only" ]] || pg_start
  rmq_start

  # Bounded poll until both accept connections.
  local deadline=$((SECONDS + TIMEOUT)) pg_ok=0 rmq_ok=0
  [[ -z "$only" ]] || pg_ok=1
  while :; do
    if ((!pg_ok)); then
      if pg_ready; then
        pg_ok=1
        log "PostgreSQL ready"
      elif ! pg_running && ! pg_ready; then
        sleep 0.5 # pg_ctl -W returns before postmaster.pid exists; look again before judging
        pg_running || pg_ready || { tail_log "$(pg_log)"; abort_start "PostgreSQL exited during startup"; }
      fi
    fi
    if ((!rmq_ok)); then
      if port_open "$RMQ_PORT" && rmq_cli rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1; then
        rmq_ok=1
        log "RabbitMQ ready"
      elif [[ -n "$RMQ_LAUNCH_PID" ]] && ! kill -0 "$RMQ_LAUNCH_PID" 2>/dev/null; then
        tail_log "$RMQ_LOG_DIR/startup.log"
        abort_start "RabbitMQ exited during startup (logs in $RMQ_LOG_DIR)"
      fi
    fi
    ((pg_ok && rmq_ok)) && break
    if ((SECONDS >= deadline)); then
      ((pg_ok)) || tail_log "$(pg_log)"
      ((rmq_ok)) || tail_log "$RMQ_LOG_DIR/startup.log"
      abort_start "timed out after ${TIMEOUT}s waiting for:$( ((pg_ok)) || printf ' PostgreSQL(127.0.0.1:%s)' "$PG_PORT")$( ((rmq_ok)) || printf ' RabbitMQ(127.0.0.1:%s)' "$RMQ_PORT")"
    fi
    sleep 0.2
  done
  if [[ -n "$only" ]]; then
    log "up in $((SECONDS - t0))s: RabbitMQ 127.0.0.1:$RMQ_PORT (node $RMQ_NODE)"
  else
    log "up in $((SECONDS - t0))s: PostgreSQL 127.0.0.1:$PG_PORT, RabbitMQ 127.0.0.1:$RMQ_PORT (node $RMQ_NODE)"
  fi
}

cmd_stop() { # [rabbitmq]: that node only
  local only=${1:-}
  [[ -z "$only" || "$only" == rabbitmq ]] || die "usage: $0 stop [rabbitmq]"
  RMQ_BIN=$(rmq_bin_dir) || die "RabbitMQ not found"
  local rc=0
  (rmq_stop) || rc=1
  [[ -n "$only" ]] || (pg_stop) || rc=1
  return $rc
}

cmd_rabbitmqctl() {
  RMQ_BIN=$(rmq_bin_dir) || die "RabbitMQ not found"
  rmq_cli rabbitmqctl "$@"
}

cmd_status() {
  RMQ_BIN=$(rmq_bin_dir) || die "RabbitMQ not found"
  local rc=0
  if pg_running && pg_ready; then
    echo "postgresql: running  127.0.0.1:$PG_PORT  data $(pg_data)"
  elif pg_running; then
    echo "postgresql: starting/not accepting connections  127.0.0.1:$PG_PORT"
    rc=3
  else
    echo "postgresql: stopped"
    rc=3
  fi
  if rmq_running && rmq_cli rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
    echo "rabbitmq:   running  127.0.0.1:$RMQ_PORT  node $RMQ_NODE  pid $(rmq_pid)"
  elif rmq_running; then
    echo "rabbitmq:   process alive (pid $(rmq_pid)) but node $RMQ_NODE does not answer"
    rc=3
  else
    echo "rabbitmq:   stopped"
    rc=3
  fi
  return $rc
}

cmd_env() {
  printf "export PROCUREMENT_PG='Host=127.0.0.1;Port=%s;Username=%s;Password=%s'\n" "$PG_PORT" "$PG_SUPERUSER" "$PG_PASSWORD"
  printf "export PROCUREMENT_RABBITMQ='amqp://guest:guest@127.0.0.1:%s/'\n" "$RMQ_PORT"
}

case "${1:-}" in
  start) cmd_start "${@:2}" ;;
  stop) cmd_stop "${@:2}" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  rabbitmqctl) cmd_rabbitmqctl "${@:2}" ;;
  *)
    echo "usage: $0 start [rabbitmq]|stop [rabbitmq]|status|env|rabbitmqctl ARGS..." >&2
    exit 2
    ;;
esac
