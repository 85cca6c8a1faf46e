"""Keep translation records and the glossary terms a page uses current when it is published,
have its PDFs typeset by the worker, and record significant changes.

`significant_change` is sent once a publish marked significant (or an edition newly
superseded) is recorded, with `page`, `change` (the GuidanceChange) and
`notes_by_language` ({"en": "...", "fr": "...", ...}, empty strings where no note was
written). Topic alerts connect to it; the library knows nothing of who listens.
"""

import logging

from celery import current_app

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Revision
from wagtail.signals import page_published

from foundation import page_cache
from guidance.models import (
    GlossaryTerm,
    GlossaryTermsMixin,
    GuidanceChange,
    LibraryPage,
    StandardPage,
)
from guidance.models.glossary import refresh_glossary_usage
from guidance.models.translation_status import record_translations

logger = logging.getLogger(__name__)

significant_change = Signal()


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


def _notes(page):
    return {
        code: getattr(page, build_localized_fieldname("change_note", code), "") or ""
        for code, _name in settings.LANGUAGES
    }


def _record_change(page, revision, kind, notes, superseded_by=None):
    fields = {build_localized_fieldname("note", code): note for code, note in notes.items()}
    change, created = GuidanceChange.objects.get_or_create(
        page=page,
        revision=revision,
        kind=kind,
        defaults={"changed_at": timezone.now(), "superseded_by": superseded_by, **fields},
    )
    if created:
        significant_change.send(
            sender=type(page), page=page, change=change, notes_by_language=notes
        )
    return change


@receiver(page_published)
def record_significant_change(sender, instance, revision=None, **kwargs):
    """A publish marked significant, or a standard's edition newly superseded, is recorded
    once; the mark and its notes are then cleared so the next publish starts unmarked."""
    if not isinstance(instance, LibraryPage):
        return
    notes = _notes(instance)
    if instance.significant_change:
        _record_change(instance, revision, GuidanceChange.SIGNIFICANT, notes)
    if isinstance(instance, StandardPage) and instance.superseded_by_id:
        already = GuidanceChange.objects.filter(
            page=instance,
            kind=GuidanceChange.SUPERSEDED,
            superseded_by_id=instance.superseded_by_id,
        ).exists()
        if not already:
            _record_change(
                instance,
                revision,
                GuidanceChange.SUPERSEDED,
                notes if instance.significant_change else dict.fromkeys(notes, ""),
                superseded_by=instance.superseded_by,
            )
    if instance.significant_change:
        cleared = {"significant_change": False} | {
            build_localized_fieldname("change_note", code): "" for code in notes
        }
        type(instance).objects.filter(pk=instance.pk).update(**cleared)
        if revision is not None:
            # The editor reopens this revision: it must not carry the mark to the next one.
            content = dict(revision.content) | cleared
            Revision.objects.filter(pk=revision.pk).update(content=content)
