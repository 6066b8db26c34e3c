"""A small Slack export written for the expertise-index tests: each behaviour of "who knows
X?" has people and threads of its own (synonyms, compounds, typos, a stale expert, a
deactivated person, an external partner, opt-out, declared skills, self-exclusion)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.slack_export import ExportBuilder

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
END = datetime(2026, 6, 30, 17, 0, tzinfo=UTC)

ASKER = "anouk@ermelo.nl"  # asks, never answers
SCHOOL = "bram@harderwijk.nl"  # leerlingenvervoer
OLD_PLAN = "carla@ermelo.nl"  # bestemmingsplan until February, then moved on
NEW_PLAN = "daan@ermelo.nl"  # bestemmingsplan since May
LEFT = "eva@ermelo.nl"  # the best Wmo expert, deactivated
WMO = "fleur@harderwijk.nl"  # Wmo, still here
PARTNER = "gerrit@vandijkbouw.nl"  # external, bouwverkeer, only in #bouw
TENDER = "hans@harderwijk.nl"  # aanbesteding
OPT_OUT = "ilse@ermelo.nl"  # kwijtschelding; tests let her opt out
DECLARES = "jan@harderwijk.nl"  # no evidence; declares skills in tests
SECOND = "karin@ermelo.nl"  # a lesser leerlingenvervoer answerer
HELPER = "lotte@harderwijk.nl"  # says "volg ik ook" everywhere


def build_export() -> ExportBuilder:
    export = ExportBuilder()
    ids: dict[str, str] = {}
    people = [
        (ASKER, "Anouk Jansen", False, False),
        (SCHOOL, "Bram de Vries", False, False),
        (OLD_PLAN, "Carla Smit", False, False),
        (NEW_PLAN, "Daan Bakker", False, False),
        (LEFT, "Eva Oud", True, False),
        (WMO, "Fleur Visser", False, False),
        (PARTNER, "Gerrit Aannemer", False, True),
        (TENDER, "Hans Mulder", False, False),
        (OPT_OUT, "Ilse de Boer", False, False),
        (DECLARES, "Jan Peters", False, False),
        (SECOND, "Karin Kok", False, False),
        (HELPER, "Lotte Meijer", False, False),
    ]
    for number, (email, name, deleted, guest) in enumerate(people, start=1):
        ids[email] = export.user(f"U{number:02d}", name, email, deleted=deleted, guest=guest)
    export.user("UBOT", "Nieuwsbot", None, is_bot=True)
    internal = [ids[e] for e, *_ in people if e != PARTNER]
    export.channel("C1", "sociaal-domein", internal)
    export.channel("C2", "omgevingswet", internal)
    export.channel("C3", "inkoop-aanbesteding", internal)
    export.channel("C4", "financien-belastingen", internal)
    export.channel("C5", "bouw", [ids[PARTNER], ids[SCHOOL]])
    asker = ids[ASKER]

    def thread(
        channel: str,
        when: datetime,
        question: str,
        answers: list[tuple[str, str, bool]],
        *,
        by: str = asker,
    ) -> None:
        root = export.post(channel, by, when, question)
        for offset, (email, text, accepted) in enumerate(answers, start=1):
            export.post(
                channel,
                ids[email],
                when + timedelta(minutes=20 * offset),
                text,
                thread_ts=root,
                reactions={"white_check_mark": [by]} if accepted else None,
            )
        export.post(channel, by, when + timedelta(hours=3), "Dank je, helder!", thread_ts=root)

    day = timedelta(days=1)
    for n in range(4):
        thread(
            "sociaal-domein",
            START + timedelta(days=30 + 9 * n),
            "Hoe regelen jullie leerlingenvervoer voor een kind met een beperking?",
            [
                (
                    SCHOOL,
                    "Leerlingenvervoer vraag je aan via het formulier, de "
                    "regiecentrale plant de taxi en toetst eerst het OV met begeleiding.",
                    True,
                ),
                (HELPER, "Volg ik ook!", False),
            ],
        )
    thread(
        "sociaal-domein",
        START + 120 * day,
        "Vraagje over leerlingenvervoer bij een verhuizing naar een andere school",
        [
            (
                SECOND,
                "Geen expert, maar volgens mij moet je bij een verhuizing een nieuwe "
                "aanvraag leerlingenvervoer doen met de gegevens van de nieuwe school.",
                False,
            )
        ],
    )
    thread(
        "sociaal-domein",
        START + 150 * day,
        "Wie betaalt het leerlingenvervoer naar speciaal onderwijs buiten de gemeente?",
        [
            (
                SECOND,
                "Het leerlingenvervoer naar speciaal onderwijs betaalt de woongemeente, "
                "ook als de school in een andere gemeente ligt.",
                False,
            )
        ],
    )
    for n in range(4):
        thread(
            "omgevingswet",
            START + timedelta(days=3 + 8 * n),
            "Wie helpt met een bestemmingsplanwijziging voor een bouwkavel?",
            [
                (
                    OLD_PLAN,
                    "Een bestemmingsplanwijziging start met een principeverzoek; "
                    "daarna volgt het ontwerpbesluit en de zienswijzeperiode.",
                    True,
                )
            ],
        )
    for n in range(3):
        thread(
            "omgevingswet",
            START + timedelta(days=125 + 12 * n),
            "Hoe loopt een bestemmingsplanwijziging nu onder de Omgevingswet?",
            [
                (
                    NEW_PLAN,
                    "De bestemmingsplanwijziging heet nu een wijziging van het "
                    "omgevingsplan; je dient het verzoek in via het DSO.",
                    True,
                )
            ],
        )
    for n in range(5):
        thread(
            "sociaal-domein",
            START + timedelta(days=60 + 10 * n),
            "Een inwoner vraagt een Wmo-voorziening aan voor huishoudelijke hulp, hoe gaat dat?",
            [
                (
                    LEFT,
                    "Voor de Wmo doe je eerst een keukentafelgesprek, daarna volgt de "
                    "beschikking voor huishoudelijke hulp binnen acht weken.",
                    True,
                )
            ],
        )
    for n in range(2):
        thread(
            "sociaal-domein",
            START + timedelta(days=100 + 15 * n),
            "Hoe lang duurt een Wmo-melding voor huishoudelijke hulp?",
            [
                (
                    WMO,
                    "Na de Wmo-melding heb je zes weken voor het onderzoek en twee "
                    "weken voor de beschikking huishoudelijke hulp.",
                    True,
                )
            ],
        )
    for n in range(3):
        thread(
            "bouw",
            START + timedelta(days=90 + 7 * n),
            "Waar rijdt het bouwverkeer volgende week langs het station?",
            [
                (
                    PARTNER,
                    "Het bouwverkeer rijdt via de omleiding over de Stationsweg, "
                    "de verkeersregelaars staan bij de rotonde.",
                    True,
                )
            ],
            by=ids[SCHOOL],
        )
    for n in range(3):
        thread(
            "inkoop-aanbesteding",
            START + timedelta(days=70 + 14 * n),
            "Moet deze opdracht Europees aanbesteed worden? Het gaat om schoonmaak.",
            [
                (
                    TENDER,
                    "Boven de Europese drempel moet je Europees aanbesteden via "
                    "TenderNed; de aanbesteding duurt dan minimaal 35 dagen.",
                    True,
                )
            ],
        )
    for n in range(3):
        thread(
            "financien-belastingen",
            START + timedelta(days=80 + 11 * n),
            "Een inwoner vraagt kwijtschelding van de gemeentelijke belastingen aan",
            [
                (
                    OPT_OUT,
                    "Voor kwijtschelding toetsen we het vermogen en de "
                    "betalingscapaciteit; het formulier staat op de website.",
                    True,
                )
            ],
        )
    export.post(
        "sociaal-domein",
        None,
        START + 5 * day,
        "Nieuw beleid gepubliceerd",
        subtype="bot_message",
        bot_id="B1",
    )
    return export


def write_export(folder: Path) -> Path:
    return build_export().write_folder(folder / "export")
