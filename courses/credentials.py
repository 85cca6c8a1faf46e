"""Certificates as Open Badges 3.0 credentials, signed with the portal's Ed25519 key.

A credential is a W3C Verifiable Credential (data model 2.0) of type
OpenBadgeCredential. Its `id` is the certificate's public verification page; it names
the holder by the name they chose for their certificates (never their email address),
the course as an Achievement with its criteria in the course's language, and the
certificate's validity (`validFrom`, and `validUntil` when the course sets a period).

The proof follows the Data Integrity suite eddsa-jcs-2022: the proof options (the proof
without `proofValue`, with the credential's `@context`) and the credential without its
proof are each serialised canonically and hashed with SHA-256; the two digests,
options first, are signed with Ed25519; `proofValue` is the signature in multibase
base58btc ("z..."). The canonical form is JSON with sorted keys, no spaces and UTF-8,
which is RFC 8785 (JCS) for what we sign: strings, whole numbers and no keys outside
the Basic Multilingual Plane.

Ed25519 signatures are deterministic, so a certificate's credential is the same file
at every download while its content does not change.
"""

import base64
import datetime
import hashlib
import json
from dataclasses import dataclass
from html import unescape

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from dateutil.relativedelta import relativedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from courses.certificates import holder_name, verification_url
from courses.models.learning import CourseCompletion, WithdrawnCertificate

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CRYPTOSUITE = "eddsa-jcs-2022"
# The multicodec prefix of an Ed25519 public key in a Multikey (0xed, varint-encoded).
ED25519_MULTICODEC = b"\xed\x01"


def expiry_of(completion):
    """When a certificate issued now for this completion expires, or None."""
    course = completion.course
    months = course.certificate_validity_months if course is not None else None
    if not months:
        return None
    return completion.completed_at + relativedelta(months=months)


# The key


def signing_key():
    raw = settings.CREDENTIAL_SIGNING_KEY
    if not raw:
        raise ImproperlyConfigured("CREDENTIAL_SIGNING_KEY must be set to issue credentials.")
    raw = raw.strip()
    if raw.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(raw.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("CREDENTIAL_SIGNING_KEY must be an Ed25519 key.")
        return key
    try:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw, validate=True))
    except ValueError:
        raise ImproperlyConfigured(
            "CREDENTIAL_SIGNING_KEY must be a PEM Ed25519 key or its 32 bytes in base64."
        ) from None


def _public_bytes(public_key):
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_multibase(public_key):
    return "z" + base58.b58encode(ED25519_MULTICODEC + _public_bytes(public_key)).decode()


def key_id(public_key=None):
    """A short, stable name of a public key: the start of its SHA-256, in hex."""
    public_key = public_key or signing_key().public_key()
    return hashlib.sha256(_public_bytes(public_key)).hexdigest()[:16]


def issuer_url(request):
    return request.build_absolute_uri(reverse("credential_issuer"))


def key_url(request, kid=None):
    return request.build_absolute_uri(reverse("credential_key", args=[kid or key_id()]))


def issuer_profile(request):
    return {
        "@context": CONTEXT,
        "id": issuer_url(request),
        "type": ["Profile"],
        "name": str(settings.CERTIFICATE_ORGANISATION),
        "url": request.build_absolute_uri("/"),
    }


def key_document(request):
    """The public key as a Multikey, with the same key as a JWK beside it."""
    public_key = signing_key().public_key()
    x = base64.urlsafe_b64encode(_public_bytes(public_key)).rstrip(b"=").decode()
    return {
        "@context": "https://w3id.org/security/multikey/v1",
        "id": key_url(request),
        "type": "Multikey",
        "controller": issuer_url(request),
        "publicKeyMultibase": public_multibase(public_key),
        "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": x},
    }


# Signing and checking


def canonical(data):
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _signed_bytes(document, options):
    options_hash = hashlib.sha256(canonical(options)).digest()
    return options_hash + hashlib.sha256(canonical(document)).digest()


def _timestamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign(document, private_key, verification_method, created):
    options = {
        "@context": document["@context"],
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = private_key.sign(_signed_bytes(document, options))
    proof = {key: value for key, value in options.items() if key != "@context"}
    proof["proofValue"] = "z" + base58.b58encode(signature).decode()
    return {**document, "proof": proof}


def credential(completion, request):
    """The signed Open Badges credential of a certificate, in its course's language."""
    course = completion.course
    with translation.override(completion.language):
        title = completion.title
        description = (
            Truncator(unescape(strip_tags(course.overview))).words(60) if course else title
        )
        criteria = _("Completed every lesson of the course “%(title)s”.") % {"title": title}
        if completion.recorded_by_trainer:
            criteria = _(
                "Completed the course “%(title)s” in a training session, as recorded by its"
                " trainer."
            ) % {"title": title}
        achievement_id = (
            course.full_url
            if course is not None and course.full_url
            else verification_url(completion, request) + "#achievement"
        )
        verify_url = verification_url(completion, request)
    document = {
        "@context": CONTEXT,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {
            "id": issuer_url(request),
            "type": ["Profile"],
            "name": str(settings.CERTIFICATE_ORGANISATION),
        },
        "validFrom": _timestamp(completion.completed_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            # The name the learner chose for their certificates, not an address.
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": holder_name(completion),
                }
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": title,
                "description": description,
                "criteria": {"narrative": criteria},
                "inLanguage": completion.language,
            },
        },
    }
    if completion.valid_until:
        document["validUntil"] = _timestamp(completion.valid_until)
    return sign(document, signing_key(), key_url(request), _timestamp(completion.completed_at))


@dataclass
class Check:
    """What a credential's check found. `status`: valid, expired, withdrawn, superseded
    (replaced by a recertification), invalid or unknown; `reason` says why for anything
    but valid."""

    status: str
    reason: str = ""
    completion: object = None

    def as_json(self):
        return {"status": self.status, "valid": self.status == "valid", "reason": self.reason}


def check(document, request):
    """Check a credential someone holds: is it ours, unchanged, current and not withdrawn?"""
    if not isinstance(document, dict) or not isinstance(document.get("proof"), dict):
        return Check("invalid", _("This is not a signed credential."))
    proof = document["proof"]
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return Check("invalid", _("The credential is signed in a way the portal does not use."))
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    public_key = signing_key().public_key()
    if issuer_id != issuer_url(request) or proof.get("verificationMethod") != key_url(request):
        return Check("unknown", _("Unknown issuer: the portal did not sign this credential."))
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    options["@context"] = document.get("@context")
    try:
        value = proof.get("proofValue", "")
        if not isinstance(value, str) or not value.startswith("z"):
            raise ValueError
        signature = base58.b58decode(value[1:])
        Ed25519PublicKey.from_public_bytes(_public_bytes(public_key)).verify(
            signature, _signed_bytes(unsigned, options)
        )
    except (ValueError, InvalidSignature, TypeError):
        return Check(
            "invalid",
            _("Signature mismatch: the credential was changed after the portal signed it."),
        )
    code = str(document.get("id", "")).rstrip("/").rsplit("/", 1)[-1]
    completion = CourseCompletion.objects.filter(certificate_code=code).first()
    if completion is None:
        if WithdrawnCertificate.objects.filter(code=code).exists():
            return Check("withdrawn", _("The certificate was withdrawn."))
        return Check("unknown", _("The portal holds no certificate with this code."))
    return status_of(completion, document.get("validUntil"))


def status_of(completion, valid_until=None):
    """A certificate's standing today: withdrawn, superseded, expired or valid."""
    if completion.withdrawn_at:
        reason = completion.withdrawal_reason or _("The certificate was withdrawn.")
        return Check("withdrawn", reason, completion)
    if completion.superseded:
        # Genuine, but no longer the holder's certificate: say what replaced it.
        return Check(
            "superseded",
            _("Replaced on %(date)s by a newer certificate, issued when its holder recertified.")
            % {"date": date_format(timezone.localtime(completion.superseded_at), "DATE_FORMAT")},
            completion,
        )
    until = parse_datetime(valid_until) if isinstance(valid_until, str) else None
    until = until or completion.valid_until
    if until and until <= timezone.now():
        return Check("expired", _("The certificate has expired."), completion)
    return Check("valid", "", completion)


def filename(completion):
    return f"certificate-{completion.certificate_code}.json"
