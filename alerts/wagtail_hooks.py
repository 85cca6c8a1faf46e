"""The subscriber report: counts per theme and language, never an address."""

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.models import Page

from alerts.models import Subscription
from foundation.reports import ReportView, register_reports, report_urls
from guidance.editorial.reports import REPORT_PERMISSIONS, can_see_library_reports


def language_name(row):
    return dict(settings.LANGUAGES).get(row["language"], row["language"])


class SubscriberCountsView(ReportView):
    """Seen by whoever may see the library's reports (editors); confirmed subscribers only."""

    model = Page  # the page permission policy decides who may see the report
    any_permission_required = REPORT_PERMISSIONS
    page_title = _("Alert subscribers")
    header_icon = "mail"
    menu_name = "alert-subscribers"
    index_url_name = "alert_subscribers"
    index_results_url_name = "alert_subscribers_results"
    list_export = ["themes__title", "language", "subscribers"]
    export_headings = {
        "themes__title": _("Theme"),
        "language": _("Language"),
        "subscribers": _("Subscribers"),
    }
    columns = [
        Column("themes__title", label=_("Theme")),
        Column("language", label=_("Language"), accessor=language_name),
        Column("subscribers", label=_("Subscribers")),
    ]

    def get_queryset(self):
        return (
            Subscription.objects.filter(confirmed_at__isnull=False, themes__isnull=False)
            .values("themes__title", "language")
            .annotate(subscribers=Count("pk"))
            .order_by("themes__title", "language")
        )


register_reports(
    "reports/",
    None,  # the report's URL names are global: alert_subscribers, alert_subscribers_results
    report_urls("alert-subscribers/", SubscriberCountsView, "alert_subscribers"),
    [SubscriberCountsView],
    shown_to=can_see_library_reports,
)
