"""Tests for rules.grants: each ledger is what a finance officer would write."""

from __future__ import annotations

import re
import unittest
from decimal import Decimal

from beancount import loader
from beancount.core import data

from rules import grants
from rules.common import build_context


def codes(errors: list) -> list[str]:
    """The rule codes of ``errors``, in order (``[grants.amount]`` -> ``grants.amount``)."""
    return [m.group(1) for e in errors if (m := re.search(r"\[([\w.-]+)\]$", e.message))]


def line_of(entries: list, narration: str) -> int:
    """The line of the transaction with ``narration``."""
    for entry in entries:
        if isinstance(entry, data.Transaction) and entry.narration == narration:
            return entry.meta["lineno"]
    raise AssertionError(f"no transaction '{narration}'")


def analyse(entries: list, options_map: dict) -> grants.GrantsAnalysis:
    context, _ = build_context(entries, options_map, None)
    return grants.analyse(entries, context)


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
        result = analyse(entries, options_map)
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
        award = analyse(entries, options_map).schemes["SBGF"].awards[0]
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
        (group,) = analyse(entries, options_map).duplicates
        self.assertEqual(("SBGF", "bank-fingerprint", "aaaa111122223333"),
                         (group.scheme, group.shared, group.value))
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
        (group,) = analyse(entries, options_map).duplicates
        self.assertEqual(("company-number", "07654321", ("S1", "S2")),
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
