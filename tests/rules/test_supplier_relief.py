"""Tests for rules.supplier_relief: each ledger is what a finance officer would write."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from beancount.core import data
from helpers import analyse, codes, line_of

from rules import supplier_relief


def declared_at(entries: list, kind: str, ident: str) -> list[int]:
    """The lines of the ``custom "<kind>" "<ident>"`` declarations, in date order."""
    return [entry.meta["lineno"] for entry in entries
            if isinstance(entry, data.Custom) and entry.type == kind
            and entry.values[0].value == ident]




class TestReconciliation(unittest.TestCase):
    @loader.load_doc()
    def test_worked_example_reconciled_and_recovered(self, entries, errors, options_map):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:HomeToSchool
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          title: "Home to school transport"
          value: 480000.00 GBP
          start: 2019-04-01
          transition-plan: TRUE
          exit-date: 2020-10-31
          reconcile-by: 2021-01-31

        2020-04-20 * "Vale Coaches Ltd" "Relief: interim payment April" ^contract-CON-0003
          contract: "CON-0003"
          relief-type: "interim"
          Expenses:Contracts:HomeToSchool   40000.00 GBP
          Assets:Bank:Current

        2020-12-15 custom "cwl-reconciliation" "CON-0003"
          actual-cost: 36500.00 GBP

        2021-01-10 * "Vale Coaches Ltd" "Relief overpayment recovered" ^contract-CON-0003
          contract: "CON-0003"
          recovery: TRUE
          Assets:Bank:Current               3500.00 GBP
          Expenses:Contracts:HomeToSchool

        2021-03-31 * "Vale Coaches Ltd" "Normal invoice"
          Expenses:Contracts:HomeToSchool   12000.00 GBP
          Assets:Bank:Current
        """
        # 40,000 paid - 36,500 actual cost - 3,500 recovered = 0 owed.
        self.assertEqual([], errors)
        relief = analyse(supplier_relief, entries, options_map).contracts["CON-0003"]
        self.assertEqual({"interim": Decimal("40000.00")}, dict(relief.paid_by_type))
        self.assertEqual((Decimal("40000.00"), Decimal("36500.00"), Decimal("3500.00"),
                          Decimal("0.00"), False),
                         (relief.paid, relief.actual_cost, relief.recovered,
                          relief.outstanding, relief.past_exit))

    @loader.load_doc(expect_errors=True)
    def test_excess_owed(self, entries, errors, options_map):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:HomeToSchool
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          title: "Home to school transport"
          value: 480000.00 GBP
          start: 2019-04-01
          reconcile-by: 2021-01-31

        2020-04-20 * "Vale Coaches Ltd" "interim April" ^contract-CON-0003
          contract: "CON-0003"
          relief-type: "interim"
          Expenses:Contracts:HomeToSchool   25000.00 GBP
          Assets:Bank:Current

        2020-05-20 * "Vale Coaches Ltd" "interim May" ^contract-CON-0003
          contract: "CON-0003"
          relief-type: "interim"
          Expenses:Contracts:HomeToSchool   15000.00 GBP
          Assets:Bank:Current

        2020-11-15 custom "cwl-reconciliation" "CON-0003"
          actual-cost: 30000.00 GBP

        2020-12-15 custom "cwl-reconciliation" "CON-0003"
          actual-cost: 36500.00 GBP

        2021-01-10 * "Vale Coaches Ltd" "part recovered" ^contract-CON-0003
          recovery: TRUE
          Assets:Bank:Current               2000.00 GBP
          Expenses:Contracts:HomeToSchool
        """
        # The latest reconciliation counts: 40,000 - 36,500 - 2,000 = 1,500 owed.
        self.assertEqual(["relief.excess-owed"], codes(errors))
        self.assertEqual(declared_at(entries, "cwl-reconciliation", "CON-0003")[-1],
                         errors[0].source["lineno"])
        self.assertIn("£1,500.00 owed", errors[0].message)
        relief = analyse(supplier_relief, entries, options_map)
        self.assertEqual(Decimal("1500.00"), relief.contracts["CON-0003"].outstanding)

    @loader.load_doc(expect_errors=True)
    def test_unreconciled(self, entries, errors, _):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Leisure
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-LATE"
          supplier: "GB-COH-00000070"
          title: "Leisure centre management"
          value: 900000.00 GBP
          start: 2019-04-01
          reconcile-by: 2020-12-31

        2019-04-01 custom "cwl-contract" "CON-ONTIME"
          supplier: "GB-COH-00000071"
          title: "Swimming lessons"
          value: 50000.00 GBP
          start: 2019-04-01
          reconcile-by: 2020-12-31

        2019-04-01 custom "cwl-contract" "CON-NOTYET"
          supplier: "GB-COH-00000072"
          title: "Gym equipment"
          value: 50000.00 GBP
          start: 2019-04-01
          reconcile-by: 2021-06-30

        2020-04-20 * "Leisure Trust" "relief, never reconciled" ^contract-CON-LATE
          contract: "CON-LATE"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        60000.00 GBP
          Assets:Bank:Current

        2020-04-20 * "Swim School" "relief, reconciled" ^contract-CON-ONTIME
          contract: "CON-ONTIME"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        5000.00 GBP
          Assets:Bank:Current

        2020-04-20 * "Gym Co" "relief, not due yet" ^contract-CON-NOTYET
          contract: "CON-NOTYET"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        5000.00 GBP
          Assets:Bank:Current

        2020-12-20 custom "cwl-reconciliation" "CON-ONTIME"
          actual-cost: 5000.00 GBP

        2021-01-15 * "Leisure Trust" "ordinary invoice"
          Expenses:Contracts:Leisure        1000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["relief.unreconciled"], codes(errors))
        self.assertEqual(declared_at(entries, "cwl-contract", "CON-LATE"),
                         [errors[0].source["lineno"]])


class TestPayments(unittest.TestCase):
    @loader.load_doc(expect_errors=True)
    def test_unknown_contract(self, entries, errors, _):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Waste
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0001"
          supplier: "GB-COH-00000080"
          value: 1200000.00 GBP
          start: 2019-04-01

        2020-04-20 * "Bin Co" "relief on a declared contract" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-04-21 * "Skip Hire" "relief on an undeclared contract"
          contract: "CON-9999"
          relief-type: "interim"
          Expenses:Contracts:Waste          8000.00 GBP
          Assets:Bank:Current

        2020-04-22 * "Skip Hire" "relief with no contract"
          relief-type: "interim"
          Expenses:Contracts:Waste          8000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["relief.unknown-contract"] * 2, codes(errors))
        self.assertEqual(
            [line_of(entries, "relief on an undeclared contract"),
             line_of(entries, "relief with no contract")],
            [e.source["lineno"] for e in errors])

    @loader.load_doc(expect_errors=True)
    def test_type(self, entries, errors, _):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Waste
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0001"
          supplier: "GB-COH-00000080"
          value: 1200000.00 GBP
          start: 2019-04-01

        2020-04-20 * "Bin Co" "forward order" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "forward-order"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-04-21 * "Bin Co" "a kind of relief PPN 02/20 does not know" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "goodwill"
          Expenses:Contracts:Waste          8000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["relief.type"], codes(errors))
        self.assertEqual(line_of(entries, "a kind of relief PPN 02/20 does not know"),
                         errors[0].source["lineno"])

    @loader.load_doc(expect_errors=True)
    def test_outside_ppn(self, entries, errors, _):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Waste
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0001"
          supplier: "GB-COH-00000080"
          value: 1200000.00 GBP
          start: 2019-04-01
          transition-plan: TRUE
          exit-date: 2020-10-31

        2020-03-19 * "Bin Co" "the day before PPN 02/20" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-03-20 * "Bin Co" "first day of PPN 02/20" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-10-31 * "Bin Co" "last day of PPN 04/20" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-11-02 * "Bin Co" "after PPN 04/20 ended" ^contract-CON-0001
          contract: "CON-0001"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current
        """
        # The last payment is also after the exit date: one fault, one error.
        self.assertEqual(["relief.outside-ppn"] * 2, codes(errors))
        self.assertEqual(
            [line_of(entries, "the day before PPN 02/20"),
             line_of(entries, "after PPN 04/20 ended")],
            [e.source["lineno"] for e in errors])

    @loader.load_doc(expect_errors=True)
    def test_no_transition_plan(self, entries, errors, options_map):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Waste
        2019-04-01 open Expenses:Contracts:Leisure
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-NOPLAN"
          supplier: "GB-COH-00000080"
          value: 1200000.00 GBP
          start: 2019-04-01

        2019-04-01 custom "cwl-contract" "CON-EXIT"
          supplier: "GB-COH-00000081"
          value: 300000.00 GBP
          start: 2019-04-01
          transition-plan: TRUE
          exit-date: 2020-08-31

        2020-06-30 * "Bin Co" "last day of PPN 02/20, no plan needed" ^contract-CON-NOPLAN
          contract: "CON-NOPLAN"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-07-15 * "Bin Co" "PPN 04/20 without a plan" ^contract-CON-NOPLAN
          contract: "CON-NOPLAN"
          relief-type: "interim"
          Expenses:Contracts:Waste          30000.00 GBP
          Assets:Bank:Current

        2020-08-31 * "Leisure Trust" "on the exit date" ^contract-CON-EXIT
          contract: "CON-EXIT"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        10000.00 GBP
          Assets:Bank:Current

        2020-09-15 * "Leisure Trust" "after the exit date" ^contract-CON-EXIT
          contract: "CON-EXIT"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        10000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["relief.no-transition-plan", "relief.after-exit"], codes(errors))
        self.assertEqual(
            [line_of(entries, "PPN 04/20 without a plan"),
             line_of(entries, "after the exit date")],
            [e.source["lineno"] for e in errors])
        contracts = analyse(supplier_relief, entries, options_map).contracts
        self.assertEqual((False, True),
                         (contracts["CON-NOPLAN"].past_exit, contracts["CON-EXIT"].past_exit))

    @loader.load_doc(expect_errors=True)
    def test_after_exit_under_ppn_0220(self, entries, errors, options_map):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:HomeToSchool
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          title: "Home to school transport"
          value: 480000.00 GBP
          start: 2019-04-01
          transition-plan: TRUE
          exit-date: 2020-05-31

        2020-05-20 * "Vale Coaches Ltd" "interim May, before the exit" ^contract-CON-0003
          contract: "CON-0003"
          relief-type: "interim"
          Expenses:Contracts:HomeToSchool   40000.00 GBP
          Assets:Bank:Current

        2020-06-20 * "Vale Coaches Ltd" "interim June, after the exit" ^contract-CON-0003
          contract: "CON-0003"
          relief-type: "interim"
          Expenses:Contracts:HomeToSchool   40000.00 GBP
          Assets:Bank:Current
        """
        # 20 June is inside PPN 02/20 but after the exit agreed for 31 May.
        self.assertEqual(["relief.after-exit"], codes(errors))
        self.assertEqual(line_of(entries, "interim June, after the exit"),
                         errors[0].source["lineno"])
        self.assertIn("2020-05-31", errors[0].message)
        relief = analyse(supplier_relief, entries, options_map)
        self.assertTrue(relief.contracts["CON-0003"].past_exit)

    @loader.load_doc(expect_errors=True)
    def test_exit_date_after_ppn_0420(self, entries, errors, options_map):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Leisure
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0004"
          supplier: "GB-COH-04567890"
          title: "Leisure operator"
          value: 480000.00 GBP
          start: 2019-04-01
          transition-plan: TRUE
          exit-date: 2021-03-31

        2019-04-01 custom "cwl-contract" "CON-0005"
          supplier: "GB-COH-04567891"
          title: "Swimming lessons"
          value: 80000.00 GBP
          start: 2019-04-01
          transition-plan: TRUE
          exit-date: 2020-10-31

        2020-09-20 * "Leisure Trust" "interim September" ^contract-CON-0004
          contract: "CON-0004"
          relief-type: "interim"
          Expenses:Contracts:Leisure        40000.00 GBP
          Assets:Bank:Current
        """
        # The exit date is wrong, not the payment: one error, at the contract.
        self.assertEqual(["relief.exit-date"], codes(errors))
        self.assertEqual(declared_at(entries, "cwl-contract", "CON-0004"),
                         [errors[0].source["lineno"]])
        self.assertIn("2021-03-31", errors[0].message)
        self.assertIn("2020-10-31", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_advance_cap(self, entries, errors, options_map):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Culture
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0009"
          supplier: "GB-COH-00000090"
          value: 100000.00 GBP
          start: 2019-04-01

        2020-04-01 * "Theatre Co" "first advance" ^contract-CON-0009
          contract: "CON-0009"
          relief-type: "advance"
          Expenses:Contracts:Culture        15000.00 GBP
          Assets:Bank:Current

        2020-04-15 * "Theatre Co" "interim, not an advance" ^contract-CON-0009
          contract: "CON-0009"
          relief-type: "interim"
          Expenses:Contracts:Culture        20000.00 GBP
          Assets:Bank:Current

        2020-05-01 * "Theatre Co" "second advance, up to the cap" ^contract-CON-0009
          contract: "CON-0009"
          relief-type: "advance"
          Expenses:Contracts:Culture        10000.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Theatre Co" "third advance, over the cap" ^contract-CON-0009
          contract: "CON-0009"
          relief-type: "advance"
          Expenses:Contracts:Culture        1000.00 GBP
          Assets:Bank:Current

        2020-06-15 * "Theatre Co" "fourth advance" ^contract-CON-0009
          contract: "CON-0009"
          relief-type: "advance"
          Expenses:Contracts:Culture        1000.00 GBP
          Assets:Bank:Current
        """
        # Cap 25% x 100,000 = 25,000: 15,000 + 10,000 = 25,000 is allowed,
        # + 1,000 = 26,000 is over, reported once.
        self.assertEqual(["relief.advance-cap"], codes(errors))
        self.assertEqual(line_of(entries, "third advance, over the cap"),
                         errors[0].source["lineno"])
        self.assertIn("£26,000.00", errors[0].message)
        relief = analyse(supplier_relief, entries, options_map).contracts["CON-0009"]
        self.assertEqual({"advance": Decimal("27000.00"), "interim": Decimal("20000.00")},
                         dict(relief.paid_by_type))
        self.assertIsNone(relief.outstanding)

    @loader.load_doc(expect_errors=True)
    def test_double_recovery(self, entries, errors, _):
        """
        plugin "rules.supplier_relief"

        2019-04-01 open Expenses:Contracts:Leisure
        2019-04-01 open Assets:Bank:Current

        2019-04-01 custom "cwl-contract" "CON-0005"
          supplier: "GB-COH-00000095"
          value: 400000.00 GBP
          start: 2019-04-01
          furlough-from: 2020-04-01
          furlough-to: 2020-05-31

        2020-05-15 * "Leisure Trust" "relief while staff furloughed" ^contract-CON-0005
          contract: "CON-0005"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        20000.00 GBP
          Assets:Bank:Current

        2020-06-15 * "Leisure Trust" "relief after furlough ended" ^contract-CON-0005
          contract: "CON-0005"
          relief-type: "on-account"
          Expenses:Contracts:Leisure        20000.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(["relief.double-recovery"], codes(errors))
        self.assertEqual(line_of(entries, "relief while staff furloughed"),
                         errors[0].source["lineno"])


class TestSilence(unittest.TestCase):
    @loader.load_doc()
    def test_books_without_relief_vocabulary(self, entries, errors, _):
        """
        plugin "rules.supplier_relief"

        2020-01-01 open Expenses:Contracts:Cleaning
        2020-01-01 open Assets:Bank:Current

        2020-04-10 * "Cleaners" "monthly invoice"
          Expenses:Contracts:Cleaning       900.00 GBP
          Assets:Bank:Current

        2020-05-10 * "Cleaners" "credit note"
          Assets:Bank:Current               100.00 GBP
          Expenses:Contracts:Cleaning
        """
        self.assertEqual([], errors)


if __name__ == "__main__":
    unittest.main()
