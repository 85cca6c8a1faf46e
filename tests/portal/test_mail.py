"""With a task queue, email goes through the worker: sent once, with every part kept."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives, get_connection

from portal.tasks import send_email, serialise


def test_a_queued_message_arrives_whole_and_a_second_run_does_not_send_it_again(settings):
    settings.TASK_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = EmailMultiAlternatives(
        subject="Confirm your email address",
        body="Open this link: https://portal.example.org/en/accounts/verify/abc/",
        to=["learner@example.org"],
        reply_to=["help@example.org"],
    )
    message.attach_alternative(
        "<p>Open <a href='https://portal.example.org/'>this link</a></p>", "text/html"
    )

    # The backend queues; the worker (here, in this process) sends.
    assert get_connection("portal.mail.QueuedEmailBackend").send_messages([message]) == 1

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Confirm your email address"
    assert sent.to == ["learner@example.org"] and sent.reply_to == ["help@example.org"]
    assert sent.alternatives[0][1] == "text/html"
    assert "this link</a>" in sent.alternatives[0][0]

    # The same task again (a retry, a worker lost after sending): nobody is mailed twice.
    queued = serialise(message)
    assert send_email(queued) == 1
    assert send_email(queued) == 0
    assert len(mail.outbox) == 2
