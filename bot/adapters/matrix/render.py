"""The core's Markdown → Matrix message content. Pure: builds dicts, sends nothing.

Everything the bot says is ``m.notice`` (bots must not trigger other bots), with the
Markdown rendered to ``formatted_body`` HTML and intentional mentions in ``m.mentions``.
"""

from __future__ import annotations

import re
from typing import Any

import markdown

_PILL = re.compile(r"\[([^\]]+)\]\(https://matrix\.to/#/(@[^)\s]+)\)")


def pill(user_id: str, display_name: str) -> str:
    """A mention in outgoing Markdown: a link to the user, which clients show as a pill."""
    label = display_name or user_id
    label = label.replace("[", "(").replace("]", ")")
    return f"[{label}](https://matrix.to/#/{user_id})"


def mentioned_users(text: str) -> list[str]:
    return list(dict.fromkeys(user for _, user in _PILL.findall(text)))


def plain_body(text: str) -> str:
    """The ``body`` for clients without HTML: pills become the person's name."""
    return _PILL.sub(lambda m: m.group(1), text)


def to_html(text: str) -> str:
    rendered = markdown.markdown(text, extensions=["fenced_code", "sane_lists", "nl2br"])
    return str(rendered).strip()


def notice(text: str) -> dict[str, Any]:
    content: dict[str, Any] = {
        "msgtype": "m.notice",
        "body": plain_body(text),
        "format": "org.matrix.custom.html",
        "formatted_body": to_html(text),
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
    content: dict[str, Any] = {
        "msgtype": msgtype,
        "body": filename,
        "filename": filename,
        "info": {"mimetype": content_type, "size": size},
    }
    if encrypted_file is not None:
        content["file"] = {**encrypted_file, "url": url}
    else:
        content["url"] = url
    return content
