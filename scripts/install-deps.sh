#!/usr/bin/env bash
# Installs the Debian packages the project needs (servers for the tests, gRPC peers and tools).
# Does nothing (and never calls apt) when everything is already installed.
# Non-interactive; runs as root, or through sudo when run as another user.
# System services of these packages are not started by us and not relied on:
# scripts/infra.sh runs its own PostgreSQL and RabbitMQ in <repo>/.local.
set -euo pipefail

PACKAGES=(
  postgresql            # PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin)
  rabbitmq-server       # RabbitMQ 3.10 + Erlang
  grpc-proto            # health/reflection .proto files the grpc-js test peer loads at run time (not a build need)
  nghttp2-client        # h2load
  python3-grpcio        # real gRPC peer for interop tests
  protobuf-compiler-grpc
  docker-compose        # `docker-compose config` validation only (no Docker engine here)
  python3               # test.sh parses the trx results with it
  chromium              # the portal's browser tests (Playwright drives it; no browser download)
)

# `install-deps.sh servers`: only the two servers the running suite needs (scripts/up.sh).
if [[ "${1:-}" == servers ]]; then PACKAGES=(postgresql rabbitmq-server); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing: ${missing[*]}"

SUDO=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "install-deps: not root and no sudo; install these packages: ${missing[*]}" >&2
    exit 1
  fi
fi

# Keep Debian's maintainer scripts from starting the system services (the project never uses
# them). A policy-rc.d that is already there is left alone; one we add is removed afterwards.
POLICY=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\n# temporary, from procurement scripts/install-deps.sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 755 "$POLICY"
  added_policy=1
fi
cleanup() { if ((added_policy)); then "${SUDO[@]}" rm -f "$POLICY"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" --no-install-recommends "${missing[@]}"
echo "install-deps: done"
