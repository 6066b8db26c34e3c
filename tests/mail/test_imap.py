"""IMAP intake against a real Dovecot on loopback (a private instance, its own config dir)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from imap_tools import AND, MailBoxUnencrypted
from sqlmodel import select

from bot.core.config import MailSection
from bot.mail.intake_imap import Fetched, IMAPPoller
from bot.startup.app import Bot
from bot.storage.mail_models import InboundEmail
from tests.mail import mails

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "vraagbaak", "test-secret"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def dovecot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    if not Path(DOVECOT).exists():
        reason = "dovecot is not installed (Debian package dovecot-imapd)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Dovecot: {reason}")
        pytest.skip(reason)
    # A world-traversable folder: Dovecot's login processes run as an unprivileged user.
    base = Path(tempfile.mkdtemp(prefix="vraagbaak-dovecot-"))
    base.chmod(0o755)
    port = _free_port()
    uid, gid = os.getuid(), os.getgid()
    login_user = internal_user = pwd.getpwuid(uid).pw_name
    if uid == 0:  # Dovecot refuses to run its login and mail processes as root
        login_user, internal_user = "dovenull", "dovecot"
        uid, gid = pwd.getpwnam("dovecot").pw_uid, pwd.getpwnam("dovecot").pw_gid
        (base / "home").mkdir()
        os.chown(base / "home", uid, gid)
    (base / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    (base / "dovecot.conf").write_text(
        f"""
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = {uid}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/home/%u
}}
mail_location = maildir:{base}/home/%u/Maildir
"""
    )
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(base / "dovecot.conf")])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.terminate()
        log = (base / "dovecot.log").read_text() if (base / "dovecot.log").exists() else ""
        pytest.fail(f"dovecot did not start: {log[-2000:]}")
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(base, ignore_errors=True)


def _imap_settings(bot: Bot, port: int) -> MailSection:
    return bot.services.config.mail.model_copy(
        update={
            "imap_host": "127.0.0.1",
            "imap_port": port,
            "imap_username": USER,
            "imap_password": PASSWORD,
            "imap_ssl": False,
        }
    )


async def test_imap_poll_stores_then_marks_seen(bot: Bot, dovecot: int) -> None:
    question = mails.plain("Hoe werkt de Wmo?", subject="Wmo via IMAP")
    with MailBoxUnencrypted("127.0.0.1", port=dovecot).login(USER, PASSWORD) as box:
        box.append(bytes(question), "INBOX")
    settings = _imap_settings(bot, dovecot)
    poller = IMAPPoller(bot.services.db, settings)
    try:
        assert await poller.poll_once() == 1
        assert await poller.poll_once() == 0  # seen now: not fetched again
    finally:
        await poller.close()
    async with bot.services.db.session() as session:
        stored = (await session.exec(select(InboundEmail))).all()
    assert len(stored) == 1 and stored[0].source == "imap"
    assert stored[0].message_id == question["Message-ID"]
    with MailBoxUnencrypted("127.0.0.1", port=dovecot).login(USER, PASSWORD) as box:
        assert list(box.fetch(AND(seen=False), mark_seen=False)) == []


async def test_imap_idle_picks_up_new_mail_quickly(bot: Bot, dovecot: int) -> None:
    """Dovecot offers IDLE: a new message is stored within seconds, long before the next
    IDLE timeout would have ended the wait."""
    settings = _imap_settings(bot, dovecot)
    poller = IMAPPoller(bot.services.db, settings, idle_seconds=60, poll_seconds=60)
    async with _running(poller):
        await asyncio.sleep(1.0)  # first round done, now waiting in IDLE
        question = mails.plain("Nieuwe vraag tijdens IDLE", subject="IDLE")
        with MailBoxUnencrypted("127.0.0.1", port=dovecot).login(USER, PASSWORD) as box:
            box.append(bytes(question), "INBOX")
        await _wait_until_stored(bot, question["Message-ID"], seconds=15)


@contextlib.asynccontextmanager
async def _running(poller: IMAPPoller) -> AsyncIterator[None]:
    """The poller's loop as the bot runs it, stopped and closed afterwards."""
    task = asyncio.create_task(poller.run_forever())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await poller.close()


async def _wait_until_stored(bot: Bot, message_id: str, *, seconds: float) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        async with bot.services.db.session() as session:
            found = (
                await session.exec(
                    select(InboundEmail).where(InboundEmail.message_id == message_id)
                )
            ).first()
        if found is not None:
            return
        assert asyncio.get_running_loop().time() < deadline, "the new mail was not picked up"
        await asyncio.sleep(0.2)


class _MailArrivesDuringFetch(IMAPPoller):
    """A mail lands while the poller's fetch command runs: the server announces it in that
    command's response, before the poller starts IDLE."""

    def __init__(self, *args: object, late_mail: bytes, port: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.late_mail: bytes | None = late_mail
        self.port = port

    def _fetch_unseen(self) -> list[Fetched]:
        found = super()._fetch_unseen()
        if self.late_mail is not None:
            with MailBoxUnencrypted("127.0.0.1", port=self.port).login(USER, PASSWORD) as box:
                box.append(self.late_mail, "INBOX")
            self.late_mail = None
            self._box.client.noop()  # the server's announcement arrives with this response
        return found


async def test_mail_announced_before_idle_is_not_left_waiting(bot: Bot, dovecot: int) -> None:
    """A mail that arrived between the fetch and the start of IDLE is fetched at once, not after
    the IDLE timeout (a minute in production)."""
    settings = _imap_settings(bot, dovecot)
    question = mails.plain("Vraag die binnenkwam tijdens het ophalen", subject="Tussendoor")
    poller = _MailArrivesDuringFetch(
        bot.services.db,
        settings,
        idle_seconds=60,
        poll_seconds=60,
        late_mail=bytes(question),
        port=dovecot,
    )
    async with _running(poller):
        await _wait_until_stored(bot, question["Message-ID"], seconds=10)


def test_a_repeated_message_count_does_not_keep_the_poller_from_idle() -> None:
    """Servers may repeat the mailbox's size with any response: only a higher count than the
    last one announced means new mail (otherwise the poller would search without pause)."""
    poller = IMAPPoller(None, None)  # type: ignore[arg-type]  # only the bookkeeping is used
    assert not poller._mailbox_grew({"EXISTS": [b"4"]})  # the size at selection
    assert not poller._mailbox_grew({"EXISTS": [b"4"], "RECENT": [b"0"]})
    assert not poller._mailbox_grew({})
    assert poller._mailbox_grew({"EXISTS": [b"4", b"5"]})
    assert not poller._mailbox_grew({"EXISTS": [b"5"]})
    assert poller._mailbox_grew({"EXISTS": [b"6"]})
    assert not poller._mailbox_grew({"EXISTS": [b"3"]})  # mail deleted elsewhere
