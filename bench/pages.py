"""Page-serving benchmark: the portal under gunicorn with production settings on PostgreSQL.

Measures requests/second and p50/p95 latency for the home page and a content page, beside
a static file served by the same gunicorn (WhiteNoise): the static file is the baseline,
measured in the same run, and the ratios are what to compare between runs.

    .venv/bin/python bench/pages.py [--requests 400] [--concurrency 4]

Starts what it needs (`tools/services/up`), uses its own `portal_bench` database, and ends
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
    output = subprocess.run(
        [str(ROOT / "tools/services/up")], check=True, capture_output=True, text=True
    ).stdout
    return dict(line.split("=", 1) for line in output.split() if "=" in line)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(services, static_root):
    database_url = services["DATABASE_URL"].rsplit("/", 1)[0] + "/portal_bench"
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": services["ELASTICSEARCH_URL"],
        "ELASTICSEARCH_INDEX_PREFIX": "bench_portal_",
        "STATIC_ROOT": str(static_root),
        "PORTAL_VAR_DIR": str(static_root.parent),
    }


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(services, env):
    admin_url = services["DATABASE_URL"]
    subprocess.run(
        ["psql", admin_url, "-q", "-c", "DROP DATABASE IF EXISTS portal_bench"], check=True
    )
    subprocess.run(["psql", admin_url, "-q", "-c", "CREATE DATABASE portal_bench"], check=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "-v", "0")


def content_page_path(env):
    script = (
        "from guidance.models import GuidancePage;"
        "page = GuidancePage.objects.live().order_by('path').first();"
        "print(page.url)"
    )
    return (
        subprocess.run(
            [PY, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def static_path():
    return "/static/portal/site.css"


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per URL")
    parser.add_argument("--concurrency", type=int, default=4, help="parallel connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()

    services = services_env()
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(services, Path(tmp) / "static")
        print("Preparing the bench database and static files...", file=sys.stderr)
        prepare(services, env)
        paths = {"home": "/en/", "content": content_page_path(env), "static": static_path()}
        port = free_port()
        server = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
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
    for name in ("home", "content"):
        results[name]["rps_vs_static"] = round(results[name]["rps"] / baseline["rps"], 3)
        results[name]["p50_vs_static"] = round(results[name]["p50_ms"] / baseline["p50_ms"], 2)
    print(f"{'page':<8} {'path':<40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'rps/static':>10}")
    for name, row in results.items():
        print(
            f"{name:<8} {row['path']:<40} {row['rps']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} "
            f"{row.get('rps_vs_static', 1.0):>10}"
        )
    print(
        json.dumps(
            {"bench": "pages", "concurrency": args.concurrency, "workers": args.workers, **results}
        )
    )


if __name__ == "__main__":
    main()
