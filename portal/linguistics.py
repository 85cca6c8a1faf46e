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

# Forms a stemmer cannot bring together (irregular plurals, variants), mapped to the one
# form both the text and the query are reduced to. Folded to lower case; Arabic after
# normalisation (no hamza on alef, ى as ي, ة as ه) and applied to the light stem, so
# "الأطفال" and "أطفال" both become "طفل".
STEM_OVERRIDES = {
    "en": {
        "children": "child", "childrens": "child", "women": "woman", "men": "man",
        "people": "person", "persons": "person", "minors": "minor", "victims": "victim",
        "lives": "life", "wives": "wife", "analyses": "analysis", "crises": "crisis",
        "criteria": "criterion", "phenomena": "phenomenon",
    },
    "fr": {
        "enfants": "enfant", "femmes": "femme", "hommes": "homme", "personnes": "personne",
        "mineurs": "mineur", "victimes": "victime", "yeux": "oeil", "travaux": "travail",
    },
    "es": {
        "niños": "niño", "ninos": "niño", "niñas": "niña", "ninas": "niña", "mujeres": "mujer",
        "hombres": "hombre", "personas": "persona", "menores": "menor", "víctimas": "víctima",
        "victimas": "víctima",
    },
    "ar": {
        # Broken plurals: the stemmer only strips affixes.
        "اطفال": "طفل", "الاطفال": "طفل", "ضحايا": "ضحيه", "الضحايا": "ضحيه", "نساء": "امراه",
        "النساء": "امراه", "مهاجرون": "مهاجر", "مهاجرين": "مهاجر", "المهاجرين": "مهاجر",
        "المهاجرون": "مهاجر", "حالات": "حاله", "الحالات": "حاله", "اشخاص": "شخص",
        "الاشخاص": "شخص", "قاصرين": "قاصر", "القاصرين": "قاصر",
    },
    "ru": {
        "дети": "ребенок", "детей": "ребенок", "детям": "ребенок", "детьми": "ребенок",
        "детях": "ребенок", "ребёнок": "ребенок", "ребенка": "ребенок", "ребёнка": "ребенок",
        "люди": "человек", "людей": "человек", "людям": "человек", "людьми": "человек",
        "женщины": "женщина", "жертвы": "жертва",
    },
    "zh-hans": {},
}
