"""Which importer reads a file: the formats ``cwl import`` knows, in the
order they are tried (most specific first, so a 360Giving CSV is never
taken for spend)."""

from __future__ import annotations

from pathlib import Path

import beangulp

from importers.bank_statement import BankStatementImporter
from importers.csv_table import read_text
from importers.expense_mapping import ExpenseMapping
from importers.json_source import load_json
from importers.ocds_contracts import OCDSImporter
from importers.results import InputError
from importers.threesixty_giving import GrantsCSVImporter, GrantsJSONImporter
from importers.transparency_spend import TransparencySpendImporter

FORMATS = {
    GrantsJSONImporter: "360Giving JSON",
    OCDSImporter: "OCDS release package",
    GrantsCSVImporter: "360Giving CSV",
    TransparencySpendImporter: "transparency spend CSV",
    BankStatementImporter: "bank statement CSV",
}


def importers(mapping: ExpenseMapping,
              bank: BankStatementImporter | None = None) -> list[beangulp.Importer]:
    """One of each, in the order tried; ``bank`` is configured per statement."""
    return [GrantsJSONImporter(), OCDSImporter(), GrantsCSVImporter(),
            TransparencySpendImporter(mapping), bank or BankStatementImporter()]


def format_name(importer: beangulp.Importer) -> str:
    return FORMATS.get(type(importer), importer.name)


def identify(path: str, candidates: list[beangulp.Importer]) -> beangulp.Importer:
    """The importer for ``path``, or an InputError that says what is wrong."""
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if not file.is_file():
        raise InputError(path, "is not a file")
    if not read_text(path).strip():  # also reports unreadable and undecodable files
        raise InputError(path, "is empty")
    if file.suffix.lower() == ".json":
        load_json(path)  # a syntax error is clearer than "unknown format"
    for importer in candidates:
        if importer.identify(path):
            return importer
    raise InputError(path, "is not a recognised format: expected a transparency spend CSV "
                           "(date, supplier and amount columns), a 360Giving CSV or JSON, "
                           "an OCDS release package (JSON) or a bank statement CSV")
