"""On a 320 px phone screen the certificate, the trainer's dashboard, registration and
the trainer request page wrap instead of scrolling sideways (headless Chromium).

Everything the test needs from the database is made and read before the browser starts:
Playwright's sync API runs an asyncio loop in the test thread, where Django refuses ORM
calls.
"""

import pytest

from django.conf import settings
from django.test import Client

from courses.training_sessions import record_completions
from tests.accessibility.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.courses.conftest import join, make_learner, make_training_session
from tests.courses.test_certificates import complete_course

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_nothing_scrolls_sideways_on_a_320_px_screen(live_server, tree, trainer):
    training_session = make_training_session(
        trainer, tree.course, name="Regional workshop for border and labour inspectors, Amman"
    )
    learners = [
        make_learner(
            email=f"participant.with.a.rather.long.address.{n}@directorate-of-residency.example.org",
            full_name=f"Participant Number {n} With A Long Family Name",
            organisation="Directorate of Residency, Borders and Foreigners' Affairs",
        )
        for n in range(3)
    ]
    for learner in learners:
        join(learner, training_session)
    completion = complete_course(learners[0], tree)
    record_completions(trainer, training_session, learners[1:2], "Attended both days, " * 12)
    pages = {
        "certificate": (learners[0], f"/en/learning/certificates/{completion.certificate_code}/"),
        "certificate-ar": (
            learners[0],
            f"/ar/learning/certificates/{completion.certificate_code}/",
        ),
        "dashboard": (trainer, f"/en/training/{training_session.pk}/"),
        "register": (None, "/en/accounts/register/"),
        "trainer request": (learners[2], "/en/training/request/"),
    }
    cookies = {name: session_cookie(user) if user else None for name, (user, _) in pages.items()}
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `tools/system-packages chromium`.")

    from playwright.sync_api import sync_playwright

    overflow, table_display = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width in (320, 1280):
            for name, (_user, path) in pages.items():
                context = browser.new_context(viewport={"width": width, "height": 800})
                if cookies[name]:
                    context.add_cookies(
                        [
                            {
                                "name": settings.SESSION_COOKIE_NAME,
                                "value": cookies[name],
                                "url": live_server.url,
                            }
                        ]
                    )
                tab = context.new_page()
                tab.goto(live_server.url + path)
                overflow[name, width] = tab.evaluate(WIDE)
                if name == "dashboard":
                    table_display[width] = tab.evaluate(
                        "getComputedStyle(document.querySelector('table.participants')).display"
                    )
                    if width == 320:
                        labels = tab.evaluate(
                            "[...document.querySelectorAll('.participants td')]"
                            ".map(td => getComputedStyle(td, '::before').content)"
                        )
                context.close()
        browser.close()

    assert {key: value for key, value in overflow.items() if value > 0} == {}
    # A table on a wide screen; cards that name their columns on a phone.
    assert table_display == {1280: "table", 320: "block"}
    assert '"Organisation"' in labels and '"Last activity"' in labels
