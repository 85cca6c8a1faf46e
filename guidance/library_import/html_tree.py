"""Reading an imported HTML file: its bytes into text, the text into a small element
tree that remembers the line of every element.

The parser is the standard library's `html.parser` with the implied end tags of HTML
(an unclosed <p>, <li> or <td> ends where a browser would end it), so problems can
be reported as `file:line: message`. What the tree becomes is guidance/library_import/
documents.py's business.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NESTING = 200  # deeper than any real document; protects the recursive walk


# Problems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be imported, and where."""

    filename: str
    line: int | None
    message: str

    def __str__(self):
        if self.line is None:
            return f"{self.filename}: {self.message}"
        return f"{self.filename}:{self.line}: {self.message}"


class ImportRejected(Exception):
    """One or more files cannot be imported; nothing was written."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


# Reading bytes -----------------------------------------------------------------------


def _line_at(data, offset):
    return data.count(b"\n", 0, offset) + 1


def decode(filename, data):
    """The text of an HTML file, or ImportRejected if it is not a usable UTF-8 text file."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejected(
            [
                Problem(
                    filename,
                    1,
                    _("The file is larger than %(limit)s MB; split it into several files.")
                    % {"limit": MAX_FILE_BYTES // (1024 * 1024)},
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_at(data, error.start)
        message = _(
            "The file is not UTF-8 text (byte 0x%(byte)02x cannot be read); "
            "save it as UTF-8 and try again."
        ) % {"byte": data[error.start]}
        raise ImportRejected([Problem(filename, line, message)]) from error
    if not text.strip():
        raise ImportRejected([Problem(filename, 1, _("The file is empty."))])
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        message = _("The file contains a NUL character; it looks like a binary file, not HTML.")
        raise ImportRejected([Problem(filename, line, message)])
    return text


# A small HTML tree that remembers lines ---------------------------------------------

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Start tags that end an open <p>, as in a browser.
CLOSES_P = HEADINGS | {
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "dd", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li",
    "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip
SCOPE = {"html", "table", "td", "th", "caption", "button", "object", "template"}
TABLE_PARTS = {"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"}
HEAD_ONLY = {"title", "meta", "link", "style", "script", "base", "noscript", "template"}


class Element:
    __slots__ = ("tag", "attrs", "line", "children", "parent")

    def __init__(self, tag, attrs, line, parent):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children = []
        self.parent = parent

    def elements(self):
        return [child for child in self.children if isinstance(child, Element)]

    def iter(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.elements():
            yield from child.iter()

    def find(self, tag):
        return next((element for element in self.iter() if element.tag == tag), None)


class TreeBuilder(HTMLParser):
    """Builds an Element tree, closing what HTML closes implicitly."""

    def __init__(self, filename):
        super().__init__(convert_charrefs=True)
        self.filename = filename
        self.root = Element("#root", {}, 1, None)
        self.stack = [self.root]

    @property
    def current(self):
        return self.stack[-1]

    def _pop_to(self, index):
        del self.stack[index:]

    def _close(self, tags, stop=frozenset()):
        """Close the nearest open element named in `tags`, unless a `stop` comes first."""
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in tags:
                self._pop_to(index)
                return
            if tag in stop:
                return

    def _close_inside(self, tags):
        """Close everything inside the nearest open element named in `tags`."""
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag in tags:
                self._pop_to(index + 1)
                return

    def _implied_end_tags(self, tag):
        if self.current.tag == "head" and tag not in HEAD_ONLY:
            self.stack.pop()
        if tag in CLOSES_P:
            self._close({"p"}, SCOPE)
        if tag == "li":
            self._close({"li"}, SCOPE | {"ul", "ol", "menu"})
        elif tag in {"dt", "dd"}:
            self._close({"dt", "dd"}, SCOPE | {"dl"})
        elif tag in {"td", "th"}:
            self._close_inside({"tr"})
        elif tag == "tr":
            self._close_inside({"table", "thead", "tbody", "tfoot"})
        elif tag in {"thead", "tbody", "tfoot", "caption", "colgroup"}:
            self._close_inside({"table"})
        elif tag in HEADINGS and self.current.tag in HEADINGS:
            self.stack.pop()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in {"html", "body"}:
            self._close({"head"})
            return
        self._implied_end_tags(tag)
        element = Element(tag, {name: value or "" for name, value in attrs}, line, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            if len(self.stack) > MAX_NESTING:
                raise ImportRejected(
                    [
                        Problem(
                            self.filename,
                            line,
                            _("Elements are nested more than %(depth)s deep.")
                            % {"depth": MAX_NESTING},
                        )
                    ]
                )
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.current.tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in {"html", "body"} or tag in VOID:
            return
        # A stray end tag does not reach out of a table cell, nor a row's out of its table.
        if tag == "table":
            stop = frozenset()
        elif tag in TABLE_PARTS:
            stop = {"table"}
        else:
            stop = {"td", "th", "caption", "table"}
        self._close({tag}, stop)

    def handle_data(self, data):
        self.current.children.append(data)


def parse_tree(filename, text):
    builder = TreeBuilder(filename)
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError) as error:  # html.parser gives up on very broken markup
        message = _("The HTML cannot be read here: %(error)s") % {"error": error}
        raise ImportRejected([Problem(filename, builder.getpos()[0], message)]) from error
    return builder.root
