from store import fulltext
from store.db import open_archive, transaction


def test_index_text_makes_every_character_a_token_and_folds_width():
    assert fulltext.index_text("长沙ＡＢ5") == "长 沙 A B 5 "


def test_match_expression_turns_terms_into_phrases():
    assert fulltext.match_expression("长沙 招商引资") == '"长 沙" AND "招 商 引 资"'
    assert fulltext.match_expression('"智能 汽车" 5G') == '"智 能 汽 车" AND "5 G"'
    assert fulltext.match_expression("，。 ") == ""


def test_search_short_and_long_chinese_terms(tmp_path):
    db = open_archive(tmp_path / "a.db")
    with transaction(db):
        fulltext.index_article(db, 1, "长沙深化营商环境改革", "长沙市推出行动计划，优化营商环境。")
        fulltext.index_article(db, 2, "湖南物流业需求增长", "湖南省物流业运行稳健，长途运输成本上升，5G基站2025个。")
    assert fulltext.search_ids(db, "长沙") == [1]
    assert fulltext.search_ids(db, "营商环境") == [1]
    assert fulltext.search_ids(db, "物流 成本") == [2]
    assert fulltext.search_ids(db, "营商 物流") == []
    assert fulltext.search_ids(db, "沙市推") == [1]
    assert fulltext.search_ids(db, "5g") == [2] and fulltext.search_ids(db, "２０２５") == [2]
    with transaction(db):
        fulltext.unindex_article(db, 1, "长沙深化营商环境改革", "长沙市推出行动计划，优化营商环境。")
    assert fulltext.search_ids(db, "长沙") == []


def test_snippet_marks_terms():
    text = "前言。" * 30 + "长沙市推出行动计划，优化营商环境。" + "结语。" * 30
    snippet = fulltext.snippet(text, "营商环境")
    assert "【营商环境】" in snippet and snippet.startswith("…") and snippet.endswith("…")
