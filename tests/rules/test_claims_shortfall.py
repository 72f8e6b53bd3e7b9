"""Tests for claims.loss-exceeds-shortfall: an SFC line's relevant loss
against its budget share for the period less the income posted to it."""

from __future__ import annotations

import unittest

from beancount import loader
from helpers import code_lines

BOOKS = """
plugin "rules.claims"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Assets:Receivable:Claims GBP
2020-01-01 open Income:FeesCharges:Parking GBP
2020-01-01 open Income:Government:Covid:SFC GBP

2020-04-01 custom "cwl-income-line" "Parking"
  account: "Income:FeesCharges:Parking"
  budget: 365000.00 GBP

2020-04-01 custom "cwl-claim-period" "SFC-P1"
  scheme: "sfc"
  start: 2020-04-01
  end: 2020-07-30

2020-06-30 * "Car parks" "Parking income, April to July"
  Assets:Bank:Current  40000.00 GBP
  Income:FeesCharges:Parking

2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
  Assets:Receivable:Claims  {claimed} GBP
  Income:Government:Covid:SFC  -{claimed} GBP
    income-line: "Parking"
    gross-loss: {gross}
    savings: 1000.00
"""


class TestShortfall(unittest.TestCase):
    # 121 days of a £365,000 budget is £121,000; less £40,000 taken, the
    # line fell short by £81,000.

    def _errors(self, gross: str, claimed: str) -> list:
        _, errors, _ = loader.load_string(BOOKS.format(gross=gross, claimed=claimed))
        return errors

    def test_a_loss_within_the_shortfall_is_quiet(self):
        # relevant 80,000 - 18,250 deductible = 61,750 × 0.75
        self.assertEqual(self._errors("81000.00", "46312.50"), [])

    def test_a_loss_above_the_shortfall_is_found_at_the_claim(self):
        # relevant 81,000.01: a penny more than the shortfall
        errors = self._errors("82000.01", "47062.51")
        claim = next(n for n, line in enumerate(BOOKS.split("\n"), 1) if "SFC claim" in line)
        self.assertEqual(code_lines(errors), [("claims.loss-exceeds-shortfall", claim)])
        self.assertIn("£81,000.01 is more than the line fell short by, £81,000.00",
                      errors[0].message)
        self.assertIn("£40,000.00 posted to Income:FeesCharges:Parking", errors[0].message)

