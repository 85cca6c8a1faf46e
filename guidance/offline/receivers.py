"""A page published or unpublished makes its theme's packs stale; a worker rebuilds them."""

import logging

from celery import current_app

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from guidance.offline.packs import mark_stale, theme_pages_for

logger = logging.getLogger(__name__)


@receiver(page_published, dispatch_uid="offline_packs_published")
@receiver(page_unpublished, dispatch_uid="offline_packs_unpublished")
def packs_out_of_date(sender, instance, **kwargs):
    """Mark now; rebuild with a worker. Without one (tasks run eagerly) the next download
    rebuilds, as publishing must not wait for six languages of PDFs."""
    for theme_page in theme_pages_for(instance.specific):
        mark_stale(theme_page)
        if current_app.conf.task_always_eager:
            continue

        def queue(theme_page_id=theme_page.pk):
            try:
                current_app.send_task("guidance.tasks.rebuild_offline_packs", args=[theme_page_id])
            except Exception:  # noqa: BLE001 - the broker is down: the next download rebuilds
                logger.warning("Packs of theme page %s not queued", theme_page_id, exc_info=True)

        transaction.on_commit(queue)
