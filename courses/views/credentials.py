"""Certificates as signed credentials: the holder's download, the issuer's profile and
public key at stable addresses, and the check of a credential file (API and page)."""

import json

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from courses import credentials
from courses.models.learning import CourseCompletion
from courses.views import learner_login_required

# A credential is a few kilobytes; anything much larger is not one.
MAX_CREDENTIAL_BYTES = 64 * 1024


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public, read by other verifiers
    return response


@require_GET
def issuer(request):
    return _json(credentials.issuer_profile(request))


@require_GET
def key(request, kid):
    if kid != credentials.key_id():
        raise Http404
    return _json(credentials.key_document(request))


@learner_login_required
def download(request, code):
    """The holder's own credential file: to anyone else it does not exist."""
    completion = get_object_or_404(
        CourseCompletion.objects.select_related("user", "course"),
        certificate_code=code,
        user=request.user,
    )
    document = credentials.credential(completion, request)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = content_disposition_header(
        True, credentials.filename(completion)
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _parse(raw):
    if len(raw) > MAX_CREDENTIAL_BYTES:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, or nested past what Python parses
        return None


@csrf_exempt  # a public check with no session effect, for other sites' verifiers
@require_POST
def api_verify(request):
    """POST the credential JSON: answers its status, with the reason when it is not valid."""
    result = credentials.check(_parse(request.body), request)
    return _json(result.as_json())


@require_POST
def verify_file(request):
    """The verification page's form: a credential file uploaded or pasted."""
    upload = request.FILES.get("credential")
    raw = upload.read(MAX_CREDENTIAL_BYTES + 1) if upload else request.POST.get("text", "").encode()
    result = credentials.check(_parse(raw), request)
    context = {"asked": False, "credential_check": result}
    return render(request, "courses/certificates/verify.html", context)
