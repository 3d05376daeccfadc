"""The sign-up burst of ``bench/run.py`` on its own, against a database you name, a few times over,
with the CPU each side spent: ``python bench/burst.py --database trivsel_bench10_mine --runs 3``.

It starts gunicorn and a Celery worker exactly as ``bench/run.py`` does (``start_gunicorn``,
``start_celery``; ``--workers``/``--worker-class``/``--threads`` change only this script's
gunicorn, to compare with the deployment's settings), warms both web workers with a GET of the
sign-up page, runs ``run.burst`` and then reads how many CPU milliseconds per sign-up the web
workers, the PostgreSQL backends of this database and the Celery worker used (from /proc; Celery
is counted after it has drained the queue). The database must already be migrated and seeded
(``manage.py seed_demo --scale 10``); each run adds one event with 300 sign-ups to it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid: int, with_children: bool = False) -> float:
    """utime + stime (and the reaped children's, if asked) of ``pid`` in ms; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if with_children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks * 1000 / TICK


def tree_cpu_ms(pid: int) -> float:
    """A process, its reaped children and its live descendants."""
    return cpu_ms(pid, with_children=True) + sum(tree_cpu_ms(kid) for kid in run.children(pid))


def backend_pids(database: str) -> list[int]:
    import psycopg

    with psycopg.connect(f"{run.PG}/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchall()
    return [r[0] for r in rows]


def start_gunicorn(port: int, workers: int, worker_class: str, threads: int) -> subprocess.Popen:
    """``run.start_gunicorn`` with another worker count/class (the command line is the same)."""
    if (workers, worker_class, threads) == (2, "sync", 1):
        return run.start_gunicorn(10, port)
    real_popen = subprocess.Popen

    def popen(cmd, *args, **kwargs):
        cmd = list(cmd)
        cmd[cmd.index("--workers") + 1] = str(workers)
        cmd[cmd.index("--worker-class") + 1] = worker_class
        if threads > 1:
            cmd += ["--threads", str(threads)]
        return real_popen(cmd, *args, **kwargs)

    run.subprocess.Popen = popen
    try:
        return run.start_gunicorn(10, port)
    finally:
        run.subprocess.Popen = real_popen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a seeded database you may write to")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", run.REDIS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-celery", action="store_true", help="leave the e-mails queued")
    args = parser.parse_args()

    real_env_for = run.env_for

    def env_for(scale: int) -> dict:
        env = real_env_for(scale)
        env.update(
            DATABASE_URL=f"{run.PG}/{args.database}",
            REDIS_URL=args.redis,
            CELERY_BROKER_URL=args.redis,
        )
        return env

    run.env_for = env_for
    run.REDIS = args.redis
    import redis

    queued = redis.Redis.from_url(args.redis).llen("celery")
    if queued:  # the worker would spend the burst on them: the CPU figures would be wrong
        sys.exit(f"{queued} tasks are already queued on {args.redis}; empty that queue first")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gunicorn = celery = None
    results = []
    try:
        gunicorn = start_gunicorn(port, args.workers, args.worker_class, args.threads)
        if not args.no_celery:
            celery = run.start_celery(10)
            time.sleep(3)  # the worker connects to the broker
        for n in range(args.runs):
            # warm every web worker (its connection, templates, translations) as the page
            # loads before the burst in bench/run.py do
            info = run.prepare(10, "burst-setup")
            for _ in range(4 * args.workers):
                conn = HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", info["url"])
                conn.getresponse().read()
                conn.close()
            workers = run.children(gunicorn.pid)
            backends = backend_pids(args.database)
            web0 = sum(cpu_ms(p) for p in workers)
            db0 = {p: cpu_ms(p) for p in backends}
            celery0 = tree_cpu_ms(celery.pid) if celery else 0.0
            load = run.load_average()
            client0 = time.process_time()
            result = run.burst(port, 10, args.people)
            client_ms = (time.process_time() - client0) * 1000  # includes the two prepare calls
            web1 = sum(cpu_ms(p) for p in workers)
            # a backend that ended meanwhile (a recycled Celery process's) is left out
            db_burst = sum(max(0.0, cpu_ms(p) - before) for p, before in db0.items())
            celery_burst = (tree_cpu_ms(celery.pid) - celery0) if celery else 0.0
            if celery:
                run.drain_celery()
            celery_all = (tree_cpu_ms(celery.pid) - celery0) if celery else 0.0
            result.update(
                run=n + 1,
                load=load,
                web_cpu_ms_per_signup=(web1 - web0) / args.people,
                db_cpu_ms_per_signup=db_burst / args.people,
                celery_cpu_ms_during_burst=celery_burst,
                celery_cpu_ms_per_email=celery_all / args.people,
                client_cpu_ms_per_signup=client_ms / args.people,
            )
            results.append(result)
            print(
                f"run {n + 1}: confirmed {result['confirmed']}, waiting {result['waiting']}, "
                f"errors {result['errors']}, {result['rate']:.0f} sign-ups/s, "
                f"p99 {result['p99']:.0f} ms, {result['seconds']:.2f} s | CPU per sign-up: "
                f"web {result['web_cpu_ms_per_signup']:.1f} ms, PostgreSQL "
                f"{result['db_cpu_ms_per_signup']:.1f} ms, client "
                f"{result['client_cpu_ms_per_signup']:.1f} ms; Celery {celery_burst / 1000:.2f} s "
                f"during the burst, {result['celery_cpu_ms_per_email']:.1f} ms per e-mail "
                f"| load before {load}",
                flush=True,
            )
    finally:
        run.stop(gunicorn)
        run.stop(celery)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
