"""What an import of one file yields: entries per input row, and rejects.

Every input row ends as a ``Row`` (with the entries it produced) or a
``Reject`` (with its line and reason), so the command can show that nothing
vanished: read = imported + duplicates + rejected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from beancount.core import data

# Called as progress(rows_done, rows_total) while a long file is read.
Progress = Callable[[int, int], None]


class InputError(Exception):
    """A file that cannot be imported at all (unreadable, unknown shape)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Reject:
    line: int
    raw: str
    reason: str


@dataclass
class Row:
    """One input row (or JSON record) and the directives made from it."""

    line: int
    entries: list[data.Directive]


@dataclass
class ImportResult:
    rows: list[Row] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    # Expense types that fell to Expenses:Suspense, with their row counts.
    unmapped: Counter[str] = field(default_factory=Counter)
    # Rows repaired on the way in (fields that ran together).
    recovered: int = 0

    @property
    def read(self) -> int:
        return len(self.rows) + len(self.rejects)

    @property
    def entries(self) -> list[data.Directive]:
        return [entry for row in self.rows for entry in row.entries]
