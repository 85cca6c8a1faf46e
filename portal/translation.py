"""Fields of the portal's own pages that editors translate (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from portal.models import HomePage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)
