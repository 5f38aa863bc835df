"""Find the main text of an article page: the element with the most running prose, then trim furniture."""
from __future__ import annotations

import re
from typing import Sequence

from lxml import etree

from .dom import Line, lines_of, without_spaces

_SENTENCE_PUNCT = re.compile(r"[，。！？；：、,;!?…]")
_CLAUSE_PUNCT = re.compile(r"[，。！？；：,;!?…]")
_SENTENCE_END = re.compile(r"[。！？!?…]")
# Lines that close an article: editor/source notes, share bars, navigation to other articles.
_END_MARKERS = re.compile(
    r"^[\[【(（]?\s*(?:(?:责任编辑|责编|编辑|校对|审核|审校|终审|初审|监制|"
    r"(?:本文|信息|资料|文章|新闻|稿件)?来源|稿源|发布日期|发布时间|声明|免责声明|版权声明)\s*[：:|｜]"
    r"|(?:特别声明|免责声明|版权声明|声明)$|分享到|分享至|扫一扫|打印本页|打印此页|关闭窗口|上一篇|下一篇|"
    r"相关阅读|相关新闻|相关链接|相关文章|相关稿件|延伸阅读|热点推荐|推荐阅读|精彩推荐|版权所有|Copyright|©|"
    r"【纠错】|返回顶部|网友评论)",
    re.IGNORECASE,
)
# Site footer vocabulary: one strong term, or two weak ones ("联系电话" alone may close a 招商 notice).
_FOOTER_STRONG = re.compile(r"版权所有|Copyright|©|ICP备|ICP证|备案号|公网安备|网站标识码", re.IGNORECASE)
_FOOTER_WEAK = re.compile(r"主办单位|承办单位|技术支持|主办[：:]|承办[：:]|联系电话|联系我们|网站地图|关于我们|地址[：:]|邮编")
# Reprint and copyright notices that close the text wherever they start.
_RIGHTS_NOTICE = re.compile(r"未经授权|不得转载|禁止转载|转载请注明|版权归|独家所有|版权所有")
_SIGNATURE = re.compile(
    r"^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|"
    r"[\u4e00-\u9fff（）()]{2,30}(政府|委员会|办公室|办公厅|厅|局|部|院|署|会|中心|公司|集团|银行|协会|学校|大学|小组))$"
)
_BYLINE = re.compile(r"^\W*(本报|本台|本网|新华社|特约)?(记者|通讯员|作者|撰文|摄影|文/|图/|文：|图：)")
# Lines before the first paragraph that are furniture rather than text.
_LEAD_FURNITURE = re.compile(
    r"^[\[【(（]?\s*(?:(?:来源|作者|编辑|责任编辑|发布时间|发布日期|时间|日期|字号|字体|浏览|浏览次数|阅读|"
    r"点击|点击数|文章来源|信息来源|稿源|图片来源)\s*[：:]|原标题|本文原标题|【|分享到|打印本页|图为|图：)"
)
_META_LINE = re.compile(
    r"(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|(来源|作者|编辑|记者|通讯员|发布|浏览|点击)\s*[：:])"
)
_CAPTION_END = re.compile(r"(摄|供图|图|摄影|资料图|视频截图|截图|图片)[）)\]】]?$")
_DATELINE_ONLY = re.compile(
    r"^[\d\-/.:年月日时分秒\s]+$|^(新华社|本报|人民网|中新社|中新网|央视网|央广网)?[^，。]{0,12}\d{1,2}月\d{1,2}日(电|讯)?$"
)


def is_meta_line(text: str) -> bool:
    """The date/source line under a headline ("2024-05-13 13:48 来源：中国网")."""
    return len(text) < 80 and "。" not in text and bool(_META_LINE.search(text))


def is_footer(text: str) -> bool:
    """A site footer line: copyright, ICP licence, or several contact/organiser terms."""
    return bool(_FOOTER_STRONG.search(text)) or len(_FOOTER_WEAK.findall(text)) >= 2


def line_weight(line: Line) -> float:
    """Positive for running prose, negative for link lists and short unpunctuated labels."""
    chars = len(without_spaces(line.text))
    linked = min(line.link_chars, chars)
    own = chars - linked
    if linked * 2 > chars or is_footer(line.text):
        return -float(chars)
    if is_meta_line(line.text):
        return -0.5 * min(own, 30)
    punct = len(_SENTENCE_PUNCT.findall(line.text))
    if punct == 0:
        return -0.5 * min(own, 30)
    return own - 2.0 * linked


def best_container(root: etree._Element, lines: list[Line] | None = None) -> etree._Element:
    """The element whose lines (``lines_of(root)``, when already at hand) add up to the highest prose weight."""
    scores: dict[etree._Element, float] = {}
    for line in lines if lines is not None else lines_of(root):
        weight = line_weight(line)
        el = line.element
        while el is not None:
            scores[el] = scores.get(el, 0.0) + weight
            if el is root:
                break
            el = el.getparent()
    if not scores:
        return root
    return max(scores, key=lambda el: (scores[el], -_depth(el)))


def _depth(el: etree._Element) -> int:
    return sum(1 for _ in el.iterancestors())


def is_prose(text: str) -> bool:
    """A line of running text: it has sentence punctuation (an enumeration comma alone is not) and length."""
    return bool(_CLAUSE_PUNCT.search(text)) and len(text) >= 6


def is_caption(text: str) -> bool:
    """A photo caption or image credit."""
    return bool(_CAPTION_END.search(text)) and len(text) <= 120 or text.startswith(("图为", "图：", "▲"))


def body_lines(containers: etree._Element | Sequence[etree._Element], title: str | None = None) -> list[str]:
    """The paragraphs of the main text inside the container(s), furniture removed."""
    if isinstance(containers, etree._Element):
        containers = [containers]
    texts: list[str] = []
    seen: set[str] = set()
    for line in (line for container in containers for line in lines_of(container)):
        chars = len(without_spaces(line.text))
        if line.link_chars * 2 > chars:
            continue
        key = without_spaces(line.text)
        # Pages that ship a second (mobile) copy of the text repeat every paragraph.
        if len(key) >= 10 and key in seen:
            continue
        seen.add(key)
        texts.append(line.text)
    return _trim_end(_trim_start(texts, title))


def _trim_start(texts: list[str], title: str | None) -> list[str]:
    title_key = without_spaces(title or "")
    for i, text in enumerate(texts):
        key = without_spaces(text)
        if title_key and key and (key in title_key or title_key in key and len(key) < len(title_key) + 30):
            continue
        if _LEAD_FURNITURE.match(text) or is_caption(text) or _DATELINE_ONLY.match(text) or is_footer(text):
            continue
        if is_meta_line(text):
            continue
        if _BYLINE.match(text) and len(text) < 40 and not re.search("[，。,]", text):
            continue
        if not is_prose(text) and not (len(text) >= 3 and text.endswith(("：", ":"))):
            continue
        return texts[i:]
    return []


def _trim_end(texts: list[str]) -> list[str]:
    for i, text in enumerate(texts):
        closing = _END_MARKERS.match(text) or (len(text) < 200 and (_RIGHTS_NOTICE.search(text) or is_footer(text)))
        # Only after some text: a "发布时间：" line under an unrecognised headline opens, not closes.
        if closing and any(_SENTENCE_END.search(t) for t in texts[:i]):
            texts = texts[:i]
            break
    # After the last paragraph only a signature (issuer, date) belongs to the text.
    last = max((i for i, text in enumerate(texts) if is_prose(text) or _SENTENCE_END.search(text)), default=-1)
    keep = last + 1
    while keep < len(texts) and _SIGNATURE.match(texts[keep]):
        keep += 1
    return texts[:keep]


def extract_body(root: etree._Element, title: str | None = None) -> str:
    """Main text of the page under ``root`` (usually <body>), paragraphs joined with newlines."""
    return "\n".join(body_lines(best_container(root), title))


def text_span(lines: list[Line], paragraphs: list[str]) -> tuple[int, int] | None:
    """Indexes of the first and last lines of the main text among the page's lines."""
    if not paragraphs:
        return None
    first_key, last_key = without_spaces(paragraphs[0]), without_spaces(paragraphs[-1])
    keys = [without_spaces(line.text) for line in lines]
    start = next((i for i, key in enumerate(keys) if key == first_key), None)
    if start is None:
        start = next((i for i, key in enumerate(keys) if first_key in key), None)
    if start is None:
        return None
    end = next((i for i in range(len(keys) - 1, start - 1, -1) if keys[i] == last_key), None)
    if end is None:
        end = next((i for i in range(len(keys) - 1, start - 1, -1) if last_key in keys[i]), start)
    return start, end
