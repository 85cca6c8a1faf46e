"""Email learners whose certificate expires soon, once per certificate (run it daily)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.models.learning import CourseCompletion
from courses.recertification import path_for
from courses.tracking import profile_of


class Command(BaseCommand):
    help = (
        "Email each learner whose certificate expires within the next days, in their "
        "language. A certificate is reminded of once: running it again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CERTIFICATE_REMINDER_DAYS,
            help="Remind of certificates that expire within this many days "
            "(default: CERTIFICATE_REMINDER_DAYS, 30).",
        )

    def handle(self, *args, days, **options):
        now = timezone.now()
        due = CourseCompletion.objects.current().filter(
            valid_until__gt=now,
            valid_until__lte=now + timedelta(days=days),
            expiry_reminded_at__isnull=True,
            withdrawn_at__isnull=True,
        ).select_related("user", "course")
        sent = 0
        for completion in due.iterator():
            # Claimed before sending: two runs at once send one email, not two.
            claimed = CourseCompletion.objects.filter(
                pk=completion.pk, expiry_reminded_at__isnull=True
            ).update(expiry_reminded_at=now)
            if claimed and completion.user.email:
                self._send(completion)
                sent += 1
        self.stdout.write(f"{sent} reminder(s) sent.")

    def _send(self, completion):
        profile = profile_of(completion.user)
        language = profile.preferred_language if profile else completion.language
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        # The shorter path, when one is offered, spares the learner the whole course.
        recertification = path_for(completion)
        with translation.override(language):
            context = {
                "completion": completion,
                "course_title": completion.title,
                "valid_until": completion.valid_until,
                "certificate_url": base
                + reverse("courses:certificate", args=[completion.certificate_code]),
                "recertification": recertification,
                "course_url": completion.course.get_full_url() if recertification else "",
            }
            subject = render_to_string("courses/certificates/emails/expiry_subject.txt", context)
            body = render_to_string("courses/certificates/emails/expiry_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [completion.user.email])
