"""Fields of the portal's own pages that editors translate (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from portal.models import HomePage, InformationPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)


@register(InformationPage)
class InformationPageTranslation(TranslationOptions):
    fields = ("body",)
