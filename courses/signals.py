"""Withdraw a learner's certificates when their account goes, however it is deleted; have
a new certificate typeset by the worker."""

import logging

from celery import current_app

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from courses.credentials import expiry_of
from courses.models.learning import CourseCompletion, WithdrawnCertificate

logger = logging.getLogger(__name__)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def withdraw_certificates(sender, instance, **kwargs):
    # The completions go with the user (cascade); their codes stay, so the public
    # verification page can say "withdrawn" instead of "never issued".
    codes = CourseCompletion.objects.filter(user=instance).values_list(
        "certificate_code", flat=True
    )
    WithdrawnCertificate.objects.bulk_create(
        [WithdrawnCertificate(code=code) for code in codes], ignore_conflicts=True
    )


@receiver(pre_save, sender=CourseCompletion)
def set_certificate_expiry(sender, instance, **kwargs):
    """A new certificate takes its expiry from the course's validity period, once."""
    if instance._state.adding and instance.valid_until is None:
        instance.valid_until = expiry_of(instance)


@receiver(post_save, sender=CourseCompletion)
def typeset_certificate(sender, instance, created, **kwargs):
    """With a worker, the PDF is ready before the learner asks for it. Without one (the
    embedded default) the download typesets it: completing must not wait on it."""
    if not created or current_app.conf.task_always_eager:
        return

    def queue():
        try:
            current_app.send_task("courses.tasks.typeset_certificate", args=[instance.pk])
        except Exception:  # noqa: BLE001 - the broker is down: the download typesets it
            logger.warning("Certificate %s not queued for typesetting", instance.pk, exc_info=True)

    transaction.on_commit(queue)
