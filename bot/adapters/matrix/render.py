"""The core's Markdown → Matrix message content. Pure: builds dicts, sends nothing.

Everything the bot says is ``m.notice`` (bots must not trigger other bots), with the
Markdown rendered to ``formatted_body`` HTML and intentional mentions in ``m.mentions``.

Only pills the adapter built (:func:`pill`, marked with :func:`bot.core.inert.bot_mention`) are
mentions; a ``matrix.to`` link anywhere else is no pill and no mention. The HTML passes an
allow-list sanitizer (``nh3``) with the tags the Matrix spec suggests for
``org.matrix.custom.html``, minus images (remote images track the reader) (issue 11).
"""

from __future__ import annotations

import re
from typing import Any

import markdown
import nh3

from bot.core.inert import (
    MENTION_CLOSE,
    MENTION_OPEN,
    deceptive_label,
    inert,
    strip_controls,
    unescape,
    without_controls,
)

_PILL = re.compile(
    rf"{MENTION_OPEN}\[((?:[^\]\\\n]|\\.){{1,500}})\]\(https://matrix\.to/#/(@[^)\s]{{1,300}})\){MENTION_CLOSE}"
)
_MARKDOWN_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]{1,500})\]\((https?://[^()\s]{1,2000})\)")
_USER_LINK = re.compile(r"^https://matrix\.to/#/(@[^/?\s]+)")
# Markdown's own escapes are a subset; CommonMark escapes every ASCII punctuation
# character, and bot.core.inert relies on that for "<", "&", "~", "|" and "@".
_ASCII_PUNCTUATION = [chr(c) for c in range(33, 127) if not chr(c).isalnum()]
# "\&" kept as a literal ampersand: Python-Markdown would let "&lt;" after it be an entity.
_ESCAPED_AMPERSAND = re.compile(r"\\\\|\\&")

# The HTML tags of the Matrix spec's suggestion for formatted bodies, without img.
_TAGS = {
    "del", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "p", "a", "ul", "ol", "sup",
    "sub", "li", "b", "i", "u", "strong", "em", "s", "strike", "code", "hr", "br", "div",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "pre", "span", "details",
    "summary",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "code": {"class"}}
_URL_SCHEMES = {"https", "http", "mailto"}


def _honest_link(found: re.Match[str]) -> str:
    label, url = found.group(1), found.group(2)
    return f"[{url}]({url})" if deceptive_label(label, url) else found.group(0)


def pill(user_id: str, display_name: str) -> str:
    """A mention in outgoing Markdown: a link to the user, which clients show as a pill. The
    display name is the user's own choice, so it is shown inert."""
    label = strip_controls(display_name or user_id).replace("[", "(").replace("]", ")")
    return f"{MENTION_OPEN}[{inert(label)}](https://matrix.to/#/{user_id}){MENTION_CLOSE}"


def mentioned_users(text: str) -> list[str]:
    return list(dict.fromkeys(user for _, user in _PILL.findall(text)))


def plain_body(text: str) -> str:
    """The ``body`` for clients without HTML: pills become the person's name, escapes their
    character."""
    text = _PILL.sub(lambda m: m.group(1), without_controls(text))
    return unescape(strip_controls(text))


def to_html(text: str) -> str:
    """Markdown → HTML, sanitised; links to users only where the bot made the pill."""
    pills = set(mentioned_users(text))
    md = markdown.Markdown(extensions=["fenced_code", "sane_lists", "nl2br"])
    md.ESCAPED_CHARS = _ASCII_PUNCTUATION
    source = _MARKDOWN_LINK.sub(_honest_link, text)
    source = _ESCAPED_AMPERSAND.sub(
        lambda m: "&amp;" if m.group(0) == "\\&" else m.group(0), source
    )
    rendered = strip_controls(str(md.convert(without_controls(source))))

    def only_bot_pills(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            user = _USER_LINK.match(value)
            if user is not None and user.group(1) not in pills:
                return None
        if tag == "code" and attribute == "class" and not value.startswith("language-"):
            return None
        return value

    cleaned = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=only_bot_pills,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    )
    return cleaned.strip()


def notice(text: str) -> dict[str, Any]:
    content: dict[str, Any] = {
        "msgtype": "m.notice",
        "body": plain_body(text),
        "format": "org.matrix.custom.html",
        "formatted_body": to_html(text),
        # Never "room": the bot does not ping a whole room, whatever a text says.
        "m.mentions": {"user_ids": mentioned_users(text)},
    }
    return content


def in_thread(content: dict[str, Any], root_id: str, reply_to: str) -> dict[str, Any]:
    """Put a message in the thread of ``root_id``; ``m.in_reply_to`` is the fallback that
    clients without thread support show as a reply."""
    return {
        **content,
        "m.relates_to": {
            "rel_type": "m.thread",
            "event_id": root_id,
            "is_falling_back": True,
            "m.in_reply_to": {"event_id": reply_to},
        },
    }


def as_reply(content: dict[str, Any], reply_to: str, thread_id: str | None) -> dict[str, Any]:
    """A plain reply; inside a thread it stays in the thread (a real reply, not a fallback)."""
    relation: dict[str, Any] = {"m.in_reply_to": {"event_id": reply_to}}
    if thread_id is not None:
        relation.update(rel_type="m.thread", event_id=thread_id, is_falling_back=False)
    return {**content, "m.relates_to": relation}


def in_thread_root(content: dict[str, Any], root_id: str) -> dict[str, Any]:
    """Posted into a thread without answering a particular message."""
    return {
        **content,
        "m.relates_to": {
            "rel_type": "m.thread",
            "event_id": root_id,
            "is_falling_back": True,
            "m.in_reply_to": {"event_id": root_id},
        },
    }


def replacement(text: str, target: str) -> dict[str, Any]:
    """An edit of the bot's own message ``target`` (``m.replace``): clients show the new
    content in place; the top-level body, marked "* ", is the fallback for old clients."""
    new = notice(text)
    return {
        "msgtype": "m.notice",
        "body": "* " + new["body"],
        "format": "org.matrix.custom.html",
        "formatted_body": "* " + new["formatted_body"],
        "m.mentions": {},  # an edit never pings anyone again
        "m.new_content": new,
        "m.relates_to": {"rel_type": "m.replace", "event_id": target},
    }


def reaction(target: str, key: str) -> dict[str, Any]:
    return {"m.relates_to": {"rel_type": "m.annotation", "event_id": target, "key": key}}


def file_message(
    filename: str,
    content_type: str,
    size: int,
    url: str,
    *,
    encrypted_file: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A file or image message; in an encrypted room the file itself is encrypted and the
    keys travel in ``file`` (EncryptedFile), inside the encrypted event."""
    msgtype = "m.image" if content_type.startswith("image/") else "m.file"
    # A file's name is the sender's choice: an empty m.mentions keeps "@room.pdf" from
    # pinging the room through the legacy body rule.
    filename = strip_controls(filename)
    content: dict[str, Any] = {
        "msgtype": msgtype,
        "body": filename,
        "filename": filename,
        "info": {"mimetype": content_type, "size": size},
        "m.mentions": {},
    }
    if encrypted_file is not None:
        content["file"] = {**encrypted_file, "url": url}
    else:
        content["url"] = url
    return content
