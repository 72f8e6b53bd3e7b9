"""Our importers on Fava's Import page: the module Fava's ``import-config``
option names.

Fava runs this file and reads ``CONFIG``, a list of beangulp importers
(and ``HOOKS``, none here). ``cwl serve --read-write`` points Fava at it for
a ledger that does not name an import config of its own; any ledger can
name it itself::

    2020-01-01 custom "fava-option" "import-config" "<path to this file>"
    2020-01-01 custom "fava-option" "import-dirs" "imports"

An officer uploads a spend or bank statement CSV on the Import page,
Fava lists it under the format that ``cwl import`` would read it as, and
extracts its entries for the officer to check and save. What Fava shows is
what ``cwl import`` would book, with what its Import page cannot save
turned into things it can, so nothing vanishes there either:

- entries already in the books (by ``source-id``) are marked duplicates,
  so Fava leaves them out;
- a rejected row becomes a note ``line N rejected: <reason>`` on the
  statement's account, marked to be left out (the officer may keep it);
- an account the books do not open yet gets a note saying so, marked to be
  left out: Fava cannot save the ``open`` directive, so open it first;
- a bank statement's opening balance, a ``pad`` in ``cwl import``'s output,
  is a transaction from ``Equity:Opening-Balances`` (Fava cannot save a
  ``pad``).

360Giving and OCDS files declare organisations and contracts (``custom``
directives), which Fava's Import page cannot save: they are identified, so
no other importer takes them, but left to ``cwl import``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from typing import Any

import beangulp
from beancount.core import data
from beancount.core.amount import Amount

from importers import registry
from importers.bank_statement import BankStatementImporter
from importers.base import Importer
from importers.expense_mapping import ExpenseMapping
from importers.ledger_output import Held, opens_for
from importers.results import InputError
from importers.transparency_spend import TransparencySpendImporter
from ledger import accounts
from ledger.metadata import SOURCE_ID

# What Fava's Import page can show, edit and save.
SAVABLE = (data.Transaction, data.Balance, data.Note)
DUPLICATE = "__duplicate__"  # Fava's mark for an extracted entry it leaves out
ONE_DAY = datetime.timedelta(days=1)


class FavaImporter(beangulp.Importer):
    """One of ``cwl import``'s formats, for Fava's Import page: it takes a
    file only when ``cwl import`` would read it as this format."""

    def __init__(self, importer: Importer, candidates: Sequence[beangulp.Importer],
                 identified: dict[tuple[str, int, int], type | None] | None = None) -> None:
        self.importer = importer
        self.candidates = list(candidates)
        # The format the last file asked about is in, shared by the page's
        # importers: Fava asks each of them about each file in turn.
        self._identified = {} if identified is None else identified

    @property
    def name(self) -> str:
        return f"cwl: {registry.format_name(self.importer)}"

    def identify(self, filepath: str) -> bool:
        try:
            stat = os.stat(filepath)
        except OSError:
            return False
        key = (filepath, stat.st_size, stat.st_mtime_ns)
        if key not in self._identified:
            try:
                found: type | None = type(registry.identify(filepath, self.candidates))
            except InputError:
                found = None
            self._identified.clear()
            self._identified[key] = found
        return self._identified[key] is type(self.importer)

    def account(self, filepath: str) -> data.Account:
        return self.importer.account(filepath)

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        """What ``cwl import`` would book, as entries Fava can save, and a
        note for each rejected row and each account not yet opened."""
        result = self.importer.parse(filepath, existing)
        account = self.account(filepath)
        held = Held()
        held.add(list(existing))
        entries: list[data.Directive] = []
        for entry in result.entries:
            entries.extend(savable(entry, result.entries, account))
        for reject in result.rejects:
            entries.append(note(filepath, reject.line, account,
                                f"line {reject.line} rejected: {reject.reason}"))
        new = [e for e in entries if not held.holds(e) and not e.meta.get(DUPLICATE)]
        for open_ in opens_for(new, held.opened):
            entries.append(note(filepath, 0, account,
                                f"account {open_.account} is not opened in the books: open it "
                                "before saving these entries"))
        return entries

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Entries the books hold already (by ``source-id``) are duplicates."""
        held = Held()
        held.add(list(existing))
        for entry in entries:
            if held.holds(entry):
                entry.meta[DUPLICATE] = True

    def sort(self, entries: data.Entries, reverse: bool = False) -> None:
        """In the file's order, so the page steps through it line by line
        (a row's own entries by date)."""
        entries.sort(key=lambda e: (e.meta.get("lineno") or 0, e.date), reverse=reverse)


def note(filepath: str, line: int, account: str, comment: str) -> data.Note:
    """A note marked for Fava to leave out unless the officer keeps it."""
    meta = {**data.new_metadata(filepath, line), DUPLICATE: True}
    return data.Note(meta, datetime.date.today(), account, comment, None, None)


def savable(entry: data.Directive, entries: Sequence[data.Directive],
            account: str) -> list[data.Directive]:
    """``entry`` as entries Fava's Import page can save."""
    if isinstance(entry, SAVABLE):
        return [entry]
    if isinstance(entry, data.Pad):
        opening = next((e for e in entries if isinstance(e, data.Balance)
                        and e.account == entry.account and e.date == entry.date + ONE_DAY),
                       None)
        if opening is not None:
            units = opening.amount
            return [data.Transaction(
                dict(entry.meta), entry.date, "*", None, "Opening balance", data.EMPTY_SET,
                data.EMPTY_SET,
                [data.Posting(entry.account, units, None, None, None, None),
                 data.Posting(entry.source_account, Amount(-units.number, units.currency),
                              None, None, None, None)])]
    kind = type(entry).__name__.lower()
    return [note(entry.meta.get("filename", ""), entry.meta.get("lineno", 0), account,
                 f"a {kind} entry ({entry.meta.get(SOURCE_ID, '')}) that Fava cannot save: "
                 "import this file with cwl import")]


def fava_importers(mapping: ExpenseMapping | None = None,
                   bank_account: str = accounts.CURRENT_ACCOUNT) -> list[beangulp.Importer]:
    """The Import page's importers: spend and bank statement CSVs, each
    identifying files as ``cwl import`` does (in its order, so a 360Giving
    CSV is never taken for spend)."""
    candidates = registry.importers(mapping or ExpenseMapping.load(),
                                    BankStatementImporter(bank_account))
    offered = (TransparencySpendImporter, BankStatementImporter)
    identified: dict[tuple[str, int, int], type | None] = {}
    return [FavaImporter(importer, candidates, identified) for importer in candidates
            if isinstance(importer, offered)]


CONFIG: list[Any] = fava_importers()
HOOKS: list[Any] = []
