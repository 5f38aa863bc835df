import re
import unicodedata

from store.textnorm import comparable_text, content_hash, fold_width, squeeze_whitespace


def reference_fold(text: str) -> str:
    return re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", unicodedata.normalize("NFKC", text))


def test_fold_width_is_exactly_nfkc_without_invisible_characters():
    samples = [
        "长沙，深化改革：营商环境（2025）", "ＡＢＣ１２３，：；（）", "……Ⅲ㎡①", "e\u0301 ﬁ ｶﾞ", "全角　空格\u200b零宽",
        "𠀀𪚥 x", "A\u0308…\u0301", "", "\ufeff开头",
    ]
    for text in samples:
        assert fold_width(text) == reference_fold(text), text


def test_versions_ignore_width_and_whitespace_but_not_content():
    base = content_hash("长沙招商", "总投资120亿元，新增就业3000人。\n第二段。")
    assert content_hash("长沙招商", "总投资１２０亿元,新增就业3000人.\n\n  第二段.") != base  # 。→. is not width
    assert content_hash(" 长沙招商 ", "总投资１２０亿元，新增就业３０００人。 第二段。") == base
    assert content_hash("长沙招商", "总投资150亿元，新增就业3000人。\n第二段。") != base
    assert comparable_text("Ａ　Ｂ\nC") == "ABC"
    assert squeeze_whitespace("  a \n\t b ") == "a b"
