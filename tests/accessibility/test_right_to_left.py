"""Arabic mirrors itself in a real browser: one stylesheet of logical properties, no RTL copy."""

LAYOUT = """() => {
  const box = selector => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return {left: r.left, right: r.right};
  };
  const callout = getComputedStyle(document.querySelector(".callout"));
  return {
    dir: document.dir,
    siteName: box(".site-name"),
    languages: box("nav.languages"),
    callout: {direction: callout.direction, left: parseFloat(callout.borderLeftWidth),
              right: parseFloat(callout.borderRightWidth)},
  };
}"""


def test_arabic_puts_the_site_name_and_callout_border_on_the_right(
    live_server, reader_pages, browser_page
):
    browser_page.goto(live_server.url + reader_pages["callout", "ar"]["url"])
    arabic = browser_page.evaluate(LAYOUT)

    assert arabic["dir"] == "rtl"
    assert arabic["siteName"]["left"] >= arabic["languages"]["right"], arabic
    assert arabic["callout"]["direction"] == "rtl"
    assert arabic["callout"]["right"] > 0 and arabic["callout"]["left"] == 0, arabic["callout"]

    # The same stylesheet lays English out the other way round.
    browser_page.goto(live_server.url + reader_pages["callout", "en"]["url"])
    english = browser_page.evaluate(LAYOUT)

    assert english["dir"] == "ltr"
    assert english["siteName"]["right"] <= english["languages"]["left"], english
    assert english["callout"]["left"] > 0 and english["callout"]["right"] == 0, english["callout"]
