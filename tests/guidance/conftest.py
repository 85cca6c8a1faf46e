"""Editorial roles, a published English page and one translated into Arabic, for the
tests of the admin's forms, reports and translation workspace."""

import pytest

from django.contrib.auth.models import Group

from foundation.roles import EDITORS, REVIEWERS, TRANSLATORS
from portal.demo import load_home
from tests.conftest import publish
from tests.factories import GuidancePageFactory, UserFactory


@pytest.fixture
def editorial(home):
    """The home page as `make run` leaves it: load_home sets up the editorial roles."""
    home, _created = load_home()
    return home


def edit_form_html(page):
    """The page form as an editor gets it. A translator opening it is sent to the
    translation workspace, so tests of what the form lets a translator post start here."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(member_of(EDITORS))
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


def member_of(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(editorial):
    return member_of(EDITORS)


@pytest.fixture
def reviewer(editorial):
    return member_of(REVIEWERS)


@pytest.fixture
def translator(editorial):
    return member_of(TRANSLATORS)


@pytest.fixture
def english_page(theme_page):
    page = GuidancePageFactory(
        parent=theme_page,
        title="Screening",
        slug="screening",
        summary="How to screen.",
        body=[("paragraph", "<p>English body.</p>")],
    )
    return publish(page)


@pytest.fixture
def arabic_page(theme_page):
    """A published guidance page with its title, summary and first paragraph in Arabic."""
    page = GuidancePageFactory(
        parent=theme_page,
        title="Screening",
        slug="screening",
        summary="How to screen arrivals.",
        body=[
            ("paragraph", "<p>Ask about the journey.</p>"),
            ("paragraph", "<p>Refer children at once.</p>"),
        ],
    )
    first, second = page.body_en.get_prep_value()
    page.title_ar, page.slug_ar = "الفحص", "alfhs"
    page.summary_ar = "كيفية فحص الوافدين."
    page.body_ar = [{**first, "value": "<p>اسأل عن الرحلة.</p>"}]
    publish(page)
    page.block_ids = [first["id"], second["id"]]
    return page
