"""The read-only content API (Wagtail API v2), mounted under each language prefix.

`/fr/api/v2/pages/` answers with the French fields (English where a field is not
translated), because the language prefix activates the language before the API runs.

What an anonymous reader cannot open, the API does not list:
- pages: Wagtail serves only live pages and leaves out every page under a view
  restriction the request does not satisfy (a login-restricted page is visible to a
  signed-in reader, as on the site itself);
- images and documents: Wagtail leaves out those in collections under a view
  restriction the request does not satisfy, the same rule the document serve view
  applies (WAGTAILDOCS_SERVE_METHOD = "serve_view").

Whatever is typed into its parameters, the API answers 400 with a message rather than
passing to the database or the search backend what they cannot take (a NUL character,
a number beyond a database integer, hundreds of search words, an unknown operator).
"""

import re

from django.http import Http404

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from foundation.addresses import CONTROL_CHARACTERS

MAX_QUERY_LENGTH = 200  # as the search page
LARGEST_ID = 2**31 - 1  # the database's integer columns (ids, depth, offsets that mean anything)
MAX_SEARCH_WORDS = 32  # each word is a clause; hundreds of them exhaust the query builder
SEARCH_OPERATORS = {"and", "or"}
WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def check_parameters(query):
    """Raise BadRequestError, with a message for the caller, for a parameter no API call uses."""
    for name, values in query.lists():
        for value in [name, *values]:
            if CONTROL_CHARACTERS.search(value):
                raise BadRequestError(f"'{name}' contains a control character")
            if WHOLE_NUMBER.fullmatch(value.strip()) and abs(int(value)) > LARGEST_ID:
                raise BadRequestError(f"'{name}' must be a number below {LARGEST_ID + 1}")
    search = query.get("search", "")
    if len(search) > MAX_QUERY_LENGTH:
        raise BadRequestError(f"search is limited to {MAX_QUERY_LENGTH} characters")
    if len(search.split()) > MAX_SEARCH_WORDS:
        raise BadRequestError(f"search is limited to {MAX_SEARCH_WORDS} words")
    operator = query.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")


class CheckedParametersMixin:
    """Checks every query parameter before Wagtail's filters read them."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request.GET)
        if int(kwargs.get("pk", 0)) > LARGEST_ID:
            raise Http404("not found")


class PortalPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    pass


class PortalImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
