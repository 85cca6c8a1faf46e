"""Relevance benchmark: how well search answers the judged queries of tests/search/relevance/.

For each language: nDCG@10, P@3 (share of the first three results that are relevant) and
the number of queries with nothing relevant in the first ten, on Elasticsearch (PostgreSQL,
the demo library, `rebuild_search`) and on the embedded default (SQLite, the database
engine), each measured on a fresh load of the demo in this run. Ends with one JSON line.

    .venv/bin/python bench/relevance.py [--engine elasticsearch|database|both] [--misses]

Targets (issue: readers find the right guidance): nDCG@10 >= 0.85 on Elasticsearch and
>= 0.65 on the embedded default in every language, and no query left without a relevant
result. Starts what it needs (`tools/services/up`); uses its own `portal_bench_relevance`
database and `bench_relevance_` index prefix; nothing leaves 127.0.0.1.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # bench/pages.py: the same service helpers

from pages import PY, services_env  # noqa: E402

ROOT = ROOT.parent
DATABASE = "portal_bench_relevance"
TARGETS = {"elasticsearch": 0.85, "database": 0.65}
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"]


def child_env(engine, tmp):
    env = {**os.environ, "PORTAL_VAR_DIR": str(tmp)}
    if engine == "database":
        env.pop("DATABASE_URL", None)
        env.pop("ELASTICSEARCH_URL", None)
        return env
    services = services_env()
    admin_url = services["DATABASE_URL"]
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True)
    env.update(
        DATABASE_URL=admin_url.rsplit("/", 1)[0] + "/" + DATABASE,
        ELASTICSEARCH_URL=services["ELASTICSEARCH_URL"],
        ELASTICSEARCH_INDEX_PREFIX="bench_relevance_",
    )
    return env


def measure(engine):
    """Load the demo on `engine` in a child process and return its scores."""
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(engine, Path(tmp))
        for args in (
            ["migrate", "--noinput", "-v", "0"],
            ["load_demo"],
            ["rebuild_search"],
            ["compilemessages", "--ignore=.venv", "-v", "0"],
        ):
            print(f"[{engine}] manage.py {' '.join(args)}", file=sys.stderr, flush=True)
            subprocess.run(
                [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
            )
        print(f"[{engine}] searching the judged queries", file=sys.stderr, flush=True)
        output = subprocess.run(
            [PY, __file__, "--score"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def score():
    """In the child: search every judged query through the portal's engine."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from search import engine
    from search.evaluation import evaluate

    scores = evaluate(lambda text, language: engine.search(text, language))
    print(
        json.dumps(
            {
                language: {
                    "ndcg": item.ndcg,
                    "p3": item.precision,
                    "no_relevant": item.no_relevant,
                    "queries": item.queries,
                    "misses": item.misses,
                }
                for language, item in scores.items()
            },
            ensure_ascii=False,
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--engine",
        choices=["elasticsearch", "database", "both"],
        default="both",
        help="which engine to measure (default: both)",
    )
    parser.add_argument(
        "--misses", action="store_true", help="list the queries scoring below 0.5 nDCG@10"
    )
    parser.add_argument("--score", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.score:
        return score()
    engines = ["elasticsearch", "database"] if args.engine == "both" else [args.engine]
    figures = {engine: measure(engine) for engine in engines}
    met = True
    for engine, scores in figures.items():
        target = TARGETS[engine]
        print(f"\n{engine} (target nDCG@10 >= {target})")
        print(f"{'language':<9} {'queries':>7} {'nDCG@10':>8} {'P@3':>6} {'no relevant':>12}")
        for language in LANGUAGES:
            item = scores.get(language)
            if item is None:
                continue
            ok = item["ndcg"] >= target and item["no_relevant"] == 0
            met &= ok
            print(
                f"{language:<9} {item['queries']:>7} {item['ndcg']:>8.3f} {item['p3']:>6.3f}"
                f" {item['no_relevant']:>12}  {'met' if ok else 'BELOW TARGET'}"
            )
            if args.misses:
                for text, value, first in item["misses"]:
                    print(f"    {value:.2f}  {text}  ->  {', '.join(first)}")
    print(f"\nTargets {'met' if met else 'not met'}.")
    summary = {
        engine: {
            language: {key: item[key] for key in ("ndcg", "p3", "no_relevant", "queries")}
            for language, item in scores.items()
        }
        for engine, scores in figures.items()
    }
    print(json.dumps({"relevance": summary, "targets_met": met}))
    return None


if __name__ == "__main__":
    main()
