"""Citizens' names: after a title (``mevrouw Pietersen``, ``dhr. De Vries``, ``Frau Müller``),
after an introduction or a closing (``mijn naam is …``, ``Met vriendelijke groet,\\nHenk``), and
every name the mail itself gives for its citizen (the sender's display name). Colleagues — names
the configuration or the chat knows — keep their names."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from bot.redaction.given_names import given_names, word_free_names
from bot.redaction.numbers import Hit

_TUSSEN_WORDS = (
    "van|de|der|den|het|'t|ter|ten|te|in|op|el|al|bin|ben|da|das|dos|du|la|le|von|zu|vd|v\\.d\\."
)
# "J.W. (Jan-Willem) ": initials, and the given name they stand for in brackets
_INITIALS = r"(?:[A-Z]\.(?: ?[A-Z]\.){0,4} ?(?:\([A-Z][a-z]{1,20}(?:-[A-Z][a-z]{1,20})?\) )?)"
_SURNAME = r"[A-ZÀ-ÝŁŚŻ][a-zà-ÿłśżźćńóęą'A-Z]{1,30}"
_FIRST = r"[A-ZÀ-ÝŁŚŻ][a-zà-ÿłśżźćńóęą'-]{1,20}"
# Van, De, Van der: a surname's first word is capitalised when it starts the name.
_TUSSEN = rf"(?:(?i:{_TUSSEN_WORDS})\.? ){{0,3}}"
# A name starts with a capital: "Jan de Vries", "J.P. van Dam", "De Vries", not "in Zeewolde".
NAME = (
    rf"(?:(?:{_INITIALS}|(?:{_FIRST} ){{1,2}}){_TUSSEN}|(?=[A-ZÀ-Ý]){_TUSSEN})?"
    rf"{_SURNAME}(?:-{_TUSSEN}{_SURNAME})?"
)
_TITLES = (
    r"mevrouw|mevr\.?|mw\.?|mvr\.?|meneer|mijnheer|mnr\.?|dhr\.?|de heer|heer|familie|fam\.?|"
    r"echtpaar|wijlen|mr\.|mrs\.?|ms\.?|miss|herr|frau|madame|mme\.?|monsieur|mlle\.?|"
    r"pan|pani|señor|señora|sr\.|sra\.|signor|signora|bay|bayan|dokter|dr\.|drs\.|ir\.|ing\.|"
    r"prof\.|zuster|broeder|opa|oma|tante|oom|buurman|buurvrouw|cliënt|client|cliënte|"
    # Frisian: neighbour, grandfather and grandmother, uncle and aunt
    r"buorman|buorfrou|pake|beppe|omke|muoike|"
    r"bewoner|bewoonster|aanvrager|aanvraagster|klant|patiënt|melder|"
    # "boer Verhoeven", "Landwirt Verhoeven": a farmer by his name, as people in the
    # countryside say it
    r"boer|boerin|landwirt|bauer|bäuerin|farmer"
)
# After a title the name may start with its lower-case tussenvoegsel: "de heer van Dijk".
# "in" and "op" start a name only before an article ("mevrouw in 't Veld", "de heer op de
# Beek"); before a name they are where someone is ("mevrouw in De Weverij", "meneer in Epe").
_TITLED_NAME = (
    r"(?!(?:in|op) (?!(?:'t|t|de|den|der|het) ))"
    rf"(?:(?:{_INITIALS}|(?:{_FIRST} ){{1,2}})?{_TUSSEN})?{_SURNAME}(?:-{_TUSSEN}{_SURNAME})?"
)
# "Mr Koppes", "Dr Smit": the English titles without a full stop, capitalised as written
# (a lower-case or all-caps "mr"/"MR" is the Dutch law degree or a works council); "the farm
# of family Dijkhuis" in lower case only ("Family Day" is no family).
_TITLE = rf"(?:(?i:{_TITLES})|Mr|Dr|Prof|family)"
TITLED = re.compile(rf"(?<![\w.]){_TITLE} {{1,2}}(?P<value>{_TITLED_NAME})")
_INTRO = (
    r"mijn naam is|ik ben|ik heet|my name is|i am|i'm|ich heiße|ich bin|"
    r"mein name ist|je m'appelle|je suis|nazywam się|mam na imię|jestem|me llamo|"
    r"mi nombre es|benim adım|adım|namens|on behalf of|im auftrag von|"
    r"met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|met hartelijke groet(?:en)?|"
    r"hartelijke groet(?:en)?|groeten|groetjes|groet|mvg|gr\.|kind regards|best regards|regards|"
    r"liefs|veel liefs|lieve groet(?:en)?|warme groet(?:en)?|doei|"
    r"mei freonlike groet(?:nis(?:sen)?)?|freonlike groet(?:nis(?:sen)?)?|groetnis(?:sen)?|"
    r"cheers|thanks|bedankt|dank u wel|alvast bedankt|mit freundlichen grüßen|"
    r"viele grüße|cordialement|pozdrawiam|z poważaniem|saludos|saygılarımla|"
    r"ondertekend|getekend|signed|"
    # an account's holder: "NL91 … ten name van W. Timmermans"
    r"ten name van|t\.n\.v\.?|tnv|op naam van|in the name of|account holder|"
    r"kontoinhaber(?:in)?|auf den namen"
)
# "Lisa en Tom", "Mark & Julia O'Brien", "Sanne (en Jesse)": two people signing together.
_PAIR = rf"{NAME}(?: \(?(?:en|and|&|und|et|ve|i|y) {NAME}\)?)?"
INTRODUCED = re.compile(
    rf"(?<![\w])(?i:{_INTRO})(?:,| ?-)? {{0,2}}(?:\n {{0,4}}){{0,2}}(?P<value>{_PAIR})(?![\w@])"
)
# "onze dochter Lotte", "mijn verloofde Jeroen Smits", "my mother, Mrs. Evans".
_RELATIONS = (
    r"dochter|zoon|vader|moeder|man|vrouw|echtgeno(?:ot|te)|partner|verloofde|vriend|vriendin|"
    r"broer|zus|zuster|opa|oma|kleinzoon|kleindochter|schoonzoon|schoondochter|schoonvader|"
    r"schoonmoeder|neef|nicht|oom|tante|kind|pleegkind|pleegzoon|pleegdochter|buurman|buurvrouw|"
    r"buurjongen|buurmeisje|huisgenoot|cliënt|client|daughter|son|father|mother|husband|wife|"
    r"brother|sister|grandson|granddaughter|neighbour|neighbor|fiancée?|tochter|sohn|mutter|"
    r"ehemann|ehefrau|córka|syn|ojciec|matka|kızım|oğlum|annem|babam|"
    # Frisian: father, mother, son, sister, wife, neighbours
    r"heit|mem|soan|suster|frou|buorman|buorfrou|pake|beppe|"
    # the people around a writer by their role: "onze conciërge, Ahmed, kan …"
    r"conci[eë]rge|collega|medewerker|medewerkster|begeleider|begeleidster|mentor|juf|meester|"
    r"leerkracht|docent|coach|contactpersoon|huisarts|trainer|trainster|huismeester|"
    r"leidinggevende|assistent|secretaresse|colleague|caretaker|teacher|kollege|kollegin|"
    r"hausmeister|"
    # at work and in care: "mijn ploegleider Harry", "haar casemanager Ingrid"
    r"ploegleider|teamleider|teamleidster|voorman|uitvoerder|manager|chef|baas|"
    r"co[öo]rdinator|consulent|klantmanager|casemanager|wijkagent|buurtagent|"
    r"wijkverpleegkundige|verpleegkundige|fysiotherapeut|therapeut|advocaat|bewindvoerder|"
    r"hulpverlener|supervisor|boss|vorgesetzter|vorgesetzte|teamleiter|teamleiterin|"
    # little ones, in-laws, and a club's board: "ons buurjongetje Sem", "my mother-in-law,
    # Grace,", "onze voorzitter, Bert van Rooij,"
    r"zoontje|dochtertje|kleinzoontje|kleindochtertje|buurjongetje|neefje|nichtje|broertje|"
    r"zusje|kindje|kleinkind|mother-in-law|father-in-law|son-in-law|daughter-in-law|"
    r"grandmother|grandfather|grandma|grandpa|boyfriend|girlfriend|voorzitter|"
    r"penningmeester|secretaris|bestuurslid|vrijwilliger|vrijwilligster|schwiegermutter|"
    r"schwiegervater|mann|bruder|schwester|vater|enkelin|nachbar|nachbarin|schwager|"
    r"schwägerin|onkel|cousine|"
    # family by marriage, step and half: "mijn schoonzus Ineke", "mein Verlobter Tobias"
    r"schoonzus|schoonzuster|zwager|schoonbroer|stiefzoon|stiefdochter|stiefvader|stiefmoeder|"
    r"halfbroer|halfzus|tweelingbroer|tweelingzus|vriendje|vriendinnetje|peetoom|peettante|"
    r"stepson|stepdaughter|stepfather|stepmother|brother-in-law|sister-in-law|verlobter|"
    r"verlobte|lebensgefährte|lebensgefährtin|stiefsohn|stieftochter|neffe|nichte"
)
# "zijn oudere broer Mewael", "onze jongste Arman", "my best friend Stoyan": an adjective
# of age or size may stand between the possessive and the relation.
_KIN_ADJECTIVE = (
    r"(?:oudere|jongere|oudste|jongste|middelste|kleine|grote|lieve|beste|eigen|older|younger|"
    r"eldest|youngest|little|big|best|ältere|jüngere|große) "
)
_FRIENDS = r"friend|friends|mate|buddy|freund|freundin|kumpel|przyjaciel|przyjaciółka|arkadaşım"
RELATIVE = re.compile(
    rf"(?<![\w])(?i:(?:mijn|m'n|onze|ons|zijn|z'n|haar|hun|my|our|his|her|their|myn|ús|syn|"
    rf"(?:mein|unser|sein|ihr|dein)(?:e[rnms]?)?|"
    rf"mój|moja|moje) (?:{_KIN_ADJECTIVE})?(?:ex-|duo-|oud-|mede-)?"
    rf"(?:{_RELATIONS}|{_FRIENDS}|jongste|oudste|middelste|youngest|eldest)(?:s|'s)?)"
    rf"(?:,? {{1,2}}(?i:{_TITLES})?| ?\()? {{0,2}}"
    rf"(?P<value>{NAME})(?![\w@])"
)
# "moeder van Yousef", "the father of Liam": a parent named by their child.
PARENT_OF = re.compile(
    r"(?<![\w])(?i:moeder|vader|ouders?|mama|papa|oma|opa|grootouders?|voogd|mother|father|"
    r"parents?|guardian|mutter|vater|eltern|matka|ojciec) (?i:van|of|von) "
    rf"(?P<value>{NAME})(?![\w@])"
)
# "en dochter Zuzia van 4 jaar", "met zoon Milan": a child named after the word for them,
# inside a sentence, without "mijn" or "onze".
KIN_NAMED = re.compile(
    r"(?<=[a-zà-ÿ,] )(?:dochter|zoon|dochtertje|zoontje|kleinzoon|kleindochter|pleegzoon|"
    r"pleegdochter|son|daughter|grandson|granddaughter|sohn|tochter|córka|syn|"
    # "haar moeder en zus Lu", "met broertje Sem": brothers and sisters too
    r"broer|zus|zusje|broertje|brother|sister|bruder|schwester|brat|siostra) "
    rf"(?P<value>{_FIRST})(?![\w@-])"
)
# "iedereen noemt hem \"Pietje\"", "(roepnaam Rubje, …)", "we call her Mimi": the name a
# person is called by, after the words that introduce it.
_WEEKDAYS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Maandag|Dinsdag|Woensdag|"
    r"Donderdag|Vrijdag|Zaterdag|Zondag|Morgen|Tomorrow|Today|Tonight|Back|Later)\b"
)
NICKNAME = re.compile(
    r"(?<![\w])(?:(?i:roepnaam|bijnaam|koosnaam|rufname|spitzname|nickname|nicknamed|goes by|"
    r"genannt|known (?:to (?:everyone|everybody|all|us|friends) )?as|iedereen zegt|"
    r"zegt iedereen|we zeggen|wij zeggen|zeggen we|alle(?:n|maal)? zeggen)|"
    r"(?i:noem|noemt|noemen|noemde|noemden|nennen|nennt|nannten|call|calls|called) "
    r"(?i:hem|haar|ze|zij|we|wij|him|her|them|ihn|sie|wir)(?: (?i:altijd|gewoon|meestal|"
    r"nog steeds|always|just|still|immer))?)[:,]? {1,2}[\"'“‘„]?"
    rf"(?!{_WEEKDAYS})(?P<value>{_FIRST})(?![\w@-])"
)
# "(Sannetje zeggen we thuis)", "\"Bram\", zoals we hem noemen": the name before those words,
# opening a parenthesis or a quote.
NICKNAME_BEFORE = re.compile(
    rf"(?<![\w])[(\"'“‘„](?P<value>{_FIRST})[\"'”’]?,? (?:(?i:zeggen|noemen) "
    r"(?i:we|wij|ze|zij|iedereen)|(?i:zoals|as) (?i:we|wij|iedereen|ze|everyone|they) "
    r"(?i:hem|haar|him|her|ze) (?i:noemen|noemt|call))\b"
)
# "De dochter (Ria, 06-…)", "our youngest (Zuzia, born …)", "een man (Kevin, achternaam weet
# ik niet)": a person by role or kinship, their given name opening a parenthesis.
_PERSON_NOUNS = (
    rf"(?:{_RELATIONS}|jongste|oudste|youngest|eldest|oldest|meneer|mevrouw|jongen|meisje|baby|"
    r"ex|ex-man|ex-vrouw|ex-vriend|ex-vriendin|bewoner|bewoonster|huurder|man|vrouw|guy|lady|"
    r"boy|girl|kid|child|kind|kindje|dochtertje|zoontje|leerling|leerlinge|scholier|pupil|"
    r"student|studente|patiënt|patient|cliënt|client|kinderen|children|kids|jongens|meisjes|"
    r"zonen|dochters|kleinkinderen|grandchildren)"
)
PERSON_PAREN = re.compile(
    rf"(?<![\w])(?i:{_PERSON_NOUNS})(?: [a-zà-ÿ]{{1,15}}){{0,2}} \((?P<value>{_FIRST})(?=[,)])"
)
# "mijn dochtertje, Noa (2)": a child in apposition, with their age in parentheses.
KIN_AGE = re.compile(
    rf"(?<![\w])(?i:{_PERSON_NOUNS}), (?P<value>{_FIRST}) \(\d{{1,2}}(?: (?:jaar|jr\.?|years?))?\)"
)
# "de vrouw heet Jolanda", "a boy named Liam": a person by the name they are called (after a
# word for a person, or a given name after any "heet").
_CALLED_NAME = rf"(?P<value>{_FIRST}(?: {_TUSSEN}{_SURNAME})?)(?![\w@-])"
CALLED = re.compile(
    rf"(?<![\w])(?i:heet|heette|heten|genaamd|named|called|heißt|hieß) {_CALLED_NAME}"
)
PERSON_CALLED = re.compile(
    rf"(?<![\w])(?i:{_PERSON_NOUNS}|hij|zij|ze|he|she|er|sie)(?: [a-zà-ÿ]{{1,12}}){{0,2}} "
    rf"(?i:heet|heette|heten|heetten|is called|was called|is named|heißt|hieß|heißen) "
    rf"{_CALLED_NAME}"
)
# "ik ben eline en ik ben 16", "mijn moeder heet natasja de rijcke": a given name typed in
# lower case right after an introduction; only names that are no word in any case
# (:func:`word_free_names`), with a surname only after a tussenvoegsel.
INTRODUCED_LOWER = re.compile(
    r"(?<![\w])(?:mijn naam is|ik ben|ik heet|heet|my name is|i am|i'm|ich bin|ich heiße|heißt) "
    r"(?P<value>(?P<given>[a-zß-öø-ÿā-ž]{2,20})(?: (?:van |de |der |den |ter |ten |van de |"
    r"van der |van den )[a-zß-öø-ÿā-ž][a-zß-öø-ÿā-ž'-]{1,30})?)(?![\w@-])"
)
# "Lotte is geboren op …", "Liam was born in March": a person by the words of their birth.
BORN_NAME = re.compile(
    rf"(?<![\w])(?P<value>{_FIRST}(?: {_TUSSEN}{_SURNAME})?) (?:is|werd|was|wurde|ist) "
    r"(?:(?:op|in|on|am|im) [^\s.,;:!?]{1,15} )?(?:geboren|born)\b"
)
# "mn zoon luuk van 9", "mijn dochter lotte (4)": a child's given name typed in lower case
# after the word for them and before their age; checked against given_names().
LOWER_CHILD = re.compile(
    r"(?<![\w])(?i:mijn|m'n|mn|onze|ons|zijn|haar|my|our) (?i:zoon|dochter|zoontje|"
    r"dochtertje|kleinzoon|kleindochter|kind|kindje|son|daughter) "
    r"(?P<value>[a-zà-ÿ]{2,15})(?= (?:van )?\(?\d{1,2}\b)"
)
# "de buurman, Harrie Vlemmix, …": a person named between commas after their role.
APPOSED = re.compile(
    rf"(?<![\w])(?i:de|het|the|der|die|een|a|an|ein|eine)(?: (?i:[a-zà-ÿ]{{2,15}}))? "
    rf"(?i:{_RELATIONS}), {{1,2}}(?P<value>{NAME}),"
)
# "Annelies (onze teamleider)": a name with the writer's role for them in parentheses.
ROLE_AFTER = re.compile(
    rf"(?<![\w])(?P<value>{NAME}) \((?i:onze|ons|mijn|m'n|our|my|unsere?|meine?) "
    rf"(?:{_RELATIONS})\)"
)
# "onze Daan van 9", "mijn Sanne (6)": one's own child by first name and age.
OWN_CHILD = re.compile(
    rf"(?<![\w])(?i:onze|ons|mijn|m'n|our|my) (?P<value>{_FIRST}) "
    rf"(?:van \d{{1,2}}\b(?! ?(?:uur|u\b|[:.,]\d|%|euro|keer|minuten|min\b))|\(\d{{1,2}}\))"
)
# "zegt Truus Veldhuis (82)": a first name and a surname with an age.
FULL_AGED = re.compile(
    rf"(?<![\w])(?P<value>{_FIRST} {_TUSSEN}{_SURNAME}) \(\d{{1,3}}(?: (?:jaar|jr\.?))?[),]"
)
# "Gea Bakker en ik willen …", "Tom Hardy and I": the person beside the writer, by full name
# (a given name alone is a known one, found anyway; "Mama en ik", "Nederland en ik" stay).
_SURNAME_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|het|'t|la|le|von|vd) ){0,3}"
WITH_WRITER = re.compile(
    rf"(?<![\w])(?!(?i:{_RELATIONS})\b)(?P<value>{_FIRST} {_SURNAME_PARTICLES}{_SURNAME})"
    r" (?:en ik|and I|und ich)\b"
)
# "Hillie van hiernaast", "Bert van de overkant": a neighbour by where they live.
NEXT_DOOR = re.compile(
    rf"(?<![\w])(?P<value>{_FIRST}(?: {_TUSSEN}{_SURNAME})?) (?i:van (?:hiernaast|hiertegenover|"
    rf"hierachter|hieronder|hierboven|de overkant|schuin tegenover|naast ons|tegenover ons|"
    rf"de hoek|twee deuren verder|drie deuren verder))\b"
)
# "Kevin Jonker, 25 jaar, woont in …": a full name with an age after a comma.
AGED_AFTER_COMMA = re.compile(
    rf"(?<![\w])(?P<value>{_FIRST} {_TUSSEN}{_SURNAME}), \d{{1,2}} (?:jaar|jr\.?|years?|"
    rf"Jahre)\b(?! (?:geleden|terug|lang|later|eerder|ago|her))"
)
# "het BSN van Noor", "the date of birth of Liam": whose personal data it is.
DATA_OF = re.compile(
    rf"(?<![\w])(?i:bsn|burgerservicenummer|geboortedatum|cli[eë]ntnummer|date of birth|"
    rf"geburtsdatum) (?i:van|of|von) (?P<value>{NAME})(?![\w@])"
)
# "naar een W. Brouwer bij een bedrijf": initials and a surname inside a sentence.
INITIALLED = re.compile(
    rf"(?<![\w])(?:een|de|van|aan|naar|met|door|bij|voor|to|from|with|by|von|mit|an) "
    rf"(?P<value>(?:[A-Z]\. ?){{1,4}}{_TUSSEN}{_SURNAME})(?![\w@])"
)
# "van Koen Smeets, journalist bij …": a full name in apposition with a profession.
NAME_AND_TRADE = re.compile(
    rf"(?<![\w])(?<!de )(?<!De )(?<!het )(?<!Het )(?<!the )(?<!The )"
    rf"(?P<value>{_FIRST} {_TUSSEN}{_SURNAME}), (?i:journalist|verslaggever|"
    rf"verslaggeefster|correspondent|advocaat|advocate|notaris|makelaar|architect|eigenaar|"
    rf"eigenares|huurder|bewoner|bewoonster|student|studente|stagiair|stagiaire|medewerker|"
    rf"medewerkster|reporter|journalistin|anwalt|anwältin|"
    # "Namens de bewonerscommissie, Gerrit Hazelaar, voorzitter": a volunteer board's members
    rf"voorzitter|voorzitster|secretaris|secretaresse|penningmeester|bestuurslid|chairman|"
    rf"chairwoman|chair|treasurer|secretary|vorsitzender|vorsitzende|kassenwart)\b"
)


# Latin Extended-A too ("Paweł", "Ayşe", "Şükrü"); a name from the list is checked after.
_GIVEN = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿĀ-ž']{1,20}"
# "de lijst van Rob", "is Yara Postma bij ons begonnen": a capitalised word inside a sentence
# (after a word or a comma, not after a number: "5 Jan") that is a given name, with the surname
# after it. Checked against given_names() in :func:`name_hits`.
IN_SENTENCE = re.compile(
    rf"(?<=[a-zà-ÿ,;)] )(?P<value>(?P<given>{_GIVEN}(?:-{_GIVEN})?)"
    rf"(?: {_TUSSEN}{_SURNAME})?)(?![\w@-])"
)
_SAINT = re.compile(r"(?i:\b(?:sint|st\.?|saint|sankt)[ -]$)")
# "wonen in Emmerich", "te Lisse", "uit Ede", "à Paris": a lone capitalised word after these
# is a place, even where it is someone's given name too.
_PLACE_BEFORE = re.compile(r"(?i:\b(?:in|te|uit|aus|nach|im|à)\s$)")
# "Gerda van de wijkvereniging wil hem vrijdag", "Piet heeft gebeld": a given name that opens
# a sentence and is followed by a word in lower case (a verb, "van", "en"). Given names that
# are also words that open sentences stay ("Ben ik te laat?", "Wil je", "Lieve collega's").
SENTENCE_START = re.compile(
    rf"(?m:(?:^|(?<=[.!?:] ))[ \t]{{0,3}}(?P<value>(?P<given>{_GIVEN})(?: {_TUSSEN}{_SURNAME})?)"
    r"(?= [a-zà-ÿ(]))"
)
_OPENING_WORDS = frozenset(
    """Ben Wil Lieve Toon Ton Floor Iris Jet Max Said Frank Grace Jack Merel Pier Lies Els Dick
    Bob Nick Mats Mees Nova Victor Sultan Roos Hope May June Bas Rob""".split()  # noqa: SIM905
)

# "een zoontje van 4 (Luca)": a known given name alone in parentheses is someone's name.
PAREN_GIVEN = re.compile(rf"\((?P<value>{_GIVEN})\)")
# "2 kinderen (Jayden 6 en Mila 3)": children listed with their ages in parentheses.
CHILDREN_LISTED = re.compile(
    r"(?i:\b(?:kinderen|kids|children|kinder|zoons|dochters|kleinkinderen))\b[^.()\n]{0,30}?"
    r"\((?P<list>[^()\n]{3,120})\)"
)
# "3 kinderen (Milan, Noa en Kenzo)": the list holds nothing but given names.
_NAMES_ONLY = re.compile(rf"{_FIRST}(?:(?:, | en | and | und | & ){_FIRST}){{1,9}}")
# "Ik heb 2 kinderen: Jakub (Kuba), geboren …": the first child named after the colon.
CHILDREN_COLON = re.compile(
    r"(?i:\b(?:kinderen|kids|children|kinder|dzieci|çocuklarım|zoons|dochters|kleinkinderen))"
    rf" ?: {{0,2}}(?P<value>{_FIRST})(?![\w@-])"
)
# "de familie Ivanov, Todor en Mariya met hun kinderen": the two members after the family
# name ("fam. Bosch, Tjonkerveen" is where the family lives).
FAMILY_MEMBERS = re.compile(
    rf"(?<![\w])(?i:familie|fam\.|family|famille|rodzina) {_TUSSEN}{_SURNAME}, "
    rf"(?P<value>{_FIRST}) (?:en|and|und|i|ve) (?P<other>{_FIRST})(?![\w@-])"
)
# "Oliwia uit groep 5", "Daan (groep 7)", "Sem zit in groep 3": a pupil by the school's year
_GROUP_WORDS = (
    r"kinderen|leerlingen|jongens|meisjes|ouders|klassen|kids|pupils|children|ook|allemaal|"
    r"iedereen|alle|twee|drie|vier|beide|leerkracht|juf|meester"
)
PUPIL_GROUP = re.compile(
    # not a school ("basisschool De Esch in groep 4")
    r"(?<![\w-])(?<!\b[Dd]e )(?<!\b[Hh]et )(?<!school )"
    rf"(?!(?i:{_GROUP_WORDS})\b)(?P<value>{_FIRST})"
    r" (?:uit |in |van |zit in |zit nu in |zat in |gaat naar |komt in |\()groep [1-8]\b"
)
# "bij Sjef en Mariëlle op nummer 9", "Henk van nr. 12": people of the street by their number
BY_HOUSE_NUMBER = re.compile(
    # a place is no one ("woon in Mergelrade op nummer 4")
    r"(?<!\bin )(?<!\bte )(?<!\buit )(?<!\bnaar )(?<!\bde )(?<!\baan )(?<!\bhet )"
    rf"(?<=[a-zà-ÿ,] )(?P<value>{_FIRST})(?: (?:en|and|&) (?P<other>{_FIRST}))?"
    r" (?:van|op|from|at) (?i:huis)?(?i:nummer|nr\.?|no\.?|number) ?\d"
)
_CHILD_WITH_AGE = re.compile(
    rf"(?P<value>{_FIRST}),? (?:van )?\d{{1,2}}(?: (?:jaar|jr\.?|years?))?\b"
)
# "de zoon van de buren (Daan, 11)": a child named in parentheses with an age.
AGED = re.compile(
    r"(?i:\b(?:zoon|dochter|zoontje|dochtertje|kindje|kleinzoontje|kleindochtertje|kind|"
    r"kinderen|jongen|meisje|buurjongen|buurmeisje|kleinzoon|"
    r"kleindochter|neef|nicht|broer|zus|leerling|pupil|son|daughter|boy|girl|child|"
    r"grandson|granddaughter|sohn|tochter|junge|mädchen|enkel|enkelin))\b[^.()\n]{0,40}?"
    rf"\((?P<value>{NAME}), {{1,2}}\d{{1,2}}(?: (?:jaar|jr\.?|years?|jahre))?\)"
)
# "Hoi Annemiek,", "Beste Kees!": the person a mail greets.
GREETED = re.compile(
    rf"(?im:^ {{0,4}}(?:hoi|hallo|hai|hey|hi|hello|beste|lieve|dag|goedemorgen|goedemiddag|"
    rf"goedenavond|dear|liebe|lieber|hej|moi) {{1,2}})(?P<value>{NAME})(?= {{0,2}}[,!\n])"
)
_TUSSEN_SET = frozenset(_TUSSEN_WORDS.replace("\\", "").split("|"))
# Words that follow "ik ben" or a title but are no name.
_NOT_NAMES = frozenset(
    [
        "Wmo",
        "Vraagbaak",
        "Jeugdwet",
        "Participatiewet",
        "Omgevingswet",
        "Nederlander",
        "Nederlandse",
        "Gemeente",
        "Het",
        "De",
        "Een",
        "Ik",
        "Wij",
        "Zij",
        "Hij",
        "Graag",
        "Erg",
        "Blij",
        "Benieuwd",
        "Bang",
        "Bezorgd",
        "Boos",
        "Bereid",
        "Niet",
        "Nog",
        "Al",
        "Ook",
        "Bijna",
        "Sinds",
        "Inwoner",
        "Inwoonster",
        "Eigenaar",
        "Huurder",
        "Mantelzorger",
        "Moeder",
        "Vader",
        "Zoon",
        "Dochter",
        "Student",
        "Docent",
        "Ondernemer",
        "Werkzoekende",
        "Gepensioneerd",
        "Alleenstaand",
        "Alleenstaande",
        "Getrouwd",
        "Zwanger",
        "Ziek",
        "Doof",
        "Blind",
        "Slechtziend",
        "Bewoner",
        "Lid",
        "Voorzitter",
        "Secretaris",
        "Penningmeester",
        "Vrijwilliger",
        "Consulent",
        "Medewerker",
        "Wethouder",
        "Burgemeester",
        "Team",
        "Afdeling",
        "Sorry",
        "Dankbaar",
        "Op",
        "Aan",
        "In",
        "Van",
        "Voor",
        "Met",
        "Namens",
        "Bij",
        "Per",
        "Via",
        "Over",
        "Dus",
        "En",
        "Maar",
        "Of",
        "Want",
        "Omdat",
        "Dat",
        "Die",
        "Dit",
        "Deze",
        "Welke",
        "Wat",
        "Wie",
        "Hoe",
        "Waar",
        "Wanneer",
        "Waarom",
        "Ja",
        "Nee",
        "Hallo",
        "Hoi",
        "Beste",
        "Geachte",
        "Dear",
        "Hello",
        "Hi",
        "Thanks",
        "Thank",
        "Regards",
        "Kind",
        "Best",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Not",
        "Very",
        "Also",
        "Just",
        "Still",
        "Sure",
        "Happy",
        "Glad",
        "Writing",
        "Asking",
        "Looking",
        "Sending",
        "Interested",
        "Afraid",
        "Unable",
        "Able",
        "Going",
        "Trying",
        "Worried",
        "Moving",
        # shops named after a person: "bij Albert Heijn", "bij Hans Anders"
        "Heijn",
        "Anders",
        "Linders",
        # software and devices people call by name: "onze Teams", "mijn Outlook (2)"
        "Teams",
        "Outlook",
        "Word",
        "Excel",
        "Windows",
        "Office",
        "Citrix",
        "SharePoint",
        "OneDrive",
        "iPhone",
        "Samsung",
        "Android",
        "DigiD",
        "MijnOverheid",
        "Living",
        "Staying",
        "Working",
        "Here",
        "There",
        "Team",
        "Gemeenten",
        "Municipality",
        "Mail",
        "Email",
        "Bericht",
        "Vraag",
        "Vragen",
        "Groet",
        "Groeten",
        "Alvast",
        "Hierbij",
        "Januari",
        "Februari",
        "Maart",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Augustus",
        "September",
        "Oktober",
        "November",
        "December",
        "Maandag",
        "Dinsdag",
        "Woensdag",
        "Donderdag",
        "Vrijdag",
        "Zaterdag",
        "Zondag",
        "Bijlage",
        "Bijlagen",
        "Zie",
    ]
)


_NOT_NAMES = _NOT_NAMES | frozenset(
    [
        *("Fam", "Familie", "Mevrouw", "Meneer", "Mijnheer", "Dhr", "Mw", "Mevr", "Heer"),
        *("Mr", "Mrs", "Ms", "Herr", "Frau", "Echtpaar", "Dutch", "English", "British"),
        *("German", "Polish", "Turkish", "Moroccan", "Belgian", "American", "Canadian"),
        *("French", "Spanish", "Italian", "Syrian", "Ukrainian", "Nederlands", "Engels"),
        *("Duits", "Pools", "Turks", "Marokkaans", "Belgisch", "Nederlandse", "Duitse"),
        *("Poolse", "Turkse", "Marokkaanse", "Belgische", "Belg", "Nederlander", "Duitser"),
    ]
)
# A display name with one of these words is an organisation's, not a person's.
_ORGANISATION_TEXT = """stichting vve vereniging team afdeling gemeente bv b.v. nv n.v. vof camping
    praktijk huisartsenpraktijk bouwbedrijf klusbedrijf aannemer bedrijf
    buurtbewoner bewoners anoniem buurt buurtgroep bewonersgroep bewonerscommissie wijkraad
    dorpsraad buurtpreventie
    info service helpdesk klantenservice redactie school kerk club support office admin
    secretariaat bestuur commissie neighbours committee café cafe restaurant winkel hotel
    garage kapsalon bakkerij slagerij dienst"""
_ORGANISATION_WORDS = frozenset(_ORGANISATION_TEXT.split())
# A compound that ends in one is an organisation too: "Bewonersvereniging Molenbuurt",
# "Woonstichting Vaartstede", "Loonbedrijf Rouwmaat".
_ORGANISATION_ENDING = re.compile(
    r"(?:vereniging|stichting|bedrijf|bedrijven|commissie|groep|team|praktijk|school|club|"
    r"winkel|centrum|bureau|kantoor|dienst|collectief|coöperatie|corporatie|fonds|raad)$"
)


def _organisation(words: set[str]) -> bool:
    """One of ``words`` (lower case) names an organisation, alone or as a compound's end."""
    return bool(words & _ORGANISATION_WORDS) or any(
        len(word) > 7 and _ORGANISATION_ENDING.search(word) for word in words
    )


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[ .-]+", value) if w]


def _is_name(value: str, colleagues: frozenset[str]) -> bool:
    if _organisation({w.strip(".").lower() for w in value.split()}):
        return False
    words = [w for w in _words(value) if w.lower() not in _TUSSEN_SET]
    if words and all(w.isupper() and len(w) <= 4 for w in words):
        return False  # an abbreviation: "onze zoon (SO)", "de UWV"
    capitals = [w for w in words if w[:1].isupper() and len(w) > 1]
    if not capitals or capitals[0] in _NOT_NAMES or capitals[-1] in _NOT_NAMES:
        return False
    if _NAMED_STREET.search(capitals[-1]):
        return False  # "Dokter Zamenhofpad", "Burgemeester Visserstraat": a street
    return not _colleague(value, colleagues)


# The endings of a street named after a person (a name's last word that ends so is a street;
# not "weg", "laan", "hof": Vanderweg, Terlaan, Verhof are surnames).
_NAMED_STREET = re.compile(
    r"(?i)^[a-zà-ÿ'-]{3,30}(?:straat|straatweg|plein|pad|gracht|kade|singel|steeg|plantsoen|"
    r"straße|strasse)$"
)


def _colleague(value: str, colleagues: frozenset[str]) -> bool:
    return " ".join(value.lower().split()) in colleagues


def colleague_keys(names: Iterable[str]) -> frozenset[str]:
    """What marks a colleague: the full name only. A surname or first name alone is shared
    with too many citizens ("mevrouw Jansen" is redacted even when Anouk Jansen works here;
    the harm of that is a name too many removed, the other way round a citizen's name
    posted)."""
    return frozenset(" ".join(name.lower().split()) for name in names if name.strip())


# "hendrik mulder" alone on one of a mail's last lines: a signature, in whatever case it was
# typed, when its first word is a given name; a given name alone ("Mourad") when capitalised.
SIGNED_LINE = re.compile(
    r"(?m:^[ \t]{0,4}(?P<value>(?P<given>[^\W\d_]{2,20})(?: [^\W\d_][\w'-]{1,30}){0,3})"
    r"[ \t]{0,4}$)"
)
_SIGNATURE_TAIL = 400  # characters at the end of a mail read for such a line


def signed_lines(text: str, colleagues: frozenset[str]) -> list[Hit]:
    tail = max(0, len(text) - _SIGNATURE_TAIL)
    hits: list[Hit] = []
    for match in SIGNED_LINE.finditer(text, tail):
        if match.group("given").capitalize() not in given_names():
            continue
        words = match.group("value").split(" ")
        rest = [word for word in words[1:] if word.lower() not in _TUSSEN_SET]
        if len(words) > 1 and not rest:
            continue
        if any(word.capitalize() in _NOT_NAMES for word in rest):
            continue
        if not rest and (words[0].capitalize() in _OPENING_WORDS or words[0].islower()):
            continue  # a given name alone is signed as written: "Mourad", not "floor"
        written = " ".join(w if w.lower() in _TUSSEN_SET else w.capitalize() for w in words)
        if _is_name(written, colleagues):
            hits.append(Hit(match.start("value"), match.end("value"), "name"))
    for match in itertools.chain(
        INITIALLED_LINE.finditer(text, tail), INITIAL_OVER_ADDRESS.finditer(text, tail)
    ):
        if _is_name(match.group("value"), colleagues):
            hits.append(Hit(match.start("value"), match.end("value"), "name"))
    return hits


# "H. van den Berg", "G.J. Dekker" alone on one of a mail's last lines: initials and a surname
# (two initials, or one and a tussenvoegsel: "A. Algemeen" heads a list).
INITIALLED_LINE = re.compile(
    rf"(?m:^[ \t]{{0,4}}(?P<value>(?:(?:[A-Z]\. ?){{2,4}}|[A-Z]\. ?(?=(?i:{_TUSSEN_WORDS}) ))"
    rf"{_TUSSEN}{_SURNAME}(?:-{_SURNAME})?)[ \t]{{0,4}}$)"
)

# "J. Hulsebos" on the line above a street and house number: one initial signs a letter too.
INITIAL_OVER_ADDRESS = re.compile(
    rf"(?m:^[ \t]{{0,4}}(?P<value>[A-Z]\. ?{_TUSSEN}{_SURNAME}(?:-{_SURNAME})?)[ \t]{{0,4}}\n"
    r"[ \t]{0,4}[A-ZÀ-Ý][\wÀ-ÿ'.-]{1,30}(?: [\wÀ-ÿ'.-]{1,30}){0,3} \d{1,5}(?:[ -]?[a-zA-Z])?\b)"
)


def name_hits(text: str, colleagues: frozenset[str]) -> list[Hit]:
    known = given_names()
    hits: list[Hit] = signed_lines(text, colleagues)
    for match in CHILDREN_LISTED.finditer(text):
        for child in _CHILD_WITH_AGE.finditer(match.group("list")):
            start = match.start("list") + child.start("value")
            if _is_name(child.group("value"), colleagues):
                hits.append(Hit(start, start + len(child.group("value")), "name"))
        if _NAMES_ONLY.fullmatch(match.group("list")):
            for child in re.finditer(_FIRST, match.group("list")):
                start = match.start("list") + child.start()
                if _is_name(child.group(), colleagues):
                    hits.append(Hit(start, start + len(child.group()), "name"))
    opening = (m for m in SENTENCE_START.finditer(text) if m.group("given") not in _OPENING_WORDS)
    for match in PAREN_GIVEN.finditer(text):
        if match.group("value") in known and _is_name(match.group("value"), colleagues):
            hits.append(Hit(match.start("value"), match.end("value"), "name"))
    for match in INTRODUCED_LOWER.finditer(text):
        if match.group("given").capitalize() in word_free_names():
            hits.append(Hit(match.start("value"), match.end("value"), "name"))
    for child in LOWER_CHILD.finditer(text):
        if child.group("value").capitalize() in known:
            hits.append(Hit(child.start("value"), child.end("value"), "name"))
    for match in itertools.chain(IN_SENTENCE.finditer(text), opening):
        before = text[max(0, match.start() - 8) : match.start()]
        given = match.group("given")
        if given.endswith("'s") and given[:-2] in known:
            # "at Sami's house": the name without its possessive
            hits.append(Hit(match.start("given"), match.end("given") - 2, "name"))
            continue
        if not all(part in known for part in given.split("-")) or _SAINT.search(before):
            continue  # "Harm-Jan" is given names joined
        words = match.group("value").split(" ")
        if len(words) == 1 and _PLACE_BEFORE.search(before):
            continue
        if len(words) == 2 and words[1] in _NOT_NAMES:
            continue  # "bij Albert Heijn": a shop, "met Jan Team": no surname
        while len(words) > 1 and (words[-1] in _NOT_NAMES or words[-1].lower() in _TUSSEN_SET):
            words.pop()
        value = " ".join(words)
        if _is_name(value, colleagues):
            hits.append(Hit(match.start(), match.start() + len(value), "name"))
    for match in itertools.chain(BORN_NAME.finditer(text), CALLED.finditer(text)):
        # a given name, or a given name and a surname: "Ermelo is geboren uit …" is no one
        value = match.group("value")
        if value.split(" ")[0] in known and _is_name(value, colleagues):
            hits.append(Hit(match.start("value"), match.end("value"), "name"))
    for match in itertools.chain(FAMILY_MEMBERS.finditer(text), BY_HOUSE_NUMBER.finditer(text)):
        for group in ("value", "other"):
            if match.group(group) and _is_name(match.group(group), colleagues):
                hits.append(Hit(match.start(group), match.end(group), "name"))
    patterns = (TITLED, INTRODUCED, RELATIVE, AGED, GREETED, APPOSED, ROLE_AFTER, OWN_CHILD)
    patterns_after = (
        *(FULL_AGED, DATA_OF, INITIALLED, NAME_AND_TRADE, PARENT_OF, KIN_NAMED),
        *(NICKNAME, NICKNAME_BEFORE, PERSON_PAREN, KIN_AGE, PERSON_CALLED, CHILDREN_COLON),
        *(PUPIL_GROUP, WITH_WRITER, NEXT_DOOR, AGED_AFTER_COMMA),
    )
    for pattern in (*patterns, *patterns_after):
        for match in pattern.finditer(text):
            value = match.group("value")
            start = match.start("value")
            # "Met vriendelijke groet, Jan de Vries Afdeling": a trailing non-name word goes.
            words = value.split(" ")
            while len(words) > 1 and words[-1] in _NOT_NAMES:
                words.pop()
            if len(words) > 1 and _NAMED_STREET.search(words[-1]):
                # "Mevrouw Klaassen van de Stationsstraat": the person, not where she lives
                words.pop()
                while len(words) > 1 and words[-1].lower() in _TUSSEN_SET:
                    words.pop()
            value = " ".join(words)
            if _is_name(value, colleagues):
                hits.append(Hit(start, start + len(value), "name"))
    return hits


# Words of mailbox names that are no surname ("info@", "noreply@", "mail.jansen@").
_MAILBOX_TEXT = """info mail email post contact noreply reply admin office support service hallo
    hello secretariaat receptie balie klantenservice helpdesk gemeente familie fam home thuis
    prive privé werk work"""
_MAILBOX_WORDS = frozenset(_MAILBOX_TEXT.split())
# An address with an office or a body in it is that body's mailbox, whoever reads it
# ("penningmeester.dorpshuis@", "feestcommissie.oosterend@", "bestuur-vv-zandwijk@"): none
# of its words is a surname.
_OFFICE_MAILBOX = re.compile(
    r"^(?:secretaris|penningmeester|voorzitter|bestuur|ledenadministratie|redactie|"
    r"secretary|treasurer|chair|chairman|board|vorstand|kassenwart|schriftführer|"
    r"\w{0,20}(?:commissie|comit[eé]|vereniging|stichting|belangen?|raad|club|committee|"
    r"association|verein))$"
)
_PARTICLE_START = re.compile(r"^(?:van|der|den|de|ter|ten|te|el|al|von|vd)(?=[a-z]{3})")


def address_spells_name(display: str, address: str) -> bool:
    """Whether an address can spell its writer's surname: when the display name names a
    person, the address must share a word of it or open with its first initial
    ("l.vandenberg-smit@" of "Linda"); "singelloop@" of "Joris Timmerman | AV Brakelveen"
    is the club's mailbox, whose word is no one's surname."""
    found = re.findall(r"[^\W\d_]+", display)
    if not any(word in given_names() for word in found):
        return True  # no person named ("Thuis", "Fam."): the address may be all there is
    words = [w.lower() for w in found]
    local = address.split("@", 1)[0].lower()[:64]
    pieces = [p for p in re.split(r"[^a-zà-ÿ]+", local) if p]
    if any(len(word) >= 3 and word in local for word in words):
        return True
    return bool(pieces) and pieces[0][0] == words[0][0]


def address_surnames(addresses: Iterable[str], places: Iterable[str] = ()) -> list[str]:
    """The surnames a citizen's e-mail addresses spell, as patterns for the written name:
    ``l.devries-bakker@…`` gives "De Vries" and "Bakker", ``wtimmermans@…`` "Timmermans".
    Only words of four letters or more, and only written with a capital: "bakker" on its
    own is a baker."""
    patterns: list[str] = []
    not_names = {place.lower() for place in places}
    for address in addresses:
        local = address.split("@", 1)[0].lower()
        pieces = re.split(r"[^a-zà-ÿ]+", local[:64])
        if any(_OFFICE_MAILBOX.match(piece) for piece in pieces):
            continue
        for piece in pieces:
            if piece in not_names:
                continue
            candidates = [piece]
            if len(piece) >= 7 and not _PARTICLE_START.match(piece):
                candidates.append(piece[1:])  # an initial glued on: "wtimmermans"
            for word in candidates:
                if len(word) < 4 or word in _MAILBOX_WORDS or word in not_names:
                    continue
                parts: list[str] = []
                rest = word
                while (particle := _PARTICLE_START.match(rest)) is not None and len(parts) < 3:
                    parts.append(particle.group())  # "vandenberg": "Van den Berg"
                    rest = rest[particle.end() :]
                body = " ?".join(re.escape(part) for part in [*parts, rest])
                patterns.append(f"(?=[A-ZÀ-Ý])(?i:{body})")
    return patterns[:10]


# "Yusuf (groep 6) en Emir (groep 3)": a short remark in parentheses may stand between
_PAIRED_AFTER = re.compile(
    rf"(?: \([^()\n]{{1,20}}\))? (?:en|and|&|und|of|or) (?P<value>{_FIRST})(?![\w@-])"
)
_PAIRED_BEFORE = re.compile(rf"(?<![\w-])(?P<value>{_FIRST}) (?:en|and|&|und|of|or) $")


def _names_right_after(text: str, found: Iterable[Hit], pattern: re.Pattern[str]) -> list[Hit]:
    """The names ``pattern`` finds right after each name already found."""
    hits: list[Hit] = []
    for hit in found:
        if hit.kind != "name":
            continue
        after = pattern.match(text, hit.end)
        if after is not None and _is_name(after.group("value"), frozenset()):
            hits.append(Hit(after.start("value"), after.end("value"), "name"))
    return hits


def paired_names(text: str, found: Iterable[Hit]) -> list[Hit]:
    """The other of two people named together when one is a name already found ("de
    kinderopvang van Sara en Lina", "(Noor en Daan)")."""
    found = list(found)
    hits = _names_right_after(text, found, _PAIRED_AFTER)
    for hit in found:
        if hit.kind != "name":
            continue
        before = _PAIRED_BEFORE.search(text, max(0, hit.start - 30), hit.start)
        if before is not None and _is_name(before.group("value"), frozenset()):
            hits.append(Hit(before.start("value"), before.end("value"), "name"))
    return hits


# "Bart 'Bartje' Wiggers": a name called by in quotes between a given name and a surname
_QUOTED_AFTER = re.compile(rf" {{1,2}}[\"'“‘](?P<value>{_FIRST})[\"'”’]")
_QUOTED_SURNAME = re.compile(
    rf" {{1,2}}[\"'“‘]{_FIRST}[\"'”’] (?P<value>{_TUSSEN}{_SURNAME})(?![\w@-])"
)
_PAREN_AFTER = re.compile(rf" {{1,2}}\((?P<value>{_FIRST})(?=[,)])")
# "dhr. J. (Jaap) Kuipers": a given name in parentheses between initials and a surname
INITIALS_PAREN = re.compile(
    rf"(?<![\w])(?:[A-Z]\. ?){{1,4}}\((?P<value>{_FIRST})\) {_TUSSEN}(?P<surname>{_SURNAME})"
)


def parenthesised_names(text: str, found: Iterable[Hit]) -> list[Hit]:
    """The name a person is called by, in parentheses right after a name already found
    ("Jorrit Bakker (Jor)", "[naam] (Jor, mijn ex)"), and a given name between initials and
    a surname ("J. (Jaap) Kuipers")."""
    hits = _names_right_after(text, found, _PAREN_AFTER)
    hits += _names_right_after(text, found, _QUOTED_AFTER)
    hits += _names_right_after(text, found, _QUOTED_SURNAME)
    for match in INITIALS_PAREN.finditer(text):
        hits.append(Hit(match.start(), match.end(), "name"))
    return hits


def repeated_names(text: str, found: Iterable[Hit]) -> list[Hit]:
    """Every other place a name found in ``text`` stands, as written ("moeder van Yousef …
    op het consultatiebureau zeggen ze dat Yousef …"): the whole name and each capitalised
    word of it of three letters or more."""
    values: set[str] = set()
    for hit in found:
        if hit.kind != "name":
            continue
        value = text[hit.start : hit.end]
        values.add(value)
        values.update(
            word
            for word in value.split()
            if len(word) >= 3 and word[0].isupper() and word not in _NOT_NAMES
        )
    if not values:
        return []
    alternatives = sorted(values, key=len, reverse=True)[:30]
    pattern = re.compile(
        rf"(?<![\w@.])(?:{'|'.join(re.escape(v[:60]) for v in alternatives)})(?![\w@])"
    )
    return [Hit(m.start(), m.end(), "name") for m in pattern.finditer(text)]


# "Sanne | Havenfestival Brakelveen", "Jan Smit - Smit Installatie": a display name that is a
# person and, after a bar or a spaced dash, their organisation or role.
_DISPLAY_SEPARATOR = re.compile(r"\s{0,5}\|\s{0,5}|\s{1,5}[-–—/]\s{1,5}")


def _display_parts(display: str) -> tuple[list[str], list[str]]:
    """A display name's parts that name its person (the first, and a later part that goes on
    with a tussenvoegsel, "Marieke Bos - de Wit", or opens with a given name), and its other
    parts: the organisation, which the address may spell too ("sanne.havenfestival@…") and
    which is then no surname."""
    parts = [part for part in _DISPLAY_SEPARATOR.split(display) if part.strip()]
    kept, other = parts[:1], []
    for part in parts[1:]:
        first = part.split()[0]
        if first.lower() in _TUSSEN_SET or first in given_names():
            kept.append(part)
        else:
            other.append(part)
    return kept, other


def known_name_pattern(
    names: Iterable[str],
    colleagues: frozenset[str],
    addresses: Iterable[str] = (),
    *,
    places: Iterable[str] = (),
) -> re.Pattern[str] | None:
    """The citizen's own names (display names in the mail's headers) wherever they appear:
    the full name, and each word of it of three letters or more that is no colleague's; and
    the surnames their ``addresses`` spell (:func:`address_surnames`)."""
    words: set[str] = set()
    fulls: set[str] = set()
    split = [_display_parts(display) for display in names]
    not_surnames = {
        w.lower() for _, other in split for part in other for w in re.findall(r"\w+", part)
    }
    spelled = address_surnames(addresses, (*places, *not_surnames))
    for name in (person for persons, _ in split for person in persons):
        clean = " ".join(re.sub(r"[\"<>(),]", " ", name).split())
        if not clean or "@" in clean or _colleague(clean, colleagues):
            continue
        lowered = {w.strip(".").lower() for w in clean.split()}
        if _organisation(lowered):
            continue
        fulls.add(clean)
        for word in re.split(r"[ .-]+", clean):
            title = TITLED.match(word + " Xx")
            if len(word) >= 3 and word[0].isupper() and word not in _NOT_NAMES and not title:
                words.add(word)
    if not fulls and not spelled:
        return None
    first = {clean.split()[0] for clean in fulls if clean.split()[0] in words}
    # Full names and first names also in lower case ("groeten kees"); a surname only as
    # written, since many are words too (Bos, Visser, Smit).
    loose = sorted(fulls | first, key=len, reverse=True)[:20]
    strict = sorted(words - first, key=len, reverse=True)[:20]
    alternatives = (
        [f"(?i:{re.escape(a[:60])})" for a in loose] + [re.escape(a[:60]) for a in strict] + spelled
    )
    return re.compile(rf"(?<![\w])(?:{'|'.join(alternatives)})(?![\w])")
