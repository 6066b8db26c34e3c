"""``python -m bot.mail.evaluate``: a clear message, not a traceback, for a wrong argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.mail.evaluate import leaks, main


def test_help_and_a_folder_that_is_no_corpus_get_a_clear_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as helped:
        main(["--help"])
    assert helped.value.code == 0 and "--history" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main([str(tmp_path)])
    assert refused.value.code == 2
    assert "no expected.json" in capsys.readouterr().err


def test_a_corpus_is_measured_per_half(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = Path(__file__).parent / "fresh_municipal"
    main([str(corpus)])
    out = capsys.readouterr().out
    assert '"held-out"' in out and '"posted_external": 0' in out


def test_a_leak_is_the_value_itself_not_a_longer_word_that_holds_it() -> None:
    assert leaks("Noor", "met Noor naar school")
    assert leaks("Noor", "(Noor, 7)")
    assert not leaks("Noor", "de school in Usquert-Noord sluit")
    assert leaks("06 30 58 91 24", "bel 06 30 58 91 24 na vijven")
    assert leaks("[x]", "a [x] b")
