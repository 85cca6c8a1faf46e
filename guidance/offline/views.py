"""The download of a theme's offline pack in the reader's language."""

from django.http import FileResponse, Http404
from django.utils import translation
from django.views.decorators.http import require_safe

from guidance.models import ThemePage
from guidance.offline.packs import current_pack, pack_path


@require_safe
def download_pack(request, key):
    """Only a live theme page anyone may read has a pack; a stale pack is rebuilt first."""
    theme_page = ThemePage.objects.live().public().filter(theme__key=key).first()
    if theme_page is None:
        raise Http404
    language = translation.get_language()
    current_pack(theme_page, language)
    return FileResponse(
        pack_path(theme_page, language).open("rb"),
        as_attachment=True,
        filename=f"{key}-{language}.zip",
        content_type="application/zip",
    )
