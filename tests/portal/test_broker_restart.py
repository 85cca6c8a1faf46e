"""Tasks queued for the worker survive a restart of Redis, the task queue's broker.

Redis runs here on a port of its own with the configuration tools/services/up gives the
project's Redis (redis_config in tools/services/common.sh), and is stopped as `down` stops
it (SIGTERM) while a task waits in the queue.
"""

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
COMMON = ROOT / "tools" / "services" / "common.sh"
QUEUE = "broker-restart-test"

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (make services installs it)"
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProjectRedis:
    """Redis started the way tools/services/up starts it, in `directory`, on `port`."""

    def __init__(self, directory, port):
        self.directory, self.port = directory / "redis", port
        self.environ = {
            "SERVICES_DIR": str(directory),
            "REDIS_PORT": str(port),
            "PATH": "/usr/bin:/bin",
        }

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        config = subprocess.run(  # noqa: S603 - the project's own script
            ["/bin/bash", "-c", f'source "{COMMON}" && redis_config'],
            env=self.environ,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (self.directory / "redis.conf").write_text(config)
        subprocess.run(  # noqa: S603 - fixed arguments
            ["redis-server", str(self.directory / "redis.conf")],  # noqa: S607
            cwd=self.directory,
            check=True,
        )
        client = redis.Redis(port=self.port, db=1)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self):
        pid = int((self.directory / "redis.pid").read_text())
        subprocess.run(["kill", "-TERM", str(pid)], check=True)  # noqa: S603, S607
        deadline = time.monotonic() + 20
        while Path(f"/proc/{pid}").exists():
            assert time.monotonic() < deadline, "Redis did not stop"
            time.sleep(0.1)

    def queued_task_ids(self):
        messages = redis.Redis(port=self.port, db=1).lrange(QUEUE, 0, -1)
        return [json.loads(message)["headers"]["id"] for message in messages]


@pytest.fixture
def project_redis(tmp_path):
    server = ProjectRedis(tmp_path, _free_port())
    server.start()
    yield server
    try:
        server.stop()
    except (FileNotFoundError, ValueError):
        pass


def test_a_task_queued_before_redis_restarts_is_still_queued_after(project_redis):
    # Not the current app: the portal's own tasks must keep the portal's broker afterwards.
    app = Celery("broker-restart-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = f"redis://127.0.0.1:{project_redis.port}/1"
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        queued = app.send_task(
            "portal.tasks.run_command",
            args=["flush_page_views"],
            queue=QUEUE,
            connection=connection,
        )
    assert project_redis.queued_task_ids() == [queued.id]

    project_redis.stop()
    project_redis.start()

    assert project_redis.queued_task_ids() == [queued.id]
