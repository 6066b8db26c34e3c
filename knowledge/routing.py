"""Which group should answer a question? Pure: scores a question against each group's name,
description, keywords and the texts of its past threads, with a confidence.

Matching is forgiving the way Dutch needs: accents folded, compound words matched on their
parts (``leerlingenvervoerbeleid`` contains ``leerlingenvervoer``), split words joined
(``omgevings vergunning``), small typos tolerated, and a small glossary maps common English
municipal terms to the Dutch ones groups are described with.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from rapidfuzz import fuzz, process

from knowledge.domain_words import DomainWords, features, load_domain_words
from knowledge.language import detect
from knowledge.stated_needs import STATED_NEEDS
from knowledge.text import NO_TOPIC, STOPWORDS, en_singulars, light_stem

_TOKEN = re.compile(r"[a-z0-9]+")
_MIN_PART = 4
_LONG_HEAD = 7  # the shortest own word found at the head of a word the domains know
_FUZZY_MIN = 7
_FUZZY_CUTOFF = 90.0
_MAX_WORD = 40  # longer "words" are noise (hashes, URLs): never split or fuzzy-matched
_MAX_TEXT = 20_000
_MAX_PAST = 1_000  # past texts per group read for its domains and words
_HISTORY_MIN_WORD = 5  # shorter words of past texts are no evidence ("thuis", "even")
# How people reach the gemeente ("bel me op mijn telefoon", "telefonisch bereikbaar"): a
# group's keyword for them ("telefoon" of ICT) counts for this share only.
_CONTACT_WORDS = frozenset(("telefoon", "telefonisch", "bellen", "gebeld", "terugbellen", "mailen"))
_CONTACT_SHARE = 0.3
# A complaint about being left unanswered ("niemand belt terug", "still no reply") is about
# the service, not about one team's task: the desk asks, with the likeliest group first.
_SERVICE_COMPLAINT = re.compile(
    r"(?i:\bniemand\s+(?:belt|heeft\s+(?:mij\s+|ons\s+)?(?:terug)?gebeld|reageert|neemt\s+contact)"
    r"|\b(?:nooit|niet|nog\s+steeds\s+niet)\s+(?:terug)?gebeld\b"
    r"|\b(?:nooit|nog\s+steeds\s+geen|geen)\s+(?:reactie|antwoord)\s+(?:gehad|gekregen|ontvangen)"
    r"|\bnog\s+steeds\s+geen\s+(?:reactie|antwoord)\b|\bombudsman\b"
    r"|\b(?:nobody|no\s+one|no-one)\s+(?:has\s+)?(?:called|rang|replied|answered|got\s+back)"
    r"|\bnever\s+(?:got|received|heard)\s+(?:a\s+|any\s+)?(?:reply|answer|response|back)"
    r"|\bstill\s+no\s+(?:reply|answer|response)\b"
    r"|\bniemand\s+(?:hat\s+)?(?:zurückgerufen|geantwortet)|\bimmer\s+noch\s+keine\s+antwort)"
)
# A writer who says they only want to vent and expect no answer has no question for a team
# ("Ik verwacht geen antwoord meer, maar het moest me van het hart"): the desk asks.
_VENTING = re.compile(
    r"(?i:\bverwacht\s+(?:\w+\s+){0,3}?(?:geen|niks|niets)\s+(?:antwoord|reactie|meer)\b"
    r"|\bhoef\s+(?:ook\s+)?geen\s+(?:antwoord|reactie)\b"
    r"|\b(?:wil|wilde|moet|moest)\s+(?:\w+\s+){0,3}?(?:het|dit|mijn\s+(?:ongenoegen|frustratie|boosheid|"
    r"verhaal|hart))\s+(?:\w+\s+){0,3}?kwijt\b"
    r"|\bvan\s+(?:het|mijn)\s+hart\b"
    r"|\b(?:wil|wilde)\s+(?:ik\s+)?(?:het|dit)\s+(?:\w+\s+){0,3}?gezegd\s+hebben\b"
    r"|\b(?:don't|do\s+not|won't)\s+expect\s+(?:an?\s+|any\s+)?(?:answer|reply|response)\b"
    r"|\boff\s+my\s+chest\b|\bjust\s+(?:wanted|want)\s+to\s+vent\b"
    r"|\berwarte\s+(?:\w+\s+){0,2}?keine\s+antwort\b|\b(?:loswerden|gesagt\s+werden)\b)"
)
# A mail that only thanks ("Bedankt", "Hartelijk dank voor de hulp aan mijn moeder"): thanks
# in its opening, no question mark and no request anywhere; no team has a question to answer.
_THANKS = re.compile(
    r"(?i:\b(?:bedankt|hartelijk dank|heel erg bedankt|dank (?:u|je|jullie) wel|dankjewel|"
    r"dankuwel|veel dank|thank you|thanks|many thanks|vielen dank|herzlichen dank|danke)\b)"
)
_REQUEST = re.compile(
    r"(?i:\b(?:graag|gaarne|kunt u|kunnen jullie|kun je|zou(?:den)? (?:u|jullie)|wil(?:len)? "
    r"(?:ik|we|wij|graag)|vraag|vragen|verzoek|verzoeken|aanvragen|laat (?:u|jullie) (?:mij|ons) "
    r"weten|please|could you|can you|would you|request|bitte|können sie|würden sie)\b)"
)
_THANKS_OPENING = 200


def _only_thanks(text: str) -> bool:
    return (
        "?" not in text
        and _THANKS.search(text[:_THANKS_OPENING]) is not None
        and _REQUEST.search(text) is None
    )


# A mail that announces several questions ("een paar vragen", "a few questions", "mehrere
# Fragen") usually has no single right team: the desk asks, with the likeliest group first.
# Two questions ("twee vragen") are mostly about one thing and do not count; three do.
_SEVERAL_QUESTIONS = re.compile(
    r"(?i:\b(?:een\s{1,3}paar|paar|een\s{1,3}aantal|meerdere|diverse|allerlei|drie|vier|vijf)"
    r"\s{1,3}(?:vragen|vraagjes|dingen|zaken|punten)\b"
    r"|\b(?:three|four|five|drei|fünf)\s{1,3}(?:questions|things|fragen|dinge)\b"
    r"|(?<![\d,.])[3-5]\s{1,3}(?:vragen|vraagjes|questions|fragen)\b"
    r"|\b(?:a\s{1,3}few|several|some|a\s{1,3}couple\s{1,3}of|a\s{1,3}number\s{1,3}of|multiple)\s{1,3}"
    r"(?:questions|things)\b"
    r"|\b(?:einige|mehrere|ein\s{1,3}paar)\s{1,3}(?:fragen|dinge)\b)"
)
# What the writer says the mail is not about: "(staat los van project Wolderbrug)", "niets met
# de bouw van de brug te maken", "bewust niet via de bouwvergadering", "nothing to do with the
# works". The thing named there is no evidence for its group.
_WORD_RUN = r"[^\s.,;:!?()]{1,40}"
_UNRELATED = re.compile(
    r"(?i:"
    rf"\blos\s+van\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\b(?:niets|niks)\s+(?:te\s+maken\s+)?met\s+(?:{_WORD_RUN}\s+){{0,6}}?te\s+maken"
    rf"|\b(?:niets|niks)\s+(?:te\s+maken\s+)?met\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\bgeen\s+(?:verband|relatie)\s+met\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\bniet\s+via\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\bnothing\s+to\s+do\s+with\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\b(?:not\s+related|unrelated)\s+to\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\bnichts\s+mit\s+(?:{_WORD_RUN}\s+){{0,4}}zu\s+tun"
    # "dit is niet voor het waterschap", "this is not about money for the bill"
    rf"|\b(?:dit|deze\s+(?:vraag|mail|e-mail|melding))\s+is\s+niet\s+(?:bedoeld\s+)?voor\s+"
    rf"(?:{_WORD_RUN}\s+){{0,2}}{_WORD_RUN}"
    rf"|\b(?:het|dit|deze\s+vraag)\s+gaat\s+niet\s+over\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    rf"|\b(?:this|it)\s+is\s+not\s+(?:about|for)\s+(?:{_WORD_RUN}\s+){{0,3}}{_WORD_RUN}"
    r")"
)
# "iemand van het waterschap zei dat dit niet van hen is", "Peelwarmte zegt dat het niet van
# hun is": a party that said the matter is not theirs; the sentence that tells it names
# who is not wanted, so none of its words is evidence
_DENIED = re.compile(
    r"(?i:\b(?:niet van (?:hun|hen|hem|haar) (?:is|zijn|was|waren)|niet (?:onder|bij) "
    r"(?:hun|hen|hem|haar) (?:valt|vallen|viel)|(?:gaan|gaat|ging|gingen) (?:er|daar) niet over"
    r"|niet (?:hun|hun eigen) (?:taak|zaak|verantwoordelijkheid)|(?:is|was) not theirs"
    r"|not their (?:job|responsibility|problem)|nicht (?:zuständig|ihre sache))\b"
    # or that needs nothing more of a party, or has it arranged already ("daarvoor hoeven we
    # niet bij de netbeheerder aan te kloppen", "bij Hunzenet aangevraagd, dat loopt"); a
    # question that says so still asks (below)
    r"|(?P<arranged>(?i:\b(?:hoeven|hoeft|hoef) (?:we|wij|ik|je|jij|u|hij|zij|ze) niet "
    r"(?:bij|naar|via|aan te kloppen)|\b(?:aangevraagd|geregeld|gemeld|afgesproken),? "
    r"(?:en )?(?:dat|die|het) (?:loopt|is geregeld)|\b(?:is|zijn|hebben we|heb ik) al "
    r"(?:geregeld|geleverd|aangesloten|rond)\b)))"
)
_SENTENCE_MARKS = ".?!\n"
_DENIAL_REACH = 300


def _without_denials(text: str) -> str:
    """``text`` with each sentence that tells of a party's denial blanked (at most
    ``_DENIAL_REACH`` characters either side of the denial)."""
    pieces: list[str] = []
    done = 0
    for match in _DENIED.finditer(text):
        if match.start() < done:
            continue
        reach = max(done, match.start() - _DENIAL_REACH)
        start = max(text.rfind(mark, reach, match.start()) for mark in _SENTENCE_MARKS) + 1
        start = max(start, reach)
        ends = [
            found
            for mark in _SENTENCE_MARKS
            if (found := text.find(mark, match.end(), match.end() + _DENIAL_REACH)) >= 0
        ]
        end = min(ends) if ends else min(len(text), match.end() + _DENIAL_REACH)
        if match.group("arranged") and text.startswith("?", end):
            continue
        pieces.append(text[done:start])
        pieces.append(" ")
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


# A greeting that names who the writer addresses ("Beste P&O,", "Geachte medewerkers van
# Burgerzaken,", "beste mensen van het team Kernen,"): the team the mail is meant for.
_ADDRESSED = re.compile(
    r"(?im:^[ \t]{0,4}(?:beste|geachte|hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond|"
    r"dear|hello|hi|liebe|sehr geehrte)\b(?P<addressee>[^\n.?]{2,80}?)[,:!]?[ \t]*$)"
)
_GREETING_REACH = 600  # a greeting opens a mail: what a crafted one adds further down is nothing
# a sentence that ends in a question mark (bounded: a long run without a full stop is
# read in pieces)
_ASKED = re.compile(r"[^.?!\n]{0,300}\?")
# "ik werk sinds september als leerwerktrajectant bij team Beheer Openbare Ruimte", "ik loop
# stage bij de afdeling Vergunningen": where a colleague works is who asks, not what; the
# team named there is no evidence.
_WORKPLACE = re.compile(
    r"(?i:\b(?:werk|werken|werkzaam|stage|stagiair|stagiaire|ben|zit)\b[^.?!\n]{0,60}?"
    r"\b(?:bij|van|op|in) (?:het |de |ons )?(?:team|afdeling|cluster|sector|unit)\s{1,3}"
    r"[^.,;:?!()\n]{1,50})"
)
# Words every mail to or within a municipality uses: never a topic, wherever they stand
# (a description "Gemeentelijke belastingen" must not make "de gemeente" a tax question).
_GENERIC = frozenset(
    (
        "gemeente", "gemeenten", "gemeentes", "gemeentelijk", "gemeentelijke", "gemeentehuis",
        "stadhuis", "inwoner", "inwoners", "burger", "burgers", "municipality", "council",
        # how groups describe themselves, not what they are about ("samen met de aannemer")
        "samen", "overleg", "gedeeld", "gedeelde", "kanaal", "team", "afdeling", "cluster",
        "algemeen", "algemene", "overig", "overige",
        # "ik werk vroeg", "het werk aan de weg": everyone's work, no question about a job
        "werk",
        # shops, not the market: "supermarkt" holds "markt"
        "supermarkt", "supermarkten",
    )
)  # fmt: skip

# Endings that make another word of a word ("ruimte" -> "ruimtelijk"), not a compound.
_SUFFIXES = frozenset(
    ("lijk", "lijke", "heid", "heden", "ing", "ingen", "isch", "ische", "baar", "bare",
     "loos", "loze", "schap", "achtig", "ig", "ige", "er", "ers", "tje", "tjes")
)  # fmt: skip
_LONG_SUFFIXES = tuple(s for s in _SUFFIXES if len(s) >= 4)

# English and German words a question may use for what groups are described with.
GLOSSARY: dict[str, str] = {
    "passport": "paspoort",
    "identity card": "id-kaart",
    "driving licence": "rijbewijs",
    "driving license": "rijbewijs",
    "register": "inschrijving brp",
    "registration": "inschrijving brp",
    "new address": "adreswijziging verhuizing",
    "moving": "verhuizing",
    "birth certificate": "geboorteakte uittreksel",
    "marriage": "huwelijk",
    "wedding": "huwelijk",
    "citizen service number": "bsn brp",
    "permit": "vergunning",
    "building permit": "omgevingsvergunning bouwaanvraag",
    "zoning plan": "bestemmingsplan omgevingsplan",
    "tax": "belastingen",
    "property tax": "ozb",
    "objection": "bezwaar",
    "refund": "teruggave",
    "budget": "begroting",
    "tender": "aanbesteding",
    "procurement": "inkoop",
    "contract management": "contractbeheer",
    "data breach": "datalek",
    "privacy": "avg",
    "leave": "verlof",
    "holiday": "verlof",
    "salary": "salaris",
    "vacancy": "vacature",
    "working from home": "thuiswerken",
    "password": "wachtwoord",
    "press release": "persbericht",
    "social media": "social media",
    "station area": "stationsgebied",
    "drawings": "tekeningen",
    "floor plans": "tekeningen",
    "construction": "bouw",
    "fence": "bouwhek",
    "schedule": "planning",
    "welfare": "bijstand",
    "debt": "schuldhulpverlening",
    "youth care": "jeugdhulp",
    # English words for the products of knowledge/data/municipal_domains.toml (Dutch
    # everyday words for them are in that file, not here: a word counts once).
    "household help": "huishoudelijke hulp",
    "home help": "huishoudelijke hulp",
    "stairlift": "traplift",
    "stair lift": "traplift",
    "wheelchair": "rolstoel",
    "mobility scooter": "scootmobiel",
    "home adaptation": "woningaanpassing",
    "informal care": "mantelzorg",
    "carer": "mantelzorg",
    "caregiver": "mantelzorg",
    "respite": "respijtzorg",
    "sheltered housing": "beschermd wonen",
    "homeless": "maatschappelijke opvang",
    "school transport": "leerlingenvervoer",
    "special education": "speciaal onderwijs",
    "compulsory education": "leerplicht",
    "social assistance": "bijstand",
    "benefits": "uitkering",
    "unemployed": "werkloos",
    "bailiff": "deurwaarder",
    "debt collector": "incassobureau",
    "debt collection": "incassobureau",
    "property valuation": "woz",
    "property value": "woz",
    "tax assessment": "aanslag",
    "tax bill": "aanslag",
    "municipal tax": "belastingen",
    "dog tax": "hondenbelasting",
    "tourist tax": "toeristenbelasting",
    "waste tax": "afvalstoffenheffing",
    "tax relief": "kwijtschelding",
    "remission": "kwijtschelding",
    "parking permit": "parkeervergunning",
    "parking": "parkeren",
    "event permit": "evenementenvergunning",
    "grant": "subsidie",
    "subsidy": "subsidie",
    "subsidies": "subsidie",
    "association": "vereniging",
    "sports club": "sportvereniging",
    "choir": "koor",
    "community centre": "wijkcentrum",
    "community center": "wijkcentrum",
    "volunteers": "vrijwilligers",
    "membership fee": "contributie",
    "grave": "graf",
    "cremation": "asbestemming",
    "street party": "straatfeest",
    "noise nuisance": "geluidsoverlast",
    "dormer": "dakkapel",
    "extension to": "aanbouw",
    "planning permission": "omgevingsvergunning",
    "convert": "verbouwen",
    "conversion": "verbouwing",
    "demolition": "sloopmelding",
    "street light": "straatverlichting",
    "streetlight": "straatverlichting",
    "pothole": "wegdek",
    "pavement": "stoep",
    "sidewalk": "stoep",
    "playground": "speeltuin",
    "litter": "zwerfvuil",
    "asbestos": "asbest",
    "soil survey": "bodemonderzoek",
    "soil contamination": "bodemverontreiniging",
    "street sign": "straatnaambord",
    "road sign": "verkeersbord",
    "gritting": "gladheidsbestrijding",
    "residence permit": "verblijfsvergunning",
    "truancy": "schoolverzuim",
    "childminder": "gastouder",
    "childcare": "kinderopvang",
    "day care": "kinderdagverblijf",
    "daycare": "kinderdagverblijf",
    "after-school care": "buitenschoolse opvang",
    "cemetery": "begraafplaats",
    "graveyard": "begraafplaats",
    "burial": "begraven",
    "funeral": "begrafenis",
    "rubbish": "afval",
    "garbage": "afval",
    "waste collection": "afvalinzameling",
    "recycling": "afval",
    "bulky waste": "grofvuil",
    "death certificate": "overlijdensakte",
    "certificate of good conduct": "verklaring omtrent het gedrag",
    "naturalisation": "naturalisatie",
    "naturalization": "naturalisatie",
    "payslip": "loonstrook",
    "sick leave": "ziekmelding",
    "parental leave": "ouderschapsverlof",
    "meeting room": "vergaderruimte",
    "log in": "inloggen",
    "login": "inloggen",
    "voltrekking": "huwelijk",
    "tiktok": "social media",
    "huisstijlhandleiding": "huisstijl",
    "verkeerde ontvanger": "datalek",
    "verkeerde client": "datalek",
    "verkeerde klant": "datalek",
    "verkeerde persoon": "datalek",
    "verkeerde e-mailadres": "datalek",
    "wrong recipient": "datalek",
    "wrong person": "datalek",
    "laptop": "laptop",
    # German, as partners and residents across the border write to a Dutch gemeente (folded:
    # ä → a, ß → ss; plurals written out where German adds more than -s or -es). Words that
    # are also English or Dutch words ("Grab", "Parken", "Müll") are left out.
    "reisepass": "paspoort",
    "personalausweis": "id-kaart",
    "fuhrerschein": "rijbewijs",
    "anmeldung": "inschrijving brp",
    "ummeldung": "adreswijziging verhuizing",
    "umzug": "verhuizing",
    "wohnsitz": "inschrijving brp",
    "meldebescheinigung": "uittreksel brp",
    "geburtsurkunde": "geboorteakte uittreksel",
    "sterbeurkunde": "overlijdensakte",
    "eheschliessung": "huwelijk",
    "trauung": "huwelijk",
    "standesamt": "burgerzaken huwelijk",
    "einburgerung": "naturalisatie",
    "genehmigung": "vergunning",
    "genehmigungen": "vergunning",
    "baugenehmigung": "omgevingsvergunning bouwaanvraag",
    "bauantrag": "omgevingsvergunning bouwaanvraag",
    "bebauungsplan": "bestemmingsplan omgevingsplan",
    "abriss": "sloopmelding",
    "steuer": "belastingen",
    "steuern": "belastingen",
    "grundsteuer": "ozb",
    "hundesteuer": "hondenbelasting",
    "kurtaxe": "toeristenbelasting",
    "ubernachtungssteuer": "toeristenbelasting",
    "widerspruch": "bezwaar",
    "einspruch": "bezwaar",
    "steuererlass": "kwijtschelding",
    "ausschreibung": "aanbesteding",
    "vergabe": "aanbesteding inkoop",
    "rechnung": "factuur",
    "datenschutz": "avg",
    "datenpanne": "datalek",
    "sozialhilfe": "bijstand",
    "burgergeld": "bijstand",
    "grundsicherung": "bijstand",
    "schulden": "schuldhulpverlening",
    "schuldnerberatung": "schuldhulpverlening",
    "jugendhilfe": "jeugdhulp",
    "jugendamt": "jeugdhulp",
    "schulerbeforderung": "leerlingenvervoer",
    "pflege": "zorg wmo",
    "haushaltshilfe": "huishoudelijke hulp",
    "treppenlift": "traplift",
    "rollstuhl": "rolstoel",
    "wohnraumanpassung": "woningaanpassing",
    "abfall": "afval",
    "sperrmull": "grofvuil",
    "mullabfuhr": "afvalinzameling",
    "parkausweis": "parkeervergunning",
    "anwohnerparkausweis": "parkeervergunning",
    "veranstaltung": "evenementenvergunning",
    "veranstaltungen": "evenementenvergunning",
    "strassenfest": "straatfeest",
    "zuschuss": "subsidie",
    "verein": "vereniging",
    "vereine": "vereniging",
    "baum": "bomen kapvergunning",
    "baume": "bomen kapvergunning",
    "baumfallung": "kapvergunning",
    "strassenbeleuchtung": "straatverlichting",
    "laterne": "straatverlichting",
    "abwasser": "riool",
    "kanalisation": "riool",
    "larm": "geluidsoverlast",
    "friedhof": "begraafplaats",
    "beerdigung": "begrafenis",
    "spielplatz": "speeltuin",
    "gehweg": "stoep",
    "kinderbetreuung": "kinderopvang",
    "tagesmutter": "gastouder",
    "kita": "kinderdagverblijf",
    "winterdienst": "gladheidsbestrijding",
    "streudienst": "gladheidsbestrijding",
    "glatteis": "gladheid",
    "strassenschild": "straatnaambord",
    "einburgerungstest": "naturalisatie",
    "aufenthaltserlaubnis": "verblijfsvergunning",
    "schulpflicht": "leerplicht",
    "schuler": "leerling",
    # English words for the economy, events, safety, housing, planning, legal, council,
    # sustainability and traffic domains
    "market": "markt",
    "market stall": "standplaats marktkraam",
    "stall": "standplaats",
    "food truck": "foodtruck",
    "event": "evenement",
    "events": "evenementen",
    "entrepreneur": "ondernemer",
    "entrepreneurs": "ondernemers",
    "business owner": "ondernemer",
    "start-up": "starter",
    "startup": "starter",
    "shopkeepers": "winkeliers",
    "tourism": "toerisme",
    "tourists": "toeristen",
    "holiday park": "vakantiepark",
    "campsite": "camping",
    "complaint": "klacht",
    "liability": "aansprakelijkheid",
    "damage claim": "schadeclaim",
    "compensation": "schadevergoeding",
    "council meeting": "raadsvergadering",
    "councillor": "raadslid",
    "council member": "raadslid",
    "alderman": "wethouder",
    "mayor": "burgemeester",
    "petition": "petitie",
    "election": "verkiezingen",
    "elections": "verkiezingen",
    "polling station": "stembureau",
    "demonstration": "demonstratie",
    "fireworks": "vuurwerk",
    "police": "politie",
    "cctv": "cameratoezicht",
    "camera surveillance": "cameratoezicht",
    "dangerous dog": "gevaarlijke hond",
    "dog bite": "bijtincident",
    "social housing": "sociale huur",
    "housing association": "woningcorporatie",
    "housing corporation": "woningcorporatie",
    "landlord": "verhuurder",
    "tenant": "huurder",
    "rental home": "huurwoning",
    "mould": "schimmel",
    "mold": "schimmel",
    "damp": "vocht",
    "building plot": "bouwkavel",
    "plot of land": "kavel",
    "solar panels": "zonnepanelen",
    "heat pump": "warmtepomp",
    "insulation": "isolatie",
    "charging point": "laadpaal",
    "charging station": "laadpaal",
    "traffic": "verkeer",
    "speeding": "hardrijders",
    "pedestrian crossing": "zebrapad",
    "zebra crossing": "zebrapad",
    "traffic lights": "verkeerslicht",
    "bus stop": "bushalte",
    "speed bump": "drempel",
    "pupil": "leerling",
    "pupils": "leerlingen",
    "claim": "schadeclaim",
    "liable": "aansprakelijk",
    "damages": "schadevergoeding",
    "anxiety": "ggz",
    "mental health": "ggz",
    "therapist": "ggz",
    "therapy": "ggz",
    "counselling": "ggz",
    "counseling": "ggz",
    "psychologist": "kinderpsycholoog",
    "job application": "sollicitatie",
    "applying for": "solliciteren",
    "resume": "cv",
    "low income": "laag inkomen",
    "make ends meet": "rondkomen",
    # German words for them
    "marktstand": "standplaats marktkraam",
    "wochenmarkt": "weekmarkt",
    "imbisswagen": "foodtruck",
    "beschwerde": "klacht",
    "schadensersatz": "schadevergoeding",
    "haftung": "aansprakelijkheid",
    "gemeinderat": "gemeenteraad",
    "stadtrat": "gemeenteraad",
    "burgermeister": "burgemeester",
    "feuerwerk": "vuurwerk",
    "polizei": "politie",
    "unternehmer": "ondernemer",
    "gewerbeanmeldung": "ondernemer kvk",
    "tourismus": "toerisme",
    "mietwohnung": "huurwoning",
    "vermieter": "verhuurder",
    "mieter": "huurder",
    "solaranlage": "zonnepanelen",
    "photovoltaik": "zonnepanelen",
    "warmepumpe": "warmtepomp",
    "ladesaule": "laadpaal",
    "verkehr": "verkeer",
    "schule": "school",
    "bauplatz": "bouwkavel",
    "dachgaube": "dakkapel",
    "gaube": "dakkapel",
    "anbau": "aanbouw",
    "gartenhaus": "tuinhuis",
    "zaun": "schutting",
    "radweg": "fietspad",
    "schlagloch": "wegdek",
    "ferienwohnung": "vakantiewoning",
    "ubernachtungen": "overnachtingen",
    "holiday flats": "vakantiewoningen",
    "holiday homes": "vakantiewoningen",
    "holiday home": "vakantiewoning",
    "change of use": "functiewijziging",
    "barn": "schuur",
    # household goods a resident wants collected
    "sofa": "bankstel",
    "couch": "bankstel",
    "mattress": "matras",
    "mattresses": "matrassen",
    "fridge": "koelkast",
    "washing machine": "wasmachine",
    "furniture": "meubels",
    # working for the gemeente
    "applied for": "sollicitatie",
    "my application": "sollicitatie",
    "job interview": "sollicitatiegesprek",
    "invited for an interview": "sollicitatiegesprek",
    "the position": "vacature",
    "recruitment": "werving",
    # land for business
    "business park": "bedrijventerrein",
    "industrial estate": "bedrijventerrein",
    "serviced plots": "bouwkavels bedrijventerrein",
    "plots": "kavels",
    "gewerbegebiet": "bedrijventerrein",
    "business premises": "bedrijfspand",
    "commercial premises": "bedrijfspand",
    "production site": "bedrijfspand",
    "scale-up": "starter",
    "chamber of commerce": "kvk",
    # the energy transition at home
    "energy coach": "energiecoach",
    "energy advisor": "energiecoach",
    "energy adviser": "energiecoach",
    "heat network": "warmtenet",
    "heating network": "warmtenet",
    "district heating": "warmtenet",
    "energy allowance": "energietoeslag",
    "energy poverty": "energiearmoede",
    # German, as folded ("Fernwärme" is read as "fernwarme")
    "energieberater": "energiecoach",
    "fernwarme": "warmtenet",
    "warmenetz": "warmtenet",
    "dammung": "isolatie",
}
# "telefoon [telefoonnummer verwijderd]", "mijn BSN is [BSN verwijderd]": a label of personal
# data, not a topic (no ICT question, no BRP question).
_CONTACT_LABEL = re.compile(
    r"\b(?:telefoon(?:nummer)?|tel|mobiel|phone|mobile|e-?mail(?:adres)?|adres|address|"
    r"rekening(?:nummer)?|account|bsn|burgerservicenummer|citizen service number|"
    r"geboortedatum|date of birth)\b[\s:.]*(?:is\s+|op\s+|on\s+)?"
    r"(?=\[[^\]\n]{0,40}(?:verwijderd|removed)\])",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[[^\]\n]{0,40}(?:verwijderd|removed)\]", re.IGNORECASE)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


# A glossary word counts as a whole word (or its plural): the "register" in "nachtregister"
# is no English "register", the "tax" in "taxi" no tax.
_GLOSSARY_WORDS = {
    source: re.compile(rf"(?<![a-z0-9]){re.escape(source)}(?:s|es)?(?![a-z0-9])")
    for source in GLOSSARY
}


_GLOSSARY_BY_LENGTH = sorted(_GLOSSARY_WORDS.items(), key=lambda item: -len(item[0]))

# English glossary words that are Dutch words with another meaning ("landelijk register" is
# no registration at the town hall): they count only where the text around them is English.
_ENGLISH_ONLY = frozenset({"register", "grave", "tax", "grant"})


def expand_glossary(text: str, english: frozenset[str] | None = None) -> str:
    """``text`` folded, with the Dutch words of the glossary words it uses; ``english``: the
    words of its English lines (None: every word may be English)."""
    folded = fold(_PLACEHOLDER.sub(" ", _CONTACT_LABEL.sub(" ", text)))
    extra: list[str] = []
    # Longer sources first, and what one matched is no longer there for a shorter one: a
    # "residence permit" is no building "permit".
    rest = folded
    for source, word in _GLOSSARY_BY_LENGTH:
        if word.search(rest) and (
            english is None or source not in _ENGLISH_ONLY or source in english
        ):
            extra.append(GLOSSARY[source])
            if " " in source:
                rest = word.sub(" ", rest)
    return folded + (" " + " ".join(extra) if extra else "")


@dataclass(frozen=True, slots=True)
class GroupProfile:
    id: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    past_texts: tuple[str, ...] = ()
    # people of an external organisation are members of its channel: a mail may go there
    # only when a person chooses it
    external_members: bool = False
    # the deployment's own names ("Wadwerd"): where questions come from, no topic
    home_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Domain:
    """A municipal task domain: the words that name it, and the words used for its work."""

    id: str
    anchors: tuple[str, ...]
    terms: tuple[str, ...]
    # A task that one gemeente gives its own team or counter and another leaves in a broader
    # domain (parking under permits, graves under the public space): the groups of that
    # broader domain stand for it unless some group names it.
    within: str | None = None
    # Product names of the Uniforme Productnamenlijst that only this domain uses
    # (data/upl_products.toml): weaker words, and never what makes a group the domain's.
    products: tuple[str, ...] = ()
    # Words that name the domain in a group's name ("Wonen", "Verkeer") but are everyday
    # words in a question ("wij wonen", "afgesloten voor verkeer"): they make a group the
    # domain's and are no evidence.
    names: tuple[str, ...] = ()


def load_domains(text: str | None = None, products: str | None = None) -> list[Domain]:
    """The shipped ``data/municipal_domains.toml`` with the product words of
    ``data/upl_products.toml`` (or ``text`` and ``products`` in their formats)."""
    data_folder = resources.files("knowledge").joinpath("data")
    if text is None:
        text = data_folder.joinpath("municipal_domains.toml").read_text("utf-8")
        if products is None:
            products = data_folder.joinpath("upl_products.toml").read_text("utf-8")
    data = tomllib.loads(text)
    product_words = tomllib.loads(products or "").get("domains", {})
    return [
        Domain(
            str(d["id"]),
            tuple(d.get("anchors", ())),
            tuple(d.get("terms", ())),
            str(d["within"]) if "within" in d else None,
            tuple(product_words.get(str(d["id"]), {}).get("words", ())),
            tuple(d.get("names", ())),
        )
        for d in data.get("domains", [])
    ]


@dataclass(frozen=True, slots=True)
class RouteChoice:
    group_id: str
    score: float


@dataclass(frozen=True, slots=True)
class Route:
    group_id: str | None
    confidence: float
    ranked: tuple[RouteChoice, ...] = ()
    # the best group has external members: never post there without a person's choice
    needs_choice: bool = False

    def top(self, n: int = 3) -> list[str]:
        return [choice.group_id for choice in self.ranked[:n]]


@dataclass
class _Index:
    weights: dict[str, dict[str, float]] = field(default_factory=dict)  # term -> group -> w
    phrases: dict[str, dict[str, float]] = field(default_factory=dict)  # multiword -> group -> w
    terms: list[str] = field(default_factory=list)
    # Heads and tails of long terms: "vergunning" is the tail of "omgevingsvergunning".
    parts: dict[str, dict[str, tuple[float, str]]] = field(default_factory=dict)
    # Words of the municipal domains a group belongs to (weaker than its own words, and
    # looked up besides them, never instead).
    domain: dict[str, dict[str, float]] = field(default_factory=dict)
    # Words a group's channel history uses distinctly more than the other groups' history
    # (:meth:`Router.history_words`): stem -> group -> weight.
    history: dict[str, dict[str, float]] = field(default_factory=dict)


def _short_singular(word: str) -> tuple[str, ...]:
    """The plain singular of a plural in -en too short for :func:`light_stem` ("honden" ->
    "hond", "tuinen" -> "tuin"); a doubled consonant is written once ("hekken" -> "hek" is
    too short to keep)."""
    if len(word) not in (6, 7) or not word.endswith("en"):
        return ()
    base = word[:-2]
    if base[-1] == base[-2] and base[-1] not in "aeiou":
        base = base[:-1]
    return (base,) if len(base) >= 4 and base != light_stem(word) else ()


class Router:
    """Built once from the groups (and their past threads); ``route`` is cheap per question."""

    KEYWORD_WEIGHT = 3.0
    NAME_WEIGHT = 2.0
    DESCRIPTION_WEIGHT = 1.5
    DOMAIN_WEIGHT = 1.0
    # How fast confidence grows with evidence: one domain term alone gives about 0.5, a
    # compound part alone (about half a term) stays below the usual threshold of 0.35.
    EVIDENCE_RATE = 0.65
    INHERITED_WEIGHT = 0.6  # a narrower domain the group stands for without naming it
    PRODUCT_WEIGHT = 0.6  # a UPL product word of the domain (not chosen by hand)
    ANCHOR_WEIGHT = 1.5  # the name of a domain or its law ("Wmo", "WOZ") says more than a term
    HISTORY_MIN_TEXTS = 3
    HISTORY_MIN_SHARE = 0.05
    HISTORY_LIFT = 2.0
    # Words of a group's history (:meth:`history_words`): one that the group's texts alone
    # use, in many of them, weighs HISTORY_WORD domain terms; what a question draws from one
    # group's history grows with its words and stays below HISTORY_CAP domain terms (less
    # than one word of a description), however many texts the channel has.
    HISTORY_WORD = 1.0
    HISTORY_CAP = 1.25
    HISTORY_PRIOR = 0.5  # texts with and without a word each group is assumed to have had
    HISTORY_SUPPORT = 2.0  # texts with the word that give half its weight ...
    HISTORY_DOUBT = 0.5  # ... after this much of a text: a word of one text may be its accident
    HISTORY_MIN = 0.05  # weaker words (in units of one domain term) are not kept
    # What the domain a question is most likely about (knowledge.domain_words, learned from
    # questions of other deployments) adds to the groups that stand for it, in domain terms.
    LEARNED_WEIGHT = 1.5
    # a need a sentence states (an access request, a letter that reached the wrong person)
    STATED_NEED_WEIGHT = 9.0
    # the words of the sentences that ask count once more
    ASKED_WEIGHT = 1.0
    # and so do those of the team a greeting addresses
    ADDRESSED_WEIGHT = 1.0
    # A domain several groups name is most the group that names most of its words: the
    # others' domain words weigh down to half (chosen on all sets: 0.5, 0.75, 0.9 alike)
    CLOSENESS_SPREAD = 0.5
    INHERITED_SHARE = 0.5  # of the learned domain, for a group that stands for it unnamed
    LEARNED_ALONE = 0.8  # the likeliest domain's probability that makes a suggestion alone

    def __init__(
        self,
        groups: Sequence[GroupProfile],
        domains: Sequence[Domain] | None = None,
        domain_words: DomainWords | None = None,
    ) -> None:
        """``domains``: the shipped vocabulary when None; ``domain_words``: the shipped
        model (:mod:`knowledge.domain_words`) when None and the domains are the shipped ones,
        none when they are not (its domains are those of the shipped vocabulary)."""
        self.groups = list(groups)
        self.domains = list(load_domains() if domains is None else domains)
        if domain_words is None and domains is None:
            domain_words = load_domain_words()
        self._domain_words = domain_words
        # "wonen", "verkeer": they name a group's domain, and are everyday words in questions
        self._names_only = {
            word for domain in self.domains for name in domain.names for word in tokens(name)
        }
        self._learned = self.history_domains(self.groups)
        self._affinity = {group.id: self._named_domains(group) for group in self.groups}
        self._named = {group_id: set(named) for group_id, named in self._affinity.items()}
        self._claimed: set[str] = set().union(*self._named.values())
        self._index = self._build(self.groups)
        self._domain_share = self._domain_shares()
        self._cache: dict[str, tuple[tuple[str, str, float], ...]] = {}

    def group_domains(self, group: GroupProfile) -> list[Domain]:
        """The domains a group's name, description and keywords name (one anchor or two of
        the domain's terms), those its channel history keeps using
        (:meth:`history_domains`), and the narrower domains ``within`` one of these that no
        group names."""
        named = self._named.get(group.id)
        if named is None:
            named = set(self._named_domains(group))
        stood_for = set(named)
        for _ in range(3):  # events within the APV within permits: a chain of narrower ones
            stood_for |= {
                d.id for d in self.domains if d.within in stood_for and d.id not in self._claimed
            }
        return [domain for domain in self.domains if domain.id in stood_for]

    def _named_domains(self, group: GroupProfile) -> dict[str, int]:
        """The domains a group's own words name, each with how many of the domain's words
        they use ("groen, wegen, straatverlichting, speelplekken" is more the public space's
        group than "toezicht openbare ruimte")."""
        own = " ".join([group.name, group.description, *group.keywords])
        text = " " + " ".join(tokens(own)) + " "
        stems = {light_stem(w) for w in tokens(own)}
        # "Belastingsamenwerking", "Omgevingswetloket": a team named by a compound whose
        # first part names the domain.
        heads = {
            w[:cut].removesuffix("s")
            for w in tokens(own)
            if len(w) >= 2 * _MIN_PART + 1
            for cut in range(_MIN_PART + 1, len(w) - _MIN_PART + 1)
        }

        def found(phrase: str) -> bool:
            words = tokens(phrase)
            if len(words) == 1:
                stem = light_stem(words[0])
                return stem in stems or (len(stem) >= 6 and stem in heads)
            return f" {' '.join(words)} " in text

        def same_word(phrase: str) -> str:
            # "evenement" and "evenementen" are one word of the group's, not two
            words = tokens(phrase)
            return light_stem(words[0]) if len(words) == 1 else " ".join(words)

        learned = self._learned.get(group.id, set())
        named: dict[str, int] = {}
        for domain in self.domains:
            anchors = {same_word(a) for a in (*domain.anchors, *domain.names) if found(a)}
            terms = {same_word(t) for t in domain.terms if found(t)}
            if domain.id in learned or anchors or len(terms) >= 2:
                named[domain.id] = max(1, len(anchors | terms))
        return named

    def history_domains(self, groups: Sequence[GroupProfile]) -> dict[str, set[str]]:
        """The domains each group's past threads keep using: a word of the domain in at
        least ``HISTORY_MIN_TEXTS`` of its texts, in ``HISTORY_MIN_SHARE`` of them, and in a
        share at least ``HISTORY_LIFT`` times the mean share of the groups with history
        (talk every channel has, "teams", "planning", makes no domain; a few mentions of a
        meeting room make no facilities group)."""
        vocabulary = [(d.id, _vocabulary(d)) for d in self.domains]
        shares: dict[str, dict[str, tuple[int, float]]] = {}
        for group in groups:
            texts = group.past_texts[:_MAX_PAST]
            if not texts:
                continue
            mentions: Counter[str] = Counter()
            for text in texts:
                words = tokens(text[:_MAX_TEXT])
                stems = {light_stem(w) for w in words}
                joined = f" {' '.join(words)} "
                for domain_id, (singles, phrases) in vocabulary:
                    if not singles.isdisjoint(stems) or any(p in joined for p in phrases):
                        mentions[domain_id] += 1
            shares[group.id] = {d: (n, n / len(texts)) for d, n in mentions.items()}
        learned: dict[str, set[str]] = {}
        for domain_id, _ in vocabulary:
            found = [s[domain_id] for s in shares.values() if domain_id in s]
            if not found:
                continue
            mean = sum(share for _, share in found) / len(shares)
            for group_id, seen in shares.items():
                count, share = seen.get(domain_id, (0, 0.0))
                if count >= self.HISTORY_MIN_TEXTS and share >= max(
                    self.HISTORY_MIN_SHARE, self.HISTORY_LIFT * mean
                ):
                    learned.setdefault(group_id, set()).add(domain_id)
        return learned

    def history_words(self, groups: Sequence[GroupProfile]) -> dict[str, dict[str, float]]:
        """The words each group's past texts use distinctly more than the other groups'
        texts, with their weight (in the units of one domain term after its idf).

        A word counts once per text (repeating it says no more). Its rate in a group is
        smoothed with ``HISTORY_PRIOR`` texts with and without it, so a group with few
        texts is not known to avoid a word. A word's weight for a group is

        * its *share*: the group's rate over the sum of the rates of all groups with
          history, rescaled so that a word every group uses alike (mail language,
          greetings, "graag", "vraag") gets 0 and a word only this group uses gets 1;
        * times its *support*: ``(a - d) / (a - d + HISTORY_SUPPORT)`` for a word in ``a``
          of the group's texts (``d``: ``HISTORY_DOUBT``): 0.2 for one text, 0.43 for two,
          0.56 for three, 0.83 for ten, so evidence grows with the texts and one text says
          little;
        * times ``HISTORY_WORD``.

        A text said again (a pasted template, a flood of copies) is one text. No group
        learns anything while fewer than two groups have history (nothing tells a group's
        own words from everybody's), and short words, stopwords, words with digits and
        removed personal data are never history words. :meth:`scores` bounds what one
        question draws from one group's history (``HISTORY_CAP``)."""
        used: dict[str, Counter[str]] = {}
        sizes: dict[str, int] = {}
        for group in groups:
            # each text's words, once per text
            texts = [
                {
                    light_stem(word)
                    for word in words
                    if _HISTORY_MIN_WORD <= len(word) <= _MAX_WORD
                    and word.isalpha()
                    and word not in STOPWORDS
                    and word not in NO_TOPIC
                    and word not in _GENERIC
                }
                for words in _distinct_texts(group.past_texts)
            ]
            texts = [words for words in texts if words]
            if not texts:
                continue
            used[group.id] = Counter(word for words in texts for word in words)
            sizes[group.id] = len(texts)
        if len(used) < 2:
            return {}
        prior = self.HISTORY_PRIOR
        unit = self._term_unit(len(groups))
        # the rate of a word a group never used: the base of every sum of rates
        unused = {g: prior / (n + 2 * prior) for g, n in sizes.items()}
        base = sum(unused.values())
        spread = len(used)
        counts: dict[str, dict[str, int]] = {}  # word -> group -> texts
        for group_id, seen in used.items():
            for word, count in seen.items():
                counts.setdefault(word, {})[group_id] = count
        history: dict[str, dict[str, float]] = {}
        for word, by_group in counts.items():
            rates = {g: (n + prior) / (sizes[g] + 2 * prior) for g, n in by_group.items()}
            total = base + sum(rate - unused[g] for g, rate in rates.items())
            for group_id, rate in rates.items():
                share = (rate / total * spread - 1) / (spread - 1)
                said = by_group[group_id] - self.HISTORY_DOUBT
                weight = self.HISTORY_WORD * share * said / (said + self.HISTORY_SUPPORT)
                if weight >= self.HISTORY_MIN:
                    history.setdefault(word, {})[group_id] = weight * unit
        return history

    @classmethod
    def _term_unit(cls, groups: int) -> float:
        """The weight of one domain term seen by one of ``groups`` groups, after its idf:
        the unit evidence is counted in."""
        return cls.DOMAIN_WEIGHT * math.log(1 + max(1, groups))

    @staticmethod
    def _add(index: _Index, term: str, group: str, weight: float) -> None:
        slot = index.weights.setdefault(term, {})
        slot[group] = max(slot.get(group, 0.0), weight)

    def _build(self, groups: Sequence[GroupProfile]) -> _Index:
        index = _Index()
        for group in groups:
            fields: list[tuple[Iterable[str], float]] = [
                (group.keywords, self.KEYWORD_WEIGHT),
                ([group.name], self.NAME_WEIGHT),
                (re.split(r"[,;]", group.description), self.DESCRIPTION_WEIGHT),
            ]
            for phrases, weight in fields:
                for phrase in phrases:
                    words = [w for w in tokens(phrase) if len(w) >= 2]
                    if len(words) > 1:
                        joined = " ".join(words)
                        index.phrases.setdefault(joined, {})[group.id] = weight * 1.5
                        # ("sociaalteam" of "Sociaal Team Wadwerd": not its tail "wadwerd")
                        topical = [w for w in words if w not in group.home_words]
                        if len(topical) > 1:
                            self._add(index, "".join(topical), group.id, weight)
                    for word in words:
                        if (
                            (len(words) > 1 and len(word) < _MIN_PART)
                            or word in STOPWORDS
                            or word in _GENERIC
                            or word in self._names_only
                            or word in group.home_words
                        ):
                            continue  # "over" in "overleg over het centrumplan" is no topic
                        # A word of a multi-word keyword says less than the whole keyword.
                        share = 0.3 if len(words) > 1 and phrases is group.keywords else 1.0
                        self._add(index, light_stem(word), group.id, weight * share)
                        for singular in (*en_singulars(word), *_short_singular(word)):
                            # "Bomen" is also "boom", "honden" also "hond"
                            self._add(index, singular, group.id, weight * share)
            named = self._named.get(group.id, set())
            for domain in self.group_domains(group):
                # A narrower domain a group stands for without naming it lends its words,
                # weaker, and not its name: "verkeer" in "afsluiten voor verkeer" is no
                # question for the public space team that also keeps the traffic signs.
                if domain.id in named:
                    closeness = self._closeness(group.id, domain.id)
                    weighted = [(a, self.ANCHOR_WEIGHT * closeness) for a in domain.anchors]
                    weighted += [(term, self.DOMAIN_WEIGHT * closeness) for term in domain.terms]
                    weighted += [
                        (word, self.PRODUCT_WEIGHT * closeness) for word in domain.products
                    ]
                else:
                    weighted = [(term, self.INHERITED_WEIGHT) for term in domain.terms]
                    weighted += [
                        (word, self.PRODUCT_WEIGHT * self.INHERITED_WEIGHT)
                        for word in domain.products
                    ]
                for phrase, base in weighted:
                    words = [w for w in tokens(phrase) if len(w) >= 2]
                    if len(words) > 1:
                        joined = " ".join(words)
                        # a product name of several words is strong evidence
                        phrase_weight = base * 1.5 * math.log(1 + len(groups))
                        slot = index.phrases.setdefault(joined, {})
                        slot[group.id] = max(slot.get(group.id, 0.0), phrase_weight)
                        slot = index.domain.setdefault("".join(words), {})
                        slot[group.id] = max(slot.get(group.id, 0.0), base)
                    elif words:
                        slot = index.domain.setdefault(light_stem(words[0]), {})
                        slot[group.id] = max(slot.get(group.id, 0.0), base)
        # Terms shared by many groups say little: scale by an inverse group frequency.
        n = max(1, len(groups))
        for _term, slot in index.weights.items():
            idf = math.log(1 + n / len(slot))
            for group_id in slot:
                slot[group_id] *= idf
        for slot in index.domain.values():
            idf = math.log(1 + n / len(slot))
            for group_id in slot:
                slot[group_id] *= idf
        index.terms = sorted(index.weights)
        index.history = self.history_words(groups)
        for term, slot in index.weights.items():
            if len(term) < _MIN_PART + 4 or len(term) > _MAX_WORD:
                continue
            for cut in range(_MIN_PART + 2, len(term) - 2):
                for part, rest in ((term[:cut], term[cut:]), (term[-cut:], term[:-cut])):
                    if rest in _SUFFIXES or (
                        part == term[:cut] and rest.startswith(_LONG_SUFFIXES)
                    ):
                        continue  # "ruimte" is no part of "ruimtelijk(eordening)"
                    # "aanvraag" says less than "bouwaanvraag": the compound names the kind
                    share = 0.25 + 0.25 * len(part) / len(term)
                    target = index.parts.setdefault(part, {})
                    for group_id, weight in slot.items():
                        if weight * share > target.get(group_id, (0.0, ""))[0]:
                            target[group_id] = (weight * share, term)
        return index

    def _matches(self, token: str, dutch: bool = True) -> tuple[tuple[str, str, float], ...]:
        """(term, group, weight) for each group a known term in ``token`` points to. Only a
        Dutch (or German) word is matched as a compound or a near miss of a known term: an
        English "register" is not the tail of "contractregister" (but a Dutch word in an
        English sentence, "bouwhek", still contains the known "bouw")."""
        cached = self._cache.get(token if dutch else f"{token}\x00en")
        if cached is not None:
            return cached
        if token in _GENERIC:
            self._cache[token if dutch else f"{token}\x00en"] = ()
            return ()
        weights = self._index.weights
        found: dict[str, tuple[float, str]] = {}

        def keep(group_id: str, weight: float, term: str) -> None:
            if weight > found.get(group_id, (0.0, ""))[0]:
                found[group_id] = (weight, term)

        stem = light_stem(token)
        # the plural in -s of a word too short for the stem to touch: "kavels"
        singular = token[:-1] if len(token) >= 5 and token.endswith("s") else token
        key = next((k for k in (stem, singular, *en_singulars(token)) if k in weights), token)
        direct = weights.get(key)
        domains = self._index.domain
        domain = domains.get(stem) or domains.get(token) or domains.get(singular)
        if direct:
            for group_id, weight in direct.items():
                keep(group_id, weight, key)
        elif domain is not None and dutch and len(token) <= _MAX_WORD:
            # A domain word can still begin with a group's own word: "bijstandsuitkering"
            # with "bijstand" (a head of two syllables or more, never "stand" of "bijstand").
            for cut in range(_LONG_HEAD, len(token) - 2):
                for group_id, weight in weights.get(token[:cut], {}).items():
                    keep(group_id, weight * cut / len(token), token[:cut])
        elif domain is None and _MIN_PART + 2 <= len(token) <= _MAX_WORD:
            # (a word the domains know as it is, "bijstand", is no compound of "stand")
            # Compound words: a known term as the head or tail of this word ...
            for cut in range(_MIN_PART + 1, len(token) - 2):
                for part in (token[:cut], token[-cut:]):
                    # the terms are stemmed: "subsidie" of "investeringssubsidie" is "subsidi"
                    key = part if part in weights else light_stem(part)
                    for group_id, weight in weights.get(key, {}).items():
                        keep(group_id, weight * len(part) / len(token), key)
            # ... or this word as the head or tail of a known compound term (Dutch words
            # only).
            for candidate in {token, stem} if dutch else ():
                for group_id, (weight, term) in self._index.parts.get(candidate, {}).items():
                    keep(group_id, weight, term)
            if not found and dutch and len(token) >= _FUZZY_MIN:
                best = process.extractOne(
                    token, self._index.terms, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
                )
                if best is not None and best[0][:2] == token[:2]:
                    for group_id, weight in weights[best[0]].items():
                        keep(group_id, weight * 0.8, best[0])
        if domain:
            for group_id, weight in domain.items():
                keep(group_id, weight, stem)
        elif dutch and _MIN_PART + 2 <= len(token) <= _MAX_WORD:
            # a domain word as the head or tail of this compound ("kerstpakketten")
            for cut in range(_MIN_PART + 1, len(token) - 2):
                for part in (token[:cut], token[-cut:]):
                    for group_id, weight in domains.get(part, {}).items():
                        keep(group_id, weight * len(part) / len(token), part)
        result = tuple((term, group_id, weight) for group_id, (weight, term) in found.items())
        if len(self._cache) < 50_000:
            self._cache[token if dutch else f"{token}\x00en"] = result
        return result

    def _known_as_is(self, word: str) -> bool:
        """A short word ("pc", "hr") is evidence only as a term of its own, never as part of
        a compound or a near miss: "pc" is no part of "pcr"."""
        return word in self._index.weights or word in self._index.domain

    def scores(self, text: str) -> dict[str, float]:
        """Each group's evidence for ``text``: its words (:meth:`word_scores`) and the domain
        the question most likely is about (:meth:`learned_scores`)."""
        return self._evidence(text)[1]

    def _evidence(self, text: str) -> tuple[dict[str, float], dict[str, float], float]:
        """The groups' word scores, those with the learned domain words added, and how sure
        the learned words are of the question's domain."""
        text = _without_denials(_UNRELATED.sub(" ", _WORKPLACE.sub(" ", text[:_MAX_TEXT])))
        words = self.word_scores(text)
        for group_id, extra in self._stated_needs(text).items():
            words[group_id] += extra
        totals = dict(words)
        # The sentences that ask say what is wanted; the rest is often the situation
        # around it ("naast de bouwplaats van het stationsgebied"). They order the groups
        # again but add no strength: a question mark makes no guess surer.
        asked = " ".join(m.group(0) for m in _ASKED.finditer(text))
        self._count_again(totals, asked, self.ASKED_WEIGHT)
        opening = text[:_GREETING_REACH]
        addressed = " ".join(m.group("addressee") for m in _ADDRESSED.finditer(opening))
        self._count_again(totals, addressed, self.ADDRESSED_WEIGHT)
        learned, likeliest = self._learned_evidence(text)
        for group_id, extra in learned.items():
            totals[group_id] += extra
        return words, totals, likeliest

    def _count_again(self, totals: dict[str, float], part: str, weight: float) -> None:
        """Adds ``weight`` times the word scores of ``part`` of the text to ``totals``."""
        if part:
            for group_id, extra in self.word_scores(part).items():
                totals[group_id] += weight * extra

    def _stated_needs(self, text: str) -> dict[str, float]:
        """``STATED_NEED_WEIGHT`` domain terms for the groups that stand for a need the text
        (already cut to ``_MAX_TEXT``) states in a sentence
        (:data:`knowledge.stated_needs.STATED_NEEDS`)."""
        result: dict[str, float] = {}
        unit = self._term_unit(len(self.groups))
        for domain_id, pattern in STATED_NEEDS:
            if pattern.search(text) is None:
                continue
            for group_id, share in self._domain_share.get(domain_id, {}).items():
                weight = self.STATED_NEED_WEIGHT * unit * share
                result[group_id] = result.get(group_id, 0.0) + weight
        return result

    def learned_scores(self, text: str) -> dict[str, float]:
        """What the domain words learned from other deployments' questions give each group
        that stands for the question's likely domain: at most ``LEARNED_WEIGHT`` domain
        terms in all."""
        return self._learned_evidence(text)[0]

    def _learned_evidence(self, text: str) -> tuple[dict[str, float], float]:
        """:meth:`learned_scores`, and the probability of the likeliest domain."""
        if self._domain_words is None:
            return {}, 0.0
        likely = self._domain_words.probabilities(features(tokens(text[:_MAX_TEXT])))
        unit = self._term_unit(len(self.groups))
        result: dict[str, float] = {}
        for domain_id, probability in likely.items():
            for group_id, share in self._domain_share.get(domain_id, {}).items():
                weight = self.LEARNED_WEIGHT * unit * probability * share
                result[group_id] = result.get(group_id, 0.0) + weight
        return result, max(likely.values(), default=0.0)

    def word_scores(self, text: str) -> dict[str, float]:
        english = _english_words(text[:_MAX_TEXT])
        expanded = expand_glossary(text[:_MAX_TEXT], english)
        words = _TOKEN.findall(expanded)
        totals: dict[str, float] = dict.fromkeys((g.id for g in self.groups), 0.0)
        seen: set[str] = set()
        counted: dict[tuple[str, str], float] = {}
        families: dict[str, list[str]] = {}
        # (word, the length a term found in it must exceed)
        candidates = [(word, 0) for word in words]
        # Split words joined: "omgevings vergunnig" -> "omgevingsvergunnig". Only a term
        # longer than either word is new evidence: "minimaal drie" holds no "minima".
        candidates.extend(
            (a + b, max(len(a), len(b)))
            for a, b in itertools.pairwise(words)
            if len(a) >= 4 and a not in english and b not in english
        )
        learned: dict[tuple[str, str], float] = {}
        learned_families: dict[str, list[str]] = {}
        for word, shortest in candidates:
            if len(word) < 2 or word in seen or (len(word) == 2 and not self._known_as_is(word)):
                continue
            seen.add(word)
            matched: dict[str, float] = {}
            for term, group_id, weight in self._matches(word, word not in english):
                if len(term) <= shortest:
                    continue
                if word in _CONTACT_WORDS:
                    weight *= _CONTACT_SHARE
                matched[group_id] = max(matched.get(group_id, 0.0), weight)
                # Each known term counts once: "verhuizen" and "verhuizing" are one piece of
                # evidence, not two.
                family = _family(term, families.setdefault(group_id, []))
                previous = counted.get((family, group_id), 0.0)
                if weight > previous:
                    totals[group_id] += weight - previous
                    counted[(family, group_id)] = weight
            stem = light_stem(word)
            for group_id, weight in self._index.history.get(stem, {}).items():
                # what the history adds to the group's own words and domains for this word
                extra = weight - matched.get(group_id, 0.0)
                family = _family(stem, learned_families.setdefault(group_id, []))
                if extra > learned.get((family, group_id), 0.0):
                    learned[(family, group_id)] = extra
        drawn: dict[str, float] = {}
        for (_, group_id), extra in learned.items():
            drawn[group_id] = drawn.get(group_id, 0.0) + extra
        unit = self._term_unit(len(self.groups))
        cap = self.HISTORY_CAP * unit
        for group_id, extra in drawn.items():
            # grows with the evidence, never beyond the cap
            totals[group_id] += cap * (1 - math.exp(-extra / cap))
        joined = " ".join(words)
        for phrase, slot in self._index.phrases.items():
            if phrase in joined:
                for group_id, weight in slot.items():
                    totals[group_id] += weight
        return totals

    def _closeness(self, group_id: str, domain_id: str) -> float:
        """How much a group that names a domain is that domain's, against the group that
        names most of its words: 1.0 for that group, down to ``1 - CLOSENESS_SPREAD``."""
        words = self._affinity.get(group_id, {}).get(domain_id, 0)
        most = max(named.get(domain_id, 0) for named in self._affinity.values())
        if not words or not most:
            return 1.0
        return 1.0 - self.CLOSENESS_SPREAD * (1.0 - words / most)

    def _domain_shares(self) -> dict[str, dict[str, float]]:
        """domain -> group -> the group's share of it, by how close each group is to it (a
        domain two groups name alike is half each one's)."""
        owners: dict[str, dict[str, float]] = {}
        for group in self.groups:
            for domain in self.group_domains(group):
                named = domain.id in self._named.get(group.id, set())
                weight = self._closeness(group.id, domain.id) if named else self.INHERITED_SHARE
                owners.setdefault(domain.id, {})[group.id] = weight
        return {
            d: {g: w / sum(groups.values()) for g, w in groups.items()}
            for d, groups in owners.items()
        }

    def route(self, text: str) -> Route:
        words, totals, likeliest = self._evidence(text)
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        choices = tuple(RouteChoice(g, round(s, 4)) for g, s in ranked)
        if not ranked or ranked[0][1] <= 0:
            return Route(None, 0.0, choices)
        chosen = next(g for g in self.groups if g.id == ranked[0][0])
        if max(words.values(), default=0.0) <= 0:
            # The learned domain words alone are a suggestion, never enough to post, and
            # only when they are sure of the domain ("een vraag, wie kan ik bellen?" is none).
            if likeliest < self.LEARNED_ALONE:
                return Route(None, 0.0, choices)
            return Route(chosen.id, 0.0, choices, needs_choice=chosen.external_members)
        best = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        margin = (best - second) / best
        # Evidence in units of one domain term seen by one group (its weight after the idf):
        # a route on a part of one word is a guess, however far ahead of the others. The
        # learned domain words order the groups and widen or narrow the margin, but add no
        # strength: a question none of whose words a group knows is asked about.
        units = max(words.values()) / self._term_unit(len(self.groups))
        strength = 1 - math.exp(-self.EVIDENCE_RATE * units)
        confidence = round(max(0.0, min(1.0, margin * strength)), 3)
        head = text[:_MAX_TEXT]
        if _only_thanks(head) or any(
            p.search(head) for p in (_SERVICE_COMPLAINT, _SEVERAL_QUESTIONS, _VENTING)
        ):
            confidence = 0.0
        return Route(chosen.id, confidence, choices, needs_choice=chosen.external_members)


def _distinct_texts(texts: Sequence[str]) -> list[list[str]]:
    """The words of the first ``_MAX_PAST`` texts, without the labels and placeholders of
    removed personal data; a text said again (a pasted template, a flood of copies) once."""
    seen: set[tuple[str, ...]] = set()
    result: list[list[str]] = []
    for text in texts[:_MAX_PAST]:
        words = tokens(_PLACEHOLDER.sub(" ", _CONTACT_LABEL.sub(" ", text[:_MAX_TEXT])))
        key = tuple(words)
        if key not in seen:
            seen.add(key)
            result.append(words)
    return result


def _vocabulary(domain: Domain) -> tuple[frozenset[str], tuple[str, ...]]:
    """A domain's single words (stemmed) and its phrases (as `` word word ``)."""
    singles: set[str] = set()
    phrases: list[str] = []
    for phrase in (*domain.anchors, *domain.terms):
        words = tokens(phrase)
        if len(words) == 1:
            singles.add(light_stem(words[0]))
        elif words:
            phrases.append(f" {' '.join(words)} ")
    return frozenset(singles), tuple(phrases)


def _family(term: str, known: list[str]) -> str:
    """The term already counted that ``term`` is a form of ("verhuiz" for "verhuizing"): one
    a prefix of the other, the shorter at least five letters; ``term`` itself (added to
    ``known``) when there is none."""
    for other in known:
        shorter, longer = sorted((term, other), key=len)
        if len(shorter) >= 5 and longer.startswith(shorter):
            return other
    known.append(term)
    return term


def _english_words(text: str) -> frozenset[str]:
    """Words written only in English lines of ``text`` (a forwarder's Dutch note above an
    English question keeps its Dutch words Dutch)."""
    overall = detect(text)
    english: set[str] = set()
    other: set[str] = set()
    for line in text.split("\n"):
        if line.strip():
            (english if detect(line, overall) == "en" else other).update(tokens(line))
    return frozenset(english - other)


def profiles_from(
    groups: Iterable[object],
    past: Mapping[str, Sequence[str]] | None = None,
    external: Collection[str] = (),
    organisations: Iterable[object] = (),
) -> list[GroupProfile]:
    """Profiles from configured groups (anything with id, name, description, keywords);
    ``external``: the ids of groups whose channel has members of an external organisation;
    ``organisations``: the configured organisations (name, domains, external), whose own
    names are where questions come from, not what they are about (:func:`home_words`)."""
    configured = list(groups)
    home = home_words(configured, organisations)
    result: list[GroupProfile] = []
    for group in configured:
        group_id = str(getattr(group, "id"))  # noqa: B009
        result.append(
            GroupProfile(
                id=group_id,
                name=str(getattr(group, "name", group_id)),
                description=str(getattr(group, "description", "") or ""),
                keywords=tuple(getattr(group, "keywords", ()) or ()),
                past_texts=tuple((past or {}).get(group_id, ())),
                external_members=group_id in external,
                home_words=home,
            )
        )
    return result


def organisation_words(organisations: Iterable[object]) -> dict[str, set[str]]:
    """The words of each of the deployment's own organisations' name and mail domains, by
    organisation id ("Gemeente Ermelo", ``ermelo.nl``: gemeente, ermelo); external partners
    left out."""
    own: dict[str, set[str]] = {}
    for organisation in organisations:
        if getattr(organisation, "external", False):
            continue
        words = set(tokens(str(getattr(organisation, "name", ""))))
        for domain in getattr(organisation, "domains", ()) or ():
            words.update(tokens(str(domain).split(".")[0]))
        own[str(getattr(organisation, "id", ""))] = words
    return own


def home_words(groups: Iterable[object], organisations: Iterable[object]) -> frozenset[str]:
    """The words of the deployment's own organisations' names and mail domains ("Sociaal
    Team Wadwerd": every resident writes "Wadwerd"): no evidence for the group that carries
    one. Unless the groups name two of them ("Burgerzaken Ermelo", "Burgerzaken
    Harderwijk"): then the place tells the groups apart."""
    own = {
        key: {w for w in words if len(w) >= 3 and w not in STOPWORDS and w not in _GENERIC}
        for key, words in organisation_words(organisations).items()
    }
    named: set[str] = set()
    for group in groups:
        text = set(tokens(f"{getattr(group, 'name', '')} {getattr(group, 'description', '')}"))
        named.update(key for key, words in own.items() if words & text)
    if len(named) > 1:
        return frozenset()
    return frozenset(word for words in own.values() for word in words)
