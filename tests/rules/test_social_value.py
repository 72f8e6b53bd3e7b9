"""Tests for rules.social_value: commitments and deliveries, measured and valued."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, lineno

from rules import social_value


class TestSocialValue(unittest.TestCase):

    @loader.load_doc()
    def test_worked_example(self, entries, errors, options_map):
        """
        plugin "rules.social_value"

        2019-04-01 custom "cwl-organisation" "GB-COH-04567890"
          name: "Vale Coaches Ltd"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          title: "Home to school transport"
          value: 480000.00 GBP
          start: 2019-04-01

        2020-01-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed on the contract"
          unit: "FTE"
          proxy: 28000.00 GBP
          theme: "Tackling economic inequality"
          source: "Council proxy table 2020"

        2020-01-01 custom "cwl-measure" "VOL-HRS"
          title: "Volunteering hours donated to VCSEs"
          unit: "hours"
          proxy: 16.50 GBP
          theme: "Wellbeing"

        2019-04-01 custom "cwl-commitment" "CON-0003"
          measure: "LOC-EMP"
          quantity: 4

        2019-04-01 custom "cwl-commitment" "CON-0003"
          measure: "VOL-HRS"
          quantity: 200
          unit: "hours"

        2020-09-30 custom "cwl-delivery" "CON-0003"
          measure: "VOL-HRS"
          quantity: 90

        2021-03-31 custom "cwl-delivery" "CON-0003"
          measure: "VOL-HRS"
          quantity: 45.5

        2021-03-31 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 3
          unit: "FTE"
        """
        result = analyse(social_value, entries, options_map)
        jobs, hours = result.rows
        # 4 FTE × £28,000 committed; 3 FTE × £28,000 delivered.
        self.assertEqual(
            social_value.ContractMeasure(
                contract="CON-0003", supplier="GB-COH-04567890",
                supplier_name="Vale Coaches Ltd", measure="LOC-EMP",
                title="Local people employed on the contract", unit="FTE",
                proxy=Decimal("28000.00"), theme="Tackling economic inequality",
                committed=Decimal(4), committed_value=Decimal("112000.00"),
                delivered=Decimal(3), delivered_value=Decimal("84000.00")),
            jobs)
        # 200 h × £16.50 = £3,300 committed; (90 + 45.5) h = 135.5 h × £16.50
        # = £2,235.75 delivered.
        self.assertEqual(
            (Decimal(200), Decimal("3300.00"), Decimal("135.5"), Decimal("2235.75")),
            (hours.committed, hours.committed_value, hours.delivered,
             hours.delivered_value))
        self.assertEqual(
            [social_value.ThemeTotal("Tackling economic inequality",
                                     Decimal("112000.00"), Decimal("84000.00")),
             social_value.ThemeTotal("Wellbeing", Decimal("3300.00"),
                                     Decimal("2235.75"))],
            result.themes)

    @loader.load_doc(expect_errors=True)
    def test_unknown_measure(self, entries, errors, options_map):
        """
        plugin "rules.social_value"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          value: 480000.00 GBP
          start: 2019-04-01

        2019-04-01 custom "cwl-commitment" "CON-0003"
          measure: "LOC-APP"
          quantity: 2
        """
        self.assertEqual([("sv.unknown-measure",
                           lineno(self.test_unknown_measure, "cwl-commitment"))],
                         code_lines(errors))
        self.assertIn('"LOC-APP"', errors[0].message)
        self.assertEqual([], analyse(social_value, entries, options_map).rows)

    @loader.load_doc(expect_errors=True)
    def test_unit(self, entries, errors, _):
        """
        plugin "rules.social_value"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          value: 480000.00 GBP
          start: 2019-04-01

        2020-01-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed on the contract"
          unit: "FTE"
          proxy: 28000.00 GBP

        2021-03-31 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 5200
          unit: "hours"
        """
        self.assertEqual([("sv.unit", lineno(self.test_unit, "cwl-delivery"))],
                         code_lines(errors))
        self.assertIn('"hours"', errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_unknown_contract(self, entries, errors, _):
        """
        plugin "rules.social_value"

        2020-01-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed on the contract"
          unit: "FTE"
          proxy: 28000.00 GBP

        2021-03-31 custom "cwl-delivery" "CON-0099"
          measure: "LOC-EMP"
          quantity: 1
        """
        self.assertEqual([("sv.unknown-contract",
                           lineno(self.test_unknown_contract, "cwl-delivery"))],
                         code_lines(errors))
        self.assertIn('"CON-0099"', errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_not_valid_yet(self, entries, errors, _):
        """
        plugin "rules.social_value"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          value: 480000.00 GBP
          start: 2019-04-01

        2020-01-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed on the contract"
          unit: "FTE"
          proxy: 28000.00 GBP

        2019-04-01 custom "cwl-commitment" "CON-0003"
          measure: "LOC-EMP"
          quantity: 4

        2019-12-31 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 1
        """
        # The commitment may predate the measure; the delivery may not.
        self.assertEqual([("sv.not-valid-yet",
                           lineno(self.test_not_valid_yet, "cwl-delivery"))],
                         code_lines(errors))
        self.assertIn("2020-01-01", errors[0].message)

    @loader.load_doc()
    def test_proxy_changes_by_year(self, entries, errors, options_map):
        """
        plugin "rules.social_value"

        2019-04-01 custom "cwl-organisation" "GB-COH-04567890"
          name: "Vale Coaches Ltd"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          value: 480000.00 GBP
          start: 2019-04-01

        2021-04-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed"
          unit: "FTE"
          proxy: 29500.00 GBP
          theme: "Tackling economic inequality"
          source: "Council proxy table 2021"

        2020-04-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed"
          unit: "FTE"
          proxy: 28000.00 GBP
          theme: "Tackling economic inequality"
          source: "Council proxy table 2020"

        2019-04-01 custom "cwl-commitment" "CON-0003"
          measure: "LOC-EMP"
          quantity: 4

        2021-03-31 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 3

        2021-04-01 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 1

        2021-06-30 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 2
        """
        # Committed before the first version: 4 × £28,000 = £112,000.
        # Delivered 3 × £28,000 (2020 table) + (1 + 2) × £29,500 (2021 table,
        # in force from 1 April 2021) = £84,000 + £88,500 = £172,500.
        result = analyse(social_value, entries, options_map)
        self.assertEqual([], result.findings)
        (row,) = result.rows
        self.assertEqual(
            (Decimal(4), Decimal("112000.00"), Decimal(6), Decimal("172500.00"),
             Decimal("29500.00")),
            (row.committed, row.committed_value, row.delivered, row.delivered_value,
             row.proxy))
        self.assertEqual(
            [social_value.ThemeTotal("Tackling economic inequality",
                                     Decimal("112000.00"), Decimal("172500.00"))],
            result.themes)

    @loader.load_doc(expect_errors=True)
    def test_not_valid_yet_with_versions(self, entries, errors, options_map):
        """
        plugin "rules.social_value"

        2019-04-01 custom "cwl-contract" "CON-0003"
          supplier: "GB-COH-04567890"
          value: 480000.00 GBP
          start: 2019-04-01

        2020-04-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed"
          unit: "FTE"
          proxy: 28000.00 GBP

        2021-04-01 custom "cwl-measure" "LOC-EMP"
          title: "Local people employed"
          unit: "FTE"
          proxy: 29500.00 GBP

        2020-03-31 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 1

        2020-04-01 custom "cwl-delivery" "CON-0003"
          measure: "LOC-EMP"
          quantity: 2
        """
        # The delivery before the first version is left out; the other is
        # valued at the 2020 proxy: 2 × £28,000.
        self.assertEqual([("sv.not-valid-yet",
                           lineno(self.test_not_valid_yet_with_versions, "2020-03-31"))],
                         code_lines(errors))
        self.assertIn("valid from 2020-04-01", errors[0].message)
        (row,) = analyse(social_value, entries, options_map).rows
        self.assertEqual((Decimal(2), Decimal("56000.00")),
                         (row.delivered, row.delivered_value))

    @loader.load_doc()
    def test_silent_without_declarations(self, entries, errors, options_map):
        """
        plugin "rules.social_value"

        2020-01-01 open Assets:Bank:Current
        2020-01-01 open Expenses:Services:Property

        2020-06-01 * "Riverside Joinery Ltd" "Repair"
          Expenses:Services:Property  10.00 GBP
          Assets:Bank:Current
        """
        result = analyse(social_value, entries, options_map)
        self.assertEqual(([], []), (result.rows, result.themes))
