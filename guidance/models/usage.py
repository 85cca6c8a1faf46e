"""How often library pages are read: one counter per page and day, for "most used".

Readers' views are counted in the cache (foundation.page_views) and written here in batches by
`flush_page_views`, never one row update per view.
"""

from datetime import timedelta

from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from foundation import page_views


class PageViewCount(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="view_counts")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="one_count_per_day")]
        verbose_name = _("page views")

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


def record_view(page, request=None):
    """Count one reading of `page` today (in the cache; see `flush_page_views`). Readers
    served this page from the page cache are counted too."""
    page_views.count(page.pk)
    if request is not None:
        request.page_view_counted = page.pk


def flush_page_views():
    """Add the views counted in the cache to the database; the number of views added.

    Safe to run from several processes at once and to repeat: each view is taken from the
    cache once (foundation.page_views.taking) and stored in one transaction; if storing fails,
    the views stay in the cache for the next run.
    """
    page_ids = Page.objects.values_list("pk", flat=True).iterator()
    with page_views.taking(page_ids) as counts, transaction.atomic():
        if not counts:
            return 0
        stored = set(
            PageViewCount.objects.filter(page_id__in={pk for pk, _day in counts}).values_list(
                "page_id", "day"
            )
        )
        for (page_id, day), views in sorted(counts.items()):
            if (page_id, day) in stored:
                PageViewCount.objects.filter(page_id=page_id, day=day).update(
                    views=F("views") + views
                )
            else:
                PageViewCount.objects.create(page_id=page_id, day=day, views=views)
    return sum(counts.values())


def most_used(queryset, days=90, limit=5):
    """The pages of `queryset` read most over the last `days` days, most read first."""
    since = timezone.localdate() - timedelta(days=days)
    return (
        queryset.filter(view_counts__day__gte=since)
        .annotate(recent_views=Sum("view_counts__views"))
        .order_by("-recent_views", "-id")[:limit]
    )
