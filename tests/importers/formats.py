"""One small file per importer with a chosen amount, date and text, so a
rule can be checked on every format: each writes a row (or record) with
the values under test and a sound one after it, on the line after."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core import data

from importers.bank_statement import BankStatementImporter
from importers.base import Importer
from importers.expense_mapping import ExpenseMapping
from importers.ocds_contracts import OCDSImporter
from importers.threesixty_giving import GrantsCSVImporter, GrantsJSONImporter
from importers.transparency_spend import TransparencySpendImporter

SOUND_AMOUNT, SOUND_DATE = "10.00", "2020-06-01"


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def json_lines(key: str, records: list[Any]) -> str:
    """``{"key": [...]}`` with record n on line n + 1."""
    return "{\"%s\": [\n%s\n]}\n" % (key, ",\n".join(json.dumps(r) for r in records))


def _spend(amount: str, date: str, text: str) -> str:
    return csv_text([["Date", "Transaction Number", "Amount", "Supplier Name", "Expense Type"],
                     [date, "T1", amount, text, "Stationery"],
                     ["01/06/2020", "T2", SOUND_AMOUNT, "Acme Ltd", "Stationery"]])


def _bank(amount: str, date: str, text: str) -> str:
    return csv_text([["Date", "Description", "Amount"], [date, text, amount],
                     ["01/06/2020", "Fees", SOUND_AMOUNT]])


GRANT_HEADER = ["Identifier", "Title", "Currency", "Amount Awarded", "Award Date",
                "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier",
                "Funding Org:Name"]


def _grants_csv(amount: str, date: str, text: str) -> str:
    return csv_text([GRANT_HEADER,
                     ["360G-x-1", text, "GBP", amount, date, "GB-CHC-1", "Hall", "F", "F"],
                     ["360G-x-2", "Door", "GBP", SOUND_AMOUNT, SOUND_DATE, "GB-CHC-2", "Two",
                      "F", "F"]])


def grant(ident: str, amount: Any, date: str, text: str = "Roof") -> dict[str, Any]:
    return {"id": ident, "title": text, "currency": "GBP", "amountAwarded": amount,
            "awardDate": date, "recipientOrganization": [{"id": "GB-CHC-1", "name": "Hall"}]}


def _grants_json(amount: str, date: str, text: str) -> str:
    return json_lines("grants", [grant("360G-x-1", amount, date, text),
                                 grant("360G-x-2", SOUND_AMOUNT, SOUND_DATE)])


def release(ocid: str, amount: Any, date: str, text: str = "Cleaning") -> dict[str, Any]:
    return {"ocid": ocid, "id": f"{ocid}-1", "date": "2020-06-01T00:00:00Z",
            "awards": [{"id": f"{ocid}-A", "date": date, "title": text,
                        "value": {"amount": amount, "currency": "GBP"},
                        "suppliers": [{"id": f"GB-COH-{ocid[-1]}", "name": "Acme"}]}]}


def _ocds(amount: str, date: str, text: str) -> str:
    return json_lines("releases", [release("ocds-x-1", amount, date, text),
                                   release("ocds-x-2", SOUND_AMOUNT, SOUND_DATE)])


def _run_together(amount: str, date: str, text: str) -> str:
    """Date and amount in one cell, as Lambeth's report writer drops a comma."""
    return csv_text([["Body", "Supplier Name", "Date", "Amount", "Expense Type"],
                     ["Demo", text, f"{date}{amount}", "Stationery"],
                     ["Demo", "Acme Ltd", "01/06/2020", SOUND_AMOUNT, "Stationery"]])


def _posted(entries: list[data.Directive]) -> Decimal:
    """The first transaction's first posting: the payment, grant or bank amount."""
    return next(e for e in entries if isinstance(e, data.Transaction)).postings[0].units.number


def _contracted(entries: list[data.Directive]) -> Decimal:
    return next(e for e in entries if getattr(e, "type", "") == "cwl-contract").meta[
        "value"].number


@dataclass(frozen=True)
class Format:
    """An importer, the file it reads and where its amount lands. The text
    under test is the payee, description or title: a field of free text."""

    name: str
    suffix: str
    write: Callable[[str, str, str], str]
    importer: Callable[[], Importer]
    amount: Callable[[list[data.Directive]], Decimal]
    text: str
    first_line: int = 2  # the line of the row or record under test

    def file(self, folder: Path, amount: str = SOUND_AMOUNT, date: str = SOUND_DATE,
             text: str | None = None) -> str:
        path = folder / f"{self.name}{self.suffix}"
        path.write_text(self.write(amount, date, self.text if text is None else text),
                        encoding="utf-8")
        return str(path)


def _spend_importer() -> Importer:
    return TransparencySpendImporter(ExpenseMapping.load())


SPEND = Format("spend", ".csv", _spend, _spend_importer, _posted, "Acme Ltd")
BANK = Format("bank", ".csv", _bank, BankStatementImporter, _posted, "Room hire")
GRANTS_CSV = Format("grants", ".csv", _grants_csv, GrantsCSVImporter, _posted, "Roof")
GRANTS_JSON = Format("grants", ".json", _grants_json, GrantsJSONImporter, _posted, "Roof")
OCDS = Format("contracts", ".json", _ocds, OCDSImporter, _contracted, "Cleaning")
RUN_TOGETHER = Format("lambeth", ".csv", _run_together, _spend_importer, _posted, "Acme Ltd")
# Every format whose amount and date are cells or fields of their own.
SEPARATE = [SPEND, BANK, GRANTS_CSV, GRANTS_JSON, OCDS]
CSV_FORMATS = [SPEND, BANK, GRANTS_CSV]
JSON_FORMATS = [GRANTS_JSON, OCDS]
