"""Search benchmark: the portal's search view beside Elasticsearch itself at three index
sizes, and a full reindex beside a raw bulk load.

    .venv/bin/python bench/search.py [--sizes 1000,10000,100000] [--rounds 8]

(a) Reindex (at the middle size): `manage.py rebuild_search` (database entries, then the
    Elasticsearch load with its alias swap, each timed by the command) in documents/second,
    beside the same documents bulk-loaded straight into a scratch index with the same
    settings and mapping.
(b) Queries, at each size: a fixed set of queries in the six languages, p50/p95 latency
    through the portal's search view (gunicorn, production settings, HTTP on loopback)
    beside the same searches sent directly to Elasticsearch (the msearch bodies the portal
    sends: own language and other language in one round trip), and their ratio; then the
    portal's p95 at the largest size over its p95 at the smallest.
(c) Publishing, at the smallest and the largest size: median and p95 of
    `save_revision().publish()` of an edited guidance page, signals included, once with
    the update sent to Elasticsearch and once with the database engine alone, and the
    ratio largest / smallest for each; then the statements that took the most time.
    The tables (search entries, their terms, Wagtail's admin index) and the index are
    filled by copying the demo's rows under new ids in bulk. `--publish-only` measures
    this part alone.

The demo library plus generated pages (`generate_pages`) make the first sizes. The largest
is reached by copying the index's documents under new ids (the same texts, bulk-loaded),
since generating 100,000 documents' worth of pages takes far longer than searching them;
the portal's database keeps the pages of the middle size.

Starts what it needs (`tools/services/up`), uses its own `portal_bench_search` database and
`bench_search_` index prefix, prints a table and ends with one JSON line of the figures.
Request counts and time are bounded; nothing leaves 127.0.0.1.
"""

import argparse
import http.client
import inspect
import json
import math
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # bench/pages.py: the same service and server helpers

from pages import PY, free_port, services_env, wait_until_up  # noqa: E402

ROOT = ROOT.parent
# Overridable, so that two engineers sharing the services do not measure in each other's.
DATABASE = os.environ.get("BENCH_SEARCH_DATABASE", "portal_bench_search")
INDEX_PREFIX = os.environ.get("BENCH_SEARCH_INDEX_PREFIX", "bench_search_")
SCRATCH_INDEX = f"{INDEX_PREFIX}raw_bulk"

# Words and phrases from the demo library, four per language (one misspelt in English).
QUERIES = {
    "en": ["referral pathways", "consent", "how to identify a victim of trafficking", "evacuaton"],
    "fr": ["consentement", "orientation", "enfants non accompagnés", "évacuation"],
    "es": ["consentimiento", "derivación", "niños no acompañados", "evacuación"],
    "ar": ["الموافقة", "الإحالة", "الأطفال غير المصحوبين", "الإجلاء"],
    "ru": ["согласие", "направление", "несопровождаемые дети", "торговля людьми"],
    "zh-hans": ["知情同意", "转介", "无人陪伴儿童", "撤离"],
}


def bench_env(services, tmp):
    database_url = services["DATABASE_URL"].rsplit("/", 1)[0] + "/" + DATABASE
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": services["ELASTICSEARCH_URL"],
        "ELASTICSEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "ELASTICSEARCH_TIMEOUT": "30",
        "STATIC_ROOT": str(tmp / "static"),
        "PORTAL_VAR_DIR": str(tmp),
    }


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


def prepare(services, env):
    admin_url = services["DATABASE_URL"]
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True)
    manage(env, "migrate", "--noinput", "-v", "0", capture=True)
    manage(env, "load_demo", capture=True)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "-v", "0")


def languages_per_generated_page(env):
    """Synthetic pages copy the demo guidance pages: this many languages each, on average."""
    return django_json(
        env,
        "import json\n"
        "from guidance.models import GuidancePage\n"
        "pages = list(GuidancePage.objects.live())\n"
        "print(json.dumps(sum(len(p.languages) for p in pages) / len(pages)))",
    )


def rebuild(env):
    """`rebuild_search`, timed as a whole and by the command for each of its two parts."""
    started = time.perf_counter()
    output = manage(env, "rebuild_search", capture=True)
    total = time.perf_counter() - started
    database = re.search(r"(\d+) search entries from .* in ([\d.]+) s\.", output)
    elastic = re.search(r"(\d+) documents in \S+ in ([\d.]+) s\.", output)
    if not database or not elastic:
        raise SystemExit(f"Unexpected rebuild_search output:\n{output}")
    return {
        "documents": int(elastic.group(1)),
        "seconds": round(total, 2),
        "database_seconds": float(database.group(2)),
        "elasticsearch_seconds": float(elastic.group(2)),
    }


def raw_bulk_load(client, alias):
    """The same documents, from the portal's index, bulk-loaded into a scratch index with the
    same settings and mapping: what Elasticsearch alone needs for them."""
    from elasticsearch.helpers import bulk, scan

    index = next(iter(client.indices.get_alias(name=alias)))
    analysis = client.indices.get_settings(index=index)[index]["settings"]["index"]["analysis"]
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    documents = [(hit["_id"], hit["_source"]) for hit in scan(client, index=alias, size=1000)]
    client.indices.delete(index=SCRATCH_INDEX, ignore_unavailable=True)
    started = time.perf_counter()
    client.indices.create(
        index=SCRATCH_INDEX,
        body={
            "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "refresh_interval": "-1",
                "analysis": analysis,
            },
            "mappings": mapping,
        },
    )
    actions = (
        {"_index": SCRATCH_INDEX, "_id": _id, "_source": source} for _id, source in documents
    )
    indexed, _errors = bulk(client, actions, chunk_size=500, request_timeout=120)
    client.indices.refresh(index=SCRATCH_INDEX)
    seconds = time.perf_counter() - started
    client.indices.delete(index=SCRATCH_INDEX, ignore_unavailable=True)
    return {"documents": indexed, "seconds": round(seconds, 2)}


def msearch_bodies(env):
    """For every query, the msearch body the portal sends (page 1, no filters, relevance)."""
    script = (
        "import json\n"
        "from search.elastic import ElasticIndex\n"
        "from search.engine import FALLBACK_HITS\n"
        "from search.query import understand\n"
        "index = ElasticIndex()\n"
        f"queries = {QUERIES!r}\n"
        "bodies = {}\n"
        "for language, texts in queries.items():\n"
        "    for text in texts:\n"
        "        query = understand(text, language)\n"
        "        searches = [{}, index.query_body(query, {}, 'relevance', 0, 10)]\n"
        "        if query.translated:\n"
        "            searches += [{}, index.other_language_body(query, {}, FALLBACK_HITS)]\n"
        "        bodies[language + '|' + text] = searches\n"
        "print(json.dumps({'alias': index.alias, 'bodies': bodies}))"
    )
    return django_json(env, script)


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


def percentiles(latencies):
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(latencies[max(0, math.ceil(len(latencies) * 0.95) - 1)] * 1000, 2),
    }


def portal_call(port, language, text):
    path = f"/{language}/search/?q={quote(text)}"
    local = threading.local()

    def call():
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local.conn.request("GET", path)
        response = local.conn.getresponse()
        body = response.read()
        answered = b"search-results" in body or b"no-results" in body
        if response.status != 200 or not answered:
            raise RuntimeError(f"{path} answered {response.status}")

    return call


def elastic_call(client, alias, searches):
    def call():
        responses = client.msearch(index=alias, body=searches)["responses"]
        if any("error" in response for response in responses):
            raise RuntimeError(responses)

    return call


def inflate(client, alias, target):
    """Copy the index's documents under new ids until it holds `target` documents."""
    from elasticsearch.helpers import bulk, scan

    documents = [(hit["_id"], hit["_source"]) for hit in scan(client, index=alias, size=1000)]

    def copies():
        count, round_number = len(documents), 1
        while count < target:
            for _id, source in documents:
                if count >= target:
                    return
                yield {"_index": alias, "_id": f"{_id}-copy{round_number}", "_source": source}
                count += 1
            round_number += 1

    bulk(client, copies(), chunk_size=1000, request_timeout=600)
    client.indices.refresh(index=alias, request_timeout=600)


def index_size(client, alias):
    stats = client.indices.stats(index=alias, metric="docs,store")["_all"]["primaries"]
    return {"documents": stats["docs"]["count"], "bytes": stats["store"]["size_in_bytes"]}


def grow_by_pages(env, target, reindex):
    """Generate pages and rebuild until the index holds `target` documents."""
    per_page = languages_per_generated_page(env)
    generated = 0
    for _attempt in range(3):
        missing = target - (reindex["documents"] if reindex else 0)
        if reindex and missing <= 0:
            break
        count = max(1, math.ceil(missing / per_page * 1.02))
        print(f"Generating {count} synthetic pages...", file=sys.stderr)
        manage(env, "generate_pages", str(count), "--no-index", capture=True)
        generated += count
        print("Rebuilding search (rebuild_search)...", file=sys.stderr)
        reindex = rebuild(env)
    if reindex["documents"] < target:
        raise SystemExit(f"Only {reindex['documents']} documents after three rounds")
    return reindex, generated


def measure_latency(env, client, args):
    """p50/p95 of the portal's search page and of the same msearch sent to Elasticsearch."""
    prepared = msearch_bodies(env)
    found = {
        language: [
            client.msearch(index=prepared["alias"], body=prepared["bodies"][f"{language}|{text}"])[
                "responses"
            ][0]["hits"]["total"]["value"]
            for text in texts
        ]
        for language, texts in QUERIES.items()
    }
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port)
        latency, pooled = {}, {"portal": [], "elasticsearch": []}
        for language, texts in QUERIES.items():
            portal = [portal_call(port, language, text) for text in texts]
            direct = [
                elastic_call(client, prepared["alias"], prepared["bodies"][f"{language}|{text}"])
                for text in texts
            ]
            timed((portal + direct) * 2, args.concurrency, args.max_seconds)  # warm up
            measured = {
                "portal": timed(portal * args.rounds, args.concurrency, args.max_seconds),
                "elasticsearch": timed(direct * args.rounds, args.concurrency, args.max_seconds),
            }
            latency[language] = {side: percentiles(values) for side, values in measured.items()}
            for side, values in measured.items():
                pooled[side] += values
        latency["all"] = {side: percentiles(sorted(values)) for side, values in pooled.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    for row in latency.values():
        row["p50_ratio"] = round(row["portal"]["p50_ms"] / row["elasticsearch"]["p50_ms"], 2)
        row["p95_ratio"] = round(row["portal"]["p95_ms"] / row["elasticsearch"]["p95_ms"], 2)
    return latency, found


def print_latency(size, latency, found):
    print(f"\nAt {size['documents']} documents ({size['bytes']} bytes):")
    print(
        f"{'language':<9} {'requests':>8} {'portal p50':>11} {'p95':>8} "
        f"{'ES p50':>8} {'p95':>8} {'p50 x':>7} {'p95 x':>7}  results per query"
    )
    for language, row in latency.items():
        portal, direct = row["portal"], row["elasticsearch"]
        print(
            f"{language:<9} {portal['requests']:>8} {portal['p50_ms']:>11} {portal['p95_ms']:>8} "
            f"{direct['p50_ms']:>8} {direct['p95_ms']:>8} {row['p50_ratio']:>7} "
            f"{row['p95_ratio']:>7}  {' '.join(map(str, found.get(language, [])))}"
        )


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
    return django_json(env, f"{source}\npublish_timings({target}, {rounds})")


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="index sizes to measure at, in documents (the largest by copying documents)",
    )
    parser.add_argument(
        "--rounds", type=int, default=8, help="times each query is sent, per side (bounded)"
    )
    parser.add_argument("--concurrency", type=int, default=1, help="parallel connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--max-seconds", type=int, default=180, help="time limit of each latency measurement"
    )
    parser.add_argument(
        "--publish-rounds", type=int, default=20, help="publishes timed per size and engine"
    )
    parser.add_argument(
        "--publish-only",
        action="store_true",
        help="measure publishing alone, at the smallest and largest size (copied from the demo)",
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    from elasticsearch import Elasticsearch

    services = services_env()
    client = Elasticsearch([services["ELASTICSEARCH_URL"]], timeout=120, max_retries=0)
    alias = f"{INDEX_PREFIX}content"
    points, reindex, raw, generated, publish = {}, None, None, 0, {}
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(services, Path(tmp))
        print("Preparing the bench database, demo content and static files...", file=sys.stderr)
        prepare(services, env)
        if args.publish_only:
            rebuild(env)
            for target in (sizes[0], sizes[-1]):
                print(f"Publishing at {target} entries...", file=sys.stderr)
                publish[target] = measure_publish(env, client, alias, target, args.publish_rounds)
            sizes = [sizes[0], sizes[-1]]
        for number, target in enumerate([] if args.publish_only else sizes):
            if number < len(sizes) - 1 or len(sizes) == 1:
                reindex, more = grow_by_pages(env, target, reindex)
                generated += more
                if number == len(sizes) - 2 or len(sizes) == 1:
                    print("Raw bulk load of the same documents...", file=sys.stderr)
                    raw = raw_bulk_load(client, alias)
            else:
                print(f"Copying documents up to {target}...", file=sys.stderr)
                inflate(client, alias, target)
            size = index_size(client, alias)
            print(f"Measuring at {size['documents']} documents...", file=sys.stderr)
            latency, found = measure_latency(env, client, args)
            points[target] = {"index": size, "latency": latency, "results_per_query": found}
            if number in (0, len(sizes) - 1):
                print(f"Publishing at {target} entries...", file=sys.stderr)
                publish[target] = measure_publish(env, client, alias, target, args.publish_rounds)
    client.indices.delete(index=f"{INDEX_PREFIX}*", ignore_unavailable=True)
    publish_ratios = print_publish(publish, sizes)
    if args.publish_only:
        print(json.dumps({"bench": "search", "publish": publish, "ratios": publish_ratios}))
        return

    reindex["docs_per_second"] = round(reindex["documents"] / reindex["seconds"], 1)
    reindex["elasticsearch_docs_per_second"] = round(
        reindex["documents"] / reindex["elasticsearch_seconds"], 1
    )
    raw["docs_per_second"] = round(raw["documents"] / raw["seconds"], 1)
    ratios = {
        "rebuild_vs_raw": round(reindex["docs_per_second"] / raw["docs_per_second"], 3),
        "rebuild_es_part_vs_raw": round(
            reindex["elasticsearch_docs_per_second"] / raw["docs_per_second"], 3
        ),
    }
    smallest, largest = points[sizes[0]], points[sizes[-1]]
    growth = round(
        largest["latency"]["all"]["portal"]["p95_ms"]
        / smallest["latency"]["all"]["portal"]["p95_ms"],
        2,
    )

    print(f"Generated pages: {generated}")
    print()
    print(f"{'reindex':<28} {'documents':>10} {'seconds':>9} {'docs/s':>9}")
    print(
        f"{'rebuild_search (all)':<28} {reindex['documents']:>10} {reindex['seconds']:>9} "
        f"{reindex['docs_per_second']:>9}"
    )
    print(f"{'  of which database':<28} {'':>10} {reindex['database_seconds']:>9} {'':>9}")
    print(
        f"{'  of which Elasticsearch':<28} {reindex['documents']:>10} "
        f"{reindex['elasticsearch_seconds']:>9} {reindex['elasticsearch_docs_per_second']:>9}"
    )
    print(
        f"{'raw bulk load':<28} {raw['documents']:>10} {raw['seconds']:>9} "
        f"{raw['docs_per_second']:>9}"
    )
    print(
        f"ratios: rebuild/raw {ratios['rebuild_vs_raw']}, "
        f"Elasticsearch part/raw {ratios['rebuild_es_part_vs_raw']}"
    )
    for point in points.values():
        print_latency(point["index"], point["latency"], point["results_per_query"])
    print(
        f"\nPortal p95 at {largest['index']['documents']} documents / at "
        f"{smallest['index']['documents']}: {growth} (target <= 1.5); portal/Elasticsearch p95: "
        + ", ".join(
            f"{point['index']['documents']}: {point['latency']['all']['p95_ratio']}"
            for point in points.values()
        )
        + " (target <= 1.2)"
    )
    print(
        json.dumps(
            {
                "bench": "search",
                "generated_pages": generated,
                "reindex": reindex,
                "raw_bulk": raw,
                "reindex_ratios": ratios,
                "points": points,
                "p95_growth": growth,
                "publish": publish,
                "publish_ratios": publish_ratios,
                "rounds": args.rounds,
                "concurrency": args.concurrency,
                "workers": args.workers,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
