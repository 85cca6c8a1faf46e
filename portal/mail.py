"""An email backend that hands each message to the task queue (portal.tasks.send_email).

Readers and editors never wait on the mail server: the request queues the message and
the worker sends it through TASK_EMAIL_BACKEND, retrying with growing pauses while the
server does not answer. Verification, password reset, trainers' invitations and the
review workflow's notifications all go through here, since Django and Wagtail send
through EMAIL_BACKEND.
"""

from django.core.mail.backends.base import BaseEmailBackend

from portal.tasks import send_email, serialise


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for email in email_messages:
            if not email.recipients():
                continue
            send_email.delay(serialise(email))
            queued += 1
        return queued
