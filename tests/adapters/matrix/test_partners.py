"""Issue 13 on a real Synapse: Matrix accounts get their organisation from ``matrix_ids``
patterns (the partner on a pattern of its own on a shared homeserver), an account no pattern
places is treated as a partner, and answers in a shared room are built for the partner who
reads them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.adapters.matrix.harness import BotProcess, MatrixUser, unique
from tests.adapters.matrix.synapse_server import SERVER_NAME, RegisteredUser, SynapseServer

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "id": "harderwijk",
        "name": "Gemeente Harderwijk",
        "domains": ["harderwijk.nl"],
        "matrix_ids": [f"@*:{SERVER_NAME}"],
    },
    {
        "id": "vandijkbouw",
        "name": "Van Dijk Bouw",
        "domains": ["vandijkbouw.nl"],
        "external": True,
        "matrix_ids": [f"@gerrit*:{SERVER_NAME}"],
    },
]


async def _user(
    synapse: SynapseServer, admin: RegisteredUser, tmp_path: Path, name: str
) -> MatrixUser:
    account = synapse.register(unique(name))
    synapse.exempt_from_rate_limit(admin, account.user_id)
    user = MatrixUser(synapse, account, tmp_path / f"{name}-store")
    await user.start()
    return user


@pytest.fixture
async def people(
    synapse: SynapseServer, server_admin: RegisteredUser, tmp_path: Path
) -> AsyncIterator[dict[str, MatrixUser]]:
    found = {n: await _user(synapse, server_admin, tmp_path, n) for n in ("bram", "gerrit")}
    try:
        yield found
    finally:
        for user in found.values():
            await user.close()


@pytest.fixture
async def partner_bot(
    synapse: SynapseServer, bot_account: RegisteredUser, person: MatrixUser, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(
        synapse,
        bot_account,
        tmp_path / "bot",
        admins=[person.user_id],
        organisations=ORGANISATIONS,
    )
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


def bodies(user: MatrixUser, event_id: str, bot_id: str) -> str:
    return "\n".join(a["content"]["body"] for a in user.answers_to(event_id, bot_id))


async def room_with(owner: MatrixUser, bot: BotProcess, name: str, *others: MatrixUser) -> str:
    bot_id = bot.settings.user_id
    room_id = await owner.create_room(name, [bot_id, *(o.user_id for o in others)])
    for user in (owner, *others):
        await user.wait_for(lambda u=user: room_id in u.client.rooms)  # type: ignore[misc]
    await owner.wait_for(lambda: room_id in bot.adapter.client.rooms)
    for user in others:
        await owner.wait_for(
            lambda u=user: u.user_id in owner.client.rooms[room_id].users  # type: ignore[misc]
        )
    return room_id


async def ask(user: MatrixUser, room_id: str, text: str, bot: BotProcess) -> str:
    bot_id = bot.settings.user_id
    event = await user.say(room_id, text)
    await user.wait_for(lambda: bool(user.answers_to(event, bot_id)), within=30)
    return bodies(user, event, bot_id)


async def test_a_partner_on_a_shared_homeserver_is_external_and_learns_nothing_internal(
    person: MatrixUser, people: dict[str, MatrixUser], partner_bot: BotProcess
) -> None:
    anouk, bram, gerrit = person, people["bram"], people["gerrit"]
    internal = await room_with(anouk, partner_bot, "Sociaal domein", bram)
    assert "Sociaal domein" in await ask(anouk, internal, "!koppel sociaal-domein", partner_bot)
    question = await anouk.say(internal, "Hoe werkt de traplift-indicatie voor de Wmo?")
    await bram.wait_for(lambda: any(e.get("event_id") == question for _r, e in bram.events))
    await bram.say(
        internal,
        "De traplift-indicatie vraag je aan via het Wmo-loket; een ergotherapeut komt langs.",
        **{"m.relates_to": {"rel_type": "m.thread", "event_id": question}},
    )
    shared = await room_with(anouk, partner_bot, "Bouw stationsgebied", bram, gerrit)
    await bram.say(shared, "Goedemorgen allemaal")

    # A colleague alone in the internal room hears of Bram; the same question in the room
    # the partner reads (he never spoke there: the room's member list says he reads it), or
    # by the partner himself, names nobody and no internal room.
    bram_name = bram.user_id[1:].split(":")[0]
    alone = await ask(anouk, internal, "!wieweet traplift", partner_bot)
    assert bram_name in alone and "#sociaal-domein" in alone and "Harderwijk" in alone
    for asker in (anouk, gerrit):
        read_by_partner = await ask(asker, shared, "!wieweet traplift", partner_bot)
        assert "Ik vind niemand" in read_by_partner
        assert bram_name not in read_by_partner and "sociaal" not in read_by_partner.lower()

    # The partner knows where he stands, on Matrix too (it used to say nothing of the kind).
    help_text = await ask(gerrit, shared, "!hulp", partner_bot)
    assert "externe partner (Van Dijk Bouw)" in help_text
    assert "!antwoord" not in help_text and "!kiesgroep" not in help_text
    refused = await ask(gerrit, shared, "!kiesgroep 1 sociaal-domein", partner_bot)
    assert "externe partner (Van Dijk Bouw)" in refused


async def test_a_matrix_account_no_pattern_places_is_treated_as_a_partner(
    synapse: SynapseServer,
    bot_account: RegisteredUser,
    person: MatrixUser,
    people: dict[str, MatrixUser],
    tmp_path: Path,
) -> None:
    only_anouk = [dict(ORGANISATIONS[0], matrix_ids=[f"@anouk*:{SERVER_NAME}"])]
    process = BotProcess(
        synapse, bot_account, tmp_path / "bot2", admins=[person.user_id], organisations=only_anouk
    )
    await process.start()
    try:
        bram = people["bram"]
        room = await room_with(person, process, "Overleg", bram)
        assert "externe partner" not in await ask(person, room, "!hulp", process)
        unknown = await ask(bram, room, "!hulp", process)
        assert "externe partner (onbekende organisatie)" in unknown
        assert "!antwoord" not in unknown
    finally:
        await process.stop()


async def test_verified_e_mail_addresses_from_the_homeserver_place_accounts(
    synapse: SynapseServer,
    server_admin: RegisteredUser,
    person: MatrixUser,
    people: dict[str, MatrixUser],
    tmp_path: Path,
) -> None:
    """``verified_emails = true``: no ``matrix_ids`` at all; the partner is placed by the
    e-mail address the homeserver validated (the bot's account is a server administrator)."""
    bram, gerrit = people["bram"], people["gerrit"]
    synapse.set_email(server_admin, bram.user_id, "bram@harderwijk.nl")
    synapse.set_email(server_admin, gerrit.user_id, "gerrit@vandijkbouw.nl")
    admin_bot = synapse.register(unique("vraagbaak"), admin=True)
    synapse.exempt_from_rate_limit(server_admin, admin_bot.user_id)
    process = BotProcess(
        synapse, admin_bot, tmp_path / "bot3", admins=[person.user_id], verified_emails=True
    )
    await process.start()
    try:
        room = await room_with(person, process, "Overleg", bram, gerrit)
        partner = await ask(gerrit, room, "!hulp", process)
        assert "externe partner (Van Dijk Bouw)" in partner
        colleague = await ask(bram, room, "!hulp", process)
        assert "externe partner" not in colleague and "!antwoord" in colleague
        # Anouk has no address and no pattern places her: treated as a partner, told so.
        assert "externe partner (onbekende organisatie)" in await ask(
            person, room, "!hulp", process
        )
    finally:
        await process.stop()
