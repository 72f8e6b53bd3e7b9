"""Tests for rules.grants: each ledger is what a finance officer would write."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, codes, line_of, line_of_declaration

from rules import grants

ZERO = Decimal(0)










class TestAmount(unittest.TestCase):
    @loader.load_doc()
    def test_worked_example_bands(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"

        2020-04-14 * "Corner Shop" "RHLGF award, RV on the band edge" ^award-R1
          org-id: "GB-COH-00000001"
          property-ref: "P-1"
          rateable-value: 15000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-14 * "Cafe Royal" "RHLGF award, one pound over" ^award-R2
          org-id: "GB-COH-00000002"
          property-ref: "P-2"
          rateable-value: 15001
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-15 * "Corner Shop" "RHLGF payment" ^award-R1
          Liabilities:GrantsPayable:RHLGF   10000.00 GBP
          Assets:Bank:Current

        2020-04-15 * "Hair by Jo" "SBGF award" ^award-S1
          org-id: "GB-COH-00000003"
          property-ref: "P-3"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        self.assertEqual([], errors)
        result = analyse(grants, entries, options_map)
        rhlgf = result.schemes["RHLGF"]
        self.assertEqual(Decimal("35000.00"), rhlgf.awarded)
        self.assertEqual(Decimal("10000.00"), rhlgf.paid)
        first = rhlgf.awards[0]
        self.assertEqual(("R1", "Corner Shop", "P-1", Decimal("15000")),
                         (first.award_id, first.payee, first.property_ref,
                          first.rateable_value))
        self.assertEqual(Decimal("10000.00"), first.net)

    @loader.load_doc(expect_errors=True)
    def test_wrong_band_not_eligible_missing_rv_wrong_fixed(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"

        2020-04-14 * "Cafe Royal" "RV 15,001 paid the lower band" ^award-R2
          org-id: "GB-COH-00000002"
          property-ref: "P-2"
          rateable-value: 15001
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-14 * "Grand Hotel" "RV 51,000 is not eligible" ^award-R3
          org-id: "GB-COH-00000004"
          property-ref: "P-4"
          rateable-value: 51000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-14 * "Pub" "no rateable value" ^award-R4
          org-id: "GB-COH-00000005"
          property-ref: "P-5"
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-15 * "Hair by Jo" "SBGF above the fixed sum" ^award-S1
          org-id: "GB-COH-00000003"
          property-ref: "P-3"
          Expenses:Grants:SBGF              12000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        self.assertEqual(["grants.amount"] * 4, codes(errors))
        self.assertEqual(
            [line_of(entries, n) for n in (
                "RV 15,001 paid the lower band", "RV 51,000 is not eligible",
                "no rateable value", "SBGF above the fixed sum")],
            [e.source["lineno"] for e in errors])
        self.assertIn("should be £25,000.00", errors[0].message)
        self.assertIn("not eligible", errors[1].message)
        self.assertIn("no rateable-value", errors[2].message)

    @loader.load_doc(expect_errors=True)
    def test_above_cap(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:LADGF
        2020-01-01 open Liabilities:GrantsPayable:LADGF

        2020-06-01 custom "cwl-scheme" "LADGF"
          title: "Local Authority Discretionary Grants Fund"
          opens: 2020-06-01
          closes: 2020-09-30
          amounts: "max 25000"

        2020-06-10 * "Market stall" "under the cap" ^award-L1
          org-id: "GB-COH-00000010"
          Expenses:Grants:LADGF             7500.00 GBP
          Liabilities:GrantsPayable:LADGF

        2020-06-10 * "Printers" "over the cap" ^award-L2
          org-id: "GB-COH-00000011"
          Expenses:Grants:LADGF             30000.00 GBP
          Liabilities:GrantsPayable:LADGF
        """
        self.assertEqual(["grants.amount"], codes(errors))
        self.assertEqual(line_of(entries, "over the cap"), errors[0].source["lineno"])
        self.assertIn("above the LADGF cap of £25,000.00", errors[0].message)


class TestSchemeRules(unittest.TestCase):
    @loader.load_doc(expect_errors=True)
    def test_unknown_scheme(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:ARG
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:ARG

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-11-20 * "Gym" "ARG award" ^award-A1
          org-id: "GB-COH-00000020"
          Expenses:Grants:ARG               5000.00 GBP
          Liabilities:GrantsPayable:ARG
        """
        self.assertEqual(["grants.unknown-scheme"], codes(errors))
        self.assertEqual(line_of(entries, "ARG award"), errors[0].source["lineno"])

    @loader.load_doc(expect_errors=True)
    def test_outside_dates(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-03-31 * "Florist" "before the scheme opened" ^award-S1
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-08-28 * "Baker" "on the closing day" ^award-S2
          property-ref: "P-2"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-08-29 * "Butcher" "after the scheme closed" ^award-S3
          property-ref: "P-3"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        self.assertEqual(["grants.outside-dates"] * 2, codes(errors))
        self.assertEqual(
            [line_of(entries, "before the scheme opened"),
             line_of(entries, "after the scheme closed")],
            [e.source["lineno"] for e in errors])

    @loader.load_doc(expect_errors=True)
    def test_one_per_property(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-10 * "Florist" "first award for P-1" ^award-S1
          org-id: "GB-COH-00000030"
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-20 * "Florist" "same business, second property" ^award-S2
          org-id: "GB-COH-00000030"
          property-ref: "P-2"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-05-02 * "Florist" "second award for P-1" ^award-S3
          org-id: "GB-COH-00000030"
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        self.assertEqual(["grants.one-per-property"], codes(errors))
        self.assertEqual(line_of(entries, "second award for P-1"),
                         errors[0].source["lineno"])

    @loader.load_doc(expect_errors=True)
    def test_exclusive(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"
          exclusive-with: "SBGF"

        2020-04-10 * "Gift shop" "SBGF for P-7" ^award-S7
          org-id: "GB-COH-00000040"
          property-ref: "P-7"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-10 * "Tea room" "RHLGF for P-8" ^award-R8
          org-id: "GB-COH-00000041"
          property-ref: "P-8"
          rateable-value: 12000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-05-10 * "Gift shop" "RHLGF for P-7 as well" ^award-R7
          org-id: "GB-COH-00000040"
          property-ref: "P-7"
          rateable-value: 12000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF
        """
        self.assertEqual(["grants.exclusive"], codes(errors))
        self.assertEqual(line_of(entries, "RHLGF for P-7 as well"),
                         errors[0].source["lineno"])

    @loader.load_doc(expect_errors=True)
    def test_exclusive_then_second_award_is_one_fault_each(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"
          exclusive-with: "RHLGF"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"
          exclusive-with: "SBGF"

        2020-04-10 * "Gift shop" "SBGF for P-7" ^award-S7
          property-ref: "P-7"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-05-10 * "Gift shop" "RHLGF for P-7" ^award-R7
          property-ref: "P-7"
          rateable-value: 12000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-06-10 * "Gift shop" "RHLGF for P-7 again" ^award-R7b
          property-ref: "P-7"
          rateable-value: 12000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF
        """
        self.assertEqual(["grants.exclusive", "grants.one-per-property"], codes(errors))
        self.assertEqual(
            [line_of(entries, "RHLGF for P-7"), line_of(entries, "RHLGF for P-7 again")],
            [e.source["lineno"] for e in errors])

    @loader.load_doc(expect_errors=True)
    def test_excluded_recipient(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:LADGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:LADGF

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-06-01 custom "cwl-scheme" "LADGF"
          title: "Local Authority Discretionary Grants Fund"
          opens: 2020-06-01
          closes: 2020-09-30
          amounts: "max 25000"
          excludes-recipients-of: "SBGF RHLGF"

        2020-06-15 * "Market trader" "discretionary, never had SBGF" ^award-L1
          org-id: "GB-COH-00000050"
          Expenses:Grants:LADGF             5000.00 GBP
          Liabilities:GrantsPayable:LADGF

        2020-06-15 * "Bike shop" "discretionary, but SBGF later" ^award-L2
          org-id: "GB-COH-00000051"
          Expenses:Grants:LADGF             5000.00 GBP
          Liabilities:GrantsPayable:LADGF

        2020-07-01 * "Bike shop" "SBGF award" ^award-S1
          org-id: "GB-COH-00000051"
          property-ref: "P-51"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        self.assertEqual(["grants.excluded-recipient"], codes(errors))
        self.assertEqual(line_of(entries, "discretionary, but SBGF later"),
                         errors[0].source["lineno"])

    @loader.load_doc(expect_errors=True)
    def test_no_panel(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:VCSE
        2020-01-01 open Liabilities:GrantsPayable:VCSE

        2020-04-01 custom "cwl-scheme" "VCSE"
          title: "Community Response Fund"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "panel"
          needs-panel: TRUE

        2020-05-01 * "Food bank" "approved the day before" ^award-V1
          org-id: "GB-CHC-1000001"
          panel-approved: 2020-04-30
          Expenses:Grants:VCSE              2500.00 GBP
          Liabilities:GrantsPayable:VCSE

        2020-05-01 * "Youth club" "no panel approval" ^award-V2
          org-id: "GB-CHC-1000002"
          Expenses:Grants:VCSE              1800.00 GBP
          Liabilities:GrantsPayable:VCSE

        2020-05-01 * "Lunch club" "approved after the award" ^award-V3
          org-id: "GB-CHC-1000003"
          panel-approved: 2020-05-08
          Expenses:Grants:VCSE              900.00 GBP
          Liabilities:GrantsPayable:VCSE
        """
        self.assertEqual(["grants.no-panel"] * 2, codes(errors))
        self.assertEqual(
            [line_of(entries, "no panel approval"),
             line_of(entries, "approved after the award")],
            [e.source["lineno"] for e in errors])


class TestPayments(unittest.TestCase):
    @loader.load_doc(expect_errors=True)
    def test_no_award(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-10 * "Florist" "SBGF award" ^award-S1
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-12 * "Florist" "payment of S1" ^award-S1
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current

        2020-04-12 * "Unknown Ltd" "payment of an award never made" ^award-S99
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["grants.no-award"], codes(errors))
        self.assertEqual(line_of(entries, "payment of an award never made"),
                         errors[0].source["lineno"])

    @loader.load_doc()
    def test_paid_in_full_after_recovery(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-10 * "Florist" "SBGF award" ^award-S1
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-12 * "Florist" "first instalment" ^award-S1
          Liabilities:GrantsPayable:SBGF    6000.00 GBP
          Assets:Bank:Current

        2020-04-13 * "Florist" "first instalment paid twice" ^award-S1
          Liabilities:GrantsPayable:SBGF    6000.00 GBP
          Assets:Bank:Current

        2020-04-20 * "Florist" "duplicate recovered" ^award-S1
          recovery: TRUE
          Assets:Bank:Current               6000.00 GBP
          Expenses:Grants:SBGF

        2020-05-12 * "Florist" "second instalment" ^award-S1
          Liabilities:GrantsPayable:SBGF    4000.00 GBP
          Assets:Bank:Current
        """
        # Net went to 12,000 on 13 April, but the duplicate was recovered:
        # paid 6,000 + 6,000 + 4,000 = 16,000, recovered 6,000, net 10,000.
        self.assertEqual([], errors)
        award = analyse(grants, entries, options_map).schemes["SBGF"].awards[0]
        self.assertEqual((Decimal("16000.00"), Decimal("6000.00"), Decimal("10000.00")),
                         (award.paid, award.recovered, award.net))

    @loader.load_doc(expect_errors=True)
    def test_overpaid(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-10 * "Florist" "SBGF award" ^award-S1
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-12 * "Florist" "first instalment" ^award-S1
          Liabilities:GrantsPayable:SBGF    6000.00 GBP
          Assets:Bank:Current

        2020-05-12 * "Florist" "second instalment, too much" ^award-S1
          Liabilities:GrantsPayable:SBGF    5000.00 GBP
          Assets:Bank:Current

        2020-05-20 * "Florist" "paid again" ^award-S1
          Liabilities:GrantsPayable:SBGF    500.00 GBP
          Assets:Bank:Current

        2020-06-20 * "Florist" "part recovered" ^award-S1
          recovery: TRUE
          Assets:Bank:Current               500.00 GBP
          Expenses:Grants:SBGF
        """
        # 6,000 + 5,000 = 11,000 > 10,000 at the second instalment; 500 more
        # paid and 500 recovered leave net 11,000: £1,000 still to recover.
        self.assertEqual(["grants.overpaid"], codes(errors))
        self.assertEqual(line_of(entries, "second instalment, too much"),
                         errors[0].source["lineno"])
        self.assertIn("£11,000.00", errors[0].message)
        self.assertIn("£1,000.00 is still to recover", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_duplicate_bank(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Assets:Bank:Current

        2020-01-01 custom "cwl-organisation" "GB-COH-00000061"
          name: "Shell Company Two Ltd"
          bank-fingerprint: "aaaa111122223333"

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-10 * "Shell Company One Ltd" "award, unit 1" ^award-S1
          org-id: "GB-COH-00000060"
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-10 * "Shell Company One Ltd" "award, unit 2" ^award-S2
          org-id: "GB-COH-00000060"
          property-ref: "P-2"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-10 * "Shell Company Two Ltd" "award, unit 3" ^award-S3
          org-id: "GB-COH-00000061"
          property-ref: "P-3"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-12 * "Shell Company One Ltd" "pay unit 1" ^award-S1
          bank-fingerprint: "aaaa111122223333"
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current

        2020-04-12 * "Shell Company One Ltd" "pay unit 2, same company" ^award-S2
          bank-fingerprint: "aaaa111122223333"
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current

        2020-04-13 * "Shell Company Two Ltd" "pay unit 3, same account" ^award-S3
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["grants.duplicate-bank"], codes(errors))
        self.assertEqual(line_of(entries, "pay unit 3, same account"),
                         errors[0].source["lineno"])
        (group,) = analyse(grants, entries, options_map).duplicates
        self.assertEqual((("SBGF",), "bank-fingerprint", "aaaa111122223333"),
                         (group.schemes, group.shared, group.value))
        self.assertEqual(("S1", "S2", "S3"), group.award_ids)
        self.assertEqual(("GB-COH-00000060", "GB-COH-00000061"), group.org_ids)

    @loader.load_doc(expect_errors=True)
    def test_duplicate_company(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF

        2020-01-01 custom "cwl-organisation" "GB-LOC-77"
          name: "Trading name of Acme"
          company-number: "07654321"

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"

        2020-04-10 * "Acme Ltd" "award to the company" ^award-S1
          org-id: "GB-COH-07654321"
          company-number: "07654321"
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-20 * "Acme" "award to its trading name" ^award-S2
          org-id: "GB-LOC-77"
          property-ref: "P-2"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        self.assertEqual(["grants.duplicate-company"], codes(errors))
        self.assertEqual(line_of(entries, "award to its trading name"),
                         errors[0].source["lineno"])
        (group,) = analyse(grants, entries, options_map).duplicates
        self.assertEqual(("company-number", "07654321", ("S1", "S2")),
                         (group.shared, group.value, group.award_ids))

    @loader.load_doc(expect_errors=True)
    def test_same_bank_and_company_across_schemes(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Expenses:Grants:LRSG
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:LRSG
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "10000"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"

        2020-11-05 custom "cwl-scheme" "LRSG"
          title: "Local Restrictions Support Grant"
          opens: 2020-11-05
          closes: 2021-03-31
          amounts: "max 3000"

        2020-04-14 * "Alpha Cafe Ltd" "SBGF award" ^award-S1
          org-id: "GB-COH-00000011"
          company-number: "00000011"
          property-ref: "P-1"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-15 * "Alpha Cafe Ltd" "SBGF payment" ^award-S1
          bank-fingerprint: "deadbeefdeadbeef"
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current

        2020-04-16 * "Beta Bar Ltd" "RHLGF award" ^award-R1
          org-id: "GB-COH-00000022"
          property-ref: "P-2"
          rateable-value: 20000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-17 * "Beta Bar Ltd" "RHLGF payment, Alpha's account" ^award-R1
          bank-fingerprint: "deadbeefdeadbeef"
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current

        2020-04-18 * "Alpha Trading" "RHLGF award, Alpha's company number" ^award-R2
          org-id: "GB-LOC-33"
          company-number: "00000011"
          property-ref: "P-3"
          rateable-value: 9000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-11-10 * "Beta Bar Ltd" "LRSG award" ^award-L1
          org-id: "GB-COH-00000022"
          Expenses:Grants:LRSG              2000.00 GBP
          Liabilities:GrantsPayable:LRSG

        2020-11-12 * "Beta Bar Ltd" "LRSG payment, same pair again" ^award-L1
          bank-fingerprint: "deadbeefdeadbeef"
          Liabilities:GrantsPayable:LRSG    2000.00 GBP
          Assets:Bank:Current

        2020-11-10 * "Alpha Cafe Ltd" "LRSG award to Alpha itself" ^award-L2
          org-id: "GB-COH-00000011"
          company-number: "00000011"
          Expenses:Grants:LRSG              2000.00 GBP
          Liabilities:GrantsPayable:LRSG

        2020-11-12 * "Alpha Cafe Ltd" "LRSG payment to Alpha" ^award-L2
          bank-fingerprint: "deadbeefdeadbeef"
          Liabilities:GrantsPayable:LRSG    2000.00 GBP
          Assets:Bank:Current
        """
        # Beta (RHLGF) is paid into Alpha's SBGF account; Alpha Trading
        # (RHLGF) gives Alpha's company number. Beta again (LRSG) is the same
        # pair, and Alpha's own LRSG award is the same org-id: no more.
        self.assertEqual(["grants.duplicate-company", "grants.duplicate-bank"], codes(errors))
        self.assertEqual(
            [line_of(entries, "RHLGF award, Alpha's company number"),
             line_of(entries, "RHLGF payment, Alpha's account")],
            [e.source["lineno"] for e in errors])
        self.assertIn("(RHLGF) to GB-LOC-33 has company number 00000011, already "
                      "awarded SBGF as GB-COH-00000011", errors[0].message)
        self.assertIn("(RHLGF) to GB-COH-00000022 goes to the same bank account "
                      "(deadbeefdeadbeef) as SBGF payments to GB-COH-00000011",
                      errors[1].message)
        # Bank accounts and company numbers are matched across every scheme:
        # one group each, spanning SBGF, RHLGF and LRSG.
        bank, company = analyse(grants, entries, options_map).duplicates
        self.assertEqual((("LRSG", "RHLGF", "SBGF"), "bank-fingerprint", "deadbeefdeadbeef",
                          ("L1", "L2", "R1", "S1")),
                         (bank.schemes, bank.shared, bank.value, bank.award_ids))
        self.assertEqual("LRSG, RHLGF, SBGF", bank.scheme)
        self.assertEqual((("LRSG", "RHLGF", "SBGF"), "company-number", "00000011",
                          ("L2", "R2", "S1")),
                         (company.schemes, company.shared, company.value, company.award_ids))

    @loader.load_doc()
    def test_one_business_with_two_properties_is_no_duplicate(self, entries, errors,
                                                              options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF
        2020-01-01 open Assets:Bank:Current

        2020-01-01 custom "cwl-organisation" "GB-COH-00000009"
          name: "Chain Ltd"
          company-number: "00000009"
          bank-fingerprint: "aaaabbbbccccdddd"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"
          one-per-property: FALSE

        2020-04-11 * "Chain Ltd" "shop 1" ^award-C1
          org-id: "GB-COH-00000009"
          property-ref: "SHOP-1"
          rateable-value: 30000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-12 * "Chain Ltd" "shop 2" ^award-C2
          org-id: "GB-COH-00000009"
          property-ref: "SHOP-2"
          rateable-value: 30000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-13 * "Chain Ltd" "shop 2 again" ^award-C3
          org-id: "GB-COH-00000009"
          property-ref: "SHOP-2"
          rateable-value: 30000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-21 * "Chain Ltd" "pay shop 1" ^award-C1
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current

        2020-04-22 * "Chain Ltd" "pay shop 2" ^award-C2
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current
        """
        # One org-id shares its own bank account and company number: no
        # group for those; two awards for SHOP-2 still make a property group.
        self.assertEqual([], errors)
        (group,) = analyse(grants, entries, options_map).duplicates
        self.assertEqual(("property-ref", "SHOP-2", ("C2", "C3")),
                         (group.shared, group.value, group.award_ids))


class TestSubsidyLimit(unittest.TestCase):
    @loader.load_doc(expect_errors=True)
    def test_de_minimis_calendar_years_in_euros(self, entries, errors, _):
        """
        plugin "rules.grants"

        2017-01-01 open Expenses:Grants:BIG
        2017-01-01 open Liabilities:GrantsPayable:BIG
        2017-01-01 open Assets:Bank:Current

        2017-01-01 custom "cwl-scheme" "BIG"
          title: "Business Investment Grant"
          opens: 2017-01-01
          closes: 2021-12-31
          amounts: "max 200000"

        2018-01-01 custom "cwl-subsidy-regime" "EU de minimis"
          start: 2018-01-01
          end: 2020-12-31
          limit: 200000 EUR
          window: "fiscal-years-3"

        2018-03-01 * "X Ltd" "X first" ^award-X1
          org-id: "GB-COH-X"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-12-01 * "X Ltd" "X second" ^award-X2
          org-id: "GB-COH-X"
          Expenses:Grants:BIG               60000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-12-15 * "X Ltd" "X third, over" ^award-X3
          org-id: "GB-COH-X"
          Expenses:Grants:BIG               20000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-12-20 * "X Ltd" "X fourth, already reported" ^award-X4
          org-id: "GB-COH-X"
          Expenses:Grants:BIG               5000.00 GBP
          Liabilities:GrantsPayable:BIG

        2017-12-31 * "Y Ltd" "Y in 2017, outside the window" ^award-Y1
          org-id: "GB-COH-Y"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-06-01 * "Y Ltd" "Y in 2020" ^award-Y2
          org-id: "GB-COH-Y"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2019-05-01 * "Z Ltd" "Z first" ^award-Z1
          org-id: "GB-COH-Z"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2019-06-01 * "Z Ltd" "Z first paid" ^award-Z1
          Liabilities:GrantsPayable:BIG     100000.00 GBP
          Assets:Bank:Current

        2020-02-01 * "Z Ltd" "Z part recovered" ^award-Z1
          recovery: TRUE
          Assets:Bank:Current               30000.00 GBP
          Expenses:Grants:BIG

        2020-11-01 * "Z Ltd" "Z second" ^award-Z2
          org-id: "GB-COH-Z"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG
        """
        # Limit 200,000 EUR x 0.89 = £178,000, over 2018-2020.
        # X: 100,000 + 60,000 = 160,000; + 20,000 = 180,000 > 178,000.
        # Y: 2017 is outside 2018-2020, so only 100,000 counts.
        # Z: 100,000 - 30,000 recovered + 100,000 = 170,000.
        self.assertEqual(["grants.subsidy-limit"], codes(errors))
        self.assertEqual(line_of(entries, "X third, over"), errors[0].source["lineno"])
        self.assertIn("£180,000.00", errors[0].message)
        self.assertIn("£178,000.00", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_minimal_financial_assistance_financial_years(self, entries, errors, _):
        """
        plugin "rules.grants"

        2019-01-01 open Expenses:Grants:BIG
        2019-01-01 open Liabilities:GrantsPayable:BIG

        2019-01-01 custom "cwl-scheme" "BIG"
          title: "Business Investment Grant"
          opens: 2019-01-01
          closes: 2022-12-31
          amounts: "max 200000"

        2019-01-01 custom "cwl-subsidy-regime" "MFA"
          start: 2019-01-01
          limit: 315000 GBP
          window: "financial-years-3"

        2019-03-15 * "W Ltd" "FY2018/19" ^award-W1
          org-id: "GB-COH-W"
          Expenses:Grants:BIG               150000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-06-01 * "W Ltd" "FY2020/21" ^award-W2
          org-id: "GB-COH-W"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2021-05-01 * "W Ltd" "FY2021/22 first" ^award-W3
          org-id: "GB-COH-W"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2021-06-01 * "W Ltd" "FY2021/22 second" ^award-W4
          org-id: "GB-COH-W"
          Expenses:Grants:BIG               120000.00 GBP
          Liabilities:GrantsPayable:BIG
        """
        # For awards in FY2021/22 the window opens 1 April 2019, so W1
        # (15 March 2019) drops out: W3 brings 200,000, W4 320,000 > 315,000.
        # (A calendar-year window would have caught W3 at 350,000.)
        self.assertEqual(["grants.subsidy-limit"], codes(errors))
        self.assertEqual(line_of(entries, "FY2021/22 second"), errors[0].source["lineno"])
        self.assertIn("£320,000.00", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_temporary_framework_per_undertaking(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:BIG
        2020-01-01 open Liabilities:GrantsPayable:BIG

        2020-01-01 custom "cwl-scheme" "BIG"
          title: "Business Investment Grant"
          opens: 2020-01-01
          closes: 2021-12-31
          amounts: "max 500000"

        2020-03-19 custom "cwl-subsidy-regime" "COVID Temporary Framework"
          start: 2020-03-19
          end: 2020-12-31
          limit: 800000 EUR
          window: "undertaking"

        2020-03-01 * "V Ltd" "before the framework" ^award-V0
          org-id: "GB-COH-V"
          Expenses:Grants:BIG               500000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-04-01 * "V Ltd" "first under the framework" ^award-V1
          org-id: "GB-COH-V"
          Expenses:Grants:BIG               400000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-11-01 * "V Ltd" "second under the framework" ^award-V2
          org-id: "GB-COH-V"
          Expenses:Grants:BIG               300000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-12-01 * "V Ltd" "third, over the limit" ^award-V3
          org-id: "GB-COH-V"
          Expenses:Grants:BIG               20000.00 GBP
          Liabilities:GrantsPayable:BIG

        2021-01-10 * "V Ltd" "after the framework ended" ^award-V4
          org-id: "GB-COH-V"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG
        """
        # 800,000 EUR x 0.89 = £712,000; V0 predates the regime:
        # 400,000 + 300,000 = 700,000; + 20,000 = 720,000 > 712,000.
        self.assertEqual(["grants.subsidy-limit"], codes(errors))
        self.assertEqual(line_of(entries, "third, over the limit"),
                         errors[0].source["lineno"])

    @loader.load_doc(expect_errors=True)
    def test_awards_count_against_their_schemes_regime(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:TF
        2020-01-01 open Expenses:Grants:BIG
        2020-01-01 open Expenses:Grants:LOCAL
        2020-01-01 open Liabilities:GrantsPayable:TF
        2020-01-01 open Liabilities:GrantsPayable:BIG
        2020-01-01 open Liabilities:GrantsPayable:LOCAL

        2019-01-01 custom "cwl-subsidy-regime" "de-minimis"
          start: 2019-01-01
          end: 2020-12-31
          limit: 200000 EUR
          window: "fiscal-years-3"

        2020-03-19 custom "cwl-subsidy-regime" "temporary-framework"
          start: 2020-03-19
          end: 2020-12-31
          limit: 800000 EUR
          window: "undertaking"

        2020-04-01 custom "cwl-scheme" "TF"
          title: "Business Support Grant (Temporary Framework)"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "max 200000"
          regime: "temporary-framework"

        2020-01-01 custom "cwl-scheme" "BIG"
          title: "Business Investment Grant"
          opens: 2020-01-01
          closes: 2020-12-31
          amounts: "max 200000"
          regime: "de-minimis"

        2020-01-01 custom "cwl-scheme" "LOCAL"
          title: "Local grant, no regime named"
          opens: 2020-01-01
          closes: 2020-12-31
          amounts: "max 200000"

        2020-04-11 * "Chain Ltd" "TF to the chain" ^award-C1
          org-id: "GB-COH-C"
          Expenses:Grants:TF                200000.00 GBP
          Liabilities:GrantsPayable:TF

        2020-05-01 * "Chain Ltd" "BIG to the chain" ^award-C2
          org-id: "GB-COH-C"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-05-01 * "Mill Ltd" "BIG to the mill" ^award-M1
          org-id: "GB-COH-M"
          Expenses:Grants:BIG               100000.00 GBP
          Liabilities:GrantsPayable:BIG

        2020-06-01 * "Mill Ltd" "LOCAL to the mill" ^award-M2
          org-id: "GB-COH-M"
          Expenses:Grants:LOCAL             90000.00 GBP
          Liabilities:GrantsPayable:LOCAL
        """
        # De minimis limit 200,000 EUR x 0.89 = £178,000; Temporary
        # Framework 800,000 EUR x 0.89 = £712,000.
        # Chain: de minimis counts BIG only (100,000); the Framework counts
        # TF only (200,000): no breach (before, 300,000 > 178,000).
        # Mill: de minimis counts BIG and LOCAL, which names no regime:
        # 100,000 + 90,000 = 190,000 > 178,000.
        self.assertEqual(["grants.subsidy-limit"], codes(errors))
        self.assertEqual(line_of(entries, "LOCAL to the mill"), errors[0].source["lineno"])
        self.assertIn("£190,000.00", errors[0].message)
        self.assertIn("de-minimis", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_unknown_regime(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 custom "cwl-subsidy-regime" "temporary-framework"
          start: 2020-03-19
          end: 2020-12-31
          limit: 800000 EUR
          window: "undertaking"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"
          regime: "temporary-framwork"
        """
        self.assertEqual(["grants.unknown-regime"], codes(errors))
        self.assertEqual(line_of_declaration(entries, "cwl-scheme", "RHLGF"),
                         errors[0].source["lineno"])
        self.assertIn("'temporary-framwork'", errors[0].message)


class TestDiscretionary(unittest.TestCase):
    @loader.load_doc(expect_errors=True)
    def test_set_of_sums_and_rateable_value_ceiling(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:LADGF
        2020-01-01 open Liabilities:GrantsPayable:LADGF

        2020-05-29 custom "cwl-scheme" "LADGF"
          title: "Local Authority Discretionary Grants Fund"
          opens: 2020-05-29
          closes: 2020-09-30
          amounts: "25000 | 10000 | <10000"
          max-rateable-value: 51000

        2020-06-10 * "Brewery" "the top sum" ^award-L1
          org-id: "GB-COH-00000101"
          rateable-value: 50999
          Expenses:Grants:LADGF             25000.00 GBP
          Liabilities:GrantsPayable:LADGF

        2020-06-10 * "Market stall" "the middle sum, rent-based, no RV" ^award-L2
          org-id: "GB-COH-00000102"
          Expenses:Grants:LADGF             10000.00 GBP
          Liabilities:GrantsPayable:LADGF

        2020-06-10 * "Printers" "a sum under ten thousand" ^award-L3
          org-id: "GB-COH-00000103"
          Expenses:Grants:LADGF             9999.99 GBP
          Liabilities:GrantsPayable:LADGF

        2020-06-10 * "Garage" "a sum between the allowed ones" ^award-L4
          org-id: "GB-COH-00000104"
          Expenses:Grants:LADGF             12000.00 GBP
          Liabilities:GrantsPayable:LADGF

        2020-06-10 * "Hotel" "RV at the ceiling" ^award-L5
          org-id: "GB-COH-00000105"
          rateable-value: 51000
          Expenses:Grants:LADGF             10000.00 GBP
          Liabilities:GrantsPayable:LADGF
        """
        # 25,000 and 10,000 are listed; 9,999.99 < 10,000; 12,000 is none of
        # them; RV 51,000 is not under the 51,000 ceiling.
        self.assertEqual(["grants.amount"] * 2, codes(errors))
        self.assertEqual(
            [line_of(entries, "a sum between the allowed ones"),
             line_of(entries, "RV at the ceiling")],
            [e.source["lineno"] for e in errors])
        self.assertIn("£12,000.00 is not one of the LADGF sums '25000 | 10000 | <10000'",
                      errors[0].message)
        self.assertIn("rateable value £51,000.00", errors[1].message)
        self.assertIn("not eligible", errors[1].message)
        self.assertIn("£51,000.00 or more", errors[1].message)


class TestRecovered(unittest.TestCase):
    @loader.load_doc(expect_errors=True)
    def test_amount_judged_on_what_was_kept(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"

        2020-04-14 * "Bakehouse Ltd" "wrong band, excess recovered" ^award-A1
          org-id: "GB-COH-00000001"
          property-ref: "P-1"
          rateable-value: 14000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-16 * "Bakehouse Ltd" "A1 paid" ^award-A1
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Bakehouse Ltd" "A1 excess recovered" ^award-A1
          recovery: TRUE
          Assets:Bank:Current               15000.00 GBP
          Expenses:Grants:RHLGF

        2020-04-14 * "Deli Ltd" "wrong band, too little recovered" ^award-A2
          org-id: "GB-COH-00000002"
          property-ref: "P-2"
          rateable-value: 12000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-16 * "Deli Ltd" "A2 paid" ^award-A2
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Deli Ltd" "A2 part recovered" ^award-A2
          recovery: TRUE
          Assets:Bank:Current               5000.00 GBP
          Expenses:Grants:RHLGF
        """
        # A1: 25,000 - 15,000 recovered = 10,000, the sum due at RV 14,000.
        # A2: 25,000 - 5,000 recovered = 20,000, still not the 10,000 due.
        self.assertEqual(["grants.amount"], codes(errors))
        self.assertEqual(line_of(entries, "wrong band, too little recovered"),
                         errors[0].source["lineno"])
        self.assertIn("of £20,000.00 (£25,000.00 awarded, £5,000.00 recovered) should be "
                      "£10,000.00", errors[0].message)
        first, second = analyse(grants, entries, options_map).schemes["RHLGF"].awards
        self.assertEqual((Decimal("10000.00"), Decimal("20000.00")),
                         (first.effective, second.effective))

    @loader.load_doc()
    def test_fully_recovered_award_then_the_right_one(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF
        2020-01-01 open Assets:Bank:Current

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-08-28
          amounts: "10000"
          exclusive-with: "RHLGF"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"

        2020-04-14 * "Bakehouse Ltd" "wrong award" ^award-A1
          org-id: "GB-COH-00000001"
          property-ref: "P-1"
          rateable-value: 14000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-16 * "Bakehouse Ltd" "wrong award paid" ^award-A1
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Bakehouse Ltd" "wrong award recovered in full" ^award-A1
          recovery: TRUE
          Assets:Bank:Current               25000.00 GBP
          Expenses:Grants:RHLGF

        2020-06-02 * "Bakehouse Ltd" "right award" ^award-A2
          org-id: "GB-COH-00000001"
          property-ref: "P-1"
          rateable-value: 14000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-06-03 * "Bakehouse Ltd" "right award paid" ^award-A2
          Liabilities:GrantsPayable:RHLGF   10000.00 GBP
          Assets:Bank:Current

        2020-04-20 * "Tea room" "RHLGF by mistake" ^award-R9
          org-id: "GB-COH-00000009"
          property-ref: "P-9"
          rateable-value: 9000
          Expenses:Grants:RHLGF             10000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-22 * "Tea room" "RHLGF by mistake paid" ^award-R9
          Liabilities:GrantsPayable:RHLGF   10000.00 GBP
          Assets:Bank:Current

        2020-05-20 * "Tea room" "RHLGF by mistake recovered" ^award-R9
          recovery: TRUE
          Assets:Bank:Current               10000.00 GBP
          Expenses:Grants:RHLGF

        2020-05-21 * "Tea room" "SBGF instead" ^award-S9
          org-id: "GB-COH-00000009"
          property-ref: "P-9"
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        # A1 and R9 were recovered in full (net 0): neither counts as the
        # property's award, so A2 is not a second award and S9 no clash.
        self.assertEqual([], errors)
        a1, r9, a2 = analyse(grants, entries, options_map).schemes["RHLGF"].awards  # date order
        self.assertEqual((ZERO, Decimal("10000.00"), ZERO),
                         (a1.effective, a2.effective, r9.effective))

    @loader.load_doc(expect_errors=True)
    def test_award_corrections(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:RHLGF
        2020-01-01 open Liabilities:GrantsPayable:RHLGF
        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Assets:Receivable:Recoveries

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          amounts: "RV<=15000:10000, RV<51000:25000"

        2020-04-14 * "Bakehouse Ltd" "wrong band, not paid yet" ^award-A1
          org-id: "GB-COH-00000001"
          property-ref: "P-1"
          rateable-value: 14000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-15 * "Bakehouse Ltd" "A1 corrected before payment" ^award-A1
          Liabilities:GrantsPayable:RHLGF   15000.00 GBP
          Expenses:Grants:RHLGF

        2020-04-16 * "Bakehouse Ltd" "A1 paid" ^award-A1
          Liabilities:GrantsPayable:RHLGF   10000.00 GBP
          Assets:Bank:Current

        2020-04-14 * "Deli Ltd" "wrong band, paid" ^award-A2
          org-id: "GB-COH-00000002"
          property-ref: "P-2"
          rateable-value: 12000
          Expenses:Grants:RHLGF             25000.00 GBP
          Liabilities:GrantsPayable:RHLGF

        2020-04-16 * "Deli Ltd" "A2 paid" ^award-A2
          Liabilities:GrantsPayable:RHLGF   25000.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Deli Ltd" "A2 corrected after payment" ^award-A2
          Assets:Receivable:Recoveries      15000.00 GBP
          Expenses:Grants:RHLGF

        2020-06-02 * "Pub" "correction of no award" ^award-A99
          Liabilities:GrantsPayable:RHLGF   500.00 GBP
          Expenses:Grants:RHLGF
        """
        # A1: 25,000 - 15,000 corrected = 10,000, paid 10,000: clear; the
        # correction's GrantsPayable posting is not a payment.
        # A2: corrected to 10,000 after 25,000 was paid: 15,000 to recover.
        self.assertEqual(["grants.no-award", "grants.overpaid"], codes(errors))
        self.assertEqual(
            [line_of(entries, "correction of no award"),
             line_of(entries, "A2 corrected after payment")],
            [e.source["lineno"] for e in errors])
        self.assertIn("brought the award to £10,000.00, below net payments of £25,000.00; "
                      "£15,000.00 is still to recover", errors[1].message)
        rhlgf = analyse(grants, entries, options_map).schemes["RHLGF"]
        a1, a2 = rhlgf.awards
        self.assertEqual((Decimal("10000.00"), Decimal("15000.00"), Decimal("10000.00")),
                         (a1.amount, a1.corrected, a1.paid))
        self.assertEqual(Decimal("20000.00"), rhlgf.awarded)
        self.assertEqual(Decimal("35000.00"), rhlgf.paid)


class TestSilence(unittest.TestCase):
    @loader.load_doc()
    def test_books_without_grant_vocabulary(self, entries, errors, _):
        """
        plugin "rules.grants"

        2020-01-01 open Expenses:Grants:Charity
        2020-01-01 open Liabilities:GrantsPayable:Charity
        2020-01-01 open Assets:Bank:Current

        2020-04-10 * "Red Cross" "donation pledged"
          Expenses:Grants:Charity           100.00 GBP
          Liabilities:GrantsPayable:Charity

        2020-04-12 * "Red Cross" "donation paid"
          Liabilities:GrantsPayable:Charity 100.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual([], errors)


if __name__ == "__main__":
    unittest.main()
