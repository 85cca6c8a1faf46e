from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Guidance library")

    def ready(self):
        from guidance import signals  # noqa: F401 - connects the receivers
