"""What a reader sees when a request cannot be served, and the refusal of unreadable input.

Each error page is light (`templates/errors/base.html`: no database, no navigation) and in
the reader's language, which the language prefix has already activated. A request whose
address holds control characters (a NUL cannot be stored, searched or shown) is refused
with 400 before any view reads it, and a body beyond DATA_UPLOAD_MAX_MEMORY_SIZE gets 413,
so hostile parameters never reach a view as a 500.
"""

import re

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpResponse
from django.template.loader import render_to_string

API_PATH = re.compile(r"^/[^/]+/api/")
MAX_QUERY_PARAMETERS = 200  # far beyond any link of the portal (search with every filter)
# C0 controls and DEL; tab, line feed and carriage return can come from a pasted text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseUnreadableInput:
    """400 for an address with control characters or hundreds of query parameters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = unreadable(request)
        if reason:
            raise BadRequest(reason)
        return self.get_response(request)


def unreadable(request):
    """Why the request's address cannot be read, or "" when it can."""
    if request.META.get("QUERY_STRING", "").count("&") >= MAX_QUERY_PARAMETERS:
        return "too many query parameters"
    texts = [request.path]
    # The API refuses such parameters itself, with its reason in JSON (portal/api.py).
    for name, values in () if API_PATH.match(request.path) else request.GET.lists():
        texts.append(name)
        texts.extend(values)
    if any(CONTROL_CHARACTERS.search(text) for text in texts):
        return "control character in the address"
    return ""


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
