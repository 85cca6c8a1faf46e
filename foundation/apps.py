from django.apps import AppConfig


class FoundationConfig(AppConfig):
    """The ground floor every page app builds on: the translated base page and its helpers.

    Nothing here imports guidance, courses, search, alerts or portal (tests/test_layers.py).
    """

    name = "foundation"
    verbose_name = "Foundation"

    def ready(self):
        from foundation import page_cache  # noqa: F401 - connects its signal receivers
