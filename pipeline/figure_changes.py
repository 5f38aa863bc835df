"""Which policy figures changed between two versions of one article.

Two figures align when they measure the same thing: same dimension (元 with 亿元, % apart from
个百分点), a similar indicator (rapidfuzz, direction verbs ignored so 增长 meets 下降) and similar
words around them. Equal values are strong evidence of the same figure, so a moved or reworded
sentence stays aligned; position only breaks ties. An aligned pair with a different normalised
value is "changed"; figures left over are "added" or "removed", never "changed".

Falls compare as negative numbers: 增长2% -> 下降1% is 2 -> -1, a change.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from pipeline.figure_words import DOWN_WORDS, TARGET_WORDS, TO_VERBS, UP_WORDS
from pipeline.figures import Figure, extract_figures
from pipeline.numerals import normalise

# Both scores are 0-100. A pair with equal values needs less agreement than a pair that differs.
SAME_VALUE_MIN_SCORE = 50.0
CHANGED_MIN_SCORE = 70.0
CHANGED_MIN_INDICATOR = 60.0
SAME_VALUE_BONUS = 15.0
POSITION_WEIGHT = 10.0
INDICATOR_WEIGHT = 0.65

_DIRECTION_WORDS = re.compile("|".join(UP_WORDS + DOWN_WORDS))
# The target and direction words that open a figure's text, before its amount.
_AMOUNT_LEAD = re.compile(
    "^(?:(?:" + "|".join(TO_VERBS) + ")(?:至|到|为)?|" + "|".join(TARGET_WORDS) + r"|了|[ \u3000])+"
)


@dataclass(frozen=True)
class FigureChange:
    """One flagged difference between two versions' figures."""

    kind: str                # "changed" | "added" | "removed"
    indicator: str
    old: Figure | None
    new: Figure | None

    def as_json(self) -> dict:
        """The digest's figure_changes item; values are signed (a fall is negative)."""
        return {
            "indicator": self.indicator,
            "old": amount_text(self.old) if self.old else None,
            "new": amount_text(self.new) if self.new else None,
            "old_value": self.old.signed_value if self.old else None,
            "new_value": self.new.signed_value if self.new else None,
            "old_unit": self.old.unit if self.old else None,
            "new_unit": self.new.unit if self.new else None,
            "kind": self.kind,
        }

    def describe(self) -> str:
        """One line for people: "地区生产总值增长: 7% → 6.5%"."""
        old = amount_text(self.old) if self.old else "(无)"
        new = amount_text(self.new) if self.new else "(无)"
        return f"{self.indicator}: {old} → {new}"


def amount_text(figure: Figure) -> str:
    """The quantity as written, without target or direction verbs; a fall gets a minus: "-1%"."""
    body = _AMOUNT_LEAD.sub("", figure.text) or figure.text
    if figure.direction == "down" and not body.startswith(("-", "−")):
        body = "-" + body
    return body


def indicator_key(indicator: str) -> str:
    """The indicator without direction verbs, so that 地区生产总值增长 and 地区生产总值下降 meet."""
    return _DIRECTION_WORDS.sub("", indicator)


def align_figures(
    old: Sequence[Figure], new: Sequence[Figure]
) -> list[tuple[Figure | None, Figure | None]]:
    """Pairs (old, new) of the same figure; unmatched figures are paired with None."""
    matched = _match(old, new)
    by_new = {j: i for i, j in matched}
    pairs: list[tuple[Figure | None, Figure | None]] = []
    for j, figure in enumerate(new):
        pairs.append((old[by_new[j]] if j in by_new else None, figure))
    used = set(by_new.values())
    pairs.extend((figure, None) for i, figure in enumerate(old) if i not in used)
    return pairs


def compare_figures(old: Sequence[Figure], new: Sequence[Figure]) -> list[FigureChange]:
    """Changed, added and removed figures between two versions."""
    changes = []
    for before, after in align_figures(old, new):
        if before is None and after is not None:
            changes.append(FigureChange("added", after.indicator, None, after))
        elif after is None and before is not None:
            changes.append(FigureChange("removed", before.indicator, before, None))
        elif before is not None and after is not None and not same_value(before, after):
            changes.append(FigureChange("changed", _change_indicator(before, after), before, after))
    return _without_reordered_lists(changes)


def _without_reordered_lists(changes: list[FigureChange]) -> list[FigureChange]:
    """Drop "changed" groups (same old and new indicator) whose old and new values are the same multiset:
    a list written in another order ("城镇、农村…分别增长5.2%、6.1%" -> "农村、城镇…6.1%、5.2%")."""
    groups: dict[tuple[str, str], list[FigureChange]] = {}
    for change in changes:
        if change.kind == "changed":
            groups.setdefault((change.old.indicator, change.new.indicator), []).append(change)
    reordered = set()
    for group in groups.values():
        old_values = sorted(c.old.normalised for c in group if c.old)
        new_values = sorted(c.new.normalised for c in group if c.new)
        if len(group) > 1 and _same_values(old_values, new_values):
            reordered.update(map(id, group))
    return [c for c in changes if id(c) not in reordered] if reordered else changes


def _same_values(old: list[tuple[float, str]], new: list[tuple[float, str]]) -> bool:
    return all(a[1] == b[1] and math.isclose(a[0], b[0], rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(old, new))


def compare_texts(old_text: str, new_text: str) -> list[FigureChange]:
    """Figure changes between two texts (extract, then compare)."""
    return compare_figures(extract_figures(old_text), extract_figures(new_text))


def same_value(a: Figure, b: Figure) -> bool:
    """Equal after normalising units and signs (120亿元 == 1200000万元, 7% == 百分之七)."""
    value_a, unit_a = a.normalised
    value_b, unit_b = b.normalised
    if unit_a != unit_b or not math.isclose(value_a, value_b, rel_tol=1e-9, abs_tol=1e-12):
        return False
    if (a.upper is None) != (b.upper is None):
        return False
    if a.upper is None:
        return True
    return math.isclose(normalise(a.upper, a.unit)[0], normalise(b.upper, b.unit)[0], rel_tol=1e-9)


def _change_indicator(before: Figure, after: Figure) -> str:
    # 增长2% -> 下降1%: name the change after the growth wording, whose sign the values carry
    if before.direction != after.direction and after.direction == "down":
        return before.indicator
    return after.indicator


def _dimension(figure: Figure) -> tuple[str, bool]:
    return figure.normalised[1], figure.kind == "rank"


def _match(old: Sequence[Figure], new: Sequence[Figure]) -> list[tuple[int, int]]:
    """Greedy best-first matching on indicator and context similarity, equal values first."""
    if not old or not new:
        return []
    indicator_scores = cdist(
        [indicator_key(f.indicator) for f in old], [indicator_key(f.indicator) for f in new],
        scorer=fuzz.ratio,
    )
    context_scores = cdist([f.context for f in old], [f.context for f in new], scorer=fuzz.ratio)
    candidates = []
    old_dims = [_dimension(f) for f in old]
    new_dims = [_dimension(f) for f in new]
    n_old, n_new = max(1, len(old) - 1), max(1, len(new) - 1)
    for i, before in enumerate(old):
        for j, after in enumerate(new):
            if old_dims[i] != new_dims[j]:
                continue
            indicator = float(indicator_scores[i, j])
            if before.context and after.context:
                score = INDICATOR_WEIGHT * indicator + (1 - INDICATOR_WEIGHT) * float(context_scores[i, j])
            else:
                score = indicator
            equal = same_value(before, after)
            if equal:
                if score < SAME_VALUE_MIN_SCORE:
                    continue
            elif score < CHANGED_MIN_SCORE or indicator < CHANGED_MIN_INDICATOR:
                continue
            distance = abs(i / n_old - j / n_new)
            rank = score + (SAME_VALUE_BONUS if equal else 0.0) - POSITION_WEIGHT * distance
            candidates.append((-rank, distance, i, j, equal))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    equal_pairs = {(i, j) for _, _, i, j, equal in candidates if equal}
    for _, _, i, j, _ in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    pairs.extend(_reworded(old, new, used_old, used_new))
    return _swap_crossed(pairs, equal_pairs)


def _reworded(old, new, used_old: set[int], used_new: set[int]) -> list[tuple[int, int]]:
    """Leftover figures of equal value whose indicators contain one another: one figure in a reworded
    sentence ("增加值增长6.2%" -> "增加值增速比一季度回落…，全年增长6.2%"), not one removed and one added."""
    pairs = []
    for i, before in enumerate(old):
        if i in used_old:
            continue
        key = indicator_key(before.indicator)
        for j, after in enumerate(new):
            if j in used_new or len(key) < 2 or _dimension(before) != _dimension(after):
                continue
            if same_value(before, after) and fuzz.partial_ratio(key, indicator_key(after.indicator)) >= 90:
                used_old.add(i)
                used_new.add(j)
                pairs.append((i, j))
                break
    return pairs


def _swap_crossed(pairs: list[tuple[int, int]], equal_pairs: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two changed pairs whose partners, swapped, both hold equal values are one list written in another
    order ("城镇…5.2%、农村…6.1%" -> "农村…6.1%、城镇…5.2%"): pair them the equal way."""
    changed = [k for k, pair in enumerate(pairs) if pair not in equal_pairs]
    for a_index, a in enumerate(changed):
        for b in changed[a_index + 1:]:
            (i1, j1), (i2, j2) = pairs[a], pairs[b]
            if pairs[a] in equal_pairs or pairs[b] in equal_pairs:
                continue  # already paired the equal way
            if (i1, j2) in equal_pairs and (i2, j1) in equal_pairs:
                pairs[a], pairs[b] = (i1, j2), (i2, j1)
    return pairs

