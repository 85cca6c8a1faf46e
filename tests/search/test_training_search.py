"""Courses and lessons are found and labelled as training; trainers' material never is."""

import pytest

from django.urls import reverse
from django.utils import translation

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from search import engine
from tests.conftest import publish
from tests.search.documents_helpers import result_targets

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


@pytest.fixture
def course(home, settings):
    settings.ELASTICSEARCH_URL = ""  # the database engine, whatever the environment says
    index = add(home, CourseIndexPage(title="Courses", slug="courses"))
    course = add(
        index,
        CoursePage(
            title="Safe first contact",
            title_fr="Premier contact sûr",
            slug="safe-first-contact",
            overview="<p>Meeting a person at the marrowgate checkpoint safely.</p>",
            overview_fr="<p>Rencontrer une personne au poste marrowgate.</p>",
            objectives="Notice signs of risk",
            facilitator_notes="<p>Session plan: the quillbarrow role-play.</p>",
            facilitator_notes_fr="<p>Plan de séance : le jeu quillbarrow.</p>",
        ),
    )
    module = add(course, ModulePage(title="Module 1", slug="module-1"))
    lesson = add(
        module,
        LessonPage(
            title="Interpreters",
            slug="interpreters",
            body=[("paragraph", "<p>Ask for a fenwhistle interpreter.</p>")],
            knowledge_check=[
                (
                    "question",
                    {
                        "question": "Who interprets?",
                        "answers": [
                            {"text": "A sprocketeer", "correct": True, "feedback": "Trained."},
                            {"text": "A child", "correct": False, "feedback": "Never."},
                        ],
                    },
                )
            ],
        ),
    )
    return course, lesson


def html_for(client, query, language="en"):
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_course_is_found_by_its_overview_and_marked_as_training(client, course):
    course_page, _lesson = course

    found = engine.search("marrowgate", "en")

    assert [(hit.kind, hit.object_id) for hit in found.hits] == [("course", course_page.pk)]
    assert found.facets["kind"] == {"course": 1}
    html = html_for(client, "marrowgate")
    assert '<p class="kicker">Course · <span class="badge badge--training">Training</span>' in html
    assert result_targets(client, html) == [course_page.url]


def test_course_is_found_in_french_by_its_french_overview(client, course):
    course_page, _lesson = course

    found = engine.search("poste marrowgate", "fr")

    assert [hit.object_id for hit in found.hits] == [course_page.pk]
    assert "Premier contact sûr" in str(found.hits[0].title_html)


def test_lesson_is_found_by_its_body_and_marked_as_training(client, course):
    _course, lesson = course

    found = engine.search("fenwhistle", "en")

    assert [(hit.kind, hit.object_id) for hit in found.hits] == [("lesson", lesson.pk)]
    html = html_for(client, "fenwhistle")
    assert '<p class="kicker">Lesson · <span class="badge badge--training">Training</span>' in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_facilitator_material_is_never_found(client, course, language):
    assert engine.search("quillbarrow", language).total == 0
    html = html_for(client, "quillbarrow", language)
    assert 'class="card search-hit"' not in html


def test_knowledge_check_answers_are_never_found(client, course):
    assert engine.search("sprocketeer", "en").total == 0
    assert engine.search("trained", "en").total == 0


def test_unpublished_lesson_is_no_longer_found(course):
    _course, lesson = course
    assert engine.search("fenwhistle", "en").total == 1

    lesson.unpublish()

    assert engine.search("fenwhistle", "en").total == 0
