"""Database engine benchmark: p50/p95 of searches answered by the database engine (the
embedded default, and the fallback while Elasticsearch is down), in-process, over whatever
the configured database holds (the demo, or the demo plus `manage.py generate_pages N`
and `manage.py rebuild_search --database-only`).

    .venv/bin/python bench/database_search.py [--rounds 5]

Each query of bench/search.py's six-language set (plus a few misspelt and question
queries) is run once to warm the per-process caches, then `--rounds` times; the figures
are the search as a reader's request makes it (engine.search, results described), without
the HTTP and template layers. Prints a table and one JSON line.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

QUERIES = {
    "en": [
        "referral pathways", "consent", "unaccompanied children", "evacuaton", "traficking",
        "how do I identify a victim of trafficking",
    ],
    "fr": ["consentement", "orientation", "enfants non accompagnés", "évacuation"],
    "es": ["consentimiento", "derivación", "niños no acompañados", "evacuación"],
    "ar": ["الموافقة", "الإحالة", "الأطفال غير المصحوبين", "الإجلاء", "اطفال"],
    "ru": ["согласие", "направление", "несопровождаемые дети", "торговля людьми", "детей"],
    "zh-hans": ["知情同意", "转介", "无人陪伴儿童", "撤离", "人口贩运", "个按管理", "转界"],
}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="Timed runs of each query.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from search import engine
    from search.models import SearchEntry, SearchTerm

    settings.ELASTICSEARCH_URL = ""  # the database engine, whatever the environment says
    timings, found = [], {}
    for language, queries in QUERIES.items():
        for query in queries:
            engine.search(query, language)  # warm: stemmer, word cache, connection
            for _round in range(args.rounds):
                started = time.perf_counter()
                results = engine.search(query, language)
                timings.append((time.perf_counter() - started) * 1000)
            found[f"{language}:{query}"] = results.total
    figures = {
        "vendor": connection.vendor,
        "entries": SearchEntry.objects.count(),
        "terms": SearchTerm.objects.count(),
        "queries": sum(len(queries) for queries in QUERIES.values()),
        "searches": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
    }
    for key, value in figures.items():
        print(f"{key:>10}  {value}")  # noqa: T201 - a benchmark's report
    print(json.dumps({**figures, "found": found}, ensure_ascii=False))  # noqa: T201


if __name__ == "__main__":
    main()
