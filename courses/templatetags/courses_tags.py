"""Template helpers of the courses: who the signed-in user is to the training pages."""

from django import template

from courses.permissions import is_trainer as _is_trainer

register = template.Library()


@register.filter
def is_trainer(user):
    return _is_trainer(user)
