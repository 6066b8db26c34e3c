"""The evidence model: how much one observation says that someone knows a topic.

- answering a question in a thread is the base unit (a substantive, confident answer = 1);
- an answer the asker accepted (✅) counts extra, positive reactions by others a little;
- sharing a document, and being recommended (``<@…>`` mentioned by someone else) count;
- hedged answers ("geen expert, maar…", "lang geleden…") count less, "volg ik ook" nothing;
- asking a question is interest, not expertise: it earns nothing here;
- everything fades with a half-life, so the current expert outranks the one who moved on;
- declared skills count less than evidence until evidence confirms them.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from knowledge.text import content_words, fold

ANSWER = 1.0
FOLLOW_UP = 0.35  # a further answer by the same person in the same thread
ACCEPTED = 1.5
POSITIVE_REACTION = 0.25
POSITIVE_REACTION_CAP = 1.0
FILE_SHARED = 0.5
RECOMMENDED = 0.6
DECLARED = 0.4
DECLARED_CONFIRMED = 0.8
# How much a question with an accepted answer counts for the translation model (one whose
# answers nobody confirmed: 1).
ACCEPTED_PAIR = 1.5

# How much a thread's words say about what an answer in it is about.
ROOT_TERM = 1.0
OWN_TERM = 0.7
OTHER_TERM = 0.0  # other people's replies: left out, the similar-question expansion covers them

_INTEREST = re.compile(
    r"\b(ben (ook )?benieuwd|volg ik|zou ik ook (graag )?willen weten|ook graag weten|"
    r"zelfde vraag|heb ik ook|following|same question|interested too|me too)\b"
)
_HEDGE = re.compile(
    r"\b(niet (helemaal |100% )?zeker|geen expert|geen specialist|lang geleden|volgens mij|"
    r"als ik (het )?(me )?goed (heb|herinner)|ik dacht|misschien|weet (het )?niet|geen idee|"
    r"niet mijn vakgebied|not sure|i think|maybe|long ago|if i remember|not an expert|"
    r"no expert|i believe)\b"
)
_CONFIDENT_WORDS = 5


def answer_quality(text: str, words: int | None = None) -> float:
    """0..1: how much a reply reads like a real answer (``words``: its number of distinct
    content words, when the caller has counted them already)."""
    folded = fold(text)
    if _INTEREST.search(folded):
        return 0.05
    if words is None:
        words = len(set(content_words(text)))
    quality = min(1.0, words / _CONFIDENT_WORDS)
    if _HEDGE.search(folded):
        quality *= 0.45
    return quality


def decay(at: datetime, reference: datetime, half_life_days: float) -> float:
    """2^(-age / half-life); above 1 for evidence newer than the reference."""
    age_days = (reference - at).total_seconds() / 86_400.0
    return math.pow(2.0, -age_days / half_life_days)


def reaction_bonus(positive: int) -> float:
    return min(POSITIVE_REACTION_CAP, POSITIVE_REACTION * positive)
