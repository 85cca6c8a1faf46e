"""A learner in a real browser (headless Chromium): register, confirm the address from the
email, enrol, take every lesson, pass the knowledge check by clicking the answers, and
leave with the certificate page and its PDF. In English, and in Arabic right to left.

Everything the test reads from the database it reads before the browser starts or after
it stops: Playwright's sync API runs an asyncio loop in the test thread, and Django
refuses ORM calls while one runs. The live server answers from its own thread, and its
emails land in Django's locmem outbox, which the test reads (it is a list, not the ORM).
"""

import re

import pytest

from django.core import mail
from django.utils import translation

from courses.models import CourseCompletion, Enrolment, LearnerProfile, LessonCompletion
from tests.accessibility.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import publish
from tests.courses.conftest import add, knowledge_check, url_in
from tests.guidance.test_pdf import shows

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long walk to Petra 2026"

# The course in both languages; `right` is the position of the right answer.
TEXT = {
    "en": {
        "course": "Safe first contact",
        "overview": "<p>How to meet a person in a vulnerable situation safely.</p>",
        "modules": ["Noticing", "Acting"],
        "lessons": [
            ("Why first contact matters", "First contact is often the only chance."),
            ("Signs of risk", "Signs are prompts to look closer."),
            ("Referring with consent", "Explain the options and let the person decide."),
        ],
        "questions": [
            ("Who should interpret?", ["The travel companion", "A professional interpreter"], 1),
            ("Where should you talk?", ["In a private space", "At the busy counter"], 0),
        ],
        "learner": "Amina Haddad",
    },
    "ar": {
        "course": "الاتصال الأول الآمن",
        "overview": "<p>كيف تلتقي بشخص في وضع هش بأمان.</p>",
        "modules": ["الملاحظة", "التصرف"],
        "lessons": [
            ("لماذا يهم الاتصال الأول", "الاتصال الأول غالبا هو الفرصة الوحيدة."),
            ("علامات الخطر", "العلامات دعوة للنظر عن قرب."),
            ("الإحالة بالموافقة", "اشرح الخيارات ودع الشخص يقرر."),
        ],
        "questions": [
            ("من يجب أن يترجم؟", ["رفيق السفر", "مترجم محترف"], 1),
            ("أين يجب أن تتحدث؟", ["في مكان خاص", "عند الشباك المزدحم"], 0),
        ],
        "learner": "أمينة حداد",
    },
}


def check_blocks(code):
    return knowledge_check(
        [
            (question, [(answer, i == right, "Feedback.") for i, answer in enumerate(answers)])
            for question, answers, right in TEXT[code]["questions"]
        ]
    )


def localise(page, code, title, slug, **fields):
    suffix = code.replace("-", "_")
    setattr(page, f"title_{suffix}", title)
    setattr(page, f"slug_{suffix}", slug)
    for name, value in fields.items():
        setattr(page, f"{name}_{suffix}", value)


@pytest.fixture
def course_urls(home):
    """A three-lesson course written in English and Arabic; its URL in each language."""
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

    index = add(home, CourseIndexPage(title="Courses", slug="courses"))
    course = CoursePage(level="introductory", duration_minutes=30)
    for code in TEXT:
        localise(course, code, TEXT[code]["course"], "safe", overview=TEXT[code]["overview"])
    add(index, course)
    modules = []
    for number in range(2):
        module = ModulePage()
        for code in TEXT:
            localise(module, code, TEXT[code]["modules"][number], f"module-{number}")
        modules.append(add(course, module))
    for number, module in enumerate([modules[0], modules[0], modules[1]]):
        lesson = LessonPage(pass_mark=100)
        for code in TEXT:
            title, text = TEXT[code]["lessons"][number]
            fields = {"body": [("paragraph", f"<p>{text}</p>")]}
            if number == 1:
                fields["knowledge_check"] = check_blocks(code)
            localise(lesson, code, title, f"lesson-{number}", **fields)
        add(module, lesson)
    course = publish(course)
    return {code: url_in(course, code) for code in TEXT}


def register(tab, base, code, email):
    tab.goto(f"{base}/{code}/accounts/register/")
    tab.fill("#id_full_name", TEXT[code]["learner"])
    tab.fill("#id_email", email)
    tab.fill("#id_organisation", "Border Police Academy")
    tab.fill("#id_country", "Jordan")
    tab.select_option("#id_preferred_language", code)
    tab.fill("#id_password1", PASSWORD)
    tab.fill("#id_password2", PASSWORD)
    tab.click("form.form button[type=submit]")
    tab.wait_for_url(f"**/{code}/accounts/register/done/")


def sign_in(tab, base, code, email):
    """Registration signs nobody in (it answers alike for a taken address): sign in."""
    tab.goto(f"{base}/{code}/accounts/login/")
    tab.fill("#id_username", email)
    tab.fill("#id_password", PASSWORD)
    tab.click("form.form button[type=submit]")
    tab.wait_for_url(f"**/{code}/learning/")


def verification_link(email):
    [message] = [message for message in mail.outbox if message.to == [email]]
    return re.search(r"https?://\S+/accounts/verify/\S+/", message.body)[0]


def take_the_course(tab, base, course_url, code):
    from playwright.sync_api import expect

    lessons = [title for title, _text in TEXT[code]["lessons"]]
    tab.goto(base + course_url)
    tab.click("form[action$='/enrol/'] button")
    expect(tab.locator(".course-status progress")).to_have_attribute("value", "0")
    tab.click(".course-status a.button")  # "Start the course": the first lesson
    expect(tab.locator("h1")).to_have_text(lessons[0])
    tab.click("form[action$='/complete/'] button")  # on to the lesson with the check

    expect(tab.locator("h1")).to_have_text(lessons[1])
    for number, (_question, _answers, right) in enumerate(TEXT[code]["questions"], start=1):
        tab.click(f"label[for='q{number}-{right}']")
        expect(tab.locator(f"#q{number}-{right}")).to_be_checked()
    tab.click("form[action*='/check/'] button[type=submit]")
    expect(tab.locator(".knowledge-check .notice--success")).to_be_visible()
    expect(tab.locator(".question--right")).to_have_count(len(TEXT[code]["questions"]))

    tab.click("a[rel=next]")
    expect(tab.locator("h1")).to_have_text(lessons[2])
    tab.click("form[action$='/complete/'] button")  # the last one: back to the course
    tab.wait_for_url(f"**{course_url}")
    expect(tab.locator(".course-status progress")).to_have_attribute("value", "3")
    expect(tab.locator(".course-status progress")).to_have_attribute("max", "3")


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_learner_goes_from_registration_to_the_certificate(
    live_server, settings, course_urls, code
):
    from playwright.sync_api import sync_playwright

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email = f"learner-{code}@example.org"
    base = live_server.url
    with translation.override(code):  # "English", or "Arabic" in Arabic
        language_name = str(translation.get_language_info(code)["name_translated"])
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `tools/system-packages chromium`.")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()

        register(tab, base, code, email)
        assert tab.evaluate("document.documentElement.dir") == ("rtl" if code == "ar" else "ltr")
        tab.goto(verification_link(email))
        assert tab.url.startswith(f"{base}/{code}/accounts/verify/")
        sign_in(tab, base, code, email)

        take_the_course(tab, base, course_urls[code], code)
        tab.click(".course-status__done a")  # "Your certificate"
        tab.wait_for_url("**/learning/certificates/*/")
        tab.wait_for_load_state()

        certificate_url = tab.url
        assert tab.evaluate("document.documentElement.lang") == code
        assert tab.evaluate("document.documentElement.dir") == ("rtl" if code == "ar" else "ltr")
        assert tab.locator(".certificate__name").inner_text() == TEXT[code]["learner"]
        assert tab.locator(".certificate__course").inner_text() == TEXT[code]["course"]
        assert language_name in tab.locator(".certificate__facts").inner_text()
        code_shown = tab.locator(".certificate__code").inner_text()
        with tab.expect_download() as download:
            tab.click("a[href$='/pdf/']")
        pdf = download.value.path().read_bytes()
        suggested = download.value.suggested_filename
        context.close()
        browser.close()

    assert certificate_url == f"{base}/{code}/learning/certificates/{code_shown}/"
    assert pdf.startswith(b"%PDF")
    assert suggested == f"certificate-{code_shown}-{code}.pdf"
    assert shows(pdf, TEXT[code]["course"]) and shows(pdf, TEXT[code]["learner"])
    assert shows(pdf, language_name)
    # What the browser did is what the database holds: one enrolment, three lessons,
    # one completion in the language of the pages.
    profile = LearnerProfile.objects.get(user__email=email)
    assert (profile.preferred_language, profile.email_verified) == (code, True)
    assert Enrolment.objects.filter(user__email=email).count() == 1
    assert LessonCompletion.objects.filter(user__email=email).count() == 3
    completion = CourseCompletion.objects.get(user__email=email)
    assert (completion.certificate_code, completion.language) == (code_shown, code)
