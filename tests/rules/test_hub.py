"""The hub rule: stock held at cost in Beancount's own lots, donated stock
at its declared value, and donated stock never claimed from government;
a stock count is a Beancount balance assertion."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, codes, lineno

from ledger.stock import gbp_value
from rules import hub


class HubTest(unittest.TestCase):

    @loader.load_doc()
    def test_stock_is_held_and_issued_at_the_lots_cost(self, entries, errors, options_map):
        """
        plugin "rules.hub"
        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Assets:Stock:PPE MASK "FIFO"
        2020-01-01 open Expenses:Covid:PPE GBP
        2020-01-01 custom "cwl-item" "MASK"
          unit: "mask"
          burn-rate: 400
          value: 0.40 GBP
        2020-04-02 * "Safety Supplies Ltd" "Masks"
          Assets:Stock:PPE        10000 MASK {0.45 GBP}
          Assets:Bank:Current  -4500.00 GBP
        2020-04-09 * "Safety Supplies Ltd" "Masks"
          Assets:Stock:PPE         2000 MASK {0.50 GBP}
          Assets:Bank:Current  -1000.00 GBP
        2020-04-20 * "Hub" "Masks issued"
          Assets:Stock:PPE       -11000 MASK {}
          Expenses:Covid:PPE
        """
        self.assertEqual(errors, [])
        analysis = analyse(hub, entries, options_map)
        issued = [m for m in analysis.moves if m.units < 0]
        # FIFO: all of the first lot, 1,000 of the second.
        self.assertEqual(sum(m.cost for m in issued), Decimal("-4500.00") - Decimal("500.00"))
        cost = entries[-1].postings[-1]
        self.assertEqual(cost.units.number, Decimal("5000.00"))
        self.assertEqual(sum(m.units for m in analysis.moves), Decimal(1000))

    @loader.load_doc(expect_errors=True)
    def test_a_count_short_of_the_books_is_beancounts_own_error(self, entries, errors, _):
        """
        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Assets:Stock:PPE MASK "FIFO"
        2020-04-02 * "Safety Supplies Ltd" "Masks"
          Assets:Stock:PPE        10000 MASK {0.45 GBP}
          Assets:Bank:Current  -4500.00 GBP
        2020-05-01 balance Assets:Stock:PPE 9800 MASK
        """
        self.assertEqual(len(errors), 1)
        self.assertIn("Balance failed for 'Assets:Stock:PPE'", errors[0].message)
        self.assertIn("200 too much", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_donated_stock_issued_to_a_claimed_cost(self, entries, errors, options_map):
        """
        plugin "rules.hub"
        2020-01-01 open Assets:Stock:Donated:PPE MASK "FIFO"
        2020-01-01 open Income:InKind GBP
        2020-01-01 open Expenses:Covid:PPE GBP
        2020-01-01 custom "cwl-item" "MASK"
          unit: "mask"
          value: 0.40 GBP
        2020-04-09 * "Bay Textiles Ltd" "Masks donated"
          Assets:Stock:Donated:PPE   34000 MASK {0.40 GBP}
          Income:InKind
        2020-04-20 * "Hub" "Donated masks issued, not claimed"
          gov-requested: TRUE
          Assets:Stock:Donated:PPE   -1000 MASK {}
          Expenses:Covid:PPE
        2020-05-20 * "Hub" "Donated masks issued and claimed"
          gov-requested: TRUE
          claim: "EXP-2020"
          Assets:Stock:Donated:PPE   -2000 MASK {}
          Expenses:Covid:PPE
        """
        self.assertEqual(code_lines(errors), [
            ("hub.claimed-in-kind", lineno(self.test_donated_stock_issued_to_a_claimed_cost,
                                           "Donated masks issued and claimed"))])
        self.assertIn("£800.00", errors[0].message)
        self.assertIn("EXP-2020", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_donations_at_another_value_and_undeclared_items(self, entries, errors, _):
        """
        plugin "rules.hub"
        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Assets:Stock:Donated:Food FOODBOX "FIFO"
        2020-01-01 open Assets:Stock:PPE GOWN "FIFO"
        2020-01-01 open Income:InKind GBP
        2020-01-01 custom "cwl-item" "FOODBOX"
          unit: "box"
          value: 18.00 GBP
        2020-04-09 * "Rotary" "Boxes at the declared value"
          Assets:Stock:Donated:Food   100 FOODBOX {18.00 GBP}
          Income:InKind
        2020-04-10 * "Rotary" "Boxes valued higher"
          Assets:Stock:Donated:Food   100 FOODBOX {25.00 GBP}
          Income:InKind
        2020-04-11 * "Safety Supplies Ltd" "Gowns"
          Assets:Stock:PPE     500 GOWN {2.10 GBP}
          Assets:Bank:Current  -1050.00 GBP
        2020-04-12 * "Safety Supplies Ltd" "More gowns"
          Assets:Stock:PPE     100 GOWN {2.10 GBP}
          Assets:Bank:Current  -210.00 GBP
        """
        test = self.test_donations_at_another_value_and_undeclared_items
        self.assertEqual(code_lines(errors), [
            ("hub.donated-value", lineno(test, "Boxes valued higher")),
            ("hub.unknown-item", lineno(test, '"Gowns"'))])

    @loader.load_doc()
    def test_silent_on_books_without_stock(self, entries, errors, options_map):
        """
        plugin "rules.hub"
        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Covid:PPE GBP
        2020-04-02 * "Safety Supplies Ltd" "Masks, expensed"
          Expenses:Covid:PPE     4500.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(codes(errors), [])
        self.assertFalse(analyse(hub, entries, options_map).active)


class GbpValueTest(unittest.TestCase):

    @loader.load_doc()
    def test_masks_and_hours_are_never_pounds(self, entries, errors, _):
        """
        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Assets:Stock:PPE MASK "FIFO"
        2020-01-01 open Assets:Volunteering HOURS
        2020-01-01 open Income:Volunteering HOURS
        2020-04-02 * "Safety Supplies Ltd" "Masks"
          Assets:Stock:PPE        10000 MASK {0.45 GBP}
          Assets:Bank:Current  -4500.00 GBP
        2020-04-03 * "Volunteers" "Hours given"
          Assets:Volunteering      320 HOURS
          Income:Volunteering     -320 HOURS
        """
        masks, bank = entries[-2].postings
        hours, _ = entries[-1].postings
        self.assertEqual(gbp_value(masks), Decimal("4500.00"))
        self.assertEqual(gbp_value(bank), Decimal("-4500.00"))
        self.assertEqual(gbp_value(hours), Decimal(0))
