"""Recertification: a certificate holder renewing it by a shorter path than the course.

One per certificate, recorded against the completion it renews. It holds which lessons
of the path the learner has done again; once all are, the new certificate is issued
(`certificate`) and the old completion is marked superseded. `courses.recertification`
works out the path and writes these.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Recertification(models.Model):
    completion = models.OneToOneField(
        "courses.CourseCompletion",
        on_delete=models.CASCADE,
        related_name="recertification",
        verbose_name=_("certificate renewed"),
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    # Ids of the lessons done again, as the learner did them.
    lessons_done = models.JSONField(_("lessons done again"), default=list, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    certificate = models.OneToOneField(
        "courses.CourseCompletion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renews",
        verbose_name=_("new certificate"),
    )

    class Meta:
        verbose_name = _("recertification")
        verbose_name_plural = _("recertifications")

    def __str__(self):
        return f"{self.completion_id} → {self.certificate_id or '…'}"
