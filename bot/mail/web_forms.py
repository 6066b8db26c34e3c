"""Mail a website's form sends on a resident's behalf: ``From:`` a machine address of the site
(``noreply@gemeente.nl``), the resident in ``Reply-To:``, the body the form's fields
("Naam: …", "Uw vraag:"). Only the structure is read here; whether the mail is automatic
after all is :func:`bot.mail.classify.is_web_form`'s decision. The ``Reply-To:`` is whatever
was typed into the form: nothing about it is verified."""

from __future__ import annotations

import re

from bot.mail.parse import Address, ParsedMail

# "Label: value" on one line, or "| Label | value |" (an HTML form's table as the parser
# writes it); a label is a few words, not a sentence or a URL scheme.
_FIELD_LINE = re.compile(
    r"^[ \t]*\|?[ \t]*[*_]*(?P<label>[^\W\d_][\w '’()./-]{0,40}?)[*_]*[ \t]*[:|][ \t]*"
    r"(?P<value>[^\s|].*)?$",
    re.M,
)
_URL_SCHEME = re.compile(r"^(?:https?|mailto|ftp|www)$", re.I)
_MIN_FIELDS = 2
_FORM_PHRASE = re.compile(
    r"\b(?:contact|web|aanvraag|meld|reactie|vragen)?formulier|\bweb[- ]?form\b|"
    r"\bcontact[- ]?form\b|\bform submission\b|\bsubmitted (?:via|through|using) the\b",
    re.I,
)
_FORM_WORD = r"(?:\w*formulier\w*|web[- ]?form|contact[- ]?form|form|website|site|www\.\S+)"
# The form's own lines, not the resident's: the intro, the consent tick box, the footer that
# says the site generated the mail, and technical fields the site adds.
_INTRO_LINE = re.compile(
    r"^[^?\n]{0,120}\b(?:verstuurd|verzonden|ingevuld|ingediend|binnengekomen|sent|submitted"
    r"|received|nieuw(?:e)? (?:bericht|inzending|reactie)|new (?:message|submission|entry))\b"
    r"[^?\n]{0,80}?\b(?:via|vanaf|op|met|through|from|on|using)\b[^?\n]{0,40}?\b"
    + _FORM_WORD
    + r"[^?\n]{0,120}$",
    re.I | re.M,
)
_CONSENT_LINE = re.compile(
    r"^[^?\n]{0,120}\b(?:akkoord|ga akkoord|geef toestemming|toestemming|gelezen|agree|accept"
    r"|consent|have read)\b[^?\n]{0,80}\b(?:privacy\w*|voorwaarden|verklaring|avg|gdpr"
    r"|terms|statement|policy)\b[^?\n]{0,60}$"
    r"|^[ \t]*(?:privacy\w*|avg|gdpr|toestemming|consent)[^:\n]{0,40}:[ \t]*"
    r"(?:ja|yes|akkoord|agreed|accepted|aangevinkt|checked|true|1)[ \t.]*$",
    re.I | re.M,
)
# "the site generated this mail", in the words sites use
_GENERATED = (
    r"automatisch(?:e)? (?:gegenereerd|verzonden|verstuurd|aangemaakt)"
    r"|automatic(?:ally)? (?:generated|sent)|auto-generated"
)
_FOOTER_LINE = re.compile(
    r"^[^?\n]{0,80}\b(?:" + _GENERATED + r")\b[^?\n]{0,80}?\b" + _FORM_WORD + r"[^?\n]{0,120}$",
    re.I | re.M,
)
# What a site says under every mail it sends, without naming itself ("Dit is een automatisch
# verzonden bericht. U kunt niet op dit bericht reageren."): the form's own only as the last
# paragraph, under the fields.
_CLOSING_NOTICE = re.compile(
    r"\b(?:" + _GENERATED + r"|automated (?:message|e-?mail)|automatisch(?:e)? (?:bericht|e-?mail)"
    r"|niet (?:op dit bericht|op deze"
    r" e-?mail) (?:reageren|antwoorden)|(?:reageren|antwoorden) (?:op dit bericht|op deze"
    r" e-?mail) is niet mogelijk|(?:please )?do not reply|cannot (?:reply|respond) to this)\b",
    re.I,
)
_MAX_NOTICE = 300
_TECHNICAL_FIELD = re.compile(
    r"^[ \t]*(?:ip[- ]?(?:adres|address)?|user[- ]?agent|browser|formulier[- ]?id|form[- ]?id"
    r"|referrer|referer|pagina[- ]?url|page[- ]?url)[ \t]*:[^\n]*$"
    # a line that is only a link: the relay's button ("Open de taak in het zaaksysteem")
    r"|^[ \t]*\[[^\]\n]{1,80}\]\(https?://[^)\s]{1,300}\)[ \t]*$",
    re.I | re.M,
)
_SUBJECT_FIELD = re.compile(
    r"^[ \t]*\|?[ \t]*[*_]*(?:onderwerp|betreft|subject|topic)[*_]*[ \t]*[:|][ \t]*[*_]*"
    r"(?P<value>[^\s|*_][^\n|]{0,200}?)[*_]*[ \t]*\|?[ \t]*$",
    re.I | re.M,
)
# "Nieuw bericht via contactformulier: X", "[Website] Contact form submission - X"
_SUBJECT_PREFIX = re.compile(
    r"^[^:\n]{0,80}\b(?:\w*formulier\w*|web[- ]?form|contact[- ]?form|form submission"
    r"|website)\b[^:\n]{0,40}?(?::|\s[-–|]\s)\s*",
    re.I,
)
_BLANK_RUN = re.compile(r"\n{3,}")


# "E-mail melder: jan@example.org", "| E-mailadres aanvrager | … |": a case system's
# notification names the resident in its fields instead of in Reply-To.
_EMAIL_LABEL = re.compile(r"(?i:^(?:uw |your )?e-?mail(?:adres| address)?\b[\w ().'/-]{0,30}$)")
_NAME_LABEL = re.compile(
    r"(?i:^(?:uw |your )?(?:naam|name|volledige naam|full name)\b[\w ().'/-]{0,30}$)"
)
_ONE_ADDRESS = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


def form_reply_to(mail: ParsedMail) -> Address | None:
    """The one ``Reply-To:`` address that is someone other than the sender; without any
    ``Reply-To:``, the one address the form's e-mail field holds. None when there is none, or
    more than one (whom would the answer go to?)."""
    if mail.sender is None or len(mail.reply_to) > 1:
        return None
    if not mail.reply_to:
        return _field_address(mail.text)
    reply_to = mail.reply_to[0]
    if reply_to.email.lower() == mail.sender.email.lower():
        return None
    return reply_to


def _field_address(text: str) -> Address | None:
    addresses: set[str] = set()
    name = ""
    for match in _FIELD_LINE.finditer(text[:20_000]):
        label = match.group("label").strip(" *_")
        value = (match.group("value") or "").strip(" |*_")
        if _EMAIL_LABEL.match(label):
            found = _ONE_ADDRESS.fullmatch(value)
            if found is None:
                return None
            addresses.add(value.lower())
        elif _NAME_LABEL.match(label) and not name:
            name = value[:80]
    if len(addresses) != 1:
        return None
    return Address(name=name, email=addresses.pop())


def looks_like_form(text: str) -> bool:
    """At least two "Label: value" lines, or the words of a form."""
    fields = sum(
        1
        for m in _FIELD_LINE.finditer(text[:20_000])
        if m.group("value") and not _URL_SCHEME.match(m.group("label").strip())
    )
    return fields >= _MIN_FIELDS or bool(_FORM_PHRASE.search(text[:2000]))


def without_form_lines(text: str) -> str:
    """The form's intro, consent, footer and technical lines removed; the fields stay (their
    personal data is redacted like any other text)."""
    for pattern in (_INTRO_LINE, _CONSENT_LINE, _FOOTER_LINE, _TECHNICAL_FIELD):
        text = pattern.sub("", text)
    return _without_closing_notice(_BLANK_RUN.sub("\n\n", text).strip())


def _without_closing_notice(text: str) -> str:
    """The last paragraph left out when it is the site's notice that it sent the mail (short,
    no question in it); a notice above the fields is no form's footer and stays."""
    body, _, last = text.rpartition("\n\n")
    if body and len(last) <= _MAX_NOTICE and "?" not in last and _CLOSING_NOTICE.search(last):
        return body.rstrip()
    return text


def form_subject(text: str, mail_subject: str) -> str:
    """The form's own subject field, else the mail's subject without the form's prefix."""
    field = _SUBJECT_FIELD.search(text[:20_000])
    if field is not None:
        return field.group("value").strip()
    stripped = _SUBJECT_PREFIX.sub("", mail_subject, count=1).strip()
    return stripped or mail_subject
