"""Admin hooks of the editorial tools: the two library reports in the Reports menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from guidance.editorial import reports


@hooks.register("register_admin_urls")
def register_library_report_urls():
    return [
        path(
            "library-reports/",
            include((reports.urlpatterns, "guidance_editorial"), namespace="guidance_editorial"),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return reports.LibraryReportMenuItem(
        _("Due for review"),
        reverse("guidance_editorial:due_for_review"),
        name="due-for-review",
        icon_name="time",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return reports.LibraryReportMenuItem(
        _("Translation status"),
        reverse("guidance_editorial:translation_status"),
        name="translation-status",
        icon_name="globe",
        order=1400,
    )
