"""Ids of messages queued while Slack was unreachable, until Slack gives them their ``ts``."""

from __future__ import annotations

import uuid

PREFIX = "queued-"


def new_provisional_id() -> str:
    return f"{PREFIX}{uuid.uuid4().hex}"


def is_provisional(message_id: object) -> bool:
    return isinstance(message_id, str) and message_id.startswith(PREFIX)
