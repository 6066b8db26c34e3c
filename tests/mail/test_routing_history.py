"""What a group's channel history teaches the router (issue 14): the words a group's past
texts use more than the other groups' texts point to it, more so the more texts say them;
the language every channel has points nowhere; one text is no match for a product the
domains know; and a channel flooded with texts draws a bounded share of any question."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bot.mail.evaluate import main, past_texts_from_half
from knowledge.domain_words import DomainWords
from knowledge.routing import GroupProfile, Router

# How each channel's mail reads, whatever it is about.
GREETING = "Goedemorgen collega's, graag jullie hulp met een vraag. Alvast bedankt, groet Ans"

PEST_TALK = (
    "Bewoners melden ratten bij de containers achter de flat, wie schakelt de "
    "ongediertebestrijder in?",
    "De ongediertebestrijder komt donderdag voor de wespennesten in het speelveld.",
    "Eikenprocessierupsen in de laan: de ongediertebestrijder zuigt de nesten af.",
)
MORE_PEST_TALK = (
    "Twee meldingen van ratten bij de volkstuinen, de ongediertebestrijder is gebeld.",
    "Rapport van de ongediertebestrijder over de duiven onder het viaduct.",
    "Wie betaalt de ongediertebestrijder als de ratten uit een particuliere tuin komen?",
)
PERMIT_TALK = (
    "Aanvraag voor een dakkapel aan de voorkant: past die in het omgevingsplan?",
    "Toezichthouder ziet een schutting van twee meter zonder melding.",
    "Zienswijze van de buren op de aanbouw, wanneer beslissen we?",
)
TAX_TALK = (
    "Bezwaar tegen de aanslag: de taxateur heeft de woning te hoog gewaardeerd.",
    "Iemand vraagt uitstel van betaling van de aanslag tot na de zomer.",
    "Kwijtschelding afgewezen, de inwoner heeft een auto van veertienduizend euro.",
)


def groups(
    pests: tuple[str, ...] = PEST_TALK, permits: tuple[str, ...] = PERMIT_TALK
) -> list[GroupProfile]:
    # Terse descriptions that name none of the words the questions below use.
    return [
        GroupProfile("buiten", "Team Buiten", "Beheer en onderhoud", past_texts=pests),
        GroupProfile("vth", "VTH", "Vergunningen en toezicht", past_texts=permits),
        GroupProfile("belastingen", "Belastingen", "Heffingen", past_texts=TAX_TALK),
    ]


def without_history(profiles: list[GroupProfile]) -> list[GroupProfile]:
    return [GroupProfile(g.id, g.name, g.description, g.keywords) for g in profiles]


PEST_QUESTION = "Bij ons in de tuin lopen ratten. Kan de ongediertebestrijder langskomen?"


def test_three_texts_about_a_subject_win_a_question_in_its_words() -> None:
    profiles = groups()
    # the descriptions alone know nothing of rats and pest control
    assert Router(without_history(profiles), domains=[]).route(PEST_QUESTION).group_id is None
    # (the vocabulary's domains beside the history; the learned domain words, which lean
    # towards permits on "tuin", are left out: this is the history's test)
    for router in (Router(profiles, domains=[]), Router(profiles, None, DomainWords({}, {}))):
        route = router.route(PEST_QUESTION)
        assert route.group_id == "buiten"
        assert route.ranked[1].score < route.ranked[0].score / 2


def test_evidence_grows_with_the_texts_that_say_a_word() -> None:
    def pull(pests: tuple[str, ...]) -> float:
        return Router(groups(pests), domains=[]).word_scores(PEST_QUESTION)["buiten"]

    once = pull(PEST_TALK[:1])
    twice = pull(PEST_TALK[:2])
    thrice = pull(PEST_TALK)
    more = pull(PEST_TALK + MORE_PEST_TALK)
    copies = pull(PEST_TALK * 20)
    assert 0.0 < once < twice < thrice < more
    assert copies == thrice  # a text said again is one text


def test_words_every_channel_uses_move_nothing() -> None:
    greeted = [
        GroupProfile(
            g.id,
            g.name,
            g.description,
            past_texts=tuple(f"{GREETING}\n{text}" for text in g.past_texts),
        )
        for g in groups()
    ]
    question = (
        "Goedemorgen, graag zou ik weten of jullie mij kunnen helpen met een vraag. "
        "Alvast bedankt, met vriendelijke groet"
    )
    assert Router(greeted, domains=[]).word_scores(question) == dict.fromkeys(
        ("buiten", "vth", "belastingen"), 0.0
    )
    # and the greetings do not dilute the words that are a channel's own
    assert Router(greeted, domains=[]).route(PEST_QUESTION).group_id == "buiten"


def test_no_group_learns_while_only_one_group_has_history() -> None:
    alone = [groups()[0], *without_history(groups()[1:])]
    router = Router(alone, domains=[])
    assert router.history_words(alone) == {}
    assert router.route(PEST_QUESTION).group_id is None


def test_one_past_text_does_not_beat_a_clear_domain_match() -> None:
    profiles = [
        GroupProfile("burgerzaken", "Burgerzaken", "Balie"),
        GroupProfile(
            "team-3",
            "Team 3",
            past_texts=("Inwoner wil met spoed een nieuw paspoort, vertrekt zaterdag.",),
        ),
        GroupProfile("belastingen", "Belastingen", "Heffingen", past_texts=TAX_TALK),
    ]
    router = Router(profiles)
    route = router.route("Mijn paspoort is verlopen, hoe vraag ik een nieuw paspoort aan?")
    assert route.group_id == "burgerzaken"
    assert route.confidence >= 0.35
    # even a question in that text's own words, of which the domains know one
    route = router.route("Paspoort verlopen. Kan ik met spoed een nieuw paspoort? Vlucht zaterdag.")
    assert route.group_id == "burgerzaken"
    assert route.ranked[1].score < route.ranked[0].score / 2


# Texts that differ, each with the word the attacker wants and the language of any mail.
OPENINGS = ("Goedemorgen", "Goedemiddag", "Beste collega", "Hallo allemaal", "Hoi team")
CLOSINGS = (
    "met vriendelijke groet", "alvast bedankt", "graag hoor ik van jullie", "dank voor de hulp",
    "bel me gerust", "hartelijke groet",
)  # fmt: skip
VARIED = tuple(
    f"{opening}, een vraag over mijn paspoort nummer {n}: {closing}"
    for n in range(10)
    for opening in OPENINGS
    for closing in CLOSINGS
)


@pytest.mark.parametrize("flood", [("paspoort " * 20,) * 300, VARIED])
def test_a_channel_flooded_with_texts_draws_a_bounded_share(flood: tuple[str, ...]) -> None:
    greeted = tuple(f"{GREETING}\n{text}" for text in TAX_TALK)
    profiles = [
        GroupProfile("burgerzaken", "Burgerzaken", "Paspoort, ID-kaart, rijbewijs, verhuizing"),
        GroupProfile("afval", "Afval", "Inzameling, grofvuil, containers"),
        GroupProfile("belastingen", "Belastingen", "WOZ, aanslagen", past_texts=greeted),
        GroupProfile("team-x", "Team X", past_texts=flood),
    ]
    router = Router(profiles)
    unit = router.DOMAIN_WEIGHT * math.log(1 + len(profiles))
    questions = {
        "Goedemorgen, wanneer wordt het grofvuil opgehaald? Met vriendelijke groet": "afval",
        "Beste collega, een vraag over de aanslag van dit jaar, alvast bedankt": "belastingen",
        "Hallo allemaal, graag een nieuw paspoort, hartelijke groet en dank": "burgerzaken",
        "Verhuizing doorgeven en mijn paspoort is verlopen, bel me gerust": "burgerzaken",
    }
    for question, group in questions.items():
        assert router.route(question).group_id == group, question
        if group != "burgerzaken":
            # (a channel full of passports may learn the BRP domain: its words, not others)
            assert router.word_scores(question)["team-x"] < router.HISTORY_CAP * unit
    # a question with nothing but the attacker's words is not posted there unasked
    route = router.route("Goedemorgen, een vraag: bel me gerust, met vriendelijke groet")
    assert route.confidence < 0.35


def test_learning_from_one_half_of_a_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = Path(__file__).parent / "fresh_municipal"
    past = past_texts_from_half(corpus, "tune")
    assert past and all(texts for texts in past.values())
    # the texts are what the desk records when it posts a mail: subject, blank line, question
    assert all("\n\n" in text for texts in past.values() for text in texts)
    main([str(corpus), "--learn-half", "tune", "--no-domains"])
    out = capsys.readouterr().out
    assert '"held-out"' in out and '"tune"' not in out and '"all"' not in out
