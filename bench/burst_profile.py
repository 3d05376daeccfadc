"""In-process profile of one public sign-up, the request the sign-up burst sends (bench/run.py
``burst``): Django's test client posts the same body, one after another, against the database of
DATABASE_URL (write access: it creates a fresh event as ``bench/prepare.py burst-setup`` does).

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python bench/burst_profile.py [-n 200]
        [--cprofile [--dump FILE]] [--queries]

Prints per sign-up: CPU ms (process_time) and wall ms of the whole request, the queries, and the
capacity lock's hold time (from the advisory lock being granted until the commit). Not part of
the test run; a development aid for the sign-up burst's cost.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import run  # noqa: E402
from trivsel.schools import locking  # noqa: E402

FORM = "application/x-www-form-urlencoded"
DISCARD_QUEUE = "bench-burst-profile-discard"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--dump", default="", help="with --cprofile: write the stats to this file")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one sign-up")
    args = parser.parse_args()

    from bench.prepare import burst_count, burst_setup
    from trivsel.celery import app

    # the confirmations are queued as in production (that cost is part of a sign-up), but on a
    # queue no worker reads, emptied at the end: a worker of the same broker must not get them
    app.conf.task_routes = {"conference.tasks.*": {"queue": DISCARD_QUEUE}}

    info = burst_setup(args.places)
    csrf = uuid.uuid4().hex
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    client.cookies["csrftoken"] = csrf

    held: list[float] = []
    granted: list[float] = []
    real_lock_keys = locking.lock_keys

    def timed_lock_keys(*keys):
        real_lock_keys(*keys)
        granted.append(time.perf_counter())
        transaction.on_commit(lambda: held.append(time.perf_counter() - granted[-1]))

    locking.lock_keys = timed_lock_keys
    # services imported lock_keys through the module, so patching the module attribute is enough

    def body(i: int) -> str:
        return run.signup_body(info, csrf, i)  # the burst's own form, urlencoded

    # warm up: one sign-up (templates, translations, connection)
    response = client.post(info["url"], body(-1), content_type=FORM)
    assert response.status_code == 302, response.status_code
    held.clear()

    cpu, wall, nqueries = [], [], []
    # timed by CPU, not wall: waiting for PostgreSQL is not what the profile should show
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None
    sample_sql = None
    for i in range(args.n):
        # each sign-up from a fresh browser, as in the burst: only the CSRF cookie (the test
        # client would otherwise pile up the «thank you» messages cookie of every earlier one)
        client.cookies.clear()
        client.cookies["csrftoken"] = csrf
        with CaptureQueriesContext(connection) as queries:
            c0, w0 = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            response = client.post(info["url"], body(i), content_type=FORM)
            if profiler:
                profiler.disable()
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        assert response.status_code == 302, (response.status_code, response.content[:3000])
        nqueries.append(len(queries))
        if sample_sql is None or i == args.places + 5:
            sample_sql = [q["sql"] for q in queries.captured_queries]

    counts = burst_count(info["slug"])
    with app.connection_for_write() as conn:
        queued = conn.default_channel.queue_purge(DISCARD_QUEUE) or 0

    def summary(xs):
        return (
            f"median {statistics.median(xs):6.2f}  mean {statistics.mean(xs):6.2f}  "
            f"p90 {sorted(xs)[int(len(xs) * 0.9)]:6.2f}"
        )

    print(f"sign-ups: {args.n + 1}  counts: {counts}  (e-mails queued and purged: {queued})")
    if profiler:
        calls = pstats.Stats(profiler).total_calls
        print(f"function calls per sign-up (deterministic; with --cprofile): {calls / args.n:.0f}")
    print(f"CPU ms per sign-up   {summary(cpu)}")
    print(f"wall ms per sign-up  {summary(wall)}")
    print(f"lock held ms         {summary([h * 1000 for h in held])}")
    print(f"queries per sign-up  {sorted(set(nqueries))}")
    if args.queries:
        for sql in sample_sql:
            print("  ", sql[:300])
    if profiler:
        if args.dump:
            profiler.dump_stats(args.dump)
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
