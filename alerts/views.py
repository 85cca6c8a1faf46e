"""Subscribing, confirming and unsubscribing: no account, no JavaScript.

The subscribe form answers the same whatever the address (new, pending or subscribed),
and mails at most one confirmation per address per day, so it cannot be used to flood an
address or to learn whether it is subscribed. It is also limited per client address.
It takes no CSRF token: forging it achieves only what the form does for anyone (a
confirmation mail, within those limits), and without a token the theme pages that carry
it stay in the page cache.
"""

from django.db import transaction
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from alerts.emails import send_confirmation
from alerts.forms import SubscribeForm
from alerts.models import Subscription
from alerts.tokens import read_confirmation, read_unsubscribe
from foundation.throttles import Throttle, message, too_many
from guidance.models import Theme

SUBSCRIBE = Throttle("alerts-subscribe", per_account="3/d", per_client="20/h")


@csrf_exempt
@never_cache
def subscribe(request):
    if request.method != "POST":
        initial = {"themes": request.GET.getlist("theme")}
        return render(request, "alerts/subscribe.html", {"form": SubscribeForm(initial=initial)})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    if wait := SUBSCRIBE.wait(request, email):
        form.add_error(None, message(wait))
        return too_many(render(request, "alerts/subscribe.html", {"form": form}), wait)
    SUBSCRIBE.count(request, email)
    with transaction.atomic():
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            email=email, defaults={"language": translation.get_language()}
        )
        if not subscription.confirmation_sent_today:
            subscription.confirmation_sent_at = timezone.now()
            subscription.save(update_fields=["confirmation_sent_at"])
            send_confirmation(
                email,
                list(form.cleaned_data["themes"]),
                form.cleaned_data["frequency"],
                translation.get_language(),
            )
    return render(request, "alerts/check_mail.html")


@csrf_exempt  # the signed token is the authority; mail clients post without a form
@never_cache
def confirm(request, token):
    """GET shows one button (so a mail scanner following links confirms nothing); POST
    confirms."""
    data = read_confirmation(token)
    if data is None:
        return render(request, "alerts/invalid_link.html", status=400)
    if request.method != "POST":
        return render(request, "alerts/confirm.html", {"action": "confirm"})
    with transaction.atomic():
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            email=data["e"], defaults={"language": data["l"]}
        )
        subscription.language = data["l"]
        subscription.frequency = data["f"]
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
        subscription.save()
        subscription.themes.add(*Theme.objects.filter(pk__in=data["t"]))
    return render(request, "alerts/done.html", {"action": "confirm", "subscription": subscription})


@csrf_exempt  # RFC 8058 one-click: the mail client posts "List-Unsubscribe=One-Click"
@never_cache
def unsubscribe(request, token):
    data = read_unsubscribe(token)
    if data is None:
        return render(request, "alerts/invalid_link.html", status=400)
    if request.method != "POST":
        return render(request, "alerts/confirm.html", {"action": "unsubscribe"})
    # Deleting the row forgets the address entirely; a stale link finds nothing to delete.
    Subscription.objects.filter(pk=data["s"], email=data["e"]).delete()
    return render(request, "alerts/done.html", {"action": "unsubscribe"})
