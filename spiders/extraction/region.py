"""The region an article is about: a 【X招商】 tag or a place name at the start of its title."""
from __future__ import annotations

import re

from .gazetteer import AMBIGUOUS, PLACES

# 【长沙招商】 / [天心区招商] / 【宁乡县】 at the very start of a title.
_TAG = re.compile(r"^\s*[【\[]\s*([\u4e00-\u9fff]{2,10}?)\s*(?:招商引资|招商|投资|新闻|资讯|动态|要闻)?\s*[】\]]")
_ADMIN_SUFFIX = re.compile(
    r"^([\u4e00-\u9fff]{2,3}?(?:自治区|自治州|自治县|特别行政区|省|市|区|县|州|旗|盟))(?=[\u4e00-\u9fff：:，,\s]|$)"
)
_COLON_PLACE = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[：:]")
# Words that end like a place but are not one.
_NOT_PLACES = frozenset(
    "全省 全市 全区 全县 本市 本省 本区 我省 我市 我区 我县 城市 都市 超市 股市 楼市 车市 城区 市区 县区 景区 社区 园区 "
    "新区 城乡 地区 辖区 片区 开发区 示范区 自贸区 保税区 高新区 经开区 各省 各市 各区 各县 外省 外市 湖区 山区 牧区 "
    "灾区 库区 街区 校区 院区 商圈 全州 神州 九州 亚洲 欧洲 美洲 非洲 澳洲 杭州湾".split()
)
_STRIP = ("自治区", "特别行政区", "省", "市")


def _known(name: str) -> str | None:
    """The short form of a known province/prefecture name, or None."""
    for suffix in _STRIP:
        if name.endswith(suffix) and name[: -len(suffix)] in PLACES:
            return name[: -len(suffix)]
    return name if name in PLACES else None


def _place(name: str) -> str | None:
    """A place name: known (short form) or an administrative name with a place suffix."""
    known = _known(name)
    if known:
        return known
    return name if _ADMIN_SUFFIX.fullmatch(name) and _plausible(name) else None


def _plausible(name: str) -> bool:
    return name not in _NOT_PLACES and not name.endswith("地区")


def region_from_title(title: str | None) -> str | None:
    """Region named by a leading tag, a "地名：" prefix or a place name starting the title."""
    if not title:
        return None
    tag = _TAG.match(title)
    if tag:
        place = _place(tag.group(1))
        if place:
            return place
        title = title[tag.end():]
    colon = _COLON_PLACE.match(title)
    if colon:
        place = _place(colon.group(1))
        if place:
            return place
    return _leading_place(title.strip())


def _leading_place(title: str) -> str | None:
    for size in range(min(5, len(title)), 1, -1):
        head = title[:size]
        if head in PLACES:
            follower = title[size:size + 1]
            if head in AMBIGUOUS and follower not in ("市", "州", "县", "区", "：", ":"):
                continue
            # 长沙县 is a county of its own, not the city of 长沙.
            return head + follower if follower in ("县", "区") else head
    match = _ADMIN_SUFFIX.match(title)
    if match and _plausible(match.group(1)):
        return _known(match.group(1)) or match.group(1)
    return None


def choose_region(title: str | None, configured: str | None = None) -> str | None:
    """The title's region, else the source's configured region."""
    return region_from_title(title) or configured
