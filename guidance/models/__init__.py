from guidance.models.pages import (
    GuidancePage,
    LibraryPage,
    StandardPage,
    ThemePage,
    ToolDownload,
    ToolPage,
)
from guidance.models.snippets import Audience, GlossaryTerm, Region, ResourceType, Theme
from guidance.models.translation_status import TranslationRecord

__all__ = [
    "Audience",
    "GlossaryTerm",
    "GuidancePage",
    "LibraryPage",
    "Region",
    "ResourceType",
    "StandardPage",
    "Theme",
    "ThemePage",
    "ToolDownload",
    "ToolPage",
    "TranslationRecord",
]
