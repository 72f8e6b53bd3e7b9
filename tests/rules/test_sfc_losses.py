"""Tests for rules.claims: an SFC line's loss as the return asks for it,
gross loss and savings, beside the relevant loss alone."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, lineno

from rules import claims
from rules.claims.losses import line_loss


class TestGrossLossAndSavings(unittest.TestCase):

    @loader.load_doc()
    def test_worked_by_hand(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
          Assets:Receivable:Claims          22500.00 GBP
          Income:Government:Covid:SFC      -22500.00 GBP
            income-line: "Leisure"
            gross-loss: 100000.00
            savings: 20000.00
        """
        # Relevant loss 100,000 − 20,000 = 80,000; deductible 5% × 1,000,000
        # = 50,000; compensation 0.75 × (80,000 − 50,000) = 22,500.
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        (line,) = result.sfc_lines
        self.assertEqual(
            (Decimal("100000.00"), Decimal("20000.00"), Decimal("80000.00"),
             Decimal("50000.00"), Decimal("22500.00"), Decimal("22500.00")),
            (line.gross_loss, line.savings, line.relevant_loss, line.deductible,
             line.compensation_to_date, line.due))

    @loader.load_doc(expect_errors=True)
    def test_savings_are_taken_off_before_compensation(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim on the gross" ^claim-SFC-P1
          Assets:Receivable:Claims          37500.00 GBP
          Income:Government:Covid:SFC      -37500.00 GBP
            income-line: "Leisure"
            gross-loss: 100000.00
            savings: 20000.00
        """
        # 0.75 × (100,000 − 50,000) = 37,500 forgets the savings: 22,500 is due.
        self.assertEqual(
            [("claims.sfc-amount",
              lineno(self.test_savings_are_taken_off_before_compensation, "on the gross"))],
            code_lines(errors))
        self.assertIn("claims £37,500.00 but £22,500.00 is due", errors[0].message)

    @loader.load_doc()
    def test_relevant_loss_alone_still_works(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Parking"
          account: "Income:FeesCharges:Parking"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
          Assets:Receivable:Claims          375000.00 GBP
          Income:Government:Covid:SFC      -375000.00 GBP
            income-line: "Parking"
            relevant-loss: 600000.00
        """
        # 0.75 × (600,000 − 100,000) = 375,000; the split is not known.
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        (line,) = result.sfc_lines
        self.assertEqual((None, None, Decimal("600000.00"), Decimal("375000.00")),
                         (line.gross_loss, line.savings, line.relevant_loss, line.due))

    @loader.load_doc()
    def test_all_three_agreeing(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
          Assets:Receivable:Claims          22500.00 GBP
          Income:Government:Covid:SFC      -22500.00 GBP
            income-line: "Leisure"
            gross-loss: 100000.00 GBP
            savings: "20,000"
            relevant-loss: 80000.00
        """
        (line,) = analyse(claims, entries, options_map).sfc_lines
        self.assertEqual([], errors)
        self.assertEqual((Decimal("100000.00"), Decimal("20000"), Decimal("80000.00")),
                         (line.gross_loss, line.savings, line.relevant_loss))

    @loader.load_doc(expect_errors=True)
    def test_all_three_disagreeing(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim, figures at odds" ^claim-SFC-P1
          Assets:Receivable:Claims          30000.00 GBP
          Income:Government:Covid:SFC      -30000.00 GBP
            income-line: "Leisure"
            gross-loss: 100000.00
            savings: 20000.00
            relevant-loss: 90000.00
        """
        # The written relevant loss counts: 0.75 × (90,000 − 50,000) = 30,000,
        # as claimed, so the only finding is the disagreement.
        self.assertEqual(
            [("claims.sfc-loss", lineno(self.test_all_three_disagreeing, "figures at odds"))],
            code_lines(errors))
        self.assertIn('income line "Leisure": gross-loss £100,000.00 less savings '
                      "£20,000.00 is £80,000.00, but relevant-loss is £90,000.00",
                      errors[0].message)
        (line,) = analyse(claims, entries, options_map).sfc_lines
        self.assertEqual((Decimal("90000.00"), Decimal("30000.00")),
                         (line.relevant_loss, line.due))

    @loader.load_doc(expect_errors=True)
    def test_gross_loss_without_savings(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim, no savings written" ^claim-SFC-P1
          Assets:Receivable:Claims          37500.00 GBP
          Income:Government:Covid:SFC      -37500.00 GBP
            income-line: "Leisure"
            gross-loss: 100000.00
        """
        self.assertEqual(
            [("claims.sfc-loss",
              lineno(self.test_gross_loss_without_savings, "no savings written"))],
            code_lines(errors))
        self.assertIn("written without savings", errors[0].message)
        (line,) = analyse(claims, entries, options_map).sfc_lines
        self.assertEqual((Decimal("100000.00"), None, Decimal("100000.00")),
                         (line.gross_loss, line.savings, line.relevant_loss))

    @loader.load_doc()
    def test_split_known_only_when_every_posting_gives_it(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-04-01 custom "cwl-income-line" "Culture"
          account: "Income:FeesCharges:Culture"
          budget: 400000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
          Assets:Receivable:Claims          26250.00 GBP
          Income:Government:Covid:SFC      -22500.00 GBP
            income-line: "Leisure"
            gross-loss: 100000.00
            savings: 20000.00
          Income:Government:Covid:SFC       -3750.00 GBP
            income-line: "Culture"
            gross-loss: 30000.00
            savings: 5000.00

        2020-09-30 * "MHCLG" "SFC claim, more Culture loss found" ^claim-SFC-P1
          Assets:Receivable:Claims          3750.00 GBP
          Income:Government:Covid:SFC      -3750.00 GBP
            income-line: "Culture"
            relevant-loss: 5000.00
        """
        # Culture: 25,000 + 5,000 = 30,000 relevant; 0.75 × (30,000 − 20,000)
        # = 7,500, claimed in two parts. Its gross and savings are known for
        # only one of the two postings, so neither is shown for the period.
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        by_line = {line.line: line for line in result.sfc_lines}
        culture = by_line["Culture"]
        self.assertEqual((None, None, Decimal("30000.00"), Decimal("7500.00")),
                         (culture.gross_loss, culture.savings, culture.relevant_loss,
                          culture.due))
        self.assertEqual((Decimal("100000.00"), Decimal("20000.00")),
                         (by_line["Leisure"].gross_loss, by_line["Leisure"].savings))


class TestLineLoss(unittest.TestCase):
    """How one posting's loss metadata reads: any two give the third."""

    def test_forms(self):
        cases = [
            ({"gross-loss": Decimal(100), "savings": Decimal(20)},
             (Decimal(80), Decimal(100), Decimal(20), False)),
            ({"relevant-loss": Decimal(80)}, (Decimal(80), None, None, False)),
            ({"relevant-loss": Decimal(80), "savings": Decimal(20)},
             (Decimal(80), Decimal(100), Decimal(20), False)),
            ({"relevant-loss": Decimal(80), "gross-loss": Decimal(100)},
             (Decimal(80), Decimal(100), Decimal(20), False)),
            ({"gross-loss": Decimal(100), "savings": Decimal(20),
              "relevant-loss": Decimal(80)},
             (Decimal(80), Decimal(100), Decimal(20), False)),
            ({"gross-loss": Decimal(100), "savings": Decimal(20),
              "relevant-loss": Decimal(85)},
             (Decimal(85), Decimal(100), Decimal(20), True)),
            ({"savings": Decimal(20)}, (Decimal(0), None, Decimal(20), True)),
            ({"gross-loss": "lots", "savings": Decimal(20)},
             (Decimal(0), None, Decimal(20), True)),
            ({}, (Decimal(0), None, None, False)),
            # A loss revised down: negative figures read the same way.
            ({"gross-loss": Decimal(-250), "savings": Decimal(-50)},
             (Decimal(-200), Decimal(-250), Decimal(-50), False)),
        ]
        for meta, (relevant, gross, savings, problem) in cases:
            with self.subTest(meta=meta):
                loss = line_loss(meta)
                self.assertEqual((relevant, gross, savings, problem),
                                 (loss.relevant, loss.gross, loss.savings,
                                  loss.problem is not None))

    def test_unreadable_value_is_named(self):
        self.assertIn("gross-loss 'lots' is not a sum",
                      line_loss({"gross-loss": "lots", "savings": Decimal(1)}).problem)


if __name__ == "__main__":
    unittest.main()
