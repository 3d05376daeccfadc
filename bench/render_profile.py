"""In-process cost of each main page, relative to the reference page — steady on a busy machine.

wrk's requests/s move with whatever else the machine is doing; the CPU time a request costs does
not. This loads every main page (the same list as ``bench/run.py``) through Django's test client in
this one process, ``--repeat`` times, and prints the median CPU milliseconds per request — of this
process (``py``) and of its PostgreSQL backend (``pg``, read from /proc: the server runs on this
machine) — and the ratio of their sum to the reference page's. Under wrk both sides share the
same two cores, so the sum is what a request costs the machine. A ratio of 1.67 corresponds to 60 % of the reference's requests/s, 2.5
to 40 % — the issue's targets for lists and overviews. ``--profile URL`` prints cProfile's top
functions for one page instead.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://postgres@127.0.0.1:5432/trivsel_bench_10 \
        .venv/bin/python bench/render_profile.py [--repeat 15] [--only /konsulenter/]
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()
logging.getLogger("django.request").setLevel(logging.CRITICAL)  # pages() probes roles: 403s

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import ROLES  # noqa: E402
from bench.prepare import HOST, pages  # noqa: E402
from tests.conftest import login  # noqa: E402
from trivsel.schools.models import User  # noqa: E402

LIST_RATIO, OVERVIEW_RATIO = 1 / 0.60, 1 / 0.40


TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu_ms() -> float:
    """CPU milliseconds the PostgreSQL backend of this process's connection has used so far."""
    from django.db import connection

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICK


def cpu_ms(client: Client, url: str, repeat: int) -> tuple[float, float]:
    """Median (python, postgres) CPU ms of one request. The backend's counter ticks in 10 ms
    steps, so its share is the total over all repeats divided by their number."""
    client.get(url)
    times = []
    backend_started = backend_cpu_ms()
    for _ in range(repeat):
        started = time.process_time()
        response = client.get(url)
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), (backend_cpu_ms() - backend_started) / repeat


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="", help="a URL: print cProfile's top functions")
    args = parser.parse_args()
    clients = {
        role: login(Client(**HOST), User.objects.get(username=username)) for role, username in ROLES
    }
    if args.profile:
        role = next(
            (p["role"] for p in pages()["pages"] if p["url"] == args.profile), "koordinator"
        )
        client = clients[role]
        client.get(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return 0
    reference = reverse("bench_reference")
    ref_py, ref_pg = cpu_ms(clients["koordinator"], reference, args.repeat * 2)
    ref = ref_py + ref_pg
    print(f"{'page':<46} {'role':<16} {'kind':<8} {'py ms':>6} {'pg ms':>6} {'ratio':>6}  target")
    print(f"{'reference':<46} {'koordinator':<16} {'':<8} {ref_py:6.2f} {ref_pg:6.2f} {1:6.2f}")
    misses = 0
    for page in pages()["pages"]:
        if args.only and args.only not in page["url"]:
            continue
        kind = "list" if page["name"].endswith("_list") else "overview"
        py, pg = cpu_ms(clients[page["role"]], page["url"], args.repeat)
        ratio = (py + pg) / ref
        limit = LIST_RATIO if kind == "list" else OVERVIEW_RATIO
        verdict = "ok" if ratio <= limit else f"MISS (≤ {limit:.2f})"
        misses += ratio > limit
        print(
            f"{page['url'][:46]:<46} {page['role']:<16} {kind:<8} {py:6.2f} {pg:6.2f} {ratio:6.2f}"
            f"  {verdict}"
        )
    print(f"pages over their ratio: {misses}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
