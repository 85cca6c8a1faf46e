"""The client for the search server at ELASTICSEARCH_URL: Elasticsearch 7.10 to 7.17, or
OpenSearch 2.

The URL may name every node of a cluster, comma-separated: the client spreads its calls
over them and moves on to the next node when one does not answer. The server says what it
is on `GET /`; elasticsearch-py refuses any server that is not Elasticsearch (its product
check), so OpenSearch gets opensearch-py, its own client, which takes the same calls. The
rest of search/ uses whichever client this returns and catches ENGINE_ERRORS.

Two kinds of client: readers' searches and single updates get a short timeout (the
database answers a reader instead), index creation and rebuilds a long one, retried.
A reader's search may go out ahead of the client, to be read later (`SentSearch`).
"""

import functools
import http.client
import os
import socket
import threading
from urllib.parse import urlsplit

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers

from django.conf import settings

OPENSEARCH = "opensearch"
ELASTICSEARCH = "elasticsearch"


class EngineUnavailable(Exception):
    """The search server cannot answer now: no node of ELASTICSEARCH_URL answered the
    question of what it is, or a search got no answer in time."""


ENGINE_ERRORS = (
    elasticsearch.ElasticsearchException,
    opensearchpy.OpenSearchException,
    EngineUnavailable,
)
# Nobody answered (timeouts included): worth trying again shortly.
UNREACHABLE = (elasticsearch.ConnectionError, opensearchpy.ConnectionError, EngineUnavailable)
NOT_FOUND = (elasticsearch.NotFoundError, opensearchpy.NotFoundError)
BAD_REQUEST = (elasticsearch.RequestError, opensearchpy.RequestError)


def node_urls(url=None):
    """Each node's address in ELASTICSEARCH_URL (`http://a:9200,http://b:9200`)."""
    return [part.strip() for part in (url or settings.ELASTICSEARCH_URL).split(",") if part.strip()]


def client(url=None, admin=False):
    """The client for the server at `url`: a reader's (short timeout) or an admin's."""
    url = url or settings.ELASTICSEARCH_URL
    timeout = settings.ELASTICSEARCH_ADMIN_TIMEOUT if admin else settings.ELASTICSEARCH_TIMEOUT
    return _client(url, timeout, admin)


@functools.lru_cache(maxsize=16)
def _client(url, timeout, admin):
    # Kept per process: the client remembers which nodes failed and skips them a while.
    nodes = node_urls(url)
    kind = (
        opensearchpy.OpenSearch if distribution(url) == OPENSEARCH else elasticsearch.Elasticsearch
    )
    return kind(
        nodes,
        timeout=timeout,
        # A refused connection goes to the next node; a reader is not kept waiting on a
        # slow cluster for a second timeout, an admin call (idempotent) is.
        max_retries=max(2, len(nodes)),
        retry_on_timeout=admin,
    )


@functools.lru_cache(maxsize=16)
def distribution(url):
    """ "opensearch" or "elasticsearch", as the server tells on `GET /` (remembered once
    known; asked again after a failure)."""
    # opensearch-py makes no product check, so it can ask either kind of server.
    probe = opensearchpy.OpenSearch(
        node_urls(url), timeout=settings.ELASTICSEARCH_TIMEOUT, max_retries=len(node_urls(url))
    )
    try:
        info = probe.info()
    except opensearchpy.OpenSearchException as error:
        raise EngineUnavailable(f"no search node answers at {url}: {error}") from error
    finally:
        probe.close()
    return info.get("version", {}).get("distribution", ELASTICSEARCH)


def bulk(connection, actions, **options):
    """Send `actions` in batches with the helper of the client's own library."""
    helpers = opensearchpy.helpers if isinstance(connection, opensearchpy.OpenSearch) else None
    return (helpers or elasticsearch.helpers).bulk(connection, actions, **options)


def msearch_body(client, searches):
    """The request body of an msearch: a header line, then a body line, for each search."""
    serializer = client.transport.serializer
    return "".join(serializer.dumps(line) + "\n" for line in searches).encode()


class SentSearch:
    """An msearch already on its way: written to a node when made, its answer read by
    `responses()`. The search page sends its search first and renders what does not depend
    on the results (head, header, navigation) while the server works. A thread sending it
    would not do: it waits for the interpreter lock until the rendering thread lets go.

    Only the first attempt goes this way, over plain HTTP to a node the client holds alive:
    when the write or the read fails or the node answers other than 200, `responses()` asks
    again through the client, which moves on to the next node and raises the errors callers
    catch. A node that lets the time of a reader's search pass is marked dead and not asked
    again: the reader is not kept waiting twice.
    """

    def __init__(self, client, index, body):
        self._client, self._index, self._body = client, index, body
        self._node = self._http = None
        try:
            node = client.transport.get_connection()
        except ENGINE_ERRORS:  # every node is marked dead: the client's call says so
            return
        if urlsplit(node.host).scheme != "http":
            return
        headers = {**node.headers, "content-type": "application/x-ndjson"}
        kept = _kept_connection(node)
        try:
            kept.request("POST", f"{node.url_prefix}/{index}/_msearch", body, headers)
        except (OSError, http.client.HTTPException):
            kept.close()
            return
        self._node, self._http = node, kept

    def responses(self):
        """The answer of each search, in order (the server's own dicts, errors included)."""
        if self._http is None:
            return self._ask_again()
        http_connection, self._http = self._http, None  # its answer is read once
        try:
            answer = http_connection.getresponse()
            data = answer.read()
        except TimeoutError as error:
            http_connection.close()
            self._client.transport.mark_dead(self._node)
            raise EngineUnavailable(f"{self._node.host} did not answer a search in time") from error
        except (OSError, http.client.HTTPException):  # a kept connection the node had closed
            http_connection.close()
            return self._ask_again()
        if answer.status != 200:  # the client's call raises the error that goes with it
            return self._ask_again()
        content_type = answer.getheader("content-type", "application/json")
        return self._client.transport.deserializer.loads(data, content_type)["responses"]

    def discard(self):
        """Give up a search whose answer is not wanted after all: its connection, with the
        answer still to come, is closed rather than kept (the next search opens another)."""
        if self._http is not None:
            self._http.close()
            self._http = None

    def _ask_again(self):
        return self._client.msearch(index=self._index, body=self._body)["responses"]


_kept = threading.local()


def _kept_connection(node):
    """This thread's kept-alive connection to `node`; none crosses a fork (gunicorn's
    master builds what its workers inherit)."""
    if getattr(_kept, "pid", None) != os.getpid():
        _kept.pid, _kept.by_node = os.getpid(), {}
    key = (node.host, node.timeout)  # a client of another timeout keeps its own
    kept = _kept.by_node.get(key)
    if kept is None:
        address = urlsplit(node.host)
        kept = _Unbuffered(address.hostname, address.port, timeout=node.timeout)
        _kept.by_node[key] = kept
    return kept


class _Unbuffered(http.client.HTTPConnection):
    """Sends at once: http.client writes a request's headers and body apart, and without
    TCP_NODELAY the body waits for the headers' acknowledgement (as urllib3 sets it too)."""

    def connect(self):
        super().connect()
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
