"""The search page's own tag."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def search_listing(context):
    """The filters and results of the search page. The view sends the search before the page
    is rendered and leaves `listing` to wait for its answer, so everything above this tag
    (head, header, navigation) is rendered while the search server works."""
    with context.push(context["listing"]()):
        return context.template.engine.get_template("search/_listing.html").render(context)
