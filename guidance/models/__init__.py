from guidance.models.changes import GuidanceChange
from guidance.models.glossary import GlossaryPage, GlossaryTermsMixin, GlossaryUsage
from guidance.models.library_index import LibraryIndexPage, ThemePage
from guidance.models.pages import (
    GuidancePage,
    LibraryPage,
    StandardPage,
    ToolDownload,
    ToolPage,
)
from guidance.models.snippets import Audience, GlossaryTerm, Region, ResourceType, Theme
from guidance.models.translation_status import TranslationRecord, TranslationReview
from guidance.models.usage import PageViewCount

__all__ = [
    "Audience",
    "GlossaryPage",
    "GlossaryTerm",
    "GlossaryTermsMixin",
    "GlossaryUsage",
    "GuidanceChange",
    "GuidancePage",
    "LibraryIndexPage",
    "LibraryPage",
    "PageViewCount",
    "Region",
    "ResourceType",
    "StandardPage",
    "Theme",
    "ThemePage",
    "ToolDownload",
    "ToolPage",
    "TranslationRecord",
    "TranslationReview",
]
