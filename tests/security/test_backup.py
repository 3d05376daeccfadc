"""Backup and restore with the scripts an operator uses: back up, wipe, restore, counts match."""

import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from trivsel import devdb

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    socket_dir = s["OPTIONS"].get("host")  # the embedded server listens on a unix socket
    if socket_dir:
        return f"postgres://{auth}@/{s['NAME']}?host={quote(socket_dir, safe='/')}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def client_tools_path() -> str:
    """PATH for the operator's scripts: client tools of the server's own major version. On the
    embedded server (18) those are the wheel's; a newer pg_dump's output does not load into an
    older server (pg_dump 18 writes `SET transaction_timeout`, unknown to 15)."""
    tools = devdb.bin_dir()
    if tools is None or connection.pg_version // 10000 != 18:
        return os.environ["PATH"]
    return f"{tools}{os.pathsep}{os.environ['PATH']}"


def counts() -> dict[str, int]:
    return {m._meta.db_table: m._default_manager.count() for m in apps.get_models()}


def run(script: str, *args: str):
    env = {**os.environ, "DATABASE_URL": database_url(), "PATH": client_tools_path()}
    result = subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_every_row(tmp_path):
    call_command("seed_demo", "--quiet")
    before = counts()
    assert sum(before.values()) > 100

    dump = tmp_path / "trivsel.dump"
    run("backup.sh", str(dump))
    assert dump.stat().st_size > 0
    assert oct(dump.stat().st_mode & 0o777) == "0o600"

    connection.close()
    with connection.cursor() as cursor:  # wipe: every table gone
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    connection.close()

    try:
        run("restore.sh", str(dump))
    except AssertionError:
        call_command("migrate", verbosity=0)  # the tables back, for the tests after this one
        raise
    assert counts() == before
