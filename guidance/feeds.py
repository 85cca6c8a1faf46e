"""RSS and Atom feeds of new and updated guidance, standards and tools, one per language.

Each feed lists the most recently published pages of the library in the language of
its URL (`/fr/feeds/guidance.rss`). A page not yet written in that language is given in
English and its title is marked with the language it is shown in, so a reader knows
before following the link.

A republished page is a new entry: its id carries the time of that publication, so
feed readers show an update as unread instead of silently refreshing an old item.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from guidance.models import GuidancePage, LibraryPage, StandardPage, ToolPage

FEED_LENGTH = 30
FEED_PAGE_TYPES = (GuidancePage, StandardPage, ToolPage)


@dataclass(frozen=True)
class FeedEntry:
    """One page as a reader of this language's feed sees it."""

    page: LibraryPage
    title: str
    summary: str
    url: str
    first_published_at: datetime
    last_published_at: datetime

    @property
    def guid(self):
        return f"{self.url}#{self.last_published_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def feed_pages(site):
    """The latest live, public library pages of `site`, most recently published first."""
    pages = Page.objects.live().public().type(*FEED_PAGE_TYPES)
    if site is not None:
        pages = pages.descendant_of(site.root_page)
    pages = pages.filter(last_published_at__isnull=False).order_by("-last_published_at", "-id")
    return pages.defer_streamfields().specific()[:FEED_LENGTH]


def feed_entry(page, request):
    """The page in the active language, or in English with a mark when not written in it."""
    language = translation.get_language()
    title, summary = page.title, page.summary
    if not page.has_language(language):
        fallback = settings.LANGUAGE_CODE
        language_name = dict(settings.LANGUAGES)[fallback]
        title = "[{}] {}".format(
            language_name, getattr(page, build_localized_fieldname("title", fallback))
        )
        summary = getattr(page, build_localized_fieldname("summary", fallback))
    return FeedEntry(
        page=page,
        title=title,
        summary=summary,
        url=request.build_absolute_uri(page.get_url(request)),
        first_published_at=page.first_published_at or page.last_published_at,
        last_published_at=page.last_published_at,
    )


class LatestGuidanceFeed(Feed):
    """RSS 2.0: the latest guidance, standards and tools in the reader's language."""

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def get_object(self, request):
        # The feed is about the site the request is for; entries need the request to
        # build their absolute links, and a Feed instance is shared between requests.
        return request

    def title(self, request):
        return "{} · {}".format(gettext("Latest guidance"), gettext("Protection & Training Portal"))

    def description(self, request):
        return gettext(
            "Guidance, standards and training for the protection and assistance of migrants."
        )

    def link(self, request):
        site = Site.find_for_request(request)
        return site.root_page.get_url(request) if site is not None else "/"

    def items(self, request):
        return [feed_entry(page, request) for page in feed_pages(Site.find_for_request(request))]

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        return entry.guid

    def item_pubdate(self, entry):
        # RSS has one date per item: when it took its current form.
        return entry.last_published_at


class LatestGuidanceAtomFeed(LatestGuidanceFeed):
    """Atom 1.0: the same entries, with first publication and last update told apart."""

    feed_type = Atom1Feed

    def subtitle(self, request):
        return self.description(request)

    def item_pubdate(self, entry):
        return entry.first_published_at

    def item_updateddate(self, entry):
        return entry.last_published_at
