"""The search page's search, sent to Elasticsearch before the rest of the request is handled."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from foundation.addresses import unreadable
from search import views


class SendSearchEarly:
    """Send a reader's search as soon as the request is known to be one: near the top of
    the middleware, so that the page cache's look-up, sessions, CSRF, authentication,
    messages, redirects and URL resolving run while Elasticsearch works rather than before
    it is asked. The language is the address's prefix, as LocaleMiddleware will find it;
    an address portal.errors.RefuseUnreadableInput will refuse (foundation/addresses.py) is
    not sent. The view
    takes the search from the request (views.send_search).

    A request that ends before its view reads the results gives the search up.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def __call__(self, request):
        if request.method != "GET" or not self._is_search(request.path_info):
            return self.get_response(request)
        if unreadable(request):
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        _search, pending = views.send_search(request, language)
        try:
            return self.get_response(request)
        finally:
            if pending is not None:
                pending.discard()

    def _is_search(self, path):
        if self._paths is None:  # the URLconf is loaded after the middleware
            paths = set()
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    paths.add(reverse("search:search"))
            self._paths = paths
        return path in self._paths
