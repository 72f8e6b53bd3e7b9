"""Tests for rules.takeup: awards checked against the business rates list
as at each scheme's eligibility date, one building paid once per scheme,
and the properties eligible by band that no award has reached."""

from __future__ import annotations

import datetime
import textwrap
import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines

from ledger.config import parse_config
from rules import takeup

BOOKS = """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.takeup"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          eligibility-date: 2020-03-11
          amounts: "RV<=15000:10000, RV<51000:25000"
          exclusive-with: "SBGF"

        2020-04-01 custom "cwl-scheme" "SBGF"
          title: "Small Business Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          eligibility-date: 2020-03-11
          amounts: "10000"

        2020-03-11 custom "cwl-property" "P-1"
          rateable-value: 12000
          uprn: "100010001"
          occupier: "Corner Cafe Ltd"
        2020-03-11 custom "cwl-property" "P-2"
          rateable-value: 20000
          uprn: "100010001"
        2020-03-11 custom "cwl-property" "P-3"
          rateable-value: 9000
        2020-03-11 custom "cwl-property" "P-4"
          rateable-value: 30000
        2020-03-11 custom "cwl-property" "P-5"
          rateable-value: 60000
        2020-03-11 custom "cwl-property" "P-6"
          rateable-value: 8000
          redacted: TRUE
        2020-04-01 custom "cwl-property" "P-4"
          rateable-value: 14000

        2020-05-01 * "Corner Cafe Ltd" "RHLGF award" ^award-R1
          scheme: "RHLGF"
          property-ref: "P-1"
          rateable-value: 12000
          Expenses:Grants:RHLGF                10000.00 GBP
          Liabilities:GrantsPayable:RHLGF
        2020-05-03 * "Corner Cafe Ltd" "RHLGF payment" ^award-R1
          Liabilities:GrantsPayable:RHLGF      10000.00 GBP
          Assets:Bank:Current
        2020-05-01 * "Corner Cafe Upstairs Ltd" "RHLGF award" ^award-R2
          scheme: "RHLGF"
          property-ref: "P-2"
          rateable-value: 21000
          Expenses:Grants:RHLGF                25000.00 GBP
          Liabilities:GrantsPayable:RHLGF
        2020-05-03 * "Corner Cafe Upstairs Ltd" "RHLGF payment" ^award-R2
          Liabilities:GrantsPayable:RHLGF      25000.00 GBP
          Assets:Bank:Current
        2020-05-01 * "Nowhere Ltd" "SBGF award" ^award-S1
          scheme: "SBGF"
          property-ref: "P-9"
          rateable-value: 5000
          Expenses:Grants:SBGF                 10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        2020-05-02 * "Small Shop Ltd" "SBGF award" ^award-S2
          scheme: "SBGF"
          property-ref: "P-3"
          rateable-value: 9000
          Expenses:Grants:SBGF                 10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        2020-05-04 * "Small Shop Ltd" "SBGF payment" ^award-S2
          Liabilities:GrantsPayable:SBGF       10000.00 GBP
          Assets:Bank:Current
        """


def _load() -> tuple[list, list, dict]:
    return loader.load_string(BOOKS, dedent=True)


def _line(text: str) -> int:
    lines = textwrap.dedent(BOOKS).split("\n")
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_findings_at_the_award_or_the_declaration():
    _, errors, _ = _load()
    assert sorted(code_lines(errors)) == sorted([
        ("takeup.rv-mismatch", _line("^award-R2")),
        ("takeup.unknown-property", _line("^award-S1")),
        ("takeup.same-uprn", _line('"cwl-property" "P-2"')),
    ])
    mismatch = next(e for e in errors if "rv-mismatch" in e.message)
    assert "£21,000" in mismatch.message and "£20,000" in mismatch.message


def test_eligible_not_yet_paid_by_band():
    entries, _, options_map = _load()
    analysis = analyse(takeup, entries, options_map)
    assert analysis.listed == 6
    rhlgf = analysis.schemes["RHLGF"]
    low, high = rhlgf.bands
    # As at 11 March P-4 was £30,000 (its April value is later); P-5 is over
    # £51,000; P-3 holds an SBGF award, exclusive with RHLGF.
    assert (low.eligible, low.awarded, low.unpaid) == (3, 1, ["P-6"])
    assert (high.eligible, high.awarded, high.unpaid) == (2, 1, ["P-4"])
    assert rhlgf.unpaid_value == Decimal(35000)
    assert "SBGF" not in analysis.schemes  # a fixed sum: the list cannot tell who


def test_the_value_as_at_a_date_is_the_latest_on_or_before_it():
    entries, _, _ = _load()
    config, errors = parse_config(entries)
    assert errors == []
    listed = takeup.RatingList(config.properties)
    assert listed.on("P-4", datetime.date(2020, 3, 11)).rateable_value == 30000
    assert listed.on("P-4", datetime.date(2020, 11, 5)).rateable_value == 14000
    assert listed.on("P-4", datetime.date(2020, 3, 10)) is None
    assert config.properties[0].occupier == "Corner Cafe Ltd"


def test_a_malformed_property_is_an_error_at_its_line():
    entries, errors, _ = loader.load_string(textwrap.dedent("""
        2020-03-11 custom "cwl-property" "P-1"
          rateable-value: "lots"
          uprn: "1"
        2020-03-11 custom "cwl-proprety" "P-2"
          rateable-value: 100
        """))
    _, config_errors = parse_config(entries)
    assert [e.source["lineno"] for e in config_errors] == [2, 5]
    assert "'rateable-value'" in config_errors[0].message
    assert 'did you mean "cwl-property"' in config_errors[1].message


class TestWithoutList(unittest.TestCase):

    @loader.load_doc()
    def test_silent_without_a_rating_list(self, entries, errors, options_map):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.takeup"

        2020-05-01 * "Nowhere Ltd" "SBGF award" ^award-S1
          scheme: "SBGF"
          property-ref: "P-9"
          rateable-value: 5000
          Expenses:Grants:SBGF                 10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """
        assert errors == []


class TestClaims(unittest.TestCase):

    @loader.load_doc()
    def test_an_award_not_yet_paid_is_a_claim_and_one_recovered_in_full_is_not(
            self, entries, errors, options_map):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.takeup"

        2020-04-01 custom "cwl-scheme" "RHLGF"
          title: "Retail, Hospitality and Leisure Grant Fund"
          opens: 2020-04-01
          closes: 2020-09-30
          eligibility-date: 2020-03-11
          amounts: "RV<=15000:10000"

        2020-03-11 custom "cwl-property" "P-1"
          rateable-value: 12000
        2020-03-11 custom "cwl-property" "P-2"
          rateable-value: 11000

        2020-05-01 * "Awarded Ltd" "RHLGF award" ^award-R1
          scheme: "RHLGF"
          property-ref: "P-1"
          Expenses:Grants:RHLGF                10000.00 GBP
          Liabilities:GrantsPayable:RHLGF
        2020-05-01 * "Recovered Ltd" "RHLGF award" ^award-R2
          scheme: "RHLGF"
          property-ref: "P-2"
          Expenses:Grants:RHLGF                10000.00 GBP
          Liabilities:GrantsPayable:RHLGF
        2020-05-03 * "Recovered Ltd" "RHLGF payment" ^award-R2
          Liabilities:GrantsPayable:RHLGF      10000.00 GBP
          Assets:Bank:Current
        2020-06-03 * "Recovered Ltd" "Paid in error, recovered" ^award-R2
          recovery: TRUE
          Assets:Bank:Current                  10000.00 GBP
          Expenses:Grants:RHLGF
        """
        (band,) = analyse(takeup, entries, options_map).schemes["RHLGF"].bands
        assert (band.eligible, band.awarded, band.unpaid) == (2, 1, ["P-2"])
