#!/usr/bin/env bash
# shellcheck disable=SC2317 # request_stop, stop_silo and cleanup run from traps.
# Runs Pointspot: starts a private PostgreSQL, then the silo, which serves http://127.0.0.1:5080.
# Ctrl-C or SIGTERM stops the silo first, so it can flush its writes, and then the PostgreSQL
# that this script started.
# The data stays in the data directory for the next run.
#
# Environment:
#   ConnectionStrings__Pointspot  Npgsql connection string of an existing PostgreSQL; when set,
#                                 no private PostgreSQL is started
#   POINTSPOT_DATA_DIR            directory of the private PostgreSQL (default: <repo>/.data/postgres)
#   POINTSPOT_PG_PORT             its port on 127.0.0.1 (default: 55432)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=${POINTSPOT_DATA_DIR:-$repo/.data/postgres}
pg_port=${POINTSPOT_PG_PORT:-55432}
readonly shutdown_timeout_seconds=60

postgres_started=false
silo_pid=
stop_requested=false
signal_received=false

log() {
    echo "run.sh: $*" >&2
}

# Asks the silo to shut down. `dotnet run` passes SIGTERM on to the silo process, while a
# background job of a script ignores SIGINT, so SIGTERM is sent for both signals.
request_stop() {
    local signal=$1
    signal_received=true
    if [[ -z $silo_pid ]] || ! kill -0 "$silo_pid" 2>/dev/null; then
        exit $((128 + $(kill -l "$signal")))
    fi
    if [[ $stop_requested == true ]]; then
        log "SIG$signal again: killing the silo (PID $silo_pid) and its child processes"
        pkill -KILL -P "$silo_pid" || true
        kill -KILL "$silo_pid" 2>/dev/null || true
        return
    fi
    stop_requested=true
    log "SIG$signal received: stopping the silo (send it again to kill the silo at once)"
    kill -TERM "$silo_pid" 2>/dev/null || true
}

# Waits up to the shutdown timeout for the silo to exit, then kills it.
stop_silo() {
    [[ -n $silo_pid ]] && kill -0 "$silo_pid" 2>/dev/null || return 0
    kill -TERM "$silo_pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$silo_pid" 2>/dev/null && ((waited < shutdown_timeout_seconds)); do
        sleep 1
        waited=$((waited + 1))
    done
    if kill -0 "$silo_pid" 2>/dev/null; then
        log "the silo did not exit within $shutdown_timeout_seconds s; killing it"
        pkill -KILL -P "$silo_pid" || true
        kill -KILL "$silo_pid" 2>/dev/null || true
    fi
}

cleanup() {
    local status=$?

    # SIGINT and SIGTERM are ignored from here on, also by the child processes, so that another
    # Ctrl-C cannot leave PostgreSQL running. Each step below has its own time limit.
    trap '' INT TERM
    stop_silo
    if [[ $postgres_started == true ]]; then
        "$repo/deploy/postgres.sh" stop "$data_dir" || status=1
        log "the data stays in $data_dir for the next run"
    fi
    exit "$status"
}

trap cleanup EXIT
trap 'request_stop INT' INT
trap 'request_stop TERM' TERM

command -v dotnet >/dev/null || { log "error: dotnet is not on PATH; install the .NET 10 SDK"; exit 1; }

if [[ -n ${ConnectionStrings__Pointspot:-} ]]; then
    log "using the PostgreSQL in ConnectionStrings__Pointspot; starting none"
else
    # A clone under a private directory (such as one made by mktemp -d, mode 700) cannot hold a
    # cluster that the OS user postgres runs. The data then goes to a directory under
    # /var/lib/pointspot named after the repository's path, so the next start finds it again.
    if [[ -z ${POINTSPOT_DATA_DIR:-} ]] \
        && ! reason=$("$repo/deploy/postgres.sh" check-dir "$data_dir" "$pg_port" 2>&1); then
        log "${reason#postgres.sh: error: }"
        data_dir=/var/lib/pointspot/$(printf '%s' "$repo" | sha256sum | cut -c1-16)/postgres
        mkdir -p "$data_dir"
        chmod 755 /var/lib/pointspot "$(dirname "$data_dir")"
        log "keeping the data in $data_dir instead (set POINTSPOT_DATA_DIR to choose another directory)"
    fi

    pg_already_running=false
    if "$repo/deploy/postgres.sh" status "$data_dir" 2>/dev/null; then
        pg_already_running=true
    fi

    # A PostgreSQL that ran before this script stays running after it.
    if [[ $pg_already_running == false ]]; then
        postgres_started=true
    else
        log "PostgreSQL in $data_dir already runs, so it stays running when the silo stops"
    fi
    "$repo/deploy/postgres.sh" start "$data_dir" "$pg_port"
    ConnectionStrings__Pointspot=$("$repo/deploy/postgres.sh" connection-string "$data_dir" "$pg_port")
    export ConnectionStrings__Pointspot
    log "PostgreSQL data: $data_dir/data (log: $data_dir/postgres.log)"
fi

log "starting the silo: dotnet run --project src/Silo -c Release"
stopped_on_exit="the silo"
if [[ $postgres_started == true ]]; then
    stopped_on_exit+=" and PostgreSQL"
fi
# appsettings.json sets Urls, and an environment variable Urls overrides it.
log "it serves ${Urls:-http://127.0.0.1:5080} once it logs 'Application started';" \
    "press Ctrl-C to stop $stopped_on_exit"

cd "$repo"
dotnet run --project "$repo/src/Silo" -c Release &
silo_pid=$!

# A trapped signal makes `wait` return early, so wait again after each one. Bash keeps the exit
# status of a background process until a `wait` returns it.
while true; do
    signal_received=false
    silo_status=0
    wait "$silo_pid" || silo_status=$?
    [[ $signal_received == true ]] || break
done
silo_pid=

if [[ $stop_requested == true ]]; then
    log "the silo stopped (exit status $silo_status)"
    exit "$silo_status"
fi
log "the silo exited by itself with status $silo_status"
exit "$silo_status"
