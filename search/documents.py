"""Turn pages and documents into what search stores: one entry per language.

This is the one place that knows which content is searchable and how its text is
read, for both engines. Only live pages that anyone may read are ever indexed;
a draft, an unpublished, deleted or view-restricted page has no entry at all, and
neither has a document in a private collection. Courses and lessons are pages too
(kinds "course" and "lesson"); their facilitator material is never read.
"""

from dataclasses import dataclass, field
from html import unescape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import strip_tags

from modeltranslation.utils import build_localized_fieldname
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    ReferenceIndex,
)

from courses.models import CoursePage, LessonPage
from guidance.models import GuidancePage, StandardPage, ToolDownload, ToolPage
from search.extract import document_text

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# "video" is the address inside a lesson's video block; its transcript is what is read.
SKIPPED_KEYS = {
    "style",
    "first_row_is_table_header",
    "first_col_is_header",
    "correct",
    "id",
    "video",
}
PAGE_KINDS = (
    ("guidance", GuidancePage),
    ("standard", StandardPage),
    ("tool", ToolPage),
    ("course", CoursePage),
    ("lesson", LessonPage),
)


@dataclass
class Entry:
    """The searchable text of one object in one language."""

    object_type: str
    object_id: int
    language: str
    kind: str
    title: str
    summary: str = ""
    headings: str = ""
    body: str = ""
    url: str = ""
    date: object = None
    themes: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    superseded: bool = False


def _plain(markup):
    """The text a reader sees in rich text: tags removed, entities (&amp;, &lt;) decoded.

    Both engines escape what they show, so the text is stored as plain text.
    """
    return unescape(strip_tags(markup)).strip()


def _strings(value):
    """Every piece of text inside a StreamField's stored JSON, tags removed."""
    if isinstance(value, str):
        text = _plain(value)
        return [text] if text else []
    if isinstance(value, dict):
        if "type" in value and "value" in value:
            return _strings(value["value"])
        return [s for key, item in value.items() if key not in SKIPPED_KEYS for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def _field(page, name, code):
    return getattr(page, build_localized_fieldname(name, code), None)


def _stream_text(page, name, code):
    stream = _field(page, name, code)
    if not stream:
        return ""
    return "\n".join(_strings(stream.get_prep_value()))


HEADING_BLOCKS = {"heading", "subheading"}


def _stream_headings(page, name, code):
    """The section headings of a StreamField, and the titles of a standard's standards."""
    stream = _field(page, name, code)
    if not stream:
        return []
    headings = []
    for block in stream.get_prep_value():
        value = block.get("value")
        if block.get("type") in HEADING_BLOCKS and isinstance(value, str):
            headings.append(_plain(value))
        elif isinstance(value, dict) and block.get("type") == "standard" and value.get("title"):
            headings.append(_plain(value["title"]))
    return [heading for heading in headings if heading]


def _rich_text(page, name, code):
    return _plain(_field(page, name, code) or "")


def kind_of(page):
    for kind, model in PAGE_KINDS:
        if isinstance(page, model):
            return kind
    return None


def is_searchable(page):
    """Live, readable by anyone, and of a type readers search for."""
    if page is None or not page.live or kind_of(page) is None:
        return False
    return Page.objects.live().public().filter(pk=page.pk).exists()


def page_entries(page):
    """Entries of `page` (specific) in every language it is written in."""
    page = page.specific
    if not is_searchable(page):
        return []
    kind = kind_of(page)
    if kind in ("course", "lesson"):
        return _training_entries(page, kind)
    themes = [theme.key for theme in page.themes.all()]
    audiences = [item.key for item in page.audiences.all()]
    regions = [item.key for item in page.regions.all()]
    languages = page.languages
    entries = []
    superseded = isinstance(page, StandardPage) and page.is_superseded
    for code in languages:
        body_parts = []
        headings = _stream_headings(page, "standards" if kind == "standard" else "body", code)
        if isinstance(page, GuidancePage):
            body_parts = [_field(page, "who_for", code) or "", _stream_text(page, "body", code)]
        elif isinstance(page, StandardPage):
            body_parts = [
                _field(page, "edition", code) or "",
                _rich_text(page, "intro", code),
                _stream_text(page, "standards", code),
            ]
        elif isinstance(page, ToolPage):
            body_parts = [
                _rich_text(page, "how_to_use", code),
                _stream_text(page, "body", code),
                *_download_texts(page, code),
            ]
        with translation.override(code):
            url = page.get_url()
        entries.append(
            Entry(
                object_type="page",
                object_id=page.pk,
                language=code,
                kind=kind,
                title=_field(page, "title", code),
                summary=_field(page, "summary", code) or "",
                headings="\n".join(headings),
                body="\n".join(part for part in body_parts if part),
                url=url,
                date=page.publication_date,
                themes=themes,
                audiences=audiences,
                regions=regions,
                languages=list(languages),
                superseded=superseded,
            )
        )
    return entries


def _download_texts(page, code):
    """A tool's downloads in one language are part of the tool: one result, not three.

    A download in a language the page is not written in belongs to the English page,
    which is what readers of that language are shown.
    """
    codes = [code]
    if code == settings.LANGUAGE_CODE:
        codes += [other for other in LANGUAGE_CODES if other not in page.languages]
    downloads = page.downloads.filter(language__in=codes).select_related("document")
    return [
        "\n".join(part for part in (item.document.title, document_text(item.document)) if part)
        for item in downloads
        if is_public_document(item.document)
    ]


def _training_entries(page, kind):
    """A course or lesson: what a learner reads. Facilitator material and the knowledge
    check's answers are never indexed."""
    course = page if kind == "course" else page.course
    themes = [theme.key for theme in course.themes.all()] if course else []
    audiences = [item.key for item in course.audiences.all()] if course else []
    published = page.last_published_at or page.first_published_at
    entries = []
    for code in page.languages:
        if kind == "course":
            summary = _rich_text(page, "overview", code)
            body_parts = [_field(page, "objectives", code), _field(page, "prerequisites", code)]
            headings = []
        else:
            summary = ""
            body_parts = [_stream_text(page, "body", code)]
            headings = _stream_headings(page, "body", code)
        with translation.override(code):
            url = page.get_url()
        entries.append(
            Entry(
                object_type="page",
                object_id=page.pk,
                language=code,
                kind=kind,
                title=_field(page, "title", code),
                summary=summary,
                headings="\n".join(headings),
                body="\n".join(part for part in body_parts if part),
                url=url,
                date=published.date() if published else None,
                themes=themes,
                audiences=audiences,
                languages=list(page.languages),
            )
        )
    return entries


def searchable_pages():
    """Every page that should be in the index, for a full rebuild."""
    return (
        Page.objects.live()
        .public()
        .type(*[model for _kind, model in PAGE_KINDS])
        .specific()
        .order_by("pk")
    )


# Documents ---------------------------------------------------------------------------


def _restricted_collections():
    """Collections readers cannot open freely: restricted ones and everything inside them."""
    paths = (
        CollectionViewRestriction.objects.exclude(restriction_type=BaseViewRestriction.NONE)
        .values_list("collection__path", flat=True)
        .distinct()
    )
    query = None
    for path in paths:
        condition = Collection.objects.filter(path__startswith=path)
        query = condition if query is None else query | condition
    return query if query is not None else Collection.objects.none()


def is_public_document(document):
    """Anyone may download it: no view restriction on its collection or the ones above."""
    if document is None:
        return False
    return not _restricted_collections().filter(pk=document.collection_id).exists()


def document_language(document):
    """The language a tool page offers it in; English when no tool page says."""
    download = ToolDownload.objects.filter(document=document).order_by("sort_order", "pk").first()
    if download is not None and download.language in LANGUAGE_CODES:
        return download.language
    return settings.LANGUAGE_CODE


def offering_tools(document):
    """The live, public tool pages that offer `document` as a download."""
    ids = ToolDownload.objects.filter(document=document).values("page_id")
    return ToolPage.objects.live().public().filter(pk__in=ids)


def _users(document):
    """The live, public library pages that use `document` (links, document blocks)."""
    ids = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id=str(document.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    pages = Page.objects.live().public().filter(pk__in=[int(pk) for pk in ids]).specific()
    return [page for page in pages if hasattr(page, "themes")]


def document_entries(document):
    """The entry of an uploaded document: its title and the text inside the file, with the
    themes, audiences and regions of the pages that use it (so facets do not hide it).

    A document in a private collection has no entry at all, and neither has a tool's
    download: its text is part of the tool's entry.
    """
    if not is_public_document(document) or offering_tools(document).exists():
        return []
    language = document_language(document)
    users = _users(document)
    return [
        Entry(
            object_type="document",
            object_id=document.pk,
            language=language,
            kind="document",
            title=document.title,
            body=document_text(document),
            url=document.url,
            date=document.created_at.date() if document.created_at else None,
            themes=sorted({item.key for page in users for item in page.themes.all()}),
            audiences=sorted({item.key for page in users for item in page.audiences.all()}),
            regions=sorted({item.key for page in users for item in page.regions.all()}),
            languages=[language],
        )
    ]


def searchable_documents():
    """Every document that should be in the index, for a full rebuild."""
    return (
        get_document_model()
        .objects.exclude(collection__in=_restricted_collections())
        .order_by("pk")
    )


def document_usage(document_ids, language):
    """The live, public pages that use each document, titled and linked in `language`.

    Returns {document id: [{"title": ..., "url": ...}, ...]}. Pages come from Wagtail's
    reference index (links, chooser blocks, handouts) and the tool pages' downloads.
    """
    if not document_ids:
        return {}
    users = {}
    downloads = ToolDownload.objects.filter(document_id__in=document_ids)
    for document_id, page_id in downloads.values_list("document_id", "page_id"):
        users.setdefault(document_id, set()).add(page_id)
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id__in=[str(pk) for pk in document_ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    for document_id, page_id in references.values_list("to_object_id", "object_id"):
        users.setdefault(int(document_id), set()).add(int(page_id))
    page_ids = set().union(*users.values()) if users else set()
    pages = Page.objects.live().public().filter(pk__in=page_ids).specific().order_by("path")
    with translation.override(language):
        described = {page.pk: {"title": page.title, "url": page.get_url()} for page in pages}
    return {
        document_id: [item for pk, item in described.items() if pk in users.get(document_id, ())]
        for document_id in document_ids
    }
