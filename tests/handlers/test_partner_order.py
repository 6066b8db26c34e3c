"""Issue 13: for readers that include a partner, the order of the people named follows the
evidence those readers can see. Bram answered about damwanden six times in an internal channel
and once in the shared #bouw; Sanne three times in #bouw. In #bouw, Sanne comes first: ranking
by all evidence would put Bram first and so tell the partner that Bram knows more elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.core.events import AccountRef, ConversationRef, MessageEvent
from bot.expertise.build_io import build_index
from bot.importers.slack_import import import_slack_export
from bot.startup.app import Bot
from tests.handlers.test_whoknows import say
from tests.support.recording_adapter import RecordingAdapter
from tests.support.slack_export import ExportBuilder

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
GERRIT = AccountRef("slack", "U01", "Gerrit Aannemer", "gerrit@vandijkbouw.nl")
ANOUK = AccountRef("slack", "U04", "Anouk Jansen", "anouk@ermelo.nl")
BOUW = ConversationRef("slack", "C5", "#bouw")


def _export(folder: Path) -> Path:
    b = ExportBuilder()
    gerrit = b.user("U01", "Gerrit Aannemer", "gerrit@vandijkbouw.nl", guest=True)
    bram = b.user("U02", "Bram de Vries", "bram@harderwijk.nl")
    sanne = b.user("U03", "Sanne Groot", "sanne@ermelo.nl")
    anouk = b.user("U04", "Anouk Jansen", "anouk@ermelo.nl")
    b.channel("C1", "omgevingswet", [bram, sanne, anouk])
    b.channel("C5", "bouw", [gerrit, bram, sanne, anouk])

    def thread(channel: str, when: datetime, asker: str, expert: str) -> None:
        root = b.post(channel, asker, when, "Hoe diep moeten de damwanden bij de bouwput?")
        b.post(
            channel,
            expert,
            when + timedelta(minutes=30),
            "Damwanden gaan hier tot acht meter; de damwanden worden eerst gesondeerd.",
            thread_ts=root,
            reactions={"white_check_mark": [asker]},
        )

    for n in range(6):
        thread("omgevingswet", START + timedelta(days=7 * n), anouk, bram)
    thread("bouw", START + timedelta(days=50), gerrit, bram)
    for n in range(3):
        thread("bouw", START + timedelta(days=60 + 7 * n), gerrit, sanne)
    return b.write_folder(folder / "export")


@pytest.fixture
def bot_clock() -> ManualClock:
    return ManualClock(END)


@pytest.fixture
async def slack(bot: Bot, tmp_path: Path) -> RecordingAdapter:
    import_slack_export(bot.services.db, bot.services.config, _export(tmp_path))
    build_index(bot.services.db, bot.services.config.whoknows.half_life_days)
    adapter = RecordingAdapter(platform="slack")
    bot.services.adapters.add(adapter)
    return adapter


def _in(conversation: ConversationRef, text: str, sender: AccountRef) -> MessageEvent:
    return replace(say(text, sender), conversation=conversation)


async def test_the_order_follows_the_evidence_the_partner_can_see(
    bot: Bot, slack: RecordingAdapter
) -> None:
    dm = ConversationRef("slack", "DU04", "", is_direct=True)
    await bot.dispatcher.dispatch(slack, _in(dm, "!wieweet damwanden", ANOUK))
    alone = slack.sent[-1].text
    assert alone.index("Bram de Vries") < alone.index("Sanne Groot")  # all evidence

    await bot.dispatcher.dispatch(slack, _in(BOUW, "!wieweet damwanden", ANOUK))
    shared = slack.sent[-1].text
    assert shared.index("Sanne Groot") < shared.index("Bram de Vries")  # what #bouw shows
    assert "#omgevingswet" not in shared
