"""What the portal knows about its six languages, shared by every engine and every app.

Both search engines read these lists (Elasticsearch turns them into analysis filters,
the database engine applies them in Python), so a reader's query means the same thing
whichever engine answers.
"""

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
    },
    "fr": {
        "comment", "quoi", "que", "qu", "quel", "quelle", "quels", "quelles", "qui", "où",
        "ou", "quand", "pourquoi", "est", "ce", "c", "je", "j", "nous", "vous", "on", "il",
        "faut", "dois", "doit", "devons", "peut", "peux", "puis", "un", "une", "le", "la",
        "les", "l", "de", "des", "du", "d", "à", "au", "aux", "en", "pour", "sur", "avec",
        "et", "s", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "faire", "y", "a",
    },
    "es": {
        "cómo", "como", "qué", "que", "cuál", "cual", "cuáles", "cuales", "cuándo", "cuando",
        "dónde", "donde", "quién", "quien", "quiénes", "por", "para", "debo", "debe",
        "debemos", "puedo", "puede", "podemos", "hay", "se", "yo", "un", "una", "unos",
        "unas", "el", "la", "los", "las", "lo", "de", "del", "al", "a", "en", "con", "y", "o",
        "mi", "mis", "su", "sus", "nuestro", "nuestra", "hacer", "es", "son",
    },
    "ar": {
        "كيف", "كيفية", "ماذا", "ما", "ماهي", "ماهو", "متى", "أين", "اين", "من", "لماذا", "هل",
        "أي", "اي", "ايش", "هو", "هي", "في", "على", "إلى", "الى", "عن", "مع", "أن", "ان",
        "يجب", "يمكن", "أستطيع", "استطيع", "نستطيع", "علي", "علينا", "أنا", "انا", "نحن",
        "لكي", "كي", "و", "أو", "او",
    },
    "ru": {
        "как", "что", "где", "когда", "кто", "почему", "зачем", "какой", "какая", "какие",
        "каким", "какого", "ли", "мне", "нам", "я", "мы", "вы", "нужно", "надо", "можно",
        "должен", "должна", "должны", "в", "во", "на", "с", "со", "о", "об", "по", "для",
        "и", "или", "к", "у", "из", "от", "это", "есть",
    },
    # Chinese is written without spaces: these are taken out of the query as substrings.
    "zh-hans": {
        "如何", "怎么", "怎样", "怎么样", "什么", "哪些", "哪个", "为什么", "是否", "吗", "呢",
        "我", "我们", "你", "应该", "应当", "需要", "可以", "能", "的", "了", "和", "与", "及",
        "在", "对", "是",
    },
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
    },
    "fr": {"yeux": "oeil", "travaux": "travail"},
    "es": {},
    "ar": {
        "اطفال": "طفل", "ضحايا": "ضحيه", "نساء": "امراه", "اشخاص": "شخص", "معايير": "معيار",
        "وثائق": "وثيقه", "ادوات": "اداه",
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
    },
    "zh-hans": {},
}


# --- provisional analysis (replaced by the full one) ---------------------------------
import re as _re  # noqa: E402
import unicodedata as _unicodedata  # noqa: E402

import Stemmer as _Stemmer  # noqa: E402

_STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
_ARABIC = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "ـ": None}
)


def fold(text):
    text = _unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not _unicodedata.combining(ch))
    return _unicodedata.normalize("NFC", text).translate(_ARABIC)


_CACHE = {}


def _tables(language):
    if language not in _CACHE:
        _CACHE[language] = (
            {fold(w) for w in QUESTION_WORDS.get(language, ())},
            {fold(k): v for k, v in STEM_OVERRIDES.get(language, {}).items()},
            _Stemmer.Stemmer(_STEMMERS[language]) if language in _STEMMERS else None,
        )
    return _CACHE[language]


def terms(text, language, keep_question_words=False):
    questions, overrides, stemmer = _tables(language)
    stop = set() if keep_question_words else questions
    found = []
    for word in _re.findall(r"\w+", fold(text)):
        if word in stop:
            continue
        if language == "ar":
            for prefix in ("وال", "بال", "فال", "كال", "لل", "ال", "و"):
                if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                    word = word[len(prefix):]
                    break
        if word in overrides:
            found.append(overrides[word])
        elif word in overrides.values():
            found.append(word)
        elif stemmer:
            found.append(stemmer.stemWord(word))
        else:
            found.append(word)
    return found
