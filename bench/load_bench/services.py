"""Our own services for the load benchmark, and the portal running on them.

PostgreSQL, a 3-node Elasticsearch and Redis are started with tools/services/up on ports
of their own (never the shared ones) under --services-dir; the load database is created
and filled there; gunicorn (portal/gunicorn.conf.py) and the Celery worker with beat run
with production settings against them.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from pages import bench_env

from load_bench.clients import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
SERVICES = ROOT / "tools" / "services"
DATABASE = "portal_load"
RUN = secrets.token_hex(3)  # names this run's learner accounts


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
    """The bench environment on our own services: the 3 Elasticsearch nodes, Redis for the
    cache and the task queue, and as many gunicorn workers as asked."""
    redis = services["REDIS_URL"].rsplit("/", 1)[0]
    return bench_env(
        services,
        DATABASE,
        "load_",
        var_dir,
        ELASTICSEARCH_URL=",".join(f"http://127.0.0.1:{args.es_port + n}" for n in range(3)),
        REDIS_URL=f"{redis}/5",
        CELERY_BROKER_URL=f"{redis}/6",
        WEB_CONCURRENCY=str(args.workers),
    )


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
from modeltranslation.utils import build_localized_fieldname
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

# Each language's words from the titles in that language (one page carries every
# language's title, title_fr...; an untranslated one is empty): Chinese has no spaces,
# so there the first four characters of a title.
words = {}
for code in json.loads(os.environ["LOAD_LANGUAGES"]):
    titles = Page.objects.live().public().values_list(
        build_localized_fieldname("title", code), flat=True
    )
    titles = [t for t in titles if t]
    if code == "zh-hans":
        found = {t[:4] for t in titles if len(t) >= 4}
    else:
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


def start_portal(env, var_dir, port):
    """gunicorn on `port` and the worker with beat, both logging to var_dir/server.log
    (gunicorn's requests to var_dir/access.log)."""
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 - the processes write to it
    server = subprocess.Popen(  # noqa: S603 - our own server
        [
            PY,
            "-m",
            "gunicorn",
            "-c",
            "portal/gunicorn.conf.py",
            # Each request with its status and time in microseconds, to find slow ones.
            "--access-logfile",
            str(var_dir / "access.log"),
            "--access-logformat",
            '%(t)s "%(r)s" %(s)s %(D)s',
            "portal.wsgi",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    worker = subprocess.Popen(  # noqa: S603 - our own worker
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
    return [server, worker]


def stop(processes, args):
    """Stop the portal's processes, then (unless --keep-services) our services."""
    for process in reversed(processes):
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    if not args.keep_services:
        subprocess.run([str(SERVICES / "down")], env=services_environ(args), check=False)  # noqa: S603


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
