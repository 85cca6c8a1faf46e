"""Documents reach readers only through Wagtail's document view, never from /media/.

Wagtail's view checks the privacy of the document's collection on every request. Around it,
every file leaves as a download (WAGTAILDOCS_INLINE_CONTENT_TYPES is empty) with
`nosniff` and a sandboxing Content-Security-Policy: even a file that is really HTML behind
an allowed extension cannot run script on the portal's origin if a browser opens it.
Uploads are limited to the types in WAGTAILDOCS_EXTENSIONS (settings).
"""

from django.urls import path, re_path

from wagtail.documents.views import serve as wagtail_serve

# A download needs nothing from the page: no script, no style, no plug-in, no form.
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def serve(request, document_id, document_filename):
    response = wagtail_serve.serve(request, document_id, document_filename)
    disposition = response.get("Content-Disposition")
    if disposition is not None:  # the file itself, not a sign-in step
        if disposition.startswith("inline"):  # WAGTAILDOCS_INLINE_CONTENT_TYPES, if set again
            response["Content-Disposition"] = "attachment" + disposition[len("inline") :]
        response["Content-Security-Policy"] = DOCUMENT_POLICY
        response["X-Content-Type-Options"] = "nosniff"
    return response


# Wagtail's document URLs under their own names, so `document.url` leads here.
urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        wagtail_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
