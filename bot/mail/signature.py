"""Signatures and disclaimers under a question: the closing ("Met vriendelijke groet,"), the
name and job title block under it, and legal disclaimers. Cut only where what follows looks
like a signature (short lines, no question), so a "Dank voor ..." that opens a mail stays."""

from __future__ import annotations

import re
import unicodedata

_DISCLAIMER = re.compile(
    r"(?:uitsluitend|alleen) bestemd voor de geadresseerde|bestemd voor de geadresseerde"
    r"|geen rechten (?:worden|kunnen worden) ontleend|aanvaardt geen aansprakelijkheid"
    r"|staat niet in voor de juist|denk aan het milieu|algemene voorwaarden van toepassing"
    r"|informatie in dit (?:e-?mail)?bericht is vertrouwelijk"
    r"|intended (?:solely |only )?for the (?:use of the )?(?:addressee|recipient|individual)"
    r"|(?:this|the information in this) (?:e-?mail|message)[^.]{0,60}(?:is|may be|are) "
    r"(?:strictly )?(?:confidential|privileged)"
    r"|if you (?:have )?received this (?:e-?mail|message) in error",
    re.IGNORECASE,
)
_VALEDICTION = re.compile(
    r"^\s*(?:"
    # "Met sportieve groet", "Muzikale groeten": any inflected adjective before "groet"
    # and the Frisian "Mei freonlike groetnis"
    r"(?:met\s+|mei\s+)?(?:[^\W\d_]+e\s+){1,2}groet(?:en|jes|nis(?:sen)?)?"
    r"|groet(?:en|jes|nis(?:sen)?)?|gr\.?|grt\.?|mvg|m\.v\.g\.?|hoogachtend|met\s+(?:de\s+meeste\s+)?hoogachting"
    r"|(?:mit\s+)?(?:[^\W\d_]+(?:e|en)\s+)?gr(?:ü|ue|u)(?:ß|ss)(?:e|en)?|mfg"
    r"|(?:alvast\s+|bij\s+voorbaat\s+)?(?:heel\s+)?(?:erg\s+)?(?:hartelijk\s+)?"
    r"(?:bedankt|dank(?:je|jewel| u| je)?"
    r"(?:\s+wel)?)"
    r"|(?:with\s+)?(?:[a-z]+\s+){0,2}(?:regards|wishes)|many\s+thanks|all\s+the\s+best"
    r"|cheers|sincerely|yours(?:\s+(?:sincerely|faithfully|truly))?"
    r"|thanks?(?:\s+(?:a lot|so much|in advance|again))?|thank you(?:\s+\w+)?"
    # "Vielen Dank und freundliche Grüße", "Dziękuję bardzo,", "Pozdrawiam", "Cordialement"
    r"|(?:vielen\s+)?dank(?:e)?(?:\s+(?:und|&)\s+(?:[^\W\d_]+e\s+)?gr(?:ü|ue)(?:ß|ss)e)?"
    r"|dzi[eę]kuj[eę](?:\s+bardzo)?|pozdrawiam|z\s+powa[zż]aniem|saygılarımla|cordialement"
    r"|(?:cordiali\s+)?saluti|saludos|un\s+saludo"
    # "Met vriendelijke groet / Kind regards,": a closing in two languages
    r")\b[\s,.!/|]*(?:[\wÀ-ÿ'.-]+(?:\s+[\wÀ-ÿ'.-]+){0,3})?[\s,.!]*$",
    re.IGNORECASE,
)
_MAX_TAIL_LINES = 14
# A closing inside the last line, after a comma or a full stop, with at most a name and a
# phone number after it.
_INLINE_TAIL = 140
_INLINE_CLOSING = re.compile(
    r"([,.;!])\s{1,3}(?:met\s+(?:vriendelijke|hartelijke)\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|"
    r"groetjes|mvg|kind\s+regards|best\s+regards|(?:mit\s+)?freundlichen\s+gr(?:ü|ue)(?:ß|ss)en)"
    r"\b[^?!\n]{0,80}$",
    re.IGNORECASE,
)
_MAX_TAIL_WIDTH = 120
# What a mail client writes after a link's text when it makes plain text of HTML
# ("LinkedIn<https://www.linkedin.com/in/...>"): no width a reader sees.
_LINK_TARGET = re.compile(r"<(?:https?://|mailto:|tel:)[^<>\s]{0,2000}>", re.IGNORECASE)

# --- structure: what a footer paragraph and a contact block look like, in any wording ------
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# Roots of the confidentiality, liability and "we never ask" vocabulary (nl, en, de).
_FOOTER_ROOTS = (
    "vertrouwelijk", "bestemd", "geadresseerde", "ontvanger", "abuis", "vergissing",
    "onbevoegd", "aansprakelijk", "verwijder", "vernietig", "openbaarmaking", "verspreid",
    "vermenigvuldig", "afzender", "ontlenen", "ontleend", "nooit", "wachtwoord", "pincode",
    "bankgegevens", "phishing", "virus", "milieu", "confidential", "intended", "recipient",
    "addressee", "privileged", "disclos", "distribut", "prohibited", "liab", "notify",
    "delete", "never", "password", "environment", "sender", "attach", "privat", "remov",
    "unauthori", "vertraulich", "empfänger", "irrtümlich",
    "löschen", "absender", "haftung", "disclaimer",
    # a virus scanner's line: "Deze e-mail is gecontroleerd op virussen door Avast
    # antivirussoftware.", "This email has been checked for viruses by AVG."
    "antivirus", "gecontroleerd", "gescand", "checked", "scanned", "geprüft", "virenfrei",
)  # fmt: skip
_MESSAGE_WORDS = frozenset(
    [
        "bericht",
        "berichten",
        "e-mail",
        "email",
        "mail",
        "e-mailbericht",
        "mailbericht",
        "message",
        "e-mails",
        "emails",
        "nachricht",
        "communicatie",
        "correspondentie",
    ]
)
_FIRST_PERSON = frozenset("ik mijn me mij i my me".split())  # noqa: SIM905
_PHONE = re.compile(r"(?:\+|\b)\d[\d \t().-]{7,18}\d\b")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|\bwww\.|https?://|\bpostbus\b|\bp\.?o\.? box\b"
    r"|\b\d{4} ?[A-Z]{2}\b|^\s*(?:t|tel|telefoon|m|mob|mobiel|e|phone|fax)\.?\s*[:.]?\s*[+(\d]"
    r"|^\s*\[cid:|\blinkedin\b",
    re.IGNORECASE,
)
# "Juridisch adviseur | Gemeente Zeewolde", "Team Vergunningen", "Senior beleidsmedewerker
# Wonen – Gemeente Ermelo": a title or organisation line of a signature.
_ORGANISATION = re.compile(
    r"\b(?:gemeente|municipality|afdeling|team|cluster|sector|directie|provincie|"
    r"waterschap|b\.v\.|bv|department|sociale dienst|"
    # an association's officer: "Secretaris CV De Turfgaoters", "penningmeester Stichting …"
    r"secretaris|penningmeester|voorzitter|bestuurslid|stichting|vereniging|"
    r"secretary|treasurer|chairman|chairwoman)\b|\s[|•·]\s",
    re.IGNORECASE,
)
# An organisation's pointer to its privacy statement under every mail, in few words.
_PRIVACY_NOTICE = re.compile(
    r"(?i)\b(?:privacyverklaring|privacystatement|privacy ?(?:statement|policy|notice|beleid|"
    r"reglement)|datenschutzerkl[äa]rung|datenschutzhinweise?n?)\b"
)
_PRIVACY_NOTICE_WORDS = 60
_MAX_BLOCK_WIDTH = 80
_MAX_FOOTER_BLOCKS = 4


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


_URL = re.compile(r"\b(?:https?://|www\.)\S{0,2000}", re.IGNORECASE)
_ASKS = re.compile(r"\?(?:\s|$)")


# An inline image's reference where HTML had a logo ("[cid:image001.png@01DC3C41.2D8E5A60]"):
# no width a reader sees either.
_IMAGE_REFERENCE = re.compile(r"\[cid:[^\]\s]{1,200}\]", re.IGNORECASE)


def _width(line: str) -> int:
    """What a reader sees of a line: a row of logos or a web address is no prose."""
    return len(_URL.sub("", _IMAGE_REFERENCE.sub("", _LINK_TARGET.sub("", line))).strip())


def _asks(line: str) -> bool:
    """The line ends in a question, or asks one of three words or more before going on
    ("Is mijn aanvraag al binnen? Zie<https://...>"); a web address's "?" and a signature's
    "Vragen? Bel 14 0341" are no question."""
    visible = _URL.sub("", _LINK_TARGET.sub("", line)).rstrip()
    if visible.endswith("?"):
        return True
    return any(len(visible[: m.start()].split()) >= 3 for m in _ASKS.finditer(visible))


def _looks_like_signature(tail: list[str]) -> bool:
    lines = [line.strip() for line in tail if line.strip()]
    if len(lines) > _MAX_TAIL_LINES:
        return False
    return all(_width(line) <= _MAX_TAIL_WIDTH and not _asks(line) for line in lines)


def _cut_disclaimer(lines: list[str], cut: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _DISCLAIMER.search(line) and any(t.strip() for t in lines[:index]):
            start = index
            while start > 0 and lines[start - 1].strip():
                start -= 1  # the whole paragraph
            if not any(t.strip() for t in lines[:start]):
                return lines
            cut.append("\n".join(lines[start:]))
            return lines[:start]
    return lines


def _is_name_line(line: str, names: list[str]) -> bool:
    folded = _fold(line).rstrip(" ,.")
    if not folded:
        return False
    for name in names:
        if folded == name or folded.startswith((name + " |", name + ",", name + " -")):
            return True
    return False


def _name_variants(names: list[str]) -> list[str]:
    variants: set[str] = set()
    for name in names:
        folded = _fold(name).strip("\"' ")
        if "," in folded:  # "Kramer, Wendy" -> "wendy kramer"
            last, _, first = folded.partition(",")
            folded = f"{first.strip()} {last.strip()}"
        folded = re.sub(r"\s+", " ", folded)
        if len(folded) >= 2:
            variants.add(folded)
            first_name = folded.split(" ")[0]
            if len(first_name) >= 2 and "." not in first_name:
                variants.add(first_name)
    return sorted(variants, key=len, reverse=True)


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges of the blank-line separated paragraphs."""
    result: list[tuple[int, int]] = []
    start: int | None = None
    for index, line in enumerate(lines):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            result.append((start, index))
            start = None
    if start is not None:
        result.append((start, len(lines)))
    return result


def is_footer(paragraph: str, words_needed: int = 2) -> bool:
    """A confidentiality, liability, environment or "we never ask" notice in any wording: it
    speaks of the message, uses two of the notices' words (``words_needed``), and no one
    speaks for themselves in it (a resident asking about a data breach says "mijn")."""
    words = [w.casefold() for w in _WORD.findall(paragraph[:3000])]
    if not words or set(words) & _FIRST_PERSON:
        return False
    if _PRIVACY_NOTICE.search(paragraph[:3000]) and len(words) <= _PRIVACY_NOTICE_WORDS:
        return True  # "… hecht veel waarde aan uw privacy. Lees onze privacyverklaring op …"
    if not any(w in _MESSAGE_WORDS or w.endswith(("bericht", "mail")) for w in words):
        return False
    roots = {root for word in words for root in _FOOTER_ROOTS if word.startswith(root)}
    return len(roots) >= words_needed


def is_contact_block(block: list[str]) -> bool:
    """Short lines (a name, a title, an organisation, phone, address, web) of which at least
    two are contact or organisation lines, with no question among them."""
    lines = [line.strip() for line in block if line.strip()]
    if not lines or len(lines) > 10:
        return False
    if any(_width(line) > _MAX_BLOCK_WIDTH or _asks(line) for line in lines):
        return False
    contact = sum(
        1
        for line in lines
        if _PHONE.search(line) or _CONTACT.search(line) or _ORGANISATION.search(line)
    )
    return contact >= 2 and contact * 2 >= len(lines) - 1


def _cut_footer_blocks(lines: list[str], cut: list[str]) -> list[str]:
    """From the end: footer paragraphs and contact blocks (a few at most), while there is
    text above them."""
    for _ in range(_MAX_FOOTER_BLOCKS):
        paragraphs = _paragraphs(lines)
        if len(paragraphs) < 2:
            return lines
        first, end = paragraphs[-1]
        block = lines[first:end]
        # one notice word is enough right under a contact block ("Dit bericht kan
        # vertrouwelijke informatie bevatten." under the name, title and phone)
        above = lines[paragraphs[-2][0] : paragraphs[-2][1]]
        if not (
            is_footer("\n".join(block))
            or is_contact_block(block)
            or (is_footer("\n".join(block), words_needed=1) and is_contact_block(above))
        ):
            return lines
        cut.append("\n".join(lines[first:]))
        lines = lines[:first]
        while lines and not lines[-1].strip():
            lines.pop()
    return lines


def _is_closing(line: str) -> bool:
    """A short line that takes leave ("Met vriendelijke groet,")."""
    return len(line) <= 60 and bool(_VALEDICTION.match(line))


# a line of dashes, underscores or equals signs that sets off what follows
_SEPARATOR = re.compile(r"[ \t]*(?:-{3,}|_{3,}|={3,})[ \t]*")


def _cut_appended_document(lines: list[str], cut: list[str]) -> list[str]:
    """ "Ik zet de brief hieronder" … "Met vriendelijke groet, naam, adres" ------ the letter:
    a closing, a short signature and a separator line end the writer's own text; the
    letter, notice or form pasted below it is no part of the question (the pasted text of
    someone else, often naming other people)."""
    last_filled = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for index, line in enumerate(lines):
        if index >= last_filled or not _SEPARATOR.fullmatch(line):
            continue
        filled = [i for i in range(max(1, index - _MAX_TAIL_LINES), index) if lines[i].strip()]
        for start in filled[-8:]:
            if _is_closing(lines[start].strip()):
                if _looks_like_signature(lines[start + 1 : index]):
                    cut.append("\n".join(lines[start:]))
                    return lines[:start]
                break
    return lines


def cut_signature(text: str, names: list[str] | None = None) -> tuple[str, list[str]]:
    """The text without its closing, signature block and disclaimer; and what was cut."""
    lines = text.split("\n")
    cut: list[str] = []
    lines = _cut_disclaimer(lines, cut)
    lines = _cut_appended_document(lines, cut)
    lines = _cut_footer_blocks(lines, cut)
    variants = _name_variants(names or [])
    filled = [i for i, line in enumerate(lines) if line.strip()]
    # A signature follows its first line within _MAX_TAIL_LINES lines: only those are candidates
    # (which also keeps this linear on hostile input).
    for index in filled[-(_MAX_TAIL_LINES + 1) :]:
        if index == filled[0]:
            continue
        line = lines[index]
        stripped = line.strip()
        if (_is_closing(stripped) or _is_name_line(stripped, variants)) and _looks_like_signature(
            lines[index + 1 :]
        ):
            cut.append("\n".join(lines[index:]))
            lines = lines[:index]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    if not cut and lines:
        # "…, ik hoop dat u mij kunt helpen, met vriendelijke groet Jan Smit tel 06-…": a
        # closing at the end of a mail written as one paragraph
        offset = max(0, len(lines[-1]) - _INLINE_TAIL)
        inline = _INLINE_CLOSING.search(lines[-1], offset)
        if inline is not None:
            start = inline.start()
            cut.append(lines[-1][start:])
            lines[-1] = lines[-1][:start].rstrip() + ("." if inline.group(1) == "," else "")
    return "\n".join(lines), [c for c in cut if c.strip()]
