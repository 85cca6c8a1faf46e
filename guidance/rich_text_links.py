"""Links and embeds in stored rich text, shown without failing and checked at save.

Rich text is stored with links as <a linktype="page" id="12"> and embeds as <embed>,
which Wagtail expands when a page is shown. Wagtail's own handlers fail on an id that
is not a number, an id beyond the database's integers, or an embed without its URL,
and then the page fails for every reader. These handlers show such a link as its text
(an <a> without href) and leave such an embed out; `foundation.rich_text.link_problems`
lets the page form refuse them at save with a message the editor can act on.
"""

from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.embeds.rich_text import MediaEmbedHandler
from wagtail.images.formats import get_image_formats
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from foundation.rich_text import usable_id


class UsableIdsMixin:
    @classmethod
    def get_many(cls, attrs_list):
        return super().get_many(
            [{**attrs, "id": usable_id(attrs.get("id"))} for attrs in attrs_list]
        )

    @classmethod
    def extract_references(cls, attrs):
        if usable_id(attrs.get("id")) is not None:
            yield from super().extract_references(attrs)


class PageLinks(UsableIdsMixin, PageLinkHandler):
    pass


class DocumentLinks(UsableIdsMixin, DocumentLinkHandler):
    pass


class ImageEmbeds(UsableIdsMixin, ImageEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        known = [image_format.name for image_format in get_image_formats()]
        return super().expand_db_attributes_many(
            [
                {**attrs, "format": attrs["format"] if attrs.get("format") in known else known[0]}
                for attrs in attrs_list
            ]
        )


class MediaEmbeds(MediaEmbedHandler):
    @staticmethod
    def expand_db_attributes(attrs):
        return MediaEmbedHandler.expand_db_attributes(attrs) if attrs.get("url") else ""


TOLERANT_LINK_TYPES = (PageLinks, DocumentLinks)
TOLERANT_EMBED_TYPES = (ImageEmbeds, MediaEmbeds)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own handlers
def register_tolerant_handlers(features):
    for handler in TOLERANT_LINK_TYPES:
        features.register_link_type(handler)
    for handler in TOLERANT_EMBED_TYPES:
        features.register_embed_type(handler)
