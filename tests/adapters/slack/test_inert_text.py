"""Issue 11 on Slack, end to end: what people type comes back from the real handlers as
text, never as a live mention or a disguised link; the bot's own mentions stay live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import select

from bot.adapters.slack.blocks import home_view
from bot.adoption.jobs.delivery import mention
from bot.core.events import ConversationRef, MessageRef
from bot.core.inert import inert
from bot.core.views import HomeQuestion, HomeView
from bot.startup.app import build_bot
from bot.storage.models import Person
from handlers import core, entry_points, settings, whoknows
from tests.adapters.slack.conftest import (
    ALGEMEEN,
    SlackHarness,
    slack_groups,
    slack_table,
    start_adapter,
)
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.test_http_events import channel_message
from tests.conftest import make_config
from tests.support import hostile_text


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: this is about text, not the database."""
    return f"sqlite:///{tmp_path / 'vraagbaak.db'}"


@pytest.fixture
async def slack(database_url: str, mock_slack: MockSlack) -> AsyncIterator[SlackHarness]:
    """The Slack harness with the real who-knows handlers (the shared one has a stand-in)."""
    config = make_config(database_url, slack=slack_table(mock_slack), groups=slack_groups())  # type: ignore[arg-type]
    bot = build_bot(config, modules=[core, settings, entry_points, whoknows])
    await bot.prepare()
    adapter = await start_adapter(bot)
    async with aiohttp.ClientSession() as http:
        try:
            yield SlackHarness(bot, adapter, mock_slack, http)
        finally:
            await adapter.stop()
            await bot.close()


def _assert_inert(args: dict[str, object]) -> None:
    for text in hostile_text.slack_texts(args):
        assert hostile_text.slack_live_tokens(text) == [], text
        assert hostile_text.slack_mismatched_links(text) == [], text
        assert not hostile_text.has_control_characters(text)


# What a Slack client sends for the same words: the autocompleted token, the token typed as
# text (Slack escapes it), and the escaped form typed as text (escaped twice).
TYPED = [
    "<!channel>",
    "<!here|here>",
    "<!subteam^S0123ABCD|@wmo-team>",
    "<@U0123ABCD>",
    "<#C0123ABCD|algemeen>",
    "&lt;!channel&gt;",
    "&amp;lt;!channel&amp;gt;",
    "&amp;lt;@U0123ABCD&amp;gt;",
    "[https://www.ermelo.nl/wmo](https://phish.example/login)",
    "<https://phish.example/login|https://www.ermelo.nl/wmo>",
]


@pytest.mark.parametrize("typed", TYPED)
async def test_wieweet_echoes_the_topic_inert(slack: SlackHarness, typed: str) -> None:
    status, _ = await slack.event(channel_message(f"!wieweet {typed}"))
    assert status == 200
    [answer] = await slack.mock.wait_for("chat.postMessage")
    assert "Ik vind niemand" in answer.args["text"]
    _assert_inert(answer.args)


@pytest.mark.parametrize("typed", ["<!channel>", "&lt;!here&gt;", "[a](https://phish.example)"])
async def test_declared_skills_and_hidden_topics_come_back_inert(
    slack: SlackHarness, typed: str
) -> None:
    for command in (f"!ikweet {typed}", f"!verberg {typed}", "!profiel"):
        await slack.event(channel_message(command, ts=f"17000000{len(command):02d}.000300"))
        await slack.settle()
    calls = slack.mock.of("chat.postMessage") + slack.mock.of("chat.postEphemeral")
    assert len(calls) >= 3
    for call in calls:
        _assert_inert(call.args)


async def test_the_bots_own_mention_of_a_colleague_is_still_a_mention(
    slack: SlackHarness,
) -> None:
    await slack.event(channel_message("!hulp"))  # Anouk is known from here on
    await slack.mock.wait_for("chat.postMessage")
    await slack.settle()
    services = slack.bot.services
    async with services.db.session() as session:
        anouk = (await session.exec(select(Person).where(Person.name == "Anouk"))).one()
        named = await mention(services, session, anouk, "slack")
    hostile = " ".join(hostile_text.PING_TOKENS[:12])
    room = ConversationRef("slack", ALGEMEEN, "#algemeen")
    await slack.adapter.post(room, f"{named} weet dit, vraag het haar. {inert(hostile)}")
    sent = (await slack.mock.wait_for("chat.postMessage", 2))[-1]
    assert hostile_text.slack_live_tokens(sent.args["text"]) == ["<@UANOUK>"]
    for text in hostile_text.slack_texts(sent.args):
        assert set(hostile_text.slack_live_tokens(text)) <= {"<@UANOUK>"}


def test_app_home_shows_hostile_skills_and_questions_inert() -> None:
    hostile = hostile_text.PING_TOKENS + hostile_text.PHISHING_LINKS
    thread = MessageRef(ConversationRef("slack", ALGEMEEN), "1700000000.000100")
    questions = tuple(
        HomeQuestion(datetime(2026, 12, 1, tzinfo=UTC), "Sociaal domein", "open", text, thread)
        for text in hostile
    )
    home = HomeView(
        title="Jouw Vraagbaak",
        skills_heading="Waar je verstand van hebt",
        skills=tuple(hostile),
        no_skills="",
        settings_heading="Instellingen",
        settings=("Taal: nl",),
        questions_heading="Je recente vragen",
        questions=questions[:20],
        no_questions="",
        open_label="Openen",
    )
    view = home_view(home)
    texts = hostile_text.slack_texts({"blocks": view["blocks"]})
    assert len(texts) > 10
    for text in texts:
        assert hostile_text.slack_live_tokens(text) == [], text
        assert hostile_text.slack_mismatched_links(text) == [], text
