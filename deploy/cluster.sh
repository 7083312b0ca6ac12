#!/usr/bin/env bash
# Runs a Pointspot cluster on one machine: a private PostgreSQL and several silos that find each
# other through Orleans' ADO.NET clustering table. Silo i (from 1) serves the API on
# http://127.0.0.1:(5079+i) and uses silo port 11110+i and gateway port 29999+i.
#
# Usage:
#   deploy/cluster.sh start [COUNT]   build once, start PostgreSQL and COUNT silos (default 3)
#   deploy/cluster.sh stop            stop every silo with SIGTERM, then PostgreSQL
#   deploy/cluster.sh status          list the silos and whether each is ready
#   deploy/cluster.sh kill I          kill silo I with SIGKILL, as a crash would
#   deploy/cluster.sh restart I       start silo I again (after kill or a crash)
#
# Environment:
#   ConnectionStrings__Pointspot  an existing PostgreSQL; when set, no private one is started
#   POINTSPOT_DATA_DIR            directory of the private PostgreSQL (default: <repo>/.data/postgres)
#   POINTSPOT_PG_PORT             its port on 127.0.0.1 (default: 55432)
#   POINTSPOT_CLUSTER_DIR         pid files and silo logs (default: <repo>/.data/cluster)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=${POINTSPOT_DATA_DIR:-$repo/.data/postgres}
pg_port=${POINTSPOT_PG_PORT:-55432}
cluster_dir=${POINTSPOT_CLUSTER_DIR:-$repo/.data/cluster}
silo_dir=$repo/src/Silo/bin/Release/net10.0
readonly ready_timeout_seconds=120 stop_timeout_seconds=60

log() {
    echo "cluster.sh: $*" >&2
}

usage() {
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

http_port() { echo $((5079 + $1)); }

silo_pid() {
    local file=$cluster_dir/silo-$1.pid
    [[ -f $file ]] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

validate_index() {
    [[ $1 =~ ^[1-9][0-9]?$ ]] || { log "\"$1\" is not a silo number: pass 1 for the first silo"; exit 2; }
}

connection_string() {
    if [[ -n ${ConnectionStrings__Pointspot:-} ]]; then
        echo "$ConnectionStrings__Pointspot"
    else
        "$repo/deploy/postgres.sh" connection-string "$data_dir" "$pg_port"
    fi
}

wait_ready() {
    local index=$1 port waited=0
    port=$(http_port "$index")
    until curl --noproxy '*' -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
        if [[ -z $(silo_pid "$index") ]]; then
            log "silo $index exited during start-up; the end of its log:"
            tail -n 20 "$cluster_dir/silo-$index.log" >&2
            exit 1
        fi
        if ((waited >= ready_timeout_seconds * 2)); then
            log "silo $index was not ready after $ready_timeout_seconds s: see $cluster_dir/silo-$index.log"
            exit 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    log "silo $index is ready on http://127.0.0.1:$port (pid $(silo_pid "$index"))"
}

start_silo() {
    local index=$1 connection
    if [[ -n $(silo_pid "$index") ]]; then
        log "silo $index already runs (pid $(silo_pid "$index"))"
        return
    fi
    connection=$(connection_string)
    (
        cd "$silo_dir"
        export ConnectionStrings__Pointspot=$connection
        export Urls="http://127.0.0.1:$(http_port "$index")"
        export Orleans__SiloPort=$((11110 + index)) Orleans__GatewayPort=$((29999 + index))
        exec dotnet Pointspot.Silo.dll
    ) >>"$cluster_dir/silo-$index.log" 2>&1 &
    echo $! >"$cluster_dir/silo-$index.pid"
    wait_ready "$index"
}

cmd_start() {
    local count=${1:-3}
    [[ $count =~ ^[1-9]$ ]] || { log "\"$count\" is not a silo count: pass 1 to 9"; exit 2; }
    mkdir -p "$cluster_dir"

    log "building the silo in Release"
    dotnet build "$repo/src/Silo/Silo.csproj" -c Release -nologo -v quiet >"$cluster_dir/build.log" 2>&1 \
        || { cat "$cluster_dir/build.log" >&2; exit 1; }

    if [[ -z ${ConnectionStrings__Pointspot:-} ]]; then
        "$repo/deploy/postgres.sh" start "$data_dir" "$pg_port"
    fi

    # The first silo applies the schema migrations alone; the others start once it is ready.
    local index
    for ((index = 1; index <= count; index++)); do
        start_silo "$index"
    done
    log "$count silos run; logs and pid files are in $cluster_dir"
}

stop_silo() {
    local index=$1 pid waited=0
    pid=$(silo_pid "$index") || true
    rm -f "$cluster_dir/silo-$index.pid"
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < stop_timeout_seconds)); do
        sleep 1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "silo $index did not stop within $stop_timeout_seconds s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    log "silo $index stopped"
}

cmd_stop() {
    local file
    shopt -s nullglob
    for file in "$cluster_dir"/silo-*.pid; do
        file=${file##*/silo-}
        stop_silo "${file%.pid}"
    done
    if [[ -z ${ConnectionStrings__Pointspot:-} ]]; then
        "$repo/deploy/postgres.sh" stop "$data_dir"
    fi
}

cmd_status() {
    local file index state
    shopt -s nullglob
    for file in "$cluster_dir"/silo-*.pid; do
        file=${file##*/silo-}
        index=${file%.pid}
        if [[ -z $(silo_pid "$index") ]]; then
            state="not running"
        elif curl --noproxy '*' -fsS "http://127.0.0.1:$(http_port "$index")/health/ready" >/dev/null 2>&1; then
            state="ready (pid $(silo_pid "$index"))"
        else
            state="running, not ready (pid $(silo_pid "$index"))"
        fi
        echo "silo $index http://127.0.0.1:$(http_port "$index"): $state"
    done
}

cmd_kill() {
    local index=$1 pid
    validate_index "$index"
    pid=$(silo_pid "$index") || { log "silo $index does not run"; exit 1; }
    kill -KILL "$pid"
    log "silo $index (pid $pid) killed with SIGKILL; 'deploy/cluster.sh restart $index' starts it again"
}

cmd_restart() {
    validate_index "$1"
    mkdir -p "$cluster_dir"
    start_silo "$1"
}

(($# >= 1)) || usage
command=$1
shift
case $command in
start) cmd_start "$@" ;;
stop) cmd_stop ;;
status) cmd_status ;;
kill) (($# == 1)) || usage; cmd_kill "$1" ;;
restart) (($# == 1)) || usage; cmd_restart "$1" ;;
*) usage ;;
esac
