"""Tasks every app may queue: sending an email, running a management command on a schedule."""

import logging
from email.mime.base import MIMEBase
from email.utils import make_msgid

from celery import shared_task

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.utils import DNS_NAME
from django.core.management import call_command, get_commands

logger = logging.getLogger(__name__)
SENT_KEY = "mail-sent:{}"
SENT_REMEMBERED = 7 * 24 * 3600  # longer than any retry lasts


@shared_task(
    autoretry_for=(OSError,),  # the mail server refused or did not answer (SMTP errors too)
    retry_backoff=30,  # 30 s, 1 min, 2 min ... then every 30 min, for about four hours
    retry_backoff_max=1800,  # below the broker's visibility timeout (one hour)
    retry_jitter=False,
    max_retries=12,
)
def send_email(message):
    """Send one message queued by portal.mail.QueuedEmailBackend, once.

    The message's Message-ID says whether it went already: a task run twice (a worker
    lost after sending, a retry) does not mail the reader twice.
    """
    key = SENT_KEY.format(message["message_id"])
    if cache.get(key):
        logger.info("Email %s was sent already", message["message_id"])
        return 0
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers={**message["headers"], "Message-ID": message["message_id"]},
        alternatives=[tuple(pair) for pair in message["alternatives"]],
        connection=get_connection(settings.TASK_EMAIL_BACKEND),
    )
    for name, content, mimetype in message["attachments"]:
        email.attach(name, content, mimetype)
    sent = email.send()
    cache.set(key, 1, SENT_REMEMBERED)
    return sent


def serialise(email):
    """An EmailMessage as plain JSON for the queue; only text attachments are supported."""
    attachments = []
    for attachment in email.attachments:
        if isinstance(attachment, MIMEBase):
            raise ValueError("Queued emails carry text attachments only")
        name, content, mimetype = attachment
        if isinstance(content, bytes):
            raise ValueError("Queued emails carry text attachments only")
        attachments.append([name, content, mimetype])
    return {
        "subject": str(email.subject),
        "body": str(email.body),
        "from_email": email.from_email,
        "to": list(email.to),
        "cc": list(email.cc),
        "bcc": list(email.bcc),
        "reply_to": list(email.reply_to),
        "headers": {name: str(value) for name, value in email.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(email, "alternatives", [])
        ],
        "attachments": attachments,
        # Chosen once, here: it is how a second run of the task knows the message went.
        "message_id": email.extra_headers.get("Message-ID") or make_msgid(domain=DNS_NAME),
    }


@shared_task
def run_command(name, *args):
    """A management command on the worker's schedule (settings.CELERY_BEAT_SCHEDULE).

    Named, not imported, so a schedule can list a command another app provides; a
    command that is not there is said once per run, plainly, and nothing fails.
    """
    if name not in get_commands():
        logger.warning("Scheduled command %r is not a management command here: skipped", name)
        return False
    logger.info("Running the scheduled command %s", name)
    call_command(name, *args)
    return True
