"""Answers as numbers: digits, a mapping's words, and the Japanese five-step word scales.

A rating cell may hold a whole number (``4``, ``４``, ``4 - 大きい``, ``4（大きい）``) or
a word of a five-step scale, read as a direction and an intensity:

* 5: とても/非常に/かなり/大変 + 大きい, 高い, 多い or 重い; 強く/とても + そう思う or
  当てはまる;
* 4: やや/少し/どちらかといえば + those; ややそう思う;
* 3: 普通, どちらともいえない, どちらでもない, 中程度;
* 2: やや/少し/あまり + 小さい, 低い, 少ない or 軽い; あまりそう思わない;
* 1: とても/非常に + 小さい …; 全く/まったく + そう思わない.

A plain word's value depends on whether its scale has a stronger form, told from every
answer in the file: 大きい is 4 and 小さい 2 (5 and 1 if the file uses やや but never
とても); そう思う is 5 and そう思わない 1 (4 and 2 if the file uses 強く or 全く). So
とても大きい…とても小さい, 非常に高い…非常に低い and そう思う…そう思わない, with their
middles, all read as 5…1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["WordScale", "score"]

# "4", "4 - 大きい", "4（大きい）", "4: high"; never "4.5" or "45".
_LEADING_INT = re.compile(r"^(\d+)(?:\.0+)?(?:\s*(?:[-–—:(]).*|\s+\D.*)?$", re.DOTALL)
_STRONG = (
    "とても",
    "非常に",
    "かなり",
    "大変",
    "たいへん",
    "すごく",
    "極めて",
    "きわめて",
    "強く",
    "全く",
    "まったく",
    "全然",
    "ぜんぜん",
)
_WEAK = (
    "やや",
    "少し",
    "すこし",
    "多少",
    "ある程度",
    "まあまあ",
    "あまり",
    "どちらかといえば",
    "どちらかと言えば",
    "どちらかというと",
    "どちらかと言うと",
)
_NEUTRAL = {
    "普通",
    "ふつう",
    "どちらともいえない",
    "どちらとも言えない",
    "どちらでもない",
    "中程度",
    "中くらい",
    "中間",
    "変わらない",
}
#: stem -> (family, direction): "omou" scales end in そう思う, the others in a size.
_STEMS = {
    "そう思わない": ("omou", -1),
    "思わない": ("omou", -1),
    "あてはまらない": ("omou", -1),
    "当てはまらない": ("omou", -1),
    "そう思う": ("omou", 1),
    "思う": ("omou", 1),
    "あてはまる": ("omou", 1),
    "当てはまる": ("omou", 1),
    "大きい": ("size", 1),
    "高い": ("size", 1),
    "多い": ("size", 1),
    "重い": ("size", 1),
    "小さい": ("size", -1),
    "低い": ("size", -1),
    "少ない": ("size", -1),
    "軽い": ("size", -1),
}
_BY_LENGTH = sorted(_STEMS, key=len, reverse=True)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip("。.")


def _parse(text: str) -> tuple[str, int, str] | None:
    """(family, direction, intensity: strong/weak/plain) of a scale word, or None."""
    key = _key(text)
    for stem in _BY_LENGTH:
        if key.endswith(stem):
            prefix = key[: -len(stem)]
            family, direction = _STEMS[stem]
            if prefix == "":
                return family, direction, "plain"
            if prefix in _STRONG:
                return family, direction, "strong"
            if prefix in _WEAK:
                return family, direction, "weak"
            return None
    return None


@dataclass(slots=True)
class WordScale:
    """The five-step word scales as the file's answers use them."""

    strong: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)

    @classmethod
    def from_answers(cls, answers: Iterable[str]) -> WordScale:
        scale = cls()
        for answer in answers:
            parsed = _parse(answer) if answer else None
            if parsed is not None and parsed[2] != "plain":
                (scale.strong if parsed[2] == "strong" else scale.weak).add(parsed[0])
        return scale

    def value(self, text: str) -> int | None:
        """The 1–5 value of a scale word, or None if ``text`` is none."""
        if _key(text) in _NEUTRAL:
            return 3
        parsed = _parse(text)
        if parsed is None:
            return None
        family, direction, intensity = parsed
        if intensity == "strong":
            step = 2
        elif intensity == "weak":
            step = 1
        elif family in self.strong:
            step = 1
        elif family in self.weak:
            step = 2
        else:  # no clue in the file: the usual forms of each scale
            step = 2 if family == "omou" else 1
        return 3 + direction * step


def score(text: str, mapping: Mapping[str, int], words: WordScale | None, allowed: range) -> int:
    """The whole number a cell stands for; ValueError saying why not.

    ``words`` reads five-step answers (ratings); None takes digits only (dots).
    """
    from cocreate.contribute import normalise

    key = normalise(text)
    for label, value in mapping.items():
        if normalise(label) == key:
            if value not in allowed:
                raise ValueError(
                    f"the mapping's scale gives {value}, outside {allowed.start}-{allowed.stop - 1}"
                )
            return value
    match = _LEADING_INT.match(key)
    if match is not None:
        value = int(match[1])
    elif words is not None and (word := words.value(text)) is not None:
        value = word
    elif words is not None:
        raise ValueError(f"{text!r} is not a whole number or a five-step answer")
    else:
        raise ValueError(f"{text!r} is not a whole number")
    if value not in allowed:
        raise ValueError(f"{value} is outside {allowed.start}-{allowed.stop - 1}")
    return value
