"""Slugs that readers can type, in every language.

A title in Arabic, Russian or Chinese made into a slug as it is becomes a URL of
percent-encoded letters, hundreds of characters long once shared by mail or chat. Slugs are
therefore written in Latin letters: the title transliterated (anyascii, which Wagtail
already uses for its own ASCII slugs), lowercased and cut at a word boundary.
"""

import re

from anyascii import anyascii

from django.utils.text import slugify

MAX_LENGTH = 80
# anyascii writes a Chinese character as one capitalised pinyin syllable and runs them
# together ("ErTongBaoHu"); a space after each keeps the syllables apart in the slug.
HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def typeable_slug(title, max_length=MAX_LENGTH):
    """`title` as a lowercase Latin slug of at most `max_length` characters ("" if none)."""
    latin = anyascii(HAN.sub(r"\1 ", title))
    slug = slugify(latin)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def is_typeable(slug):
    return bool(slug) and slug.isascii()
