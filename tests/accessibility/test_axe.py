"""axe-core in a real Chromium: the library pages have no serious or critical WCAG failure."""

import pytest

from tests.accessibility.conftest import AXE_JS, READER_LANGUAGES

PAGE_KINDS = ["home", "theme", "guidance", "standard", "tool"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def axe_results(browser_page, url):
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: install axe-core with `npm ci --prefix tools/a11y`.")
    response = browser_page.goto(url)
    assert response.status == 200, url
    browser_page.add_script_tag(path=str(AXE_JS))
    return browser_page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )


def describe(violation):
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


def test_library_pages_have_no_serious_or_critical_axe_violations(
    live_server, reader_pages, browser_page, subtests
):
    for code in READER_LANGUAGES:
        for kind in PAGE_KINDS:
            url = reader_pages[kind, code]["url"]
            with subtests.test(f"{kind} page in {code}", url=url):
                results = axe_results(browser_page, live_server.url + url)

                assert browser_page.evaluate("document.documentElement.lang") == code
                assert len(results["passes"]) >= 10, f"axe checked almost nothing on {url}"
                blocking = [describe(v) for v in results["violations"] if v["impact"] in BLOCKING]
                assert not blocking, f"{url}:\n" + "\n".join(blocking)
