"""An editor sends a page to an agency and back, in Chromium: the admin's menu, the
download, the upload and the draft it makes."""

from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from wagtail.models import Page

from tests.accessibility.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import publish
from tests.factories import GuidancePageFactory
from tests.guidance.test_xliff import translated

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def agency_page(theme_page, editor):
    page = publish(
        GuidancePageFactory(
            parent=theme_page,
            title="Screening",
            summary="How to screen.",
            body=[
                ("paragraph", '<p>Read <b>this</b> <a href="https://example.org/">here</a>.</p>')
            ],
        )
    )
    client = Client()
    client.force_login(editor)
    return {
        "page": page,
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "xliff": reverse("guidance_xliff_page", args=[page.pk]),
        "cookie": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
    }


def test_editor_downloads_the_arabic_file_and_uploads_it_back(live_server, agency_page, tmp_path):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `tools/system-packages chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": agency_page["cookie"],
                    "url": live_server.url,
                }
            ]
        )
        tab = context.new_page()
        tab.goto(live_server.url + agency_page["edit"])
        tab.locator("#w-slim-header-buttons .w-dropdown__toggle").first.click()
        with tab.expect_navigation():
            tab.get_by_role("link", name="Translate with an agency (XLIFF)").click()
        assert tab.url.endswith(agency_page["xliff"])
        with tab.expect_download() as download_info:
            tab.get_by_role("link", name="Arabic (ar)").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".ar.xlf")
        returned = tmp_path / "back.ar.xlf"
        returned.write_bytes(translated(Path(download.path()).read_bytes(), "مترجم"))

        tab.set_input_files("input[type=file]", str(returned))
        with tab.expect_navigation():
            tab.get_by_role("button", name="Import translations").click()
        assert tab.url.endswith(agency_page["edit"])
        assert "Translations saved as a new draft of 1 page" in tab.inner_text("body")
        browser.close()

    draft = Page.objects.get(pk=agency_page["page"].pk).specific.get_latest_revision_as_object()
    assert draft.title_ar == "مترجم Screening"
    assert draft.body_ar[0].value.source == (
        '<p>مترجم Read <b>مترجم this</b> <a href="https://example.org/">مترجم here</a> مترجم.</p>'
    )
