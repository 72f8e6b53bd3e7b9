"""Tests for rules.claims: SFC compensation, claimable costs and receipts."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, lineno
from review_ledgers import SFC_REVISED_DOWN

from rules import claims


class TestSalesFeesCharges(unittest.TestCase):

    @loader.load_doc()
    def test_worked_example(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Parking"
          account: "Income:FeesCharges:Parking"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-08-01 custom "cwl-claim-period" "SFC-P2"
          scheme: "sfc"
          start: 2020-08-01
          end: 2020-11-30

        2020-09-30 * "MHCLG" "SFC claim, first collection" ^claim-SFC-P1
          Assets:Receivable:Claims          375000.00 GBP
          Income:Government:Covid:SFC      -375000.00 GBP
            income-line: "Parking"
            relevant-loss: 600000.00

        2020-10-28 * "MHCLG" "SFC claim receipt" ^claim-SFC-P1
          Assets:Bank:Current               375000.00 GBP
          Assets:Receivable:Claims

        2020-12-20 * "MHCLG" "SFC claim, second collection" ^claim-SFC-P2
          Assets:Receivable:Claims          150000.00 GBP
          Income:Government:Covid:SFC      -150000.00 GBP
            income-line: "Parking"
            relevant-loss: 200000.00
        """
        # P1: 0.75 × (600,000 − 0.05 × 2,000,000) = 375,000.
        # P2: 0.75 × (800,000 − 100,000) = 525,000 to date, less 375,000 = 150,000.
        result = analyse(claims, entries, options_map)
        p1, p2 = result.sfc_lines
        self.assertEqual(
            claims.LineClaim(
                line="Parking", period="SFC-P1", budget=Decimal("2000000.00"),
                loss_in_period=Decimal("600000.00"), loss_to_date=Decimal("600000.00"),
                deductible=Decimal("100000.00"),
                compensation_to_date=Decimal("375000.00"), claimed_earlier=Decimal(0),
                due=Decimal("375000.00"), claimed=Decimal("375000.00"),
                received=Decimal("375000.00")),
            p1)
        self.assertEqual(
            claims.LineClaim(
                line="Parking", period="SFC-P2", budget=Decimal("2000000.00"),
                loss_in_period=Decimal("200000.00"), loss_to_date=Decimal("800000.00"),
                deductible=Decimal("100000.00"),
                compensation_to_date=Decimal("525000.00"),
                claimed_earlier=Decimal("375000.00"),
                due=Decimal("150000.00"), claimed=Decimal("150000.00"),
                received=Decimal("0.00")),
            p2)
        self.assertEqual(
            [("SFC-P1", Decimal("375000.00"), Decimal("375000.00"), Decimal(0)),
             ("SFC-P2", Decimal("150000.00"), Decimal(0), Decimal("150000.00"))],
            [(c.claim, c.raised, c.received, c.difference) for c in result.claims])

    @loader.load_doc(expect_errors=True)
    def test_sfc_amount(self, entries, errors, _):
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

        2020-08-01 custom "cwl-claim-period" "SFC-P2"
          scheme: "sfc"
          start: 2020-08-01
          end: 2020-11-30

        2020-09-30 * "MHCLG" "SFC claim, first collection" ^claim-SFC-P1
          Assets:Receivable:Claims          375000.00 GBP
          Income:Government:Covid:SFC      -375000.00 GBP
            income-line: "Parking"
            relevant-loss: 600000.00

        2020-12-20 * "MHCLG" "SFC claim, second collection" ^claim-SFC-P2
          Assets:Receivable:Claims          525000.00 GBP
          Income:Government:Covid:SFC      -525000.00 GBP
            income-line: "Parking"
            relevant-loss: 200000.00
        """
        test = self.test_sfc_amount
        self.assertEqual([("claims.sfc-amount", lineno(test, "second collection"))],
                         code_lines(errors))
        self.assertIn("claims £525,000.00 but £150,000.00 is due", errors[0].message)
        self.assertIn('"Parking"', errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_loss_within_deductible(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Culture"
          account: "Income:FeesCharges:Culture"
          budget: 400000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
          Assets:Receivable:Claims          1500.00 GBP
          Income:Government:Covid:SFC      -1500.00 GBP
            income-line: "Culture"
            relevant-loss: 18000.00
        """
        # Loss £18,000 is within the 5% × £400,000 = £20,000 the council absorbs.
        self.assertEqual([("claims.sfc-amount", lineno(self.test_loss_within_deductible,
                                                       "SFC claim"))], code_lines(errors))
        self.assertIn("but £0.00 is due", errors[0].message)

    @loader.load_doc()
    def test_cumulative_restarts_each_year(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 1000000.00 GBP

        2020-12-01 custom "cwl-claim-period" "SFC-P3"
          scheme: "sfc"
          start: 2020-12-01
          end: 2021-03-31

        2021-04-01 custom "cwl-claim-period" "SFC-2122"
          scheme: "sfc"
          start: 2021-04-01
          end: 2021-06-30

        2021-05-01 * "MHCLG" "SFC claim" ^claim-SFC-P3
          Assets:Receivable:Claims          75000.00 GBP
          Income:Government:Covid:SFC      -75000.00 GBP
            income-line: "Leisure"
            relevant-loss: 150000.00

        2021-09-01 * "MHCLG" "SFC claim, 2021/22" ^claim-SFC-2122
          Assets:Receivable:Claims          37500.00 GBP
          Income:Government:Covid:SFC      -37500.00 GBP
            income-line: "Leisure"
            relevant-loss: 100000.00
        """
        # 2020/21: 0.75 × (150,000 − 50,000) = 75,000.
        # 2021/22 starts afresh: 0.75 × (100,000 − 50,000) = 37,500.
        second = analyse(claims, entries, options_map).sfc_lines[1]
        self.assertEqual((Decimal("100000.00"), Decimal(0), Decimal("37500.00")),
                         (second.loss_to_date, second.claimed_earlier, second.due))

    @loader.load_doc()
    def test_loss_without_claim_recorded_with_zero_posting(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-08-01 custom "cwl-claim-period" "SFC-P2"
          scheme: "sfc"
          start: 2020-08-01
          end: 2020-11-30

        2020-09-30 * "MHCLG" "SFC P1: Leisure loss within the deductible" ^claim-SFC-P1
          Assets:Receivable:Claims             0.00 GBP
          Income:Government:Covid:SFC          0.00 GBP
            income-line: "Leisure"
            relevant-loss: 60000.00

        2020-12-15 * "MHCLG" "SFC claim P2" ^claim-SFC-P2
          Assets:Receivable:Claims          45000.00 GBP
          Income:Government:Covid:SFC      -45000.00 GBP
            income-line: "Leisure"
            relevant-loss: 100000.00
        """
        # Deductible 5% × 2,000,000 = 100,000. P1: 60,000 lost, nothing due,
        # nothing claimed, but the loss is on the books. P2: 160,000 to date,
        # 0.75 × (160,000 − 100,000) = 45,000 due, as claimed.
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        p1, p2 = result.sfc_lines
        self.assertEqual(
            ("SFC-P1", Decimal("60000.00"), Decimal("60000.00"), Decimal(0), Decimal(0)),
            (p1.period, p1.loss_in_period, p1.loss_to_date, p1.due, p1.claimed))
        self.assertEqual(
            ("SFC-P2", Decimal("100000.00"), Decimal("160000.00"),
             Decimal("45000.00"), Decimal(0), Decimal("45000.00"), Decimal("45000.00")),
            (p2.period, p2.loss_in_period, p2.loss_to_date, p2.compensation_to_date,
             p2.claimed_earlier, p2.due, p2.claimed))
        # The zero receivable is neither raised nor a receipt.
        self.assertEqual(
            [("SFC-P2", Decimal("45000.00"), Decimal(0))],
            [(c.claim, c.raised, c.received) for c in result.claims])

    @loader.load_doc(expect_errors=True)
    def test_loss_not_recorded(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-08-01 custom "cwl-claim-period" "SFC-P2"
          scheme: "sfc"
          start: 2020-08-01
          end: 2020-11-30

        2020-12-15 * "MHCLG" "SFC claim P2" ^claim-SFC-P2
          Assets:Receivable:Claims          45000.00 GBP
          Income:Government:Covid:SFC      -45000.00 GBP
            income-line: "Leisure"
            relevant-loss: 100000.00
        """
        # Without P1's £60,000 on the books the loss to date is £100,000,
        # within the £100,000 deductible: nothing is due, and the error says
        # which period has no record.
        self.assertEqual([("claims.sfc-amount",
                           lineno(self.test_loss_not_recorded, "SFC claim P2"))],
                         code_lines(errors))
        self.assertIn("but £0.00 is due", errors[0].message)
        self.assertIn("no loss recorded for it in SFC-P1", errors[0].message)

    @loader.load_doc()
    def test_zero_posting_in_its_own_transaction(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Parking"
          account: "Income:FeesCharges:Parking"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-income-line" "Leisure"
          account: "Income:FeesCharges:Leisure"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-08-01 custom "cwl-claim-period" "SFC-P2"
          scheme: "sfc"
          start: 2020-08-01
          end: 2020-11-30

        2020-09-30 * "MHCLG" "SFC claim P1" ^claim-SFC-P1
          Assets:Receivable:Claims          375000.00 GBP
          Income:Government:Covid:SFC      -375000.00 GBP
            income-line: "Parking"
            relevant-loss: 600000.00

        2020-09-30 * "MHCLG" "SFC P1: Leisure loss, nothing claimed" ^claim-SFC-P1
          Income:Government:Covid:SFC          0.00 GBP
            income-line: "Leisure"
            relevant-loss: 60000.00

        2020-12-15 * "MHCLG" "SFC claim P2" ^claim-SFC-P2
          Assets:Receivable:Claims          45000.00 GBP
          Income:Government:Covid:SFC      -45000.00 GBP
            income-line: "Leisure"
            relevant-loss: 100000.00
        """
        # Each line has its own 100,000 deductible. Leisure: 60,000 in P1
        # (nothing due), 160,000 to date in P2: 0.75 × 60,000 = 45,000.
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        self.assertEqual(
            [("Leisure", "SFC-P1", Decimal(0)), ("Leisure", "SFC-P2", Decimal("45000.00")),
             ("Parking", "SFC-P1", Decimal("375000.00"))],
            sorted((line.line, line.period, line.due) for line in result.sfc_lines))

    @loader.load_doc(expect_errors=True)
    def test_excluded_income(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC

        2020-04-01 custom "cwl-income-line" "Parking"
          account: "Income:FeesCharges:Parking"
          budget: 2000000.00 GBP

        2020-04-01 custom "cwl-income-line" "Market rents"
          account: "Income:FeesCharges:Rents"
          budget: 300000.00 GBP
          income-type: "commercial-rent"

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P1
          Assets:Receivable:Claims
          Income:Government:Covid:SFC      -375000.00 GBP
            income-line: "Parking"
            relevant-loss: 600000.00
          Income:Government:Covid:SFC      -90000.00 GBP
            income-line: "Market rents"
            relevant-loss: 135000.00
        """
        self.assertEqual([("claims.excluded-income",
                           lineno(self.test_excluded_income, "SFC claim"))],
                         code_lines(errors))
        self.assertIn('"Market rents"', errors[0].message)
        result = analyse(claims, entries, options_map)
        self.assertEqual(
            [claims.ExcludedLine("Market rents", "commercial-rent",
                                 claims.EXCLUSION_REASONS["commercial-rent"],
                                 Decimal("90000.00"))],
            result.excluded)
        self.assertEqual(["Parking"], [line.line for line in result.sfc_lines])

    @loader.load_doc(expect_errors=True)
    def test_unknown_income_line(self, entries, errors, _):
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
            income-line: "Car parks"
            relevant-loss: 600000.00
        """
        self.assertEqual([("claims.unknown-income-line",
                           lineno(self.test_unknown_income_line, "SFC claim"))],
                         code_lines(errors))
        self.assertIn('"Car parks"', errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_unknown_period(self, entries, errors, _):
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

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P9
          Assets:Receivable:Claims          375000.00 GBP
          Income:Government:Covid:SFC      -375000.00 GBP
            income-line: "Parking"
            relevant-loss: 600000.00
        """
        self.assertEqual([("claims.unknown-period",
                           lineno(self.test_unknown_period, "SFC claim"))],
                         code_lines(errors))
        self.assertIn('"SFC-P9"', errors[0].message)

    @loader.load_doc()
    def test_silent_without_declarations(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:SFC
        2020-04-01 open Expenses:Covid:PPE

        2020-09-30 * "MHCLG" "SFC claim" ^claim-SFC-P9
          Assets:Receivable:Claims          1.00 GBP
          Income:Government:Covid:SFC      -1.00 GBP
            income-line: "Car parks"

        2020-10-30 * "MHCLG" "Receipt" ^claim-SFC-P9
          Assets:Bank:Current               2.00 GBP
          Assets:Receivable:Claims

        2020-05-12 * "Safeguard Supplies Ltd" "Face masks"
          claim: "EXP-Q1"
          fund: "ICF"
          Expenses:Covid:PPE                12400.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual([], analyse(claims, entries, options_map).claims)


class TestExpenditure(unittest.TestCase):

    @loader.load_doc()
    def test_pressures(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:Tranche
        2020-04-01 open Income:Government:Covid:Reimbursement
        2020-04-01 open Expenses:Covid:PPE
        2020-04-01 open Expenses:Covid:AdultSocialCare
        2020-04-01 open Expenses:Covid:Homelessness

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-04-20 * "MHCLG" "Emergency funding, tranche 1"
          tranche: 1
          Assets:Bank:Current               1200000.00 GBP
          Income:Government:Covid:Tranche

        2020-05-12 * "Safeguard Supplies Ltd" "Face masks for care homes"
          gov-requested: TRUE
          claim: "EXP-Q1"
          Expenses:Covid:PPE                12400.00 GBP
          Assets:Bank:Current

        2020-05-20 * "Carewell Homes" "Infection control"
          fund: "ICF"
          Expenses:Covid:AdultSocialCare    30000.00 GBP
          Assets:Bank:Current

        2020-05-25 * "Night Shelter Trust" "Everyone In beds"
          Expenses:Covid:Homelessness       8000.00 GBP
          Assets:Bank:Current

        2020-07-31 * "MHCLG" "Expenditure claim, Q1" ^claim-EXP-Q1
          Assets:Receivable:Claims          12400.00 GBP
          Income:Government:Covid:Reimbursement
        """
        result = analyse(claims, entries, options_map)
        self.assertEqual(
            [claims.Pressure("AdultSocialCare", False, Decimal("30000.00"),
                             Decimal("30000.00")),
             claims.Pressure("Homelessness", False, Decimal("8000.00"), Decimal(0)),
             claims.Pressure("PPE", True, Decimal("12400.00"), Decimal(0))],
            result.pressures)
        self.assertEqual(Decimal("12400.00"), result.claimable)
        self.assertEqual(Decimal("38000.00"), result.not_claimable)
        self.assertEqual(Decimal("1200000.00"), result.tranche_income)
        self.assertEqual(
            [claims.ClaimStatus("EXP-Q1", "expenditure", Decimal("12400.00"),
                                Decimal(0), Decimal("12400.00"))],
            result.claims)

    @loader.load_doc(expect_errors=True)
    def test_not_gov_requested(self, entries, errors, _):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Expenses:Covid:FoodEssentials

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-05-12 * "Demoshire Food Bank" "Food parcels"
          claim: "EXP-Q1"
          gov-requested: FALSE
          Expenses:Covid:FoodEssentials     5200.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual([("claims.not-gov-requested",
                           lineno(self.test_not_gov_requested, "Food parcels"))],
                         code_lines(errors))
        self.assertIn("£5,200.00", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_double_funding(self, entries, errors, _):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Expenses:Covid:AdultSocialCare

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-05-20 * "Carewell Homes" "Infection control"
          fund: "ICF"
          claim: "EXP-Q1"
          Expenses:Covid:AdultSocialCare    30000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual([("claims.double-funding",
                           lineno(self.test_double_funding, "Infection control"))],
                         code_lines(errors))
        self.assertIn('"ICF"', errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_unknown_expenditure_period(self, entries, errors, _):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:Reimbursement

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-07-31 * "MHCLG" "Expenditure claim, Q2" ^claim-EXP-Q2
          Assets:Receivable:Claims          8000.00 GBP
          Income:Government:Covid:Reimbursement
        """
        self.assertEqual([("claims.unknown-period",
                           lineno(self.test_unknown_expenditure_period, "claim, Q2"))],
                         code_lines(errors))
        self.assertIn('"EXP-Q2"', errors[0].message)


    @loader.load_doc()
    def test_refunds_net(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Assets:Receivable:Claims
        2020-04-01 open Income:Government:Covid:Reimbursement
        2020-04-01 open Expenses:Covid:PPE
        2020-04-01 open Expenses:Covid:AdultSocialCare

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-05-12 * "Safeguard Supplies Ltd" "Face masks for care homes"
          gov-requested: TRUE
          claim: "EXP-Q1"
          Expenses:Covid:PPE                12400.00 GBP
          Assets:Bank:Current

        2020-05-30 * "Safeguard Supplies Ltd" "Credit note: 2,400 of masks returned faulty"
          credit-note: TRUE
          gov-requested: TRUE
          claim: "EXP-Q1"
          Assets:Bank:Current                2400.00 GBP
          Expenses:Covid:PPE

        2020-05-20 * "Carewell Homes" "Infection control"
          fund: "ICF"
          Expenses:Covid:AdultSocialCare    30000.00 GBP
          Assets:Bank:Current

        2020-06-20 * "Carewell Homes" "Infection control: unused, returned"
          fund: "ICF"
          Assets:Bank:Current                5000.00 GBP
          Expenses:Covid:AdultSocialCare

        2020-07-31 * "MHCLG" "Expenditure claim, Q1" ^claim-EXP-Q1
          Assets:Receivable:Claims          10000.00 GBP
          Income:Government:Covid:Reimbursement
        """
        # PPE: 12,400 − 2,400 = 10,000 claimable; care: 30,000 − 5,000 =
        # 25,000, all met by the fund.
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        self.assertEqual(
            [claims.Pressure("AdultSocialCare", False, Decimal("25000.00"),
                             Decimal("25000.00")),
             claims.Pressure("PPE", True, Decimal("10000.00"), Decimal(0))],
            result.pressures)
        self.assertEqual(Decimal("10000.00"), result.claimable)
        self.assertEqual(Decimal("25000.00"), result.not_claimable)
        self.assertEqual(
            [claims.ClaimStatus("EXP-Q1", "expenditure", Decimal("10000.00"),
                                Decimal(0), Decimal("10000.00"))],
            result.claims)

    @loader.load_doc(expect_errors=True)
    def test_refund_without_its_costs_flags(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Expenses:Covid:PPE

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-05-12 * "Safeguard Supplies Ltd" "Face masks for care homes"
          gov-requested: TRUE
          claim: "EXP-Q1"
          Expenses:Covid:PPE                12400.00 GBP
          Assets:Bank:Current

        2020-05-30 * "Safeguard Supplies Ltd" "Credit note, gov-requested left off"
          claim: "EXP-Q1"
          Assets:Bank:Current                2400.00 GBP
          Expenses:Covid:PPE
        """
        test = self.test_refund_without_its_costs_flags
        self.assertEqual([("claims.not-gov-requested",
                           lineno(test, "gov-requested left off"))], code_lines(errors))
        self.assertIn("Refund", errors[0].message)
        self.assertIn("-£2,400.00", errors[0].message)
        # Claimed: 12,400 − 2,400; the refund's flags put it outside the claimable.
        result = analyse(claims, entries, options_map)
        self.assertEqual(Decimal("10000.00"), result.claims[0].costs_claimed)
        self.assertEqual(Decimal("12400.00"), result.claimable)

    @loader.load_doc()
    def test_gov_requested_written_as_text(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Expenses:Covid:PPE
        2020-04-01 open Expenses:Covid:FoodEssentials

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-05-12 * "Safeguard Supplies Ltd" "Face masks"
          gov-requested: "TRUE"
          claim: "EXP-Q1"
          Expenses:Covid:PPE                12400.00 GBP
          Assets:Bank:Current

        2020-05-13 * "Demoshire Food Bank" "Food parcels"
          gov-requested: "FALSE"
          Expenses:Covid:FoodEssentials      5200.00 GBP
          Assets:Bank:Current
        """
        result = analyse(claims, entries, options_map)
        self.assertEqual([], result.findings)
        self.assertEqual(
            [claims.Pressure("FoodEssentials", False, Decimal("5200.00"), Decimal(0)),
             claims.Pressure("PPE", True, Decimal("12400.00"), Decimal(0))],
            result.pressures)
        self.assertEqual(Decimal("12400.00"), result.claimable)

    @loader.load_doc(expect_errors=True)
    def test_cost_claim_period(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
        2020-04-01 open Expenses:Covid:PPE

        2020-04-01 custom "cwl-claim-period" "EXP-Q1"
          scheme: "expenditure"
          start: 2020-04-01
          end: 2020-06-30

        2020-04-01 custom "cwl-claim-period" "SFC-P1"
          scheme: "sfc"
          start: 2020-04-01
          end: 2020-07-31

        2020-04-01 * "Safeguard Supplies Ltd" "Gloves, first day of Q1"
          gov-requested: TRUE
          claim: "EXP-Q1"
          Expenses:Covid:PPE                  100.00 GBP
          Assets:Bank:Current

        2020-06-30 * "Safeguard Supplies Ltd" "Gloves, last day of Q1"
          gov-requested: TRUE
          claim: "EXP-Q1"
          Expenses:Covid:PPE                  200.00 GBP
          Assets:Bank:Current

        2020-05-12 * "Safeguard Supplies Ltd" "Face masks, claim id mistyped"
          gov-requested: TRUE
          claim: "EXP-Q7"
          Expenses:Covid:PPE                12400.00 GBP
          Assets:Bank:Current

        2020-05-13 * "Safeguard Supplies Ltd" "Aprons, claimed in an SFC period"
          gov-requested: TRUE
          claim: "SFC-P1"
          Expenses:Covid:PPE                  300.00 GBP
          Assets:Bank:Current

        2020-11-12 * "Safeguard Supplies Ltd" "Face masks bought in November"
          gov-requested: TRUE
          claim: "EXP-Q1"
          Expenses:Covid:PPE                 5000.00 GBP
          Assets:Bank:Current
        """
        test = self.test_cost_claim_period
        self.assertEqual(
            [("claims.unknown-period", lineno(test, "claim id mistyped")),
             ("claims.unknown-period", lineno(test, "claimed in an SFC period")),
             ("claims.outside-period", lineno(test, "bought in November"))],
            code_lines(errors))
        self.assertIn('"EXP-Q7"', errors[0].message)
        self.assertIn("2020-11-12", errors[2].message)
        self.assertIn("2020-04-01 to 2020-06-30", errors[2].message)


class TestReceipts(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_receipt_mismatch(self, entries, errors, options_map):
        """
        plugin "rules.claims"

        2020-04-01 open Assets:Bank:Current
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

        2020-10-28 * "MHCLG" "First receipt" ^claim-SFC-P1
          Assets:Bank:Current               300000.00 GBP
          Assets:Receivable:Claims

        2020-11-28 * "MHCLG" "Second receipt" ^claim-SFC-P1
          Assets:Bank:Current               70000.00 GBP
          Assets:Receivable:Claims
        """
        self.assertEqual([("claims.receipt-mismatch",
                           lineno(self.test_receipt_mismatch, "Second receipt"))],
                         code_lines(errors))
        self.assertIn("£370,000.00 but £375,000.00", errors[0].message)
        line = analyse(claims, entries, options_map).sfc_lines[0]
        self.assertEqual(Decimal("370000.00"), line.received)

    @loader.load_doc()
    def test_outstanding_claim(self, entries, errors, options_map):
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
        status = analyse(claims, entries, options_map).claims[0]
        self.assertEqual(Decimal("375000.00"), status.difference)


class TestNegativeClaims(unittest.TestCase):
    """A later period's loss to date revised down leaves a negative due:
    the council owes government money back."""

    BOOKS = 'plugin "rules.claims"\n' + SFC_REVISED_DOWN

    def test_owed_back_without_a_receipt_is_no_error(self):
        entries, errors, options_map = loader.load_string(self.BOOKS)
        self.assertEqual([], errors)
        result = analyse(claims, entries, options_map)
        self.assertEqual(Decimal("-150000.00"), result.sfc_lines[1].due)
        p2 = result.claims[1]
        self.assertEqual((Decimal("-150000.00"), Decimal(0), Decimal("-150000.00")),
                         (p2.raised, p2.received, p2.difference))
        self.assertEqual("owed back to government", p2.state)

    def test_repayment_clears_a_negative_claim(self):
        repaid = self.BOOKS + """
2021-01-15 * "MHCLG" "SFC overpayment repaid" ^claim-SFC-P2
  Assets:Receivable:Claims          150000.00 GBP
  Assets:Bank:Current
"""
        entries, errors, options_map = loader.load_string(repaid)
        self.assertEqual([], errors)
        p2 = analyse(claims, entries, options_map).claims[1]
        self.assertEqual((Decimal("-150000.00"), Decimal("-150000.00"), "repaid"),
                         (p2.raised, p2.received, p2.state))

    def test_part_repayment_is_a_receipt_mismatch(self):
        short = self.BOOKS + """
2021-01-15 * "MHCLG" "SFC overpayment part repaid" ^claim-SFC-P2
  Assets:Receivable:Claims          100000.00 GBP
  Assets:Bank:Current
"""
        entries, errors, options_map = loader.load_string(short)
        self.assertEqual(["claims.receipt-mismatch"], [c for c, _ in code_lines(errors)])
        self.assertEqual("part repaid", analyse(claims, entries, options_map).claims[1].state)
