"""Issue 13: roles with authority. The configuration is authoritative at every start, roles
given with ``!rol`` are revocable grants, listed with ``!rollen``, and every grant, revocation
and refused privileged command is in the audit log (``!logboek``). Partners know where they
stand."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.core.events import AccountRef, ConversationRef, MessageEvent
from bot.startup.app import Bot, build_bot
from tests.conftest import make_config
from tests.support.recording_adapter import RecordingAdapter

ROOM = ConversationRef("test", "C-1", "#algemeen")
BEHEER = AccountRef("test", "U-B", "Beheer", "beheer@harderwijk.nl")
TWEEDE = AccountRef("test", "U-T", "Tweede Beheerder", "tweede@harderwijk.nl")
BRAM = AccountRef("test", "U-BRAM", "Bram de Vries", "bram@harderwijk.nl")
GERRIT = AccountRef("test", "U-G", "Gerrit Aannemer", "gerrit@vandijkbouw.nl")
NOBODY = AccountRef("test", "U-N", "Zonder Mail")


@asynccontextmanager
async def running(url: str, admins: list[str]) -> AsyncIterator[tuple[Bot, RecordingAdapter]]:
    bot = build_bot(make_config(url, bot={"language": "nl", "admins": admins}))
    await bot.prepare()
    adapter = RecordingAdapter()
    bot.services.adapters.add(adapter)
    try:
        yield bot, adapter
    finally:
        await bot.close()


_ids = itertools.count()


def speaker(bot: Bot, adapter: RecordingAdapter) -> Callable[..., object]:
    async def say(who: AccountRef, text: str) -> str:
        before = len(adapter.sent)
        await bot.dispatcher.dispatch(adapter, MessageEvent(ROOM, f"m{next(_ids)}", who, text))
        return adapter.sent[-1].text if len(adapter.sent) > before else ""

    return say


async def test_removed_from_admins_is_no_admin_after_a_restart(database_url: str) -> None:
    async with running(database_url, ["beheer@harderwijk.nl"]) as (bot, adapter):
        say = speaker(bot, adapter)
        assert "beheerder" in await say(BEHEER, "!wiebenik")  # type: ignore[operator]
        await say(BRAM, "hallo")  # type: ignore[operator]
    async with running(database_url, ["tweede@harderwijk.nl"]) as (bot, adapter):
        say = speaker(bot, adapter)
        assert "_lid_" in await say(BEHEER, "!wiebenik")  # type: ignore[operator]
        refused = await say(BEHEER, "!rol bram@harderwijk.nl beheerder")  # type: ignore[operator]
        assert "alleen voor de rol _beheerder_" in refused
        assert "_lid_" in await say(BRAM, "!wiebenik")  # type: ignore[operator]
        await say(TWEEDE, "!logboek")  # type: ignore[operator]
        log = adapter.sent[-1]
        assert log.kind == "private"
        assert "beheer@harderwijk.nl · refused" in log.text and "!rol" in log.text


async def test_grants_are_listed_revoked_and_audited_and_survive_a_restart(
    database_url: str,
) -> None:
    admins = ["beheer@harderwijk.nl"]
    async with running(database_url, admins) as (bot, adapter):
        say = speaker(bot, adapter)
        await say(BRAM, "hallo")  # type: ignore[operator]
        given = await say(BEHEER, "!rol bram@harderwijk.nl communitymanager sociaal-domein")  # type: ignore[operator]
        assert "Bram de Vries heeft nu de rol _communitymanager_ in sociaal-domein" in given
        assert "sociaal-domein" in await say(BRAM, "!wiebenik")  # type: ignore[operator]
        # A scoped community manager may now run the manager commands (for their group).
        assert "alleen voor de rol" not in await say(BRAM, "!wachtendemail")  # type: ignore[operator]
    async with running(database_url, admins) as (bot, adapter):
        say = speaker(bot, adapter)
        await say(BEHEER, "!rollen")  # type: ignore[operator]
        listing = adapter.sent[-1].text
        assert "beheer@harderwijk.nl: _beheerder_ (configuratie)" in listing
        assert "bram@harderwijk.nl: _communitymanager_ in sociaal-domein (gegeven door" in listing
        revoked = await say(BEHEER, "!rol bram@harderwijk.nl lid")  # type: ignore[operator]
        assert "1 ingetrokken" in revoked
        await say(BEHEER, "!rollen")  # type: ignore[operator]
        assert "bram@" not in adapter.sent[-1].text
        refused = await say(BRAM, "!wachtendemail")  # type: ignore[operator]
        assert "alleen voor de rol _communitymanager_" in refused
        await say(BEHEER, "!logboek")  # type: ignore[operator]
        log = adapter.sent[-1].text
        assert "grant → bram@harderwijk.nl · community_manager in sociaal-domein" in log
        assert "revoke → bram@harderwijk.nl · community_manager in sociaal-domein" in log
        assert "bram@harderwijk.nl · refused" in log


async def test_an_admin_cannot_change_their_own_role(database_url: str) -> None:
    async with running(database_url, ["beheer@harderwijk.nl"]) as (bot, adapter):
        say = speaker(bot, adapter)
        reply = await say(BEHEER, "!rol beheer@harderwijk.nl lid")  # type: ignore[operator]
        assert "Je eigen rol verander je niet zelf" in reply


async def test_a_partner_knows_where_they_stand(database_url: str) -> None:
    async with running(database_url, ["beheer@harderwijk.nl"]) as (bot, adapter):
        say = speaker(bot, adapter)
        me = await say(GERRIT, "!wiebenik")  # type: ignore[operator]
        assert "externe partner van _Van Dijk Bouw_" in me
        help_text = await say(GERRIT, "!hulp")  # type: ignore[operator]
        assert "externe partner (Van Dijk Bouw)" in help_text
        for hidden in ("!antwoord", "!kiesgroep", "!rol", "!mailvrijgeven", "!wachtendemail"):
            assert f"`{hidden}`" not in help_text
        assert "`!wieweet`" in help_text
        refused = await say(GERRIT, "!kiesgroep 1 sociaal-domein")  # type: ignore[operator]
        assert "externe partner (Van Dijk Bouw)" in refused
        assert "sociaal-domein" not in refused and "omgevingswet" not in refused
        english = await say(GERRIT, "!choosegroup 1 x")  # type: ignore[operator]
        assert "You are an external partner here (Van Dijk Bouw)" in english
        colleague = await say(BRAM, "!hulp")  # type: ignore[operator]
        assert "`!antwoord`" in colleague and "`!rol`" not in colleague


async def test_an_account_of_no_known_organisation_is_told_it_is_treated_as_a_partner(
    database_url: str,
) -> None:
    async with running(database_url, []) as (bot, adapter):
        say = speaker(bot, adapter)
        me = await say(NOBODY, "!wiebenik")  # type: ignore[operator]
        assert "dus ik behandel je als externe partner" in me
        assert "`!antwoord`" not in await say(NOBODY, "!hulp")  # type: ignore[operator]


async def test_matrix_admins_by_user_id_are_authoritative_at_every_start(
    database_url: str,
) -> None:
    matrix = {"homeserver": "http://127.0.0.1:1", "user_id": "@vraagbaak:x.nl", "password": "pw"}
    beheer = AccountRef("matrix", "@beheer:ermelo.nl", "Beheer")
    room = ConversationRef("matrix", "!kamer:ermelo.nl", "Kamer")

    async def whoami(admins: list[str]) -> str:
        config = make_config(database_url, matrix={**matrix, "admins": admins})
        bot = build_bot(config)
        await bot.prepare()
        adapter = RecordingAdapter(platform="matrix")
        bot.services.adapters.add(adapter)
        try:
            await bot.dispatcher.dispatch(
                adapter, MessageEvent(room, f"m{next(_ids)}", beheer, "!wiebenik")
            )
            return adapter.sent[-1].text
        finally:
            await bot.close()

    await whoami([])  # first sight: the account is known from now on
    assert "_beheerder_" in await whoami(["@beheer:ermelo.nl"])
    assert "_lid_" in await whoami([])


async def test_the_audit_log_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    url = f"sqlite:///{tmp_path / 'audit.db'}"
    async with running(url, ["beheer@harderwijk.nl"]) as (bot, adapter):
        say = speaker(bot, adapter)
        await say(BRAM, "hallo")  # type: ignore[operator]
        await say(BEHEER, "!rol bram@harderwijk.nl moderator sociaal-domein")  # type: ignore[operator]
        await say(BRAM, "!rollen")  # type: ignore[operator]
    config = tmp_path / "vraagbaak.toml"
    config.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    capsys.readouterr()  # the bot's own log lines
    assert await asyncio.to_thread(main, ["audit", "--json", "--config", str(config)]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["action"], e["actor"], e["target"]) for e in entries] == [
        ("grant", "beheer@harderwijk.nl", "bram@harderwijk.nl"),
        ("refused", "bram@harderwijk.nl", None),
    ]
    assert entries[0]["detail"] == "moderator in sociaal-domein"
    assert "!rollen" in entries[1]["detail"]
