"""The two mails: the confirmation of a subscription, and the digest.

Plain text only: no images, no tracking pixel, links straight to the pages. Each is
written in the subscriber's language.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from alerts.tokens import confirmation_token, unsubscribe_token


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_confirmation(email, themes, frequency, language):
    with translation.override(language):
        token = confirmation_token(email, [theme.pk for theme in themes], frequency, language)
        context = {
            "themes": themes,
            "link": absolute(reverse("alerts:confirm", args=[token])),
        }
        EmailMessage(
            subject=_("Confirm your topic alerts"),
            body=render_to_string("alerts/confirmation_email.txt", context),
            to=[email],
        ).send()


def send_digest(subscription, items):
    with translation.override(subscription.language):
        unsubscribe = absolute(
            reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)])
        )
        entries = []
        for item in items:
            page = item.page.specific
            entries.append(
                {
                    "title": page.title,
                    "url": page.get_full_url(),
                    "note": item.note(subscription.language),
                    "new": item.kind == item.Kind.NEW,
                }
            )
        context = {"entries": entries, "unsubscribe": unsubscribe, "subscription": subscription}
        EmailMessage(
            subject=_("Guidance updates on your themes"),
            body=render_to_string("alerts/digest_email.txt", context),
            to=[subscription.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        ).send()
