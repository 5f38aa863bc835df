"""What a policy figure measures: its indicator (the subject of its clause, or the noun the number modifies),
carried over to the next figure of a list, and the words around it that align versions."""
from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.figure_words import CHAIN_PART, CHAIN_WORDS, DOWN_WORDS, MULTIPLIER, NUMBER, UNITS, UP_WORDS

_CLAUSE_BREAKS = frozenset("，,。；;：:！!？?\n\r|【】[]")
_SENTENCE_BREAKS = re.compile(r"[。！？!?；;\n]")
_LIST_GAP = re.compile(r"^[、和及与或+ ]*$")
_QUOTE_CHARS = re.compile(r"[“”\"‘’'「」『』《》 \u3000]")
_LONG_PAREN = re.compile(r"[（(][^（）()]{4,}[）)]")
_LEADING_NOISE = re.compile(
    r"^(?:[、（(）)+]|的|了|我[国省市区县镇]|连续[\d一二三四五六七八九十两]+(?:年|个月|天)|其中|同时|此外|另外|以及|并且|截至目前|目前|和|及|与|并|而|但|还|也|全区上下|全区|全县|全市|全省|全镇"
    r"|区内|市内|力争|确保|预计|有望|全年|今年|去年|上年|当年|年内|同期|上半年|下半年|前三季度|[一二三四]季度|未来五年|五年来|近年来"
    r"|到?\d{4}年(?:底|末|以来)?|\d{1,2}(?:时|点)?(?:前|后|以前|之前)|将|\d{1,2}(?:[-—~至]\d{1,2})?月份?|\d{1,2}日|位居|位列|跃居|排在)+"
)
_TRAILING_NOISE = re.compile(
    r"(?:的|为|是|有|了|共|由|从|在|已|则|保持|(?<![年平人])均|再次|再|又|仅|已经|累计|共计|合计|总计|完成|实现|预计|力争|确保"
    r"|位居|位列|跃居|排在|居|收于|报收|首次|有望|可|将|在?(?:全[国省市区县])?率先|由|从|\d{4}年(?:底|末)?|(?<![较比])(?:去年|今年))+$"
)
# The clause holds only the policy frame of an amount; the subject is the noun after it ("按每人每年6000元标准给予补贴").
_FRAME = re.compile(
    r"(?:第[一二三四五]年|[前后][两三四五]年|按照|按|依照|给予|予以|一次性|最高|最多|不超过|人均"
    r"|每(?:平方米|千瓦时|立方米|[人户家年月天日辆台个项亩吨次度]))+"
)
_FRAME_LEAD = re.compile(r"^(?:给予|予以|一次性)+")
_AFTER_FRAME = re.compile(r"^(?:的)?(?:标准)?(?:给予|予以|发放)?(?:一次性)?")
# "按注册资本的2%给予落户奖励", "每人每年600元的托育补贴": a rate or per-unit amount names its reward after it.
_RATE_CLAUSE = re.compile(r"^(?:按照|按|依照)|每")
_REWARD = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:奖励|补贴|补助|资助|津贴|奖金|经费|扶持|贴息|奖补)(?![\u4e00-\u9fff])")
_LIST_TAIL = re.compile(r"(?:[、和及与或]" + NUMBER + r"(?:" + MULTIPLIER + r")?(?:" + "|".join(map(re.escape, UNITS)) + r")?)+")
# The number restates the one before ("(合50亩)", "计2.9亿元", "下跌232点,或0.68%"): no subject of its own.
_RESTATING_WORDS = "折合|约合|相当于|合|计|或|即"
_RESTATING = re.compile(r"(?:^|[（(])(?:" + _RESTATING_WORDS + r"|至|含)$")
_RESTATED_BY = re.compile(r"[（(，,、](?:" + _RESTATING_WORDS + r")$")
_COMPARED_TO = re.compile(r"^(?:较|比)(?:上年同期|上年末|上年|去年|年初|同期)(?![末底期])(?=.)")  # 较上年净增 -> 净增
_GLUE_ONLY = re.compile(r"^(?:同比|环比|年均|平均|[比较](?:上年同期|上年末|上年|去年|年初)|累计|预计|其中|分别|均|共|再|又)*$")
_LIGHT_VERBS = frozenset(("完成", "实现", "新增", "新建", "建成", "引进", "培育", "打造", "启动", "推动", "发放", "安排", "创建", "其中"))
_OBJECT_TAKERS = (
    "等", "包括", "包含", "涉及", "覆盖", "涵盖", "惠及", "带动", "聚集", "吸引", "面向", "给予", "拥有", "共有", "按照", "按", "减按", "新建",
    "发行", "拨付", "下达", "引进", "推动", "启动", "抓好", "提供", "发放", "安排", "培育", "打造", "创建", "实施", "部署", "部署了",
    "管控", "排查", "建成", "改造", "建设", "各", "连续",
)
_VERB_STOP = re.compile(
    "|".join(CHAIN_WORDS) + r"|为|下沉|挂牌|荣获|获批|获评|获得|获|完成|实现|投入|竣工|开工|建成|落户|入驻|拆除|签约|加快|扫尾|成功|全部|已经|已|正在|将|顺利"
    r"|启动|参与|提供|成为|通过|纳入|开通|得到|进行|抢滩|实行|相继|分别|等|的"
)
_AFTER_LEAD = re.compile(r"^(?:的|实现|完成)")
_AND = re.compile(r"[和与]")
_ONLY_CHAIN = re.compile("(?:" + "|".join(CHAIN_WORDS) + ")+")
_SHARED_HEAD = re.compile(r"(?:价格|收入|支出|指数|产量|总额|增加值)$")
_MAX_INDICATOR = 24
_LOOKBACK = 40
_CONTEXT = 12
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


class IndicatorState:
    """What the previous figure left behind for the next one's indicator."""

    __slots__ = ("end", "subject", "indicator", "direction", "sentence", "respective")

    def __init__(self) -> None:
        self.end = 0
        self.subject = ""
        self.indicator = ""
        self.direction = ""
        self.sentence = -1
        self.respective: list[str] = []  # the indicators still due in a 分别 list


def sentence_breaks(folded: str) -> list[int]:
    """Offsets of the marks that end a sentence (。！？; and line breaks), in order."""
    return [m.start() for m in _SENTENCE_BREAKS.finditer(folded)]


def indicator_of(
    folded: str, chain_start: int, end: int, chain: str, direction: str, state: IndicatorState, sentence: int
) -> tuple[str, str]:
    """(indicator, direction) of the figure at folded[chain_start:end]; state carries them to the next figure.

    `chain` is the approximation, target and direction words before the number. A figure listed right after
    another one of its sentence ("增长4%和5%") takes over its indicator.
    """
    indicator, subject, own = _indicator(folded, chain_start, end, _direction_words(chain), state, sentence)
    gap = folded[state.end:chain_start] if 0 <= chain_start - state.end <= 4 else "-"
    restated = _RESTATED_BY.search(folded, max(0, chain_start - 4), chain_start)
    if restated and not own and not direction and state.sentence == sentence:
        direction = state.direction  # "下跌232.79点，或0.68%": the restated amount falls too
    if not own and not chain and state.sentence == sentence and _LIST_GAP.match(gap):
        indicator, subject, direction = state.indicator, state.subject, state.direction
        if state.respective:
            indicator = state.respective.pop(0)
    else:
        state.respective = []
        if "分别" in folded[max(0, chain_start - 3):chain_start] and indicator.startswith(subject):
            state.respective = [part + indicator[len(subject):] for part in respective_subjects(subject)]
        if state.respective:
            indicator = state.respective.pop(0)
    state.end, state.subject, state.indicator = end, subject, indicator
    state.direction, state.sentence = direction, sentence
    return indicator, direction


def respective_subjects(subject: str) -> list[str]:
    """The subjects of a 分别 list, each with the head they share: "城镇、农村居民收入" -> 城镇居民收入, 农村居民收入."""
    parts = subject.split("、") if "、" in subject else _AND.split(subject)
    if len(parts) < 2 or any(len(p) < 2 for p in parts):
        return []
    *items, last = parts
    width = len(items[0])
    if width <= 3 and all(len(p) == width for p in items) and len(last) > width + 1:
        return [p + last[width:] for p in items] + [last]  # 城镇、农村居民…: the items are qualifiers
    head = _SHARED_HEAD.search(last)
    if head and not any(p.endswith(head.group()) for p in items):
        return [p + head.group() for p in items] + [last]  # 其他用品及服务、交通通信价格
    return parts


def _direction_words(chain: str) -> str:
    """The direction verbs of a chain as written ("增长" of "增长约"), empty for "增长至"."""
    return "".join(p for p in CHAIN_PART.findall(chain) if p in UP_WORDS or p in DOWN_WORDS)


def _indicator(folded, chain_start, end, verbs, state, sentence) -> tuple[str, str, bool]:
    """(indicator, subject, from_clause): the clause before the figure, cleaned, or the noun it modifies.

    The subject has no direction verb; from_clause is False when the subject was found elsewhere.
    """
    low = max(0, chain_start - _LOOKBACK, state.end if state.sentence == sentence else 0)
    clause = folded[low:chain_start]
    for i in range(len(clause) - 1, -1, -1):
        if clause[i] in _CLAUSE_BREAKS:
            clause = clause[i + 1:]
            break
    gap = folded[low:chain_start]
    if low == state.end and state.sentence == sentence and gap and not gap.strip("、和及与或 "):
        return "", "", False  # "500万元、1000万元": the list goes on with the indicator before
    if clause.endswith(("和", "及", "与", "、")) and low == state.end:
        clause = ""  # "4个乡镇、37个行政村", "1000万元的项目资助和200万元…": the previous amount's own noun
    subject = _clean(clause)
    if _FRAME.fullmatch(subject) or _ONLY_CHAIN.fullmatch(subject):
        noun = _noun_after(folded, end, _AFTER_FRAME) if subject[:1] not in "由从" else ""
        if noun:
            return noun + verbs, noun, True
        if _ONLY_CHAIN.fullmatch(subject):
            subject = ""  # "增长到2023年的76亿元": the subject is the one before
    elif _FRAME_LEAD.match(subject) and len(_FRAME_LEAD.sub("", subject)) >= 2:
        subject = _FRAME_LEAD.sub("", subject)  # 给予一次性奖励 -> 奖励
    if _RATE_CLAUSE.search(subject):
        reward = _REWARD.match(_AFTER_FRAME.sub("", folded[end:end + 16]))
        if reward:
            return reward.group() + verbs, reward.group(), True
    lead = clause.strip("、 ") if clause.strip("、 ") in _LIGHT_VERBS else ""
    glue = ""
    if _GLUE_ONLY.match(subject):
        glue, subject = subject.replace("分别", "").replace("其中", ""), ""
    following = _noun_after(folded, end)
    if following and (not subject or lead or subject.endswith(_OBJECT_TAKERS) or subject in _LIGHT_VERBS):
        # the number modifies what follows it: "完成169台锅炉低氮改造", "劳动广场等31个项目"
        subject = (lead or (subject if subject in _LIGHT_VERBS else "")) + following
        return subject + glue + verbs, subject + glue, True
    if not subject:
        if state.sentence == sentence and state.subject:
            return state.subject + glue + verbs, state.subject + glue, False
        return glue + verbs, glue, False
    subject = subject[-_MAX_INDICATOR:]
    return subject + glue + verbs, subject + glue, True


def _clean(clause: str) -> str:
    """The clause without quotes, long asides, and the time words and verbs around its subject."""
    clause = _QUOTE_CHARS.sub("", clause)
    clause = _LONG_PAREN.sub("", clause)
    clause = clause.replace("分别", "")
    previous = None
    while previous != clause:
        previous = clause
        clause = _LEADING_NOISE.sub("", clause)
        clause = _COMPARED_TO.sub("", clause)
        clause = _TRAILING_NOISE.sub("", clause)
        clause = _RESTATING.sub("", clause)
    return clause.strip("（()）、 ")


def _noun_after(folded: str, end: int, lead: re.Pattern = _AFTER_LEAD) -> str:
    """The noun phrase a number modifies ("38个集体土地项目拆除清零" -> "集体土地项目")."""
    tail = _LIST_TAIL.match(folded, end)
    end = tail.end() if tail else end  # "20万元、50万元、100万元的奖励": the noun after the list
    window = folded[end:end + 14]
    window = lead.sub("", window)
    cut = len(window)
    for i, ch in enumerate(window):
        if ch in _CLAUSE_BREAKS or ch in "、和及" or ch.isdigit() or ch in "“”\"(（":
            cut = i
            break
    window = window[:cut]
    stop = _VERB_STOP.search(window)
    if stop:
        window = window[: stop.start()]
    return window if len(window) >= 2 else ""


def context_around(folded: str, start: int, end: int, breaks: list[int]) -> str:
    """Up to a dozen characters each side, inside the sentence, digits masked."""
    index = bisect_right(breaks, start)
    left = breaks[index - 1] + 1 if index else 0
    right = breaks[index] if index < len(breaks) else len(folded)
    before = folded[max(left, start - _CONTEXT):start]
    after = folded[end:min(right, end + _CONTEXT)]
    return _DIGITS.sub("#", before) + "□" + _DIGITS.sub("#", after)
