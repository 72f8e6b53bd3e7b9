"""What every importer here shares: beangulp's protocol on top of one
``parse`` that returns an ``ImportResult`` (rows and rejects), so ``cwl
import`` can account for every input row while beangulp tools still work."""

from __future__ import annotations

from pathlib import Path

import beangulp
from beancount.core import data

from importers.json_source import load_json
from importers.results import ImportResult, InputError, Progress
from ledger import accounts


class Importer(beangulp.Importer):
    """beangulp's ``extract`` is ``parse`` without the rejects."""

    def account(self, filepath: str) -> data.Account:
        return accounts.CURRENT_ACCOUNT

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        return self.parse(filepath, existing).entries

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None) -> ImportResult:
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
