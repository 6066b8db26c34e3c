"""Needs a mail states in a sentence, whatever service it is about: each names the domain of
:mod:`knowledge.data.municipal_domains` that handles it (an access request is privacy's, an
unpaid invoice finance's, a car left on the pavement for weeks enforcement's)."""

from __future__ import annotations

import re
from typing import Protocol


class Finder(Protocol):
    """What a stated need is found by: a compiled pattern, or :class:`InOneSentence`."""

    def search(self, text: str, /) -> object | None: ...


# Being registered at an address in the population register (BRP), in the words people use.
_REGISTERED = (
    r"(?:\b(?:in|om)schrijv(?:en|ing)\b(?! voor)[^.?!\n]{0,40}\bop (?:\w+ ){0,3}?"
    r"(?:adres|woonadres|huisnummer)\b"
    r"|\bingeschreven (?:\w+ ){0,3}?(?:op|aan) (?:\w+ ){0,3}?(?:adres|woonadres)\b"
    r"|\bbriefadres\b|\b(?:inschrijving|inschrijven|ingeschreven) in de (?:brp|basisregistratie)\b"
    r"|\bregister(?:ed|ing)? (?:\w+ ){0,3}?(?:at|to) (?:\w+ ){0,2}?address\b"
    r"|\b(?:anmelden|anmeldung|ummelden|ummeldung)\b[^.?!\n]{0,40}\b(?:wohnsitz|adresse)\b"
    r"|\b(?:wohnsitz|adresse)\b[^.?!\n]{0,40}\b(?:anmelden|ummelden)\b)"
)


class InOneSentence:
    """Found when one sentence holds a match of every part (in any order): people put the
    thing, the place and the time where they like. A sentence is cut at ``.?!`` or a line
    end, so the work stays linear in the text."""

    _SENTENCE = re.compile(r"[^.?!\n]+")

    def __init__(self, *parts: str) -> None:
        self.parts = tuple(re.compile(part, re.IGNORECASE) for part in parts)

    def search(self, text: str, /) -> str | None:
        for sentence in self._SENTENCE.finditer(text):
            found = sentence.group()
            if all(part.search(found) for part in self.parts):
                return found
        return None


# A vehicle left standing in public space for long (APV: a trailer, caravan or boat may stand
# on the street for a few days at most; a wreck may not stand there at all): the writer wants
# a boa or enforcement to act, not a parking permit or the street's maintenance.
_VEHICLE = (
    r"\b(?:auto'?s?|autootje|wagen|aanhangers?|aanhangwagens?|caravans?|campers?|boot|bootje|"
    r"speedboot|sloep|busje|bestelbus(?:je)?|bestelauto|vrachtwagens?|oplegger|(?:auto)?wrak|"
    r"kenteken|cars?|trailers?|motorhome|boat|anhänger|wohnwagen|wohnmobil)\b"
)
_PUBLIC_PLACE = (
    r"\b(?:op (?:de |het )?(?:stoep|trottoir|straat|openbare weg|weg|berm|gras|grasveld|"
    r"plantsoen|parkeerplaats|parkeerplek|parkeervak)|in (?:de|onze|mijn|ons) straat|"
    r"voor (?:de|onze|mijn|ons) (?:deur|huis|raam|oprit|inrit)|"
    r"on (?:the|our) (?:street|pavement|sidewalk|road|verge|grass)|in (?:our|the) street|"
    r"outside (?:our|my) (?:house|door)|auf (?:dem|der) (?:gehweg|straße|bürgersteig))\b"
)
# what the vehicle does there: it stands ("er staat een auto", "geparkeerd", "left")
_STANDING = (
    r"\b(?:staat|staan|stond|stonden|geparkeerd|parkeert|parkeren|stilstaan|neergezet|"
    r"parked|standing|sitting|left|steht|stehen|abgestellt|geparkt)\b"
)
_MONTH = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|de zomer|de winter|het voorjaar|de herfst|de vakantie|vorig jaar|vorige maand)"
)
_LONG_WHILE = (
    r"\b(?:al (?:\w+ ){0,2}?(?:dagen|weken|maanden|jaren|jaar)|"
    rf"sinds (?:(?:begin|eind|half|medio|midden) )?{_MONTH}|"
    r"(?:ruim|meer dan|langer dan|already|over|more than) (?:\d+|twee|drie|vier|two|three|four)"
    r" (?:dagen|weken|maanden|days|weeks|months)|"
    r"nog steeds|inmiddels|hoe lang (?:mag|mogen|kan|kunnen)|(?:laten )?wegslepen|weggesleept|"
    r"for (?:weeks|months)|still there|abandoned|how long (?:can|may)|towed|"
    r"seit (?:wochen|monaten)|abschleppen)\b"
)

# Someone cannot get into a workplace tool (an expired guest account, "toegang geweigerd"): the
# helpdesk's, whatever project or meeting the tool was wanted for.
_WORKPLACE_TOOL = (
    r"\b(?:teams(?:-\w+)?|sharepoint|onedrive|outlook|mailbox|vpn|citrix|gastaccounts?|"
    r"gasttoegang|gastgebruikers?|netwerkschijf|gedeelde (?:map|schijf)|laptop|"
    r"guest (?:accounts?|access)|gastzugang)\b"
)
_LOCKED_OUT = (
    r"\b(?:geen toegang|toegang (?:geweigerd|weer (?:activeren|herstellen|geven))|"
    r"toegang (?:\w+ ){0,3}?(?:herstellen|activeren)|"
    r"(?:kom|komt|komen|kan|kunnen) (?:er |daar |ik |we |ze )?(?:\w+ )?niet (?:meer )?"
    r"(?:in|bij|binnen|verder|inloggen)\b|inloggen lukt niet|(?:is|zijn) verlopen|ingetrokken|"
    r"niet (?:is |zijn )?toegestaan|access denied|(?:cannot|can't|can not) (?:access|log in|"
    r"join|get in)|no (?:longer )?access|kein zugriff|zugang verweigert)"
)

# whom one worries about: "onze buurman", "de oude man op de boot", "mijn kleinzoon"
_WHOSE_PERSON = r"(?:(?:mijn|m'n|onze|ons|de|een|deze|die|zijn|haar) (?:oude |jonge |oudere )?)"
_WHOSE_PERSON_EN = r"(?:(?:my|our|the|an?|this) (?:old |elderly )?)"
_GROWN_UP = (
    r"(?:buurman|buurvrouw|buren|bewoner|bewoonster|man|vrouw|meneer|mevrouw|vader|moeder|"
    r"opa|oma|schoonvader|schoonmoeder|broer|zus|oom|tante|cliënt|huurder|hem|haar|buorman)"
)
_CHILD = (
    r"(?:kleinzoon|kleindochter|kleinkind|kleinkinderen|zoon|zoontje|dochter|dochtertje|kind|"
    r"kinderen|puber|tiener|baby|neefje|nichtje)"
)

# Needs a sentence states whatever service it is about: to see what an organisation has
# recorded about oneself (an access request under the AVG), a letter or data that reached
# the wrong person (a data breach). They belong to the domain named, not to the service whose
# file it is ("mijn dossier bij de jeugdhulp").
STATED_NEEDS: tuple[tuple[str, Finder], ...] = (
    (
        "privacy",
        re.compile(
            r"(?i:\b(?:inzien|inzage|opvragen|opvraag|kopie|afschrift|overzicht)\b[^.?!\n]{0,80}"
            r"\b(?:gegevens|dossier|verslagen|rapportages|notities)\b"
            r"|\b(?:gegevens|dossier|verslagen|rapportages)\b[^.?!\n]{0,80}"
            r"\b(?:inzien|inzage|opvragen)\b"
            r"|\bwat (?:jullie|de gemeente|ze|u|de sociale dienst)\b[^.?!\n]{0,40}\bover "
            r"(?:mij|ons)\b"
            r"|\bover (?:mij|ons)\b[^.?!\n]{0,60}\b(?:vastgelegd|bewaard|geregistreerd|"
            r"opgeslagen|genoteerd)\b"
            r"|\b(?:data|information|records?|files?)\b[^.?!\n]{0,40}\b(?:you|the municipality)"
            r" (?:hold|have|keep)\b[^.?!\n]{0,20}\b(?:on|about) (?:me|us)\b"
            r"|\baccess to my (?:data|file|records)\b"
            r"|\b(?:brief|post|gegevens|envelop) (?:van|voor|over) (?:iemand anders|een ander)\b"
            r"|\bandermans (?:brief|post|gegevens)\b|\bniet (?:mijn|voor mij)(?: eigen)? brief\b"
            r"|\bsomeone else'?s (?:letter|data)\b|\bletter (?:meant )?for someone else\b"
            # "een brief ontvangen die niet voor mij is", "post voor de buurman in mijn bus"
            r"|\b(?:brief|post|mail|e-mail|envelop|beschikking|bericht)\b[^.?!\n]{0,40}\bniet "
            r"(?:voor|aan) (?:mij|ons)\b|\b(?:brief|post|envelop|beschikking) (?:voor|van|aan) "
            r"(?:de|mijn|onze) (?:buurman|buurvrouw|buren|bovenburen|onderburen)\b"
            r"|\bnot (?:meant|intended|addressed) (?:for|to) (?:me|us)\b"
            # "de aanslag van iemand anders", "haar gegevens zijn bij mij terechtgekomen"
            r"|\b(?:brief|aanslag|post|beschikking|envelop|mail|e-mail|bericht|factuur|"
            r"dossier|gegevens) (?:van|voor) (?:iemand anders|een ander|andere mensen)\b"
            r"|\bgegevens\b[^.?!\n]{0,40}\bbij (?:mij|ons) (?:terecht|beland)"
            # a message one doubts: "is deze mail echt van jullie?", "op de link geklikt"
            r"|\bis (?:deze|dit|die|dat) (?:mail|e-mail|mailtje|bericht|sms|brief)\b[^.?!\n]{0,30}"
            r"\b(?:echt|wel|werkelijk)\b[^.?!\n]{0,20}\bvan (?:jullie|de gemeente|u)\b"
            r"|\b(?:nep|valse?|phishing|frauduleuze?)[- ]?(?:mail|e-mail|bericht|sms|link)\b"
            r"|\bop (?:de|een|die) link (?:ge)?klikt\b|\bclicked (?:on )?(?:the|a) link\b"
            r"|\bis (?:this|that) (?:e-?mail|message|letter) (?:really |actually )?from you\b)"
        ),
    ),
    (
        # someone else builds, keeps or does something without a permit: the writer wants the
        # gemeente to act (enforcement), not a permit of their own
        "handhaving",
        re.compile(
            r"(?i:\b(?:buurman|buurvrouw|buren|achterburen|overburen|bovenburen|onderburen|"
            r"buurtbewoners?|eigenaar|huurders?|iemand|bedrijf|ondernemer|neighbou?rs?|nachbarn?)"
            r"\b[^.?!\n]{0,80}\b(?:zonder (?:een |enige |de )?(?:omgevingsvergunning|vergunning|"
            r"toestemming)|without (?:a |any )?(?:permit|permission|planning permission)|"
            r"ohne (?:eine )?genehmigung)\b"
            r"|\b(?:(?:hier|daar)tegen (?:op)?treden|handhavend (?:op)?treden|"
            r"(?:hier|daar)tegen (?:in)?grijpen)\b)"
        ),
    ),
    (
        "handhaving",
        InOneSentence(_VEHICLE, _STANDING, _PUBLIC_PLACE, _LONG_WHILE),
    ),
    ("ict", InOneSentence(_WORKPLACE_TOOL, _LOCKED_OUT)),
    (
        # a data breach reported, and a person's rights under the AVG (correction, erasure,
        # objection): the privacy officer's, whatever service's file it is
        "privacy",
        re.compile(
            r"(?i:\b(?:een |mogelijk |mogelijke )?datalek(?:ken)? (?:te )?(?:melden|gemeld)\b"
            r"|\bmelding (?:van )?(?:een |het )?(?:mogelijk )?datalek\b"
            r"|\bgegevens van (?:een )?(?:andere?|iemand anders|een ander)\b[^.?!\n]{0,40}"
            r"\b(?:zichtbaar|gezien|ontvangen|gekregen|te zien)\b"
            r"|\b(?:report|reporting) (?:a |an? possible )?(?:data breach|personal data breach)\b"
            r"|\bverzoek (?:om|tot) (?:correctie|rectificatie|verwijdering|wissing|beperking)\b"
            r"|\b(?:art\.?|artikel|article) 1[5-8] (?:avg|gdpr)\b"
            r"|\brecht op (?:inzage|correctie|rectificatie|vergetelheid|verwijdering|bezwaar)\b"
            r"|\bright to (?:rectification|erasure|be forgotten)\b|\bdatenpanne\b"
            # a data carrier lost, personal data sent to the wrong person: a breach, whoever
            # reports it ("mijn usb-stick verloren", "per ongeluk naar de verkeerde cliënt")
            r"|\b(?:usb-?sticks?|geheugensticks?|usb sticks?|memory sticks?)\b[^.?!\n]{0,60}"
            r"\b(?:kwijt|verloren|gestolen|kwijtgeraakt|lost|stolen)\b"
            r"|\b(?:kwijt|verloren|gestolen|lost)\b[^.?!\n]{0,30}\b(?:usb-?stick|geheugenstick|"
            r"usb stick|memory stick)\b"
            r"|\b(?:per ongeluk|abusievelijk|by mistake|accidentally)\b(?=[^.?!\n]{0,100}"
            r"\b(?:gemaild|gestuurd|verstuurd|doorgestuurd|mailed|sent|forwarded)\b)"
            r"[^.?!\n]{0,60}\b(?:naar|aan|to) (?:de |een |the |a )?(?:verkeerde|wrong)\b)"
        ),
    ),
    (
        # a death registered and leave to bury or cremate: the civil registry's, though
        # "verlof" is also a word of leave from work
        "burgerzaken",
        re.compile(
            r"(?i:\baangifte (?:van (?:het |een )?)?overlijden\b|\boverlijdensaangifte\b"
            r"|\bverlof tot (?:begraven|cremeren|crematie|begrafenis)\b"
            r"|\bregister(?:ing)? (?:a|the|his|her) death\b|\bsterbefall anzeigen\b)"
        ),
    ),
    (
        # someone worried about how a grown-up is doing (alone, confused, neglecting
        # themselves): the social team's, wherever that person lives
        "wmo",
        re.compile(
            rf"(?i:\b(?:zorgen|zorg) (?:om|over) {_WHOSE_PERSON}?{_GROWN_UP}\b"
            rf"|\bworried about {_WHOSE_PERSON_EN}?(?:neighbou?r|father|mother|dad|mum|mom|"
            rf"grandfather|grandmother|uncle|aunt|him|her|the (?:old )?(?:man|woman|resident))\b"
            rf"|\bsorgen? (?:um|über) (?:meinen |meine |unseren |unsere |den |die )?"
            rf"(?:nachbarn?|nachbarin|vater|mutter|opa|oma|ihn|sie)\b)"
        ),
    ),
    (
        # the same about a child: the youth team's
        "jeugd",
        re.compile(
            rf"(?i:\b(?:zorgen|zorg) (?:om|over) {_WHOSE_PERSON}?{_CHILD}\b"
            r"|\bworried about (?:my |our |the )?(?:son|daughter|grandson|granddaughter|child|"
            r"children|kid|kids|teenager)\b"
            r"|\bsorgen? (?:um|über) (?:meinen |meine |unseren |unsere )?(?:sohn|tochter|enkel|"
            r"enkelin|kind|kinder)\b)"
        ),
    ),
    (
        # a supplier asks after the payment of its invoice, whatever it delivered: the
        # accounts payable of finance, not the team that ordered the work
        "financien",
        re.compile(
            r"(?i:\b(?:onze|mijn|de|deze|die|twee|drie|beide|alle|openstaande|onbetaalde|"
            r"achterstallige) (?:openstaande |onbetaalde )?facturen?\b[^.?!\n]{0,60}"
            r"\b(?:niet |nog niet |nooit )?(?:betaald|voldaan|overgemaakt)\b"
            # "er staat nog een factuur open", "die factuur staat al 70 dagen open", "onbetaald"
            r"|\b(?:staat|staan) (?:er )?(?:nog )?(?:een |twee |drie )?facturen? "
            r"(?:\w+ ){0,3}?open\b"
            r"|\bfactu(?:ur|ren)\b[^.?!\n]{0,40}\b(?:staat|staan) (?:\w+ ){0,4}?open\b"
            r"|\bfactu(?:ur|ren)\b[^.?!\n]{0,40}\bonbetaald\b"
            r"|\b(?:betaling|betalen|voldoen) van (?:onze|mijn|de|deze|die) facturen?\b"
            r"|\b(?:openstaande|onbetaalde|achterstallige) facturen?\b"
            r"|\b(?:unpaid|outstanding|overdue) invoices?\b|\binvoices?\b[^.?!\n]{0,60}\b(?:has|"
            r"have|is|are) not (?:yet )?been paid\b"
            r"|\b(?:offene|unbezahlte) rechnung(?:en)?\b|\brechnung(?:en)? (?:ist|sind) (?:noch )?"
            r"nicht bezahlt\b)"
        ),
    ),
    (
        # a request under the Wet open overheid is handled as one, whatever its documents
        # are about
        "privacy",
        re.compile(
            r"(?i:\b(?:woo|wob)[- ]?(?:verzoek|verzoeken|aanvraag|request)\b"
            r"|\b(?:verzoek|verzoeken) (?:om|tot) openbaarmaking\b"
            r"|\bop grond van de (?:woo|wet open overheid|wob)\b"
            r"|\b(?:freedom of information|foi) request\b"
            r"|\bnach dem informationsfreiheitsgesetz\b|\bifg-antrag\b)"
        ),
    ),
    (
        # an objection to the value of one's property is the tax office's, whatever
        # lowered it (building works, damage, noise)
        "belastingen",
        re.compile(
            r"(?i:\bbezwaar\b[^.?!\n]{0,60}\b(?:woz|waardebeschikking|woz-waarde|"
            r"woz-beschikking|aanslag)\b"
            r"|\b(?:woz|woz-waarde|waardebeschikking|woz-beschikking|aanslag)\b[^.?!\n]{0,60}"
            r"\bbezwaar (?:maken|aantekenen|indienen|in)\b"
            r"|\bobject(?:ion)? (?:to|against) (?:the|my|our) (?:woz|property valuation|"
            r"property value|tax assessment)\b)"
        ),
    ),
    (
        # a journalist wants the gemeente's reaction, whatever the story is about
        "communicatie",
        re.compile(
            r"(?i:\bpersvra(?:ag|gen)\b|\bpress (?:inquiry|enquiry|question)\b"
            r"|\b(?:voor|for) (?:de|het|een|onze|our|the|a) (?:krant|dagblad|weekblad|uitzending"
            r"|nieuwssite|newspaper|broadcast)\b"
            r"|\b(?:ik werk|we werken|i am working|i'm working) (?:aan|on) (?:een|an?) "
            r"(?:artikel|reportage|achtergrondverhaal|article|story)\b"
            r"|\b(?:reactie|commentaar|quote|comment) (?:van|from) (?:de |the )?(?:burgemeester|"
            r"wethouder|gemeente|woordvoerder|mayor|alderman|municipality|spokesperson)\b)"
        ),
    ),
    (
        # to be registered as living at an address (the BRP), whatever the dwelling is: a
        # chalet, a houseboat, the front of a split farmhouse; asked for ("mag ik", "can I",
        # or the sentence ends in "?"), not told ("regelen we zelf"); not "inschrijven voor"
        # a house, a run or a tender
        "burgerzaken",
        re.compile(
            rf"(?i:\b(?:mag|mogen|kan|kunnen|moet|moeten|hoe|wil|willen|graag|can|could|may|"
            rf"how|kann|darf|möchte)\b[^.?!\n]{{0,60}}{_REGISTERED}|{_REGISTERED}[^.!\n]{{0,80}}\?)"
        ),
    ),
)
