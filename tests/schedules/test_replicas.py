"""Two real ``vraagbaak run`` processes on one PostgreSQL database, on an accelerated clock
(1 real second = 2 simulated hours): every nudge is posted once, also after the leader is
killed, or paused long enough for the other replica to take over and then resumed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from bot.cli import main
from tests.conftest import _fresh_postgres_database
from tests.support.slack_export import ExportBuilder

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
AMS = ZoneInfo("Europe/Amsterdam")
CHANNELS = ["sociaal-domein", "omgevingswet", "burgerzaken"]
SPEED = 7200  # one real second is two hours
# A leader silent this long loses its lock (PostgreSQL ends its session); short for the test,
# long enough that a loaded machine does not lose it by being slow.
LEASE_SECONDS = 4


@pytest.fixture
def pg_url(postgres_server: str) -> Iterator[str]:
    yield from _fresh_postgres_database(postgres_server)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _export(folder: Path) -> Path:
    """Two unanswered questions per channel, asked on Friday 27 February at 10:00 and 10:05."""
    b = ExportBuilder()
    asker = b.user("UASK", "Vrager Een", "vrager@ermelo.nl")
    helper = b.user("UHELP", "Helper Twee", "helper@harderwijk.nl")
    for index, name in enumerate(CHANNELS):
        channel = b.channel(f"C{index}", name, [asker, helper])
        for minute in (0, 5):
            asked = datetime(2026, 2, 27, 10, minute, tzinfo=AMS)
            b.post(channel, asker, asked, f"Vraag {minute} in {name}?")
    return b.write_zip(folder / "export.zip")


def _config(folder: Path, url: str, anchor: datetime) -> Path:
    groups = "".join(f'\n[[groups]]\nid = "{n}"\nname = "{n}"\n' for n in CHANNELS)
    start = datetime(2026, 3, 2, 8, 30, tzinfo=AMS).isoformat()  # Monday 08:30
    path = folder / "vraagbaak.toml"
    path.write_text(
        f'[database]\nurl = "{url}"\nidle_in_transaction_seconds = {LEASE_SECONDS}\n\n'
        f'[bot]\nlog_format = "json"\n\n'
        f"[nudges]\ntick_seconds = 0.25\nlease_seconds = {LEASE_SECONDS}\n"
        f'clock_start = "{start}"\nclock_anchor = "{anchor.isoformat()}"\n'
        f"clock_speed = {SPEED}\n" + groups,
        encoding="utf-8",
    )
    return path


def _notices(engine_url: str) -> list[tuple[str, int]]:
    engine = create_engine(engine_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "select dedupe_key, channel_id from nudge "
                    "where kind = 'unanswered' and person_id is null order by id"
                )
            )
            return [(r[0], r[1]) for r in rows]
    finally:
        engine.dispose()


def _scalar_rows(engine_url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(engine_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def _wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


class Replicas:
    """Two ``vraagbaak run`` processes on one database, started after a Slack import."""

    def __init__(self, tmp_path: Path, pg_url: str) -> None:
        export = _export(tmp_path)
        # Simulated Monday 08:30 is some real seconds away, so both replicas are up by then
        # (on a busy machine they may start later; then the clock is simply further on).
        anchor = datetime.now(UTC) + timedelta(seconds=8)
        config = _config(tmp_path, pg_url, anchor)
        imported = main(["import", "slack-export", str(export), "--quiet", "--config", str(config)])
        assert imported == 0
        env = {**os.environ, "VRAAGBAAK_CONFIG": str(config)}
        self.pg_url = pg_url
        self.ports = [_free_port(), _free_port()]
        self.log_paths = [tmp_path / f"replica{i}.log" for i in range(2)]
        self.logs = [path.open("wb") for path in self.log_paths]
        self.processes = [
            subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--health-port", str(port)],
                env=env,
                stdout=self.logs[i],
                stderr=subprocess.STDOUT,
            )
            for i, port in enumerate(self.ports)
        ]

    def monday_notices(self) -> str:
        """Waits for Monday 09:00's notice per channel; returns the leader's name."""
        _wait_for(lambda: all(_healthy(p) for p in self.ports), 60)
        # Monday 09:00: one notice per channel (the cap: one unprompted post a day).
        _wait_for(lambda: len(_notices(self.pg_url)) >= 3, 60)
        time.sleep(1.0)  # two more simulated hours: still three
        monday = _notices(self.pg_url)
        assert len(monday) == 3 and len({c for _, c in monday}) == 3
        holder = self.holder()
        runs_before = _scalar_rows(self.pg_url, "select distinct replica from adoption_job_run")
        assert runs_before == [(holder,)]  # only the leader ran jobs
        return holder

    def holder(self) -> str:
        [(holder,)] = _scalar_rows(self.pg_url, "select holder from adoption_scheduler_lease")
        return str(holder)

    def process_of(self, holder: str) -> subprocess.Popen[bytes]:
        pid = int(holder.split(":")[1])
        return next(p for p in self.processes if p.pid == pid)

    def tuesday_notices(self) -> None:
        """The next working day the new leader posts the second question per channel."""
        _wait_for(lambda: len(_notices(self.pg_url)) >= 6, 60)
        time.sleep(1.0)
        notices = _notices(self.pg_url)
        assert len(notices) == 6
        assert len({key for key, _ in notices}) == 6  # each question noticed exactly once
        outbox = _scalar_rows(self.pg_url, "select dedupe_key from outboxitem")
        assert len(outbox) == 6 and len(set(outbox)) == 6  # and posted (queued) once

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()


def test_each_nudge_once_with_two_replicas_and_after_the_leader_dies(
    tmp_path: Path, pg_url: str
) -> None:
    replicas = Replicas(tmp_path, pg_url)
    try:
        holder = replicas.monday_notices()
        leader = replicas.process_of(holder)
        leader.send_signal(signal.SIGKILL)
        leader.wait(10)
        replicas.tuesday_notices()
        rows = _scalar_rows(pg_url, "select replica from adoption_job_run")
        runners = {r for (r,) in rows}
        assert len(runners) == 2 and holder in runners  # the survivor took over
        survivor = next(p for p in replicas.processes if p is not leader)
        assert survivor.poll() is None
    finally:
        replicas.close()


def test_a_paused_leader_is_overtaken_and_runs_nothing_when_it_resumes(
    tmp_path: Path, pg_url: str
) -> None:
    replicas = Replicas(tmp_path, pg_url)
    try:
        holder = replicas.monday_notices()
        leader = replicas.process_of(holder)
        leader.send_signal(signal.SIGSTOP)  # a hung process: its connection stays open
        _wait_for(lambda: replicas.holder() != holder, LEASE_SECONDS * 6)
        replicas.tuesday_notices()
        new_holder = replicas.holder()
        leader.send_signal(signal.SIGCONT)
        time.sleep(3.0)  # many ticks of the resumed process
        assert leader.poll() is None  # it goes on serving, as a follower
        replicas.tuesday_notices()  # still six notices, each once
        runs = _scalar_rows(
            pg_url, "select replica, started_at from adoption_job_run order by started_at"
        )
        first_new = min(started for replica, started in runs if replica == new_holder)
        # No job of the old leader ran after the new leader's first one.
        assert all(started <= first_new for replica, started in runs if replica == holder)
        assert replicas.holder() == new_holder
        log = replicas.log_paths[replicas.processes.index(leader)].read_text()
        assert "lost the jobs' leadership" in log
    finally:
        replicas.close()
