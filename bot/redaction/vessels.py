"""A boat's name names its owner: in a harbour, a village or a register, "de Swaluw" is
"that old man's boat". A name is taken for a boat's where a word for a vessel introduces it:
right after it ("sloep Neeltje", "yacht Kittiwake"), or set off after it and a few words ("een
oud motorjacht, de Fryske Faam, dat …", "de sloep van mijn opa (de Bonne Hoop, …)")."""

from __future__ import annotations

import re

from bot.redaction.numbers import Hit
from bot.redaction.patterns import STREET_NAME_END

# Words for a boat a name may follow right away ("sloep Neeltje", "yacht Kittiwake")
_NAMING_VESSEL = (
    r"sloep|sloepje|kotter|kruiser|motorkruiser|motorjacht|zeiljacht|zeilboot|motorboot|"
    r"speedboot|woonschip|woonboot|woonark|tjalk|skûtsje|botter|vlet|klipper|platbodem|"
    r"yacht|narrowboat|sailboat|ketch|segelboot|hausboot"
)
# and words that mean other things too ("boot Windows", "a barge in"): only a name set off
# after them by a comma or a parenthesis and an article ("zijn boot, de Swaluw, …")
_VESSEL = rf"{_NAMING_VESSEL}|boot|bootje|schip|scheepje|praam|kano|boat|barge|cruiser|schiff"
# one to three capitalised words, as boats are named ("Gewoon Genieten", "Vrouwe Johanna")
_BOAT_NAME = r"[A-Z][\w'’-]{1,30}(?:[ ][A-Z][\w'’-]{1,30}){0,2}"
VESSEL_NAME = re.compile(
    rf"(?<![\w-])(?:(?i:{_NAMING_VESSEL})[ ](?:(?:de|het|the|die|der|das)[ ])?"
    rf"(?P<direct>{_BOAT_NAME})"
    rf"|(?i:{_VESSEL})[^.?!;:()\n,]{{0,30}}[ ]?[,(][ ]?(?i:de|het|the|die|der|das)[ ]"
    rf"(?P<apart>{_BOAT_NAME})(?=[ ]?[,)]))"
)
# Capitalised words after a vessel word that are no name: a preposition or article that
# opens a title or a heading ("Sloep Van de Maand", "Woonark In Verkoop").
_NOT_A_NAME = frozenset({"Van", "In", "Op", "Met", "Voor", "Naar", "En", "Of", "De", "Het", "I"})
_HOUSE_NUMBER_NEXT = re.compile(r" ?\d")


def vessel_hits(text: str) -> list[Hit]:
    hits = []
    for match in VESSEL_NAME.finditer(text):
        group = "direct" if match.group("direct") else "apart"
        name = match.group(group)
        if name.split(" ")[0] in _NOT_A_NAME:
            continue
        # "woonark Feartswâl 18", "speedboot Skoallestrjitte": where it lies, an address's
        if group == "direct" and (
            STREET_NAME_END.search(name) or _HOUSE_NUMBER_NEXT.match(text, match.end())
        ):
            continue
        start, end = match.span(group)
        hits.append(Hit(start, end, "name"))
    return hits
