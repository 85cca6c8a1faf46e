"""An imported HTML file read into a guidance document: a title, a summary and
StreamField blocks, each with the line it came from.

`parse_document` keeps only what the rich-text editor could have produced
(`foundation.rich_text.clean_html`) and runs the StreamField's own validation, so nothing
fails half-way through writing (guidance/library_import/pages.py).
"""

import copy
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from foundation.rich_text import ALLOWED_PROTOCOLS, clean_html
from guidance.library_import.html_tree import (
    HEADINGS,
    VOID,
    Element,
    ImportRejected,
    Problem,
    decode,
    parse_tree,
)
from guidance.models import GuidancePage

MAX_SPAN = 50  # colspan/rowspan beyond this is a mistake (or an attempt to blow up a table)
TITLE_MAX_LENGTH = GuidancePage._meta.get_field("title").max_length


@dataclass(frozen=True)
class Note:
    """Something in a file that was left out or changed on the way in."""

    line: int
    message: str

    def __str__(self):
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class GuidanceDocument:
    """One file, read and sanitised, ready to become (a language of) a guidance page."""

    filename: str
    title: str
    title_line: int
    summary: str
    blocks: list = field(default_factory=list)  # [(block type, value)] as StreamField takes them
    block_lines: list = field(default_factory=list)
    notes: list = field(default_factory=list)


# From the tree to blocks -------------------------------------------------------------

# Removed with everything inside them; the note says what the editor lost.
DROPPED = {
    "head": None,
    "title": None,  # read before pruning
    "style": None,
    "template": None,
    "noscript": None,
    "meta": None,
    "link": None,
    "base": None,
    "script": "script",
    "iframe": "frame",
    "frame": "frame",
    "frameset": "frame",
    "object": "frame",
    "embed": "frame",
    "applet": "frame",
    "img": "image",
    "picture": "image",
    "svg": "image",
    "canvas": "image",
    "math": "image",
    "video": "media",
    "audio": "media",
    "form": "form",
    "input": "form",
    "button": "form",
    "select": "form",
    "textarea": "form",
    "nav": "navigation",
}


def _dropped_message(kind):
    return {
        "script": _("A script was removed."),
        "frame": _("An embedded frame or object was left out."),
        "image": _("An image was left out; add images in the editor."),
        "media": _("Audio or video was left out; add it in the editor."),
        "form": _("A form was left out."),
        "navigation": _("A navigation menu was left out."),
    }[kind]


RUN = {"p", "ul", "ol", "dl", "pre", "address"}
BLOCK_LEVEL = HEADINGS | RUN | {
    "table", "blockquote", "hr", "div", "section", "article", "main", "header", "footer",
    "aside", "figure", "figcaption", "details", "summary", "center", "fieldset", "legend",
    "li", "dt", "dd", "hgroup", "caption",
}  # fmt: skip


def prune(element, notes):
    """Remove what is never imported, with what is inside it, before any text is read."""
    kept = []
    for child in element.children:
        if isinstance(child, Element) and child.tag in DROPPED:
            if DROPPED[child.tag]:
                notes.append(Note(child.line, _dropped_message(DROPPED[child.tag])))
            continue
        if isinstance(child, Element):
            prune(child, notes)
        kept.append(child)
    element.children = kept


def collapse(text):
    return " ".join(text.split())


def text_of(node):
    """The visible text of a node, with block boundaries and <br> as spaces."""
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return " "
    inner = "".join(text_of(child) for child in node.children)
    return f" {inner} " if node.tag in BLOCK_LEVEL else inner


def contains_blocks(element):
    return any(el.tag in BLOCK_LEVEL for el in element.iter() if el is not element)


def allowed_link(href):
    """Whether a link survives: absolute http(s), mailto and tel only."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in ALLOWED_PROTOCOLS:
        return False
    return bool(parts.netloc) if parts.scheme.lower() in {"http", "https"} else bool(parts.path)


class BlockBuilder:
    """Walks the body of a document and collects StreamField blocks in order."""

    def __init__(self, document, title_element, take_summary):
        self.document = document
        self.title_element = title_element
        self.take_summary = take_summary
        self.run = []  # HTML of consecutive paragraphs and lists
        self.run_line = None
        self.inline = []  # loose text and inline elements waiting for a paragraph

    def note(self, line, message):
        self.document.notes.append(Note(line, message))

    def add(self, kind, value, line):
        self.document.blocks.append((kind, value))
        self.document.block_lines.append(line)

    # Paragraph runs

    def serialize(self, node, pre=False):
        if isinstance(node, str):
            escaped = html.escape(node, quote=False)
            return escaped.replace("\n", "<br/>") if pre else escaped
        if node.tag == "a":
            href = node.attrs.get("href", "")
            inner = "".join(self.serialize(child, pre) for child in node.children)
            if href and allowed_link(href):
                title = node.attrs.get("title")
                title_attr = f' title="{html.escape(title)}"' if title else ""
                return f'<a href="{html.escape(href.strip())}"{title_attr}>{inner}</a>'
            if href:
                self.note(
                    node.line,
                    _(
                        "The link to “%(href)s” was removed (only http, https, mailto and "
                        "tel links are imported); its text was kept."
                    )
                    % {"href": href[:80]},
                )
            return inner
        if node.tag == "dt":
            inner = "".join(self.serialize(child, pre) for child in node.children)
            return f"<p><strong>{inner}</strong></p>"
        if node.tag == "dd":
            return "<p>" + "".join(self.serialize(child, pre) for child in node.children) + "</p>"
        pre = pre or node.tag == "pre"
        inner = "".join(self.serialize(child, pre) for child in node.children)
        if node.tag in VOID:
            return f"<{node.tag}>"
        # Attributes go to bleach as written; its allow-list decides what stays.
        attrs = "".join(
            f' {name}="{html.escape(value)}"'
            for name, value in node.attrs.items()
            if re.fullmatch(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*", name)
        )
        return f"<{node.tag}{attrs}>{inner}</{node.tag}>"

    def start_run(self, line):
        if self.run_line is None:
            self.run_line = line

    def flush_inline(self):
        if self.inline and collapse("".join(text_of(node) for node in self.inline)):
            line = next((n.line for n in self.inline if isinstance(n, Element)), self.run_line)
            self.start_run(line or 1)
            self.run.append("<p>" + "".join(self.serialize(node) for node in self.inline) + "</p>")
        self.inline = []

    def flush(self):
        self.flush_inline()
        if self.run:
            cleaned = tidy(clean_html("".join(self.run)))
            if collapse(clean_html_text(cleaned)):
                self.add("paragraph", cleaned, self.run_line)
        self.run = []
        self.run_line = None

    def paragraph_element(self, element, may_be_summary=True):
        if not collapse(text_of(element)):
            return
        if (
            element.tag == "p"
            and may_be_summary
            and self.take_summary
            and not self.document.summary
        ):
            self.document.summary = collapse(text_of(element))
            return
        self.flush_inline()
        self.start_run(element.line)
        if element.tag in {"pre", "address"}:
            inner = "".join(
                self.serialize(child, element.tag == "pre") for child in element.children
            )
            self.run.append(f"<p>{inner}</p>")
        elif element.tag == "dl":
            self.run.append("".join(self.serialize(child) for child in element.elements()))
        else:
            self.run.append(self.serialize(element))

    # Other blocks

    def heading(self, element):
        text = collapse(text_of(element))
        if not text:
            return
        self.flush()
        kind = "heading" if element.tag in {"h1", "h2"} else "subheading"
        self.add(kind, text, element.line)

    def quote(self, element, attribution=""):
        for tag in ("footer", "cite"):
            source = next((el for el in element.iter() if el.tag == tag), None)
            if source is not None and not attribution:
                attribution = collapse(text_of(source))
                source.parent.children.remove(source)
        text = collapse(text_of(element))
        if not text:
            return
        self.flush()
        self.add("quote", {"text": text, "attribution": attribution}, element.line)

    def table(self, element, caption=""):
        value = table_value(element, caption)
        if value is None:
            self.note(element.line, _("An empty table was left out."))
            return
        self.flush()
        self.add("table", value, element.line)

    def figure(self, element):
        figcaption = next((el for el in element.elements() if el.tag == "figcaption"), None)
        quote = next((el for el in element.elements() if el.tag == "blockquote"), None)
        table = next((el for el in element.elements() if el.tag == "table"), None)
        if figcaption is not None and (quote is not None or table is not None):
            caption = collapse(text_of(figcaption))
            for child in element.elements():
                if child is quote:
                    self.quote(child, attribution=caption)
                elif child is table:
                    self.table(child, caption=caption)
                elif child is not figcaption:
                    self.walk(child)
            return
        self.container(element)

    # The walk

    def container(self, element):
        for child in element.children:
            if isinstance(child, str):
                self.inline.append(child)
            else:
                self.walk(child)

    def walk(self, element):
        tag = element.tag
        if element is self.title_element:
            return
        if tag in HEADINGS:
            self.heading(element)
        elif tag in RUN:
            self.paragraph_element(element)
        elif tag in {"li", "dt", "dd", "figcaption", "summary", "legend", "caption"}:
            # Outside their usual parents these are just text.
            if contains_blocks(element):
                self.container(element)
            else:
                self.paragraph_element(element_as_p(element), may_be_summary=False)
        elif tag == "table":
            self.table(element)
        elif tag == "blockquote":
            self.quote(element)
        elif tag == "figure":
            self.figure(element)
        elif tag == "hr":
            self.flush()
        elif tag in BLOCK_LEVEL or contains_blocks(element):
            self.flush_inline()
            self.container(element)
            self.flush_inline()
        else:
            self.inline.append(element)


def element_as_p(element):
    paragraph = Element("p", {}, element.line, element.parent)
    paragraph.children = element.children
    return paragraph


def tidy(fragment):
    """Collapse source-file line breaks and indentation, which HTML would not show."""
    fragment = re.sub(r"[ \t\r\n\f]+", " ", fragment)
    fragment = re.sub(r" ?(</?(?:p|ul|ol|li)>|<br/>) ?", r"\1", fragment)
    return fragment.strip()


def clean_html_text(fragment):
    """The text of sanitised HTML, to tell an empty paragraph from a real one."""
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment))


def table_value(element, caption=""):
    """A TableBlock value from a <table>, with row and column spans laid out as a grid."""
    rows = []
    for row in table_rows(element):
        cells = [cell for cell in row.elements() if cell.tag in {"td", "th"}]
        if cells:
            rows.append(cells)
    if not rows:
        return None
    caption_element = next((el for el in element.elements() if el.tag == "caption"), None)
    if caption_element is not None and not caption:
        caption = collapse(text_of(caption_element))
    grid, kinds, pending = [], [], {}  # pending: column -> (rows left, text) from rowspans
    for cells in rows:
        values, row_kinds, column = [], [], 0
        queue = list(cells)
        while queue or any(col >= column for col in pending):
            if column in pending:
                left, text = pending[column]
                values.append(text)
                row_kinds.append("td")
                pending[column] = (left - 1, text)
                if left - 1 == 0:
                    del pending[column]
                column += 1
                continue
            if not queue:
                values.append("")
                row_kinds.append("td")
                column += 1
                continue
            cell = queue.pop(0)
            text = collapse(text_of(cell))
            colspan = span(cell.attrs.get("colspan"))
            rowspan = span(cell.attrs.get("rowspan"))
            for offset in range(colspan):
                values.append(text if offset == 0 else "")
                row_kinds.append(cell.tag)
                if rowspan > 1:
                    pending[column + offset] = (rowspan - 1, "")
            column += colspan
        grid.append(values)
        kinds.append(row_kinds)
    width = max(len(row) for row in grid)
    for row, row_kinds in zip(grid, kinds, strict=True):
        row.extend([""] * (width - len(row)))
        row_kinds.extend(["td"] * (width - len(row_kinds)))
    in_thead = rows[0][0].parent.parent is not None and rows[0][0].parent.parent.tag == "thead"
    first_row_is_header = in_thead or all(kind == "th" for kind in kinds[0])
    body_kinds = kinds[1:] if first_row_is_header else kinds
    first_col_is_header = bool(body_kinds) and all(row[0] == "th" for row in body_kinds)
    return {
        "table_caption": caption,
        "first_row_is_table_header": first_row_is_header,
        "first_col_is_header": first_col_is_header,
        "data": grid,
    }


def table_rows(table):
    """The <tr> of this table, not of tables nested in its cells."""
    for child in table.elements():
        if child.tag == "tr":
            yield child
        elif child.tag in {"thead", "tbody", "tfoot"}:
            yield from (row for row in child.elements() if row.tag == "tr")


def span(value):
    try:
        return min(max(int(value), 1), MAX_SPAN)
    except (TypeError, ValueError):
        return 1


def parse_document(filename, data):
    """Read one HTML file into a GuidanceDocument; ImportRejected says what is wrong."""
    root = parse_tree(filename, decode(filename, data))
    description = next(
        (
            el
            for el in root.iter()
            if el.tag == "meta" and el.attrs.get("name", "").lower() == "description"
        ),
        None,
    )
    summary = collapse(description.attrs.get("content", "")) if description is not None else ""
    head_title = root.find("title")
    notes = []
    if head_title is not None:
        prune(head_title, [])
    prune(root, notes)
    title_element = next(
        (el for el in root.iter() if el.tag == "h1" and collapse(text_of(el))), None
    )
    if title_element is not None:
        title, title_line = collapse(text_of(title_element)), title_element.line
    elif head_title is not None and collapse(text_of(head_title)):
        title, title_line = collapse(text_of(head_title)), head_title.line
    else:
        raise ImportRejected(
            [Problem(filename, 1, _("The file has no title: give it an <h1> or a <title>."))]
        )
    if len(title) > TITLE_MAX_LENGTH:
        message = _("The title is longer than %(max)s characters.") % {"max": TITLE_MAX_LENGTH}
        raise ImportRejected([Problem(filename, title_line, message)])

    document = GuidanceDocument(filename, title, title_line, summary, notes=notes)
    builder = BlockBuilder(document, title_element, take_summary=not summary)
    builder.container(root)
    builder.flush()
    document.notes.sort(key=lambda note: note.line)

    if not document.summary:
        message = _(
            'The file has no summary: add a <meta name="description"> or a first paragraph.'
        )
        raise ImportRejected([Problem(filename, title_line, message)])
    if not document.blocks:
        message = _("There is no content to import after the title and the summary.")
        raise ImportRejected([Problem(filename, title_line, message)])
    validate_blocks(document)
    return document


def validate_blocks(document):
    """Run the StreamField's own validation now, so nothing fails half-way through writing."""
    stream_block = GuidancePage._meta.get_field("body").stream_block
    raw = copy.deepcopy([{"type": kind, "value": value} for kind, value in document.blocks])
    try:
        stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        block_errors = getattr(error, "block_errors", None) or {}
        problems = [
            Problem(
                document.filename,
                document.block_lines[index],
                _("This %(block)s cannot be imported: %(error)s")
                % {"block": document.blocks[index][0], "error": "; ".join(err.messages)},
            )
            for index, err in sorted(block_errors.items())
        ] or [Problem(document.filename, document.title_line, "; ".join(error.messages))]
        raise ImportRejected(problems) from error


def parse_documents(sources):
    """Read every (filename, bytes) source; ImportRejected lists the problems of all files."""
    documents, problems = [], []
    for filename, data in sources:
        try:
            documents.append(parse_document(filename, data))
        except ImportRejected as rejected:
            problems.extend(rejected.problems)
    if problems:
        raise ImportRejected(problems)
    return documents
