"""Status-note generation time at 1× and 10× demo scale, split into data collection (the sections'
queries and composing the note), HTML rendering and PDF rendering (WeasyPrint), and the ratio of
the whole to WeasyPrint rendering the same final HTML alone.

Runs against its own PostgreSQL database (created if missing, migrated, seeded), never the
development or test database:

    python bench/statusnote_bench.py [--database-url postgres://postgres@127.0.0.1:5432/trivsel_bench_statusnote]
                                     [--scales 1 10] [--repeat 3] [--period "Forår 2023"]

Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/trivsel_bench_statusnote"


def ensure_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trivsel.settings")
    os.environ["REDIS_URL"] = ""  # no worker: the task's function is called directly
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def measure(period_name: str, repeat: int) -> dict[str, float]:
    from django.db import connection, reset_queries

    from trivsel.schools.models import Period
    from trivsel.statusnote import compose, services
    from trivsel.statusnote.rendering import render_html, render_pdf

    period = Period.objects.get(name=period_name)
    note = services.note_create_draft(period=period)  # a draft reads its data live, every time
    runs: dict[str, list[float]] = {"collect": [], "html": [], "pdf": [], "total": [], "alone": []}
    queries = 0
    # One untimed round first: WeasyPrint loads fonts and builds its caches on its first document,
    # as a Celery worker does once in its life — not on every note.
    render_pdf(render_html(compose.compose(note)))
    for _ in range(repeat):
        reset_queries()
        t0 = time.perf_counter()
        view = compose.compose(note)  # the sections' queries + composing the note
        t1 = time.perf_counter()
        queries = len(connection.queries)
        html = render_html(view)
        t2 = time.perf_counter()
        render_pdf(html)
        t3 = time.perf_counter()
        render_pdf(html)  # WeasyPrint alone on the same final HTML
        t4 = time.perf_counter()
        for key, value in (
            ("collect", t1 - t0),
            ("html", t2 - t1),
            ("pdf", t3 - t2),
            ("total", t3 - t0),
            ("alone", t4 - t3),
        ):
            runs[key].append(value)
    result = {key: statistics.median(values) for key, values in runs.items()}
    result["queries"] = queries
    result["ratio"] = result["total"] / result["alone"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--period", default="Forår 2023")
    args = parser.parse_args()

    ensure_database(args.database_url)
    setup_django(args.database_url)
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = True  # count queries
    call_command("migrate", verbosity=0)
    print(f"Statusnotat «{args.period}», median af {args.repeat} kørsler (sekunder)")
    print(
        f"{'skala':>5} {'data':>8} {'HTML':>8} {'PDF':>8} {'i alt':>8} {'kun WP':>8} {'forhold':>8} {'queries':>8}"
    )
    for scale in sorted(args.scales):
        started = time.perf_counter()
        call_command("seed_demo", "--quiet", "--scale", str(scale))
        seeded = time.perf_counter() - started
        # statistics as a running database has them (autovacuum would get there; bench/run.py
        # does the same): right after the bulk seed the planner believes the tables are empty
        # and nests loops over 10,000 activities
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        r = measure(args.period, args.repeat)
        print(
            f"{scale:>4}× {r['collect']:>8.3f} {r['html']:>8.3f} {r['pdf']:>8.3f} "
            f"{r['total']:>8.3f} {r['alone']:>8.3f} {r['ratio']:>8.2f} {r['queries']:>8}"
            f"   (seed {seeded:.0f} s)"
        )
    print(
        "data: sektionernes forespørgsler + notatets opbygning; forhold: i alt ÷ WeasyPrint alene"
    )


if __name__ == "__main__":
    main()
