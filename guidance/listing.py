"""Filtered listings of library pages (theme pages and the library index).

Filters combine: type AND theme AND audience AND region; within one filter, any of the
chosen values matches. Each option's count is computed with the other active filters
applied, so a reader sees how many results that choice would give.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from guidance.models.pages import GuidancePage, StandardPage, ToolPage
from guidance.models.snippets import Audience, Region, Theme

PAGE_TYPES = {"guidance": GuidancePage, "standard": StandardPage, "tool": ToolPage}
TAXONOMIES = {
    "theme": ("themes", Theme),
    "audience": ("audiences", Audience),
    "region": ("regions", Region),
}
PER_PAGE = 20


class LibraryFilter:
    def __init__(self, params, theme=None):
        self.theme = theme  # a theme page lists one theme: not offered as a filter
        self.types = [key for key in params.getlist("type") if key in PAGE_TYPES]
        self.selected = {name: params.getlist(name) for name in TAXONOMIES}
        if theme is not None:
            self.selected["theme"] = []
        self.include_superseded = params.get("superseded") == "1"
        self.page_number = params.get("page", "1")

    @property
    def taxonomies(self):
        return [name for name in TAXONOMIES if not (name == "theme" and self.theme is not None)]

    def rows_of(self, model):
        """The one query per page type behind the listing: (id, publication date, theme,
        audience and region keys[, superseded_by_id]) of each live page, a row per key."""
        queryset = model.objects.live().public()
        if self.theme is not None:
            queryset = queryset.filter(themes=self.theme)
        fields = ["id", "publication_date", *(field + "__key" for field, _m in TAXONOMIES.values())]
        if model is StandardPage:
            fields.append("superseded_by_id")
        return queryset.values_list(*fields)

    @cached_property
    def _entries(self):
        """Every live page the listing may show, with its type, date and taxonomy keys: one
        light query per page type, whatever the filters; filters and counts then run on
        these rows (a handful of queries per listing, not several per filter)."""
        entries = {}
        for kind, model in PAGE_TYPES.items():
            superseded = model is StandardPage
            for values in self.rows_of(model):
                page_id, published, *keys = values
                entry = entries.setdefault(
                    page_id,
                    {
                        "id": page_id,
                        "date": published.isoformat() if published else "",
                        "type": kind,
                        "superseded": superseded and values[-1] is not None,
                        **{name: set() for name in TAXONOMIES},
                    },
                )
                for name, key in zip(TAXONOMIES, keys, strict=False):
                    if key:
                        entry[name].add(key)
        return list(entries.values())

    def _rows(self, types, selected):
        """(publication date, id, type) of every matching page, latest first."""
        rows = [
            (entry["date"], entry["id"], entry["type"])
            for entry in self._entries
            if (not types or entry["type"] in types)
            and (self.include_superseded or not entry["superseded"])
            and all(not keys or entry[name] & set(keys) for name, keys in selected.items())
        ]
        rows.sort(reverse=True)
        return rows

    @property
    def rows(self):
        if not hasattr(self, "_all_rows"):
            self._all_rows = self._rows(self.types, self.selected)
        return self._all_rows

    @property
    def count(self):
        return len(self.rows)

    @property
    def is_filtered(self):
        return bool(self.types or any(self.selected.values()))

    def page(self):
        paginator = Paginator(self.rows, PER_PAGE)
        page = paginator.get_page(self.page_number)
        ids = [page_id for _date, page_id, _type in page.object_list]
        pages = {}
        for key, model in PAGE_TYPES.items():
            wanted = [page_id for _date, page_id, kind in page.object_list if kind == key]
            if wanted:
                for item in model.objects.filter(id__in=wanted):
                    pages[item.id] = item
        page.object_list = [pages[page_id] for page_id in ids if page_id in pages]
        return page

    def facets(self):
        """For each filter, its options with the count each would give."""
        type_rows = self._rows(None, self.selected)
        facets = {
            "type": [
                {
                    "key": key,
                    "count": sum(1 for row in type_rows if row[2] == key),
                    "selected": key in self.types,
                }
                for key in PAGE_TYPES
            ]
        }
        for name in self.taxonomies:
            others = {**self.selected, name: []}
            rows = self._rows(self.types, others)
            candidates = {(kind, page_id) for _date, page_id, kind in rows}
            facets[name] = self._taxonomy_counts(name, candidates)
        return facets

    def _taxonomy_counts(self, name, candidate_ids):
        _field, model = TAXONOMIES[name]
        counts = Counter()
        for entry in self._entries:
            if (entry["type"], entry["id"]) in candidate_ids:
                counts.update(entry[name])
        return [
            {
                "term": term,
                "key": term.key,
                "count": counts[term.key],
                "selected": term.key in self.selected[name],
            }
            for term in model.objects.all()
        ]
