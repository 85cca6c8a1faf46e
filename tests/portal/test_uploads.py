"""Uploads cannot run script on the portal's origin, and private documents stay private.

Documents are served only by /documents/<id>/<name> (the collection's privacy checked on
every request), always as downloads that a browser will not sniff or run; HTML, SVG and
other active types are refused at upload; documents and images have a size cap.
"""

import io

import pytest
from PIL import Image

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import UserFactory
from tests.search.documents_helpers import private_collection, upload

pytestmark = pytest.mark.django_db

SANDBOX = "default-src 'none'; sandbox"


@pytest.fixture
def editor(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def stored():
    """Documents saved under the real MEDIA_ROOT (where /media/ would look), removed after."""
    made = []

    def save(*args, **kwargs):
        document = upload(*args, **kwargs)
        made.append(document)
        return document

    yield save
    for document in made:
        document.file.delete(save=False)


def test_a_restricted_document_is_never_readable_from_media(client, stored):
    secret = stored("Trainer notes", "trainer-notes.pdf", b"%PDF-1.4 secret", private_collection())

    from_media = client.get(f"/media/documents/{secret.filename}")
    through_the_view = client.get(secret.url)
    climbing_out = Client(raise_request_exception=False).get(
        f"/media/images/../documents/{secret.filename}"
    )

    assert from_media.status_code == 404
    assert climbing_out.status_code == 400  # Django refuses the path before reading it
    assert through_the_view.status_code == 302
    assert "/accounts/login/" in through_the_view["Location"]


def test_a_signed_in_reader_downloads_the_restricted_document(client, stored):
    secret = stored("Trainer notes", "trainer-notes.pdf", b"%PDF-1.4 secret", private_collection())
    client.force_login(UserFactory())

    response = client.get(secret.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"


@pytest.mark.parametrize(
    "filename",
    ["guide.pdf", "notes.txt", "page.html.pdf"],  # the last one is HTML behind a PDF's name
)
def test_every_document_is_a_download_that_cannot_run_script(client, stored, filename):
    document = stored("Guide", filename, b"<script>alert(document.cookie)</script>")

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert "text/html" not in response["Content-Type"]


def test_a_document_type_set_to_open_in_the_browser_still_downloads(client, stored, settings):
    settings.WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
    document = stored("Guide", "inline-guide.pdf", b"%PDF-1.4")

    response = client.get(document.url)

    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="inline-guide.pdf"' in response["Content-Disposition"]


def add_document(client, filename, payload):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Upload",
            "file": ContentFile(payload, name=filename),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    "filename",
    ["page.html", "page.htm", "page.xhtml", "drawing.svg", "feed.xml", "app.js", "page.shtml"],
)
def test_active_types_are_refused_at_upload_with_a_clear_message(client, editor, filename):
    client.force_login(editor)

    response = add_document(client, filename, b"<script>alert(1)</script>")

    assert response.status_code == 200  # the form again, with the reason
    extension = filename.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed." in response.content.decode()
    assert "pdf, doc, docx" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_an_allowed_document_uploads(client, editor):
    client.force_login(editor)

    response = add_document(client, "referral-form.docx", b"PK\x03\x04 word")

    assert response.status_code == 302
    document = get_document_model().objects.get()
    document.file.delete(save=False)


def test_documents_and_images_above_the_cap_are_refused(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client.force_login(editor)

    document = add_document(client, "big.pdf", b"%PDF" + b"0" * 2048)
    image = client.post(
        "/admin/images/add/",
        {"title": "Big", "file": ContentFile(png(200), name="big.png")},
    )

    assert "This file is too big (2.0\xa0KB). Maximum filesize 1.0\xa0KB." in (
        document.content.decode()
    )
    assert "This file is too big" in image.content.decode()
    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()


def png(side):
    output = io.BytesIO()
    Image.effect_noise((side, side), 100).convert("RGB").save(output, "PNG")
    return output.getvalue()


def test_svg_images_are_refused(client, editor):
    client.force_login(editor)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'

    response = client.post(
        "/admin/images/add/", {"title": "Logo", "file": ContentFile(svg, name="logo.svg")}
    )

    assert "Not a supported image format. Supported formats: AVIF, GIF, JPG" in (
        response.content.decode()
    )
    assert not get_image_model().objects.exists()
