"""Certificate codes, and the certificate as a page and as a PDF.

A certificate names the issuing organisation under its mark, the holder, the course and
its length, the training session and its trainer when the learner took the course in
one, and a signatory (settings.CERTIFICATE_*). A QR code carries the address of the
public verification page, so anyone holding the paper can check it with a phone.

A code is 16 characters of Crockford's base-32 alphabet (80 random bits), written in
four groups: XXXX-XXXX-XXXX-XXXX. It is easy to read aloud and to type back (the
letters I, L and O read as 1, 1 and 0, case and separators are ignored) and too long
to guess.
"""

import re
import secrets

import segno

from django.conf import settings
from django.core.cache import cache
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string, select_template
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import uri_to_iri
from django.utils.safestring import mark_safe

from courses.models.learning import Enrolment, profile_of

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


PLAIN_MARK = "courses/certificates/_mark.svg"


def person_name(user):
    """The name a learner or trainer gave for their certificates."""
    profile = profile_of(user)
    return (profile.full_name if profile else "") or user.get_full_name()


def holder_name(completion):
    return person_name(completion.user)


def verification_url(completion, request):
    """The public page that confirms this certificate: what its QR code carries."""
    path = reverse("courses:verify_certificate", args=[completion.certificate_code])
    return request.build_absolute_uri(path)


def qr_code(url):
    """The QR code of `url`: an SVG data URI for an <img>, and its size in pixels."""
    code = segno.make(url, error="m")
    size, _height = code.symbol_size(scale=4, border=2)
    return {"src": code.svg_data_uri(scale=4, dark="#000", border=2), "size": size}


def logo_svg():
    """The organisation's mark: the site's logo template, or a plain mark of our own."""
    try:
        template = select_template([settings.CERTIFICATE_LOGO_TEMPLATE, PLAIN_MARK])
    except TemplateDoesNotExist:
        template = select_template([PLAIN_MARK])
    return mark_safe(template.render({}))  # noqa: S308 (our own template, not user input)


def signatory():
    name, role = settings.CERTIFICATE_SIGNATORY_NAME, settings.CERTIFICATE_SIGNATORY_ROLE
    return {"name": name, "role": role} if name and role else None


def training_session(completion):
    """The training session the holder took the course in, if any."""
    if completion.course_id is None:
        return None
    enrolment = (
        Enrolment.objects.filter(user=completion.user_id, course=completion.course_id)
        .select_related("training_session__trainer")
        .first()
    )
    return enrolment.training_session if enrolment else None


def certificate_context(completion, request):
    """What a certificate says, in the active language, and nothing more."""
    verify_url = verification_url(completion, request)
    language = translation.get_language_info(completion.language)
    session = training_session(completion)
    trainer = session.trainer if session else None
    return {
        "organisation": settings.CERTIFICATE_ORGANISATION,
        "logo": logo_svg(),
        "signatory": signatory(),
        "holder_name": holder_name(completion),
        "course_title": completion.title,
        "duration_minutes": completion.course.duration_minutes if completion.course else None,
        "training_session": session,
        "trainer_name": person_name(trainer) if trainer else "",
        "completed_on": completion.completed_at,
        "valid_until": completion.valid_until,
        "language_name": language["name_translated"],
        "recorded_by_trainer": completion.recorded_by_trainer,
        "code": completion.certificate_code,
        "verify_url": verify_url,
        "verify_url_display": uri_to_iri(verify_url),
        "qr_code": qr_code(verify_url),
    }


# A certificate's PDF is kept in the cache (never in MEDIA_ROOT: it names a person) for a
# day after it was typeset, which covers the download that follows a completion.
PDF_KEPT_SECONDS = 24 * 3600


def certificate_pdf(completion, request):
    """The certificate as a PDF, typeset once for the same content within a day."""
    from foundation.pdf import html_to_pdf

    context = certificate_context(completion, request)
    context["direction"] = "rtl" if translation.get_language_bidi() else "ltr"
    html = render_to_string("courses/certificates/certificate_pdf.html", context, request=request)
    # Keyed by a keyed digest of what it shows: any change (a name, a translation, the
    # address) is a new key, and a key reveals nothing.
    digest = salted_hmac("courses.certificate", html, algorithm="sha256").hexdigest()
    key = f"certificate-pdf:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
        cache.set(key, pdf, PDF_KEPT_SECONDS)
    return pdf


def pdf_filename(completion):
    return f"certificate-{completion.certificate_code}-{translation.get_language()}.pdf"
