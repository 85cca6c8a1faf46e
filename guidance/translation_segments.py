"""The text of a page cut into segments a translator works on, and written back.

A *segment* is one piece of text: a translated field (title, summary, SEO title, ...)
or one text inside a StreamField (a paragraph, a heading, one item of a checklist, a
table cell). Each has an id that stays the same while the page changes around it:

    title                                   a translated field
    body.<block id>                         a top-level block whose value is text
    body.<block id>.title                   a text inside a block (its child's name)
    body.<block id>.items.<item id>         one item of a list
    standards.<block id>.indicators.<item id>.target
    body.<block id>.cell.2.1                a table cell (row 2, column 1)

Block and list-item ids are Wagtail's own uuids, so adding, removing or moving other
blocks does not change an id. Ids use only letters, digits, ".", "-" and "_": they are
valid XML NMTOKENs (XLIFF unit ids).

    segments(page, "ar")                     -> [Segment, ...] in reading order
    apply_segments(page, "ar", {id: text})   -> the page, its Arabic fields changed

`apply_segments` changes the page in memory only (the caller saves a revision). The
target StreamField is rebuilt on the English one: its blocks, in the English order,
matched to the target's by id. A text keeps the target's value where the target has
that block, else the English text until someone translates it; a value that is not
text (an image, a document, a callout's kind) keeps the target's when it has one, so a
translation may point to its own document. Rich text goes through the project's bleach
allow-list (plus the internal page and document links the editor makes). Nothing is
changed unless every value is valid; else a ValidationError names the segment.
"""

import copy
import dataclasses

import bleach

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField

from guidance.rich_text import ALLOWED_PROTOCOLS, ALLOWED_TAGS, link_problems, usable_id

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
PLAIN, RICH = "plain", "rich"
# Translated, but not text a translator writes: addresses are made from the title.
NOT_SEGMENTS = {"slug", "url_path"}
INTERNAL_LINK_TYPES = {"page", "document"}


@dataclasses.dataclass(frozen=True)
class Segment:
    id: str
    label: str  # where it is, for people: "Body › 3. Callout › Title"
    kind: str  # PLAIN or RICH (stored Wagtail rich text HTML)
    source: str  # the English text
    target: str  # the text in the target language ("" if none yet)
    field: str  # the model field it belongs to
    max_length: int | None = None
    required: bool = False  # a translated field may stay empty (readers get English)


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def translated_fields(page):
    """The model fields of `page` that hold text per language, in the form's order."""
    try:
        names = translator.get_options_for_model(type(page)).all_fields
    except NotRegistered:
        return []
    return [
        field
        for field in page._meta.concrete_fields
        if field.name in names and field.name not in NOT_SEGMENTS
    ]


# Reading ------------------------------------------------------------------------------


def segments(page, language):
    """Every translatable text of `page`, with its English source and its text in
    `language`. Texts that are empty in English have nothing to translate and are left out."""
    _check_language(language)
    found = []
    for field in translated_fields(page):
        source = _raw(page, field, SOURCE_LANGUAGE)
        target = _raw(page, field, language)
        label = capfirst(str(field.verbose_name))
        if isinstance(field, StreamField):
            target = _align(field.stream_block, source, target)
            for leaf in _stream_leaves(field.stream_block, source, (field.name,), label):
                if leaf.text_kind and _has_text(leaf.value):
                    found.append(
                        Segment(
                            id=".".join(leaf.path),
                            label=leaf.label,
                            kind=leaf.text_kind,
                            source=leaf.value,
                            target=_text_at(target, leaf.path[1:]) or "",
                            field=field.name,
                            max_length=_max_length(leaf.block),
                            required=leaf.block.required,
                        )
                    )
        elif _has_text(source):
            found.append(
                Segment(
                    id=field.name,
                    label=label,
                    kind=RICH if isinstance(field, RichTextField) else PLAIN,
                    source=source,
                    target=target or "",
                    field=field.name,
                    max_length=field.max_length,
                )
            )
    return found


# Writing ------------------------------------------------------------------------------


def apply_segments(page, language, values):
    """Write {segment id: text} into `page`'s `language` fields and return the page.

    Raises ValidationError naming the first segment that is unknown, too long, empty
    where text is required, or holds a link to nothing; the page is then unchanged.
    """
    _check_language(language)
    known = {segment.id: segment for segment in segments(page, language)}
    cleaned = {}
    for segment_id, value in values.items():
        segment = known.get(segment_id)
        if segment is None:
            raise ValidationError(
                _("“%(id)s” is not a text of this page."),
                code="unknown_segment",
                params={"id": segment_id},
            )
        cleaned[segment_id] = _clean_value(segment, value)

    changes = {}
    for field in translated_fields(page):
        mine = {key: value for key, value in cleaned.items() if known[key].field == field.name}
        if isinstance(field, StreamField):
            if mine:
                changes[field] = _rebuilt_stream(page, field, language, mine)
        elif field.name in mine:
            changes[field] = mine[field.name]
    for field, value in changes.items():
        setattr(page, build_localized_fieldname(field.name, language), value)
    return page


def clean_rich_text(html):
    """Stored rich text as the editor could have written it: the project's tags and
    protocols, links with an address or to a page or document of the site."""
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=_allowed_link_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return cleaned.replace("<br>", "<br/>")


def _allowed_link_attribute(tag, name, value):
    if tag != "a":
        return False
    if name in ("href", "title"):
        return True
    if name == "linktype":
        return value in INTERNAL_LINK_TYPES
    return name == "id" and usable_id(value) is not None


def _clean_value(segment, value):
    def refuse(problem):
        return ValidationError(
            _("%(label)s (%(id)s): %(problem)s"),
            code="invalid_segment",
            params={"label": segment.label, "id": segment.id, "problem": problem},
        )

    if not isinstance(value, str):
        raise refuse(_("the text is missing."))
    if segment.kind == RICH:
        value = clean_rich_text(value)
        problems = link_problems(value)
        if problems:
            raise refuse(problems[0])
    if not _has_text(value):
        if segment.required:
            raise refuse(_("this text cannot be empty."))
        return ""
    if segment.max_length and len(value) > segment.max_length:
        raise refuse(
            _("at most %(limit)d characters (this has %(count)d).")
            % {"limit": segment.max_length, "count": len(value)}
        )
    return value


def _rebuilt_stream(page, field, language, values):
    """The target stream rebuilt on the English blocks (see the module docstring)."""
    source = _raw(page, field, SOURCE_LANGUAGE)
    target = _align(field.stream_block, source, _raw(page, field, language))
    rebuilt = copy.deepcopy(source)
    for leaf in _stream_leaves(field.stream_block, source, (), ""):
        segment_id = ".".join((field.name, *leaf.path))
        if segment_id in values:
            value = values[segment_id]
        else:
            value = _value_at(target, leaf.path, default=leaf.value)
        _set_at(rebuilt, leaf.path, value)
    return rebuilt


# Walking StreamField data ----------------------------------------------------------------


def _align(block, source, target):
    """The target's raw data with its blocks and list items matched to the English ones.

    A block matches the English block of the same id. A translation made in the page
    form has blocks of its own ids: there, the block at the same position matches if it
    is of the same type (and not another English block's match). Unmatched target blocks
    are left out; matched ones take the English id.
    """
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        return _align_items(block, source, target)
    if isinstance(block, blocks.StructBlock) and isinstance(source, dict):
        if not isinstance(target, dict):
            return target
        aligned = dict(target)
        for name, child in block.child_blocks.items():
            if name in source and name in target:
                aligned[name] = _align(child, source[name], target[name])
        return aligned
    return target


def _align_items(block, source, target):
    source_items = list(_items(source))
    target_items = list(_items(target))
    by_id = {item_id: (kind, value) for item_id, kind, value in target_items}
    english_ids = {item_id for item_id, _kind, _value in source_items}
    aligned = []
    for index, (item_id, kind, value) in enumerate(source_items):
        match = by_id.get(item_id)
        if match is None and index < len(target_items):
            other_id, other_kind, other_value = target_items[index]
            if other_id not in english_ids:
                match = (other_kind, other_value)
        if match is None or match[0] != kind:
            continue
        if isinstance(block, blocks.StreamBlock):
            child = block.child_blocks.get(kind)
        else:
            child = block.child_block
        if child is not None:
            aligned.append({"type": kind, "value": _align(child, value, match[1]), "id": item_id})
    return aligned


def _items(raw):
    """(id, type, value) of each child of a StreamBlock's or ListBlock's raw data."""
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(item, dict) and "type" in item and "value" in item and item.get("id"):
            yield item["id"], item["type"], item["value"]
        else:  # a list item saved before Wagtail gave items ids: known by its position
            yield f"i{index}", "item", item


@dataclasses.dataclass
class _Leaf:
    path: tuple
    label: str
    block: blocks.Block
    value: object
    text_kind: str | None  # PLAIN / RICH for text, None for anything else


def _stream_leaves(stream_block, raw, path, label):
    """Every leaf value of raw StreamField data with its path, in reading order."""
    for number, child in enumerate(raw or [], start=1):
        block = stream_block.child_blocks.get(child.get("type"))
        if block is None or not child.get("id"):
            continue
        child_label = f"{label} › {number}. {capfirst(str(block.label))}"
        yield from _leaves(block, child.get("value"), (*path, child["id"]), child_label)


def _leaves(block, raw, path, label):
    if isinstance(block, blocks.StreamBlock):
        yield from _stream_leaves(block, raw, path, label)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                child_label = f"{label} › {capfirst(str(child.label))}"
                yield from _leaves(child, raw[name], (*path, name), child_label)
    elif isinstance(block, blocks.ListBlock):
        item_label = capfirst(str(block.child_block.label))
        for number, (item_id, value) in enumerate(_list_items(raw), start=1):
            child_label = f"{label} › {item_label} {number}"
            yield from _leaves(block.child_block, value, (*path, item_id), child_label)
    elif isinstance(block, TableBlock):
        raw = raw if isinstance(raw, dict) else {}
        if raw.get("table_caption"):
            caption_label = f"{label} › {_('Caption')}"
            yield _Leaf((*path, "caption"), caption_label, block, raw["table_caption"], PLAIN)
        for row, cells in enumerate(raw.get("data") or []):
            for column, cell in enumerate(cells or []):
                if isinstance(cell, str) and cell.strip():
                    cell_label = _("%(table)s, row %(row)d, column %(column)d") % {
                        "table": label,
                        "row": row + 1,
                        "column": column + 1,
                    }
                    cell_path = (*path, "cell", str(row), str(column))
                    yield _Leaf(cell_path, cell_label, block, cell, PLAIN)
    else:
        yield _Leaf(path, label, block, raw, _text_kind(block))


def _text_kind(block):
    if isinstance(block, blocks.RichTextBlock):
        return RICH
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return PLAIN
    return None


def _max_length(block):
    field = getattr(block, "field", None)
    return getattr(field, "max_length", None) if _text_kind(block) == PLAIN else None


def _list_items(raw):
    """(id, value) of each item of a ListBlock's raw data."""
    for item_id, _kind, value in _items(raw):
        yield item_id, value


def _child(raw, key):
    """The raw value under one step of a path, or a KeyError."""
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict) and item.get("id") == key:
                return item, "value"
            if key == f"i{index}":
                return raw, index
        raise KeyError(key)
    if isinstance(raw, dict):
        if key in raw:
            return raw, key
        if key == "caption" and "table_caption" in raw:
            return raw, "table_caption"
    raise KeyError(key)


def _resolve(raw, path):
    """(container, key) holding the value at `path`, or a KeyError / IndexError."""
    container, key = None, None
    steps = list(path)
    while steps:
        step = steps.pop(0)
        if container is not None:
            raw = container[key]
        if step == "cell" and isinstance(raw, dict) and "data" in raw:  # a table's row, column
            row, column = int(steps.pop(0)), int(steps.pop(0))
            container, key = raw["data"][row], column
        else:
            container, key = _child(raw, step)
    if container is None:
        raise KeyError(path)
    return container, key


def _value_at(raw, path, default=None):
    try:
        container, key = _resolve(raw, path)
        return container[key]
    except (KeyError, IndexError, TypeError, ValueError):
        return default


def _text_at(raw, path):
    value = _value_at(raw, path)
    return value if isinstance(value, str) else None


def _set_at(raw, path, value):
    container, key = _resolve(raw, path)
    container[key] = value


# Small helpers ----------------------------------------------------------------------


def _check_language(language):
    if language not in target_languages():
        raise ValidationError(
            _("“%(language)s” is not a language the portal translates into."),
            code="unknown_language",
            params={"language": language},
        )


def _raw(page, field, language):
    """The stored value of `field` in `language`: raw JSON data for a StreamField."""
    value = getattr(page, build_localized_fieldname(field.name, language), None)
    if isinstance(field, StreamField):
        if value is None:
            return []
        return copy.deepcopy(field.stream_block.get_prep_value(value))
    return "" if value is None else value


def _has_text(value):
    return isinstance(value, str) and bool(strip_tags(value).strip())
