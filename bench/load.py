"""Load benchmark: readers, searchers and learners at once, in normal running and under faults.

The portal runs as in production (gunicorn with portal/gunicorn.conf.py, 4 workers,
production settings, PostgreSQL, a 3-node Elasticsearch, Redis, the Celery worker with
beat) against its OWN services, started here with tools/services/up on ports of their own,
so that a node and the database may be stopped without disturbing anyone else. Loopback only.

Three phases of --seconds each:

1. normal: readers in six languages fetch the pages of the sitemap, searchers search,
   learners enrol and complete lessons (knowledge checks included, some submitted twice);
2. es: the same while one of the three Elasticsearch nodes is killed and started again;
   every search must answer 200 with results (a replica or the database engine answers);
3. pg: the same while PostgreSQL is restarted; errors inside the restart window are
   counted apart, and after it the portal must answer again without a gunicorn restart.

After each phase every completion acknowledged to a learner is looked up in the database:
it must be there exactly once. Ends with one JSON line of the figures.

    .venv/bin/python bench/load.py [--seconds 20] [--phases normal,es,pg]
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SERVICES = ROOT / "tools" / "services"
DATABASE = "portal_load"
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOC = re.compile(r"<loc>([^<]+)</loc>")
RUN = secrets.token_hex(3)  # names this run's learner accounts


# --- the services ------------------------------------------------------------------------


def services_environ(args):
    return {
        **os.environ,
        "SERVICES_DIR": args.services_dir,
        "PG_PORT": str(args.pg_port),
        "ES_PORT": str(args.es_port),
        "ES_NODES": "3",
        "REDIS_PORT": str(args.redis_port),
    }


def services_up(args):
    """Start (or complete) our own services; returns the URLs `up` prints."""
    output = subprocess.run(  # noqa: S603 - our own script
        [str(SERVICES / "up")],
        env=services_environ(args),
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout
    return dict(
        line.removeprefix("export ").split("=", 1) for line in output.splitlines() if "=" in line
    )


def services_shell(args, script):
    """Run `script` with tools/services/common.sh sourced (its node and PID helpers)."""
    return subprocess.run(  # noqa: S603 - our own script
        ["/bin/bash", "-c", f'source "{SERVICES}/common.sh" && {script}'],
        env=services_environ(args),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


def portal_env(args, services, var_dir):
    base = services["DATABASE_URL"].rsplit("/", 1)[0]
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{base}/{DATABASE}",
        "ELASTICSEARCH_URL": ",".join(f"http://127.0.0.1:{args.es_port + n}" for n in range(3)),
        "ELASTICSEARCH_INDEX_PREFIX": "load_",
        "REDIS_URL": services["REDIS_URL"].rsplit("/", 1)[0] + "/5",
        "CELERY_BROKER_URL": services["REDIS_URL"].rsplit("/", 1)[0] + "/6",
        "STATIC_ROOT": str(var_dir / "static"),
        "PORTAL_VAR_DIR": str(var_dir),
        "WEB_CONCURRENCY": str(args.workers),
    }


def manage(env, *args, capture=False):
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=capture, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{done.stderr or ''}")
    return done.stdout


def prepare(services, env, fresh):
    """Create, migrate and fill the load database, unless it is there already."""
    admin_url = services["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"

    def psql(sql):
        return subprocess.run(  # noqa: S603
            ["psql", admin_url, "-qAt", "-c", sql],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    exists = DATABASE in psql("SELECT datname FROM pg_database").split()
    if fresh or not exists:
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
    # Always: a database kept from an earlier run gets this checkout's migrations.
    manage(env, "migrate", "--noinput", "-v", "0")
    if fresh or not exists:
        manage(env, "load_demo", capture=True)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "-v", "0")


# Run inside `manage.py shell`: verified learners signed in (their session cookies), the
# courses' lessons in each language with the right answers, and words to search for.
SETUP_SCRIPT = """
import json, os
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone, translation
from courses.models import CoursePage, LearnerProfile
from wagtail.models import Page

count = int(os.environ["LOAD_LEARNERS"])
run = os.environ["LOAD_RUN"]
learners = []
for n in range(count):
    user = get_user_model().objects.create_user(
        username=f"load-{run}-{n}@example.org", email=f"load-{run}-{n}@example.org"
    )
    LearnerProfile.objects.create(
        user=user, full_name=f"Load {n}", organisation="Bench", country="Jordan",
        email_verified_at=timezone.now(),
    )
    client = Client()
    client.force_login(user)
    learners.append({"id": user.pk, "session": client.cookies[settings.SESSION_COOKIE_NAME].value})

courses = []
for course in CoursePage.objects.live().public().order_by("path"):
    for code in course.languages_available or ["en"]:
        with translation.override(code):
            lessons = []
            for lesson in course.lessons:
                right = {}
                for number, block in enumerate(lesson.knowledge_check, start=1):
                    index = next(i for i, a in enumerate(block.value["answers"]) if a["correct"])
                    right[f"q{number}"] = str(index)
                lessons.append({"id": lesson.pk, "url": lesson.get_url(), "right": right})
            courses.append({"language": code, "url": course.get_url(), "lessons": lessons})

words = {}
for code in json.loads(os.environ["LOAD_LANGUAGES"]):
    titles = Page.objects.live().public().filter(locale__language_code=code).values_list(
        "title", flat=True
    )
    found = {w.strip(".,:;()") for t in titles for w in t.split() if len(w) > 5}
    words[code] = sorted(found)[:15]
print(json.dumps({"learners": learners, "courses": courses, "words": words}))
"""


def setup(env, learners):
    output = manage(
        {
            **env,
            "LOAD_LEARNERS": str(learners),
            "LOAD_LANGUAGES": json.dumps(LANGUAGES),
            "LOAD_RUN": RUN,
        },
        "shell",
        "-c",
        SETUP_SCRIPT,
        capture=True,
    )
    return json.loads(output.strip().splitlines()[-1])


# Run inside `manage.py shell`: the lesson completions of the bench's learners.
ROWS_SCRIPT = """
import json, os
from django.db.models import Count
from courses.models import CourseCompletion, LessonCompletion
mine = {"user__username__startswith": os.environ["LOAD_RUN_PREFIX"]}
rows = LessonCompletion.objects.filter(**mine).values("user_id", "lesson_id").annotate(
    n=Count("id")
)
courses = CourseCompletion.objects.filter(**mine).values("user_id", "course_id").annotate(
    n=Count("id")
)
print(json.dumps({
    "lessons": [[r["user_id"], r["lesson_id"], r["n"]] for r in rows],
    "courses": [[r["user_id"], r["course_id"], r["n"]] for r in courses],
}))
"""


# --- the load ---------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    at: float
    seconds: float
    ok: bool
    detail: str = ""


@dataclass
class Record:
    """What the clients saw, shared by every thread."""

    samples: list = field(default_factory=list)
    acknowledged: set = field(default_factory=set)  # (user id, lesson id)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample):
        with self.lock:
            self.samples.append(sample)


class Connection:
    """One keep-alive connection, reopened when idle long enough for gunicorn to close it."""

    IDLE = 3.0  # gunicorn's keepalive is 5 s

    def __init__(self, port):
        self.port, self.conn, self.last = port, None, 0.0

    def request(self, method, path, body=None, headers=None):
        if self.conn is None or time.monotonic() - self.last > self.IDLE:
            self.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
            content = response.read()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.close()
            if method != "GET":  # never send a form twice behind the learner's back
                raise
            # A stale keep-alive connection (a worker recycled): a browser retries a GET.
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
            content = response.read()
        finally:
            self.last = time.monotonic()
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response, content

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def timed(record, kind, call):
    started = time.monotonic()
    try:
        ok, detail = call()
    except Exception as error:  # noqa: BLE001 - every failure is a sample
        ok, detail = False, f"{type(error).__name__}: {error}"
    record.add(Sample(kind, started, time.monotonic() - started, ok, detail))
    return ok


def reader(port, paths, stop, record):
    conn, rng = Connection(port), random.Random()  # noqa: S311 - not security

    def fetch():
        response, _ = conn.request("GET", rng.choice(paths), headers={"Accept-Encoding": "gzip"})
        return response.status == 200, f"HTTP {response.status}"

    while not stop.is_set():
        timed(record, "page", fetch)
    conn.close()


def searcher(port, language, words, stop, record):
    conn, rng = Connection(port), random.Random()  # noqa: S311 - not security

    def search():
        query = urllib.parse.urlencode({"q": rng.choice(words)})
        response, content = conn.request("GET", f"/{language}/search/?{query}")
        if response.status != 200:
            return False, f"HTTP {response.status}"
        return b"search-hit" in content, f"no results for {query}"

    while not stop.is_set():
        timed(record, "search", search)
    conn.close()


class Learner:
    """Takes accounts from `accounts` one at a time and works through a course with each."""

    def __init__(self, port, accounts, courses, record, stop):
        self.conn = Connection(port)
        self.accounts, self.courses, self.record, self.stop = accounts, courses, record, stop
        self.rng = random.Random()  # noqa: S311 - not security

    def cookies(self, account):
        return f"sessionid={account['session']}; csrftoken={account.get('csrf', '')}"

    def get_form(self, account, path):
        """Read a page as the learner; keep its CSRF token (cookie and form field)."""
        response, content = self.conn.request(
            "GET", path, headers={"Cookie": self.cookies(account)}
        )
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("csrftoken="):
                account["csrf"] = header.split(";", 1)[0].split("=", 1)[1]
        match = CSRF_FIELD.search(content.decode("utf-8", "replace"))
        if match:
            account["token"] = match.group(1)
        return response.status == 200 and match is not None, f"HTTP {response.status}"

    def post(self, account, path, data):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": account["token"], **data})
        headers = {
            "Cookie": self.cookies(account),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.conn.request("POST", path, body=body, headers=headers)

    def run(self):
        while not self.stop.is_set():
            try:
                account = self.accounts.pop()
            except IndexError:
                return
            course = self.rng.choice(self.courses)
            self.take(account, course)
        self.conn.close()

    def take(self, account, course):
        if not timed(self.record, "lesson", lambda: self.get_form(account, course["url"])):
            return

        def enrol():
            response, _ = self.post(account, course["url"] + "enrol/", {})
            return response.status == 302, f"HTTP {response.status}"

        if not timed(self.record, "enrol", enrol):
            return
        for lesson in course["lessons"]:
            if self.stop.is_set():
                return
            if not timed(
                self.record, "lesson", lambda lesson=lesson: self.get_form(account, lesson["url"])
            ):
                return
            # Now and then the same form goes twice (a double click, a second tab).
            for _ in range(2 if self.rng.random() < 0.2 else 1):
                if not timed(
                    self.record, "complete", lambda lesson=lesson: self.complete(account, lesson)
                ):
                    return

    def complete(self, account, lesson):
        if lesson["right"]:
            response, _ = self.post(account, lesson["url"] + "check/", lesson["right"])
            acknowledged = response.status == 200
        else:
            response, _ = self.post(account, lesson["url"] + "complete/", {})
            acknowledged = response.status == 302
        if acknowledged:
            with self.record.lock:
                self.record.acknowledged.add((account["id"], lesson["id"]))
        return acknowledged, f"HTTP {response.status}"


# --- phases ----------------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share) - 1))]


def summarise(samples):
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    figures = {}
    for kind, rows in sorted(by_kind.items()):
        times = [row.seconds for row in rows]
        failures = [row for row in rows if not row.ok]
        figures[kind] = {
            "requests": len(rows),
            "errors": len(failures),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(percentile(times, 0.95) * 1000, 1),
            "first_errors": sorted({row.detail for row in failures})[:3],
        }
    return figures


def kill_es_node(args, events):
    """Kill node 2 at a quarter of the phase, start it again at half (`up` starts it)."""
    time.sleep(args.seconds / 4)
    pid = int(services_shell(args, "es_node_pid 2").strip())
    os.kill(pid, signal.SIGKILL)
    events["node_killed"] = time.monotonic()
    time.sleep(args.seconds / 4)
    events["node_restarting"] = time.monotonic()
    services_up(args)
    events["node_back"] = time.monotonic()


def restart_postgres(args, events):
    """Stop PostgreSQL at a quarter of the phase; start it again five seconds later."""
    time.sleep(args.seconds / 4)
    events["window_start"] = time.monotonic()
    services_shell(args, "pg_stop")
    time.sleep(5)
    services_up(args)
    events["pg_back"] = time.monotonic()
    # Connections opened before the restart fail once each (a worker thread each).
    events["window_end"] = time.monotonic() + args.grace


def run_phase(name, args, port, data, paths, fault=None):
    record, stop, events = Record(), threading.Event(), {}
    accounts = list(data["learners"])
    random.shuffle(accounts)
    threads = []
    for n in range(args.readers):
        language = LANGUAGES[n % len(LANGUAGES)]
        mine = [p for p in paths if p.startswith(f"/{language}/")] or paths
        threads.append(threading.Thread(target=reader, args=(port, mine, stop, record)))
    for n in range(args.searchers):
        language = LANGUAGES[n % len(LANGUAGES)]
        words = data["words"].get(language) or data["words"]["en"] or ["help"]
        threads.append(
            threading.Thread(target=searcher, args=(port, language, words, stop, record))
        )
    for _ in range(args.learners):
        learner = Learner(port, accounts, data["courses"], record, stop)
        threads.append(threading.Thread(target=learner.run))
    began = time.monotonic()
    for thread in threads:
        thread.start()
    faulty = threading.Thread(target=fault, args=(args, events)) if fault else None
    if faulty:
        faulty.start()
    time.sleep(args.seconds)
    if faulty:
        faulty.join()  # a restart may outlast the phase: the load goes on meanwhile
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    result = {
        "phase": name,
        "seconds": round(elapsed, 1),
        "requests": len(record.samples),
        "errors": sum(not s.ok for s in record.samples),
        "rps": round(len(record.samples) / elapsed, 1),
        "kinds": summarise(record.samples),
        "learners_used": len(data["learners"]) - len(accounts),
    }
    if "window_start" in events:
        start, end = events["window_start"], events["window_end"]
        inside = [s for s in record.samples if start <= s.at < end]
        after = [s for s in record.samples if s.at >= end]
        result["restart_window_s"] = round(end - start, 1)
        result["errors_in_window"] = sum(not s.ok for s in inside)
        result["errors_after_window"] = sum(not s.ok for s in after)
        result["requests_after_window"] = len(after)
        result["errors"] = result["errors_after_window"] + sum(
            not s.ok for s in record.samples if s.at < start
        )
    if "node_killed" in events:
        result["node_down_s"] = round(events["node_back"] - events["node_killed"], 1)
    data["learners"] = accounts  # an account is used in one phase only
    return result, record


def check_exactly_once(env, acknowledged, every_acknowledged):
    rows = json.loads(
        manage({**env, "LOAD_RUN_PREFIX": f"load-{RUN}-"}, "shell", "-c", ROWS_SCRIPT, capture=True)
        .strip()
        .splitlines()[-1]
    )
    stored = {(user, lesson): n for user, lesson, n in rows["lessons"]}
    missing = [pair for pair in acknowledged if pair not in stored]
    doubled = [pair for pair, n in stored.items() if n > 1]
    return {
        "acknowledged": len(acknowledged),
        "rows": sum(stored.values()),
        "missing": len(missing),
        "doubled": len(doubled),
        "unacknowledged_rows": len(set(stored) - every_acknowledged),
        "courses_doubled": sum(n > 1 for _u, _c, n in rows["courses"]),
        "courses_completed": len(rows["courses"]),
        "exactly_once": not missing and not doubled,
    }


def wait_until_up(port, deadline=90):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the portal did not answer /healthz with 200 within {deadline} s")


def warm_up(port, paths, words):
    """Fetch each language's pages once (each worker's imports done) and keep as search
    words only those the healthy portal finds: a failed search later is then the fault's."""
    conn = Connection(port)
    for language in LANGUAGES:
        for path in [p for p in paths if p.startswith(f"/{language}/")][:8]:
            conn.request("GET", path)
        found = []
        for word in words.get(language, []):
            query = urllib.parse.urlencode({"q": word})
            _response, content = conn.request("GET", f"/{language}/search/?{query}")
            if b"search-hit" in content:
                found.append(word)
        words[language] = found
    conn.close()


def sitemap_paths(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/sitemap.xml")
    locations = LOC.findall(conn.getresponse().read().decode())
    paths = []
    for location in locations:
        path = urllib.parse.urlsplit(location).path
        if path.endswith(".xml"):  # an index of per-language sitemaps
            conn.request("GET", path)
            inner = LOC.findall(conn.getresponse().read().decode())
            paths += [urllib.parse.urlsplit(url).path for url in inner]
        else:
            paths.append(path)
    conn.close()
    return sorted(set(paths))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=int, default=20, help="length of each phase (120 for the full run)"
    )
    parser.add_argument("--phases", default="normal,es,pg", help="comma-separated: normal, es, pg")
    parser.add_argument("--readers", type=int, default=6, help="reader threads (languages in turn)")
    parser.add_argument("--searchers", type=int, default=3, help="searcher threads")
    parser.add_argument("--learners", type=int, default=3, help="learner threads")
    parser.add_argument("--accounts", type=int, default=400, help="learner accounts to create")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--grace",
        type=float,
        default=5.0,
        help="seconds after PostgreSQL is back still counted in its restart window",
    )
    parser.add_argument(
        "--services-dir",
        default=str(Path(tempfile.gettempdir()) / "load-services"),
        help="where our own services live",
    )
    parser.add_argument("--pg-port", type=int, default=54349, help="our PostgreSQL's port")
    parser.add_argument(
        "--es-port", type=int, default=9291, help="HTTP port of our first Elasticsearch node"
    )
    parser.add_argument("--redis-port", type=int, default=63819, help="our Redis's port")
    parser.add_argument(
        "--fresh", action="store_true", help="build the load database again even if it exists"
    )
    parser.add_argument(
        "--keep-services", action="store_true", help="leave our services running at the end"
    )
    args = parser.parse_args()
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]

    print("Starting our own services (tools/services/up)...", file=sys.stderr)
    services = services_up(args)
    processes = []
    try:
        # Beside the services: static files, the server's log, beat's schedule.
        var_dir = Path(args.services_dir) / "portal"
        var_dir.mkdir(parents=True, exist_ok=True)
        env = portal_env(args, services, var_dir)
        print("Preparing the load database...", file=sys.stderr)
        prepare(services, env, args.fresh)
        data = setup(env, args.accounts)
        port = free_port()
        log = open(var_dir / "server.log", "w")  # noqa: SIM115 - the processes write to it
        processes.append(
            subprocess.Popen(  # noqa: S603 - our own server
                [PY, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        )
        processes.append(
            subprocess.Popen(  # noqa: S603 - our own worker
                [
                    PY,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--beat",
                    "-l",
                    "warning",
                    "--concurrency",
                    "1",
                    "--schedule",
                    str(var_dir / "beat-schedule"),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        )
        wait_until_up(port)
        paths = sitemap_paths(port)
        print(
            f"{len(paths)} pages in the sitemap; {len(data['courses'])} course languages",
            file=sys.stderr,
        )
        warm_up(port, paths, data["words"])
        faults = {"normal": None, "es": kill_es_node, "pg": restart_postgres}
        results, acknowledged = [], set()
        for name in phases:
            print(f"Phase {name}: {args.seconds} s...", file=sys.stderr)
            result, record = run_phase(name, args, port, data, paths, faults[name])
            if name == "pg":
                wait_until_up(port, deadline=30)
            acknowledged |= record.acknowledged  # the rows hold every phase's learners
            result["completions"] = check_exactly_once(env, record.acknowledged, acknowledged)
            results.append(result)
            report(result)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if not args.keep_services:
            subprocess.run([str(SERVICES / "down")], env=services_environ(args), check=False)  # noqa: S603

    summary = {
        "bench": "load",
        "seconds_per_phase": args.seconds,
        "workers": args.workers,
        "clients": {
            "readers": args.readers,
            "searchers": args.searchers,
            "learners": args.learners,
        },
        "errors": sum(r["errors"] for r in results),
        "failed_searches": sum(r["kinds"].get("search", {}).get("errors", 0) for r in results),
        "acknowledged_completions": len(acknowledged),
        "exactly_once": all(r["completions"]["exactly_once"] for r in results),
        "phases": results,
    }
    print(json.dumps(summary))
    return 0 if summary["errors"] == 0 and summary["exactly_once"] else 1


def report(result):
    print(
        f"\nPhase {result['phase']}: {result['requests']} requests in {result['seconds']} s "
        f"({result['rps']}/s), {result['errors']} errors"
    )
    if "errors_in_window" in result:
        print(
            f"  PostgreSQL restart window {result['restart_window_s']} s: "
            f"{result['errors_in_window']} errors inside, {result['errors_after_window']} "
            f"of {result['requests_after_window']} requests after it"
        )
    if "node_down_s" in result:
        print(f"  Elasticsearch node es-2 down for {result['node_down_s']} s")
    print(f"  {'kind':<9} {'requests':>8} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, row in result["kinds"].items():
        print(
            f"  {kind:<9} {row['requests']:>8} {row['errors']:>7} "
            f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
            + (f"  {row['first_errors']}" if row["errors"] else "")
        )
    c = result["completions"]
    print(
        f"  completions acknowledged {c['acknowledged']}, rows {c['rows']}, "
        f"missing {c['missing']}, "
        f"doubled {c['doubled']}, courses completed {c['courses_completed']}: "
        f"{'exactly once' if c['exactly_once'] else 'NOT exactly once'}"
    )


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
