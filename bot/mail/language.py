"""Dutch or English? A stop-word count is enough to choose the language of an answer."""

from __future__ import annotations

import re
from typing import Literal

_WORD = re.compile(r"[a-zà-ÿ']+")
_NL = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "ik",
        "je",
        "jij",
        "u",
        "wij",
        "zij",
        "zijn",
        "niet",
        "dat",
        "die",
        "dit",
        "met",
        "voor",
        "op",
        "aan",
        "bij",
        "naar",
        "ook",
        "maar",
        "nog",
        "wel",
        "kan",
        "kunnen",
        "moet",
        "mijn",
        "ons",
        "onze",
        "hoe",
        "wat",
        "wie",
        "waar",
        "graag",
        "dank",
        "groet",
        "hallo",
        "hoi",
        "beste",
        "geachte",
        "zou",
        "heb",
        "heeft",
        "hebben",
        "er",
        "als",
        "om",
        "uit",
        "tot",
    ]
)
_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "i",
        "you",
        "they",
        "are",
        "not",
        "that",
        "this",
        "with",
        "for",
        "on",
        "at",
        "to",
        "from",
        "also",
        "but",
        "still",
        "can",
        "could",
        "must",
        "my",
        "our",
        "how",
        "what",
        "who",
        "where",
        "please",
        "thanks",
        "thank",
        "regards",
        "hello",
        "hi",
        "dear",
        "would",
        "have",
        "has",
        "there",
        "if",
        "about",
        "until",
    ]
)


def detect_language(text: str, default: Literal["nl", "en"] = "nl") -> Literal["nl", "en"]:
    words = _WORD.findall(text.lower()[:5000])
    nl = sum(1 for w in words if w in _NL)
    en = sum(1 for w in words if w in _EN)
    if nl == en:
        return default
    return "nl" if nl > en else "en"
