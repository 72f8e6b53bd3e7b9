"""The title page of every report: who, what, when, and which books
exactly, with the SHA-256 of each ledger file so an auditor can tell the
report was made from the books in front of them."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.periods import Period


@dataclass(frozen=True)
class LedgerFile:
    name: str  # relative to the main file's folder
    sha256: str


def ledger_files(options: dict[str, Any]) -> list[LedgerFile]:
    """The main file and every file it includes, each with its SHA-256."""
    main = Path(options["filename"]).resolve()
    included = [Path(p).resolve() for p in options.get("include", [])]
    paths = [main] + [p for p in included if p != main]
    files = []
    for path in paths:
        try:
            name = str(path.relative_to(main.parent))
        except ValueError:
            name = str(path)
        files.append(LedgerFile(name, hashlib.sha256(path.read_bytes()).hexdigest()))
    return files


def ledger_digest(files: list[LedgerFile]) -> str:
    """SHA-256 of the files' ``sha256sum`` lines, main file first, so an
    auditor can check it with ``sha256sum main.beancount ... | sha256sum``
    run in the ledger's folder."""
    lines = "".join(f"{f.sha256}  {f.name}\n" for f in files)
    return hashlib.sha256(lines.encode()).hexdigest()


@dataclass(frozen=True)
class ReportHeader:
    """The title page: who, what, when, and which books exactly."""

    title: str
    organisation: str
    organisation_id: str
    period: Period
    produced: datetime.date
    ledger_sha256: str
    files: tuple[LedgerFile, ...]
