"""gunicorn's settings in production: `gunicorn -c portal/gunicorn.conf.py portal.wsgi`.

gunicorn sits behind nginx (tools/nginx/portal.conf), which holds slow and idle clients
and hands on only complete requests: on its own, a gunicorn worker gives each new
connection a thread for up to 5 seconds while it waits for the request, so fifty idle
connections queue every reader behind them (measured on loopback with one worker of these
settings: a request waited 60 s; through nginx, 7 ms; sync workers never answered).
Threads let a worker serve other readers while one waits on PostgreSQL or Elasticsearch;
workers x threads is also the most database connections the site keeps open
(CONN_MAX_AGE).

The application is loaded once in the master (preload_app), which builds the search
vocabulary before forking (portal/warm_up.py): a new worker answers its first search at
once instead of after 10-35 s. New code therefore needs a restart of gunicorn, not a HUP.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request taking longer than this is stuck: the worker is replaced.
timeout = 30
graceful_timeout = 30
keepalive = 5  # seconds; nginx keeps its own connections to gunicorn open
# Replace each worker now and then, so that memory a long-lived process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# nginx on the same machine tells gunicorn the client's scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
preload_app = True


def when_ready(server):
    """Before the first worker is forked: what each would otherwise build on its own."""
    from portal.warm_up import warm_up

    warm_up()


def pre_fork(server, worker):
    """What the master holds by now (Django, Wagtail, the vocabulary) lives as long as the
    worker: the garbage collector is told to leave it out, so a worker's collections walk
    only what its requests made, and no collection in a worker writes to the master's pages
    it shares. Without it a full collection came every few hundred searches and took
    that search a few milliseconds longer (bench/search_ab.py)."""
    gc.collect()
    gc.freeze()


# A worker collects its garbage after a response is sent, not in the middle of one: left to
# itself, the collector ran in 43% of the benchmark's searches (0.3 ms) and in one in 25 for
# 1.5-2.7 ms (timed with gc.callbacks); bench/search_ab.py measured p50 and p95 0.5 to 1 ms
# lower. The automatic collector stays as a safety net for a request that makes far more
# objects than a page does.
COLLECT_AFTER = 5_000  # objects made and not yet freed since the last collection
SAFETY_NET = 100_000


def post_fork(server, worker):
    gc.set_threshold(SAFETY_NET, 10, 10)


def post_request(worker, req, environ, resp):
    """After the response is written: collect the young generations once they hold
    COLLECT_AFTER objects, the older ones every tenth time as the automatic collector does."""
    young, middle, old = gc.get_count()
    if young >= COLLECT_AFTER:
        gc.collect(2 if old >= 10 else 1 if middle >= 10 else 0)
