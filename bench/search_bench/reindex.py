"""Phase (a): the index grown by generating pages and rebuilding (`rebuild_search`, timed),
beside the same documents bulk-loaded straight into a scratch index; and the index's
documents copied under new ids up to the largest size."""

import math
import re
import sys
import time

from search_bench.common import INDEX_PREFIX, django_json, manage

SCRATCH_INDEX = f"{INDEX_PREFIX}raw_bulk"


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


def inflate(client, alias, target):
    """Copy the index's documents under new ids until it holds `target` documents.

    Refreshes are paused while copying (the copies are searchable only at the end, as
    before) and the index's own setting is put back before anything is measured. The
    index is then merged into one segment, as `rebuild_search` leaves a new index."""
    from elasticsearch.helpers import bulk, scan

    documents = [(hit["_id"], hit["_source"]) for hit in scan(client, index=alias, size=1000)]

    def copies():
        count = client.count(index=alias)["count"]
        while count < target:
            for _id, source in documents:
                if count >= target:
                    return
                # The running count makes every id new, however many rounds came before.
                yield {"_index": alias, "_id": f"{_id}-copy{count}", "_source": source}
                count += 1

    index = next(iter(client.indices.get_alias(name=alias)))
    interval = client.indices.get_settings(index=index, name="index.refresh_interval")
    interval = interval.get(index, {}).get("settings", {}).get("index", {}).get("refresh_interval")
    client.indices.put_settings(index=index, body={"index": {"refresh_interval": "-1"}})
    try:
        bulk(client, copies(), chunk_size=1000, request_timeout=600)
    finally:
        client.indices.put_settings(index=index, body={"index": {"refresh_interval": interval}})
    client.indices.refresh(index=alias, request_timeout=600)
    print(f"Merging {target} documents into one segment...", file=sys.stderr)
    client.indices.forcemerge(index=alias, max_num_segments=1, request_timeout=1800)
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
