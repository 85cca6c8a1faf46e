"""Learners asking for the trainer role, and editors deciding.

`ask` records a request (one waiting at a time); `decide` approves or refuses it once,
under a row lock so two editors deciding at the same moment cannot both act; approval
adds the learner to the Trainers group. The learner is emailed the decision in the
language they asked in.
"""

from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.models.training import TrainerRoleRequest
from courses.permissions import TRAINERS, is_trainer


class AlreadyAsked(Exception):
    """The learner has a request waiting for a decision."""


class AlreadyDecided(Exception):
    """Someone decided this request already."""


def pending_request(user):
    return TrainerRoleRequest.objects.filter(user=user, state=TrainerRoleRequest.PENDING).first()


def latest_request(user):
    return TrainerRoleRequest.objects.filter(user=user).order_by("-requested_at", "-pk").first()


def may_ask(user):
    return user.is_authenticated and user.is_active and not is_trainer(user)


def ask(user, reason, language):
    """Record `user`'s request. Raises AlreadyAsked if one is waiting."""
    try:
        with transaction.atomic():
            return TrainerRoleRequest.objects.create(user=user, reason=reason, language=language)
    except IntegrityError:
        raise AlreadyAsked from None


def decide(role_request, approve, editor, reply, request):
    """Approve or refuse a waiting request, tell the learner. Raises AlreadyDecided."""
    with transaction.atomic():
        locked = TrainerRoleRequest.objects.select_for_update().get(pk=role_request.pk)
        if not locked.pending:
            raise AlreadyDecided
        locked.state = TrainerRoleRequest.APPROVED if approve else TrainerRoleRequest.REFUSED
        locked.decided_at = timezone.now()
        locked.decided_by = editor
        locked.reply = reply
        locked.save(update_fields=["state", "decided_at", "decided_by", "reply"])
        if approve:
            locked.user.groups.add(Group.objects.get_or_create(name=TRAINERS)[0])
        transaction.on_commit(lambda: send_decision(locked, request))
    return locked


def send_decision(role_request, request):
    with translation.override(role_request.language):
        context = {
            "role_request": role_request,
            "approved": role_request.state == TrainerRoleRequest.APPROVED,
            "training_url": request.build_absolute_uri(reverse("courses:training")),
            "request_url": request.build_absolute_uri(reverse("courses:trainer_request")),
        }
        subject = render_to_string("courses/training/emails/role_decision_subject.txt", context)
        body = render_to_string("courses/training/emails/role_decision_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [role_request.user.email])
