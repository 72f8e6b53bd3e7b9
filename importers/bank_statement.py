"""A bank statement CSV (the council's or a community group's own account).

Banks disagree on columns, so the mapping is configuration (``BankColumns``,
or ``cwl import --bank-columns``): which column holds the date, the
description, a signed amount or separate money-out and money-in columns,
and the running balance. Each row is a transaction
against the bank account, balanced to ``Expenses:Suspense`` until someone
classifies it; the running balance becomes a ``balance`` assertion at the
end of each day, so the ledger proves it matches the bank.

A row's fields are parsed by beangulp's csvbase column classes (``Date``,
``Amount``, ``Column``), with our date shapes and exact-pennies rules in
their ``parse``. csvbase's own ``Importer`` is not used to read the file:
it stops at the first value it cannot parse, counts lines as if no field
held a line break, needs one date format and the exact column names, and
keeps one balance per file, where every row here must be imported or
rejected with its line and reason. Rows come from ``CSVImporter``
(preambles, the names banks use, rejects) as for every CSV format.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from beangulp.importers import csvbase

from importers.csv_importer import CSVImporter, Fields
from importers.csv_table import Column, Table, csv_suffix, sniff
from importers.provenance import SourceIds
from importers.results import ImportResult
from importers.values import DateWindow, parse_pennies
from ledger import accounts
from ledger.metadata import SOURCE_ID

ONE_DAY = datetime.timedelta(days=1)
# csvbase resolves a column by name; ours are the fields the header search found.
FIELDS = {name: name for name in ("date", "description", "amount", "debit", "credit", "balance")}


class StatementDate(csvbase.Date):
    """csvbase's date column, reading the shapes banks write (``01/06/2020``,
    ``2020-06-01``, ``01-JUN-2020``) inside the import's date window, where
    csvbase's reads one ``strptime`` format."""

    def __init__(self, name: str, window: DateWindow) -> None:
        super().__init__(name)
        self.window = window

    def parse(self, value: str) -> datetime.date:
        return self.window.entry_date(value)


class Money(csvbase.Amount):
    """csvbase's amount column, as exact pennies by ``values.parse_pennies``:
    csvbase's ``Decimal(value)`` would read ``1e3``, ``NaN`` and ``1_000``."""

    def parse(self, value: str) -> Decimal:
        return parse_pennies(value)


class MoneyOutIn(csvbase.Column):
    """Money out and money in, two columns, as one signed amount."""

    def parse(self, money_out: str, money_in: str) -> Decimal:
        paid_in = parse_pennies(money_in) if money_in else Decimal(0)
        paid_out = parse_pennies(money_out) if money_out else Decimal(0)
        return paid_in - abs(paid_out)


@dataclass(frozen=True)
class BankColumns:
    """Column names for each field; the first one present in the file wins."""

    date: tuple[str, ...] = ("Date", "Transaction Date", "Posting Date", "Value Date")
    description: tuple[str, ...] = ("Description", "Details", "Narrative", "Memo",
                                    "Transaction Description", "Reference")
    amount: tuple[str, ...] = ("Amount", "Value")
    debit: tuple[str, ...] = ("Debit", "Paid Out", "Money Out", "Withdrawals", "Debit Amount")
    credit: tuple[str, ...] = ("Credit", "Paid In", "Money In", "Deposits", "Credit Amount")
    balance: tuple[str, ...] = ("Balance", "Running Balance")

    @classmethod
    def parse(cls, spec: str) -> BankColumns:
        """Columns from ``cwl import --bank-columns``: ``date=When,amount=Sum``,
        with ``|`` between a field's alternatives (``description=What|Memo``).
        Fields not named keep their defaults; a bad part is a ValueError."""
        known = [f.name for f in dataclass_fields(cls)]
        given: dict[str, tuple[str, ...]] = {}
        for part in spec.split(","):
            name, equals, columns = part.partition("=")
            name = name.strip().lower()
            names = tuple(c.strip() for c in columns.split("|") if c.strip())
            if not equals or name not in known or not names:
                raise ValueError(f"{part.strip()!r} is not FIELD=COLUMN, "
                                 f"with FIELD one of {', '.join(known)}")
            given[name] = names
        return replace(cls(), **given)


@dataclass
class _Balance:
    date: datetime.date
    line: int
    amount: Decimal
    balance: Decimal
    entries: list[data.Directive] = field(default_factory=list)


class BankStatementImporter(CSVImporter):
    """Rows of a bank statement; configure columns and account per bank."""

    kind = "bank"

    def __init__(self, account: str = accounts.CURRENT_ACCOUNT,
                 columns: BankColumns = BankColumns(), currency: str = "GBP") -> None:
        self.bank_account = account
        self.currency = currency
        self.columns = {
            "date": Column(*columns.date, required=True),
            "description": Column(*columns.description, required=True),
            "amount": Column(*columns.amount),
            "debit": Column(*columns.debit),
            "credit": Column(*columns.credit),
            "balance": Column(*columns.balance),
        }
        self._money = {"amount": Column(*columns.amount, required=True)}
        self._split = {"x": Column(*columns.debit, *columns.credit, required=True)}
        self._balances: list[_Balance] = []
        self._first_import = True
        self._read: dict[str, Callable[[Any], Any]] = {}

    def identify(self, filepath: str) -> bool:
        return (csv_suffix(filepath) and sniff(filepath, self.columns)
                and (sniff(filepath, self._money) or sniff(filepath, self._split)))

    def account(self, filepath: str) -> data.Account:
        return self.bank_account

    def start(self, table: Table, existing: data.Entries) -> None:
        self._balances = []
        self._read = {name: column.getter(FIELDS) for name, column in {
            "date": StatementDate("date", self.window),
            "description": csvbase.Column("description"),
            "amount": Money("amount"),
            "debit_credit": MoneyOutIn("debit", "credit"),
            "balance": Money("balance"),
        }.items()}
        # Only a first statement for the account may bring in an opening balance.
        self._first_import = not any(
            (isinstance(e, data.Transaction) and any(p.account == self.bank_account
                                                      for p in e.postings))
            or getattr(e, "account", None) == self.bank_account and not isinstance(e, data.Open)
            for e in existing)

    def convert(self, fields: Fields, ids: SourceIds, cells: list[str],
                meta: data.Meta, result: ImportResult) -> list[data.Directive]:
        read = self._read
        date = read["date"](fields)
        if fields["amount"]:
            amount = read["amount"](fields)
        elif fields["debit"] or fields["credit"]:
            amount = read["debit_credit"](fields)
        else:
            raise ValueError("no amount, debit or credit")
        meta[SOURCE_ID] = ids.make("", cells)
        entries: list[data.Directive] = [data.Transaction(
            meta, date, "*", None, read["description"](fields), data.EMPTY_SET, data.EMPTY_SET,
            [data.Posting(self.bank_account, Amount(amount, self.currency), None, None, None, None),
             data.Posting(accounts.SUSPENSE, Amount(-amount, self.currency),
                          None, None, None, None)])]
        if fields["balance"]:
            self._balances.append(
                _Balance(date, meta["lineno"], amount, read["balance"](fields), entries))
        return entries

    def finish(self, result: ImportResult) -> None:
        """A balance assertion after each day, and the opening balance once."""
        if not self._balances:
            return
        rows = self._balances
        if rows[0].date > rows[-1].date:  # newest first, as many banks export
            rows = rows[::-1]
        end_of_day: dict[datetime.date, _Balance] = {}
        for row in rows:
            end_of_day[row.date] = row
        for day, row in end_of_day.items():
            row.entries.append(self._assert(row, day + ONE_DAY, row.balance))
        opening = rows[0].balance - rows[0].amount
        if self._first_import and opening:
            first = rows[0]
            pad_meta = {**data.new_metadata(first.entries[0].meta["filename"], first.line),
                        SOURCE_ID: f"bank-opening-{self.bank_account}-{first.date}"}
            first.entries.append(data.Pad(pad_meta, first.date - ONE_DAY, self.bank_account,
                                          accounts.OPENING))
            first.entries.append(self._assert(first, first.date, opening))

    def _assert(self, row: _Balance, date: datetime.date, number: Decimal) -> data.Balance:
        meta = {**data.new_metadata(row.entries[0].meta["filename"], row.line),
                SOURCE_ID: f"bank-balance-{self.bank_account}-{date}"}
        return data.Balance(meta, date, self.bank_account, Amount(number, self.currency),
                            None, None)
