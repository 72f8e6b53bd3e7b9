"""Bank statement CSVs: configurable columns and balance assertions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from beancount import loader
from beancount.core import data

from importers.bank_statement import BankColumns, BankStatementImporter
from importers.ledger_output import opens_for, render


def test_running_balance_becomes_assertions_that_hold(tmp_path: Path) -> None:
    statement = tmp_path / "bank.csv"
    statement.write_text("Date,Details,Paid Out,Paid In,Balance\n"
                         "02/06/2020,Room hire,,50.00,1050.00\n"
                         "01/06/2020,Printer ink,25.00,,1000.00\n"
                         "01/06/2020,Opening grant,,1025.00,1025.00\n")
    importer = BankStatementImporter("Assets:Bank:Group")
    assert importer.identify(str(statement))
    result = importer.parse(str(statement))
    balances = [e for e in result.entries if isinstance(e, data.Balance)]
    assert {(str(b.date), b.amount.number) for b in balances} == {
        ("2020-06-02", Decimal("1000.00")), ("2020-06-03", Decimal("1050.00"))}
    assert not any(isinstance(e, data.Pad) for e in result.entries)  # opened at 0
    out = tmp_path / "out.beancount"
    out.write_text(render(opens_for(result.entries, set()) + result.entries))
    _, errors, _ = loader.load_file(str(out))
    assert errors == []


def test_signed_amount_column_and_opening_balance(tmp_path: Path) -> None:
    statement = tmp_path / "bank.csv"
    statement.write_text("When,What,Sum,Bal\n2020-06-01,Fees,-10.00,90.00\n")
    columns = BankColumns(date=("When",), description=("What",), amount=("Sum",),
                          balance=("Bal",))
    result = BankStatementImporter(columns=columns).parse(str(statement))
    pad = [e for e in result.entries if isinstance(e, data.Pad)]
    assert len(pad) == 1
    out = tmp_path / "out.beancount"
    out.write_text(render(opens_for(result.entries, set()) + result.entries))
    _, errors, _ = loader.load_file(str(out))
    assert errors == []
