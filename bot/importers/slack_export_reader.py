"""Reads a Slack workspace export (zip or folder) into plain typed records. No database."""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.adapters.slack.translate import SlackUser

_DAY_FILE = re.compile(r"^(?P<channel>[^/]+)/(?P<day>\d{4}-\d{2}-\d{2})\.json$")
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")


@dataclass(frozen=True, slots=True)
class SlackChannel:
    id: str
    name: str
    members: tuple[str, ...]
    archived: bool
    purpose: str


@dataclass(frozen=True, slots=True)
class SlackReaction:
    name: str
    users: tuple[str, ...]


@dataclass(slots=True)
class SlackMessage:
    ts: str
    user: str | None
    text: str
    thread_ts: str | None
    is_bot: bool
    is_join: bool
    is_broadcast: bool
    has_files: bool
    file_names: tuple[str, ...] = ()
    reactions: tuple[SlackReaction, ...] = field(default_factory=tuple)

    @property
    def is_root(self) -> bool:
        return not self.is_broadcast and (self.thread_ts is None or self.thread_ts == self.ts)

    @property
    def root_ts(self) -> str:
        return self.ts if self.is_root else (self.thread_ts or self.ts)

    @property
    def at(self) -> datetime:
        return ts_to_datetime(self.ts)


def ts_to_datetime(ts: str) -> datetime:
    return datetime.fromtimestamp(float(ts), UTC)


def plain_text(slack_text: str) -> str:
    """Slack markup to plain text: links to their labels, entities decoded. Mentions stay
    as ``<@U…>`` so recommendations of colleagues can be read from them."""
    if "<" not in slack_text and "&" not in slack_text:
        return slack_text
    text = _LINK.sub(r"\2", slack_text)
    text = _BARE_LINK.sub(r"\1", text)
    return html.unescape(text)


class SlackExport:
    """A Slack export, zipped or unpacked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path) if path.is_file() else None
        self._prefix = ""
        if self._zip is not None:
            names = self._zip.namelist()
            users = next((n for n in names if n.endswith("users.json")), None)
            if users is None:
                raise ValueError(f"{path}: no users.json in this zip; is it a Slack export?")
            self._prefix = users[: -len("users.json")]
        elif not (path / "users.json").exists():
            raise ValueError(f"{path}: no users.json here; is it a Slack export?")

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def _read(self, name: str) -> Any:
        if self._zip is not None:
            with self._zip.open(self._prefix + name) as handle:
                return json.load(handle)
        return json.loads((self.path / name).read_text(encoding="utf-8"))

    def _exists(self, name: str) -> bool:
        if self._zip is not None:
            return (self._prefix + name) in self._zip.namelist()
        return (self.path / name).exists()

    def users(self) -> list[SlackUser]:
        result = []
        for raw in self._read("users.json"):
            profile = raw.get("profile") or {}
            is_bot = (
                bool(raw.get("is_bot"))
                or raw.get("id") == "USLACKBOT"
                or bool(profile.get("bot_id"))
            )
            name = (
                raw.get("real_name")
                or profile.get("real_name")
                or profile.get("display_name")
                or raw.get("name")
                or raw["id"]
            )
            email = profile.get("email")
            result.append(
                SlackUser(
                    id=raw["id"],
                    name=name,
                    email=email.lower() if email else None,
                    deleted=bool(raw.get("deleted")),
                    is_bot=is_bot,
                    is_guest=bool(raw.get("is_restricted") or raw.get("is_ultra_restricted")),
                )
            )
        return result

    def channels(self) -> list[SlackChannel]:
        if not self._exists("channels.json"):
            return []
        return [
            SlackChannel(
                id=raw["id"],
                name=raw["name"],
                members=tuple(raw.get("members") or ()),
                archived=bool(raw.get("is_archived")),
                purpose=((raw.get("purpose") or {}).get("value") or ""),
            )
            for raw in self._read("channels.json")
        ]

    def day_files(self, channel: str) -> list[str]:
        if self._zip is not None:
            names = []
            for name in self._zip.namelist():
                relative = name[len(self._prefix) :]
                found = _DAY_FILE.match(relative)
                if found and found["channel"] == channel:
                    names.append(relative)
            return sorted(names)
        folder = self.path / channel
        if not folder.is_dir():
            return []
        return sorted(f"{channel}/{p.name}" for p in folder.glob("*.json"))

    def messages(self, channel: str, bot_users: set[str]) -> Iterator[SlackMessage]:
        for name in self.day_files(channel):
            for raw in self._read(name):
                if raw.get("type") != "message":
                    continue
                yield to_message(raw, bot_users)


def to_message(raw: dict[str, Any], bot_users: set[str]) -> SlackMessage:
    subtype = raw.get("subtype")
    user = raw.get("user")
    is_bot = "bot_id" in raw or subtype == "bot_message" or (user is not None and user in bot_users)
    thread_ts = raw.get("thread_ts")
    if subtype == "thread_broadcast" and not thread_ts:
        thread_ts = (raw.get("root") or {}).get("thread_ts")
    files = raw.get("files") or []
    return SlackMessage(
        ts=raw["ts"],
        user=user,
        text=plain_text(raw.get("text") or ""),
        thread_ts=thread_ts,
        is_bot=is_bot,
        is_join=subtype == "channel_join",
        is_broadcast=subtype == "thread_broadcast",
        has_files=bool(files),
        file_names=tuple(f.get("name") or f.get("title") or "" for f in files),
        reactions=tuple(
            SlackReaction(r["name"], tuple(r.get("users") or ()))
            for r in raw.get("reactions") or ()
        ),
    )
