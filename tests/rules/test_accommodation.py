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

    @loader.load_doc(expect_errors=True)
    def test_occupancy_above_what_the_site_can_hold(self, entries, errors, options):
        """
        plugin "rules.accommodation"
        2020-04-10 custom "cwl-site" "HOTEL"
          units: 10
          from: 2020-04-10
          to: 2020-06-15
        2020-04-30 custom "cwl-occupancy" "HOTEL"
          unit-nights: 210
        2020-05-20 custom "cwl-occupancy" "HOTEL"
          unit-nights: 300
        2020-05-31 custom "cwl-occupancy" "HOTEL"
          unit-nights: 11
        2020-05-31 custom "cwl-occupancy" "HOTEL"
          unit-nights: 5
        2020-06-30 custom "cwl-occupancy" "HOTEL"
          unit-nights: 150
        """
        # April: 21 nights open (10th to 30th) x 10 units = 210, full but not
        # over; May: 310, taken over by the second count (reported once);
        # June: 15 nights open = 150.
        test = self.test_occupancy_above_what_the_site_can_hold
        self.assertEqual(code_lines(errors), [
            ("accommodation.over-capacity", lineno(test, "unit-nights: 11") - 1)])
        self.assertIn("311 occupied unit-nights in May 2020 but can hold 310", errors[0].message)
        site = analyse(accommodation, entries, options).sites["HOTEL"].site
        self.assertEqual([accommodation.open_nights(site, datetime.date(2020, m, 1))
                          for m in (3, 4, 5, 6, 7)], [0, 21, 31, 15, 0])

    @loader.load_doc(expect_errors=True)
    def test_redeployed_staff_time_counts_apart_from_the_cash(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.accommodation"
        2020-04-01 custom "cwl-site" "HOTEL"
          units: 10
          from: 2020-04-01
          to: 2020-05-31
        2020-04-30 custom "cwl-occupancy" "HOTEL"
          unit-nights: 250
        2020-04-03 * "Hotel Ltd" "April rooms"
          site: "HOTEL"
          Expenses:Covid:Homelessness   5000.00 GBP
          Assets:Bank:Current
        2020-04-30 custom "cwl-redeployment" "Housing options team"
          hours: 80
          rate: 25.00 GBP
          site: "HOTEL"
        2020-04-30 custom "cwl-redeployment" "Revenues officers"
          hours: 12.5
          rate: 20.00 GBP
          site: "HOTEL"
        2020-04-30 custom "cwl-redeployment" "Libraries team"
          hours: 10
          rate: 20.00 GBP
          site: "MOTEL"
        """
        test = self.test_redeployed_staff_time_counts_apart_from_the_cash
        self.assertEqual(code_lines(errors), [
            ("accommodation.unknown-site", lineno(test, '"Libraries team"'))])
        april = analyse(accommodation, entries, options).sites["HOTEL"].months[
            datetime.date(2020, 4, 1)]
        self.assertEqual((april.cost, april.staff_time), (Decimal(5000), Decimal(2250)))
        self.assertEqual(april.cost_per_night, Decimal(29))  # (5000 + 2250) / 250

    def test_a_redeployment_names_a_hub_or_a_site_at_its_line(self):
        head = 'plugin "rules.accommodation"\n'
        for body, problem in (
                ('  hours: 10\n  rate: 20.00 GBP\n', "one is required"),
                ('  hours: 10\n  rate: 20.00 GBP\n  hub: "H"\n  site: "S"\n', "not both"),
                ('  hours: 0\n  rate: 20.00 GBP\n  hub: "H"\n', "'hours'"),
                ('  hours: 10\n  rate: 20.00 EUR\n  hub: "H"\n', "'rate'"),
                ('  hours: 10\n  rate: 20.00 GBP\n  hub: "H"\n  person: "A"\n',
                 "'person' is not a known field")):
            with self.subTest(problem):
                _, errors, _ = loader.load_string(
                    head + '\n2020-04-30 custom "cwl-redeployment" "Libraries team"\n' + body)
                self.assertEqual([e.source["lineno"] for e in errors], [3])
                self.assertIn(problem, errors[0].message)
