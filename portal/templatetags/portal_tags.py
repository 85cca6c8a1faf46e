"""Template helpers shared by every page: the language switcher and its alternates, the
direction and name of a language, the kept header and footer blocks."""

import functools
from urllib.parse import unquote, urlsplit, urlunsplit

from markupsafe import escape

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from foundation.pages import page_languages
from portal import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per interface language: where this same page lives in it.

    Each entry says whether the page exists in that language or will be shown
    in English, so the switcher never promises a translation that is not there.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    available = page_languages(page) if page is not None else None
    # Not a page: this view's address in each language, its path resolved once.
    addresses = _addresses_in_languages(request.get_full_path()) if page is None else {}
    origin = f"{request.scheme}://{request.get_host()}"  # for the hreflang alternates
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            with translation.override(code):
                url = page.get_url(request)
        else:
            url = addresses[code]
        local_name = translation.get_language_info(code)["name_local"]
        links.append(
            {
                "code": code,
                "name": name,
                "local_name": local_name,
                "url": url,
                "absolute_url": f"{origin}{url}" if url else None,
                "dir": language_dir(code),
                "current": code == current,
                "translated": available is None or code in available,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links);
    a parameter given None or "" is left out."""
    return query_string_with(context["request"], **changes)


def query_string_with(request, **changes):
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


def _addresses_in_languages(url):
    """Django's `translate_url` for every interface language: the same address where no
    other exists."""
    parsed = urlsplit(url)
    paths = _paths_in_languages(parsed.path, translation.get_language())
    return {
        code: url
        if path is None
        else urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))
        for code, path in paths.items()
    }


@functools.lru_cache(maxsize=1024)
def _paths_in_languages(path, current):
    """The path in each interface language (None where it has no other), resolved once in
    the `current` language, as it reads it, and kept: the URLs do not change while the
    process runs, and the views outside the page tree are few."""
    codes = [code for code, _name in settings.LANGUAGES]
    try:
        match = resolve(unquote(path))
    except Resolver404:
        return dict.fromkeys(codes)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    paths = {}
    for code in codes:
        with translation.override(code):
            try:
                paths[code] = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                paths[code] = None
    return paths


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The reader's way into each part of the site: themes, library, training, glossary.

    Found by page type under the current site's home page (never by slug), and kept in the
    cache until a page changes (portal.navigation).
    """
    request = context["request"]
    cached = getattr(request, "_main_navigation", None)
    if cached is not None:
        return cached
    from courses.models import CourseIndexPage
    from guidance.models import GlossaryPage, LibraryIndexPage

    site = navigation.current_site(request)

    def build():
        home = site.root_page if site else None
        links = []
        if home is not None:
            links.append(
                {"key": "themes", "label": _("Themes"), "url": f"{home.get_url(request)}#themes"}
            )
            for key, label, model in (
                ("library", _("Library"), LibraryIndexPage),
                ("training", _("Training"), CourseIndexPage),
                ("glossary", _("Glossary"), GlossaryPage),
            ):
                found = model.objects.descendant_of(home).live().public().order_by("path").first()
                if found is not None:
                    links.append({"key": key, "label": label, "url": found.get_url(request)})
        return [{**link, "label": str(link["label"])} for link in links]

    language = translation.get_language()
    links = [dict(link) for link in navigation.cached("navigation", site, language, build)]
    current = request.path
    for link in links:
        path = link["url"].split("#")[0]
        link["current"] = link["key"] != "themes" and current.startswith(path)
    request._main_navigation = links
    return links


def _in_reader_language(page):
    return translation.get_language() in page_languages(page)


@register.inclusion_tag("portal/_breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context, page):
    """Home, then each page above `page` in the tree, then `page` itself (not a link)."""
    request = context["request"]
    crumbs = []
    for ancestor in page.get_ancestors().filter(depth__gte=2).specific():
        is_home = ancestor.depth == 2
        crumbs.append(
            {
                "label": _("Home") if is_home else ancestor.title,
                "url": ancestor.get_url(request),
                "fallback": not is_home and not _in_reader_language(ancestor),
            }
        )
    crumbs.append({"label": page.title, "url": None, "fallback": not _in_reader_language(page)})
    return {"crumbs": crumbs}


@register.inclusion_tag("portal/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail):
    """Breadcrumbs for a page that is not in the page tree: Home, then label/URL pairs,
    then the current page's label (`{% breadcrumbs _("My learning") url _("Certificate") %}`)."""
    request = context["request"]
    site = navigation.current_site(request)
    crumbs = []
    if site is not None:
        language = translation.get_language()
        home = navigation.cached("home", site, language, lambda: site.root_page.get_url(request))
        crumbs.append({"label": _("Home"), "url": home})
    items = list(trail)
    while len(items) >= 2:
        label, url = items.pop(0), items.pop(0)
        crumbs.append({"label": label, "url": url})
    if items:
        crumbs.append({"label": items[0], "url": None})
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def information_links(context):
    """The footer's About, Privacy, Contact and Accessibility statement, where they exist."""
    from portal.models import InformationPage

    request = context["request"]

    def build():
        pages = {page.kind: page for page in InformationPage.objects.live().public()}
        return [
            {"label": pages[kind].title, "url": pages[kind].get_url(request)}
            for kind, _label in InformationPage.KINDS
            if kind in pages
        ]

    site = navigation.current_site(request)
    return navigation.cached("information", site, translation.get_language(), build)


@register.tag
def memo(parser, token):
    """`{% memo "name" %}…{% endmemo %}`: what the block renders for this site and language,
    kept in the process until any content changes (portal.navigation), as the header and
    footer links are. Only for HTML that depends on nothing else: not on the address, the
    reader, the query or the page being shown."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% memo %} takes a name: {% memo "footer" %}')
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(parser.compile_filter(bits[1]), nodelist)


class MemoNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        request = context.get("request")
        site = navigation.current_site(request) if request is not None else None
        return navigation.cached(
            ("memo", self.name.resolve(context)),
            site,
            translation.get_language(),
            lambda: self.nodelist.render(context),
        )


def _option(option, name):
    return option.get(name) if isinstance(option, dict) else getattr(option, name, None)


@register.filter
def shown_options(options):
    """Facet options worth offering: those with results, and any the reader has chosen."""
    return [option for option in options if _option(option, "count") or _option(option, "selected")]


@register.simple_tag
def facet_checkboxes(name, options):
    """One checkbox per option of a search facet, ticked if chosen, with its count. Built
    here rather than in a template loop, and with markupsafe's escaping rather than
    format_html's: the search page shows some thirty of them after the search has answered
    (bench/search_ab.py)."""
    name = escape(name)
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            CHECKBOX.format(
                name,
                escape(option["value"]),
                " checked" if option["selected"] else "",
                escape(option["label"]),
                escape(option["count"]),
            )
            for option in options
        )
    )


CHECKBOX = (
    '<label><input type="checkbox" name="{}" value="{}"{}> {} '
    '<span class="count">({})</span></label>'
)


@register.filter
def active_filter_count(facets):
    """How many filter options are chosen, across the facets of a listing or of search."""
    groups = facets.values() if isinstance(facets, dict) else facets
    total = 0
    for group in groups:
        options = _option(group, "options") if not isinstance(group, list) else group
        total += sum(1 for option in options or [] if _option(option, "selected"))
    return total


@register.filter
def language_dir(code):
    """`rtl` or `ltr`: the direction of text written in language `code` (`ltr` for a code
    Django does not know)."""
    return _language_facts(code)[0]


@register.filter
def language_name(code):
    """The language's name in itself ("Français"), as the language menu shows it."""
    return _language_facts(code)[1]


@functools.lru_cache(maxsize=64)
def _language_facts(code):
    """(direction, name in itself) of `code`: the same whatever the page's language, and
    asked for many times on a search page."""
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return "ltr", code
    return ("rtl" if info["bidi"] else "ltr"), info["name_local"]


@register.filter
def fallback_lang(page):
    """` lang="en" dir="ltr"` for a page shown in English because it is not written in the
    reader's language (put inside the tag that holds its title), else nothing."""
    if page is None or _in_reader_language(page):
        return ""
    return mark_safe(' lang="en" dir="ltr"')  # noqa: S308 - constant markup


@register.filter
def with_heading_levels(stream):
    """(block, level) for each block of a body that follows the page's <h1> directly: titled
    blocks before the body's first section heading are sections themselves (<h2>), those
    after it are inside a section (<h3>), so headings never skip a level."""
    level = 2
    for block in stream:
        yield block, level
        if block.block_type == "heading":
            level = 3
