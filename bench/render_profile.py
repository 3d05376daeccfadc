"""In-process cost of each main page, relative to the reference page — steady on a busy machine.

wrk's requests/s move with whatever else the machine is doing; the CPU time a request costs does
not. This loads every main page (the same list as ``bench/run.py``) through Django's test client in
this one process, ``--repeat`` times, and prints the median CPU milliseconds per request and its
ratio to the reference page. A ratio of 1.67 corresponds to 60 % of the reference's requests/s, 2.5
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


def cpu_ms(client: Client, url: str, repeat: int) -> float:
    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.process_time()
        response = client.get(url)
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="", help="a URL: print cProfile's top functions")
    args = parser.parse_args()
    clients = {
        role: login(Client(**HOST), User.objects.get(username=username))
        for role, username in ROLES
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
    ref = cpu_ms(clients["koordinator"], reference, args.repeat * 2)
    print(f"{'page':<46} {'role':<16} {'kind':<8} {'ms':>7} {'ratio':>6}  target")
    print(f"{'reference':<46} {'koordinator':<16} {'':<8} {ref:7.2f} {1:6.2f}")
    misses = 0
    for page in pages()["pages"]:
        if args.only and args.only not in page["url"]:
            continue
        kind = "list" if page["name"].endswith("_list") else "overview"
        ms = cpu_ms(clients[page["role"]], page["url"], args.repeat)
        ratio = ms / ref
        limit = LIST_RATIO if kind == "list" else OVERVIEW_RATIO
        verdict = "ok" if ratio <= limit else f"MISS (≤ {limit:.2f})"
        misses += ratio > limit
        print(
            f"{page['url'][:46]:<46} {page['role']:<16} {kind:<8} {ms:7.2f} {ratio:6.2f}  {verdict}"
        )
    print(f"pages over their ratio: {misses}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
