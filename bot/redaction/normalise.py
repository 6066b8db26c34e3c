"""A matching view of a text: Unicode spaces and dashes made plain, zero-width characters and
Markdown emphasis left out, with a map from every position of the view back to the original.
Patterns run on the view; placeholders are put into the original, so nothing else changes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# U+00A0 no-break space, U+2000–U+200A typographic spaces, U+202F narrow no-break space,
# U+205F medium mathematical space, U+3000 ideographic space, tabs.
_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\t\x0b\x0c")  # fmt: skip
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign,
# small and fullwidth hyphen-minus.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
# Zero-width space/joiners, word joiner, byte-order mark, soft hyphen: invisible, and used to
# split a number so that a pattern misses it.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "´": "'"}
_FULLWIDTH_AT = {"\uff20": "@", "\ufe6b": "@"}


@dataclass(frozen=True, slots=True)
class View:
    """``text`` is what patterns see; ``origin[i]`` is where its character ``i`` came from
    (one entry more than the text, for the end position)."""

    text: str
    origin: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view's ``[start, end)``."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def _plain(char: str, filename: bool) -> str | None:
    """The character to match on, or None to leave it out of the view."""
    if char in _INVISIBLE or char == "*":  # '*' is Markdown emphasis from HTML: **06**-**1…**
        return None
    if char in _SPACES:
        return " "
    if char in _DASHES:
        return "-"
    if char in _QUOTES:
        return _QUOTES[char]
    if char in _FULLWIDTH_AT:
        return _FULLWIDTH_AT[char]
    if filename and char in "_+":  # Loonstrook_BSN_121547280.pdf, scan+van+paspoort.jpg
        return " "
    if char.isdigit() and not char.isascii():
        digit = unicodedata.digit(char, None)
        return str(digit) if digit is not None else char
    return char


def view_of(text: str, *, filename: bool = False) -> View:
    """The matching view of ``text``; linear in its length."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = _plain(char, filename) if not char.isascii() or char in "*\t_+`" else char
        if plain is None:
            continue
        out.append(plain)
        origin.append(index)
    origin.append(len(text))
    return View("".join(out), origin)
