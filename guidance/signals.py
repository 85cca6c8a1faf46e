"""Keep translation records and the glossary terms a page uses current when it is published."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from guidance.models import GlossaryTerm, GlossaryTermsMixin, GlossaryUsage, LibraryPage
from guidance.models.translation_status import record_translations


@receiver(page_published)
def record_translation_state(sender, instance, **kwargs):
    if isinstance(instance, LibraryPage):
        record_translations(instance)


@receiver(page_published)
def record_glossary_terms(sender, instance, **kwargs):
    if isinstance(instance, GlossaryTermsMixin):
        instance.record_glossary_terms()


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def glossary_changed(sender, **kwargs):
    """A term added, renamed or removed: each page works its terms out again when next read."""
    GlossaryUsage.objects.all().delete()
