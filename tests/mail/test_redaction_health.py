"""Health data about a person is a special category of the AVG (article 9): a condition,
diagnosis or operation that a sentence says someone has or had is redacted before anything
is posted; the same word said of nobody is what the question is about and stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.config import load_config
from bot.mail.understand import MailReader
from bot.redaction import redact
from bot.redaction.audit import summary
from knowledge.routing import Router, profiles_from
from tests.mail.redacted import assert_gone_and_kept


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (
            "Onze buurvrouw heeft sinds vorig jaar COPD en komt de trap niet meer op.",
            ["COPD"],
            ["komt de trap niet meer op"],
        ),
        (
            "Mijn schoonvader lijdt aan de ziekte van Huntington, kan hij naar de dagbesteding?",
            ["Huntington"],
            ["kan hij naar de dagbesteding"],
        ),
        (
            "Sinds zijn knieoperatie kan mijn man niet meer fietsen naar het werk.",
            ["knieoperatie"],
            ["kan mijn man niet meer fietsen"],
        ),
        (
            "Onze dochter heeft diabetes en epilepsie; mag ze met de taxi naar school?",
            ["diabetes", "epilepsie"],
            ["mag ze met de taxi naar school"],
        ),
        ("Mijn moeder (82, alzheimer) woont nog thuis.", ["alzheimer"], ["woont nog thuis"]),
        (
            "My husband had a stroke in March and we need a ramp at the front door.",
            ["stroke"],
            ["we need a ramp at the front door"],
        ),
        (
            "Meine Frau hat Multiple Sklerose und braucht einen Rollstuhl.",
            ["Multiple Sklerose"],
            ["braucht einen Rollstuhl"],
        ),
        (
            "Mevrouw is na een val met een gebroken heup in het verpleeghuis beland.",
            ["gebroken heup"],
            ["in het verpleeghuis beland"],
        ),
        (
            "Hij is herstellende van een burn-out en wil weer beginnen.",
            ["burn-out"],
            ["wil weer beginnen"],
        ),
        # a subordinate clause puts the verb last; a disorder by its compound; a second
        # condition with its article; a bone that someone broke; a caesarean
        (
            "Volgens zijn dochter weet de huisarts dat hij dementie heeft, maar hulp is er niet.",
            ["dementie"],
            ["maar hulp is er niet"],
        ),
        (
            "Hij heeft autisme en een taalontwikkelingsstoornis, school is ver.",
            ["autisme", "taalontwikkelingsstoornis"],
            ["school is ver"],
        ),
        (
            "Onze zoon heeft epilepsie en een verstandelijke beperking.",
            ["epilepsie", "verstandelijke beperking"],
            ["Onze zoon"],
        ),
        ("Mevrouw gleed uit en haar pols heeft gebroken op het pad.", ["pols"], ["op het pad"]),
        ("Na de bevalling had ik een keizersnede en lang pijn.", ["keizersnede"], ["lang pijn"]),
        # a device or a treatment someone has or goes to, an injury to a body part, eyes
        # operated on, a doctor's suspicion, complaints someone is treated for, a wheelchair
        # someone lives in
        (
            "Mijn man heeft sinds vorig jaar een pacemaker en schrikt van de dreunen.",
            ["pacemaker"],
            ["schrikt van de dreunen"],
        ),
        ("Ik ga drie keer per week naar de dialyse in Tiel.", ["dialyse"], ["in Tiel"]),
        ("Ze is over de tegels gestruikeld en heeft haar heup gekneusd.", ["heup"], ["tegels"]),
        ("Onze zoon heeft zijn hand aan de ketting opengehaald.", ["opengehaald"], ["Onze zoon"]),
        ("Vorig jaar ben ik aan staar geopereerd, maar ik zie weer goed.", ["staar"], ["zie"]),
        ("De huisarts denkt aan beginnende dementie, hij vergeet te eten.", ["dementie"], ["eten"]),
        ("Ze is behandeld voor angstklachten en slaapt weer.", ["angstklachten"], ["slaapt"]),
        ("Ik zit in een rolstoel. Kan de taxi mij thuis ophalen?", ["rolstoel"], ["taxi"]),
        # a condition "met" one person has, not people in general
        ("Dhr. B., alleenstaand, met beginnende dementie.", ["dementie"], ["alleenstaand"]),
        ("Mijn zoon met autisme kan niet naar school.", ["autisme"], ["niet naar school"]),
        # a fall and a stay in hospital
        ("Sinds een val in december gaat het snel achteruit.", ["een val"], ["december"]),
        ("Mijn man ligt in het ziekenhuis, wie leest zijn mail?", ["ziekenhuis"], ["leest"]),
        # said only of a person, whatever stands around it
        ("Mevrouw is bedlegerig en kan niet naar het stadhuis.", ["bedlegerig"], ["stadhuis"]),
        ("Zij is sinds haar val slecht ter been; de trap lukt niet.", ["ter been"], ["trap"]),
        ("Hij ligt sinds maart 's nachts aan de zuurstof.", ["zuurstof"], ["sinds maart"]),
        (
            "Mijn vrouw zit sinds vorig jaar in een rolstoel, kan de stoep lager?",
            ["rolstoel"],
            ["stoep"],
        ),
        ("Vader gaat in juni voor revalidatie naar Beekbergen.", ["revalidatie"], ["juni"]),
        # a condition between the verb and the wheelchair is read too
        ("Ze zit sinds haar beroerte in een rolstoel.", ["beroerte", "rolstoel"], ["sinds haar"]),
        # an abbreviation in capitals, where in one's body, complaints and their therapy
        ("Meneer heeft MS en is erg achteruitgegaan.", ["MS"], ["achteruitgegaan"]),
        ("Door artrose in mijn knieën kan ik niet meer fietsen.", ["artrose"], ["fietsen"]),
        ("She cannot come because of her knee problems.", ["knee problems"], ["cannot come"]),
        ("He misses his physiotherapy when the taxi is late.", ["physiotherapy"], ["taxi"]),
    ],
)
def test_a_condition_said_of_someone_is_removed(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize(
    "text",
    [
        # what a question is about, said of nobody
        "Is er in Ermelo dagbesteding voor mensen met dementie?",
        "We krijgen veel vragen over autisme in de klas, wie kan een training geven?",
        "Welke subsidie is er voor de Alzheimer Café-avonden in het dorpshuis?",
        "Our team organises a course on diabetes prevention for residents.",
        # words that only look like one
        "De bestrating na de storm was kanker-duur, zei de aannemer niet.",
        "Het besluit is gebroken door de raad, de arm van de wet reikt ver.",
        "We had a stroke of luck with the weather at the market.",
        "Seit Wochen sucht er eine Wohnung in Zeewolde.",
        # people who have it, in general, and a fault that is no disorder
        "Is er hulp voor mensen die dementie hebben, en voor hun mantelzorgers?",
        "Voor astma heeft de gemeente een folder, waar ligt die?",
        "Mensen met een eetstoornis, waar kunnen die terecht in de regio?",
        "Wat doen jullie aan de stroomstoring en de storing van de brug?",
        "De slagboom is gebroken en de arm van de kraan ook.",
        # a treatment, a device and a body part said of nobody
        "Wordt het vervoer naar de dagbesteding vergoed, en is er een rolstoel te leen?",
        "Zijn er regels voor een rolstoel in de regiotaxi?",
        "De arm van de slagboom is gebroken en de hand van de klok ook.",
        "Ik staar al weken naar die kapotte lantaarnpaal.",
        "Na de val van het kabinet ligt het plan stil; de val van de brug was in 1944.",
        "Hoeveel ziekenhuisopnames na een hittegolf telt de GGD?",
        "Is er hulp voor iemand met autisme, en voor ouderen met dementie?",
        # the same words of a product, a topic or a place
        "Hij heeft MS Teams niet op zijn laptop, en ALS het kan wil hij Outlook.",
        "Vragen over fysiotherapie en knieproblemen bij sporters: wie weet iets?",
        "Het revalidatiecentrum zoekt een parkeerplek voor busjes.",
        "Is er een regeling voor mensen die aan de zuurstofvoorziening van het gebouw werken?",
    ],
)
def test_a_condition_said_of_nobody_stays(text: str) -> None:
    assert redact(text).text == text


def test_the_placeholder_says_what_was_removed_in_the_mails_language() -> None:
    dutch = redact("Mijn vader heeft parkinson.")
    english = redact("My father has Parkinson's.", "en")
    assert dutch.text == "Mijn vader heeft [gezondheidsgegeven verwijderd]."
    assert english.text == "My father has [health detail removed]."
    assert summary(dutch.counts, "nl") == "1× gezondheidsgegeven"


def test_a_crafted_run_of_conditions_is_read_in_linear_time() -> None:
    """Each condition looks back and ahead a bounded stretch: a mail of nothing but
    conditions joined by "en" is redacted whole, and fast."""
    text = "Hij heeft astma" + " en astma" * 5_000
    out = redact(text).text
    assert "astma" not in out


CARE_CONFIG = """
[mail]
general_address = "vraag@vraagbaak.example"

[[groups]]
id = "zorg"
name = "Zorg en welzijn"
description = "Dementie en mantelzorg"

[[groups]]
id = "belastingen"
name = "Belastingen"
description = "WOZ en aanslagen"
"""

CARE_MAIL = b"""From: Ans Wieringa <a.wieringa@example.com>
To: vraag@vraagbaak.example
Subject: Vraag over mijn man
Message-ID: <care-1@example.com>
Content-Type: text/plain; charset=utf-8

Goedemiddag, mijn man heeft sinds vorig jaar dementie. Wie kan ons verder helpen?

Groet, Ans
"""


def test_a_condition_routes_the_question_though_no_thread_shows_it(tmp_path: Path) -> None:
    """The condition is the question's topic: routing reads it, the thread shows the
    placeholder."""
    file = tmp_path / "vraagbaak.toml"
    file.write_text(CARE_CONFIG)
    config = load_config(file, environ={})
    router = Router(profiles_from(config.groups))
    understood = MailReader(config, router).read(CARE_MAIL)
    assert understood.group == "zorg"
    assert understood.confidence >= config.mail.routing_threshold
    # what the thread shows alone would not have found the team
    shown = router.route(f"{understood.subject}\n{understood.question}")
    assert shown.group_id != "zorg" or shown.confidence < config.mail.routing_threshold
    assert "dementie" not in understood.question
    assert "[gezondheidsgegeven verwijderd]" in understood.question
    assert understood.redactions.get("health") == 1
