"""Admin reports on the library: what is due for review, and how far each translation is.

Both reports list the guidance, standard and tool pages the user may edit, and are open
to anyone who can add, change or publish pages (editors, reviewers, translators,
superusers). Rows are built in Python because they span three page types and a status
computed per language; filters are applied while building them.
"""

import datetime

import django_filters

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from foundation.reports import (
    DayColumn,
    ReportView,
    StatusColumn,
    TextColumn,
    TotalRow,
    report_urls,
)
from guidance.models import GuidancePage, StandardPage, Theme, ToolPage
from guidance.models.translation_status import TranslationRecord, translation_status

LIBRARY_PAGE_TYPES = (GuidancePage, StandardPage, ToolPage)
REPORT_PERMISSIONS = ["add", "change", "publish"]
STATUS_CHOICES = list(TranslationRecord.STATUS_LABELS.items())
SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def can_see_library_reports(user):
    return page_permission_policy.user_has_any_permission(user, REPORT_PERMISSIONS)


def type_label(page):
    return capfirst(page._meta.verbose_name)


def editable_pages(user, model):
    """Pages of `model` that `user` may change, as the page explorer would allow."""
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return model.objects.filter(pk__in=editable.values("pk"))


def edit_link(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def days_overdue_text(page):
    days = page.days_overdue
    if days > 0:
        return ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": days}
    if days == 0:
        return gettext("Due today")
    return ngettext("Due in %(days)s day", "Due in %(days)s days", -days) % {"days": -days}


class LibraryReportView(ReportView):
    """Permission, filter values and export plumbing shared by the two reports."""

    model = Page  # the page permission policy decides who may see the report
    any_permission_required = REPORT_PERMISSIONS
    export_filename_prefix = ""

    @cached_property
    def filter_values(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def filter_queryset(self, queryset):
        return queryset  # get_queryset builds only the rows the filters let through

    def get_filename(self):
        return f"{self.export_filename_prefix}-{timezone.localdate():%Y-%m-%d}"

    def edit_url(self, page):
        return self.request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=[page.pk]))


# Due for review --------------------------------------------------------------------


class DaysFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class DueForReviewFilterSet(WagtailFilterSet):
    due_within = DaysFilter(
        label=_("Also due within (days)"),
        min_value=0,
        max_value=3650,
        help_text=_("0 lists only pages whose review date has passed."),
    )
    page_type = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=[
            (model._meta.model_name, model._meta.verbose_name) for model in LIBRARY_PAGE_TYPES
        ],
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=lambda request: Theme.objects.all(),
        empty_label=_("All"),
    )

    class Meta:
        model = Page
        fields = []


class DueForReviewView(LibraryReportView):
    page_title = _("Due for review")
    header_icon = "time"
    menu_name = "due-for-review"
    menu_order = 1300
    no_results_message = _("No library page is due for review.")
    index_url_name = "guidance_editorial:due_for_review"
    index_results_url_name = "guidance_editorial:due_for_review_results"
    filterset_class = DueForReviewFilterSet
    export_filename_prefix = "due-for-review"
    list_export = [
        "title",
        "type_label",
        "theme_titles",
        "next_review_due",
        "days_overdue",
        "last_reviewed",
        "edit_url",
    ]
    export_headings = {
        "title": _("Title"),
        "type_label": _("Type"),
        "theme_titles": _("Themes"),
        "next_review_due": _("Next review due"),
        "days_overdue": _("Days overdue"),
        "last_reviewed": _("Last reviewed"),
        "edit_url": _("Edit link"),
    }

    columns = [
        TitleColumn(
            "title", label=_("Title"), accessor="get_admin_display_title", get_url=edit_link
        ),
        TextColumn("type_label", label=_("Type")),
        TextColumn("theme_titles", label=_("Themes")),
        DayColumn("next_review_due", label=_("Next review due")),
        TextColumn("days_overdue", label=_("Days overdue"), accessor=days_overdue_text),
        DayColumn("last_reviewed", label=_("Last reviewed"), empty=_("Never")),
    ]

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_queryset(self):
        within = self.filter_values.get("due_within") or 0
        page_type = self.filter_values.get("page_type")
        theme = self.filter_values.get("theme")
        if within:
            due = {"next_review_due__lte": self.today + datetime.timedelta(days=within)}
        else:
            due = {"next_review_due__lt": self.today}

        rows = []
        for model in LIBRARY_PAGE_TYPES:
            if page_type and model._meta.model_name != page_type:
                continue
            pages = editable_pages(self.request.user, model).filter(**due)
            if theme:
                pages = pages.filter(themes=theme)
            for page in pages.prefetch_related("themes"):
                page.type_label = type_label(page)
                page.theme_titles = ", ".join(theme.title for theme in page.themes.all())
                page.days_overdue = (self.today - page.next_review_due).days
                page.days_until_due = -page.days_overdue
                page.edit_url = self.edit_url(page)
                rows.append(page)
        rows.sort(key=lambda page: (page.next_review_due, page.title.casefold()))
        return rows


# Translation status ----------------------------------------------------------------


class TranslationRow:
    """One page and the status of each of its languages."""

    def __init__(self, page, statuses, edit_url):
        self.page = page
        self.title = page.get_admin_display_title()
        self.type_label = type_label(page)
        self.statuses = statuses  # {code: status}, in the order of the columns
        self.edit_url = edit_url
        for code, status in statuses.items():
            label = TranslationRecord.STATUS_LABELS[status]
            setattr(self, build_localized_fieldname("status", code), label)


class TranslationStatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
        help_text=_("With a language: pages in that state in that language; else in any."),
    )

    class Meta:
        model = Page
        fields = []


def workspace_link(code):
    return lambda row: reverse("guidance_workspace", args=[row.page.pk, code])


class TickedTitleColumn(TitleColumn):
    """The page's title with a box to tick it for the XLIFF batch under the table."""

    cell_template_name = "guidance/editorial/ticked_title_cell.html"


class TranslationStatusView(LibraryReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    menu_name = "translation-status"
    menu_order = 1400
    no_results_message = _("No library page matches these filters.")
    # A status is a word in a tag; the tag's style only repeats it.
    status_styles = {"translated": "primary", "outdated": "label"}
    index_url_name = "guidance_editorial:translation_status"
    index_results_url_name = "guidance_editorial:translation_status_results"
    filterset_class = TranslationStatusFilterSet
    export_filename_prefix = "translation-status"
    results_template_name = "guidance/editorial/translation_status_results.html"

    @cached_property
    def languages(self):
        """(code, name) of the language columns: the filtered one, or all six."""
        chosen = self.filter_values.get("language")
        return [(code, name) for code, name in settings.LANGUAGES if not chosen or code == chosen]

    @property
    def list_export(self):
        statuses = [build_localized_fieldname("status", code) for code, _name in self.languages]
        return ["title", "type_label", *statuses, "edit_url"]

    @property
    def export_headings(self):
        headings = {"title": _("Title"), "type_label": _("Type"), "edit_url": _("Edit link")}
        for code, name in self.languages:
            headings[build_localized_fieldname("status", code)] = name
        return headings

    def get_queryset(self):
        wanted = self.filter_values.get("status")
        codes = [code for code, _name in self.languages]
        # Without a language filter, a status matches in any translation: English, the
        # source, is always "translated" and would match every page.
        matched = [code for code in codes if len(codes) == 1 or code != SOURCE_LANGUAGE]
        rows = []
        for model in LIBRARY_PAGE_TYPES:
            pages = editable_pages(self.request.user, model).prefetch_related("translation_records")
            for page in pages:
                records = {record.language: record for record in page.translation_records.all()}
                statuses = {code: translation_status(page, code, records) for code in codes}
                if wanted and all(statuses[code] != wanted for code in matched):
                    continue
                rows.append(TranslationRow(page, statuses, self.edit_url(page)))
        rows.sort(key=lambda row: row.title.casefold())
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["languages"] = self.languages  # what the XLIFF batch form offers
        return context

    @property
    def columns(self):
        return [
            TickedTitleColumn("title", label=_("Page"), get_url=lambda row: edit_link(row.page)),
            TextColumn("type_label", label=_("Type")),
            *(
                StatusColumn(
                    build_localized_fieldname("status", code),
                    label=f"{name} ({code})",
                    state=lambda row, code=code: row.statuses[code],
                    styles=self.status_styles,
                    # English is edited in the page form; every other language in its workspace.
                    get_url=None if code == SOURCE_LANGUAGE else workspace_link(code),
                )
                for code, name in self.languages
            ),
        ]

    def get_totals(self):
        # Over every row the filters let through, not just this page of them.
        return [
            TotalRow(
                gettext("Total %(status)s") % {"status": label},
                [
                    sum(row.statuses[code] == status for row in self.object_list)
                    for code, _name in self.languages
                ],
                span=2,
            )
            for status, label in STATUS_CHOICES
        ]


urlpatterns = [
    *report_urls("due-for-review/", DueForReviewView, "due_for_review"),
    *report_urls("translation-status/", TranslationStatusView, "translation_status"),
]
