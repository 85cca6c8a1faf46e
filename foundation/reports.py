"""Shared pieces of the admin reports and listings (guidance, search, courses, alerts).

Every admin report is a `ReportView` that declares its `columns` (Wagtail's table
columns, with a footer of totals where it has one) and is registered with
`register_reports`: its URLs and its entry in the Reports menu, shown only to whom may
see it. Every view that exports a spreadsheet builds on `SafeCSVExportMixin`, through
`ReportView` for reports and `SnippetViewSet` for snippets, so that its CSV cells are
neutralised (foundation/spreadsheets.py).
"""

from dataclasses import dataclass, field
from functools import partial

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.views import reports
from wagtail.admin.views.mixins import Echo
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
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


@dataclass
class TotalRow:
    """A footer row: its label (a row header spanning `span` columns), then one value per
    remaining column."""

    label: str
    values: list = field(default_factory=list)
    span: int = 1


class ReportTable(Table):
    """Wagtail's table, with the report's totals in its footer."""

    template_name = "foundation/reports/table.html"

    def __init__(self, *args, totals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.totals = totals


class TextColumn(Column):
    """A cell of plain text ("—" when empty); in the row's language when `lang` (row ->
    language code) is given, for what readers typed in their language."""

    cell_template_name = "foundation/reports/text_cell.html"
    empty_value_display = "—"

    def __init__(self, name, *, lang=None, **kwargs):
        super().__init__(name, **kwargs)
        self.lang = lang

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["lang"] = self.lang(instance) if self.lang else ""
        return context


class DayColumn(Column):
    """A date, written out in the admin's language (`date_format`, a Django format name)
    with its machine-readable form."""

    cell_template_name = "foundation/reports/day_cell.html"

    def __init__(self, name, *, date_format="DATE_FORMAT", empty="", **kwargs):
        super().__init__(name, **kwargs)
        self.date_format = date_format
        self.empty = empty

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(date_format=self.date_format, empty=self.empty)
        return context


class StatusColumn(Column):
    """A state shown as a word in a status tag: the word says it, the style only repeats
    it, so no state is told by colour alone. `styles` maps a state to its tag modifier."""

    cell_template_name = "foundation/reports/status_cell.html"

    def __init__(self, name, *, state, styles=None, details=None, get_url=None, **kwargs):
        super().__init__(name, **kwargs)
        self.state = state  # row -> state key
        self.styles = styles or {}
        self.details = details  # row -> lines shown under the tag
        self.get_url = get_url  # row -> where the state is worked on, if anywhere

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["style"] = self.styles.get(self.state(instance), "")
        context["details"] = self.details(instance) if self.details else []
        context["link"] = self.get_url(instance) if self.get_url else ""
        return context


class ReportView(SafeCSVExportMixin, reports.ReportView):
    """The base of every admin report: declared columns, totals over every filtered row
    (not one page of them), an optional summary line, safe exports."""

    table_class = ReportTable
    results_template_name = "foundation/reports/results.html"
    menu_name = ""  # the report's entry in the Reports menu (register_reports)
    menu_order = 1500

    def get_totals(self):
        """[TotalRow] for the table's footer, over `self.object_list`."""
        return []

    def get_summary(self):
        """A sentence above the table, over every filtered row."""
        return ""

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "totals": self.get_totals()}

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["summary"] = self.get_summary()
        return context


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


class ReportMenuItem(MenuItem):
    """An entry of the Reports menu, shown only to the users `shown_to(user)` allows
    (the view checks the same permission on the server)."""

    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def _menu_item(view, shown_to):
    return ReportMenuItem(
        view.page_title,
        reverse(view.index_url_name),
        name=view.menu_name,
        icon_name=view.header_icon,
        order=view.menu_order,
        shown_to=shown_to,
    )


def register_reports(route, namespace, urlpatterns, views, shown_to):
    """Registers a group of admin reports: `urlpatterns` under /admin/<route> in
    `namespace` (none: the names stay global), and an entry in the Reports menu for each
    of `views` (its title, icon, `menu_name` and `menu_order`) shown to `shown_to(user)`."""
    included = (
        include((urlpatterns, namespace), namespace=namespace)
        if namespace
        else include(urlpatterns)
    )
    hooks.register("register_admin_urls", lambda: [path(route, included)])
    for view in views:
        hooks.register("register_reports_menu_item", partial(_menu_item, view, shown_to))


class ChangeOnlyPolicy(ModelPermissionPolicy):
    """For records made by the site, not by hand (completions, role requests): the admin
    may change them (withdraw, decide) with the change permission, never add or delete."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


def register_change_only(*models):
    """Gives each model `ChangeOnlyPolicy`, before any viewset of it is made."""
    for model in models:
        register_permission_policy(model, ChangeOnlyPolicy(model))


def register_viewsets(*viewsets):
    """Registers admin viewsets (instances), as the `register_admin_viewset` hook would."""
    for viewset in viewsets:
        hooks.register("register_admin_viewset", partial(lambda item: item, viewset))
