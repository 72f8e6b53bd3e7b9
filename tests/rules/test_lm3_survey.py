"""The ``cwl-lm3-survey`` declaration: Local Multiplier 3 rounds 2 and 3
measured by surveying suppliers over a period, and the errors a finance
officer sees, at the declaration's line, when one is wrong."""

from __future__ import annotations

import datetime
import unittest
from decimal import Decimal

from beancount import loader
from helpers import lineno

from ledger.config import parse_config


class TestLM3Survey(unittest.TestCase):

    @loader.load_doc()
    def test_a_survey_is_declared(self, entries, errors, options_map):
        """
        plugin "rules.all"

        2021-03-31 custom "cwl-lm3-survey" "FY2020"
          start: 2020-04-01
          end: 2021-03-31
          round2: 120000.00 GBP
          round3: 30000.00 GBP
          respondents: 37
          note: "Suppliers paid over £5,000 in the year"

        2021-06-30 custom "cwl-lm3-survey" "Q1-2021"
          start: 2021-04-01
          end: 2021-06-30
          round2: 20000
          round3: 20000
        """
        config, config_errors = parse_config(entries)
        self.assertEqual([], config_errors)
        survey = config.lm3_surveys["FY2020"]
        self.assertEqual(
            (datetime.date(2021, 3, 31), datetime.date(2020, 4, 1), datetime.date(2021, 3, 31),
             Decimal("120000.00"), Decimal("30000.00"), 37,
             "Suppliers paid over £5,000 in the year"),
            (survey.date, survey.start, survey.end, survey.round2, survey.round3,
             survey.respondents, survey.note))
        # Respondents and the note may be left out; round 3 may equal round 2.
        quarter = config.lm3_surveys["Q1-2021"]
        self.assertEqual((Decimal(20000), Decimal(20000), None, ""),
                         (quarter.round2, quarter.round3, quarter.respondents, quarter.note))

    @loader.load_doc(expect_errors=True)
    def test_wrong_surveys_are_errors_at_their_line(self, entries, errors, options_map):
        """
        plugin "rules.all"

        2021-03-31 custom "cwl-lm3-survey" "MORE-AGAIN"
          start: 2020-04-01
          end: 2021-03-31
          round2: 10000.00 GBP
          round3: 12000.00 GBP

        2021-03-31 custom "cwl-lm3-survey" "NEGATIVE"
          start: 2020-04-01
          end: 2021-03-31
          round2: -10000.00 GBP
          round3: 0.00 GBP

        2021-03-31 custom "cwl-lm3-survey" "BACKWARDS"
          start: 2021-03-31
          end: 2020-04-01
          round2: 10000.00 GBP
          round3: 2000.00 GBP

        2021-03-31 custom "cwl-lm3-survey" "EUROS"
          from: 2020-04-01
          end: 2021-03-31
          round2: 10000.00 EUR
          round3: 2000.00 GBP
          respondents: 2.5
        """
        test = self.test_wrong_surveys_are_errors_at_their_line
        at = {e.source["lineno"]: e.message for e in errors}
        self.assertEqual(4, len(errors))  # one error per declaration, all it has wrong
        self.assertEqual(
            sorted(lineno(test, f'"{name}"') for name in
                   ("MORE-AGAIN", "NEGATIVE", "BACKWARDS", "EUROS")),
            sorted(at))
        self.assertIn("'round3' £12,000.00 is more than 'round2' (£10,000.00)",
                      at[lineno(test, '"MORE-AGAIN"')])
        self.assertIn("'round2' must not be negative", at[lineno(test, '"NEGATIVE"')])
        self.assertIn("'end' must not be before 'start' (2021-03-31)",
                      at[lineno(test, '"BACKWARDS"')])
        euros = at[lineno(test, '"EUROS"')]
        for problem in ("'start' is required", "'from' is not a known field",
                        "expected an amount in GBP", "'respondents'"):
            self.assertIn(problem, euros)
        config, _ = parse_config(entries)
        self.assertEqual({}, config.lm3_surveys)


if __name__ == "__main__":
    unittest.main()
