"""Demo content owned by the portal app: the home page, the site that serves it, and the
information pages linked from the footer."""

import datetime

from django.db import transaction

from wagtail.models import Page, Site

from foundation.roles import ensure_editorial_setup
from foundation.slugs import typeable_slug
from portal.demo_information import INFORMATION
from portal.models import HomePage, InformationPage

HOME = {
    "en": (
        "Protection & Training Portal",
        "<p>Practical guidance, standards and training for government officials and their "
        "partners who identify, protect and assist migrants in vulnerable situations.</p>",
    ),
    "fr": (
        "Portail de protection et de formation",
        "<p>Des orientations pratiques, des normes et des formations pour les agents publics "
        "et leurs partenaires qui identifient, protègent et assistent les migrants en "
        "situation de vulnérabilité.</p>",
    ),
    "es": (
        "Portal de protección y formación",
        "<p>Orientaciones prácticas, normas y formación para funcionarios públicos y sus "
        "socios que identifican, protegen y asisten a personas migrantes en situación de "
        "vulnerabilidad.</p>",
    ),
    "ar": (
        "بوابة الحماية والتدريب",
        "<p>إرشادات عملية ومعايير وتدريب للمسؤولين الحكوميين وشركائهم الذين يتولّون "
        "تحديد المهاجرين في أوضاع هشّة وحمايتهم ومساعدتهم.</p>",
    ),
    "ru": (
        "Портал по защите и обучению",
        "<p>Практические рекомендации, стандарты и обучение для государственных служащих и "
        "их партнёров, которые выявляют мигрантов в уязвимом положении, защищают их и "
        "оказывают им помощь.</p>",
    ),
    "zh_hans": (
        "保护与培训门户",
        "<p>为识别、保护和援助处境脆弱移民的政府官员及其合作伙伴提供实用指导、标准和培训。</p>",
    ),
}


@transaction.atomic
def load_home():
    """Create the home page in six languages and point the default site at it.

    Returns the home page and whether it was created now.
    """
    home = HomePage.objects.first()
    created = home is None
    if created:
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a "Welcome" page (slug "home") at the top of the
        # tree; the portal's home page takes its place. Its site goes with it.
        for stale in root.get_children().exact_type(Page):
            stale.delete()
        home = HomePage(slug="home")
        for code, (title, intro) in HOME.items():
            setattr(home, f"title_{code}", title)
            setattr(home, f"intro_{code}", intro)
            setattr(home, f"slug_{code}", "home")
        home.title = HOME["en"][0]
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()
    ensure_editorial_setup(home)
    return home, created


@transaction.atomic
def load_information_pages(home):
    """About, Privacy, Contact and the Accessibility statement, in six languages: each kind
    is created once and left alone afterwards, so editors' changes survive. Returns how many
    were added."""
    added = 0
    existing = set(InformationPage.objects.values_list("kind", flat=True))
    for kind, texts in INFORMATION.items():
        if kind in existing:
            continue
        page = InformationPage(kind=kind, last_updated=datetime.date(2026, 11, 2))
        for code, (title, slug, body) in texts.items():
            setattr(page, f"title_{code}", title)
            setattr(page, f"slug_{code}", slug or typeable_slug(title))
            setattr(page, f"body_{code}", body)
        page.title, page.slug, page.body = texts["en"]
        home.add_child(instance=page)
        page.save_revision().publish()
        added += 1
    return added
