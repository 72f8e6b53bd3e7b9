"""Tests for rules.vcse and the grants rules on how an award came about:
funding agreements paid on schedule and within their term as varied,
relief requests decided, awards paid within the scheme's days of
application, and unincorporated groups paid through a host."""

from __future__ import annotations

import datetime
import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, lineno

from ledger.config import parse_config
from rules import vcse


class TestAgreements(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_instalments_end_dates_and_requests(self, entries, errors, options_map):
        """
        plugin "rules.vcse"

        2020-01-01 custom "cwl-settings" "GB-LAE-TST"
          instalment-grace: 10
          decide-within: 30

        2020-04-01 custom "cwl-agreement" "AGR-PAID"
          recipient: "GB-CHC-1000001"
          value: 20000.00 GBP
          start: 2020-04-01
          end: 2020-12-31
          instalments: "2020-04-15: 10000, 2020-10-01: 10000"

        2020-04-01 custom "cwl-agreement" "AGR-LATE"
          recipient: "GB-CHC-1000002"
          value: 30000.00 GBP
          start: 2020-04-01
          end: 2021-03-31
          grace: 5
          instalments: "2020-04-15: 10000, 2020-08-01: 10000, 2020-12-01: 10000"

        2020-04-01 custom "cwl-agreement" "AGR-VARIED"
          recipient: "GB-CHC-1000003"
          value: 12000.00 GBP
          start: 2020-04-01
          end: 2020-09-30
          instalments: "2020-05-01: 6000, 2020-11-01: 6000"

        2020-07-01 custom "cwl-variation" "AGR-VARIED"
          reason: "Lunch club became a delivery service"
          new-end: 2020-12-31
          delivery-changed: TRUE
          payment-assured: TRUE

        2020-04-01 custom "cwl-agreement" "AGR-PAUSED"
          recipient: "GB-CHC-1000004"
          value: 8000.00 GBP
          start: 2020-04-01
          end: 2021-03-31
          instalments: "2020-05-01: 4000, 2020-11-01: 4000"

        2020-08-01 custom "cwl-variation" "AGR-PAUSED"
          reason: "Venue closed; activity paused"
          delivery-changed: TRUE
          payment-assured: FALSE

        2020-09-01 custom "cwl-variation" "AGR-NONE"
          reason: "Typo in the agreement id"

        2020-06-01 custom "cwl-relief-request" "RR-001"
          org: "GB-CHC-1000001"
          received: 2020-06-01
          decided: 2020-06-20
          outcome: "approved"

        2020-11-01 custom "cwl-relief-request" "RR-002"
          org: "GB-CHC-1000002"
          received: 2020-11-01

        2021-01-10 custom "cwl-relief-request" "RR-003"
          org: "GB-CHC-1000003"
          received: 2021-01-10

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:VCSE GBP

        2020-04-14 * "AGR-PAID first" ^agreement-AGR-PAID
          Expenses:Grants:VCSE     10000.00 GBP
          Assets:Bank:Current
        2020-10-05 * "AGR-PAID second, within the grace" ^agreement-AGR-PAID
          Expenses:Grants:VCSE     10000.00 GBP
          Assets:Bank:Current
        2020-04-15 * "AGR-LATE first" ^agreement-AGR-LATE
          Expenses:Grants:VCSE     10000.00 GBP
          Assets:Bank:Current
        2020-08-20 * "AGR-LATE second, late" ^agreement-AGR-LATE
          Expenses:Grants:VCSE     10000.00 GBP
          Assets:Bank:Current
        2020-05-01 * "AGR-VARIED first" ^agreement-AGR-VARIED
          Expenses:Grants:VCSE      6000.00 GBP
          Assets:Bank:Current
        2020-11-02 * "AGR-VARIED second, within the end as varied" ^agreement-AGR-VARIED
          Expenses:Grants:VCSE      6000.00 GBP
          Assets:Bank:Current
        2021-01-05 * "AGR-VARIED extra, after the end as varied" ^agreement-AGR-VARIED
          Expenses:Grants:VCSE       500.00 GBP
          Assets:Bank:Current
        2020-05-01 * "AGR-PAUSED first" ^agreement-AGR-PAUSED
          Expenses:Grants:VCSE      4000.00 GBP
          Assets:Bank:Current
        2020-06-01 * "Payment on no agreement" ^agreement-AGR-GONE
          Expenses:Grants:VCSE      1000.00 GBP
          Assets:Bank:Current
        2021-01-31 * "Last day of the books"
          Expenses:Grants:VCSE         1.00 GBP
          Assets:Bank:Current
        """
        test = self.test_instalments_end_dates_and_requests
        self.assertEqual(sorted(code_lines(errors), key=lambda c: c[1]), [
            ("vcse.instalment-missed", lineno(test, '"cwl-agreement" "AGR-LATE"')),
            ("vcse.unknown-agreement", lineno(test, '"cwl-variation" "AGR-NONE"')),
            ("vcse.request-undecided", lineno(test, '"RR-002"')),
            ("vcse.paid-after-end", lineno(test, "after the end as varied")),
            ("vcse.unknown-agreement", lineno(test, "Payment on no agreement")),
        ])
        missed = next(e.message for e in errors if "instalment-missed" in e.message)
        # The second paid late; the third, due 2020-12-01, never paid (grace 5 days).
        self.assertIn("2 instalments missed as at 2021-01-31", missed)
        self.assertIn("due 2020-08-01 paid late, on 2020-08-20", missed)
        self.assertIn("due 2020-12-01 unpaid by 2020-12-06", missed)
        undecided = next(e.message for e in errors if "request-undecided" in e.message)
        self.assertIn("after 91 days (decide within 30)", undecided)

        analysis = analyse(vcse, entries, options_map)
        self.assertEqual(analysis.as_of, datetime.date(2021, 1, 31))
        late = analysis.agreements["AGR-LATE"]
        self.assertEqual((late.paid, late.due), (Decimal(20000), Decimal(30000)))
        varied = analysis.agreements["AGR-VARIED"]
        self.assertEqual(varied.end_on(), datetime.date(2020, 12, 31))
        self.assertEqual(varied.end_on(datetime.date(2020, 6, 30)), datetime.date(2020, 9, 30))
        paused = analysis.agreements["AGR-PAUSED"]
        self.assertEqual([i.expected for i in paused.instalments], [True, False])
        self.assertEqual([r.waiting for r in analysis.requests], [None, 91, 21])

    @loader.load_doc()
    def test_a_payment_back_is_not_paid_after_end(self, entries, errors, options_map):
        """
        plugin "rules.vcse"

        2020-04-01 custom "cwl-agreement" "AGR-1"
          recipient: "GB-CHC-1000001"
          value: 5000.00 GBP
          start: 2020-04-01
          end: 2020-06-30
          instalments: "2020-04-01: 5000"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:VCSE GBP

        2020-04-02 * "Paid" ^agreement-AGR-1
          Expenses:Grants:VCSE      5000.00 GBP
          Assets:Bank:Current
        2020-08-01 * "Unspent money returned" ^agreement-AGR-1
          Assets:Bank:Current        700.00 GBP
          Expenses:Grants:VCSE
        """
        self.assertEqual(analyse(vcse, entries, options_map).agreements["AGR-1"].paid,
                         Decimal(4300))


class TestDeclarations(unittest.TestCase):

    @loader.load_doc()
    def test_bad_declarations_are_errors_at_their_line(self, entries, errors, options_map):
        """
        2020-04-01 custom "cwl-agreement" "AGR-SUM"
          recipient: "GB-CHC-1000001"
          value: 30000.00 GBP
          start: 2020-04-01
          end: 2021-03-31
          instalments: "2020-05-01: 10000, 2020-08-01: 10000"

        2020-04-01 custom "cwl-agreement" "AGR-TEXT"
          recipient: "GB-CHC-1000001"
          value: 10000.00 GBP
          start: 2020-04-01
          end: 2021-03-31
          instalments: "1 May: 10000"

        2020-09-01 custom "cwl-variaton" "AGR-SUM"
          reason: "misspelt directive"

        2020-11-01 custom "cwl-relief-request" "RR-1"
          org: "GB-CHC-1000002"
          received: 2020-11-01
          decided: 2020-11-20
        """
        config, problems = parse_config(entries)
        test = self.test_bad_declarations_are_errors_at_their_line
        self.assertEqual([p.source["lineno"] for p in problems], [
            lineno(test, '"AGR-SUM"'), lineno(test, '"AGR-TEXT"'),
            lineno(test, "cwl-variaton"), lineno(test, '"RR-1"')])
        self.assertIn("add up to £20,000.00, not the 'value' £30,000.00", problems[0].message)
        self.assertIn("'1 May: 10000' is not 'YYYY-MM-DD: amount'", problems[1].message)
        self.assertIn('did you mean "cwl-variation"', problems[2].message)
        self.assertIn("'outcome' goes with 'decided'", problems[3].message)
        self.assertEqual(config.agreements, {})


class TestApplications(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_slow_payment_funding_type_and_host(self, entries, errors, options_map):
        """
        plugin "rules.grants"

        2020-04-01 custom "cwl-scheme" "CGF"
          title: "Community Group Fund"
          opens: 2020-04-01
          closes: 2021-03-31
          amounts: "max 5000"
          one-per-property: FALSE
          pay-within: 5

        2020-01-01 custom "cwl-organisation" "GB-CHC-1000001"
          name: "Lunesdale CVS"
          vcse: TRUE

        2020-01-01 custom "cwl-organisation" "360G-TST-MA1"
          name: "Bay Street Mutual Aid"
          vcse: TRUE
          unincorporated: TRUE
          host: "GB-CHC-1000001"

        2020-01-01 custom "cwl-organisation" "360G-TST-MA2"
          name: "Fell View Mutual Aid"
          vcse: TRUE
          unincorporated: TRUE

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:CGF GBP
        2020-01-01 open Liabilities:GrantsPayable:CGF GBP

        2020-05-04 * "Lunesdale CVS" "CGF award, paid in time" ^award-CGF-0001
          scheme: "CGF"
          org-id: "GB-CHC-1000001"
          funding-type: "one-off-grant"
          applied: 2020-05-01
          purpose: "Food parcels"
          Expenses:Grants:CGF             2000.00 GBP
          Liabilities:GrantsPayable:CGF
        2020-05-06 * "Lunesdale CVS" "CGF payment" ^award-CGF-0001
          Liabilities:GrantsPayable:CGF   2000.00 GBP
          Assets:Bank:Current

        2020-05-04 * "Bay Street Mutual Aid" "CGF award, slow" ^award-CGF-0002
          scheme: "CGF"
          org-id: "360G-TST-MA1"
          funding-type: "one-off-grant"
          applied: 2020-05-01
          Expenses:Grants:CGF             1000.00 GBP
          Liabilities:GrantsPayable:CGF
        2020-05-20 * "Bay Street Mutual Aid" "CGF payment" ^award-CGF-0002
          Liabilities:GrantsPayable:CGF   1000.00 GBP
          Assets:Bank:Current

        2020-06-04 * "Fell View Mutual Aid" "CGF award, no host" ^award-CGF-0003
          scheme: "CGF"
          org-id: "360G-TST-MA2"
          funding-type: "grant"
          Expenses:Grants:CGF              500.00 GBP
          Assets:Bank:Current

        2020-06-05 * "Fell View Mutual Aid" "CGF award, host undeclared" ^award-CGF-0004
          scheme: "CGF"
          org-id: "360G-TST-MA2"
          host: "GB-CHC-9999999"
          Expenses:Grants:CGF              500.00 GBP
          Assets:Bank:Current

        2020-06-06 * "Fell View Mutual Aid" "CGF award, hosted" ^award-CGF-0005
          scheme: "CGF"
          org-id: "360G-TST-MA2"
          host: "GB-CHC-1000001"
          applied: 2020-06-06
          Expenses:Grants:CGF              500.00 GBP
          Assets:Bank:Current
        """
        test = self.test_slow_payment_funding_type_and_host
        self.assertEqual(code_lines(errors), [
            ("grants.slow-payment", lineno(test, "CGF award, slow")),
            ("grants.funding-type", lineno(test, "no host")),
            ("grants.unincorporated-no-host", lineno(test, "no host")),
            ("grants.unincorporated-no-host", lineno(test, "host undeclared")),
        ])
        self.assertIn("applied for on 2020-05-01 and first paid on 2020-05-20, 19 days "
                      "later; CGF pays within 5 days", errors[0].message)
        self.assertIn("names no host", errors[2].message)
        self.assertIn("'GB-CHC-9999999', which is not a declared organisation",
                      errors[3].message)
