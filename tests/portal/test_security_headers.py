"""Every public and learner page carries a Content-Security-Policy without inline script or
style, a Referrer-Policy and a Permissions-Policy; the admin keeps working with the CSRF
cookie out of scripts' reach."""

import json
import re

import pytest

from django.test import Client
from django.utils import translation

from search.models import Synonym
from tests.courses.conftest import build_course, make_learner
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db

STRICT_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def policy(response):
    """{directive: [sources]} of the response's Content-Security-Policy."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {part[0]: part[1:] for part in parts if part}


def assert_protected(response):
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] in STRICT_REFERRERS
    features = dict(part.split("=") for part in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


def test_guidance_search_and_learner_pages_send_the_policies(client, theme_page):
    guidance = GuidancePageFactory(parent=theme_page)
    course = build_course(theme_page.get_parent())
    with translation.override("en"):
        guidance_url, lesson_url = guidance.url, course.reading.url

    assert_protected(client.get(guidance_url))
    assert_protected(client.get("/en/search/", {"q": "trafficking"}))
    assert_protected(client.get("/ar/accounts/login/"))
    client.force_login(make_learner())
    assert_protected(client.get(lesson_url))
    assert_protected(client.get("/en/learning/"))


def test_the_admin_is_left_to_its_own_inline_scripts(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_the_admin_posts_forms_with_the_token_from_its_page_not_the_cookie():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = "/admin/snippets/search/synonym/add/"

    page = client.get(url)
    config = json.loads(
        re.search(r'id="wagtail-config" type="application/json">(.*?)</script>', page.text).group(1)
    )
    data = {"language": "en", "terms": "identify, recognise, spot"}
    refused = client.post(url, data)
    saved = client.post(url, data, headers={config["CSRF_HEADER_NAME"]: config["CSRF_TOKEN"]})

    assert client.cookies["csrftoken"]["httponly"] is True  # document.cookie cannot read it
    assert refused.status_code == 403
    assert saved.status_code == 302
    assert Synonym.objects.get().terms == "identify, recognise, spot"
