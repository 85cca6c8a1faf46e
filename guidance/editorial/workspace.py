"""The translation workspace: one page's English beside one target language, segment by
segment, with what changed in English since the translation was last worked on.

The segments (each field and each StreamField text, with a stable id) come from
`guidance.translation_segments`, which also writes them back, cleaned. Which English a
translation was made against is read from the page's revisions: the newest run of
revisions in which the target language did not change starts where the translator last
edited it; a later review (`TranslationReview`) moves that point forward. A segment is
*outdated* when it has a translation and its English differs between that point and the
newest revision.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import get_language_info

from modeltranslation.utils import build_localized_fieldname

from foundation.slugs import typeable_slug
from guidance import translation_segments
from guidance.models.translation_status import (
    TranslationReview,
    language_hash,
    translated_field_names,
)

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
# How far back the revisions are read to find where a translation was last edited.
REVISION_HISTORY = 200
# A word, or one character of anything else (spaces and punctuation kept as they are).
TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def target_languages():
    """(code, name) of every language a page is translated into."""
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def is_target_language(code):
    return any(code == target for target, _name in target_languages())


def is_translatable(page):
    return bool(translated_field_names(page))


def direction(code):
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


def plain_text(value):
    """The words of a segment's value, without its markup, on one line."""
    return re.sub(r"\s+", " ", strip_tags(value or "")).strip()


def word_diff(old, new):
    """[(kind, text)] turning `old` into `new` word by word; kind is "same", "removed"
    or "added". Markup is left out: a translator compares words, not tags."""
    old_tokens = TOKEN.findall(plain_text(old))
    new_tokens = TOKEN.findall(plain_text(new))
    pieces = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(old_tokens[i1:i2])))
            continue
        if tag in ("replace", "delete"):
            pieces.append(("removed", "".join(old_tokens[i1:i2])))
        if tag in ("replace", "insert"):
            pieces.append(("added", "".join(new_tokens[j1:j2])))
    return pieces


@dataclass
class Row:
    """One segment as the workspace shows it."""

    id: str
    label: str
    source: str
    target: str
    rich: bool
    outdated: bool = False
    diff: list = field(default_factory=list)

    @property
    def translated(self):
        # A block the translation does not have yet is saved with its English text
        # (translation_segments): that is not a translation, unless the English has no
        # words to translate ("90%", "3").
        if not plain_text(self.target):
            return False
        if self.target.strip() != self.source.strip():
            return True
        return not any(character.isalpha() for character in plain_text(self.source))


@dataclass
class Progress:
    total: int
    translated: int
    outdated: int

    @property
    def untranslated(self):
        return self.total - self.translated


def segments(page, code):
    """{id: segment} of `page` for target language `code`, in page order."""
    return {segment.id: segment for segment in translation_segments.segments(page, code)}


class History:
    """A page's revisions, newest first, each turned back into a page at most once (the
    languages of one request share them)."""

    def __init__(self, page):
        self.revisions = list(page.revisions.order_by("-created_at", "-pk")[:REVISION_HISTORY])
        self._pages = {}

    def page(self, revision):
        if revision.pk not in self._pages:
            self._pages[revision.pk] = revision.as_object()
        return self._pages[revision.pk]


def last_edited_revision(history, code):
    """The revision where the text in `code` last took its present form, or None."""
    found = None
    newest = None
    for revision in history.revisions:
        fingerprint = language_hash(history.page(revision), code)
        if newest is None:
            newest = fingerprint
        elif fingerprint != newest:
            break
        found = revision
    return found


def latest_review(page, code):
    return (
        TranslationReview.objects.filter(page=page, language=code)
        .select_related("revision", "reviewed_by")
        .first()
    )


def baseline_revision(history, code, review=None):
    """The revision whose English the translation in `code` stands on."""
    edited = last_edited_revision(history, code)
    reviewed = review.revision if review is not None else None
    if reviewed is None:
        return edited
    if edited is None or (reviewed.created_at, reviewed.pk) > (edited.created_at, edited.pk):
        return reviewed
    return edited


class Workspace:
    """A page's newest revision in one target language, compared with its English."""

    def __init__(self, page, code, history=None):
        self.page = page.specific
        self.code = code
        self.history = history or History(self.page)
        newest = self.history.revisions[:1]
        self.draft = self.history.page(newest[0]) if newest else self.page
        self.review = latest_review(self.page, code)
        self.baseline = baseline_revision(self.history, code, self.review)

    @property
    def rows(self):
        if not hasattr(self, "_rows"):
            self._rows = self._build_rows()
        return self._rows

    def _build_rows(self):
        then = segments(self.history.page(self.baseline), self.code) if self.baseline else {}
        rows = []
        for segment in segments(self.draft, self.code).values():
            row = Row(
                id=segment.id,
                label=segment.label,
                source=segment.source or "",
                target=segment.target or "",
                rich=segment.kind == translation_segments.RICH,
            )
            if row.translated and self.baseline is not None:
                old = then.get(segment.id)
                old_source = (old.source or "") if old is not None else ""
                if plain_text(old_source) != plain_text(row.source):
                    row.outdated = True
                    row.diff = word_diff(old_source, row.source)
            rows.append(row)
        return rows

    @property
    def progress(self):
        counted = [row for row in self.rows if plain_text(row.source)]
        return Progress(
            total=len(counted),
            translated=sum(row.translated for row in counted),
            outdated=sum(row.outdated for row in counted),
        )

    def save(self, values, user, submit=False):
        """Write the posted translations into a new revision (never published); with
        `submit`, send it into the page's review workflow. Rich text is cleaned with the
        project's allow-list and every value checked by `apply_segments`, which raises a
        ValidationError naming the segment. Returns the revision."""
        changed = {}
        for row in self.rows:
            if row.id not in values:
                continue
            value = values[row.id].strip()
            # An empty input of a segment not translated yet is left alone: a required
            # block would refuse it, and readers get the English there anyway.
            if value or row.translated:
                changed[row.id] = value
        translation_segments.apply_segments(self.draft, self.code, changed)
        self._give_slug()
        with transaction.atomic():
            revision = self.draft.save_revision(user=user, log_action=True)
            if submit:
                workflow = self.draft.get_workflow()
                if workflow is not None and not self.draft.workflow_in_progress:
                    workflow.start(self.draft, user)
        return revision

    def _give_slug(self):
        """A newly translated title gets its address in Latin letters, as in the page
        form; a slug the language already has is kept."""
        title = getattr(self.draft, build_localized_fieldname("title", self.code), None)
        slug_name = build_localized_fieldname("slug", self.code)
        if title and not getattr(self.draft, slug_name, None):
            setattr(self.draft, slug_name, typeable_slug(title))

    def mark_reviewed(self, user):
        """The translation matches the newest English: no segment is outdated any more,
        here and in the translation status report."""
        with transaction.atomic():
            review = TranslationReview.objects.create(
                page=self.page,
                language=self.code,
                revision=self.page.get_latest_revision(),
                reviewed_by=user,
            )
            records = {record.language: record for record in self.page.translation_records.all()}
            source = records.get(SOURCE_LANGUAGE)
            record = records.get(self.code)
            if source is not None and record is not None:
                record.source_hash = source.content_hash
                record.save(update_fields=["source_hash"])
        return review


def progress_by_language(page):
    """[(code, name, Progress)] of every target language of `page`."""
    history = History(page.specific)
    return [
        (code, name, Workspace(page, code, history).progress) for code, name in target_languages()
    ]
