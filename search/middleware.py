"""The search page's search, sent to Elasticsearch before the rest of the request is handled."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from search import views


class SendSearchEarly:
    """Send a reader's search as soon as the request is known to be one and its address
    readable (below portal.errors.RefuseUnreadableInput), so that CSRF, authentication,
    messages, redirects and URL resolving run while Elasticsearch works rather than before
    it is asked. The view takes the search from the request (views.send_search).

    A request that ends before its view reads the results gives the search up.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def __call__(self, request):
        language = translation.get_language()
        if request.method != "GET" or request.path_info != self._search_path(language):
            return self.get_response(request)
        _search, pending = views.send_search(request, language)
        try:
            return self.get_response(request)
        finally:
            if pending is not None:
                pending.discard()

    def _search_path(self, language):
        if self._paths is None:  # the URLconf is loaded after the middleware
            self._paths = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    self._paths[code] = reverse("search:search")
        return self._paths.get(language)
