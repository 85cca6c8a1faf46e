"""Shared pieces of the admin reports and listings (guidance, search and courses).

Every admin view that exports a spreadsheet builds on `SafeCSVExportMixin`, through
`ReportView` for reports and `SnippetViewSet` for snippets, so that its CSV cells are
neutralised (foundation/spreadsheets.py).
"""

from django.urls import path

from wagtail.admin.views import reports
from wagtail.admin.views.mixins import Echo
from wagtail.snippets.views import snippets

from foundation import spreadsheets


class SafeCSVExportMixin:
    """Wagtail's CSV export, written with the portal's neutralising CSV writer."""

    def stream_csv(self, queryset):
        writer = spreadsheets.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))


class ReportView(SafeCSVExportMixin, reports.ReportView):
    """The base of every admin report."""


class SnippetIndexView(SafeCSVExportMixin, snippets.IndexView):
    pass


class SnippetViewSet(snippets.SnippetViewSet):
    """The base of every snippet listing in the admin."""

    index_view_class = SnippetIndexView


def report_urls(route, view_class, name):
    """The two URLs every Wagtail ReportView needs: the page and its filtered results."""
    return [
        path(route, view_class.as_view(), name=name),
        path(f"{route}results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]
