"""Record what subscribers are to be told: a library page's first publish, and each
significant change (guidance.signals.significant_change: a publish an editor marked
significant, with its note in each language, or a standard's edition superseded)."""

from django.dispatch import receiver

from wagtail.signals import page_published

from alerts.models import AlertItem
from guidance.models import LibraryPage
from guidance.signals import significant_change


def _public(page):
    return not page.get_view_restrictions().exists()


def _record(page, kind, notes=None):
    themes = list(page.themes.all())
    if not themes or not _public(page):
        return None
    item = AlertItem.objects.create(page=page, kind=kind, notes=notes or {})
    item.themes.set(themes)
    return item


def record_significant_change(page, notes_by_language):
    """Tell the subscribers of `page`'s themes, in their next digest, that it changed.

    `notes_by_language`: {"en": "The referral steps were revised.", "fr": ...}; a
    subscriber whose language has no note gets the English one. Call it once per
    significant publish. Returns the AlertItem, or None for a page without themes or
    not public (nothing to tell).
    """
    notes = {
        code: text.strip() for code, text in notes_by_language.items() if text and text.strip()
    }
    return _record(page.specific, AlertItem.Kind.CHANGED, notes)


@receiver(page_published)
def record_first_publish(sender, instance, **kwargs):
    if not isinstance(instance, LibraryPage):
        return
    first = instance.first_published_at == instance.last_published_at
    if first and not AlertItem.objects.filter(page=instance, kind=AlertItem.Kind.NEW).exists():
        _record(instance, AlertItem.Kind.NEW)


@receiver(significant_change)
def tell_subscribers_of_a_significant_change(sender, page, notes_by_language, **kwargs):
    record_significant_change(page, notes_by_language)
