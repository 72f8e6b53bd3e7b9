"""Tests for rules.pledges: community wealth pledges against the straight
line from baseline to target, and the declarations they rest on."""

from __future__ import annotations

import datetime
import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, codes, lineno

from rules import pledges

BOOKS = """
plugin "rules.pledges"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Services:Parks GBP

2020-01-01 custom "cwl-area" "Demo"
  own: "DM1 DM2"

2020-01-01 custom "cwl-organisation" "GB-COH-IP000001"
  name: "Parks Co-operative"
  postcode: "DM1 1AA"
  ownership: "co-operative"
  living-wage: TRUE

2020-01-01 custom "cwl-organisation" "GB-COH-00000002"
  name: "Faraway Ltd"
  postcode: "ZZ9 9ZZ"
  ownership: "private"

2020-04-01 custom "cwl-pledge" "SOCIAL"
  pledger: "GB-LAE-DEM"
  charter: "Demo Community Wealth Charter"
  measure: "social-economy-spend"
  baseline: 100000.00 GBP
  target: "+10%"
  by: 2022-03-31

2020-04-01 custom "cwl-pledge" "SHARE"
  pledger: "GB-LAE-DEM"
  measure: "own-area-share"
  baseline: 0.40
  target: 0.60
  by: 2022-03-31

2020-06-01 * "Parks Co-operative" "Grounds maintenance"
  org-id: "GB-COH-IP000001"
  Expenses:Services:Parks  {coop} GBP
  Assets:Bank:Current

2021-03-31 * "Faraway Ltd" "Mowers"
  org-id: "GB-COH-00000002"
  Expenses:Services:Parks  50000.00 GBP
  Assets:Bank:Current
"""
# As of 2021-03-31, 364 of the 729 days to the by date have passed: the
# social line stands at 100,000 + 10,000 × 364/729 = £104,993.14, the
# share line at 0.40 + 0.20 × 364/729 = 49.99%.


def _load(coop: str) -> tuple[list, list, dict]:
    return loader.load_string(BOOKS.format(coop=coop))


class TestPledges(unittest.TestCase):

    def test_on_the_line_is_on_track(self):
        entries, errors, options = _load("104993.15")  # a share of 67.7%
        self.assertEqual(errors, [])
        progress = {p.pledge.id: p for p in analyse(pledges, entries, options).pledges}
        social = progress["SOCIAL"]
        self.assertEqual(social.as_of, datetime.date(2021, 3, 31))
        self.assertEqual(social.actual, Decimal("104993.15"))
        self.assertEqual(social.expected.quantize(Decimal("0.01")), Decimal("104993.14"))
        self.assertTrue(progress["SHARE"].on_track)

    def test_below_the_line_is_off_track_at_the_pledge(self):
        entries, errors, _ = _load("40000.00")  # £40,000 of £90,000: a share of 44.4%
        lines = BOOKS.split("\n")
        social = next(n for n, line in enumerate(lines, 1) if '"cwl-pledge" "SOCIAL"' in line)
        share = next(n for n, line in enumerate(lines, 1) if '"cwl-pledge" "SHARE"' in line)
        self.assertEqual(sorted(code_lines(errors)),
                         [("pledges.off-track", social), ("pledges.off-track", share)])
        message = next(e.message for e in errors if e.source["lineno"] == share)
        self.assertIn("44.4% in the year to 2021-03-31, below the 50.0%", message)

    @loader.load_doc(expect_errors=True)
    def test_bad_declarations_are_errors_at_their_line(self, entries, errors, options_map):
        """
        plugin "rules.pledges"

        2020-04-01 custom "cwl-pledge" "SOCIAL"
          pledger: "GB-LAE-DEM"
          measure: "co-op-spend"
          baseline: 100000.00 GBP
          target: "ten percent"
          by: 2020-01-01

        2020-07-01 custom "cwl-asset" "UPRN-12"
          occupier: "GB-CHC-1"
          tenure: "lease"
          market-rent: 1000.00 GBP
          rent-charged: 10.00 GBP

        2020-01-01 custom "cwl-organisation" "GB-CHC-1"
          name: "A charity"
          ownership: "charitable"
        """
        test = self.test_bad_declarations_are_errors_at_their_line
        self.assertEqual(codes(errors), [])
        by_line = {e.source["lineno"]: e.message for e in errors}
        pledge = by_line[lineno(test, '"SOCIAL"')]
        for part in ("'measure'", "'ten percent' is not '+10%'", "'by' must be after"):
            self.assertIn(part, pledge)
        self.assertIn("'id' must be a UPRN", by_line[lineno(test, "UPRN-12")])
        self.assertIn("'ownership'", by_line[lineno(test, 'custom "cwl-organisation"')])
