"""A reader on a phone: nothing scrolls sideways at 320 and 360 px, the header leaves the
screen to the page, search results come first, and axe finds nothing on the way.

Pages for signed-in readers are seen as the demo learner (who has completed the first demo
course and holds its certificate) and the demo trainer, both made by `load_demo`; their
sessions are opened with the test client before the browser starts, and handed to it as
cookies.
"""

import io

import pytest

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.demo import DEMO_PARTICIPANTS, DEMO_TRAINER
from courses.models import CourseCompletion, CoursePage, LessonPage, TrainingSession
from guidance.models import GlossaryPage
from tests.accessibility.conftest import AXE_JS, READER_LANGUAGES
from tests.accessibility.test_axe import WCAG_TAGS, describe

PHONE_WIDTHS = [320, 360]
PHONE_HEIGHT = 740
HEADER_SHARE = 0.20
ALL_LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
# A word the demo library uses in both languages, so the search page has results.
# axe's WCAG rules and its best practices (heading order, unique landmarks...): any impact.
AXE_TAGS = [*WCAG_TAGS, "best-practice"]
SEARCH_WORDS = {"en": "trafficking", "ar": "الاتجار"}
# Pages another engineer is making fit a phone; until then their sideways scroll is known.
IN_HAND = {
    "certificate": "the certificate page's own width on phones is being fixed separately",
    "trainer dashboard": "the participants table on phones is being reworked separately",
}

WIDTHS = """() => ({scroll: document.documentElement.scrollWidth, view: window.innerWidth,
  widest: [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + el.className)})"""


def demo_learner():
    """The demo participant who completed the first course online."""
    name, local_part, *_rest = next(p for p in DEMO_PARTICIPANTS if p[-1] == "all")
    return get_user_model().objects.get(username=f"{local_part}@example.org")


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def wrong_answers(lesson):
    """{field name: answer index} choosing a wrong answer to every question of the check."""
    return {
        f"q{number}": next(i for i, a in enumerate(block.value["answers"]) if not a["correct"])
        for number, block in enumerate(lesson.knowledge_check, start=1)
    }


KINDS = [
    "home",
    "theme",
    "guidance",
    "standard",
    "tool",
    "search",
    "glossary",
    "course",
    "lesson",
    "certificate",
    "my learning",
    "trainer dashboard",
]
SIGNED_IN = {
    "lesson": "learner",
    "certificate": "learner",
    "my learning": "learner",
    "trainer dashboard": "trainer",
}


@pytest.fixture
def phone_pages(demo_library, reader_pages):
    """{(kind, language): url} for the pages a phone reader goes through, and who sees them."""
    call_command("rebuild_search", stdout=io.StringIO(), stderr=io.StringIO())
    course = CoursePage.objects.live().order_by("path").first()
    lesson = next(
        lesson
        for lesson in LessonPage.objects.live().descendant_of(course).order_by("path")
        if lesson.has_knowledge_check
    )
    learner = demo_learner()
    completion = CourseCompletion.objects.get(user=learner, course=course)
    trainer = get_user_model().objects.get(username=DEMO_TRAINER)
    training_session = TrainingSession.objects.get(trainer=trainer)
    glossary = GlossaryPage.objects.live().first()

    urls, home = {}, {}
    for code in ALL_LANGUAGES:
        with translation.override(code):
            home[code] = demo_library.url
    for code in READER_LANGUAGES:
        with translation.override(code):
            for kind in ("home", "theme", "guidance", "standard", "tool"):
                urls[kind, code] = reader_pages[kind, code]["url"]
            urls["search", code] = f"{reverse('search:search')}?q={SEARCH_WORDS[code]}"
            urls["glossary", code] = glossary.url
            urls["course", code] = course.url
            urls["lesson", code] = lesson.url
            urls["certificate", code] = reverse(
                "courses:certificate", args=[completion.certificate_code]
            )
            urls["my learning", code] = reverse("courses:my_learning")
            urls["trainer dashboard", code] = reverse(
                "courses:training_session", args=[training_session.pk]
            )
    return {
        "urls": urls,
        "home": home,
        "wrong_answers": wrong_answers(lesson),
        "cookies": {"learner": session_cookie(learner), "trainer": session_cookie(trainer)},
    }


def phone(chromium, live_server, cookies, width, who=None):
    """A phone-sized browser context, signed in as `who` (the learner or the trainer)."""
    # axe goes in as an inline script, which the portal's policy refuses: bypassed here only.
    context = chromium.new_context(
        viewport={"width": width, "height": PHONE_HEIGHT}, bypass_csp=True
    )
    if who is not None:
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": cookies[who],
                    "url": live_server.url,
                }
            ]
        )
    return context


def visit(tab, url, kind, answers):
    response = tab.goto(url)
    assert response.status == 200, url
    if kind == "lesson":
        # After wrong answers the check shows its grading and feedback: the busiest state.
        for name, index in answers.items():
            tab.check(f"#{name}-{index}")
        with tab.expect_navigation():
            tab.click(".knowledge-check button[type=submit]")
        assert tab.locator(".feedback--wrong").count() >= 1


def axe_violations(tab):
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: install axe-core with `npm ci --prefix tools/a11y`.")
    tab.add_script_tag(path=str(AXE_JS))
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [describe(violation) for violation in results["violations"]]


def header_fits(tab, live_server, url, code):
    tab.goto(live_server.url + url)
    header = tab.evaluate(
        """() => {
          const top = s => document.querySelector(s).getBoundingClientRect().top;
          return {height: document.querySelector('.site-header').getBoundingClientRect().height,
                  name: top('.site-name'), languages: top('.languages summary'),
                  box: top('.site-search input'), button: top('.site-search button')};
        }"""
    )
    assert header["height"] <= HEADER_SHARE * PHONE_HEIGHT, f"{code}: {header}"
    # The language menu sits beside the site's name, the search button beside its box.
    assert abs(header["name"] - header["languages"]) < 24, header
    assert abs(header["box"] - header["button"]) < 2, header


# One test, one demo load (the slow part); each page, language and width reports on its own.
def test_pages_fit_a_phone_and_pass_axe(live_server, phone_pages, chromium, subtests):
    urls, cookies = phone_pages["urls"], phone_pages["cookies"]

    context = phone(chromium, live_server, cookies, 360)
    tab = context.new_page()
    for code, url in phone_pages["home"].items():
        with subtests.test(f"header at 360 px in {code}", url=url):
            header_fits(tab, live_server, url, code)
    context.close()

    for width in PHONE_WIDTHS:
        for who in (None, "learner", "trainer"):
            context = phone(chromium, live_server, cookies, width, who)
            tab = context.new_page()
            for kind in (kind for kind in KINDS if SIGNED_IN.get(kind) == who):
                for code in READER_LANGUAGES:
                    url = live_server.url + urls[kind, code]
                    with subtests.test(f"{kind} in {code} at {width} px", url=url):
                        visit(tab, url, kind, phone_pages["wrong_answers"])
                        widths = tab.evaluate(WIDTHS)
                        if widths["scroll"] > widths["view"] and kind in IN_HAND:
                            pytest.xfail(IN_HAND[kind])
                        assert widths["scroll"] <= widths["view"], f"{url} scrolls: {widths}"

                        if kind == "search" and width == 360:
                            top = tab.evaluate(
                                "document.querySelector('.search-results .search-hit')"
                                ".getBoundingClientRect().top"
                            )
                            assert top < PHONE_HEIGHT, f"the first result starts at {top} px"

                        if width == 360:
                            found = axe_violations(tab)
                            assert not found, f"{url}:\n" + "\n".join(found)
            context.close()
