"""Certificates as signed Open Badges credentials: issued, downloaded by their holder only,
checked (valid, tampered, foreign, expired, withdrawn), and reminded of before expiry."""

import base64
import copy
import json
from datetime import timedelta

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from courses.models import CourseCompletion
from tests.courses.test_certificates import complete_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion(tree, learner):
    return complete_course(learner, tree)


def download(client, learner, completion):
    client.force_login(learner)
    response = client.get(
        f"/en/learning/certificates/{completion.certificate_code}/credential.json"
    )
    assert response.status_code == 200
    return response, json.loads(response.content)


def check(client, document):
    response = client.post(
        "/api/credentials/verify", json.dumps(document), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def test_the_holder_downloads_a_signed_open_badge(client, learner, completion):
    response, document = download(client, learner, completion)

    assert "attachment" in response["Content-Disposition"]
    assert f"certificate-{completion.certificate_code}.json" in response["Content-Disposition"]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert document["id"].endswith(f"/en/certificates/verify/{completion.certificate_code}/")
    assert document["issuer"]["id"] == "http://testserver/credentials/issuer.json"
    subject = document["credentialSubject"]
    assert subject["achievement"]["name"] == "Safe first contact"
    assert "Safe first contact" in subject["achievement"]["criteria"]["narrative"]
    assert subject["identifier"][0]["identityHash"] == "Amina Haddad"
    assert learner.email not in response.content.decode()
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert document["proof"]["proofValue"].startswith("z")
    assert check(client, document) == {"status": "valid", "valid": True, "reason": ""}


def test_the_credential_is_in_the_course_language(client, tree, learner):
    completion = complete_course(learner, tree, language="fr")
    _response, document = download(client, learner, completion)
    assert document["credentialSubject"]["achievement"]["inLanguage"] == "fr"
    assert (
        "A suivi toutes les leçons"
        in document["credentialSubject"]["achievement"]["criteria"]["narrative"]
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
        lambda d: d["credentialSubject"]["achievement"].update(name="Advanced course"),
        lambda d: d.update(validFrom="2019-01-01T00:00:00Z"),
    ],
    ids=["name", "course", "date"],
)
def test_a_tampered_field_breaks_the_signature(client, learner, completion, change):
    _response, document = download(client, learner, completion)
    tampered = copy.deepcopy(document)
    change(tampered)

    result = check(client, tampered)

    assert result["status"] == "invalid"
    assert result["reason"].startswith("Signature mismatch")


def test_a_credential_signed_by_another_key_is_from_an_unknown_issuer(
    client, learner, completion, settings
):
    _response, document = download(client, learner, completion)
    settings.CREDENTIAL_SIGNING_KEY = base64.b64encode(b"\x07" * 32).decode()

    result = check(client, document)

    assert result["status"] == "unknown"
    assert result["reason"].startswith("Unknown issuer")


def test_a_foreign_issuer_is_unknown(client, learner, completion):
    _response, document = download(client, learner, completion)
    document["issuer"]["id"] = "https://badges.example.com/issuer"
    assert check(client, document)["status"] == "unknown"


def test_not_a_credential_is_invalid(client):
    response = client.post("/api/credentials/verify", "{not json", content_type="application/json")
    assert response.json()["status"] == "invalid"


def test_an_expired_certificate_verifies_as_expired(client, tree, learner):
    tree.course.certificate_validity_months = 12
    tree.course.save_revision().publish()
    completion = complete_course(learner, tree)
    assert completion.valid_until.year == completion.completed_at.year + 1
    CourseCompletion.objects.filter(pk=completion.pk).update(
        completed_at=timezone.now() - timedelta(days=800),
        valid_until=timezone.now() - timedelta(days=35),
    )
    completion.refresh_from_db()
    _response, document = download(client, learner, completion)
    assert "validUntil" in document

    assert check(client, document)["status"] == "expired"
    page = client.get(f"/en/certificates/verify/{completion.certificate_code}/")
    assert "This certificate expired on" in page.content.decode()


def test_a_withdrawn_certificate_verifies_as_withdrawn(client, learner, completion):
    _response, document = download(client, learner, completion)
    CourseCompletion.objects.filter(pk=completion.pk).update(
        withdrawn_at=timezone.now(), withdrawal_reason="Issued in error."
    )

    assert check(client, document) == {
        "status": "withdrawn",
        "valid": False,
        "reason": "Issued in error.",
    }
    page = client.get(f"/en/certificates/verify/{completion.certificate_code}/")
    assert "This certificate has been withdrawn." in page.content.decode()


def test_the_verification_page_checks_an_uploaded_file(client, learner, completion):
    _response, document = download(client, learner, completion)
    document["name"] = "Changed"
    upload = json.dumps(document).encode()

    response = client.post(
        "/en/certificates/verify/file/",
        {"credential": SimpleUploadedFile("c.json", upload, "application/json")},
    )
    html = response.content.decode()
    assert "This credential is not valid." in html
    assert "Signature mismatch" in html


def test_only_the_holder_downloads_the_credential(client, completion, other_learner):
    url = f"/en/learning/certificates/{completion.certificate_code}/credential.json"
    assert client.get(url).status_code == 302
    client.force_login(other_learner)
    assert client.get(url).status_code == 404


def test_issuer_and_key_are_published_as_json(client, learner, completion):
    _response, document = download(client, learner, completion)
    issuer = client.get("/credentials/issuer.json")
    assert issuer["Content-Type"] == "application/json"
    assert issuer.json()["type"] == ["Profile"]
    assert issuer.json()["id"] == document["issuer"]["id"]

    key = client.get(document["proof"]["verificationMethod"].removeprefix("http://testserver"))
    assert key.status_code == 200
    assert key.json()["type"] == "Multikey"
    assert key.json()["publicKeyMultibase"].startswith("z6Mk")
    assert key.json()["publicKeyJwk"]["crv"] == "Ed25519"
    assert client.get("/credentials/keys/0000000000000000.json").status_code == 404


def test_learners_are_reminded_once_before_expiry(tree, learner, settings):
    tree.course.certificate_validity_months = 12
    tree.course.save_revision().publish()
    completion = complete_course(learner, tree)
    CourseCompletion.objects.filter(pk=completion.pk).update(
        valid_until=timezone.now() + timedelta(days=10)
    )
    learner.learner_profile.preferred_language = "fr"
    learner.learner_profile.save()
    mail.outbox.clear()

    call_command("remind_expiring_certificates", "--days", "30")
    call_command("remind_expiring_certificates", "--days", "30")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert "expire" in mail.outbox[0].subject
    assert f"/learning/certificates/{completion.certificate_code}/" in mail.outbox[0].body


def test_an_editor_withdraws_a_certificate_in_the_admin(client, completion, editor, learner):
    client.force_login(editor)
    listing = client.get("/admin/certificates/", {"q": completion.certificate_code})
    assert completion.certificate_code in listing.content.decode()
    edit = f"/admin/certificates/edit/{completion.pk}/"

    response = client.post(edit, {"withdrawn": "on", "withdrawal_reason": "Issued in error."})

    assert response.status_code == 302
    page = client.get(f"/en/certificates/verify/{completion.certificate_code}/")
    assert "This certificate has been withdrawn." in page.content.decode()
    assert "Issued in error." in page.content.decode()
    client.force_login(learner)
    assert client.get(edit).status_code in (302, 403)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 50_000,
        "[]",
        '"text"',
        '{"proof": []}',
        '{"proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"}}',
        "x" * 70_000,
    ],
    ids=["deep", "list", "string", "proof-list", "no-issuer", "huge"],
)
def test_a_hostile_body_is_answered_not_valid(client, body):
    response = client.post("/api/credentials/verify", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["valid"] is False


def test_a_hostile_proof_value_is_a_signature_mismatch(client, learner, completion):
    _response, document = download(client, learner, completion)
    for value in ("z0OIl", 5, "", "zzz"):
        document["proof"]["proofValue"] = value
        assert check(client, document)["status"] == "invalid"
