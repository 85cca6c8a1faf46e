"""What editors may put in rich text, and the bleach allow-list that matches it.

The editor's feature list and the sanitiser are kept side by side so they cannot
drift: anything the editor can produce survives cleaning, nothing else does.
"""

import bleach
from bleach.css_sanitizer import CSSSanitizer

BODY_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})


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
