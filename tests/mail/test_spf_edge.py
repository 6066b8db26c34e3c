"""The SMTP listener's own Authentication-Results (bot/mail/spf_check.py): forged copies out,
byte for byte everything else; the verdict read back only from our own top header."""

from __future__ import annotations

from bot.mail.parse import parse_bytes
from bot.mail.senders import check_spf_directly
from bot.mail.spf_check import spf_result, stamp, strip_own_results

RAW = (
    b"Received: from mx.example by x; Mon, 2 Mar 2026 09:00:00 +0000\r\n"
    b"Authentication-Results: VRAAGBAAK-EDGE;\r\n"
    b"\tspf=pass smtp.mailfrom=ermelo.nl\r\n"
    b"Authentication-Results: mx.ermelo.nl; dkim=fail header.d=ermelo.nl\r\n"
    b"From: Anouk <anouk.jansen@ermelo.nl>\r\n"
    b"Subject: Authentication-Results: vraagbaak-edge; spf=pass\r\n"
    b"\r\n"
    b"Authentication-Results: vraagbaak-edge; spf=pass (in the body, untouched)\r\n"
)


def test_forged_copies_of_our_own_header_are_removed_and_nothing_else() -> None:
    cleaned = strip_own_results(RAW, "vraagbaak-edge")
    assert b"VRAAGBAAK-EDGE" not in cleaned and b"\tspf=pass smtp.mailfrom" not in cleaned
    assert b"Authentication-Results: mx.ermelo.nl; dkim=fail" in cleaned
    assert b"Subject: Authentication-Results: vraagbaak-edge; spf=pass\r\n" in cleaned
    assert cleaned.endswith(
        b"\r\nAuthentication-Results: vraagbaak-edge; spf=pass (in the body, untouched)\r\n"
    )
    assert strip_own_results(cleaned, "vraagbaak-edge") == cleaned


def test_only_our_own_top_verdict_with_an_aligned_envelope_verifies() -> None:
    cleaned = strip_own_results(RAW, "vraagbaak-edge")
    passed = parse_bytes(stamp(cleaned, "vraagbaak-edge", "pass", "bounces@ermelo.nl"))
    assert check_spf_directly(passed, "vraagbaak-edge").method == "spf-direct"
    other = parse_bytes(stamp(cleaned, "vraagbaak-edge", "pass", "x@attacker.example"))
    assert not check_spf_directly(other, "vraagbaak-edge").verified
    failed = parse_bytes(stamp(cleaned, "vraagbaak-edge", "softfail", "x@ermelo.nl"))
    assert not check_spf_directly(failed, "vraagbaak-edge").verified
    # Stripped and not stamped (SPF off): the forged verdict is gone, nothing verifies.
    assert not check_spf_directly(parse_bytes(cleaned), "vraagbaak-edge").verified


def test_a_stamp_cannot_be_steered_by_the_envelope_sender() -> None:
    stamped = stamp(b"From: a@b.nl\r\n\r\nx", "vraagbaak-edge", "pass", "x@evil.nl; dkim=pass")
    first = stamped.split(b"\r\n", 1)[0]
    assert (
        first == b"Authentication-Results: vraagbaak-edge; spf=pass smtp.mailfrom=evil.nldkimpass"
    )


def test_spf_never_raises_and_a_null_sender_has_no_verdict() -> None:
    assert spf_result("127.0.0.1", "", "helo") == "none"
    assert spf_result("", "a@b.nl", "helo") == "none"
    assert spf_result("not an ip", "a@b.nl", "helo", dns_server="127.0.0.1:9") in {
        "permerror",
        "temperror",
        "none",
    }
