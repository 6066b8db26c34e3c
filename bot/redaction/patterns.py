"""Patterns for the personal data that has a written shape: e-mail addresses (also obfuscated),
IBANs, postcodes and street addresses, dates of birth after a birth cue, licence plates,
identity documents, and values behind a form label (``Geboortedatum:``, ``| BSN | … |``).

Every quantifier is bounded, so one attempt at one position costs a constant: scanning is
linear in the text (tests/mail/test_redaction_bounds.py checks every pattern's width)."""

from __future__ import annotations

import re

from bot.redaction.checks import IBAN_LENGTHS, iban_valid
from bot.redaction.numbers import Hit

# --- e-mail ------------------------------------------------------------------------------
_LOCAL = r"[\w.+'-]{1,64}"
_LABEL = r"[\w-]{1,63}"
# Each pattern starts only where a token starts (a lookbehind), so a long run of word
# characters is not tried at every one of its positions.
EMAIL = re.compile(
    rf"(?<![\w.+'-]){_LOCAL} {{0,2}}(?:@|%40|\uff20) {{0,2}}"
    rf"{_LABEL}(?:\.{_LABEL}){{0,4}}\.[a-zA-Z]{{2,24}}\b"
)
# p.devries [at] ziggo [punt] nl, jan(at)gmail(dot)com, jan at gmail dot com
_AT = r"(?: ?[\[({<] ?(?:at|apenstaartje|a|@) ?[\])}>] ?| (?:at|apenstaartje) )"
_DOT = r"(?: ?[\[({<] ?(?:dot|punt|\.) ?[\])}>] ?| (?:dot|punt) |\.)"
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+'-])(?i:{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL}){{0,3}}{_DOT}[a-z]{{2,10}}\b)"
)
WHATSAPP = re.compile(
    r"(?i:\b(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send\?phone=)\+?\d{6,15})"
)

# --- IBAN --------------------------------------------------------------------------------
IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]){11,30}")


def iban_hits(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for match in IBAN.finditer(text):
        raw = match.group(0)
        country = raw[:2].upper()
        want = IBAN_LENGTHS.get(country)
        seen = 0
        for offset, char in enumerate(raw):
            if char in " .-":
                continue
            seen += 1
            if want is not None and seen != want:
                continue
            if seen < 15:
                continue
            compact = re.sub(r"[ .-]", "", raw[: offset + 1])
            if iban_valid(compact):
                hits.append(Hit(match.start(), match.start() + offset + 1, "iban"))
                break
            if want is not None:
                break
    return hits


# --- addresses ---------------------------------------------------------------------------
# Suffixes that (almost) only end street names match in any case ("stationsweg 112b"); those
# that also end common words (vergadering, antwoord, loopbaan) only on a capitalised name, and
# "ring" not after an "e": a ring road is a "Westring" or "Noorderring", a word in -ering a
# noun that may open a subject ("Bouwvergadering 24-10 verzetten").
_STREET_SUFFIX = (
    r"(?:straat|straatweg|weg|laan|plein|gracht|kade|singel|dreef|steeg|plantsoen|boulevard|"
    r"allee|dwarsstraat|straße|strasse|str\.|gasse|platz|street|road|avenue|lane)"
)
_CAPITAL_SUFFIX = (
    r"(?:dijk|hof|pad|park|markt|veld|baan|wal|burg|haven|poort|zijl|akker|kamp|brink|hoeve|"
    r"horst|weide|hoek|berg|dam|drive|(?<!e)ring|oord|"
    # Frisian street names, official in Fryslân: "Marwei 3", "Tsjerkepaad 8", "Buorren 12"
    r"wei|paad|dyk|leane|loane|strjitte|buorren|hiem|reed|erf|ven|donk|hout|wijk|gaarde|tuin|bosch|acker)"
)
# a word that ends the way street names end ("Skoallestrjitte", "Feartswâl")
STREET_NAME_END = re.compile(rf"(?:{_STREET_SUFFIX}|{_CAPITAL_SUFFIX})$", re.IGNORECASE)
_TUSSEN = r"(?:van|de|der|den|het|'t|ter|ten|op|aan|in|la|le|St\.|Sint|Burg\.|Dr\.|Prof\.)"
_CAPWORD = r"[A-ZÀ-Ý][\wÀ-ÿ'.-]{0,25}"
_NOT_AFTER_NUMBER = (
    r"(?!(?i: ?(?:jan|feb|maart|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec|dez|jaar|uur|"
    r"euro|procent|year|hour|week|day|uhr|stunden|tage|"
    r"minuten|dagen|weken|maanden|keer|personen|mensen|woningen|kinderen|stuks|m2|m²|km|"
    r"meter|cm|kg|%|x)\w{0,10}))"
)
_HOUSE_NUMBER = (
    r"(?!(?:19|20)\d\d\b)\d{1,4}(?!\d)(?![,.:]\d)"
    r"(?: ?- ?\d{1,4}\b| ?-? ?[A-Za-z]{1,2}\b(?![ .]?[A-Za-z]{2})"
    r"| ?-? ?(?:hs|bis|I{1,3}|bg|huis|rd|zw)\b)?" + _NOT_AFTER_NUMBER
)
# "aan de Hennepakker (nr. 6)": the house number in parentheses after its street (one
# number: "(nrs. 2 t/m 40)" is a block)
_BRACKETED_NUMBER = (
    r"\((?i:(?:achter|naast|tegenover|voor|bij|t\.o\.|thv\.?) )?"
    rf"(?i:nr\.?|nummer|huisnummer|no\.?) ?{_HOUSE_NUMBER}\)"
)
# "Wilgenlaan t.o. nummer 12", "Kerkstraat ter hoogte van nr. 8": a house by the one across.
_NEAR_NUMBER = (
    r"(?i:t\.o\.|tgo\.?|tegenover|naast|bij|voor|achter|ter hoogte van|thv\.?|schuin "
    r"tegenover) (?=(?i:nr\.?|nummer|huisnummer) ?\d)(?:huisnummer )?"
)
STREET = re.compile(
    rf"(?<![\w'-])(?:{_CAPWORD} (?:{_TUSSEN} ){{0,2}}){{0,2}}"
    rf"(?:(?i:[a-zà-ÿ][\wà-ÿ'-]{{0,30}}?{_STREET_SUFFIX})|[A-ZÀ-Ý][\wà-ÿ'-]{{0,30}}?{_CAPITAL_SUFFIX})"
    rf"(?:\b|(?<=\.))(?:,? {{1,2}}(?:{_NEAR_NUMBER})?(?:nr\.? ?|nummer )?{_HOUSE_NUMBER}"
    rf"| {{1,2}}{_BRACKETED_NUMBER}"
    # "Katoenstraat flat 2 (nummer 64)": a flat or block of the street, its door after it
    rf"| {{1,2}}(?i:flat|blok|portiek|gebouw|appartement|app\.?) {{1,2}}\d{{1,4}}[a-zA-Z]?\b"
    rf"(?: {{1,2}}{_BRACKETED_NUMBER})?)"
)
# "14 Kowhai Street, Ashburton 7700", "12 rue de la Paix": the number before the street, as
# English and French addresses write it (with the town and its postcode when they follow).
NUMBER_FIRST_STREET = re.compile(
    r"(?<![\w.,-])(?!(?:19|20)\d\d\b)(?P<value>\d{1,5}[A-Za-z]?,? "
    r"(?:(?:[A-Z][\w'-]{1,25} ){1,3}(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Drive|"
    r"Close|Crescent|Place|Court|Terrace|Parade|Boulevard|"
    r"Highway|Way|Grove|Gardens|Square)|(?i:rue|avenue|chemin|boulevard|allée|impasse) "
    r"(?:(?:de|du|des|la|le|l')\s?){0,2}[A-ZÀ-Ý][\w'-]{1,25})"
    r"(?:, [A-Z][\w'-]{1,25}(?: [A-Z][\w'-]{1,25})?,? (?:\d{4,5}|[A-Z]\d[A-Z] ?\d[A-Z]\d))?)\b"
)
# "ul. Lipowa 17/4, 62-200 Gniezno": a Polish street after its "ul." (with the flat after a
# slash, and the postcode and town when they follow).
POLISH_STREET = re.compile(
    r"(?<![\w])(?P<value>(?i:ul\.|ulica|al\.|aleja|os\.|osiedle) {1,2}[A-ZÀ-ÝŁŚŻ][\w'-]{1,25}"
    r"(?: [A-ZÀ-ÝŁŚŻ][\w'-]{1,25}){0,2} \d{1,4}[A-Za-z]?(?:/\d{1,4})?"
    r"(?:, {1,2}\d{2}-\d{3} [A-ZÀ-ÝŁŚŻ][\w'-]{1,25})?)"
)
# "Mücahitler Mah. 52045 Sk. No:14": a Turkish address (neighbourhood, street, door number).
TURKISH_STREET = re.compile(
    r"(?<![\w])(?P<value>[A-ZÇĞİÖŞÜ][\wçğıöşü'-]{1,25} (?i:mah\.|mahallesi|mh\.)"
    r"(?: [\wÇĞİÖŞÜçğıöşü.'-]{1,25}){0,3} (?i:sk|sok|sokak|sokağı|cad|cd|caddesi|bulvarı|blv)\.?"
    r" {0,2}(?i:no) {0,2}: {0,2}\d{1,4}(?:/\d{1,3})?)"
)
# Brink 12, Markt 3, Laan van Nieuw Oosteinde 4: streets with no suffix, after an address cue.
_ADDRESS_CUE = (
    r"(?i:\b(?:(?:woon|post|correspondentie|huis|bezoek)?adres|address|anschrift|adresse|"
    r"woon(?:t|achtig)?(?: (?:nu|inmiddels|tegenwoordig|sindsdien|daar|zelf|"
    r"sinds (?:kort|[a-z]{3,10})))? (?:aan|op|in)(?: de| het| 't)?|wonende (?:aan|op)(?: de| het)?|"
    r"i live (?:at|on)|we live (?:at|on)|lives (?:at|on)|verhuisd naar|moved to|wohne in der|"
    r"mieszkam (?:na|przy)|"
    # Frisian: "Ik wenje oan de Grienewei 2", "wy wenje op it Heechhiem 4"
    r"wenj(?:e|et|ne) (?:oan|op|yn)(?: de| it)?|"
    # "verhuisd van Baken 3 naar …", "Mijn gegevens: Ruwe Putten 3, …", "our home at …"
    r"verhuisd van(?: de| het)?|verhuizen van(?: de| het)?|moved from|(?:mijn|onze) gegevens|"
    r"(?:our|my|a|an|the) (?:new )?(?:house|home|flat|apartment) (?:at|on))\b"
    r"(?: (?:is|was|luidt))?(?: ?[:|] ?| ))"
)
CUED_ADDRESS = re.compile(
    rf"{_ADDRESS_CUE}(?:[a-zA-Z][\wà-ÿ'-]{{1,25}}, )?"  # "woon in zeewolde, Sperwer 9"
    rf"(?P<value>(?:(?:{_CAPWORD}|{_TUSSEN}|[a-z][\wà-ÿ'-]{{1,25}}) ){{1,5}}"
    rf"{_HOUSE_NUMBER})"
)
# "aan de Eendenkooi 22", "op Markt 12", "naast Brink 4": a capitalised name and a house
# number after a preposition of place is an address, street suffix or not; words that take a
# number in other senses ("op pagina 12", "in bijlage 2", "op Windows 11") are not places.
_PLACE_PREPOSITION = (
    r"(?:(?i:aan|op|bij|naast|tegenover|achter|nabij|vlakbij|hoek|richting)(?i: de| het| 't)?"
    # German: "Am Mühlenbach 4", "An der Linde 7", "Zum Kirchberg 2"
    r"|(?i:am|an der|auf der|auf dem|im|in der|zum|zur|beim|hinter der|hinter dem))"
)
_NOT_A_PLACE = (
    r"(?i:bijlage|artikel|art|hoofdstuk|pagina|blz|paragraaf|lid|sectie|kanaal|spoor|perron|"
    r"zaal|kamer|verdieping|etage|fase|week|ronde|tafel|punt|versie|stap|niveau|groep|klas|"
    r"lokaal|ingang|uitgang|gate|lijn|bus|route|afrit|stand|plek|plaats|nummer|nr|dag|blok|"
    r"unit|hal|loket|balie|box|postbus|vak|rij|stoel|windows|ios|android|office|teams|excel|"
    r"word|outlook|iphone|ipad|galaxy|pixel|release|build|level|page|chapter|room|"
    r"floor|platform|channel|appendix|article|section|step|phase|stage|table|item|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|jahr|januar|februar|april|juni|juli|august|september|oktober|november|dezember|"
    r"seite|kapitel|abschnitt|gruppe|klasse|raum|zimmer|halle|gleis|bahnsteig|tisch|platz|"
    r"deel|onderdeel|vraag|optie|variant|scenario|model|type|serie|seizoen|aflevering|les|"
    r"module|periode|kwartaal|part|question|option|season|episode|lesson|teil|frage)\b"
)
# A street by its name, without a suffix, and a house number: "Eendenkooi 22", "Het Rietveld
# 12"; what the patterns below find after their cue.
_NAMED_HOUSE = (
    rf"(?!{_NOT_A_PLACE}){_CAPWORD}(?: (?:{_TUSSEN} ){{0,2}}{_CAPWORD}){{0,2}} "
    rf"(?:{_HOUSE_NUMBER}|{_BRACKETED_NUMBER})"
)
# "T. Jansen\nVogelzang 23": a line that is only a name and a house number (with a postcode
# and place, or not) right under another line is the address line of a signature; a subject
# or a line of its own ("Wmo 2", "Vraag 3") is not.
LINE_ADDRESS = re.compile(
    rf"(?m:(?<=[^\n]\n) {{0,4}}(?P<value>{_NAMED_HOUSE})"
    rf"[ ,]{{0,3}}(?:[1-9]\d{{3}} ?[A-Z]{{2}})?[ ,]{{0,3}}(?:[A-Z][\wÀ-ÿ'-]{{1,25}})? {{0,4}}$)"
)
# "in das Haus Kraaiennest 8", "het huis Dorpsstraat 3": a home named by its address; so is a
# dwelling after its own word, without a determiner ("recreatiewoning Wiidpôle 14", "woonark
# Feartswâl 18", "casus Ganzerik 22": the case of the household in it), whatever the street's
# name ends in.
HOME_ADDRESS = re.compile(
    r"(?<![\w-])(?:(?i:das|het|ons|onze|unser|the|our|mijn|my|mein) (?i:haus|huis|woning|"
    r"wohnung|house|home)|(?i:recreatiewoning|vakantiewoning|woonark|woonboot|woonschip|woning|"
    r"huurwoning|koopwoning|casus|boerderij|pand|holiday home|houseboat|ferienwohnung)) "
    rf"(?P<value>{_NAMED_HOUSE})"
)
PLACE_ADDRESS = re.compile(rf"(?<![\w-]){_PLACE_PREPOSITION} (?P<value>{_NAMED_HOUSE})")
# a word of a farm's name; a street without a number is no one's address ("boerderij
# Speulderweg" stays)
_FARM_WORD = rf"(?![\wÀ-ÿ'-]{{0,25}}?{_STREET_SUFFIX}(?![\wÀ-ÿ'-]))[A-ZÀ-Ý][\wÀ-ÿ'-]{{0,25}}"
# "pleats De Lytse Greide", "boerderij Marresicht", "hoeve Zonnewende": a farm known by its
# name is where its family lives (in the countryside the name is the address).
FARM_NAME = re.compile(
    r"(?<![\w-])(?i:pleats|boerderij|boerenbedrijf|hoeve|hofstede|boerderijnaam|bauernhof) "
    rf"(?P<value>(?:(?:De|Het|It|'t|Den|Ter) )?{_FARM_WORD}(?: {_FARM_WORD}){{0,2}})"
)
# "kadastraal bekend als Reidmar K 1834", "perceel Ermelo sectie B nummer 412": a parcel
# of land names its owner as well as an address does.
CADASTRAL = re.compile(
    r"(?i:kadastraal bekend (?:als|onder)|kadastrale aanduiding|kadastraal perceel)[ :]{1,3}"
    rf"(?P<value>{_CAPWORD}(?: {_CAPWORD})?,? (?:(?i:sectie) )?[A-Z]{{1,2}},? "
    r"(?:(?i:nummer|nr\.?) )?\d{1,6})"
)
# "we verhuizen naar de Zuidermeent 31", "in de Vogelzang 4": a direction with its article.
TOWARDS_ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?i:naar|van|uit|in|vanaf)(?i: de| het| 't)|(?i:verhuizen|verhuist|verhuisd|"
    rf"verhuizing|moving|moved|move)(?: [^\s.;:!?]{{1,20}}){{0,8}}? (?i:naar|to)"
    rf"(?i: de| het| 't| the)?) (?P<value>{_NAMED_HOUSE})"
)
# "we bought a house on the Wildlaan, no. 6": an English street, its number after "no.".
NUMBERED_STREET = re.compile(
    rf"(?<![\w-])(?i:on|at|in) (?i:the )?(?P<value>(?!{_NOT_A_PLACE}){_CAPWORD},? "
    rf"(?i:no\.?|nr\.?|number|nummer) ?{_HOUSE_NUMBER})"
)
# "een huis van het uitzendbureau, Trekvogel 22, Zeewolde": a name and a house number before
# a place.
PLACED_ADDRESS = re.compile(
    rf"(?<![\w-])(?P<value>{_NAMED_HOUSE}),? (?:in |te )?(?=[A-Z][a-zà-ÿ'-]{{2,25}}(?:[.,;)!?]|$))"
)
# "de heer Bakker (Zonnedauw 21, Nijeveld)", "ons huis (Wielewaal 31)", "(Markt 8A, above the
# shop)": a name and a house number opening a parenthesis is an address, street suffix or not.
BRACKETED_ADDRESS = re.compile(rf"\((?P<value>{_NAMED_HOUSE})(?=[,)]| {{1,2}}(?:'s-)?[A-Z])")
# "woonzorgcentrum De Duinroos, kamer 14", "verpleeghuis Avondrood (app. 3)": a resident's
# room or flat in a care home is where that person lives; a room of an office is not.
CARE_HOME_ROOM = re.compile(
    r"(?<![\w-])(?i:woonzorgcentrum|zorgcentrum|verpleeghuis|verzorgingshuis|woonzorgcomplex|"
    r"zorgcomplex|hospice|revalidatiecentrum|zorghotel|kleinschalig wonen|woongroep|"
    r"seniorencomplex|aanleunwoning|nursing home|care home|pflegeheim|altenheim|seniorenheim) "
    rf"(?P<value>{_CAPWORD}(?: (?:{_TUSSEN} ){{0,2}}{_CAPWORD}){{0,3}},? {{1,2}}\(?"
    r"(?i:kamer|appartement|app\.?|unit|room|flat|zimmer|wohnung) {1,2}"
    r"(?:nr\.? ?)?\d{1,4}[a-zA-Z]?\)?)"
)
# "bungalow 52", "chalet 14 op De Zeepe", "ligplaats 7": a home on a holiday park or in a
# harbour is numbered, not named by a street.
NUMBERED_HOME = re.compile(
    r"(?<![\w-])(?P<value>(?i:bungalow|chalet|stacaravan|caravan|vakantiewoning|vakantiehuis|"
    r"recreatiewoning|lodge|boshuisje|huisje|vakantiehuisje|standplaats|kampeerplaats|ligplaats|woonboot|woonark|"
    r"ferienhaus|mobile home|static caravan|ligplek|steiger|box|"
    r"berth|mooring|pitch) (?:nr\.? ?)?"
    # "D-3", "C nr. 14", "2.14": a pier's letter, a phase's plot
    r"(?:[A-Z](?:-| (?:nr\.? ?)?)?)?\d{1,4}(?:\.\d{1,3})?[a-zA-Z]?"
    # a visitors' harbour's place is a letter and a number: "plaats P-22"
    r"|(?i:plaats|place) [A-Z]-?\d{1,3})(?![\w-])"
)
POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Za-z]{2}(?![\w])")
_CITY_WORD = r"(?:'s-[A-Z][\w-]{1,25}|[A-Z][\wÀ-ÿ'-]{1,25}|[A-Z]{2,25})"
CITY_AFTER = re.compile(
    rf",? {{1,3}}{_CITY_WORD}"
    rf"(?: (?:aan den|aan de|aan|op|den|de|bij|in) {_CITY_WORD}| {_CITY_WORD}){{0,2}}"
)
LOWER_CITY_AFTER = re.compile(r",? {1,3}[a-z][a-z'-]{2,25}(?![\w])")
_POSTCODE_CUE = re.compile(r"(?i:(?:postcode|post code|zip|plz|code postal)\b[ :|]{0,4}$)")
HOUSE_NUMBER_CUE = re.compile(
    rf"(?i:\b(?:huisnummer|huisnr\.?|huis nr\.?|hausnummer|house number)\b ?[:|]? ?)"
    rf"(?P<value>{_HOUSE_NUMBER})"
)
# "de buren van nummer 14", "bij Sjef en Mariëlle op nummer 9", "meneer [naam] van nr. 7": a
# person or a house of the street by its number alone.
_BY_NUMBER = (
    r"buren|buurman|buurvrouw|buurjongen|buurmeisje|buurkinderen|bewoners?|buurtgenoten|"
    r"mensen|familie|gezin|man|vrouw|meneer|mevrouw|jongen|meisje|jongens|kinderen|kind|zoon|"
    r"dochter|eigenaar|eigenaren|huurders?|die|diegene|degene|huis|woning|pand|tuin|schuur|"
    r"heg|schutting|oprit|dakkapel|neighbou?rs?|family|people"
)
NEIGHBOUR_NUMBER = re.compile(
    # a name inside a sentence, not a sentence's first word ("Agendapunt op nummer 4")
    # or in brackets after an address: "Hoofddiep 88 (naast nummer 86)"
    rf"(?:(?<![\w-])(?:(?i:{_BY_NUMBER})|\]|(?<=[a-zà-ÿ,] )[A-ZÀ-Ý][a-zà-ÿ'-]{{1,25}}) "
    r"(?i:van|op|bij|aan|naast|tegenover|from|at|next to|across from) "
    r"|(?<=[\w] \()(?i:naast|tegenover|schuin tegenover|next to|opposite) )"
    r"(?P<value>(?i:huis)?(?i:nummer|nr\.?|no\.?|number) ?\d{1,4}[a-zA-Z]?"
    r"(?:(?:, | (?i:en|of|and|or|&) )\d{1,4}[a-zA-Z]?){0,3})(?![\w-])"
)
_NOT_POSTCODE_LETTERS = frozenset(
    [
        "EN",
        "IN",
        "OP",
        "TE",
        "IS",
        "OF",
        "AL",
        "NA",
        "DE",
        "ZO",
        "NU",
        "OM",
        "ER",
        "JE",
        "ME",
        "WE",
        "ZE",
        "UK",
        "US",
        "EU",
        "CM",
        "KM",
        "MM",
        "KG",
        "MB",
        "GB",
        "PM",
        "AM",
        "ML",
    ]
)


def postcode_hits(text: str) -> list[Hit]:
    """Postcodes with the place after them. ``1234 AB`` counts alone; ``3841ck`` too; a
    lowercase ``2024 en`` only after a postcode label (it is a year and a word)."""
    hits: list[Hit] = []
    for match in POSTCODE.finditer(text):
        raw = match.group(0)
        letters = raw[-2:]
        spaced = " " in raw
        cued = bool(_POSTCODE_CUE.search(text, max(0, match.start() - 20), match.start()))
        if not cued:
            if letters.islower() and spaced:
                continue
            if letters.upper() in _NOT_POSTCODE_LETTERS and (spaced or letters.islower()):
                continue
            if not letters.isupper() and not letters.islower():
                continue
        end = match.end()
        city = CITY_AFTER.match(text, end)
        if city is None and letters.islower():
            city = LOWER_CITY_AFTER.match(text, end)
        if city is not None:
            end = city.end()
        hits.append(Hit(match.start(), end, "address"))
    return hits


# "Lindenstraße 14, 48431 Rheine", "Kerkstraat 5, B-2000 Antwerpen": another country's
# postcode, and its place, right after a street and number found as an address.
_FOREIGN_POSTCODE_AFTER = re.compile(
    rf",? {{1,3}}\n?(?:[A-Z]{{1,2}}-)?\d{{4,5}}(?![\w-]) {{1,2}}{_CITY_WORD}"
    rf"(?: (?:an der|am|im|bei|in|sur|aan de|aan) {_CITY_WORD}| {_CITY_WORD}){{0,2}}"
)


def postcode_after_address(text: str, hits: list[Hit]) -> list[Hit]:
    """The postcode and place that continue an address already found (any country's)."""
    found: list[Hit] = []
    for hit in hits:
        if hit.kind != "address":
            continue
        tail = _FOREIGN_POSTCODE_AFTER.match(text, hit.end)
        if tail is not None:
            found.append(Hit(hit.end, tail.end(), "address"))
    return found


# --- dates of birth ----------------------------------------------------------------------
_MONTHS = (
    r"(?:jan(?:uari|uary|vier|uar)?|feb(?:ruari|ruary|rero|ruar)?|maart|march|mrt|mar|märz|mars|"
    r"marzo|apr(?:il|ile)?|avril|abril|mei|may|mai|mayo|maggio|jun[ei]?|juni|juin|junio|giugno|"
    r"jul[iy]?|juli|juillet|julio|luglio|aug(?:ustus|ust)?|août|agosto|sep(?:t|tember|tembre|"
    r"tiembre)?|okt(?:ober)?|oct(?:ober|obre|ubre)?|ottobre|nov(?:ember|embre|iembre)?|"
    r"dec(?:ember)?|dez(?:ember)?|déc(?:embre)?|dic(?:iembre|embre)?|"
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    r"listopada|grudnia|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|"
    r"aralık)\.?"
)
_YEAR = r"(?:1[89]\d{2}|20\d{2}|'\d{2})"
_NUMERIC_DATE = r"\d{1,2} ?[-/.] ?\d{1,2} ?[-/.] ?(?:\d{4}|'?\d{2})\b"
_ISO_DATE = r"(?:1[89]|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b"
_WORD_DATE = (
    rf"(?:\d{{1,2}}(?:e|ste|de|st|nd|rd|th|er|\.)? (?:of )?{_MONTHS},? {_YEAR}"
    rf"|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR})"
)
DATE = rf"(?:{_ISO_DATE}|{_NUMERIC_DATE}|{_WORD_DATE})"
_BIRTH_CUE = (
    r"(?:geboren|geb\.? ?datum|geb\.|geb|geboortedatum|geboortedag|geboortejaar|"
    r"date of birth|birth ?date|birthday|born|d\.o\.b\.?|dob|née?|date de naissance|"
    r"geburtsdatum|geburtstag|geb\. am|data urodzenia|urodzon[ya]|urodziłam się|"
    r"urodziłem się|fecha de nacimiento|nacid[oa]|data di nascita|nat[oa] il|"
    r"doğum tarihi|doğum|jarig op)"
)
# a day and a month without a year ("op 18 september geboren"): a birthday, next to its cue
_DAY_MONTH = (
    rf"(?:\d{{1,2}}(?:e|ste|de|st|nd|rd|th|er|\.)? (?:of )?{_MONTHS}"
    rf"|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?)(?![\w-])"
)
BIRTHDATE = re.compile(
    rf"(?i:\b{_BIRTH_CUE}\b[^\d\n]{{0,22}}?"
    rf"(?P<value>{DATE}|(?<=[ (])(?:1[89]|20)\d{{2}}\b|{_DAY_MONTH}))"
)
# "Unsere Geburtsdaten: ich 17.05.1986, Lukas 29.08.2020, Emma 11.04.2023": after a plural
# cue, every date of the sentence is someone's birth date.
BIRTHDATES_LISTED = re.compile(
    r"(?i:\b(?:geboortedata|geboortedatums|geboortedata's|geburtsdaten|dates of birth|"
    r"birth ?dates|dates de naissance|daty urodzenia)\b)(?:[^\n.!?]|\.(?=\d)){0,240}"
)
# "Mevr. X, geb. 12-03-1941, Waterlelie 31, cliëntnummer …": a person's record in a list puts
# the home address right after the date of birth, whatever the street's name ends in.
RECORD_ADDRESS = re.compile(
    rf"(?<![\w])(?i:geb\.|geboren|born|geboortedatum|dob|d\.o\.b\.):? ?(?:{DATE}), {{1,2}}"
    rf"(?P<value>{_NAMED_HOUSE})"
)
# "23-06-1951 (geboren in Ermelo)": the date right before the cue.
# "°12-04-1967": the degree sign is how Belgians write "born".
BORN_SIGN = re.compile(rf"°\s?(?P<value>{DATE})")
BIRTHDATE_BEFORE = re.compile(
    rf"(?i:(?<![\w'])(?P<value>{DATE}|{_DAY_MONTH})[^\d\n]{{0,14}}?\b{_BIRTH_CUE}\b)"
)
# "Op 9 mei 2028 is onze zoon Mats geboren": the date, then who was born, in one clause.
BORN_ON_DATE = re.compile(
    rf"(?i:(?<![\w'])(?P<value>{DATE}) (?:is|werd|zijn|werden|was) "
    r"(?:[^\W\d][\w'-]{0,30} ){1,5}?(?:geboren|ter wereld gekomen)\b)"
)
# "ik word op 15 mei 18", "hij wordt 12 maart 16": the day a person turns an age is their
# birthday.
TURNS_AGE = re.compile(
    rf"(?i:\b(?:(?:ik|hij|zij|ze|je|jij|i|he|she|er|sie|zoon|dochter|son|daughter|kind) "
    rf"(?:word|wordt|werd|turn|turns|turned|werde|wird)|(?:word|wordt|werd|wird) "
    rf"(?:ik|hij|zij|ze|je|er|sie)) (?:op |on |am )?(?P<value>{_DAY_MONTH}) \d{{1,3}}\b"
    r"(?! ?(?:graden|uur|procent|euro|minuten|degrees|grad|%|°)))"
)
# Any full date with a four-digit year: a date far enough back is someone's birth date far
# more often than anything else a citizen writes to a municipality (``OLD_DATE_YEARS``).
FULL_DATE = re.compile(rf"(?i:(?<![\w'/.-])(?P<value>{DATE}))")
DATE_YEAR = re.compile(r"(?<!\d)(1[89]\d{2}|20\d{2})(?!\d)")

# --- licence plates ------------------------------------------------------------------------
_L = "[BDFGHJKLMNPRSTVXZbdfghjklmnprstvxz]"  # plates have no vowels, C or Q
_SIDECODES = [
    rf"{_L}{{2}}-\d{{2}}-\d{{2}}", rf"\d{{2}}-\d{{2}}-{_L}{{2}}", rf"\d{{2}}-{_L}{{2}}-\d{{2}}",
    rf"{_L}{{2}}-\d{{2}}-{_L}{{2}}", rf"{_L}{{2}}-{_L}{{2}}-\d{{2}}",
    rf"\d{{2}}-{_L}{{2}}-{_L}{{2}}",
    rf"\d{{2}}-{_L}{{3}}-\d", rf"\d-{_L}{{3}}-\d{{2}}", rf"{_L}{{2}}-\d{{3}}-{_L}",
    rf"{_L}-\d{{3}}-{_L}{{2}}", rf"{_L}{{3}}-\d{{2}}-{_L}", rf"{_L}-\d{{2}}-{_L}{{3}}",
    rf"\d-{_L}{{2}}-\d{{3}}", rf"\d{{3}}-{_L}{{2}}-\d",
]  # fmt: skip
# Belgian plates since 2010: a digit, three letters, three digits ("1-KTR-482")
_SIDECODES.append(rf"[1-9]-{_L}{{3}}-\d{{3}}")
# British plates since 2001: two letters, two digits, three letters ("LK19 XPW")
_SIDECODES.append(r"[A-Z]{2}\d{2} ?[A-Z]{3}")
PLATE = re.compile(rf"(?<![\w-])(?:{'|'.join(_SIDECODES)})(?![\w-])")

# Dutch passport / identity card numbers since 2014: two letters, six letters or digits, a
# digit; the letter O is never used.
DOCUMENT_NUMBER = re.compile(
    r"(?<![\w-])[A-NP-Z]{2}(?=[A-NP-Z0-9]{0,5}\d)[A-NP-Z0-9]{6}\d(?![\w-])"
)

# --- values behind a label ------------------------------------------------------------------
# A person's number with their employer, club or lessor: a small organisation's has four
# digits ("personeelsnummer 1043"), and the label says it is a person's.
_STAFF_NUMBER = (
    r"personeelsnummer|personeelsnr\.?|pers\. ?nr\.?|medewerkers?nummer|werknemers?nummer|"
    r"employee number|staff number|personalnummer|lidnummer|lidmaatschapsnummer|"
    r"membership number|pachtnummer"
)
_LABELS: dict[str, str] = {
    "bsn": r"bsn|burgerservice ?nummer|sofi-? ?nummer|citizen service number",
    "id_document": (
        r"paspoort(?:nummer|nr\.?)?|passport(?: number| no\.?)?|id-?kaart(?:nummer)?|"
        r"identiteitskaart(?:nummer)?|identiteitsbewijs|documentnummer|document number|"
        r"rijbewijs(?:nummer|nr\.?)?|driving licen[cs]e(?: number)?|driver'?s license(?: number)?|"
        r"reisepass(?:nummer)?|personalausweis(?:nummer)?|ausweis(?:nummer)?|"
        r"führerschein(?:nummer)?|verblijfsdocument|verblijfsvergunning(?:nummer)?|"
        r"v-nummer|v-number|vreemdelingennummer|numer (?:paszportu|dowodu)"
    ),
    "tax_id": (
        r"steuer-?id(?:nr\.?)?|steuer-?identifikationsnummer|steuernummer|idnr\.?|"
        r"tax id|tax number|tin|nif|nie|pesel|nino|national insurance number|codice fiscale|"
        r"rijksregisternummer|insz(?:-nummer)?|niss|fiscaal nummer|t\.c\. kimlik(?: no)?|"
        r"kimlik no"
    ),
    "licence_plate": r"kenteken(?:nummer)?|license plate|licence plate|number plate|kennzeichen",
    # a person's number with a company or an office: it finds their account as a BSN would
    "customer_number": (
        r"woz-objectnummer|objectnummer|klantnummer|klantnr|relatienummer|relatienr|"
        r"debiteu?rnummer|debiteurennummer|huurcontract ?nummer|huurcontract|contractnummer|"
        # "(beschikking JH-2024-08812)": the number of a person's own decision
        r"beschikking|"
        r"tenancy number|contract number|"
        r"cli[eë]ntnummer|polisnummer|polisnr|"
        r"zorgpasnummer|customer number|client number|account number|policy number|"
        r"kundennummer|versicherungsnummer|"
        # a person's own allocation, absence, permit, farm or pass: "toewijzingsnummer
        # 2024-HO-18842", "Wmo-nummer W-18273", "UBN 1287645", "vergunningnummer LV-2009-031"
        r"toewijzingsnummer|verzuimnummer|wmo-nummer|wmo-nr\.?|ubn(?:-nummer)?|"
        r"vergunningn?nummer|vergunningsnummer|ligplaatsnummer|pasnummer|kaartnummer|"
        r"factuurnummer|pachtcontract(?:nummer)?|"
        # a home's energy connection: "onze EAN code is 8716…" (18 digits)
        r"ean(?:-? ?code)?|ean-?nummer|aansluitnummer|"
        # a Polish writer's "numer aanslag: …", "numer klienta"
        r"numer (?:aanslag|klienta|umowy|sprawy|decyzji)|"
        # a person's own file, assessment or job: "dossiernummer", "pers.nr." (the
        # gemeente's case references, "kenmerk", "zaaknummer", stay: they find the case)
        # (a file with another organisation, "dossier 40-1187", too; "ons dossier" is theirs)
        r"dossiernummer|dossiernr\.?|(?<!\bons )(?<!\bour )dossier|aanslagnummer|"
        r"aanslagnr\.?|assessment number|tax assessment number|"
        # a staff, member or lease number (which may also be shorter, below)
        rf"{_STAFF_NUMBER}|"
        # "mijn nummer van de brief is …": a number the writer calls their own
        r"(?:mijn|m'n|zijn|z'n|haar|ons|onze|my|his|her|our|meine?|seine?|ihre?|unsere?) "
        r"(?:eigen )?(?:nummer|number)"
    ),
    # The gemeente's reference of a person's case, as the person quotes it: a letter's
    # "kenmerk", a "zaaknummer", the number of a grave, a request or a fine. It names that
    # person's file to anyone with the case system; the stored mail keeps it for the desk.
    # An organisation's own reference ("ons kenmerk", "our reference") is no person's.
    "case_reference": (
        r"(?:(?<!\bons )(?<!\bour )(?<!\bunser )(?:(?:uw )?kenmerk|reference number|"
        r"case reference)|your reference|ihr zeichen|zaaknummer|zaaknr|"
        r"zaak-?id|verzoeknummer|aanvraagnummer|meldingsnummer|meldingnummer|grafnummer|"
        # "melding 26-11873", "Uw melding M26-13377 is afgehandeld": a report's own number
        r"melding(?= (?:[A-Z]{1,3}-?)?\d{2,4}[-/.]?\d{3,})|"
        r"referentienummer|beschikkingsnummer|naheffingsaanslag(?:nummer)?|boetenummer|"
        # a form's own reference and a case by its word and colon: "Referentie: OF-7Q2K9B",
        # "Zaak: 2026-000417"; an assessment by its number "aanslag 2026.41.02263"
        r"(?<!\bonze )(?<!\bour )referentie(?=:)|zaak(?=:)|aanslag(?= \d{4}[./-]\d)|"
        r"bonnummer|aktenzeichen|geschäftszeichen|vorgangsnummer|case number|"
        r"application number|fine number|penalty number|"
        # a claim for damage (mining, storm, insurance) is a person's file: "schadenummer",
        # "afgehandeld onder nummer 0078-44291"
        r"schadenummer|schadenr|schadedossiernummer|claimnummer|claim number|"
        r"onder (?:het )?nummer|under (?:the )?(?:number|reference)|unter (?:der )?nummer|"
        # "the number on the paper is …", "het nummer op de brief": the number a letter gave
        r"(?:(?:the|het|de) )?(?:number|nummer) (?:on|op|of|van) "
        r"(?:the|my|de|het|mijn|die|dat|dit) (?:paper|letter|fine|ticket|notice|receipt|"
        r"confirmation|brief(?:je)?|bon(?:netje)?|boete|aanslag|beschikking|formulier|form|"
        r"ontvangstbewijs|bevestiging|kaartje|"
        # "het nummer op het plaatje is HM-7734-19": the number a person's aid or pass carries
        r"plaatje|sticker|pas|pasje|kaart|apparaat|label|scootmobiel|rolstoel|container|kliko|"
        r"meter|device|card|pass|wheelchair|scooter)|"
        # "het nummer dat bovenaan de brief staat is …", "die Nummer auf dem Bescheid lautet"
        r"(?:het |de )?nummer (?:dat |die )?(?:bovenaan|rechtsboven|linksboven|onderaan|op|in) "
        r"(?:de|het|mijn|die|dat|dit) (?:brief|bon|aanslag|beschikking|formulier|rekening)|"
        r"(?:die )?nummer (?:auf|in) (?:dem|der|meinem|meiner|unserem|unserer) "
        r"(?:bescheid|brief|rechnung|schreiben|steuerbescheid))"
    ),
    "phone": r"telefoon(?:nummer)?|tel\.?|mobiel(?:e nummer)?|gsm|phone|mobile|telefon|handy",
    "birthdate": r"geboortedatum|geb\.? ?datum|date of birth|geburtsdatum|dob",
    "name": (
        r"naam|volledige naam|voornaam|voornamen|achternaam|voorletters|roepnaam|"
        # "Cliënt: Noor Bakkali", "Leerling: Daan de Vries": whom a referral is about
        r"cli[eë]nt|patiënt|patient|leerling|jeugdige|betrokkene|aanvrager|overledene|"
        # who filled in a form or a platform: "Indiener: Ria de Haan"
        r"indiener|inzender|melder|afzender|submitted by|"
        r"pupil|klient|schüler|schülerin|"
        r"name|full name|first name|last name|surname|vorname|nachname|nom|prénom|imię|nazwisko"
    ),
    "address": (
        r"adres|woonadres|straat|straatnaam|huisnummer|huisnr\.?|postcode|woonplaats|address|"
        r"street|city|anschrift|straße|plz|wohnort|adresse"
    ),
    "email": r"e-?mail(?:adres)?|mail",
}
_LABEL_SEP = r" {0,3}(?:[:|]|\t) {0,16}"  # a pasted letter aligns its values with spaces
_CODE_VALUE = r"(?P<value>[A-Z0-9](?:[ ./_-]?[A-Z0-9]){3,24})"
_NAME_VALUE = (
    # a surname may open with its particles: "van Dijk", "S. de Groot", "van der Berg"
    r"(?P<value>(?:[A-Z]\. ?){0,4}(?:(?:van|de|der|den|ter|ten|te|'t|in|het|op|la|le|du|da"
    r"|dos|von|el|al) ){0,3}[A-ZÀ-Ý][\wÀ-ÿ'.-]{0,30}"
    r"(?: (?:[A-ZÀ-Ý][\wÀ-ÿ'.-]{0,30}|van|de|der|den|ter|ten|el|al|bin|ben|da|dos|von)){0,5})"
)
# a value that says there is none is no one's name
_NO_VALUE = r"(?:onbekend|nvt|n\.v\.t\.?|geen|zie|idem|anoniem|nee|ja|none|unknown|n/a)\b"
_LOWER_NAME_VALUE = (
    rf"(?P<value>(?!{_NO_VALUE})[a-zà-ÿ][\wà-ÿ'.-]{{1,30}}(?: [a-zà-ÿ][\wà-ÿ'.-]{{0,30}}){{0,4}})"
    r"(?=[ \t]*(?:\n|$| {2}| [A-Z][\w-]{1,20}:))"
)
_PLACE_VALUE = r"(?P<value>[^\n|,;:]{1,60}?)(?= *(?:\||\n|$|;|,| {2}))"


def _number_after(label: str, noun: str, shortest: int, refused: str = "") -> re.Pattern[str]:
    """A number after its label, a few words and a colon or verb between them allowed;
    ``noun``: what may stand between ("nummer"); ``shortest``: the fewest letters and digits
    of the number; ``refused``: a lookahead for numbers that are no one's."""
    return re.compile(
        rf"(?i:\b(?:{label})\b\.?)"
        rf"(?:(?: [^\d\n:;.|]{{1,45}}?)?(?::| is| was| luidt| lautet| ist| reads| ?\|)|:)?"
        rf"{noun}"
        rf" {{1,2}}(?P<value>{refused}(?=[A-Z0-9 ./_-]{{0,30}}\d)"
        rf"[A-Z0-9](?:[ ./_-]?[A-Z0-9]){{{shortest - 1},24}})\b"
    )


# "aangifte gedaan bij de politie (nummer 2025153927-1)": a police report's number.
REPORT_NUMBER = re.compile(
    r"(?i:\b(?:aangifte|proces-verbaal|police report|anzeige)\b[^.\n]{0,60}?"
    r"\b(?:nummer|nr\.?|number|no\.?|registratienummer|pv-nummer|aktenzeichen)\b)\s{0,3}:?\s{0,3}"
    r"(?P<value>\d[\d-]{5,20}\d)"
)
# "zaak Z/25/118274", "(Z-2025-002417)", "melding M25-00201": a case or report number in
# the shape Dutch case systems give it (Z for zaak, M for melding, a year, a serial), with or
# without its word; a person's file to anyone with the case system, like a "zaaknummer".
CASE_SHAPE = re.compile(
    # an organisation's own reference stays: "Ons kenmerk: Z-2025-001234"
    r"(?<!(?i:ons kenmerk): )(?<!(?i:ons kenmerk) )(?<!(?i:our reference): )"
    r"(?<!(?i:ons kenmerk) is )(?<!(?i:onze referentie): )(?<!(?i:onze referentie) )"
    r"(?<!(?i:onze referentie) is )(?<!(?i:our reference) is )"
    r"(?<![\w/.-])(?P<value>(?:(?i:zaak) (?=[A-Z]?[-/]?\d)[A-Z]{0,2}[-/]?\d{2,4}[-/]\d{4,7}"
    r"|Z[-/]?(?:20)?\d{2}[-/]\d{4,7}|M-?(?:20)?\d{2}-\d{5,7}"
    # "MOR-2025-08812", "JH-2025-0317": a case system's prefix, a year, a serial (Vraagbaak's
    # own "VB-2026-0042" is no one's file)
    r"|(?!VB-)[A-Z]{2,4}-20\d{2}-\d{4,6}))(?![\w/-])"
)
# "auto's met Poolse en Roemeense kentekens (o.a. PO 3KT77 en SV 14 MRC)": plates of any
# country in the sentence after a word for plates.
PLATE_CUE = re.compile(
    r"(?i:\b(?:kentekens?|nummerborden?|nummerplaten?|kennzeichen|licen[cs]e plates?|"
    r"number plates?|registration plates?)\b)"
)
_SENTENCE_END = re.compile(r"[.!?] {1,3}[A-Z][a-z]|\n")
FOREIGN_PLATE = re.compile(r"(?<![\w-])[A-Z]{1,3}[ -]?\d[0-9A-Z]{1,4}(?:[ -][A-Z]{2,3})?(?![\w-])")


def plates_near_cue(text: str) -> list[Hit]:
    """Plate-shaped codes of five characters or more in the 100 characters after a word for
    plates, before the sentence ends."""
    hits: list[Hit] = []
    for cue in PLATE_CUE.finditer(text):
        window = text[cue.end() : cue.end() + 100]
        # a sentence ends before a capitalised word ("o.a. PO 3KT77" goes on)
        stop = _SENTENCE_END.search(window)
        window = window[: stop.start()] if stop else window
        for plate in FOREIGN_PLATE.finditer(window):
            if len(plate.group().replace(" ", "").replace("-", "")) >= 5:
                hits.append(
                    Hit(cue.end() + plate.start(), cue.end() + plate.end(), "licence_plate")
                )
    return hits


LABELLED: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"(?im:(?:^|(?<=[|>\s(])){_LABELS[kind]}){_LABEL_SEP}{_CODE_VALUE}"))
    for kind in ("bsn", "id_document", "tax_id", "licence_plate")
] + [
    # ``BSN 123…``, ``paspoortnummer NW3F7K9L1``: a document label right before its number.
    # "cliëntnummer bij de gemeente: 30-55817", "klantnummer bij jullie is 40-118273": a few
    # words between the label and its colon or verb
    (kind, _number_after(_LABELS[kind], r"(?: nummer| nr\.?| no\.?)?", shortest=5))
    for kind in ("id_document", "tax_id", "licence_plate", "customer_number")
] + [
    ("customer_number", _number_after(_STAFF_NUMBER, "", shortest=4)),
] + [
    # the same for a case's reference, which may be as short as "B-112"; Vraagbaak's own
    # reference ("kenmerk VB-2026-0042") is no one's file
    ("case_reference", _number_after(_LABELS["case_reference"], "", shortest=3,
                                     refused=r"(?!VB-\d{4}-)")),
] + [
    ("name", re.compile(
        rf"(?im:(?:^|(?<=[|>\s(]))(?:{_LABELS['name']})){_LABEL_SEP}{_NAME_VALUE}"
    )),
    # a form's field typed in lower case ("Naam: milan jonkman"): the whole line's value
    ("name", re.compile(
        rf"(?im:^[ \t]{{0,4}}(?:{_LABELS['name']})){_LABEL_SEP}{_LOWER_NAME_VALUE}"
    )),
    (
        "address",
        re.compile(rf"(?im:(?:^|(?<=[|>\s(]))(?:{_LABELS['address']})){_LABEL_SEP}{_PLACE_VALUE}"),
    ),
    (
        "birthdate",
        re.compile(rf"(?im:(?:^|(?<=[|>\s(]))(?:{_LABELS['birthdate']})){_LABEL_SEP}{_PLACE_VALUE}"),
    ),
]  # fmt: skip
