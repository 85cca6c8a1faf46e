"""Every reader-visible field of the courses, translated with django-modeltranslation."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from courses.models.pages import CourseIndexPage, CoursePage, LessonPage, ModulePage


@register([CourseIndexPage, ModulePage])
class IntroPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(CoursePage)
class CoursePageTranslation(TranslationOptions):
    fields = ("overview", "objectives", "prerequisites", "facilitator_notes")


@register(LessonPage)
class LessonPageTranslation(TranslationOptions):
    fields = ("body", "knowledge_check")
