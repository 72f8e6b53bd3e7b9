"""A ledger file that knows the line each entry starts on, so planted faults
can be listed with the exact file and line a rule should report."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO


class LedgerWriter:
    """Streams entries to one ``.beancount`` file, counting lines."""

    def __init__(self, path: Path, title: str) -> None:
        self.path = path
        self.name = path.name
        self._file: TextIO = path.open("w", encoding="utf-8", newline="\n")
        self._line = 1
        self.transactions = 0
        self.write(f";; {title}\n;; Written by `cwl demo`: fictional data.\n")

    def write(self, text: str) -> int:
        """Write ``text`` (whole lines) and return the line it starts on."""
        start = self._line
        self._file.write(text)
        self._line += text.count("\n")
        return start

    def entry(self, text: str) -> int:
        """Write one directive followed by a blank line; its first line."""
        return self.write(text + "\n")

    def txn(self, text: str) -> int:
        """Write one transaction; counted towards the ledger's size."""
        self.transactions += 1
        return self.write(text + "\n")

    def close(self) -> None:
        self._file.close()
