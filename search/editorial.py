"""What editors tell search: synonyms and acronyms per language, and their picks per query.

Synonyms are read at search time, so a change reaches Elasticsearch without re-indexing
(`ElasticIndex.apply_synonyms`). If it cannot be reached, the change waits in the same
outbox as page updates and `engine.flush_pending` applies it when it answers again.
"""

import logging
from dataclasses import dataclass

from elasticsearch import ElasticsearchException

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from search import engine
from search.models import EditorsPick, PendingIndexUpdate, SearchEntry, Synonym, normalise_query

logger = logging.getLogger(__name__)

# What became of a change to the synonyms.
LIVE, QUEUED, NOT_USED = "live", "queued", "not used"


# Synonyms ----------------------------------------------------------------------------


def apply_synonyms():
    """Put the current synonyms in place now, or queue them if Elasticsearch does not answer.

    Returns LIVE, QUEUED, or NOT_USED when the portal runs without Elasticsearch (the
    database engine matches words as written and has no use for them).
    """
    index = engine.elastic_index()
    if index is None:
        return NOT_USED
    try:
        index.apply_synonyms()
    except ElasticsearchException as error:
        logger.warning("Synonyms queued until Elasticsearch answers: %s", error)
        PendingIndexUpdate.objects.update_or_create(
            target_type=engine.SYNONYMS,
            target_id=0,
            defaults={"queued_at": timezone.now(), "last_error": str(error)[:255]},
        )
        return QUEUED
    PendingIndexUpdate.objects.filter(target_type=engine.SYNONYMS).delete()
    return LIVE


# One rule per concept and language: the acronym readers type, then the words it stands for.
DEMO_SYNONYMS = {
    "en": [
        "AVRR, assisted voluntary return and reintegration",
        "TIP, trafficking in persons, human trafficking",
        "UASC, unaccompanied and separated children",
        "GBV, gender-based violence",
        "PFA, psychological first aid",
        "MHPSS, mental health and psychosocial support",
        "SOP, standard operating procedures",
    ],
    "fr": [
        "ARVR, AVRR, aide au retour volontaire et à la réintégration",
        "TEH, traite des êtres humains, traite des personnes",
        "ENAS, enfants non accompagnés et séparés, MNA, mineurs non accompagnés",
        "VBG, violence basée sur le genre, violences fondées sur le genre",
        "PSP, premiers secours psychologiques",
        "SMSPS, santé mentale et soutien psychosocial",
        "POS, procédures opérationnelles standard, procédures opérationnelles normalisées",
    ],
    "es": [
        "RVAR, AVRR, retorno voluntario asistido y reintegración",
        "trata de personas, trata de seres humanos",
        "niños no acompañados y separados, menores no acompañados",
        "VBG, violencia basada en género, violencia de género",
        "PAP, primeros auxilios psicológicos",
        "SMAPS, salud mental y apoyo psicosocial",
        "POE, procedimientos operativos estándar",
    ],
    "ar": [
        "AVRR, العودة الطوعية المدعومة وإعادة الإدماج",
        "الاتجار بالبشر, الاتجار بالأشخاص",
        "الأطفال غير المصحوبين والمنفصلين عن ذويهم, الأطفال غير المصحوبين",
        "العنف القائم على النوع الاجتماعي, العنف الجنساني",
        "الإسعافات الأولية النفسية, الإسعاف النفسي الأولي",
        "الصحة النفسية والدعم النفسي الاجتماعي, MHPSS",
        "إجراءات التشغيل الموحدة, إجراءات العمل الموحدة",
    ],
    "ru": [
        "ПДВР, AVRR, помощь в добровольном возвращении и реинтеграции",
        "торговля людьми, TIP",
        "несопровождаемые и разлученные дети, несопровождаемые и разлучённые дети",
        "гендерное насилие, насилие по признаку пола, GBV",
        "первая психологическая помощь, PFA",
        "ПЗПСП, психическое здоровье и психосоциальная поддержка",
        "СОП, стандартные операционные процедуры",
    ],
    "zh-hans": [
        "AVRR, 协助自愿返回和重返社会",
        "人口贩运, 贩运人口, 拐卖人口",
        "无人陪伴和失散儿童, 无人陪伴儿童",
        "基于性别的暴力, 性别暴力",
        "心理急救, PFA",
        "精神卫生和社会心理支持, 心理健康和社会心理支持",
        "标准作业程序, 标准操作程序, SOP",
    ],
}


def load_demo_synonyms():
    """Add the demo synonyms that are missing, put them in place, and say how many were added."""
    added = 0
    with transaction.atomic():
        for language, rules in DEMO_SYNONYMS.items():
            for terms in rules:
                _synonym, created = Synonym.objects.get_or_create(language=language, terms=terms)
                added += created
    if added:
        transaction.on_commit(apply_synonyms)  # at once, unless inside a transaction
    return added


# Editors' picks ------------------------------------------------------------------------


@dataclass
class Recommendation:
    """A page editors recommend for the query, as the search page shows it."""

    page_id: int
    title: str
    url: str
    summary: str = ""
    click_url: str = ""


def recommendations(query, language, request=None):
    """The picks for exactly this query in `language`, whose page anyone may read now."""
    normalised = normalise_query(query)
    if not normalised:
        return []
    picks = list(EditorsPick.objects.filter(language=language, query=normalised))
    if not picks:
        return []
    # Only what is live and has no view restriction: a pick never leaks a draft.
    pages = Page.objects.live().public().filter(pk__in=[pick.page_id for pick in picks])
    readable = {page.pk: page for page in pages.specific()}
    shown = []
    for pick in picks:
        page = readable.get(pick.page_id)
        if page is None or any(item.page_id == page.pk for item in shown):
            continue
        shown.append(
            Recommendation(
                page_id=page.pk,
                title=page.title,
                url=page.get_url(request),
                summary=getattr(page, "summary", "") or page.search_description,
            )
        )
    return shown


def without_recommended(results, recommended):
    """Take the recommended pages out of the results below them, so none is listed twice."""
    picked = {item.page_id for item in recommended}
    if not picked:
        return results

    def keep(hit):
        return not (hit.object_type == SearchEntry.PAGE and hit.object_id in picked)

    results.hits = [hit for hit in results.hits if keep(hit)]
    results.english_hits = [hit for hit in results.english_hits if keep(hit)]
    return results


def recommended_urls(language, request=None):
    """The URLs of every readable page picked in `language` (the click endpoint allows them)."""
    page_ids = EditorsPick.objects.filter(language=language).values("page_id")
    pages = Page.objects.live().public().filter(pk__in=page_ids).specific()
    return {page.get_url(request) for page in pages}
