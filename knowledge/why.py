"""The "why" of a suggestion, in the asker's language: evidence, not a score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


@dataclass(frozen=True)
class Reason:
    topic: str
    answers: int = 0
    accepted: int = 0
    last_at: datetime | None = None
    group_id: str | None = None
    declared: str | None = None
    similar: int = 0


def month_label(at: datetime, now: datetime, lang: str) -> str:
    name = MONTHS["en" if lang == "en" else "nl"][at.month - 1]
    return name if at.year == now.year else f"{name} {at.year}"


def explain(reason: Reason, now: datetime, lang: str) -> str:
    parts: list[str] = []
    english = lang == "en"
    where = f" in #{reason.group_id}" if reason.group_id else ""
    if reason.answers:
        noun = (
            ("question" if reason.answers == 1 else "questions")
            if english
            else ("vraag" if reason.answers == 1 else "vragen")
        )
        parts.append(
            f"answered {reason.answers} {noun} about {reason.topic}{where}"
            if english
            else f"beantwoordde {reason.answers} {noun} over {reason.topic}{where}"
        )
        if reason.accepted:
            parts.append(
                f"{reason.accepted} accepted" if english else f"{reason.accepted} geaccepteerd"
            )
    elif reason.similar:
        noun = "similar questions" if english else "vergelijkbare vragen"
        if reason.similar == 1:
            noun = "a similar question" if english else "een vergelijkbare vraag"
        count = "" if reason.similar == 1 else f"{reason.similar} "
        parts.append(
            f"answered {count}{noun}{where}" if english else f"beantwoordde {count}{noun}{where}"
        )
    elif reason.last_at is not None:
        parts.append(
            f"helped with {reason.topic}{where}"
            if english
            else f"hielp mee over {reason.topic}{where}"
        )
    if reason.last_at is not None and parts:
        month = month_label(reason.last_at, now, lang)
        parts.append(f"last in {month}" if english else f"laatst in {month}")
    if reason.declared:
        parts.append(
            f"says they know: {reason.declared}" if english else f"noemt zelf: {reason.declared}"
        )
    if not parts:  # evidence without answers of their own, e.g. recommended by others
        parts.append(
            f"helped with {reason.topic}{where}"
            if english
            else f"hielp mee over {reason.topic}{where}"
        )
    return ", ".join(parts)
