"""The library's work for the task queue: PDFs typeset when a page is published."""

from celery import shared_task

from wagtail.models import Page

from guidance.models import LibraryPage
from guidance.pdf import typeset_ahead


@shared_task(autoretry_for=(OSError,), retry_backoff=5, retry_jitter=False, max_retries=3)
def typeset_page_pdfs(page_id):
    """Each language's PDF of a published library page, ready for its first reader.

    A page unpublished or deleted since it was queued has nothing to typeset.
    """
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if not isinstance(page, LibraryPage):
        return []
    return typeset_ahead(page)
