"""The figures: per kind of request, per phase and for the whole run."""

import statistics
from collections import defaultdict


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share) - 1))]


def summarise(samples):
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    figures = {}
    for kind, rows in sorted(by_kind.items()):
        times = [row.seconds for row in rows]
        failures = [row for row in rows if not row.ok]
        figures[kind] = {
            "requests": len(rows),
            "errors": len(failures),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(percentile(times, 0.95) * 1000, 1),
            "first_errors": sorted({row.detail for row in failures})[:3],
        }
    return figures


def report(result):
    print(
        f"\nPhase {result['phase']}: {result['requests']} requests in {result['seconds']} s "
        f"({result['rps']}/s), {result['errors']} errors"
    )
    if "errors_in_window" in result:
        print(
            f"  PostgreSQL restart window {result['restart_window_s']} s: "
            f"{result['errors_in_window']} errors inside ({result['errors_in_flight_at_stop']} "
            f"of requests running when it stopped), {result['errors_after_window']} "
            f"of {result['requests_after_window']} requests after it; the last error ended "
            f"{result['recovered_s_after_pg_back']} s after PostgreSQL was back"
        )
    if "node_down_s" in result:
        print(f"  Elasticsearch node es-2 down for {result['node_down_s']} s")
    print(f"  {'kind':<9} {'requests':>8} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, row in result["kinds"].items():
        print(
            f"  {kind:<9} {row['requests']:>8} {row['errors']:>7} "
            f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
            + (f"  {row['first_errors']}" if row["errors"] else "")
        )
    c = result["completions"]
    print(
        f"  completions acknowledged {c['acknowledged']}, rows {c['rows']}, "
        f"missing {c['missing']}, "
        f"doubled {c['doubled']}, courses completed {c['courses_completed']}: "
        f"{'exactly once' if c['exactly_once'] else 'NOT exactly once'}"
    )


def summary(args, results, acknowledged):
    """The run's one JSON object: the totals first, then each phase's figures."""
    return {
        "bench": "load",
        "seconds_per_phase": args.seconds,
        "workers": args.workers,
        "clients": {
            "readers": args.readers,
            "searchers": args.searchers,
            "learners": args.learners,
        },
        "errors": sum(r["errors"] for r in results),
        # Outside PostgreSQL's restart window, like "errors"; the window's apart.
        "failed_searches": sum(
            r["kinds"].get("search", {}).get("errors", 0) - r.get("search_errors_in_window", 0)
            for r in results
        ),
        "failed_searches_in_pg_window": sum(r.get("search_errors_in_window", 0) for r in results),
        "acknowledged_completions": len(acknowledged),
        "exactly_once": all(r["completions"]["exactly_once"] for r in results),
        "phases": results,
    }
