"""Work each server process would otherwise do on its first requests, done once in
gunicorn's master before it forks its workers (`when_ready` in portal/gunicorn.conf.py).

The search vocabulary (search/query.py: synonyms, glossary, themes, aligned translations)
is built on a process's first search; on a busy machine that took 10 to 35 seconds, all
searches of that worker waiting behind it, and gunicorn starts a fresh worker every
couple of thousand requests (max_requests). Built in the master, every worker is forked
with it in hand; a worker rebuilds it later in a thread of its own when it goes stale.
The search page's templates are compiled there too (Jinja2's results about 30 ms, Django's
page about 13), instead of on each new worker's first search.
"""

import logging

logger = logging.getLogger(__name__)


def warm_up():
    """Build what the workers need before they are forked, and leave no connection open
    for them to share (PostgreSQL's, for one, must not cross a fork)."""
    from django.db import connections
    from django.template import engines, loader

    from search.vocabulary import vocabulary

    loader.get_template("search/search.html")
    engines["jinja2"].get_template("search/listing.jinja")
    try:
        vocabulary()
    except Exception:  # the database may be down at start: each worker builds it instead
        logger.exception("The search vocabulary could not be built before the workers start")
    finally:
        connections.close_all()
