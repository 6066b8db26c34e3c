"""In a harbour a boat's name and a berth's number name their owner as well as a street
address does ("de Swaluw ligt op D-3"): both are redacted. A boat named by a word for a
vessel, near or set off by commas; a berth, a pier's place or a visitors' harbour's place by
its letter and number. Where a boat lies (a street after the vessel word) is an address's
business, and words that only follow a vessel word stay."""

from __future__ import annotations

import pytest

from bot.redaction import redact
from tests.mail.redacted import assert_gone_and_kept


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (
            "Ons zeiljacht, de Wilde Gans, ligt sinds april in de jachthaven.",
            ["Wilde Gans"],
            ["ligt sinds april in de jachthaven"],
        ),
        ("Mijn vader vaart nog elke zomer met zijn tjalk Grietje.", ["Grietje"], ["elke zomer"]),
        (
            "The narrowboat of my brother (the Morning Star, 18 m) needs a mooring.",
            ["Morning Star"],
            ["needs a mooring"],
        ),
        (
            "Wij hebben ligplaats B-14 aan steiger 3 en willen naar een grotere box.",
            ["B-14", "steiger 3"],
            ["willen naar een grotere box"],
        ),
        ("Hij ligt met zijn kruiser op plaats K-7 in de passantenhaven.", ["K-7"], ["kruiser"]),
    ],
)
def test_a_boat_and_its_berth_are_redacted(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize(
    "text",
    [
        "Mag ik met de boot naar Texel op zaterdag?",
        # a word for a boat that means other things too names nothing right after it
        "My laptop will not boot Windows since the update.",
        "De veerboot Op tijd vertrekken is lastig in de winter.",
        # where it lies: the street stays an address's business (no house number here)
        "Er staat een aanhanger met een speedboot Achterstraat hoek Kerkpad.",
        "Is kavel 7 op het bedrijventerrein nog vrij?",
        "Op plaats 3 van de wachtlijst staan we nu.",
    ],
)
def test_what_only_follows_a_vessel_word_stays(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (
            "Aanslag 2026 voor de recreatiewoning Sonnewyk 7 klopt niet.",
            ["Sonnewyk 7"],
            ["klopt niet"],
        ),
        ("Wij willen de woonark Âldefeart 3a vervangen.", ["Âldefeart 3a"], ["vervangen"]),
        ("Aanmelding casus Kievitsbloem 40 voor het overleg.", ["Kievitsbloem 40"], ["overleg"]),
    ],
)
def test_a_dwelling_named_by_its_address_is_redacted_whatever_the_street_ends_in(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_gone_and_kept(text, gone, kept)


def test_a_dwelling_with_a_plans_phase_or_its_rooms_stays() -> None:
    for text in ("De woning Fase 2 van het plan is klaar.", "Een woning 3 kamers groot."):
        assert redact(text).text == text
