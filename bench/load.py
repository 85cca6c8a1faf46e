"""Load benchmark: readers, searchers and learners at once, in normal running and under faults.

The portal runs as in production (gunicorn with portal/gunicorn.conf.py, 4 workers,
production settings, PostgreSQL, a 3-node Elasticsearch, Redis, the Celery worker with
beat) against its OWN services, started here with tools/services/up on ports of their own,
so that a node and the database may be stopped without disturbing anyone else. Loopback only.

Three phases of --seconds each:

1. normal: readers in six languages fetch the pages of the sitemap, searchers search,
   learners enrol and complete lessons (knowledge checks included, some submitted twice);
2. es: the same while one of the three Elasticsearch nodes is killed and started again;
   every search must answer 200 with results (a replica or the database engine answers);
3. pg: the same while PostgreSQL is restarted; errors inside the restart window (of
   requests running at any moment of it, from the stop to --grace seconds after the start)
   are counted apart, and after it the portal must answer again without a gunicorn restart.

After each phase every completion acknowledged to a learner is looked up in the database:
it must be there exactly once. Ends with one JSON line of the figures.

    .venv/bin/python bench/load.py [--seconds 20] [--phases normal,es,pg]
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

# The parts live in bench/load_bench/, beside this script (on sys.path as its folder).
from load_bench.clients import sitemap_paths, wait_until_up, warm_up
from load_bench.phases import kill_es_node, restart_postgres, run_phase
from load_bench.report import report, summary
from load_bench.services import (
    check_exactly_once,
    free_port,
    portal_env,
    prepare,
    services_up,
    setup,
    start_portal,
    stop,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=int, default=20, help="length of each phase (120 for the full run)"
    )
    parser.add_argument("--phases", default="normal,es,pg", help="comma-separated: normal, es, pg")
    parser.add_argument("--readers", type=int, default=6, help="reader threads (languages in turn)")
    parser.add_argument("--searchers", type=int, default=3, help="searcher threads")
    parser.add_argument("--learners", type=int, default=3, help="learner threads")
    parser.add_argument("--accounts", type=int, default=400, help="learner accounts to create")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--grace",
        type=float,
        default=5.0,
        help="seconds after PostgreSQL is back still counted in its restart window",
    )
    parser.add_argument(
        "--services-dir",
        default=str(Path(tempfile.gettempdir()) / "load-services"),
        help="where our own services live",
    )
    parser.add_argument("--pg-port", type=int, default=54349, help="our PostgreSQL's port")
    parser.add_argument(
        "--es-port", type=int, default=9291, help="HTTP port of our first Elasticsearch node"
    )
    parser.add_argument("--redis-port", type=int, default=63819, help="our Redis's port")
    parser.add_argument(
        "--fresh", action="store_true", help="build the load database again even if it exists"
    )
    parser.add_argument(
        "--keep-services", action="store_true", help="leave our services running at the end"
    )
    args = parser.parse_args()
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]

    print("Starting our own services (tools/services/up)...", file=sys.stderr)
    services = services_up(args)
    processes = []
    try:
        # Beside the services: static files, the server's log, beat's schedule.
        var_dir = Path(args.services_dir) / "portal"
        var_dir.mkdir(parents=True, exist_ok=True)
        env = portal_env(args, services, var_dir)
        print("Preparing the load database...", file=sys.stderr)
        prepare(services, env, args.fresh)
        data = setup(env, args.accounts)
        port = free_port()
        processes = start_portal(env, var_dir, port)
        wait_until_up(port)
        paths = sitemap_paths(port)
        print(
            f"{len(paths)} pages in the sitemap; {len(data['courses'])} course languages",
            file=sys.stderr,
        )
        warm_up(port, paths, data["words"])
        print(
            "Search words found: "
            + ", ".join(f"{code} {len(found)}" for code, found in data["words"].items()),
            file=sys.stderr,
        )
        faults = {"normal": None, "es": kill_es_node, "pg": restart_postgres}
        results, acknowledged = [], set()
        for name in phases:
            print(f"Phase {name}: {args.seconds} s...", file=sys.stderr)
            result, record = run_phase(name, args, port, data, paths, faults[name])
            if name == "pg":
                wait_until_up(port, deadline=30)
            acknowledged |= record.acknowledged  # the rows hold every phase's learners
            result["completions"] = check_exactly_once(env, record.acknowledged, acknowledged)
            results.append(result)
            report(result)
    finally:
        stop(processes, args)

    figures = summary(args, results, acknowledged)
    print(json.dumps(figures))
    return 0 if figures["errors"] == 0 and figures["exactly_once"] else 1


if __name__ == "__main__":
    sys.exit(main())
