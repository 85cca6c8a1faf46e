"""Imported guidance documents written as pages: the target (theme, page, language) is
checked first, then every page is written in one transaction, so a failed run leaves
nothing behind. `import_files` reads a batch of files, every one first, then writes it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from modeltranslation.utils import build_localized_fieldname

from guidance.library_import.documents import parse_documents
from guidance.library_import.html_tree import ImportRejected, Problem
from guidance.models import GuidancePage


@dataclass
class Imported:
    filename: str
    page: GuidancePage
    created: bool
    notes: list


# Writing pages -----------------------------------------------------------------------


class ImportTargetError(ValueError):
    """The theme, language or page chosen for an import cannot take it."""


def language_name(code):
    return str(dict(settings.LANGUAGES)[code])


def check_target(language, parent=None, page=None, count=1):
    """Refuse an import the page tree cannot take, before anything is read or written."""
    if language not in dict(settings.LANGUAGES):
        raise ImportTargetError(
            _("“%(code)s” is not a language of the portal.") % {"code": language}
        )
    if page is None:
        if parent is None:
            raise ImportTargetError(_("Choose the theme the new pages belong to."))
        if not GuidancePage.can_create_at(parent):
            raise ImportTargetError(
                _("Guidance pages cannot be created under “%(page)s”.") % {"page": parent.title}
            )
        if language != settings.LANGUAGE_CODE:
            # modeltranslation makes the English title, slug and summary required.
            raise ImportTargetError(
                _(
                    "New guidance pages start in %(default)s, which every page needs. To add "
                    "%(language)s, choose the existing page it translates."
                )
                % {
                    "default": language_name(settings.LANGUAGE_CODE),
                    "language": language_name(language),
                }
            )
        return
    if parent is not None and page.get_parent().pk != parent.pk:
        raise ImportTargetError(
            _("Page %(id)s is not under “%(theme)s”.") % {"id": page.pk, "theme": parent.title}
        )
    if language == settings.LANGUAGE_CODE:
        raise ImportTargetError(
            _("Importing adds a translation to an existing page; %(default)s is edited there.")
            % {"default": language_name(settings.LANGUAGE_CODE)}
        )
    if count != 1:
        raise ImportTargetError(_("A translation is imported from exactly one file."))
    if page.locked:
        raise ImportTargetError(_("Page %(id)s is locked.") % {"id": page.pk})
    latest = page.get_latest_revision_as_object()
    if getattr(latest, build_localized_fieldname("title", language)):
        raise ImportTargetError(
            _(
                "“%(title)s” already has a %(language)s version; edit it in the admin instead "
                "of importing over it."
            )
            % {"title": page.title, "language": language_name(language)}
        )


def free_slug(parent, title, exclude=None, fallback="guidance"):
    """A slug for `title` no sibling uses in any language (modeltranslation checks them all)."""
    base = slugify(title)[:200].strip("-") or fallback
    siblings = parent.get_children()
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    fields = [build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES]
    taken = {slug for row in siblings.values_list(*fields) for slug in row if slug}
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def fill_language(page, document, language, slug):
    for name, value in [
        ("title", document.title),
        ("slug", slug),
        ("summary", document.summary),
        ("body", document.blocks),
    ]:
        setattr(page, build_localized_fieldname(name, language), value)


def create_page(document, parent, language, publish, user):
    page = GuidancePage(owner=user, live=False)
    fill_language(page, document, language, free_slug(parent, document.title))
    page.themes.set([parent.specific.theme])
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return page


def translate_page(document, page, language, publish, user):
    # The latest revision, so that an editor's unpublished changes are kept.
    latest = page.get_latest_revision_as_object()
    slug = free_slug(page.get_parent(), document.title, exclude=page, fallback=page.slug_en)
    fill_language(latest, document, language, slug)
    revision = latest.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return latest


def save_documents(documents, *, language, parent=None, page=None, publish=False, user=None):
    """Create guidance pages from documents (or translate `page`), all or nothing.

    New pages are drafts unless `publish`. Raises ImportTargetError for a target that
    cannot take the import and ImportRejected naming the file when Wagtail's own
    validation refuses a page; either way nothing is written.
    """
    check_target(language, parent=parent, page=page, count=len(documents))
    results = []
    # Page-tree fields (draft_title, url_path) follow the default language.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for document in documents:
            try:
                if page is None:
                    saved = create_page(document, parent, language, publish, user)
                else:
                    saved = translate_page(document, page, language, publish, user)
            except ValidationError as error:
                problem = Problem(document.filename, document.title_line, "; ".join(error.messages))
                raise ImportRejected([problem]) from error
            results.append(Imported(document.filename, saved, page is None, document.notes))
    return results


def import_files(sources, *, language, parent=None, page=None, publish=False, user=None):
    """Read every (filename, bytes) source, then save them all; nothing is written on error."""
    check_target(language, parent=parent, page=page, count=len(sources))
    documents = parse_documents(sources)
    return save_documents(
        documents, language=language, parent=parent, page=page, publish=publish, user=user
    )
