"""Whether a request's address can be read at all: no control characters (a NUL cannot be
stored, searched or shown) and no more than a few hundred query parameters.

`portal.errors.RefuseUnreadableInput` answers such an address with 400 before any view
reads it; `search.middleware.SendSearchEarly`, which runs before it, sends no search for
one; the API refuses control characters itself, with its reason in JSON (portal/api.py).
"""

import re

API_PATH = re.compile(r"^/[^/]+/api/")
MAX_QUERY_PARAMETERS = 200  # far beyond any link of the portal (search with every filter)
# C0 controls and DEL; tab, line feed and carriage return can come from a pasted text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unreadable(request):
    """Why the request's address cannot be read, or "" when it can."""
    if request.META.get("QUERY_STRING", "").count("&") >= MAX_QUERY_PARAMETERS:
        return "too many query parameters"
    texts = [request.path]
    for name, values in () if API_PATH.match(request.path) else request.GET.lists():
        texts.append(name)
        texts.extend(values)
    if any(CONTROL_CHARACTERS.search(text) for text in texts):
        return "control character in the address"
    return ""
