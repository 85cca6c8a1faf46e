"""The production serve command holds idle clients: nginx (tools/nginx/portal.conf) in front
of gunicorn (portal/gunicorn.conf.py), both real, on loopback."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IDLE_CLIENTS = 50

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None and os.environ.get("CI") != "true",
    reason="needs nginx (Debian's nginx-light, which `make test` installs)",
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path, timeout):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_until_served(port, deadline=60):
    """The first answer from gunicorn through nginx (502 while gunicorn starts)."""
    end = time.monotonic() + deadline
    while True:
        try:
            status, body = _get(port, "/favicon.ico", timeout=5)
            if status != 502 or time.monotonic() > end:
                return status, body
        except OSError:
            if time.monotonic() > end:
                raise
        time.sleep(0.3)


@pytest.fixture
def served(tmp_path):
    """gunicorn with the production configuration (one worker: the hardest case), nginx in front."""
    gunicorn_port, nginx_port = _free_port(), _free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL"}
    }
    environment.update(
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        GUNICORN_BIND=f"127.0.0.1:{gunicorn_port}",
        WEB_CONCURRENCY="1",
    )
    gunicorn_log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=environment,
        stdout=gunicorn_log,
        stderr=subprocess.STDOUT,
    )
    site = (ROOT / "tools/nginx/portal.conf").read_text()
    for name, value in {
        "@UPSTREAM@": f"127.0.0.1:{gunicorn_port}",
        "@LISTEN@": f"127.0.0.1:{nginx_port}",
        "@SERVER_NAME@": "127.0.0.1",
        "@MEDIA_ROOT@": str(tmp_path / "media"),
    }.items():
        site = site.replace(name, value)
    (tmp_path / "site.conf").write_text(site)
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""
        {"user root;" if os.geteuid() == 0 else ""}
        daemon off;
        worker_processes 1;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/nginx-error.log;
        events {{ worker_connections 512; }}
        http {{
            access_log off;
            client_body_temp_path {temp}/body;
            proxy_temp_path {temp}/proxy;
            fastcgi_temp_path {temp}/fastcgi;
            uwsgi_temp_path {temp}/uwsgi;
            scgi_temp_path {temp}/scgi;
            include {tmp_path}/site.conf;
        }}
        """
    )
    nginx = subprocess.Popen(  # noqa: S603 - Debian's nginx with our configuration
        [shutil.which("nginx") or "nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "nginx.log").open("w"),
    )
    try:
        status, _body = _wait_until_served(nginx_port)
        assert status == 200
        yield nginx_port, tmp_path
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        gunicorn_log.close()


def test_fifty_idle_connections_do_not_keep_a_reader_waiting(served):
    port, tmp_path = served
    idle = [socket.create_connection(("127.0.0.1", port)) for _client in range(IDLE_CLIENTS)]
    try:
        time.sleep(1)  # they are all accepted, and send nothing

        # Without nginx this reader waited 29 s behind them; here it is answered well
        # inside the 10 s it is given.
        status, body = _get(port, "/favicon.ico", timeout=10)

        assert status == 200
        assert body == (ROOT / "portal/static/portal/favicon.ico").read_bytes()
    finally:
        for sock in idle:
            sock.close()
    assert "Using worker: gthread" in (tmp_path / "gunicorn.log").read_text()
