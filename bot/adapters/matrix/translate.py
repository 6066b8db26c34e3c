"""Matrix events (as JSON dicts) → the core's events. Pure: no I/O, no SDK objects, so it is
tested on stored JSON. The client hands in ``event.source`` (for encrypted rooms: the
decrypted event)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.core.events import (
    AccountRef,
    Attachment,
    ConversationRef,
    Event,
    JoinEvent,
    MessageEvent,
    ReactionEvent,
)

PLATFORM = "matrix"
_TEXT_TYPES = frozenset({"m.text", "m.emote"})
# m.notice is what bots say; answering it would let two bots talk to each other forever
# (client-server API, "m.notice").
_NOTICE = "m.notice"
_FILE_TYPES = frozenset({"m.file", "m.image", "m.audio", "m.video"})
_MATRIX_TO_USER = re.compile(r"https://matrix\.to/#/(@[^\"'>\s/?]+)")


@dataclass(frozen=True)
class RoomView:
    """What the translation needs to know about the room an event arrived in."""

    room_id: str
    name: str = ""
    is_direct: bool = False

    def conversation(self) -> ConversationRef:
        return ConversationRef(PLATFORM, self.room_id, self.name, is_direct=self.is_direct)


@dataclass(frozen=True)
class Me:
    """The bot's own account, to recognise mentions of it."""

    user_id: str
    display_name: str = ""

    @property
    def localpart(self) -> str:
        return self.user_id[1:].split(":", 1)[0]


def account(user_id: str, display_names: dict[str, str] | None = None) -> AccountRef:
    name = (display_names or {}).get(user_id) or user_id[1:].split(":", 1)[0]
    return AccountRef(PLATFORM, user_id, name)


def timestamp(raw: dict[str, Any]) -> datetime:
    millis = raw.get("origin_server_ts")
    if isinstance(millis, int | float):
        return datetime.fromtimestamp(millis / 1000, UTC)
    return datetime.now(UTC)


def strip_reply_fallback(body: str) -> str:
    """Drop the quoted ``> <@user> ...`` lines older clients put above a reply."""
    lines = body.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    if index == 0:
        return body
    while index < len(lines) and not lines[index].strip():
        index += 1
    return "\n".join(lines[index:])


def _mentioned_ids(content: dict[str, Any]) -> tuple[list[str], bool]:
    """User ids from ``m.mentions`` and whether the event carried that key at all."""
    mentions = content.get("m.mentions")
    if not isinstance(mentions, dict):
        return [], False
    ids = mentions.get("user_ids")
    return ([i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []), True


def _mentions_in_text(content: dict[str, Any]) -> list[str]:
    html = content.get("formatted_body")
    return _MATRIX_TO_USER.findall(html) if isinstance(html, str) else []


def strip_mention(text: str, me: Me) -> tuple[str, bool]:
    """Remove the bot's name from the text (``Vraagbaak: ...``, ``@vraagbaak:server ...``)
    and tell whether it was there."""
    names = [re.escape(me.user_id), re.escape("@" + me.localpart), re.escape(me.localpart)]
    if me.display_name:
        names.insert(1, re.escape(me.display_name))
    alternatives = "|".join(names)
    leading = re.compile(rf"^\s*(?:{alternatives})\b[:,]?\s*", re.IGNORECASE)
    stripped, count = leading.subn("", text, count=1)
    if count:
        return stripped, True
    anywhere = re.compile(rf"(?<![\w@]){re.escape(me.user_id)}|(?<!\w)@{re.escape(me.localpart)}\b")
    stripped, count = anywhere.subn("", text)
    if count:
        return re.sub(r"\s{2,}", " ", stripped).strip(), True
    return text, False


def to_core_event(
    raw: dict[str, Any],
    room: RoomView,
    me: Me,
    display_names: dict[str, str] | None = None,
) -> Event | None:
    """One Matrix timeline event as a core event, or ``None`` for what the core ignores."""
    kind = raw.get("type")
    sender = raw.get("sender")
    event_id = raw.get("event_id")
    content = raw.get("content")
    if not isinstance(sender, str) or not isinstance(event_id, str):
        return None
    if not isinstance(content, dict):
        return None
    if kind == "m.reaction":
        return _reaction(raw, content, room, display_names)
    if kind == "m.room.message":
        return _message(raw, content, room, me, display_names)
    if kind == "m.room.member":
        return _join(raw, content, room, display_names)
    return None


def _join(
    raw: dict[str, Any],
    content: dict[str, Any],
    room: RoomView,
    display_names: dict[str, str] | None,
) -> JoinEvent | None:
    """A person who joined (not a profile change of someone already in the room)."""
    user_id = raw.get("state_key")
    if content.get("membership") != "join" or not isinstance(user_id, str):
        return None
    unsigned = raw.get("unsigned")
    previous = unsigned.get("prev_content") if isinstance(unsigned, dict) else None
    if isinstance(previous, dict) and previous.get("membership") == "join":
        return None
    names = dict(display_names or {})
    if isinstance(content.get("displayname"), str):
        names[user_id] = content["displayname"]
    return JoinEvent(room.conversation(), account(user_id, names), timestamp=timestamp(raw))


def _reaction(
    raw: dict[str, Any],
    content: dict[str, Any],
    room: RoomView,
    display_names: dict[str, str] | None,
) -> ReactionEvent | None:
    relation = content.get("m.relates_to")
    if not isinstance(relation, dict) or relation.get("rel_type") != "m.annotation":
        return None
    target, key = relation.get("event_id"), relation.get("key")
    if not isinstance(target, str) or not isinstance(key, str) or not key:
        return None
    return ReactionEvent(
        room.conversation(),
        target,
        account(raw["sender"], display_names),
        key,
        timestamp=timestamp(raw),
    )


def _message(
    raw: dict[str, Any],
    content: dict[str, Any],
    room: RoomView,
    me: Me,
    display_names: dict[str, str] | None,
) -> MessageEvent | None:
    relation = content.get("m.relates_to")
    relation = relation if isinstance(relation, dict) else {}
    message_id: str = raw["event_id"]
    is_edit = relation.get("rel_type") == "m.replace"
    if is_edit:
        # An edit carries the whole new text in m.new_content and names the original event.
        original = relation.get("event_id")
        new_content = content.get("m.new_content")
        if not isinstance(original, str) or not isinstance(new_content, dict):
            return None
        message_id, content = original, new_content
    msgtype = content.get("msgtype")
    if msgtype == _NOTICE:
        return None
    body = content.get("body")
    if not isinstance(body, str) or msgtype not in _TEXT_TYPES | _FILE_TYPES:
        return None
    thread_id: str | None = None
    reply_to: str | None = None
    if relation.get("rel_type") == "m.thread" and isinstance(relation.get("event_id"), str):
        thread_id = relation["event_id"]
    in_reply_to = relation.get("m.in_reply_to")
    if isinstance(in_reply_to, dict) and isinstance(in_reply_to.get("event_id"), str):
        # In a thread, an in-reply-to marked "is_falling_back" is only there for old clients.
        if thread_id is None or not relation.get("is_falling_back", False):
            reply_to = in_reply_to["event_id"]
        body = strip_reply_fallback(body)
    text = body if msgtype in _TEXT_TYPES else ""
    attachments: tuple[Attachment, ...] = ()
    if msgtype in _FILE_TYPES:
        info = content.get("info")
        mimetype = info.get("mimetype") if isinstance(info, dict) else None
        url = content.get("url")
        attachments = (
            Attachment(
                str(content.get("filename") or body),
                mimetype if isinstance(mimetype, str) else "application/octet-stream",
                url=url if isinstance(url, str) else None,
            ),
        )
    ids, has_mentions_key = _mentioned_ids(content)
    if not has_mentions_key:
        ids = _mentions_in_text(content)
    # m.mentions is the sender's intent (MSC3952); the body is the fallback for clients
    # that do not send it.
    mentions_bot = me.user_id in ids
    if has_mentions_key:
        if mentions_bot:
            text, _ = strip_mention(text, me)
    else:
        text, named_in_text = strip_mention(text, me)
        mentions_bot = mentions_bot or named_in_text
    mentioned = tuple(
        account(uid, display_names) for uid in dict.fromkeys(ids) if uid != me.user_id
    )
    return MessageEvent(
        room.conversation(),
        message_id,
        account(raw["sender"], display_names),
        text.strip(),
        thread_id=thread_id,
        mentions_bot=mentions_bot,
        mentioned=mentioned,
        reply_to=reply_to,
        is_edit=is_edit,
        attachments=attachments,
        timestamp=timestamp(raw),
    )


def redacted_event_id(raw: dict[str, Any]) -> str | None:
    """The event a redaction takes back (``redacts`` moved into content in room v11)."""
    if raw.get("type") != "m.room.redaction":
        return None
    content = raw.get("content")
    target = raw.get("redacts") or (content.get("redacts") if isinstance(content, dict) else None)
    return target if isinstance(target, str) else None


def invite_allowed(inviter: str, allowed: list[str], own_server: str) -> bool:
    """May ``inviter`` pull the bot into a room? ``allowed`` holds user ids and server names;
    empty means the bot's own homeserver."""
    if not inviter.startswith("@") or ":" not in inviter:
        return False
    server = inviter.split(":", 1)[1].lower()
    rules = allowed or [own_server]
    for rule in rules:
        if rule.startswith("@"):
            if rule == inviter:
                return True
        elif rule.lstrip(":").lower() == server:
            return True
    return False
