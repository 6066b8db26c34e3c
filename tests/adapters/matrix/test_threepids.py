"""Only an e-mail 3PID the homeserver validated places an account."""

from __future__ import annotations

from bot.adapters.matrix.threepids import verified_email


def test_only_validated_e_mail_addresses_count() -> None:
    assert verified_email({}) is None
    assert verified_email({"threepids": "nonsense"}) is None
    assert (
        verified_email(
            {
                "threepids": [
                    {"medium": "msisdn", "address": "31612345678", "validated_at": 1},
                    {"medium": "email", "address": "claimed@ermelo.nl", "validated_at": 0},
                    {"medium": "email", "address": "Gerrit@VanDijkBouw.nl", "validated_at": 5},
                ]
            }
        )
        == "gerrit@vandijkbouw.nl"
    )
    assert (
        verified_email({"threepids": [{"medium": "email", "address": 7, "validated_at": 1}]})
        is None
    )
