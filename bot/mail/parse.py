"""MIME parsing with the standard library (``policy.default``), made robust against broken
mail: every header access and body decode falls back instead of raising."""

from __future__ import annotations

import codecs
import email
import re
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.policy import EmailPolicy
from email.utils import getaddresses, parseaddr
from typing import Any

from bot.mail.html import html_to_markdown

MAX_DEPTH = 8
MAX_PARTS = 200
MAX_TEXT_CHARS = 100_000
MAX_HEADER_CHARS = 2000
# Checked on the raw bytes before the standard library builds its tree: that parser recurses
# once per nested message/rfc822 or multipart (RecursionError near 1,000 levels) and takes
# quadratic time on nested multipart boundaries, so a structure past these caps is not built.
MAX_CONTAINERS = 64  # multipart/* and message/* parts in one mail
MAX_DELIMITER_LINES = 2 * MAX_PARTS + 50  # lines starting with "--" (boundary delimiters)
MAX_AUTH_RESULTS = 20
_CONTAINER_LINE = re.compile(
    rb"^content-type:[ \t]*(?:\r?\n[ \t]+)?(?:multipart|message)/", re.IGNORECASE | re.MULTILINE
)
_DELIMITER_LINE = re.compile(rb"^--", re.MULTILINE)
_WS = re.compile(r"\s+")
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    email: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email}


@dataclass(frozen=True, slots=True)
class RawPart:
    """A non-body part: an attachment, an inline image, an embedded report."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False


@dataclass(slots=True)
class ParsedMail:
    message_id: str | None
    subject: str
    sender: Address | None
    to: list[Address]
    cc: list[Address]
    reply_to: list[Address]
    in_reply_to: str | None
    references: list[str]
    headers: dict[str, str]
    content_type: str
    text: str
    from_html: bool
    content_language: str | None
    parts: list[RawPart] = field(default_factory=list)
    embedded: list[ParsedMail] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)
    # Every Authentication-Results header, top (newest) first (RFC 8601 section 5).
    auth_results: list[str] = field(default_factory=list)
    # Caps this mail ran into: "mime_structure", "mime_depth", "mime_parts", "body_size",
    # "header_length", "headers"; the parse result is what lies within them.
    limits: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class BoundedPolicy(EmailPolicy):
    """``policy.default`` that parses at most ``MAX_HEADER_CHARS`` of any header value: the
    structured header parser can take super-linear time on long hostile values."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if len(value) > MAX_HEADER_CHARS:
            value = value[:MAX_HEADER_CHARS]
        return super().header_fetch_parse(name, value)


POLICY = BoundedPolicy()


def _raw_header(msg: Message, name: str) -> str | None:
    for key, value in msg.raw_items():
        if key.lower() == name:
            return str(value)[:MAX_HEADER_CHARS]
    return None


def _header(msg: Message, name: str) -> str:
    try:
        value: object = msg.get(name)
    except Exception:  # a malformed header the policy cannot parse: decode it by hand
        raw = _raw_header(msg, name.lower())
        if raw is None:
            return ""
        try:
            value = str(make_header(decode_header(raw)))
        except Exception:
            value = raw
    if value is None:
        return ""
    try:
        text = str(value)
    except Exception:
        return ""
    if _SURROGATE.search(text):  # undeclared 8-bit bytes in a header
        data = text.encode("utf-8", errors="surrogateescape")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return _WS.sub(" ", text).strip()


def _addresses(msg: Message, name: str) -> list[Address]:
    raw = _header(msg, name)
    if not raw:
        return []
    try:
        pairs = getaddresses([raw])
    except Exception:
        return []
    return [Address(n.strip(), e.strip().lower()) for n, e in pairs if "@" in e]


def parse_address(value: str) -> Address | None:
    name, addr = parseaddr(value)
    if "@" not in addr:
        return None
    return Address(name.strip(), addr.strip().lower())


def _message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value)


def _charset(part: Message) -> str:
    label = (part.get_content_charset() or "").strip().lower()
    if label in ("", "us-ascii", "ascii"):
        return "utf-8"  # try UTF-8 first: undeclared 8-bit text is nearly always UTF-8 now
    if label in ("iso-8859-1", "latin-1", "latin1"):
        return "cp1252"  # what senders mean by it (WHATWG encoding standard)
    try:
        codecs.lookup(label)
    except LookupError:
        return "utf-8"
    return label


def decode_text(part: Message) -> str:
    """The decoded text of a text part, whatever its transfer encoding and charset."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    if not isinstance(payload, bytes):
        return str(payload)
    payload = payload[: MAX_TEXT_CHARS * 4]
    charset = _charset(part)
    try:
        return payload.decode(charset)
    except (UnicodeDecodeError, LookupError):
        pass
    for fallback in ("utf-8", "cp1252"):
        try:
            return payload.decode(fallback)
        except UnicodeDecodeError:
            continue
    return payload.decode("latin-1", errors="replace")


def _param(part: Message, name: str) -> str:
    try:
        value = part.get_param(name)
    except Exception:
        return ""
    return value if isinstance(value, str) else ""


def unflow(text: str, *, delsp: bool = False) -> str:
    """Join the soft line breaks of ``format=flowed`` (RFC 3676 §4): a line that ends in a
    space continues on the next line of the same quote depth, so a phone number or an IBAN
    broken by the sender's client is whole again."""
    out: list[str] = []
    pending: str | None = None
    pending_depth = -1
    for raw in text.replace("\r\n", "\n").split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        line = raw[depth:]
        if line.startswith(" "):
            line = line[1:]  # space-stuffing (§4.4)
        if pending is not None and depth == pending_depth:
            line = pending + line
        elif pending is not None:
            out.append(">" * pending_depth + (" " if pending_depth else "") + pending)
        pending = None
        soft = line.endswith(" ") and line.rstrip() != "--"
        if soft:
            pending, pending_depth = (line[:-1] if delsp else line), depth
            continue
        out.append(">" * depth + (" " if depth else "") + line)
    if pending is not None:
        out.append(">" * pending_depth + (" " if pending_depth else "") + pending)
    return "\n".join(out)


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    return _WS.sub(" ", name).strip() if name else ""


def _is_attachment(part: Message) -> bool:
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    return disposition == "attachment" or (disposition != "inline" and bool(_filename(part)))


@dataclass
class _Walk:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    parts: list[RawPart] = field(default_factory=list)
    embedded: list[Message] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    count: int = 0
    limits: set[str] = field(default_factory=set)


def _walk(part: Message, acc: _Walk, depth: int, in_alternative: bool = False) -> None:
    acc.count += 1
    if acc.count > MAX_PARTS:
        acc.limits.add("mime_parts")
        return
    if depth > MAX_DEPTH:
        acc.limits.add("mime_depth")
        return
    ctype = part.get_content_type()
    acc.types.append(ctype)
    if ctype == "message/rfc822":
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if isinstance(inner, Message):
            acc.embedded.append(inner)
        return
    if part.is_multipart():
        children = part.get_payload()
        if not isinstance(children, list):
            return
        if ctype == "multipart/alternative":
            # Prefer the plain alternative; keep HTML only when there is no plain text.
            messages = [c for c in children if isinstance(c, Message)]
            plain = [c for c in messages if c.get_content_type() == "text/plain"]
            chosen = plain[:1] or [c for c in messages if c.get_content_type() != "text/plain"]
            for child in chosen:
                _walk(child, acc, depth + 1, in_alternative=True)
            return
        for item in children:
            if isinstance(item, Message):
                _walk(item, acc, depth + 1)
        return
    if ctype in ("text/plain", "text/html") and not _is_attachment(part):
        text = decode_text(part)
        if ctype == "text/plain" and _param(part, "format").lower() == "flowed":
            text = unflow(text, delsp=_param(part, "delsp").lower() == "yes")
        (acc.plain if ctype == "text/plain" else acc.html).append(text)
        return
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if not isinstance(data, bytes):
        data = b""
    disposition = None
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    acc.parts.append(RawPart(_filename(part), ctype, data, inline=disposition == "inline"))


def _from_message(msg: Message, depth: int, limits: set[str] | None = None) -> ParsedMail:
    acc = _Walk()
    if limits:
        acc.limits.update(limits)
    # A structure too broken to walk further: keep what was found so far.
    try:
        _walk(msg, acc, depth)
    except RecursionError:
        acc.limits.add("mime_depth")
    except Exception:
        acc.limits.add("mime_structure")
    from_html = False
    if acc.plain:
        text = "\n\n".join(t.strip("\n") for t in acc.plain)
    elif acc.html:
        text = "\n\n".join(html_to_markdown(h) for h in acc.html)
        from_html = True
    else:
        text = ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_TEXT_CHARS:
        acc.limits.add("body_size")
        text = text[:MAX_TEXT_CHARS]
    headers: dict[str, str] = {}
    auth_results: list[str] = []
    try:
        raw_items = list(msg.raw_items())
    except Exception:
        raw_items = []
    if len(raw_items) > 200:
        acc.limits.add("headers")
    for key, raw_value in raw_items[:200]:
        lowered = key.lower()
        if len(str(raw_value)) > MAX_HEADER_CHARS:
            acc.limits.add("header_length")
        if lowered == "authentication-results" and len(auth_results) < MAX_AUTH_RESULTS:
            auth_results.append(_WS.sub(" ", str(raw_value)[:MAX_HEADER_CHARS]).strip())
        if lowered not in headers:
            headers[lowered] = _header(msg, key)[:MAX_HEADER_CHARS]
    senders = _addresses(msg, "from")
    embedded = []
    if depth < MAX_DEPTH:
        embedded = [_from_message(inner, depth + 1) for inner in acc.embedded[:5]]
    message_id = _message_ids(headers.get("message-id", ""))
    try:
        content_type = msg.get_content_type()
    except Exception:
        content_type = "text/plain"
    return ParsedMail(
        message_id=message_id[0] if message_id else None,
        subject=headers.get("subject", ""),
        sender=senders[0] if senders else None,
        to=_addresses(msg, "to"),
        cc=_addresses(msg, "cc"),
        reply_to=_addresses(msg, "reply-to"),
        in_reply_to=next(iter(_message_ids(headers.get("in-reply-to", ""))), None),
        references=_message_ids(headers.get("references", ""))[:50],
        headers=headers,
        content_type=content_type,
        text=text,
        from_html=from_html,
        content_language=(headers.get("content-language") or None),
        parts=acc.parts,
        embedded=embedded,
        content_types=acc.types,
        auth_results=auth_results,
        limits=sorted(acc.limits),
    )


def structure_limits(raw: bytes) -> set[str]:
    """The caps a raw message's MIME structure breaks, counted in one linear pass."""
    limits: set[str] = set()
    if len(_CONTAINER_LINE.findall(raw)) > MAX_CONTAINERS:
        limits.add("mime_depth")
    if len(_DELIMITER_LINE.findall(raw)) > MAX_DELIMITER_LINES:
        limits.add("mime_parts")
    return limits


def parse_bytes(raw: bytes) -> ParsedMail:
    """Parse a raw message. Never raises: a structure past the caps is read as its top-level
    headers only, and ``limits`` says which cap it hit."""
    limits = structure_limits(raw)
    try:
        if limits:
            msg = email.message_from_bytes(_head_only(raw), _class=EmailMessage, policy=POLICY)
        else:
            msg = email.message_from_bytes(raw, _class=EmailMessage, policy=POLICY)
    except RecursionError:
        limits.add("mime_depth")
        msg = _empty_message(raw)
    except Exception:
        limits.add("mime_structure")
        msg = _empty_message(raw)
    try:
        return _from_message(msg, 0, limits)
    except RecursionError:
        limits.add("mime_depth")
    except Exception:
        limits.add("mime_structure")
    return _from_message(_empty_message(b""), 0, limits)


def _head_only(raw: bytes) -> bytes:
    """The top-level header block with an empty text body."""
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=-1)
    head = raw if end < 0 else raw[:end]
    kept: list[bytes] = []
    dropping = False
    for line in head.splitlines():
        if line[:1] in (b" ", b"\t"):  # a folded continuation of the header before
            if not dropping:
                kept.append(line)
            continue
        dropping = line.lower().startswith((b"content-type:", b"content-transfer-encoding:"))
        if not dropping:
            kept.append(line)
    return b"\r\n".join(kept) + b"\r\nContent-Type: text/plain\r\n\r\n"


def _empty_message(raw: bytes) -> Message:
    try:
        return email.message_from_bytes(_head_only(raw), _class=EmailMessage, policy=POLICY)
    except Exception:
        return EmailMessage(policy=POLICY)
