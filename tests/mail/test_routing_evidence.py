"""How much routing believes itself (issue 14): a group learns its domains from its channel
history, one word in two forms is one piece of evidence, a guess on a part of one word is
asked about, personal-data labels are no topic, and a mail whose group shares its channel
with a contractor waits for a person to choose it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.config import load_config
from bot.mail.evaluate import evaluate_corpus
from bot.mail.policy import Action, decide
from bot.mail.understand import MailReader
from knowledge.routing import GroupProfile, Router, profiles_from

THRESHOLD = 0.35  # the default mail.routing_threshold

WMO_TALK = (
    "Wie heeft ervaring met een herindicatie hulp bij het huishouden na een verhuizing?",
    "Het keukentafelgesprek voor de traplift is verzet naar donderdag.",
    "Kan iemand meelezen met de beschikking maatwerkvoorziening Wmo?",
    "Mantelzorger vraagt om respijtzorg, welke zorgaanbieder heeft plek?",
    "Eigen bijdrage CAK klopt niet bij een cliënt met een pgb.",
)
BRP_TALK = (
    "Balie: paspoort met spoed, de vingerafdrukken lukken niet.",
    "Hoe gaan jullie om met een briefadres na een scheiding?",
    "Uittreksel BRP voor een inwoner in het buitenland, kan dat per post?",
    "Adreswijziging van een student die op kamers gaat wonen.",
    "Rijbewijs verlengen voor iemand van 75: eerst de keuring?",
)


def test_a_group_without_a_description_learns_its_domains_from_its_history() -> None:
    groups = [
        GroupProfile("team-1", "Team 1", past_texts=WMO_TALK),
        GroupProfile("team-2", "Team 2", past_texts=BRP_TALK),
    ]
    router = Router(groups)
    assert {d.id for d in router.group_domains(groups[0])} == {"wmo"}
    # "scootmobiel" was never said in team 1's channel; it is a Wmo product
    route = router.route("Mijn vader kan niet meer lopen, kan hij een scootmobiel krijgen?")
    assert route.group_id == "team-1"
    assert route.confidence >= THRESHOLD


def test_a_word_said_once_in_history_makes_no_domain() -> None:
    chatter = (
        "Vergaderen we morgen in de raadzaal?",
        "De planning staat op de gedeelde schijf.",
        "Wie schuift aan bij de lunch?",
    )
    groups = [
        GroupProfile("team-1", "Team 1", past_texts=(*WMO_TALK, *chatter)),
        GroupProfile("team-2", "Team 2", past_texts=(*BRP_TALK, chatter[0])),
    ]
    router = Router(groups)
    assert "facilitair" not in {d.id for d in router.group_domains(groups[1])}


def test_one_word_in_two_forms_is_one_piece_of_evidence() -> None:
    router = Router([GroupProfile("brp", "Burgerzaken"), GroupProfile("wmo", "Wmo")])
    once = router.word_scores("Ik ga verhuizen.")["brp"]
    twice = router.word_scores("Ik ga verhuizen. Moet ik de verhuizing zelf doorgeven?")["brp"]
    assert twice == once


def test_a_guess_on_part_of_one_word_is_asked_about() -> None:
    groups = [
        GroupProfile("financien", "Financiën", "Planning en control"),
        GroupProfile("publiek", "Publiekszaken", "Reisdocumenten en BRP"),
    ]
    route = Router(groups).route("Is de uitvoeringsplanning van fase 2 al rond?")
    assert route.group_id == "financien"
    assert route.confidence < THRESHOLD


def test_an_everyday_word_is_no_part_of_a_derived_word() -> None:
    """ "ruimte voor een slaapkamer" is no question about "ruimtelijke ordening"."""
    groups = [
        GroupProfile("ro", "Omgeving", "Ruimtelijke ordening"),
        GroupProfile("ict", "ICT", "Servicedesk"),
    ]
    assert Router(groups).word_scores("Er is beneden ruimte voor een bed.")["ro"] == 0.0


def test_a_label_of_removed_personal_data_is_no_topic() -> None:
    groups = [
        GroupProfile("publiek", "Publiekszaken", "BRP en reisdocumenten"),
        GroupProfile("belastingen", "Belastingen", "WOZ en aanslagen"),
    ]
    router = Router(groups)
    question = "Kan ik de aanslag in delen betalen? Mijn BSN is [BSN verwijderd]."
    assert router.route(question).ranked[0].group_id == "belastingen"
    assert router.word_scores(question)["publiek"] == 0.0


CONTRACTOR_CONFIG = """
[mail]
general_address = "vraag@vraagbaak.example"

[[organisations]]
id = "lindeveen"
name = "Gemeente Lindeveen"
domains = ["lindeveen.nl"]

[[organisations]]
id = "reinwaard"
name = "ReinWaard"
domains = ["reinwaard.nl"]
external = true

[[groups]]
id = "afval"
name = "Afval"
description = "Inzameling, samen met ReinWaard"

[[groups]]
id = "belastingen"
name = "Belastingen"
description = "WOZ en aanslagen"
"""

BIN_MAIL = b"""From: Kees de Boer <k.deboer@lindeveen.nl>
To: vraag@vraagbaak.example
Subject: minicontainers Vossenbelt
Message-ID: <bins-1@lindeveen.nl>
Content-Type: text/plain; charset=utf-8

Hoi, in de Vossenbelt zijn vanochtend de minicontainers voor gft en restafval niet
geleegd. Kan de inzamelaar vandaag nog een ronde rijden?

Groet, Kees
"""


def test_a_mail_for_the_group_shared_with_a_contractor_waits_for_a_person(
    tmp_path: Path,
) -> None:
    file = tmp_path / "vraagbaak.toml"
    file.write_text(CONTRACTOR_CONFIG)
    config = load_config(file, environ={})
    router = Router(profiles_from(config.groups, external=["afval"]))
    understood = MailReader(config, router).read(BIN_MAIL)
    assert understood.group == "afval"
    assert understood.confidence >= config.mail.routing_threshold  # sure, and still asks
    assert understood.needs_choice
    assert decide(understood, config, approved=True).action is Action.CHOOSE_GROUP
    # without contractors in the channel the same mail is posted
    plain = MailReader(config, Router(profiles_from(config.groups))).read(BIN_MAIL)
    assert decide(plain, config, approved=True).action is Action.POST


def test_the_evaluation_counts_a_post_into_a_shared_channel(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "emails").mkdir(parents=True)
    (corpus / "vraagbaak.toml").write_text(CONTRACTOR_CONFIG)
    (corpus / "emails" / "bins.eml").write_bytes(BIN_MAIL)
    (corpus / "expected.json").write_text(
        '{"bins.eml": {"kind": "question", "group": "afval", "original_sender":'
        ' "k.deboer@lindeveen.nl", "forwarded_by": null, "subject": "minicontainers'
        ' Vossenbelt", "must_contain": [], "must_not_contain": [], "pii": []}}'
    )
    assert evaluate_corpus(corpus).figures["posted_right"] == 1
    (corpus / "external_groups.txt").write_text("# shared with ReinWaard\nafval\n")
    figures = evaluate_corpus(corpus).figures
    assert figures["asked"] == 1
    assert figures["posted_external"] == 0
    assert figures["group"] == 1.0


def test_a_dutch_plural_with_a_doubled_vowel_is_its_singular() -> None:
    """ "Bomen" in a description is the "boom" of a question, "Lantaarnpalen" its
    "lantaarnpaal"; the "weg" of "Wegen" is too often "away" to count."""
    groups = [
        GroupProfile("wegen", "Wegen & Verkeer", "Wegen, fietspaden en lantaarnpalen"),
        GroupProfile("groen", "Groen & Spelen", "Bomen, plantsoenen en speeltuinen"),
        GroupProfile("burgerzaken", "Burgerzaken", "Paspoort en rijbewijs"),
    ]
    router = Router(groups, domains=[])
    assert router.route("De boom voor ons huis moet gesnoeid worden.").group_id == "groen"
    assert router.route("De lantaarnpaal is kapot.").group_id == "wegen"
    assert router.word_scores("Mijn paspoort is weg, wat nu?")["wegen"] == 0


class _Organisation:
    def __init__(self, id: str, name: str, domains: list[str], external: bool = False) -> None:
        self.id, self.name, self.domains, self.external = id, name, domains, external


def test_the_gemeentes_own_name_in_a_teams_name_is_no_topic() -> None:
    """Every resident writes "Wadwerd": "Sociaal Team Wadwerd" gets no question for it."""
    groups = [
        GroupProfile("sociaal", "Sociaal Team Wadwerd", "Wmo, jeugd en schulden"),
        GroupProfile("kcc", "KCC & Publiekszaken", "Paspoort, rijbewijs en verhuizen"),
    ]
    wadwerd = [_Organisation("wadwerd", "Gemeente Wadwerd", ["wadwerd.nl"])]
    profiles = profiles_from(groups, organisations=wadwerd)
    question = "Ik woon in Wadwerd en mijn rijbewijs is verlopen."
    assert Router(profiles, domains=[]).route(question).group_id == "kcc"
    assert Router(profiles, domains=[]).word_scores("Ik woon in Wadwerd.")["sociaal"] == 0
    # a partner's name is no home: "Lingewarmte" in a keyword stays evidence
    partner = [*wadwerd, _Organisation("lw", "Lingewarmte", ["lingewarmte.nl"], external=True)]
    heat = GroupProfile("warmte", "Warmtenet", "Aanleg", keywords=("Lingewarmte",))
    routed = Router(profiles_from([*groups, heat], organisations=partner), domains=[])
    assert routed.route("Lingewarmte graaft de straat open.").group_id == "warmte"


def test_where_teams_are_named_after_different_gemeenten_the_place_tells_them_apart() -> None:
    groups = [
        GroupProfile("bz-ermelo", "Burgerzaken Ermelo", "Paspoort en rijbewijs"),
        GroupProfile("bz-harderwijk", "Burgerzaken Harderwijk", "Paspoort en rijbewijs"),
    ]
    gemeenten = [
        _Organisation("ermelo", "Gemeente Ermelo", ["ermelo.nl"]),
        _Organisation("harderwijk", "Gemeente Harderwijk", ["harderwijk.nl"]),
    ]
    router = Router(profiles_from(groups, organisations=gemeenten), domains=[])
    assert router.route("Ik woon in Ermelo, mijn paspoort is verlopen.").group_id == "bz-ermelo"


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb drie keer gebeld over mijn aanslag en niemand belt terug. Dit is schandalig.",
        "Al twee weken nog steeds geen reactie op mijn vraag over de WOZ-beschikking.",
        "Nobody has called me back about my tax bill, this is the third time I write.",
        "Niemand hat zurückgerufen wegen meiner Steuer.",
    ],
)
def test_a_complaint_about_being_left_unanswered_is_asked_about(text: str) -> None:
    """About the service, not one team's task: never posted on its words, however clear
    the topic it mentions; the likeliest group is still named first."""
    router = Router(GROUPS_FOR_COMPLAINTS)
    route = router.route(text)
    assert route.confidence == 0.0
    assert route.ranked[0].group_id == "belastingen"


def test_a_question_that_mentions_calling_is_no_complaint() -> None:
    router = Router(GROUPS_FOR_COMPLAINTS)
    route = router.route("Kunt u mij terugbellen over de aanslag onroerendezaakbelasting?")
    assert route.group_id == "belastingen"
    assert route.confidence > 0.35


@pytest.mark.parametrize(
    "text",
    [
        "Wij zijn net verhuisd en ik heb een paar vragen. 1. Wanneer komt de aanslag WOZ? "
        "2. Moet ik mijn rijbewijs laten aanpassen? 3. Waar haal ik een paspoort?",
        "Hello, we just moved here and I have a few questions about the tax bill and my passport.",
        "Ich habe mehrere Fragen: zur Grundsteuer und zum Reisepass.",
    ],
)
def test_a_mail_announcing_several_questions_is_asked_about(text: str) -> None:
    """Several questions are seldom one team's: the desk asks, likeliest group first."""
    route = Router(GROUPS_FOR_COMPLAINTS).route(text)
    assert route.confidence == 0.0
    assert route.ranked[0].group_id in ("belastingen", "kcc")


@pytest.mark.parametrize(
    "text",
    [
        "Drie vragen voor het nieuwe seizoen: de aanslag WOZ, een paspoort en het rijbewijs.",
        "I have three questions: my tax bill, my passport and my driving licence.",
        "Wir haben 3 Fragen zur Grundsteuer, zum Reisepass und zum Führerschein.",
    ],
)
def test_three_questions_announced_by_number_are_asked_about(text: str) -> None:
    route = Router(GROUPS_FOR_COMPLAINTS).route(text)
    assert route.confidence == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "De OZB gaat weer omhoog en de stoep ligt open. Ik verwacht geen antwoord want dat "
        "krijg ik toch nooit, maar ik wilde het gezegd hebben.",
        "Ondertussen gaat de aanslag wel omhoog. Het moest me even van het hart.",
        "Ik wil toch even mijn ongenoegen kwijt over de WOZ-waarde van dit jaar.",
        "My tax bill went up again. I don't expect an answer, I just had to get it off my chest.",
        "Die Grundsteuer steigt schon wieder. Ich erwarte eigentlich keine Antwort.",
    ],
)
def test_a_writer_who_only_vents_is_asked_about(text: str) -> None:
    """A tax named in anger is no question for the tax team: the desk asks."""
    route = Router(GROUPS_FOR_COMPLAINTS).route(text)
    assert route.confidence == 0.0
    assert route.ranked[0].group_id == "belastingen"


def test_a_question_that_expects_an_answer_is_still_routed() -> None:
    route = Router(GROUPS_FOR_COMPLAINTS).route(
        "Ik verwacht de aanslag onroerendezaakbelasting pas in maart. Kan ik dan nog "
        "kwijtschelding aanvragen, en hoe zit het met de WOZ-waarde?"
    )
    assert route.group_id == "belastingen"
    assert route.confidence > 0.35


def test_two_questions_about_one_thing_are_still_routed() -> None:
    route = Router(GROUPS_FOR_COMPLAINTS).route(
        "Ik heb twee vragen over de aanslag onroerendezaakbelasting: klopt de WOZ-waarde, en "
        "kan ik kwijtschelding krijgen?"
    )
    assert route.group_id == "belastingen"
    assert route.confidence > 0.35


GROUPS_FOR_COMPLAINTS = [
    GroupProfile("belastingen", "Belastingen", "Aanslagen, WOZ en kwijtschelding"),
    GroupProfile("kcc", "Klantcontact", "Paspoort, rijbewijs en verhuizen"),
]


TWO_TEAMS = """
[[groups]]
id = "vergunningen"
name = "Vergunningen"
description = "omgevingsvergunning, kapvergunning, bouwen"

[[groups]]
id = "belastingen"
name = "Belastingen"
description = "WOZ, aanslag gemeentelijke belastingen, bezwaar tegen de waarde"
"""


def _reply(body: str, subject: str = "Re: Omgevingsvergunning: kapvergunning eik") -> bytes:
    from tests.mail import mails

    return bytes(
        mails.plain(body, subject=subject, headers={"In-Reply-To": "<oud@gemeente.example>"})
    )


def test_a_new_question_in_a_reply_is_routed_on_what_it_asks(tmp_path: Path) -> None:
    """A reply under an old thread's subject that says it asks something else is routed on
    its own words: the kapvergunning of the subject is what was asked before."""
    file = tmp_path / "vraagbaak.toml"
    file.write_text(TWO_TEAMS)
    reader = MailReader(load_config(file, environ={}))
    new = "Ik heb een andere vraag dan hieronder: klopt mijn aanslag wel?"
    assert reader.read(_reply(new)).group == "belastingen"
    # the same words without a reply's subject, and a reply about its own subject
    same = "Ik heb nog een vraag over de kapvergunning: mag de eik er dan in maart uit?"
    assert reader.read(_reply(same)).group == "vergunningen"


def test_english_household_goods_and_business_plots_find_their_teams() -> None:
    """An exchange student's old sofa is bulky waste; a firm's plot on a business park is
    the business desk's, in English as in Dutch."""
    router = Router(
        [
            GroupProfile("afval", "Afval", "afvalinzameling en grofvuil"),
            GroupProfile("ondernemers", "Ondernemersloket", "bedrijventerreinen en vestiging"),
            GroupProfile("zorg", "Zorg", "Wmo en jeugdhulp"),
        ]
    )
    sofa = router.route("Can the municipality pick up our old sofa, two mattresses and a fridge?")
    assert sofa.group_id == "afval"
    plots = router.route("Which serviced plots are still available on the business park?")
    assert plots.group_id == "ondernemers"


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil graag alle verslagen inzien die de jeugdhulp over ons gezin heeft vastgelegd.",
        "Wat weten jullie bij de bijstand allemaal over mij? Ik wil een overzicht van mijn dossier",
        "In mijn envelop van de uitkering zat een brief van iemand anders, met zijn BSN erop.",
        "I would like to know what data you hold about me since my benefit started.",
        "Ik heb een brief over de Wmo-beschikking ontvangen die niet voor mij is maar voor de "
        "buurman. Wat moet ik ermee?",
        "The letter about the benefit was not meant for me, it has another name on it.",
        "In mijn envelop met de uitkering zat de beschikking van iemand anders, wat nu?",
        "Haar gegevens zijn bij mij terechtgekomen, weet zij dat?",
    ],
)
def test_a_need_stated_about_ones_data_goes_to_privacy_whatever_service_it_names(
    text: str,
) -> None:
    """An access request or a letter that reached the wrong person is the privacy team's,
    though the file it is about is the social service's."""
    router = Router(
        [
            GroupProfile("sociaal", "Sociaal domein", "bijstand, uitkering, jeugdhulp, Wmo"),
            GroupProfile("privacy", "Privacy", "AVG, informatiebeveiliging, datalekken"),
        ]
    )
    assert router.route(text).group_id == "privacy"


def test_a_letter_not_yet_received_is_no_data_breach() -> None:
    router = Router(
        [
            GroupProfile("sociaal", "Sociaal domein", "bijstand, uitkering, jeugdhulp, Wmo"),
            GroupProfile("privacy", "Privacy", "AVG, informatiebeveiliging, datalekken"),
        ]
    )
    route = router.route("Ik heb nog geen brief over mijn Wmo-beschikking voor de traplift.")
    assert route.group_id == "sociaal"


PROJECT_DEPLOYMENT = [
    GroupProfile(
        "project",
        "Bouwproject Havenkwartier",
        "Gedeeld kanaal met de aannemer: planning, bouwvergadering, tekeningen, bouwhek",
        ("havenkwartier", "bouwvergadering", "bouwhek", "bouwverkeer", "oplevering", "meerwerk"),
        external_members=True,
    ),
    GroupProfile("privacy", "Privacy en informatie", "AVG, Woo-verzoeken, datalekken"),
    GroupProfile("belastingen", "Belastingen", "OZB, WOZ, kwijtschelding"),
    GroupProfile("communicatie", "Communicatie", "website, pers, social media"),
]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Via deze mail dien ik een verzoek om openbaarmaking in van alle verslagen van de "
            "bouwvergaderingen over het Havenkwartier, ook die over het meerwerk en het "
            "bouwverkeer door onze straat.",
            "privacy",
        ),
        (
            "Sinds de bouw in het Havenkwartier begon staat er een bouwhek voor mijn deur en "
            "rijdt het bouwverkeer af en aan. Mijn huis is daardoor minder waard. Ik wil "
            "bezwaar maken tegen de WOZ-waarde van dit jaar.",
            "belastingen",
        ),
        (
            "For our newspaper I am looking into the delay of the Havenkwartier. The delivery "
            "(oplevering) moves to 2028 and the contractor talks about meerwerk. When can the "
            "alderman give a reaction to our press inquiry?",
            "communicatie",
        ),
    ],
)
def test_a_need_stated_about_a_project_goes_to_its_service_not_to_the_project(
    text: str, group: str
) -> None:
    """A Woo request, an objection to a property's value and a journalist's question are
    handled as such, whatever project they are about: the project's own words fill the
    situation, the need decides."""
    assert Router(PROJECT_DEPLOYMENT).route(text).top(1) == [group]


def test_the_sentence_that_asks_outweighs_the_situation_around_it() -> None:
    """A resident next to the building site tells the site's story and asks one thing:
    whose question it is follows the asking sentence."""
    router = Router(
        [
            *PROJECT_DEPLOYMENT,
            GroupProfile(
                "omgeving",
                "Omgevingswet",
                "vergunningen voor bouwen en verbouwen",
                ("omgevingsvergunning", "vergunningvrij", "dakkapel", "aanbouw"),
            ),
        ]
    )
    text = (
        "Wij wonen aan de rand van het Havenkwartier, het bouwhek staat tegen onze tuin en "
        "het bouwverkeer rijdt de hele dag langs. Nu het zo warm is willen we een airco aan "
        "de zijgevel hangen. Mag dat vergunningvrij of hebben we een omgevingsvergunning nodig?"
    )
    assert router.route(text).top(1) == ["omgeving"]
    # told without asking, the situation's project words decide
    assert router.route(text.replace("?", ".")).top(1) == ["project"]


def test_a_question_mark_makes_no_guess_surer() -> None:
    router = Router([GroupProfile("ict", "ICT", "laptop, Teams"), *PROJECT_DEPLOYMENT])
    plain = router.route("Mijn laptop start niet op.")
    asked = router.route("Mijn laptop start niet op?")
    assert asked.group_id == plain.group_id == "ict"
    assert asked.confidence == pytest.approx(plain.confidence, abs=0.01)


def test_a_service_question_that_mentions_a_file_stays_with_the_service() -> None:
    router = Router(
        [
            GroupProfile("sociaal", "Sociaal domein", "bijstand, uitkering, jeugdhulp, Wmo"),
            GroupProfile("privacy", "Privacy", "AVG, informatiebeveiliging, datalekken"),
        ]
    )
    route = router.route("Mijn bijstandsuitkering is lager dan vorige maand, klopt dat?")
    assert route.group_id == "sociaal"


def test_the_team_a_colleague_works_in_is_who_asks_not_what() -> None:
    router = Router(
        [
            GroupProfile("bor", "Beheer Openbare Ruimte", "groenonderhoud, wegen, riolering"),
            GroupProfile("bv", "Bedrijfsvoering", "HR, salaris, ICT en facilitair"),
        ]
    )
    route = router.route(
        "Sinds september werk ik als leerwerktrajectant bij team Beheer Openbare Ruimte. "
        "Op mijn strook van november staan te weinig uren, wie kan dat nakijken?"
    )
    assert route.top(1) == ["bv"]
    # the team as the topic still counts
    assert router.route("Wanneer maait team Beheer Openbare Ruimte de berm?").group_id == "bor"


def _wolderbrug_router() -> Router:
    return Router(
        [
            GroupProfile("brug", "Project Wolderbrug", "brug, bouwvergadering, damwand, stremming"),
            GroupProfile("groen", "Openbare ruimte", "bomen, groen, snoeien, takken"),
            GroupProfile("financien", "Financiën", "factuur, betaling, crediteuren"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Melding over een boom (staat los van project Wolderbrug). Een buurtbewoonster meldt "
            "een melding die niets met de bouw van de Wolderbrug en de damwand te maken heeft: "
            "een dode tak boven het pad. Kunnen jullie de boom bekijken?",
            "groen",
        ),
        (
            "Wij vragen dit bewust niet via de bouwvergadering van de Wolderbrug: onze factuur "
            "voor het meerwerk aan de brug is afgekeurd. Wanneer volgt de betaling?",
            "financien",
        ),
        # the same words said of the mail's own subject count
        ("Wanneer is de volgende bouwvergadering over de damwand bij de Wolderbrug?", "brug"),
        # "dit is niet voor …", "het gaat niet over …", "this is not about …"
        (
            "Dit is niet voor de bouwvergadering van de Wolderbrug: er hangt een dode tak "
            "boven het pad. Kunnen jullie de boom bekijken?",
            "groen",
        ),
        (
            "This is not about the bridge works. A branch of the tree hangs over the path, "
            "can you prune it?",
            "groen",
        ),
        # a party that said the matter is not theirs names who is not wanted
        (
            "Er hangt een dode tak boven het pad. Ik heb het al gemeld bij iemand van de "
            "bouwvergadering van de Wolderbrug bij de damwand, maar die zei dat dit niet van "
            "hen is. Wanneer wordt de tak gesnoeid?",
            "groen",
        ),
        # what needs nothing more of a party, or is arranged with it already
        (
            "De stremming en de damwand bij de Wolderbrug zijn al geregeld met de "
            "bouwvergadering van de brug. Er hangt een tak boven het pad: wie kijkt daarnaar?",
            "groen",
        ),
        (
            "Voor de stremming, de brug en de damwand hoeven we niet bij de bouwvergadering "
            "van de Wolderbrug aan te kloppen. Er hangt een tak boven het pad: wie kijkt daarnaar?",
            "groen",
        ),
        # asked as a question, it is the question
        ("Hoeven we voor de damwand niet bij de bouwvergadering van de brug te zijn?", "brug"),
    ],
)
def test_what_the_writer_says_the_mail_is_not_about_is_no_evidence(text: str, group: str) -> None:
    assert _wolderbrug_router().route(text).group_id == group


@pytest.mark.parametrize(
    "flood",
    [
        "Dit heeft niets met de brug en de damwand te maken. " * 600,
        "Dit is niet voor de brug. Het gaat niet over de damwand. " * 600,
        "De brug is niet van hen is niet van hun is " * 2_000,
    ],
)
def test_a_mail_of_nothing_but_denials_names_no_group(flood: str) -> None:
    """Read to its end, a mail that only says what it is not about asks a person."""
    route = _wolderbrug_router().route(flood)
    assert route.confidence == 0.0 or route.needs_choice


@pytest.mark.parametrize(
    "text",
    [
        "Bedankt\n\nHartelijk dank voor het snoeien van de bomen en de takken bij ons pad.",
        "Thank you for pruning the trees and the branches along our path so quickly.",
    ],
)
def test_a_mail_that_only_thanks_is_sure_of_no_team(text: str) -> None:
    assert _wolderbrug_router().route(text).confidence == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Bedankt voor het snoeien. Kunnen jullie ook de takken bij het pad weghalen?",
        "Hartelijk dank alvast. Graag laat ik de dode tak en de bomen bij ons pad snoeien.",
    ],
)
def test_thanks_with_a_request_still_asks_a_team(text: str) -> None:
    assert _wolderbrug_router().route(text).confidence > 0.0


PHISHING_FORWARD = b"""From: Hennie ter Beek <hennie.terbeek@example.org>
To: vraag@vraagbaak.example
Subject: Fwd: Laatste herinnering: openstaande aanslag
Message-ID: <fwd-phish-1@example.org>
Content-Type: text/plain; charset=utf-8

Is deze mail echt van jullie? Ik heb alles al betaald.

---------- Forwarded message ---------
From: Gemeente Belastingen <noreply@gemeente-betalen.example>
Date: ma 3 nov 2025 om 09:12
Subject: Laatste herinnering: openstaande aanslag
To: <hennie.terbeek@example.org>

Uit onze administratie blijkt dat de aanslag afvalstoffenheffing nog niet is voldaan.
Betaal binnen 24 uur via de link om extra kosten te voorkomen.
"""


def test_a_forwarded_message_one_doubts_is_the_forwarders_question_for_privacy(
    tmp_path: Path,
) -> None:
    """Whoever forwards a noreply message asks the question (a machine asks nothing); doubt
    about a message ("is deze mail echt van jullie?") is the privacy team's, not the tax
    team's whose words the forwarded message uses."""
    file = tmp_path / "vraagbaak.toml"
    file.write_text(
        '[[groups]]\nid = "belastingen"\nname = "Belastingen"\n'
        'description = "aanslag, afvalstoffenheffing, WOZ, kwijtschelding"\n\n'
        '[[groups]]\nid = "privacy"\nname = "Informatiebeveiliging en privacy"\n'
        'description = "AVG, datalekken, phishing"\n'
    )
    understood = MailReader(load_config(file, environ={})).read(PHISHING_FORWARD)
    assert understood.original_sender is not None
    assert understood.original_sender.email == "hennie.terbeek@example.org"
    assert understood.group == "privacy"


def test_a_journalist_wanting_a_reaction_goes_to_communication_whatever_the_story() -> None:
    router = Router(
        [
            GroupProfile("vth", "Vergunningen & Toezicht", "vergunningen, handhaving, toezicht"),
            GroupProfile(
                "bestuur", "Bestuursondersteuning", "griffie, kabinet, communicatie en pers"
            ),
        ]
    )
    text = (
        "Voor de Heuvelrug Courant werk ik aan een artikel over de handhaving op permanente "
        "bewoning. Ik zou graag een reactie van de burgemeester hebben."
    )
    assert router.route(text).group_id == "bestuur"


ENFORCEMENT_TEAMS = [
    GroupProfile("loket", "Omgevingsloket", "omgevingsvergunningen, bouwen, dakkapel, kappen"),
    GroupProfile("toezicht", "Toezicht", "boa's, overlast, controle en handhaving"),
]


@pytest.mark.parametrize(
    "text",
    [
        "Mijn achterburen bouwen al drie weken een enorme schuur zonder vergunning, tegen onze "
        "erfgrens. Wat kunnen we doen?",
        "Our neighbours put up a two-storey extension without planning permission.",
        "Kan de gemeente hiertegen optreden? De dakkapel van de overburen is veel te groot.",
    ],
)
def test_someone_elses_building_without_a_permit_is_enforcement(text: str) -> None:
    """Building words point at the permit desk; what the writer needs is enforcement
    against someone else: never posted at the permit desk with confidence, and enforcement
    among the choices when the desk asks."""
    route = Router(ENFORCEMENT_TEAMS).route(text)
    assert route.group_id == "toezicht" or route.confidence < THRESHOLD, route
    assert "toezicht" in route.top(2)


def test_asking_whether_ones_own_shed_needs_a_permit_stays_with_the_permit_desk() -> None:
    route = Router(ENFORCEMENT_TEAMS).route(
        "Mag ik zonder vergunning een schuur van 3 bij 4 meter in mijn achtertuin bouwen?"
    )
    assert route.group_id == "loket"


def test_a_plural_in_a_description_is_found_by_its_singular() -> None:
    """ "honden" in a description is the "hond" a resident writes about (and "tuinen" the
    "tuin"); a plural the stemmer leaves whole still names its singular."""
    router = Router(
        [
            GroupProfile("toezicht", "Toezicht", "overlast, parkeren, honden"),
            GroupProfile("groen", "Groen", "bomen, tuinen, plantsoenen"),
        ]
    )
    assert router.route("De hond van de buren blaft de hele nacht.").group_id == "toezicht"
    assert router.route("Onze tuin grenst aan de sloot, wie snoeit daar?").group_id == "groen"


SUPPLIER_TEAMS = [
    GroupProfile("buitendienst", "Buitendienst", "beheer openbare ruimte, strooien, gladheid"),
    GroupProfile("bedrijfsvoering", "Bedrijfsvoering", "interne ondersteuning: financiën, ICT"),
]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Wij hebben in januari voor jullie de fietspaden gestrooid. Onze openstaande "
            "facturen zijn nog niet betaald, wanneer volgt de betaling?",
            "bedrijfsvoering",
        ),
        (
            "Our invoice for the gritting of the cycle paths has not been paid yet.",
            "bedrijfsvoering",
        ),
        (
            "Wij hebben de cv in de sporthal gerepareerd. Er staat nog een factuur open van 28 "
            "oktober, die staat al 70 dagen open. Wanneer wordt er gestrooid bij de hal?",
            "bedrijfsvoering",
        ),
        (
            "Onze factuur voor het strooien van november is nog altijd onbetaald.",
            "bedrijfsvoering",
        ),
        (
            "Het fietspad is glad, wanneer wordt er gestrooid? De rekening betaal ik wel.",
            "buitendienst",
        ),
        (
            "Het fietspad is glad en de slagboom staat open, wanneer wordt er gestrooid?",
            "buitendienst",
        ),
    ],
)
def test_a_supplier_asking_after_its_invoice_is_finances_whatever_it_delivered(
    text: str, group: str
) -> None:
    assert Router(SUPPLIER_TEAMS).route(text).group_id == group


def test_a_wedding_anniversary_is_for_the_mayors_office() -> None:
    router = Router(
        [
            GroupProfile("publiekszaken", "Publiekszaken", "balie gemeentehuis"),
            GroupProfile("bestuurszaken", "Bestuurszaken", "ondersteuning college en raad"),
        ]
    )
    text = "Mijn opa en oma zijn in april 60 jaar getrouwd. Kan de burgemeester langskomen?"
    assert router.route(text).group_id == "bestuurszaken"
    assert router.route("Mijn ouders vieren hun diamanten bruiloft.").group_id == "bestuurszaken"


GROUPS_FOR_REGISTERING = [
    GroupProfile("burgerzaken", "Burgerzaken", "Paspoort, rijbewijs, verhuizen, uittreksel"),
    GroupProfile("recreatie", "Recreatie", "Vakantieparken, chalets, campings en toerisme"),
    GroupProfile("havens", "Havens", "Ligplaatsen, woonschepen en de passantenhaven"),
]


@pytest.mark.parametrize(
    "text",
    [
        "Ik woon sinds de scheiding in mijn chalet op vakantiepark De Bosrand. Mag ik mij daar "
        "inschrijven op het adres van het chalet?",
        "Wij wonen op een woonschip in de haven. Kunnen we ingeschreven worden op het adres van "
        "de ligplaats?",
        "Can I register at the address of our holiday chalet on the park?",
        "Kann ich meinen Wohnsitz im Ferienhaus auf dem Park anmelden?",
    ],
)
def test_being_registered_at_an_address_is_for_burgerzaken_whatever_the_dwelling(
    text: str,
) -> None:
    route = Router(GROUPS_FOR_REGISTERING).route(text)
    assert route.group_id == "burgerzaken"


def test_signing_up_for_a_place_on_the_park_is_no_registration() -> None:
    route = Router(GROUPS_FOR_REGISTERING).route(
        "Kan ik mij inschrijven voor een chalet op het vakantiepark voor komende zomer?"
    )
    assert route.group_id == "recreatie"


def test_a_registration_the_writer_arranges_themselves_is_no_need() -> None:
    router = Router(GROUPS_FOR_REGISTERING)
    told = "Het inschrijven op het adres van het chalet regelen we zelf bij burgerzaken."
    assert router._stated_needs(told) == {}
    asked = "Mag ik mij inschrijven op het adres van het chalet?"
    assert set(router._stated_needs(asked)) == {"burgerzaken"}


STREET_TEAMS = [
    GroupProfile("beheer", "Beheer openbare ruimte", "Meldingen over stoepen, straten en groen."),
    GroupProfile("toezicht", "Toezicht en handhaving", "Boa's en handhaving."),
    GroupProfile("parkeren", "Parkeren", "Parkeervergunningen en ontheffingen"),
]


@pytest.mark.parametrize(
    "text",
    [
        "Sinds de zomervakantie staat er een caravan in onze straat, al ruim zes weken. Wie "
        "kan daar wat aan doen?",
        "Die witte bestelbus zonder wielen staat al maanden op het grasveld bij de speeltuin.",
        "Hoe lang mogen ze een boot op een aanhanger op straat laten staan? Het is nu drie weken.",
        "A camper has been parked on the pavement outside our house for weeks now, can someone "
        "have it towed?",
        "Seit Wochen steht ein Wohnwagen auf dem Gehweg vor unserem Haus.",
    ],
)
def test_a_vehicle_left_standing_in_the_street_for_long_is_for_enforcement(text: str) -> None:
    """The street and the pavement point at its maintenance, the vehicle at parking; what
    the writer needs is a boa: enforcement, never posted elsewhere with confidence."""
    route = Router(STREET_TEAMS).route(text)
    assert route.group_id == "toezicht" or route.confidence < THRESHOLD, route
    assert "toezicht" in route.top(2)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # a car that only drives over the drain: the drain is the question
        (
            "Het putdeksel voor ons huis klappert nog steeds als er een auto overheen rijdt.",
            "beheer",
        ),
        # a vehicle in the street without a long while: a permit question
        ("Mag ik mijn auto in de straat parkeren met een parkeervergunning?", "parkeren"),
        # long, standing, but not in public space
        (
            "Mijn auto staat al weken bij de garage, moet ik mijn parkeervergunning opzeggen?",
            "parkeren",
        ),
    ],
)
def test_a_vehicle_that_is_not_left_in_the_street_is_no_enforcement(text: str, group: str) -> None:
    router = Router(STREET_TEAMS)
    assert router._stated_needs(text) == {}
    assert router.route(text).group_id == group


HELPDESK_DEPLOYMENT = [
    *PROJECT_DEPLOYMENT,
    GroupProfile("ict", "ICT en werkplek", "Laptops, telefoons en accounts"),
]


@pytest.mark.parametrize(
    "text",
    [
        "De uitvoerder van de aannemer kan sinds vrijdag niet meer in de Teams-omgeving van het "
        "Havenkwartier, zijn gastaccount is verlopen. Hij heeft de tekeningen nodig voor de "
        "bouwvergadering.",
        "Our site manager gets 'access denied' on the SharePoint of the Havenkwartier project "
        "since Monday; the bouwvergadering is on Thursday.",
        "Kunnen jullie de toegang voor de externe gastgebruikers herstellen? Zonder de map "
        "met de planning van het bouwhek kunnen we niet verder.",
    ],
)
def test_someone_locked_out_of_a_workplace_tool_is_for_the_helpdesk_whatever_the_project(
    text: str,
) -> None:
    """Never posted into the project's channel without a person choosing, and the helpdesk
    among the choices."""
    route = Router(HELPDESK_DEPLOYMENT).route(text)
    assert route.group_id == "ict" or route.confidence < THRESHOLD or route.needs_choice, route
    assert "ict" in route.top(2)


@pytest.mark.parametrize(
    "text",
    [
        # the tool is only how the meeting is held
        "Kunnen we de bouwvergadering van het Havenkwartier in Teams houden in plaats van op "
        "de bouwplaats?",
        # locked out, but of no workplace tool
        "Ik kan niet meer bij mijn garage, het bouwhek van het Havenkwartier staat ervoor.",
    ],
)
def test_a_tool_named_or_a_door_locked_is_no_helpdesk_need(text: str) -> None:
    assert Router(HELPDESK_DEPLOYMENT)._stated_needs(text) == {}


SERVICE_TEAMS = [
    GroupProfile("burgerzaken", "Burgerzaken", "Paspoort, rijbewijs, verhuizen, uittreksel"),
    GroupProfile("personeel", "HR", "Verlof, salaris, ziekteverzuim en werving"),
    GroupProfile("privacy", "Privacy", "AVG en informatiebeveiliging"),
    GroupProfile("sociaal", "Sociaal team", "Wmo, hulp thuis, mantelzorg, eenzaamheid"),
    GroupProfile("jeugd", "Jeugd en gezin", "Jeugdhulp en opvoedondersteuning"),
    GroupProfile("inkomen", "Werk en inkomen", "Bijstand, bijzondere bijstand, schulden"),
    GroupProfile("verkeer", "Verkeer", "Verkeersveiligheid, drempels, oversteekplaatsen"),
]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # a data breach and AVG rights, inside another service's file
        (
            "In het klantportaal voor de bijzondere bijstand zag ik vandaag de gegevens van een "
            "andere cliënt staan. Ik wil dit als datalek melden.",
            "privacy",
        ),
        (
            "Op grond van artikel 16 AVG vraag ik om correctie van het verslag van de "
            "bijstandsconsulent over mijn schulden.",
            "privacy",
        ),
        # a death registered: "verlof" is not leave from work here
        (
            "Als uitvaartverzorger wil ik aangifte van overlijden doen en het verlof tot "
            "begraven aanvragen voor maandag.",
            "burgerzaken",
        ),
        # worry about how someone is doing
        (
            "Ik maak me zorgen om mijn buurvrouw van 84, ze komt al dagen de deur niet uit en "
            "haar brievenbus zit vol.",
            "sociaal",
        ),
        (
            "Wij maken ons zorgen over onze kleinzoon van 15, hij blowt en komt niet meer uit "
            "zijn kamer.",
            "jeugd",
        ),
    ],
)
def test_a_need_stated_in_another_services_words_goes_to_its_own_team(
    text: str, group: str
) -> None:
    assert Router(SERVICE_TEAMS).route(text).group_id == group


@pytest.mark.parametrize(
    "text",
    [
        "Ik maak me zorgen over de verkeersveiligheid bij de school.",
        "Mijn verlof tot en met vrijdag is goedgekeurd.",
        "Hoe lang bewaren jullie mijn gegevens van de bijstand?",
        "Waar kan ik een usb-stick lenen voor de presentatie?",
        "Ik ben per ongeluk naar de verkeerde balie gegaan voor mijn paspoort.",
    ],
)
def test_near_misses_of_those_needs_state_none(text: str) -> None:
    assert Router(SERVICE_TEAMS)._stated_needs(text) == {}


def test_the_team_a_greeting_addresses_weighs_beside_the_words() -> None:
    """ "Beste Sociaal team," names whom the writer means; the same mail to "Beste Karin" goes
    by its words."""
    body = "Mijn moeder heeft bijstand, bijzondere bijstand en schulden. Kan iemand langskomen?"
    router = Router(SERVICE_TEAMS)
    assert router.route(f"Beste Sociaal team,\n\n{body}").group_id == "sociaal"
    assert router.route(f"Beste Karin,\n\n{body}").group_id == "inkomen"
    # only a greeting in the opening counts (what a crafted mail can add is bounded)
    late = "Ik schrijf u vanuit de wijk.\n" * 30 + f"Beste Sociaal team,\n\n{body}"
    assert router.route(late).group_id == "inkomen"


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben in de trein mijn usb-stick met de deelnemerslijst van de cursus verloren.",
        "Ik heb de beschikking per ongeluk naar de verkeerde cliënt gemaild, wat nu?",
        "I accidentally sent the file with the addresses to the wrong partner.",
    ],
)
def test_a_lost_data_carrier_or_a_wrong_recipient_states_a_breach(text: str) -> None:
    assert set(Router(SERVICE_TEAMS)._stated_needs(text)) == {"privacy"}


def test_paying_an_assessment_in_parts_is_the_tax_offices_whatever_it_is_for() -> None:
    """A resident's words for the levies' payment plan ("in delen betalen", "het hele jaar
    betalen") name the tax office that only says "Heffingen.", not the waste team whose word
    is in the levy's name."""
    router = Router(
        [
            GroupProfile("belastingen", "Belastingen", "Heffingen."),
            GroupProfile("sociaal", "Sociaal team", "Wmo, hulp thuis, schulden"),
            GroupProfile("afval", "Afval", "Inzameling."),
        ]
    )
    route = router.route(
        "brief belasting afval\n\nIk woon hier pas sinds augustus. Moet ik het hele jaar "
        "betalen of alleen de maanden dat ik hier woon? Kan ik in delen betalen?"
    )
    assert route.group_id == "belastingen"
    assert route.confidence >= 0.5
