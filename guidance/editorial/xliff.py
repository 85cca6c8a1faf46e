"""Translating with an agency in the admin: XLIFF 2.0 files out and back in.

Per page ("Translate with an agency" in the page's header menu): one file per target
language to download, and an upload that saves the translations as a new draft revision.
Per batch (the translation status report): the pages ticked there, in the languages
chosen, as one zip of files; and an upload of such a zip.

Only users who may edit a page get its files or may send them back; every view checks
that on the server. An upload is checked whole before anything is saved (see
`guidance.xliff.apply_documents`): a file that would break a page saves nothing and says
which text is wrong.
"""

import functools
import io
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import Page

from foundation.pages import TranslatedPage
from foundation.uploads import UploadView
from guidance.editorial.reports import can_see_library_reports
from guidance.models.translation_status import TranslationRecord, translation_status
from guidance.translation_segments import target_languages, translated_fields
from guidance.xliff import XliffError, apply_documents, export_document, file_name, read_document

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ZIP_BYTES = 20 * 1024 * 1024
MAX_ZIP_FILES = 500
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
XLIFF_TYPE = "application/xliff+xml; charset=utf-8"


def answer_403(view):
    """A plain 403 for a page the user may not edit (the admin would turn PermissionDenied
    into a redirect to the dashboard, which a script or a download cannot read)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)

    return wrapped


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


def editable_page(user, page_id):
    """The page, if it is translated (a portal page type, not the tree's root or a plain
    Wagtail page) and `user` may edit it; 404 or 403 otherwise."""
    page = get_object_or_404(Page, pk=page_id, depth__gt=1).specific
    if not has_texts(page):
        raise Http404
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    return page


def has_texts(page):
    return isinstance(page, TranslatedPage) and bool(translated_fields(page))


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Reading uploads ----------------------------------------------------------------------


def documents_from_upload(upload):
    """[(file name, Document)] of an uploaded .xlf or .zip; XliffError says what is wrong."""
    name = upload.name or ""
    is_zip = name.lower().endswith(".zip")
    data = upload.read((MAX_ZIP_BYTES if is_zip else MAX_FILE_BYTES) + 1)
    if len(data) > (MAX_ZIP_BYTES if is_zip else MAX_FILE_BYTES):
        raise XliffError(gettext("The file is too large."))
    if not is_zip:
        return [(name, _read(name, data))]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise XliffError(gettext("The file is not a zip archive.")) from None
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith((".xlf", ".xliff"))
        and not info.filename.rsplit("/", 1)[-1].startswith(".")
        and not info.filename.startswith("__MACOSX/")
    ]
    if not members:
        raise XliffError(gettext("The zip archive holds no .xlf file."))
    if len(members) > MAX_ZIP_FILES or sum(info.file_size for info in members) > (
        MAX_UNZIPPED_BYTES
    ):
        raise XliffError(gettext("The zip archive is too large."))
    documents = []
    for info in members:
        with archive.open(info) as member:
            content = member.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise XliffError(gettext("%(file)s: the file is too large.") % {"file": info.filename})
        documents.append((info.filename, _read(info.filename, content)))
    return documents


def _read(name, data):
    try:
        return read_document(data)
    except XliffError as error:
        raise XliffError(f"{name}: {error}") from None


class XliffUploadForm(forms.Form):
    file = forms.FileField(label=_("XLIFF file"))

    def __init__(self, *args, batch=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlf,.xliff,.zip" if batch else ".xlf,.xliff"
        self.fields["file"].help_text = (
            _("An .xlf file, or a .zip of them, as the agency sent them back.")
            if batch
            else _("The .xlf file of this page, as the agency sent it back.")
        )


def import_upload(request, form, only_page=None):
    """Apply the uploaded file(s): a success message and the results, or form errors."""
    try:
        documents = documents_from_upload(form.cleaned_data["file"])
        results = apply_documents(request.user, [doc for _name, doc in documents], only_page)
    except XliffError as error:
        form.add_error("file", str(error))
        return None
    pages = {result.page.pk for result in results}
    messages.success(
        request,
        ngettext(
            "Translations saved as a new draft of %(count)d page: submit it for review.",
            "Translations saved as new drafts of %(count)d pages: submit them for review.",
            len(pages),
        )
        % {"count": len(pages)},
    )
    for result in results:
        if result.english_changed:
            messages.warning(
                request,
                gettext(
                    "%(page)s (%(language)s): the English changed since the file was made, "
                    "check these texts: %(texts)s"
                )
                % {
                    "page": result.page.get_admin_display_title(),
                    "language": language_name(result.language),
                    "texts": "; ".join(result.english_changed),
                },
            )
    return results


# Views ------------------------------------------------------------------------------


def export_page(request, page_id, language):
    page = editable_page(request.user, page_id)
    if language not in target_languages():
        raise Http404
    draft = page.get_latest_revision_as_object()
    return download(export_document(draft, language), file_name(page, language), XLIFF_TYPE)


class PageXliffView(WagtailAdminTemplateMixin, FormView):
    """The page's files to download, and the upload of one back."""

    form_class = XliffUploadForm
    template_name = "guidance/editorial/xliff_page.html"
    page_title = _("Translate with an agency")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        self.page = editable_page(request.user, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = {record.language: record for record in self.page.translation_records.all()}
        context.update(
            page=self.page,
            languages=[
                {
                    "code": code,
                    "name": language_name(code),
                    "status_label": TranslationRecord.STATUS_LABELS[
                        translation_status(self.page, code, records)
                    ],
                    "url": reverse("guidance_xliff_export", args=[self.page.pk, code]),
                }
                for code in target_languages()
            ],
            action_url=reverse("guidance_xliff_page", args=[self.page.pk]),
            submit_button_label=_("Import translations"),
            submit_button_active_label=_("Importing…"),
        )
        return context

    def form_valid(self, form):
        if import_upload(self.request, form, only_page=self.page) is None:
            return self.form_invalid(form)
        return redirect("wagtailadmin_pages:edit", self.page.pk)


def export_batch(request):
    """The pages and languages chosen in the translation status report, as one zip."""
    page_ids = [
        value for value in request.GET.getlist("page") if value.isascii() and value.isdigit()
    ]
    languages = [code for code in request.GET.getlist("language") if code in target_languages()]
    if not page_ids or not languages:
        messages.error(request, gettext("Tick at least one page and one language."))
        return redirect("guidance_editorial:translation_status")
    pages = list(Page.objects.filter(pk__in=page_ids, depth__gt=1).specific())
    if any(not page.permissions_for_user(request.user).can_edit() for page in pages):
        raise PermissionDenied
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in pages:
            draft = page.get_latest_revision_as_object()
            for code in languages:
                archive.writestr(f"{code}/{file_name(page, code)}", export_document(draft, code))
    filename = f"xliff-{timezone.localdate():%Y-%m-%d}.zip"
    return download(buffer.getvalue(), filename, "application/zip")


class BatchImportView(UploadView):
    form_class = XliffUploadForm
    template_name = "guidance/editorial/xliff_batch.html"
    page_title = _("Import translations (XLIFF)")
    url_name = "guidance_xliff_batch_import"
    parent_url_name = "guidance_editorial:translation_status"
    parent_label = _("Translation status")
    submit_button_label = _("Import translations")

    def permitted(self, user):
        return can_see_library_reports(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "batch": True}

    def form_valid(self, form):
        results = import_upload(self.request, form)
        if results is None:
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=self.get_form_class()(batch=True),
                results=[
                    {"page": r.page, "language": language_name(r.language), "count": r.count}
                    for r in results
                ],
            )
        )


# Hooks ------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_xliff_urls():
    return [
        path(
            "xliff/page/<int:page_id>/",
            answer_403(PageXliffView.as_view()),
            name="guidance_xliff_page",
        ),
        path(
            "xliff/page/<int:page_id>/<str:language>.xlf",
            answer_403(export_page),
            name="guidance_xliff_export",
        ),
        path("xliff/batch/export/", answer_403(export_batch), name="guidance_xliff_batch_export"),
        path(
            "xliff/batch/import/",
            answer_403(BatchImportView.as_view()),
            name="guidance_xliff_batch_import",
        ),
    ]


@hooks.register("register_page_header_buttons")
def xliff_header_button(page, user, view_name, next_url=None):
    if has_texts(page) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Translate with an agency (XLIFF)"),
            reverse("guidance_xliff_page", args=[page.pk]),
            icon_name="globe",
            priority=75,
        )
