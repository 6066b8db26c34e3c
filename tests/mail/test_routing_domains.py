"""Routing with terse group descriptions and no keywords (a fresh deployment): the municipal
domain vocabulary (knowledge/data/municipal_domains.toml) tells what a group is about;
English words are not cut as Dutch compounds; a group with external members is never a
choice routing makes alone. The questions are written the way residents write."""

from __future__ import annotations

import pytest

from knowledge.routing import GroupProfile, Router, load_domains

TERSE = [
    GroupProfile("sociaal", "Sociaal domein", "Zorg en ondersteuning, jeugd, werk en inkomen"),
    GroupProfile("vergunningen", "Vergunningen", "Vergunningen en handhaving"),
    GroupProfile("belastingen", "Belastingen", "Gemeentelijke belastingen en heffingen"),
    GroupProfile("publiek", "Publiekszaken", "Reisdocumenten, BRP en burgerlijke stand"),
    GroupProfile("personeel", "P&O", "Personeelszaken"),
    GroupProfile("ict", "ICT", "Werkplek en servicedesk"),
    GroupProfile(
        "bouw", "Bouwteam centrum", "Overleg met de aannemer over het centrumplan",
        external_members=True,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "group"),
    [
        (
            "Mijn moeder (84) krijgt geen hulp bij het huishouden meer sinds de verhuizing "
            "van haar schoonmaakster. Kan ze dat opnieuw aanvragen?",
            "sociaal",
        ),
        (
            "Ik ben het niet eens met de WOZ-waarde van mijn woning, het taxatieverslag klopt "
            "niet. Hoe maak ik bezwaar?",
            "belastingen",
        ),
        (
            "Wij krijgen een aanslag afvalstoffenheffing voor twee personen maar ik woon alleen.",
            "belastingen",
        ),
        ("Hoe vraag ik een parkeervergunning aan voor mijn tweede auto?", "vergunningen"),
        (
            "Mag ik de boom in mijn achtertuin kappen of heb ik daar toestemming voor nodig?",
            "vergunningen",
        ),
        ("Wanneer worden de kerstpakketten voor de medewerkers dit jaar bezorgd?", "personeel"),
        ("Mijn paspoort is verlopen en ik vlieg over drie weken, kan het met spoed?", "publiek"),
        (
            "Our son needs help at school and we are on a waiting list for youth care, who "
            "can we talk to?",
            "sociaal",
        ),
        ("I can't log in to my laptop since the password reset this morning.", "ict"),
    ],
)
def test_terse_groups_are_understood_through_the_domain_vocabulary(
    question: str, group: str
) -> None:
    assert Router(TERSE).route(question).group_id == group


def test_an_english_word_is_not_the_tail_of_a_dutch_compound() -> None:
    groups = [
        GroupProfile("inkoop", "Inkoop", "Contracten", ("contractregister",)),
        GroupProfile("publiek", "Publiekszaken", "BRP en verhuizingen"),
    ]
    route = Router(groups).route(
        "We are moving to your town in April. How do we register our new address?"
    )
    assert route.group_id == "publiek"


def test_a_group_with_external_members_is_routed_only_as_a_choice() -> None:
    route = Router(TERSE).route("Wanneer is de volgende bouwvergadering met de aannemer?")
    assert route.group_id == "bouw"
    assert route.needs_choice
    assert not Router(TERSE).route("Hoe vraag ik een parkeervergunning aan?").needs_choice


def test_a_group_belongs_to_the_domains_its_description_names() -> None:
    router = Router(TERSE)
    found = {g.id: {d.id for d in router.group_domains(g)} for g in TERSE}
    assert {"wmo", "jeugd", "werk-inkomen"} <= found["sociaal"]
    assert found["belastingen"] == {"belastingen"}
    assert found["bouw"] == {"bouwproject"}  # meeting the contractor: a construction project


def test_the_shipped_domains_parse() -> None:
    domains = load_domains()
    assert len(domains) >= 10
    assert all(d.anchors and d.terms for d in domains)


def test_the_word_gemeente_is_no_topic() -> None:
    """Every mail to a municipality says "gemeente"; a group described as "Gemeentelijke
    belastingen" must not get the questions that only say that."""
    router = Router(TERSE)
    route = router.route(
        "Beste gemeente, mijn buurvrouw zei dat de gemeente iemand kan sturen die een paar "
        "uur per week komt poetsen. Hoe regel ik hulp bij het huishouden?"
    )
    assert route.group_id == "sociaal"
    assert router.route("Ik heb een vraag voor de gemeente, wie kan ik bellen?").group_id is None


# Groups described as a deployment with keywords would describe them: a permit group, a
# procurement group whose keyword "gunning" hides inside "vergunning", a project shared with
# a contractor whose keyword "planning" every department uses.
DESCRIBED = [
    GroupProfile("sociaal", "Sociaal domein", "Wmo, Jeugdwet, Participatiewet, bijstand"),
    GroupProfile(
        "omgeving", "Omgevingswet", "Omgevingsvergunning, bouwaanvraag, kapvergunning",
        ("omgevingsvergunning", "bouwaanvraag", "kapvergunning"),
    ),
    GroupProfile("inkoop", "Inkoop & aanbesteding", "Inkoop, offertes", ("gunning", "offerte")),
    GroupProfile("hr", "HR & P&O", "Verlof, CAO gemeenten, werving", ("verlof", "werving")),
    GroupProfile(
        "project", "Bouwproject Stationsgebied", "Gedeeld kanaal met de aannemer",
        ("planning", "bouwvergadering"), external_members=True,
    ),
]  # fmt: skip


def test_a_word_inside_a_longer_word_is_no_part_of_it() -> None:
    """A "vergunning" contains "gunning", but a parking permit is no procurement question."""
    route = Router(DESCRIBED).route(
        "Mijn dochter wil haar scooter voor de deur zetten, hoe kom ik aan een "
        "bewonersvergunning om in onze straat te parkeren?"
    )
    assert route.group_id == "omgeving"
    assert "inkoop" not in route.top(2) or route.ranked[1].score == 0


def test_a_general_word_does_not_take_a_question_to_the_group_of_its_compound() -> None:
    """An "aanvraag" is the last part of "bouwaanvraag", but a household-help request is Wmo."""
    route = Router(DESCRIBED).route(
        "Een inwoonster is net geopereerd en kan haar huis niet meer zelf schoonhouden. Ze "
        "wil iemand die wekelijks komt poetsen. Hoe pakken jullie zo'n aanvraag op en welke "
        "indicatie geven jullie meestal?"
    )
    assert route.group_id == "sociaal"


def test_an_internal_staff_question_is_not_sent_to_the_shared_project_without_doubt() -> None:
    route = Router(DESCRIBED).route(
        "We willen de medewerkers dit jaar een cadeaubon als eindejaarsgeschenk geven. Moet "
        "dat via de werkkostenregeling, en wie maakt de planning voor het uitdelen?"
    )
    assert route.group_id == "hr" or route.needs_choice
    assert "hr" in route.top(2)


# Issue 14, fourth round. Where parking permits and graves are handled differs per
# gemeente: the group that names them gets them; otherwise the permits group and the
# public-space group keep them.
COUNTER_NAMES_PARKING_AND_GRAVES = [
    GroupProfile("loket", "Burgerzaken", "Paspoorten, BRP, parkeren en begraafplaatsen"),
    GroupProfile("omgeving", "Omgevingsvergunningen", "Vergunningen en handhaving"),
    GroupProfile("beheer", "Beheer openbare ruimte", "Groen, wegen en verlichting"),
]  # fmt: skip
NOBODY_NAMES_THEM = [
    GroupProfile("loket", "Burgerzaken", "Paspoorten en BRP"),
    GroupProfile("omgeving", "Omgevingsvergunningen", "Vergunningen en handhaving"),
    GroupProfile("beheer", "Beheer openbare ruimte", "Groen, wegen en verlichting"),
]
PARKING = (
    "We krijgen er een leaseauto bij. Kan ik voor onze straat een tweede "
    "bewonersvergunning krijgen, en geldt die ook in de blauwe zone bij de markt?"
)
GRAVE = "De grafrechten van het graf van mijn ouders lopen volgend jaar af. Kan ik die verlengen?"


def test_parking_and_graves_go_to_the_group_that_names_them() -> None:
    router = Router(COUNTER_NAMES_PARKING_AND_GRAVES)
    assert router.route(PARKING).group_id == "loket"
    assert router.route(GRAVE).group_id == "loket"


def test_parking_and_graves_stay_with_permits_and_public_space_otherwise() -> None:
    router = Router(NOBODY_NAMES_THEM)
    assert router.route(PARKING).group_id == "omgeving"
    assert router.route(GRAVE).group_id == "beheer"


WITH_ASSOCIATIONS = [
    GroupProfile("samenleving", "Samenleving", "Verenigingen, sport en cultuur"),
    GroupProfile("publiek", "Publiekszaken", "Reisdocumenten en BRP"),
    GroupProfile("belastingen", "Belastingen", "Aanslagen en WOZ"),
]


@pytest.mark.parametrize(
    "question",
    [
        "Onze scoutinggroep wil een eenmalige subsidie aanvragen voor een nieuw dak op het "
        "clubhuis. Welke termijn geldt daarvoor?",
        "Our tennis club is a registered association. Can we apply for a grant to renovate "
        "the courts?",
    ],
)
def test_association_grants_are_understood_in_dutch_and_english(question: str) -> None:
    assert Router(WITH_ASSOCIATIONS).route(question).group_id == "samenleving"


def test_an_english_glossary_word_inside_another_word_is_not_that_word() -> None:
    """The "taxi" holds "tax", "nachtregister" holds "register": neither is a tax or a BRP
    question."""
    router = Router(WITH_ASSOCIATIONS)
    taxi = router.route("Can the taxi that brings my mother to the day centre park here?")
    assert taxi.group_id != "belastingen"
    register = router.route(
        "Wij verhuren twee kamers aan toeristen en houden een nachtregister bij. Moeten wij "
        "toeristenbelasting betalen?"
    )
    assert register.group_id == "belastingen"


def test_everyones_work_is_no_question_about_a_job() -> None:
    groups = [
        GroupProfile("werk", "Werk en Inkomen", "Uitkeringen"),
        GroupProfile("jeugd", "Jeugd en Onderwijs", "Jeugdhulp en leerlingenvervoer"),
    ]
    router = Router(groups)
    school = router.route("Ik werk 's ochtends. Kan mijn zoon met het schoolvervoer mee?")
    assert school.group_id == "jeugd"
    job = router.route("Ik ben mijn baan kwijt. Kan ik een uitkering krijgen tot ik weer werk heb?")
    assert job.group_id == "werk"


@pytest.mark.parametrize(
    ("question", "group"),
    [
        (
            "Guten Tag, wir ziehen im Mai von Kleve nach Nijmegen. Wie funktioniert die "
            "Anmeldung bei Ihnen, und brauche ich dafür meinen Reisepass?",
            "publiek",
        ),
        (
            "Sehr geehrte Damen und Herren, wir möchten auf unserem Grundstück einen Anbau "
            "errichten. Brauchen wir eine Baugenehmigung?",
            "vergunningen",
        ),
        (
            "Ich habe den Bescheid über die Hundesteuer bekommen, aber unser Hund ist im "
            "Januar gestorben. Wo kann ich Widerspruch einlegen?",
            "belastingen",
        ),
        (
            "Meine Mutter wohnt in Ihrer Gemeinde und schafft die Treppe nicht mehr. Gibt es "
            "Zuschüsse für einen Treppenlift?",
            "sociaal",
        ),
    ],
)
def test_german_questions_are_understood_through_the_glossary(question: str, group: str) -> None:
    assert Router(TERSE).route(question).group_id == group


def test_a_german_word_that_is_also_english_or_dutch_is_left_alone() -> None:
    router = Router(TERSE)
    english = router.route("Could you grab the form for my parking permit from the counter?")
    assert english.group_id == "vergunningen"
    dutch = router.route("Worden de parken in de wijk dit voorjaar opnieuw ingericht?")
    assert dutch.group_id != "vergunningen"


def test_an_accident_is_no_data_breach() -> None:
    groups = [
        GroupProfile("privacy", "Privacy", "AVG en informatiebeveiliging"),
        GroupProfile("publiek", "Publiekszaken", "Reisdocumenten en BRP"),
    ]
    routed = Router(groups).route("Ik heb per ongeluk mijn paspoort in de was gedaan. Wat nu?")
    assert routed.group_id == "publiek"


SERVICE_DESK = [
    GroupProfile("sociaal", "Sociaal Team", "Hulp en ondersteuning voor inwoners"),
    GroupProfile("burgerzaken", "Burgerzaken", "Reisdocumenten, BRP en burgerlijke stand"),
    GroupProfile("vth", "VTH", "Vergunningen, toezicht en handhaving"),
    GroupProfile("buiten", "Buitenruimte", "Wegen, groen en spelen"),
    GroupProfile("onderwijs", "Leerplicht", "Schoolgaande jeugd en scholen"),
    GroupProfile("bedrijfsvoering", "Bedrijfsvoering", "HR, ICT en facilitair"),
    GroupProfile("privacy", "Privacy", "AVG en informatiebeveiliging"),
]


@pytest.mark.parametrize(
    ("question", "group"),
    [
        (
            "Wij willen een kavel kopen en vragen ons af of er iets bekend is over de bodem, "
            "is er ooit een bodemonderzoek gedaan?",
            "vth",
        ),
        ("The shed in our garden has an asbestos roof. May we remove it ourselves?", "vth"),
        ("Het straatnaambord op de hoek is omgereden door een vrachtwagen.", "buiten"),
        (
            "Ik heb sinds 2019 een verblijfsvergunning en wil Nederlander worden. Hoe vraag ik "
            "naturalisatie aan?",
            "burgerzaken",
        ),
        (
            "Wer ist bei Ihnen für den Winterdienst zuständig? Die Grenzstraße war heute "
            "morgen spiegelglatt.",
            "buiten",
        ),
        (
            "Ik heb een brief met iemands inkomensgegevens naar de verkeerde klant gemaild. "
            "Moet ik dat melden?",
            "privacy",
        ),
    ],
)
def test_everyday_products_of_a_service_desk_find_their_group(question: str, group: str) -> None:
    assert Router(SERVICE_DESK).route(question).group_id == group


def test_a_pupils_absence_is_no_sick_leave() -> None:
    """'verzuim' alone is a pupil's as much as an employee's: it makes no HR question."""
    routed = Router(SERVICE_DESK).route(
        "Een leerling van groep 7 is deze maand al vier dagen zonder bericht weggebleven. "
        "Bij wie meld ik dat verzuim?"
    )
    assert routed.group_id != "bedrijfsvoering"
    assert "onderwijs" in [choice.group_id for choice in routed.ranked[:2]]
    sick = Router(SERVICE_DESK).route(
        "Mijn medewerker meldt zich voor de derde keer ziek, wat zegt het verzuimprotocol?"
    )
    assert sick.group_id == "bedrijfsvoering"


def test_one_word_written_twice_does_not_claim_a_whole_domain() -> None:
    """'Evenementen' in a group's name and description is one term of the permits domain,
    not the two that make a group a permits group: tree permits stay with the permit desk."""
    groups = [
        GroupProfile("vth", "Omgevingsdienst", "Omgevingsvergunningen en handhaving"),
        GroupProfile("events", "Evenementen", "Ondernemers, markten en evenementen"),
    ]
    router = Router(groups)
    tree = router.route(
        "Mag ik de eik in mijn achtertuin kappen of heb ik een kapvergunning nodig?"
    )
    assert tree.group_id == "vth" and tree.confidence > 0
    fair = router.route("Wij organiseren een evenement op het marktplein, hoe vraag ik dat aan?")
    assert fair.group_id == "events"


@pytest.mark.parametrize(
    "question",
    [
        "Ik wil gastouder worden en bij mij thuis drie kinderen opvangen. Hoe kom ik in het "
        "landelijk register?",
        "We are looking for childcare for our two-year-old, which day care centres are "
        "registered here?",
    ],
)
def test_childcare_belongs_with_education_and_youth(question: str) -> None:
    groups = [
        GroupProfile(
            "onderwijs", "Onderwijs & Kinderopvang", "Scholen, leerplicht en kinderopvang"
        ),
        GroupProfile("burgerzaken", "Publiekszaken", "Balie: documenten, BRP en burgerlijke stand"),
        GroupProfile("economie", "Economie", "Ondernemers en markten"),
    ]
    assert Router(groups).route(question).group_id == "onderwijs"


def test_an_english_word_that_is_dutch_too_counts_only_in_english() -> None:
    groups = [
        GroupProfile("burgerzaken", "Publiekszaken", "Reisdocumenten, BRP en burgerlijke stand"),
        GroupProfile("inkoop", "Inkoop", "Contracten en leveranciers"),
    ]
    router = Router(groups)
    english = router.route("We just moved here from Spain. Where do we register our address?")
    assert english.group_id == "burgerzaken"
    dutch = router.route("Staat deze leverancier al in ons contractenregister of register?")
    assert dutch.group_id == "inkoop"


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("hoi, mijn pc doet niks meer sinds de update, kan iemand even komen kijken?", "ict"),
        (
            "Wij gaan verhuizen en ons oude bankstel en twee matrassen moeten weg. Halen jullie "
            "dat op of moet ik het zelf wegbrengen?",
            "afval",
        ),
        (
            "Ik werkte via een uitzendbureau maar dat is gestopt en van het UWV krijg ik niks "
            "meer. Hoe moet ik de huur betalen?",
            "sociaal",
        ),
        (
            "Op jullie internetpagina staan nog de oude openingstijden van de bibliotheek, "
            "kunnen jullie dat aanpassen?",
            "communicatie",
        ),
        (
            "Mijn collega heeft een prijsopgave voor nieuwe stoelen gekregen van 30.000 euro, "
            "moeten we eerst bij andere leveranciers een prijs opvragen?",
            "inkoop",
        ),
        (
            "We willen de garage ombouwen tot slaapkamer voor mijn schoonvader, mag dat zomaar?",
            "vergunningen",
        ),
    ],
)
def test_the_fields_everyday_words_find_their_group(question: str, group: str) -> None:
    groups = [
        *TERSE,
        GroupProfile("afval", "Afval", "Inzameling en milieustraat"),
        GroupProfile("communicatie", "Communicatie", "Website en pers"),
        GroupProfile("inkoop", "Inkoop", "Inkoop en aanbesteding"),
    ]
    assert Router(groups).route(question).group_id == group


def test_a_short_word_counts_only_as_a_term_of_its_own() -> None:
    router = Router(TERSE)
    assert router.route("De pc op de balie start niet.").group_id == "ict"
    # "pc" is no part of another word, and an unknown two-letter word is no evidence
    assert router.word_scores("De pcr-test was negatief.")["ict"] == 0
    assert router.route("Zo is het en op de ok ligt het.").group_id is None


def test_a_word_ending_in_two_letters_more_is_no_compound_of_a_term() -> None:
    # "minimaal" is "minimal", not the "minima" of the income regulations
    router = Router(TERSE)
    assert router.word_scores("Het gaat om minimaal drie weken.")["sociaal"] == 0


def test_a_short_words_plural_and_a_domain_word_that_begins_with_a_keyword_count() -> None:
    groups = [
        GroupProfile("ro", "Ruimtelijke ontwikkeling", "Gebiedsontwikkeling", ("kavel",)),
        GroupProfile("sociaal", "Sociaal domein", "Wmo en jeugd", ("bijstand",)),
        GroupProfile("personeel", "HR", "Verlof en re-integratie"),
    ]
    router = Router(groups)
    assert router.route("Wanneer komen de nieuwe kavels in de verkoop?").group_id == "ro"
    # "bijstandsuitkering" is a word of the income domain that HR's "re-integratie" also
    # names; the income group's own "bijstand" decides
    assert router.route("Telt een erfenis mee voor mijn bijstandsuitkering?").group_id == (
        "sociaal"
    )


def test_a_residence_permit_is_no_building_permit() -> None:
    router = Router(TERSE)
    text = "I have a residence permit for my orientation year. Can I register at this address?"
    assert router.word_scores(text)["vergunningen"] == 0
    assert router.route("Do I need a building permit to convert my garage?").group_id == (
        "vergunningen"
    )


def test_how_people_reach_the_gemeente_says_little_about_the_question() -> None:
    groups = [*TERSE[:5], GroupProfile("ict", "ICT", "Werkplek", ("telefoon", "laptop"))]
    router = Router(groups)
    care = (
        "Mijn vader kan na zijn heupoperatie de trap niet meer op en slaapt in zijn stoel. "
        "U kunt mij bellen op mijn telefoon, liefst na vijven."
    )
    assert router.route(care).group_id == "sociaal"
    assert router.route("Mijn telefoon van de zaak start niet meer op.").group_id == "ict"


@pytest.mark.parametrize(
    ("question", "group"),
    [
        (
            "Ik wil na de geboorte van ons kind een dag minder werken, hoe vraag ik dat aan?",
            "personeel",
        ),
        ("Ik heb op de link in een verdachte mail geklikt en mijn wachtwoord ingevuld.", "privacy"),
        ("Op jullie site staan de oude openingstijden van het gemeentehuis.", "communicatie"),
    ],
)
def test_more_of_the_fields_everyday_words(question: str, group: str) -> None:
    groups = [
        *TERSE,
        GroupProfile("privacy", "Privacy", "AVG en informatiebeveiliging"),
        GroupProfile("communicatie", "Communicatie", "Website en pers"),
    ]
    assert Router(groups).route(question).group_id == group


@pytest.mark.parametrize(
    "word", ["investeringssubsidie", "subsidieaanvraag", "buurtsubsidies", "sportsubsidie"]
)
def test_a_keyword_the_stemmer_shortens_is_found_inside_a_compound(word: str) -> None:
    # the keyword "subsidie" is kept as "subsidi": its compounds must still reach it
    groups = [
        GroupProfile("samenleving", "Samenleving", "Verenigingen en sport", ("subsidie",)),
        GroupProfile("afval", "Afval", "Containers en milieustraat", ("container",)),
    ]
    route = Router(groups, domains=[]).route(f"Vraag over een {word} voor onze club.")
    assert route.group_id == "samenleving"


def test_the_energy_transition_at_home_is_understood_in_english_and_german() -> None:
    groups = [
        GroupProfile("warmte", "Warmte", "Met de coöperatie", ("warmtenet", "energiecoach")),
        GroupProfile("ondernemers", "Ondernemers", "Voor ondernemers", ("bedrijfspand", "kvk")),
        GroupProfile("verenigingen", "Verenigingen", "Sport en cultuur", ("vereniging",)),
    ]
    router = Router(groups, domains=[])
    coach = "Could an energy coach come to our rented house? It is freezing in the bedroom."
    assert router.route(coach).group_id == "warmte"
    german = "Wann wird unsere Straße an die Fernwärme angeschlossen?"
    assert router.route(german).group_id == "warmte"
    site = "We are looking for business premises of about 600 m² near the campus."
    assert router.route(site).group_id == "ondernemers"


@pytest.mark.parametrize(
    "question",
    [
        "Ik heb elke week een ander aantal uren bij het depot op het bedrijventerrein. Moet ik "
        "elke loonstrook apart opsturen, of alles samen aan het eind van de maand?",
        "Mijn inburgeringstermijn is bijna om maar ik heb vier maanden gemist. Kan ik "
        "verlenging krijgen?",
    ],
)
def test_what_a_benefit_asks_of_its_receiver_is_work_and_income(question: str) -> None:
    """Pay slips to send in and the term of civic integration are the Participatiewet's,
    though the words around them name a business park or a school."""
    router = Router(
        [
            GroupProfile("werk", "Werk en inkomen", "Participatiewet."),
            GroupProfile("ondernemers", "Ondernemers", "Bedrijven en bedrijventerreinen."),
            GroupProfile("leerplicht", "Leerplicht", "Scholen en schoolverzuim."),
        ]
    )
    assert router.route(question).group_id == "werk"
