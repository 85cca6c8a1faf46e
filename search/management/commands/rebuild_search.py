"""Rebuild search from the published pages, without ever leaving readers with no results."""

from django.core.management.base import BaseCommand

from portal.progress import progress
from search import engine
from search.documents import searchable_pages
from search.models import PendingIndexUpdate, SearchEntry


class Command(BaseCommand):
    help = (
        "Rebuild the search entries of every published page and, with Elasticsearch, load "
        "them into a new index that replaces the old one in one step (searches keep "
        "answering from the old index until then)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-only",
            action="store_true",
            help="Rebuild the database entries only; leave Elasticsearch as it is.",
        )

    def handle(self, *args, database_only, **options):
        pages = searchable_pages()
        live_ids = set()
        for page in progress(pages, "Search entries", self.stderr, total=pages.count()):
            engine.update_page(page)
            live_ids.add(page.pk)
        stale = SearchEntry.objects.filter(target_type=SearchEntry.PAGE).exclude(
            target_id__in=live_ids
        )
        stale.delete()
        rows = SearchEntry.objects.order_by("target_type", "target_id", "language")
        self.stdout.write(f"{rows.count()} search entries from {len(live_ids)} pages.")
        index = engine.elastic_index()
        if index is None or database_only:
            return
        PendingIndexUpdate.objects.all().delete()  # the new index is built from the rows
        entries = (engine.entry_from_row(row) for row in rows.iterator(chunk_size=500))
        indexed = index.rebuild(
            entries,
            progress=lambda items: progress(
                items, "Elasticsearch", self.stderr, total=rows.count()
            ),
        )
        self.stdout.write(self.style.SUCCESS(f"{indexed} documents in {index.current_index()}."))
