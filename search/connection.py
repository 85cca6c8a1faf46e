"""The client for the search server at ELASTICSEARCH_URL: Elasticsearch 7.10 to 7.17, or
OpenSearch 2.

The URL may name every node of a cluster, comma-separated: the client spreads its calls
over them and moves on to the next node when one does not answer. The server says what it
is on `GET /`; elasticsearch-py refuses any server that is not Elasticsearch (its product
check), so OpenSearch gets opensearch-py, its own client, which takes the same calls. The
rest of search/ uses whichever client this returns and catches ENGINE_ERRORS.

Two kinds of client: readers' searches and single updates get a short timeout (the
database answers a reader instead), index creation and rebuilds a long one, retried.
"""

import functools

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers

from django.conf import settings

OPENSEARCH = "opensearch"
ELASTICSEARCH = "elasticsearch"


class EngineUnavailable(Exception):
    """No node of ELASTICSEARCH_URL answered the question of what it is."""


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
