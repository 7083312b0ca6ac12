#!/usr/bin/env bash
# Measures the silo's memory with many member grains active and after they were deactivated for
# being idle. Starts a fresh private PostgreSQL in .data/bench-memory (deleted first) on
# 127.0.0.1:55435 and a Release silo whose grains deactivate after --idle-minutes, earns once for
# each member with the load generator, and prints the process's resident memory and the managed
# heap after a full garbage collection (dotnet-gcdump induces one) at each step.
#
# Usage: bench/memory.sh [--steps "100000 1000000"] [--idle-minutes N] [--clients N]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEPS="100000 1000000"
IDLE_MINUTES=8
CLIENTS=128
while (($#)); do
  case "$1" in
    --steps) STEPS="$2"; shift 2 ;;
    --idle-minutes) IDLE_MINUTES="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    -h | --help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option \"$1\": see bench/memory.sh --help." >&2; exit 2 ;;
  esac
done

PATH="$PATH:$HOME/.dotnet/tools"
for tool in dotnet-gcdump dotnet-counters; do
  command -v "$tool" >/dev/null || {
    echo "$tool is missing: dotnet tool install -g $tool --version 10.0.750501" >&2
    exit 2
  }
done

PG_ROOT="$REPO/.data/bench-memory"
PG_PORT=55435
HTTP_PORT=5181
ARTIFACTS="$REPO/.data/bench-artifacts"
RESULTS="$REPO/.data/bench-results/memory-$(date -u +%Y%m%dT%H%M%SZ)"
ENDPOINT="http://127.0.0.1:$HTTP_PORT/graphql"
GENERATOR="$ARTIFACTS/bin/LoadGenerator/release/Pointspot.LoadGenerator"
SILO_PID=""
CHILD_PID=""

log() { printf '[memory %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

cleanup() {
  trap - EXIT INT TERM
  if [[ -n $CHILD_PID ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
  fi
  if [[ -n $SILO_PID ]]; then
    kill -TERM "$SILO_PID" 2>/dev/null || true
    wait "$SILO_PID" 2>/dev/null || true
  fi
  "$REPO/deploy/postgres.sh" stop "$PG_ROOT" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it, so a signal reaches the traps at once.
run_child() {
  "$@" &
  CHILD_PID=$!
  wait "$CHILD_PID"
  CHILD_PID=""
}

# Prints resident memory and the managed heap after a full collection, in MiB. dotnet-gcdump
# induces the collection; its own heap figure can miss objects on large heaps (it warns that
# .NET 10 buffers its events lossily), so the heap size comes from the runtime's counters.
measure() {
  local label="$1" rss heap
  dotnet-gcdump collect -p "$SILO_PID" -o "$RESULTS/$label.gcdump" >/dev/null 2>&1
  rss="$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SILO_PID/status")"
  dotnet-counters collect -p "$SILO_PID" --counters 'System.Runtime[dotnet.gc.last_collection.heap.size]' \
    --duration 00:00:00:04 --format csv -o "$RESULTS/$label-counters.csv" >/dev/null 2>&1
  heap="$(awk -F, '/last_collection.heap.size/ { size[$3] = $5 }
    END { for (generation in size) total += size[generation]; printf "%.0f", total / 1048576 }' \
    "$RESULTS/$label-counters.csv")"
  printf '%s\t%s\t%s\n' "$label" "$rss" "$heap" | tee -a "$RESULTS/memory.tsv"
}

mkdir -p "$RESULTS"
log "Building the silo and the load generator in Release"
for project in src/Silo/Silo.csproj bench/LoadGenerator/LoadGenerator.csproj; do
  dotnet build "$REPO/$project" -c Release --artifacts-path "$ARTIFACTS" --disable-build-servers \
    -nologo -v quiet >"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log" >&2; exit 1; }
done

log "Starting a fresh PostgreSQL in $PG_ROOT on 127.0.0.1:$PG_PORT"
"$REPO/deploy/postgres.sh" stop "$PG_ROOT" >/dev/null 2>&1 || true
rm -rf "$PG_ROOT"
"$REPO/deploy/postgres.sh" start "$PG_ROOT" "$PG_PORT" 2>"$RESULTS/postgres.log"

log "Starting the silo; idle grains deactivate after $IDLE_MINUTES minutes (log: $RESULTS/silo.log)"
(
  cd "$ARTIFACTS/bin/Silo/release"
  ConnectionStrings__Pointspot="$("$REPO/deploy/postgres.sh" connection-string "$PG_ROOT" "$PG_PORT")"
  export ConnectionStrings__Pointspot Urls="http://127.0.0.1:$HTTP_PORT"
  export Orleans__SiloPort=11181 Orleans__GatewayPort=30181 Orleans__ClusterId=pointspot-memory
  export Orleans__GrainCollection__CollectionAge="00:$(printf %02d "$IDLE_MINUTES"):00"
  export Orleans__GrainCollection__CollectionQuantum=00:00:30
  exec ./Pointspot.Silo
) >"$RESULTS/silo.log" 2>&1 &
SILO_PID=$!
for _ in $(seq 1 240); do
  curl --noproxy '*' -fsS "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done

"$GENERATOR" setup --url "$ENDPOINT" --tag memory --output "$RESULTS/merchant.json" >/dev/null
printf 'step\trss_mib\tgc_heap_mib\n' >"$RESULTS/memory.tsv"
measure "started"

for members in $STEPS; do
  log "Earning once for each of $members members ($CLIENTS clients)"
  run_child "$GENERATOR" run --url "$ENDPOINT" --mode prime --clients "$CLIENTS" --members "$members" \
    --api-key-file "$RESULTS/merchant.json" --tag "memory-$members" --output "$RESULTS/prime-$members.json"
  measure "active-$members"
done

log "Waiting $((IDLE_MINUTES + 2)) minutes for idle grains to deactivate"
run_child sleep "$(((IDLE_MINUTES + 2) * 60))"
measure "deactivated"
log "Done: $RESULTS/memory.tsv"
