"""Rebuild search from the published pages and public documents, without ever leaving
readers with no results."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from foundation.page_cache import content_changed
from foundation.progress import progress
from search import database_index, engine
from search.connection import ENGINE_ERRORS
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
        # The updates queued so far (during an outage, say) stay queued until the new index,
        # which holds them, is live: a rebuild that fails loses none of them.
        queued = list(PendingIndexUpdate.objects.values_list("pk", "queued_at"))
        # One transaction: if the rebuild fails nothing is half-done. When Elasticsearch is
        # rebuilt below, nothing is queued per object: that would be sent one by one to the
        # index about to be replaced.
        queue = index is None
        with transaction.atomic():
            pages = searchable_pages()
            live_ids = set()
            for page in progress(pages, "Search entries", self.stderr, total=pages.count()):
                engine.update_page(page, queue=queue, rewrite=True)
                live_ids.add(page.pk)
            SearchEntry.objects.filter(target_type=SearchEntry.PAGE).exclude(
                target_id__in=live_ids
            ).delete()
            documents = searchable_documents()
            public_ids = set()
            for document in progress(documents, "Documents", self.stderr, total=documents.count()):
                engine.update_document(document, queue=queue, rewrite=True)
                public_ids.add(document.pk)
            SearchEntry.objects.filter(target_type=SearchEntry.DOCUMENT).exclude(
                target_id__in=public_ids
            ).delete()
            database_index.prune_vocabulary()
        # What the process memos worked out from the content (search's readable pages and
        # known words) is worked out again.
        content_changed()
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
        try:
            indexed = index.rebuild(
                entries,
                progress=lambda items: progress(items, "Elasticsearch", self.stderr, total=total),
                note=self.stderr.write,
            )
        except ENGINE_ERRORS as error:
            raise CommandError(
                f"The search index was not replaced ({error.__class__.__name__}: {error}). "
                f"Searches still use the previous index; {len(queued)} queued updates are "
                "kept and will be sent to it."
            ) from error
        # Forget what the new index holds, unless it was queued again meanwhile.
        for pk, queued_at in queued:
            PendingIndexUpdate.objects.filter(pk=pk, queued_at=queued_at).delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"{indexed} documents in {index.current_index()} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
