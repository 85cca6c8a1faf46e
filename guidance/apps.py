from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Guidance library")

    def ready(self):
        from foundation import page_views
        from guidance import signals  # noqa: F401 - connects the receivers
        from guidance.models.usage import flush_page_views
        from guidance.offline import receivers  # noqa: F401 - packs go stale on publish

        # On a cache only this process sees, this process writes its counts itself.
        page_views.register_flusher(flush_page_views)
