"""Signed links in alert mails (django.core.signing): nothing to sign in to, nothing stored.

A confirmation link carries the request itself (address, themes, frequency, language) and
expires; nothing changes until it is followed. An unsubscribe link names the subscription
and never expires, so every digest ever sent can still end the subscription.
"""

from django.core import signing

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
CONFIRMATION_MAX_AGE = 3 * 24 * 3600  # seconds


def confirmation_token(email, theme_ids, frequency, language):
    return signing.dumps(
        {"e": email, "t": sorted(theme_ids), "f": frequency, "l": language}, salt=CONFIRM_SALT
    )


def read_confirmation(token):
    """The request a confirmation link carries, or None if tampered with or expired."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None


def unsubscribe_token(subscription):
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe(token):
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
