"""Issue 13 on Slack (mock Web API, signed Events API requests): a partner is placed by the
verified e-mail Slack gives, an account without one is treated as a partner, and who-knows in
a shared channel is answered for the partner who reads it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.core.errors import UserError
from bot.core.events import AccountRef
from bot.startup.app import build_bot
from handlers.entry_points import groups_for, publish_question
from tests.adapters.slack.conftest import (
    ANOUK,
    BRAM,
    SOCIAAL,
    SlackHarness,
    slack_groups,
    slack_table,
    start_adapter,
)
from tests.adapters.slack.mock_slack import BOT_USER_ID, MockSlack, SlackUserRecord
from tests.conftest import make_config

GERRIT = SlackUserRecord("UGERRIT", "Gerrit", "gerrit@vandijkbouw.nl")
NOMAIL = SlackUserRecord("UNOMAIL", "Gast", None)
BOUW = "CBOUW"
_ts = iter(range(100, 10_000))


@pytest.fixture
async def partner_slack(database_url: str) -> AsyncIterator[SlackHarness]:
    mock = MockSlack(
        users={u.id: u for u in (ANOUK, BRAM, GERRIT, NOMAIL)},
        channels={SOCIAAL: "sociaal-domein", BOUW: "bouw-stationsgebied"},
        members={BOUW: [BRAM.id, GERRIT.id, ANOUK.id, BOT_USER_ID]},
    )
    await mock.start()
    config = make_config(database_url, slack=slack_table(mock), groups=slack_groups())  # type: ignore[arg-type]
    bot = build_bot(config)
    await bot.prepare()
    adapter = await start_adapter(bot)
    try:
        async with aiohttp.ClientSession() as http:
            yield SlackHarness(bot, adapter, mock, http)
    finally:
        await adapter.stop()
        await bot.close()
        await mock.stop()


def message(user: SlackUserRecord, channel: str, text: str, **extra: Any) -> dict[str, Any]:
    ts = f"1700000{next(_ts):03d}.000100"
    return {
        "type": "message",
        "channel_type": "channel",
        "user": user.id,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **extra,
    }


async def say(slack: SlackHarness, event: dict[str, Any]) -> str:
    """Send the event; the bot's answer in its thread (empty when none)."""
    await slack.event(event)
    await slack.settle()
    answers = [
        c.args.get("text", "")
        for c in slack.mock.of("chat.postMessage")
        if c.args.get("thread_ts") == event["ts"]
    ]
    return "\n".join(answers)


async def test_who_knows_in_a_shared_channel_is_answered_for_the_partner(
    partner_slack: SlackHarness,
) -> None:
    slack = partner_slack
    question = message(ANOUK, SOCIAAL, "Hoe werkt de traplift-indicatie voor de Wmo?")
    await say(slack, question)
    answer = message(
        BRAM,
        SOCIAAL,
        "De traplift-indicatie vraag je aan via het Wmo-loket; een ergotherapeut komt langs.",
        thread_ts=question["ts"],
    )
    await say(slack, answer)
    for user in (BRAM, GERRIT, ANOUK):
        await say(slack, message(user, BOUW, "Goedemorgen"))

    internal = await say(slack, message(ANOUK, SOCIAAL, "!wieweet traplift"))
    assert "Bram" in internal and "#sociaal-domein" in internal  # the control

    for user in (ANOUK, GERRIT):
        shared = await say(slack, message(user, BOUW, "!wieweet traplift"))
        assert "Ik vind niemand" in shared
        assert "Bram" not in shared and "sociaal" not in shared.lower()


async def test_partner_and_account_without_e_mail_know_where_they_stand(
    partner_slack: SlackHarness,
) -> None:
    slack = partner_slack
    partner = await say(slack, message(GERRIT, BOUW, "!hulp"))
    assert "externe partner (Van Dijk Bouw)" in partner and "`!antwoord`" not in partner
    unknown = await say(slack, message(NOMAIL, BOUW, "!hulp"))
    assert "externe partner (onbekende organisatie)" in unknown
    refused = await say(slack, message(NOMAIL, BOUW, "!kiesgroep 1 sociaal-domein"))
    assert "externe partner" in refused and "omgevingswet" not in refused


async def test_a_silent_partner_in_the_channel_counts_as_a_reader(
    partner_slack: SlackHarness,
) -> None:
    """Gerrit never spoke in #bouw-stationsgebied; conversations.members says he is there."""
    slack = partner_slack
    question = message(ANOUK, SOCIAAL, "Hoe werkt de traplift-indicatie voor de Wmo?")
    await say(slack, question)
    await say(
        slack,
        message(
            BRAM,
            SOCIAAL,
            "De traplift-indicatie vraag je aan via het Wmo-loket; een ergotherapeut komt langs.",
            thread_ts=question["ts"],
        ),
    )
    await say(slack, message(BRAM, BOUW, "Goedemorgen"))
    shared = await say(slack, message(ANOUK, BOUW, "!wieweet traplift"))
    assert slack.mock.of("conversations.members")
    assert "Ik vind niemand" in shared and "Bram" not in shared
    # The bot itself is no reader: only Gerrit made this answer a partner's.
    assert not [c for c in slack.mock.of("users.info") if c.args.get("user") == BOT_USER_ID]


async def test_a_partner_cannot_publish_into_a_group_not_shared_with_him(
    partner_slack: SlackHarness,
) -> None:
    slack = partner_slack
    services = slack.bot.services
    gerrit = AccountRef("slack", GERRIT.id, GERRIT.name, GERRIT.email)
    anouk = AccountRef("slack", ANOUK.id, ANOUK.name, ANOUK.email)
    async with services.db.session() as session:
        people = [await services.identity.person_for(session, a) for a in (gerrit, anouk)]
        allowed = [
            [g.id for g in await groups_for(session, services.config, person, "slack")]
            for person in people
        ]
        await session.commit()
    assert allowed[0] == [] and "sociaal-domein" in allowed[1]
    async with services.db.session() as session:
        with pytest.raises(UserError) as refused:
            await publish_question(
                services,
                slack.adapter,
                session,
                publisher=gerrit,
                asker=None,
                group_id="sociaal-domein",
                text="Wie wil een traplift kopen?",
            )
    assert refused.value.key == "publish.not_shared"
    assert not [c for c in slack.mock.of("chat.postMessage") if c.args["channel"] == SOCIAAL]
