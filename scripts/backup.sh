#!/usr/bin/env bash
# Backup of the portal's PostgreSQL database in pg_dump's custom format (compressed, restorable
# table by table). Usage:
#   DATABASE_URL=postgres://user:password@host:5432/trivsel scripts/backup.sh [file]
# Default file: backups/trivsel-YYYYmmdd-HHMMSS.dump (created 0600: it holds personal data).
# Uploaded files (MEDIA_ROOT) are backed up separately, e.g. with tar or the volume's snapshot.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (postgres://…)}"
out="${1:-backups/trivsel-$(date +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$out")"
umask 077
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$out"
echo "$out"
