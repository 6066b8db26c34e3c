"""python -m bot.mail.learn_domains: the domain words counted from the project's own sets."""

from __future__ import annotations

import json
from pathlib import Path

from bot.mail.learn_domains import deployment_counts, learn, main
from knowledge.domain_words import load_domain_words

SETS = Path(__file__).parent
ONE, TWO = SETS / "fresh_municipal", SETS / "fresh_municipal2"


def test_each_question_counts_once_for_the_domains_of_its_group() -> None:
    counts = deployment_counts(ONE)
    expected = json.loads((ONE / "expected.json").read_text("utf-8"))
    routed = sum(1 for v in expected.values() if v["kind"] == "question" and v.get("group"))
    assert abs(sum(counts.examples.values()) - routed) < 1e-6
    # what the mails are about, in the words of their writers
    assert "paspoort" in counts.words["burgerzaken"] or "verhuiz" in counts.words["burgerzaken"]


def test_a_word_of_one_deployment_only_is_not_kept(tmp_path: Path) -> None:
    model = learn([ONE, TWO])
    deployments = model["deployments"]
    assert isinstance(deployments, dict)
    one = {s for words in deployments[ONE.name]["words"].values() for s in words}
    two = {s for words in deployments[TWO.name]["words"].values() for s in words}
    assert one == two  # every kept word is used in both
    redacted = json.dumps(model)
    for want in json.loads((ONE / "expected.json").read_text("utf-8")).values():
        for item in want["pii"]:
            if item["type"] in ("phone", "bsn", "iban", "email"):
                assert item["value"].lower() not in redacted


def test_the_command_writes_a_model_the_router_reads(tmp_path: Path) -> None:
    out = tmp_path / "domain_words.json"
    assert main([str(ONE), str(TWO), "--out", str(out)]) == 0
    model = load_domain_words(text=out.read_text("utf-8"))
    assert model.examples
    assert model.probabilities(model.vocabulary)
