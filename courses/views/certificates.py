"""Certificates: the holder's page and PDF, and the public verification page.

The holder (or a manager with `courses.view_coursecompletion`) opens a certificate; to
anyone else it does not exist (404), so a code seen over a shoulder opens nothing but the
verification page. That page confirms the name, course, date, language, whether the
course was completed online or recorded by a trainer, the expiry and the versions of the
guidance the certificate covered, and nothing else. Codes that match
nothing are counted per client (and per account when signed in): a run of them stops the
lookups for a while (`foundation.throttles`).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header

from courses.certificates import (
    certificate_context,
    certificate_pdf,
    holder_name,
    normalise_code,
    pdf_filename,
)
from courses.credentials import status_of
from courses.guidance_versions import changes_since_completion
from courses.models.learning import CourseCompletion, WithdrawnCertificate
from courses.permissions import may_view_certificate
from courses.recertification import path_for, replacement_of
from courses.views import learner_login_required
from foundation import throttles


def _own_certificate(request, code):
    completion = (
        CourseCompletion.objects.select_related("user", "course")
        .filter(certificate_code=code)
        .first()
    )
    if completion is None or not may_view_certificate(request.user, completion):
        raise Http404
    return completion


@learner_login_required
def certificate(request, code):
    completion = _own_certificate(request, code)
    context = certificate_context(completion, request)
    context["guidance_changes"] = changes_since_completion(completion)
    context["superseded_at"] = completion.superseded_at
    if completion.superseded:
        context["replacement"] = replacement_of(completion)
    elif completion.user_id == request.user.pk:
        # Only the holder recertifies: a manager opening the page sees no path.
        context["recertification"] = path_for(completion)
    response = render(request, "courses/certificates/certificate.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@learner_login_required
def certificate_download(request, code):
    completion = _own_certificate(request, code)
    response = HttpResponse(certificate_pdf(completion, request), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, pdf_filename(completion))
    response["Cache-Control"] = "private, no-store"
    return response


def _account(request):
    return request.user.email if request.user.is_authenticated else None


def _unknown(request, code):
    throttles.CERTIFICATE_CODES.count(request, _account(request))
    context = {"asked": True, "code": code}
    return render(request, "courses/certificates/verify.html", context, status=404)


def verify(request, code=None):
    """The form to type a code, and what a code confirms."""
    typed = request.GET.get("code") if code is None else code
    if typed is None:
        return render(request, "courses/certificates/verify.html", {"asked": False})
    if wait := throttles.CERTIFICATE_CODES.wait(request, _account(request)):
        context = {"asked": False, "code": typed, "refusal": throttles.message(wait)}
        response = render(request, "courses/certificates/verify.html", context)
        return throttles.too_many(response, wait)
    if code is None:
        normalised = normalise_code(typed)
        if normalised is not None:
            return redirect("courses:verify_certificate", code=normalised)
        return _unknown(request, typed)
    normalised = normalise_code(code)
    if normalised is not None and normalised != code:
        return redirect("courses:verify_certificate", code=normalised)
    context = {"asked": True, "code": code}
    completion = (
        CourseCompletion.objects.select_related("user", "course")
        .filter(certificate_code=code)
        .first()
    )
    if completion is not None:
        language = translation.get_language_info(completion.language)
        standing = status_of(completion)
        context.update(
            valid=standing.status == "valid",
            standing=standing,
            valid_until=completion.valid_until,
            holder_name=holder_name(completion),
            course_title=completion.title,
            completed_on=completion.completed_at,
            language_name=language["name_translated"],
            how=completion.get_how_display(),
            guidance_versions=completion.guidance_versions,
        )
        if standing.status == "superseded":
            context["replacement"] = replacement_of(completion)
        return render(request, "courses/certificates/verify.html", context)
    withdrawn = WithdrawnCertificate.objects.filter(code=code).first()
    if withdrawn is not None:
        context.update(withdrawn=withdrawn)
        return render(request, "courses/certificates/verify.html", context, status=410)
    return _unknown(request, code)
