"""The search page's own tag."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def search_listing(context):
    """The filters and results of the search page. The view sends the search before the page
    is rendered and leaves `listing` to wait for its answer, so everything above this tag
    (head, header, navigation) is rendered while the search server works."""
    listing = context["listing"]()
    template = engines["jinja2"].get_template("search/listing.jinja")
    return mark_safe(template.render({**context.flatten(), **listing}))  # noqa: S308 - autoescaped
