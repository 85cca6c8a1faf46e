"""Filtered listings of library pages (theme pages, the library index).

Filters combine: type AND audience AND region; within one filter, any of the chosen
values matches. Counts are computed over the other active filters, so a reader can
see how many results each choice would give.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count

from guidance.models import Audience, GuidancePage, Region, StandardPage, ToolPage

PAGE_TYPES = {"guidance": GuidancePage, "standard": StandardPage, "tool": ToolPage}
PER_PAGE = 20


class LibraryFilter:
    def __init__(self, params, theme=None):
        self.theme = theme
        self.types = [t for t in params.getlist("type") if t in PAGE_TYPES]
        self.audiences = params.getlist("audience")
        self.regions = params.getlist("region")
        self.include_superseded = params.get("superseded") == "1"
        self.page_number = params.get("page", "1")

    def _rows(self, types=None, audiences=None, regions=None):
        """(publication date, id, type) of every matching page; cheap even at 10,000 pages."""
        rows = []
        for key, model in PAGE_TYPES.items():
            if types and key not in types:
                continue
            queryset = model.objects.live().public()
            if self.theme is not None:
                queryset = queryset.filter(themes=self.theme)
            if audiences:
                queryset = queryset.filter(audiences__key__in=audiences)
            if regions:
                queryset = queryset.filter(regions__key__in=regions)
            if model is StandardPage and not self.include_superseded:
                queryset = queryset.filter(superseded_by__isnull=True)
            for page_id, published in queryset.values_list("id", "publication_date").distinct():
                rows.append((published.isoformat() if published else "", page_id, key))
        rows.sort(reverse=True)
        return rows

    @property
    def rows(self):
        if not hasattr(self, "_all_rows"):
            self._all_rows = self._rows(self.types, self.audiences, self.regions)
        return self._all_rows

    @property
    def count(self):
        return len(self.rows)

    def page(self):
        paginator = Paginator(self.rows, PER_PAGE)
        page = paginator.get_page(self.page_number)
        ids = [page_id for _date, page_id, _type in page.object_list]
        pages = {}
        for key, model in PAGE_TYPES.items():
            wanted = [page_id for _date, page_id, kind in page.object_list if kind == key]
            for item in model.objects.filter(id__in=wanted).prefetch_related("themes"):
                pages[item.id] = item
        page.object_list = [pages[page_id] for page_id in ids if page_id in pages]
        return page

    def facets(self):
        """For each filter, its options with the count each would give."""
        type_rows = self._rows(None, self.audiences, self.regions)
        audience_ids = self._ids(self._rows(self.types, None, self.regions))
        region_ids = self._ids(self._rows(self.types, self.audiences, None))
        return {
            "type": [
                {
                    "key": key,
                    "count": sum(1 for row in type_rows if row[2] == key),
                    "selected": key in self.types,
                }
                for key in PAGE_TYPES
            ],
            "audience": self._taxonomy_counts(Audience, "audiences", audience_ids, self.audiences),
            "region": self._taxonomy_counts(Region, "regions", region_ids, self.regions),
        }

    @staticmethod
    def _ids(rows):
        return {(kind, page_id) for _date, page_id, kind in rows}

    @staticmethod
    def _taxonomy_counts(model, field, candidate_ids, selected):
        counts = Counter()
        for key, page_model in PAGE_TYPES.items():
            ids = [page_id for kind, page_id in candidate_ids if kind == key]
            if not ids:
                continue
            grouped = (
                page_model.objects.filter(id__in=ids)
                .values(f"{field}__key")
                .annotate(pages=Count("id", distinct=True))
            )
            for row in grouped:
                counts[row[f"{field}__key"]] += row["pages"]
        return [
            {
                "term": term,
                "key": term.key,
                "count": counts[term.key],
                "selected": term.key in selected,
            }
            for term in model.objects.all()
        ]
