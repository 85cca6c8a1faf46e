"""A page a reader has opened stays readable with no connection, saying it is an offline
copy and from when (the service worker at /sw.js keeps it)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_opened_page_is_shown_offline_with_the_date_of_the_copy(
    live_server, reader_pages, chromium
):
    page = reader_pages["guidance", "en"]
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto(live_server.url + page["url"])
    notice = tab.locator("#offline-notice")
    expect(notice).to_be_hidden()
    tab.evaluate("navigator.serviceWorker.ready")
    tab.reload()  # now under the worker, which keeps this copy

    context.set_offline(True)
    tab.reload()

    expect(tab.locator("h1")).to_have_text(page["title"])
    expect(notice).to_be_visible()
    expect(notice).to_have_text(re.compile(r"^Offline copy from [A-Z][a-z]+ \d{1,2}, \d{4}$"))
    context.close()
