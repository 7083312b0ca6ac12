#!/usr/bin/env bash
# Measures how long a member grain with a long history takes to activate. The first `member`
# query after a silo restart is timed twice: with the member's lots rebuilt by replaying every
# entry, and with the lots read from the member's snapshot plus the entries after it.
#
# Starts a fresh private PostgreSQL in .data/bench-activation (deleted first) on 127.0.0.1:55436
# and a Release silo on 127.0.0.1:5182. Each of --members members gets --entries ledger entries,
# written straight into the ledger with SQL: SEND 10 and PULL 10 in turn, so every lot is spent.
#
# Usage: bench/activation.sh [--members N] [--entries N]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEMBERS=20
ENTRIES=10000
while (($#)); do
  case "$1" in
    --members) MEMBERS="$2"; shift 2 ;;
    --entries) ENTRIES="$2"; shift 2 ;;
    -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option \"$1\": see bench/activation.sh --help." >&2; exit 2 ;;
  esac
done
[[ $MEMBERS =~ ^[1-9][0-9]{0,3}$ ]] || { echo "--members \"$MEMBERS\" must be a whole number from 1 to 9999." >&2; exit 2; }
[[ $ENTRIES =~ ^[1-9][0-9]*$ ]] && ((ENTRIES % 2 == 0)) ||
  { echo "--entries \"$ENTRIES\" must be an even whole number, such as 10000." >&2; exit 2; }

PG_ROOT="$REPO/.data/bench-activation"
PG_PORT=55436
HTTP_PORT=5182
ARTIFACTS="$REPO/.data/bench-artifacts"
RESULTS="$REPO/.data/bench-results/activation-$(date -u +%Y%m%dT%H%M%SZ)"
ENDPOINT="http://127.0.0.1:$HTTP_PORT/graphql"
SILO_PID=""

log() { printf '[activation %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

stop_silo() {
  if [[ -n $SILO_PID ]]; then
    kill -TERM "$SILO_PID" 2>/dev/null || true
    wait "$SILO_PID" 2>/dev/null || true
    SILO_PID=""
  fi
}

cleanup() {
  trap - EXIT INT TERM
  stop_silo
  "$REPO/deploy/postgres.sh" stop "$PG_ROOT" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

psql_run() {
  "$REPO/deploy/postgres.sh" psql "$PG_ROOT" "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"
}

# Starts the silo with the given snapshot interval and waits until it is ready.
start_silo() {
  local every="$1" label="$2"
  (
    cd "$ARTIFACTS/bin/Silo/release"
    ConnectionStrings__Pointspot="$("$REPO/deploy/postgres.sh" connection-string "$PG_ROOT" "$PG_PORT")"
    export ConnectionStrings__Pointspot Urls="http://127.0.0.1:$HTTP_PORT" Members__SnapshotEvery="$every"
    export Orleans__SiloPort=11182 Orleans__GatewayPort=30182 Orleans__ClusterId=pointspot-activation
    exec ./Pointspot.Silo
  ) >"$RESULTS/silo-$label.log" 2>&1 &
  SILO_PID=$!
  for _ in $(seq 1 240); do
    curl --noproxy '*' -fsS "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "The silo did not become ready within 2 minutes: see $RESULTS/silo-$label.log." >&2
  exit 1
}

graphql() {
  curl --noproxy '*' -fsS "$ENDPOINT" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" -d "$1"
}

phone_of() { printf '08%08d' "$1"; }

# Times the first `member` query of each member (the activation) and a second one, in ms.
measure() {
  local label="$1" member phone first second
  # Queries a member without entries first, so that start-up work (JIT, the merchant's grain) is not timed.
  for _ in 1 2; do
    graphql '{"query": "{ member(phone: \"0899999999\") { balance } }"}' >/dev/null
  done
  for member in $(seq 1 "$MEMBERS"); do
    phone="$(phone_of "$member")"
    for attempt in first second; do
      curl --noproxy '*' -fsS -o "$RESULTS/answer.json" -w '%{time_total}\n' "$ENDPOINT" \
        -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
        -d "{\"query\": \"{ member(phone: \\\"$phone\\\") { balance } }\"}" >"$RESULTS/time-$attempt.txt"
      grep -q '"balance":0' "$RESULTS/answer.json" ||
        { echo "Member $phone: expected balance 0, got the response $(cat "$RESULTS/answer.json")" >&2; exit 1; }
    done
    first="$(awk '{ printf "%.1f", $1 * 1000 }' "$RESULTS/time-first.txt")"
    second="$(awk '{ printf "%.1f", $1 * 1000 }' "$RESULTS/time-second.txt")"
    printf '%s\t%s\t%s\t%s\n' "$label" "$phone" "$first" "$second" >>"$RESULTS/activation.tsv"
  done
  awk -F'\t' -v label="$label" '$1 == label { print $3 }' "$RESULTS/activation.tsv" | sort -n >"$RESULTS/first.txt"
  awk -F'\t' -v label="$label" '$1 == label { print $4 }' "$RESULTS/activation.tsv" | sort -n >"$RESULTS/second.txt"
  printf '%s: first query (activation) median %s ms, max %s ms; second query median %s ms\n' "$label" \
    "$(awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' "$RESULTS/first.txt")" \
    "$(tail -n 1 "$RESULTS/first.txt")" \
    "$(awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' "$RESULTS/second.txt")" | tee -a "$RESULTS/summary.txt"
}

mkdir -p "$RESULTS"
log "Building the silo in Release"
dotnet build "$REPO/src/Silo/Silo.csproj" -c Release --artifacts-path "$ARTIFACTS" --disable-build-servers \
  -nologo -v quiet >"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log" >&2; exit 1; }

log "Starting a fresh PostgreSQL in $PG_ROOT on 127.0.0.1:$PG_PORT"
"$REPO/deploy/postgres.sh" stop "$PG_ROOT" >/dev/null 2>&1 || true
rm -rf "$PG_ROOT"
"$REPO/deploy/postgres.sh" start "$PG_ROOT" "$PG_PORT" 2>"$RESULTS/postgres.log"

log "Starting the silo to create the schema and a merchant"
start_silo 100 setup
answer="$(curl --noproxy '*' -fsS "$ENDPOINT" -H 'Content-Type: application/json' -d \
  '{"query": "mutation { signUpMerchant(input: {name: \"Activation bench\", ownerEmail: \"bench@example.com\", password: \"bench password 1\"}) { merchant { id } token } }"}')"
MERCHANT_ID="$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$answer")"
TOKEN="$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$answer")"
[[ -n $MERCHANT_ID && -n $TOKEN ]] || { echo "signUpMerchant failed: $answer" >&2; exit 1; }
stop_silo

log "Writing $ENTRIES entries for each of $MEMBERS members into the ledger"
psql_run -v merchant="$MERCHANT_ID" -v members="$MEMBERS" -v entries="$ENTRIES" <<'SQL'
INSERT INTO member (merchant_id, phone, status)
SELECT :'merchant', '+668' || lpad(m::text, 8, '0'), 'PENDING_SIGN_UP'
FROM generate_series(1, :members) AS m;

INSERT INTO point_ledger (merchant_id, phone, seq, kind, points, balance_after, lifetime_after,
                          reason, idempotency_key, actor, occurred_at)
SELECT :'merchant', '+668' || lpad(m::text, 8, '0'), s,
       CASE WHEN s % 2 = 1 THEN 'SEND' ELSE 'PULL' END,
       CASE WHEN s % 2 = 1 THEN 10 ELSE -10 END,
       CASE WHEN s % 2 = 1 THEN 10 ELSE 0 END,
       10 * ((s + 1) / 2),
       'activation bench', 'bench-' || m || '-' || s, 'bench', now()
FROM generate_series(1, :members) AS m, generate_series(1, :entries) AS s;
SQL
log "The ledger holds $(psql_run -c 'SELECT count(*) FROM point_ledger') rows"

printf 'mode\tphone\tfirst_ms\tsecond_ms\n' >"$RESULTS/activation.tsv"

log "Replaying every entry: silo with snapshots off"
start_silo 2147483647 replay
measure "replay, $ENTRIES entries"
stop_silo

log "Writing one snapshot per member: a SEND and a PULL after the history"
start_silo 100 snapshot-write
for member in $(seq 1 "$MEMBERS"); do
  phone="$(phone_of "$member")"
  for change in sendPoints pullPoints; do
    graphql "{\"query\": \"mutation { $change(input: {phone: \\\"$phone\\\", points: 1, reason: \\\"bench\\\", idempotencyKey: \\\"snap-$change-$member\\\"}) { entry { sequence } } }\"}" >/dev/null
  done
done
for _ in $(seq 1 100); do
  written="$(psql_run -c "SELECT count(*) FROM member_snapshot WHERE merchant_id = '$MERCHANT_ID'")"
  ((written >= MEMBERS)) && break
  sleep 0.1
done
log "$written members have a snapshot"
stop_silo

log "Reading the snapshot: silo restarted with snapshots every 100 entries"
start_silo 100 snapshot
measure "snapshot + later entries"
stop_silo

log "Done: $RESULTS/summary.txt"
cat "$RESULTS/summary.txt"
