"""Wagtail's own search (the admin's page and snippet search), kept in the database.

Wagtail picks its database backend by vendor; on PostgreSQL, each object it indexes
(every publish) made it read the title length of every row of its index, for the average
its ranking divides by, and then look through every row for the new ones: a cost that
grew with the site, about 20 ms a publish at 10k pages. Here the average is read at most
once a minute, as the readers' BM25 does (search/database.py), since one page more
barely moves it, and only the rows just written are given their figure. A full
`update_index` still sets every row from the exact average.
"""

import time

from django.db import connection
from django.db.models import Avg, F
from django.db.models.functions import Length

from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.utils import get_content_type_pk

AVERAGE_SECONDS = 60
_average = {"when": 0.0, "value": None}


class Index(PostgresIndex):
    written = None  # (content type, object ids) of the objects being added

    def add_items(self, model, objs):
        self.written = (get_content_type_pk(model), [str(obj.pk) for obj in objs])
        try:
            super().add_items(model, objs)
        finally:
            self.written = None

    def _refresh_title_norms(self, full=False):
        if full or self.written is None:
            _average["value"] = None
            return super()._refresh_title_norms(full=full)
        average = _title_average(self.entries)
        content_type, object_ids = self.written
        # The rows just written carry Wagtail's placeholder 1.0 until given their figure.
        self.entries.filter(
            content_type_id=content_type, object_id__in=object_ids, title_norm=1.0
        ).annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=average / F("title_length")
        )
        return None


class Backend(PostgresSearchBackend):
    index_class = Index


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """Wagtail's choice by vendor, with the index above on PostgreSQL."""
    if connection.vendor == "postgresql":
        return Backend(params)
    return database.SearchBackend(params)


def _title_average(entries):
    """The average title length in the index, in lexemes, read at most once a minute."""
    if _average["value"] is None or time.monotonic() - _average["when"] > AVERAGE_SECONDS:
        _average["value"] = (
            entries.annotate(title_length=Length("title"))
            .filter(title_length__gt=0)
            .aggregate(average=Avg("title_length"))["average"]
        )
        _average["when"] = time.monotonic()
    return _average["value"]
