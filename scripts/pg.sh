#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and the benchmark, from Debian's packages.
#   bash scripts/pg.sh start DIR   start a new cluster on 127.0.0.1, print its URL
#   bash scripts/pg.sh stop DIR    stop it and remove it
# DIR notes where the cluster lives (a folder of its own under /tmp that the server's
# user can reach, which DIR, say pytest's private temporary folder, may not be).
# Needs the postgresql package (.ci/run installs it). As root, the server runs as the
# 'postgres' user the package creates (PostgreSQL refuses to run as root).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a folder for the cluster}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    home=$(mktemp -d /tmp/summitledger-pg.XXXXXX)
    echo "$home" > "$dir/cluster"
    if [ "$(id -u)" = 0 ]; then chown postgres "$home"; fi
    as_pg "$bin/initdb" -D "$home/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -o \
      "-p $port -k $home -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60" start >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    home=$(cat "$dir/cluster" 2>/dev/null || true)
    if [ -n "$home" ]; then
      as_pg "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$home"
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg.sh start|stop DIR" >&2; exit 2 ;;
esac
