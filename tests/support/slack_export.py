"""Builds small Slack exports (folder or zip) for tests, in the layout Slack produces."""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class ExportBuilder:
    users: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def user(
        self,
        uid: str,
        name: str,
        email: str | None,
        *,
        deleted: bool = False,
        is_bot: bool = False,
        guest: bool = False,
    ) -> str:
        profile: dict[str, Any] = {"real_name": name, "display_name": name.split()[0]}
        if email:
            profile["email"] = email
        self.users.append(
            {
                "id": uid,
                "name": name.lower().replace(" ", "."),
                "real_name": name,
                "deleted": deleted,
                "is_bot": is_bot,
                "is_restricted": guest,
                "is_ultra_restricted": guest,
                "profile": profile,
            }
        )
        return uid

    def channel(self, cid: str, name: str, members: list[str]) -> str:
        self.channels.append(
            {
                "id": cid,
                "name": name,
                "members": members,
                "is_archived": False,
                "purpose": {"value": f"Kanaal {name}"},
            }
        )
        return name

    def post(
        self,
        channel: str,
        user: str | None,
        when: datetime,
        text: str,
        *,
        thread_ts: str | None = None,
        reactions: dict[str, list[str]] | None = None,
        subtype: str | None = None,
        bot_id: str | None = None,
        files: list[str] | None = None,
    ) -> str:
        ts = f"{when.timestamp():.6f}"
        raw: dict[str, Any] = {"type": "message", "ts": ts, "text": text}
        if user:
            raw["user"] = user
        if subtype:
            raw["subtype"] = subtype
        if bot_id:
            raw["bot_id"] = bot_id
        if thread_ts:
            raw["thread_ts"] = thread_ts
        if reactions:
            raw["reactions"] = [
                {"name": k, "users": v, "count": len(v)} for k, v in reactions.items()
            ]
        if files:
            raw["files"] = [{"name": f, "title": f} for f in files]
        self.messages[channel].append(raw)
        return ts

    def write_folder(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "users.json").write_text(json.dumps(self.users), encoding="utf-8")
        (folder / "channels.json").write_text(json.dumps(self.channels), encoding="utf-8")
        for channel, posts in self.messages.items():
            days: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for raw in sorted(posts, key=lambda m: float(m["ts"])):
                day = datetime.fromtimestamp(float(raw["ts"]), UTC).date().isoformat()
                days[day].append(raw)
            (folder / channel).mkdir(exist_ok=True)
            for day, items in days.items():
                (folder / channel / f"{day}.json").write_text(json.dumps(items), encoding="utf-8")
        return folder

    def write_zip(self, path: Path) -> Path:
        folder = self.write_folder(path.with_suffix(""))
        with zipfile.ZipFile(path, "w") as archive:
            for file in sorted(folder.rglob("*.json")):
                archive.write(file, file.relative_to(folder).as_posix())
        return path
