"""How often library pages are read: one counter per page and day, for "most used"."""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


class PageViewCount(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="view_counts")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="one_count_per_day")]
        verbose_name = _("page views")

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


def record_view(page):
    """Count one reading of `page` today; safe under concurrent requests."""
    today = timezone.localdate()
    counts = PageViewCount.objects.filter(page_id=page.pk, day=today)
    if counts.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            PageViewCount.objects.create(page_id=page.pk, day=today, views=1)
    except IntegrityError:  # another request created today's row first
        counts.update(views=F("views") + 1)


def most_used(queryset, days=90, limit=5):
    """The pages of `queryset` read most over the last `days` days, most read first."""
    since = timezone.localdate() - timedelta(days=days)
    return (
        queryset.filter(view_counts__day__gte=since)
        .annotate(recent_views=Sum("view_counts__views"))
        .order_by("-recent_views", "-id")[:limit]
    )
