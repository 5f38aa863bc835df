"""Parsing page text into a clean tree and reading it back as lines."""
from __future__ import annotations

from spiders.extraction.dom import (
    lines_of,
    meta_key,
    parse_html,
    remove_keep_tail,
    squeeze,
    strip_furniture,
    text_of,
    without_spaces,
)


def test_data_uri_payload_is_dropped_before_parsing():
    payload = "A" * 10_000
    root = parse_html(f'<html><body><img src="data:image/png;base64,{payload}"><p>正文</p></body></html>')
    img = root.find(".//img")
    assert img.get("src") == "data:image/png;base64,"
    assert text_of(root.body) == "正文"


def test_stray_closing_html_does_not_lose_the_rest():
    root = parse_html("<html><body><div>头部</div></html><div id='c'><p>正文段落。</p></div></body></html>")
    assert root.find(".//div[@id='c']") is not None
    assert "正文段落" in text_of(root.body)


def test_xml_declaration_and_empty_input():
    assert text_of(parse_html('<?xml version="1.0" encoding="utf-8"?><html><body>好</body></html>')) == "好"
    assert text_of(parse_html("")) == ""


def test_strip_furniture_removes_scripts_and_hidden_keeps_tails():
    root = parse_html("<html><body><p>甲<script>var x=1;</script>乙<span style='display: none'>藏</span>丙"
                      "<i hidden>隐</i><!-- 注释 -->丁</p></body></html>")
    strip_furniture(root)
    assert text_of(root.body) == "甲乙丙丁"


def test_remove_keep_tail_on_first_child():
    root = parse_html("<html><body><p><b>x</b>尾巴</p></body></html>")
    remove_keep_tail(root.find(".//b"))
    assert text_of(root.find(".//p")) == "尾巴"


def test_lines_split_at_blocks_and_br_and_count_link_text():
    root = parse_html("<html><body><div>第一行<br>第二<a href='/x'>链接</a>行<p>段落</p>尾</div></body></html>")
    lines = lines_of(root.body)
    assert [line.text for line in lines] == ["第一行", "第二链接行", "段落", "尾"]
    assert [line.link_chars for line in lines] == [0, 2, 0, 0]
    assert lines[2].element.tag == "p"


def test_deeply_nested_page_does_not_recurse():
    html = "<html><body>" + "<font>" * 1500 + "深" + "</body></html>"
    lines = lines_of(parse_html(html).body)
    assert "深" in "".join(line.text for line in lines)


def test_squeeze_handles_ideographic_and_nbsp_spaces():
    assert squeeze("\u3000\u3000长沙\xa0 招商\n") == "长沙 招商"


def test_without_spaces_drops_every_kind_of_whitespace():
    assert without_spaces(" 长沙\u3000招商\xa0引资\n 项目 ") == "长沙招商引资项目"


def test_meta_key_reads_name_property_or_itemprop():
    root = parse_html('<html><head><meta name=" PubDate "><meta property="og:title">'
                      '<meta itemprop="datePublished"><meta charset="utf-8"></head></html>')
    assert [meta_key(meta) for meta in root.iter("meta")] == ["pubdate", "og:title", "datepublished", ""]
