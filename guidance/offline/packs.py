"""Offline packs: one ZIP per theme and language of its guidance, standards and tools.

A pack holds one lean HTML file per page (links between them rewritten to relative file
names), the site's CSS, each page's PDF, the tools' downloadable documents, the images the
pages show and an index.html with the pack's date. Only what an anonymous reader can read
goes in: live pages without view restrictions, never drafts and never course material
(facilitator notes live on course pages, which are not in a theme).

Packs are kept under MEDIA_ROOT/offline-packs, which is not served (the portal serves only
image renditions from /media/); readers download them through `views.download_pack`.
Publishing or unpublishing a page of a theme marks that theme's packs stale; a worker
rebuilds them at once, and without one the next download does.
"""

import json
import logging
import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from foundation import page_cache
from foundation.pdf import page_pdf, pdf_filename, reader_request
from guidance.models import LibraryPage, ThemePage

logger = logging.getLogger(__name__)

FOLDER = "offline-packs"
STYLESHEET = "portal/site.css"
LINK = re.compile(r'(?P<attribute>href|src)="(?P<url>[^"]*)"')


# Where packs are kept ------------------------------------------------------------------


def pack_folder():
    return Path(settings.MEDIA_ROOT) / FOLDER


def pack_path(theme_page, language):
    return pack_folder() / f"{theme_page.theme.key}-{language}.zip"


def _facts_path(theme_page, language):
    return pack_path(theme_page, language).with_suffix(".json")


def _stale_path(theme_page, language):
    return pack_path(theme_page, language).with_suffix(".stale")


def pack_facts(theme_page, language):
    """{"built": datetime, "size": bytes, "current": bool} of the stored pack, or None."""
    try:
        facts = json.loads(_facts_path(theme_page, language).read_text())
    except (FileNotFoundError, ValueError):
        return None
    if not pack_path(theme_page, language).is_file():
        return None
    current = not _stale_path(theme_page, language).exists() and facts.get(
        "fingerprint"
    ) == fingerprint(theme_page)
    return {
        "built": datetime.fromisoformat(facts["built"]),
        "size": facts["size"],
        "current": current,
    }


def mark_stale(theme_page):
    """Every language's pack of this theme is out of date."""
    for language, _name in settings.LANGUAGES:
        if pack_path(theme_page, language).exists():
            _stale_path(theme_page, language).touch()


# What goes in ----------------------------------------------------------------------------


def pack_pages(theme_page):
    """The theme's pages any reader may read: live, public, in the tree order."""
    pages = theme_page.get_children().live().public().specific().order_by("path")
    return [page for page in pages if isinstance(page, LibraryPage)]


def fingerprint(theme_page):
    """Changes when a page of the pack is published, unpublished, restricted or added."""
    revisions = [(page.pk, page.live_revision_id) for page in pack_pages(theme_page)]
    return json.dumps([theme_page.live_revision_id, revisions])


def _file_name(page, language):
    return pdf_filename(page, language).removesuffix(".pdf") + ".html"


class _Pack:
    """The files of one pack as they are gathered: {name in the ZIP: bytes}, and the map
    from the site's addresses to those names."""

    def __init__(self, base_url):
        self.files = {}
        self.addresses = {}
        self.base_url = base_url.rstrip("/")

    def add(self, name, content, *addresses):
        self.files[name] = content
        for address in addresses:
            self.addresses[address] = name

    def media_file(self, url):
        """An image or upload the page shows, copied in; None when it is not on disk."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(settings.MEDIA_URL):
            return None
        root = Path(settings.MEDIA_ROOT).resolve()
        source = (root / path[len(settings.MEDIA_URL) :]).resolve()
        if not source.is_relative_to(root) or not source.is_file():
            return None
        name = f"files/{slugify(source.parent.name)}-{source.name}"
        self.files.setdefault(name, source.read_bytes())
        return name

    def relative(self, html):
        """Links to pack files made relative; other links on the site made absolute."""

        def rewrite(match):
            url = match["url"]
            if not url or url.startswith(("#", "mailto:", "tel:", "data:")):
                return match[0]
            local = url[len(self.base_url) :] if url.startswith(self.base_url) else url
            path, _sep, fragment = local.partition("#")
            name = self.addresses.get(path) or self.media_file(path)
            if name:
                url = name + (f"#{fragment}" if fragment else "")
            elif local.startswith("/"):
                url = self.base_url + local
            return f'{match["attribute"]}="{url}"'

        return LINK.sub(rewrite, html)


def build_pack(theme_page, language, progress=None):
    """Build and store the pack of `theme_page` in `language`; return its facts."""
    theme_page = theme_page.specific
    pages = pack_pages(theme_page)
    built = timezone.now()
    with translation.override(language):
        theme_url = theme_page.get_url() or "/"
        request = reader_request(theme_url)
        pack = _Pack(request.build_absolute_uri("/"))
        stylesheet = finders.find(STYLESHEET)
        pack.add("site.css", Path(stylesheet).read_bytes(), settings.STATIC_URL + STYLESHEET)
        entries = []
        for page in pages:
            name = _file_name(page, language)
            pack.addresses[page.get_url(request)] = name
            entries.append(
                {"page": page, "file": name, "pdf": f"pdf/{pdf_filename(page, language)}"}
            )
        for number, entry in enumerate(entries, start=1):
            page = entry["page"]
            page_request = reader_request(page.get_url(request))
            pack.add(entry["pdf"], page_pdf(page, page_request))
            downloads = []
            for item in page.downloads_for_reader() if hasattr(page, "downloads") else []:
                name = f"files/{item.document.pk}-{Path(item.document.file.name).name}"
                with item.document.file.open("rb") as stream:
                    pack.add(name, stream.read())
                downloads.append({"item": item, "file": name})
            context = {
                "page": page,
                "self": page,
                "fallback": page.shown_in_fallback,
                "pdf_file": entry["pdf"],
                "downloads": downloads,
                "built": built,
                "theme_page": theme_page,
            }
            html = render_to_string("guidance/offline/page.html", context, request=page_request)
            pack.files[entry["file"]] = pack.relative(html).encode()
            if progress:
                progress(number, len(entries), page)
        index = render_to_string(
            "guidance/offline/index.html",
            {"theme_page": theme_page, "entries": entries, "built": built},
            request=request,
        )
        pack.files["index.html"] = pack.relative(index).encode()
    size = _store(theme_page, language, pack.files)
    facts = {"built": built.isoformat(), "size": size, "fingerprint": fingerprint(theme_page)}
    _facts_path(theme_page, language).write_text(json.dumps(facts))
    _stale_path(theme_page, language).unlink(missing_ok=True)
    page_cache.content_changed()  # theme pages kept for readers show the old size and date
    return pack_facts(theme_page, language)


def _store(theme_page, language, files):
    """Write the ZIP atomically (a reader may be downloading the previous one)."""
    path = pack_path(theme_page, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, content in files.items():
                    archive.writestr(name, content)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path.stat().st_size


def current_pack(theme_page, language):
    """The facts of an up-to-date pack, building it first when it is missing or stale."""
    facts = pack_facts(theme_page, language)
    if facts and facts["current"]:
        return facts
    return build_pack(theme_page, language)


def theme_pages_for(page):
    """The theme pages whose packs show `page`: itself if a theme, else its theme parent."""
    if isinstance(page, ThemePage):
        return [page]
    parent = page.get_parent().specific
    return [parent] if isinstance(parent, ThemePage) else []
