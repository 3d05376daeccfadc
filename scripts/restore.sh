#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database of DATABASE_URL, replacing what
# is there (objects in the dump are dropped first), in one transaction: all or nothing. Usage:
#   DATABASE_URL=postgres://user:password@host:5432/trivsel scripts/restore.sh backups/trivsel-….dump
# Stop web, worker and beat first; run `manage.py migrate` afterwards if the code is newer.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (postgres://…)}"
file="${1:?usage: scripts/restore.sh FILE}"
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 1; }
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$file"
echo "restored $file"
