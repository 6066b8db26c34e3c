"""Personal data out of anything posted publicly: BSN (checked with the 11-proef), IBAN
(checked with ISO 7064 mod 97), phone numbers, e-mail addresses, street addresses with a
postcode, and dates of birth where they are introduced as such. Each is replaced by a
placeholder that says what was removed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "bsn": {"nl": "[BSN verwijderd]", "en": "[BSN removed]"},
    "iban": {"nl": "[IBAN verwijderd]", "en": "[IBAN removed]"},
    "phone": {"nl": "[telefoonnummer verwijderd]", "en": "[phone number removed]"},
    "email": {"nl": "[e-mailadres verwijderd]", "en": "[e-mail address removed]"},
    "address": {"nl": "[adres verwijderd]", "en": "[address removed]"},
    "birthdate": {"nl": "[geboortedatum verwijderd]", "en": "[date of birth removed]"},
}

# Lengths of IBANs by country (ISO 13616) for the countries mail here mostly comes from.
_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27,
    "AT": 20, "CH": 21, "DK": 18, "PL": 28, "PT": 25, "IE": 22, "SE": 24, "NO": 15, "FI": 18,
}  # fmt: skip

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){8,30}\b", re.IGNORECASE)
_BSN = re.compile(r"(?<![\d])(?<!\d[ .-])\d(?:[ .-]?\d){8}(?![ .-]?\d)")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d(?:[ .-]?\d){6,11}"  # international
    r"|\(0\d{1,3}\)[ .-]?\d(?:[ .-]?\d){4,7}"  # (0341) 41 13 27
    r"|0\d(?:[ .-]?\d){8}"  # 06-21843375, 0341-418263, 036 522 24 12
    r")(?![\d])"
)
_TUSSEN = r"(?:van|de|der|den|het|'t|ter|ten|te|op|aan|in|la|le|du|St\.?)"
_CAP = r"[A-ZÀ-Ý][\wà-ÿ'.-]*"
_ADDRESS = re.compile(
    rf"\b{_CAP}(?:[ ](?:{_TUSSEN}|{_CAP})){{0,4}}[ ]\d{{1,5}}(?:[ -]?[A-Za-z]{{1,2}}\b|-\d{{1,4}})?"
    rf"(?:[ ]?,[ ]?|[ ]+)\d{{4}}[ ]?[A-Z]{{2}}\b(?:[ ]+{_CAP}(?:[ -]{_CAP})?)?"
)
_POSTCODE_CITY = re.compile(rf"\b[1-9]\d{{3}}[ ]?(?!SA|SD|SS)[A-Z]{{2}}\b[ ]+{_CAP}")
_MONTHS = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|march|mrt|mar|apr(?:il)?|mei|may|"
    r"jun[ei]?|jul[iy]?|aug(?:ustus|ust)?|sep(?:tember)?|okt(?:ober)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}} {_MONTHS} (?:19|20)\d{{2}})"
_BIRTHDATE = re.compile(
    rf"(?P<intro>\b(?:geboren(?: op)?|geboortedatum|geb\.|date of birth|born(?: on)?|d\.o\.b\.?|"
    rf"dob)\b[:\s]*)(?P<date>{_DATE})",
    re.IGNORECASE,
)


def bsn_valid(digits: str) -> bool:
    """The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not zero)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def iban_valid(compact: str) -> bool:
    compact = compact.upper()
    if len(compact) < 15 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


@dataclass
class Redacted:
    text: str
    counts: Counter[str] = field(default_factory=Counter)


def _replace(
    pattern: re.Pattern[str],
    text: str,
    kind: str,
    placeholder: str,
    counts: Counter[str],
    accept: Callable[[re.Match[str]], tuple[int, int] | None],
) -> str:
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        span = accept(match)
        if span is None:
            continue
        start, end = span
        if start < last:
            continue
        out.append(text[last:start])
        out.append(placeholder)
        counts[kind] += 1
        last = end
    out.append(text[last:])
    return "".join(out)


def _iban_span(match: re.Match[str]) -> tuple[int, int] | None:
    raw = match.group(0)
    country = raw[:2].upper()
    want = _IBAN_LENGTHS.get(country)
    seen = 0
    # Walk the raw text until ``want`` characters without spaces are covered.
    for offset, char in enumerate(raw):
        if char != " ":
            seen += 1
        candidate = raw[: offset + 1].replace(" ", "")
        complete = want is not None or offset + 1 == len(raw)
        if (want is None or seen == want) and seen >= 15 and complete and iban_valid(candidate):
            return match.start(), match.start() + offset + 1
    return None


def _bsn_span(match: re.Match[str]) -> tuple[int, int] | None:
    digits = re.sub(r"\D", "", match.group(0))
    return (match.start(), match.end()) if bsn_valid(digits) else None


def _whole(match: re.Match[str]) -> tuple[int, int] | None:
    return match.start(), match.end()


def _birthdate_span(match: re.Match[str]) -> tuple[int, int] | None:
    return match.start("date"), match.end("date")


def redact(text: str, language: Literal["nl", "en"] = "nl") -> Redacted:
    """Replace personal data in ``text``; the counts say what was removed."""
    counts: Counter[str] = Counter()

    def ph(kind: str) -> str:
        return PLACEHOLDERS[kind][language]

    text = _replace(_EMAIL, text, "email", ph("email"), counts, _whole)
    text = _replace(_IBAN, text, "iban", ph("iban"), counts, _iban_span)
    text = _replace(_BIRTHDATE, text, "birthdate", ph("birthdate"), counts, _birthdate_span)
    text = _replace(_ADDRESS, text, "address", ph("address"), counts, _whole)
    text = _replace(_POSTCODE_CITY, text, "address", ph("address"), counts, _whole)
    text = _replace(_BSN, text, "bsn", ph("bsn"), counts, _bsn_span)
    text = _replace(_PHONE, text, "phone", ph("phone"), counts, _whole)
    return Redacted(text, counts)
