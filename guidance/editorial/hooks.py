"""Admin hooks of the editorial tools: the two library reports in the Reports menu, and
the translation workspace (its URLs, its link in a page's header, and translators sent
to it instead of the full page form)."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from foundation.reports import register_reports
from foundation.roles import translates_only
from guidance.editorial import reports, workspace_views

register_reports(
    "library-reports/",
    "guidance_editorial",
    reports.urlpatterns,
    [reports.DueForReviewView, reports.TranslationStatusView],
    shown_to=reports.can_see_library_reports,
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
