#!/usr/bin/env bash
# Creates, starts and stops a private PostgreSQL cluster for Pointspot in one directory.
#
# Usage:
#   deploy/postgres.sh start DIR PORT          create the cluster on first use, then start it
#   deploy/postgres.sh stop DIR                stop it (fast shutdown)
#   deploy/postgres.sh status DIR              exit 0 if running, 3 if stopped, 4 if DIR has no cluster
#   deploy/postgres.sh connection-string DIR PORT [DATABASE]
#                                              print the Npgsql connection string of role pointspot
#   deploy/postgres.sh psql DIR PORT [ARGS...] open psql as role pointspot on database pointspot
#   deploy/postgres.sh check-dir DIR PORT      exit non-zero if DIR cannot hold a cluster
#
# Layout of DIR, which is mode 700 and owned by the OS user that runs the server:
#   data/                the cluster (PGDATA)
#   postgres.log         the server log
#   pointspot.password   the generated password of role pointspot (mode 600)
#   .s.PGSQL.PORT        the unix socket, usable only by that OS user because DIR is 700
#
# The server listens on 127.0.0.1:PORT only. Role pointspot logs in over TCP with scram-sha-256,
# may CREATE DATABASE and owns database pointspot. The superuser, named after the OS user, logs in
# only through the unix socket with peer authentication.
#
# PostgreSQL refuses to run as root, so under root initdb and postgres run as the OS user
# postgres, and DIR is handed to it. Under any other user they run as that user.
#
# Environment:
#   POINTSPOT_PG_BINDIR   directory of initdb, pg_ctl and psql; by default the newest version
#                         under /usr/lib/postgresql/*/bin (Debian's layout), installed with
#                         apt-get when none is there and this runs as root
set -euo pipefail

readonly role=pointspot
readonly database=pointspot
readonly debian_pg_root=/usr/lib/postgresql

log() {
    echo "postgres.sh: $*" >&2
}

die() {
    echo "postgres.sh: error: $*" >&2
    exit 1
}

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
    exit 2
}

# --- Paths, users and binaries ---

# Prints the OS user that owns DIR and runs the server.
server_user() {
    if ((EUID == 0)); then
        echo postgres
    else
        id -un
    fi
}

# Runs a command as the server's OS user, from / so that a working directory it cannot enter
# (such as /root) does not trouble initdb or pg_ctl.
as_server_user() {
    if ((EUID == 0)); then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# Writes standard input to FILE as the server's OS user, with MODE.
write_as_server_user() {
    local file=$1 mode=$2
    # shellcheck disable=SC2016 # sh expands $1 and $2, not this shell.
    as_server_user sh -c 'umask 077 && cat > "$1" && chmod "$2" "$1"' sh "$file" "$mode"
}

absolute_dir() {
    local dir=$1
    [[ -n $dir ]] || die "DIR is empty; pass the directory of the cluster, for example .data/postgres"
    realpath -m -- "$dir"
}

validate_port() {
    local port=$1
    if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1024 || port > 65535)); then
        die "invalid PORT '$port': expected a number from 1024 to 65535"
    fi
}

# Prints the bin directory with initdb, pg_ctl, postgres and psql. With a major version (such as
# 15) it looks only for that version. Prints nothing if none is found.
find_bindir() {
    local major=${1:-}
    if [[ -n ${POINTSPOT_PG_BINDIR:-} ]]; then
        echo "$POINTSPOT_PG_BINDIR"
        return
    fi

    local candidate newest=
    while IFS= read -r candidate; do
        if [[ -x $candidate/initdb && -x $candidate/pg_ctl && -x $candidate/psql ]]; then
            newest=$candidate
        fi
    done < <(
        if [[ -n $major ]]; then
            echo "$debian_pg_root/$major/bin"
        else
            find "$debian_pg_root" -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V
        fi
    )
    echo "$newest"
}

install_postgresql() {
    if ((EUID != 0)); then
        die "PostgreSQL is not installed under $debian_pg_root and only root can install it." \
            "Run 'sudo apt-get install postgresql' or set POINTSPOT_PG_BINDIR to a directory with initdb."
    fi
    command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is missing; install PostgreSQL" \
        "and set POINTSPOT_PG_BINDIR to the directory of its initdb."

    log "PostgreSQL is not installed: installing Debian's package postgresql with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Prints the bin directory for the cluster in DATA: the version that made it, or the newest one
# for a new cluster. Installs PostgreSQL when it is missing.
bindir_for() {
    local data=$1 bindir major=
    if [[ -f $data/PG_VERSION ]]; then
        major=$(<"$data/PG_VERSION")
    fi

    bindir=$(find_bindir "$major")
    if [[ -z $bindir && -z ${POINTSPOT_PG_BINDIR:-} ]]; then
        if [[ -n $major && -n $(find_bindir) ]]; then
            die "the cluster in $data was made by PostgreSQL $major, whose binaries are missing." \
                "Install postgresql-$major, or upgrade the cluster with pg_upgrade."
        fi
        install_postgresql
        bindir=$(find_bindir "$major")
    fi
    [[ -n $bindir ]] || die "no PostgreSQL binaries under $debian_pg_root/*/bin;" \
        "set POINTSPOT_PG_BINDIR to the directory of initdb and pg_ctl"
    [[ -x $bindir/pg_ctl ]] || die "no pg_ctl in $bindir; set POINTSPOT_PG_BINDIR to PostgreSQL's bin directory"
    echo "$bindir"
}

ensure_server_user() {
    ((EUID == 0)) || return 0
    id postgres >/dev/null 2>&1 && return 0
    log "creating the system user postgres, which runs the server because PostgreSQL refuses root"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
        --shell /usr/sbin/nologin postgres
}

# Prints nothing and returns 0 if DIR can hold a cluster on PORT, or prints why not and returns 1.
check_dir() {
    local dir=$1 port=$2

    # postgresql.conf quotes the path and unix_socket_directories splits it at commas.
    if [[ $dir == *[\',\\]* ]]; then
        echo "the path $dir contains a quote, comma or backslash, which postgresql.conf cannot take"
        return 1
    fi

    # Linux limits a unix socket path to 107 bytes (sun_path is 108 bytes with the final NUL).
    local socket=$dir/.s.PGSQL.$port socket_bytes
    socket_bytes=$(printf '%s' "$socket" | wc -c)
    if ((socket_bytes > 107)); then
        echo "the socket path $socket is $socket_bytes bytes, over the 107-byte limit of unix sockets"
        return 1
    fi

    # start hands DIR itself to the server's OS user, so only its parents matter here.
    local existing
    existing=$(dirname -- "$dir")
    while [[ ! -e $existing ]]; do
        existing=$(dirname -- "$existing")
    done
    if [[ ! -d $existing ]]; then
        echo "$existing is not a directory"
        return 1
    fi
    if ((EUID == 0)) && id postgres >/dev/null 2>&1 && ! as_server_user test -x "$existing"; then
        echo "the OS user postgres, which runs the server, cannot enter $existing"
        return 1
    fi
    return 0
}

# Creates DIR if needed and makes the server's OS user its owner.
prepare_dir() {
    local dir=$1 user owner
    user=$(server_user)
    mkdir -p -- "$dir" || die "cannot create $dir"
    owner=$(stat -c %U -- "$dir")
    if [[ $owner != "$user" ]]; then
        ((EUID == 0)) || die "$dir belongs to $owner, but the server runs as $user; use another DIR or run as root"
        log "handing $dir to the OS user $user, which runs the server"
        chown -R -- "$user:" "$dir"
    fi
    chmod 700 -- "$dir"
}

# --- Server processes ---

# Prints the PIDs of processes whose working directory is DATA: the postmaster and its children,
# which all chdir there. This also finds children left behind by a postmaster that was killed.
cluster_processes() {
    local data=$1 proc cwd
    for proc in /proc/[0-9]*; do
        cwd=$(readlink "$proc/cwd" 2>/dev/null) || continue
        [[ $cwd == "$data" ]] && echo "${proc#/proc/}"
    done
    return 0
}

# Prints the PID of the live postmaster of DATA, or returns 1.
running_postmaster() {
    local data=$1 pid cwd
    [[ -f $data/postmaster.pid ]] || return 1
    read -r pid <"$data/postmaster.pid" || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1

    # The PID may belong to an unrelated process after a crash and a reboot, so check that the
    # process really runs in this data directory.
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
    [[ $cwd == "$data" ]] || return 1
    echo "$pid"
}

# Prints the port that the running postmaster of DATA listens on (line 4 of postmaster.pid).
running_port() {
    sed -n 4p "$1/postmaster.pid"
}

# Removes postmaster.pid when its postmaster is gone. It first waits for the children that a
# killed postmaster leaves behind, because PostgreSQL does not start while they still hold the
# old shared memory. They exit on their own once they notice the postmaster's death.
clear_stale_pid_file() {
    local data=$1 leftovers waited=0
    [[ -f $data/postmaster.pid ]] || return 0

    leftovers=$(cluster_processes "$data")
    while [[ -n $leftovers ]]; do
        if ((waited >= 30)); then
            die "processes of an earlier server still run in $data (PIDs: ${leftovers//$'\n'/ })." \
                "Stop them, then start again."
        fi
        if ((waited == 0)); then
            log "waiting for processes of an earlier server to exit: ${leftovers//$'\n'/ }"
        fi
        sleep 1
        waited=$((waited + 1))
        leftovers=$(cluster_processes "$data")
    done

    log "removing stale $data/postmaster.pid: its server is gone, which means it was not stopped cleanly;" \
        "PostgreSQL replays its write-ahead log on start, so committed data is kept"
    rm -f -- "$data/postmaster.pid"
}

# Writes the settings that this script owns. postgresql.conf includes the file, so these
# override it. Rewritten on every start, so a new PORT takes effect.
write_settings() {
    local dir=$1 data=$2 port=$3
    write_as_server_user "$data/pointspot.conf" 600 <<EOF
# Written by deploy/postgres.sh on every start: edits here are lost.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'

# Every acknowledged point must survive a crash, so each commit waits until its WAL is on disk.
fsync = on
synchronous_commit = on
full_page_writes = on

# Npgsql pools up to 100 connections per connection string, and the silo's Orleans providers,
# its ledger writer and tests that run in parallel each open their own pools.
max_connections = 200
shared_buffers = 128MB

log_line_prefix = '%m [%p] %q%u@%d '
log_connections = off
EOF
}

init_cluster() {
    local bindir=$1 data=$2
    local -a locale_args=(--no-locale)

    # C.UTF-8 keeps byte-order sorting, which does not change with glibc updates, while
    # upper() and lower() still handle non-ASCII letters.
    if locale -a 2>/dev/null | grep -ix 'c\.utf-\{0,1\}8' >/dev/null; then
        locale_args=(--locale=C.UTF-8)
    fi

    log "creating a new cluster in $data"
    local output
    output=$(as_server_user "$bindir/initdb" --pgdata="$data" --encoding=UTF8 "${locale_args[@]}" \
        --auth-local=peer --auth-host=scram-sha-256 2>&1) || die "initdb failed:"$'\n'"$output"

    write_as_server_user "$data/pg_hba.conf" 600 <<'EOF'
# Written by deploy/postgres.sh when it created this cluster.
# TYPE  DATABASE  USER  ADDRESS        METHOD
# The socket directory is mode 700, so only the server's OS user reaches the socket.
local   all       all                  peer
host    all       all   127.0.0.1/32   scram-sha-256
EOF
    echo "include = 'pointspot.conf'" | as_server_user tee -a "$data/postgresql.conf" >/dev/null
}

# Creates role pointspot and database pointspot if missing, and sets the role's password from
# the password file, creating that file on first use.
bootstrap_database() {
    local bindir=$1 dir=$2 port=$3 password
    local password_file=$dir/pointspot.password
    if [[ ! -s $password_file ]]; then
        log "generating the password of role $role into $password_file"
        od -An -tx1 -N24 /dev/urandom | tr -d ' \n' | write_as_server_user "$password_file" 600
    fi
    password=$(<"$password_file")
    [[ $password =~ ^[0-9a-f]+$ ]] || die "$password_file does not contain a hex password; delete it and start again"

    # The password goes through standard input, not argv, so ps does not show it.
    as_server_user "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$(server_user)" \
        -d postgres >/dev/null <<EOF
SELECT 'CREATE ROLE $role' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role WITH LOGIN CREATEDB PASSWORD '$password';
SELECT 'CREATE DATABASE $database OWNER $role'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database') \gexec
EOF
}

connection_string() {
    local dir=$1 port=$2 db=${3:-$database} password_file=$1/pointspot.password
    [[ -r $password_file ]] || die "cannot read $password_file; start the cluster first with: $0 start $dir $port"
    echo "Host=127.0.0.1;Port=$port;Database=$db;Username=$role;Password=$(<"$password_file")"
}

# --- Subcommands ---

cmd_start() {
    (($# == 2)) || usage
    local dir port=$2 data bindir pid reason
    dir=$(absolute_dir "$1")
    data=$dir/data
    validate_port "$port"

    bindir=$(bindir_for "$data")
    ensure_server_user
    reason=$(check_dir "$dir" "$port") || die "cannot use $dir for PostgreSQL: $reason. Choose another DIR."
    prepare_dir "$dir"

    if [[ ! -f $data/PG_VERSION ]]; then
        init_cluster "$bindir" "$data"
    fi

    if pid=$(running_postmaster "$data"); then
        local running_port
        running_port=$(running_port "$data")
        [[ $running_port == "$port" ]] ||
            die "the cluster in $data already runs on port $running_port, not $port; stop it first with: $0 stop $dir"
        log "PostgreSQL already runs (PID $pid) on 127.0.0.1:$port with data in $data"
    else
        clear_stale_pid_file "$data"
        write_settings "$dir" "$data" "$port"
        log "starting PostgreSQL $(<"$data/PG_VERSION") on 127.0.0.1:$port with data in $data, log in $dir/postgres.log"
        if ! as_server_user "$bindir/pg_ctl" start --pgdata="$data" --log="$dir/postgres.log" --wait \
            --timeout=120 --silent; then
            die "PostgreSQL failed to start; the end of $dir/postgres.log reads:"$'\n'"$(tail -n 15 "$dir/postgres.log")"
        fi
    fi

    bootstrap_database "$bindir" "$dir" "$port"
    log "connection string:" \
        "Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=(in $dir/pointspot.password);" \
        "$0 connection-string $dir $port prints it in full"
}

cmd_stop() {
    (($# == 1)) || usage
    local dir data bindir pid
    dir=$(absolute_dir "$1")
    data=$dir/data
    if [[ ! -f $data/PG_VERSION ]]; then
        log "no cluster in $data, so nothing to stop"
        return 0
    fi
    if ! pid=$(running_postmaster "$data"); then
        log "PostgreSQL in $data is not running"
        return 0
    fi

    bindir=$(bindir_for "$data")
    log "stopping PostgreSQL (PID $pid) in $data"
    if ! as_server_user "$bindir/pg_ctl" stop --pgdata="$data" --mode=fast --wait --timeout=60 --silent; then
        # Immediate mode skips the shutdown checkpoint; the next start replays the WAL instead.
        log "fast shutdown did not finish within 60 s; stopping in immediate mode"
        as_server_user "$bindir/pg_ctl" stop --pgdata="$data" --mode=immediate --wait --timeout=60 --silent
    fi
    log "PostgreSQL stopped"
}

cmd_status() {
    (($# == 1)) || usage
    local dir data pid
    dir=$(absolute_dir "$1")
    data=$dir/data
    if [[ ! -f $data/PG_VERSION ]]; then
        log "no cluster in $data"
        exit 4
    fi
    if pid=$(running_postmaster "$data"); then
        log "PostgreSQL runs (PID $pid) on 127.0.0.1:$(running_port "$data") with data in $data"
        exit 0
    fi
    log "PostgreSQL in $data is not running"
    exit 3
}

cmd_connection_string() {
    (($# == 2 || $# == 3)) || usage
    local dir
    dir=$(absolute_dir "$1")
    validate_port "$2"
    connection_string "$dir" "$2" "${3:-}"
}

cmd_psql() {
    (($# >= 2)) || usage
    local dir port=$2 bindir
    dir=$(absolute_dir "$1")
    validate_port "$port"
    shift 2
    bindir=$(find_bindir "$(cat "$dir/data/PG_VERSION" 2>/dev/null)")
    [[ -x $bindir/psql ]] || die "psql not found; start the cluster first with: $0 start $dir $port"
    PGPASSWORD=$(<"$dir/pointspot.password") exec "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$role" \
        -d "$database" "$@"
}

cmd_check_dir() {
    (($# == 2)) || usage
    local dir reason
    dir=$(absolute_dir "$1")
    validate_port "$2"
    reason=$(check_dir "$dir" "$2") || die "cannot use $dir for PostgreSQL: $reason"
}

main() {
    (($# >= 1)) || usage
    local command=$1
    shift
    case $command in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    connection-string) cmd_connection_string "$@" ;;
    psql) cmd_psql "$@" ;;
    check-dir) cmd_check_dir "$@" ;;
    -h | --help | help) usage ;;
    *)
        log "unknown command '$command'"
        usage
        ;;
    esac
}

main "$@"
