"""Emergency accommodation: each site's cost per occupied unit-night by
month, costs paid long after a site closed, and names of no declared site."""

from __future__ import annotations

import datetime
import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, lineno

from rules import accommodation


class AccommodationTest(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_cost_per_night_and_payments_after_close(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.accommodation"
        2020-04-01 custom "cwl-site" "HOTEL"
          units: 10
          from: 2020-04-01
          to: 2020-05-31
          contract: "CON-1"
        2020-04-30 custom "cwl-occupancy" "HOTEL"
          unit-nights: 250
        2020-05-31 custom "cwl-occupancy" "HOTEL"
          unit-nights: 200
        2020-05-31 custom "cwl-occupancy" "HOTL"
          unit-nights: 10
        2020-04-03 * "Hotel Ltd" "April rooms"
          site: "HOTEL"
          Expenses:Covid:Homelessness   5000.00 GBP
          Assets:Bank:Current
        2020-05-03 * "Hotel Ltd" "May rooms"
          site: "HOTEL"
          Expenses:Covid:Homelessness   4000.00 GBP
          Assets:Bank:Current
        2020-06-30 * "Hotel Ltd" "Final cleaning bill, within 30 days"
          site: "HOTEL"
          Expenses:Covid:Homelessness    300.00 GBP
          Assets:Bank:Current
        2020-07-01 * "Hotel Ltd" "June rooms, after close"
          site: "HOTEL"
          Expenses:Covid:Homelessness   1000.00 GBP
          Assets:Bank:Current
        2020-07-02 * "Hotel Ltd" "Rooms elsewhere"
          site: "MOTEL"
          Expenses:Covid:Homelessness    100.00 GBP
          Assets:Bank:Current
        """
        test = self.test_cost_per_night_and_payments_after_close
        self.assertEqual(code_lines(errors), [
            ("accommodation.paid-after-close", lineno(test, "June rooms, after close")),
            ("accommodation.unknown-site", lineno(test, "Rooms elsewhere")),
            ("accommodation.unknown-site", lineno(test, '"HOTL"'))])
        self.assertIn("31 days after it closed on 2020-05-31", errors[0].message)
        record = analyse(accommodation, entries, options).sites["HOTEL"]
        april, may = (record.months[datetime.date(2020, m, 1)] for m in (4, 5))
        self.assertEqual(april.cost_per_night, Decimal(20))
        self.assertEqual(may.cost_per_night, Decimal(20))
        self.assertIsNone(record.months[datetime.date(2020, 6, 1)].cost_per_night)
        self.assertEqual((record.cost, record.unit_nights), (Decimal(10300), 450))

    def test_a_site_closing_before_it_opens_is_an_error_at_its_line(self):
        _, errors, _ = loader.load_string(
            'plugin "rules.accommodation"\n'
            '2020-04-01 custom "cwl-site" "HOTEL"\n  units: 10\n  from: 2020-04-01\n'
            '  to: 2020-03-31\n')
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0].source["lineno"], 2)
        self.assertIn("before 'from'", errors[0].message)
