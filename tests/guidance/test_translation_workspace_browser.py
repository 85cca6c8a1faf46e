"""The translation workspace in Chromium: English beside Arabic laid out right to left,
the English change shown, and a translation saved by a translator.

Everything the test needs from the database is prepared before the browser starts, and
checked after it stops (Playwright's loop runs in the test thread; see
tests/accessibility/conftest.py).
"""

import pytest

from django.test import Client
from django.urls import reverse

from tests.accessibility.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAYOUT = """() => {
  const summary = document.querySelector('[data-segment="summary"]');
  const input = summary.querySelector('[name="segment:summary"]');
  const source = summary.querySelector('.ws-source');
  const box = el => el.getBoundingClientRect();
  return {
    inputDirection: getComputedStyle(input).direction,
    inputLang: input.lang,
    sourceDirection: getComputedStyle(source).direction,
    sourceLeft: box(source).left,
    inputLeft: box(input).left,
    sameRow: Math.abs(box(source).top - box(input).top) < 80,
    added: [...summary.querySelectorAll('.ws-diff ins')].map(el => el.innerText.trim()),
    outdated: [...document.querySelectorAll('.ws-row--outdated')].map(el => el.dataset.segment),
  };
}"""


def test_a_translator_works_on_arabic_beside_the_english(live_server, translator, arabic_page):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `tools/system-packages chromium`.")
    arabic_page.summary_en = "How to screen new arrivals."
    arabic_page.save_revision()
    client = Client()
    client.force_login(translator)
    session = client.cookies["sessionid"].value
    url = live_server.url + reverse("guidance_workspace", args=[arabic_page.pk, "ar"])

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        tab = context.new_page()
        tab.goto(url)
        layout = tab.evaluate(LAYOUT)
        tab.fill('[name="segment:summary"]', "كيفية فحص الوافدين الجدد.")
        tab.get_by_role("button", name="Save draft").click()
        tab.wait_for_load_state()
        message = tab.locator(".messages").inner_text()
        browser.close()

    assert layout["inputDirection"] == "rtl" and layout["inputLang"] == "ar"
    assert layout["sourceDirection"] == "ltr"
    # The English first (at the start of the English admin's line), its translation beside it.
    assert layout["sameRow"] and layout["sourceLeft"] < layout["inputLeft"], layout
    assert layout["added"] == ["Added: new"]
    assert layout["outdated"] == ["summary"]
    assert "Translation saved as a draft" in message
    arabic_page.refresh_from_db()
    assert arabic_page.get_latest_revision_as_object().summary_ar == "كيفية فحص الوافدين الجدد."
