"""Health data about a person (AVG article 9, a special category): a named condition,
diagnosis or operation that a sentence says someone has or had ("mijn vader heeft
parkinson", "sinds haar heupoperatie", "he had a stroke"). The need stays readable ("heeft
[gezondheidsgegeven verwijderd] en kan de zorg niet alleen aan"); the same word said of
nobody ("dagbesteding voor mensen met dementie") is the topic of the question and stays.

The vocabulary is the field's (conditions and operations people name in letters to a
gemeente, in Dutch, English and German), not any mail's sentence. Every pattern is bounded:
a cue is looked for only in the few words before a condition, within its sentence."""

from __future__ import annotations

import re

from bot.redaction.numbers import Hit

_CONDITIONS_NL = (
    r"dementie|alzheimer|parkinson|epilepsie|autisme|adhd|depressie|depressief|burn-?out|"
    # a disorder by its compound (eetstoornis, taalontwikkelingsstoornis, gedragsstoornis)
    r"\w{2,30}stoornis|borderline|"
    r"schizofrenie|psychose|bipolaire? stoornis|ptss|posttraumatische stressstoornis|"
    r"diabetes|suikerziekte|astma|copd|longemfyseem|kanker|borstkanker|longkanker|"
    r"darmkanker|prostaatkanker|huidkanker|leukemie|lymfeklierkanker|(?:hersen)?tumor|"
    r"hartinfarct|herseninfarct|hersenbloeding|beroerte|cva|tia|hartfalen|hartstilstand|"
    r"reuma|artrose|hernia|fibromyalgie|multiple sclerose|long covid|"
    r"(?:alcohol|drugs|gok)?verslaving|verslaafd|syndroom van down|downsyndroom|"
    r"cerebrale parese|spierziekte|spierdystrofie|nierfalen|nierziekte|dialyse|"
    r"chemo(?:therapie)?|bestralingen?|niet-aangeboren hersenletsel|hersenletsel|"
    r"(?:verstandelijke|lichamelijke|visuele|auditieve) beperking|slechtziend|slechthorend|"
    r"doofblind|zwanger|"
    # what someone's eyes or heart have, and what they live with
    r"staar|glaucoom|maculadegeneratie|pacemaker|stoma|insulinepomp|"
    r"(?:angst|paniek|hart|long|psychische|depressieve) ?klachten|"
    # complaints of a body part or function, and the therapy for them
    r"(?:knie|rug|heup|hart|long|geheugen|adem(?:halings)?|loop|nier|psychische) ?problemen|"
    r"fysiotherapie|"
    # abbreviations written in capitals only: "als" and "ms" are words
    r"(?-i:MS(?! ?(?:Teams|Office|Word|Excel|Outlook|Access|Edge|DOS|Paint)\b)|ALS|NAH)"
)
_CONDITIONS_EN = (
    r"dementia|alzheimer'?s|parkinson'?s|epilepsy|autism|depression|burnout|anxiety disorder|"
    r"schizophrenia|psychosis|bipolar disorder|ptsd|diabetes|asthma|cancer|breast cancer|"
    r"leukaemia|leukemia|brain tumou?r|heart attack|stroke(?! of)|heart failure|multiple sclerosis|"
    r"cerebral palsy|down syndrome|kidney failure|chemotherapy|addiction|pregnant|"
    r"(?:learning|intellectual|physical) disability|cataracts?|glaucoma|pacemaker|"
    r"anxiety|panic attacks|physiotherapy|physical therapy|"
    r"(?:knee|back|hip|heart|breathing|memory|mental health|walking|kidney|lung) problems"
)
_CONDITIONS_DE = (
    r"demenz|epilepsie|autismus|depressionen?|krebs|brustkrebs|schlaganfall|herzinfarkt|"
    r"multiple sklerose|zerebralparese|down-syndrom|nierenversagen|schwanger|"
    r"(?:geistige|körperliche) behinderung|herzschrittmacher|grauer star|angststörung"
)
_BODY = (
    r"heup|knie|been|pols|enkel|arm|schouder|bekken|rib|wervel|sleutelbeen|elleboog|rug|hand|"
    r"vinger|voet|nek"
)
# what happened to a body part (at most three words between: "zijn hand aan opengehaald"; "de
# arm van de slagboom is gebroken" is a thing's)
_INJURED = r"gebroken|gekneusd|verstuikt|ontwricht|gesneden|opengehaald|bezeerd"
_OPERATIONS = (
    rf"(?:{_BODY}|hart|openhart|staar|hernia|maag|darm|long)-?(?:operatie|breuk)|"
    rf"(?:{_BODY}|teen)-?amputatie|amputatie|(?:nier|lever|hart|long)transplantatie|"
    rf"(?:nieuwe|kunst)(?:heup|knie)|nieuwe (?:heup|knie)|gebroken (?:{_BODY})|"
    rf"(?:{_BODY})(?: (?!van\b|of\b)\w+){{0,3}}? (?:{_INJURED})|keizersnede|"
    # a fall and a stay in hospital someone had ("sinds een val in december", "ligt in het
    # ziekenhuis"; "na de val van het kabinet" is no one's)
    r"(?:sinds|na|door) een (?:lelijke |flinke |nare |zware |ernstige )?val(?:partij)?|"
    r"valpartij|ziekenhuisopname|(?:ligt|lag|liggen|lagen) in het ziekenhuis|"
    r"in het ziekenhuis (?:opgenomen|beland)|"
    # someone who lives in a wheelchair
    r"(?:zit|zat|zitten|zaten)(?: [\w']+){0,4}? in een (?P<chair>rolstoel)|rolstoelgebonden|"
    r"(?:uses|in) a wheelchair|"
    # said only of a person: bedridden, walking badly, on oxygen, in rehabilitation
    r"bedlegerig|slecht ter been|aan de zuurstof|bedridden|"
    r"(?:gaat|ging|gaan|is|zit|verblijft|was)(?: [\w']+){0,3}? (?:voor|in|naar de) "
    r"(?P<rehab>revalidatie)|"
    r"im rollstuhl|"
    r"caesarean(?: section)?|c-section|kaiserschnitt|"
    r"hip replacement|knee replacement|broken (?:hip|leg|arm|wrist|ankle)|amputation|"
    r"(?:hüft|knie)-?operation|neue (?:hüfte|knie)|oberschenkelhalsbruch"
)
_NAMED = r"(?:ziekte|syndroom) van [A-Z][a-z]+(?:-[A-Z][a-z]+)?"
HEALTH_TERM = re.compile(
    rf"(?i:\b(?:(?:beginnende|jonge|vergevorderde|ernstige|zware|lichte|chronische|"
    rf"early-onset|severe|mild|chronic) )?"
    # English first: "Parkinson's" whole, not its Dutch "parkinson"; a compound written with
    # a hyphen ("dementievriendelijk", "kanker-duur") is another word
    # an operation, an amputation or a broken bone is always someone's
    rf"(?:{_CONDITIONS_EN}|{_CONDITIONS_NL}|{_CONDITIONS_DE}|(?P<operation>{_OPERATIONS}))"
    r"\b(?!-\w))"
    rf"|\b{_NAMED}\b"
)
# Said of someone, in the three words before the condition: a verb of having or getting a
# diagnosis, or "since/after" it ("heeft parkinson", "sinds de heupoperatie", "had a stroke").
# "over", "met" and "voor" are not among them: "vragen over dementie", "mensen met autisme"
# are what a question is about.
_HAS = re.compile(
    r"(?i:\b(?:heeft|had|hebben|hadden|heb|kreeg|kregen|krijgt|lijdt aan|leed aan|last van|"
    r"diagnose|gediagnosticeerd|vastgesteld|herstellende van|revalideert|revalidatie|sinds|na|"
    r"wegens|vanwege|voorgeschiedenis van|has|have|got|suffers from|diagnosed with|since|after|"
    r"recovering from|history of|behandeld voor|onder behandeling voor|treated for|"
    # a treatment someone goes to, a doctor's suspicion
    r"naar de|\w*(?:arts|dokter|geriater|neuroloog|specialist|psychiater) denkt aan|"
    r"hat|hatte|leidet an|seit|nach)\b)"
)
# or just before it: whose it is ("haar heupoperatie"), or what someone is ("is zwanger")
_WHOSE = re.compile(
    r"(?i:\b(?:zijn|haar|mijn|m'n|z'n|d'r|onze|hun|is|ben|was|werd|his|her|my|our|their|"
    r"seiner|seinem|seine|ihrer|ihrem|ihre|meiner|meinem|meine|ist)\s*$"
    # "(58, dementie)": an age, then the condition
    r"|\(\s*\d{1,3}\s*(?:jaar|years?|jahre)?\s*,\s*$)"
)
# a second condition joined to one already found: "heeft autisme en epilepsie"
_JOINED = re.compile(
    r"(?i:\s*(?:,|en|and|und|of|or|oder)\s+(?:(?:\w+\s+){0,3}?(?:ook|also|auch)\s+)?"
    r"(?:(?:een|a|an|ein|eine)\s+)?$)"
)
# or after it: "een hartinfarct gehad", or a subordinate clause's verb, last in its clause,
# that one person has it ("dat hij dementie heeft, maar"; "mensen die dementie hebben" is the
# question's topic, and so is "voor astma heeft de gemeente een folder"); "a hip replacement
# last year" is not enough
_AFTER = re.compile(
    r"(?i:\s+(?:\w+\s+)?(?:gehad|gekregen|opgelopen|ondergaan|gediagnosticeerd|geopereerd)\b"
    r"|\s+(?:heeft|had|kreeg|krijgt)(?=\s*(?:[,.;:!?)]|$|(?:en|maar|of|omdat|want|dus)\b))"
    # where in one's body: "artrose in mijn knieën", "kanker in zijn longen"
    r"|\s+(?:in|aan|an) (?:mijn|m'n|zijn|z'n|haar|d'r|my|his|her|meinem|meiner|seinem|seiner|"
    r"ihrem|ihrer) \w)"
)
_WORD = re.compile(r"[\w'-]+")
# the word before "met" that makes the condition one person's: a singular person or a state
_ONE_PERSON = re.compile(
    r"(?i:man|vrouw|meneer|mevrouw|heer|vader|moeder|zoon|dochter|broer|zus|opa|oma|oom|tante|"
    r"buurman|buurvrouw|partner|echtgeno(?:ot|te)|kind|jongen|meisje|baby|bewoner|bewoonster|"
    r"huurder|cliënt|client|cliënte|alleenstaand|alleenwonend|weduwe|weduwnaar|"
    r"husband|wife|father|mother|son|daughter|neighbou?r|tenant)"
)
_ARTICLES = frozenset(
    ("een", "de", "het", "a", "an", "the", "ein", "eine", "einen", "der", "die", "das")
)
_CUE_REACH = 40
_SENTENCE_ENDS = ".?!\n;:"


def health_hits(text: str) -> list[Hit]:
    """Named conditions and operations that a cue in the same sentence ties to someone."""
    hits: list[Hit] = []
    for match in HEALTH_TERM.finditer(text):
        if match.group("operation") is None and not (
            (hits and _JOINED.fullmatch(text, hits[-1].end, match.start()))
            or _AFTER.match(text, match.end(), match.end() + _CUE_REACH)
            or _said_before(text, match.start())
        ):
            continue
        # of "zit sinds vorig jaar in een rolstoel" only the wheelchair goes: the time stays
        core = next((name for name in ("chair", "rehab") if match.group(name)), None)
        if core is None:
            hits.append(Hit(match.start(), match.end(), "health"))
            continue
        # what the few words between say is read too: "zit sinds haar beroerte in een rolstoel"
        start = match.start(core)
        hits += [
            Hit(match.start() + hit.start, match.start() + hit.end, "health")
            for hit in health_hits(text[match.start() : start])
        ]
        hits.append(Hit(start, match.end(core), "health"))
    return hits


def _said_before(text: str, start: int) -> bool:
    """A cue in the sentence's last stretch before ``start``: a verb of having it in the
    three words before, or whose it is right before."""
    reach = max(0, start - _CUE_REACH)
    opening = max(text.rfind(mark, reach, start) for mark in _SENTENCE_ENDS) + 1
    before = text[max(reach, opening) : start]
    words = _WORD.findall(before)
    if len(words) >= 2 and words[-1].lower() == "met" and _ONE_PERSON.fullmatch(words[-2]):
        # "alleenstaand, met beginnende dementie", "een man met parkinson"; "mensen met
        # dementie", "iemand met autisme" are a question's topic
        return True
    # "heeft sinds vorig jaar een pacemaker": an article is no word of the three
    content = [word for word in words if word.lower() not in _ARTICLES]
    return bool(
        _HAS.search(" ".join(words[-3:]))
        or _HAS.search(" ".join(content[-3:]))
        or _WHOSE.search(before)
    )
