"""`migrate`, then the per-language columns of Wagtail's own Page table, quietly.

wagtail-modeltranslation's `migrate` adds the translated columns of `wagtailcore_page`
(title_fr, slug_ar, ...) after the migrations, through modeltranslation's
`sync_translation_fields`, which prints every ALTER TABLE with `print()` whatever the
verbosity. This command does the same work and reports it in one line, or not at all
with `-v 0`; `-v 2` shows the SQL as before.
"""

import contextlib
import io

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db.migrations.autodetector import MigrationAutodetector

from wagtail_modeltranslation.management.commands.migrate_translation import changes_decorator
from wagtail_modeltranslation.management.commands.sync_page_translation_fields import (
    Command as SyncPageTranslationFieldsCommand,
)


class Command(MigrateCommand):
    help = (
        "Update the database schema, then add any missing per-language column of "
        "Wagtail's page table (modeltranslation)."
    )

    def handle(self, *args, **options):
        # As wagtail-modeltranslation's own command: the translated Page fields are not
        # Wagtail migrations, so the "changes not reflected in migrations" check skips them.
        changes = MigrationAutodetector.changes
        MigrationAutodetector.changes = changes_decorator(changes)
        try:
            super().handle(*args, **options)
        finally:
            MigrationAutodetector.changes = changes
        self.sync_page_columns(options)

    def sync_page_columns(self, options):
        sync = SyncPageTranslationFieldsCommand(stdout=self.stdout, stderr=self.stderr)
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            sync.handle(interactive=False)
        report = captured.getvalue()
        verbosity = options.get("verbosity", 1)
        if verbosity >= 2:
            self.stdout.write(report)
        elif verbosity == 1:
            added = report.count("ADD COLUMN")
            if added:
                self.stdout.write(f"Added {added} per-language columns to Wagtail's page table.")
