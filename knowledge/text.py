"""Text normalisation for Dutch, English and German: lower case, accents folded, tokens, stop
words, and stems by each language's own Snowball stemmer. Pure functions, no database."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MENTION = re.compile(r"<@[A-Z0-9]+>")
_EMOJI = re.compile(r":[a-z0-9_+\-]+:")
_URL = re.compile(r"https?://\S+")

# Function words of Dutch, English and German, and the words people use to *ask* who knows
# something ("wie weet iets van", "heeft iemand ervaring met", "who is the expert on", "wer
# kennt sich mit … aus", "wer ist zuständig für"): they say nothing about the topic.
STOPWORDS: frozenset[str] = frozenset(
    """
    aan al alle alles als alleen altijd andere ben bij binnen daar daarom dan dat de der deze
    die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het
    hier hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen maar me meer
    men met mij mijn moet na naar niet niets nog nu of om omdat onder ons onze ook op over
    reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen
    wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden zit zitten hoi hallo hi
    goedemorgen middag allemaal collega collegas vraag vraagje vragen weet weten iemand
    ervaring verstand expert experts gebied helpen help helpt terecht kennis kent weetje idee
    iemand graag ervaringen dank bedankt thanks top super hebt heb hebben gaat zit zat gedaan
    doe doet moeten mogen mag kunt kun zullen wil willen wilt even nou toe tussen waar wanneer
    welke welk waarom hoeveel per via jullie onze ons daarvan hiervan erover erbij a about
    after again all also am an and any anyone anybody are as at be been being but by can could
    did do does doing for from had has have having he her here him his how i if in into is it
    its just know knows knowledge me more most my no not of on one or our out over please
    should so some someone somebody than that the their them then there these they this those
    to too up us very was we were what when where which who whom why will with would you your
    expert experts experience experienced help helps question questions thank thanks hello
    der das und ist nicht ich du wir ihr mit fur auf dem des ein eine einen einem einer zu
    bei nach aus auch aber noch wer weiss wissen jemand etwas kennt kennen sich sind hat
    haben gibt oder wenn dass schon sehr uber unter ohne durch zum zur im vom beim frage
    fragen hilfe danke bitte erfahrung erfahrungen kann konnen konnte mir mich dir dich uns
    euch ihm ihn ihnen es um den wann wird wurde werde wurden ware hatte hatten hilft helfen
    weiterhelfen brauche brauchen braucht suche suchen sucht sagen sag geht gehen mein meine
    meinen meinem meiner dein deine unser unsere unseren ihre ihren jemanden jemandem niemand
    zustandig zustandige zustandigen bescheid kummert kummere kummern auskennt auskennen
    ansprechpartner ansprechpartnerin ansprechperson kollege kollegen kollegin kolleginnen
    wende wenden wen wem mochte mochten gerne gern mal vielleicht genau irgendwie jetzt heute
    immer wieder anderen welche welcher welches wo warum weshalb wieso worum womit wobei
    woruber daruber davon dazu damit denn nein nur muss mussen soll sollte sollen darf durfen
    tipp tipps zusammen kurz kurze machen macht mache tun vielen viele sie kein keine keinen
    handle handles handling deals dealing sort sorts responsible ask talk
    dies diese dieser dieses dort eines zwischen seit bis ob ab
    wij hen elk elke ieder iedere voordat nadat terwijl zodat zodra indien hoewel enkele
    sommige beide hierover daarover waarover zoals komen komt kwam krijgen krijg krijgt gaan
    ga ging staan staat laten laat zeggen zegt vinden vind vindt weer steeds echter eigenlijk
    gewoon precies ongeveer ergens misschien welke wiens mee net zeker
    also get gets got make makes need needs want wants like still anymore other such own
    become becomes really already yet
    """.split()  # noqa: SIM905
)

_STEMMERS = {
    "nl": snowballstemmer.stemmer("dutch_porter"),
    "en": snowballstemmer.stemmer("english"),
    "de": snowballstemmer.stemmer("german"),
}


def fold(text: str) -> str:
    """Lower case with accents removed (``financiën`` → ``financien``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """Chat markup out: mentions, emoji codes and URLs say nothing about the topic."""
    if "<" in text:
        text = _MENTION.sub(" ", text)
    if ":" in text:
        text = _EMOJI.sub(" ", text)
        if "http" in text:
            text = _URL.sub(" ", text)
    return text


def raw_tokens(text: str) -> list[str]:
    """Folded tokens; hyphenated words stay whole (``woo-verzoek``)."""
    return _TOKEN.findall(fold(clean(text)))


def word_parts(token: str) -> list[str]:
    """A token and, for a hyphenated one, its joined form and its parts."""
    if "-" not in token:
        return [token]
    parts = [p for p in token.split("-") if p]
    return ["".join(parts), *parts]


def is_content(word: str) -> bool:
    return len(word) >= 2 and word not in STOPWORDS and not word.isdigit()


# Words that carry no topic of their own, though they are kept in the index (they do no harm
# there): adverbs of time, place and degree, numbers, pronominal adverbs, forms of address.
# A profile or a "why" never names them as what someone knows about.
NO_TOPIC: frozenset[str] = frozenset(
    """
    bijvoorbeeld bijna liever paar later eerder morgen vandaag gisteren straks binnenkort
    vaak soms nooit altijd anders verder vooral zelfs namelijk inmiddels alsnog ongeveer
    samen opnieuw buiten
    erin eraan erop ervan erbij ermee erna ervoor erachter eruit hierin hierop hiermee
    daarin daarop daarmee daarna daarvoor waarin waarop waarmee
    twee drie vier vijf zes zeven acht negen tien twintig honderd duizend eerste tweede
    derde laatste keer keren maand maanden week weken jaar jaren dag dagen
    mevrouw meneer heer dames heren collega collegas groet groeten vriendelijke
    duurt dus net mee goed prima fijn leuk lastig snel nieuw nieuwe oud oude
    example instance maybe later soon often sometimes never always else other
    two three four five first second third last week weeks month months year years
    """.split()  # noqa: SIM905
)


def is_topic_word(word: str) -> bool:
    """Whether a word could name what someone knows about: a content word of three letters or
    more that is not a filler word ("bijvoorbeeld", "erin", "drie", "mevrouw")."""
    return len(word) >= 3 and is_content(word) and word not in NO_TOPIC


def light_stem(token: str) -> str:
    """A light Dutch/English stem for routing: plural and inflection endings off long words
    (one word form for "aanvragen" and "aanvraag" is the full stemmer's job, not this)."""
    if len(token) > 6:
        for suffix in ("tjes", "jes", "en", "es", "s", "e"):
            if token.endswith(suffix) and len(token) - len(suffix) >= 5:
                return token[: -len(suffix)]
    return token


_VOWELS = frozenset("aeiouy")


def en_singulars(word: str) -> tuple[str, ...]:
    """The singular of a Dutch plural in -en whose open syllable's vowel is written double
    once the syllable closes: "bomen" -> "boom", "straten" -> "straat", "palen" -> "paal"
    (the plain cut, "bouwen" -> "bouw", is left to :func:`light_stem`: in a question the
    form is as often an infinitive as a plural)."""
    if len(word) < 5 or not word.endswith("en"):
        return ()
    base = word[:-2]
    vowel, before = base[-2], base[-3]
    if base[-1] in _VOWELS or vowel not in "aeou" or before in _VOWELS:
        return ()
    return (base[:-1] + vowel + base[-1],)


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "nl") -> str:
    """The stem of a folded word in its language (``nl``, ``en`` or ``de``; Dutch for any
    other); short words and acronyms are kept as they are."""
    if len(word) <= 3:
        return word
    return str(_STEMMERS.get(lang, _STEMMERS["nl"]).stemWord(word))


def content_words(text: str) -> list[str]:
    """The topic-bearing words of a text (surface forms, folded), in order."""
    words: list[str] = []
    for token in _TOKEN.findall(fold(clean(text))):
        if "-" in token:
            words.extend(w for w in word_parts(token) if is_content(w))
        elif len(token) >= 2 and token not in STOPWORDS and not token.isdigit():
            words.append(token)
    return words
