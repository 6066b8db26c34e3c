"""Slack payloads to core events: pure functions, no I/O (tested on stored JSON).

What a payload alone cannot say (the user's e-mail, a channel's name) is looked up by the
adapter and passed in as :class:`SlackUser` and a channel name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.core.events import (
    AccountRef,
    Attachment,
    ConversationRef,
    FormSubmitted,
    HomeOpened,
    JoinEvent,
    MessageEvent,
    ReactionEvent,
    ShortcutEvent,
)

PLATFORM = "slack"
FORM_PREFIX = "vraagbaak:"  # the callback_id of a core form (blocks.form_view)

# Subtypes that are not something a person said; the core never sees them.
_IGNORED_SUBTYPES = frozenset(
    {
        "bot_message",
        "message_deleted",
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "ekm_access_denied",
        "message_replied",
        "tombstone",
    }
)

_USER_TOKEN = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL_TOKEN = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>")
_SPECIAL_TOKEN = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_SUBTEAM_TOKEN = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>")
_LINK_TOKEN = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")


@dataclass(frozen=True, slots=True)
class SlackUser:
    """A Slack user: what ``users.info`` told the adapter (which caches it), or what a
    workspace export's ``users.json`` lists (bot/importers/slack_export_reader.py)."""

    id: str
    name: str = ""
    email: str | None = None
    is_bot: bool = False
    deleted: bool = False
    # A single- or multi-channel guest (``is_restricted`` / ``is_ultra_restricted``).
    is_guest: bool = False

    def account(self) -> AccountRef:
        return AccountRef(PLATFORM, self.id, self.name, self.email)


def timestamp(ts: str | None) -> datetime:
    """A Slack ``ts`` ("1700000000.000100") as an aware datetime."""
    try:
        return datetime.fromtimestamp(float(ts or 0), UTC)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)


def mentioned_user_ids(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for found in _USER_TOKEN.finditer(text):
        if found.group(1) not in seen:
            seen.append(found.group(1))
    return tuple(seen)


def plain_text(text: str, *, drop_user: str | None = None) -> str:
    """Slack's message markup to the plain text handlers read.

    ``<@U1|anna>`` becomes ``@anna`` (or ``@U1``), links become ``label (url)`` or the url,
    ``&amp;``/``&lt;``/``&gt;`` are unescaped. ``drop_user`` removes mentions of that user
    (the bot) entirely, with the comma or colon that usually follows them.
    """
    if drop_user:
        text = re.sub(rf"<@{re.escape(drop_user)}(?:\|[^>]*)?>[,:]?\s*", " ", text)
    text = _USER_TOKEN.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _CHANNEL_TOKEN.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = _SPECIAL_TOKEN.sub(lambda m: "@" + m.group(1), text)
    text = _SUBTEAM_TOKEN.sub(lambda m: "@" + (m.group(1) or "team").lstrip("@"), text)

    def link(found: re.Match[str]) -> str:
        url, label = found.group(1), found.group(2)
        if label and label != url and label != url.removeprefix("mailto:"):
            return f"{label} ({url})"
        return url.removeprefix("mailto:")

    text = _LINK_TOKEN.sub(link, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def conversation(
    channel_id: str, channel_type: str | None = None, name: str = ""
) -> ConversationRef:
    """A channel; ``im`` channels (and ``D…`` ids) are direct conversations."""
    direct = channel_type == "im" or (channel_type is None and channel_id.startswith("D"))
    return ConversationRef(PLATFORM, channel_id, name, is_direct=direct)


def _event_conversation(event: dict[str, Any], channel_name: str) -> ConversationRef:
    return conversation(str(event.get("channel")), event.get("channel_type"), channel_name)


def is_person_message(event: dict[str, Any]) -> bool:
    """True for a message a person wrote (new or edited), false for bots and housekeeping."""
    if event.get("type") != "message":
        return False
    subtype = event.get("subtype")
    if subtype in _IGNORED_SUBTYPES or (event.get("bot_id") and subtype != "message_changed"):
        return False
    if subtype == "message_changed":
        inner = event.get("message") or {}
        return bool(inner.get("user")) and not inner.get("bot_id")
    return bool(event.get("user"))


def message_author(event: dict[str, Any]) -> str | None:
    if event.get("subtype") == "message_changed":
        inner = event.get("message")
        return inner.get("user") if isinstance(inner, dict) else None
    user = event.get("user")
    return user if isinstance(user, str) else None


def _attachments(files: list[dict[str, Any]] | None) -> tuple[Attachment, ...]:
    return tuple(
        Attachment(
            filename=str(f.get("name") or f.get("title") or "bestand"),
            content_type=str(f.get("mimetype") or "application/octet-stream"),
            url=f.get("url_private"),
        )
        for f in files or ()
    )


def message_event(
    event: dict[str, Any],
    *,
    bot_user_id: str | None,
    sender: SlackUser,
    channel_name: str = "",
) -> MessageEvent | None:
    """A ``message`` event (also ``message_changed``) to a core message, or ``None``."""
    if not is_person_message(event):
        return None
    edited = event.get("subtype") == "message_changed"
    body: dict[str, Any] = event.get("message", {}) if edited else event
    ts = str(body.get("ts") or event.get("ts") or "")
    raw = str(body.get("text") or "")
    thread_ts = body.get("thread_ts")
    mentions = mentioned_user_ids(raw)
    return MessageEvent(
        conversation=conversation(
            str(event.get("channel")), event.get("channel_type"), channel_name
        ),
        message_id=ts,
        sender=sender.account(),
        text=plain_text(raw),
        thread_id=str(thread_ts) if thread_ts and thread_ts != ts else None,
        mentions_bot=bot_user_id is not None and bot_user_id in mentions,
        mentioned=tuple(AccountRef(PLATFORM, uid) for uid in mentions if uid != bot_user_id),
        is_edit=edited,
        attachments=_attachments(body.get("files")),
        timestamp=timestamp(ts),
    )


def mentions_user(event: dict[str, Any], user_id: str | None) -> bool:
    """Whether a message mentions ``user_id``: such messages also arrive as ``app_mention``,
    which is the one that gets handled."""
    if user_id is None:
        return False
    body = event.get("message", {}) if event.get("subtype") == "message_changed" else event
    return user_id in mentioned_user_ids(str(body.get("text") or ""))


def mention_event(
    event: dict[str, Any],
    *,
    bot_user_id: str | None,
    sender: SlackUser,
    channel_name: str = "",
) -> MessageEvent:
    """``app_mention``: the message addressed to the bot, with the bot's mention stripped."""
    raw = str(event.get("text") or "")
    ts = str(event.get("ts") or "")
    thread_ts = event.get("thread_ts")
    mentions = mentioned_user_ids(raw)
    return MessageEvent(
        conversation=conversation(
            str(event.get("channel")), event.get("channel_type"), channel_name
        ),
        message_id=ts,
        sender=sender.account(),
        text=plain_text(raw, drop_user=bot_user_id),
        thread_id=str(thread_ts) if thread_ts and thread_ts != ts else None,
        mentions_bot=True,
        mentioned=tuple(AccountRef(PLATFORM, uid) for uid in mentions if uid != bot_user_id),
        attachments=_attachments(event.get("files")),
        timestamp=timestamp(ts),
    )


def reaction_event(
    event: dict[str, Any], *, sender: SlackUser, channel_name: str = ""
) -> ReactionEvent | None:
    """``reaction_added`` / ``reaction_removed`` on a message."""
    item = event.get("item") or {}
    if item.get("type") != "message" or not item.get("channel") or not item.get("ts"):
        return None
    return ReactionEvent(
        conversation=conversation(str(item["channel"]), None, channel_name),
        message_id=str(item["ts"]),
        sender=sender.account(),
        key=str(event.get("reaction") or ""),
        removed=event.get("type") == "reaction_removed",
        timestamp=timestamp(event.get("event_ts")),
    )


def join_event(event: dict[str, Any], *, member: SlackUser, channel_name: str = "") -> JoinEvent:
    """``member_joined_channel``."""
    return JoinEvent(
        conversation=conversation(
            str(event.get("channel")), event.get("channel_type"), channel_name
        ),
        account=member.account(),
        timestamp=timestamp(event.get("event_ts")),
    )


@dataclass(frozen=True, slots=True)
class SlashInvocation:
    """A slash command as the core command it stands for."""

    command_text: str
    user_id: str
    channel_id: str
    trigger_id: str
    response_url: str | None


def slash_command_text(command: str, text: str, prefix: str, *, umbrella: bool) -> str:
    """``/wieweet Woo`` → ``!wieweet Woo``; ``/vraagbaak hulp`` → ``!hulp``.

    A slash command stands for the bot command of the same name, except the ``umbrella``
    one (``/vraagbaak``), whose first word names the command; alone it asks for help.
    """
    name = command.strip().lstrip("/").lower()
    args = " ".join(text.split())
    if not umbrella:
        return f"{prefix}{name} {args}".rstrip()
    if not args:
        return f"{prefix}hulp"
    if args.startswith(prefix):
        return args
    return f"{prefix}{args}"


def slash_invocation(body: dict[str, Any], prefix: str, *, umbrella: bool) -> SlashInvocation:
    return SlashInvocation(
        command_text=slash_command_text(
            str(body.get("command") or ""),
            str(body.get("text") or ""),
            prefix,
            umbrella=umbrella,
        ),
        user_id=str(body.get("user_id") or ""),
        channel_id=str(body.get("channel_id") or ""),
        trigger_id=str(body.get("trigger_id") or ""),
        response_url=body.get("response_url"),
    )


@dataclass(frozen=True, slots=True)
class ShortcutRequest:
    """The message a "Stel openbaar in groep" shortcut was used on."""

    user_id: str
    trigger_id: str
    channel_id: str
    message_ts: str
    author_id: str | None
    text: str


def shortcut_request(body: dict[str, Any]) -> ShortcutRequest:
    message = body.get("message") or {}
    return ShortcutRequest(
        user_id=str((body.get("user") or {}).get("id") or ""),
        trigger_id=str(body.get("trigger_id") or ""),
        channel_id=str((body.get("channel") or {}).get("id") or ""),
        message_ts=str(message.get("ts") or ""),
        author_id=message.get("user"),
        text=plain_text(str(message.get("text") or "")),
    )


def view_values(view: dict[str, Any]) -> dict[str, str]:
    """A submitted modal's inputs as ``{action_id: value}`` (selects give the chosen value)."""
    values: dict[str, str] = {}
    for block in ((view.get("state") or {}).get("values") or {}).values():
        for action_id, element in block.items():
            selected = element.get("selected_option")
            if selected:
                values[action_id] = str(selected.get("value") or "")
            elif element.get("value") is not None:
                values[action_id] = str(element["value"])
    return values


def shortcut_event(
    body: dict[str, Any],
    *,
    action: str,
    sender: SlackUser,
    author: SlackUser | None,
    delivery_id: str,
) -> ShortcutEvent:
    """A message shortcut: ``action`` is the core's name for its ``callback_id``."""
    request = shortcut_request(body)
    return ShortcutEvent(
        conversation(request.channel_id),
        sender.account(),
        action,
        request.text,
        message_id=request.message_ts or None,
        author=author.account() if author else None,
        reply_handle=request.trigger_id,
        delivery_id=delivery_id,
    )


def form_event(
    body: dict[str, Any], *, sender: SlackUser, direct: ConversationRef, delivery_id: str
) -> FormSubmitted | None:
    """A submitted modal of one of the core's forms (``callback_id`` ``vraagbaak:<name>``)."""
    view = body.get("view") or {}
    callback = str(view.get("callback_id") or "")
    if not callback.startswith(FORM_PREFIX):
        return None
    values = {
        action.removesuffix("_select").removesuffix("_input"): value
        for action, value in view_values(view).items()
    }
    return FormSubmitted(
        direct,
        sender.account(),
        callback.removeprefix(FORM_PREFIX),
        values,
        form_context(view),
        reply_handle=delivery_id,
        delivery_id=delivery_id,
    )


def form_context(view: dict[str, Any]) -> dict[str, str]:
    """What the form carried (``private_metadata``), as text."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def home_event(event: dict[str, Any], *, sender: SlackUser, delivery_id: str) -> HomeOpened:
    channel = str(event.get("channel") or "")
    return HomeOpened(
        ConversationRef(PLATFORM, channel, "", is_direct=True),
        sender.account(),
        delivery_id=delivery_id,
    )
