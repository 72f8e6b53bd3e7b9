"""Tests for rules.pots: funding pots' reports, deadlines and match funding,
and the cwl-pot, cwl-pot-report and cwl-collection-fund declarations."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, codes, lineno

from ledger.config import parse_config
from rules import pots


class TestPots(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_worked_example(self, entries, errors, options_map):
        """
        plugin "rules.pots"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Income:Pots GBP
        2020-01-01 open Expenses:Pots GBP

        2020-01-01 custom "cwl-organisation" "360G-demo-tc"
          name: "Carnforth Town Council"

        2020-04-01 custom "cwl-pot" "CHAMPIONS"
          funder: "DHSC"
          kind: "bid"
          allocation: 1000.00 GBP
          bid-hours: 20
          spend-by: 2021-03-31
          reports-due: "2021-01-15 2021-04-30"
          passed-on-to: "360G-demo-tc"

        2020-04-01 custom "cwl-pot" "CULTURE"
          funder: "Arts Council England"
          kind: "bid"
          allocation: 500.00 GBP
          match-required: 200.00 GBP
          spend-by: 2021-03-31

        2020-05-01 * "DHSC" "Champions funding" ^pot-CHAMPIONS
          Assets:Bank:Current  1000.00 GBP
          Income:Pots

        2020-06-01 * "Carnforth Town Council" "Champions passed on" ^pot-CHAMPIONS
          org-id: "360G-demo-tc"
          Expenses:Pots  600.00 GBP
          Assets:Bank:Current

        2021-04-02 * "Printer" "Champions leaflets, too late" ^pot-CHAMPIONS
          Expenses:Pots  400.00 GBP
          Assets:Bank:Current

        2020-07-01 * "Museum works" "Cultural recovery" ^pot-CULTURE
          Expenses:Pots  500.00 GBP
          Assets:Bank:Current

        2020-07-01 * "Museum works" "Council's match" ^pot-CULTURE
          match: TRUE
          Expenses:Pots  150.00 GBP
          Assets:Bank:Current

        2020-08-01 * "Printer" "Leaflets" ^pot-CHAMPION
          Expenses:Pots  10.00 GBP
          Assets:Bank:Current

        2021-01-14 custom "cwl-pot-report" "CHAMPIONS"
          hours: 6.5

        2021-01-20 custom "cwl-pot-report" "CULTRE"
          hours: 2

        2021-06-15 * "DHSC" "Last entry of the books" ^pot-CHAMPIONS
          Assets:Bank:Current  0.00 GBP
          Income:Pots
        """
        by_line = sorted(code_lines(errors))
        champions = lineno(self.test_worked_example, '"cwl-pot" "CHAMPIONS"')
        culture = lineno(self.test_worked_example, '"cwl-pot" "CULTURE"')
        self.assertEqual(by_line, sorted([
            ("pots.report-overdue", champions),
            ("pots.unspent-by-deadline", champions),
            ("pots.match-short", culture),
            ("pots.unknown-pot", lineno(self.test_worked_example, '"Leaflets" ^pot-CHAMPION')),
            ("pots.unknown-pot", lineno(self.test_worked_example, '"CULTRE"')),
        ]))
        analysis = analyse(pots, entries, options_map)
        position = {p.pot.id: p for p in analysis.pots}
        champ = position["CHAMPIONS"]
        self.assertEqual(champ.received, Decimal("1000.00"))
        self.assertEqual(champ.spent, Decimal("1000.00"))
        self.assertEqual(champ.spent_by_deadline, Decimal("600.00"))
        self.assertEqual(champ.passed_on, Decimal("600.00"))
        self.assertEqual(champ.unspent, Decimal(0))
        self.assertEqual(champ.hours, Decimal("26.5"))
        self.assertEqual([str(d) for d in champ.overdue], ["2021-04-30"])
        self.assertEqual(position["CULTURE"].match_spent, Decimal("150.00"))
        self.assertEqual(str(analysis.as_of), "2021-06-15")

    @loader.load_doc()
    def test_nothing_due_yet_is_quiet(self, entries, errors, options_map):
        """
        plugin "rules.pots"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Pots GBP

        2020-04-01 custom "cwl-pot" "CULTURE"
          funder: "Arts Council England"
          kind: "bid"
          allocation: 500.00 GBP
          match-required: 200.00 GBP
          spend-by: 2021-03-31
          reports-due: "2021-02-26"

        2020-07-01 * "Museum works" "Cultural recovery" ^pot-CULTURE
          Expenses:Pots  100.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(errors, [])

    @loader.load_doc(expect_errors=True)
    def test_bad_declarations_are_errors_at_their_line(self, entries, errors, options_map):
        """
        plugin "rules.pots"

        2020-04-01 custom "cwl-pot" "CULTURE"
          funder: "Arts Council England"
          kind: "lottery"
          allocation: 500.00 GBP
          reports-due: "2021-02-30"

        2021-03-31 custom "cwl-collection-fund" "CT-2020"
          tax: "council-tax"
          budgeted: 100.00 GBP
          collected: 90.00 GBP
          share: 12

        2021-03-31 custom "cwl-pot-reprot" "CULTURE"
          hours: 2
        """
        self.assertEqual(codes(errors), [])
        by_line = {e.source["lineno"]: e.message for e in errors}
        pot = by_line[lineno(self.test_bad_declarations_are_errors_at_their_line, '"CULTURE"')]
        self.assertIn("'kind'", pot)
        self.assertIn("'2021-02-30' is not a date", pot)
        fund = by_line[lineno(self.test_bad_declarations_are_errors_at_their_line, "CT-2020")]
        self.assertIn("'share' is a share of the whole", fund)
        typo = by_line[lineno(self.test_bad_declarations_are_errors_at_their_line, "reprot")]
        self.assertIn('did you mean "cwl-pot-report"', typo)


def test_collection_fund_loss_is_the_councils_share():
    entries, errors, _ = loader.load_string(
        '2021-03-31 custom "cwl-collection-fund" "NNDR-2020"\n'
        '  tax: "business-rates"\n  budgeted: 1000.00 GBP\n  collected: 850.00 GBP\n'
        "  share: 0.40\n")
    config, config_errors = parse_config(entries)
    assert errors == [] and config_errors == []
    assert config.collection_funds["NNDR-2020"].council_loss == Decimal("60.00")
