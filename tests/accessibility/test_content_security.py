"""Pages run under their Content-Security-Policy in Chromium: the browser reports no
violation, and the portal's own scripts still work (filters beside results on a wide
screen and behind their disclosure on a phone; suggestions as a reader types)."""

import pytest

from django.utils import translation

from courses.models import CoursePage
from guidance.models import LibraryIndexPage
from tests.accessibility.conftest import READER_LANGUAGES

# Report every violation on the page itself, before any of its own scripts runs.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
  + ` (${event.sourceFile}:${event.lineNumber})`
));"""


@pytest.fixture
def policy_pages(reader_pages):
    urls = {f"{kind} {code}": page["url"] for (kind, code), page in reader_pages.items()}
    course = CoursePage.objects.live().order_by("path").first()
    library = LibraryIndexPage.objects.live().first()
    for code in READER_LANGUAGES:
        with translation.override(code):
            urls[f"course {code}"] = course.url
            urls[f"library {code}"] = library.url
            urls[f"search {code}"] = f"/{code}/search/?q=trafficking"
            urls[f"sign-in {code}"] = f"/{code}/accounts/login/"
    return urls


def tab_under_policy(chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 740})
    context.add_init_script(LISTEN)
    tab = context.new_page()
    console = []
    tab.on("console", lambda message: console.append(message.text))
    return context, tab, console


def test_pages_report_no_violation_and_their_scripts_still_work(
    live_server, policy_pages, chromium, subtests  # the pages read before the browser starts
):
    from playwright.sync_api import expect

    context, tab, console = tab_under_policy(chromium, 360)
    for name, url in policy_pages.items():
        with subtests.test(page=name):
            response = tab.goto(live_server.url + url)
            assert response.status == 200
            assert "script-src 'self'" in response.headers["content-security-policy"]
            tab.wait_for_load_state("load")
            assert tab.evaluate("window.__violations") == []
    assert [line for line in console if "Content Security Policy" in line] == []

    # On a phone the filters wait behind their disclosure; typing offers suggestions.
    tab.goto(live_server.url + policy_pages["search en"])
    assert tab.locator("details[data-open-wide]").evaluate("panel => panel.open") is False
    tab.locator("#site-search-q").fill("traf")
    expect(tab.locator("#site-search-suggestions option").first).to_be_attached()
    context.close()

    # On a wide screen filters.js opens the panel beside the results.
    context, tab, console = tab_under_policy(chromium, 1280)
    tab.goto(live_server.url + policy_pages["library en"])
    expect(tab.locator("details[data-open-wide]")).to_have_attribute("open", "")
    assert tab.evaluate("window.__violations") == []
    context.close()
