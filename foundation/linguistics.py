"""What the portal knows about its six languages, shared by every engine and every app.

Both search engines read these lists (Elasticsearch turns them into analysis filters,
the database engine applies them in Python), so a reader's query means the same thing
whichever engine answers. The analysis functions at the end (`terms`, `tokens`,
`query_terms`) are the database engine's and the glossary's.
"""

import re
import unicodedata
from functools import cache, lru_cache

import Stemmer

# Words that make a query a question or a request but say nothing about the subject:
# "how do I identify a victim" is a search for "identify victim". Folded to lower case.
# Removed from queries only, never from the indexed text (phrases still match there).
QUESTION_WORDS = {
    "en": {
        "how", "what", "when", "where", "who", "whom", "whose", "why", "which", "do", "does",
        "did", "can", "could", "should", "would", "must", "shall", "may", "i", "we", "you",
        "me", "my", "our", "your", "is", "are", "a", "an", "the", "to", "of", "for", "in", "on",
        "with", "about", "there", "any", "someone", "somebody", "please", "need", "want",
        "know", "find", "get", "tell", "us", "it", "be", "if", "and", "or", "from", "at", "by",
        "much", "many", "take", "takes",
        # A comparison asked for: the answer is the page about both things compared.
        "difference", "differences", "between", "vs", "versus",
        # The second half of a compound, saying nothing by itself: "gender-based violence"
        # is about gender and violence, and a page on "needs-based design" is not.
        "based", "related", "led", "friendly", "centred", "centered",
    },
    "fr": {
        "comment", "quoi", "que", "qu", "quel", "quelle", "quels", "quelles", "qui", "où",
        "ou", "quand", "pourquoi", "est", "ce", "c", "je", "j", "nous", "vous", "on", "il",
        "faut", "dois", "doit", "devons", "peut", "peux", "puis", "un", "une", "le", "la",
        "les", "l", "de", "des", "du", "d", "à", "au", "aux", "en", "pour", "sur", "avec",
        "et", "s", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "faire", "y", "a", "si",
        "combien", "dure",
        "différence", "différences", "difference", "entre", "vs",
        # "violence basée sur le genre", "fondée sur le genre"; not a "conception fondée sur
        # les besoins".
        "basé", "basée", "basés", "basées", "fondé", "fondée", "fondés", "fondées",
    },
    "es": {
        "cómo", "como", "qué", "que", "cuál", "cual", "cuáles", "cuales", "cuándo", "cuando",
        "dónde", "donde", "quién", "quien", "quiénes", "por", "para", "debo", "debe",
        "debemos", "puedo", "puede", "podemos", "hay", "se", "yo", "un", "una", "unos",
        "unas", "el", "la", "los", "las", "lo", "de", "del", "al", "a", "en", "con", "y", "o",
        "mi", "mis", "su", "sus", "nuestro", "nuestra", "hacer", "es", "son", "si",
        "cuánto", "cuánta", "cuántos", "cuántas", "cuanto", "cuanta", "cuantos", "cuantas",
        "dura", "tarda",
        "diferencia", "diferencias", "entre", "vs",
        "basado", "basada", "basados", "basadas",  # "violencia basada en género"
    },
    "ar": {
        "كيف", "كيفية", "ماذا", "ما", "ماهي", "ماهو", "متى", "أين", "اين", "من", "لماذا", "هل",
        "أي", "اي", "ايش", "هو", "هي", "في", "على", "إلى", "الى", "عن", "مع", "أن", "ان",
        "يجب", "يمكن", "أستطيع", "استطيع", "نستطيع", "علي", "علينا", "أنا", "انا", "نحن",
        "لكي", "كي", "و", "أو", "او", "أفعل", "افعل", "نفعل", "كم", "إذا", "اذا", "لو",
        "عندما", "الفرق", "بين", "يستغرق", "تستغرق",
    },
    "ru": {
        "как", "что", "где", "когда", "кто", "почему", "зачем", "какой", "какая", "какие",
        "каким", "какого", "ли", "мне", "нам", "я", "мы", "вы", "нужно", "надо", "можно",
        "должен", "должна", "должны", "в", "во", "на", "с", "со", "о", "об", "по", "для",
        "и", "или", "к", "у", "из", "от", "это", "есть", "если", "делать", "сделать", "сколько",
        "длится", "занимает",
    },
    # Chinese is written without spaces: these are taken out of the query as substrings.
    "zh-hans": {
        "如何", "怎么", "怎么办", "怎样", "怎么样", "什么", "哪些", "哪个", "为什么",
        "是否", "吗", "呢", "我", "我们", "你", "应该", "应当", "需要", "可以", "能", "的",
        "了", "和", "与", "及", "在", "对", "是", "多少", "多久", "多长时间",
    },
}

# Phrases that ask how long something takes, taken out of a query as a whole: on their own
# their words can be the subject's ("long-term care", "temps de réflexion"). The verbs
# that go with them ("take", "dure") are QUESTION_WORDS above.
QUESTION_PHRASES = {
    "en": ["how long"],
    "fr": ["combien de temps"],
    "es": ["cuánto tiempo", "cuanto tiempo"],
    "ar": ["كم من الوقت"],
    "ru": ["сколько времени", "как долго"],
}

# Words that say which kind of content the reader wants ("a training course on ..."): such
# results are favoured, on top of matching the words. Folded to lower case.
KIND_WORDS = {
    "course": {
        "en": {"course", "courses", "training", "e-learning", "module"},
        "fr": {"cours", "formation", "formations", "module"},
        "es": {"curso", "cursos", "formación", "formacion", "capacitación", "capacitacion"},
        "ar": {"دورة", "دورات", "تدريب", "تدريبية", "التدريب"},
        "ru": {"курс", "курсы", "обучение", "тренинг", "тренинги"},
        "zh-hans": {"课程", "培训"},
    },
    "tool": {
        "en": {"template", "form", "checklist", "card", "tool", "directory"},
        "fr": {"modèle", "modele", "formulaire", "liste", "fiche", "outil", "annuaire"},
        "es": {"plantilla", "formulario", "lista", "tarjeta", "herramienta", "directorio"},
        "ar": {"نموذج", "استمارة", "قائمة", "بطاقة", "أداة", "اداة", "دليل"},
        "ru": {"шаблон", "форма", "анкета", "памятка", "карточка", "инструмент", "справочник"},
        "zh-hans": {"模板", "表格", "清单", "卡片", "工具", "名录"},
    },
    "standard": {
        "en": {"standard", "standards", "norms", "minimum"},
        "fr": {"norme", "normes", "standard", "standards"},
        "es": {"norma", "normas", "estándar", "estándares", "estandares"},
        "ar": {"معايير", "معيار", "المعايير"},
        "ru": {"стандарт", "стандарты", "нормы"},
        "zh-hans": {"标准", "规范"},
    },
}

# Words that ask for an edition a newer one has replaced ("the old case management
# standards", "normes précédentes"), and words that name an edition: with a word of
# either list, or with the name of a standard, an earlier-edition word makes replaced
# editions come first (search.query.asked_editions); alone it is the subject's ("old
# age"). "Older" and "former" are left out: they are mostly said of people ("standards
# for older migrants", "former victims").
# Folded, Arabic without its clitics; Chinese substrings.
EARLIER_WORDS = {
    "en": {"old", "previous", "earlier", "superseded", "outdated", "replaced", "archived"},
    "fr": {"ancien", "anciens", "ancienne", "anciennes", "precedent", "precedents",
           "precedente", "precedentes", "anterieur", "anterieurs", "anterieure",
           "anterieures", "remplace", "remplaces", "remplacee", "remplacees", "perime",
           "perimes", "perimee", "perimees"},
    "es": {"antiguo", "antiguos", "antigua", "antiguas", "anterior", "anteriores", "previo",
           "previos", "previa", "previas", "viejo", "viejos", "vieja", "viejas",
           "reemplazado", "reemplazados", "reemplazada", "reemplazadas", "sustituido",
           "sustituidos", "sustituida", "sustituidas"},
    "ar": {"قديم", "قديمه", "سابق", "سابقه", "اقدم", "ملغي", "ملغاه", "مستبدل", "مستبدله"},
    "ru": {"старый", "старая", "старое", "старые", "старого", "старой", "старых", "прежний",
           "прежняя", "прежнее", "прежние", "прежней", "прежних", "предыдущий",
           "предыдущая", "предыдущее", "предыдущие", "предыдущей", "предыдущих",
           "устаревший", "устаревшая", "устаревшие", "устаревших"},
    "zh-hans": {"旧版", "旧的", "以前的", "之前的", "上一版", "前一版", "过时的", "被取代的"},
}
EDITION_WORDS = {
    "en": {"edition", "editions", "version", "versions"},
    "fr": {"edition", "editions", "version", "versions"},
    "es": {"edicion", "ediciones", "version", "versiones"},
    "ar": {"طبعه", "اصدار", "نسخه"},
    "ru": {"редакция", "редакции", "редакцию", "версия", "версии", "версию", "издание",
           "издания"},
    # Chinese: these name an earlier edition by themselves.
    "zh-hans": {"版本", "旧版", "上一版", "前一版"},
}

# Forms a stemmer cannot bring together (irregular and broken plurals, stem changes),
# mapped to one term that both the text and the query are reduced to. The term is final:
# it is not stemmed again, and neither is a word equal to it. Keys and terms are folded
# to lower case without accents (ё as е); Arabic ones after normalisation (bare alef,
# ى as ي, ة as ه) and without their clitics, so "الأطفال" and "للأطفال" become "طفل".
STEM_OVERRIDES = {
    "en": {
        "children": "child", "childrens": "child", "women": "woman", "men": "man",
        "people": "person", "lives": "life", "wives": "wife", "analyses": "analysis",
        "crises": "crisis", "criteria": "criterion", "phenomena": "phenomenon",
        # Irregular verbs: "a child goes missing" meets "children who go missing".
        "goes": "go", "went": "go", "gone": "go", "feet": "foot", "teeth": "tooth",
        # A word the stemmer would make another: humane support is not human trafficking.
        "humane": "humane", "humanely": "humane",
        # Papers are documents, and a migrant without them is not a record kept on paper.
        "papers": "papers",
        # The verb readers type and the noun the guidance is written in, which the stemmer
        # keeps apart: "how to refer a child" is about referral, "identify victims" about
        # their identification, "detained migrants" about detention.
        **dict.fromkeys(
            ["identify", "identifies", "identified", "identifying", "identification",
             "identifications"],
            "identifi",
        ),
        **dict.fromkeys(
            ["refer", "refers", "referred", "referring", "referral", "referrals"], "refer"
        ),
        **dict.fromkeys(
            ["detain", "detains", "detained", "detaining", "detention", "detentions"], "detain"
        ),
        **dict.fromkeys(
            ["decide", "decides", "decided", "deciding", "decision", "decisions"], "decid"
        ),
        # "recognised victims": their recognition.
        **dict.fromkeys(["recognition", "recognitions"], "recognis"),
        # American spellings meet the British ones the library is written in; and an
        # "organization" is not an organ (the stemmer makes both "organ").
        **{
            f"{base}{z}{ending}": f"{base}is"
            for base in ("recogn", "organ", "priorit", "minim", "special", "author",
                         "stigmat", "traumat", "criminal", "regular", "mobil", "summar")
            for z in ("is", "iz")
            for ending in ("e", "es", "ed", "ing", "ation", "ations")
        },
    },
    "fr": {
        "yeux": "oeil", "travaux": "travail",
        # "Sans-papiers" lack papiers (documents), not a record kept "sur papier".
        "papiers": "papiers",
        # Trafficking ("la traite") is not treatment: the stemmers make "traitement" and
        # "traiter" the same word. The treating words are kept apart, so a misspelt
        # "traitte" still meets trafficking. ("traité", a treaty, still does.)
        **dict.fromkeys(["traitement", "traitements"], "traitement"),
        **dict.fromkeys(
            ["traiter", "traitee", "traitees", "traitent", "traitez", "traitons", "traitant"],
            "traiter",
        ),
        # The verb readers type and the noun the guidance uses, as in English
        # ("protéger les données", "protection des données").
        **dict.fromkeys(
            ["reperer", "repere", "reperes", "reperee", "reperees", "reperent", "reperage",
             "reperages"],
            "reper",
        ),
        **dict.fromkeys(
            ["proteger", "protege", "protegee", "protegees", "proteges", "protegent",
             "protegez", "protegeons", "protection", "protections"],
            "protect",
        ),
        # A child who goes missing: "un enfant disparaît", "la disparition d'un enfant".
        **dict.fromkeys(
            ["disparaitre", "disparait", "disparaissent", "disparaissant", "disparu",
             "disparue", "disparus", "disparues", "disparition", "disparitions"],
            "dispar",
        ),
    },
    "es": {
        # "Sin papeles" (documents) is not "en papel" (paper records).
        "papeles": "papeles",
        # The verb readers type and the noun the guidance uses: Elasticsearch's light
        # Spanish stemmer keeps "derivar" and "derivación" apart, and "proteger" and
        # "protección". Not "derivado", which is as often "derived from".
        **dict.fromkeys(["derivar", "deriva", "derivan", "derivacion", "derivaciones"], "deriv"),
        **dict.fromkeys(
            ["proteger", "protege", "protegen", "protegido", "protegida", "protegidos",
             "protegidas", "proteccion", "protecciones"],
            "protec",
        ),
        # Trafficking ("la trata") is not how people are treated ("trato", "tratar").
        **dict.fromkeys(["trato", "tratos"], "trato"),
        **dict.fromkeys(
            ["tratar", "tratan", "tratamos", "tratado", "tratada", "tratados", "tratadas"],
            "tratar",
        ),
        **dict.fromkeys(
            ["desaparecer", "desaparece", "desaparecen", "desaparezca", "desaparezcan",
             "desaparecido", "desaparecida", "desaparecidos", "desaparecidas", "desaparicion",
             "desapariciones"],
            "desaparec",
        ),
    },
    "ar": {
        # Broken plurals: the stemmer only strips affixes.
        "اطفال": "طفل", "الاطفال": "طفل", "ضحايا": "ضحيه", "الضحايا": "ضحيه", "نساء": "امراه",
        "النساء": "امراه", "مهاجرون": "مهاجر", "مهاجرين": "مهاجر", "المهاجرين": "مهاجر",
        "المهاجرون": "مهاجر", "حالات": "حاله", "الحالات": "حاله", "اشخاص": "شخص",
        "الاشخاص": "شخص", "قاصرين": "قاصر", "القاصرين": "قاصر",
        # The noun and the adjective readers use for the same idea ("vulnerability").
        "هشاشه": "هش", "هشه": "هش",
        "معايير": "معيار", "وثائق": "وثيقه", "ادوات": "اداه", "ديون": "دين", "الديون": "دين",
        # A word the light stemmer would make another: دورة (a course) is not دور (a role,
        # houses) once its ة goes.
        "دوره": "دوره", "الدوره": "دوره", "دورات": "دوره", "الدورات": "دوره",
        # Suspecting ("اشتبهت", "يشتبه", "ضحية مشتبه بها", "الاشتباه"): the stemmer gives
        # each form a stem of its own.
        **dict.fromkeys(
            ["اشتبه", "اشتبهت", "اشتبهنا", "اشتبهوا", "يشتبه", "تشتبه", "نشتبه", "مشتبه",
             "مشتبهه", "مشتبها", "مشتبهين", "مشتبهون", "اشتباه", "اشتباهات"],
            "اشتبه",
        ),
    },
    "ru": {
        **dict.fromkeys(
            ["дети", "детей", "детям", "детьми", "детях", "ребенок", "ребенка", "ребенку",
             "ребенком", "ребенке"],
            "ребенок",
        ),
        **dict.fromkeys(
            ["люди", "людей", "людям", "людьми", "людях", "человека", "человеку", "человеком",
             "человеке"],
            "человек",
        ),
        # The stemmer makes "случая" "случ" but "случай" "случа": the case of case management.
        **dict.fromkeys(
            ["случай", "случая", "случаю", "случаем", "случае", "случаи", "случаев", "случаям",
             "случаями", "случаях"],
            "случай",
        ),
        # A child who goes missing ("ребёнок пропал", "дети пропадают", "исчезновение"):
        # the stemmer makes "пропал" "пропа" and "пропадают" "пропада".
        **dict.fromkeys(
            ["пропал", "пропала", "пропало", "пропали", "пропадает", "пропадают", "пропадать",
             "пропадающие", "пропадающих", "пропавший", "пропавшая", "пропавшие",
             "пропавших", "пропажа", "пропажи", "пропаже"],
            "пропада",
        ),
        **dict.fromkeys(
            ["исчез", "исчезла", "исчезло", "исчезли", "исчезает", "исчезают", "исчезать",
             "исчезнуть", "исчезновение", "исчезновения", "исчезновении", "исчезнувший",
             "исчезнувшие", "исчезнувших"],
            "исчез",
        ),
    },
    "zh-hans": {},
}

# Analysis ---------------------------------------------------------------------------------
#
# One analysis for the database engine's index and queries and for finding glossary terms:
# a word is case-folded, its accents and Arabic letter variants folded, Arabic prefixes
# taken off, irregular forms mapped (STEM_OVERRIDES), then stemmed with Snowball. Chinese
# is cut into overlapping pairs of characters, since it is written without spaces.

SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
MAX_TERM_LENGTH = 60  # longer "words" (a pasted hash, "xxxx…") are cut to this
# A word as a query is cut into words (the vocabulary, the typo lookups, the translation).
WORD = re.compile(r"\w+")

# Ideographs and kana: written without spaces between words.
_CJK = "\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Combining marks that belong inside a word (Arabic tashkeel, decomposed accents): Python's
# \w does not count them as word characters.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TOKEN = re.compile(rf"[{_CJK}]+|(?:[^\W{_CJK}]|[{_MARKS}])+")
_CJK_RUN = re.compile(rf"[{_CJK}]")

_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "ـ": None}
)
# The article with the particles that attach before it, longest first ("وبال" before "بال").
_ARABIC_ARTICLES = sorted(
    {"ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال"},
    key=len,
    reverse=True,
)
# Particles attached without the article: و ("and") when four letters or more remain;
# ب ف ك ل when five or more remain (so "لإدارة" is "إدارة" but "كتابة" keeps its ك), or
# before a form the portal knows ("لأطفال").
_ARABIC_AND = "و"
_HAMZA_ALEFS = ("آ", "أ", "إ", "ٱ")
_ARABIC_PARTICLES = ("ب", "ف", "ك", "ل")


def fold(text):
    """Unicode-normalised, case-folded, without accents: "Éducation" → "education".

    Arabic and Cyrillic letters keep their shape except the variants readers mix up
    (ё→е, hamza seats, ى, ة); Arabic diacritics and tatweel go.
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    for char in decomposed:
        if unicodedata.combining(char):
            # й (и + breve) is a letter of its own in Russian, not an accented и.
            if char == "\u0306" and kept and kept[-1] in "иИ":
                kept.append(char)
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


@lru_cache(maxsize=200_000)
def fold_word(word):
    """fold() of one word, cut to the longest term kept."""
    return fold(word)[:MAX_TERM_LENGTH]


def strip_arabic_prefix(word):
    """Take off an attached ال, و, ب, ف, ك, ل (or a combination) when a word remains.

    "والاطفال" → "اطفال", "بالحمايه" → "حمايه", "لاداره" → "اداره"; "كتاب" and "ولد" stay.
    Applied to folded text.
    """
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    if word.startswith(_ARABIC_AND) and len(word) >= 5:
        word = word[1:]
    if word.startswith(_ARABIC_PARTICLES) and (len(word) >= 6 or word[1:] in _overrides("ar")):
        return word[1:]
    return word


@lru_cache(maxsize=6)
def _stemmer(language):
    algorithm = SNOWBALL.get(language)
    return Stemmer.Stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=6)
def _overrides(language):
    return {fold(form): fold(target) for form, target in STEM_OVERRIDES.get(language, {}).items()}


@lru_cache(maxsize=6)
def _final_terms(language):
    """The terms STEM_OVERRIDES maps to: a word written as one is not stemmed either."""
    return frozenset(_overrides(language).values())


@lru_cache(maxsize=6)
def _question_words(language):
    return {fold(word) for word in QUESTION_WORDS.get(language, ())}


@lru_cache(maxsize=200_000)
def term(word, language):
    """The index term of one word (not Chinese): the same for all its forms."""
    folded = fold_word(word)
    if language == "ar" and not word.startswith(_HAMZA_ALEFS):
        # A word that starts with a hamza or madda alef has no prefix: folded, "آلية"
        # would read as the article and "يه", and no longer meet "الآلية".
        folded = strip_arabic_prefix(folded)
    overrides = _overrides(language)
    if folded in overrides or folded in _final_terms(language):
        # Final, as the Elasticsearch rules keep it: "humane" stays, not "human".
        return overrides.get(folded, folded)
    stemmer = _stemmer(language)
    # Accents are folded again after stemming: Snowball may have read "niños" as "niñ".
    return fold(stemmer.stemWord(folded)) if stemmer else folded


def words(text):
    """(word, start, end) for each word of `text` as written (a run of ideographs is one)."""
    for match in _TOKEN.finditer(text or ""):
        yield match.group(), match.start(), match.end()


def tokens(text, language):
    """(term, start, end) for each word of `text`, with offsets in `text` itself.

    Chinese (and any run of ideographs) gives overlapping pairs of characters, or the one
    character of a run of one.
    """
    for match in _TOKEN.finditer(text or ""):
        word, start = match.group(), match.start()
        if _CJK_RUN.match(word):
            if len(word) == 1:
                yield word, start, start + 1
            for offset in range(len(word) - 1):
                yield word[offset : offset + 2], start + offset, start + offset + 2
        else:
            yield term(word, language), start, match.end()


def terms(text, language):
    """The index terms of `text`, in order (repeated as often as they occur)."""
    return [found for found, _start, _end in tokens(text, language)]


@cache
def _question_phrase(language):
    phrases = QUESTION_PHRASES.get(language)
    if not phrases:
        return None
    either = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"(?<![\w-])(?:{either})(?![\w-])", re.IGNORECASE)


def without_question_phrases(text, language):
    """`text` without the phrases that ask how long something takes ("how long does an
    age assessment take" is about age assessment); a query that is only such a phrase
    keeps it."""
    pattern = _question_phrase(language)
    if pattern is None:
        return text
    return " ".join(pattern.sub(" ", text).split()) or text


def without_earlier_edition_words(text, language):
    """(`text` without its EARLIER_WORDS and EDITION_WORDS, True) when it asks for an
    edition a newer one has replaced: an earlier-edition word beside a word that names an
    edition or a standard ("the previous version of the case management standards");
    otherwise (`text`, False). A query that is only such words keeps them."""
    earlier, editions = EARLIER_WORDS.get(language, ()), EDITION_WORDS.get(language, ())
    naming = {fold(word) for word in KIND_WORDS["standard"].get(language, ())} | editions
    if language == "zh-hans":
        if not (any(w in text for w in earlier) and any(w in text for w in naming)):
            return text, False
        kept = text
        for word in sorted(earlier | editions, key=len, reverse=True):
            kept = kept.replace(word, " ")
        kept = " ".join(kept.split())
        return (kept, True) if kept else (text, False)

    def key(word):
        folded = fold(word)
        return strip_arabic_prefix(folded) if language == "ar" else folded

    keys = {key(word) for word in WORD.findall(text)}
    if not (keys & earlier and keys & naming):
        return text, False
    dropped = earlier | editions
    kept = [
        part
        for part in text.split()
        if not (words := WORD.findall(part)) or any(key(word) not in dropped for word in words)
    ]
    return (" ".join(kept), True) if kept else (text, False)


def is_question_word(word, language):
    """Whether `word` only makes a query a question or joins its words ("how", "un")."""
    return fold(word) in _question_words(language)


def query_words(text, language):
    """(word as typed, term) of a reader's query, without the words that only make it a
    question: "how do I identify a victim" searches for "identify victim". A query made
    only of such words keeps them ("how" alone still searches for "how")."""
    text = text or ""
    if language == "zh-hans":
        remaining = text
        for word in sorted(QUESTION_WORDS["zh-hans"], key=len, reverse=True):
            remaining = remaining.replace(word, " ")
        found = [(remaining[start:end], term) for term, start, end in tokens(remaining, language)]
        return found or [(text[start:end], term) for term, start, end in tokens(text, language)]
    question_words = _question_words(language)
    written = [word for word, _start, _end in words(text)]
    kept = [word for word in written if fold(word) not in question_words] or written
    return [(word, term_) for word in kept for term_, _start, _end in tokens(word, language)]


def query_terms(text, language):
    """The terms of a reader's query (see query_words)."""
    return [term_ for _word, term_ in query_words(text, language)]


def is_cjk(term_or_word):
    return bool(_CJK_RUN.match(term_or_word))


# Shorter words are never corrected in a "did you mean": "war" is no typo of "was".
MIN_CORRECTED_LENGTH = 4


# A word the library holds, found by a few results, is corrected to a more frequent one no
# further away than this: two letters from a word in use is another word, not a typo of it
# (Arabic اشتبهت "I suspected" is not اشترت "she bought").
HELD_WORD_TYPOS = 1


def typos_allowed(word):
    """How many typos a word may hold and still be corrected, as Elasticsearch's "AUTO"
    fuzziness counts them: none below three letters, one up to five, two beyond. "sick"
    is not a typo of "such", nor "evacuaton" far from "evacuation"."""
    length = len(word)
    return 0 if length < 3 else 1 if length <= 5 else 2
