"""Tests for rules.local_spend: payments classed by the payee's postcode."""

from __future__ import annotations

import unittest
from decimal import Decimal

import pytest
from beancount import loader
from beancount.core import data
from helpers import analyse, code_lines, lineno

from ledger import postcodes
from rules import local_spend


def classes(entries, narration: str) -> dict[str, str | None]:
    """account -> local-class of the transaction with ``narration``."""
    txn = next(e for e in entries
               if isinstance(e, data.Transaction) and e.narration == narration)
    return {p.account: p.meta.get("local-class") for p in txn.postings}


@pytest.mark.parametrize("text, code", [
    ("PR1 2HE", "PR1 2HE"),
    ("e201jn", "E20 1JN"),
    ("  ec1a   1bb ", "EC1A 1BB"),
    ("W1A 0AX", "W1A 0AX"),
    ("M1 1AE", "M1 1AE"),
    ("gir0aa", "GIR 0AA"),
])
def test_postcode_normalised(text, code):
    assert postcodes.parse(text).code == code


@pytest.mark.parametrize("text", [
    "", "PR1", "PR1 2", "12345", "PR1 2CE",  # C is never an inward letter
    "QR1 1AA",  # Q never starts a postcode
    "PR1 2HEX", "P 1AA",
])
def test_postcode_malformed(text):
    assert postcodes.parse(text) is None


def test_postcode_parts():
    postcode = postcodes.parse("pr10 1aa")
    assert postcode.prefixes() == ("PR10 1AA", "PR10 1", "PR10", "PR")


def test_area_prefixes():
    # Lists are split on spaces: a lone digit makes a sector of the district before.
    assert postcodes.area_prefixes(("pr1", "PR2", "5", "LA")) == {"PR1", "PR2 5", "LA"}


@pytest.mark.parametrize("words, prefixes, bad", [
    # A full postcode is accepted as itself, written with or without its space.
    ("PR1 2HE", {"PR1 2HE"}, ()),
    ("pr12he EC1A 1bb W1A", {"PR1 2HE", "EC1A 1BB", "W1A"}, ()),
    ("PR pr1 PR2 5", {"PR", "PR1", "PR2 5"}, ()),
    # An inward code or digit with no district before it, bad letters, junk.
    ("2HE PR1", {"PR1"}, ("2HE",)),
    ("PR 5", {"PR"}, ("5",)),
    ("PR1 5 6", {"PR1 5"}, ("6",)),
    ("PR1-2 Q1 Preston", set(), ("PR1-2", "Q1", "Preston")),
])
def test_read_area(words, prefixes, bad):
    assert postcodes.read_area(words.split()) == (frozenset(prefixes), bad)


class TestLocalSpend(unittest.TestCase):

    @loader.load_doc()
    def test_worked_example(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-area" "Demoshire District"
          own: "DM1 DM2 DM3 DM4"
          region: "DM5 DM6 DM7 DM8 DM9 PR LA"
          region-name: "Demoshire"

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "DM2 4QT"
          sme: TRUE

        2020-06-03 * "Riverside Joinery Ltd" "Depot repairs"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property        1250.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(
            {"Expenses:Services:Property": "own-area", "Assets:Bank:Current": None},
            classes(entries, "Depot repairs"))

    @loader.load_doc()
    def test_most_specific_prefix(self, entries, errors, options_map):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-area" "Preston"
          own: "PR1 pr2  5"
          region: "PR LA"

        2020-06-01 * "A" "PR1 district"
          postcode: "PR1 2HE"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current

        2020-06-01 * "B" "PR10 is not PR1"
          postcode: "PR10 1AA"
          Expenses:Services:Property  20.00 GBP
          Assets:Bank:Current

        2020-06-01 * "C" "sector PR2 5"
          postcode: "pr25xy"
          Expenses:Services:Property  30.00 GBP
          Assets:Bank:Current

        2020-06-01 * "D" "other PR2 sector"
          postcode: "PR2 6AB"
          Expenses:Services:Property  40.00 GBP
          Assets:Bank:Current

        2020-06-01 * "E" "Lancaster"
          postcode: "LA1 1AA"
          Expenses:Services:Property  50.00 GBP
          Assets:Bank:Current

        2020-06-01 * "F" "London"
          postcode: "e201jn"
          Expenses:Services:Property  60.00 GBP
          Assets:Bank:Current

        2020-06-01 * "G" "no postcode"
          Expenses:Services:Property  70.00 GBP
          Assets:Bank:Current
        """
        expected = {
            "PR1 district": "own-area",
            "PR10 is not PR1": "region",
            "sector PR2 5": "own-area",
            "other PR2 sector": "region",
            "Lancaster": "region",
            "London": "elsewhere",
            "no postcode": "unknown",
        }
        for narration, local_class in expected.items():
            self.assertEqual(local_class, classes(entries, narration)
                             ["Expenses:Services:Property"], narration)
        # Reports see the classes the plugin wrote.
        spend = analyse(local_spend, entries, options_map)
        self.assertEqual(list(expected.values()), [line.local_class for line in spend.lines])
        self.assertEqual(Decimal("110.00"), spend.totals()["region"])  # 20 + 40 + 50


    @loader.load_doc()
    def test_txn_postcode_over_organisation(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Catering
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-area" "Preston"
          own: "PR1"

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "M1 1AE"

        2020-06-01 * "Riverside Joinery Ltd" "Paid at its Preston branch"
          org-id: "GB-COH-01112223"
          postcode: "PR1 1AA"
          Expenses:Services:Property  10.00 GBP
          Expenses:Services:Catering  5.00 GBP
          Assets:Bank:Current

        2020-06-02 * "Riverside Joinery Ltd" "Paid at head office"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(
            {"Expenses:Services:Property": "own-area",
             "Expenses:Services:Catering": "own-area",
             "Assets:Bank:Current": None},
            classes(entries, "Paid at its Preston branch"))
        self.assertEqual("elsewhere", classes(entries, "Paid at head office")
                         ["Expenses:Services:Property"])

    @loader.load_doc()
    def test_only_payments_and_refunds_are_classed(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property
        2020-01-01 open Liabilities:Creditors

        2020-01-01 custom "cwl-area" "Preston"
          own: "PR1"

        2020-06-01 * "A" "Invoice accrued"
          postcode: "PR1 1AA"
          Expenses:Services:Property  10.00 GBP
          Liabilities:Creditors

        2020-06-02 * "A" "Credit note accrued"
          postcode: "PR1 1AA"
          Liabilities:Creditors  4.00 GBP
          Expenses:Services:Property

        2020-06-03 * "A" "Refund"
          postcode: "PR1 1AA"
          Assets:Bank:Current  10.00 GBP
          Expenses:Services:Property
        """
        self.assertEqual({"Expenses:Services:Property": None,
                          "Liabilities:Creditors": None},
                         classes(entries, "Invoice accrued"))
        self.assertEqual({"Expenses:Services:Property": None,
                          "Liabilities:Creditors": None},
                         classes(entries, "Credit note accrued"))
        # Money back into the bank: the refund's expense posting is classed.
        self.assertEqual({"Expenses:Services:Property": "own-area",
                          "Assets:Bank:Current": None},
                         classes(entries, "Refund"))

    @loader.load_doc()
    def test_credit_notes_net(self, entries, errors, options_map):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property
        2020-01-01 open Expenses:Services:Catering
        2020-01-01 open Expenses:Grants:SBGF
        2020-01-01 open Liabilities:GrantsPayable:SBGF

        2020-01-01 custom "cwl-area" "Demoshire District"
          own: "DM1 DM2"
          region: "DM PR"

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "DM2 4QT"

        2020-01-01 custom "cwl-organisation" "GB-COH-09999999"
          name: "Faraway PPE plc"
          postcode: "SW1A 1AA"

        2020-06-03 * "Riverside Joinery Ltd" "Depot repairs"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property        10000.00 GBP
          Assets:Bank:Current

        2020-06-20 * "Riverside Joinery Ltd" "Credit note: repairs overcharged"
          org-id: "GB-COH-01112223"
          credit-note: TRUE
          Assets:Bank:Current               2500.00 GBP
          Expenses:Services:Property

        2020-06-05 * "Faraway PPE plc" "Gloves, less a credit for a short delivery"
          org-id: "GB-COH-09999999"
          Expenses:Services:Property        6000.00 GBP
          Expenses:Services:Catering       -1000.00 GBP
          Assets:Bank:Current

        2020-04-14 * "Riverside Joinery Ltd" "SBGF award" ^award-S1
          Expenses:Grants:SBGF              10000.00 GBP
          Liabilities:GrantsPayable:SBGF

        2020-04-16 * "Riverside Joinery Ltd" "SBGF payment" ^award-S1
          Liabilities:GrantsPayable:SBGF    10000.00 GBP
          Assets:Bank:Current

        2020-08-01 * "Riverside Joinery Ltd" "SBGF recovered" ^award-S1
          org-id: "GB-COH-01112223"
          recovery: TRUE
          Assets:Bank:Current               10000.00 GBP
          Expenses:Grants:SBGF
        """
        self.assertEqual({"Expenses:Services:Property": "own-area",
                          "Assets:Bank:Current": None},
                         classes(entries, "Credit note: repairs overcharged"))
        self.assertEqual("elsewhere", classes(
            entries, "Gloves, less a credit for a short delivery")["Expenses:Services:Catering"])
        # A grant recovery reverses an award paid through GrantsPayable, which
        # is not a payment to a supplier: neither is classed.
        self.assertIsNone(classes(entries, "SBGF recovered")["Expenses:Grants:SBGF"])
        spend = analyse(local_spend, entries, options_map)
        self.assertEqual(
            [("06-03", "Expenses:Services:Property", Decimal("10000.00")),
             ("06-05", "Expenses:Services:Property", Decimal("6000.00")),
             ("06-05", "Expenses:Services:Catering", Decimal("-1000.00")),
             ("06-20", "Expenses:Services:Property", Decimal("-2500.00"))],
            [(f"{line.date:%m-%d}", line.account, line.amount) for line in spend.lines])
        # Own area 10,000 - 2,500 = 7,500; elsewhere 6,000 - 1,000 = 5,000:
        # 60% own area, not 10,000 / 16,000 = 62.5% before netting.
        totals = spend.totals()
        self.assertEqual(
            {"own-area": Decimal("7500.00"), "region": Decimal(0),
             "elsewhere": Decimal("5000.00"), "unknown": Decimal(0)}, totals)
        self.assertEqual(Decimal("0.6"), totals["own-area"] / sum(totals.values()))

    @loader.load_doc()
    def test_payee_from_contract(self, entries, errors, options_map):
        """
        plugin "rules.local_spend"

        2019-04-01 open Assets:Bank:Current
        2019-04-01 open Expenses:Contracts:HomeToSchool

        2019-04-01 custom "cwl-area" "Demoshire District"
          own: "DM1 DM2"

        2019-04-01 custom "cwl-organisation" "GB-COH-04567890"
          name: "Vale Coaches Ltd"
          postcode: "DM1 1AA"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          value: 480000.00 GBP
          start: 2019-04-01

        2020-04-20 * "Vale Coaches Ltd" "Relief: interim payment April" ^contract-CON-0003
          org-id: "GB-COH-04567890"
          contract: "CON-0003"
          relief-type: "interim"
          Expenses:Contracts:HomeToSchool   40000.00 GBP
          Assets:Bank:Current

        2021-01-10 * "Vale Coaches Ltd" "Relief overpayment recovered"
          contract: "CON-0003"
          recovery: TRUE
          Assets:Bank:Current               3500.00 GBP
          Expenses:Contracts:HomeToSchool

        2021-01-11 * "Vale Coaches Ltd" "Second recovery, by link only" ^contract-CON-0003
          recovery: TRUE
          Assets:Bank:Current               500.00 GBP
          Expenses:Contracts:HomeToSchool
        """
        # With no org-id, a recovery's payee is its contract's supplier, so it
        # nets in the supplier's class: 40,000 − 3,500 − 500 = 36,000 own area.
        for narration in ("Relief overpayment recovered", "Second recovery, by link only"):
            self.assertEqual("own-area", classes(entries, narration)
                             ["Expenses:Contracts:HomeToSchool"])
        spend = analyse(local_spend, entries, options_map)
        self.assertEqual({"own-area": Decimal("36000.00"), "region": Decimal(0),
                          "elsewhere": Decimal(0), "unknown": Decimal(0)}, spend.totals())
        self.assertEqual(["GB-COH-04567890"] * 3, [line.org_id for line in spend.lines])

    @loader.load_doc(expect_errors=True)
    def test_area_words(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-area" "Preston"
          own: "PR1 2HE"
          region: "PR LA1 2X lancs"

        2020-06-01 * "A" "At the listed postcode"
          postcode: "PR1 2HE"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current

        2020-06-01 * "B" "Elsewhere in PR1"
          postcode: "PR1 3AA"
          Expenses:Services:Property  20.00 GBP
          Assets:Bank:Current

        2020-06-01 * "C" "Lancaster"
          postcode: "LA1 2AB"
          Expenses:Services:Property  30.00 GBP
          Assets:Bank:Current
        """
        # "PR1 2HE" is one postcode, not the district PR1 and a junk word "2HE".
        self.assertEqual([("local.area", lineno(self.test_area_words, 'custom "cwl-area"'))],
                         code_lines(errors))
        self.assertIn('region lists "2X", "lancs"', errors[0].message)
        self.assertEqual("own-area", classes(entries, "At the listed postcode")
                         ["Expenses:Services:Property"])
        self.assertEqual("region", classes(entries, "Elsewhere in PR1")
                         ["Expenses:Services:Property"])
        # The bad word is left out; the district before it stays listed.
        self.assertEqual("region", classes(entries, "Lancaster")
                         ["Expenses:Services:Property"])

    @loader.load_doc(expect_errors=True)
    def test_malformed_organisation_postcode(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-area" "Preston"
          own: "PR1"

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "PR1 2C"

        2020-06-01 * "Riverside Joinery Ltd" "First repair"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current

        2020-06-02 * "Riverside Joinery Ltd" "Second repair"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current
        """
        test = self.test_malformed_organisation_postcode
        self.assertEqual([("local.postcode",
                           lineno(test, 'custom "cwl-organisation"'))], code_lines(errors))
        self.assertIn('"PR1 2C"', errors[0].message)
        self.assertEqual("unknown", classes(entries, "First repair")
                         ["Expenses:Services:Property"])

    @loader.load_doc(expect_errors=True)
    def test_malformed_txn_postcode(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-area" "Preston"
          own: "PR1"

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "PR1 2HE"

        2020-06-01 * "Riverside Joinery Ltd" "Repair"
          org-id: "GB-COH-01112223"
          postcode: "PR1"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current
        """
        test = self.test_malformed_txn_postcode
        self.assertEqual([("local.postcode", lineno(test, '"Repair"'))], code_lines(errors))
        self.assertEqual("unknown", classes(entries, "Repair")
                         ["Expenses:Services:Property"])

    @loader.load_doc()
    def test_silent_without_area(self, entries, errors, _):
        """
        plugin "rules.local_spend"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "not a postcode"

        2020-06-01 * "Riverside Joinery Ltd" "Repair"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual({"Expenses:Services:Property": None,
                          "Assets:Bank:Current": None}, classes(entries, "Repair"))

    @loader.load_doc()
    def test_analyse(self, entries, errors, options_map):
        """
        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property
        2020-01-01 open Expenses:Services:Catering

        2020-01-01 custom "cwl-area" "Demoshire District"
          own: "DM1 DM2"
          region: "DM5"

        2020-01-01 custom "cwl-organisation" "GB-CHC-1143362"
          name: "Demoshire Community Kitchen"
          postcode: "DM2 4QT"
          vcse: TRUE

        2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
          name: "Riverside Joinery Ltd"
          postcode: "DM5 1AB"
          sme: TRUE

        2020-06-01 * "Demoshire Community Kitchen" "Meals"
          org-id: "GB-CHC-1143362"
          Expenses:Services:Catering  300.00 GBP
          Assets:Bank:Current

        2020-06-02 * "Riverside Joinery Ltd" "Repairs"
          org-id: "GB-COH-01112223"
          Expenses:Services:Property  1250.00 GBP
          Assets:Bank:Current

        2020-06-03 * "Big Supplies plc" "Paper"
          postcode: "M1 1AE"
          Expenses:Services:Property  99.50 GBP
          Assets:Bank:Current

        2020-06-04 * "Someone" "Unknown payee"
          Expenses:Services:Property  0.50 GBP
          Assets:Bank:Current
        """
        spend = analyse(local_spend, entries, options_map)
        self.assertEqual([], spend.findings)
        self.assertEqual("Demoshire District", spend.area.id)
        first = spend.lines[0]
        self.assertEqual(
            ("Demoshire Community Kitchen", "GB-CHC-1143362", "DM2 4QT",
             "Expenses:Services:Catering", Decimal("300.00"), "own-area", False, True),
            (first.payee, first.org_id, first.postcode, first.account, first.amount,
             first.local_class, first.sme, first.vcse))
        self.assertTrue(spend.lines[1].sme)
        self.assertEqual(
            {"own-area": Decimal("300.00"), "region": Decimal("1250.00"),
             "elsewhere": Decimal("99.50"), "unknown": Decimal("0.50")},
            spend.totals())
        # analyse is pure: without the plugin the postings stay unclassed.
        self.assertIsNone(classes(entries, "Meals")["Expenses:Services:Catering"])
