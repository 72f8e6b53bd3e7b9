"""Which account an expense type is booked to, from a file the user edits.

Councils name expense types in their own words, so the mapping is data, not
code: a CSV of ``expense type,account`` rows (``#`` lines are comments). The
default ships beside this module; ``cwl import --mapping FILE`` replaces it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from beancount.core import account as bean_account

from importers.results import InputError
from importers.values import clean_text

DEFAULT = Path(__file__).with_name("expense_types.csv")


def _key(expense_type: str) -> str:
    return clean_text(expense_type).casefold()


class ExpenseMapping:
    """Expense type -> account; unknown types fall to ``Expenses:Suspense``."""

    def __init__(self, accounts: dict[str, str], source: str = "") -> None:
        self._accounts = {_key(k): v for k, v in accounts.items()}
        self.source = source

    @classmethod
    def load(cls, path: str | Path = DEFAULT) -> ExpenseMapping:
        """Read a mapping file; a bad line is an error naming file and line."""
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read the mapping file ({exc})") from None
        accounts: dict[str, str] = {}
        reader = csv.reader(io.StringIO(text))
        for row in reader:
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if [c.strip().casefold() for c in row] == ["expense type", "account"]:
                continue
            where = f"line {reader.line_num}"
            if len(row) != 2:
                raise InputError(str(path), f"{where}: expected 'expense type,account'")
            expense_type, account = row[0], row[1].strip()
            if not account.startswith("Expenses:") or not bean_account.is_valid(account):
                raise InputError(str(path), f"{where}: {account!r} is not an Expenses account")
            accounts[expense_type] = account
        return cls(accounts, str(path))

    def account(self, expense_type: str) -> str | None:
        """The mapped account, or None when the type is not in the file."""
        return self._accounts.get(_key(expense_type))
