"""Build the offline packs (ZIP) of every theme, or one theme, in every language or one."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from guidance.models import ThemePage
from guidance.offline.packs import build_pack


class Command(BaseCommand):
    help = "Build the offline pack of each live, public theme page in each language."

    def add_arguments(self, parser):
        parser.add_argument("--theme", metavar="KEY", help="Only the theme with this key.")
        parser.add_argument(
            "--language",
            metavar="CODE",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Only this language (en, fr, es, ar, ru, zh-hans).",
        )

    def handle(self, *args, theme=None, language=None, **options):
        theme_pages = ThemePage.objects.live().public().select_related("theme").order_by("path")
        if theme:
            theme_pages = theme_pages.filter(theme__key=theme)
            if not theme_pages:
                raise CommandError(f"No live, public theme page has the theme {theme!r}.")
        languages = [language] if language else [code for code, _name in settings.LANGUAGES]

        def progress(number, total, page):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {number}/{total} {page.title}")

        for theme_page in theme_pages:
            for code in languages:
                self.stdout.write(f"{theme_page.theme.key} [{code}]…")
                facts = build_pack(theme_page, code, progress=progress)
                self.stdout.write(f"  {filesizeformat(facts['size'])}")
        self.stdout.write(self.style.SUCCESS("Offline packs built."))
