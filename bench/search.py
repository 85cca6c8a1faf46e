"""Search benchmark: the portal's search view beside Elasticsearch itself at three index
sizes, and a full reindex beside a raw bulk load.

    .venv/bin/python bench/search.py [--sizes 1000,10000,100000] [--rounds 30]
        [--queries-only] [--keep] [--reuse]

(a) Reindex (at the middle size): `manage.py rebuild_search` (database entries, then the
    Elasticsearch load with its alias swap, each timed by the command) in documents/second,
    beside the same documents bulk-loaded straight into a scratch index with the same
    settings and mapping.
(b) Queries, at each size: a fixed set of queries in the six languages, p50/p95 latency
    through the portal's search view (gunicorn, production settings, HTTP on loopback)
    beside the same searches sent directly to Elasticsearch (the msearch bodies the portal
    sends: own language and other language in one round trip), the two taking turns query by
    query so that a busy machine slows them alike, and their ratio; then the portal's p95
    at the largest size over its p95 at the smallest.
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

Each phase is a module of bench/search_bench/ (reindex.py, queries.py, publish.py, and
common.py for what they share); this script only runs them in order and prints the tables.

`--queries-only` measures the latency phase (b) alone, the index still grown as above;
`--keep` leaves the bench's database and index in place at the end, and `--reuse` then
measures (b) again against them at their present size (one size, no growing), e.g. before
and after a change to the search page, and leaves them for the next run.
BENCH_SEARCH_DATABASE and BENCH_SEARCH_INDEX_PREFIX name the database and index, so that
one kept at each size can be measured in turn.

Starts what it needs (`tools/services/up`), uses its own `portal_bench_search` database and
`bench_search_` index prefix, prints a table and ends with one JSON line of the figures.
Request counts and time are bounded; nothing leaves 127.0.0.1.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/pages.py and the phases

from pages import bench_env, services_env  # noqa: E402
from search_bench.common import ALIAS, DATABASE, INDEX_PREFIX, prepare  # noqa: E402
from search_bench.publish import measure_publish, print_publish  # noqa: E402
from search_bench.queries import measure_latency, print_latency  # noqa: E402
from search_bench.reindex import (  # noqa: E402
    grow_by_pages,
    index_size,
    inflate,
    raw_bulk_load,
    rebuild,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="index sizes to measure at, in documents (the largest by copying documents)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=30,
        help="times each query is sent, per side (bounded): 30 makes a p95 of 120 searches"
        " per language and 720 in all",
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
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="measure the query latency (b) alone: no raw bulk load, no publishing",
    )
    parser.add_argument(
        "--keep", action="store_true", help="leave the bench's database and index at the end"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure (b) against a kept database and index at their present size (and keep them)",
    )
    args = parser.parse_args()
    args.queries_only = args.queries_only or args.reuse
    sizes = sorted(int(size) for size in args.sizes.split(","))

    from elasticsearch import Elasticsearch

    services = services_env()
    client = Elasticsearch([services["ELASTICSEARCH_URL"]], timeout=120, max_retries=0)
    alias = ALIAS
    points, reindex, raw, generated, publish = {}, None, None, 0, {}
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(services, DATABASE, INDEX_PREFIX, Path(tmp), ELASTICSEARCH_TIMEOUT="30")
        if args.reuse:
            print("Reusing the kept bench database and index...", file=sys.stderr)
            prepare(services, env, static_only=True)
            size = index_size(client, alias)
            sizes = [size["documents"]]
        else:
            print("Preparing the bench database, demo content and static files...", file=sys.stderr)
            prepare(services, env)
        if args.publish_only:
            rebuild(env)
            for target in (sizes[0], sizes[-1]):
                print(f"Publishing at {target} entries...", file=sys.stderr)
                publish[target] = measure_publish(env, client, alias, target, args.publish_rounds)
            sizes = [sizes[0], sizes[-1]]
        for number, target in enumerate([] if args.publish_only else sizes):
            if args.reuse:
                pass
            elif number < len(sizes) - 1 or len(sizes) == 1:
                reindex, more = grow_by_pages(env, target, reindex)
                generated += more
                if not args.queries_only and (number == len(sizes) - 2 or len(sizes) == 1):
                    print("Raw bulk load of the same documents...", file=sys.stderr)
                    raw = raw_bulk_load(client, alias)
            else:
                print(f"Copying documents up to {target}...", file=sys.stderr)
                inflate(client, alias, target)
            size = index_size(client, alias)
            print(f"Measuring at {size['documents']} documents...", file=sys.stderr)
            latency, found = measure_latency(env, client, args)
            points[target] = {"index": size, "latency": latency, "results_per_query": found}
            if number in (0, len(sizes) - 1) and not args.queries_only:
                print(f"Publishing at {target} entries...", file=sys.stderr)
                publish[target] = measure_publish(env, client, alias, target, args.publish_rounds)
    if not (args.keep or args.reuse):  # what --reuse measured stays for the next measurement
        client.indices.delete(index=f"{INDEX_PREFIX}*", ignore_unavailable=True)
    if args.queries_only:
        print_queries_only(points, sizes, args)
        return
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


def print_queries_only(points, sizes, args):
    for point in points.values():
        print_latency(point["index"], point["latency"], point["results_per_query"])
    smallest, largest = points[sizes[0]], points[sizes[-1]]
    growth = round(
        largest["latency"]["all"]["portal"]["p95_ms"]
        / smallest["latency"]["all"]["portal"]["p95_ms"],
        2,
    )
    print(
        "\nportal/Elasticsearch p95: "
        + ", ".join(
            f"{point['index']['documents']}: {point['latency']['all']['p95_ratio']}"
            for point in points.values()
        )
        + f" (target <= 1.2); p95 largest/smallest size: {growth}"
    )
    print(
        json.dumps(
            {
                "bench": "search",
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
