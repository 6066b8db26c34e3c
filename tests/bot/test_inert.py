"""bot.core.inert through each platform's renderer: hostile text comes out as text (issue 11)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.console import ConsoleAdapter
from bot.adapters.matrix import render
from bot.adapters.slack.mrkdwn import to_mrkdwn
from bot.core.events import ConversationRef
from bot.core.inert import bot_mention, inert, inert_markdown, strip_controls
from tests.support import hostile_text

_ROOM_WORDS = re.compile(r"@(room|channel|here|everyone)\b", re.IGNORECASE)


def _slack_shows(mrkdwn: str) -> str:
    """What a Slack reader sees of text without links or mentions."""
    return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _expected(text: str) -> str:
    shown = _ROOM_WORDS.sub("@\u2060\\1", strip_controls(text))
    indent = re.compile(r"^(?: {4}|[ ]{0,3}\t)[ \t]*", re.MULTILINE)
    return indent.sub(lambda m: "\u00a0" * len(m.group(0)), shown)


@pytest.mark.parametrize("payload", hostile_text.ALL)
def test_slack_gets_no_live_token_and_no_disguised_link(payload: str) -> None:
    for made in (inert, inert_markdown):
        mrkdwn = to_mrkdwn(f"📧 **Vraag per e-mail: {made(payload)}**")
        assert hostile_text.slack_live_tokens(mrkdwn) == [], (made.__name__, mrkdwn)
        assert hostile_text.slack_mismatched_links(mrkdwn) == [], (made.__name__, mrkdwn)
        assert not hostile_text.has_control_characters(mrkdwn)


@pytest.mark.parametrize("payload", hostile_text.ALL)
def test_matrix_gets_no_pill_no_room_ping_no_active_html(payload: str) -> None:
    for made in (inert, inert_markdown):
        content = render.notice(f"Vraag: {made(payload)}")
        assert hostile_text.matrix_problems(content) == [], (made.__name__, content)
        assert not hostile_text.has_control_characters(content["body"])


@pytest.mark.parametrize("payload", hostile_text.ALL)
def test_the_literal_text_is_what_a_slack_reader_sees(payload: str) -> None:
    assert _slack_shows(to_mrkdwn(inert(payload))) == _expected(payload)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_shows_literally_on_slack_and_in_a_matrix_body(text: str) -> None:
    expected = _expected(text)
    mrkdwn = to_mrkdwn(inert(text))
    assert hostile_text.slack_live_tokens(mrkdwn) == []
    assert _slack_shows(mrkdwn) == expected
    content = render.notice(inert(text))
    assert content["body"] == expected
    assert hostile_text.matrix_problems(content) == []


def test_a_phishing_label_shows_the_real_address() -> None:
    body = inert_markdown("Zie [https://www.ermelo.nl/wmo](https://phish.example/login).")
    mrkdwn = to_mrkdwn(body)
    assert "phish.example/login" in mrkdwn and "ermelo.nl" not in mrkdwn
    html = render.notice(body)["formatted_body"]
    assert "phish.example/login" in html and "href" not in html
    plain = inert_markdown("Lees [de folder](https://www.ermelo.nl/folder.pdf) eerst.")
    assert to_mrkdwn(plain) == "Lees de folder (https://www.ermelo.nl/folder.pdf) eerst."


def test_a_mail_body_keeps_its_formatting() -> None:
    body = inert_markdown("**Belangrijk**\n\n- eerste\n- tweede\n\n> eerder bericht")
    assert to_mrkdwn(body) == "*Belangrijk*\n\n• eerste\n• tweede\n\n> eerder bericht"
    html = render.notice(body)["formatted_body"]
    assert "<strong>Belangrijk</strong>" in html and "<li>eerste</li>" in html
    assert "<blockquote>" in html


def test_the_bots_own_mentions_stay_live_next_to_hostile_text() -> None:
    slack = to_mrkdwn(f"{bot_mention('<@U0BRAM>')} weet het; {inert('<@U0EVIL> <!channel>')}")
    assert hostile_text.slack_live_tokens(slack) == ["<@U0BRAM>"]
    pill = render.pill("@bram:vraagbaak.test", "Bram <!channel> [x](https://phish.example)")
    content = render.notice(f"{pill} weet het; {inert('[Eva](https://matrix.to/#/@eva:x)')}")
    assert content["m.mentions"] == {"user_ids": ["@bram:vraagbaak.test"]}
    assert hostile_text.matrix_problems(content, allowed_users=("@bram:vraagbaak.test",)) == []
    assert 'href="https://matrix.to/#/@bram:vraagbaak.test"' in content["formatted_body"]
    assert "@eva:x" not in str(content["m.mentions"])


def test_indented_text_is_no_code_block_on_matrix() -> None:
    assert inert(" (Gemeente Ermelo)") == " (Gemeente Ermelo)"  # short indents stay spaces
    html = render.notice(inert("    <b>vet</b> & [x]"))["formatted_body"]
    assert "<code>" not in html and "\\" not in html and "&lt;b&gt;vet&lt;/b&gt;" in html


def test_an_indented_mail_line_is_no_code_block_but_a_nested_list_stays() -> None:
    html = render.notice(inert_markdown("Vraag:\n\n    <b>x</b> & [y]\n"))["formatted_body"]
    assert "<code>" not in html and "\\" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    nested = render.notice(inert_markdown("- een\n    - twee\n"))["formatted_body"]
    assert nested.count("<ul>") == 2


def test_markup_the_bot_itself_writes_is_sanitised_too() -> None:
    html = render.to_html('<script>x()</script><img src="https://tracker.example/p.gif">ok')
    assert "<script" not in html and "<img" not in html and "ok" in html
    assert 'href="javascript' not in render.to_html("[a](javascript:alert(1))")


async def test_the_console_shows_no_terminal_escape() -> None:
    output = io.StringIO()
    console = ConsoleAdapter(people=[], rooms=["algemeen"], output=output)
    room = ConversationRef("console", "algemeen", "#algemeen")
    for payload in hostile_text.CONTROL_TEXT:
        await console.post(room, f"Onderwerp: {inert(payload)}")
    shown = output.getvalue()
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown
    assert "Onderwerp: [2J[Hscherm gewist" in shown  # the escape's readable rest, nothing more
    assert "Onderwerp: factuurfdp.exe" in shown


def test_incoming_text_loses_the_marks_of_a_live_mention() -> None:
    from bot.core.events import AccountRef, MessageEvent
    from bot.dispatch.dispatcher import without_mention_marks

    forged = MessageEvent(
        ConversationRef("slack", "C1"),
        "1.1",
        AccountRef("slack", "U1"),
        f"!wieweet {bot_mention('<@U0BOSS>')}",
    )
    cleaned = without_mention_marks(forged)
    assert isinstance(cleaned, MessageEvent)
    assert cleaned.text == "!wieweet <@U0BOSS>"
    # Echoed by a handler that forgot inert(), it is still no mention.
    assert hostile_text.slack_live_tokens(to_mrkdwn(f"gezocht: {cleaned.text}")) == []


def test_a_deceptive_link_is_caught_by_the_renderers_even_without_inert() -> None:
    raw = "[https://www.ermelo.nl/wmo](https://phish.example/login)"
    mrkdwn = to_mrkdwn(raw)
    assert hostile_text.slack_mismatched_links(mrkdwn) == []
    # A URL cannot close Slack's link token early and open a broadcast.
    broken_out = to_mrkdwn("[x](https://a>|<!channel)")
    assert hostile_text.slack_live_tokens(broken_out) == []
    assert broken_out == "<https://a&gt;%7C&lt;!channel|x>"
    html = render.notice(raw)["formatted_body"]
    assert ">https://phish.example/login</a>" in html and "ermelo.nl/wmo" not in html
    # the bot's own labelled links keep their label
    assert to_mrkdwn("[open de draad](https://slack.com/archives/C1/p1)") == (
        "<https://slack.com/archives/C1/p1|open de draad>"
    )
