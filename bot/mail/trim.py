"""Reply trimming: quoted history, attribution lines ("Op ... schreef ...:"), embedded header
blocks (Van:/Verzonden:/Aan:/Onderwerp: in many languages), forward and "original message"
separators, mobile signatures ("Verstuurd vanaf mijn iPhone") and a signature under ``-- `` or
a short rule. Text the sender wrote under a quote is kept. What is cut is returned too, so the
caller can keep it with the stored message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- line patterns ---------------------------------------------------------------------------
_QUOTE_PREFIX = re.compile(r"^(?:\s*[>|])+\s?")
FROM_KEYS = (
    "van", "from", "de", "da", "von", "från", "fra", "od", "от", "від", "lähettäjä", "feladó",
    "kimden", "de la", "saatja", "šalje", "afzender", "差出人", "nadawca", "mittente",
    "remitente", "remetente", "odesílatel", "odosielateľ", "expéditeur", "gönderen", "avsändare",
    "від кого", "no", "nuo", "από", "frá", "dari", "daripada", "từ", "מאת", "من", "发件人",
    "寄件者", "보낸 사람",
)  # fmt: skip
DATE_KEYS = (
    "verzonden", "sent", "datum", "date", "envoyé", "enviado", "gesendet", "inviato", "data",
    "fecha", "skickat", "sendt", "wysłano", "wysłane", "dato", "odesláno", "lähetetty",
    "gönderildi", "trimis", "elküldve", "отправлено", "надіслано", "dátum", "tarih", "päivämäärä",
    "kuupäev", "poslano", "дата", "enviado el", "日付", "送信日時", "päiväys", "gönderilen",
    "odoslané", "enviada em", "enviado em", "enviada", "saadetud", "nosūtīts", "išsiųsta",
    "στάλθηκε", "изпратено", "poslato", "enviat el", "dikirim", "dihantar", "đã gửi", "נשלח",
    "发送时间", "寄件日期", "보낸 날짜", "أرسل", "تاريخ الإرسال",
)  # fmt: skip
TO_KEYS = (
    "aan", "to", "à", "a", "an", "para", "til", "till", "do", "кому", "komu", "vastaanottaja",
    "címzett", "kime", "către", "kellele", "prima", "za", "宛先", "pour", "adresat",
    "adresát", "destinatario", "destinatário", "mottaker", "mottagare", "pre", "adressaat",
    "kam", "προς", "до", "per a", "kepada", "đến", "אל", "收件人", "받는 사람", "إلى",
)  # fmt: skip
SUBJECT_KEYS = (
    "onderwerp", "subject", "objet", "asunto", "betreff", "oggetto", "emne", "ämne", "temat",
    "тема", "assunto", "předmět", "predmet", "aihe", "tárgy", "konu", "subiect", "teema",
    "件名", "sujet", "naslov", "zadeva", "tēma", "tema", "θέμα", "efni", "assumpte", "perihal",
    "perkara", "chủ đề", "נושא", "主题", "主旨", "제목", "الموضوع",
)  # fmt: skip
OTHER_KEYS = (
    "cc", "bcc", "kopie", "risposta", "reply-to", "beantwoorden", "antwoord aan", "kopi",
    "kopia", "kopio", "kópia", "dw", "másolatot kap", "bilgi", "копия", "копія",
    "importance", "urgentie", "prioriteit", "priority", "wichtigkeit", "bijlagen",
    "attachments", "anlagen", "pièces jointes", "sensitivity", "vertrouwelijkheid",
    "copie à", "copia", "másolat", "répondre à", "kopija", "koopia", "κοιν.", "копие", "kp",
    "afrit", "cc/bcc",
)  # fmt: skip
_ALL_KEYS = FROM_KEYS + DATE_KEYS + TO_KEYS + SUBJECT_KEYS + OTHER_KEYS
HEADER_LINE = re.compile(
    r"^\s*\**(" + "|".join(re.escape(k) for k in sorted(_ALL_KEYS, key=len, reverse=True)) + r")"
    # "Kopie (CC):": a label with a short gloss in brackets
    r"(?:\s*\([^()\n]{1,12}\))?\**\s*:\**\s*(.*)$",
    re.IGNORECASE,
)
_ATTR_VERB = re.compile(
    # a whole word: "afgeschreven" in "… van mijn rekening afgeschreven" is no "geschreven"
    r"(?<![a-zà-ÿ])(wrote|schreef|schrieb|a écrit|skrev|escribió|ha scritto|napisał(?:\(a\))?|"
    r"napsal(?:\(a\))?|написал\w*|"
    r"пише|写道|寫道|kirjoitti|geschreven|scrisse|escreveu)\b[^\n]*?[:：]?\s*-*\s*$",
    re.IGNORECASE,
)
# "On 11 Apr 2011, at 6:54 PM, X <x@y> sent:": "sent" is a header label too ("Sent: Monday"),
# so as the verb of an attribution it needs the address with it.
_ATTR_SENT = re.compile(r"\bsent\s*[:：]\s*$", re.IGNORECASE)
_ATTR_OPEN = re.compile(
    r"^\s*(?:-{2,}\s*)?(?:on|op|am|le|den|el|il|em|w dniu|på|dne)\s"
    r"|^\s*\d{1,4}[-/. ]"
    r"|^\s*[\"']?[^\s<>\"'][^<>]{0,80}<[^<>\s]*@"
    r"|^\s*在",
    re.IGNORECASE,
)
_DATE_START = re.compile(r"^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}\b")
_DATE_ADDRESS = re.compile(r"^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}\b.*@", re.IGNORECASE)
FORWARD_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|doorgestuurd bericht|weitergeleitete nachricht|"
    r"message transféré|mensaje reenviado|messaggio inoltrato|videresendt melding)\s*-*\s*$"
    r"|^\s*(?:begin doorgestuurd bericht|begin forwarded message|anfang der weitergeleiteten "
    r"nachricht|début du message réexpédié)\s*:?\s*$",
    re.IGNORECASE,
)
ORIGINAL_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:original message|reply message|mensaje original|oorspronkelijk bericht|"
    r"ursprüngliche nachricht|antwort nachricht|message d'origine|messaggio originale|"
    r"originalmeddelande|ursprungligt meddelande|opprinnelig melding|oprindelig meddelelse|"
    r"mensagem original|alkuperäinen viesti|wiadomość oryginalna|původní zpráva|"
    r"pôvodná správa|eredeti üzenet|исходное сообщение)\s*-*\s*$",
    re.IGNORECASE,
)
# A forward separator with more on its line (Yahoo writes its whole header block there).
_SEPARATOR_START = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|doorgestuurd bericht|weitergeleitete nachricht|"
    r"message transféré|mensaje reenviado|messaggio inoltrato|videresendt melding|"
    r"original message|oorspronkelijk bericht)\s*-{2,}",
    re.IGNORECASE,
)
# Header labels inside one line, as they are written (capitalised): "From: A <a@b>To: B
# <b@c>Sent: Tuesday, 3 March 2026 10:40 CETSubject: Vraag". Labels of one or two letters
# only where no letter precedes them, longer ones anywhere (Yahoo glues them to the value
# before). Plain alternation of literals: linear on any input.
_SHORT_KEYS = sorted((k for k in _ALL_KEYS if len(k) <= 2), key=len, reverse=True)
_LONG_KEYS = sorted((k for k in _ALL_KEYS if len(k) > 2), key=len, reverse=True)
_INLINE_KEY = re.compile(
    r"(?:(?<![^\W\d_])(" + "|".join(re.escape(k.capitalize()) for k in _SHORT_KEYS) + r")"
    r"|(" + "|".join(re.escape(k.capitalize()) for k in _LONG_KEYS) + r"))\s?:"
)
_RULE_LINE = re.compile(r"^\s*[_=—–*~-]{5,}\s*$")
_MOBILE_SIGNATURE = re.compile(
    r"^[\s(<\[*_]*(?:"
    r"(?:sent|sendt|send|verzonden|verstuurd|envoyé|enviado|inviato|gesendet|skickat)\s+"
    r"(?:from|via|with|by|vanaf|vanuit|van|met|von|depuis|de|fra|desde|da|från|using)\b"
    r"|von meinem\b.*\bgesendet|diese nachricht wurde von meinem\b"
    r"|(?:\w+\s+)?from (?:my )?(?:mobile|iphone|ipad|android|phone)\b"
    r"|get (?:\[)?outlook\b|download outlook\b|outlook (?:voor|für|pour|para) (?:android|ios)"
    r"(?: downloaden| herunterladen| télécharger| descargar)?\W*$"
    r"|從我的|从我的|envoyé de mon|enviado desde mi|inviato da"
    r")",
    re.IGNORECASE,
)
SIGNATURE_DELIMITER = re.compile(r"^(?:--|—|-- )\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def unquote(line: str) -> str:
    return _QUOTE_PREFIX.sub("", line, count=1)


def is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


# The link a client puts on its footer ("[Verzonden vanaf Yahoo Mail op Android](https://…)",
# "Outlook voor Android downloaden<https://aka.ms/…>"): not part of the footer's length.
_FOOTER_LINK = re.compile(
    r"\]\([^)\s]{1,2000}\)|<https?://[^>\s]{1,2000}>|\(https?://[^)\s]{1,2000}\)"
)


# Outlook's app footer in any of its languages ("Pobierz aplikację Outlook dla systemu iOS",
# "Android için Outlook'u edinin"): a short line naming the app and a phone's system.
_OUTLOOK_APP = re.compile(
    r"\boutlook\b(?=.*\b(?:ios|android)\b)|\b(?:ios|android)\b(?=.*\boutlook\b)", re.I
)
_OUTLOOK_APP_LINE = 70


def is_mobile_signature(line: str) -> bool:
    stripped = _FOOTER_LINK.sub("]", line.strip()) if "http" in line else line.strip()
    if (
        0 < len(stripped) <= _OUTLOOK_APP_LINE
        and not any(mark in stripped for mark in "?!,")
        and _OUTLOOK_APP.search(stripped)
    ):
        return True  # a mail's last line: "Mijn Outlook op Android doet het niet, help?" stays
    return 0 < len(stripped) <= 120 and bool(_MOBILE_SIGNATURE.match(stripped))


def header_key(line: str) -> str | None:
    match = HEADER_LINE.match(unquote(line))
    return match.group(1).lower() if match else None


@dataclass(frozen=True, slots=True)
class Boundary:
    """Where earlier mail starts: ``start`` is its first line, ``body`` the first line after
    its attribution, separator or header block."""

    # "attribution", "headers", "forward", "forward-headers" (a separator and the header
    # block on its line), "original", "rule"
    kind: str
    start: int
    body: int
    headers: dict[str, str] = field(default_factory=dict)
    # A header block announced by a line of its own in any language (a title between dashes,
    # a short line ending in a colon) that is not an "original message" line: a forward.
    announced: bool = False


# "Label: value" in any language: a label of one to three words of letters, then a colon
# (also the full-width one of CJK clients) and a value.
_LABEL_LINE = re.compile(
    r"^\s*\**([^\W\d_]{1,20}(?:[ .'-][^\W\d_]{1,20}){0,2})\**\s?[:：]\**\s*(\S.*)$"
)


def generic_header_block(lines: list[str], start: int) -> tuple[int, dict[str, str]] | None:
    """Right under a line that announces it: a block of at least three "Label: value" lines
    in a language whose labels are not listed, two of them with an address. The first
    address is the sender's (every client writes From before To and Cc); it is returned as
    ``from`` next to the labels as written."""
    headers: dict[str, str] = {}
    addresses: list[str] = []
    index = start
    while index < len(lines) and index < start + 10:
        line = unquote(lines[index])
        found = _LABEL_LINE.match(line) if len(line) <= 1000 else None
        if not found:
            break
        value = found.group(2).strip()
        headers.setdefault(found.group(1).strip().lower(), value)
        if "@" in value:
            addresses.append(value)
        index += 1
    # A sender and a recipient: a resident's own details ("Naam:", "E-mail:") have one.
    if len(headers) < 3 or len(addresses) < 2:
        return None
    sender = addresses[0]
    if not any(k in FROM_KEYS for k in headers):
        headers["from"] = sender
    return index, headers


def header_block(lines: list[str], start: int) -> tuple[int, dict[str, str]] | None:
    """A block of mail headers starting at ``start``: (first line after it, headers)."""
    key = header_key(lines[start])
    if key is None:
        return None
    headers: dict[str, str] = {}
    index = start
    misses = 0
    last_key = ""
    while index < len(lines) and index < start + 12:
        line = unquote(lines[index])
        if not line.strip():
            if len(headers) >= 2:
                break
            index += 1
            misses += 1
            if misses > 1:
                break
            continue
        match = HEADER_LINE.match(line)
        generic = None if match else _LABEL_LINE.match(line)
        if match:
            last_key = match.group(1).lower()
            headers.setdefault(last_key, match.group(2).strip())
        elif generic and headers and "@" in generic.group(2) and misses == 0:
            # an address line under a label in a language not listed (To, Cc): still the block
            last_key = generic.group(1).strip().lower()
            headers.setdefault(last_key, generic.group(2).strip())
        elif last_key and len(headers) >= 1 and misses == 0 and line.startswith((" ", "\t")):
            headers[last_key] += " " + line.strip()  # a folded header value
        else:
            break
        index += 1
    if len(headers) < 2 or not any(k in FROM_KEYS for k in headers):
        return None
    return index, headers


def one_line_headers(text: str) -> dict[str, str] | None:
    """A header block written on one line (a sender with an address, a date or subject,
    at least three labels), as ``{label: value}``; None when ``text`` is not one."""
    if len(text) > 2000:
        return None
    found = list(_INLINE_KEY.finditer(text))
    if len(found) < 3 or text[: found[0].start()].strip(" *"):
        return None
    headers: dict[str, str] = {}
    for number, match in enumerate(found):
        key = (match.group(1) or match.group(2)).lower()
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        if key in headers:
            return None
        headers[key] = text[match.end() : end].strip()
    sender = next((v for k, v in headers.items() if k in FROM_KEYS), "")
    if "@" not in sender or not any(k in SUBJECT_KEYS or k in DATE_KEYS for k in headers):
        return None  # a sender with an address: a header block, not a sentence with colons
    return headers


# A sentence: six words or more ending in a full stop, question or exclamation mark.
_PROSE = re.compile(r"^(?:\S+\s+){5,}\S*[^\d\s][.!?]$")


def attribution(lines: list[str], start: int) -> int | None:
    """``Op 4 mrt 2026 om 14:02 schreef X <x@y>:`` (possibly over several lines): the first
    line after it, else None."""
    first = unquote(lines[start])
    if not first.strip() or len(first) > 300 or not _ATTR_OPEN.match(first):
        return None
    if _DATE_ADDRESS.match(first):
        return start + 1
    joined = ""
    for end in range(start, min(len(lines), start + 6)):
        part = unquote(lines[end]).strip()
        if len(part) <= 300 and _PROSE.match(part) and not _ATTR_VERB.search(part):
            return None  # a sentence of the mail ("On Friday it did not work."), not a header
        joined = f"{joined} {part}" if joined else part
        ends = _ATTR_VERB.search(part) or _ATTR_SENT.search(part)
        if ends or (end > start and part.endswith((":", "："))):
            if _ATTR_VERB.search(joined) and (re.search(r"\d", joined) or "@" in joined):
                return end + 1
            if _ATTR_SENT.search(joined) and "@" in joined and re.search(r"\d", joined):
                return end + 1
            if _DATE_START.match(first) and "@" in joined and joined.endswith((":", "：")):
                return end + 1
            return None
        if end > start and HEADER_LINE.match(part):
            return None
    return None


_DASH_FRAMED = re.compile(r"^\s*-{2,}[^-]{2,60}-{2,}\s*$")
# A title between dashes at the start of a line, in any language ("----- Přeposlaná zpráva
# -----"), with more on the line (Yahoo writes the whole header block after it).
_DASH_TITLE = re.compile(r"^\s*-{2,}[^-\n]{2,60}-{2,}")


def _announces_forward(line: str) -> bool:
    return not ORIGINAL_SEPARATOR.match(line) and not _RULE_LINE.match(line)


def _introduction(lines: list[str], start: int) -> int:
    """The line that announces a header block in any language, when there is one: a short
    title between dashes ("---------- Přeposlaná zpráva ---------") or a short line that
    ends in a colon ("Vidarebefordrat brev:"), at most one blank line above the block."""
    index = start - 1
    if index >= 0 and not unquote(lines[index]).strip():
        index -= 1
    if index < 0:
        return start
    line = unquote(lines[index]).strip()
    if not line or len(line) > 70 or "@" in line:
        return start
    if _DASH_FRAMED.match(line) or (line.endswith((":", "：")) and not HEADER_LINE.match(line)):
        return index
    return start


def _announced_generic_block(lines: list[str], index: int) -> Boundary | None:
    """``lines[index]`` announces a forward (a title between dashes, a short line ending in a
    colon) and a block of labelled lines in any language follows it."""
    line = unquote(lines[index]).strip()
    if not line or len(line) > 70 or "@" in line or HEADER_LINE.match(line):
        return None
    if not (_DASH_FRAMED.match(line) or line.endswith((":", "："))) or not _announces_forward(line):
        return None
    start = index + 1
    if start < len(lines) and not unquote(lines[start]).strip():
        start += 1
    if start >= len(lines) or header_block(lines, start) is not None:
        return None  # a block with known labels: found as such on its own line
    block = generic_header_block(lines, start)
    if block is None:
        return None
    return Boundary("headers", index, block[0], block[1], announced=True)


def find_boundary(lines: list[str], begin: int = 0) -> Boundary | None:
    """The first place at or after ``begin`` where earlier mail starts."""
    in_code = False
    for index in range(begin, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or not line.strip():
            continue
        plain = unquote(line)
        if FORWARD_SEPARATOR.match(plain):
            return Boundary("forward", index, index + 1)
        separator = _SEPARATOR_START.match(plain)
        title = separator or _DASH_TITLE.match(plain)
        inline = one_line_headers(plain[title.end() :] if title else plain)
        if inline is not None:
            forward = separator is not None or (
                title is not None and _announces_forward(title.group(0).strip())
            )
            return Boundary("forward-headers" if forward else "headers", index, index + 1, inline)
        if ORIGINAL_SEPARATOR.match(plain):
            return Boundary("original", index, index + 1)
        end = attribution(lines, index)
        if end is not None:
            return Boundary("attribution", index, end)
        announced_block = _announced_generic_block(lines, index)
        if announced_block is not None:
            return announced_block
        block = header_block(lines, index)
        if block is not None:
            start = index - 1 if index > 0 and _RULE_LINE.match(lines[index - 1]) else index
            intro = _introduction(lines, start)
            announced = intro < start and _announces_forward(unquote(lines[intro]).strip())
            return Boundary("headers", intro, block[0], block[1], announced)
        if _RULE_LINE.match(plain) and index + 1 < len(lines):
            block = header_block(lines, index + 1)
            if block is not None:
                return Boundary("headers", index, block[0], block[1])
    return None


@dataclass
class Trimmed:
    text: str
    cut: list[str] = field(default_factory=list)


def _strip_blank_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _skip_quote_block(lines: list[str], index: int) -> int:
    while index < len(lines) and (not lines[index].strip() or is_quoted(lines[index])):
        index += 1
    return index


def _leading_attribution(lines: list[str], cut: list[str]) -> list[str]:
    """Bottom-posted replies start with the attribution and the quote: drop both."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return lines
    end = attribution(lines, first)
    if end is None:
        return lines
    after = _skip_quote_block(lines, end)
    if after >= len(lines):
        return lines  # nothing but the quote: keep it (it is the message)
    cut.append("\n".join(lines[first:after]))
    return lines[:first] + lines[after:]


def _trailing_quote(lines: list[str], cut: list[str]) -> list[str]:
    """A quote block that runs to the end, after text of the sender's own, is history."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and (is_quoted(lines[start - 1]) or not lines[start - 1].strip()):
        start -= 1
    if start == end or not any(line.strip() for line in lines[:start]):
        return lines
    cut.append("\n".join(lines[start:end]))
    return lines[:start]


def strip_trailing_noise(lines: list[str], cut: list[str]) -> list[str]:
    """Trailing blank lines, rules and mobile signatures."""
    removed: list[str] = []
    while lines and (
        not lines[-1].strip() or is_mobile_signature(lines[-1]) or _RULE_LINE.match(lines[-1])
    ):
        removed.append(lines.pop())
    if any(line.strip() for line in removed):
        cut.append("\n".join(reversed(removed)).strip("\n"))
    return lines


# A rule typed or inserted above a signature: dashes or underscores, no wider than a mail line
# (a wider one is a table's, in a pasted query result or listing).
_SIGNATURE_RULE = re.compile(r"^\s*(?:-{5,80}|_{5,80})\s*$")


def _signature_rule(lines: list[str], index: int) -> bool:
    """``lines[index]`` is a rule with a short signature under it: at most six lines of
    at most 80 characters, none a question; not the underline of a heading above it nor the
    rule under a line that announces what follows ("Mijn gegevens:")."""
    if not _SIGNATURE_RULE.match(lines[index]):
        return False
    above = lines[index - 1].strip()
    rule = lines[index].strip()
    if above and (abs(len(above) - len(rule)) <= 2 or above.endswith((":", "："))):
        return False
    below = [line.strip() for line in lines[index + 1 :] if line.strip()]
    return 0 < len(below) <= 6 and all(len(line) <= 80 and not line.endswith("?") for line in below)


def _signature_delimiter(lines: list[str], cut: list[str]) -> list[str]:
    """``-- `` followed by at most 15 lines of text: the signature (RFC 3676 section 4.3);
    or a rule of dashes or underscores followed by a few short lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    candidates = [i for i in filled[-16:] if i > 0 and SIGNATURE_DELIMITER.match(lines[i])]
    candidates += [i for i in filled[-7:] if i > filled[0] and _signature_rule(lines, i)]
    if candidates:
        index = min(candidates)
        cut.append("\n".join(lines[index:]))
        return lines[:index]
    return lines


# Where an attribution starts after text on the same line ("reply--- On Wed, Apr 4, 2012 at
# 3:59 PM, me@x.com wrote:"), as clients write it when they unwrap the line above: a
# capitalised opener after text, dashes or a space.
_GLUED_OPEN = re.compile(r"(?<=\S)(?:\s*-{2,}\s*|\s+)(?=(?:On|Op|Am|Le|El|Il|Em|Den|På)\s)")


def _glued_attribution(line: str) -> int | None:
    """Where an attribution glued to the sender's text starts in ``line``: it ends the line
    with its verb and a colon and names a date and an address (a sentence of the sender's
    own, "On 3 March the clerk wrote:", names none). The last opener that starts one wins
    ("On Monday I came by. On Tue, 3 Mar ... wrote:"); only the last few are tried, so a
    line full of openers costs no more than a few."""
    stripped = line.rstrip()
    if len(line) > 400 or is_quoted(line) or not stripped.endswith((":", "：")):
        return None
    if not (_ATTR_VERB.search(stripped) or _ATTR_SENT.search(stripped)):
        return None
    for opener in list(_GLUED_OPEN.finditer(line))[::-1][:8]:
        tail = line[opener.end() :].strip()
        if "@" in tail and re.search(r"\d", tail) and attribution([tail], 0) is not None:
            return opener.start()
    return None


def _split_glued_attributions(lines: list[str]) -> list[str]:
    """An attribution glued to the end of the sender's last line, right above a quote, on
    a line of its own."""
    out: list[str] = []
    quote_follows = False  # the next line with text, from the bottom up, is quoted
    for line in reversed(lines):
        split = _glued_attribution(line) if quote_follows else None
        if split is None:
            out.append(line)
        else:
            out.extend([line[split:].strip(" -"), line[:split]])
        if line.strip():
            quote_follows = is_quoted(line)
    return out[::-1]


def _quote_under_attribution(lines: list[str], boundary: Boundary) -> int | None:
    """Where the quote right under an attribution starts, if one does."""
    if boundary.kind != "attribution":
        return None
    index = boundary.body
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or not is_quoted(lines[index]):
        return None
    return index


def _text_under_quote(lines: list[str], boundary: Boundary) -> int | None:
    """Where the sender's own text under a quoted attribution starts ("Regards, Roman" under
    ``> ...``): the quote follows the attribution, only unquoted text follows the quote, and
    that text is no earlier mail of its own."""
    index = _quote_under_attribution(lines, boundary)
    if index is None:
        return None
    after = _skip_quote_block(lines, index)
    rest = lines[after:]
    if not any(line.strip() for line in rest) or any(is_quoted(line) for line in rest):
        return None
    return after if find_boundary(rest) is None else None


def _answers_between_quotes(lines: list[str], boundary: Boundary) -> list[str] | None:
    """The sender's own answers typed between the lines of a quoted mail ("Ik heb mijn
    reactie tussen uw tekst gezet"): under a quoted attribution, unquoted paragraphs that
    have quoted lines after them, none of them an earlier mail of its own. The quoted lines
    go; each answer is kept, a blank line between them."""
    index = _quote_under_attribution(lines, boundary)
    if index is None:
        return None
    blocks: list[list[str]] = []
    quoted_after_answer = False
    for line in lines[index:]:
        if is_quoted(line):
            quoted_after_answer = quoted_after_answer or bool(blocks)
            if blocks and blocks[-1]:
                blocks.append([])
        elif line.strip():
            if not blocks:
                blocks.append([])
            blocks[-1].append(line)
    answers = [block for block in blocks if block]
    if not quoted_after_answer or len(answers) < 2:
        return None
    if any(find_boundary(block) is not None for block in answers):
        return None
    kept: list[str] = []
    for block in answers:
        kept += [*block, ""]
    return kept


def trim_reply(text: str) -> Trimmed:
    """The sender's own text of a plain-text reply."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _split_glued_attributions(text.split("\n"))
    cut: list[str] = []
    lines = _leading_attribution(lines, cut)
    boundary = find_boundary(lines)
    if boundary is not None and any(line.strip() for line in lines[: boundary.start]):
        under = _text_under_quote(lines, boundary)
        answers = None if under is not None else _answers_between_quotes(lines, boundary)
        if answers is not None:
            cut.append("\n".join(line for line in lines[boundary.start :] if is_quoted(line)))
            lines = lines[: boundary.start] + answers
        else:
            cut.append("\n".join(lines[boundary.start : under]))
            lines = lines[: boundary.start] + (lines[under:] if under is not None else [])
    lines = _trailing_quote(lines, cut)
    lines = strip_trailing_noise(lines, cut)
    lines = _signature_delimiter(lines, cut)
    lines = strip_trailing_noise(lines, cut)
    return Trimmed("\n".join(_strip_blank_edges(lines)), [c for c in cut if c.strip()])
