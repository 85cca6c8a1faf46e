"""Load the demo library from the TOML files in guidance/demo_content/.

Taxonomies and the glossary are upserted by key; pages are created once (matched by
their English slug under their theme) and left alone on later runs, so an editor's
changes to the demo survive `make run`.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model

from foundation.progress import progress
from foundation.rich_text import clean_html
from foundation.slugs import typeable_slug
from guidance.models import (
    Audience,
    GlossaryPage,
    GlossaryTerm,
    GuidancePage,
    LibraryIndexPage,
    Region,
    ResourceType,
    StandardPage,
    Theme,
    ThemePage,
    ToolDownload,
    ToolPage,
)
from guidance.word import text_to_docx

CONTENT = Path(__file__).resolve().parent / "demo_content"
LANGS = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
TAXONOMIES = {"theme": Theme, "audience": Audience, "region": Region, "content_type": ResourceType}


def read(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def set_translations(obj, section, fields):
    """Copy `fields` of each language section of a TOML entry onto obj.<field>_<lang>."""
    for lang in LANGS:
        values = section.get(lang)
        if not values:
            continue
        for field in fields:
            if field in values:
                setattr(obj, f"{field}_{lang}", values[field])


def load_taxonomies():
    data = read(CONTENT / "taxonomies.toml")
    for kind, model in TAXONOMIES.items():
        for order, entry in enumerate(data.get(kind, [])):
            obj = model.objects.filter(key=entry["key"]).first() or model(key=entry["key"])
            obj.sort_order = order
            fields = ["title", "summary"] if model is Theme else ["title"]
            set_translations(obj, entry, fields)
            if model is Theme:
                obj.icon = entry.get("icon", "")
            obj.save()


def load_glossary():
    for entry in read(CONTENT / "glossary.toml")["term"]:
        obj = GlossaryTerm.objects.filter(key=entry["key"]).first() or GlossaryTerm(
            key=entry["key"]
        )
        set_translations(obj, entry, ["term", "definition"])
        obj.save()


# Body blocks -----------------------------------------------------------------------


def to_block(block):
    """One TOML body block as a (type, value) pair for a StreamField."""
    kind = block["type"]
    if kind in {"heading", "subheading"}:
        return kind, block["text"]
    if kind == "paragraph":
        return kind, clean_html(block["text"])
    if kind == "callout":
        return kind, {
            "style": block.get("style", "note"),
            "title": block.get("title", ""),
            "text": clean_html(block["text"]),
        }
    if kind == "do_dont":
        return kind, {"dos": block["dos"], "donts": block["donts"]}
    if kind == "steps":
        return kind, {"title": block.get("title", ""), "steps": block["steps"]}
    if kind == "checklist":
        return kind, {"title": block.get("title", ""), "items": block["items"]}
    if kind == "case":
        return kind, {"title": block["title"], "text": clean_html(block["text"])}
    if kind == "quote":
        return kind, {"text": block["text"], "attribution": block.get("attribution", "")}
    if kind == "table":
        return kind, {
            "table_caption": block.get("caption", ""),
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [block["columns"], *block["rows"]],
        }
    raise ValueError(f"unknown block type {kind!r}")


def to_standard(item):
    return (
        "standard",
        {
            "number": item["number"],
            "title": item["title"],
            "statement": item["statement"],
            "key_actions": item.get("key_actions", []),
            "indicators": item.get("indicators", []),
            "guidance_notes": clean_html(item.get("guidance_notes", "")),
        },
    )


# Pages -----------------------------------------------------------------------------


def slug_for(lang, values, fallback):
    return typeable_slug(values.get("slug") or values.get("title", "")) or fallback


def theme_pages(home):
    pages = {}
    for theme in Theme.objects.all():
        page = ThemePage.objects.filter(theme=theme).first()
        if page is None:
            page = ThemePage(theme=theme)
            for lang in LANGS:
                title = getattr(theme, f"title_{lang}")
                if title:
                    setattr(page, f"title_{lang}", title)
                    setattr(page, f"slug_{lang}", typeable_slug(title) or theme.key)
                    setattr(page, f"intro_{lang}", f"<p>{getattr(theme, f'summary_{lang}')}</p>")
            page.slug_en = theme.key
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[theme.key] = page
    return pages


def fill_library_page(page, data, text_fields):
    meta = data["meta"]
    for lang in LANGS:
        values = data.get(lang)
        if not values:
            continue
        setattr(page, f"title_{lang}", values["title"])
        setattr(page, f"slug_{lang}", slug_for(lang, values, meta["key"]))
        for field in ["summary", "version_note", *text_fields]:
            if field in values:
                value = values[field]
                if field in {"intro", "how_to_use"}:
                    value = clean_html(value)
                setattr(page, f"{field}_{lang}", value)
        if "body" in values:
            setattr(page, f"body_{lang}", [to_block(block) for block in values["body"]])
        if "standards" in values:
            setattr(page, f"standards_{lang}", [to_standard(item) for item in values["standards"]])
    page.slug_en = meta["key"]
    page.publication_date = meta.get("published")
    page.last_reviewed = meta.get("last_reviewed")
    page.next_review_due = meta.get("next_review")


def classify(page, meta):
    page.themes.set(Theme.objects.filter(key=meta["theme"]))
    page.audiences.set(Audience.objects.filter(key__in=meta.get("audiences", [])))
    page.regions.set(Region.objects.filter(key__in=meta.get("regions", [])))


def make_document(title, filename, content):
    """A Document from demo text; PDFs are typeset and Word files written from the text's
    paragraphs, in the language the file name ends with."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title, file__endswith=filename).first()
    if existing:
        return existing
    if filename.endswith(".pdf"):
        from foundation.pdf import text_to_pdf

        payload = text_to_pdf(title, content, language_of(filename))
    elif filename.endswith(".docx"):
        payload = text_to_docx(title, content, language_of(filename))
    else:
        payload = content.encode("utf-8")
    document = document_model(title=title)
    document.file.save(filename, ContentFile(payload), save=False)
    document.save()
    return document


def language_of(filename):
    stem = filename.rsplit(".", 1)[0]
    for code, _name in settings.LANGUAGES:
        if stem.endswith("-" + code) or stem.endswith("-" + code.replace("-", "_")):
            return code
    return settings.LANGUAGE_CODE


def download_files(item):
    """The file names of a download entry: one per format its text is made into."""
    stem, extension = item["filename"].rsplit(".", 1)
    return [f"{stem}.{fmt}" for fmt in item.get("formats", [extension])]


def add_downloads(page, data):
    order = 0
    for lang in LANGS:
        for item in data.get(lang, {}).get("downloads", []):
            for filename in download_files(item):
                document = make_document(item["title"], filename, item["content"])
                ToolDownload.objects.create(
                    page=page, document=document, language=lang.replace("_", "-"), sort_order=order
                )
                order += 1


def _stem(filename):
    """A file's name without extension or the suffix storage adds to keep names unique."""
    return filename.rsplit(".", 1)[0].split("_")[0]


def replace_text_downloads(page, data):
    """Give a tool page loaded before the demo had PDF and Word files those files instead
    of its plain-text ones, and publish it. Returns whether anything changed; downloads
    an editor added stay."""
    entries = [
        (lang, item)
        for lang in LANGS
        for item in data.get(lang, {}).get("downloads", [])
        if item.get("formats")
    ]
    stems = {_stem(item["filename"]) for _lang, item in entries}
    downloads = list(page.downloads.select_related("document"))
    stale = [
        download
        for download in downloads
        if download.document.filename.endswith(".txt")
        and _stem(download.document.filename) in stems
    ]
    if not stale:
        return False
    with transaction.atomic():
        for download in stale:
            download.document.delete()  # its download goes with it
        order = max((download.sort_order or 0 for download in downloads), default=0) + 1
        for lang, item in entries:
            for filename in download_files(item):
                document = make_document(item["title"], filename, item["content"])
                ToolDownload.objects.get_or_create(
                    page=page,
                    document=document,
                    defaults={"language": lang.replace("_", "-"), "sort_order": order},
                )
                order += 1
        page.refresh_from_db()
        page.save_revision().publish()
    return True


KINDS = {
    "guidance": (GuidancePage, ["who_for"]),
    "standards": (StandardPage, ["edition", "intro"]),
    "tools": (ToolPage, ["how_to_use"]),
}


def load_pages(home, stdout=None):
    """Create the library pages that do not exist yet. Returns how many were created."""
    themes = theme_pages(home)
    files = [(kind, path) for kind in KINDS for path in sorted((CONTENT / kind).glob("*.toml"))]
    created = {}
    entries = {}
    for kind, path in progress(files, "Library pages", stream=stdout):
        model, text_fields = KINDS[kind]
        data = read(path)
        meta = data["meta"]
        parent = themes[meta["theme"]]
        page = model.objects.child_of(parent).filter(slug_en=meta["key"]).first()
        entries[meta["key"]] = (data, page)
        if page is not None:
            if model is ToolPage:
                replace_text_downloads(page.specific, data)
            continue
        with transaction.atomic():
            page = model()
            fill_library_page(page, data, text_fields)
            if model is StandardPage:
                page.edition_number = meta.get("edition_number", 1)
                page.effective_date = meta.get("effective")
            if model is ToolPage:
                page.tool_kind = meta["tool_kind"]
            parent.add_child(instance=page)
            classify(page, meta)
            if model is ToolPage:
                add_downloads(page, data)
            page.save_revision().publish()
        created[meta["key"]] = page
        entries[meta["key"]] = (data, page)
    link_related(entries, created)
    return len(created)


def link_related(entries, created):
    """Second pass: relations between pages, once every page exists."""
    by_key = {key: page for key, (_data, page) in entries.items()}
    for key, page in created.items():
        meta = entries[key][0]["meta"]
        changed = False
        if isinstance(page, GuidancePage):
            page.related_standards.set(
                [by_key[k] for k in meta.get("related_standards", []) if k in by_key]
            )
            page.related_tools.set(
                [by_key[k] for k in meta.get("related_tools", []) if k in by_key]
            )
            changed = True
        if isinstance(page, StandardPage) and meta.get("superseded_by"):
            page.superseded_by = by_key.get(meta["superseded_by"])
            changed = True
        if changed:
            page.save_revision().publish()


GLOSSARY_PAGE = {
    "en": ("Glossary", "glossary", "Key terms of migrant protection and assistance, defined."),
    "fr": ("Glossaire", "glossaire", "Les termes clés de la protection des migrants."),
    "es": ("Glosario", "glosario", "Términos clave de la protección y la asistencia a migrantes."),
    "ar": ("مسرد المصطلحات", "glossary", "المصطلحات الأساسية في حماية المهاجرين ومساعدتهم."),
    "ru": ("Глоссарий", "glossarii", "Ключевые термины защиты мигрантов и оказания им помощи."),
    "zh_hans": ("术语表", "glossary", "移民保护与援助的关键术语及其定义。"),
}


LIBRARY_PAGE = {
    "en": ("Library", "library", "Every guidance note, standard and tool, in one list."),
    "fr": ("Bibliothèque", "bibliotheque", "Toutes les orientations, normes et outils."),
    "es": ("Biblioteca", "biblioteca", "Todas las orientaciones, normas y herramientas."),
    "ar": ("المكتبة", "", "جميع الإرشادات والمعايير والأدوات في قائمة واحدة."),
    "ru": ("Библиотека", "biblioteka", "Все рекомендации, стандарты и инструменты в одном списке."),
    "zh_hans": ("资料库", "", "所有指导、标准和工具汇于一处。"),
}


def intro_page(home, model, texts):
    """A single page of `model` under home, titled and introduced in every language."""
    page = model.objects.first()
    if page is None:
        page = model()
        for lang, (title, slug, intro) in texts.items():
            setattr(page, f"title_{lang}", title)
            setattr(page, f"slug_{lang}", slug or typeable_slug(title))
            setattr(page, f"intro_{lang}", f"<p>{intro}</p>")
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def load_library(home, stdout=None):
    load_taxonomies()
    load_glossary()
    intro_page(home, LibraryIndexPage, LIBRARY_PAGE)
    intro_page(home, GlossaryPage, GLOSSARY_PAGE)
    return load_pages(home, stdout=stdout)
