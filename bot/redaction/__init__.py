"""Personal data out of anything posted publicly (issue 12): BSN (any separator, the 8-digit
form, checked with the 11-proef), IBAN, phone numbers (Dutch in every written form and
international), e-mail addresses (also obfuscated), street addresses, postcodes, dates of birth
after a birth cue, licence plates, identity-document numbers, foreign tax ids, and citizens'
names (after a title or an introduction, and the names the mail gives for its sender).

Matching runs on a normalised view of the text (Unicode spaces and dashes, zero-width
characters, Markdown emphasis; see ``normalise``); the placeholder replaces exactly the
original characters of the data, in the mail's language. Every pattern is bounded, so the
work is linear in the text (benchmarks/redaction_bench.py)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.redaction.checks import bsn_valid, iban_valid
from bot.redaction.health import health_hits
from bot.redaction.names import (
    colleague_keys,
    known_name_pattern,
    name_hits,
    paired_names,
    parenthesised_names,
    repeated_names,
)
from bot.redaction.normalise import View, view_of
from bot.redaction.numbers import Hit, find_numbers
from bot.redaction.patterns import (
    BIRTHDATE,
    BIRTHDATE_BEFORE,
    BIRTHDATES_LISTED,
    BORN_ON_DATE,
    BORN_SIGN,
    BRACKETED_ADDRESS,
    CADASTRAL,
    CARE_HOME_ROOM,
    CASE_SHAPE,
    CUED_ADDRESS,
    DATE_YEAR,
    DOCUMENT_NUMBER,
    EMAIL,
    FARM_NAME,
    FULL_DATE,
    HOME_ADDRESS,
    HOUSE_NUMBER_CUE,
    LABELLED,
    LINE_ADDRESS,
    NEIGHBOUR_NUMBER,
    NUMBER_FIRST_STREET,
    NUMBERED_HOME,
    NUMBERED_STREET,
    OBFUSCATED_EMAIL,
    PLACE_ADDRESS,
    PLACED_ADDRESS,
    PLATE,
    POLISH_STREET,
    RECORD_ADDRESS,
    REPORT_NUMBER,
    STREET,
    TOWARDS_ADDRESS,
    TURKISH_STREET,
    TURNS_AGE,
    WHATSAPP,
    iban_hits,
    plates_near_cue,
    postcode_after_address,
    postcode_hits,
)
from bot.redaction.vessels import vessel_hits

__all__ = ["PLACEHOLDERS", "Redacted", "Redactor", "bsn_valid", "iban_valid", "redact"]

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "bsn": {"nl": "[BSN verwijderd]", "en": "[BSN removed]"},
    "iban": {"nl": "[IBAN verwijderd]", "en": "[IBAN removed]"},
    "phone": {"nl": "[telefoonnummer verwijderd]", "en": "[phone number removed]"},
    "email": {"nl": "[e-mailadres verwijderd]", "en": "[e-mail address removed]"},
    "address": {"nl": "[adres verwijderd]", "en": "[address removed]"},
    "birthdate": {"nl": "[geboortedatum verwijderd]", "en": "[date of birth removed]"},
    "name": {"nl": "[naam verwijderd]", "en": "[name removed]"},
    "licence_plate": {"nl": "[kenteken verwijderd]", "en": "[licence plate removed]"},
    "id_document": {"nl": "[documentnummer verwijderd]", "en": "[document number removed]"},
    "tax_id": {"nl": "[fiscaal nummer verwijderd]", "en": "[tax number removed]"},
    "customer_number": {"nl": "[klantnummer verwijderd]", "en": "[customer number removed]"},
    "case_reference": {"nl": "[kenmerk verwijderd]", "en": "[reference removed]"},
    "health": {"nl": "[gezondheidsgegeven verwijderd]", "en": "[health detail removed]"},
}
# When two findings overlap, the more specific one wins (a BSN behind "Naam:" is a BSN).
_RANK = {
    "email": 0, "iban": 1, "phone": 2, "bsn": 3, "tax_id": 4, "id_document": 5,
    "licence_plate": 6, "customer_number": 7, "case_reference": 8, "birthdate": 9,
    "address": 10, "name": 11, "health": 12,
}  # fmt: skip
# Findings of one kind that only whitespace, commas or a table bar separate are one item:
# "Kerkstraat 12,\n3841 AB Harderwijk" is one address.
_JOINABLE = re.compile(r"[\s,;|]{0,8}")


# Kinds that are what a question is about as well as personal data: routing may read them,
# a thread never shows them ("mijn vader heeft parkinson" is a question for the Wmo team).
TOPIC_KINDS = frozenset({"health"})


@dataclass
class Redacted:
    """``text`` is what may be shown; ``topics`` is the same text with the personal data
    that is also the question's topic (:data:`TOPIC_KINDS`) left in, for routing only."""

    text: str
    topics: str
    counts: Counter[str] = field(default_factory=Counter)


def _value_hits(pattern: re.Pattern[str], text: str, kind: str) -> list[Hit]:
    hits = []
    for match in pattern.finditer(text):
        start, end = match.span("value") if "value" in pattern.groupindex else match.span()
        value = text[start:end].rstrip(" .,-/")
        if value:
            hits.append(Hit(start, start + len(value), kind))
    return hits


# A full date this many years back or more is taken for a date of birth without a cue: the
# youngest people who write (or are written about) are children, and an appointment,
# deadline or decision in a question is recent.
OLD_DATE_YEARS = 14


def old_date_hits(text: str, this_year: int | None = None) -> list[Hit]:
    latest = (this_year or date.today().year) - OLD_DATE_YEARS
    hits = []
    for hit in _value_hits(FULL_DATE, text, "birthdate"):
        year = DATE_YEAR.search(text, hit.start, hit.end)
        if year is not None and 1900 <= int(year.group(1)) <= latest:
            hits.append(hit)
    return hits


def find_personal_data(
    text: str, colleagues: frozenset[str] = frozenset(), known: re.Pattern[str] | None = None
) -> list[Hit]:
    """Every finding in ``text`` (a normalised view), overlapping ones included."""
    hits: list[Hit] = []
    hits += _value_hits(EMAIL, text, "email")
    hits += _value_hits(OBFUSCATED_EMAIL, text, "email")
    hits += _value_hits(WHATSAPP, text, "phone")
    hits += iban_hits(text)
    hits += find_numbers(text)
    for kind, pattern in LABELLED:
        hits += _value_hits(pattern, text, kind)
    hits += _value_hits(BIRTHDATE, text, "birthdate")
    hits += _value_hits(BIRTHDATE_BEFORE, text, "birthdate")
    hits += _value_hits(BORN_ON_DATE, text, "birthdate")
    hits += _value_hits(BORN_SIGN, text, "birthdate")
    for listed in BIRTHDATES_LISTED.finditer(text):
        hits += [
            Hit(listed.start() + hit.start, listed.start() + hit.end, hit.kind)
            for hit in _value_hits(FULL_DATE, listed.group(), "birthdate")
        ]
    hits += _value_hits(TURNS_AGE, text, "birthdate")
    hits += old_date_hits(text)
    hits += _value_hits(PLATE, text, "licence_plate")
    hits += plates_near_cue(text)
    hits += _value_hits(REPORT_NUMBER, text, "case_reference")
    hits += _value_hits(CASE_SHAPE, text, "case_reference")
    hits += _value_hits(DOCUMENT_NUMBER, text, "id_document")
    hits += _value_hits(STREET, text, "address")
    hits += _value_hits(CUED_ADDRESS, text, "address")
    hits += _value_hits(PLACE_ADDRESS, text, "address")
    hits += _value_hits(FARM_NAME, text, "address")
    hits += _value_hits(CADASTRAL, text, "address")
    hits += _value_hits(TOWARDS_ADDRESS, text, "address")
    hits += _value_hits(NUMBERED_STREET, text, "address")
    hits += _value_hits(NUMBER_FIRST_STREET, text, "address")
    hits += _value_hits(POLISH_STREET, text, "address")
    hits += _value_hits(TURKISH_STREET, text, "address")
    hits += _value_hits(PLACED_ADDRESS, text, "address")
    hits += _value_hits(BRACKETED_ADDRESS, text, "address")
    hits += _value_hits(HOME_ADDRESS, text, "address")
    hits += _value_hits(RECORD_ADDRESS, text, "address")
    hits += _value_hits(CARE_HOME_ROOM, text, "address")
    hits += _value_hits(NUMBERED_HOME, text, "address")
    hits += _value_hits(LINE_ADDRESS, text, "address")
    hits += _value_hits(HOUSE_NUMBER_CUE, text, "address")
    hits += _value_hits(NEIGHBOUR_NUMBER, text, "address")
    hits += postcode_hits(text)
    hits += postcode_after_address(text, hits)
    hits += name_hits(text, colleagues)
    if known is not None:
        hits += _value_hits(known, text, "name")
    hits += parenthesised_names(text, hits)
    hits += paired_names(text, hits)
    hits += repeated_names(text, hits)
    hits += health_hits(text)
    hits += vessel_hits(text)
    return hits


def _settle(hits: list[Hit], text: str) -> list[Hit]:
    """Non-overlapping findings in text order. Overlaps become one finding of the more
    specific kind covering both; neighbours of one kind are joined."""
    settled: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if settled and hit.start < settled[-1].end:
            last = settled[-1]
            kind = hit.kind if _RANK[hit.kind] < _RANK[last.kind] else last.kind
            settled[-1] = Hit(last.start, max(last.end, hit.end), kind)
            continue
        if (
            settled
            and settled[-1].kind == hit.kind
            and _JOINABLE.fullmatch(text, settled[-1].end, hit.start)
        ):
            settled[-1] = Hit(settled[-1].start, hit.end, hit.kind)
            continue
        settled.append(hit)
    return settled


class Redactor:
    """Redaction for one mail: the colleagues whose names stay, and the names the mail gives
    for its citizen (its sender's display name, the surname its address spells), which go
    wherever they appear."""

    def __init__(
        self,
        colleagues: Iterable[str] = (),
        citizen_names: Iterable[str] = (),
        citizen_addresses: Iterable[str] = (),
        places: Iterable[str] = (),
    ) -> None:
        """``places``: words of the deployment's own organisations' names ("Ermelo"), which no
        address spells as a surname ("jvanee.ermelo@…")."""
        self.colleagues = colleague_keys(colleagues)
        self.places = frozenset(place.lower() for place in places)
        self.known = known_name_pattern(
            citizen_names, self.colleagues, citizen_addresses, places=self.places
        )

    def findings(self, text: str, *, filename: bool = False) -> list[tuple[int, int, str]]:
        """Where personal data is in ``text``: (start, end, kind), in text order."""
        if not text:
            return []
        view: View = view_of(text, filename=filename)
        hits = _settle(find_personal_data(view.text, self.colleagues, self.known), view.text)
        if self.places:
            # "cliënt Zeewolde": the deployment's own places are no one's name
            hits = [
                hit
                for hit in hits
                if hit.kind != "name" or not self._is_place(view.text[hit.start : hit.end])
            ]
        spans: list[tuple[int, int, str]] = []
        for hit in hits:
            start, end = view.span(hit.start, hit.end)
            if spans and start < spans[-1][1]:
                continue
            spans.append((start, end, hit.kind))
        return spans

    def _is_place(self, value: str) -> bool:
        words = re.findall(r"[^\W\d_]+", value.lower())
        return bool(words) and all(word in self.places for word in words)

    def redact(
        self, text: str, language: Literal["nl", "en"] = "nl", *, filename: bool = False
    ) -> Redacted:
        counts: Counter[str] = Counter()
        out: list[str] = []
        topics: list[str] = []
        last = 0
        for start, end, kind in self.findings(text, filename=filename):
            out.append(text[last:start])
            topics.append(text[last:start])
            out.append(PLACEHOLDERS[kind][language])
            topics.append(text[start:end] if kind in TOPIC_KINDS else PLACEHOLDERS[kind][language])
            counts[kind] += 1
            last = end
        out.append(text[last:])
        topics.append(text[last:])
        return Redacted("".join(out), "".join(topics), counts)


_DEFAULT = Redactor()


def redact(text: str, language: Literal["nl", "en"] = "nl") -> Redacted:
    """Replace personal data in ``text``; the counts say what was removed."""
    return _DEFAULT.redact(text, language)
