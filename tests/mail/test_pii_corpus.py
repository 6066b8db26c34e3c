"""The project's own personal-data corpus (tests/mail/pii_corpus): letters written the way
citizens, partners and colleagues write, each rendered by two mail clients. No listed item may
reach the public thread, and the phrases that carry the question must survive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from tests.mail.pii_corpus.build import corpus, write
from tests.mail.pii_corpus.judge import CONFIG, false_redactions, judge, leaked


def test_the_corpus_is_large_and_varied() -> None:
    mails = corpus()
    assert len(mails) >= 150
    assert {m.form for m in mails} >= {"plain", "html-only", "flowed", "outlook-forward"}
    kinds = {kind for m in mails for kind, _ in m.pii}
    assert kinds >= {"bsn", "phone", "address", "birthdate", "email", "name", "iban",
                     "licence_plate", "id_document", "tax_id"}  # fmt: skip
    assert {m.half for m in mails} == {"tune", "held_out", "fresh"}


@pytest.mark.parametrize("half", ["tune", "held_out", "fresh"])
def test_no_personal_data_reaches_the_thread(half: str) -> None:
    verdict = judge()[half]
    assert verdict.items > (50 if half == "fresh" else 150)
    assert verdict.leaks == []


@pytest.mark.parametrize("half", ["tune", "held_out", "fresh"])
def test_the_words_around_the_data_survive(half: str) -> None:
    assert judge()[half].lost == []


def test_redactions_hit_only_personal_data() -> None:
    total, false = false_redactions()
    assert total > 150
    assert false == []


def test_the_leak_judge_sees_partial_redaction() -> None:
    """The judge itself: a number half-redacted or written another way still counts."""
    assert leaked("06-41829375", "bel [telefoonnummer verwijderd]75 of 41829375")
    assert leaked("Petra", "Groetjes,\nPetra")
    assert leaked("130\u00a0554\u00a0364", "BSN 130 554 364")
    assert not leaked("Petra", "Groetjes,\n[naam verwijderd]")


def test_email_parse_json_reports_redactions_and_leaks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``vraagbaak email parse --json`` as a script would run it, on a sample of the corpus."""
    write(tmp_path)
    expected = json.loads((tmp_path / "expected.json").read_text())
    removed = 0
    for name in sorted(expected)[::10]:
        code = cli_main(["email", "parse", str(tmp_path / "emails" / name), "--json",
                         "--config", str(CONFIG)])  # fmt: skip
        assert code == 0
        out = json.loads(capsys.readouterr().out)
        public = "\n".join([out["subject"], out["question"], out["note"]]
                           + [a["filename"] for a in out["attachments"]])  # fmt: skip
        for item in expected[name]["pii"]:
            if item["type"] != "name":  # names in headers stay in original_sender
                assert not leaked(item["value"], public), (name, item)
        assert all(isinstance(v, int) and v > 0 for v in out["redactions"].values())
        removed += sum(out["redactions"].values())
    assert removed >= 10  # the audit trail counts what went (a cut signature is not counted)


def test_a_citizen_forwarder_is_not_named_in_the_thread() -> None:
    """A display name is posted only for a colleague; a citizen who forwards is a placeholder,
    and their name is redacted wherever the mail repeats it."""
    from email.message import EmailMessage

    from tests.mail.pii_corpus.judge import reader

    message = EmailMessage()
    message["From"] = "Ricardo Martens <r.martens1975@gmail.com>"
    message["To"] = "sociaal-domein@vraagbaak.example"
    message["Subject"] = "Fwd: brief van de gemeente"
    message.set_content(
        "Kunt u dit uitleggen? Groet, Ricardo Martens\n\n"
        "---------- Forwarded message ---------\nFrom: Gemeente Ermelo <info@ermelo.nl>\n"
        "Date: Mon, 2 Mar 2026\nSubject: brief van de gemeente\nTo: Ricardo Martens "
        "<r.martens1975@gmail.com>\n\nGeachte heer Martens,\n\nUw aanvraag voor bijzondere "
        "bijstand is ontvangen.\n"
    )
    understood = reader().read(bytes(message))
    assert understood.forwarded_by is not None
    assert understood.forwarder_label == "[naam verwijderd]"
    public = "\n".join([understood.subject, understood.question, understood.note])
    assert "Martens" not in public and "Ricardo" not in public and "gmail" not in public
    assert "Uw aanvraag voor bijzondere bijstand is ontvangen" in understood.question
