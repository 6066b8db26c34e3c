"""Group targets as people write them — "80 % beantwoord", "reactie binnen 4 uur",
"answered 80%" — read by one parser for ``!doel`` and the dashboard, and written back the
same way. Percentages must lie between 0 and 100 %."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_INPUT = 120

# Phrases first (they contain words of other figures), then single words.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"binnen\s*24\s*(?:uur|u|h)\b", "binnen24u"),
    (r"within\s*24\s*(?:hours?|h)\b", "binnen24u"),
    (r"andere\s+organisaties?", "crossorg"),
    (r"other\s+organi[sz]ations?", "crossorg"),
    (r"actieve\s+deelnemers", "deelnemers"),
    (r"active\s+posters", "deelnemers"),
)
FIGURE_WORDS: dict[str, str] = {
    "beantwoord": "answered_share",
    "answered": "answered_share",
    "binnen24u": "answered_within_24h_share",
    "within24h": "answered_within_24h_share",
    "reactie": "median_hours_to_first_response",
    "reactietijd": "median_hours_to_first_response",
    "response": "median_hours_to_first_response",
    "responsetime": "median_hours_to_first_response",
    "geaccepteerd": "accepted_share",
    "accepted": "accepted_share",
    "deelnemers": "active_posters",
    "posters": "active_posters",
    "crossorg": "cross_org_answer_share",
    # The stored names work too (scripts, the old ``!doel answered_share 0.8``).
    "answered_share": "answered_share",
    "answered_within_24h_share": "answered_within_24h_share",
    "median_hours_to_first_response": "median_hours_to_first_response",
    "accepted_share": "accepted_share",
    "active_posters": "active_posters",
    "cross_org_answer_share": "cross_org_answer_share",
}
SHARES = frozenset(m for m in FIGURE_WORDS.values() if m.endswith("_share"))
HOURS = "median_hours_to_first_response"
_FILLER = frozenset(
    {"binnen", "within", "in", "van", "of", "de", "het", "the", "vragen", "questions", "%"}
)
# Not inside a word ("binnen24u" is a figure, not the number 24).
_NUMBER = re.compile(
    r"(?<![a-z_\d])(-?\d{1,6}(?:[.,]\d{1,4})?)\s*(%|(?:procent|percent|uren|uur|hours|hour|u|h)\b)?"
)
_WORD = re.compile(r"[a-z_0-9]+|%")

TEXTS = {
    "goal.unknown_figure": {
        "nl": "Welk cijfer bedoel je? Schrijf bijvoorbeeld “80 % beantwoord”, “reactie binnen "
        "4 uur”, “90 % binnen 24 uur”, “50 % geaccepteerd”, “10 deelnemers” of “20 % andere "
        "organisatie”.",
        "en": "Which figure do you mean? Write for example “80 % answered”, “response within "
        "4 hours”, “90 % within 24 hours”, “50 % accepted”, “10 posters” or “20 % other "
        "organisation”.",
    },
    "goal.no_number": {
        "nl": "Noem één getal als doel, bijvoorbeeld “80 % beantwoord”.",
        "en": "Give one number as the target, for example “80 % answered”.",
    },
    "goal.bad_percent": {
        "nl": "Een percentage ligt tussen 0 en 100 %.",
        "en": "A percentage lies between 0 and 100 %.",
    },
    "goal.bad_hours": {
        "nl": "Een reactietijd is meer dan 0 en hooguit 720 uur.",
        "en": "A response time is more than 0 and at most 720 hours.",
    },
    "goal.bad_count": {
        "nl": "Het aantal deelnemers is een heel getal van 0 tot 100000.",
        "en": "The number of posters is a whole number from 0 to 100000.",
    },
}


class GoalInputError(ValueError):
    """``key`` is a text of :data:`TEXTS` that says what is wrong."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class GoalSetting:
    metric: str
    target: float


def _normalised(text: str) -> str:
    lowered = text.strip().lower()[: MAX_INPUT + 1]
    if len(lowered) > MAX_INPUT:
        raise GoalInputError("goal.unknown_figure")
    for pattern, word in _PHRASES:
        lowered = re.sub(pattern, f" {word} ", lowered)
    return lowered


def parse_figure(text: str) -> str:
    """The stored metric name for the words of a figure alone ("beantwoord", "reactie")."""
    words = [w for w in _WORD.findall(_normalised(text)) if w not in _FILLER]
    metrics = {FIGURE_WORDS[w] for w in words if w in FIGURE_WORDS}
    if len(metrics) != 1:
        raise GoalInputError("goal.unknown_figure")
    return metrics.pop()


def parse_goal(text: str) -> GoalSetting:
    """A figure and its target in any order: "80 % beantwoord", "beantwoord 80%",
    "reactie binnen 4 uur", "answered 0.8". Raises :class:`GoalInputError`."""
    normalised = _normalised(text)
    numbers = list(_NUMBER.finditer(normalised))
    rest = _NUMBER.sub(" ", normalised)
    metric = parse_figure(rest)
    if len(numbers) != 1:
        raise GoalInputError("goal.no_number")
    value = float(numbers[0][1].replace(",", "."))
    unit = numbers[0][2] or ""
    percent = unit in {"%", "procent", "percent"}
    if metric in SHARES:
        if unit and not percent:
            raise GoalInputError("goal.unknown_figure")
        # "80" and "80 %" are percentages; a bare 0.8 is the share itself.
        share = value / 100 if percent or value > 1 else value
        if not 0 <= share <= 1:
            raise GoalInputError("goal.bad_percent")
        return GoalSetting(metric, round(share, 4))
    if metric == HOURS:
        if percent or not 0 < value <= 720:
            raise GoalInputError("goal.bad_hours")
        return GoalSetting(metric, value)
    if unit or value != int(value) or not 0 <= value <= 100_000:
        raise GoalInputError("goal.bad_count")
    return GoalSetting(metric, value)


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def describe_goal(metric: str, target: float, lang: str) -> str:
    """The target in words people use: "80 % beantwoord", "reactie binnen 4 uur"."""
    dutch = lang != "en"
    if metric in SHARES:
        percent = _number(round(target * 100, 2))
        words = {
            "answered_share": ("beantwoord", "answered"),
            "answered_within_24h_share": ("beantwoord binnen 24 uur", "answered within 24 hours"),
            "accepted_share": ("geaccepteerd", "accepted"),
            "cross_org_answer_share": (
                "antwoorden uit een andere organisatie",
                "answers from another organisation",
            ),
        }[metric]
        return f"{percent} % {words[0] if dutch else words[1]}"
    if metric == HOURS:
        hours = _number(target)
        return f"reactie binnen {hours} uur" if dutch else f"response within {hours} hours"
    count = _number(target)
    return f"{count} actieve deelnemers" if dutch else f"{count} active posters"
