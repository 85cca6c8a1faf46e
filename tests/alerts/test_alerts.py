"""Topic alerts end to end: subscribe, confirm, digest, unsubscribe, and the editors' report."""

import io
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import translation

from alerts.demo import DEMO_SUBSCRIBERS, load_subscribers
from alerts.models import Subscription
from alerts.signals import record_significant_change
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_SUBJECT_FR = "Confirmez vos alertes thématiques"
DIGEST_SUBJECT_FR = "Nouveautés des orientations sur vos thèmes"


def link(message, kind):
    return re.search(rf"https?://[^/\s]+(/\S+/alerts/{kind}/\S+/)", message.body).group(1)


def subscribe(client, theme, email="amina@example.org", language="fr", frequency="daily"):
    return client.post(
        f"/{language}/alerts/",
        {"email": email, "themes": [theme.pk], "frequency": frequency},
    )


def publish_guidance(parent, theme, title="Referral pathways", title_fr="Voies d'orientation"):
    with translation.override("en"):  # an editor's request; the reader's activated French
        page = GuidancePageFactory.build(title=title, title_fr=title_fr, live=False)
        parent.add_child(instance=page)
        page.themes.set([theme])
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def digests(frequency="daily"):
    mail.outbox.clear()
    call_command("send_topic_digests", frequency=frequency, stdout=io.StringIO())
    return list(mail.outbox)


def confirm(client, message):
    url = link(message, "confirm")
    page = client.get(url)
    assert "<form" in page.content.decode()
    return client.post(url)


def test_subscribing_mails_a_confirmation_in_the_readers_language_and_nothing_else(
    client, theme_page
):
    response = subscribe(client, theme_page.theme)

    assert "Consultez vos e-mails" in response.content.decode()
    assert [message.subject for message in mail.outbox] == [CONFIRM_SUBJECT_FR]
    assert theme_page.theme.title in mail.outbox[0].body
    publish_guidance(theme_page, theme_page.theme)
    assert digests() == []  # not confirmed: no digest


def test_a_confirmed_subscriber_gets_a_new_page_once_in_their_language(client, theme_page):
    subscribe(client, theme_page.theme)
    response = confirm(client, mail.outbox[0])
    assert "Vos alertes sont confirmées." in response.content.decode()

    page = publish_guidance(theme_page, theme_page.theme)
    [digest] = digests()

    assert digest.subject == DIGEST_SUBJECT_FR
    assert digest.to == ["amina@example.org"]
    assert "Voies d'orientation" in digest.body
    assert "/fr/" in digest.body and page.slug in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alerts/unsubscribe/" in digest.extra_headers["List-Unsubscribe"]
    assert digests() == []  # run again: already sent
    assert digests("weekly") == []  # a daily subscriber is not in the weekly run


def test_a_significant_change_reaches_subscribers_with_its_note_in_their_language(
    client, theme_page
):
    subscribe(client, theme_page.theme, language="es")
    confirm(client, mail.outbox[0])
    page = publish_guidance(theme_page, theme_page.theme)
    digests()

    record_significant_change(page, {"en": "Steps revised.", "es": "Pasos revisados."})
    [digest] = digests()

    assert "Pasos revisados." in digest.body
    assert "Steps revised." not in digest.body


def test_a_publish_marked_significant_reaches_subscribers_with_the_editors_note(
    client, theme_page
):
    subscribe(client, theme_page.theme, language="es")
    confirm(client, mail.outbox[0])
    page = publish_guidance(theme_page, theme_page.theme)
    digests()

    page.significant_change = True
    page.change_note_en, page.change_note_es = "Steps revised.", "Pasos revisados."
    page.save_revision().publish()
    [digest] = digests()

    assert "Pasos revisados." in digest.body


def test_the_unsubscribe_link_ends_the_subscription_without_signing_in(client, theme_page):
    subscribe(client, theme_page.theme)
    confirm(client, mail.outbox[0])
    publish_guidance(theme_page, theme_page.theme)
    [digest] = digests()

    url = link(digest, "unsubscribe")
    assert "Se désabonner" in client.get(url).content.decode()
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert "Vous êtes désabonné" in response.content.decode()
    assert not Subscription.objects.exists()
    publish_guidance(theme_page, theme_page.theme, title="Another", title_fr="Une autre")
    assert digests() == []


def test_a_second_request_the_same_day_sends_nothing_and_answers_the_same(client, theme_page):
    first = subscribe(client, theme_page.theme).content.decode()
    second = subscribe(client, theme_page.theme, email=" Amina@Example.org ").content.decode()

    assert len(mail.outbox) == 1
    assert first == second


def test_a_tampered_link_is_refused(client, theme_page):
    subscribe(client, theme_page.theme)
    url = link(mail.outbox[0], "confirm")

    response = client.post(url.replace("/confirm/", "/confirm/x"))

    assert response.status_code == 400
    assert "Ce lien n'est pas valide" in response.content.decode()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()


def test_theme_pages_offer_the_form_without_a_csrf_token(client, theme_page):
    html = client.get(theme_page.url).content.decode()

    assert 'action="/en/alerts/"' in html
    assert f'name="themes" value="{theme_page.theme.pk}"' in html
    assert "csrfmiddlewaretoken" not in html


def test_editors_see_counts_per_theme_and_language_and_no_address(client, theme_page):
    for email, language in [
        ("a@example.org", "fr"),
        ("b@example.org", "fr"),
        ("c@example.org", "ar"),
    ]:
        subscribe(client, theme_page.theme, email=email, language=language)
        confirm(client, mail.outbox[-1])
    subscribe(client, theme_page.theme, email="pending@example.org")  # not confirmed

    response = client.get("/admin/reports/alert-subscribers/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    client.force_login(UserFactory(is_superuser=True))
    html = client.get("/admin/reports/alert-subscribers/").content.decode()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]

    assert f"{theme_page.theme.title} French 2" in cells
    assert f"{theme_page.theme.title} Arabic 1" in cells
    assert "@example.org" not in html


def test_one_client_cannot_flood_many_addresses(client, theme_page):
    for number in range(20):
        subscribe(client, theme_page.theme, email=f"reader{number}@example.org")
    mail.outbox.clear()

    response = subscribe(client, theme_page.theme, email="victim@example.org")

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert mail.outbox == []


def test_demo_subscribers_are_confirmed_in_several_languages_and_load_once(theme_page):
    assert load_subscribers() == len(DEMO_SUBSCRIBERS)
    assert load_subscribers() == 0

    confirmed = Subscription.objects.filter(confirmed_at__isnull=False, themes=theme_page.theme)
    assert confirmed.values("language").distinct().count() >= 4
