"""The analysis both the database engine and the glossary use: a word's forms meet."""

import pytest

from foundation.linguistics import (
    fold,
    query_terms,
    terms,
    tokens,
    without_earlier_edition_words,
    without_question_phrases,
)


def same_term(language, *forms):
    found = {form: terms(form, language) for form in forms}
    assert len({tuple(value) for value in found.values()}) == 1, found
    return next(iter(found.values()))


def test_folding_takes_off_case_accents_and_compatibility_forms():
    assert fold("ÉDUCATION") == "education"
    assert fold("niño") == "nino"
    assert fold("Ёлка") == "елка"
    assert fold("ﬁle") == "file"  # the ligature of a PDF copied into a page
    assert fold("ＡＢＣ") == "abc"  # full-width letters
    assert fold("район") == "район"  # й is a letter of its own, not an accented и


def test_english_words_are_stemmed_and_irregular_plurals_mapped():
    assert same_term("en", "trafficking", "trafficked", "Trafficking") == ["traffick"]
    same_term("en", "children", "child", "Child")
    same_term("en", "women", "woman")
    same_term("en", "goes", "go", "going", "went", "gone")


def test_french_and_spanish_plurals_and_accents_meet():
    same_term("fr", "enfants", "enfant", "Enfant")
    same_term("fr", "victimes", "victime")
    same_term("es", "niños", "niño", "ninos")
    same_term("es", "víctimas", "victimas", "víctima")


def test_the_verb_a_reader_types_meets_the_noun_and_trafficking_is_not_treatment():
    same_term("fr", "protéger", "protection", "protégées")
    same_term("es", "proteger", "protección", "protegidos")
    trafficking = same_term("fr", "traite", "traites")
    assert terms("traitement", "fr") != trafficking
    assert terms("traiter", "fr") != trafficking
    assert terms("trato", "es") != terms("trata", "es")


def test_russian_inflections_and_irregular_forms_meet():
    same_term("ru", "торговля", "торговли", "торговлей")
    same_term("ru", "дети", "детей", "детьми", "ребёнок", "ребенка")
    same_term("ru", "жертва", "жертвы", "жертвам")


def test_arabic_letter_variants_diacritics_and_tatweel_are_folded():
    same_term("ar", "أطفال", "اطفال", "إطفال")
    same_term("ar", "حماية", "حمايه")
    same_term("ar", "كِتَاب", "كتاب", "كتـــاب")
    assert fold("مستشفى") == "مستشفي"


def test_arabic_prefixes_come_off_when_a_word_remains():
    same_term("ar", "الأطفال", "والأطفال", "بالأطفال", "للأطفال", "لأطفال", "أطفال", "طفل")
    same_term("ar", "بالحماية", "الحماية", "وحماية", "حماية")
    assert terms("كتاب", "ar") != terms("تاب", "ar")  # its ك is part of the word
    assert terms("ولد", "ar") != terms("لد", "ar")  # too short to carry a و
    # A word that starts with a madda or hamza alef has no article: "آلية" meets "الآلية".
    same_term("ar", "آلية", "الآلية", "والآلية", "بالآلية")


def test_chinese_is_cut_into_overlapping_pairs_and_single_characters():
    assert terms("人口贩运", "zh-hans") == ["人口", "口贩", "贩运"]
    assert terms("人", "zh-hans") == ["人"]
    assert terms("识别 人", "zh-hans") == ["识别", "人"]


def test_token_offsets_point_at_the_words_in_the_original_text():
    text = "Les «Enfants» déplacés"
    found = list(tokens(text, "fr"))
    assert [text[start:end] for _term, start, end in found] == ["Les", "Enfants", "déplacés"]
    arabic = "عن الأطفال"
    (_term, start, end) = list(tokens(arabic, "ar"))[1]
    assert arabic[start:end] == "الأطفال"
    chinese = "识别人口贩运"
    assert [(chinese[s:e], t) for t, s, e in tokens(chinese, "zh-hans")][2] == ("人口", "人口")


def test_question_words_leave_the_query_but_a_query_of_nothing_else_keeps_them():
    assert query_terms("How do I identify a victim?", "en") == terms("identify victim", "en")
    assert query_terms("كيف أحمي الأطفال", "ar") == terms("أحمي الأطفال", "ar")
    assert query_terms("如何识别人口贩运", "zh-hans") == terms("识别人口贩运", "zh-hans")
    assert query_terms("comment", "fr") == terms("comment", "fr")


def test_what_to_do_if_is_a_question_in_every_language():
    assert query_terms("что делать если ребёнок на границе", "ru") == terms("ребёнок границе", "ru")
    assert query_terms("qué hacer si llega un niño", "es") == terms("llega niño", "es")
    assert query_terms("que faire si un enfant arrive", "fr") == terms("enfant arrive", "fr")
    assert query_terms("ماذا أفعل مع طفل وصل", "ar") == terms("طفل وصل", "ar")
    assert query_terms("边境孤身儿童怎么办", "zh-hans") == terms("边境孤身儿童", "zh-hans")


def test_how_many_and_how_long_only_make_a_question():
    french = "combien de temps garder un dossier"
    assert query_terms(french, "fr") == terms("temps garder dossier", "fr")
    assert query_terms("cuántos días dura", "es") == terms("días", "es")
    assert query_terms("сколько дней", "ru") == terms("дней", "ru")
    assert query_terms("كم يوما", "ar") == terms("يوما", "ar")
    assert query_terms("档案保存多久", "zh-hans") == terms("档案保存", "zh-hans")
    assert query_terms("how many days", "en") == terms("days", "en")


def test_how_long_goes_as_a_whole_and_long_alone_stays():
    assert without_question_phrases("how long does an age assessment take", "en") == (
        "does an age assessment take"
    )
    assert without_question_phrases("long-term care", "en") == "long-term care"
    assert without_question_phrases("combien de temps garder un dossier", "fr") == (
        "garder un dossier"
    )
    assert without_question_phrases("Cuánto tiempo dura", "es") == "dura"
    assert without_question_phrases("كم من الوقت يستغرق تقدير السن", "ar") == ("يستغرق تقدير السن")
    assert without_question_phrases("как долго длится", "ru") == "длится"
    assert without_question_phrases("how long", "en") == "how long"  # nothing else asked


def test_going_missing_is_one_word_in_every_form():
    # "ребёнок пропал" finds "дети пропадают рано"; "un enfant disparaît", "disparition".
    same_term("ru", "пропал", "пропадают", "пропавших", "пропажа")
    same_term("ru", "исчез", "исчезают", "исчезновение")
    same_term("fr", "disparaît", "disparaissent", "disparition", "disparue")
    same_term("es", "desaparece", "desaparición", "desaparecidos")


@pytest.mark.parametrize(
    "text, language, subject",
    [
        ("old case management standards", "en", "case management standards"),
        ("the previous edition of the SOPs", "en", "the of the SOPs"),
        ("anciennes normes de gestion des cas", "fr", "normes de gestion des cas"),
        ("normas anteriores de gestión", "es", "normas de gestión"),
        ("النسخة السابقة من المعايير", "ar", "من المعايير"),
        ("старые стандарты", "ru", "стандарты"),
        ("旧版个案管理标准", "zh-hans", "个案管理标准"),
    ],
)
def test_words_asking_for_an_old_edition_leave_the_query(text, language, subject):
    assert without_earlier_edition_words(text, language) == (subject, True)


@pytest.mark.parametrize(
    "text, language",
    [
        ("old age pensions", "en"),  # no standard, no edition named
        ("standards for older migrants", "en"),
        ("former victims standards", "en"),
        ("old version", "en"),  # nothing else asked: kept
        ("出版物", "zh-hans"),  # 版 of a publication
    ],
)
def test_old_said_of_something_else_stays_in_the_query(text, language):
    assert without_earlier_edition_words(text, language) == (text, False)
