"""``python bench/run.py`` (or ``make bench``): every benchmark in one run, one table.

For each scale (1×, 10× and 100× demo data by default) it makes sure a database
``trivsel_bench_<N>`` holds the demo at that scale (created, migrated and seeded on first use —
timed) and measures every main page in-process (``bench/render_profile.py``: CPU ms of Python
and of PostgreSQL per request, KB, queries). At 10× it starts gunicorn (2 sync workers, DEBUG
off, ``bench.settings``) on loopback and loads every main page with 8 connections for its p99;
then, against the same server with a Celery worker, the sign-up burst and the offline sync; the
status note's own bench; the peak memory of both. Loopback only; every load step is bounded.

Options: --scales 1,10,100  --repeat 15  --seconds 5  --connections 8  --fresh (drop and reseed)
         --pages-only (no load, burst, sync, note)  --only URL-PART  --port N
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import date
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
OUT = ROOT / "var" / "bench"

TARGETS = {
    "ms": {10: 25, 100: 35},  # median CPU ms of a main page (Python + PostgreSQL), in-process
    "kb": {100: 300},  # HTML of a main page
    "p99_ms": 150,  # under 8 connections at 10×
    "burst": {"confirmed": 100, "waiting": 200, "errors": 0, "rate": 100},
    "sync_seconds": 10,
    "web_mb": 150,
    "celery_mb": 300,
    "seed_seconds": 120,  # seed_demo --scale 10
}
LOAD_SCALE = 10  # the scale of the load, the burst, the sync and memory
PEAK = {"a municipality": 5, "the nation": 100}  # req/s at peak: ~50 active logins each; 98


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --- databases ---------------------------------------------------------------------------------
def env_for(scale: int) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"{PG}/trivsel_bench_{scale}",
        REDIS_URL=REDIS,
        CELERY_BROKER_URL=REDIS,
        PYTHONPATH=str(ROOT),
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-key-not-for-production"),
        EMAIL_URL="dummymail://",
    )
    return env


def psql(sql: str, db: str = "postgres") -> str:
    import psycopg

    with psycopg.connect(f"{PG}/{db}", autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchone()[0] if cur.description else ""


def ensure_db(scale: int, fresh: bool) -> float | None:
    """Create, migrate and seed ``trivsel_bench_<scale>``; returns the seeding time when the
    database was created (a first seed is the one that counts), else None."""
    name = f"trivsel_bench_{scale}"
    exists = psql(f"SELECT count(*) FROM pg_database WHERE datname = '{name}'") == 1  # noqa: S608
    if exists and fresh:
        psql(f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = False
    if not exists:
        psql(f'CREATE DATABASE "{name}"')
    env = env_for(scale)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    subprocess.run(
        [PY, "manage.py", "seed_demo", "--quiet", "--scale", str(scale)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seconds = time.monotonic() - started
    # statistics and visibility map as a running database has them (autovacuum would get there)
    psql("VACUUM ANALYZE", name)
    return None if exists else seconds


def prepare(scale: int, *args: str) -> dict:
    out = subprocess.run(
        [PY, "bench/prepare.py", *args],
        cwd=ROOT,
        env=env_for(scale),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- processes ---------------------------------------------------------------------------------
def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {OUT}/gunicorn-*.log")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on {port}")


def start_gunicorn(scale: int, port: int) -> subprocess.Popen:
    OUT.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "--config",
            "python:trivsel.gunicorn_conf",
            "trivsel.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env_for(scale),
        stdout=open(OUT / f"gunicorn-{scale}.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_port(port, proc)
    return proc


def lower_priority(pid: int) -> None:
    """The Celery worker yields the CPU to the web workers while both are busy, as
    docker-compose.yml gives it a quarter of web's CPU weight (``cpu_shares: 256``). Here the two
    run as sessions of their own, and Linux schedules sessions as groups (autogroup): ``nice``
    counts only inside a group, so the worker's group gets the lower weight too."""
    autogroup = Path(f"/proc/{pid}/autogroup")
    if autogroup.exists():
        # not allowed: the worker keeps nice 10 inside its own group only
        with contextlib.suppress(OSError):
            autogroup.write_text("10")


def start_celery(scale: int) -> subprocess.Popen:
    # at a lower CPU priority than the web workers (see lower_priority): e-mails and PDFs yield
    # the cores to requests while both are busy (the sign-up burst), then catch up
    proc = subprocess.Popen(
        [
            "nice",
            "-n",
            "10",
            PY,
            "-m",
            "celery",
            "-A",
            "trivsel",
            "worker",
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env_for(scale),
        stdout=open(OUT / f"celery-{scale}.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lower_priority(proc.pid)
    return proc


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)  # the session we started: the master and its workers
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            kids += [int(k) for k in (task / "children").read_text().split()]
    return kids


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --- load --------------------------------------------------------------------------------------
def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url: str, cookie: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "bad": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def pyload(url: str, cookie: str, seconds: int, connections: int) -> dict:
    """Fallback when wrk is missing: ``connections`` threads, keep-alive, for ``seconds``."""
    parts = urllib.parse.urlsplit(url)
    latencies, bad = [], [0]
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        conn = HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine = []
        while time.monotonic() < stop_at:
            t = time.perf_counter()
            conn.request("GET", parts.path, headers={"Cookie": cookie})
            resp = conn.getresponse()
            resp.read()
            mine.append((time.perf_counter() - t) * 1000)
            if resp.status >= 400:
                bad[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    n = len(latencies)
    return {
        "rps": n / (time.monotonic() - started),
        "p50": latencies[n // 2],
        "p99": latencies[min(n - 1, int(n * 0.99))],
        "bad": bad[0],
        "socket_errors": "",
    }


def load(url: str, cookie: str, seconds: int, connections: int) -> dict:
    parts = urllib.parse.urlsplit(url)
    for _ in range(4):  # warm both workers' template caches and connections
        conn = HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", parts.path, headers={"Cookie": cookie})
        resp = conn.getresponse()
        resp.read()
        conn.close()
        if resp.status != 200:  # a login or second-factor redirect would measure the wrong page
            raise RuntimeError(f"{url} answered {resp.status}, not 200: not logged in?")
    if shutil.which("wrk"):
        return wrk(url, cookie, seconds, connections)
    return pyload(url, cookie, seconds, connections)


# --- the sign-up burst -------------------------------------------------------------------------
def signup_body(info: dict, csrf: str, i: int) -> str:
    """The form one person of the burst posts (also bench/burst_profile.py's, in-process)."""
    return urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "name": f"Deltager {i}",
            "email": f"storm.{i}@bench.rk.dk",
            "organisation": info["organisation"],
            "job_title": "Lærer",
            "days": info["day"],
            "dietary_needs": "",
            "accessibility_needs": "",
            "website": "",
        }
    )


def burst(port: int, scale: int, people: int = 300) -> dict:
    info = prepare(scale, "burst-setup")
    csrf = uuid.uuid4().hex  # an unmasked 32-character token, as cookie and form field
    released: list[float] = []
    # the clock starts when the last person is ready and all are let go (the barrier's action
    # runs once, just before the threads are released), not while threads are still connecting
    barrier = threading.Barrier(people, action=lambda: released.append(time.perf_counter()))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def sign_up(i: int):
        body = signup_body(info, csrf, i)
        conn = HTTPConnection("127.0.0.1", port, timeout=60)
        conn.connect()
        barrier.wait()
        t = time.perf_counter()
        try:
            conn.request(
                "POST",
                info["url"],
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={csrf}",
                },
            )
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except OSError:
            status = 0
        with lock:
            results.append((status, (time.perf_counter() - t) * 1000, time.perf_counter()))

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = max(r[2] for r in results) - released[0]
    ok = sum(1 for s, *_ in results if s == 302)
    latencies = sorted(r[1] for r in results)
    counts = prepare(scale, "burst-count", info["slug"])
    return {
        "confirmed": counts.get("confirmed", 0),
        "waiting": counts.get("waiting", 0),
        "errors": people - ok,
        "rate": ok / wall if wall else 0.0,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "seconds": wall,
        "slug": info["slug"],
        "ended": time.monotonic(),
    }


def wait_for_emails(scale: int, burst_result: dict, people: int = 300, timeout: float = 120):
    """After the burst: how many confirmation e-mails the Celery worker has sent (stamped on the
    registrations) and how many seconds after the burst the last one went."""
    deadline = time.monotonic() + timeout
    while True:
        sent = prepare(scale, "burst-count", burst_result["slug"]).get("emails_sent", 0)
        if sent >= people or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    burst_result["emails_sent"] = sent
    burst_result["emails_seconds"] = time.monotonic() - burst_result["ended"]


# --- the offline sync --------------------------------------------------------------------------
def sync(port: int, scale: int, session: str, session_cookie: str, n: int = 1000) -> dict:
    info = prepare(scale, "sync-setup")
    csrf = uuid.uuid4().hex
    headers = {
        "Content-Type": "application/json",
        "X-CSRFToken": csrf,
        "Cookie": f"{session_cookie}={session}; csrftoken={csrf}",
    }
    kinds = ["observation", "vejledning", "sparring"]
    entries = [
        {
            "uuid": info["uuids"][i],
            "school": info["school"],
            "school_class": None,
            "date": date.fromordinal(date(2023, 9, 4).toordinal() + i % 90).isoformat(),
            "start_time": "09:00",
            "duration_minutes": 45,
            "kind": kinds[i % 3],
            "status": "held",
            "participants": ["klasseteam"],
            "observation": f"Observation {i} fra tabletten: uro ved overgangene.",
            "tags": [],
            "shared_with_leadership": bool(i % 2),
            "follow_ups": [{"what": "Visuel dagsplan", "who": "Klasseteamet", "due": "2023-12-20"}]
            if i % 10 == 0
            else [],
        }
        for i in range(n)
    ]

    def warm_up() -> None:
        """Both workers answer a few entries before the clock starts, as the workers of a running
        server have: a fresh worker's first request imports the URL conf and loads translations
        (1–3 s, measured), which is no part of a sync. With --no-pages nothing else has warmed
        them. The entries are refused (no school: 400), so nothing is written."""
        refused = json.dumps({**entries[0], "school": None})

        def post_refused():
            conn = HTTPConnection("127.0.0.1", port, timeout=30)
            for _ in range(3):
                conn.request("POST", info["url"], body=refused, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 400:
                    raise RuntimeError(f"sync warm-up answered {resp.status}, not 400")

        threads = [threading.Thread(target=post_refused) for _ in range(4)]  # both workers busy
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def one_pass() -> tuple[dict, float]:
        conn = HTTPConnection("127.0.0.1", port, timeout=30)  # the tablet: one entry at a time
        statuses: dict[int, int] = {}
        started = time.perf_counter()
        for entry in entries:
            conn.request("POST", info["url"], body=json.dumps(entry), headers=headers)
            resp = conn.getresponse()
            resp.read()
            statuses[resp.status] = statuses.get(resp.status, 0) + 1
        return statuses, time.perf_counter() - started

    warm_up()
    first, first_s = one_pass()
    second, second_s = one_pass()
    rows = prepare(scale, "sync-count")["activities"]
    return {
        "created": first.get(201, 0),
        "first_statuses": first,
        "first_seconds": first_s,
        "acknowledged_again": second.get(200, 0),
        "second_statuses": second,
        "second_seconds": second_s,
        "rows": rows,
        "duplicates": second.get(201, 0) + max(0, rows - n),
    }


def drain_celery(timeout: float = 120) -> None:
    """Waits until the worker has taken the burst's confirmation e-mails off the queue."""
    import redis

    client = redis.Redis.from_url(REDIS)
    deadline = time.monotonic() + timeout
    while client.llen("celery") and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(2)  # the last task in hand


# --- the status note ---------------------------------------------------------------------------
def statusnote(scales: list[int]) -> dict:
    """The status note's own bench (bench/statusnote_bench.py, its own database): data, HTML and
    PDF seconds per scale and the ratio to WeasyPrint alone."""
    script = ROOT / "bench" / "statusnote_bench.py"
    if not script.exists():
        return {"todo": True}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [PY, str(script), "--scales", *map(str, scales), "--repeat", "5"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        tail = out.stderr.strip().splitlines()[-1:] or ["failed"]
        return {"error": tail[0]}
    rows = {}
    for line in out.stdout.splitlines():
        m = re.match(
            r"\s*(\d+)×\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)",
            line,
        )
        if m:
            scale, data, html, pdf, total, alone, ratio, queries = m.groups()
            rows[int(scale)] = {
                "data": float(data),
                "html": float(html),
                "pdf": float(pdf),
                "total": float(total),
                "weasyprint_alone": float(alone),
                "ratio": float(ratio),
                "queries": int(queries),
            }
    return {"rows": rows, "output": out.stdout}


# --- the run -----------------------------------------------------------------------------------
def cpu_profile(scale: int, repeat: int, only: str) -> dict:
    """``bench/render_profile.py --json`` against the scale's database, in its own process."""
    args = [PY, "bench/render_profile.py", "--json", "--repeat", str(repeat)]
    out = subprocess.run(
        [*args, *(["--only", only] if only else [])],
        cwd=ROOT,
        env=env_for(scale),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 5)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--pages-only", action="store_true")
    parser.add_argument("--only", default="", help="measure only pages whose URL contains this")
    args = parser.parse_args()
    scales = sorted(int(s) for s in args.scales.split(","))
    if not args.port:
        with socket.socket() as probe:  # a free loopback port (others may run servers here)
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    report: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(),
        "machine": f"{os.cpu_count()} cores, load at start {load_average()}",
        "tool": "wrk" if shutil.which("wrk") else "python threads",
        "seconds": args.seconds,
        "connections": args.connections,
        "scales": {},
    }
    for scale in scales:
        log(f"scale {scale}×: database (load {load_average()})")
        seeded = ensure_db(scale, args.fresh)
        log(f"scale {scale}×: CPU per page in-process (load {load_average()})")
        report["scales"][scale] = {
            "seed_seconds": seeded,
            **cpu_profile(scale, args.repeat, args.only),
        }
    if LOAD_SCALE in scales and not args.pages_only:
        report["load"] = under_load(args, LOAD_SCALE)
    report["load_at_end"] = load_average()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    text = render(report, scales)
    (OUT / "latest.txt").write_text(text)
    print(text)
    return 0


def under_load(args, scale: int) -> dict:
    """gunicorn at ``scale``: each main page's p99 under load, then the offline sync, the sign-up
    burst (with a Celery worker sending the e-mails), the status note and peak memory."""
    result: dict = {"pages": [], "reference": None}
    info = prepare(scale, "pages")
    base = f"http://127.0.0.1:{args.port}"
    cookie_of = {
        role: f"{info['session_cookie']}={value}" for role, value in info["sessions"].items()
    }
    gunicorn = celery = None
    try:
        gunicorn = start_gunicorn(scale, args.port)
        celery = start_celery(scale)
        result["reference"] = load(
            base + info["reference"], cookie_of["koordinator"], args.seconds, args.connections
        )
        for page in info["pages"]:
            if args.only and args.only not in page["url"]:
                continue
            log(f"{scale}× {page['role']:<16} {page['url']}  (load {load_average()})")
            measured = load(
                base + page["url"], cookie_of[page["role"]], args.seconds, args.connections
            )
            result["pages"].append({**page, **measured})
        log(f"{scale}× offline sync (load {load_average()})")
        result["sync"] = sync(
            args.port, scale, info["sessions"]["konsulent"], info["session_cookie"]
        )
        log(f"{scale}× sign-up burst (load {load_average()})")
        result["burst"] = burst(args.port, scale)
        wait_for_emails(scale, result["burst"])
        drain_celery()
        log(f"status note 1×/10× (load {load_average()})")
        result["statusnote"] = statusnote([1, 10])
        result["memory"] = {
            "web_mb": max(peak_rss_mb(p) for p in children(gunicorn.pid)),
            "celery_mb": max(
                [peak_rss_mb(celery.pid)] + [peak_rss_mb(p) for p in children(celery.pid)]
            ),
        }
    finally:
        stop(gunicorn)
        stop(celery)
    return result


def mark(ok: bool) -> str:
    return "ok" if ok else "MISS"


def render(report: dict, scales: list[int]) -> str:
    by_scale = report["scales"]
    load = report.get("load") or {}
    lines = [
        f"Trivselsportalen benchmark — {report['date']} — {report['machine']}; load at end "
        f"{report['load_at_end']}",
        "CPU: median ms of Python + PostgreSQL per request, in-process (bench/render_profile.py); "
        f"p99: gunicorn, 2 sync workers, {report['connections']} connections × "
        f"{report['seconds']} s per page ({report['tool']}) at {LOAD_SCALE}×",
        "",
    ]
    for scale in scales:
        seed = by_scale[scale].get("seed_seconds")
        if seed is not None:
            target = f" ({mark(seed < TARGETS['seed_seconds'])} < {TARGETS['seed_seconds']} s)"
            lines.append(f"seed_demo --scale {scale}: {seed:.1f} s{target if scale == 10 else ''}")
    top = max(scales)
    budget = " / ".join(f"{ms} ms@{s}×" for s, ms in TARGETS["ms"].items() if s in scales)
    header = f"{'page':<34} {'role':<15}" + "".join(f" {f'{s}× ms':>8}" for s in scales)
    header += f" {f'KB@{top}×':>8} {'queries':>10} {'p99 ms':>7}  budget: {budget}, "
    header += f"≤ {TARGETS['kb'][100]} KB@100×, p99 < {TARGETS['p99_ms']}"
    lines += [header, "-" * len(header)]
    floor = f"{'reference (floor)':<34} {'koordinator':<15}"
    floor += "".join(f" {by_scale[s]['reference']['ms']:8.1f}" for s in scales)
    floor += f" {by_scale[top]['reference']['kb']:8.0f}"
    floor += f" {'/'.join(str(by_scale[s]['reference']['queries']) for s in scales):>10}"
    ref_load = load.get("reference")
    floor += f" {ref_load['p99']:7.0f}" if ref_load else f" {'':>7}"
    lines.append(floor)
    keys = []
    for scale in scales:
        for page in by_scale[scale]["pages"]:
            if (page["url"], page["role"]) not in keys:
                keys.append((page["url"], page["role"]))
    loaded = {(p["url"], p["role"]): p for p in load.get("pages", [])}
    misses = 0
    for url, role in keys:
        rows = {
            s: next((p for p in by_scale[s]["pages"] if (p["url"], p["role"]) == (url, role)), None)
            for s in scales
        }
        line = f"{url[:34]:<34} {role:<15}"
        line += "".join(f" {rows[s]['ms']:8.1f}" if rows[s] else f" {'–':>8}" for s in scales)
        line += f" {rows[top]['kb']:8.0f}" if rows[top] else f" {'–':>8}"
        counts = [rows[s]["queries"] for s in scales if rows[s]]
        line += f" {'/'.join(map(str, counts)):>10}"
        under = loaded.get((url, role))
        line += f" {under['p99']:7.0f}" if under else f" {'':>7}"
        verdict = []
        for scale, limit in TARGETS["ms"].items():
            if rows.get(scale) and rows[scale]["ms"] > limit:
                verdict.append(f"> {limit} ms at {scale}×")
        if rows.get(100) and rows[100]["kb"] > TARGETS["kb"][100]:
            verdict.append(f"> {TARGETS['kb'][100]} KB at 100×")
        if len(set(counts)) > 1:
            verdict.append("queries grow")
        if under and under["p99"] >= TARGETS["p99_ms"]:
            verdict.append(f"p99 ≥ {TARGETS['p99_ms']} ms")
        if under and under.get("bad"):
            verdict.append(f"{under['bad']} bad answers")
        misses += bool(verdict)
        lines.append(line + "  " + ("MISS: " + ", ".join(verdict) if verdict else "ok"))
    lines.append(f"pages missing a budget: {misses} of {len(keys)}")
    lines.append("")
    if LOAD_SCALE in by_scale:
        pages = by_scale[LOAD_SCALE]["pages"]
        mean = statistics.mean(p["ms"] for p in pages)
        cores = report["cores"]
        lines.append(
            f"projected peak, every main page alike at {LOAD_SCALE}× "
            f"(a large municipality): {mean:.1f} ms CPU a request on this machine's {cores} cores"
        )
        for who, rate in PEAK.items():
            share = rate * mean / 1000 / cores
            lines.append(
                f"  {who:<15} {rate:>4} req/s  = {rate * mean / 1000:5.2f} CPU s/s "
                f"= {share:6.1%} of the machine"
            )
        lines.append("")
    note = load.get("statusnote")
    if note and note.get("todo"):
        lines.append("status note        TODO: no bench/statusnote_bench.py yet")
    elif note and note.get("error"):
        lines.append(f"status note        FAILED: {note['error']}")
    elif note:
        for scale, r in sorted(note["rows"].items()):
            ok = r["ratio"] <= 1.25 and (scale != 10 or r["total"] < 3)
            lines.append(
                f"status note {scale:>2}×    data {r['data']:.2f} s, HTML {r['html']:.2f} s, "
                f"PDF {r['pdf']:.2f} s, total {r['total']:.2f} s, WeasyPrint alone "
                f"{r['weasyprint_alone']:.2f} s, ratio {r['ratio']:.2f}, {r['queries']} queries — "
                f"{mark(ok)} (target < 3 s at 10×, ratio ≤ 1.25)"
            )
    b = load.get("burst")
    if b:
        t = TARGETS["burst"]
        ok = (
            b["confirmed"] == t["confirmed"]
            and b["waiting"] == t["waiting"]
            and b["errors"] == t["errors"]
            and b["rate"] >= t["rate"]
        )
        lines.append(
            f"sign-up burst {LOAD_SCALE}×  300 at once, 100 places: confirmed {b['confirmed']}, "
            f"waiting {b['waiting']}, errors {b['errors']}, {b['rate']:.0f} sign-ups/s, p99 "
            f"{b['p99']:.0f} ms, {b['seconds']:.1f} s — {mark(ok)} (target 100/200/0, ≥ 100/s); "
            f"confirmation e-mails sent {b.get('emails_sent', '?')} of 300, the last "
            f"{b.get('emails_seconds', 0):.1f} s after the burst"
        )
    s = load.get("sync")
    if s:
        ok = (
            s["first_seconds"] < TARGETS["sync_seconds"]
            and s["created"] == s["rows"] == 1000
            and s["duplicates"] == 0
        )
        lines.append(
            f"offline sync {LOAD_SCALE}×   1,000 activities one by one: created {s['created']} "
            f"in {s['first_seconds']:.1f} s; again: {s['acknowledged_again']} acknowledged as "
            f"duplicates in {s['second_seconds']:.1f} s, rows {s['rows']}, duplicates "
            f"{s['duplicates']} — {mark(ok)} (target < 10 s, 0 duplicates)"
        )
    m = load.get("memory")
    if m:
        lines.append(
            f"memory {LOAD_SCALE}×         peak RSS web worker {m['web_mb']:.0f} MB "
            f"({mark(m['web_mb'] < TARGETS['web_mb'])} < 150), Celery worker "
            f"{m['celery_mb']:.0f} MB ({mark(m['celery_mb'] < TARGETS['celery_mb'])} < 300)"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
