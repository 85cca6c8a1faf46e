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
DATABASE = "portal_bench_search"
INDEX_PREFIX = "bench_search_"
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
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    from elasticsearch import Elasticsearch

    services = services_env()
    client = Elasticsearch([services["ELASTICSEARCH_URL"]], timeout=120, max_retries=0)
    alias = f"{INDEX_PREFIX}content"
    points, reindex, raw, generated = {}, None, None, 0
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(services, Path(tmp))
        print("Preparing the bench database, demo content and static files...", file=sys.stderr)
        prepare(services, env)
        for number, target in enumerate(sizes):
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
    client.indices.delete(index=f"{INDEX_PREFIX}*", ignore_unavailable=True)

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
                "rounds": args.rounds,
                "concurrency": args.concurrency,
                "workers": args.workers,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
