"""A real Synapse on 127.0.0.1 for the Matrix tests and the latency benchmark.

Minimal and fast: SQLite, one client listener on a free port, no federation listener,
no metrics, report_stats off. The default message rate limit is kept (the tests check the
bot copes with it); test users are exempted through the admin API where a test needs speed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER_NAME = "vraagbaak.test"
SHARED_SECRET = "test-only-registration-secret"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class RegisteredUser:
    user_id: str
    password: str
    access_token: str
    device_id: str


CONFIG_TEMPLATE = """\
server_name: "{server_name}"
pid_file: "{folder}/homeserver.pid"
public_baseurl: "http://127.0.0.1:{port}/"
listeners:
  - port: {port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "{folder}/homeserver.db"
log_config: "{folder}/log.yaml"
media_store_path: "{folder}/media"
signing_key_path: "{folder}/signing.key"
registration_shared_secret: "{secret}"
report_stats: false
enable_metrics: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
url_preview_enabled: false
enable_registration: false
# Test passwords need no strong hashing; every test registers and logs in fresh users.
bcrypt_rounds: 4
# Every test logs a fresh bot in from 127.0.0.1; the default login limit (per address) would
# make them wait minutes. The message rate limit (rc_message) keeps its default on purpose.
rc_login:
  address: {{per_second: 100, burst_count: 100}}
  account: {{per_second: 100, burst_count: 100}}
"""

LOG_CONFIG = """\
version: 1
formatters:
  plain:
    format: "%(asctime)s %(levelname)s %(name)s %(message)s"
handlers:
  file:
    class: logging.FileHandler
    filename: "{folder}/homeserver.log"
    formatter: plain
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
"""


class SynapseServer:
    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _write_config(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "media").mkdir(exist_ok=True)
        config = self.folder / "homeserver.yaml"
        config.write_text(
            CONFIG_TEMPLATE.format(
                server_name=SERVER_NAME, folder=self.folder, port=self.port, secret=SHARED_SECRET
            )
        )
        (self.folder / "log.yaml").write_text(LOG_CONFIG.format(folder=self.folder))
        return config

    def start(self, timeout: float = 90.0) -> None:
        config = self._write_config()
        command = [sys.executable, "-m", "synapse.app.homeserver", "-c", str(config)]
        if not (self.folder / "signing.key").exists():
            subprocess.run([*command, "--generate-keys"], check=True, capture_output=True)
        log = (self.folder / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"synapse exited with {self.process.returncode}; see {self.folder}/*.log"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_matrix/client/versions", timeout=1):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("synapse did not start in time")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    # --- admin API ---------------------------------------------------------------------------
    def _request(
        self, method: str, path: str, body: object | None = None, token: str | None = None
    ) -> dict[str, object]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=30) as response:
            result: dict[str, object] = json.loads(response.read() or b"{}")
            return result

    def register(self, localpart: str, *, admin: bool = False) -> RegisteredUser:
        """Register through the shared-secret admin API (no open registration needed)."""
        password = f"pw-{localpart}-secret"
        nonce = str(self._request("GET", "/_synapse/admin/v1/register")["nonce"])
        digest = hmac.new(
            SHARED_SECRET.encode(),
            b"\x00".join(
                p.encode() for p in (nonce, localpart, password, "admin" if admin else "notadmin")
            ),
            hashlib.sha1,
        ).hexdigest()
        result = self._request(
            "POST",
            "/_synapse/admin/v1/register",
            {
                "nonce": nonce,
                "username": localpart,
                "password": password,
                "admin": admin,
                "mac": digest,
            },
        )
        return RegisteredUser(
            str(result["user_id"]),
            password,
            str(result["access_token"]),
            str(result["device_id"]),
        )

    def exempt_from_rate_limit(self, admin: RegisteredUser, user_id: str) -> None:
        self._request(
            "POST",
            f"/_synapse/admin/v1/users/{user_id}/override_ratelimit",
            {"messages_per_second": 0, "burst_count": 0},
            token=admin.access_token,
        )

    def set_email(self, admin: RegisteredUser, user_id: str, email: str) -> None:
        """Give an account a verified e-mail address (3PID), as a server administrator."""
        self._request(
            "PUT",
            f"/_synapse/admin/v2/users/{user_id}",
            {"threepids": [{"medium": "email", "address": email}]},
            token=admin.access_token,
        )

    def delete_device(self, admin: RegisteredUser, user_id: str, device_id: str) -> None:
        """Remove a device and its access token, as an administrator would."""
        self._request(
            "DELETE",
            f"/_synapse/admin/v2/users/{user_id}/devices/{device_id}",
            token=admin.access_token,
        )
