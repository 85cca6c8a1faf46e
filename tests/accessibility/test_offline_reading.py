"""In Chromium: a page a reader opened stays readable with no connection, saying it is an
offline copy and from when; a page never opened shows the portal's offline page.

Offline means the browser context's network is cut (`set_offline`), which Chromium
applies to the service worker's fetches too. The worker must be active and controlling
the tab before the page is opened again, or nothing is kept.
"""

import re

from playwright.sync_api import expect

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
KEPT = "async (address) => Boolean(await caches.match(address))"


def test_an_opened_page_reads_offline_and_an_unopened_one_shows_the_offline_page(
    live_server, reader_pages, chromium
):
    opened, never = reader_pages["guidance", "en"], reader_pages["standard", "en"]
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto(live_server.url + opened["url"])
    tab.evaluate("async () => { await navigator.serviceWorker.ready; }")
    tab.wait_for_function(CONTROLLED)  # clients.claim(): the worker now answers this tab
    tab.reload()  # through the worker, which keeps this copy and the offline page
    notice = tab.locator("#offline-notice")
    expect(notice).to_be_hidden()
    tab.wait_for_function(KEPT, arg=live_server.url + opened["url"])
    tab.wait_for_function(KEPT, arg=live_server.url + "/en/offline/")

    context.set_offline(True)
    tab.reload()

    expect(tab.locator("h1")).to_have_text(opened["title"])
    assert len(tab.locator("main").inner_text()) > 500  # the text itself, not a shell
    expect(notice).to_be_visible()
    expect(notice).to_have_text(re.compile(r"^Offline copy from [A-Z][a-z]+ \d{1,2}, \d{4}$"))

    tab.goto(live_server.url + never["url"])

    expect(tab.locator("h1")).to_have_text("You are offline")
    expect(tab.locator("main")).to_contain_text("has not been opened on this device")
    context.close()
