"""Search in the admin: synonyms and editors' picks as snippets, and the analytics reports.

A change to the synonyms or acronyms counts from the next search on, for both engines,
without re-indexing (search.editorial). The reports are
open to superusers and to groups given "Can view search query"; nobody else.
"""

import django_filters

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from foundation.reports import (
    DayColumn,
    ReportView,
    SnippetViewSet,
    TextColumn,
    TotalRow,
    register_reports,
    report_urls,
)
from search import analytics, editorial
from search.models import Acronym, EditorsPick, SearchQuery, Synonym

# Synonyms and editors' picks ----------------------------------------------------------


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["terms", "language"]
    list_filter = ["language"]
    list_export = ["language", "terms"]
    search_fields = ["terms"]
    ordering = ["language", "terms"]


class AcronymViewSet(SnippetViewSet):
    model = Acronym
    icon = "info-circle"
    menu_label = _("Acronyms")
    list_display = ["acronym", "meaning", "language"]
    list_filter = ["language"]
    list_export = ["language", "acronym", "meaning"]
    search_fields = ["acronym", "meaning"]
    ordering = ["language", "acronym"]


class EditorsPickViewSet(SnippetViewSet):
    model = EditorsPick
    icon = "pick"
    menu_label = _("Editors' picks")
    list_display = ["query", "language", "page", "sort_order"]
    list_filter = ["language"]
    list_export = ["language", "query", "page", "page.url", "sort_order", "note"]
    export_headings = {"page.url": _("Page URL")}
    search_fields = ["query", "note"]
    ordering = ["language", "query", "sort_order"]


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, AcronymViewSet, EditorsPickViewSet)
    menu_icon = "search"
    menu_label = _("Site search")  # the readers' search, not the admin's search box
    menu_name = "site-search"


register_snippet(SearchViewSetGroup)

EDITORS_WORDS = (Synonym, Acronym)


def _words_changed(request):
    editorial.words_changed()
    messages.success(request, _("Search uses the new synonyms now; nothing had to be re-indexed."))


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def apply_saved_words(request, instance):
    if isinstance(instance, EDITORS_WORDS):
        _words_changed(request)


@hooks.register("after_delete_snippet")
def apply_deleted_words(request, instances):
    # Also called by the bulk delete action, with every deleted snippet.
    if any(isinstance(instance, EDITORS_WORDS) for instance in instances):
        _words_changed(request)


# Analytics reports -------------------------------------------------------------------

search_query_policy = ModelPermissionPolicy(SearchQuery)


def can_see_search_analytics(user):
    return search_query_policy.user_has_permission(user, "view")


@hooks.register("register_permissions")
def register_search_analytics_permission():
    return Permission.objects.filter(content_type__app_label="search", codename="view_searchquery")


class SearchAnalyticsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    searched_on = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = SearchQuery
        fields = []


class ClickThroughFilterSet(SearchAnalyticsFilterSet):
    interval = django_filters.ChoiceFilter(
        label=_("One line per"),
        choices=[("month", _("Month")), ("week", _("Week"))],
        empty_label=_("Language over the whole period"),
        widget=forms.RadioSelect,
        method="keep_all",  # read by the view: it groups the rows, it filters nothing
    )

    def keep_all(self, queryset, name, value):
        return queryset


def language_of(row):
    return row["language"]


def percent(row):
    return f"{row['click_through']} %"


class SearchAnalyticsReportView(ReportView):
    """The searches the filters let through, summed up by `rows()`; seen with one permission."""

    model = SearchQuery
    permission_policy = search_query_policy
    permission_required = "view"
    filterset_class = SearchAnalyticsFilterSet
    export_filename_prefix = ""
    no_results_message = _("No search was made in this period.")

    def get_queryset(self):
        return SearchQuery.objects.all()

    def get_filtered_queryset(self):
        return self.rows(self.filter_queryset(self.get_queryset()))

    def rows(self, searches):
        raise NotImplementedError

    @cached_property
    def filter_values(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def get_filename(self):
        return f"{self.export_filename_prefix}-{timezone.localdate():%Y-%m-%d}"


class TopQueriesView(SearchAnalyticsReportView):
    page_title = _("Top searches")
    header_icon = "search"
    menu_name = "search-top-queries"
    index_url_name = "search_analytics:top_queries"
    index_results_url_name = "search_analytics:top_queries_results"
    export_filename_prefix = "top-searches"
    list_export = [
        "query",
        "language",
        "searches",
        "average_results",
        "clicked_searches",
        "click_through",
    ]
    export_headings = {
        "query": _("Query"),
        "language": _("Language"),
        "searches": _("Searches"),
        "average_results": _("Average results"),
        "clicked_searches": _("Searches with a click"),
        "click_through": _("Click-through rate (%)"),
    }

    columns = [
        TextColumn("query", label=_("Query"), classname="title", lang=language_of),
        TextColumn("language_name", label=_("Language")),
        TextColumn("searches", label=_("Searches")),
        TextColumn("average_results", label=_("Average results")),
        TextColumn("clicked_searches", label=_("Searches with a click")),
        TextColumn("click_through", label=_("Click-through rate"), accessor=percent),
    ]

    def rows(self, searches):
        return analytics.top_queries(searches)


class NoResultsView(SearchAnalyticsReportView):
    page_title = _("Searches without results")
    header_icon = "warning"
    menu_name = "search-no-results"
    menu_order = 1510
    no_results_message = _("Every search in this period found something in its language.")
    index_url_name = "search_analytics:no_results"
    index_results_url_name = "search_analytics:no_results_results"
    export_filename_prefix = "searches-without-results"
    list_export = ["query", "language", "searches", "english_results", "last_searched"]
    export_headings = {
        "query": _("Query"),
        "language": _("Language"),
        "searches": _("Searches"),
        "english_results": _("Results in English only"),
        "last_searched": _("Last searched"),
    }

    columns = [
        TextColumn("query", label=_("Query"), classname="title", lang=language_of),
        TextColumn("language_name", label=_("Language")),
        TextColumn("searches", label=_("Searches")),
        TextColumn("english_results", label=_("Results in English only")),
        DayColumn("last_searched", label=_("Last searched")),
    ]

    def rows(self, searches):
        return analytics.queries_without_results(searches)


class ClickThroughView(SearchAnalyticsReportView):
    page_title = _("Search click-through")
    header_icon = "pick"
    menu_name = "search-click-through"
    menu_order = 1520
    index_url_name = "search_analytics:click_through"
    index_results_url_name = "search_analytics:click_through_results"
    filterset_class = ClickThroughFilterSet
    export_filename_prefix = "search-click-through"
    export_headings = {
        "period": _("Period starting"),
        "language": _("Language"),
        "searches": _("Searches"),
        "without_results": _("Searches without results"),
        "clicked_searches": _("Searches with a click"),
        "click_through": _("Click-through rate (%)"),
    }

    @property
    def interval(self):
        return self.filter_values.get("interval") or None

    @property
    def list_export(self):
        columns = ["language", "searches", "without_results", "clicked_searches", "click_through"]
        return ["period", *columns] if self.interval else columns

    def rows(self, searches):
        return analytics.click_through(searches, self.interval)

    @property
    def columns(self):
        counts = [
            TextColumn("language_name", label=_("Language"), classname="title"),
            TextColumn("searches", label=_("Searches")),
            TextColumn("without_results", label=_("Searches without results")),
            TextColumn("clicked_searches", label=_("Searches with a click")),
            TextColumn("click_through", label=_("Click-through rate"), accessor=percent),
        ]
        if self.interval == "week":
            return [DayColumn("period", label=_("Week starting")), *counts]
        if self.interval == "month":
            period = DayColumn("period", label=_("Month"), date_format="YEAR_MONTH_FORMAT")
            return [period, *counts]
        return counts

    def get_totals(self):
        totals = analytics.totals(self.object_list)  # every row, not one page
        values = ["searches", "without_results", "clicked_searches"]
        return [
            TotalRow(
                gettext("All"),
                [*(totals[name] for name in values), percent(totals)],
                span=2 if self.interval else 1,
            )
        ]


urlpatterns = [
    *report_urls("top-searches/", TopQueriesView, "top_queries"),
    *report_urls("without-results/", NoResultsView, "no_results"),
    *report_urls("click-through/", ClickThroughView, "click_through"),
]


register_reports(
    "search-analytics/",
    "search_analytics",
    urlpatterns,
    [TopQueriesView, NoResultsView, ClickThroughView],
    shown_to=can_see_search_analytics,
)
