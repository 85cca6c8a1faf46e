"""Search page before and after a change, beside Elasticsearch, under the same machine load.

    .venv/bin/python bench/search_ab.py --before /tmp/portal-before [--rounds 10]

Runs against a database and index that `bench/search.py --keep` left (BENCH_SEARCH_DATABASE
and BENCH_SEARCH_INDEX_PREFIX name them). Two gunicorn servers with production settings, one
from `--before` (a checkout of the earlier code, e.g. `git archive <commit> | tar -x -C DIR`
with a `.venv` link) and one from this checkout, answer the same fixed queries as
`bench/search.py` phase (b); the same msearch bodies go straight to Elasticsearch. The three
sides take turns query by query (the order rotating), so a busy shared machine slows them
alike. Prints p50/p95 per side and the ratios to Elasticsearch, then the server CPU time per
search of each checkout (one worker's user + system time over the same searches), as one
JSON line.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/pages.py and the phases

from pages import bench_env, free_port, gunicorn_command, services_env, wait_until_up  # noqa: E402
from search_bench.common import (  # noqa: E402
    DATABASE,
    INDEX_PREFIX,
    ROOT,
    manage,
    percentiles,
    timed_in_turns,
)
from search_bench.queries import QUERIES, elastic_call, msearch_bodies, portal_call  # noqa: E402

MAX_SECONDS = 1800  # the measured rounds stop there, whatever --rounds asks


def python_of(root):
    return str(Path(root) / ".venv" / "bin" / "python")


def serve(root, env, workers):
    port = free_port()
    server = subprocess.Popen(
        gunicorn_command(port, workers, python_of(root)),
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wait_until_up(port)
    return server, port


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def interleaved(roots, env, client, prepared, rounds):
    servers, calls = [], []
    try:
        ports = {}
        for side, root in roots.items():
            server, ports[side] = serve(root, env, 2)
            servers.append(server)
        for language, texts in QUERIES.items():
            for text in texts:
                body = prepared["bodies"][f"{language}|{text}"]
                call = {side: portal_call(port, language, text) for side, port in ports.items()}
                call["elasticsearch"] = elastic_call(client, prepared["alias"], body)
                calls.append(call)
        for call in calls * 2:  # warm up
            for send in call.values():
                send()
        sides = {side: [call[side] for call in calls] for side in calls[0]}
        latencies = timed_in_turns(sides, rounds, concurrency=1, max_seconds=MAX_SECONDS)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    result = {side: percentiles(values) for side, values in latencies.items()}
    direct = result["elasticsearch"]
    for side in roots:
        result[side]["p50_ratio"] = round(result[side]["p50_ms"] / direct["p50_ms"], 2)
        result[side]["p95_ratio"] = round(result[side]["p95_ms"] / direct["p95_ms"], 2)
    return result


def cpu_per_search(root, env, rounds):
    """Milliseconds of one worker's CPU per search, after a warm-up."""
    server, port = serve(root, env, 1)
    try:
        calls = [
            portal_call(port, language, text) for language, ts in QUERIES.items() for text in ts
        ]
        for call in calls * 2:
            call()
        worker = int(subprocess.check_output(["pgrep", "-P", str(server.pid)]).split()[0])
        before = cpu_seconds(worker)
        for _round in range(rounds):
            for call in calls:
                call()
        time.sleep(0.6)  # the last searches are written after their pages (GATHER_SECONDS)
        return round((cpu_seconds(worker) - before) / (rounds * len(calls)) * 1000, 2)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="a checkout of the earlier code")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is sent")
    args = parser.parse_args()
    from elasticsearch import Elasticsearch

    services = services_env()
    client = Elasticsearch([services["ELASTICSEARCH_URL"]], timeout=120, max_retries=0)
    roots = {"before": str(Path(args.before).resolve()), "after": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(services, DATABASE, INDEX_PREFIX, Path(tmp), ELASTICSEARCH_TIMEOUT="30")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "compilemessages", "--ignore=.venv", "-v", "0")
        prepared = msearch_bodies(env)
        result = interleaved(roots, env, client, prepared, args.rounds)
        cpu = {
            side: cpu_per_search(root, env, max(1, args.rounds // 2))
            for side, root in roots.items()
        }
    documents = client.count(index=prepared["alias"])["count"]
    for side, row in result.items():
        ratios = f"  x{row['p50_ratio']} x{row['p95_ratio']}" if "p50_ratio" in row else ""
        print(f"{side:<14} p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms{ratios}")
    print(f"server CPU per search: {cpu}")
    print(json.dumps({"documents": documents, "rounds": args.rounds, **result, "cpu_ms": cpu}))


if __name__ == "__main__":
    main()
