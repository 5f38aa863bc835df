"""Main-text extraction: choosing the container and trimming page furniture around the text."""
from __future__ import annotations

from spiders.extraction.body import best_container, body_lines, extract_body, is_caption, line_weight, text_span
from spiders.extraction.dom import Line, lines_of, parse_html, strip_furniture

P1 = "新华社长沙7月7日电 长沙市聚焦招商引资和企业发展，通过出台综合性政策文件，全面系统地优化营商环境。"
P2 = "该市推出的行动计划旨在推动市场主体高质量增长，提升法治保障和机制协同，以吸引投资和创新资源。"
P3 = "实施中，长沙借鉴全国先进经验，强化制度设计，确保营商环境优化实效落地。（记者 张三）"


def article(inner: str, *, before: str = "", after: str = "") -> str:
    nav = "".join(f"<li><a href='/c{i}'>栏目{i}</a></li>" for i in range(10))
    related = "".join(f"<li><a href='/r{i}'>长沙招商引资相关新闻报道第{i}篇，敬请关注</a></li>" for i in range(6))
    return f"""<html><head><title>长沙深化优化营商环境改革_招商网</title></head><body>
    <ul class="nav">{nav}</ul><div class="crumb"><a href="/">首页</a> &gt; <a href="/zs">招商</a> &gt; 正文</div>
    <div class="article"><h1>长沙深化优化营商环境改革</h1><div class="info">2025-07-07 09:00 来源：长沙晚报 作者：李四</div>
    <div class="content">{before}{inner}{after}</div>
    <div class="share">分享到：微信 微博</div></div>
    <div class="related"><h3>相关阅读</h3><ul>{related}</ul></div>
    <div class="footer">版权所有 © 2025 招商网 地址：长沙市芙蓉区 电话：0731-12345678 湘ICP备12345678号</div>
    </body></html>"""


def body_of(html: str) -> str:
    root = parse_html(html)
    strip_furniture(root)
    return extract_body(root.body, "长沙深化优化营商环境改革")


def test_plain_article_gives_exactly_the_paragraphs():
    html = article(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>")
    assert body_of(html) == "\n".join([P1, P2, P3])


def test_furniture_around_the_text_is_dropped():
    before = ("<p><img src='a.jpg'></p><p>图为长沙市政务服务中心。记者 王五 摄</p>"
              "<p>本报记者 赵六</p><p>2025年7月7日</p><p><strong>长沙深化优化营商环境改革</strong></p>")
    after = ("<p>责任编辑：王编辑</p><p>（来源：长沙晚报）</p><p>【纠错】 打印本页 关闭窗口</p>"
             "<p>版权声明：未经授权，不得转载。</p>")
    assert body_of(article(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>", before=before, after=after)) == \
        "\n".join([P1, P2, P3])


def test_br_separated_text_and_keyword_links_inside_paragraphs():
    inner = f"{P1}<br><br>{P2[:10]}<a href='/k'>招商引资</a>{P2[10:]}<br>{P3}"
    assert body_of(article(inner)).split("\n") == [P1, P2[:10] + "招商引资" + P2[10:], P3]


def test_signature_of_a_policy_notice_stays():
    inner = f"<p>{P1}</p><p>{P2}</p><p>特此通告。</p><p>长沙市人民政府</p><p>2022年1月27日</p><p>附件下载</p>"
    assert body_of(article(inner)).split("\n")[-3:] == ["特此通告。", "长沙市人民政府", "2022年1月27日"]


def test_second_copy_of_the_text_is_dropped():
    copy = f"<p>{P1}</p><p>{P2}</p>"
    assert body_of(article(copy + "<div class='mobile'>" + copy + "</div>")) == "\n".join([P1, P2])


def test_container_is_the_text_block_not_the_page():
    root = parse_html(article(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"))
    strip_furniture(root)
    assert best_container(root.body).get("class") == "content"


def test_body_lines_over_several_containers():
    root = parse_html(f"<html><body><div id='a'><p>{P1}</p></div><div id='b'><p>{P2}</p></div></body></html>")
    assert body_lines([root.get_element_by_id("a"), root.get_element_by_id("b")]) == [P1, P2]


def test_line_weights():
    el = parse_html("<p>x</p>").body
    assert line_weight(Line(P1, 0, el)) > 0
    assert line_weight(Line("首页 新闻 政务 服务", 0, el)) < 0
    assert line_weight(Line("相关新闻：长沙招商引资，成效显著。", 15, el)) < 0
    assert line_weight(Line("版权所有：长沙市人民政府，地址：长沙。", 0, el)) < 0


def test_caption_detection():
    assert is_caption("图为长沙市政务服务中心")
    assert is_caption("长沙市政务服务中心一角。新华社记者 王五 摄")
    assert not is_caption(P1)


def test_page_without_text():
    assert body_of("<html><body><div class='nav'><a href='/'>首页</a></div></body></html>") == ""


def test_text_span_locates_the_paragraphs_among_page_lines():
    root = parse_html(article(f"<p>{P1}</p><p>{P2}</p>"))
    strip_furniture(root)
    lines = lines_of(root.body)
    start, end = text_span(lines, [P1, P2])
    assert lines[start].text == P1 and lines[end].text == P2
    assert text_span(lines, []) is None
    assert text_span(lines, ["页面上没有的段落。"]) is None
