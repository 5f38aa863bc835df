"""Decoding page bytes: header and meta charsets, BOMs, lying labels, undecodable bytes."""
from __future__ import annotations

import codecs

from corpus import REAL_PAGES, read_jsonl
from scrapy.http.headers import Headers

from spiders.extraction.decode import canonical_codec, content_type, declared_codecs, decode_html

TEXT = "长沙市招商引资项目签约，总投资120亿元。"


def page(charset_meta: str | None, text: str = TEXT) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>招商</title></head><body><p>{text}</p></body></html>"


def test_utf8_bytes_labelled_gb2312_are_read_as_utf8():
    text, codec = decode_html(page("gb2312").encode("utf-8"))
    assert codec == "utf-8"
    assert TEXT in text


def test_gbk_bytes_with_meta_are_read_as_gb18030():
    text, codec = decode_html(page("gb2312").encode("gbk"))
    assert codec == "gb18030"
    assert TEXT in text


def test_gb2312_label_reads_gbk_only_characters():
    # 镕 and 堃 are in GBK but not in GB2312: a strict GB2312 decoder would lose them.
    text, _ = decode_html(page("gb2312", "朱镕基 王堃").encode("gbk"))
    assert "朱镕基 王堃" in text


def test_http_charset_from_scrapy_headers():
    headers = Headers({"Content-Type": ["text/html; charset=GBK"]})
    text, codec = decode_html(page(None).encode("gbk"), headers)
    assert codec == "gb18030"
    assert TEXT in text


def test_header_saying_utf8_over_gbk_bytes_is_overruled():
    text, codec = decode_html(page(None).encode("gbk"), {"content-type": "text/html; charset=utf-8"})
    assert codec == "gb18030"
    assert TEXT in text


def test_western_default_label_over_gbk_bytes_is_distrusted():
    text, codec = decode_html(page(None).encode("gbk"), {"Content-Type": "text/html; charset=ISO-8859-1"})
    assert TEXT in text
    assert codec == "gb18030"


def test_unlabelled_gbk_is_detected():
    long_text = TEXT * 20
    text, codec = decode_html(page(None, long_text).encode("gb18030"))
    assert long_text in text


def test_bom_wins():
    text, codec = decode_html(codecs.BOM_UTF8 + page("gbk").encode("utf-8"))
    assert codec == "utf-8"
    assert text.startswith("<html>")


def test_undecodable_bytes_do_not_raise():
    body = page("utf-8").encode("utf-8") + b"\xff\xfe\x80 broken"
    text, codec = decode_html(body)
    assert codec == "utf-8"
    assert TEXT in text and "\ufffd" in text


def test_garbage_and_empty_bytes():
    assert decode_html(b"")[0] == ""
    text, codec = decode_html(bytes(range(256)) * 10)
    assert isinstance(text, str) and codec


def test_content_type_from_either_header_kind():
    assert content_type({"CONTENT-TYPE": "text/html; charset=gbk"}) == "text/html; charset=gbk"
    assert content_type(Headers({"Content-Type": "text/html"})) == "text/html"
    assert content_type({b"content-type": [b"a", b"text/html; charset=utf-8"]}) == "text/html; charset=utf-8"
    assert content_type(None) is None and content_type({"Server": "nginx"}) is None


def test_declared_codecs_order_and_supersets():
    body = page("gb2312").encode()
    assert declared_codecs(body, {"Content-Type": "text/html; charset=utf-8"}) == ["utf-8", "gb18030"]
    assert canonical_codec("GBK") == "gb18030" and canonical_codec("no-such-codec") is None


def test_real_pages_decode_as_their_true_encoding():
    rows = read_jsonl(REAL_PAGES / "gold.jsonl")
    lying = 0
    for row in rows:
        text, codec = decode_html((REAL_PAGES / row["file"]).read_bytes())
        assert codec == ("gb18030" if row["encoding"] == "gbk" else "utf-8"), row["file"]
        lying += row["declared_charset"].lower() != row["encoding"] and row["encoding"] == "utf-8"
        assert text.count("\ufffd") < 100, row["file"]
    assert lying >= 4  # the corpus does hold UTF-8 pages labelled GB2312


def test_declared_legacy_codec_survives_a_few_bad_bytes():
    body = page("gbk", TEXT * 3).encode("gbk") + b"\xff"
    text, codec = decode_html(body)
    assert codec == "gb18030"
    assert TEXT * 3 in text and text.endswith("\ufffd")
    big5 = page("big5", "長沙市招商引資項目簽約").encode("big5") + b"\xff"
    assert "長沙市招商引資項目簽約" in decode_html(big5)[0]
