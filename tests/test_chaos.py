"""A short run of the chaos test (benchmarks/chaos.py has the long one): ``vraagbaak run`` on
PostgreSQL, killed with SIGKILL twice while mail and Slack commands stream in, and started
again; nothing posted, answered or mailed twice, nothing lost."""

from __future__ import annotations

import pytest

from tests.support.chaos_world import Options, run_chaos


@pytest.mark.postgres
async def test_killed_twice_nothing_lost_nothing_twice(postgres_server: str) -> None:
    options = Options(
        rounds=2,
        min_up=2.5,
        max_up=4.0,
        mail_every=0.6,
        command_every=0.15,
        settle=60.0,
        seed=3,
        admin_url=postgres_server,
    )
    report = await run_chaos(options)
    summary = "\n".join(report.lines())
    assert report.kills == 2, summary
    assert all(t.expected > 0 for t in report.tallies[:3]), summary
    assert report.clean, summary
