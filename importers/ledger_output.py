"""What the ledger already holds, and appending new entries to the output.

Re-importing must add nothing, so an entry is held when the ledger or the
output file already has its ``source-id`` (or, for a ``custom``
declaration, its type and id). The output must load inside a ledger that
includes it, so accounts it uses that nobody opens get an ``open`` dated no
later than anything an import can book (1990-01-01, the date window's
start), a row dated before the books open one of its accounts (or after
they close it) is rejected with that reason, never written as an
"inactive account" error, and the output is appended to whole or not at
all (``ledger.atomic_files``).
"""

from __future__ import annotations

import datetime
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data, getters
from beancount.parser import parser, printer
from beancount.utils import misc_utils

from importers.csv_table import MAX_FIELD, read_text
from importers.results import ImportResult, Reject
from importers.values import EARLIEST, clean_text
from ledger.atomic_files import append_text
from ledger.loading import load_books
from ledger.metadata import SOURCE_ID

# Opens the import writes are dated here: no date an import accepts is earlier.
EARLY = EARLIEST
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What a row's entry other than its payment is, for a reason naming its date.
_WHAT = {data.Pad: "opening balance", data.Balance: "balance assertion"}
# Declarations dated by convention (often long ago), not by anything that happened.
_UNDATED = (data.Open, data.Close, data.Commodity)
# Declarations an id may have once per date (a property's value as at each
# list date): held by id and date.
_DATED_DECLARATIONS = frozenset({"cwl-property"})


@dataclass
class Held:
    """Keys of everything already in the books."""

    entries: list[data.Directive] = field(default_factory=list)
    source_ids: set[str] = field(default_factory=set)
    declarations: set[tuple[str, str]] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)
    opens_on: dict[str, datetime.date] = field(default_factory=dict)
    closes_on: dict[str, datetime.date] = field(default_factory=dict)
    ledger_errors: int = 0
    books_end: datetime.date | None = None  # the ledger's last date, for the date window

    def add(self, entries: list[data.Directive]) -> None:
        self.entries.extend(entries)
        for entry in entries:
            key = _declaration(entry)
            if key:
                self.declarations.add(key)
            elif isinstance(entry, data.Open):
                self.opened.add(entry.account)
                day = self.opens_on.get(entry.account, entry.date)
                self.opens_on[entry.account] = min(day, entry.date)
            elif isinstance(entry, data.Close):
                self.closes_on[entry.account] = entry.date
            elif entry.meta and SOURCE_ID in entry.meta:
                self.source_ids.add(str(entry.meta[SOURCE_ID]))

    def holds(self, entry: data.Directive) -> bool:
        key = _declaration(entry)
        if key:
            return key in self.declarations
        return bool(entry.meta) and str(entry.meta.get(SOURCE_ID)) in self.source_ids

    def inactive(self, entries: list[data.Directive]) -> str | None:
        """Why Beancount would call an account in ``entries`` inactive on
        its entry's date (opened later, or closed before), or None."""
        for entry in entries:
            if isinstance(entry, _UNDATED):
                continue
            what = _WHAT.get(type(entry), "date")
            for account in sorted(getters.get_entry_accounts(entry)):
                opens = self.opens_on.get(account)
                if opens and entry.date < opens:
                    return (f"account {account} opens on {opens}, after this row's {what} "
                            f"({entry.date})")
                closes = self.closes_on.get(account)
                if closes and entry.date > closes:
                    return (f"account {account} was closed on {closes}, before this row's "
                            f"{what} ({entry.date})")
        return None


def _declaration(entry: data.Directive) -> tuple[str, str] | None:
    if isinstance(entry, data.Custom) and entry.values:
        if entry.type in _DATED_DECLARATIONS:
            return entry.type, f"{entry.values[0][0]}@{entry.date}"
        return entry.type, str(entry.values[0][0])
    return None


def books_end(entries: data.Entries) -> datetime.date | None:
    """The date of the books' latest entry, not counting ``open``, ``close``
    and ``commodity`` declarations; None for books with no entries."""
    return max((e.date for e in entries if not isinstance(e, _UNDATED)), default=None)


def load_held(ledger: str | None, out: str) -> Held:
    """The ledger (with Beancount's loader) and the output file, if they exist."""
    held = Held()
    if ledger and os.path.exists(ledger):
        entries, errors, _ = load_books(ledger)
        held.ledger_errors = len(errors)
        held.books_end = books_end(entries)
        held.add(entries)
    if os.path.exists(out):
        entries, _, _ = parser.parse_file(out)
        held.add(entries)
    return held


def screen_inactive(result: ImportResult, held: Held, path: str) -> None:
    """Rows whose new entries use an account the books open after their
    date (or close before it) become rejects with that reason: written, they
    would be "inactive account" errors. Their raw text is their first line
    in the file."""
    lines: list[str] | None = None
    kept = []
    for row in result.rows:
        why = held.inactive([e for e in row.entries if not held.holds(e)])
        if why is None:
            kept.append(row)
            continue
        if lines is None:
            lines = _LINE_BREAK.split(read_text(path))
        raw = lines[row.line - 1][:MAX_FIELD] if 0 < row.line <= len(lines) else ""
        result.rejects.append(Reject(row.line, raw, why))
    if len(kept) < len(result.rows):
        result.rows[:] = kept
        result.rejects.sort(key=lambda reject: reject.line)


def opens_for(entries: list[data.Directive], opened: set[str]) -> list[data.Open]:
    """``open`` directives for accounts used here that nobody opens yet,
    dated 1990-01-01 (or before the earliest entry, were one earlier), so no
    later import's rows can come before them."""
    accounts = set(getters.get_accounts(entries)) - opened
    if not accounts:
        return []
    first = min((e.date for e in entries), default=EARLY)
    date = min(EARLY, first)
    meta = data.new_metadata("<cwl import>", 0)
    return [data.Open(meta, date, account, None, None) for account in sorted(accounts)]


_NOT_PRINTED = frozenset({"filename", "lineno"})


def _meta_lines(meta: data.Meta | None, prefix: str) -> list[str] | None:
    """Metadata as the printer writes it, or None for a value it must handle."""
    lines: list[str] = []
    for key, value in (meta or {}).items():
        if key in _NOT_PRINTED or key.startswith("__"):
            continue
        kind = type(value)
        if kind is str:
            text = '"' + misc_utils.escape_string(value) + '"'
        elif kind is bool:
            text = "TRUE" if value else "FALSE"
        elif isinstance(value, (Decimal, datetime.date)):
            text = str(value)
        else:
            return None
        lines.append(f"{prefix}{key}: {text}\n")
    return lines


class _Printer(printer.EntryPrinter):
    """Beancount's printer with a direct path for plain transactions (no
    cost, price or posting flag), which an import writes by the thousand:
    the same text, in less than half the time."""

    def Transaction(self, entry: data.Transaction, oss) -> None:
        postings = entry.postings
        meta = _meta_lines(entry.meta, self.prefix)
        if meta is None or not entry.narration or any(
                p.cost or p.price or p.flag or p.units is None for p in postings):
            return super().Transaction(entry, oss)
        words = [f'"{misc_utils.escape_string(entry.payee)}"'] if entry.payee else []
        words.append(f'"{misc_utils.escape_string(entry.narration)}"')
        words += [f"#{tag}" for tag in sorted(entry.tags or ())]
        words += [f"^{link}" for link in sorted(entry.links or ())]
        lines = [f"{entry.date} {printer.render_flag(entry.flag)} {' '.join(words)}\n", *meta]
        width = max(len(p.account) for p in postings)
        numbers = [str(p.units.number) for p in postings]
        digits = max(len(n) for n in numbers)
        for posting, number in zip(postings, numbers):
            posting_meta = _meta_lines(posting.meta, self.prefix * 2) if posting.meta else []
            if posting_meta is None:
                return super().Transaction(entry, oss)
            lines.append(f"{self.prefix}{posting.account:<{width}}  "
                         f"{number:>{digits}} {posting.units.currency}\n")
            lines += posting_meta
        oss.write("".join(lines))


def render(entries: list[data.Directive]) -> str:
    """Beancount's layout, one printer and one buffer for all entries."""
    print_entry = _Printer()
    out = io.StringIO()
    for n, entry in enumerate(entries):
        if n:
            out.write("\n")
        getattr(print_entry, type(entry).__name__)(entry, out)
    return out.getvalue()


def append(out: str, heading: str, entries: list[data.Directive]) -> None:
    """Entries under a ``; heading`` comment, all of them or none. The
    heading names an input file, whose name may hold a line break or a
    byte that is not UTF-8: it is made one line of text first."""
    line = clean_text(heading).encode("utf-8", "backslashreplace").decode("utf-8")
    append_text(out, f"\n; {line}\n\n" + render(entries))
