"""A DNS server on 127.0.0.1 that answers TXT queries from a dict (dnspython for the wire
format), so DKIM can be verified offline against real DNS traffic."""

from __future__ import annotations

import socket
import threading

import dns.message
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset


class DnsStub:
    def __init__(self, records: dict[str, str]) -> None:
        self.records = {name.rstrip(".").lower(): value for name, value in records.items()}
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self.queries: list[str] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> DnsStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.sock.close()

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            query = dns.message.from_wire(data)
            response = dns.message.make_response(query)
            question = query.question[0]
            name = question.name.to_text().rstrip(".").lower()
            self.queries.append(name)
            value = self.records.get(name)
            if value is not None and question.rdtype == dns.rdatatype.TXT:
                chunks = [value[i : i + 255] for i in range(0, len(value), 255)]
                text = " ".join('"' + chunk + '"' for chunk in chunks)
                response.answer.append(
                    dns.rrset.from_text(question.name, 60, dns.rdataclass.IN, "TXT", text)
                )
            else:
                response.set_rcode(dns.rcode.NXDOMAIN)
            try:
                self.sock.sendto(response.to_wire(), peer)
            except OSError:  # stopped while answering
                return
