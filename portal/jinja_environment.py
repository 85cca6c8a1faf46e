"""The Jinja2 environment of the templates a reader waits on (`<app>/jinja2/`, `.jinja`).

Most templates are Django's. The search results are Jinja2: they are rendered after the
search server has answered, so their time adds to every search, and Jinja2 renders them
several times faster than Django's engine (bench/search_ab.py). Their helpers are the
Django templates' own (portal_tags), strings are translated by Django's catalogues in the
active language, and tests/test_locale.py checks that each one is in locale/.
"""

from jinja2 import Environment, pass_context

from django.utils import translation

from portal.templatetags import portal_tags


def environment(**options):
    options.pop("autoescape", None)  # on, always (Django's backend sets it on by default)
    env = Environment(autoescape=True, **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext)
    env.globals.update(
        get_language=translation.get_language,
        facet_checkboxes=portal_tags.facet_checkboxes,
        query_with=query_with,
    )
    env.filters.update(
        language_dir=portal_tags.language_dir,
        language_name=portal_tags.language_name,
        shown_options=portal_tags.shown_options,
        active_filter_count=portal_tags.active_filter_count,
    )
    return env


@pass_context
def query_with(context, **changes):
    """`{% query_with %}`: the current query string with some parameters replaced."""
    return portal_tags.query_string_with(context["request"], **changes)
