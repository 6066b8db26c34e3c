"""Two real ``vraagbaak run`` processes on one PostgreSQL database, on an accelerated clock
(1 real second = 2 simulated hours): every nudge is posted once, also after the leader is
killed and the other replica takes over."""

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
        f'[database]\nurl = "{url}"\n\n[bot]\nlog_format = "json"\n\n'
        f"[nudges]\ntick_seconds = 0.25\nlease_seconds = 1.5\n"
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


def test_each_nudge_once_with_two_replicas_and_after_the_leader_dies(
    tmp_path: Path, pg_url: str
) -> None:
    export = _export(tmp_path)
    # Simulated Monday 08:30 is some real seconds away, so both replicas are up by then
    # (on a busy machine they may start later; then the clock is simply further on).
    anchor = datetime.now(UTC) + timedelta(seconds=8)
    config = _config(tmp_path, pg_url, anchor)
    assert main(["import", "slack-export", str(export), "--quiet", "--config", str(config)]) == 0

    env = {**os.environ, "VRAAGBAAK_CONFIG": str(config)}
    ports = [_free_port(), _free_port()]
    logs = [(tmp_path / f"replica{i}.log").open("wb") for i in range(2)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", "--health-port", str(port)],
            env=env,
            stdout=logs[i],
            stderr=subprocess.STDOUT,
        )
        for i, port in enumerate(ports)
    ]
    try:
        _wait_for(lambda: all(_healthy(p) for p in ports), 60)
        # Monday 09:00: one notice per channel (the cap: one unprompted post a day).
        _wait_for(lambda: len(_notices(pg_url)) >= 3, 60)
        time.sleep(1.0)  # two more simulated hours: still three
        monday = _notices(pg_url)
        assert len(monday) == 3 and len({c for _, c in monday}) == 3

        [(holder,)] = _scalar_rows(pg_url, "select holder from adoption_scheduler_lease")
        leader_pid = int(str(holder).split(":")[1])
        leader = next(p for p in processes if p.pid == leader_pid)
        survivor = next(p for p in processes if p.pid != leader_pid)
        runs_before = _scalar_rows(pg_url, "select distinct replica from adoption_job_run")
        assert runs_before == [(holder,)]  # only the leader ran jobs
        leader.send_signal(signal.SIGKILL)
        leader.wait(10)

        # The next working day the survivor, now leader, posts the second question per channel.
        _wait_for(lambda: len(_notices(pg_url)) >= 6, 60)
        time.sleep(1.0)
        notices = _notices(pg_url)
        assert len(notices) == 6
        assert len({key for key, _ in notices}) == 6  # each question noticed exactly once
        outbox = _scalar_rows(pg_url, "select dedupe_key from outboxitem")
        assert len(outbox) == 6 and len(set(outbox)) == 6  # and posted (queued) once
        replicas = {r for (r,) in _scalar_rows(pg_url, "select replica from adoption_job_run")}
        assert len(replicas) == 2 and holder in replicas  # the survivor took over
        assert survivor.poll() is None
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
