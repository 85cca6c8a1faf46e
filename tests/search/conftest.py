"""Pages written in several languages, and either search engine, for the search tests."""

import re
from dataclasses import dataclass

import pytest

from tests.factories import GuidancePageFactory

# The same test against each engine: the database one also runs in the embedded smoke pass.
ENGINES = [
    pytest.param("database", marks=pytest.mark.embedded),
    pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
]


@pytest.fixture
def database_engine(settings):
    """The database engine, as `make run` has it, whatever the environment says."""
    settings.ELASTICSEARCH_URL = ""


def titles(results):
    """The results' titles as a reader reads them, without the highlighting."""
    return [re.sub(r"<[^>]+>", "", hit.title_html) for hit in results.hits]


def written_in(parent, translations, factory=GuidancePageFactory, **fields):
    """An unpublished page with `translations` = {code: (title, summary, body text)}.

    English is required (Wagtail's own title); every other language given is complete, so
    the page counts as written in it. The body is set on page types that have one.
    """
    title, summary, text = translations["en"]
    page = factory(parent=parent, live=False, title=title, summary=summary, **fields)
    for code, (title, summary, text) in translations.items():
        name = code.replace("-", "_")
        setattr(page, f"title_{name}", title)
        setattr(page, f"summary_{name}", summary)
        if hasattr(page, f"body_{name}"):
            setattr(page, f"body_{name}", [("paragraph", f"<p>{text}</p>")])
    page.save()
    return page


def publish_purchases(search_engine, parent, count):
    """`count` published pages whose Arabic says "اشترت" (she bought): a frequent word two
    letters from "اشتبهت" (I suspected), which "did you mean" must not offer for it."""
    for number in range(count):
        search_engine.publish(
            written_in(
                parent,
                {
                    "en": (f"Purchases {number}", "Food.", "Clothes."),
                    "ar": (f"مشتريات {number}", "اشترت الأسرة الطعام.", "اشترت الملابس."),
                },
            )
        )


@dataclass
class Engine:
    """One search engine, and how to make a change reach it at once."""

    name: str
    changes: object  # a context manager that runs the on-commit index updates

    def publish(self, page):
        with self.changes():
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    def unpublish(self, page):
        with self.changes():
            page.unpublish()
        return page


@pytest.fixture(params=ENGINES)
def search_engine(request, settings, django_capture_on_commit_callbacks):
    """Each engine in turn: the database one (even with services) and the real Elasticsearch."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        request.getfixturevalue("elastic")  # an emptied index
    return Engine(request.param, lambda: django_capture_on_commit_callbacks(execute=True))
