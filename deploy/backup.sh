#!/usr/bin/env bash
# Backs up a Pointspot database to one file with pg_dump's custom format, while silos keep running.
#
# Usage:
#   deploy/backup.sh FILE [DATABASE]
#
# DATABASE is a database name, a libpq connection string ("host=10.0.0.5 port=5432
# dbname=pointspot user=pointspot") or a postgresql:// URI. Whatever it leaves out comes from
# libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD) or ~/.pgpass. A role that
# owns the database's tables can take the backup.
#
# pg_dump reads every table in one transaction, so the file is a consistent snapshot even while
# silos write. It leaves out the rows of orleans_membership: they describe the silos that were
# running, and silos on a restored database must form their cluster afresh.
#
# Restore the file with deploy/restore.sh.
#
# Environment:
#   POINTSPOT_PG_BINDIR   directory of pg_dump, pg_restore and psql; by default those on PATH
set -euo pipefail

die() {
    echo "backup.sh: error: $*" >&2
    exit 1
}

(($# >= 1 && $# <= 2)) || { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
file=$1
database=${2:-${PGDATABASE:-pointspot}}
bindir=${POINTSPOT_PG_BINDIR:+$POINTSPOT_PG_BINDIR/}

[[ ! -e "$file" ]] || die "$file exists: choose a new file name, so no older backup is overwritten."
command -v "${bindir}pg_dump" >/dev/null || die "pg_dump not found: install the postgresql-client package or set POINTSPOT_PG_BINDIR."

# The ledger is append-only, so the dump, which starts after this count, has at least this many entries.
read -r members entries < <("${bindir}psql" -X -v ON_ERROR_STOP=1 -At -F ' ' -d "$database" \
    -c "SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM point_ledger)") \
    || die "cannot read the Pointspot tables of database $database: check the connection, and start a silo once to create the schema."

"${bindir}pg_dump" --format=custom --file="$file" --exclude-table-data=orleans_membership \
    --no-owner --no-privileges -d "$database" \
    || { rm -f "$file"; die "pg_dump failed, so no backup was written."; }

tables=$("${bindir}pg_restore" --list "$file" | grep -c ' TABLE DATA ')
size=$(stat -c %s "$file")
echo "backup.sh: dumped database $database to $file (custom format, $size bytes)"
echo "backup.sh: $tables tables with data; when the dump started: $members members, at least $entries ledger entries"
echo "backup.sh: restore it with: deploy/restore.sh $file NEW_DATABASE"
