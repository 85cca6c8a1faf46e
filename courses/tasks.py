"""Training's work for the task queue: a certificate typeset as soon as it is earned."""

from celery import shared_task

from django.utils import translation

from courses.certificates import certificate_pdf
from courses.models.learning import CourseCompletion
from foundation.pdf import reader_request


@shared_task(autoretry_for=(OSError,), retry_backoff=5, retry_jitter=False, max_retries=3)
def typeset_certificate(completion_id):
    """The PDF of a new certificate, in the language the course was completed in, ready
    for the download that usually follows. Twice typesets nothing more (certificate_pdf
    keeps it); a certificate withdrawn meanwhile has nothing to typeset."""
    completion = (
        CourseCompletion.objects.select_related("user", "course").filter(pk=completion_id).first()
    )
    if completion is None:
        return False
    with translation.override(completion.language):
        certificate_pdf(completion, reader_request("/"))
    return True
