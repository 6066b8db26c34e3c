"""Text an attacker puts where the bot will repeat it (issue 11): a mail's subject, body,
display name or attachment name, or the topic after ``!wieweet``.

Each entry is something a real client or a hand-written mail can carry. The checks below
look at what a platform receives, the way the platform itself would read it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

# Slack's own markup for mentions, in every form Slack documents, and the same tokens as
# they come back from a client that HTML-escaped them.
PING_TOKENS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!channel|channel>",
    "<!here|@here>",
    "<!subteam^S0123ABCD>",
    "<!subteam^S0123ABCD|@wmo-team>",
    "<@U0123ABCD>",
    "<@W0123ABCD|anouk>",
    "<#C0123ABCD>",
    "<#C0123ABCD|algemeen>",
    "<!date^1700000000^{date}|x>",
    "&lt;!channel&gt;",
    "&amp;lt;!here&amp;gt;",
    "&#60;!channel&#62;",
    "@room",
    "@Room please",
    "@channel @here @everyone",
    "[Anouk](https://matrix.to/#/@anouk:vraagbaak.test)",
    '<a href="https://matrix.to/#/@anouk:vraagbaak.test">Anouk</a>',
    "\ue010<@U0123ABCD>\ue011",  # the bot's own mention mark, forged
    "\ue010[Anouk](https://matrix.to/#/@anouk:vraagbaak.test)\ue011",
    "\ue0000\ue000",  # the Slack renderer's internal mark, forged
]

# Links whose label is not where they go, and HTML that runs, loads or hides things.
PHISHING_LINKS = [
    "[https://www.ermelo.nl/wmo](https://phish.example/login)",
    "[www.ermelo.nl](https://phish.example/login)",
    "[Klik hier](https://phish.example/login)",
    "<https://phish.example/login|https://www.ermelo.nl/wmo>",
    '[ermelo.nl](https://phish.example/login "Gemeente Ermelo")',
    "![logo](https://tracker.example/pixel.gif)",
    "[x][1]\n\n[1]: https://phish.example/login",
]
HTML_INJECTION = [
    "<script>alert(document.cookie)</script>",
    '<img src="https://tracker.example/pixel.gif?u=1">',
    '<iframe src="https://phish.example/"></iframe>',
    '<a href="javascript:alert(1)">open</a>',
    "[open](javascript:alert(1))",
    "<style>body{display:none}</style>",
    '<div style="position:fixed;top:0">nep melding</div>',
    '<svg onload="alert(1)">',
    "<details open ontoggle=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- verborgen -->zichtbaar",
    "```\n<!channel>\n```",
    "`<!here>`",
]
# Terminal escapes (colour, clear screen, OSC 8 hyperlink, C1 CSI) and bidi overrides.
CONTROL_TEXT = [
    "\x1b[2J\x1b[Hscherm gewist",
    "\x1b]8;;https://phish.example\x1b\\ermelo.nl\x1b]8;;\x1b\\",
    "\x9b31mrood",
    "factuur\u202efdp.exe",
    "bel\x07 \x00nul",
]
ALL = PING_TOKENS + PHISHING_LINKS + HTML_INJECTION + CONTROL_TEXT

PHISH_HOSTS = ("phish.example", "tracker.example")

# --- Slack: what Slack would turn into a mention, a broadcast or a link -----------------------
_SLACK_LIVE = re.compile(r"<[!@#][^>]*>")
_SLACK_LINK = re.compile(r"<([^<>|]+)\|([^<>]*)>")


def slack_live_tokens(mrkdwn: str) -> list[str]:
    """Mentions, broadcasts and channel links Slack would make live in ``mrkdwn``."""
    return _SLACK_LIVE.findall(mrkdwn)


def slack_mismatched_links(mrkdwn: str) -> list[tuple[str, str]]:
    """``<url|label>`` links whose label is not their own URL."""
    return [
        (url, label)
        for url, label in _SLACK_LINK.findall(mrkdwn)
        if label not in (url, url.removeprefix("mailto:"))
    ]


def slack_texts(args: dict[str, Any]) -> list[str]:
    """Every mrkdwn string of a chat.postMessage call: ``text`` and each Block Kit text."""
    found = [str(args.get("text", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(args.get("blocks") or [])
    return found


# --- Matrix: what a client would render from formatted_body -----------------------------------
class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def html_elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


_SAFE_TAGS = {"p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "hr"}
_SAFE_TAGS |= {"h1", "h2", "h3", "h4", "h5", "h6", "del", "a"}


def matrix_problems(content: dict[str, Any], *, allowed_users: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a bot message's content when the text in it was untrusted."""
    problems: list[str] = []
    mentions = content.get("m.mentions")
    if not isinstance(mentions, dict):
        problems.append("no m.mentions (legacy @room rules would apply)")
    else:
        if mentions.get("room"):
            problems.append("m.mentions.room")
        extra = set(mentions.get("user_ids") or []) - set(allowed_users)
        if extra:
            problems.append(f"mentions {sorted(extra)}")
    for tag, attrs in html_elements(str(content.get("formatted_body", ""))):
        if tag not in _SAFE_TAGS:
            problems.append(f"tag <{tag}>")
        for name, value in attrs.items():
            if tag == "a" and name == "href":
                href = value or ""
                if any(host in href for host in PHISH_HOSTS) or not href.startswith("https://"):
                    problems.append(f"link to {href}")
                if "matrix.to/#/@" in href and not any(u in href for u in allowed_users):
                    problems.append(f"pill {href}")
            elif name != "class":
                problems.append(f"attribute {name} on <{tag}>")
    for field in ("body", "formatted_body"):
        if re.search(r"(?<!\u2060)@room\b", str(content.get(field, "")), re.IGNORECASE):
            problems.append(f"@room in {field}")
    return problems


def has_control_characters(text: str) -> bool:
    return re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text) is not None
