"""Numbers that identify a person: phone numbers, BSN, tax ids. Instead of one pattern per
written form (``06-12 34 56 78``, ``+31 (0)6 - …``, ``0031/6/…``, ``805/888/718``,
``1678_68433``), digit groups are found once and chained over short separators; every run of
whole groups is then judged by its digits and check digits. Linear: each group is looked at in
at most ``_MAX_GROUPS`` windows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.redaction.checks import (
    belgian_national_number_valid,
    bsn_valid,
    dutch_phone,
    german_tax_id_valid,
    looks_like_date,
)

_GROUP = re.compile(r"\d{1,20}")
# What may stand between two groups of one number: a separator with spaces around it, the
# optional trunk prefix of ``+31 (0)6``, a parenthesised area code ``(0341) 41 13 27``.
_GAP = re.compile(r" {0,2}(?:[-./_]|\(0\)|\)|\() {0,2}| {1,2}")
_MAX_GAP = 7
_MAX_GROUPS = 8
_BSN_CUE = re.compile(
    r"(?i:\b(?:bsn|burgerservice ?nummer|sofi-? ?nummer|citizen service number|bsn-nummer)"
    r"\b[^\n\d]{0,20}$)"
)


# A number of another country's national form ("02821 / 97 43 18", "0171 4821933") is a phone
# number right after a word for one; without the word it might be anything.
_PHONE_CUE = re.compile(
    r"(?i:\b(?:tel(?:efoon|efon|ephone)?(?:nummer|nr)?|phone|mobile?|mobiel|gsm|handy|"
    r"mobil(?:nummer)?|telefonisch(?: unter)?|erreichbar unter|unter der nummer|call me on|"
    r"erreichen (?:sie )?(?:mich|uns) unter|reach (?:me|us) (?:at|on)|"
    r"bel(?: mij| me)?(?: op)?|bereikbaar op)\b[.:]?[^\n\d]{0,12}$)"
)


# German mobile numbers: 015x, 016x, 017x and seven or eight digits more.
_GERMAN_MOBILE = re.compile(r"01[5-7]\d{8,9}")
_GLUED_CUE = re.compile(r"(?i:(?<![a-z])(?:bsn|tel|telnr|nr|mob|mobiel|gsm|sofinr|nummer)$)")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class _Chain:
    groups: list[tuple[int, int]]
    gaps: list[str]  # gaps[i] lies between groups[i] and groups[i + 1]
    plus: bool  # a '+' right before the first group


def _chains(text: str) -> list[_Chain]:
    chains: list[_Chain] = []
    current: _Chain | None = None
    for match in _GROUP.finditer(text):
        start, end = match.span()
        if (
            current is not None
            and match.group() == "0"
            and text[start - 1 : start] == "("
            and text[end : end + 1] == ")"
        ):
            continue  # the trunk zero of +31 (0)6: the gap pattern takes "(0)" as a whole
        if current is not None:
            gap = text[current.groups[-1][1] : start]
            if len(gap) <= _MAX_GAP and _GAP.fullmatch(gap):
                current.groups.append((start, end))
                current.gaps.append(gap)
                continue
        if (
            start > 0
            and text[start - 1].isalpha()
            and not _GLUED_CUE.search(text, max(0, start - 8), start)
        ):
            current = None  # part of a word or a code: A12, KvK12345678 (but "bsn111222333")
            continue
        plus = text[start - 1 : start] == "+" or text[max(0, start - 2) : start] == "+("
        current = _Chain([(start, end)], [], plus)
        chains.append(current)
    return chains


def _open_before(chain: _Chain, index: int) -> bool:
    """May a number start at group ``index``: at the chain's start or after a space (not
    in the middle of ``12.03.2026`` or ``1.250.000``)."""
    gap = chain.gaps[index - 1] if index else ""
    return index == 0 or gap.strip() == "/" or (" " in gap and not gap.strip())


def _open_after(chain: _Chain, index: int) -> bool:
    if index == len(chain.groups) - 1:
        return True
    gap = chain.gaps[index]
    return gap.strip() == "/" or (" " in gap and not gap.strip())


def _phone_digits(chain: _Chain, i: int, digits: str, text: str) -> bool:
    """``digits`` (groups ``i``…) is a whole phone number."""
    international = (i == 0 and chain.plus) or digits.startswith("00")
    if international:
        rest = digits[2:] if digits.startswith("00") else digits
        if rest.startswith("31"):
            return dutch_phone("0" + rest[2:])
        return 8 <= len(rest) <= 14 and not rest.startswith("0")
    if dutch_phone(digits):
        return True
    if _GERMAN_MOBILE.fullmatch(digits):
        return True  # "0171 4432 918": a German mobile number, as 06 is a Dutch one
    start = chain.groups[i][0]
    return (
        digits.startswith("0")
        and 10 <= len(digits) <= 12
        and _PHONE_CUE.search(text, max(0, start - 40), start) is not None
    )


def _bsn_digits(i: int, j: int, digits: str, cued: bool) -> bool:
    if len(digits) not in (8, 9):
        return False
    if cued:
        return True
    if len(digits) == 9:
        return bsn_valid(digits)
    # The 8-digit form (a leading zero dropped): only as one group, never a date.
    return len(digits) == 8 and i == j and not looks_like_date(digits) and bsn_valid("0" + digits)


def _tax_digits(digits: str, i: int, j: int) -> bool:
    return len(digits) == 11 and (
        german_tax_id_valid(digits) or belgian_national_number_valid(digits)
    )


def find_numbers(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for chain in _chains(text):
        groups = chain.groups
        i = 0
        while i < len(groups):
            if not _open_before(chain, i):
                i += 1
                continue
            start = groups[i][0]
            cued: bool | None = None  # looked up only for a number of BSN length
            phone: int | None = None
            other: tuple[int, str] | None = None
            digits = ""
            for j in range(i, min(len(groups), i + _MAX_GROUPS)):
                digits += text[groups[j][0] : groups[j][1]]
                if len(digits) > 16:
                    break
                if len(digits) < 8 or not _open_after(chain, j):
                    continue  # no phone, BSN or tax id is shorter than 8 digits
                if cued is None and len(digits) in (8, 9):
                    cued = bool(_BSN_CUE.search(text, max(0, start - 40), start))
                if _phone_digits(chain, i, digits, text):
                    phone = j
                    if not (i == 0 and chain.plus):
                        break  # a Dutch number has one length; an international one may go on
                elif other is None and _bsn_digits(i, j, digits, bool(cued)):
                    other = (j, "bsn")
                elif other is None and _tax_digits(digits, i, j):
                    other = (j, "tax_id")
            # A phone number wins over a BSN-valid part of it.
            found = (phone, "phone") if phone is not None else other
            if found is None:
                i += 1
                continue
            j, kind = found
            if kind == "phone" and i == 0 and chain.plus:
                start -= 2 if text[start - 1] == "(" else 1
            elif (
                kind == "phone"
                and start
                and text[start - 1] == "("
                and ")" in text[start : groups[j][1]]
            ):
                start -= 1  # "(036) 521 88 40": the area code's brackets go with it
            hits.append(Hit(start, groups[j][1], kind))
            i = j + 1
    return hits
