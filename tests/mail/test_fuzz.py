"""Hostile input: the parser never crashes and never hangs."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.config import parse_config
from bot.mail.understand import MailReader
from tests.conftest import BASE_CONFIG

READER = MailReader(parse_config({**BASE_CONFIG}, "(test)"))
LIMIT_SECONDS = 5.0  # generous: the machine is shared; a hang would take far longer

_header = st.sampled_from(
    [b"Subject", b"From", b"To", b"Content-Type", b"Content-Transfer-Encoding", b"Message-ID"]
)
_value = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"multipart/mixed; boundary=x",
            b"text/plain; charset=does-not-exist",
            b"=?utf-8?b?////?=",
            b"=?bogus?q?=ZZ?=",
            b"base64",
            b"quoted-printable",
            b"message/rfc822",
        ]
    ),
)


def _nested(depth: int) -> bytes:
    head = b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n" % depth
    inner = _nested(depth - 1) if depth else b"Content-Type: text/plain\r\n\r\nhi\r\n"
    return head + b"--b%d\r\n" % depth + inner + b"\r\n--b%d--\r\n" % depth


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.tuples(_header, _value), max_size=12))
    raw = b"".join(k + b": " + v + b"\r\n" for k, v in headers)
    if draw(st.booleans()):
        raw += b"Subject: " + b"x" * draw(st.integers(0, 100_000)) + b"\r\n"
    raw += b"\r\n"
    if draw(st.booleans()):
        raw += _nested(draw(st.integers(0, 60)))
    raw += draw(st.binary(max_size=2000))
    return raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_parser_survives_hostile_mail(raw: bytes) -> None:
    started = time.perf_counter()
    result = READER.read(raw)
    assert result.kind.value in ("question", "auto_reply", "bounce")
    assert time.perf_counter() - started < LIMIT_SECONDS
