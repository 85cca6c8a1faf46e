"""Import guidance from HTML files: all the files become pages, or none does."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guidance.library_import.documents import parse_document
from guidance.library_import.html_tree import MAX_FILE_BYTES, ImportRejected, Problem
from guidance.library_import.pages import ImportTargetError, check_target, save_documents
from guidance.models import GuidancePage, ThemePage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Command(BaseCommand):
    help = (
        "Import guidance pages from HTML files into a theme, in one language. Headings, "
        "paragraphs, lists, tables, quotes and http/https/mailto/tel links are kept; "
        "everything else is sanitised away. Every file is checked before anything is "
        "written: if one file cannot be imported, no page is created. New pages are drafts "
        "unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="HTML files in UTF-8, at most 2 MB each; one page is made from each file.",
        )
        parser.add_argument(
            "--theme",
            metavar="KEY",
            help=(
                "The theme the pages go under: a theme key (e.g. 'identification') or the "
                "id of its theme page. Required unless --update is given."
            ),
        )
        parser.add_argument(
            "--language",
            required=True,
            choices=LANGUAGE_CODES,
            help=(
                "The language the files are written in. New pages are created in "
                f"'{settings.LANGUAGE_CODE}'; any other language needs --update."
            ),
        )
        parser.add_argument(
            "--update",
            metavar="PAGE_ID",
            type=int,
            help=(
                "Add the language of one file to this existing guidance page instead of "
                "creating a page (for translations; the page must not have that language yet)."
            ),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the pages (or the translation) at once instead of saving a draft.",
        )

    def handle(self, *args, files, theme, language, update, publish, **options):
        if language != settings.LANGUAGE_CODE and update is None:
            raise CommandError(
                f"New pages are created in '{settings.LANGUAGE_CODE}', which every page needs. "
                f"To import '{language}', add it to the existing page with --update PAGE_ID."
            )
        parent = find_theme_page(theme) if theme else None
        page = find_guidance_page(update) if update is not None else None
        try:
            check_target(language, parent=parent, page=page, count=len(files))
        except ImportTargetError as error:
            raise CommandError(str(error)) from error
        if page is not None and publish and page.has_unpublished_changes:
            self.stdout.write(
                self.style.WARNING(
                    f"Page {page.pk} has unpublished changes; --publish publishes them too."
                )
            )

        documents, problems = [], []
        for number, name in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] {name}"
            try:
                document = parse_document(name, read_file(name))
            except ImportRejected as rejected:
                problems.extend(rejected.problems)
                self.stdout.write(f"{prefix}: {self.style.ERROR('cannot be imported')}")
                continue
            documents.append(document)
            self.stdout.write(
                f"{prefix}: “{document.title}”, {len(document.blocks)} blocks, "
                f"{len(document.notes)} notes"
            )
            for note in document.notes:
                self.stdout.write(f"    {name}:{note.line}: {note.message}")
        if problems:
            raise CommandError(nothing_imported(problems))

        try:
            results = save_documents(
                documents, language=language, parent=parent, page=page, publish=publish
            )
        except ImportRejected as rejected:
            raise CommandError(nothing_imported(rejected.problems)) from rejected
        for result in results:
            state = "published" if publish else "draft"
            verb = "created" if result.created else f"{language} added to"
            self.stdout.write(
                f"{result.filename}: {verb} page {result.page.pk} “{result.page.title}” ({state})"
            )
        self.stdout.write(self.style.SUCCESS(f"Imported {len(results)} file(s)."))


def nothing_imported(problems):
    lines = "\n".join(str(problem) for problem in problems)
    return f"Nothing was imported; fix these files and run the import again:\n{lines}"


def read_file(name):
    """The bytes of a file, reading no more than the import limit allows (and one byte more)."""
    path = Path(name)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        problem = Problem(name, None, f"cannot be read: {error.strerror or error}")
        raise ImportRejected([problem]) from error


def find_theme_page(value):
    page = ThemePage.objects.filter(theme__key=value).first()
    if page is None and value.isdigit():
        page = ThemePage.objects.filter(pk=int(value)).first()
    if page is None:
        keys = ", ".join(ThemePage.objects.values_list("theme__key", flat=True).order_by("path"))
        raise CommandError(f"No theme page for theme '{value}'. Theme keys: {keys or '(none)'}.")
    return page


def find_guidance_page(page_id):
    page = GuidancePage.objects.filter(pk=page_id).first()
    if page is None:
        raise CommandError(f"There is no guidance page with id {page_id}.")
    return page
