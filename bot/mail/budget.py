"""The understanding budget for a process that reads one mail itself and then ends (``vraagbaak
email parse``): the same time budget and memory limit the intake's worker process has, applied
to this process, so a command line answers without starting a second interpreter.

The time budget interrupts Python code with an alarm; CPU time past the budget (a regular
expression in C never returns to Python in between) ends the process, as the worker's is
ended. The memory limit counts on top of what the process holds already. Both limits are put
back afterwards (the tests call the command line in their own process)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType


class OverBudgetError(Exception):
    """Reading took longer than the budget."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise OverBudgetError


def _address_space_mb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@contextlib.contextmanager
def within_budget(seconds: float, memory_mb: int) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall time (:class:`OverBudgetError`) and
    ``memory_mb`` more address space (:class:`MemoryError`); the limits are restored after
    it. Limits this platform lacks are left out. Call it from the main thread."""
    restore: list[tuple[int, tuple[int, int]]] = []
    try:
        import resource

        # RLIMIT_CPU counts user and system time alike (a long-lived process has much of both)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used_cpu = usage.ru_utime + usage.ru_stime
        for limit, soft in (
            (resource.RLIMIT_CPU, int(used_cpu + seconds) + 2),
            (resource.RLIMIT_AS, (_address_space_mb() + memory_mb) * 1024 * 1024),
        ):
            before = resource.getrlimit(limit)
            if before[0] != resource.RLIM_INFINITY and before[0] < soft:
                continue  # already stricter
            resource.setrlimit(limit, (soft, before[1]))
            restore.append((limit, before))
    except (ImportError, ValueError, OSError):  # not on this platform: the alarm stays
        pass
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        for limit, before in restore:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(limit, before)
