"""Certificate codes, and the certificate as a page and as a PDF.

A code is 16 characters of Crockford's base-32 alphabet (80 random bits), written in
four groups: XXXX-XXXX-XXXX-XXXX. It is easy to read aloud and to type back (the
letters I, L and O read as 1, 1 and 0, case and separators are ignored) and too long
to guess.
"""

import re
import secrets

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import uri_to_iri

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 4, 4
LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code(groups=GROUPS):
    """A fresh random code of `groups` groups (join codes of training sessions use two)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(groups * GROUP_LENGTH))
    return _grouped(raw)


def _grouped(raw):
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def normalise_code(text, groups=GROUPS):
    """The canonical form of a code as someone typed it, or None if it cannot be one."""
    raw = re.sub(r"[\s\-_.]", "", (text or "").upper()).translate(LOOKALIKES)
    if len(raw) != groups * GROUP_LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return _grouped(raw)


def holder_name(completion):
    from courses.tracking import profile_of

    user = completion.user
    profile = profile_of(user)
    return (profile.full_name if profile else "") or user.get_full_name()


def certificate_context(completion, request):
    """What a certificate says, in the active language, and nothing more."""
    verify_path = reverse("courses:verify_certificate", args=[completion.certificate_code])
    verify_url = request.build_absolute_uri(verify_path)
    language = translation.get_language_info(completion.language)
    return {
        "holder_name": holder_name(completion),
        "course_title": completion.title,
        "completed_on": completion.completed_at,
        "language_name": language["name_translated"],
        "recorded_by_trainer": completion.recorded_by_trainer,
        "code": completion.certificate_code,
        "verify_url": verify_url,
        "verify_url_display": uri_to_iri(verify_url),
    }


def certificate_pdf(completion, request):
    from guidance.pdf import html_to_pdf

    context = certificate_context(completion, request)
    context["direction"] = "rtl" if translation.get_language_bidi() else "ltr"
    html = render_to_string("courses/certificates/certificate_pdf.html", context, request=request)
    return html_to_pdf(html, base_url=request.build_absolute_uri("/"))


def pdf_filename(completion):
    return f"certificate-{completion.certificate_code}-{translation.get_language()}.pdf"
