"""`!doel` targets and the monthly report (text, PNG chart, CSV) in the report room."""

from __future__ import annotations

import csv
import io

from bot.adoption.jobs.report import build_report, monthly_report
from bot.core.events import ConversationRef
from tests.schedules.conftest import OTHER_ROOM, PLATFORM, World, local

MANAGERS = ConversationRef(PLATFORM, "cm-kamer", "cm-kamer")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


async def test_goal_needs_a_community_manager_and_valid_input(world: World) -> None:
    await world.say("e1@ermelo.nl", "!doel beantwoord 80%")
    assert "alleen voor de rol _communitymanager_" in world.adapter.sent[-1].text
    await world.say("cm@harderwijk.nl", "!doel beantwoord veel")
    assert "Noem één getal als doel" in world.adapter.sent[-1].text
    await world.say("cm@harderwijk.nl", "!doel onzin 3")
    assert "Welk cijfer bedoel je?" in world.adapter.sent[-1].text
    # Issue 16: "180%" was accepted and "4 uur" refused; now the words people use work.
    await world.say("cm@harderwijk.nl", "!doel beantwoord 180%")
    assert "tussen 0 en 100 %" in world.adapter.sent[-1].text
    await world.say("cm@harderwijk.nl", "!doel 80 % beantwoord")
    assert "Doel voor sociaal-domein: 80 % beantwoord." in world.adapter.sent[-1].text
    await world.say("cm@harderwijk.nl", "!doel reactie binnen 4 uur")
    assert "reactie binnen 4 uur" in world.adapter.sent[-1].text
    await world.say("cm@harderwijk.nl", "!goal responsetime 2")
    await world.say("cm@harderwijk.nl", "!doel")
    assert world.adapter.sent[-1].text == (
        "Doelen voor sociaal-domein: 80 % beantwoord, reactie binnen 2 uur"
    )
    await world.say("cm@harderwijk.nl", "!doel reactie uit")
    await world.say("cm@harderwijk.nl", "!doel")
    assert world.adapter.sent[-1].text == "Doelen voor sociaal-domein: 80 % beantwoord"


async def test_report_room_can_be_turned_off(world: World) -> None:
    await world.say("cm@harderwijk.nl", "!rapportkanaal", room=MANAGERS)
    await world.say("cm@harderwijk.nl", "!rapportkanaal uit", room=MANAGERS)
    assert "geen maandrapport meer" in world.adapter.sent[-1].text
    world.clock.set(local(2026, 4, 1, 9, 5))
    world.clear()
    await monthly_report(world.services)
    assert world.adapter.sent == []


async def test_monthly_report_with_chart_and_csv(world: World) -> None:
    # Five people ask and answer in March, so the figures are not hidden.
    for day in (2, 3, 4, 5, 6):
        world.clock.set(local(2026, 3, day, 10))
        question = await world.say("asker@ermelo.nl", f"Vraag {day}")
        world.clock.set(local(2026, 3, day, 11))
        await world.say(
            [
                "e1@ermelo.nl",
                "e2@harderwijk.nl",
                "e3@ermelo.nl",
                "e4@harderwijk.nl",
                "e1@ermelo.nl",
            ][day - 2],
            "Antwoord",
            thread=question,
        )
    await world.say("cm@harderwijk.nl", "!doel sociaal-domein beantwoord 80%", direct=True)
    await world.say("cm@harderwijk.nl", "!doel sociaal-domein reactietijd 0,5", direct=True)
    await world.say("cm@harderwijk.nl", "!rapportkanaal", room=MANAGERS)
    assert world.adapter.sent[-1].text == "Het maandrapport komt voortaan in dit kanaal."
    world.clear()

    world.clock.set(local(2026, 4, 1, 7))  # before working hours: nothing
    await monthly_report(world.services)
    assert world.adapter.sent == []
    world.clock.set(local(2026, 4, 1, 9, 5))
    await monthly_report(world.services)
    await monthly_report(world.services)  # once a month
    kinds = [s.kind for s in world.adapter.sent]
    assert kinds == ["post", "upload", "upload"]
    assert {s.conversation for s in world.adapter.sent} == {MANAGERS}
    text = world.adapter.sent[0].text
    assert "Maandrapport Vraagbaak 2026-03" in text
    assert "Totaal: 5 vragen, 5 beantwoord, 5 actieve deelnemers." in text
    assert "- sociaal-domein: beantwoord 1 (doel 0.8) ✅" in text
    assert "- sociaal-domein: mediaan uren tot eerste reactie 1 (doel 0.5) ❌" in text
    assert world.adapter.sent[1].text == "vraagbaak-2026-03.png"
    assert world.adapter.sent[2].text == "vraagbaak-2026-03.csv"

    _, png, table = await build_report(
        world.services, local(2026, 3, 1, 0).date(), local(2026, 3, 31, 0).date()
    )
    assert png.startswith(PNG_MAGIC)
    rows = list(csv.reader(io.StringIO(table.decode())))
    assert rows[0] == ["month", "scope", "figure", "value", "target", "met"]
    assert ["2026-03", "sociaal-domein", "answered_share", "1.0", "0.8", "yes"] in rows
    assert ["2026-03", "sociaal-domein", "threads", "5", "", ""] in rows


async def test_the_report_never_goes_to_a_room_shared_with_partners(world: World) -> None:
    """Issue 13: the report has every group's figures; a room with a partner is refused, and
    a partner who joins the report room later stops the report (fail closed)."""
    await world.say("gerrit@vandijkbouw.nl", "Hallo", room=OTHER_ROOM)
    await world.say("cm@harderwijk.nl", "!rapportkanaal", room=OTHER_ROOM)
    assert "gedeeld met externe partners" in world.adapter.sent[-1].text
    await world.say("cm@harderwijk.nl", "!rapportkanaal", room=MANAGERS)
    assert world.adapter.sent[-1].text == "Het maandrapport komt voortaan in dit kanaal."
    await world.say("gerrit@vandijkbouw.nl", "Mag ik meelezen?", room=MANAGERS)
    world.clear()
    world.clock.set(local(2026, 4, 1, 9, 5))
    await monthly_report(world.services)
    assert world.adapter.sent == []
