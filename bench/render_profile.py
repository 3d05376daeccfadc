"""CPU per main page, in-process: what one request costs the machine, steady on a busy machine.

Loads every main page (``bench/pages.py``: each role's home and every list and overview, as the
first demo role that may open it) through Django's test client in this one process, ``--repeat``
times after a first visit, and gives per page the median CPU milliseconds of this process
(``py``), the CPU its PostgreSQL backend spent per request (``pg``, from /proc: the server runs
on this machine), the size of the HTML and the number of queries. Under load both sides share the
same cores, so ``py + pg`` is what a request costs. The reference page (a 50-row table from one
query in the same base template, behind the same middleware) is the floor: what any page costs.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://postgres@127.0.0.1:5432/trivsel_bench_10 \\
        .venv/bin/python bench/render_profile.py [--repeat 15] [--only /konsulenter/] [--json]
    ... bench/render_profile.py --profile /provehandlinger/daekning/   # cProfile's top functions
"""

from __future__ import annotations

import argparse
import cProfile
import json
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import ROLES  # noqa: E402
from bench.prepare import HOST, pages  # noqa: E402
from tests.conftest import login  # noqa: E402
from trivsel.schools.models import User  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu_ms() -> float:
    """CPU milliseconds the PostgreSQL backend of this process's connection has used so far."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICK


def measure(client: Client, url: str, repeat: int) -> dict:
    """Median CPU ms of this process per request, the backend's CPU per request (its counter
    ticks in 10 ms steps: the total over all repeats divided by their number), KB, queries."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # now: the next request empties the log
    assert response.status_code == 200, (url, response.status_code)
    times = []
    backend_started = backend_cpu_ms()
    for _ in range(repeat):
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    pg = (backend_cpu_ms() - backend_started) / repeat
    py = statistics.median(times)
    return {
        "py": round(py, 2),
        "pg": round(pg, 2),
        "ms": round(py + pg, 2),
        "kb": round(len(response.content) / 1024, 1),
        "queries": queries,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--profile", default="", help="a URL: print cProfile's top functions")
    args = parser.parse_args()
    clients = {
        role: login(Client(**HOST), User.objects.get(username=username)) for role, username in ROLES
    }
    found = pages()["pages"]
    if args.profile:
        role = next((p["role"] for p in found if p["url"] == args.profile), "koordinator")
        client = clients[role]
        client.get(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return 0
    reference = measure(clients["koordinator"], reverse("bench_reference"), args.repeat * 2)
    results = []
    for page in found:
        if args.only and args.only not in page["url"]:
            continue
        results.append({**page, **measure(clients[page["role"]], page["url"], args.repeat)})
    if args.json:
        print(json.dumps({"reference": reference, "pages": results}))
        return 0
    print(f"{'page':<46} {'role':<16} {'py ms':>6} {'pg ms':>6} {'ms':>6} {'KB':>6} {'q':>3}")
    for name, row in [("reference", {"role": "koordinator", **reference})] + [
        (p["url"], p) for p in results
    ]:
        print(
            f"{name[:46]:<46} {row['role']:<16} {row['py']:6.1f} {row['pg']:6.1f} "
            f"{row['ms']:6.1f} {row['kb']:6.0f} {row['queries']:3d}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
