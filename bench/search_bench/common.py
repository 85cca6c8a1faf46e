"""What every phase of the search benchmark shares: the bench's own database and index
(the environment itself is bench/pages.py's `bench_env`), the portal's management commands
run in it, and latency statistics."""

import json
import math
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from pages import PY

ROOT = Path(__file__).resolve().parents[2]
# Overridable, so that two engineers sharing the services do not measure in each other's.
DATABASE = os.environ.get("BENCH_SEARCH_DATABASE", "portal_bench_search")
INDEX_PREFIX = os.environ.get("BENCH_SEARCH_INDEX_PREFIX", "bench_search_")
ALIAS = f"{INDEX_PREFIX}content"


def manage(env, *args, capture=False):
    """Run a management command; with `capture`, return its stdout (stderr is kept quiet)."""
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=capture,
        text=True,
    )
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")
    return result.stdout if capture else ""


def django_json(env, script):
    """Evaluate `script` (which prints one JSON line last) inside the bench's Django."""
    return json.loads(manage(env, "shell", "-c", script, capture=True).strip().splitlines()[-1])


def prepare(services, env, static_only=False):
    """A new bench database with the demo; `static_only`: only what a fresh temporary
    directory needs beside a kept database (static files, compiled catalogues)."""
    if not static_only:
        _new_database(services, env)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "-v", "0")


def _new_database(services, env):
    admin_url = services["DATABASE_URL"]
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True)
    manage(env, "migrate", "--noinput", "-v", "0", capture=True)
    manage(env, "load_demo", capture=True)


def timed(calls, concurrency, max_seconds):
    """Run the callables over `concurrency` threads; latencies in seconds, bounded in time."""
    latencies, failures = [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds
    work = list(calls)

    def worker(share):
        local = []
        for call in share:
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            try:
                call()
            except Exception as error:  # counted and reported, never hidden
                with lock:
                    failures.append(repr(error)[:200])
                continue
            local.append(time.perf_counter() - started)
        with lock:
            latencies.extend(local)

    threads = [
        threading.Thread(target=worker, args=(work[i::concurrency],)) for i in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return sorted(latencies)


def timed_in_turns(sides, rounds, concurrency, max_seconds):
    """`timed` for several sides at once ({side: calls}, the same queries in the same order):
    the sides take turns query by query, the order alternating, so that a busy machine slows
    them alike. Latencies in seconds, per side."""
    names = list(sides)
    latencies = {name: [] for name in names}
    lock = threading.Lock()

    def measured(name, call):
        def run():
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
            with lock:
                latencies[name].append(elapsed)

        return run

    work = []
    for number in range(rounds):
        for position in range(len(sides[names[0]])):
            turn = (number + position) % len(names)
            work += [measured(name, sides[name][position]) for name in names[turn:] + names[:turn]]
    timed(work, concurrency, max_seconds)
    return {name: sorted(values) for name, values in latencies.items()}


def percentiles(latencies):
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(latencies[max(0, math.ceil(len(latencies) * 0.95) - 1)] * 1000, 2),
    }
