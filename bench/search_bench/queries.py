"""Phase (b): a fixed set of queries in the six languages, through the portal's search view
(gunicorn, production settings, HTTP on loopback) beside the same msearch sent straight to
Elasticsearch, the two taking turns query by query."""

import http.client
import subprocess
import threading
from urllib.parse import quote

from pages import free_port, gunicorn_command, wait_until_up

from search_bench.common import ROOT, django_json, percentiles, timed, timed_in_turns

# Words and phrases from the demo library, four per language (one misspelt in English).
QUERIES = {
    "en": ["referral pathways", "consent", "how to identify a victim of trafficking", "evacuaton"],
    "fr": ["consentement", "orientation", "enfants non accompagnés", "évacuation"],
    "es": ["consentimiento", "derivación", "niños no acompañados", "evacuación"],
    "ar": ["الموافقة", "الإحالة", "الأطفال غير المصحوبين", "الإجلاء"],
    "ru": ["согласие", "направление", "несопровождаемые дети", "торговля людьми"],
    "zh-hans": ["知情同意", "转介", "无人陪伴儿童", "撤离"],
}


def msearch_bodies(env):
    """For every query, the msearch body the portal sends (page 1, no filters, relevance)."""
    script = (
        "import json\n"
        "from search.elastic import ElasticIndex\n"
        "from search.elastic_queries import other_language_body, query_body\n"
        "from search.engine import FALLBACK_HITS\n"
        "from search.query import understand\n"
        "index = ElasticIndex()\n"
        f"queries = {QUERIES!r}\n"
        "bodies = {}\n"
        "for language, texts in queries.items():\n"
        "    for text in texts:\n"
        "        query = understand(text, language)\n"
        "        searches = [{}, query_body(query, {}, 'relevance', 0, 10)]\n"
        "        if query.translated:\n"
        "            searches += [{}, other_language_body(query, {}, FALLBACK_HITS)]\n"
        "        bodies[language + '|' + text] = searches\n"
        "print(json.dumps({'alias': index.alias, 'bodies': bodies}))"
    )
    return django_json(env, script)


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
        gunicorn_command(port, args.workers), cwd=ROOT, env=env, stdout=subprocess.DEVNULL
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
            sides = {"portal": portal, "elasticsearch": direct}
            measured = timed_in_turns(sides, args.rounds, args.concurrency, args.max_seconds)
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
