"""Forwarded mail: who forwarded it, who wrote the original, its subject and its text.

Recognises inline forwards (Outlook "Van:/Verzonden:/Aan:/Onderwerp:", Gmail "---------- Forwarded
message ---------", Apple "Begin doorgestuurd bericht:" with a quoted header block, Thunderbird
"-------- Doorgestuurd bericht --------") and forwards as an attached ``message/rfc822`` part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.mail.parse import Address, ParsedMail
from bot.mail.trim import (
    FROM_KEYS,
    SUBJECT_KEYS,
    TO_KEYS,
    Boundary,
    find_boundary,
    header_block,
    is_quoted,
    unquote,
)

# Forward prefixes of subjects in the languages mail clients write them: Fwd/FW, Doorst.
# (nl), WG (de), TR (fr), RV (es), I (it), ENC (pt), VS/Videresend (da/no), VB (sv), VL (fi),
# PD (pl/cs), Redir./Redirecționat (ro), İLT (tr), Továbbítás (hu), Пересл (ru), ΠΡΘ (el),
# PĀRS (lv), FS (is), הועבר (he), 转发/轉寄 (zh).
_FORWARD_WORDS = (
    r"fwd?|fw|doorst\.?|doorgestuurd|tr|wg|vs|rv|enc|i|pd|vb|vl|redir\.?|redirecționat|"
    r"videresend|vidaresend|i̇lt|ilt|továbbítás|пересл\.?|переслать|přeposlat|πρθ|pārs|fs|"
    r"הועבר|转发|轉寄"
)
FORWARD_SUBJECT = re.compile(
    r"^\s*(?:re\s*:\s*)?(?:" + _FORWARD_WORDS + r")(?:\[\d+\])?\s*:", re.IGNORECASE
)
# The outermost prefix says what the sender did: "Re: Fwd: …" is a reply (to a forward).
FORWARDED_NOW = re.compile(r"^\s*(?:" + _FORWARD_WORDS + r")(?:\[\d+\])?\s*:", re.IGNORECASE)
# ... and reply prefixes: Re, AW (de), Antw (nl), SV (sv/da/no), Rif/R (it), Odp (pl),
# Ynt (tr), Отв (ru), Vá (hu), ΑΠ (el), ATB (lv), תשובה (he), 回复/回覆 (zh).
_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|antw|antwoord|sv|rif|r|odp|ynt|отв|vá|res|odg|απ|atb|תשובה|回复|回覆|"
    + _FORWARD_WORDS
    + r")"
    r"(?:\[\d+\])?\s*:\s*)+",
    re.IGNORECASE,
)
# The outermost prefix is a reply's: Re, AW (de), Antw (nl), SV (sv), Rif/R (it), Odp (pl/cs),
# Ynt (tr), Отв (ru), Vá (hu), Res (pt), Odg (hr), ΑΠ (el), ATB (lv), תשובה (he), 回复 (zh).
REPLIED_NOW = re.compile(
    r"^\s*(?:re|aw|antw|antwoord|sv|rif|r|odp|ynt|отв|vá|res|odg|απ|atb|תשובה|回复|回覆)"
    r"(?:\[\d+\])?\s*:",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# The address search restarts at every character of a run of address characters without an
# "@" (quadratic): a forwarded header value longer than this is not a real one.
MAX_HEADER_VALUE = 500


def clean_subject(subject: str) -> str:
    """The subject without reply/forward prefixes (``FW: RE: ...``)."""
    return _PREFIX.sub("", subject).strip()


def address_from_header(value: str) -> Address | None:
    """``Henk Bosman <h@x.nl>``, ``Jansen, Wim <w@x.nl>``, ``Karin [mailto:k@x.nl]``."""
    value = value[:MAX_HEADER_VALUE]
    found = _EMAIL.search(value)
    if found is None:
        return None
    name = value[: found.start()]
    name = re.sub(r"[<\[(]\s*(?:mailto:)?\s*$", "", name).strip().strip("\"'").strip()
    name = re.sub(r"\s+", " ", name).strip(" ,;")
    return Address(name, found.group(0).lower().rstrip("."))


@dataclass
class Forward:
    original_sender: Address | None
    subject: str | None
    note: str  # what the forwarder wrote above it
    text: str  # the original message's text (its own history still in it)
    cut: list[str] = field(default_factory=list)
    # who passed it on in between, outermost first ("FW: FW:": a council member to the griffie),
    # and what each of them wrote above it
    via: list[Address] = field(default_factory=list)
    via_notes: list[str] = field(default_factory=list)


# a forward of a forward of …: deeper than this, the block found last is taken as the original
MAX_FORWARD_DEPTH = 5


def _first_value(headers: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in headers:
            return headers[key]
    return None


def _unquote_block(lines: list[str]) -> list[str]:
    if any(line.strip() for line in lines) and all(
        is_quoted(line) or not line.strip() for line in lines
    ):
        return [unquote(line) for line in lines]
    return lines


def _after_separator(lines: list[str], boundary: Boundary) -> tuple[dict[str, str], list[str]]:
    rest = _unquote_block(lines[boundary.body :])
    first = next((i for i, line in enumerate(rest) if line.strip()), None)
    if first is None:
        return {}, []
    block = header_block(rest, first)
    if block is None:
        return {}, rest[first:]
    # Some clients quote only the text under the header block (MailMate, Missive).
    return block[1], _unquote_block(rest[block[0] :])


def _from_attribution(lines: list[str], boundary: Boundary) -> tuple[dict[str, str], list[str]]:
    text = " ".join(unquote(line).strip() for line in lines[boundary.start : boundary.body])
    return {"from": text}, _unquote_block(lines[boundary.body :])


def _forward_by_structure(lines: list[str], boundary: Boundary, mail: ParsedMail) -> bool:
    """A header block that the mail does not call a reply (no reply prefix outermost, no
    ``In-Reply-To``) and that a line of its own announces, or above which the sender wrote
    nothing: the whole mail is the earlier one, so it was forwarded (clients without a
    forward prefix, or a prefix in a language not listed above)."""
    if boundary.kind != "headers" or REPLIED_NOW.match(mail.subject) or mail.in_reply_to:
        return False
    return boundary.announced or not any(line.strip() for line in lines[: boundary.start])


def inline_forward(mail: ParsedMail) -> Forward | None:
    lines = mail.text.split("\n")
    boundary = find_boundary(lines)
    if boundary is None:
        return None
    subject_forward = FORWARDED_NOW if boundary.kind == "attribution" else FORWARD_SUBJECT
    if (
        boundary.kind not in ("forward", "forward-headers")
        and not subject_forward.match(mail.subject)
        and not _forward_by_structure(lines, boundary, mail)
    ):
        return None  # a reply with history, not a forward
    headers, body = _split(lines, boundary)
    forward = Forward(
        original_sender=_sender_of(headers),
        subject=_first_value(headers, SUBJECT_KEYS),
        note="\n".join(lines[: boundary.start]),
        text="\n".join(body),
        cut=["\n".join(lines[boundary.start : boundary.body])],
    )
    for _ in range(MAX_FORWARD_DEPTH):
        deeper = _forwarded_within(forward, body)
        if deeper is None:
            break
        forward, body = deeper
    return forward


def _sender_of(headers: dict[str, str]) -> Address | None:
    sender_value = _first_value(headers, FROM_KEYS)
    return address_from_header(sender_value) if sender_value else None


def _split(lines: list[str], boundary: Boundary) -> tuple[dict[str, str], list[str]]:
    """The forwarded message's headers and its text, by the kind of boundary above it."""
    if boundary.kind in ("headers", "forward-headers"):
        return boundary.headers, _unquote_block(lines[boundary.body :])
    if boundary.kind == "attribution":
        return _from_attribution(lines, boundary)
    return _after_separator(lines, boundary)


def _forwarded_within(forward: Forward, body: list[str]) -> tuple[Forward, list[str]] | None:
    """The message one level deeper, when the forwarded one was itself a forward ("Onderwerp:
    FW: …" with a header block under its note): its writer asked; whoever passed it on in
    between is kept in ``via``, with their note."""
    if not forward.subject or not FORWARD_SUBJECT.match(forward.subject):
        return None
    boundary = find_boundary(body)
    if boundary is None or boundary.kind not in ("headers", "forward-headers", "forward"):
        return None
    headers, inner = _split(body, boundary)
    sender = _sender_of(headers)
    if sender is None:
        return None
    deeper = Forward(
        original_sender=sender,
        subject=_first_value(headers, SUBJECT_KEYS) or forward.subject,
        note=forward.note,
        text="\n".join(inner),
        cut=[*forward.cut, "\n".join(body[boundary.start : boundary.body])],
        via=[*forward.via, forward.original_sender] if forward.original_sender else forward.via,
        via_notes=[*forward.via_notes, "\n".join(body[: boundary.start])],
    )
    return deeper, inner


def attached_forward(mail: ParsedMail) -> Forward | None:
    if not mail.embedded:
        return None
    inner = mail.embedded[0]
    return Forward(
        original_sender=inner.sender,
        subject=inner.subject,
        note=mail.text,
        text=inner.text,
    )


def attached_to_writer(mail: ParsedMail) -> bool:
    """The attached message was sent to this mail's writer: a letter they received (a debt
    collector's reminder, an insurer's decision) and attach to ask about it."""
    if not mail.embedded or mail.sender is None:
        return False
    inner = mail.embedded[0]
    writer = mail.sender.email.lower()
    return any(address.email.lower() == writer for address in (*inner.to, *inner.cc))


def find_forward(mail: ParsedMail) -> Forward | None:
    """The forwarded original in ``mail``, or None when it is not a forward."""
    inline = inline_forward(mail)
    if inline is not None and inline.original_sender is not None:
        return inline
    attached = attached_forward(mail)
    if attached is not None and (FORWARD_SUBJECT.match(mail.subject) or inline is None):
        return attached
    return inline


def own_unanswered_question(mail: ParsedMail, own_addresses: frozenset[str]) -> str | None:
    """The text of the writer's own earlier mail to the desk, quoted under a reminder ("Ik
    heb hier nog geen reactie op gehad, kan iemand even kijken?"): a header block whose
    sender is this mail's writer and whose recipients hold one of the desk's own addresses.
    The reminder alone asks nothing; the earlier mail is the question."""
    if mail.sender is None or not own_addresses:
        return None
    lines = mail.text.split("\n")
    boundary = find_boundary(lines)
    if boundary is None or boundary.kind not in ("headers", "forward-headers"):
        return None
    sender_value = _first_value(boundary.headers, FROM_KEYS) or ""
    recipients = (_first_value(boundary.headers, TO_KEYS) or "").lower()
    earlier = address_from_header(sender_value)
    # Outlook writes a colleague's earlier mail as "Van: Peter van Houten", without address
    name = earlier.name if earlier else " ".join(sender_value[:MAX_HEADER_VALUE].split())
    written_by_writer = (earlier is not None and earlier.email == mail.sender.email) or (
        bool(mail.sender.name) and name.strip("\"' ").casefold() == mail.sender.name.casefold()
    )
    if not written_by_writer or not any(own in recipients for own in own_addresses):
        return None
    return "\n".join(_unquote_block(lines[boundary.body :]))
