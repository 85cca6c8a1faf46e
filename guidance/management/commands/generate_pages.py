"""Add N synthetic guidance pages for scale tests and benchmarks.

The text is recombined from the demo library's own blocks with a seeded random
generator, so runs are repeatable and every page reads like guidance (in every
language the source blocks exist in).
"""

import random
from contextlib import contextmanager
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from modelsearch.signal_handlers import post_save_signal_handler

from foundation.progress import progress
from guidance.demo import CONTENT, LANGS, read, to_block
from guidance.models import Audience, GuidancePage, Region, ThemePage


@contextmanager
def index_later(model):
    """Skip per-save indexing while bulk-creating; the caller reindexes once at the end."""
    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = "Add N synthetic, published guidance pages (for scale tests and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many pages to add.")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed, so runs are repeatable."
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Do not update the search index afterwards (run update_index yourself).",
        )

    def handle(self, *args, count, seed, no_index, **options):
        if count < 1:
            raise CommandError("count must be at least 1")
        themes = list(ThemePage.objects.live().select_related("theme"))
        if not themes:
            raise CommandError("No theme pages: run `manage.py load_demo` first.")
        sources = [read(path) for path in sorted((CONTENT / "guidance").glob("*.toml"))]
        audiences = list(Audience.objects.all())
        regions = list(Region.objects.all())
        rng = random.Random(seed)  # noqa: S311 - repeatable test data, not security
        start = GuidancePage.objects.filter(slug_en__startswith="synthetic-").count()
        today = timezone.localdate()

        with index_later(GuidancePage):
            for number in progress(range(start, start + count), "Synthetic pages", self.stderr):
                source = rng.choice(sources)
                parent = rng.choice(themes)
                page = self.build(source, number, rng, today)
                with transaction.atomic():
                    parent.add_child(instance=page)
                    page.themes.set([parent.theme])
                    page.audiences.set(rng.sample(audiences, k=min(2, len(audiences))))
                    if rng.random() < 0.3 and regions:
                        page.regions.set([rng.choice(regions)])
                    page.save()  # commits the taxonomy relations held by the page
        self.stdout.write(f"Added {count} synthetic guidance pages.")
        if not no_index:
            call_command("update_index", stdout=self.stdout)

    def build(self, source, number, rng, today):
        page = GuidancePage(live=True, first_published_at=timezone.now())
        for lang in LANGS:
            values = source.get(lang)
            if not values:
                continue
            blocks = list(values["body"])
            # Keep the opening heading, shuffle the rest to vary pages.
            head, rest = blocks[:1], blocks[1:]
            rng_lang = random.Random(number)  # noqa: S311 - same order in every language
            rng_lang.shuffle(rest)
            setattr(page, f"title_{lang}", f"{values['title']} ({number:05d})")
            setattr(page, f"slug_{lang}", f"synthetic-{number:05d}")
            setattr(page, f"summary_{lang}", values["summary"])
            setattr(page, f"who_for_{lang}", values.get("who_for", ""))
            setattr(page, f"body_{lang}", [to_block(block) for block in head + rest])
        page.publication_date = today - timedelta(days=rng.randint(0, 1100))
        page.last_reviewed = page.publication_date
        page.next_review_due = page.publication_date + timedelta(days=730)
        page.slug = f"synthetic-{number:05d}"
        return page
