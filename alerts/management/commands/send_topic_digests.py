from django.core.management.base import BaseCommand

from alerts.digests import send_digests
from alerts.models import Frequency


class Command(BaseCommand):
    help = "Send topic-alert digests to confirmed subscribers; safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=Frequency.values,
            help="Whose digests to send: the daily or the weekly subscribers.",
        )

    def handle(self, *args, frequency, **options):
        sent = send_digests(frequency)
        self.stdout.write(f"{frequency} digests sent: {sent}")
