"""A table on a page: shown as HTML (with its caption and headers) and downloadable as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# A cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Cell:
    text: str
    # The machine value (e.g. the exact ``stats --json`` figure) for CSV and tests.
    value: Any = None
    href: str | None = None
    # For figures: which scope and key of ``stats --json`` this is.
    scope: str | None = None
    key: str | None = None
    note: str | None = None


@dataclass
class Table:
    id: str
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # The first column names its row (a ``<th scope="row">``).
    row_headers: bool = True
    empty: str = ""

    def add(self, cells: Sequence[Cell | str]) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])


def _safe(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_safe(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_safe(c.value if c.value is not None else c.text) for c in row])
    # A byte-order mark so spreadsheet programs read the UTF-8 (ë, €) correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
