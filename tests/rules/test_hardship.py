"""Tests for rules.hardship: payments to people are made once across the
declared funds, by salted reference; vouchers are reconciled; no raw
identifier is written into the books."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, codes, lineno

from ledger.metadata import person_ref
from rules import grants, hardship


class TestPersonRef(unittest.TestCase):

    def test_a_reference_ignores_case_and_spacing_but_not_the_salt(self):
        self.assertEqual(person_ref("ab 12 34 56 c", "s"), person_ref("AB123456C", "s"))
        self.assertNotEqual(person_ref("AB123456C", "s"), person_ref("AB123456C", "t"))
        self.assertNotEqual(person_ref("1 High St", "s"),
                            person_ref("1 High St", "s", kind="household"))
        self.assertNotIn("123456", person_ref("AB123456C", "s"))


class TestHardship(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_paid_twice_across_funds_within_the_window(self, entries, errors, options_map):
        """
        plugin "rules.hardship"

        2020-04-01 custom "cwl-scheme" "HSF"
          title: "Hardship Support Fund"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "max 500"
          recipients: "individuals"
          one-per-property: FALSE
          once-across: "HSF ISOL"
          once-window: 90

        2020-04-01 custom "cwl-scheme" "ISOL"
          title: "Isolation micro grants"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "max 500"
          recipients: "individuals"
          one-per-property: FALSE

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:HSF GBP
        2020-01-01 open Expenses:Grants:ISOL GBP

        2020-05-01 * "Hardship payment" ^award-HSF-0001
          scheme: "HSF"
          person-ref: "aaaa000000000001"
          household-ref: "hhhh000000000001"
          method: "bank"
          Expenses:Grants:HSF   150.00 GBP
          Assets:Bank:Current

        2020-05-20 * "Isolation grant, same person" ^award-ISOL-0001
          scheme: "ISOL"
          person-ref: "aaaa000000000001"
          Expenses:Grants:ISOL  100.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Hardship payment, same household" ^award-HSF-0002
          scheme: "HSF"
          person-ref: "aaaa000000000002"
          household-ref: "hhhh000000000001"
          Expenses:Grants:HSF   150.00 GBP
          Assets:Bank:Current

        2020-12-01 * "Hardship payment, outside the window" ^award-HSF-0003
          scheme: "HSF"
          person-ref: "aaaa000000000001"
          Expenses:Grants:HSF   150.00 GBP
          Assets:Bank:Current

        2020-12-02 * "Isolation again: ISOL alone pays more than once" ^award-ISOL-0002
          scheme: "ISOL"
          person-ref: "aaaa000000000009"
          Expenses:Grants:ISOL  100.00 GBP
          Assets:Bank:Current

        2020-12-03 * "Isolation" ^award-ISOL-0003
          scheme: "ISOL"
          person-ref: "aaaa000000000009"
          Expenses:Grants:ISOL  100.00 GBP
          Assets:Bank:Current
        """
        test = self.test_paid_twice_across_funds_within_the_window
        self.assertEqual(code_lines(errors), [
            ("hardship.paid-twice", lineno(test, "same person")),
            ("hardship.paid-twice", lineno(test, "same household"))])
        self.assertIn("same household as Payment HSF-0001", errors[1].message)
        analysis = analyse(hardship, entries, options_map)
        self.assertEqual(analysis.schemes["HSF"].paid, Decimal("450.00"))
        self.assertEqual([p.award_id for p in analysis.paid_twice], ["ISOL-0001", "HSF-0002"])

    @loader.load_doc(expect_errors=True)
    def test_vouchers_are_redeemed_or_written_back(self, entries, errors, options_map):
        """
        plugin "rules.hardship"

        2020-04-01 custom "cwl-scheme" "HSF"
          title: "Hardship Support Fund"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "max 500"
          recipients: "individuals"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:HSF GBP
        2020-01-01 open Liabilities:Vouchers:HSF GBP

        2020-05-01 * "Food voucher redeemed" ^award-HSF-0001
          scheme: "HSF"
          person-ref: "aaaa000000000001"
          method: "voucher"
          expires: 2020-07-31
          Expenses:Grants:HSF        30.00 GBP
          Liabilities:Vouchers:HSF

        2020-05-02 * "Food voucher written back" ^award-HSF-0002
          scheme: "HSF"
          person-ref: "aaaa000000000002"
          method: "voucher"
          expires: 2020-07-31
          Expenses:Grants:HSF        30.00 GBP
          Liabilities:Vouchers:HSF

        2020-05-03 * "Food voucher never reconciled" ^award-HSF-0003
          scheme: "HSF"
          person-ref: "aaaa000000000003"
          method: "voucher"
          expires: 2020-07-31
          Expenses:Grants:HSF        30.00 GBP
          Liabilities:Vouchers:HSF

        2020-05-04 * "Says voucher, paid from the bank" ^award-HSF-0004
          scheme: "HSF"
          person-ref: "aaaa000000000004"
          method: "voucher"
          Expenses:Grants:HSF        30.00 GBP
          Assets:Bank:Current

        2020-05-05 * "Paid by cheque" ^award-HSF-0005
          scheme: "HSF"
          person-ref: "aaaa000000000005"
          method: "cheque"
          Expenses:Grants:HSF        30.00 GBP
          Assets:Bank:Current

        2020-05-06 * "No reference" ^award-HSF-0006
          scheme: "HSF"
          Expenses:Grants:HSF        30.00 GBP
          Assets:Bank:Current

        2020-06-01 * "Lunesdale Foodstore Ltd" "Voucher redeemed" ^award-HSF-0001
          Liabilities:Vouchers:HSF   30.00 GBP
          Assets:Bank:Current

        2020-06-02 * "Lunesdale Foodstore Ltd" "Voucher redeemed twice" ^award-HSF-0001
          Liabilities:Vouchers:HSF   30.00 GBP
          Assets:Bank:Current

        2020-06-03 * "Lunesdale Foodstore Ltd" "Voucher of nobody" ^award-HSF-0099
          Liabilities:Vouchers:HSF   30.00 GBP
          Assets:Bank:Current

        2020-08-01 * "Lapsed voucher written back" ^award-HSF-0002
          recovery: TRUE
          Liabilities:Vouchers:HSF   30.00 GBP
          Expenses:Grants:HSF
        """
        test = self.test_vouchers_are_redeemed_or_written_back
        self.assertEqual(sorted(code_lines(errors), key=lambda c: c[1]), [
            ("hardship.voucher-unreconciled", lineno(test, "never reconciled")),
            ("hardship.method", lineno(test, "Says voucher")),
            ("hardship.method", lineno(test, "Paid by cheque")),
            ("hardship.no-person-ref", lineno(test, "No reference")),
            ("hardship.voucher-unreconciled", lineno(test, "redeemed twice")),
            ("hardship.voucher-unreconciled", lineno(test, "Voucher of nobody"))])
        vouchers = analyse(hardship, entries, options_map).schemes["HSF"].vouchers
        self.assertEqual([v.outstanding for v in vouchers],
                         [Decimal("-30.00"), Decimal(0), Decimal("30.00")])
        # The grants rule counts a payment to a person as paid at once, and a
        # lapsed voucher written back as recovered.
        awards = {a.award_id: a for a in analyse(grants, entries, options_map).awards}
        self.assertEqual([awards[f"HSF-000{n}"].paid for n in range(1, 7)],
                         [Decimal("30.00")] * 6)
        self.assertTrue(awards["HSF-0002"].void)
        self.assertFalse(awards["HSF-0003"].void)

    @loader.load_doc(expect_errors=True)
    def test_raw_identifiers_are_found_and_never_echoed(self, entries, errors, options_map):
        """
        plugin "rules.hardship"

        2020-04-01 custom "cwl-scheme" "HSF"
          title: "Hardship Support Fund"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "max 500"
          recipients: "individuals"

        2020-01-01 custom "cwl-organisation" "GB-COH-01234567"
          name: "Company Ltd"
          company-number: "01234567"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:HSF GBP
        2020-01-01 open Expenses:Services:ICT GBP

        2020-05-01 * "Hardship payment" ^award-HSF-0001
          scheme: "HSF"
          person-ref: "aaaa000000000001"
          note: "checked NI QQ 12 34 56 C"
          Expenses:Grants:HSF   150.00 GBP
          Assets:Bank:Current

        2020-05-02 * "Hardship payment to 20-00-00 41234567" ^award-HSF-0002
          scheme: "HSF"
          person-ref: "aaaa000000000002"
          Expenses:Grants:HSF   150.00 GBP
          Assets:Bank:Current

        2020-05-03 * "Hardship payment" ^award-HSF-0003
          scheme: "HSF"
          person-ref: "aaaa000000000003"
          Expenses:Grants:HSF   150.00 GBP
            reference: "41234567"
          Assets:Bank:Current

        2020-05-04 * "Company Ltd" "Invoice 12345678 dated 2020-05-04, no sort code"
          org-id: "GB-COH-01234567"
          Expenses:Services:ICT   150.00 GBP
          Assets:Bank:Current
        """
        test = self.test_raw_identifiers_are_found_and_never_echoed
        self.assertEqual(code_lines(errors), [
            ("hardship.raw-identifier", lineno(test, "checked NI") - 3),
            ("hardship.raw-identifier", lineno(test, "20-00-00")),
            ("hardship.raw-identifier", lineno(test, "reference:") - 4)])
        self.assertIn("note: a National Insurance number", errors[0].message)
        self.assertIn("narration: a sort code; narration: a bank account number",
                      errors[1].message)
        for error in errors:
            for raw in ("12 34 56", "20-00-00", "41234567"):
                self.assertNotIn(raw, error.message)

    @loader.load_doc(expect_errors=True)
    def test_scheme_fields_are_checked_at_their_line(self, entries, errors, options_map):
        """
        plugin "rules.hardship"

        2020-04-01 custom "cwl-scheme" "HSF"
          title: "Hardship Support Fund"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "max 500"
          recipients: "people"
          once-window: -3
        """
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0].source["lineno"], lineno(
            self.test_scheme_fields_are_checked_at_their_line, '"cwl-scheme" "HSF"'))
        self.assertIn("'recipients'", errors[0].message)
        self.assertIn("'once-window'", errors[0].message)

    @loader.load_doc()
    def test_books_paying_no_one_are_left_alone(self, entries, errors, options_map):
        """
        plugin "rules.hardship"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Services:ICT GBP

        2020-05-04 * "Supplier" "Order 2020-05-04"
          Expenses:Services:ICT   150.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(codes(errors), [])
        self.assertEqual(analyse(hardship, entries, options_map).payments, [])
