"""What readers see on course, module and lesson pages, in their language."""

import re

import pytest

from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.translation import gettext

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from courses.models import CoursePage
from tests.conftest import publish
from tests.courses.conftest import url_in
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTES = "Session plan: role-play in threes, 20 minutes."


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_course_page_shows_its_facts_and_modules_in_order(client, tree, theme_page):
    guidance = GuidancePageFactory(parent=theme_page, title="Screening at first contact")
    tree.course.related_guidance.add(guidance)
    publish(tree.course)

    html = html_of(client, tree.course.url)

    assert "<h1>Safe first contact</h1>" in html
    assert "<dt>Level</dt><dd>Introductory</dd>" in html
    assert "45 minutes" in html
    assert "<li>Notice signs of risk</li><li>Refer with consent</li>" in html
    outline = html.split('id="outline-heading"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', outline)
    assert titles == [
        "Module 1: Noticing",
        "Why first contact matters",
        "Signs of risk",
        "Module 2: Acting",
        "Further reading",
        "Referring with consent",
    ]
    assert "20 minutes · knowledge check" in outline
    assert "optional" in outline.split("Further reading", 1)[1].split("</li>", 1)[0]
    assert f'<a href="{guidance.url}">Screening at first contact</a>' in html


def test_languages_available_are_those_of_the_course_and_every_lesson(client, tree):
    course = tree.course
    course.title_fr, course.overview_fr, course.slug_fr = "Premier contact", "<p>Aperçu.</p>", "pc"
    course.title_ar, course.overview_ar, course.slug_ar = "الاتصال الأول", "<p>نظرة.</p>", "pc"
    publish(course)
    for lesson in [tree.reading, tree.check, tree.further, tree.last]:
        lesson.title_fr, lesson.slug_fr = f"{lesson.title} (fr)", f"{lesson.slug}-fr"
        lesson.body_fr = [("paragraph", "<p>Texte.</p>")]
        publish(lesson)
    # Arabic stops at the course page: a learner could not take the lessons in Arabic.
    course = CoursePage.objects.get(pk=course.pk)

    assert course.languages == ["en", "fr", "ar"]  # the course page itself
    assert course.languages_available == ["en", "fr"]
    html = html_of(client, url_in(course, "ar"))
    with translation.override("ar"):
        label = gettext("Languages available")
    languages = html.split(f"<dt>{label}</dt>", 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<li lang="([^"]+)">', languages) == ["en", "fr"]
    assert 'class="notice notice--fallback"' not in html  # the course page itself is in Arabic


def test_untranslated_lesson_is_shown_in_english_with_the_notice_in_russian(client, tree):
    lesson = tree.reading
    lesson.title_fr, lesson.slug_fr = "Pourquoi le premier contact compte", "pourquoi"
    lesson.body_fr = [("paragraph", "<p>Le premier contact est souvent la seule chance.</p>")]
    publish(lesson)
    with translation.override("ru"):
        notice = gettext("This page is not yet available in your language. It is shown in English.")

    html = html_of(client, url_in(lesson, "ru"))

    assert notice in html
    assert '<html lang="ru" dir="ltr">' in html
    # The English text is marked English; the interface around it stays in Russian.
    assert "<article>" in html
    assert '<h1 lang="en" dir="ltr">Why first contact matters</h1>' in html
    assert "First contact is often the only chance to notice risk." in html
    available = html.split('class="notice notice--fallback"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'hreflang="([^"]+)"', available) == ["en", "fr"]


def test_translated_lesson_reads_right_to_left_in_arabic_without_a_notice(client, tree):
    lesson = tree.reading
    lesson.title_ar, lesson.slug_ar = "لماذا يهم الاتصال الأول", "why"
    lesson.body_ar = [("paragraph", "<p>الاتصال الأول فرصة لملاحظة الخطر.</p>")]
    publish(lesson)

    html = html_of(client, url_in(lesson, "ar"))

    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>لماذا يهم الاتصال الأول</h1>" in html
    assert 'class="notice notice--fallback"' not in html


def test_video_shows_its_transcript_and_handouts_their_file(client, tree):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    url = "https://www.youtube.com/watch?v=demo-first-contact"
    # A cached embed, as Wagtail keeps after its first fetch: no network in the test.
    Embed.objects.create(
        hash=get_embed_hash(url, 800, None),
        url=url,
        max_width=800,
        type="video",
        html='<iframe title="First contact" src="https://www.youtube.com/embed/x"></iframe>',
    )
    handout = get_document_model()(title="Referral form")
    handout.file.save("referral-form.txt", ContentFile(b"Name of the focal point: ..."), save=False)
    handout.save()
    lesson = tree.reading
    lesson.body = [
        (
            "video",
            {
                "title": "A first conversation",
                "video": url,
                "transcript": "<p>The officer greets the man and offers water.</p>",
            },
        ),
        ("handout", {"document": handout, "title": "", "description": "Fill in at the desk."}),
    ]
    publish(lesson)

    html = html_of(client, lesson.url)

    assert '<iframe title="First contact"' in html
    assert "<summary>Transcript</summary>" in html
    assert "The officer greets the man and offers water." in html
    assert f'href="{handout.url}" download>Referral form</a>' in html
    assert "(TXT, " in html and "Fill in at the desk." in html


def test_facilitator_material_is_for_trainers_only(client, tree, learner, trainer):
    anonymous = html_of(client, tree.course.url)
    client.force_login(learner)
    as_learner = html_of(client, tree.course.url)
    client.force_login(trainer)
    as_trainer = html_of(client, tree.course.url)
    holder = UserFactory()
    holder.user_permissions.add(
        Permission.objects.get(
            codename="view_facilitator_material", content_type__app_label="courses"
        )
    )
    client.force_login(holder)
    with_permission = html_of(client, tree.course.url)

    for html in (anonymous, as_learner):
        assert NOTES not in html
        assert "Facilitator material" not in html
    for html in (as_trainer, with_permission):
        assert '<h2 id="facilitator-heading">Facilitator material</h2>' in html
        assert NOTES in html


def test_facilitator_material_stays_out_of_the_api_and_the_search_index(client, tree):
    response = client.get(f"/en/api/v2/pages/{tree.course.pk}/?fields=*")

    assert response.status_code == 200
    assert response.json()["overview"]
    assert NOTES not in response.content.decode()
    indexed = {field.field_name for field in CoursePage.search_fields}
    assert not any(name.startswith("facilitator") for name in indexed)


def test_module_page_lists_its_lessons(client, tree):
    html = html_of(client, tree.modules[0].url)

    assert "<h1>Module 1: Noticing</h1>" in html
    assert f'<a href="{tree.course.url}">Safe first contact</a>' in html
    assert "Why first contact matters" in html and "Signs of risk" in html
    assert "Further reading" not in html


def test_index_lists_courses_and_home_features_them(client, home, tree):
    tree.course.featured = True
    publish(tree.course)

    index = html_of(client, tree.index.url)
    front = html_of(client, "/en/")

    assert f'<a href="{tree.course.url}">Safe first contact</a>' in index
    featured = front.split('id="courses-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{tree.course.url}">Safe first contact</a>' in featured
    assert f'<a href="{tree.index.url}">All courses</a>' in featured


def test_unfeatured_course_stays_off_the_home_page(client, home, tree):
    front = html_of(client, "/en/")

    assert 'id="courses-heading"' not in front


def test_anonymous_reader_reads_a_lesson_and_is_offered_to_sign_in(client, tree):
    html = html_of(client, tree.check.url)

    assert "Signs are prompts to look closer." in html
    assert "Sign in and enrol to save your progress." in html
    assert f'href="/en/accounts/login/?next={tree.check.url}"' in html.replace("%2F", "/")
    # The questions are there to read, but nothing says which answers are right.
    assert "Who should interpret at a first interview?" in html
    assert "Right: trained and independent." not in html
    assert "Check my answers" not in html


def test_the_api_serves_lessons_without_their_answers(client, tree):
    response = client.get(f"/en/api/v2/pages/{tree.check.pk}/?fields=*")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Signs are prompts to look closer." in body
    for secret in ("Right: trained and independent.", '"correct"', "knowledge_check"):
        assert secret not in body


def test_editors_preview_a_lesson_in_arabic_right_to_left(tree):
    lesson = tree.reading
    lesson.title_ar, lesson.slug_ar = "لماذا يهم الاتصال الأول", "why"
    lesson.body_ar = [("paragraph", "<p>الاتصال الأول فرصة.</p>")]
    publish(lesson)

    html = lesson.make_preview_request(preview_mode="ar").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>لماذا يهم الاتصال الأول</h1>" in html
