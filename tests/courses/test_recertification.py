"""Recertification: a holder renews their certificate through the lessons whose guidance
changed (or, when none did, the knowledge checks), gets a new certificate, and the old
one verifies as replaced."""

import io
import json
from datetime import timedelta

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from courses.models import CourseCompletion, CoursePage, Recertification
from courses.recertification import path_for
from tests.conftest import publish
from tests.courses.conftest import RIGHT, route
from tests.courses.test_guidance_versions import change_significantly, finish, html_of, url
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_citing(tree, theme_page):
    """The first lesson cites one guidance page, the last lesson another; certificates
    are valid for a year."""
    screening = publish(GuidancePageFactory(parent=theme_page, title="Screening interviews"))
    referral = publish(GuidancePageFactory(parent=theme_page, title="Referral pathways"))
    tree.reading.related_guidance.add(screening)
    publish(tree.reading)
    tree.last.related_guidance.add(referral)
    publish(tree.last)
    CoursePage.objects.filter(pk=tree.course.pk).update(certificate_validity_months=12)
    tree.course.refresh_from_db()
    tree.screening, tree.referral = screening, referral
    return tree


@pytest.fixture
def holder(course_citing, learner):
    learner.completion = finish(learner, course_citing)
    return learner


def test_the_path_lists_exactly_the_lessons_whose_guidance_changed(
    client, course_citing, holder
):
    tree = course_citing
    assert path_for(holder.completion) is None  # nothing to renew yet
    change_significantly(tree.screening)

    path = path_for(holder.completion)
    assert [lesson.title for lesson in path.lessons] == ["Why first contact matters"]
    assert not path.checks_only

    client.force_login(holder)
    heading = "Recertify: 1 lesson changed since your training"
    link = f'<a href="{tree.reading.url}">Why first contact matters</a>'
    for page in (
        html_of(client, url("courses:my_learning")),
        html_of(client, url("courses:certificate", holder.completion.certificate_code)),
    ):
        assert heading in page and link in page
        assert f'<a href="{tree.last.url}">' not in page.split(heading)[1].split("</ol>")[0]
    assert "Part of your recertification" in html_of(client, tree.reading.url)
    assert "Part of your recertification" not in html_of(client, tree.last.url)


def test_completing_the_path_issues_a_new_certificate_and_keeps_the_old(
    client, course_citing, holder
):
    tree = course_citing
    old = holder.completion
    screening = change_significantly(tree.screening)
    client.force_login(holder)

    response = client.post(route(tree.reading, "recertify"))

    new = CourseCompletion.objects.current().get(user=holder, course=tree.course)
    assert response.status_code == 302
    assert response["Location"] == url("courses:certificate", new.certificate_code)
    old.refresh_from_db()
    assert old.superseded and new.pk != old.pk
    assert new.certificate_code != old.certificate_code
    assert new.valid_until > old.valid_until
    versions = {version["page"]: version["revision"] for version in new.guidance_versions}
    assert versions[screening.pk] == screening.live_revision_id
    assert versions[screening.pk] != {v["page"]: v["revision"] for v in old.guidance_versions}[
        screening.pk
    ]
    assert Recertification.objects.get(completion=old).certificate == new

    page = html_of(client, url("courses:certificate", new.certificate_code))
    assert "You have recertified. Your new certificate is ready." in page
    assert "until when the certificate is valid and the versions of the guidance it" in page
    assert "Recertify:" not in html_of(client, url("courses:my_learning"))
    old_page = html_of(client, url("courses:certificate", old.certificate_code))
    assert "This certificate was replaced on" in old_page
    assert f'href="{url("courses:certificate", new.certificate_code)}"' in old_page


def test_the_old_credential_verifies_as_replaced_not_invalid(client, course_citing, holder):
    tree = course_citing
    old = holder.completion
    client.force_login(holder)
    credential = client.get(url("courses:certificate_credential", old.certificate_code)).content
    change_significantly(tree.screening)
    client.post(route(tree.reading, "recertify"))
    new = CourseCompletion.objects.current().get(user=holder, course=tree.course)
    client.logout()

    answer = client.post("/api/credentials/verify", credential, content_type="application/json")
    assert answer.json()["status"] == "superseded"
    assert "Replaced on" in answer.json()["reason"]

    upload = SimpleUploadedFile("old.json", credential, content_type="application/json")
    checked = client.post(url("courses:verify_credential_file"), {"credential": upload})
    assert "This credential is genuine but was replaced by a newer certificate." in (
        checked.content.decode()
    )
    page = html_of(client, url("courses:verify_certificate", old.certificate_code))
    assert "This certificate is genuine but was replaced by a newer one." in page
    assert url("courses:verify_certificate", new.certificate_code) in page
    fresh = client.get(url("courses:verify_certificate", new.certificate_code))
    assert "This certificate is valid." in fresh.content.decode()
    tampered = json.loads(credential)
    tampered["name"] = "Another course"
    answer = client.post("/api/credentials/verify", tampered, content_type="application/json")
    assert answer.json()["status"] == "invalid"


def test_near_expiry_with_nothing_changed_the_path_is_the_knowledge_checks(
    client, course_citing, holder
):
    tree = course_citing
    soon = timezone.now() + timedelta(days=10)
    CourseCompletion.objects.filter(pk=holder.completion.pk).update(valid_until=soon)
    holder.completion.refresh_from_db()

    path = path_for(holder.completion)
    assert path.checks_only and [lesson.title for lesson in path.lessons] == ["Signs of risk"]
    client.force_login(holder)
    page = html_of(client, url("courses:my_learning"))
    assert "Recertify: no lesson changed since your training, 1 lesson to do again" in page
    assert "Your certificate expires on" in page

    answers = QueryDict(mutable=True)
    answers.update(RIGHT)
    client.post(route(tree.check, "check"), answers)

    new = CourseCompletion.objects.current().get(user=holder, course=tree.course)
    assert new.pk != holder.completion.pk
    assert new.valid_until > soon + timedelta(days=300)


def test_only_the_holder_of_a_due_certificate_can_recertify(
    client, course_citing, holder, other_learner
):
    tree = course_citing
    change_significantly(tree.screening)
    refusal = "This lesson is not part of a recertification you can do."

    # Another learner, enrolled but without a certificate.
    from courses.tracking import enrol

    enrol(other_learner, tree.course, "en")
    client.force_login(other_learner)
    response = client.post(route(tree.reading, "recertify"))
    assert response.status_code == 403 and refusal in response.content.decode()
    assert "Part of your recertification" not in html_of(client, tree.reading.url)
    # Nor can they open the holder's certificate and its path.
    certificate = url("courses:certificate", holder.completion.certificate_code)
    assert client.get(certificate).status_code == 404

    # The holder, on a lesson that is not on their path.
    client.force_login(holder)
    response = client.post(route(tree.last, "recertify"))
    assert response.status_code == 403 and refusal in response.content.decode()

    client.logout()
    response = client.post(route(tree.reading, "recertify"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert CourseCompletion.objects.filter(course=tree.course).count() == 1
    assert not Recertification.objects.exists()


def expiring_in(completion, days):
    CourseCompletion.objects.filter(pk=completion.pk).update(
        valid_until=timezone.now() + timedelta(days=days), expiry_reminded_at=None
    )


def test_the_expiry_reminder_offers_the_shorter_path_with_the_course_link(
    course_citing, holder, settings
):
    settings.CERTIFICATE_REMINDER_DAYS = 30
    shorter = "You can renew it through a shorter path instead of taking the whole course again"

    # Reminded 45 days ahead, before the recertification window opens: no path to offer.
    expiring_in(holder.completion, 45)
    mail.outbox.clear()
    call_command("remind_expiring_certificates", "--days", "60", stdout=io.StringIO())
    assert len(mail.outbox) == 1 and shorter not in mail.outbox[0].body

    expiring_in(holder.completion, 10)
    mail.outbox.clear()
    call_command("remind_expiring_certificates", "--days", "30", stdout=io.StringIO())

    body = mail.outbox[0].body
    assert f"{shorter}: 1 lesson to do again." in body  # the knowledge check
    assert f"Recertify on the course page: {course_citing.course.get_full_url()}" in body


def test_a_course_without_knowledge_checks_is_renewed_by_reading_again(
    client, course_citing, holder
):
    tree = course_citing
    tree.check.knowledge_check = []
    publish(tree.check)
    expiring_in(holder.completion, 10)
    holder.completion.refresh_from_db()

    path = path_for(holder.completion)
    assert path.rereading_only
    client.force_login(holder)
    page = html_of(client, url("courses:my_learning"))
    assert "Read these lessons again, instead of the whole course, for a new certificate." in page
    assert "Pass the knowledge checks again" not in page
    lesson = html_of(client, tree.last.url)
    assert "Your certificate is due for renewal. Read this lesson again, then say so." in lesson
    assert "The guidance this lesson teaches changed" not in lesson
