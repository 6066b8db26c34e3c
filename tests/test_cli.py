"""The command line as a user runs it: real processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

VRAAGBAAK = [sys.executable, "-m", "bot.cli"]


def run(
    args: list[str],
    cwd: Path,
    stdin: str = "",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        VRAAGBAAK + args,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_demo_prints_dutch_help_and_exits_at_end_of_input(tmp_path: Path) -> None:
    result = run(["demo"], tmp_path, stdin="!hulp\n")
    assert result.returncode == 0, result.stderr
    assert "Dit kun je vragen" in result.stdout
    assert (tmp_path / "vraagbaak-data").is_dir()


def test_demo_english_help_switching_people_and_rooms(tmp_path: Path) -> None:
    script = "!help\n/as Bram\n/in #sociaal-domein\nWie helpt me?\n/reply 3 !hulp\n"
    result = run(["demo"], tmp_path, stdin=script)
    assert result.returncode == 0, result.stderr
    assert "This is what you can ask" in result.stdout
    assert "(je bent nu Bram de Vries" in result.stdout
    assert "[#sociaal-domein]" in result.stdout
    assert "    ↳ [4] Bram de Vries: !hulp" in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_run_serves_health_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "VRAAGBAAK_DATABASE__URL": f"sqlite:///{tmp_path / 'run.db'}"}
    process = subprocess.Popen(
        [*VRAAGBAAK, "run", "--health-port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as resp:
                    body = json.loads(resp.read())
                    break
            except OSError:
                time.sleep(0.3)
        assert body is not None and body["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    result = run(
        ["db", "upgrade"],
        tmp_path,
        env={"VRAAGBAAK_DATABASE__URL": f"sqlite:///{tmp_path / 'x.db'}"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.db").exists()


def test_demo_knows_who_knows_from_its_sample_history_run_after_run(tmp_path: Path) -> None:
    for _ in range(2):  # a second run on the same data folder answers just the same
        result = run(["demo"], tmp_path, stdin="!wieweet traplift\n")
        assert result.returncode == 0, result.stderr
        assert "**Fatima El Amrani** (Sociale Dienst Veluwerand)" in result.stdout
        assert "1 geaccepteerd" in result.stdout


def test_demo_why_names_what_was_found_not_only_the_words_asked(tmp_path: Path) -> None:
    """Bram's answer in the sample history is about a building meeting's planning; it turns up
    for "dakkapel" only through a weak expansion, so his "why" must not claim a dakkapel."""
    result = run(["demo"], tmp_path, stdin="!wieweet dakkapel\n")
    assert result.returncode == 0, result.stderr
    lines = {line.split("**")[1]: line for line in result.stdout.splitlines() if "**" in line}
    assert "beantwoordde 1 vraag over dakkapel" in lines["Joost Bakker"]
    if "Bram de Vries" in lines:
        assert "dakkapel" not in lines["Bram de Vries"]


def test_demo_a_partner_stays_in_the_rooms_shared_with_him(tmp_path: Path) -> None:
    """Issue 13, in the console demo: Pieter (Van Dijk Bouw) cannot enter or reply in an
    internal room, knows he is a partner, sees only what he may do, and learns nothing
    internal, also not when a colleague asks in the room they share."""
    script = "\n".join(
        [
            "/as Bram",
            "/in #sociaal-domein",
            "Hoe regelen we de Wmo-indicatie voor een traplift?",
            "/as Pieter",
            "/in #sociaal-domein",
            "/reply 1 Wij leveren trapliften!",
            "!wiebenik",
            "!hulp",
            "!kiesgroep 1 sociaal-domein",
            "!wieweet wmo",
            "/dm !wieweet leerlingenvervoer",
            "/as Bram",
            "/in #bouwproject-stationsgebied",
            "!wieweet wmo",
            "/dm !wieweet wmo",
        ]
    )
    result = run(["demo"], tmp_path, stdin=script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "#sociaal-domein is niet met je gedeeld: je bent hier externe partner (Van Dijk Bouw)"
        in out
    )
    assert "Wij leveren trapliften" not in out
    assert "Pieter van Dijk: Wij" not in out
    assert "externe partner van _Van Dijk Bouw_" in out
    partner_help = out.split("Pieter van Dijk: !hulp")[1].split("Pieter van Dijk: !kiesgroep")[0]
    assert "`!wieweet`" in partner_help
    assert "`!antwoord`" not in partner_help and "`!kiesgroep`" not in partner_help
    refusal = out.split("Pieter van Dijk: !kiesgroep")[1].split("Pieter van Dijk: !wieweet")[0]
    assert "alleen voor medewerkers" in refusal and "omgevingswet" not in refusal
    partner_view = out.split("Pieter van Dijk: !wieweet wmo")[1].split("(je bent nu Bram")[0]
    shared_view = out.split("Bram de Vries: !wieweet wmo")[1].split("[privé]")[0]
    private_view = out.split("Bram de Vries: !wieweet wmo")[2]
    for view in (partner_view, shared_view):
        assert "Ik vind niemand" in view
        assert "#sociaal-domein" not in view
    # Bram alone, in a direct message, is answered in full.
    assert "#sociaal-domein" in private_view
