"""A Chinese reader who types one character wrong (a homophone the pinyin input method
offered) still finds the page on the database engine; a query spelt right is left alone."""

import importlib
import io

import pytest

from django.apps import apps
from django.core.management import call_command

from search import engine
from search.models import SearchPair
from tests.conftest import publish
from tests.search.conftest import titles, written_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.embedded,
    pytest.mark.usefixtures("database_engine"),
]


def chinese_page(parent, title, summary, body=""):
    return publish(
        written_in(parent, {"en": ("Page", "A page.", "Text."), "zh-hans": (title, summary, body)})
    )


@pytest.fixture
def library(theme_page):
    return {
        title: chinese_page(theme_page, title, summary, body)
        for title, summary, body in [
            ("个案管理标准", "个案管理的最低标准。", "每个个案都有一名负责转介的工作人员。"),
            ("转介路径", "如何将移民转介给专门的服务机构。", "个案转介之前先征得本人同意。"),
            ("打击人口贩卖", "人口贩卖的受害者需要保护。", "识别受害者。"),
            ("个人数据管理", "个人数据的管理与保护。", "数据只在转介时共享。"),
            ("设备转借手续", "转借设备需要登记。", "归还时检查设备。"),
        ]
    }


@pytest.mark.parametrize(
    "typed, title, marked",
    [
        ("个按管理", "个案管理标准", "<mark>个案管理</mark>标准"),  # 按 for 案, both "an"
        ("转界", "转介路径", "<mark>转介</mark>路径"),  # 界 for 介, both "jie"
        ("人口贩买", "打击人口贩卖", "打击<mark>人口贩卖</mark>"),  # 买 for 卖, both "mai"
    ],
)
def test_a_character_typed_for_one_of_the_same_sound_finds_the_page(library, typed, title, marked):
    results = engine.search(typed, "zh-hans")

    assert titles(results)[0] == title
    assert results.hits[0].title_html == marked


def test_the_suggestion_shows_the_words_corrected(library, client):
    assert engine.search("个按管理", "zh-hans").suggestion == "个案管理"
    assert engine.search("转界 人口贩买", "zh-hans").suggestion == "转介 人口贩卖"

    page = client.get("/zh-hans/search/", {"q": "个按管理"}).content.decode()

    assert '<a href="?q=%E4%B8%AA%E6%A1%88%E7%AE%A1%E7%90%86">个案管理</a>' in page


def test_words_spelt_right_are_not_corrected(library):
    # 转借 ("lend on") sounds like 转介 ("refer"), which the portal holds far more often.
    lend = engine.search("转借", "zh-hans")
    assert titles(lend) == ["设备转借手续"] and lend.suggestion == ""
    refer = engine.search("转介", "zh-hans")
    assert titles(refer)[0] == "转介路径" and "设备转借手续" not in titles(refer)
    # Words side by side that no page has together: 理流 is in no text, and no typo.
    for query in ("个案管理流程", "个人数据保护标准", "转介路径"):
        assert engine.search(query, "zh-hans").suggestion == "", query


def test_the_words_as_typed_rank_above_the_words_corrected(library):
    # Each page has one of the words in its title and the other in its text.
    found = titles(engine.search("转介 个按", "zh-hans"))  # 个按 corrected to 个案

    assert found == ["转介路径", "个案管理标准"]


def test_a_correction_only_leads_to_pages_still_holding_it(library):
    library["打击人口贩卖"].unpublish()

    results = engine.search("人口贩买", "zh-hans")

    assert results.total == 0 and results.suggestion == ""
    call_command("rebuild_search", "--database-only", stdout=io.StringIO(), stderr=io.StringIO())
    assert not SearchPair.objects.filter(language="zh-hans", first="贩", second="卖").exists()
    assert SearchPair.objects.filter(language="zh-hans", first="转", second="介").exists()


def test_an_index_built_before_the_pairs_were_kept_gets_them_from_its_migration(library):
    SearchPair.objects.all().delete()
    assert titles(engine.search("转界", "zh-hans")) == []

    migration = importlib.import_module("search.migrations.0007_chinese_pair_vocabulary")
    migration.fill_pairs(apps, None)

    assert titles(engine.search("转界", "zh-hans"))[0] == "转介路径"
