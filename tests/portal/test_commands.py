"""The set-up commands `make run` relies on: demo load and the printed admin login."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Site

from portal.models import HomePage, InformationPage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_load_demo_makes_the_home_page_the_site_root_and_can_run_twice(client, capsys):
    # As `make run` does: fill the per-language columns of existing pages, then load.
    call_command("update_translation_fields", verbosity=0)
    call_command("load_demo")
    pages = Page.objects.count()
    call_command("load_demo")

    assert Page.objects.count() == pages  # the second run adds nothing
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    html = client.get("/ar/").content.decode()
    assert "<h1>بوابة الحماية والتدريب</h1>" in html
    # The footer's four information pages, once each, in the reader's language.
    assert InformationPage.objects.count() == 4
    assert "بيان إمكانية الوصول" in html.split("<footer", 1)[1]


def test_ensure_admin_prints_a_login_that_works_and_keeps_it(client, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path

    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    second = capsys.readouterr().out

    password = re.search(r"user: admin  password: (\S+)", first).group(1)
    assert first == second
    assert get_user_model().objects.get(username="admin").is_superuser
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200
