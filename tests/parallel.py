"""Parallel test workers (`pytest -n 2`, pytest-xdist) keep out of each other's way.

Loaded with `-p tests.parallel` (tools/run-tests), before Django reads its settings. In a
worker it gives the process its own search index names, its own cache database in Redis
(tests empty the cache) and its own var folder (media, PDFs, offline packs, the secret
key), through the environment, so that the processes a test starts (a Celery worker, a
second server) see the same ones. pytest-django already gives each worker its own test
database. Outside a worker it changes nothing.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Redis database 0 is the cache of a run without workers and 1 the task queue's broker
# (portal/settings.py): the workers' caches start after them.
FIRST_CACHE_DATABASE = 2


def worker_environment(worker, environ):
    """The variables worker `worker` ("gw0", "gw1"...) runs with, given the run's own."""
    number = int(worker.removeprefix("gw"))
    prefix = environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_")
    var_dir = Path(environ.get("PORTAL_VAR_DIR") or ROOT / "var") / f"test-{worker}"
    changed = {"ELASTICSEARCH_INDEX_PREFIX": f"{prefix}{worker}_", "PORTAL_VAR_DIR": str(var_dir)}
    redis_url = environ.get("REDIS_URL")
    if redis_url:
        base, _, database = redis_url.rstrip("/").rpartition("/")
        if not database.isdigit():  # no database in the URL: Redis' default, 0
            base = redis_url.rstrip("/")
        changed["REDIS_URL"] = f"{base}/{FIRST_CACHE_DATABASE + number}"
    return changed


if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.update(worker_environment(os.environ["PYTEST_XDIST_WORKER"], os.environ))
