"""DKIM verified by Vraagbaak itself (RFC 6376, with ``dkimpy``), for mail handed to the SMTP
listener straight from the internet, where no trusted MTA has judged it. A valid signature
whose ``d=`` is aligned with the From domain (relaxed, RFC 7489 section 3.1.1) verifies the
sender. Runs in the worker process, inside its time budget (DNS lookups included)."""

from __future__ import annotations

from collections.abc import Callable

TxtLookup = Callable[..., bytes | None]
MAX_SIGNATURES = 3
DNS_SECONDS = 2.0  # per lookup: three slow lookups stay inside the worker's budget


def txt_lookup(server: str | None = None) -> TxtLookup:
    """A DNS TXT lookup for dkimpy: the system resolver, or ``host:port`` (tests: a stub)."""
    import dns.resolver

    if server:
        host, _, port = server.rpartition(":")
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [host or server]
        resolver.port = int(port) if port.isdigit() else 53
    else:
        resolver = dns.resolver.Resolver()

    def get_txt(name: bytes, timeout: float = 5, **_: object) -> bytes | None:
        try:
            answer = resolver.resolve(name.decode("ascii").rstrip("."), "TXT", lifetime=timeout)
        except Exception:  # no record, no answer: the signature cannot be checked
            return None
        for record in answer:
            return b"".join(record.strings)  # type: ignore[attr-defined]
        return None

    return get_txt


def dkim_verified_domains(raw: bytes, lookup: TxtLookup, timeout: float = DNS_SECONDS) -> list[str]:
    """The ``d=`` domains of the valid DKIM signatures on ``raw`` (at most three checked)."""
    import dkim

    try:
        checker = dkim.DKIM(raw, timeout=int(max(1, timeout)))
    except Exception:
        return []
    count = sum(1 for name, _ in checker.headers if name.lower() == b"dkim-signature")
    domains: list[str] = []
    for index in range(min(count, MAX_SIGNATURES)):
        try:
            if checker.verify(idx=index, dnsfunc=lookup):
                domain = checker.domain
                if isinstance(domain, bytes):
                    domains.append(domain.decode("ascii", errors="replace").lower())
        except Exception:  # a malformed signature proves nothing
            continue
    return domains
