"""Which importer reads a file: the formats ``cwl import`` knows, in the
order they are tried (most specific first, so a 360Giving CSV is never
taken for spend)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import beangulp

from importers.bank_statement import BankStatementImporter
from importers.csv_table import read_text
from importers.expense_mapping import ExpenseMapping
from importers.json_source import load_json
from importers.ocds_contracts import OCDSImporter
from importers.period_files import PeriodSummaryImporter
from importers.rating_list import RatingListImporter
from importers.results import InputError
from importers.threesixty_giving import GrantsCSVImporter, GrantsJSONImporter
from importers.transparency_spend import TransparencySpendImporter


@dataclass(frozen=True)
class Format:
    """A format as ``cwl import`` names it, and what identifies its files
    (what a user is told to check when a file is not recognised)."""

    name: str
    identified_by: str


FORMATS = {
    GrantsJSONImporter: Format("360Giving JSON", 'a JSON object with a "grants" list'),
    OCDSImporter: Format("OCDS package",
                         'a JSON object with a "releases" or "records" list'),
    GrantsCSVImporter: Format("360Giving CSV",
                              "Identifier, Amount Awarded and recipient identifier columns"),
    RatingListImporter: Format("business rates list CSV",
                               "property reference, rateable value and as-at date columns"),
    TransparencySpendImporter: Format("transparency spend CSV",
                                      "date, supplier and amount columns"),
    BankStatementImporter: Format("bank statement CSV",
                                  "date, description and amount or debit and credit columns"),
    PeriodSummaryImporter: Format("period summary CSV",
                                  "supplier and amount columns and no date column, imported "
                                  "with --period"),
}


def importers(mapping: ExpenseMapping,
              bank: BankStatementImporter | None = None) -> list[beangulp.Importer]:
    """One of each, in the order tried; ``bank`` is configured per statement."""
    return [GrantsJSONImporter(), OCDSImporter(), GrantsCSVImporter(), RatingListImporter(),
            TransparencySpendImporter(mapping), bank or BankStatementImporter()]


def format_name(importer: beangulp.Importer) -> str:
    known = FORMATS.get(type(importer))
    return known.name if known else importer.name


def unrecognised() -> str:
    """Why a file matched no importer: every format and what identifies it."""
    formats = [f"{f.name} ({f.identified_by})" for f in FORMATS.values()]
    return "is not a recognised format: expected one of: " + "; ".join(formats)


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
    raise InputError(path, unrecognised())
