"""A reader with a keyboard only: skip link, every header and filter control, the languages."""

import re

# WCAG 1.4.11: a focus indicator needs 3:1 against the colours around it.
FOCUS_CONTRAST = 3.0

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName, id: el.id, cls: el.className, href: el.getAttribute("href"),
          hreflang: el.getAttribute("hreflang"), kb: el.dataset.kb ?? null,
          top: el.getBoundingClientRect().top};
}"""

# Number the controls the test expects to reach, in document order.
# (Controls inside a closed disclosure, like the language menu's links, are not among them.)
MARK_CONTROLS = """selector => {
  const controls = [...document.querySelectorAll(selector)].filter(el => el.checkVisibility());
  controls.forEach((el, i) => { el.dataset.kb = String(i); });
  return controls.map(el => el.outerHTML.slice(0, 80));
}"""

# The focus ring of the active element, and the colours it is drawn on: on each side, what lies
# just outside the element's box (where the offset outline goes), or that thing's nearest
# ancestor with a background; the page itself is white.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const out = (parseFloat(style.outlineOffset) || 0) + (parseFloat(style.outlineWidth) || 0) / 2;
  const middle = [box.left + box.width / 2, box.top + box.height / 2];
  const sides = [[middle[0], box.top - out], [middle[0], box.bottom + out],
                 [box.left - out, middle[1]], [box.right + out, middle[1]]];
  const backgrounds = [];
  for (const [x, y] of sides) {
    let under = document.elementsFromPoint(x, y).find(node => !el.contains(node));
    if (!under) continue;  // off screen
    let colour = "rgb(255, 255, 255)";
    for (; under; under = under.parentElement) {
      const own = getComputedStyle(under).backgroundColor;
      if (own !== "transparent" && !/^rgba\\(.*, 0\\)$/.test(own)) { colour = own; break; }
    }
    backgrounds.push(colour);
  }
  return {kb: el.dataset.kb ?? null, style: style.outlineStyle,
          width: parseFloat(style.outlineWidth) || 0, colour: style.outlineColor, backgrounds};
}"""


def rgb(css_colour):
    return [int(float(part)) for part in re.findall(r"[\d.]+", css_colour)[:3]]


def luminance(css_colour):
    def linear(channel):
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in rgb(css_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other):
    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tab_until(browser_page, wanted, limit=40):
    """Press Tab until `wanted(focused)` holds; return the focused element's description."""
    for _press in range(limit):
        browser_page.keyboard.press("Tab")
        focused = browser_page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"{limit} presses of Tab never reached it")


def skip_link_leads_to_main(browser_page, url):
    """From the top of the page, Tab lands on the skip link; Enter puts focus on <main>."""
    browser_page.goto(url)

    browser_page.keyboard.press("Tab")
    first = browser_page.evaluate(FOCUSED)
    assert (first["cls"], first["href"]) == ("skip-link", "#main")
    assert first["top"] >= 0, "the focused skip link stays off screen"

    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate(FOCUSED)["id"] == "main"
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("!!document.activeElement.closest('main')")


def header_and_filters_show_focus(browser_page, url):
    """Tab reaches every header and filter control in reading order, each with a clear ring."""
    browser_page.goto(url)
    controls = (
        ".skip-link, .site-header a[href], .site-header summary, .site-header button, "
        "form.filters a[href], form.filters button, form.filters input, form.filters select"
    )
    expected = browser_page.evaluate(MARK_CONTROLS, controls)
    assert len(expected) >= 10, expected  # skip link, site name, menus, navigation, filters

    rings = {}
    for _press in range(len(expected) + 20):
        browser_page.keyboard.press("Tab")
        ring = browser_page.evaluate(FOCUS_RING)
        if ring["kb"] is not None:
            rings[int(ring["kb"])] = ring
        if len(rings) == len(expected):
            break

    missed = [html for i, html in enumerate(expected) if i not in rings]
    assert not missed, "never reached by Tab:\n" + "\n".join(missed)
    assert list(rings) == sorted(rings), "Tab order differs from the reading order"
    for i, ring in rings.items():
        assert ring["style"] != "none" and ring["width"] >= 2, (expected[i], ring)
        assert ring["backgrounds"], (expected[i], ring)
        ratio = min(contrast(ring["colour"], under) for under in ring["backgrounds"])
        assert ratio >= FOCUS_CONTRAST, (expected[i], ring, round(ratio, 2))


def switch_language(browser_page, to_code, to_page):
    """Tab to the language menu, open it with Enter, Tab to the language's link and press
    Enter: the page in that language."""
    tab_until(browser_page, lambda el: el["tag"] == "SUMMARY")
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.parentElement.open")
    tab_until(browser_page, lambda el: el["hreflang"] == to_code and el["tag"] == "A")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")

    assert browser_page.url.endswith(to_page["url"])
    assert browser_page.evaluate("document.documentElement.lang") == to_code
    assert browser_page.inner_text("h1") == to_page["title"]
    current = browser_page.get_attribute(f".languages a[hreflang={to_code}]", "aria-current")
    assert current == "true"


# One test, one demo load (the slow part); each check reports on its own.
def test_library_works_with_the_keyboard_only(live_server, reader_pages, browser_page, subtests):
    for code in ("en", "ar"):
        url = live_server.url + reader_pages["guidance", code]["url"]
        with subtests.test(f"skip link on the guidance page in {code}"):
            skip_link_leads_to_main(browser_page, url)

    for code in ("en", "ar"):
        url = live_server.url + reader_pages["theme", code]["url"]
        with subtests.test(f"header and filters on the theme page in {code}"):
            header_and_filters_show_focus(browser_page, url)

    with subtests.test("language switcher, English to Arabic and back"):
        browser_page.goto(live_server.url + reader_pages["guidance", "en"]["url"])
        switch_language(browser_page, "ar", reader_pages["guidance", "ar"])
        assert browser_page.evaluate("document.dir") == "rtl"
        switch_language(browser_page, "en", reader_pages["guidance", "en"])
        assert browser_page.evaluate("document.dir") == "ltr"
