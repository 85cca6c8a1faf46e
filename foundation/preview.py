"""Preview a page in any of the six languages from the admin's preview panel."""

from django.conf import settings
from django.utils import translation


class LanguagePreviewMixin:
    """One preview mode per language, so an editor sees the Arabic page right to left,
    the French page with its French interface, and a missing translation as readers will."""

    @property
    def preview_modes(self):
        return [(code, name) for code, name in settings.LANGUAGES]

    @property
    def default_preview_mode(self):
        current = translation.get_language()
        codes = [code for code, _name in settings.LANGUAGES]
        return current if current in codes else settings.LANGUAGE_CODE

    def serve_preview(self, request, mode_name):
        # Render inside the language: the preview handler would render after we return.
        with translation.override(mode_name):
            request.LANGUAGE_CODE = mode_name
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        return response


def live_pages(relation):
    """The live pages a many-to-many field of a page points to.

    On a page rebuilt from a revision (previews, a reviewer's view of a submitted change)
    the relation is an in-memory list without `.live()`; this works on both.
    """
    ids = relation.values_list("id", flat=True)
    return relation.model.objects.filter(pk__in=ids).live()
