"""What editors may put in rich text, and the bleach allow-list that matches it.

The editor's feature list and the sanitiser are kept side by side so they cannot
drift: anything the editor can produce survives cleaning, nothing else does.
"""

import re

import bleach
from bleach.css_sanitizer import CSSSanitizer

from django.apps import apps
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import extract_attrs

BODY_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

LARGEST_ID = 2**31 - 1
LINK_TAG = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
EMBED_TAG = re.compile(r"<embed\b([^>]*)/?>", re.IGNORECASE)


def clean_html(html):
    """Sanitise imported or user-supplied HTML to what the rich-text editor allows."""
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        css_sanitizer=CSSSanitizer(allowed_css_properties=[]),
    )
    # Wagtail's editor matches stored tags strictly and writes <br/> itself; a bare <br>
    # would stop the page from opening in the editor.
    return cleaned.replace("<br>", "<br/>")


# Links and embeds as stored: `guidance.rich_text_links` shows malformed ones harmlessly;
# these checks let a form refuse them at save.


def usable_id(value):
    """The id as the database can look it up, or None."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and 0 < int(text) <= LARGEST_ID:
        return int(text)
    return None


def link_problems(html):
    """What is wrong with the links and embeds of stored rich text, one message each."""
    problems = []
    for attributes, text in LINK_TAG.findall(html or ""):
        attrs = extract_attrs(attributes)
        kind = attrs.get("linktype")
        if kind not in ("page", "document"):
            continue
        label = strip_tags(text).strip()[:60] or _("(no text)")
        target_id = usable_id(attrs.get("id"))
        model = apps.get_model("wagtailcore", "Page") if kind == "page" else get_document_model()
        if target_id is None or not model.objects.filter(pk=target_id).exists():
            message = (
                _("The link “%(text)s” points to a page that does not exist.")
                if kind == "page"
                else _("The link “%(text)s” points to a document that does not exist.")
            )
            problems.append(message % {"text": label})
    for attributes in EMBED_TAG.findall(html or ""):
        attrs = extract_attrs(attributes)
        if attrs.get("embedtype") == "media" and attrs.get("url"):
            continue
        if attrs.get("embedtype") == "image" and usable_id(attrs.get("id")) is not None:
            continue
        problems.append(_("An embedded item has no image or address."))
    return problems


def stored_html(value):
    """Every piece of stored rich text in a form value: a rich-text field or a StreamField."""
    if isinstance(value, StreamValue):
        value = value.stream_block.get_prep_value(value)
    elif isinstance(value, RichText):
        value = value.source
    if isinstance(value, str):
        if "<a" in value or "<embed" in value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from stored_html(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from stored_html(item)
