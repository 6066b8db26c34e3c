"""Is this mail a question, an automatic reply or a bounce? Automatic mail is never posted and
never answered, so no mail loops arise (RFC 3834 section 2, RFC 3464 delivery reports)."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.mail.forwards import REPLIED_NOW
from bot.mail.parse import ParsedMail
from bot.mail.trim import trim_reply
from bot.mail.web_forms import form_reply_to, looks_like_form, without_form_lines


class MailKind(StrEnum):
    QUESTION = "question"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"


_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliver(able|ed)|delivery (status notification|failure|has failed)|"
    r"mail delivery (failed|failure|subsystem)|returned mail|failure notice|"
    r"onbestelbaar|niet (te )?bezorg(d|en)|bezorging mislukt|unzustellbar|non remis|"
    r"message not delivered)",
    re.I,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatisch(e)? (antwoord|reactie|ontvangstbevestiging)|automatic reply|"
    r"auto(matic)?[- ]?(reply|response)|autoreply|afwezig(heid)?|out of (the )?office|"
    r"ooo\b|abwesenheit(?:snotiz|smeldung)?|automatische antwort|réponse automatique|"
    r"respuesta automática|"
    r"ontvangstbevestiging|vakantiemelding|away from (the )?office)(?:\s*[:\-–(]|\s*$)",
    re.I,
)
_AUTO_PRECEDENCE = frozenset({"bulk", "junk", "auto_reply"})
# Senders that never read replies (RFC 3834 section 5 asks not to answer them).
_MACHINE_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|no[-_.]?response|mailer[-_.]?daemon"
    r"|mail[-_.]?daemon|postmaster|bounces?|auto[-_.]?(?:reply|responder|response|mailer)"
    r"|geen[-_.]?antwoord|niet[-_.]?beantwoorden|noreply[-_.+]\S*|no-reply[-_.+]\S*)$",
    re.I,
)
# What acknowledgements say without Auto-Submitted (field vocabulary, Dutch and English).
_ACK_SUBJECT = re.compile(
    r"(?:ontvangstbevestiging|bevestiging van ontvangst|"
    r"(?:wij|we) hebben uw (?:e-?mail|bericht|vraag|melding|aanvraag|verzoek) ontvangen|"
    r"uw (?:e-?mail|bericht|vraag|melding|aanvraag|verzoek) is (?:in goede orde )?ontvangen|"
    r"automatisch(?:e)? (?:antwoord|bericht|reactie)|"
    r"(?:we|we've|we have) received your (?:e-?mail|message|request|enquiry|inquiry)|"
    r"(?:your )?(?:request|message|e-?mail) (?:has been )?received|acknowledge?ment of receipt|"
    r"afwezigheidsbericht|out of office|automatic reply|auto[- ]?reply)",
    re.I,
)
_TICKET_SUBJECT = re.compile(
    r"\[\s*#?\s*[a-z]{0,8}[-_ ]?\d{3,12}\s*\]"
    r"|(?:ticket|case|melding|zaak|zaaknummer|incident|request|verzoek|registratienummer|"
    r"kenmerk|referentie|reference|ref|dossier)\s*(?:nr\.?|nummer|number|no\.?|id)?\s*"
    r"[:#]?\s*[a-z]{0,6}[-_]?\d{4,12}\b",
    re.I,
)
_AUTO_BODY = re.compile(
    r"(?:dit is een automatisch(?:e)? (?:gegenereerd(?:e)? )?(?:antwoord|bericht|e-?mail|reactie)|"
    r"(?:dit bericht|deze e-?mail|deze mail) is automatisch (?:gegenereerd|verzonden|verstuurd)|"
    r"(?:u kunt|je kunt) niet (?:op )?(?:deze|dit) (?:e-?mail|mail|bericht) (?:beantwoorden|"
    r"reageren)|(?:reageer|antwoord) niet op (?:deze|dit) (?:e-?mail|mail|bericht)|"
    r"this is an? (?:automated|automatic|auto-generated) (?:reply|response|message|e-?mail|"
    r"notification)|(?:please )?do not reply to this (?:e-?mail|message))",
    re.I,
)
_ACK_BODY = re.compile(
    r"(?:(?:wij|we) hebben uw (?:e-?mail|bericht|vraag|melding|aanvraag|verzoek) "
    r"(?:in goede orde |goed )?ontvangen|"
    r"uw (?:e-?mail|bericht|vraag|melding|aanvraag|verzoek) is (?:in goede orde |goed )?"
    r"(?:ontvangen|geregistreerd)|"
    r"(?:we|we've|we have) (?:successfully )?received your (?:e-?mail|message|request|"
    r"enquiry|inquiry)|thank you for (?:contacting|your (?:e-?mail|message|enquiry)))",
    re.I,
)
# Away until a date: the absence and its end within one short sentence ("ik ben afwezig
# geweest" or "op vakantie geweest" is a person telling a story, not an auto-reply).
_ABSENT = (
    r"(?:afwezig|niet aanwezig|niet op kantoor|buiten kantoor|niet bereikbaar|niet beschikbaar"
    r"|met vakantie|op vakantie|met (?:\w+)?verlof|beperkt bereikbaar"
    # German: "nicht im Büro", "abwesend", "im Urlaub", "außer Haus", "nicht erreichbar"
    r"|nicht im büro|abwesend|im urlaub|außer haus|nicht erreichbar)"
)
_AWAY_BODY = re.compile(
    r"(?:\b" + _ABSENT + r"[^.\n]{0,40}?\b(?:tot|t/m|tot en met|vanaf|terug op|weer aanwezig"
    r"|weer bereikbaar)\b|"
    # "Ich bin bis einschließlich 21. März nicht im Büro"
    r"\bbis\b[^\n]{0,40}?\b" + _ABSENT + r"\b|"
    # the date first: "Tot en met vrijdag 20 maart ben ik niet op kantoor."
    # or "Ik ben tot 2 juni niet bereikbaar" (not "was tot vorige week met vakantie geweest")
    r"\b(?:tot en met|t/m|tot)\b[^.\n]{0,40}?\b" + _ABSENT + r"\b(?!\s+geweest)|"
    r"\b(?:weer|terug) (?:aanwezig|bereikbaar|op kantoor) (?:op|vanaf)\b|"
    r"\blees (?:ik )?mijn (?:e-?)?mail (?:weer |pas )?(?:vanaf|na|op)\b|"
    r"\b(?:uw|je|jouw) (?:e-?mail|bericht) wordt niet doorgestuurd\b|"
    # a business closed for its holiday: "is wegens vakantie gesloten van … t/m …", "uw mail
    # wordt na onze vakantie beantwoord"
    r"\b(?:is|zijn) (?:wegens|vanwege|i\.?v\.?m\.?) (?:vakantie|verlof|de feestdagen) gesloten\b"
    r"[^.\n]{0,60}?\b(?:t/m|tot en met|tot)\b|"
    r"\b(?:uw|je|jouw) (?:e-?mail|mail|bericht|vraag) wordt na (?:mijn|onze|de) "
    r"(?:vakantie|terugkomst|verlof|sluiting)\b|"
    r"\bclosed for (?:the |our )?(?:holidays?|vacation)\b[^.\n]{0,40}?\buntil\b|"
    r"\b(?:out of (?:the )?office|away|on (?:leave|holiday|vacation)|travell?ing"
    r"|(?:won't|will not|don't|do not|can't|cannot) (?:be )?(?:checking|reading|answering"
    r"|able to (?:read|check|answer)) (?:my )?e-?mails?)[^.\n]{0,40}?"
    r"\b(?:until|till|returning|back on)\b|\bback in (?:the )?office on\b)",
    re.I,
)
# Someone else away ("mijn boekhouder is met vakantie tot 4 januari", "volgens zijn
# automatische antwoord tot 4 mei met vakantie"): a person telling, not an out-of-office.
# Not German "Ihr": "Vielen Dank für Ihre Nachricht, ich bin bis … abwesend" is one.
_SOMEONE_ELSE = re.compile(
    r"(?i:\b(?:mijn|m'n|zijn|z'n|haar|hun|hij|zij|my|his|her|their|he|she|mein\w{0,2}|"
    r"sein\w{0,2})\b)"
)


def _sentence_before(text: str, end: int) -> str:
    """The part of the sentence in ``text`` that comes before ``end``."""
    start = max(text.rfind(mark, 0, end) for mark in ".!?\n") + 1
    return text[start:end]


# A question the writer asks for themselves ("kan ik mijn paspoort daarna ophalen?"): a
# person writing, even when they say they are away; an automatic reply's questions are put
# to its reader ("Heeft u een dringende vraag?").
_QUESTION_SENTENCE = re.compile(r"[^.!?\n]{1,300}\?")
_ASKER = frozenset({"ik", "wij", "we", "i", "ich", "wir"})
_WORDS = re.compile(r"[^\W\d_]+")
_BODY_WINDOW = 800  # acknowledgements say what they are in their first lines
_SHORT_BODY = 1500


def is_machine_sender(address: str) -> bool:
    local = address.rsplit("@", 1)[0] if "@" in address else address
    return bool(_MACHINE_LOCAL.match(local[:64]))


def _is_report(mail: ParsedMail, report_type: str) -> bool:
    """A machine's report of this type (RFC 6522): ``multipart/report`` saying so, or a
    ``message/<type>`` part."""
    if mail.content_type == "multipart/report" and report_type in mail.header(
        "content-type"
    ).lower().replace(" ", ""):
        return True
    return f"message/{report_type}" in mail.content_types


def is_bounce(mail: ParsedMail) -> bool:
    if _is_report(mail, "delivery-status"):
        return True
    if mail.header("x-failed-recipients") or "x-ms-exchange-message-is-ndr" in mail.headers:
        return True
    sender = mail.sender.email if mail.sender else ""
    return bool(_BOUNCE_SENDERS.match(sender)) and bool(_BOUNCE_SUBJECT.match(mail.subject))


def is_read_receipt(mail: ParsedMail) -> bool:
    """A disposition notification (RFC 8098): a client's "read" or "deleted" receipt."""
    return _is_report(mail, "disposition-notification")


def has_automatic_headers(mail: ParsedMail) -> bool:
    """Headers automatic mail carries (RFC 3834, RFC 8098 receipts, Exchange, helpdesks,
    mailing lists)."""
    if _replies_automatically(mail) or _auto_generated(mail) or is_read_receipt(mail):
        return True
    # Exchange and helpdesk systems put this on their own automatic mail.
    return bool(mail.header("x-auto-response-suppress") or mail.header("x-autoresponse-suppress"))


def has_automatic_subject(subject: str) -> bool:
    subject = subject[:300]
    return bool(_AUTO_SUBJECT.match(subject) or _ACK_SUBJECT.search(subject))


def is_web_form(mail: ParsedMail) -> bool:
    """A website's form or a case system relaying a resident's message: from a machine
    address or marked auto-generated, with exactly one ``Reply-To:`` that is a different,
    non-machine address (without one: the one address the form's e-mail field holds), the
    body a form, and no sign at all of automatic mail (headers, a mailing list, subject, or
    an acknowledgement or automatic text outside the form's own footer). The ``Reply-To:``
    is not verified: such mail is held."""
    if mail.sender is None:
        return False
    # a case system's notification may come from a mailbox that reads replies
    # ("zaaksysteem@…"), but says it was generated
    if not (is_machine_sender(mail.sender.email) or _auto_generated(mail)):
        return False
    reply_to = form_reply_to(mail)
    if reply_to is None or is_machine_sender(reply_to.email):
        return False
    if _replies_automatically(mail) or has_automatic_subject(mail.subject):
        return False
    if mail.header("list-id") or mail.header("list-unsubscribe"):  # a mailing list
        return False
    text = trim_reply(mail.text).text
    if not looks_like_form(text):
        return False
    opening = without_form_lines(text)[:_BODY_WINDOW]
    return not (_AUTO_BODY.search(opening) or _ACK_BODY.search(opening))


def _replies_automatically(mail: ParsedMail) -> bool:
    """Automatic headers other than a form relay's own: some form systems mark what they
    relay "Auto-Submitted: auto-generated" (RFC 3834: not a reply to anything) and suppress
    out-of-office answers to it; a reply, a vacation notice or a loop is never a form."""
    auto_submitted = mail.header("auto-submitted").lower().strip()
    if auto_submitted and not auto_submitted.startswith(("no", "auto-generated")):
        return True
    if mail.header("x-autoreply") or mail.header("x-autorespond"):
        return True
    # a notification that says it was generated may also ask for no replies ("bulk")
    if mail.header("precedence").lower().strip() in _AUTO_PRECEDENCE and not _auto_generated(mail):
        return True
    return "x-ms-exchange-inbox-rules-loop" in mail.headers


def _auto_generated(mail: ParsedMail) -> bool:
    """Marked ``Auto-Submitted: auto-generated`` (RFC 3834: not a reply to anything)."""
    return mail.header("auto-submitted").lower().strip().startswith("auto-generated")


def is_auto_reply(mail: ParsedMail) -> bool:
    if has_automatic_headers(mail):
        return not is_web_form(mail)
    if mail.sender is not None and is_machine_sender(mail.sender.email):
        return not is_web_form(mail)
    subject = mail.subject[:300]
    # "Re: Ontvangstbevestiging …" is a person answering the gemeente's acknowledgement: the
    # words of the subject are the mail answered, and the body decides (replies to
    # Vraagbaak's own automatic mails are caught by their Message-ID, is_own_mail).
    if has_automatic_subject(subject) and not REPLIED_NOW.match(subject):
        return True
    # The sender's own words: a person's reply quotes the acknowledgement it answers.
    own_text = trim_reply(mail.text).text
    opening = own_text[:_BODY_WINDOW]
    if _AUTO_BODY.search(opening):
        return True
    short = len(own_text.strip()) <= _SHORT_BODY
    acknowledges = bool(_ACK_BODY.search(opening))
    away = any(
        not _SOMEONE_ELSE.search(_sentence_before(opening, m.start()))
        for m in _AWAY_BODY.finditer(opening)
    )
    ticket = bool(_TICKET_SUBJECT.search(subject))
    # Weaker signs count together: an out-of-office or acknowledgement text in a short mail,
    # or a ticket-number subject with an acknowledgement; never over a question of the
    # writer's own.
    weak = (short and (away or acknowledges)) or (ticket and (acknowledges or away))
    return weak and not asks_for_themselves(opening)


def asks_for_themselves(text: str) -> bool:
    """A question in ``text`` with the writer as its subject (ik, wij, we, I, ich, wir)."""
    return any(
        _ASKER.intersection(w.casefold() for w in _WORDS.findall(sentence.group()))
        for sentence in _QUESTION_SENTENCE.finditer(text)
    )


def is_own_mail(mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
    """Sent from one of Vraagbaak's own addresses, or a reply to one of its automatic mails
    (its confirmations carry the ``vraagbaak-auto`` Message-ID mark): answering either loops."""
    if mail.sender is not None and mail.sender.email.lower() in own_addresses:
        return True
    ids = [mail.in_reply_to or "", *mail.references]
    return any(AUTO_MESSAGE_ID_MARK in i for i in ids)


AUTO_MESSAGE_ID_MARK = ".vraagbaak-auto@"


def classify(mail: ParsedMail, own_addresses: frozenset[str] = frozenset()) -> MailKind:
    if is_bounce(mail):
        return MailKind.BOUNCE
    if is_own_mail(mail, own_addresses) or is_auto_reply(mail):
        return MailKind.AUTO_REPLY
    return MailKind.QUESTION
