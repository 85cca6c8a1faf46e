"""Topic alerts: readers' subscriptions to themes, and what their digests list.

A `Subscription` is one email address (no account), its themes, language and digest
frequency. It counts only once confirmed (double opt-in); until then it only records when
the last confirmation mail went, so that an address gets at most one a day.
An `AlertItem` is something to tell subscribers: a library page published for the first
time, or changed significantly (with a note per language). A `Delivery` records that a
subscriber was sent an item, which makes sending digests safe to repeat.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from guidance.models import Theme


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Subscription(models.Model):
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="alert_subscriptions")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self):
        return f"Subscription {self.pk}"  # never the address: it shows in logs

    @property
    def confirmation_sent_today(self):
        sent = self.confirmation_sent_at
        return sent is not None and timezone.localdate(sent) == timezone.localdate()


class AlertItem(models.Model):
    class Kind(models.TextChoices):
        NEW = "new", _("New")
        CHANGED = "changed", _("Changed")

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="alert_items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    themes = models.ManyToManyField(Theme, related_name="alert_items")
    # {"en": "...", "fr": "..."}: what changed, per language (empty for a new page).
    notes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page_id}"

    def note(self, language):
        return self.notes.get(language) or self.notes.get(settings.LANGUAGE_CODE, "")


class Delivery(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE)
    item = models.ForeignKey(AlertItem, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "item"], name="one_delivery_per_item")
        ]

    def __str__(self):
        return f"Item {self.item_id} to subscription {self.subscription_id}"
