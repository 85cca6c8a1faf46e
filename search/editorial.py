"""What editors tell search: synonyms and acronyms per language, and their picks per query.

Synonyms and acronyms are read when a query is understood (search/query.py), for both
engines, so a change counts from the next search on, with nothing to re-index.
"""

from dataclasses import dataclass

from django.db import transaction

from wagtail.models import Page

from search import query as search_query
from search import vocabulary
from search.models import Acronym, EditorsPick, SearchEntry, Synonym, normalise_query


def words_changed():
    """Editors changed synonyms or acronyms: the next query reads them."""
    vocabulary.forget()


# One rule per concept and language: readers' everyday words beside the guidance's own,
# and acronyms beside the words they stand for.
DEMO_SYNONYMS = {
    "en": [
        "identify, recognise, recognize, spot",
        "unaccompanied, alone, on their own",
        "minors, children, kids",
        "undocumented, irregular, without papers",
        "doctor, health worker, health care staff",
        "medical care, health care",
        "shelter, safe house",
        "interpreter, translator",
        "signs, indicators",
        "AVRR, assisted voluntary return and reintegration",
        "TIP, trafficking in persons, human trafficking",
        "victim of trafficking, trafficked person",
        "UASC, unaccompanied and separated children",
        "GBV, gender-based violence",
        "PFA, psychological first aid",
        "MHPSS, mental health and psychosocial support",
        "SOP, standard operating procedures",
        "rape, sexual assault, sexual violence, gender-based violence",
        "DPIA, data protection impact assessment",
        "PEP, post-exposure prophylaxis",
        "age dispute, disputed age, age assessment",
    ],
    "fr": [
        "identifier, repérer, reconnaître",
        "non accompagné, seul",
        "mineurs, enfants",
        "sans papiers, en situation irrégulière",
        "médecin, personnel de santé",
        "signes, indicateurs",
        "interprète, traducteur",
        "soins médicaux, soins de santé",
        "ARVR, AVRR, aide au retour volontaire et à la réintégration, retour volontaire assisté",
        "TEH, traite des êtres humains, traite des personnes",
        "ENAS, enfants non accompagnés et séparés, MNA, mineurs non accompagnés",
        "VBG, violence basée sur le genre, violences fondées sur le genre",
        "PSP, premiers secours psychologiques",
        "SMSPS, santé mentale et soutien psychosocial",
        "POS, procédures opérationnelles standard, procédures opérationnelles normalisées",
        "viol, agression sexuelle, violences sexuelles, violence basée sur le genre",
        "mineurs isolés, MIE, mineurs non accompagnés, enfants non accompagnés",
        "trafic d'êtres humains, traite des êtres humains",
        "AIPD, analyse d'impact relative à la protection des données",
    ],
    "es": [
        "identificar, reconocer, detectar",
        "no acompañado, solo",
        "menores, niños",
        "sin papeles, indocumentado, en situación irregular",
        "médico, personal de salud",
        "atención médica, atención de salud, atención sanitaria",
        "intérprete, traductor",
        "RVAR, AVRR, retorno voluntario asistido y reintegración, retorno voluntario asistido",
        "trata de personas, trata de seres humanos",
        "niños no acompañados y separados, menores no acompañados",
        "VBG, violencia basada en género, violencia de género",
        "PAP, primeros auxilios psicológicos",
        "SMAPS, salud mental y apoyo psicosocial",
        "POE, procedimientos operativos estándar",
        "violación, agresión sexual, violencia sexual, violencia basada en género",
        "estándares, normas",
        "determinación de la edad, evaluación de la edad",
        "casa refugio, albergue",
        "capacitación, formación",
        "indicios, señales, indicadores",
        "trabajos forzados, trabajo forzoso",
        "agotamiento profesional, desgaste profesional",
        "MNR, mecanismo nacional de remisión, mecanismo nacional de derivación",
    ],
    "ar": [
        "تحديد, التعرف على, أتعرف, كشف",
        "غير مصحوب, وحيد, بمفرده, وحده",
        "القاصرين, الأطفال",
        "بدون وثائق, غير نظامي",
        "AVRR, العودة الطوعية المدعومة وإعادة الإدماج",
        "الاتجار بالبشر, الاتجار بالأشخاص",
        "الأطفال غير المصحوبين والمنفصلين عن ذويهم, الأطفال غير المصحوبين",
        "العنف القائم على النوع الاجتماعي, العنف الجنساني",
        "الإسعافات الأولية النفسية, الإسعاف النفسي الأولي",
        "الصحة النفسية والدعم النفسي الاجتماعي, MHPSS",
        "إجراءات التشغيل الموحدة, إجراءات العمل الموحدة",
        "الإرهاق المهني, الإنهاك, الاحتراق الوظيفي",
        "الاغتصاب, الاعتداء الجنسي, العنف الجنسي, العنف القائم على النوع الاجتماعي",
        "العمر, السن",
        "علامات, مؤشرات",
        "تقدير العمر, تقييم العمر, تقدير السن",
        "أوراق, وثائق",
        "الرعاية الطبية, الرعاية الصحية",
        "العمل الجبري, العمل القسري, السخرة",
    ],
    "ru": [
        "выявить, распознать, определить",
        "несопровождаемый, без родителей, без сопровождения",
        "несовершеннолетние, дети",
        "признаки, индикаторы",
        "без документов, нелегальный, неурегулированный, undocumented",
        "ПДВР, AVRR, помощь в добровольном возвращении и реинтеграции",
        "торговля людьми, TIP",
        "несопровождаемые и разлученные дети, несопровождаемые и разлучённые дети",
        "гендерное насилие, насилие по признаку пола, GBV",
        "первая психологическая помощь, PFA",
        "ПЗПСП, MHPSS, психическое здоровье и психосоциальная поддержка",
        "СОП, SOP, стандартные операционные процедуры",
        "изнасилование, сексуальное насилие, гендерное насилие",
        "возрастная экспертиза, оценка возраста, определение возраста",
        "UASC, несопровождаемые и разлученные дети",
        "медицинская помощь, медицинское обслуживание, health care",
        "пропал, исчез",
    ],
    "zh-hans": [
        "识别, 辨认, 发现",
        "无人陪伴, 孤身, 独自",
        "未成年人, 儿童",
        "迹象, 指标",
        "无证, 非正规, undocumented",
        "AVRR, 协助自愿返回和重返社会",
        "人口贩运, 贩运人口, 拐卖人口",
        "无人陪伴和失散儿童, 无人陪伴儿童",
        "基于性别的暴力, 性别暴力",
        "心理急救, PFA",
        "精神卫生和社会心理支持, 心理健康和社会心理支持",
        "标准作业程序, 标准操作程序, SOP",
        "强奸, 性侵犯, 性暴力, 基于性别的暴力",
        "骨龄检测, 年龄评估",
        "收容所, 庇护所, shelter",
        "偷渡, 偷运移民",
        "看病, 就医, 医疗服务, health care",
        "回返, 返回, 回国",
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
        transaction.on_commit(words_changed)
    return added


# One acronym a line and language: what officials type, and the words it stands for.
DEMO_ACRONYMS = {
    "en": [
        ("AVRR", "assisted voluntary return and reintegration"),
        ("UASC", "unaccompanied and separated children"),
        ("BID", "best interests determination"),
        ("BIA", "best interests assessment"),
        ("MHPSS", "mental health and psychosocial support"),
        ("PFA", "psychological first aid"),
        ("SOP", "standard operating procedures"),
        ("NRM", "national referral mechanism"),
        ("GBV", "gender-based violence"),
        ("TIP", "trafficking in persons"),
        ("VoT", "victim of trafficking"),
        ("IDP", "internally displaced persons"),
        ("GDPR", "General Data Protection Regulation"),
    ],
    "fr": [
        ("ARVR", "aide au retour volontaire et à la réintégration"),
        ("ENA", "enfants non accompagnés"),
        ("MNA", "mineurs non accompagnés"),
        ("VBG", "violence basée sur le genre"),
        ("PSP", "premiers secours psychologiques"),
        ("SMSPS", "santé mentale et soutien psychosocial"),
        ("POS", "procédures opérationnelles standard"),
        ("MNO", "mécanisme national d'orientation"),
        ("DIS", "détermination de l'intérêt supérieur"),
        ("TEH", "traite des êtres humains"),
        ("RGPD", "règlement général sur la protection des données"),
    ],
    "es": [
        ("RVAR", "retorno voluntario asistido y reintegración"),
        ("NNA", "niños, niñas y adolescentes"),
        ("VBG", "violencia basada en género"),
        ("PAP", "primeros auxilios psicológicos"),
        ("SMAPS", "salud mental y apoyo psicosocial"),
        ("POE", "procedimientos operativos estándar"),
        ("MNR", "mecanismo nacional de remisión"),
        ("DIS", "determinación del interés superior"),
        ("RGPD", "Reglamento General de Protección de Datos"),
    ],
    "ar": [
        ("GDPR", "اللائحة العامة لحماية البيانات"),
        ("PFA", "الإسعافات الأولية النفسية"),
        ("SOP", "إجراءات التشغيل الموحدة"),
        ("GBV", "العنف القائم على النوع الاجتماعي"),
        ("NRM", "الآلية الوطنية للإحالة"),
        ("UASC", "الأطفال غير المصحوبين والمنفصلون عن ذويهم"),
        ("MHPSS", "الصحة النفسية والدعم النفسي الاجتماعي"),
        ("AVRR", "العودة الطوعية المدعومة وإعادة الإدماج"),
    ],
    "ru": [
        ("GDPR", "Общий регламент по защите данных"),
        ("ПДВР", "помощь в добровольном возвращении и реинтеграции"),
        ("ПЗПСП", "психическое здоровье и психосоциальная поддержка"),
        ("СОП", "стандартные операционные процедуры"),
        ("НМП", "национальный механизм перенаправления"),
    ],
    "zh-hans": [
        ("GDPR", "通用数据保护条例"),
        ("UASC", "无人陪伴和失散儿童"),
        ("GBV", "基于性别的暴力"),
        ("MHPSS", "精神卫生和社会心理支持"),
    ],
}


def load_demo_acronyms():
    """Add the demo acronyms that are missing and say how many were added."""
    added = 0
    with transaction.atomic():
        for language, pairs in DEMO_ACRONYMS.items():
            for acronym, meaning in pairs:
                _item, created = Acronym.objects.get_or_create(
                    language=language, acronym=acronym, meaning=meaning
                )
                added += created
    if added:
        transaction.on_commit(words_changed)
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
    if not normalised or not search_query.has_picks(normalised, language):
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
