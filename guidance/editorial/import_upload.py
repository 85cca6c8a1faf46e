"""Import guidance from HTML files in the admin: upload, check every file, then create drafts.

Open to users who may add pages under at least one theme page (editors, superusers);
the themes offered are the ones they may add to, and the choice is checked again when
the form is sent. New pages are always drafts: publishing goes through review as usual.
A translation can be imported into an existing page the user may edit.
"""

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from foundation.uploads import UploadView
from guidance.library_import.html_tree import MAX_FILE_BYTES, ImportRejected
from guidance.library_import.pages import ImportTargetError, import_files
from guidance.library_import.pages import check_target as check_import_target
from guidance.models import GuidancePage, ThemePage

MAX_FILES = 50
RESULT_SESSION_KEY = "guidance_import_result"


def importable_theme_pages(user):
    """The theme pages `user` may add guidance pages under."""
    addable = page_permission_policy.instances_user_has_permission_for(user, "add")
    return ThemePage.objects.filter(pk__in=addable.values("pk")).order_by("path")


def can_import(user):
    return importable_theme_pages(user).exists()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and cleans each one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        clean_one = super().clean
        if not data:
            return [clean_one(None, initial)]  # raises "required"
        if not isinstance(data, list | tuple):
            data = [data]
        return [clean_one(item, initial) for item in data]


class ImportForm(forms.Form):
    files = MultipleFileField(label=_("HTML files"))
    language = forms.ChoiceField(
        label=_("Language of the files"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=ThemePage.objects.none(),
        required=False,
        help_text=_("New pages are created as drafts under this theme."),
    )
    page = forms.ModelChoiceField(
        label=_("Page to translate"),
        queryset=GuidancePage.objects.all(),
        required=False,
        widget=AdminPageChooser(target_models=[GuidancePage]),
        help_text=_(
            "Only for a translation: the guidance page the file translates. It gets the "
            "file's language as a draft, and keeps its other languages."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["theme"].queryset = importable_theme_pages(user)
        self.fields["files"].help_text = gettext(
            "One guidance page is made from each file: its <h1> (or <title>) becomes the "
            "title, its first paragraph the summary. UTF-8, at most %(size)s MB each, up to "
            "%(count)s files."
        ) % {"size": MAX_FILE_BYTES // (1024 * 1024), "count": MAX_FILES}

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Upload at most %(count)s files at a time.") % {"count": MAX_FILES}
            )
        for upload in files:
            if not upload.name.lower().endswith((".html", ".htm")):
                raise forms.ValidationError(
                    _("“%(name)s” is not an HTML file (.html or .htm).") % {"name": upload.name}
                )
        return files

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page is not None and not page.permissions_for_user(self.user).can_edit():
            raise forms.ValidationError(_("You may not edit this page."))
        return page

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_import_target(
                cleaned["language"],
                parent=cleaned["theme"],
                page=cleaned["page"],
                count=len(cleaned["files"]),
            )
        except ImportTargetError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


class ImportView(UploadView):
    form_class = ImportForm
    template_name = "guidance/editorial/import.html"
    page_title = _("Import guidance")
    url_name = "guidance_import"

    def permitted(self, user):
        return can_import(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(imported=imported_from_session(request))
        )

    def form_valid(self, form):
        data = form.cleaned_data
        sources = [(upload.name, upload.read(MAX_FILE_BYTES + 1)) for upload in data["files"]]
        try:
            results = import_files(
                sources,
                language=data["language"],
                parent=data["theme"],
                page=data["page"],
                user=self.request.user,
            )
        except ImportTargetError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ImportRejected as rejected:
            return self.render_to_response(
                self.get_context_data(form=form, problems=rejected.problems)
            )
        self.request.session[RESULT_SESSION_KEY] = {
            "language": data["language"],
            "items": [
                {
                    "page": result.page.pk,
                    "filename": result.filename,
                    "created": result.created,
                    "notes": [str(note) for note in result.notes],
                }
                for result in results
            ],
        }
        messages.success(
            self.request,
            ngettext(
                "%(count)s file imported as a draft.",
                "%(count)s files imported as drafts.",
                len(results),
            )
            % {"count": len(results)},
        )
        return redirect("guidance_import")


def imported_from_session(request):
    """What the last import made, once, for the page shown after its redirect."""
    result = request.session.pop(RESULT_SESSION_KEY, None)
    if not result:
        return []
    pages = Page.objects.filter(pk__in=[item["page"] for item in result["items"]]).in_bulk()
    language = dict(settings.LANGUAGES).get(result["language"], result["language"])
    return [
        {**item, "page": pages[item["page"]], "language": language}
        for item in result["items"]
        if item["page"] in pages
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("import-guidance/", ImportView.as_view(), name="guidance_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import guidance"),
        reverse("guidance_import"),
        name="import-guidance",
        icon_name="upload",
        order=250,
    )
