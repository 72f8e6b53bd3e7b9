"""Tests for rules.payees: org-ids name declared organisations, and
``redacted`` flags are spelt as flags."""

from __future__ import annotations

import unittest

from beancount import loader
from helpers import analyse, code_lines, lineno

from rules import payees


class TestPayees(unittest.TestCase):

    @loader.load_doc(expect_errors=True)
    def test_unknown_org_ids_and_misspelt_flags(self, entries, errors, options_map):
        """
        plugin "rules.payees"

        2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
          name: "Known Ltd"

        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Services:ICT GBP

        2020-05-01 * "Known Ltd" "Declared"
          org-id: "GB-COH-00000001"
          Expenses:Services:ICT  100.00 GBP
          Assets:Bank:Current

        2020-05-02 * "Typo Ltd" "Undeclared"
          org-id: "GB-COH-0000001"
          Expenses:Services:ICT  100.00 GBP
          Assets:Bank:Current

        2020-05-03 * "Individual Recipient" "Withheld at source, never declared"
          org-id: "360G-X-IND-1"
          redacted: TRUE
          Expenses:Services:ICT  100.00 GBP
          Assets:Bank:Current

        2020-05-04 * "Someone" "Misspelt flag"
          redacted: "Y"
          Expenses:Services:ICT  100.00 GBP
          Assets:Bank:Current

        2020-05-05 * "Someone else" "Spelt as text"
          redacted: "yes"
          Expenses:Services:ICT  100.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(code_lines(errors), [
            ("ledger.unknown-org", lineno(self.test_unknown_org_ids_and_misspelt_flags,
                                          '"Undeclared"')),
            ("ledger.flag", lineno(self.test_unknown_org_ids_and_misspelt_flags,
                                   '"Misspelt flag"')),
        ])
        analysis = analyse(payees, entries, options_map)
        self.assertEqual([f.concerns for f in analysis.findings], ["GB-COH-0000001", None])
