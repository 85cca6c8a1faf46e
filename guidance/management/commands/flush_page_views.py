"""Write the page views counted in the cache to the database (for "most used").

The task queue runs it every minute or so; running it by hand, or twice, or from two
servers at once adds each view once.
"""

from django.core.management.base import BaseCommand

from guidance.models.usage import flush_page_views


class Command(BaseCommand):
    help = "Add the page views counted in the cache to the daily counts in the database."

    def handle(self, *args, **options):
        added = flush_page_views()
        if options["verbosity"] > 0:
            self.stdout.write(f"{added} page views added.")
