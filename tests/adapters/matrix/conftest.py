"""One Synapse for the whole test session, on a free loopback port."""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.adapters.matrix.harness import BotProcess, MatrixUser, unique
from tests.adapters.matrix.synapse_server import RegisteredUser, SynapseServer
from tests.conftest import IN_CI


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SynapseServer]:
    if importlib.util.find_spec("synapse") is None:
        if IN_CI:
            pytest.fail("CI needs matrix-synapse (the dev extra) for the Matrix tests")
        pytest.skip("matrix-synapse is not installed (pip install -e '.[dev]')")
    server = SynapseServer(tmp_path_factory.mktemp("synapse"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server_admin(synapse: SynapseServer) -> RegisteredUser:
    return synapse.register("serveradmin", admin=True)


@pytest.fixture
def bot_account(synapse: SynapseServer, server_admin: RegisteredUser) -> RegisteredUser:
    """A fresh bot account per test, exempt from the message rate limit (the rate limit
    test makes its own)."""
    account = synapse.register(unique("vraagbaak"))
    synapse.exempt_from_rate_limit(server_admin, account.user_id)
    return account


@pytest.fixture
async def person(
    synapse: SynapseServer, server_admin: RegisteredUser, tmp_path: Path
) -> AsyncIterator[MatrixUser]:
    account = synapse.register(unique("anouk"))
    synapse.exempt_from_rate_limit(server_admin, account.user_id)
    user = MatrixUser(synapse, account, tmp_path / "anouk-store")
    await user.start()
    try:
        yield user
    finally:
        await user.close()


@pytest.fixture
async def matrix_bot(
    synapse: SynapseServer, bot_account: RegisteredUser, person: MatrixUser, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(synapse, bot_account, tmp_path / "bot", admins=[person.user_id])
    await process.start()
    try:
        yield process
    finally:
        await process.stop()
