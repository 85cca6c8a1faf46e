"""A gunicorn worker collects the garbage its requests leave after each response is sent,
not in the middle of a reader's request (portal/gunicorn.conf.py)."""

import gc
import runpy
import weakref
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Node:
    def __init__(self):
        self.other = None


@pytest.fixture
def worker():
    """The worker hooks of the production configuration, on this process's collector."""
    config = runpy.run_path(str(ROOT / "portal" / "gunicorn.conf.py"))
    thresholds = gc.get_threshold()
    gc.collect()
    config["post_fork"](server=None, worker=None)
    yield config
    gc.set_threshold(*thresholds)


def request_leaving_cycles(count):
    """What a request leaves: objects in reference cycles, which only the collector frees."""
    first = None
    for _ in range(count // 2):
        one, two = Node(), Node()
        one.other, two.other = two, one
        first = first or weakref.ref(one)
    return first


def test_the_garbage_of_requests_is_collected_after_a_response_not_during_one(worker):
    left = request_leaving_cycles(worker["COLLECT_AFTER"] + 1_000)
    # Left to itself, the collector would have run several times by now, inside the request.
    assert left() is not None

    worker["post_request"](worker=None, req=None, environ={}, resp=None)

    assert left() is None


def test_a_request_making_far_more_objects_than_a_page_still_meets_the_collector(worker):
    left = request_leaving_cycles(worker["SAFETY_NET"] * 3)

    assert left() is None
