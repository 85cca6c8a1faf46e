"""Every reader-visible field of the library, translated with django-modeltranslation."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from guidance.models import (
    Audience,
    GlossaryPage,
    GlossaryTerm,
    GuidanceChange,
    GuidancePage,
    LibraryIndexPage,
    LibraryPage,
    Region,
    ResourceType,
    StandardPage,
    Theme,
    ThemePage,
    ToolPage,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "summary")


@register([Audience, Region, ResourceType])
class TaxonomyTranslation(TranslationOptions):
    fields = ("title",)


@register(GlossaryTerm)
class GlossaryTermTranslation(TranslationOptions):
    fields = ("term", "definition")


@register([GlossaryPage, LibraryIndexPage])
class IntroPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ThemePage)
class ThemePageTranslation(TranslationOptions):
    fields = ("intro",)


@register(LibraryPage)
class LibraryPageTranslation(TranslationOptions):
    fields = ("summary", "version_note", "change_note")


@register(GuidancePage)
class GuidancePageTranslation(TranslationOptions):
    fields = ("who_for", "body")


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("edition", "intro", "standards")


@register(ToolPage)
class ToolPageTranslation(TranslationOptions):
    fields = ("how_to_use", "body")


@register(GuidanceChange)
class GuidanceChangeTranslation(TranslationOptions):
    fields = ("note",)
