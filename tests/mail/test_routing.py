"""Routing on the project's own groups and questions (pure, no corpus)."""

from __future__ import annotations

import pytest

from knowledge.routing import GroupProfile, Router

GROUPS = [
    GroupProfile(
        "sociaal", "Sociaal domein", "Wmo, Jeugdwet, Participatiewet, bijstand",
        ("Wmo", "jeugdhulp", "bijstand", "schuldhulpverlening"),
    ),
    GroupProfile(
        "omgeving", "Omgevingswet", "Omgevingsvergunning, omgevingsplan, bouwaanvraag",
        ("omgevingsvergunning", "kapvergunning", "vergunningvrij", "bestemmingsplan"),
    ),
    GroupProfile(
        "belastingen", "Financiën & belastingen", "OZB, WOZ, begroting, kwijtschelding",
        ("OZB", "WOZ", "kwijtschelding", "gemeentelijke belastingen"),
    ),
    GroupProfile(
        "ict", "ICT & werkplek", "Laptop, wachtwoord, printer, VPN",
        ("laptop", "wachtwoord", "printer", "VPN", "telefoon"),
    ),
    GroupProfile(
        "inkoop", "Inkoop & aanbesteding", "Inkoop, aanbestedingen, offertes",
        ("aanbesteding", "offerte", "gunning", "raamovereenkomst"),
    ),
]  # fmt: skip
ROUTER = Router(GROUPS)


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("Kan ik bezwaar maken tegen de hondenbelasting?", "belastingen"),  # compound tail
        ("Mag ik een schuur bouwen zonder vergunning?", "omgeving"),  # word inside a keyword
        ("Moet ik een omgevings vergunnig aanvragen?", "omgeving"),  # split word and typo
        ("Hoe vraag ik bijstandsuitkering aan?", "sociaal"),  # compound head
        ("My laptop does not start", "ict"),
        ("Mogen we drie offertes vragen of moeten we aanbesteden?", "inkoop"),
        ("Wat is de WOZ-waarde van mijn woning?", "belastingen"),
    ],
)
def test_routes_to_the_group_that_fits(question: str, group: str) -> None:
    route = ROUTER.route(question)
    assert route.group_id == group, route.ranked[:3]


def test_a_contact_label_before_a_removed_number_is_not_a_topic() -> None:
    text = "Ik heb schulden bij de energie. Mijn telefoon [telefoonnummer verwijderd]."
    assert ROUTER.route(text).group_id == "sociaal"


def test_the_same_term_twice_counts_once() -> None:
    once = ROUTER.word_scores("printer")["ict"]
    assert ROUTER.word_scores("printer printers printer")["ict"] == once


def test_confidence_is_lower_when_two_groups_fit() -> None:
    clear = ROUTER.route("De printer en de laptop doen het niet")
    mixed = ROUTER.route("De printer doet het niet en ik wil kwijtschelding")
    assert clear.confidence > mixed.confidence
    assert set(mixed.top(2)) == {"ict", "belastingen"}
