"""Debian's Chromium driven by Playwright, axe-core from tools/a11y, and the demo library.

The demo is loaded once for every test here (loading it is most of their time), committed
so that the live server's thread reads it; the tests only read it (what they post, a
knowledge check or a search, changes no page another one reads). Afterwards the database
is put back as the migrations left it, for the tests that come next.

The browser starts only once the demo is loaded and every URL and title the test needs has
been read: Playwright's sync API keeps an asyncio loop running in the test thread, and Django
refuses ORM calls while one runs.
"""

import io
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Site

from guidance.models import GuidancePage, StandardPage, ThemePage, ToolPage

AXE_JS = (
    Path(django_settings.BASE_DIR) / "tools" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READER_LANGUAGES = ["en", "ar"]


def main_stream(page):
    """The StreamField a reader reads on a library page."""
    return page.standards if isinstance(page, StandardPage) else page.body


def text_length(page, code):
    with translation.override(code):
        return len(strip_tags(" ".join(str(block.render()) for block in main_stream(page))))


def largest(model, code):
    """The live page of one type, written in `code`, with the most body text in it."""
    pages = [page for page in model.objects.live().specific() if page.has_language(code)]
    assert pages, f"the demo has no {model.__name__} in {code}"
    return max(pages, key=lambda page: text_length(page, code))


def with_callout(code):
    """A guidance page written in `code` whose body has a callout in that language."""
    for page in GuidancePage.objects.live().order_by("path"):
        with translation.override(code):
            if page.has_language(code) and any(b.block_type == "callout" for b in page.body):
                return page
    raise AssertionError(f"the demo has no guidance page with a callout in {code}")


def as_the_migrations_left_it(connection, snapshot):
    # As pytest-django between transactional tests: the id sequences run on past the
    # snapshot's rows.
    call_command(
        "flush", interactive=False, reset_sequences=False, inhibit_post_migrate=True, verbosity=0
    )
    connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture(scope="package")
def demo_library(django_db_setup, django_db_blocker):
    """The demo content of `make run` in the test database, loaded once for the package.

    Background tasks (the reference index, search updates on each save) are left queued:
    pages render the same without them, and the demo loads in half the time.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        # A transactional test before this one leaves the tables empty for the next one
        # to refill from the snapshot pytest-django took (when one asked for it).
        snapshot = getattr(connection, "_test_serialized_contents", None)
        if snapshot is not None:
            as_the_migrations_left_it(connection, snapshot)
        else:
            snapshot = connection.creation.serialize_db_to_string()
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        ):
            call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
        home = Site.objects.get(is_default_site=True).root_page.specific
    yield home
    with django_db_blocker.unblock():
        as_the_migrations_left_it(connection, snapshot)


@pytest.fixture
def transactional_db(demo_library, django_db_blocker):
    """The committed demo, open to the test and the live server (which asks for this fixture),
    instead of pytest-django's empty database flushed after each test."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(autouse=True)
def reads_the_demo(transactional_db):
    """Every test here reads the one demo."""


@pytest.fixture(scope="package")
def reader_pages(demo_library, django_db_blocker):
    """{(kind, language): {"url", "title"}} for one page of each kind, in English and Arabic."""
    with django_db_blocker.unblock():
        pages = {
            "home": demo_library,
            "theme": ThemePage.objects.live().order_by("path").first(),
            "guidance": largest(GuidancePage, "ar"),
            "standard": largest(StandardPage, "ar"),
            "tool": largest(ToolPage, "ar"),
            "callout": with_callout("ar"),
        }
        found = {}
        for kind, page in pages.items():
            for code in READER_LANGUAGES:
                with translation.override(code):
                    found[kind, code] = {"url": page.url, "title": page.title}
    return found


@pytest.fixture
def chromium(reader_pages):
    """One headless Chromium for the test, Debian's (`tools/system-packages chromium`)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `tools/system-packages chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A desktop-sized tab: the header and the filter form each sit on one row.

    It lets axe in as an inline script, which the portal's Content-Security-Policy refuses
    (test_content_security.py checks the pages under the policy).
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()
