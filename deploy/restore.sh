#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh into an empty database.
#
# Usage:
#   deploy/restore.sh FILE DATABASE
#
# DATABASE is a database name, a libpq connection string or a postgresql:// URI, as for
# deploy/backup.sh. It must exist and have no tables: create it first, for example with
# `createdb -O pointspot pointspot_restored`. The restore runs in one transaction, so a failure
# leaves the database empty.
#
# Afterwards point the silos at it (ConnectionStrings__Pointspot) with the same Orleans:ServiceId
# as before: the service id is part of every grain-storage key. The silos find the schema
# up to date and form a new cluster.
#
# Environment:
#   POINTSPOT_PG_BINDIR   directory of pg_restore and psql; by default those on PATH
set -euo pipefail

die() {
    echo "restore.sh: error: $*" >&2
    exit 1
}

(($# == 2)) || { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
file=$1
database=$2
bindir=${POINTSPOT_PG_BINDIR:+$POINTSPOT_PG_BINDIR/}

[[ -r "$file" ]] || die "cannot read $file: give the file that deploy/backup.sh wrote."
"${bindir}pg_restore" --list "$file" >/dev/null 2>&1 \
    || die "$file is not a pg_dump custom-format archive: give the file that deploy/backup.sh wrote."

psql_at() {
    "${bindir}psql" -X -v ON_ERROR_STOP=1 -At -F ' ' -d "$database" -c "$1"
}

existing=$(psql_at "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')") \
    || die "cannot connect to database $database: create it first (createdb) and check the connection."
((existing == 0)) || die "database $database already has $existing tables: restore into a new, empty database."

"${bindir}pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction -d "$database" "$file" \
    || die "pg_restore failed, so the transaction was rolled back and database $database is unchanged."

read -r members entries points < <(psql_at \
    "SELECT (SELECT count(*) FROM member), count(*), coalesce(sum(points), 0) FROM point_ledger")
echo "restore.sh: restored $file into database $database"
echo "restore.sh: $members members, $entries ledger entries, $points points in the ledger"
