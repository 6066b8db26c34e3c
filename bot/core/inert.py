"""Untrusted text made inert before it enters the bot's outgoing Markdown (issue 11).

Outgoing text is Markdown that each adapter renders its own way. Text that did not come
from the bot's own code — mail subjects, bodies, display names, attachment names, a topic
typed after ``!wieweet`` — is inserted into that Markdown only through :func:`inert`
(shown literally) or :func:`inert_markdown` (a mail body: emphasis and lists kept, links
shown as their own URL). Both backslash-escape what any renderer could read as markup,
so no ``<!channel>``, ``<@U…>``, HTML tag, pill or labelled link can come out of it.

The mentions the bot means to make are built by code: an adapter's ``mention()`` wraps
its platform token in :data:`MENTION_OPEN`/:data:`MENTION_CLOSE`, private-use characters
that :func:`strip_controls` removes from every untrusted text, so a mention cannot be forged
by typing one. Renderers turn only marked tokens into live mentions.
"""

from __future__ import annotations

import re

MENTION_OPEN = "\ue010"
MENTION_CLOSE = "\ue011"

# C0 controls except tab and newline (ESC starts terminal sequences), DEL and C1 controls
# (U+009B is a one-character CSI), bidirectional overrides and isolates that make text read
# differently from what it is (CVE-2021-42574 "Trojan Source"), and the Basic Multilingual
# Plane's private-use area, which the renderers use for their own marks.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Everything a renderer could read as markup, a mention or an entity. Python-Markdown and
# the Slack renderer both honour a backslash before any ASCII punctuation.
_LITERAL_SPECIALS = re.compile(r"([\\`*_~\[\]<>&|])")
_LINE_START_SPECIALS = re.compile(r"^([ \t]*)(?:([#+\-=])|(\d{1,9})([.)]))", re.MULTILINE)
# Matrix clients highlight "@room" in a body for everyone (the legacy push rule), and Slack
# links "@channel" where a message asks for ``link_names``; a word joiner keeps the text
# readable and the ping silent.
_ROOM_PING = re.compile(r"@(room|channel|here|everyone)\b", re.IGNORECASE)
_WORD_JOINER = "\u2060"
_INDENT = re.compile(r"^(?: {4}|[ ]{0,3}\t)[ \t]*", re.MULTILINE)

# A mail body (Markdown from markdownify, or plain text read as Markdown): inline links and
# images, autolinks, code. Bounded repetitions keep each match linear in the text.
_BODY_TOKEN = re.compile(
    r"(?P<fence>```[^\n]{0,100}\n(?:[^`]|`(?!``)){0,20000}```)"
    r"|(?P<span>`[^`\n]{1,500}`)"
    r"|(?P<link>!?\[(?P<label>[^\[\]\n]{0,500})\]\((?P<url>[^()\s]{1,2000})"
    r"(?:[ \t]+\"[^\"\n]{0,500}\")?\))"
    r"|<(?P<auto>(?:https?|mailto):[^<>\s]{1,2000})>"
)
# ">" alone is harmless once "<" is escaped, and at a line start it is a quote worth keeping.
_BODY_SPECIALS = re.compile(r"([\\\[\]<&])")
# An indent before anything but a list item would make an indented code block in Matrix,
# showing the escapes; nested list items keep theirs.
_BODY_INDENT = re.compile(r"^([ \t]+)(?=([-*+]|\d{1,9}[.)])?)", re.MULTILINE)
_URLISH = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|mailto:|www\.|[\w-]+\.[a-z]{2,}(?:[/:?#]|$))", re.IGNORECASE
)
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def without_controls(text: str) -> str:
    """Without terminal escapes and bidi tricks; newlines normalised."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def strip_controls(text: str) -> str:
    """Without terminal escapes, bidi tricks and private-use marks; newlines normalised."""
    return _PRIVATE_USE.sub("", without_controls(text))


def inert(text: str) -> str:
    """``text`` as Markdown that every adapter shows literally, one line or many."""
    text = strip_controls(text)
    text = _LITERAL_SPECIALS.sub(r"\\\1", text)
    text = _LINE_START_SPECIALS.sub(_escape_line_start, text)
    # Four leading spaces (or a tab) would make an indented code block, where escapes show;
    # no-break spaces indent the same and mean nothing to Markdown.
    text = _INDENT.sub(lambda m: "\u00a0" * len(m.group(0)), text)
    return _ROOM_PING.sub(f"@{_WORD_JOINER}\\1", text)


def inert_markdown(text: str) -> str:
    """A mail body kept as Markdown (emphasis, lists, quotes, code) but inert: raw HTML and
    Slack tokens escaped, every link and image shown as its own URL."""
    text = strip_controls(text)
    pieces: list[str] = []
    position = 0
    for found in _BODY_TOKEN.finditer(text):
        pieces.append(_escape_body(text[position : found.start()]))
        pieces.append(_body_token(found))
        position = found.end()
    pieces.append(_escape_body(text[position:]))
    return "".join(pieces)


def unescape(markdown: str) -> str:
    """Markdown's backslash escapes resolved, for renderings that show plain text (the
    terminal, a Matrix ``body``)."""
    return _UNESCAPE.sub(r"\1", markdown)


def bot_mention(token: str) -> str:
    """A platform mention token the bot itself built, marked so the renderer keeps it live."""
    return f"{MENTION_OPEN}{token}{MENTION_CLOSE}"


def _escape_line_start(found: re.Match[str]) -> str:
    if found.group(2):
        return f"{found.group(1)}\\{found.group(2)}"
    return f"{found.group(1)}{found.group(3)}\\{found.group(4)}"


def _escape_body(text: str) -> str:
    text = _BODY_SPECIALS.sub(r"\\\1", text)
    text = _BODY_INDENT.sub(_body_indent, text)
    return _ROOM_PING.sub(f"@{_WORD_JOINER}\\1", text)


def _body_indent(found: re.Match[str]) -> str:
    indent = found.group(1)
    if found.group(2) is not None or (len(indent) < 4 and "\t" not in indent):
        return indent
    return "\u00a0" * len(indent)


def _body_token(found: re.Match[str]) -> str:
    if found.group("fence") is not None or found.group("span") is not None:
        # Both renderers show code literally (Slack escapes it, Markdown HTML-escapes it).
        return _ROOM_PING.sub(f"@{_WORD_JOINER}\\1", found.group(0))
    url = found.group("auto") or found.group("url")
    label = (found.group("label") or "").strip()
    return shown_link(label, url)


def deceptive_label(label: str, url: str) -> bool:
    """True when a link's label reads as an address that is not the link's own."""
    bare = url.removeprefix("mailto:")
    return label.strip() not in (url, bare) and _URLISH.search(label) is not None


def shown_link(label: str, url: str) -> str:
    """An untrusted link as inert text: its URL, after its label only when the label cannot
    pass for an address (``[https://www.ermelo.nl/wmo](https://phish…)`` shows the phish)."""
    bare = url.removeprefix("mailto:")
    if not label or label in (url, bare) or _URLISH.search(label):
        return inert(bare)
    return f"{inert(label)} ({inert(bare)})"
