"""``vraagbaak import`` builds the index; ``vraagbaak whoknows`` and ``eval whoknows``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.support.whoknows_export import ASKER, OPT_OUT, PARTNER, SCHOOL, SECOND, write_export

CONFIG = """
[database]
url = "sqlite:///{db}"

[[organisations]]
id = "ermelo"
name = "Gemeente Ermelo"
domains = ["ermelo.nl"]

[[organisations]]
id = "harderwijk"
name = "Gemeente Harderwijk"
domains = ["harderwijk.nl"]

[[organisations]]
id = "vandijkbouw"
name = "Van Dijk Bouw"
domains = ["vandijkbouw.nl"]
external = true
"""


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    config = tmp_path / "vraagbaak.toml"
    config.write_text(CONFIG.format(db=tmp_path / "v.db"), encoding="utf-8")
    export = write_export(tmp_path)
    assert main(["import", "slack-export", str(export), "--config", str(config)]) == 0
    out = capsys.readouterr()
    assert "expertise index:" in out.out
    assert "index: writing" in out.err  # progress on stderr
    return config


def ask(config: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["whoknows", *args, "--json", "--config", str(config)]) == 0
    result: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return result


def test_whoknows_json_best_first(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = ask(imported, capsys, "wie weet iets van leerlingenvervoer?")
    assert found[0]["email"] == SCHOOL
    assert found[0]["organisation"] == "harderwijk"
    assert found[0]["name"] == "Bram de Vries"
    assert "beantwoordde 4 vragen" in str(found[0]["why"])
    scores = [float(str(item["score"])) for item in found]
    assert scores == sorted(scores, reverse=True)


def test_an_english_question_is_answered_in_english(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One English function word besides "what" was not enough before: "which kind of"."""
    found = ask(imported, capsys, "which kind of school transport do pupils get?")
    assert found and "answered 4 questions" in str(found[0]["why"])


def test_as_answers_with_their_visibility(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = ask(imported, capsys, "leerlingenvervoer", "--as", SCHOOL)
    assert SCHOOL not in [item["email"] for item in own]
    assert own[0]["email"] == SECOND
    partner = ask(imported, capsys, "bouwverkeer", "--as", SCHOOL)
    assert partner[0]["email"] == PARTNER
    assert PARTNER not in [i["email"] for i in ask(imported, capsys, "bouwverkeer", "--as", ASKER)]


def test_as_a_partner_shows_no_internal_people_or_evidence(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13: Bram shares #bouw with the partner, but his leerlingenvervoer evidence is in
    the internal #sociaal-domein: neither he nor that evidence is shown to the partner."""
    for topic in ("leerlingenvervoer", "Wmo huishoudelijke hulp", "bestemmingsplan"):
        found = ask(imported, capsys, topic, "--as", PARTNER)
        assert found == [], found
    colleague = ask(imported, capsys, "bouwverkeer", "--as", SCHOOL)
    assert "in #bouw" in str(colleague[0]["why"])


def test_unknown_as_is_refused(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whoknows", "wmo", "--as", "nobody@x.nl", "--config", str(imported)]) == 1
    assert "no such person" in capsys.readouterr().err


def test_import_twice_keeps_the_same_answers(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ask(imported, capsys, "kwijtschelding")
    export = tmp_path / "export"
    assert main(["import", "slack-export", str(export), "--config", str(imported), "--quiet"]) == 0
    assert "imported 0 new" in capsys.readouterr().out
    assert ask(imported, capsys, "kwijtschelding") == before
    assert before[0]["email"] == OPT_OUT


def test_eval_reports_metrics_per_form(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qrels = [
        {
            "qid": "q1",
            "query": "leerlingenvervoer",
            "form": "exact",
            "lang": "nl",
            "asker_email": ASKER,
            "relevant": {SCHOOL: 3, SECOND: 1},
        },
        {
            "qid": "q2",
            "query": "kwijtscheldnig",
            "form": "typo",
            "lang": "nl",
            "asker_email": ASKER,
            "relevant": {OPT_OUT: 3},
        },
        {
            "qid": "q3",
            "query": "bouwverkeer",
            "form": "exact",
            "lang": "nl",
            "asker_email": ASKER,
            "relevant": {PARTNER: 3},
        },
    ]
    path = tmp_path / "qrels.json"
    path.write_text(json.dumps(qrels), encoding="utf-8")
    assert (
        main(["eval", "whoknows", "--qrels", str(path), "--json", "--config", str(imported)]) == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["typo"]["P@1"] == 1.0
    # the partner is invisible to this asker, so q3 misses: 2 of 3 right
    assert abs(summary["overall"]["P@1"] - 2 / 3) < 1e-3
    assert summary["exact"]["n"] == 2
