"""Derives the graded ground truth of the fresh who-knows queries from the development
export itself (``../shared/whoknows-dev/export.zip``), without Vraagbaak's code: for each
topic, the threads whose question names it, and per person what they did there.

    python tests/knowledge/fresh/derive_truth.py ../shared/whoknows-dev/export.zip [FOLDER]

writes ``qrels.json`` from ``queries.json`` in FOLDER (default: next to this file). The rules
are in README.md; they were fixed before any query was run through the ranking.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
RECENT_DAYS = 90.0
# Grade 3: at least this share of the best recent score; grade 2: at least this score.
TOP_SHARE = 0.6
SOLID_SCORE = 5.0
EXTERNAL_DOMAINS = ("vandijkbouw.nl", "pontwikkeling.nl")

# Which threads are about a topic: a pattern over the question (the thread's first message).
TOPICS: dict[str, str] = {
    "kapvergunning": r"kapvergunning|kapmelding",
    "wmo-traplift": r"traplift",
    "wmo-hh": r"huishoudelijke (hulp|ondersteuning)|\bhbh",
    "paspoort-spoed": r"paspoort|spoedaanvraag",
    "huwelijk-trouwlocatie": r"huwelijk|trouwlocatie",
    "vog": r"\bvog\b|vog-aanvraag|verklaring omtrent",
    "brp-adresonderzoek": r"adresonderzoek|brp-onderzoek",
    "datalek": r"datalek",
    "woo-verzoek": r"\bwoo\b|woo-verzoek",
    "dpia": r"\bdpia",
    "ozb-bezwaar": r"\bozb",
    "woz-waardering": r"\bwoz",
    "kwijtschelding": r"kwijtschelding",
    "afvalstoffenheffing": r"afvalstoffenheffing",
    "begroting": r"begroting|voorjaarsnota",
    "verlof-cao": r"verlof",
    "ikb": r"\bikb|keuzebudget",
    "werving-selectie": r"werving|sollicitatie|vacature",
    "vpn-thuiswerken": r"\bvpn|thuiswerk",
    "mfa": r"\bmfa\b|authenticator|tweestapsverificatie",
    "printers": r"print",
    "toegankelijkheid": r"toegankelijkheid",
    "b1-taal": r"\bb1\b|b1-niveau|begrijpelijke taal",
    "europese-aanbesteding": r"europese aanbesteding",
    "social-return": r"social return|\bsroi",
    "schuldhulp": r"schuldhulp",
    "jeugd-wachtlijst": r"jeugdzorg|wachttijd bij de zorgaanbieder",
    "leerlingenvervoer": r"leerlingenvervoer",
    "pgb": r"\bpgb|persoonsgebonden",
    "kostendelersnorm": r"kostendelersnorm",
    "loonkostensubsidie": r"loonkostensubsidie|loonwaardemeting|\blks\b",
    "handhaving": r"handhaving|dwangsom",
    "dso-koppeling": r"\bdso",
    "omgevingsplan": r"omgevingsplan|bestemmingsplan|wijzigingsplan",
    "omgevingsvergunning-bouwen": r"omgevingsvergunning|bouwaanvraag",
    "bouwverkeer": r"bouwverkeer|omleiding|verkeersmaatregel",
    "tekeningen": r"tekening",
    "contractbeheer": r"contractbeheer|contractregister|contractmanagement",
    "teams-vergaderen": r"\bteams",
    "persberichten": r"persbericht",
    "verwerkersovereenkomst": r"verwerkersovereenkomst",
    "bio-ensia": r"\bbio\b|bio-audit|ensia",
    "ziekteverzuim": r"verzuim|ziekmelding",
    "meervoudig-onderhands": r"meervoudig onderhands|offerteaanvraag bij drie",
    "bouwvergadering": r"bouwvergadering|bouwplanning|\bplanning\b",
}

# Replies that are no answer: interest, thanks, pointing elsewhere, not knowing.
NO_ANSWER = re.compile(
    r"volg ik|benieuwd|zou ik ook graag|goeie vraag|geen idee|weet ik niks|weet ik niets|"
    r"servicedesk navragen|misschien staat het|^(top|super|thanks|dank|helder|oké|ok)\b|"
    r"kleine bump|iemand\?|maakt dat uit\?|weet je ook waar|wie moet dat",
    re.IGNORECASE,
)
HEDGED = re.compile(
    r"lang geleden|geen expert|niet (helemaal )?zeker|als ik het goed heb|volgens mij|"
    r"ik dacht|denk ik",
    re.IGNORECASE,
)
MARKUP = re.compile(r"<[^>]*>|:[a-z0-9_+\-]+:")
MENTION = re.compile(r"<@([A-Z0-9]+)>")


@dataclass
class Record:
    score: float = 0.0
    answers: float = 0.0
    recommended: int = 0
    last_answer: float = 0.0
    threads: set[str] = field(default_factory=set)


def answer_value(text: str) -> float:
    plain = MARKUP.sub(" ", text).strip()
    if NO_ANSWER.search(plain) or len(plain.split()) < 6:
        return 0.0
    return 0.5 if HEDGED.search(plain) else 1.0


def load(export: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, list[str]]]:
    with zipfile.ZipFile(export) as archive:
        users = {u["id"]: u for u in json.loads(archive.read("users.json"))}
        members = {
            c["name"]: list(c.get("members", [])) for c in json.loads(archive.read("channels.json"))
        }
        messages: list[dict[str, Any]] = []
        for name in archive.namelist():
            if name.count("/") == 1 and name.endswith(".json"):
                channel = name.split("/")[0]
                for message in json.loads(archive.read(name)):
                    message["channel"] = channel
                    messages.append(message)
    return users, messages, members


def human(message: dict[str, Any], users: dict[str, Any]) -> bool:
    user = users.get(message.get("user", ""))
    return bool(
        user
        and not user.get("is_bot")
        and "bot_id" not in message
        and message.get("subtype") not in ("bot_message", "channel_join")
    )


def topic_records(
    users: dict[str, Any], messages: list[dict[str, Any]]
) -> tuple[dict[str, dict[str, Record]], float]:
    threads: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for message in messages:
        key = message.get("thread_ts") or message["ts"]
        threads[(message["channel"], key)].append(message)
    end = max(float(m["ts"]) for m in messages)
    result: dict[str, dict[str, Record]] = {topic: defaultdict(Record) for topic in TOPICS}
    for (channel, ts), items in threads.items():
        items.sort(key=lambda m: float(m["ts"]))
        root = items[0]
        if root["ts"] != ts or not human(root, users):
            continue
        asker = root.get("user")
        topics = [t for t, p in TOPICS.items() if re.search(p, root.get("text", ""), re.I)]
        if not topics:
            continue
        for reply in items[1:]:
            author = reply.get("user")
            if not human(reply, users):
                continue
            text = reply.get("text", "")
            for mentioned in MENTION.findall(text):
                if mentioned not in (author, asker):
                    for topic in topics:
                        result[topic][mentioned].recommended += 1
            if author == asker:
                continue
            value = answer_value(text)
            accepted = any(
                r.get("name") == "white_check_mark" and asker in r.get("users", [])
                for r in reply.get("reactions", [])
            )
            for topic in topics:
                record = result[topic][author]
                record.score += value + (1.0 if accepted else 0.0)
                record.answers += value
                if value > 0:
                    record.last_answer = max(record.last_answer, float(reply["ts"]))
                    record.threads.add(f"{channel}/{ts}")
    return result, end


def grades(records: dict[str, Record], users: dict[str, Any], end: float) -> dict[str, int]:
    recent_from = end - RECENT_DAYS * 86_400
    active = {
        uid: r
        for uid, r in records.items()
        if uid in users and not users[uid].get("deleted") and users[uid]["profile"].get("email")
    }
    best_recent = max(
        (r.score for r in active.values() if r.last_answer >= recent_from), default=0.0
    )
    result: dict[str, int] = {}
    for uid, record in active.items():
        email = users[uid]["profile"]["email"].lower()
        recent = record.last_answer >= recent_from
        if recent and best_recent and record.score >= TOP_SHARE * best_recent:
            result[email] = 3
        elif recent and record.score >= SOLID_SCORE:
            result[email] = 2
        elif record.answers >= 0.5 or record.score >= 1.0 or record.recommended >= 1:
            result[email] = 1
    return result


def choose_asker(
    qid: str, channel: str, relevant: dict[str, int], users: dict[str, Any], members: list[str]
) -> str:
    pool = sorted(
        users[uid]["profile"]["email"].lower()
        for uid in members
        if uid in users
        and not users[uid].get("deleted")
        and not users[uid].get("is_bot")
        and users[uid]["profile"].get("email")
        and not users[uid]["profile"]["email"].lower().endswith(EXTERNAL_DOMAINS)
        and users[uid]["profile"]["email"].lower() not in relevant
    )
    digest = int(hashlib.sha256(qid.encode()).hexdigest(), 16)
    return pool[digest % len(pool)]


def main(export: Path, folder: Path = HERE) -> None:
    users, messages, members = load(export)
    records, end = topic_records(users, messages)
    queries = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    out = []
    for query in queries:
        relevant = grades(records[query["topic"]], users, end)
        if not any(g >= 2 for g in relevant.values()):
            raise SystemExit(f"{query['qid']}: nobody with grade >= 2 for {query['topic']}")
        asker = choose_asker(
            query["qid"], query["channel"], relevant, users, members[query["channel"]]
        )
        out.append({**query, "asker_email": asker, "relevant": dict(sorted(relevant.items()))})
    (folder / "qrels.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(out)} queries written to {folder / 'qrels.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else HERE)
