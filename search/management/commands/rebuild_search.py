"""Rebuild search from the published pages and public documents, without ever leaving
readers with no results."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.progress import progress
from search import database, engine
from search.documents import searchable_documents, searchable_pages
from search.models import PendingIndexUpdate, SearchEntry


class Command(BaseCommand):
    help = (
        "Rebuild the search entries of every published page and public document and, with "
        "Elasticsearch, load them into a new index that replaces the old one in one step "
        "(searches keep answering from the old index until then)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-only",
            action="store_true",
            help="Rebuild the database entries only; leave Elasticsearch as it is.",
        )

    def handle(self, *args, database_only, **options):
        index = None if database_only else engine.elastic_index()
        started = time.monotonic()
        # One transaction: if the rebuild fails nothing is half-done, and when Elasticsearch
        # is rebuilt below, the queued per-object updates are dropped instead of being sent
        # one by one to the index about to be replaced.
        with transaction.atomic():
            pages = searchable_pages()
            live_ids = set()
            for page in progress(pages, "Search entries", self.stderr, total=pages.count()):
                engine.update_page(page)
                live_ids.add(page.pk)
            SearchEntry.objects.filter(target_type=SearchEntry.PAGE).exclude(
                target_id__in=live_ids
            ).delete()
            documents = searchable_documents()
            public_ids = set()
            for document in progress(documents, "Documents", self.stderr, total=documents.count()):
                engine.update_document(document)
                public_ids.add(document.pk)
            SearchEntry.objects.filter(target_type=SearchEntry.DOCUMENT).exclude(
                target_id__in=public_ids
            ).delete()
            database.prune_vocabulary()
            if index is not None:
                PendingIndexUpdate.objects.all().delete()  # the new index is built from the rows
        rows = SearchEntry.objects.order_by("target_type", "target_id", "language")
        total = rows.count()
        self.stdout.write(
            f"{total} search entries from {len(live_ids)} pages and {len(public_ids)} "
            f"documents in {time.monotonic() - started:.1f} s."
        )
        if index is None:
            return
        started = time.monotonic()
        entries = (engine.entry_from_row(row) for row in rows.iterator(chunk_size=500))
        indexed = index.rebuild(
            entries,
            progress=lambda items: progress(items, "Elasticsearch", self.stderr, total=total),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{indexed} documents in {index.current_index()} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
