"""Keep translation records current whenever a library page is published."""

from django.dispatch import receiver

from wagtail.signals import page_published

from guidance.models import LibraryPage
from guidance.models.translation_status import record_translations


@receiver(page_published)
def record_translation_state(sender, instance, **kwargs):
    if isinstance(instance, LibraryPage):
        record_translations(instance)
