"""What every importer here shares: beangulp's protocol on top of one
``parse`` that returns an ``ImportResult`` (rows and rejects), so ``cwl
import`` can account for every input row while beangulp tools still work.

``parse`` takes the window of dates to accept; ``cwl import`` fixes it
once from the ledger, and without one (beangulp's ``extract``) it runs to
a year after the last date of the entries given as existing."""

from __future__ import annotations

from pathlib import Path

import beangulp
from beancount.core import data

from importers.json_source import load_json
from importers.ledger_output import books_end
from importers.results import ImportResult, InputError, Progress
from importers.values import DateWindow
from ledger import accounts


def date_window(existing: data.Entries, window: DateWindow | None) -> DateWindow:
    """The window given, or one a year past the existing entries' last date."""
    return window or DateWindow.after(books_end(existing))


class Importer(beangulp.Importer):
    """beangulp's ``extract`` is ``parse`` without the rejects."""

    def account(self, filepath: str) -> data.Account:
        return accounts.CURRENT_ACCOUNT

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        return self.parse(filepath, existing).entries

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        raise NotImplementedError


class JSONPackageImporter(Importer):
    """A JSON package whose records are a list under ``key``."""

    key: str

    def identify(self, filepath: str) -> bool:
        if Path(filepath).suffix.lower() != ".json":
            return False
        try:
            package, _ = load_json(filepath)
        except InputError:
            return False
        return isinstance(package, dict) and isinstance(package.get(self.key), list)
