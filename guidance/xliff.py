"""XLIFF 2.0 files of a page's texts, for translation agencies and their CAT tools.

One document per page and target language (`srcLang="en"`, `trgLang="ar"`), holding one
`<file id="page-42">` and one `<unit>` per segment of `guidance.translation_segments`,
the unit id being the segment id. A batch is a zip of such documents: XLIFF 2.0 allows
one target language per document, and CAT tools (Trados, memoQ, Phrase, OmegaT) assign,
count and return work per file, so one file per page and language is what they handle
best.

Rich text becomes inline codes, so translators move tags rather than edit HTML: `<pc>`
for paired markup (paragraphs, list items, bold, italic, links) and `<ph>` for a line
break, the HTML of each code kept in the unit's `<originalData>`. A link's address is
shown to the translator as the code's `dispStart`.

Files are written with lxml, the XLIFF namespace declared on the document itself. Files
coming back are untrusted. They are parsed with defusedxml, which refuses any
DTD (so no external entities and no entity expansion bombs); the HTML rebuilt from the
codes goes through the rich-text allow-list when it is applied to the page.
"""

import dataclasses
import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from lxml import etree

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from foundation.slugs import typeable_slug
from guidance.translation_segments import (
    PLAIN,
    RICH,
    apply_segments,
    segments,
    target_languages,
)

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
X = f"{{{NS}}}"

VOID_TAGS = {"br", "embed", "img"}
CODE_TYPES = {
    "b": ("fmt", "xlf:b"),
    "strong": ("fmt", "xlf:b"),
    "i": ("fmt", "xlf:i"),
    "em": ("fmt", "xlf:i"),
    "br": ("fmt", "xlf:lb"),
    "a": ("link", None),
}
BLOCK_TAGS = {"p", "ul", "ol", "li"}
# What a plain text may hold: code points and annotations, but no formatting.
PLAIN_MARKUP = {f"{X}{name}" for name in ("cp", "mrk", "sm", "em")}
# Containers only: indenting them does not change any text.
INDENTED = {f"{X}{name}" for name in ("xliff", "file", "notes", "unit", "segment", "originalData")}


class XliffError(Exception):
    """A file the portal cannot take; the message says why, for the person who sent it."""


def language_tag(code):
    """The BCP 47 tag of a portal language: zh-hans → zh-Hans."""
    primary, *rest = code.split("-")
    return "-".join([primary, *(part.title() if len(part) == 4 else part for part in rest)])


def portal_language(tag):
    """The portal language of a BCP 47 tag, or None."""
    tag = (tag or "").strip().lower().replace("_", "-")
    codes = [code for code, _name in settings.LANGUAGES]
    return tag if tag in codes else None


def file_name(page, language):
    slug = slugify(page.slug_en if hasattr(page, "slug_en") else page.slug) or "page"
    return f"{slug}-{page.pk}.{language_tag(language)}.xlf"


# Export -------------------------------------------------------------------------------


def export_document(page, language):
    """The XLIFF 2.0 document (bytes) of `page`'s texts for translation into `language`."""
    root = etree.Element(
        f"{X}xliff",
        {"version": "2.0", "srcLang": "en", "trgLang": language_tag(language)},
        nsmap={None: NS},  # XLIFF as the default namespace: no prefix on any element
    )
    add_file(root, page, language)
    return serialise(root)


def add_file(root, page, language):
    file = etree.SubElement(root, f"{X}file", {"id": f"page-{page.pk}", "original": page.url_path})
    notes = etree.SubElement(file, f"{X}notes")
    note = etree.SubElement(notes, f"{X}note", {"category": "page"})
    note.text = f"{page.get_admin_display_title()} ({page.specific_class._meta.verbose_name})"
    for segment in segments(page, language):
        unit = etree.SubElement(file, f"{X}unit", {"id": segment.id})
        unit_notes = etree.SubElement(unit, f"{X}notes")
        location = etree.SubElement(unit_notes, f"{X}note", {"category": "location"})
        location.text = segment.label
        if segment.max_length:
            limit = etree.SubElement(unit_notes, f"{X}note", {"category": "length"})
            limit.text = _("At most %(limit)d characters.") % {"limit": segment.max_length}
        codes = _Codes()
        element = etree.SubElement(unit, f"{X}segment", {"state": "initial"})
        source = etree.SubElement(element, f"{X}source")
        if segment.kind == RICH:
            codes.fill(source, segment.source)
        else:
            source.text = segment.source
        if segment.target:
            element.set("state", "translated")
            target = etree.SubElement(element, f"{X}target")
            if segment.kind == RICH:
                codes.fill(target, segment.target)
            else:
                target.text = segment.target
        if codes.data:
            original = etree.SubElement(unit, f"{X}originalData")
            unit.insert(1, original)  # moved after the notes, before the segment
            for data_id, text in codes.data.items():
                etree.SubElement(original, f"{X}data", {"id": data_id}).text = text
        if segment.kind == PLAIN and "\n" in segment.source:
            unit.set(f"{{{XML_NS}}}space", "preserve")
    return file


def serialise(root):
    _indent(root)
    # lxml writes the namespaces the document declares (root's nsmap), whatever another
    # library registered in the standard library's process-wide registry.
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _indent(element, level=0):
    if element.tag not in INDENTED or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


class _Codes(HTMLParser):
    """Stored rich text as XLIFF inline codes. Codes are numbered per unit, and source
    and target share them: the same markup has the same code in both."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}  # data id → HTML
        self.ids = {}  # (HTML of the opening tag, its n-th use) → code id
        self.seen = {}
        self.stack = []

    def fill(self, element, stored_html):
        self.stack = [element]
        self.seen = {}
        self.feed(stored_html)
        self.close()

    def _data_id(self, text):
        for data_id, known in self.data.items():
            if known == text:
                return data_id
        data_id = f"d{len(self.data) + 1}"
        self.data[data_id] = text
        return data_id

    def _code_id(self, opening):
        # The n-th use of the same markup gets the same id in source and target.
        nth = self.seen.get(opening, 0)
        self.seen[opening] = nth + 1
        key = (opening, nth)
        if key not in self.ids:
            self.ids[key] = str(len(self.ids) + 1)
        return self.ids[key]

    def _attributes(self, tag, opening):
        attributes = {"id": self._code_id(opening)}
        kind, sub_kind = CODE_TYPES.get(tag, ("other", None))
        attributes["type"] = kind
        if sub_kind:
            attributes["subType"] = sub_kind
        if tag in BLOCK_TAGS:
            attributes["canDelete"] = "no"
        return attributes

    def handle_starttag(self, tag, attrs):
        opening = self.get_starttag_text()
        attributes = self._attributes(tag, opening)
        if tag in VOID_TAGS:
            attributes["dataRef"] = self._data_id(opening)
            if tag == "br":
                attributes["equiv"] = "\n"
            etree.SubElement(self.stack[-1], f"{X}ph", attributes)
            return
        attributes["dataRefStart"] = self._data_id(opening)
        attributes["dataRefEnd"] = self._data_id(f"</{tag}>")
        if tag == "a":
            values = dict(attrs)
            attributes["dispStart"] = values.get("href") or " ".join(
                f"{values.get('linktype', '')} {values.get('id', '')}".split()
            )
        self.stack.append(etree.SubElement(self.stack[-1], f"{X}pc", attributes))

    def handle_startendtag(self, tag, attrs):
        if tag in VOID_TAGS:
            self.handle_starttag(tag, attrs)
        else:  # <p/>: an empty element
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if len(self.stack) > 1 and tag not in VOID_TAGS:
            self.stack.pop()

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


# Import -------------------------------------------------------------------------------


@dataclasses.dataclass
class Unit:
    id: str
    source: ET.Element
    target: ET.Element | None
    data: dict  # data id → HTML, from the unit's originalData

    def text(self, element, kind, label):
        """The stored value of `element` (source or target) for a segment of `kind`."""
        if kind == PLAIN:
            if any(
                child.tag not in PLAIN_MARKUP for child in element.iter() if child is not element
            ):
                raise XliffError(
                    _("%(label)s (%(id)s): this text cannot hold formatting.")
                    % {"label": label, "id": self.id}
                )
            return _inline_html(element, self, label, escape=False)
        return _inline_html(element, self, label, escape=True)


@dataclasses.dataclass
class FileEntry:
    page_id: int
    units: dict  # unit id → Unit, in the file's order


@dataclasses.dataclass
class Document:
    language: str
    files: list


def read_document(data):
    """Parse and check an uploaded XLIFF document; raise XliffError saying what is wrong."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise XliffError(
            _("The file declares a DTD or entities, which the portal refuses for safety.")
        ) from None
    except ET.ParseError as error:
        raise XliffError(
            _("The file is not well-formed XML (%(error)s).") % {"error": error}
        ) from None
    if root.tag != f"{X}xliff":
        raise XliffError(_("The file is not an XLIFF 2.0 document."))
    if not str(root.get("version", "")).startswith("2."):
        raise XliffError(
            _("The file is XLIFF version %(version)s; the portal reads XLIFF 2.0.")
            % {"version": root.get("version", "?")}
        )
    if portal_language(root.get("srcLang")) != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        raise XliffError(
            _("The source language is “%(language)s”; the portal translates from English (en).")
            % {"language": root.get("srcLang", "")}
        )
    language = portal_language(root.get("trgLang"))
    if language not in target_languages():
        raise XliffError(
            _("The target language “%(language)s” is not one the portal translates into.")
            % {"language": root.get("trgLang", "")}
        )
    files = [_read_file(element) for element in root.findall(f"{X}file")]
    if not files:
        raise XliffError(_("The file holds no page."))
    return Document(language=language, files=files)


def _read_file(element):
    file_id = element.get("id", "")
    prefix, _sep, number = file_id.partition("-")
    if prefix != "page" or not number.isascii() or not number.isdigit():
        raise XliffError(_("“%(id)s” is not a file exported from the portal.") % {"id": file_id})
    units = {}
    for unit in element.iter(f"{X}unit"):  # units may sit in <group>s
        unit_id = unit.get("id", "")
        data = {item.get("id"): "".join(item.itertext()) for item in unit.iter(f"{X}data")}
        sources, targets = [], []
        for segment in unit.findall(f"{X}segment"):
            sources.append(segment.find(f"{X}source"))
            targets.append(segment.find(f"{X}target"))
        if not sources or any(source is None for source in sources):
            raise XliffError(_("The unit “%(id)s” has no source text.") % {"id": unit_id})
        if unit_id in units:
            raise XliffError(_("The unit “%(id)s” appears twice.") % {"id": unit_id})
        units[unit_id] = Unit(
            id=unit_id,
            source=_joined(sources),
            target=None if all(t is None for t in targets) else _joined(targets),
            data=data,
        )
    return FileEntry(page_id=int(number), units=units)


def _joined(parts):
    """The segments of a unit (a CAT tool may split a unit) as one element."""
    if len(parts) == 1:
        return parts[0]
    joined = ET.Element(parts[0].tag)
    for part in parts:
        if part is None:
            continue
        if len(joined):
            joined[-1].tail = (joined[-1].tail or "") + (part.text or "")
        else:
            joined.text = (joined.text or "") + (part.text or "")
        joined.extend(list(part))
    return joined


def _inline_html(element, unit, label, escape):
    """HTML from XLIFF inline content; raises XliffError on an unknown or unbalanced code."""
    out = []
    open_codes = []

    def text(value):
        if value:
            out.append(html.escape(value, quote=False) if escape else value)

    def code(data_id):
        if data_id not in unit.data:
            raise XliffError(
                _("%(label)s (%(id)s): the inline code “%(code)s” is not in the file.")
                % {"label": label, "id": unit.id, "code": data_id or "?"}
            )
        out.append(unit.data[data_id])

    def walk(node):
        text(node.text)
        for child in node:
            tag = child.tag.removeprefix(X)
            if tag == "pc":
                code(child.get("dataRefStart"))
                walk(child)
                code(child.get("dataRefEnd"))
            elif tag == "ph":
                code(child.get("dataRef"))
            elif tag == "sc":
                if child.get("isolated") == "yes":
                    raise unbalanced()
                open_codes.append(child.get("id"))
                code(child.get("dataRef"))
            elif tag == "ec":
                if not open_codes or open_codes.pop() != child.get("startRef"):
                    raise unbalanced()
                code(child.get("dataRef"))
            elif tag == "cp":
                out.append(_code_point(child.get("hex"), unit, label))
            elif tag == "mrk":  # an annotation (a term, a comment): keep its text
                walk(child)
            elif tag not in ("sm", "em"):  # sm/em only mark where an annotation starts/ends
                raise XliffError(
                    _("%(label)s (%(id)s): unknown markup <%(tag)s>.")
                    % {"label": label, "id": unit.id, "tag": tag}
                )
            text(child.tail)

    def unbalanced():
        return XliffError(
            _("%(label)s (%(id)s): the inline codes are not balanced.")
            % {"label": label, "id": unit.id}
        )

    walk(element)
    if open_codes:
        raise unbalanced()
    return "".join(out)


def _code_point(value, unit, label):
    try:
        return chr(int(value or "", 16))
    except (ValueError, OverflowError):
        raise XliffError(
            _("%(label)s (%(id)s): “%(value)s” is not a character code.")
            % {"label": label, "id": unit.id, "value": value}
        ) from None


def same_text(first, second):
    """Whether two texts read the same once markup and spacing are set aside."""
    return " ".join(strip_tags(first).split()) == " ".join(strip_tags(second).split())


# Applying -----------------------------------------------------------------------------


@dataclasses.dataclass
class Imported:
    page: Page
    language: str
    count: int  # segments filled
    english_changed: list  # labels of segments whose English changed since the export


def values_for(page, language, entry):
    """{segment id: text} of the translated units of `entry`, and the labels of the
    segments whose English is no longer what the file was made from."""
    known = {segment.id: segment for segment in segments(page, language)}
    values, changed = {}, []
    for unit in entry.units.values():
        segment = known.get(unit.id)
        if segment is None:
            raise XliffError(
                _("The unit “%(id)s” is not a text of this page: was it removed from the English?")
                % {"id": unit.id}
            )
        if not same_text(unit.text(unit.source, segment.kind, segment.label), segment.source):
            changed.append(segment.label)
        if unit.target is None:
            continue
        target = unit.text(unit.target, segment.kind, segment.label)
        if strip_tags(target).strip():  # an empty target is still to translate
            values[unit.id] = target
    return values, changed


def apply_documents(user, documents, only_page=None):
    """Save the translations of `documents` as a new revision of each page they are for.

    Every file is checked and applied in memory first; the revisions are saved together
    afterwards, so either every page gets its revision or none does. Raises XliffError
    (what is wrong and where) or PermissionDenied (a page the user may not edit).
    """
    by_page = {}
    for document in documents:
        for entry in document.files:
            if only_page is not None and entry.page_id != only_page.pk:
                raise XliffError(
                    _("This file is for another page (id %(id)s), not “%(title)s”.")
                    % {"id": entry.page_id, "title": only_page.get_admin_display_title()}
                )
            by_page.setdefault(entry.page_id, []).append((document.language, entry))
    pages = Page.objects.filter(pk__in=by_page).specific().in_bulk()
    drafts, results = [], []
    for page_id, entries in by_page.items():
        page = pages.get(page_id)
        if page is None:
            raise XliffError(_("The page with id %(id)s no longer exists.") % {"id": page_id})
        permissions = page.permissions_for_user(user)
        if not permissions.can_edit():
            raise PermissionDenied
        if permissions.page_locked():
            raise XliffError(
                _("“%(title)s” is locked: ask whoever locked it to unlock it.")
                % {"title": page.get_admin_display_title()}
            )
        # The latest draft, so an import never undoes edits that are not yet published.
        draft = page.get_latest_revision_as_object()
        for language, entry in entries:
            values, changed = values_for(draft, language, entry)
            try:
                apply_segments(draft, language, values)
            except ValidationError as error:
                raise XliffError(
                    _("“%(title)s”: %(problem)s")
                    % {"title": page.get_admin_display_title(), "problem": " ".join(error.messages)}
                ) from None
            _fill_slug(draft, language)
            results.append(Imported(page, language, len(values), changed))
        drafts.append(draft)
    with transaction.atomic():
        for draft in drafts:
            try:
                draft.save_revision(user=user, log_action=True)
            except ValidationError as error:
                raise XliffError(
                    _("“%(title)s” cannot be saved: %(problem)s")
                    % {
                        "title": draft.get_admin_display_title(),
                        "problem": " ".join(error.messages),
                    }
                ) from None
    return results


def _fill_slug(page, language):
    """A new translation's address in letters readers can type, as the page form makes it."""
    slug_name = build_localized_fieldname("slug", language)
    title = getattr(page, build_localized_fieldname("title", language), None)
    if hasattr(page, slug_name) and title and not getattr(page, slug_name):
        setattr(page, slug_name, typeable_slug(title))
