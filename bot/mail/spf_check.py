"""SPF checked by Vraagbaak itself (RFC 7208, with ``pyspf``), for mail handed to the SMTP
listener straight from the internet, where no trusted MTA has judged it.

The listener is that mail's receiving MTA, so it does what such an MTA does (RFC 8601 §5):
it removes any ``Authentication-Results`` that claims its own authserv-id (a forgery: only the
edge may write them) and adds its own verdict on top. Intake then believes exactly that
header: an ``spf=pass`` whose envelope sender is aligned with the From domain verifies the
sender (DMARC's SPF path, RFC 7489 §3.1.2)."""

from __future__ import annotations

import re

_FIELD = re.compile(rb"^([!-9;-~]{1,80}):", re.ASCII)
_AUTHSERV = re.compile(rb"\s*([^\s;]{1,255})")
MAX_HEADER_BYTES = 200_000
DNS_SECONDS = 3.0  # per lookup
SPF_SECONDS = 8.0  # all lookups of one check: the sending server waits for our 250
_configured_server: list[str | None] = [None]


def _use_resolver(server: str | None) -> None:
    """pyspf asks dnspython's default resolver; point it at ``host:port`` (tests: a stub)."""
    if not server or _configured_server[0] == server:
        return
    import dns.resolver

    host, _, port = server.rpartition(":")
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host or server]
    resolver.port = int(port) if port.isdigit() else 53
    dns.resolver.default_resolver = resolver
    _configured_server[0] = server


def spf_result(ip: str, mail_from: str, helo: str, dns_server: str | None = None) -> str:
    """``pass``, ``fail``, ``softfail``, ``neutral``, ``none``, ``temperror`` or
    ``permerror`` for ``mail_from`` sent from ``ip``; never raises."""
    if not ip or "@" not in mail_from:
        return "none"  # a null sender (a bounce) has no domain to align with
    try:
        import spf

        _use_resolver(dns_server)
        result, _explanation = spf.check2(
            i=ip, s=mail_from, h=helo or "unknown", timeout=DNS_SECONDS, querytime=SPF_SECONDS
        )
    except Exception:  # a broken record or resolver proves nothing
        return "temperror"
    return str(result).lower()


def _header_end(raw: bytes) -> int:
    limit = raw[:MAX_HEADER_BYTES]
    ends = [i for i in (limit.find(b"\r\n\r\n"), limit.find(b"\n\n")) if i >= 0]
    return min(ends) if ends else len(limit)


def strip_own_results(raw: bytes, authserv_id: str) -> bytes:
    """``raw`` without the Authentication-Results fields (folded lines included) that claim
    ``authserv_id``; everything else byte for byte."""
    end = _header_end(raw)
    own = authserv_id.lower().encode("ascii", errors="replace")
    kept: list[bytes] = []
    dropping = False
    for line in raw[:end].splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        field = _FIELD.match(line)
        dropping = False
        if field is not None and field.group(1).lower() == b"authentication-results":
            value = _AUTHSERV.match(line, field.end())
            dropping = value is not None and value.group(1).lower() == own
        if not dropping:
            kept.append(line)
    return b"".join(kept) + raw[end:]


def stamp(raw: bytes, authserv_id: str, result: str, mail_from: str) -> bytes:
    """``raw`` with the edge's own verdict on top."""
    domain = mail_from.rsplit("@", 1)[-1].strip().strip("<>").lower()
    safe = re.sub(r"[^a-z0-9.\-]", "", domain)[:253] or "unknown"
    line = f"Authentication-Results: {authserv_id}; spf={result} smtp.mailfrom={safe}\r\n"
    return line.encode("ascii") + raw
