"""The library's work for the task queue: PDFs typeset when a page is published."""

from celery import shared_task

from wagtail.models import Page

from foundation.pdf import typeset_ahead
from guidance.models import LibraryPage


@shared_task(autoretry_for=(OSError,), retry_backoff=5, retry_jitter=False, max_retries=3)
def typeset_page_pdfs(page_id):
    """Each language's PDF of a published library page, ready for its first reader.

    A page unpublished or deleted since it was queued has nothing to typeset.
    """
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if not isinstance(page, LibraryPage):
        return []
    return typeset_ahead(page)


@shared_task(autoretry_for=(OSError,), retry_backoff=5, retry_jitter=False, max_retries=3)
def rebuild_offline_packs(theme_page_id):
    """Rebuild the stale packs of a theme page, in each language that has one."""
    from django.conf import settings

    from guidance.models import ThemePage
    from guidance.offline.packs import build_pack, pack_facts

    theme_page = ThemePage.objects.live().public().filter(pk=theme_page_id).first()
    if theme_page is None:
        return []
    rebuilt = []
    for language, _name in settings.LANGUAGES:
        facts = pack_facts(theme_page, language)
        if facts and not facts["current"]:
            build_pack(theme_page, language)
            rebuilt.append(language)
    return rebuilt
