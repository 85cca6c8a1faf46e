"""Withdraw a learner's certificates when their account goes, however it is deleted."""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from courses.models import CourseCompletion, WithdrawnCertificate


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
