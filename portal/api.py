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
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
