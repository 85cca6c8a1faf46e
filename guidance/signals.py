"""Keep translation records and the glossary terms a page uses current when it is published."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from guidance.models import GlossaryTerm, GlossaryTermsMixin, LibraryPage
from guidance.models.glossary import refresh_glossary_usage
from guidance.models.translation_status import record_translations
from portal import page_cache


@receiver(page_published)
def record_translation_state(sender, instance, **kwargs):
    if isinstance(instance, LibraryPage):
        record_translations(instance)


@receiver(page_published)
def record_glossary_terms(sender, instance, **kwargs):
    if isinstance(instance, GlossaryTermsMixin):
        instance.record_glossary_terms()
        page_cache.content_changed()  # pages kept before the terms were stored are stale


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
