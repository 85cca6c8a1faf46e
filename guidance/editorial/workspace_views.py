"""The translation workspace's admin views: a page's languages with their progress, the
workspace of one language (English beside the translation), and "mark reviewed".

Anyone who may change the page may use them (editors, reviewers, translators); everyone
else is refused on the server. Saving writes a new revision that is never published here:
it reaches readers through the review workflow.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from guidance.editorial.workspace import (
    Workspace,
    direction,
    is_target_language,
    is_translatable,
    progress_by_language,
    target_languages,
)

FIELD_PREFIX = "segment:"


def translatable_page(request, page_id):
    """The page, if `request.user` may translate it: 404 for a page with nothing to
    translate, 403 for a user who may not change it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_translatable(page):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def refused(request, refusal):
    """A 403 page. (Wagtail's admin turns a PermissionDenied into a redirect to the
    dashboard, which would hide the refusal from whoever made the request.)"""
    return permission_denied(request, refusal)


def can_translate(page, user):
    return is_translatable(page) and page.permissions_for_user(user).can_edit()


def language_name(code):
    return get_language_info(code)["name_translated"]


class PageViewMixin(WagtailAdminTemplateMixin):
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.page = translatable_page(request, kwargs["page_id"])
        except PermissionDenied as refusal:
            return refused(request, refusal)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class PageTranslationsView(PageViewMixin, TemplateView):
    """Each target language of one page, how far along it is, and a link to work on it."""

    template_name = "guidance/editorial/translations.html"
    page_title = gettext_lazy("Translations")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        context["languages"] = [
            {
                "code": code,
                "name": name,
                "progress": progress,
                "url": reverse("guidance_workspace", args=[self.page.pk, code]),
            }
            for code, name, progress in progress_by_language(self.page)
        ]
        return context


class WorkspaceView(PageViewMixin, TemplateView):
    """The English of each segment beside its translation in one language."""

    template_name = "guidance/editorial/workspace.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_target_language(kwargs["code"]):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def workspace(self):
        return Workspace(self.page, self.kwargs["code"])

    def get_page_title(self):
        return _("Translate into %(language)s") % {"language": language_name(self.kwargs["code"])}

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = self.kwargs["code"]
        workspace = self.workspace
        context.update(
            page=self.page,
            code=code,
            language_name=language_name(code),
            direction=direction(code),
            rows=workspace.rows,
            progress=workspace.progress,
            review=workspace.review,
            field_prefix=FIELD_PREFIX,
            languages=[
                {
                    "code": other,
                    "name": name,
                    "current": other == code,
                    "url": reverse("guidance_workspace", args=[self.page.pk, other]),
                }
                for other, name in target_languages()
            ],
            translations_url=reverse("guidance_translations", args=[self.page.pk]),
            reviewed_url=reverse("guidance_workspace_reviewed", args=[self.page.pk, code]),
        )
        return context

    def post(self, request, *args, **kwargs):
        values = {
            key[len(FIELD_PREFIX) :]: value
            for key, value in request.POST.items()
            if key.startswith(FIELD_PREFIX)
        }
        lock = self.page.get_lock()
        if lock is not None and lock.for_user(request.user):
            messages.error(request, _("This page is locked: the translation was not saved."))
            return self.render_to_response(self.get_context_data())
        submit = "submit" in request.POST
        try:
            self.workspace.save(values, request.user, submit=submit)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data())
        if submit:
            messages.success(request, _("Translation saved and submitted for review."))
        else:
            messages.success(
                request, _("Translation saved as a draft. Readers see it once it is published.")
            )
        return redirect("guidance_workspace", self.page.pk, self.kwargs["code"])


def mark_reviewed(request, page_id, code):
    """The translation matches the present English: nothing is outdated any more."""
    if request.method != "POST":
        return redirect("guidance_workspace", page_id, code)
    if not is_target_language(code):
        raise Http404
    try:
        page = translatable_page(request, page_id)
    except PermissionDenied as refusal:
        return refused(request, refusal)
    Workspace(page, code).mark_reviewed(request.user)
    messages.success(
        request,
        _("The %(language)s translation is marked as reviewed against the present English.")
        % {"language": language_name(code)},
    )
    return redirect("guidance_workspace", page.pk, code)


urlpatterns = [
    path("<int:page_id>/", PageTranslationsView.as_view(), name="guidance_translations"),
    path("<int:page_id>/<str:code>/", WorkspaceView.as_view(), name="guidance_workspace"),
    path(
        "<int:page_id>/<str:code>/reviewed/",
        mark_reviewed,
        name="guidance_workspace_reviewed",
    ),
]
