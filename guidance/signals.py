"""Keep translation records and the glossary terms a page uses current when it is published,
and have its PDFs typeset by the worker."""

import logging

from celery import current_app

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from guidance.models import GlossaryTerm, GlossaryTermsMixin, LibraryPage
from guidance.models.glossary import refresh_glossary_usage
from guidance.models.translation_status import record_translations
from portal import page_cache

logger = logging.getLogger(__name__)


@receiver(page_published)
def record_translation_state(sender, instance, **kwargs):
    if isinstance(instance, LibraryPage):
        record_translations(instance)


@receiver(page_published)
def record_glossary_terms(sender, instance, **kwargs):
    if isinstance(instance, GlossaryTermsMixin):
        instance.record_glossary_terms()
        page_cache.content_changed()  # pages kept before the terms were stored are stale


@receiver(page_published)
def typeset_pdfs(sender, instance, **kwargs):
    """With a worker, each language's PDF is ready before the first reader asks. Without
    one (the embedded default) the first reader's download typesets it, as publishing
    must not wait seconds per language."""
    if not isinstance(instance, LibraryPage) or current_app.conf.task_always_eager:
        return

    def queue():
        try:
            current_app.send_task("guidance.tasks.typeset_page_pdfs", args=[instance.pk])
        except Exception:  # noqa: BLE001 - the broker is down: the first reader typesets it
            logger.warning("PDFs of page %s not queued", instance.pk, exc_info=True)

    transaction.on_commit(queue)


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def glossary_changed(sender, **kwargs):
    """A term added, renamed or removed: every page works its terms out again now, once the
    change is saved, rather than on its next reader's request (then pages kept for readers
    are out of date: they list terms)."""

    def refresh():
        refresh_glossary_usage()
        page_cache.content_changed()

    transaction.on_commit(refresh)
