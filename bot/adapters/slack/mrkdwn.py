"""The core's Markdown rendered as Slack mrkdwn (pure).

Slack's markup differs from Markdown: ``*bold*``, ``_italic_``, ``~strike~``, ``<url|label>``
links, no headings or bullet syntax, and ``&``, ``<``, ``>`` must be escaped except in Slack's
own ``<@U…>``/``<#C…>``/``<!here>`` tokens, which handlers get from ``adapter.mention``.
"""

from __future__ import annotations

import re

_CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_SLACK_TOKEN = re.compile(r"<(?:[@#][A-Z0-9]+(?:\|[^>]*)?|![a-z^A-Z0-9]+(?:\|[^>]*)?)>")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+|mailto:[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC_STAR = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)
_QUOTE = re.compile(r"^&gt; ?", re.MULTILINE)

# Private-use characters mark protected pieces; they never occur in real text.
_MARK = "\ue000"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    kept: list[str] = []

    def keep(piece: str) -> str:
        kept.append(piece)
        return f"{_MARK}{len(kept) - 1}{_MARK}"

    text = _CODE_BLOCK.sub(lambda m: keep(_escape(m.group(0))), markdown)
    text = _CODE_SPAN.sub(lambda m: keep(_escape(m.group(0))), text)
    text = _SLACK_TOKEN.sub(lambda m: keep(m.group(0)), text)
    text = _LINK.sub(
        lambda m: keep(f"<{m.group(2)}|{_escape(m.group(1)).replace('|', '¦')}>"), text
    )
    text = _escape(text)
    # Italic first, so the single stars it leaves are not confused with bold's double ones.
    text = _ITALIC_STAR.sub(lambda m: f"_{m.group(1)}_", text)
    text = _BOLD.sub(lambda m: keep(f"*{m.group(1) or m.group(2)}*"), text)
    text = _STRIKE.sub(lambda m: f"~{m.group(1)}~", text)
    text = _HEADING.sub(lambda m: keep(f"*{m.group(1)}*"), text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    text = _QUOTE.sub(lambda m: keep("> "), text)
    restore = re.compile(f"{_MARK}(\\d+){_MARK}")
    while restore.search(text):
        text = restore.sub(lambda m: kept[int(m.group(1))], text)
    return text
