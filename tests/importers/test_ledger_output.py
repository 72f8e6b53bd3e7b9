"""The output writer's fast path writes exactly what Beancount's printer
would, on every real file and on entries the fast path must hand back."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser import printer
from importer_data import DEVON, LAMBETH, TRAFFORD_JSON

from importers.expense_mapping import ExpenseMapping
from importers.ledger_output import render
from importers.threesixty_giving import GrantsJSONImporter
from importers.transparency_spend import TransparencySpendImporter


def beancount_text(entries: list[data.Directive]) -> str:
    print_entry = printer.EntryPrinter()
    return "\n".join(print_entry(entry) for entry in entries)


@pytest.mark.parametrize("path", [DEVON, LAMBETH])
def test_spend_files_print_as_beancount_prints_them(path):
    entries = TransparencySpendImporter(ExpenseMapping.load()).parse(str(path)).entries
    assert entries
    assert render(entries) == beancount_text(entries)


def test_grants_print_as_beancount_prints_them():
    entries = GrantsJSONImporter().parse(str(TRAFFORD_JSON)).entries
    assert render(entries) == beancount_text(entries)


def test_unusual_transactions_fall_back_to_the_printer():
    meta = data.new_metadata("x", 1) | {"note": 'say "hi" \\ bye',
                                        "when": datetime.date(2020, 1, 2),
                                        "price": Amount(Decimal("1.50"), "GBP")}
    gbp = Amount(Decimal("-10.00"), "GBP")
    entries = [
        data.Transaction(meta, datetime.date(2020, 1, 3), "!", None, "", frozenset({"t"}),
                         frozenset({"award-1"}), [
                             data.Posting("Assets:Bank:Current", gbp, None, None, "!", None),
                             data.Posting("Expenses:Suspense", -gbp, None, None, None,
                                          {"local-class": "own-area"})]),
        data.Transaction(data.new_metadata("x", 2), datetime.date(2020, 1, 4), "*", "A \"B\"",
                         "c", frozenset(), frozenset(), [
                             data.Posting("Assets:Bank:Current", gbp, None, None, None, None),
                             data.Posting("Expenses:Suspense", -gbp, None, None, None, None)]),
    ]
    assert render(entries) == beancount_text(entries)
