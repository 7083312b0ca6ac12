#!/usr/bin/env bash
# shellcheck disable=SC2317 # on_signal and cleanup run from traps.
# Runs every test project of the solution against a private PostgreSQL and prints, as its last
# line, "tests: N passed, N failed" (with ", N skipped" when tests were skipped). Exits non-zero
# when a test failed, the build failed or the run did not finish.
#
# Usage: deploy/test.sh [DOTNET TEST ARGS...]     for example: deploy/test.sh --filter Ledger
#
# The PostgreSQL has its own directory and port, so it can run beside the one of deploy/run.sh.
# Tests receive POINTSPOT_TEST_CONNECTION, a connection string to database postgres as a role that
# may CREATE DATABASE, and create their own databases. When tests/js exists, its npm packages and
# Debian's chromium are installed first, and POINTSPOT_CHROMIUM contains the path of chromium.
#
# Environment:
#   POINTSPOT_TEST_CONNECTION  connection string of an existing PostgreSQL; when set, no private
#                              PostgreSQL is started
#   POINTSPOT_TEST_DATA_DIR    directory of the private PostgreSQL (default: <repo>/.data/postgres-test)
#   POINTSPOT_TEST_PG_PORT     its port on 127.0.0.1 (default: 55433)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=${POINTSPOT_TEST_DATA_DIR:-$repo/.data/postgres-test}
pg_port=${POINTSPOT_TEST_PG_PORT:-55433}
js_dir=$repo/tests/js

postgres_started=false
temporary_data_dir=
trx_name=
test_pid=
test_status= # exit status of dotnet test, empty until it has finished
passed=0
failed=0
skipped=0

log() {
    echo "test.sh: $*" >&2
}

# Sums the counters of this run's TRX files, one per test project, into passed, failed and
# skipped. The TRX logger of .NET SDK 10.0 records a skipped test with outcome NotExecuted but
# counts it only in total, so skipped is total minus passed and failed.
count_results() {
    local file counters name value summary_outcome file_failed failed_runs=0
    local -A sums
    while IFS= read -r -d '' file; do
        counters=$(grep -o '<Counters [^>]*>' "$file") || continue
        file_failed=0
        for name in total passed failed error timeout aborted; do
            value=$(sed -n "s/.* $name=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
            value=${value:-0}
            sums[$name]=$((${sums[$name]:-0} + value))
            case $name in
            failed | error | timeout | aborted) file_failed=$((file_failed + value)) ;;
            esac
        done

        # A test host that crashed or was killed as hung leaves the run failed with no failed
        # test counted, so that run counts as one failed test.
        summary_outcome=$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$file" | sed 's/.*="\(.*\)"/\1/') ||
            summary_outcome=
        if ((file_failed == 0)) && [[ $summary_outcome =~ ^(Failed|Aborted|Error|Timeout)$ ]]; then
            log "the test run of ${file#"$repo"/} ended with outcome $summary_outcome; counted as one failed test"
            failed_runs=$((failed_runs + 1))
        fi
    done < <(find_trx_files)
    passed=${sums[passed]:-0}
    failed=$((${sums[failed]:-0} + ${sums[error]:-0} + ${sums[timeout]:-0} + ${sums[aborted]:-0}))
    skipped=$((${sums[total]:-0} - passed - failed))
    failed=$((failed + failed_runs))
}

# Prints, separated by NUL, the TRX files of this run. Each test project writes its file into its
# own TestResults directory. In one shared directory, VSTest would name each file by user, machine
# and second, so two projects that finish in the same second could race for one name.
find_trx_files() {
    [[ -n $trx_name ]] || return 0
    find "$repo" \( -name .git -o -name node_modules -o -name .data \) -prune -o \
        -type f -name "$trx_name" -print0
}

print_summary() {
    local line="tests: $passed passed, $failed failed"
    if ((skipped > 0)); then
        line+=", $skipped skipped"
    fi
    echo "$line"
}

on_signal() {
    local signal=$1
    log "SIG$signal received: stopping the tests"
    if [[ -n $test_pid ]] && kill -0 "$test_pid" 2>/dev/null; then
        kill -TERM "$test_pid" 2>/dev/null || true
        wait "$test_pid" 2>/dev/null || true
    fi
    exit $((128 + $(kill -l "$signal")))
}

cleanup() {
    local status=$?
    trap '' INT TERM
    if [[ $postgres_started == true ]]; then
        "$repo/deploy/postgres.sh" stop "$data_dir" || true
    fi
    if [[ -n $temporary_data_dir ]]; then
        rm -rf -- "$temporary_data_dir"
    fi

    count_results
    find_trx_files | xargs -0 -r rm -f -- || log "could not remove the TRX files named $trx_name"

    # A run that stopped early, a build error or a crashed test host shows in no TRX counter, so
    # it counts as one failed test, and the last line never reads as a pass.
    if [[ -z $test_status ]] && ((failed == 0)); then
        failed=1
    elif ((test_status != 0 && failed == 0)); then
        log "dotnet test exited with status $test_status, but no TRX file counts a failed test;" \
            "see the output above for a build error or a crashed test host"
        failed=1
    fi
    if ((failed > 0 && status == 0)); then
        status=1
    fi
    print_summary
    exit "$status"
}

trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

# Installs Debian packages, refreshing the package lists first on the first call.
apt_lists_updated=false
apt_install() {
    if ((EUID != 0)); then
        log "error: $* missing and only root can install it; run: sudo apt-get install $*"
        return 1
    fi
    if [[ $apt_lists_updated == false ]]; then
        apt-get update -qq
        apt_lists_updated=true
    fi
    log "installing $* with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

start_postgres() {
    if [[ -n ${POINTSPOT_TEST_CONNECTION:-} ]]; then
        log "using the PostgreSQL in POINTSPOT_TEST_CONNECTION; starting none"
        return
    fi

    # Test data is disposable, so a directory that PostgreSQL cannot use (a parent that the OS
    # user postgres may not enter, or a path too long for a unix socket) is replaced by a
    # temporary one.
    local reason
    if ! reason=$("$repo/deploy/postgres.sh" check-dir "$data_dir" "$pg_port" 2>&1); then
        log "${reason#postgres.sh: error: }"
        temporary_data_dir=$(mktemp -d /tmp/pointspot-postgres-test.XXXXXX)
        data_dir=$temporary_data_dir
        log "using the temporary directory $data_dir instead"
    fi

    postgres_started=true
    "$repo/deploy/postgres.sh" start "$data_dir" "$pg_port"
    POINTSPOT_TEST_CONNECTION=$("$repo/deploy/postgres.sh" connection-string "$data_dir" "$pg_port" postgres)
    export POINTSPOT_TEST_CONNECTION
}

# Installs the npm packages and Chromium that the browser tests in tests/js use.
prepare_js_tests() {
    [[ -d $js_dir ]] || return 0
    if ! command -v chromium >/dev/null; then
        apt_install chromium
    fi
    POINTSPOT_CHROMIUM=$(command -v chromium)
    export POINTSPOT_CHROMIUM

    [[ -f $js_dir/package.json ]] || return 0
    command -v npm >/dev/null || apt_install npm

    # Puppeteer and Playwright download their own browser builds on install, which fails where
    # only package registries are reachable, as in CI. The tests use Debian's Chromium instead.
    export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    if [[ -f $js_dir/package-lock.json || -f $js_dir/npm-shrinkwrap.json ]]; then
        log "installing npm packages in tests/js with npm ci"
        (cd "$js_dir" && npm ci --no-audit --no-fund) >&2
    else
        log "installing npm packages in tests/js with npm install"
        (cd "$js_dir" && npm install --no-audit --no-fund) >&2
    fi
}

find_solution() {
    local name
    for name in Pointspot.sln; do
        if [[ -f $repo/$name ]]; then
            echo "$repo/$name"
            return
        fi
    done
    log "error: no Pointspot.sln in $repo"
    return 1
}

command -v dotnet >/dev/null || { log "error: dotnet is not on PATH; install the .NET 10 SDK"; exit 1; }
solution=$(find_solution)

# Tests must reach only their own databases, never the one that deploy/run.sh uses.
unset ConnectionStrings__Pointspot

start_postgres
prepare_js_tests

trx_name=pointspot-test-$$-$(date +%s).trx
log "running: dotnet test ${solution#"$repo"/} -c Release $*"

# dotnet test runs in the background, so that a signal runs its trap at once rather than after
# dotnet test ends.
dotnet test "$solution" -c Release --logger "trx;LogFileName=$trx_name" --logger "console;verbosity=normal" \
    "$@" &
test_pid=$!
dotnet_status=0
wait "$test_pid" || dotnet_status=$?
test_status=$dotnet_status
test_pid=
exit "$test_status"
