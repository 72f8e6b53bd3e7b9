"""What the ledger already holds, and appending new entries to the output.

Re-importing must add nothing, so an entry is held when the ledger or the
output file already has its ``source-id`` (or, for a ``custom``
declaration, its type and id). The output must load inside a ledger that
includes it, so accounts it uses that nobody opens get an ``open``.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from beancount import loader
from beancount.core import data, getters
from beancount.parser import parser, printer

from ledger.metadata import SOURCE_ID

EARLY = datetime.date(2000, 1, 1)


@dataclass
class Held:
    """Keys of everything already in the books."""

    entries: list[data.Directive] = field(default_factory=list)
    source_ids: set[str] = field(default_factory=set)
    declarations: set[tuple[str, str]] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)
    ledger_errors: int = 0

    def add(self, entries: list[data.Directive]) -> None:
        self.entries.extend(entries)
        for entry in entries:
            key = _declaration(entry)
            if key:
                self.declarations.add(key)
            elif isinstance(entry, data.Open):
                self.opened.add(entry.account)
            elif entry.meta and SOURCE_ID in entry.meta:
                self.source_ids.add(str(entry.meta[SOURCE_ID]))

    def holds(self, entry: data.Directive) -> bool:
        key = _declaration(entry)
        if key:
            return key in self.declarations
        return bool(entry.meta) and str(entry.meta.get(SOURCE_ID)) in self.source_ids


def _declaration(entry: data.Directive) -> tuple[str, str] | None:
    if isinstance(entry, data.Custom) and entry.values:
        return entry.type, str(entry.values[0][0])
    return None


def load_held(ledger: str | None, out: str) -> Held:
    """The ledger (with Beancount's loader) and the output file, if they exist."""
    held = Held()
    if ledger and os.path.exists(ledger):
        entries, errors, _ = loader.load_file(ledger)
        held.ledger_errors = len(errors)
        held.add(entries)
    if os.path.exists(out):
        entries, _, _ = parser.parse_file(out)
        held.add(entries)
    return held


def opens_for(entries: list[data.Directive], opened: set[str]) -> list[data.Open]:
    """``open`` directives for accounts used here that nobody opens yet."""
    accounts = set(getters.get_accounts(entries)) - opened
    if not accounts:
        return []
    first = min((e.date for e in entries), default=EARLY)
    date = min(EARLY, first)
    meta = data.new_metadata("<cwl import>", 0)
    return [data.Open(meta, date, account, None, None) for account in sorted(accounts)]


def render(entries: list[data.Directive]) -> str:
    """Beancount's own layout; one printer for all entries (a third faster)."""
    print_entry = printer.EntryPrinter()
    return "\n".join(print_entry(entry) for entry in entries)


def append(out: str, heading: str, entries: list[data.Directive]) -> None:
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(f"\n; {heading}\n\n")
        handle.write(render(entries))
