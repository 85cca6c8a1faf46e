"""Certificates: the holder's page and PDF, and a public check that reveals nothing else."""

import re
import shutil
import subprocess

import pytest

from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.http import QueryDict
from django.utils import translation
from django.utils.formats import date_format

from courses.certificates import normalise_code
from courses.knowledge_check import grade
from courses.models import CourseCompletion
from courses.tracking import complete_lesson, enrol, record_check
from courses.training_sessions import record_completions
from tests.conftest import publish
from tests.courses.conftest import RIGHT, join, make_training_session
from tests.factories import UserFactory
from tests.guidance.test_pdf import pdftotext, shows, text_of

pytestmark = pytest.mark.django_db


def x_of(pdf, word):
    """Left edge (points) of the first `word` on the first page."""
    layout = pdftotext(pdf, "-bbox", "-f", "1", "-l", "1")
    return float(re.search(rf'<word xMin="([\d.]+)"[^>]*>{word}</word>', layout)[1])


def complete_course(user, tree, language="en"):
    """Take the whole course as a learner would, in `language`."""
    with translation.override(language):
        enrol(user, tree.course, language)
        complete_lesson(user, tree.reading, language)
        answers = QueryDict(mutable=True)
        answers.update(RIGHT)
        record_check(user, tree.check, grade(tree.check, answers), language)
        outcome = complete_lesson(user, tree.last, language)
    assert outcome.course_completed_now
    return outcome.course_completion


def test_the_holder_sees_their_certificate(client, tree, learner):
    completion = complete_course(learner, tree)
    client.force_login(learner)

    response = client.get(f"/en/learning/certificates/{completion.certificate_code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Certificate of completion" in html
    assert '<p class="certificate__name">Amina Haddad</p>' in html
    assert '<p class="certificate__course">Safe first contact</p>' in html
    assert "<dd>English</dd>" in html
    assert completion.certificate_code in html
    assert f"/en/certificates/verify/{completion.certificate_code}/" in html


def test_nobody_else_opens_it_but_a_manager_may(client, tree, learner, other_learner):
    completion = complete_course(learner, tree)
    page = f"/en/learning/certificates/{completion.certificate_code}/"

    anonymous = client.get(page)
    assert anonymous.status_code == 302 and "/en/accounts/login/" in anonymous["Location"]
    client.force_login(other_learner)
    assert client.get(page).status_code == 404
    assert client.get(page + "pdf/").status_code == 404
    manager = UserFactory()
    manager.user_permissions.add(Permission.objects.get(codename="view_coursecompletion"))
    client.force_login(manager)
    assert "Amina Haddad" in client.get(page).content.decode()


def test_the_pdf_certifies_name_course_date_language_and_code(client, tree, learner):
    completion = complete_course(learner, tree)
    client.force_login(learner)

    response = client.get(f"/en/learning/certificates/{completion.certificate_code}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"certificate-{completion.certificate_code}-en.pdf" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "Certificate of completion" in text
    assert "This certifies that Amina Haddad has completed the course Safe first contact" in text
    assert "Completed on" in text and date_format(completion.completed_at, "DATE_FORMAT") in text
    assert "Language taken in" in text and "English" in text
    assert completion.certificate_code in text
    assert "Border Police Academy" not in text and learner.email not in text


def test_the_arabic_pdf_reads_right_to_left_in_arabic(client, tree, learner):
    course = tree.course
    course.title_ar, course.overview_ar, course.slug_ar = (
        "الاتصال الأول الآمن",
        "<p>نظرة.</p>",
        "safe",
    )
    publish(course)
    completion = complete_course(learner, tree, language="ar")
    client.force_login(learner)

    pdf = client.get(f"/ar/learning/certificates/{completion.certificate_code}/pdf/").content

    assert shows(pdf, "الاتصال الأول الآمن")
    assert shows(pdf, "Amina Haddad")
    assert shows(pdf, "العربيّة")  # the language taken in, named in Arabic
    assert completion.certificate_code in pdftotext(pdf)
    # Right to left: the first fact (the date, its year a word of digits) is drawn right
    # of the last (the code), whatever language the labels are in.
    year = str(completion.completed_at.year)
    assert x_of(pdf, year) > x_of(pdf, re.escape(completion.certificate_code))
    assert completion.language == "ar"
    html = client.get(f"/ar/learning/certificates/{completion.certificate_code}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_public_verification_confirms_the_certificate_and_nothing_more(client, tree, learner):
    completion = complete_course(learner, tree, language="fr")

    response = client.get(f"/en/certificates/verify/{completion.certificate_code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid." in html
    assert "<dt>Issued to</dt><dd>Amina Haddad</dd>" in html
    assert "<dt>Course</dt><dd>Safe first contact</dd>" in html
    assert "<dt>Language taken in</dt><dd>French</dd>" in html
    assert completion.completed_at.strftime("%Y-%m-%d") in html
    for private in (learner.email, "Border Police Academy", "Jordan", "75%", "Signs of risk"):
        assert private not in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_typed_code_is_forgiving_about_case_separators_and_lookalikes(client, tree, learner):
    completion = complete_course(learner, tree)
    code = completion.certificate_code
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")

    response = client.get("/en/certificates/verify/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/verify/{code}/"
    assert normalise_code(typed) == code


def test_an_unknown_or_malformed_code_confirms_nothing(client, tree):
    unknown = client.get("/en/certificates/verify/ABCD-EFGH-JKMN-PQRS/")
    malformed = client.get("/en/certificates/verify/", {"code": "12345"})

    assert unknown.status_code == malformed.status_code == 404
    assert "No certificate has this code." in unknown.content.decode()
    assert "No certificate has this code." in malformed.content.decode()


def test_codes_are_unique_and_unguessable(tree, learner, other_learner):
    codes = {complete_course(user, tree).certificate_code for user in (learner, other_learner)}

    assert len(codes) == 2
    for code in codes:
        assert len(code.replace("-", "")) == 16  # 80 random bits
    assert CourseCompletion.objects.count() == 2


def qr_payloads(pdf, tmp_path):
    """What the QR codes on the PDF's first page say, read from a 150 dpi rendering."""
    import zxingcpp
    from PIL import Image

    (tmp_path / "certificate.pdf").write_bytes(pdf)
    subprocess.run(  # noqa: S603 - our own PDF into a fixed local program
        [
            shutil.which("pdftoppm"),
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            tmp_path / "certificate.pdf",
            tmp_path / "page",
        ],
        check=True,
    )
    return [result.text for result in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))]


def page_count(pdf):
    info = subprocess.run(  # noqa: S603 - our own PDF into a fixed local program
        [shutil.which("pdfinfo"), "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])


def test_the_pdf_names_issuer_signatory_length_and_carries_a_qr_code(
    client, tree, learner, settings, tmp_path
):
    settings.CERTIFICATE_ORGANISATION = "Division of Migrant Protection"
    settings.CERTIFICATE_SIGNATORY_NAME = "Rania Saleh"
    settings.CERTIFICATE_SIGNATORY_ROLE = "Director of Training"
    completion = complete_course(learner, tree)
    client.force_login(learner)

    pdf = client.get(f"/en/learning/certificates/{completion.certificate_code}/pdf/").content

    text = text_of(pdf)
    assert "Division of Migrant Protection" in text
    assert "Rania Saleh" in text and "Director of Training" in text
    minutes = tree.course.duration_minutes
    assert "Course length" in text and f"{minutes} minutes" in text
    assert "Training session" not in text and "Trainer" not in text  # taken alone
    verify_url = f"http://testserver/en/certificates/verify/{completion.certificate_code}/"
    assert qr_payloads(pdf, tmp_path) == [verify_url]
    assert page_count(pdf) == 1
    # The page says the same.
    html = client.get(f"/en/learning/certificates/{completion.certificate_code}/").content.decode()
    assert "Division of Migrant Protection" in html and "Rania Saleh" in html
    assert 'alt="QR code of the verification page"' in html


def test_without_a_signatory_the_certificate_has_no_signature(client, tree, learner, settings):
    settings.CERTIFICATE_SIGNATORY_NAME = ""
    completion = complete_course(learner, tree)
    client.force_login(learner)

    html = client.get(f"/en/learning/certificates/{completion.certificate_code}/").content.decode()

    assert "certificate__signature" not in html
    assert "Migrant Protection and Assistance Division" in html  # the default issuer


def test_a_session_certificate_names_the_session_and_its_trainer(
    client, tree, learner, trainer, tmp_path
):
    training_session = make_training_session(trainer, tree.course, name="Amman workshop, March")
    join(learner, training_session)
    completion = complete_course(learner, tree)
    client.force_login(learner)

    pdf = client.get(f"/en/learning/certificates/{completion.certificate_code}/pdf/").content

    text = text_of(pdf)
    assert "Training session" in text and "Amman workshop, March" in text
    assert "Trainer" in text and "Tessa Trainer" in text
    assert page_count(pdf) == 1


def test_a_recorded_completion_names_the_session_and_trainer_in_arabic(
    client, tree, learner, trainer
):
    training_session = make_training_session(trainer, tree.course, name="ورشة عمان", language="ar")
    join(learner, training_session, "ar")
    [completion] = record_completions(trainer, training_session, [learner], "").recorded
    client.force_login(learner)

    pdf = client.get(f"/ar/learning/certificates/{completion.certificate_code}/pdf/").content

    assert shows(pdf, "ورشة عمان") and shows(pdf, "Tessa Trainer")
    with translation.override("ar"):
        assert shows(pdf, str(django_settings.CERTIFICATE_ORGANISATION))
    # Right to left: the signature (start of the footer) is drawn right of the QR code's text.
    assert x_of(pdf, "Leila") > x_of(pdf, "http://testserver[^<]*")


def test_a_new_certificate_is_typeset_by_the_worker_and_downloaded_without_waiting(
    client, tree, learner, settings, monkeypatch
):
    from courses.tasks import typeset_certificate

    settings.WAGTAILADMIN_BASE_URL = "http://testserver"  # the address readers use
    completion = complete_course(learner, tree, language="fr")

    assert typeset_certificate(completion.pk) is True

    def not_again(*args, **kwargs):
        raise AssertionError("typeset a second time")

    monkeypatch.setattr("foundation.pdf.html_to_pdf", not_again)
    assert typeset_certificate(completion.pk) is True  # twice: nothing typeset again
    client.force_login(learner)
    response = client.get(f"/fr/learning/certificates/{completion.certificate_code}/pdf/")

    assert response.status_code == 200
    assert completion.certificate_code in text_of(response.content)
