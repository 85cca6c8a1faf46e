"""Demo subscribers: a few confirmed readers in several languages, so the editors' report
has counts to show. Invented example.org addresses; loaded after the library's themes."""

from django.db import transaction
from django.utils import timezone

from alerts.models import Frequency, Subscription
from guidance.models import Theme

# (address, language, frequency, how many of the first themes)
DEMO_SUBSCRIBERS = [
    ("reader.en@example.org", "en", Frequency.WEEKLY, 2),
    ("lectrice.fr@example.org", "fr", Frequency.DAILY, 1),
    ("lector.es@example.org", "es", Frequency.WEEKLY, 1),
    ("qari.ar@example.org", "ar", Frequency.DAILY, 2),
    ("duzhe.zh@example.org", "zh-hans", Frequency.WEEKLY, 1),
]


@transaction.atomic
def load_subscribers():
    """Add the demo subscribers that are missing; returns how many were added."""
    themes = list(Theme.objects.all()[:2])
    if not themes:
        return 0
    added = 0
    for email, language, frequency, count in DEMO_SUBSCRIBERS:
        subscription, created = Subscription.objects.get_or_create(
            email=email,
            defaults={"language": language, "frequency": frequency, "confirmed_at": timezone.now()},
        )
        if created:
            subscription.themes.set(themes[:count])
            added += 1
    return added
