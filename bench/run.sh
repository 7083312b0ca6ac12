#!/usr/bin/env bash
# Benchmarks durable collectPoints over GraphQL against two baselines on the same machine: a naive
# PostgreSQL POS transaction driven by pgbench, and the GraphQL transport returning { __typename }.
# Starts its own PostgreSQL cluster with deploy/postgres.sh (fsync and synchronous_commit on) and a
# Release silo, stops both on exit, and records the figures in docs/benchmarks.md. Everything
# listens on 127.0.0.1 only.
#
# Usage: bench/run.sh [--seconds N] [--warmup-seconds N] [--clients "16 64 256"] [--members N]
#                     [--prime-clients N] [--no-prime] [--smoke] [--no-record] [--docs FILE]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND="bench/run.sh${*:+ $*}"

SECONDS_PER_RUN=30
WARMUP_SECONDS=5
CLIENT_LEVELS="16 64 256"
MEMBERS=100000
PRIME_CLIENTS=64
PRIME=1
SMOKE=0
RECORD=1
DOCS="$REPO/docs/benchmarks.md"

PG_PORT=55434
HTTP_PORT="${BENCH_HTTP_PORT:-5180}"
SILO_PORT="${BENCH_SILO_PORT:-11180}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-30180}"

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

Options:
  --seconds N          measured seconds of each run (default 30)
  --warmup-seconds N   unmeasured seconds before each run (default 5)
  --clients "A B C"    concurrent clients, one level per run (default "16 64 256")
  --members N          members the load spreads over (default 100000)
  --prime-clients N    clients of the prime run that earns once for every member (default 64)
  --no-prime           skip the prime run, so first requests also activate member grains
  --smoke              label the recorded row "smoke" (any run not at the defaults is one anyway)
  --no-record          print the figures but do not append a row to the docs
  --docs FILE          where to append the row (default docs/benchmarks.md)
Ports: PostgreSQL 55434; the silo takes BENCH_HTTP_PORT (5180), BENCH_SILO_PORT (11180) and
BENCH_GATEWAY_PORT (30180) from the environment.
EOF
}

while (($#)); do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
    --clients) CLIENT_LEVELS="$2"; shift 2 ;;
    --members) MEMBERS="$2"; shift 2 ;;
    --prime-clients) PRIME_CLIENTS="$2"; shift 2 ;;
    --no-prime) PRIME=0; shift ;;
    --smoke) SMOKE=1; shift ;;
    --no-record) RECORD=0; shift ;;
    --docs) DOCS="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "Unknown option \"$1\": see bench/run.sh --help." >&2; exit 2 ;;
  esac
done

for number in "$SECONDS_PER_RUN" "$WARMUP_SECONDS" "$MEMBERS" "$PRIME_CLIENTS" $CLIENT_LEVELS; do
  if ! [[ $number =~ ^[0-9]+$ ]]; then
    echo "\"$number\" is not a whole number: --seconds, --warmup-seconds, --members, --prime-clients" \
      "and --clients take whole numbers." >&2
    exit 2
  fi
done

KIND=full
if ((SMOKE)) || [[ $SECONDS_PER_RUN != 30 || $MEMBERS != 100000 || $CLIENT_LEVELS != "16 64 256" ]] \
  || ((!PRIME)); then
  KIND=smoke
fi

DATA="$REPO/.data"
ARTIFACTS="$DATA/bench-artifacts"
PG_ROOT="$DATA/bench-postgres"
PGDATA="$PG_ROOT/data"
POSTGRES_SH="$REPO/deploy/postgres.sh"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$DATA/bench-results/$STAMP"
TAG="$STAMP"
GENERATOR="$ARTIFACTS/bin/LoadGenerator/release/Pointspot.LoadGenerator"
SILO_DIR="$ARTIFACTS/bin/Silo/release"
ENDPOINT="http://127.0.0.1:$HTTP_PORT/graphql"
APP_DB=pointspot_bench
POS_DB=pos_baseline
CLOCK_TICKS="$(getconf CLK_TCK)"

SILO_PID=""
CHILD_PID=""
PG_STARTED=0

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { log "FAILED: $*" >&2; exit 1; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $CHILD_PID ]] && kill -0 "$CHILD_PID" 2>/dev/null; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  stop_silo
  if ((PG_STARTED)); then
    log "Stopping PostgreSQL"
    "$POSTGRES_SH" stop "$PG_ROOT" 2>/dev/null || log "deploy/postgres.sh stop failed: see $PG_ROOT/postgres.log"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it, so a signal reaches the trap at once and
# the trap can end the command.
run_child() {
  "$@" &
  CHILD_PID=$!
  local status=0
  wait "$CHILD_PID" || status=$?
  CHILD_PID=""
  return "$status"
}

stop_silo() {
  if [[ -z $SILO_PID ]] || ! kill -0 "$SILO_PID" 2>/dev/null; then
    SILO_PID=""
    return 0
  fi

  log "Stopping the silo (pid $SILO_PID)"
  kill -TERM "$SILO_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$SILO_PID" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$SILO_PID" 2>/dev/null; then
    log "The silo did not stop within 30 s: killing it"
    kill -KILL "$SILO_PID" 2>/dev/null || true
  fi
  wait "$SILO_PID" 2>/dev/null || true
  SILO_PID=""
}

# Runs a PostgreSQL client as the cluster's superuser. deploy/postgres.sh names the superuser after
# the OS user that runs the server (postgres under root) and lets it in only through the unix
# socket in PG_ROOT, with peer authentication.
as_superuser() {
  local program="$1"
  shift
  if ((EUID == 0)); then
    runuser -u postgres -- "$PGBIN/$program" -h "$PG_ROOT" -p "$PG_PORT" -U postgres "$@"
  else
    "$PGBIN/$program" -h "$PG_ROOT" -p "$PG_PORT" -U "$(id -un)" "$@"
  fi
}

psql_super() {
  local database="$1"
  shift
  as_superuser psql -d "$database" -v ON_ERROR_STOP=1 -qtAX "$@"
}

# Runs psql as role pointspot over TCP, the role that the silo uses.
psql_app() {
  local database="$1"
  shift
  "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U pointspot -d "$database" \
    -v ON_ERROR_STOP=1 -qtAX "$@"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Finds psql and pgbench of the cluster's PostgreSQL version, as deploy/postgres.sh finds initdb.
find_pg_bin() {
  local version
  version="$(cat "$PGDATA/PG_VERSION")"
  PGBIN="${POINTSPOT_PG_BINDIR:-/usr/lib/postgresql/$version/bin}"
  [[ -x $PGBIN/psql ]] || fail "psql is missing from $PGBIN: set POINTSPOT_PG_BINDIR to PostgreSQL's bin directory."
  if [[ ! -x $PGBIN/pgbench ]]; then
    ((EUID == 0)) || fail "pgbench is missing from $PGBIN: install Debian's postgresql-contrib."
    log "pgbench is missing: installing Debian's postgresql-contrib"
    apt-get install -y postgresql-contrib >/dev/null
  fi
}

# Prints the CPU ticks (user and system) of one process. With "children" as the second argument it
# adds those of the process's exited children.
cpu_ticks() {
  local pid="$1" with_children="${2:-}"
  [[ -r /proc/$pid/stat ]] || { echo 0; return; }
  # Fields after the ")" that closes the command name: utime is the 12th, stime the 13th,
  # cutime the 14th and cstime the 15th.
  sed 's/.*) //' "/proc/$pid/stat" | awk -v children="$with_children" \
    '{ print $12 + $13 + (children == "children" ? $14 + $15 : 0) }'
}

# PostgreSQL's CPU ticks: the postmaster with its exited backends, plus the live backends.
postgres_ticks() {
  local postmaster total child
  postmaster="$(head -n 1 "$PGDATA/postmaster.pid")"
  total="$(cpu_ticks "$postmaster" children)"
  for child in $(pgrep -P "$postmaster" || true); do
    total=$((total + $(cpu_ticks "$child")))
  done
  echo "$total"
}

silo_ticks() {
  if [[ -n $SILO_PID ]]; then cpu_ticks "$SILO_PID"; else echo 0; fi
}

now_seconds() { date +%s.%N; }

# Starts the server-side measurement of one run: CPU counters and PostgreSQL's statistics.
begin_usage() {
  psql_super "$APP_DB" -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset_shared('wal')" >/dev/null
  USAGE_START="$(now_seconds)"
  USAGE_SILO="$(silo_ticks)"
  USAGE_POSTGRES="$(postgres_ticks)"
  USAGE_COMMITS="$(psql_super "$APP_DB" -c "SELECT sum(xact_commit) FROM pg_stat_database")"
}

# Writes server-NAME.json with the cores used by the silo and PostgreSQL since begin_usage, the
# ledger flushes (calls of the ledger writer's INSERT) with their rows and mean time, the WAL syncs
# and the commits. Also writes statements-NAME.txt, the statements PostgreSQL ran most often.
end_usage() {
  local name="$1" end silo postgres flushes commits wal_syncs flush_calls flush_rows flush_mean
  end="$(now_seconds)"
  silo="$(silo_ticks)"
  postgres="$(postgres_ticks)"
  # An idle PostgreSQL 15 backend whose last statistics flush was under a second ago retries it
  # only after 10 s (PGSTAT_MIN_INTERVAL and PGSTAT_IDLE_INTERVAL in pgstat.c). The silo's pooled
  # connections stay open and idle, so their commits and WAL syncs show up only after that wait.
  sleep 11

  flushes="$(psql_super "$APP_DB" -F ' ' -c "
    SELECT coalesce(sum(calls), 0), coalesce(sum(rows), 0),
           coalesce(round((sum(total_exec_time) / nullif(sum(calls), 0))::numeric, 3), 0)
    FROM pg_stat_statements WHERE query LIKE '%INSERT INTO point_ledger%'")"
  commits="$(psql_super "$APP_DB" -c "SELECT sum(xact_commit) FROM pg_stat_database")"
  wal_syncs="$(psql_super "$APP_DB" -c "SELECT wal_sync FROM pg_stat_wal")"
  read -r flush_calls flush_rows flush_mean <<<"$flushes"

  psql_super "$APP_DB" -F ' | ' -c "
    SELECT calls, rows, round(total_exec_time::numeric, 1) AS total_ms,
           round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 140)
    FROM pg_stat_statements ORDER BY calls DESC LIMIT 15" >"$RESULTS/statements-$name.txt"

  awk -v start="$USAGE_START" -v end="$end" -v hz="$CLOCK_TICKS" \
    -v silo0="$USAGE_SILO" -v silo1="$silo" -v pg0="$USAGE_POSTGRES" -v pg1="$postgres" \
    -v calls="$flush_calls" -v rows="$flush_rows" -v mean="$flush_mean" \
    -v wal="$wal_syncs" -v commits="$((commits - USAGE_COMMITS))" 'BEGIN {
      wall = end - start
      printf "{\"wallSeconds\":%.3f,\"siloCores\":%.3f,\"postgresCores\":%.3f,", \
        wall, (silo1 - silo0) / hz / wall, (pg1 - pg0) / hz / wall
      printf "\"ledgerFlushes\":%d,\"ledgerRows\":%d,", calls, rows
      printf "\"flushMeanMs\":%s,\"walSyncs\":%d,\"commits\":%d}\n", mean, wal, commits
    }' >"$RESULTS/server-$name.json"
  log "  server: $(cat "$RESULTS/server-$name.json")"
}

generator() { run_child "$GENERATOR" "$@"; }

load_run() {
  local mode="$1" clients="$2" name="$3"
  generator run --url "$ENDPOINT" --mode "$mode" --clients "$clients" --seconds "$SECONDS_PER_RUN" \
    --warmup-seconds "$WARMUP_SECONDS" --members "$MEMBERS" --api-key-file "$RESULTS/merchant.json" \
    --tag "$TAG" --output "$RESULTS/$name.json"
}

# Runs pgbench for the warm-up and the measured seconds in one go, reporting every second, so its
# clients connect during the warm-up as the generator's do. pgbench connects as the superuser
# through the unix socket, because over TCP role pointspot's SCRAM authentication made 256
# connections take longer than a 6 s run on a busy 2-core machine.
pgbench_run() {
  local clients="$1" output="$2" jobs
  local -a pgbench=("$PGBIN/pgbench" -h "$PG_ROOT" -p "$PG_PORT" -U "$(id -un)")
  if ((EUID == 0)); then
    # runuser passes a TERM from the trap on to pgbench.
    pgbench=(runuser -u postgres -- "$PGBIN/pgbench" -h "$PG_ROOT" -p "$PG_PORT" -U postgres)
  fi
  jobs="$(nproc)"
  ((jobs <= clients)) || jobs="$clients"
  run_child "${pgbench[@]}" -n -M prepared -c "$clients" -j "$jobs" \
    -T "$((WARMUP_SECONDS + SECONDS_PER_RUN))" -P 1 -D "members=$MEMBERS" \
    -f "$REPO/bench/pgbench/pos-earn.sql" "$POS_DB" >"$output" 2>&1 \
    || { cat "$output" >&2; fail "pgbench at $clients clients failed"; }
}

# Writes pgbench-cN.json from pgbench's output: the mean tps and the tps-weighted latency of the
# one-second reports in the measured window, and the transactions and failures of the whole run.
summarize_pgbench() {
  local clients="$1" output="$2"
  awk -v clients="$clients" -v from="$WARMUP_SECONDS" -v to="$((WARMUP_SECONDS + SECONDS_PER_RUN))" '
    # progress: 7.0 s, 2500.3 tps, lat 6.123 ms stddev 2.000, 0 failed
    /^progress: / && $2 > from && $2 <= to { reports++; tps += $4; weighted += $4 * $7 }
    /^number of transactions actually processed/ { split($NF, processed, "/"); transactions = processed[1] }
    /^number of failed transactions/ { failed = $5 }
    END {
      if (reports < (to - from) / 2) exit 1
      printf "{\"clients\":%d,\"tps\":%.1f,\"latencyMs\":%.3f,\"transactions\":%d,\"failed\":%d}\n", \
        clients, tps / reports, (tps > 0 ? weighted / tps : 0), transactions, failed
    }' "$output"
}

# --- Build -----------------------------------------------------------------------------------

mkdir -p "$RESULTS"
log "Results go to $RESULTS ($KIND run: $SECONDS_PER_RUN s per run, clients $CLIENT_LEVELS, $MEMBERS members)"
for port in "$PG_PORT" "$HTTP_PORT" "$SILO_PORT" "$GATEWAY_PORT"; do
  if port_in_use "$port"; then
    fail "port $port on 127.0.0.1 is in use: stop what listens there (ss -ltnp shows it; an earlier" \
      "benchmark's PostgreSQL stops with deploy/postgres.sh stop $PG_ROOT) or pick other ports."
  fi
done

log "Building the silo and the load generator in Release (into $ARTIFACTS)"
: >"$RESULTS/build.log"
for project in src/Silo/Silo.csproj bench/LoadGenerator/LoadGenerator.csproj; do
  dotnet build "$REPO/$project" -c Release --artifacts-path "$ARTIFACTS" --disable-build-servers \
    -nologo -v quiet >>"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log" >&2; fail "building $project"; }
done

# --- PostgreSQL ------------------------------------------------------------------------------

# A cluster that deploy/postgres.sh did not create lacks its settings file, so it would listen on
# PostgreSQL's default address and port.
if [[ -f $PGDATA/PG_VERSION ]] && ! grep -q "^include = 'pointspot.conf'" "$PGDATA/postgresql.conf"; then
  fail "$PGDATA was not created by deploy/postgres.sh: delete $PG_ROOT and run again."
fi
log "Starting PostgreSQL with deploy/postgres.sh in $PG_ROOT on 127.0.0.1:$PG_PORT"
"$POSTGRES_SH" start "$PG_ROOT" "$PG_PORT" 2>"$RESULTS/postgres-start.log" \
  || { cat "$RESULTS/postgres-start.log" >&2; fail "deploy/postgres.sh could not start PostgreSQL"; }
PG_STARTED=1
find_pg_bin

# psql_app logs in as role pointspot with this password. Exported, the password stays out of argv.
PGPASSWORD="$(sed -n 's/.*;Password=//p' <<<"$("$POSTGRES_SH" connection-string "$PG_ROOT" "$PG_PORT")")"
export PGPASSWORD

# deploy/postgres.sh sizes the cluster for tests. The benchmark needs connections for pgbench's 256
# clients next to the silo's pools, pg_stat_statements for the ledger writer's flushes, and larger
# buffers. ALTER SYSTEM writes them to this cluster's postgresql.auto.conf, which PostgreSQL reads
# after the settings file of deploy/postgres.sh. The large max_wal_size and checkpoint_timeout make
# a checkpoint inside a measured window unlikely, because each run starts with a CHECKPOINT instead.
BENCH_SETTINGS=(
  "max_connections=400" "shared_buffers=1GB" "max_wal_size=8GB" "checkpoint_timeout=30min"
  "shared_preload_libraries=pg_stat_statements"
)
RESTART=0
for setting in "${BENCH_SETTINGS[@]}"; do
  name="${setting%%=*}"
  wanted="${setting#*=}"
  if [[ $(psql_super postgres -c "SHOW $name") != "$wanted" ]]; then
    psql_super postgres -c "ALTER SYSTEM SET $name = '$wanted'" >/dev/null
    RESTART=1
  fi
done
if ((RESTART)); then
  log "Restarting PostgreSQL with the benchmark settings: ${BENCH_SETTINGS[*]}"
  "$POSTGRES_SH" stop "$PG_ROOT" 2>>"$RESULTS/postgres-start.log"
  "$POSTGRES_SH" start "$PG_ROOT" "$PG_PORT" 2>>"$RESULTS/postgres-start.log" \
    || { cat "$RESULTS/postgres-start.log" >&2; fail "PostgreSQL did not restart with the benchmark settings"; }
fi

for setting in fsync synchronous_commit; do
  value="$(psql_super postgres -c "SHOW $setting")"
  [[ $value == on ]] || fail "$setting is \"$value\": the benchmark measures durable commits only."
done

log "Creating the databases $APP_DB and $POS_DB"
for database in "$APP_DB" "$POS_DB"; do
  psql_super postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
    -c "CREATE DATABASE $database OWNER pointspot" >/dev/null
done
psql_super "$APP_DB" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
log "Filling the pgbench POS schema with $MEMBERS members"
psql_app "$POS_DB" -v "members=$MEMBERS" -f "$REPO/bench/pgbench/pos-schema.sql" >/dev/null

# --- Silo ------------------------------------------------------------------------------------

log "Starting the silo in Release on $ENDPOINT (log: $RESULTS/silo.log)"
(
  cd "$SILO_DIR"
  ConnectionStrings__Pointspot="$("$POSTGRES_SH" connection-string "$PG_ROOT" "$PG_PORT" "$APP_DB")"
  export ConnectionStrings__Pointspot
  export Urls="http://127.0.0.1:$HTTP_PORT"
  export Orleans__SiloPort="$SILO_PORT" Orleans__GatewayPort="$GATEWAY_PORT"
  export Orleans__AdvertisedIPAddress=127.0.0.1 Orleans__ClusterId=pointspot-bench
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
  # Every request comes from one address and one key, so the rate limits would cap the
  # measurement (the ceiling passes 20,000 requests per second); the bench measures throughput.
  export RateLimits__PerAddress__PermitLimit=10000000 RateLimits__PerCredential__PermitLimit=10000000
  exec ./Pointspot.Silo
) >"$RESULTS/silo.log" 2>&1 &
SILO_PID=$!

for attempt in $(seq 1 240); do
  if ! kill -0 "$SILO_PID" 2>/dev/null; then
    tail -n 30 "$RESULTS/silo.log" >&2
    SILO_PID=""
    fail "the silo exited during start-up"
  fi
  if curl --noproxy '*' -fsS "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1; then
    break
  fi
  ((attempt < 240)) || fail "the silo was not ready after 120 s: see $RESULTS/silo.log"
  sleep 0.5
done
log "Silo ready (pid $SILO_PID)"

generator setup --url "$ENDPOINT" --tag "$TAG" --output "$RESULTS/merchant.json"
MERCHANT_ID="$(sed -n 's/.*"merchantId":"\([^"]*\)".*/\1/p' "$RESULTS/merchant.json")"
[[ -n $MERCHANT_ID ]] || fail "no merchant id in $RESULTS/merchant.json"

# --- Load ------------------------------------------------------------------------------------

if ((PRIME)); then
  log "Prime: one collectPoints for each of the $MEMBERS members, $PRIME_CLIENTS clients"
  begin_usage
  generator run --url "$ENDPOINT" --mode prime --clients "$PRIME_CLIENTS" --members "$MEMBERS" \
    --api-key-file "$RESULTS/merchant.json" --tag "$TAG" --output "$RESULTS/prime.json"
  end_usage prime
fi

for clients in $CLIENT_LEVELS; do
  log "collectPoints, $clients clients: ${WARMUP_SECONDS} s warm-up, ${SECONDS_PER_RUN} s measured"
  psql_super "$APP_DB" -c CHECKPOINT >/dev/null
  begin_usage
  load_run collect "$clients" "collect-c$clients"
  end_usage "collect-c$clients"

  log "Transport ceiling ({ __typename }), $clients clients"
  begin_usage
  load_run ceiling "$clients" "ceiling-c$clients"
  end_usage "ceiling-c$clients"

  log "pgbench naive POS transaction, $clients clients"
  psql_super "$APP_DB" -c CHECKPOINT >/dev/null
  begin_usage
  pgbench_run "$clients" "$RESULTS/pgbench-c$clients.txt"
  end_usage "pgbench-c$clients"
  summarize_pgbench "$clients" "$RESULTS/pgbench-c$clients.txt" >"$RESULTS/pgbench-c$clients.json" \
    || fail "pgbench reported too few seconds of the measured window: see $RESULTS/pgbench-c$clients.txt"
  log "  pgbench: $(cat "$RESULTS/pgbench-c$clients.json")"
done

# --- Ledger check and report -----------------------------------------------------------------

# Every load run has ended, so no request is in flight: a row exists only for a committed request.
LEDGER_ROWS="$(psql_super "$APP_DB" -c "SELECT count(*) FROM point_ledger WHERE merchant_id = '$MERCHANT_ID'")"
printf '{"rows":%d}\n' "$LEDGER_ROWS" >"$RESULTS/ledger.json"
log "Ledger rows of the benchmark merchant: $LEDGER_ROWS"

stop_silo
SILO_ERRORS="$(grep -cE '^(fail|crit):' "$RESULTS/silo.log" || true)"
if ((SILO_ERRORS > 0)); then
  log "The silo logged $SILO_ERRORS errors: see $RESULTS/silo.log"
fi

COMMIT="$(git -C "$REPO" rev-parse --short HEAD)"
if [[ -n $(git -C "$REPO" status --porcelain --untracked-files=no -- \
  src Directory.Build.props Directory.Packages.props) ]]; then
  COMMIT+="-dirty"
fi
CPU_MODEL="$(grep -m 1 '^model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
MEMORY="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
MACHINE="$(nproc) cores, $MEMORY, ${CPU_MODEL:-unknown CPU}"

REPORT=(report --results "$RESULTS")
if ((RECORD)); then
  REPORT+=(--docs "$DOCS" --kind "$KIND" --commit "$COMMIT" --machine "$MACHINE" --command "$COMMAND")
fi
echo
log "Report ($KIND run, commit $COMMIT, $MACHINE)"
generator "${REPORT[@]}"
