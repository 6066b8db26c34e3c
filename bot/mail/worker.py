"""Understanding a mail runs in a worker process with a time budget and a memory limit.

Parsing, trimming and redaction are pure CPU work on text anyone can send. In a thread they
hold the GIL and stall the event loop (SMTP greetings, chat answers, ``/health``); in a
separate process they cannot, and a mail that runs past ``[mail] understand_seconds`` is
stopped by killing the process, which is then started afresh for the next mail. The process
is started with ``spawn`` (no forked copy of the bot's sockets, threads or event loop)."""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from bot.core.config import Config
from bot.core.logs import get_logger
from bot.mail.understand import MailReader, Understanding, config_router

log = get_logger(__name__)
START_SECONDS = 60.0  # importing the bot in a fresh interpreter; not part of a mail's budget
RECURSION_LIMIT = 5000  # deeply nested MIME and HTML are read, within the memory limit
OUT_OF_MEMORY = "MemoryError: over the worker's memory limit"


def over_budget(seconds: float) -> str:
    """The failure reason of a mail that took longer than its time budget."""
    return f"over the time budget of {seconds:g} s"


class UnderstandingFailedError(Exception):
    """Understanding one mail failed: over its time budget, out of memory, or it raised."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class WorkerUnavailableError(UnderstandingFailedError):
    """The worker process could not be started: no fault of the mail, retried later."""


@dataclass(frozen=True)
class _Request:
    raw: bytes
    recipients: list[str]
    source: str


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time budget stays
        pass


def _serve(
    conn: Connection,
    config_data: dict[str, Any],
    past: dict[str, list[str]],
    colleagues: list[str],
    external: list[str],
    memory_mb: int,
    reader_factory: str | None,
) -> None:
    """The worker's main loop: one request in, one result (or error text) out."""
    sys.setrecursionlimit(RECURSION_LIMIT)
    config = Config.model_validate(config_data)
    router = config_router(config, past, set(external))
    if reader_factory:  # "module:function" returning a reader (tests: a reader that hangs)
        module, _, name = reader_factory.partition(":")
        reader = getattr(importlib.import_module(module), name)(config, router)
    else:
        reader = MailReader(config, router)
    reader.colleagues = set(colleagues)  # people the chat knows keep their names (issue 12)
    _limit_memory(memory_mb)
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            result: tuple[str, object] = (
                "ok",
                reader.read(request.raw, request.recipients, request.source),
            )
        except MemoryError:
            result = ("error", OUT_OF_MEMORY)
        except BaseException as exc:
            result = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
        try:
            conn.send(result)
        except Exception as exc:  # a result that cannot be pickled is a failure too
            conn.send(("error", f"{type(exc).__name__}: result not sendable"))


class UnderstandingWorker:
    """One worker process, used by one mail at a time; restarted after a failure."""

    def __init__(self, config: Config, reader_factory: str | None = None) -> None:
        self.config = config
        self.reader_factory = reader_factory
        self.seconds = config.mail.understand_seconds
        self.memory_mb = config.mail.understand_memory_mb
        self._past: dict[str, list[str]] = {}
        self._colleagues: list[str] = []
        self._external: list[str] = []
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        # For start-up time: ``vraagbaak email parse`` reads a mail without the worker and
        # its event loop (here and in the two methods below).
        import asyncio

        self._thread_lock = threading.Lock()
        self._lock = asyncio.Lock()
        self.restarts = 0

    @property
    def past(self) -> dict[str, list[str]]:
        """The past chat texts per group the worker routes with."""
        return self._past

    def set_past(
        self,
        past: dict[str, list[str]],
        colleagues: list[str] | None = None,
        external: list[str] | None = None,
    ) -> None:
        """Route with these past chat texts per group, never on its own into the ``external``
        groups (shared with partners), and keep the names of these colleagues (restarts the
        worker when any of them changed)."""
        known = sorted(colleagues) if colleagues is not None else self._colleagues
        shared = sorted(external) if external is not None else self._external
        if past != self._past or known != self._colleagues or shared != self._external:
            self._past = past
            self._colleagues = known
            self._external = shared
            with self._thread_lock:
                self._stop()

    def _start(self) -> Connection:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe(duplex=True)
        process = context.Process(
            target=_serve,
            args=(
                child,
                self.config.model_dump(mode="json"),
                self._past,
                self._colleagues,
                self._external,
                self.memory_mb,
                self.reader_factory,
            ),
            name="vraagbaak-mail-worker",
            daemon=True,
        )
        process.start()
        child.close()
        if not parent.poll(START_SECONDS):
            process.kill()
            raise WorkerUnavailableError("worker did not start")
        try:
            parent.recv()
        except EOFError as exc:
            raise WorkerUnavailableError("worker did not start") from exc
        self._process, self._conn = process, parent
        return parent

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(None)
        if process is not None:
            process.join(timeout=1)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        if conn is not None:
            conn.close()

    def _kill(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        self.restarts += 1
        if process is not None:
            process.kill()
            process.join(timeout=5)
        if conn is not None:
            conn.close()

    def read_blocking(self, raw: bytes, recipients: list[str], source: str) -> Understanding:
        """Understand one mail in the worker; raises :class:`UnderstandingFailedError`."""
        with self._thread_lock:
            conn = self._conn
            if conn is None or self._process is None or not self._process.is_alive():
                if self._process is not None:
                    self._kill()
                conn = self._start()
            try:
                conn.send(_Request(raw, recipients, source))
                if not conn.poll(self.seconds):
                    self._kill()
                    raise UnderstandingFailedError(over_budget(self.seconds))
                status, value = conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                code = self._process.exitcode if self._process is not None else None
                self._kill()
                raise UnderstandingFailedError(
                    f"worker ended ({type(exc).__name__}, exit code {code})"
                ) from exc
        if status != "ok" or not isinstance(value, Understanding):
            raise UnderstandingFailedError(str(value))
        return value

    async def read(self, raw: bytes, recipients: list[str], source: str) -> Understanding:
        import asyncio

        async with self._lock:
            return await asyncio.to_thread(self.read_blocking, raw, recipients, source)

    def close(self) -> None:
        with self._thread_lock:
            self._stop()

    async def aclose(self) -> None:
        import asyncio

        await asyncio.to_thread(self.close)
