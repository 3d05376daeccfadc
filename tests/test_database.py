"""PostgreSQL is the one database engine: the suite runs on it, and settings refuse anything else."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def settings_in_a_new_process(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEVDB", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import trivsel.settings"],
        env={**clean, "SECRET_KEY": "x" * 50, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000  # the supported range is 15–18


def test_settings_refuse_a_database_that_is_not_postgresql():
    result = settings_in_a_new_process(DATABASE_URL="sqlite:////tmp/trivsel.sqlite3")
    assert result.returncode != 0
    assert "kun på PostgreSQL" in result.stderr


def test_production_settings_refuse_to_start_without_a_database_url():
    result = settings_in_a_new_process(DEBUG="false")
    assert result.returncode != 0
    assert "DATABASE_URL mangler" in result.stderr
