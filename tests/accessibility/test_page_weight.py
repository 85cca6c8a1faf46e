"""Page weight: the heaviest library pages stay light on a slow connection, and need no script.

The weight is what a first visit downloads, compressed: the HTML and every stylesheet, script
and font it pulls in, each gzipped at level 6 (a usual on-the-fly level; WhiteNoise serves
static files at level 9 or Brotli, which only makes them smaller).
"""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.utils import translation

from guidance.models import GuidancePage, StandardPage, ToolPage
from tests.accessibility.conftest import READER_LANGUAGES, main_stream

BUDGET = 60 * 1024
GZIP_LEVEL = 6
PAGE_TYPES = {"guidance": GuidancePage, "standard": StandardPage, "tool": ToolPage}
CSS_REFERENCES = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class PageParts(HTMLParser):
    """What a served page links to, and the text of its <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets, self.scripts, self.fonts = [], [], []
        self.article, self._in_article = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel:
            self.stylesheets.append(attrs["href"])
        elif tag == "link" and "preload" in rel and attrs.get("as") == "font":
            self.fonts.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "article":
            self._in_article += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1

    def handle_data(self, data):
        if self._in_article:
            self.article.append(data)


def words(html_or_text_parts):
    # Pieces of text meet as the browser shows them: an inline link (a glossary term
    # linked at its first use) adds no space around its words.
    return " ".join("".join(html_or_text_parts).split())


def text_of(html):
    parser = PageParts()
    parser.feed(f"<article>{html}</article>")
    return words(parser.article)


def gzipped(data):
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL))


def fetch(client, url):
    """One file as the portal serves it (WhiteNoise answers static URLs in the test client)."""
    assert not urlsplit(url).netloc, f"{url} comes from another site"
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assets_of(client, parts):
    """{url: bytes} for every stylesheet, script and font the page loads, each counted once."""
    queue = [*parts.stylesheets, *parts.scripts, *parts.fonts]
    found = {}
    while queue:
        url = queue.pop()
        if url in found:
            continue
        found[url] = fetch(client, url)
        if urlsplit(url).path.endswith(".css"):
            css = found[url].decode()
            queue += [
                urljoin(url, ref)
                for match in CSS_REFERENCES.finditer(css)
                if not (ref := match.group(1) or match.group(2)).startswith("data:")
            ]
    return found


def heaviest(client, model, code):
    """The served HTML of the largest live page of this type written in `code`."""
    served = []
    for page in model.objects.live().specific():
        if page.has_language(code):
            with translation.override(code):
                url = page.url
            served.append((fetch(client, url), url, page))
    return max(served, key=lambda item: len(item[0]))


def test_heaviest_library_pages_weigh_under_60_kb_and_read_without_script(
    client, demo_library, subtests, record_testsuite_property
):
    for kind, model in PAGE_TYPES.items():
        for code in READER_LANGUAGES:
            html, url, page = heaviest(client, model, code)
            with subtests.test(f"heaviest {kind} page in {code}", url=url):
                parts = PageParts()
                parts.feed(html.decode())
                assets = assets_of(client, parts)
                weight = gzipped(html) + sum(gzipped(data) for data in assets.values())
                record_testsuite_property(f"weight_{kind}_{code}", weight)

                assert parts.stylesheets, "the page links no stylesheet"
                assert weight < BUDGET, f"{url}: {weight} bytes gzipped ({sorted(assets)})"

                # Everything there is to read is already in the server's HTML.
                article = words(parts.article)
                with translation.override(code):
                    expected = [page.title, page.summary]
                    expected += [text_of(str(block.render())) for block in main_stream(page)]
                missing = [text for text in expected if text and text not in article]
                assert not missing, f"{url} lacks: {missing}"
