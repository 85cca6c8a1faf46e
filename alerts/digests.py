"""Sending digests: each subscriber gets each item once, however often this runs."""

from django.db import transaction

from alerts.emails import send_digest
from alerts.models import AlertItem, Delivery, Subscription


def send_digests(frequency):
    """Send every due digest of `frequency`; returns how many were sent.

    Per subscriber, one transaction: the row is locked (a second run at the same time skips
    it), the deliveries are written and the mail handed over together, so a failure sends
    nothing and records nothing.
    """
    sent = 0
    ids = Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False).values_list(
        "pk", flat=True
    )
    for pk in ids:
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            )
            if subscription is None:
                continue
            items = list(
                AlertItem.objects.filter(
                    themes__in=subscription.themes.all(),
                    created_at__gte=subscription.confirmed_at,
                    page__live=True,
                )
                .exclude(delivery__subscription=subscription)
                .distinct()
                .select_related("page")
            )
            if not items:
                continue
            Delivery.objects.bulk_create(
                [Delivery(subscription=subscription, item=item) for item in items]
            )
            send_digest(subscription, items)
            sent += 1
    return sent
