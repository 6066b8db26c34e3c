"""Block Kit (pure): message sections, and the core's views (bot/core/views.py) as a modal, the App
Home tab and link buttons."""

from __future__ import annotations

import json
from typing import Any

from bot.adapters.slack.mrkdwn import to_mrkdwn
from bot.adapters.slack.provisional import is_provisional
from bot.adapters.slack.translate import FORM_PREFIX
from bot.core.inert import inert
from bot.core.views import ChoiceField, Form, FormField, HomeView, Link

OPEN_THREAD_ACTION = "open_thread"

_SECTION_LIMIT = 3000  # characters of text in one section block
_BLOCK_LIMIT = 50  # blocks in one message


def message_blocks(mrkdwn: str) -> list[dict[str, Any]]:
    """Long answers split into sections at line breaks, as Slack limits one section."""
    blocks: list[dict[str, Any]] = []
    chunk = ""
    for line in mrkdwn.split("\n"):
        while len(line) > _SECTION_LIMIT:
            if chunk:
                blocks.append(_section(chunk))
                chunk = ""
            blocks.append(_section(line[:_SECTION_LIMIT]))
            line = line[_SECTION_LIMIT:]
        candidate = f"{chunk}\n{line}" if chunk else line
        if len(candidate) > _SECTION_LIMIT:
            blocks.append(_section(chunk))
            chunk = line
        else:
            chunk = candidate
    if chunk.strip():
        blocks.append(_section(chunk))
    return blocks[:_BLOCK_LIMIT]


def thread_url(channel_id: str, ts: str) -> str:
    """Slack's permalink form for a message; slack.com forwards it to the workspace."""
    return f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"


def link_button(label: str, url: str) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": OPEN_THREAD_ACTION,
        "text": _plain(label[:75]),
        "url": url,
    }


def button_row(label: str, url: str) -> list[dict[str, Any]]:
    return [{"type": "actions", "elements": [link_button(label, url)]}]


def _section(mrkdwn: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:150], "emoji": True}


def field_action(field: FormField) -> str:
    """The ``action_id`` of a form field's element: ``group_select``, ``question_input``."""
    return f"{field.name}_select" if isinstance(field, ChoiceField) else f"{field.name}_input"


def form_view(form: Form) -> dict[str, Any]:
    """A modal; its inputs come back as ``{field name: value}`` (translate.form_event)."""
    return {
        "type": "modal",
        "callback_id": f"{FORM_PREFIX}{form.name}",
        "private_metadata": json.dumps(dict(form.context))[:3000],
        "title": _plain(form.title[:24]),
        "submit": _plain(form.submit),
        "close": _plain(form.cancel),
        "blocks": [_input(field) for field in form.fields],
    }


def _input(field: FormField) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": field.name,
        "label": _plain(field.label),
    }
    if isinstance(field, ChoiceField):
        options = [{"text": _plain(c.label), "value": c.value} for c in field.choices[:100]]
        element: dict[str, Any] = {
            "type": "static_select",
            "action_id": field_action(field),
            "options": options,
        }
        chosen = next((o for o in options if o["value"] == field.chosen), None)
        if chosen is not None:
            element["initial_option"] = chosen
    else:
        element = {
            "type": "plain_text_input",
            "action_id": field_action(field),
            "multiline": field.multiline,
            "initial_value": field.value[:3000],
        }
        if field.hint:
            block["hint"] = _plain(field.hint)
    block["element"] = element
    return block


def link_blocks(link: Link) -> list[dict[str, Any]] | None:
    """A button to the linked message; none for one Slack has not given its id yet."""
    target = link.target
    if not target.message_id or is_provisional(target.message_id):
        return None
    return button_row(link.label, thread_url(target.conversation.external_id, target.message_id))


def home_view(home: HomeView) -> dict[str, Any]:
    """The App Home tab: the person's own skills, settings and recent questions."""
    skills = (
        "\n".join(f"• {to_mrkdwn(inert(topic))}" for topic in home.skills)
        if home.skills
        else to_mrkdwn(home.no_skills)
    )
    question_blocks: list[dict[str, Any]] = []
    for q in home.questions:
        block = _section(
            f"{q.asked_at:%d-%m-%Y} · {to_mrkdwn(inert(q.group_name))} · "
            f"_{q.status}_\n{to_mrkdwn(inert(q.text))}"
        )
        thread = q.thread
        if thread is not None and thread.message_id and not is_provisional(thread.message_id):
            block["accessory"] = link_button(
                home.open_label, thread_url(thread.conversation.external_id, thread.message_id)
            )
        question_blocks.append(block)
    if not question_blocks:
        question_blocks.append(_section(home.no_questions))
    return {
        "type": "home",
        "blocks": [
            {"type": "header", "text": _plain(home.title)},
            _section(f"*{home.skills_heading}*\n{skills}"),
            {"type": "divider"},
            _section(f"*{home.settings_heading}*\n" + "\n".join(home.settings)),
            {"type": "divider"},
            _section(f"*{home.questions_heading}*"),
            *question_blocks,
        ],
    }
