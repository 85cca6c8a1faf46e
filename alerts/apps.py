from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Topic alerts")

    def ready(self):
        from alerts import signals  # noqa: F401 - connects the receivers
