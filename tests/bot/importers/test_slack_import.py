from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from bot.importers.slack_import import import_slack_export
from bot.storage.database import Database
from bot.storage.models import Account, ChannelMember, Message, Person, Reaction, Thread
from tests.conftest import make_config
from tests.support.slack_export import ExportBuilder

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def small_export() -> ExportBuilder:
    export = ExportBuilder()
    anouk = export.user("U1", "Anouk Jansen", "anouk@ermelo.nl")
    bram = export.user("U2", "Bram de Vries", "bram@harderwijk.nl")
    gone = export.user("U3", "Oud Collega", "oud@ermelo.nl", deleted=True)
    guest = export.user("U4", "Pieter Aannemer", "pieter@vandijkbouw.nl", guest=True)
    export.user("UB", "TOPdesk", None, is_bot=True)
    sd = export.channel("C1", "sociaal-domein", [anouk, bram, gone])
    export.channel("C2", "bouw", [bram, guest])
    root = export.post(sd, anouk, T0, "Wie weet hoe de Wmo-traplift werkt?")
    reply = export.post(
        sd,
        bram,
        T0 + timedelta(minutes=30),
        "Via de <https://x.nl|regeling>",
        thread_ts=root,
        reactions={"white_check_mark": [anouk], "+1": [gone]},
    )
    export.post(sd, anouk, T0 + timedelta(minutes=40), "Dank je!", thread_ts=root)
    export.post(
        sd,
        bram,
        T0 + timedelta(minutes=45),
        "Samengevat: regeling",
        thread_ts=root,
        subtype="thread_broadcast",
    )
    export.post(
        sd,
        None,
        T0 + timedelta(hours=1),
        "Nieuw op overheid.nl",
        subtype="bot_message",
        bot_id="B1",
    )
    export.post(
        sd, guest, T0 + timedelta(hours=2), "<@U4> has joined the channel", subtype="channel_join"
    )
    export.post("bouw", guest, T0 + timedelta(days=1), "Planning blok B?", files=["planning.pdf"])
    assert reply
    return export


@pytest.mark.parametrize("as_zip", [False, True])
def test_import_builds_people_threads_and_reactions(
    database_url: str, tmp_path: Path, as_zip: bool
) -> None:
    export = small_export()
    path = (
        export.write_zip(tmp_path / "export.zip")
        if as_zip
        else export.write_folder(tmp_path / "export")
    )
    database = Database(database_url)
    database.upgrade()
    config = make_config(database_url)
    lines: list[str] = []
    report = import_slack_export(database, config, path, lines.append)
    assert report.messages_added == 6  # the join is membership, not a message
    assert report.threads_added == 3
    assert any("#sociaal-domein" in line for line in lines)
    with database.sync_session() as session:
        people = {p.email: p for p in session.exec(select(Person)).all()}
        assert people["anouk@ermelo.nl"].organisation_id == "ermelo"
        assert people["pieter@vandijkbouw.nl"].organisation_id == "vandijkbouw"
        assert people["oud@ermelo.nl"].active is False
        assert any(p.is_bot for p in people.values())
        threads = session.exec(select(Thread).order_by(Thread.created_at)).all()  # type: ignore[arg-type]
        first = threads[0]
        assert first.reply_count == 3
        assert first.first_reply_at == T0 + timedelta(minutes=30)
        bot_thread = next(t for t in threads if t.by_bot)
        assert bot_thread.author_id is None
        reply = session.exec(select(Message).where(Message.text == "Via de regeling")).one()
        keys = {
            r.key for r in session.exec(select(Reaction).where(Reaction.message_id == reply.id))
        }
        assert keys == {"white_check_mark", "+1"}
        assert session.exec(select(func.count()).select_from(ChannelMember)).one() == 6
    database.sync_engine.dispose()


def test_importing_twice_adds_nothing(database_url: str, tmp_path: Path) -> None:
    path = small_export().write_folder(tmp_path / "export")
    database = Database(database_url)
    database.upgrade()
    config = make_config(database_url)
    import_slack_export(database, config, path)
    again = import_slack_export(database, config, path)
    assert again.messages_added == 0 and again.threads_added == 0
    with database.sync_session() as session:
        assert session.exec(select(func.count()).select_from(Message)).one() == 6
        assert session.exec(select(func.count()).select_from(Account)).one() == 5
        assert session.exec(select(func.count()).select_from(Reaction)).one() == 2
    database.sync_engine.dispose()


def test_not_an_export_is_refused(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    database.upgrade()
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=r"no users\.json"):
        import_slack_export(database, make_config("sqlite://"), tmp_path / "empty")
    database.sync_engine.dispose()
