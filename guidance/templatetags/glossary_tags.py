"""{% glossary_links %}: link each glossary term a page uses at its first use in the text.

The link points to the term's definition in the page's own list of terms, like a
footnote: readers get the definition without leaving the page, and without JavaScript.
Headings and existing links are left alone.
"""

from html.parser import HTMLParser

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from foundation import linguistics
from guidance.models.glossary import first_uses, term_sequences

register = template.Library()

# Text inside these is never linked: a link in a heading or in a link is no help.
LEFT_ALONE = {
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "script", "style",
    "textarea", "select", "option",
}
LINKED = object()  # where the terms already linked on this page are kept, in render_context


def escape(text):
    """Text back into HTML as the rich-text editor writes it (quotes left as they are)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Linker(HTMLParser):
    """Copies HTML, linking the first use of each term not linked yet in its text."""

    def __init__(self, terms, language, linked):
        super().__init__(convert_charrefs=True)
        self.language, self.linked, self.out, self.left_alone = language, linked, [], 0
        self.sequences = []  # (term, sequence) for the terms still to link
        with translation.override(language):
            for term in terms:
                self.sequences += [(term, sequence) for sequence in term_sequences(term, language)]

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        self.left_alone += tag in LEFT_ALONE

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in LEFT_ALONE and self.left_alone:
            self.left_alone -= 1

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_data(self, data):
        waiting = [(term, seq) for term, seq in self.sequences if term.key not in self.linked]
        if self.left_alone or not waiting:
            self.out.append(escape(data))
            return
        tokens = list(linguistics.tokens(data, self.language))
        found = first_uses(tokens, [sequence for _term, sequence in waiting])
        spans = []  # (start, end, term): the earliest use of each term, not overlapping
        for number, (start, end) in sorted(found.items(), key=lambda item: item[1]):
            term = waiting[number][0]
            if term.key in {span[2].key for span in spans}:
                continue
            if spans and start < spans[-1][1]:
                continue
            spans.append((start, end, term))
        position = 0
        for start, end, term in spans:
            self.out.append(escape(data[position:start]))
            self.out.append(
                f'<a class="glossary-link" href="#{term.anchor}">{escape(data[start:end])}</a>'
            )
            self.linked.add(term.key)
            position = end
        self.out.append(escape(data[position:]))


def link_terms(html, terms, language, linked=None):
    """`html` with each of `terms` linked at its first use (terms in `linked` are skipped)."""
    if not terms:
        return html
    linker = _Linker(terms, language, set() if linked is None else linked)
    linker.feed(str(html))
    linker.close()
    return "".join(linker.out)


class GlossaryLinksNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        terms = context.get("glossary_terms")
        if not terms:
            return html
        linked = context.render_context.setdefault(LINKED, set())
        language = context.get("glossary_language") or translation.get_language()
        return mark_safe(link_terms(html, terms, language, linked))  # noqa: S308 - re-escaped


@register.tag
def glossary_links(parser, token):
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryLinksNode(nodelist)
