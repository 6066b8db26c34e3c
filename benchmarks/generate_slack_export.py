"""Generates a large synthetic Slack export for the scale benchmark: by default 20,000 people
and about 1,000,000 messages over six months, in Slack's folder layout (users.json,
channels.json, one folder per channel with a JSON file per day).

    python benchmarks/generate_slack_export.py OUT_FOLDER [--people 20000] [--messages 1000000]

Deterministic (seeded). Topics come with their own words, and a pool of generated words
gives the vocabulary the size a real history has. Takes about a minute for the full size.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
DAYS = 180
ORGANISATIONS = [
    ("ermelo.nl", False),
    ("harderwijk.nl", False),
    ("zeewolde.nl", False),
    ("meerinzicht.nl", False),
    ("sdveluwerand.nl", False),
    ("vandijkbouw.nl", True),
    ("pontwikkeling.nl", True),
]
TOPICS: dict[str, list[str]] = {
    "sociaal-domein": [
        "leerlingenvervoer",
        "traplift",
        "huishoudelijke hulp",
        "jeugdzorg",
        "wachtlijst",
        "kostendelersnorm",
        "schuldhulpverlening",
        "pgb",
        "loonkostensubsidie",
        "bijstand",
        "beschermd wonen",
        "mantelzorg",
        "inburgering",
        "participatiewet",
        "keukentafelgesprek",
    ],
    "inkoop-aanbesteding": [
        "europese aanbesteding",
        "meervoudig onderhands",
        "contractbeheer",
        "social return",
        "inkoopbeleid",
        "tenderned",
        "raamovereenkomst",
        "gunning",
        "offerte",
        "leverancier",
    ],
    "omgevingswet": [
        "omgevingsvergunning",
        "omgevingsplan",
        "kapvergunning",
        "dso",
        "handhaving",
        "bestemmingsplanwijziging",
        "dwangsom",
        "bouwaanvraag",
        "welstand",
        "monument",
    ],
    "burgerzaken": [
        "adresonderzoek",
        "paspoort",
        "rijbewijs",
        "huwelijk",
        "trouwlocatie",
        "vog",
        "naturalisatie",
        "brp",
        "identiteitskaart",
        "verhuizing",
    ],
    "informatiebeveiliging-privacy": [
        "datalek",
        "woo-verzoek",
        "verwerkersovereenkomst",
        "dpia",
        "ensia",
        "bio",
        "avg",
        "phishing",
        "autorisatie",
        "logging",
    ],
    "financien-belastingen": [
        "ozb-bezwaar",
        "woz-waarde",
        "kwijtschelding",
        "begroting",
        "jaarrekening",
        "afvalstoffenheffing",
        "rioolheffing",
        "subsidie",
        "accountantscontrole",
        "treasury",
    ],
    "hr-po": [
        "verlofuren",
        "ikb",
        "werving",
        "ziekteverzuim",
        "cao",
        "thuiswerkvergoeding",
        "functiewaardering",
        "opleidingsbudget",
        "beoordeling",
        "reiskosten",
    ],
    "ict-werkplek": [
        "vpn",
        "mfa",
        "teams",
        "printer",
        "laptop",
        "wachtwoord",
        "sharepoint",
        "outlook",
        "citrix",
        "telefoon",
    ],
    "communicatie": [
        "persbericht",
        "toegankelijkheid",
        "b1-niveau",
        "social media",
        "website",
        "nieuwsbrief",
        "huisstijl",
        "campagne",
        "woordvoering",
        "intranet",
    ],
    "bouwproject-stationsgebied": [
        "bouwvergadering",
        "planning",
        "bouwtekeningen",
        "bouwverkeer",
        "omleiding",
        "fietsenstalling",
        "heipalen",
        "stikstof",
        "bouwhek",
        "oplevering",
    ],
}
EXTRA_CHANNELS = 20  # regional and project channels that reuse the topics above
QUESTIONS = [
    "Heeft iemand ervaring met {topic}? {detail}",
    "Vraagje over {topic}: {detail} Hoe pakken jullie dat aan?",
    "Hoi allemaal! Ik zit met een casus rond {topic}. {detail} Iemand een idee?",
    "Weet iemand hoe het zit met {topic}? {detail}",
    "Goedemorgen, wat is de juiste route voor {topic}? {detail}",
]
ANSWERS = [
    "Bij {topic} geldt het volgende: {detail}",
    "Goede vraag! {detail} Dat staat ook in het werkproces {topic}.",
    "Volgens mij {detail} Check het even bij de afdeling.",
    "{detail} Bel me gerust als het niet lukt, <@{mention}> weet er ook veel van.",
    "Dat hebben wij vorige maand ook gehad: {detail}",
]
CHATTER = ["Dank je wel!", "Top, dank!", "Volg ik ook!", "Interessant, ik ben benieuwd."]
SYLLABLES = [
    "ka",
    "ve",
    "lo",
    "mi",
    "de",
    "ra",
    "ne",
    "to",
    "sa",
    "pe",
    "ri",
    "go",
    "ba",
    "le",
    "mo",
    "da",
    "ke",
    "ti",
    "no",
    "ha",
    "wi",
    "zu",
    "fe",
]


def word_pool(rng: random.Random, size: int) -> list[str]:
    pool = set()
    while len(pool) < size:
        pool.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))))
    return sorted(pool)


def detail(rng: random.Random, topic: str, pool: list[str]) -> str:
    words = [rng.choice(pool) for _ in range(rng.randint(4, 9))]
    words.insert(rng.randrange(len(words)), topic)
    return " ".join(words).capitalize() + "."


def generate(out: Path, people: int, messages: int, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    pool = word_pool(rng, 30_000)
    out.mkdir(parents=True, exist_ok=True)
    users: list[dict[str, Any]] = []
    for n in range(people):
        domain, external = ORGANISATIONS[n % len(ORGANISATIONS)]
        if external and rng.random() < 0.7:  # fewer partner staff
            domain, external = ORGANISATIONS[n % 5]
        uid = f"U{n:07d}"
        name = f"Medewerker {n}"
        users.append(
            {
                "id": uid,
                "name": f"m{n}",
                "real_name": name,
                "deleted": rng.random() < 0.04,
                "is_bot": False,
                "is_restricted": external,
                "profile": {"real_name": name, "email": f"m{n}@{domain}"},
            }
        )
    (out / "users.json").write_text(json.dumps(users), encoding="utf-8")
    channel_topics: dict[str, list[str]] = dict(TOPICS)
    bases = list(TOPICS)
    for n in range(EXTRA_CHANNELS):
        base = bases[n % len(bases)]
        channel_topics[f"{base}-regio-{n}"] = TOPICS[base]
    ids = [u["id"] for u in users]
    # each topic has a handful of experts; each channel has members
    experts = {
        (channel, topic): rng.sample(ids, 6)
        for channel, ts in channel_topics.items()
        for topic in ts
    }
    channels = []
    members: dict[str, list[str]] = {}
    for n, name in enumerate(channel_topics):
        chosen = set(rng.sample(ids, min(len(ids), people // 8)))
        for topic in channel_topics[name]:
            chosen.update(experts[(name, topic)])
        members[name] = sorted(chosen)
        channels.append(
            {
                "id": f"C{n:05d}",
                "name": name,
                "members": members[name],
                "is_archived": False,
                "purpose": {"value": name},
            }
        )
    (out / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    per_day: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    written = 0
    names = list(channel_topics)
    while written < messages:
        channel = rng.choice(names)
        topic = rng.choice(channel_topics[channel])
        at = START + timedelta(seconds=rng.randrange(DAYS * 86_400))
        asker = rng.choice(members[channel])
        root_ts = f"{at.timestamp():.6f}"
        question = rng.choice(QUESTIONS).format(topic=topic, detail=detail(rng, topic, pool))
        thread = [{"type": "message", "user": asker, "text": question, "ts": root_ts}]
        replies = rng.choice((0, 1, 2, 3, 3, 4, 5))
        team = experts[(channel, topic)]
        for r in range(replies):
            at = at + timedelta(minutes=rng.randint(3, 600))
            author = rng.choice(team) if rng.random() < 0.7 else rng.choice(members[channel])
            if rng.random() < 0.15:
                text = rng.choice(CHATTER)
            else:
                text = rng.choice(ANSWERS).format(
                    topic=topic, detail=detail(rng, topic, pool), mention=rng.choice(team)
                )
            reply: dict[str, Any] = {
                "type": "message",
                "user": author,
                "text": text,
                "ts": f"{at.timestamp():.6f}",
                "thread_ts": root_ts,
                "parent_user_id": asker,
            }
            if r == 0 and rng.random() < 0.5:
                reply["reactions"] = [{"name": "white_check_mark", "users": [asker], "count": 1}]
            elif rng.random() < 0.2:
                fans = rng.sample(members[channel], 2)
                reply["reactions"] = [{"name": "+1", "users": fans, "count": 2}]
            thread.append(reply)
        thread[0].update(reply_count=replies)
        for item in thread:
            day = datetime.fromtimestamp(float(item["ts"]), UTC).date().isoformat()
            per_day[(channel, day)].append(item)
        written += len(thread)
    for (channel, day), items in per_day.items():
        folder = out / channel
        folder.mkdir(exist_ok=True)
        items.sort(key=lambda m: float(m["ts"]))
        (folder / f"{day}.json").write_text(json.dumps(items), encoding="utf-8")
    return {"people": people, "channels": len(channels), "messages": written}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    figures = generate(args.out, args.people, args.messages, args.seed)
    seconds = time.perf_counter() - started
    print(
        f"wrote {figures['messages']:,} messages, {figures['people']:,} people, "
        f"{figures['channels']} channels to {args.out} in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
