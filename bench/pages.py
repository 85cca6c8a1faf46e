"""Page-serving benchmark: the portal under gunicorn with production settings on PostgreSQL.

Measures requests/second and p50/p95 latency for the home page and a guidance page, beside
a static file served by the same gunicorn (WhiteNoise): the static file is the baseline,
measured in the same server run, and the ratios are what to compare between runs.

Two server runs: one with the page cache off (every request renders: the uncached figures)
and one with it on (anonymous readers get the stored page: the cached figures). Then the
number of database queries each page type makes on an uncached render, in English and Arabic.

    .venv/bin/python bench/pages.py [--requests 400] [--concurrency 4]

Uses DATABASE_URL and ELASTICSEARCH_URL when both are set (else starts the services with
`tools/services/up`), its own database (BENCH_DATABASE, default `portal_bench`), and ends
with one JSON line of the figures.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def services_env():
    if os.environ.get("DATABASE_URL") and os.environ.get("ELASTICSEARCH_URL"):
        return {key: os.environ[key] for key in ("DATABASE_URL", "ELASTICSEARCH_URL")}
    output = subprocess.run(
        [str(ROOT / "tools/services/up")], check=True, capture_output=True, text=True
    ).stdout
    return dict(line.split("=", 1) for line in output.split() if "=" in line)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "portal_bench")


def bench_env(services, database, index_prefix, var_dir, **overrides):
    """The environment a bench runs the portal in: production settings on its own database
    (on the services' PostgreSQL server) and its own index prefix, with its static files
    and var directory under `var_dir`; `overrides` (more variables) come last."""
    server = services["DATABASE_URL"].rsplit("/", 1)[0]
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{server}/{database}",
        "ELASTICSEARCH_URL": services["ELASTICSEARCH_URL"],
        "ELASTICSEARCH_INDEX_PREFIX": index_prefix,
        "STATIC_ROOT": str(Path(var_dir) / "static"),
        "PORTAL_VAR_DIR": str(var_dir),
        **overrides,
    }


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(services, env):
    # Any database the user may connect to will do for creating and dropping the bench one.
    admin_url = services["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    subprocess.run(
        ["psql", admin_url, "-q", "-c", f"DROP DATABASE IF EXISTS {BENCH_DATABASE}"], check=True
    )
    subprocess.run(["psql", admin_url, "-q", "-c", f"CREATE DATABASE {BENCH_DATABASE}"], check=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "-v", "0")


# Run inside `manage.py shell`: one live page of each type, and the queries an uncached
# render of it makes (the second request, once per-process caches are warm).
PAGE_TYPES_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page
TYPES = ["portal.HomePage", "guidance.ThemePage", "guidance.GuidancePage",
         "guidance.StandardPage", "guidance.ToolPage", "guidance.GlossaryPage",
         "guidance.LibraryIndexPage", "courses.CoursePage", "courses.LessonPage",
         "portal.InformationPage"]
paths, queries = {}, {}
client = Client(HTTP_HOST="127.0.0.1")
for label in TYPES:
    app, model = label.split(".")
    page = Page.objects.live().filter(
        content_type__app_label=app, content_type__model=model.lower()
    ).order_by("path").first()
    if page is None:
        continue
    page = page.specific
    for code in ("en", "ar"):
        with translation.override(code):
            url = page.get_url()
        if code == "en":
            paths[model] = url
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
        queries[f"{model} [{code}]"] = len(captured) if status == 200 else f"HTTP {status}"
print(json.dumps({"paths": paths, "queries": queries}))
"""


def page_types(env):
    """Paths of one page of each type, and each type's query count in English and Arabic."""
    output = subprocess.run(
        [PY, "manage.py", "shell", "-c", PAGE_TYPES_SCRIPT],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_ENABLED": "0"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def static_path():
    return "/static/portal/site.css"


def gunicorn_command(port, workers, python=PY):
    """gunicorn as production runs it (portal/gunicorn.conf.py: threads, the application and
    the search vocabulary loaded before the workers fork) on `port` with `workers` processes.
    Its access log goes to stdout, as in production: start it with stdout=DEVNULL."""
    return [python, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "portal.wsgi"] + [
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]


def wait_until_up(port, deadline=60):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def hammer(port, path, requests, concurrency, max_seconds=60):
    """Send `requests` GETs over `concurrency` keep-alive connections; bounded in time."""
    latencies = []
    lock = threading.Lock()
    per_worker = requests // concurrency
    stop_at = time.monotonic() + max_seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        local = []
        for _ in range(per_worker):
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            local.append(time.perf_counter() - started)
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 2),
    }


def serve_and_measure(env, paths, args):
    """Start gunicorn with `env`, warm it, and measure each path in turn."""
    port = free_port()
    server = subprocess.Popen(
        gunicorn_command(port, args.workers), cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        wait_until_up(port)
        for path in paths.values():  # warm caches and worker imports
            hammer(port, path, args.concurrency * 5, args.concurrency)
        results = {
            name: {"path": path, **hammer(port, path, args.requests, args.concurrency)}
            for name, path in paths.items()
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    baseline = results["static"]
    for row in results.values():
        row["rps_vs_static"] = round(row["rps"] / baseline["rps"], 3)
        row["p50_vs_static"] = round(row["p50_ms"] / baseline["p50_ms"], 2)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per URL")
    parser.add_argument("--concurrency", type=int, default=4, help="parallel connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()

    services = services_env()
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(services, BENCH_DATABASE, f"bench_{BENCH_DATABASE}_", Path(tmp))
        print("Preparing the bench database and static files...", file=sys.stderr)
        prepare(services, env)
        types = page_types(env)
        paths = {
            "static": static_path(),
            "home": "/en/",
            "guidance": types["paths"]["GuidancePage"],
        }
        runs = {
            "uncached": serve_and_measure({**env, "PAGE_CACHE_ENABLED": "0"}, paths, args),
            "cached": serve_and_measure({**env, "PAGE_CACHE_ENABLED": "1"}, paths, args),
        }

    header = f"{'run':<9} {'page':<9} {'path':<40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
    print(header + f" {'rps/static':>10}")
    for run, results in runs.items():
        for name, row in results.items():
            print(
                f"{run:<9} {name:<9} {row['path'][:40]:<40} {row['rps']:>8} {row['p50_ms']:>8} "
                f"{row['p95_ms']:>8} {row['rps_vs_static']:>10}"
            )
    print("\nQueries per uncached page view (second request):")
    for name, count in types["queries"].items():
        print(f"  {name:<28} {count}")
    summary = {
        "cached_guidance_vs_static": runs["cached"]["guidance"]["rps_vs_static"],
        "cached_home_vs_static": runs["cached"]["home"]["rps_vs_static"],
        "uncached_guidance_vs_static": runs["uncached"]["guidance"]["rps_vs_static"],
        "uncached_home_vs_static": runs["uncached"]["home"]["rps_vs_static"],
    }
    print(
        json.dumps(
            {
                "bench": "pages",
                "concurrency": args.concurrency,
                "workers": args.workers,
                **summary,
                "runs": runs,
                "queries": types["queries"],
            }
        )
    )


if __name__ == "__main__":
    main()
