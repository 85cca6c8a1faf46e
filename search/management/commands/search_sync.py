from django.core.management.base import BaseCommand

from search.engine import flush_pending
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = (
        "Send the search updates queued while Elasticsearch was unreachable. The portal also "
        "retries on its own; this is for cron or for after an outage."
    )

    def handle(self, *args, **options):
        sent = flush_pending(force=True, limit=100000)
        left = PendingIndexUpdate.objects.count()
        self.stdout.write(f"Sent {sent} queued updates; {left} still waiting.")
