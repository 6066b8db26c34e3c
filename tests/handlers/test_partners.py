"""Issue 13: what a partner (Van Dijk Bouw, in the shared #bouw) reads, and what colleagues
read where a partner reads along. Built on the who-knows export: Bram (Harderwijk) answers
leerlingenvervoer in the internal #sociaal-domein and shares #bouw with Gerrit (Van Dijk Bouw),
who answers bouwverkeer there."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.core.events import AccountRef, ConversationRef, MessageEvent
from bot.expertise.build_io import build_index
from bot.importers.slack_import import import_slack_export
from bot.startup.app import Bot
from tests.handlers.test_whoknows import ANOUK, BRAM, say
from tests.support.recording_adapter import RecordingAdapter
from tests.support.whoknows_export import END, write_export

GERRIT = AccountRef("slack", "U07", "Gerrit Aannemer", "gerrit@vandijkbouw.nl")
BOUW = ConversationRef("slack", "C5", "#bouw")
INTERNAL_CHANNELS = ("#sociaal-domein", "#omgevingswet", "#inkoop", "#financien")
INTERNAL_PEOPLE = ("Fleur", "Karin", "Carla", "Daan", "Hans", "Lotte", "Anouk")


@pytest.fixture
def bot_clock() -> ManualClock:
    return ManualClock(END)


@pytest.fixture
async def slack(bot: Bot, tmp_path: Path) -> RecordingAdapter:
    import_slack_export(bot.services.db, bot.services.config, write_export(tmp_path))
    build_index(bot.services.db, bot.services.config.whoknows.half_life_days)
    adapter = RecordingAdapter(platform="slack")
    bot.services.adapters.add(adapter)
    return adapter


def in_bouw(text: str, sender: AccountRef) -> MessageEvent:
    return replace(say(text, sender), conversation=BOUW)


def direct(text: str, sender: AccountRef) -> MessageEvent:
    dm = ConversationRef("slack", f"D{sender.external_id}", "", is_direct=True)
    return replace(say(text, sender), conversation=dm)


def assert_nothing_internal(text: str) -> None:
    for name in INTERNAL_CHANNELS + INTERNAL_PEOPLE:
        assert name not in text, f"{name!r} leaked into: {text}"


@pytest.mark.parametrize(
    "topic", ["leerlingenvervoer", "Wmo huishoudelijke hulp", "bestemmingsplan", "aanbesteding"]
)
async def test_a_partner_asking_directly_learns_nothing_internal(
    bot: Bot, slack: RecordingAdapter, topic: str
) -> None:
    await bot.dispatcher.dispatch(slack, direct(f"!wieweet {topic}", GERRIT))
    reply = slack.sent[-1].text
    assert_nothing_internal(reply)
    # Bram shares #bouw with him, but his leerlingenvervoer is internal knowledge.
    assert "Bram" not in reply
    assert "Ik vind niemand" in reply


async def test_a_colleague_asking_in_the_shared_channel_is_answered_for_the_partner_too(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, in_bouw("!wieweet leerlingenvervoer", BRAM))
    reply = slack.sent[-1].text
    assert_nothing_internal(reply)
    assert "Ik vind niemand" in reply
    # The same question in a direct message is answered in full for Bram alone.
    await bot.dispatcher.dispatch(slack, direct("!wieweet leerlingenvervoer", ANOUK))
    alone = slack.sent[-1].text
    assert "Bram de Vries" in alone and "#sociaal-domein" in alone


async def test_shared_knowledge_is_named_with_shared_evidence_only(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, in_bouw("!wieweet bouwverkeer", BRAM))
    reply = slack.sent[-1].text
    assert "**Gerrit Aannemer** (Van Dijk Bouw)" in reply
    assert "in #bouw" in reply
    assert_nothing_internal(reply)


async def test_colleagues_are_not_told_about_a_partner_they_share_nothing_with(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, direct("!wieweet bouwverkeer", ANOUK))
    assert "Gerrit" not in slack.sent[-1].text
