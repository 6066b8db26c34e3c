"""Which language a chat message or a question is in: Dutch, English or German.

Small and fast on purpose (every message of an import goes through it): function words are
strong evidence, spelling patterns of each language weaker evidence, and a text with too
little evidence keeps the deployment's default language. Short texts are the norm in chat,
so one clear function word ("the", "het", "der") decides; a single topic word never does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

Language = Literal["nl", "en", "de"]
LANGUAGES: tuple[Language, ...] = ("nl", "en", "de")

_WORD = re.compile(r"[a-zäöüßéèëïóáàêç]+")
# Function words that belong to one language only (words shared by two, such as "in", "was",
# "die", "den", "hat", are left out: they would vote for both).
_FUNCTION: dict[Language, frozenset[str]] = {
    "nl": frozenset(
        """
        de het een en van ik je jij jullie u uw wij we zij ze hij mij mijn ons onze niet dat
        dit deze met voor op aan bij naar ook maar nog wel kan kunnen moet moeten hoe wat wie
        waar wanneer welke graag dank bedankt groet hallo hoi beste geachte zou zouden heb
        heeft hebben er als om omdat of dus want toch al alleen iemand iets niets geen meer
        veel over door tot uit zijn waren wordt worden werd zal zullen weet weten mag mogen
        doet doen ben bent hier daar nu dan toen even welk eigenlijk misschien echter tussen
        zonder onder tegen sinds vanaf binnen buiten hoeveel waarom jou jouw hun haar hem
        elke ieder iedereen allemaal alles sommige bijvoorbeeld volgens heel erg nou
        """.split()  # noqa: SIM905
    ),
    "en": frozenset(
        """
        the a an and of to is are was were be been being have has had do does did i you he
        she it we they my your our their this that these those with for on at by from about
        into not no but or if then than so what who whom which when where why how can could
        should would will shall may might must anyone anybody someone somebody knows know
        there here any some all every each just also only very much many more most please
        thanks thank hello hi know help our us them him her its it's i'm don't doesn't can't
        won't isn't aren't let's get got need needs want wants does anything something
        """.split()  # noqa: SIM905
    ),
    "de": frozenset(
        """
        der das und ist nicht ich du sie wir ihr mit für auf dem des ein eine einen einem
        einer zu von bei nach aus auch aber noch wie wer was wo wann warum welche welcher
        kann können muss müssen soll sollen wird werden wurde hat haben hatte bin bist sind
        war waren gibt es sich mein meine unser unsere ihre kein keine jemand etwas nichts
        oder wenn dass weil schon sehr viel mehr hier dort jetzt heute danke bitte hallo
        grüße gruß liebe sehr geehrte über unter gegen ohne durch zum zur im vom beim
        """.split()  # noqa: SIM905
    ),
}
# Letter patterns typical of one language's spelling (weak evidence, per occurrence).
_PATTERNS: dict[Language, re.Pattern[str]] = {
    "nl": re.compile(r"ij|oe|aa|uu|ui|heid\b|lijk|tje\b|ende\b|ee"),
    "en": re.compile(r"th|wh|tion\b|ing\b|ly\b|ou|ght|w[aeiour]|ck|y\b"),
    "de": re.compile(r"ä|ö|ü|ß|ung\b|keit\b|tz|ch\b|eit\b|ie|ei|sch|z"),
}
_FUNCTION_WEIGHT = 3.0
_MIN_EVIDENCE = 2.5
_MARGIN = 1.5


def _scores(words: Iterable[str]) -> dict[Language, float]:
    scores: dict[Language, float] = dict.fromkeys(LANGUAGES, 0.0)
    for word in words:
        for language in LANGUAGES:
            if word in _FUNCTION[language]:
                scores[language] += _FUNCTION_WEIGHT
            elif len(word) >= 4:
                scores[language] += 0.25 * len(_PATTERNS[language].findall(word))
    return scores


@lru_cache(maxsize=50_000)
def _detect_words(words: tuple[str, ...], default: Language) -> Language:
    scores = _scores(words)
    ranked = sorted(LANGUAGES, key=lambda language: scores[language], reverse=True)
    best, second = ranked[0], ranked[1]
    unsure = scores[best] < _MIN_EVIDENCE or scores[best] - scores[second] < _MARGIN
    # Too little evidence: the default stands unless it is clearly outvoted.
    if unsure and scores[default] >= scores[best] - _MARGIN:
        return default
    return best


def detect(text: str, default: Language = "nl") -> Language:
    """The language of ``text`` (the first 60 words decide), or ``default`` when unsure."""
    words = tuple(_WORD.findall(text[:2000].lower())[:60])
    if not words:
        return default
    return _detect_words(words, default)
