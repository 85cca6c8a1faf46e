"""The phases: the clients' load for --seconds, with a fault (an Elasticsearch node killed
and restarted, PostgreSQL restarted) happening meanwhile."""

import os
import random
import signal
import threading
import time

from load_bench.clients import LANGUAGES, Learner, Record, reader, searcher
from load_bench.report import summarise
from load_bench.services import services_shell, services_up


def kill_es_node(args, events):
    """Kill node 2 at a quarter of the phase, start it again at half (`up` starts it)."""
    time.sleep(args.seconds / 4)
    pid = int(services_shell(args, "es_node_pid 2").strip())
    os.kill(pid, signal.SIGKILL)
    events["node_killed"] = time.monotonic()
    time.sleep(args.seconds / 4)
    events["node_restarting"] = time.monotonic()
    services_up(args)
    events["node_back"] = time.monotonic()


def restart_postgres(args, events):
    """Stop PostgreSQL at a quarter of the phase; start it again five seconds later."""
    time.sleep(args.seconds / 4)
    events["window_start"] = time.monotonic()
    services_shell(args, "pg_stop")
    time.sleep(5)
    services_up(args)
    events["pg_back"] = time.monotonic()
    # Connections opened before the restart fail once each (a worker thread each).
    events["window_end"] = time.monotonic() + args.grace


def run_phase(name, args, port, data, paths, fault=None):
    record, stop, events = Record(), threading.Event(), {}
    accounts = list(data["learners"])
    random.shuffle(accounts)
    threads = []
    for n in range(args.readers):
        language = LANGUAGES[n % len(LANGUAGES)]
        mine = [p for p in paths if p.startswith(f"/{language}/")] or paths
        threads.append(threading.Thread(target=reader, args=(port, mine, stop, record)))
    words = {language: found for language, found in data["words"].items() if found}
    for _ in range(args.searchers):
        threads.append(threading.Thread(target=searcher, args=(port, words, stop, record)))
    for _ in range(args.learners):
        learner = Learner(port, accounts, data["courses"], record, stop)
        threads.append(threading.Thread(target=learner.run))
    began = time.monotonic()
    for thread in threads:
        thread.start()
    faulty = threading.Thread(target=fault, args=(args, events)) if fault else None
    if faulty:
        faulty.start()
    try:
        time.sleep(args.seconds)
        if faulty:
            faulty.join()  # a restart may outlast the phase: the load goes on meanwhile
    finally:
        stop.set()  # on Ctrl-C too, so that the clients end and the services are stopped
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    result = {
        "phase": name,
        "seconds": round(elapsed, 1),
        "requests": len(record.samples),
        "errors": sum(not s.ok for s in record.samples),
        "rps": round(len(record.samples) / elapsed, 1),
        "kinds": summarise(record.samples),
        "learners_used": len(data["learners"]) - len(accounts),
    }
    if "window_start" in events:
        start, end = events["window_start"], events["window_end"]
        # In the window: every request running at some moment of it, so also one that was
        # still running when PostgreSQL stopped (counted apart as well, in flight).
        inside = [s for s in record.samples if s.at < end and s.at + s.seconds >= start]
        before = [s for s in record.samples if s.at + s.seconds < start]
        after = [s for s in record.samples if s.at >= end]
        result["restart_window_s"] = round(end - start, 1)
        result["errors_in_window"] = sum(not s.ok for s in inside)
        result["search_errors_in_window"] = sum(not s.ok and s.kind == "search" for s in inside)
        result["errors_in_flight_at_stop"] = sum(not s.ok for s in inside if s.at < start)
        result["errors_after_window"] = sum(not s.ok for s in after)
        result["requests_after_window"] = len(after)
        # Recovery: from PostgreSQL accepting connections again to the end of the last
        # request that failed (0 if none failed once it was back).
        failed_since = [s.at + s.seconds for s in record.samples if not s.ok and s.at >= start]
        result["recovered_s_after_pg_back"] = round(
            max([events["pg_back"], *failed_since]) - events["pg_back"], 1
        )
        result["errors"] = result["errors_after_window"] + sum(not s.ok for s in before)
    if "node_killed" in events:
        result["node_down_s"] = round(events["node_back"] - events["node_killed"], 1)
    data["learners"] = accounts  # an account is used in one phase only
    return result, record
