"""The grant panel pack's "Hardship (no names)" table: counts by salted
reference, sums by payment method, and every count under 5 suppressed."""

from __future__ import annotations

import datetime
import textwrap
from decimal import Decimal

from beancount import loader

from reports.models.books import ReportBooks
from reports.models.hardship import SUPPRESSED, hardship_table, suppressed
from rules.session import Session

HEAD = """
plugin "rules.all"

2020-04-01 custom "cwl-scheme" "HSF"
  title: "Hardship Support Fund"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "max 500"
  one-per-property: FALSE
  recipients: "individuals"
  once-across: "HSF"

2020-04-01 custom "cwl-scheme" "ISOL"
  title: "Isolation micro grants"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "max 500"
  one-per-property: FALSE
  recipients: "individuals"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Grants:HSF GBP
2020-01-01 open Expenses:Grants:ISOL GBP
2020-01-01 open Liabilities:Vouchers:HSF GBP
"""


def _payment(n: int, scheme: str, ref: str, method: str = "bank") -> str:
    other = "Liabilities:Vouchers:HSF" if method == "voucher" else "Assets:Bank:Current"
    return textwrap.dedent(f"""
    2020-05-{n:02d} * "Resident {n}" "Payment" ^award-{scheme}-{n}
      scheme: "{scheme}"
      person-ref: "{ref}"
      method: "{method}"
      Expenses:Grants:{scheme}  {10 * n}.00 GBP
      {other}
    """)


def _table(text: str):
    entries, errors, options = loader.load_string(text)
    session = Session(entries, errors, options)
    books = ReportBooks.of(session, datetime.date(2021, 1, 1),
                           datetime.date(2020, 4, 1), datetime.date(2021, 3, 31))
    return hardship_table(books)


def test_counts_under_five_are_suppressed():
    assert [suppressed(n) for n in (0, 1, 4, 5, 1234)] == ["0", "<5", "<5", "5", "1,234"]


def test_each_fund_is_counted_by_reference_and_method():
    text = HEAD + "".join(
        [_payment(n, "HSF", f"p{n}") for n in range(1, 6)]
        + [_payment(6, "HSF", "p1"), _payment(7, "HSF", "p7", "voucher")]
        + [_payment(n, "ISOL", f"p{n}") for n in (8, 9)])
    table = _table(text)
    hsf, isol = table.rows
    assert (hsf["fund"], hsf["payments"], hsf["people"], hsf["twice"]) == ("HSF", "7", "6",
                                                                           SUPPRESSED)
    assert hsf["paid"] == Decimal("280.00")
    assert (hsf["bank"], hsf["voucher"], hsf["held"]) == (Decimal("210.00"),
                                                          Decimal("70.00"), Decimal("70.00"))
    assert (isol["payments"], isol["people"], isol["twice"]) == (SUPPRESSED, SUPPRESSED, "0")
    assert table.totals["payments"] == "9" and table.totals["paid"] == Decimal("450.00")


def test_books_paying_no_one_have_an_empty_table():
    table = _table(HEAD)
    assert table.rows == [] and table.totals is None
