"""Admin hooks of the editorial tools: the two library reports in the Reports menu, and
the translation workspace (its URLs, its link in a page's header, and translators sent
to it instead of the full page form)."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from foundation.roles import translates_only
from guidance.editorial import reports, workspace_views


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


@hooks.register("register_admin_urls")
def register_workspace_urls():
    return [path("translate/", include(workspace_views.urlpatterns))]


@hooks.register("register_page_header_buttons")
def translation_workspace_button(page, user, view_name, next_url=None):
    if workspace_views.can_translate(page.specific, user):
        yield Button(
            _("Translate"),
            reverse("guidance_translations", args=[page.pk]),
            icon_name="globe",
            priority=12,
        )


@hooks.register("before_edit_page")
def send_translators_to_the_workspace(request, page):
    """A translator works in the workspace, not in the form that repeats every field six
    times. (A hand-made POST still meets the form's translations-only limits.)"""
    if request.method == "GET" and translates_only(request.user):
        if workspace_views.can_translate(page.specific, request.user):
            return redirect("guidance_translations", page.pk)
    return None
