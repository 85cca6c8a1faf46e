"""Knowledge checks are graded on the server, with feedback on each answer chosen."""

import pytest

from courses.models import LessonCompletion, QuizAttempt
from tests.conftest import publish
from tests.courses.conftest import RIGHT, route, url_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(client, tree, learner):
    client.force_login(learner)
    client.post(route(tree.course, "enrol"))
    return learner


def submit(client, lesson, answers, code="en"):
    response = client.post(route(lesson, "check", code), answers)
    assert response.status_code == 200
    return response.content.decode()


def question(html, number):
    return html.split(f"<legend>{number}. ", 1)[1].split("</fieldset>", 1)[0]


def test_a_pass_at_the_pass_mark_completes_the_lesson_with_feedback(client, tree, enrolled):
    html = submit(client, tree.check, {**RIGHT, "q4": "1"})  # 3 of 4 right, pass mark 75%

    assert "Passed: 3 of 4 right (75%)." in html
    assert "Right.</strong> Right: trained and independent." in question(html, 1)
    assert "Not quite.</strong> Referral needs informed consent." in question(html, 4)
    assert 'class="question question--wrong"' in html
    # Only the chosen answer's feedback: the right answer to question 4 is not given away.
    assert "Consent comes first." not in html
    completion = LessonCompletion.objects.get(user=enrolled, lesson=tree.check)
    assert (completion.how, completion.score) == ("check", 75)
    assert "You have completed this lesson." in html


def test_below_the_pass_mark_records_the_attempt_but_not_the_lesson(client, tree, enrolled):
    html = submit(client, tree.check, {"q1": "1", "q2": "0", "q3": "1", "q4": "1"})

    assert "Not passed yet: 2 of 4 right (50%); the pass mark is 75%." in html
    assert "Not quite.</strong> A companion may be the one in control." in question(html, 1)
    # The learner's choices stay selected so they can change the wrong ones.
    assert 'id="q1-1" name="q1" value="1" checked' in html
    assert not LessonCompletion.objects.exists()
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.passed, attempt.answers) == (50, False, [1, 0, 1, 1])
    later = client.get(tree.check.url).content.decode()
    assert "Your last attempt: 50%." in later


def test_nothing_is_graded_until_every_question_is_answered(client, tree, enrolled):
    html = submit(client, tree.check, {"q1": "0", "q2": "7"})

    assert "Answer every question, then submit again." in html
    assert "Right: trained and independent." not in html
    assert not QuizAttempt.objects.exists()


def test_the_page_never_tells_which_answers_are_right_before_a_submission(client, tree, enrolled):
    html = client.get(tree.check.url).content.decode()

    assert "Check my answers" in html
    for text in ("Right: trained and independent.", "Consent comes first.", "checked"):
        assert text not in html


def test_a_check_is_graded_in_the_language_it_is_read_in(client, tree, enrolled):
    lesson = tree.check
    lesson.title_fr, lesson.slug_fr = "Signes de risque", "signes"
    lesson.body_fr = [("paragraph", "<p>Les signes sont des indices.</p>")]
    lesson.knowledge_check_fr = [
        (
            "question",
            {
                "question": "Qui décide d'une orientation ?",
                "answers": [
                    {
                        "text": "L'agent seul",
                        "correct": False,
                        "feedback": "Il faut le consentement.",
                    },
                    {"text": "La personne", "correct": True, "feedback": "Oui, elle décide."},
                ],
            },
        )
    ]
    publish(lesson)

    html = submit(client, lesson, {"q1": "1"}, code="fr")

    assert "Oui, elle décide." in html
    completion = LessonCompletion.objects.get()
    assert (completion.language, completion.score) == ("fr", 100)
    assert url_in(lesson, "fr").startswith("/fr/")


def test_anonymous_and_not_enrolled_readers_cannot_submit(client, tree, learner):
    anonymous = client.post(route(tree.check, "check"), RIGHT)
    client.force_login(learner)
    not_enrolled = client.post(route(tree.check, "check"), RIGHT)

    assert anonymous.status_code == 302
    assert not_enrolled.status_code == 403
    assert not QuizAttempt.objects.exists()


def test_a_lesson_without_a_check_refuses_answers(client, tree, enrolled):
    response = client.post(route(tree.reading, "check"), RIGHT)

    assert response.status_code == 400
    assert "This lesson has no knowledge check." in response.content.decode()


def test_editors_must_mark_a_right_answer(tree):
    from django.core.exceptions import ValidationError

    from courses.blocks import QuestionBlock

    block = QuestionBlock()
    value = block.to_python(
        {
            "question": "Which?",
            "answers": [
                {"text": "A", "correct": False, "feedback": "No."},
                {"text": "B", "correct": False, "feedback": "No."},
            ],
        }
    )

    with pytest.raises(ValidationError):
        block.clean(value)
