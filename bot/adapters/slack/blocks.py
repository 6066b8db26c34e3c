"""Block Kit views (pure): message sections, the publish modal and the App Home tab."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from bot.adapters.slack.mrkdwn import to_mrkdwn
from bot.adapters.slack.provisional import is_provisional
from bot.config import GroupConfig
from bot.i18n import Lang, t
from bot.inert import inert

if TYPE_CHECKING:
    from handlers.slack_entry import HomeSummary

PUBLISH_VIEW = "vraagbaak_publish"
OPEN_THREAD_ACTION = "open_thread"
GROUP_BLOCK, GROUP_ACTION = "group", "group_select"
QUESTION_BLOCK, QUESTION_ACTION = "question", "question_input"

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


def publish_modal(
    language: Lang,
    groups: list[GroupConfig],
    *,
    suggested: str | None,
    text: str,
    metadata: dict[str, str],
) -> dict[str, Any]:
    options = [{"text": _plain(g.name), "value": g.id} for g in groups[:100]]
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": GROUP_ACTION,
        "options": options,
    }
    chosen = next((o for o in options if o["value"] == suggested), None)
    if chosen is not None:
        select["initial_option"] = chosen
    return {
        "type": "modal",
        "callback_id": PUBLISH_VIEW,
        "private_metadata": json.dumps(metadata)[:3000],
        "title": _plain(t(language, "publish.title")[:24]),
        "submit": _plain(t(language, "publish.submit")),
        "close": _plain(t(language, "publish.cancel")),
        "blocks": [
            {
                "type": "input",
                "block_id": GROUP_BLOCK,
                "label": _plain(t(language, "publish.group_label")),
                "element": select,
            },
            {
                "type": "input",
                "block_id": QUESTION_BLOCK,
                "label": _plain(t(language, "publish.question_label")),
                "hint": _plain(t(language, "publish.question_hint")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": QUESTION_ACTION,
                    "multiline": True,
                    "initial_value": text[:3000],
                },
            },
        ],
    }


def home_view(summary: HomeSummary) -> dict[str, Any]:
    """The App Home tab: the person's own skills, settings and recent questions."""
    lang: Lang = summary.language
    on, off = t(lang, "home.on"), t(lang, "home.off")
    settings = summary.settings
    language = (
        settings.language
        if settings.language
        else t(lang, "home.language_default", value=summary.default_language)
    )
    skills = (
        "\n".join(f"• {to_mrkdwn(inert(topic))}" for topic in summary.skills)
        if summary.skills
        else to_mrkdwn(t(lang, "home.no_skills"))
    )
    setting_lines = [
        t(lang, "home.language", value=language),
        t(lang, "home.muted", value=off if settings.muted else on),
        t(lang, "home.digest", value=on if settings.digest_opt_in else off),
    ]
    question_blocks: list[dict[str, Any]] = []
    for q in summary.questions:
        block = _section(
            f"{q.asked_at:%d-%m-%Y} · {to_mrkdwn(inert(q.group_name))} · "
            f"_{t(lang, 'home.status.' + q.status.value)}_\n{to_mrkdwn(inert(q.text))}"
        )
        if not is_provisional(q.root_id):
            block["accessory"] = link_button(
                t(lang, "home.open"), thread_url(q.conversation_id, q.root_id)
            )
        question_blocks.append(block)
    if not question_blocks:
        question_blocks.append(_section(t(lang, "home.no_questions")))
    return {
        "type": "home",
        "blocks": [
            {"type": "header", "text": _plain(t(lang, "home.title"))},
            _section(f"*{t(lang, 'home.skills')}*\n{skills}"),
            {"type": "divider"},
            _section(f"*{t(lang, 'home.settings')}*\n" + "\n".join(setting_lines)),
            {"type": "divider"},
            _section(f"*{t(lang, 'home.questions')}*"),
            *question_blocks,
        ],
    }
