"""What a reader sees when a request cannot be served, and the refusal of unreadable input.

Each error page is light (`templates/errors/base.html`: no database, no navigation) and in
the reader's language, which the language prefix has already activated. A request whose
address holds control characters (a NUL cannot be stored, searched or shown) is refused
with 400 before any view reads it, and a body beyond DATA_UPLOAD_MAX_MEMORY_SIZE gets 413,
so hostile parameters never reach a view as a 500.
"""

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpResponse
from django.template.loader import render_to_string

from foundation.addresses import unreadable


class RefuseUnreadableInput:
    """400 for an address with control characters or hundreds of query parameters
    (foundation/addresses.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = unreadable(request)
        if reason:
            raise BadRequest(reason)
        return self.get_response(request)


def error_page(status):
    # Rendered without the request's context: a context processor may be what failed.
    return HttpResponse(render_to_string(f"{status}.html"), status=status)


def bad_request(request, exception):
    return error_page(413 if isinstance(exception, RequestDataTooBig) else 400)


def permission_denied(request, exception):
    return error_page(403)


def too_many_requests(request, exception=None):
    """For the throttles (RATELIMIT_VIEW, AXES_LOCKOUT_CALLABLE) to answer the same way."""
    return error_page(429)


def server_error(request):
    return error_page(500)
