"""The municipal task areas a city's teams are named after (economy, markets and events,
public order, housing, spatial planning, objections and complaints, the council,
sustainability, traffic, schools), and the rule for a narrower area no group names: the
broader area's groups stand for it, with its words but weaker, and without its name. The
questions are written the way residents, entrepreneurs and colleagues write."""

from __future__ import annotations

import pytest

from knowledge.domain_words import DomainWords
from knowledge.routing import Domain, GroupProfile, Router


def words_router(groups: list[GroupProfile], domains: list[Domain] | None = None) -> Router:
    """The vocabulary's task areas alone: the domain words learned from other deployments'
    questions (tests/knowledge/test_domain_words.py) can reorder close groups."""
    return Router(groups, domains, DomainWords({}, {}))


CITY = [
    GroupProfile("vth", "Vergunningen & Handhaving", "Omgevingsvergunningen en toezicht"),
    GroupProfile("ez", "Economische Zaken", "Ondernemers, markten en toerisme"),
    GroupProfile("oov", "Openbare Orde en Veiligheid", "Burgemeestersbevoegdheden en crisis"),
    GroupProfile("wonen", "Wonen", "Woonbeleid en de corporaties"),
    GroupProfile("ro", "Ruimtelijke Ontwikkeling", "Omgevingsvisie en grondzaken"),
    GroupProfile("jz", "Juridische Zaken", "Bezwaarschriften, klachten en aansprakelijkheid"),
    GroupProfile("griffie", "Griffie", "Ondersteuning van de gemeenteraad"),
    GroupProfile("klimaat", "Duurzaamheid", "Energietransitie en klimaatadaptatie"),
    GroupProfile("leerplicht", "Onderwijs", "Leerplicht en leerlingenvervoer"),
    GroupProfile("wijkteam", "Wijkteam", "Jeugdhulp en Wmo"),
    GroupProfile("buiten", "Beheer buitenruimte", "Groen, wegen en meldingen"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("Ik wil op zaterdag met mijn kaaskraam op de weekmarkt staan, kan dat?", "ez"),
        ("We'd like to bring our food truck to the Saturday market, who do we ask?", "ez"),
        (
            "Op het plein bij ons hangen elke avond jongeren rond, er wordt gedeald en er "
            "gaat vuurwerk af. Wat doet de gemeente hiertegen?",
            "oov",
        ),
        (
            "Wij staan al vier jaar ingeschreven als woningzoekende en hebben met drie "
            "kinderen echt een urgentieverklaring nodig.",
            "wonen",
        ),
        ("Kan ik het stukje snippergroen naast mijn huis van de gemeente kopen?", "ro"),
        (
            "Mijn fiets is kapot gegaan door een gat in het fietspad, ik stel de gemeente "
            "aansprakelijk voor de schade.",
            "jz",
        ),
        ("Hoe kan ik inspreken bij de raadsvergadering van volgende week?", "griffie"),
        (
            "Is er nog een subsidie of lening voor zonnepanelen en een warmtepomp?",
            "klimaat",
        ),
        (
            "Mijn zoon gaat naar het speciaal onderwijs in de stad, hoe regel ik "
            "leerlingenvervoer?",
            "leerplicht",
        ),
        ("Mein Sohn hat Probleme in der Schule und braucht Jugendhilfe, wer hilft?", "wijkteam"),
    ],
)
def test_a_citys_teams_are_found_through_their_task_areas(question: str, group: str) -> None:
    assert words_router(CITY).route(question).group_id == group


def test_a_team_that_names_schools_takes_school_transport_from_the_social_team() -> None:
    """The team named "Onderwijs" claims the schools area: the youth care team, which
    stands for it where no team names schools, gets no school transport evidence here."""
    scores = words_router(CITY).word_scores(
        "Wie regelt het leerlingenvervoer naar de nieuwe school?"
    )
    assert scores["leerplicht"] > 0
    assert scores["wijkteam"] == 0


def test_where_no_team_names_schools_the_social_team_stands_for_them() -> None:
    groups = [g for g in CITY if g.id != "leerplicht"]
    route = words_router(groups).route("Wie regelt het leerlingenvervoer naar de speciale school?")
    assert route.group_id == "wijkteam"


def test_an_unnamed_narrower_area_lends_its_words_but_not_its_name() -> None:
    """The public space team stands for traffic where no team names it: a zebra crossing is
    its question, but the bare word "verkeer" in an event's street closure is not."""
    router = words_router([g for g in CITY if g.id in ("vth", "buiten")])
    assert router.word_scores("Kan er een zebrapad bij de school komen?")["buiten"] > 0
    assert router.word_scores("De straat gaat die middag dicht voor verkeer.")["buiten"] == 0


def test_once_a_team_names_traffic_the_public_space_team_no_longer_stands_for_it() -> None:
    named = GroupProfile("verkeer", "Verkeer en vervoer", "Verkeersbesluiten")
    buiten = next(g for g in CITY if g.id == "buiten")
    scores = words_router([named, buiten]).word_scores(
        "Er wordt hier veel te hard gereden, een drempel?"
    )
    assert scores["verkeer"] > 0
    assert scores["buiten"] == 0


PERMITS_AND_ORDER = [
    GroupProfile("vth", "Vergunningen", "Omgevingsvergunningen, toezicht en handhaving"),
    GroupProfile("oov", "Veiligheid", "APV, bijzondere wetten en openbare orde"),
    GroupProfile("wonen", "Wonen", "Woonbeleid"),
]  # fmt: skip


def test_a_team_that_names_the_apv_takes_its_permits_and_leaves_building_to_the_permits_team() -> (
    None
):
    router = words_router(PERMITS_AND_ORDER)
    terras = router.route("Wij willen een terras voor ons café, welke vergunning?")
    assert terras.group_id == "oov" or terras.confidence < 0.35  # never posted to building
    assert router.route("Mag ik een collecte houden voor het goede doel?").group_id == "oov"
    dakkapel = router.route("Ik wil een dakkapel plaatsen op mijn woning, moet dat aangevraagd?")
    assert dakkapel.group_id == "vth"
    assert dakkapel.confidence > 0.35


def test_where_nobody_names_the_apv_its_permits_and_their_events_go_to_the_permits_team() -> None:
    router = words_router([PERMITS_AND_ORDER[0], PERMITS_AND_ORDER[2]])
    assert router.route("Mogen we een terras bij de snackbar?").group_id == "vth"
    assert router.route("We organiseren een kermis op het plein in mei.").group_id == "vth"


def test_an_everyday_word_names_a_team_but_is_no_evidence_in_a_question() -> None:
    """ "Wonen" makes the housing team the housing domain's; "wij wonen hier" in a question
    about a garden shed is no housing question."""
    router = words_router(PERMITS_AND_ORDER)
    assert router.route("Hoe kom ik aan een urgentieverklaring voor een huurwoning?").group_id == (
        "wonen"
    )
    assert (
        router.word_scores("Wij wonen hier tien jaar en willen een tuinhuis bouwen.")["wonen"] == 0
    )


def test_a_team_named_by_a_compound_or_an_abbreviation_stands_for_its_domain() -> None:
    """ "Belastingsamenwerking" is the tax team, "Klantmanagers PW" the benefits team, "BOR"
    the public space: names municipal teams give themselves."""
    router = words_router(
        [
            GroupProfile("bel", "Belastingsamenwerking", "Heffen en innen"),
            GroupProfile("pw", "Klantmanagers", "PW en re-integratie"),
            GroupProfile("bor", "Team BOR", "Beleid en beheer"),
            GroupProfile("p&o", "P&O", "Personeel"),
        ]
    )
    assert router.route(
        "Ik krijg een aanslag hondenbelasting maar mijn hond is dood."
    ).group_id == ("bel")
    assert router.route("Mijn WW stopt, kan ik dan bijstand aanvragen?").group_id == "pw"
    assert router.route("De lantaarnpaal voor ons huis is al weken kapot.").group_id == "bor"


def test_a_field_team_for_enforcement_leaves_the_permits_to_the_permit_team() -> None:
    router = words_router(
        [
            GroupProfile("loket", "Omgevingsloket", "Vergunningen en ruimtelijke ordening"),
            GroupProfile("hh", "Toezicht en Handhaving", "Veldteam en controles"),
        ]
    )
    assert router.route("Moet ik een vergunning hebben voor een dakkapel?").group_id == "loket"
    complaint = router.route("De buurman stookt elke avond afval in een ton, het stinkt enorm.")
    assert complaint.group_id == "hh"


def test_the_clusters_a_gemeente_is_organised_in_stand_for_their_domains() -> None:
    """ "Cluster Ruimte: fysiek domein", "Cluster Dienstverlening": the coarse clusters many
    gemeenten have; "Interne dienstverlening" is no public counter."""
    router = words_router(
        [
            GroupProfile("ruimte", "Cluster Ruimte", "Fysiek domein"),
            GroupProfile("samenleving", "Cluster Samenleving", "Sociaal domein"),
            GroupProfile("dv", "Cluster Dienstverlening", "Publiekscontacten"),
            GroupProfile("intern", "Interne dienstverlening", "P&O en ICT"),
        ]
    )
    assert router.route("Er ligt een losse stoeptegel voor nummer 4.").group_id == "ruimte"
    assert router.route("Mijn paspoort is verlopen, hoe snel kan ik een nieuwe?").group_id == "dv"
    assert "burgerzaken" not in {d.id for d in router.group_domains(router.groups[3])}


def test_a_domain_two_teams_name_is_most_the_team_that_names_most_of_its_words() -> None:
    """ "toezicht openbare ruimte" names the public space once; "openbare ruimte: groen,
    wegen, straatverlichting, speelplekken" is that domain's team: no tie on a loose tile."""
    groups = [
        GroupProfile(
            "handhaving",
            "Toezicht & Handhaving",
            "toezicht openbare ruimte, parkeren, overlast en APV-handhaving",
        ),
        GroupProfile(
            "stadsbeheer",
            "Stadsbeheer",
            "openbare ruimte: groen, wegen, straatverlichting, speelplekken en afval",
        ),
    ]
    route = words_router(groups).route("Er ligt een losse stoeptegel, iemand is gestruikeld.")
    assert route.group_id == "stadsbeheer"
    assert route.ranked[0].score > route.ranked[1].score
    parking = words_router(groups).route("Kunnen jullie iets doen aan het parkeren bij school?")
    assert parking.group_id == "handhaving"


def test_advice_is_no_council() -> None:
    """ "Raad & Bestuur" is the council's team; "ik weet geen raad meer" is no question for it."""
    groups = [
        GroupProfile("raad", "Raad & Bestuur", "Gemeenteraad, college en burgemeester"),
        GroupProfile("zorg", "Zorg Dichtbij", "Wmo, mantelzorg en jeugd"),
    ]
    router = words_router(groups)
    worn_out = "Ik zorg dag en nacht voor mijn vrouw en weet geen raad meer, mantelzorg is zwaar."
    assert router.route(worn_out).group_id == "zorg"
    assert router.word_scores("Ik weet geen raad meer.")["raad"] == 0
    assert router.route("Hoe kan ik inspreken bij de raadsvergadering?").group_id == "raad"
