"""How people ask for a person who knows something, by structure rather than by sentence: a
word for a person sought ("iemand", "wie", "een collega", "anyone", "who", "jemand") near a
word of knowing or handling ("weet", "verstand", "thuis in", "goed in", "doet", "familiar",
"expert"), in either order, followed by the topic; or "wie moet/kan ik … voor/over X". The
topic is what follows, without the words of asking around it ("iets van de", "bij jullie",
"… gaat"). Pure: regular expressions for the dispatcher's intents, and the topic's cleanup."""

from __future__ import annotations

import re

# a person sought, in Dutch, English and German
_PERSON = (
    r"(iemand|wie|collega'?s?|experts?|specialist(en)?|deskundigen?|kenners?|anyone|anybody"
    r"|someone|somebody|who|colleagues?|people|person|jemand|wer)"
)
# knowing, understanding or handling something
_KNOWING = (
    r"(weet|weten|wist|kent|kennen|snapt|snappen|begrijpt|verstand|kennis|ervaring|thuis|goed"
    r"|handig|bedreven|expert|specialist|deskundig|doet|gaat\s+(er\s+)?over|regelt|behandelt"
    r"|knows?|familiar|experienced?|experience|understands?|handles?|deals|good"
    r"|weiß|weiss|kennt|versteht|erfahrung)"
)
_LINK = r"(voor|over|met|bij|van|about|for|on|with|regarding|über|mit|für)"

PATTERNS: tuple[str, ...] = (
    # "iemand die goed is in X", "wie is hier thuis in X", "any colleague familiar with X"
    rf"\b{_PERSON}\b(\s+\S+){{0,4}}?\s+{_KNOWING}\b\s+(?P<arg>.+)",
    # "kent iemand een expert in X", "weet er iemand wie er over X gaat"
    rf"\b{_KNOWING}\s+(er\s+|hier\s+)?{_PERSON}\b\s+(?P<arg>.+)",
    # "bij wie moet ik zijn voor X", "wie kan ik bellen over X", "who do I see about X"
    rf"\b(wie|who|whom|wen)\s+(moet|kan|zou|mag|should|can|could|do|would|shall|soll|kann)"
    rf"\s+(ik|je|we|i|you|ich)\s+(\S+\s+){{0,2}}?{_LINK}\s+(?P<arg>.+)",
)

# Words of asking before and after the topic: "iets van de X", "bij jullie de X", "X gaat".
_LEADING = frozenset(
    """
    de het een der die dat dit deze van over met in op voor bij rond omtrent aangaande
    iets meer veel wat alles er hier daar jullie ons onze u je jij mij me ik is zijn heeft
    hebben goed thuis expert experts specialist deskundige kennis verstand ervaring weet
    kent hoe het zit werkt gaat moet wie wat welke een iemand collega nou nu eigenlijk
    the a an of about with on in at for regarding re anything something much more lot
    who what how is are be has have good expert experts familiar experienced knows know
    das dem den des ein eine einen mit über von zu etwas sich aus im am
    """.split()  # noqa: SIM905
)
_TRAILING = frozenset(
    """
    gaat doet weet kent is zijn heeft hebben regelt behandelt zit werkt aus about is
    are does knows handles weiß weiss kennt
    """.split()  # noqa: SIM905
)
_EDGE = " ?!.,:;\"'()"


def trim_topic(text: str) -> str:
    """The topic without the words of asking around it; the text itself when nothing else
    would be left."""
    words = " ".join(text.split()).strip(_EDGE).split(" ")
    start, end = 0, len(words)
    while start < end and words[start].lower().strip(_EDGE) in _LEADING:
        start += 1
    while end > start and words[end - 1].lower().strip(_EDGE) in _TRAILING:
        end -= 1
    kept = " ".join(words[start:end]).strip(_EDGE)
    return kept or " ".join(words).strip(_EDGE)


# Who is writing, said before the need: "schoonmaakster hier,", "stagiair hier (hbo sjd)",
# "ik ben de nieuwe beleidsmedewerker bij Ermelo,", "I'm a researcher from Utrecht
# University", "Ich wohne direkt an der Grenze bei Kranenburg." A role or a home says where
# the question comes from, not what it is about.
_WORD = r"[^\W\d_][\w'-]*"
_INTRODUCTIONS = re.compile(
    r"(?im)(?:^|(?<=[.!?:,]\s)|(?<=\n))\s*(?:"
    # "<role> hier," at the start of a message or sentence, before a comma or a bracket
    rf"(?!(?:wie|wat|weet|iemand|is|er|ik|we|wij)\b){_WORD}(?:\s{_WORD}){{0,2}}\shier"
    r"(?=\s*[,(:\n]|\s*$)(?:\s*\([^)\n]{0,40}\))?"
    # "ik ben de nieuwe beleidsmedewerker (bij Ermelo)", "ik werk als schoonmaker"
    rf"|(?:ik\sben|wij\szijn|we\szijn)\s(?:de|een|het|hier)\s(?:{_WORD}\s){{0,2}}{_WORD}"
    rf"(?:\s(?:bij|van|in|op|uit)\s(?:{_WORD}\s?){{1,3}})?"
    rf"|ik\swerk\sals\s(?:{_WORD}\s?){{1,3}}(?:\s?(?:bij|in|op)\s(?:{_WORD}\s?){{1,3}})?"
    # "I'm a researcher from Utrecht University", "I work as a driver at …"
    rf"|(?:i'm|i\sam|we\sare|i\swork\sas)\s(?:a|an|the)\s(?:(?!(?:from|at|with|of|for)\b){_WORD}\s?){{1,3}}"
    rf"(?:\s?(?:from|at|with|of|for)\s(?:{_WORD}\s?){{1,3}})?"
    # "Ich wohne direkt an der Grenze", "ich bin die Mutter von …"
    r"|(?:ich\swohne|wir\swohnen|ich\sarbeite)\s[^,.;:!?\n]{1,60}"
    rf"|(?:ich\sbin|wir\ssind)\s(?:der|die|das|ein|eine)\s(?:{_WORD}\s?){{1,3}}"
    r")"
)


def introductions(text: str) -> list[str]:
    """The self-introductions of a question ("schoonmaakster hier", "I'm a researcher from
    Utrecht University"), the first 2,000 characters read."""
    return [match.group().strip() for match in _INTRODUCTIONS.finditer(text[:2_000])]
