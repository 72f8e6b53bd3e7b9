"""Pledges sum the year's spend per payee without keeping a record per
payment (``LocalSpendAnalysis.spend_between``): the sums must be the ones
the classed payments that reports read add up to, with either loader."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.loading import load_books
from rules.api import build_context
from rules.local_spend import _classed_sum, _postings, analyse

LOADERS = ["beancount", "uromyces"]


def _books(demo_dir, which: str):
    if which == "uromyces":
        pytest.importorskip("uromyces", reason="uromyces (the 'fast' extra) is not installed")
        from ledger.fast_load import load_books_fast  # noqa: PLC0415
        entries, _, options = load_books_fast(demo_dir / "main.beancount")
    else:
        entries, _, options = load_books(demo_dir / "main.beancount")
    context, _ = build_context(entries, options, None)
    return entries, context


@pytest.mark.parametrize("which", LOADERS)
def test_the_classed_sum_is_the_classed_postings_sum(demo_dir, which):
    entries, context = _books(demo_dir, which)
    spend = analyse(entries, context)
    kinds = spend.reader.kinds
    for entry in spend.banked:
        classed, _, amount = _postings(entry, kinds)
        assert _classed_sum(entry, kinds) == (amount if classed else None), entry.meta


@pytest.mark.parametrize("which", LOADERS)
def test_spend_between_adds_up_the_classed_payments(demo_dir, which):
    entries, context = _books(demo_dir, which)
    spend = analyse(entries, context)
    payments = spend.payments
    last = spend.last_payment_date()
    assert last == max(p.entry.date for p in payments)
    start = payments[len(payments) // 3].entry.date
    expected: dict = {}
    for payment in payments:
        if start <= payment.entry.date <= last:
            body = payment.entry.meta.get("body")
            key = (payment.payee, None if body is None else str(body))
            expected[key] = expected.get(key, Decimal(0)) + payment.amount
    assert spend.spend_between(start, last) == expected
    assert len(expected) > 10


RETURNS = """
2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Services:ICT GBP
2020-01-01 open Expenses:Grants:SBGF GBP
2020-01-01 open Assets:Stock:Food MASK
2020-01-01 open Liabilities:GrantsPayable:SBGF GBP
2020-01-01 open Income:Misc GBP

2020-04-01 * "Payment with a credit line"
  Expenses:Services:ICT   100.00 GBP
  Expenses:Services:ICT   -10.00 GBP
  Assets:Bank:Current

2020-04-02 * "Refund"
  Expenses:Services:ICT   -25.00 GBP
  Assets:Bank:Current

2020-04-03 * "Grant recovery"
  Expenses:Grants:SBGF   -50.00 GBP
  Assets:Bank:Current

2020-04-04 * "Stock at cost"
  Assets:Stock:Food   100 MASK {0.45 GBP}
  Assets:Bank:Current

2020-04-05 * "Grant paid"
  Liabilities:GrantsPayable:SBGF   75.00 GBP
  Assets:Bank:Current

2020-04-06 * "Income only"
  Assets:Bank:Current   30.00 GBP
  Income:Misc
"""


@pytest.mark.parametrize("which", LOADERS)
def test_every_shape_of_bank_movement(which):
    from beancount import loader  # noqa: PLC0415

    if which == "uromyces":
        uromyces = pytest.importorskip(
            "uromyces._uromyces", reason="uromyces (the 'fast' extra) is not installed")
        ledger = uromyces.load_string(RETURNS, "<books>")
        ledger.run_validations()
        entries, options = ledger.entries, {"filename": "<books>"}
    else:
        entries, _, options = loader.load_string(RETURNS)
    context, _ = build_context(entries, options, None)
    spend = analyse(entries, context)
    sums = {e.narration: _classed_sum(e, spend.reader.kinds) for e in spend.banked}
    assert sums == {
        "Payment with a credit line": Decimal("90.00"),
        "Refund": Decimal("-25.00"),
        "Grant recovery": None,
        "Stock at cost": Decimal("45.00"),
        "Grant paid": None,
        "Income only": None,
    }
    for entry in spend.banked:
        classed, _, amount = _postings(entry, spend.reader.kinds)
        assert sums[entry.narration] == (amount if classed else None)
