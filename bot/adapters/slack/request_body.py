"""Is a signed Events API / interactivity body shaped like what Slack sends? (pure)

slack-bolt parses the body while building its request and reads nested fields with
``.get``; a body that is not JSON, a form that is not a form, or a ``payload`` or ``event``
that is not an object made it raise, and the client got a 500 (issue 11). A request
refused here gets 400 before bolt sees it. Only the signature makes a request worth
answering at all, so the transport checks that first.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

# Fields Slack always sends as objects, where present.
_OBJECTS = frozenset({"event", "view", "container", "message", "previous_message", "item", "state"})
# Fields Slack sends as an id or as an object with an id.
_ID_OR_OBJECT = frozenset({"user", "team", "channel", "enterprise"})
# Fields Slack sends as lists of objects.
_LISTS_OF_OBJECTS = frozenset({"authorizations", "actions"})


class MalformedBodyError(ValueError):
    """The reason a body is not one Slack would send (for the log; the client gets 400)."""


def check_body(raw: bytes, content_type: str) -> None:
    """Raise :class:`MalformedBodyError` unless ``raw`` parses the way Slack's requests do."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedBodyError("not UTF-8") from None
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        _check_form(text)
    else:
        _check_object(_json(text, "body"), "body")


def _check_form(text: str) -> None:
    try:
        fields = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise MalformedBodyError("not form encoded") from None
    for name, value in fields:
        if name == "payload":
            _check_object(_json(value, "payload"), "payload")


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise MalformedBodyError(f"{where} is not JSON") from None


def _check_object(value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise MalformedBodyError(f"{where} is not a JSON object")
    if not isinstance(value.get("type", ""), str):
        raise MalformedBodyError(f"{where}.type is not a string")
    for key in _OBJECTS & value.keys():
        if not isinstance(value[key], dict):
            raise MalformedBodyError(f"{where}.{key} is not an object")
    for key in _ID_OR_OBJECT & value.keys():
        if not isinstance(value[key], str | dict) and value[key] is not None:
            raise MalformedBodyError(f"{where}.{key} is neither an id nor an object")
    for key in _LISTS_OF_OBJECTS & value.keys():
        items = value[key]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise MalformedBodyError(f"{where}.{key} is not a list of objects")
    event = value.get("event")
    if isinstance(event, dict) and where == "body":
        _check_object(event, "event")
