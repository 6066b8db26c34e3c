"""Hand-computed figures for a small export of our own that touches every definition.

Times are UTC; Amsterdam is UTC+1 in January. The expected numbers are worked out in the
comments next to the messages that produce them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from tests.stats.conftest import run_stats, write_config
from tests.support.slack_export import ExportBuilder


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, second, tzinfo=UTC)


def build_export(folder: Path) -> Path:
    b = ExportBuilder()
    anna = b.user("UANNA", "Anna Ermelo", "anna@ermelo.nl")
    bram = b.user("UBRAM", "Bram Harderwijk", "bram@harderwijk.nl")
    cor = b.user("UCOR", "Cor Harderwijk", "cor@harderwijk.nl")
    dirk = b.user("UDIRK", "Dirk Ermelo", "dirk@ermelo.nl")
    eva = b.user("UEVA", "Eva Bouw", "eva@vandijkbouw.nl", guest=True)
    fleur = b.user("UFLEUR", "Fleur Weg", "fleur@ermelo.nl", deleted=True)
    gijs = b.user("UGIJS", "Gijs Kijker", "gijs@harderwijk.nl")
    robot = b.user("UROBOT", "Herinneringsbot", None, is_bot=True)
    slackbot = b.user("USLACKBOT", "Slackbot", None)
    everyone = [anna, bram, cor, dirk, eva, fleur, gijs, robot]
    sd = b.channel("C1", "sociaal-domein", everyone)
    ow = b.channel("C2", "omgevingswet", [anna, eva])
    general = b.channel("C3", "algemeen", everyone)

    # A join is not a message: Gijs never posts and is no active poster.
    b.post(sd, gijs, at(5, 8), "<@UGIJS> has joined the channel", subtype="channel_join")
    # T0: Sunday 23:30 UTC is Monday 00:30 in Amsterdam, so ISO week 2 (not week 1).
    b.post(sd, dirk, at(4, 23, 30), "Heeft iemand een sjabloon voor de Wmo-beschikking?")
    # T1: answered by Bram after 0.5 h (Anna's own follow-up is no answer); accepted by Anna
    # with white_check_mark on Bram's reply. Cross-org: Bram and Cor are harderwijk.nl.
    t1 = b.post(sd, anna, at(5, 10), "Wie weet hoe de traplift-indicatie werkt?")
    b.post(sd, anna, at(5, 10, 10), "Het gaat om een spoedaanvraag.", thread_ts=t1)
    b.post(
        sd,
        bram,
        at(5, 10, 30),
        "Via het Wmo-loket.",
        thread_ts=t1,
        reactions={"white_check_mark": [anna]},
    )
    b.post(sd, cor, at(5, 11), "En vraag een HbH-indicatie erbij.", thread_ts=t1)
    # T2: first answer exactly 24 h later: inside "within 24 h". A check mark on the parent
    # and another check-mark emoji on the reply do not count as acceptance.
    t2 = b.post(
        sd,
        bram,
        at(6, 9),
        "Hoe lang is de wachtlijst jeugdzorg?",
        reactions={"white_check_mark": [bram]},
    )
    b.post(
        sd,
        dirk,
        at(7, 9),
        "Bij ons zes weken.",
        thread_ts=t2,
        reactions={"heavy_check_mark": [bram]},
    )
    # T3: answered 24 h and 1 s later: outside. A check mark by someone other than the author
    # is no acceptance. Bram and Cor are the same organisation.
    t3 = b.post(sd, cor, at(6, 12), "Kostendelersnorm bij inwonende student?")
    b.post(
        sd,
        bram,
        at(7, 12, 0, 1),
        "Telt niet mee tot 27 jaar.",
        thread_ts=t3,
        reactions={"white_check_mark": [dirk]},
    )
    # T4: only bots reply: not answered, and it stays open without a (human) reply.
    t4 = b.post(sd, dirk, at(8, 10), "Iemand ervaring met het nieuwe pgb-portaal?")
    b.post(sd, robot, at(8, 10, 5), "Herinnering: deel je kennis!", thread_ts=t4)
    b.post(sd, slackbot, at(8, 10, 6), "Slackbot zegt hallo", thread_ts=t4)
    # T5: the guest's question is answered by a broadcast reply (a reply, not a new thread),
    # which she accepts. ermelo.nl answers vandijkbouw.nl: cross-org.
    t5 = b.post(sd, eva, at(8, 14), "Wanneer is de schuldhulp-intake?")
    b.post(
        sd,
        anna,
        at(8, 15),
        "Elke dinsdag.",
        thread_ts=t5,
        subtype="thread_broadcast",
        reactions={"white_check_mark": [eva]},
    )
    # A bot's post is no thread, but the human who replies under it is an active poster.
    t6 = b.post(sd, robot, at(9, 8), "Wekelijkse vraag: wat heb je geleerd?", bot_id="B1")
    b.post(sd, fleur, at(9, 9), "Veel over leerlingenvervoer.", thread_ts=t6)
    # A legacy integration's message without a user is a bot message.
    b.post(sd, None, at(9, 8, 30), "Build geslaagd", subtype="bot_message", bot_id="B2")
    # Week 3 (12-18 January) stays empty. T7: the deactivated Fleur asks, Anna (same
    # organisation) answers after 2 h.
    t7 = b.post(sd, fleur, at(19, 10), "Waar staat het formulier loonkostensubsidie?")
    b.post(sd, anna, at(19, 12), "Op het intranet.", thread_ts=t7)
    # T9 in omgevingswet: Eva (another organisation) answers Anna after 3 h. Only two people
    # take part in this group, so its figures are hidden.
    t9 = b.post(ow, anna, at(20, 10), "Wie kent de DSO-koppeling?")
    b.post(ow, eva, at(20, 13), "Wij, via de leverancier.", thread_ts=t9)
    # #algemeen is ignored for the figures.
    tg = b.post(general, bram, at(5, 9), "Goedemorgen allemaal!")
    b.post(general, cor, at(5, 9, 5), "Morgen!", thread_ts=tg)
    return b.write_zip(folder / "export.zip")


@pytest.fixture
def config_path(tmp_path: Path, database_url: str) -> Path:
    config = write_config(tmp_path, database_url)
    export = build_export(tmp_path)
    assert main(["import", "slack-export", str(export), "--quiet", "--config", str(config)]) == 0
    return config


def test_figures_follow_every_definition(
    config_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_stats(capsys, "--config", str(config_path))

    assert result["by_channel"]["sociaal-domein"] == {
        "threads": 7,  # T0, T1, T2, T3, T4, T5, T7
        "answered": 5,  # T1, T2, T3, T5, T7
        "answered_within_24h": 4,  # not T3 (24 h + 1 s)
        "median_hours_to_first_response": 2.0,  # 0.5, 1, 2, 24, 24.0003
        "accepted": 2,  # T1, T5
        "active_posters": 6,  # Anna, Bram, Cor, Dirk, Eva, Fleur
        "cross_org_answer_share": 0.6667,  # 4 of 6: Bram, Cor, Dirk, Anna→Eva across
    }
    overall: dict[str, Any] = result["overall"]
    assert {k: v for k, v in overall.items() if k != "weekly_active_posters"} == {
        "threads": 8,
        "answered": 6,
        "answered_within_24h": 5,
        "median_hours_to_first_response": 2.5,  # even count: (2 + 3) / 2
        "accepted": 2,
        "active_posters": 6,
        "cross_org_answer_share": 0.7143,  # 5 of 7
    }
    assert overall["weekly_active_posters"] == [
        {"week": "2026-W02", "count": 6},
        {"week": "2026-W03", "count": 0},  # a week with nobody is still listed
        {"week": "2026-W04", "count": None},  # Anna, Eva, Fleur: fewer than 5, hidden
    ]
    assert set(result["by_channel"]) == {"sociaal-domein", "omgevingswet"}


def test_a_group_about_fewer_than_five_people_is_hidden(
    config_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_stats(capsys, "--config", str(config_path))

    assert result["hidden"] == ["omgevingswet"]
    assert set(result["by_channel"]["omgevingswet"].values()) == {None}
    assert set(result["extra"]["by_channel"]["omgevingswet"].values()) == {None}


def test_extra_figures(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_stats(capsys, "--config", str(config_path))

    extra = result["extra"]["by_channel"]["sociaal-domein"]
    # Working hours (9-17 Amsterdam): 0.5, 1, 2, 8 (Tue 10:00 → Wed 10:00), 8.0003.
    assert extra["median_working_hours_to_first_response"] == 2.0
    assert extra["open_without_reply"] == 2  # T0, and T4 that only bots answered
    assert extra["email_question_share"] == 0.0
    # Every pair of organisations here involves fewer than five people: none is listed.
    assert extra["organisation_pairs"] == []
    assert extra["organisation_pairs_hidden"] == 3


def test_period_and_group_filters(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_stats(capsys, "--config", str(config_path), "--to", "2026-01-09")

    assert result["overall"]["threads"] == 6  # T0-T5; T7 and T9 are later
    assert result["overall"]["weekly_active_posters"] == [{"week": "2026-W02", "count": 6}]
    assert result["period"] == {"from": None, "to": "2026-01-09", "timezone": "Europe/Amsterdam"}

    only = run_stats(capsys, "--config", str(config_path), "--group", "sociaal-domein")
    assert list(only["by_channel"]) == ["sociaal-domein"]
    assert only["overall"]["threads"] == 7


def test_unknown_group_and_bad_dates_get_a_clear_message(
    config_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--json", "--config", str(config_path), "--group", "nope"]) == 1
    assert "unknown group 'nope'" in capsys.readouterr().err
    assert (
        main(["stats", "--config", str(config_path), "--from", "2026-02-01", "--to", "2026-01-01"])
        == 1
    )
    assert "--to lies before --from" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["stats", "--config", str(config_path), "--from", "gisteren"])
    assert "is not a date" in capsys.readouterr().err


def test_an_empty_database_is_named_not_read_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``vraagbaak stats`` in the demo's folder without --config reads the default database,
    which is empty: it says so, and where the demo keeps its conversations."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vraagbaak-data").mkdir()
    (tmp_path / "vraagbaak-data" / "demo.db").write_bytes(b"")
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'leeg.db'}")
    result = run_stats(capsys, "--config", str(config))  # the JSON on stdout stays whole
    assert result["overall"]["threads"] == 0
    assert main(["stats", "--config", str(config)]) == 0
    warning = capsys.readouterr().err
    assert "leeg.db bevat nog geen berichten" in warning
    assert "VRAAGBAAK_DATABASE__URL=sqlite:///vraagbaak-data/demo.db vraagbaak stats" in warning


def test_a_database_with_messages_gets_no_warning(
    config_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["stats", "--json", "--config", str(config_path)]) == 0
    assert "geen berichten" not in capsys.readouterr().err
