"""Phase (c): publishing an edited guidance page, at the smallest and the largest size, with
each engine. The tables and the index are filled by copying the demo's rows under new ids in
bulk; the timing itself runs inside the bench's Django (`manage.py shell`)."""

import inspect
import json
import sys

from search_bench.common import django_json
from search_bench.reindex import inflate


def publish_timings(target, rounds):
    """Inside the bench's Django: fill the tables up to `target` search entries by copying
    the demo's rows, then time publishing an edited guidance page with each engine.

    Sent as source to `manage.py shell`, so it imports what it needs itself.
    """
    import json
    import math
    import statistics
    import time
    from collections import defaultdict

    from django.db import connection
    from django.test import override_settings

    from guidance.models import GuidancePage
    from search.models import SearchEntry

    step = 1_000_000  # a copy's ids: the original's plus a multiple of this
    originals = SearchEntry.objects.filter(target_id__lt=step)
    base = originals.count()
    copies = max(0, math.ceil((target - base) / base))
    filled = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(target_id) / %s, 0) FROM search_searchentry", [step])
        done = cursor.fetchone()[0]
        for first in range(done + 1, copies + 1, 50):  # in slices, each one statement
            last = min(copies, first + 49)
            cursor.execute(
                "INSERT INTO search_searchentry (target_type, target_id, language, kind, title, "
                "summary, headings, body, url, date, themes, audiences, regions, languages, "
                "superseded, length) "
                "SELECT target_type, target_id + k * %s, language, kind, title, summary, "
                "headings, body, url, date, themes, audiences, regions, languages, superseded, "
                "length FROM search_searchentry, generate_series(%s, %s) k WHERE target_id < %s",
                [step, first, last, step],
            )
            cursor.execute(
                "INSERT INTO search_searchterm "
                "(entry_id, language, term, weight, in_title, positions) "
                "SELECT copy.id, t.language, t.term, t.weight, t.in_title, t.positions "
                "FROM search_searchterm t "
                "JOIN search_searchentry e ON e.id = t.entry_id AND e.target_id < %s "
                "JOIN search_searchentry copy ON copy.target_type = e.target_type "
                "AND copy.language = e.language "
                "AND copy.target_id BETWEEN e.target_id + %s AND e.target_id + %s "
                "AND (copy.target_id - e.target_id) %% %s = 0",
                [step, first * step, last * step, step],
            )
            # Wagtail's own (admin) index grows with the pages: one row per copied object.
            cursor.execute(
                "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, "
                "autocomplete, body, title_norm, title_text, body_text) "
                "SELECT content_type_id, (object_id::bigint + k * %s)::text, title, "
                "autocomplete, body, title_norm, title_text, body_text "
                "FROM wagtailsearch_indexentry, generate_series(%s, %s) k "
                "WHERE object_id ~ '^[0-9]+$' AND object_id::bigint < %s",
                [step, first, last, step],
            )
        cursor.execute("ANALYZE search_searchentry, search_searchterm, wagtailsearch_indexentry")
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM search_searchentry), "
            "(SELECT COUNT(*) FROM search_searchterm), "
            "(SELECT COUNT(*) FROM wagtailsearch_indexentry)"
        )
        entries, terms, admin_entries = cursor.fetchone()
    filled = time.perf_counter() - filled

    statements = defaultdict(lambda: [0, 0.0])

    def counted(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            row = statements[" ".join(sql.split())[:110]]
            row[0] += 1
            row[1] += time.perf_counter() - started

    page = GuidancePage.objects.live().order_by("pk").first()
    summary = page.summary
    figures = {}
    for engine, url in (("elasticsearch", None), ("database", "")):
        overrides = {} if url is None else {"ELASTICSEARCH_URL": url}
        latencies = []
        with override_settings(**overrides), connection.execute_wrapper(counted):
            for number in range(rounds + 3):  # the first three warm up
                page = GuidancePage.objects.get(pk=page.pk)
                page.summary = f"{summary} ({engine} {number})"
                started = time.perf_counter()
                page.save_revision().publish()
                if number >= 3:
                    latencies.append(time.perf_counter() - started)
        latencies.sort()
        figures[engine] = {
            "publishes": len(latencies),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(latencies[max(0, math.ceil(len(latencies) * 0.95) - 1)] * 1000, 1),
        }
    page.summary = summary
    page.save_revision().publish()
    slowest = sorted(statements.items(), key=lambda item: -item[1][1])[:5]
    print(
        json.dumps(
            {
                "entries": entries,
                "terms": terms,
                "admin_index_entries": admin_entries,
                "fill_seconds": round(filled, 1),
                "publish": figures,
                "slowest_statements": [
                    {"sql": sql, "count": count, "ms": round(seconds * 1000, 1)}
                    for sql, (count, seconds) in slowest
                ],
            }
        )
    )


def measure_publish(env, client, alias, target, rounds):
    """Publish timings at `target` entries (the index copied up to the same size). Without
    a task queue, so the update is sent to Elasticsearch within the publish, as it commits."""
    if client.count(index=alias)["count"] < target:
        inflate(client, alias, target)
    env = {name: value for name, value in env.items() if "REDIS" not in name}
    env.pop("CELERY_BROKER_URL", None)
    source = inspect.getsource(publish_timings)
    figures = django_json(env, f"{source}\npublish_timings({target}, {rounds})")
    # As soon as measured: a long run stopped later still leaves this size's figures.
    print(
        json.dumps({"entries": figures["entries"], "publish": figures["publish"]}), file=sys.stderr
    )
    return figures


def print_publish(publish, sizes):
    smallest, largest = publish[sizes[0]], publish[sizes[-1]]
    print(f"\n{'publish':<14} {'entries':>8} {'terms':>10} {'p50 ms':>8} {'p95 ms':>8}")
    for engine in ("elasticsearch", "database"):
        for point in (smallest, largest):
            row = point["publish"][engine]
            print(
                f"{engine:<14} {point['entries']:>8} {point['terms']:>10} "
                f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
            )
    ratios = {
        engine: round(
            largest["publish"][engine]["p50_ms"] / smallest["publish"][engine]["p50_ms"], 2
        )
        for engine in ("elasticsearch", "database")
    }
    print(
        f"Publish p50 at {largest['entries']} entries / at {smallest['entries']}: "
        + ", ".join(f"{engine} {ratio}" for engine, ratio in ratios.items())
        + " (target <= 1.5)"
    )
    print(f"Slowest statements while publishing at {largest['entries']} entries:")
    for row in largest["slowest_statements"]:
        print(f"  {row['ms']:>8} ms {row['count']:>5}x  {row['sql']}")
    return ratios
