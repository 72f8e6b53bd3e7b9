"""Configuration from custom directives, and the errors a finance officer
sees when a declaration is wrong."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from cli.check import check
from cli.main import main
from ledger.amount_rules import AmountRule
from rules.session import Session


@pytest.mark.parametrize("rv, due", [(1, 10000), (15000, 10000), (15001, 25000),
                                     (50999, 25000), (51000, None)])
def test_rhlgf_bands(rv, due):
    rule = AmountRule.parse("RV<=15000:10000, RV<51000:25000")
    assert rule.expected(Decimal(rv)) == (Decimal(due) if due else None)


def test_other_amount_rules():
    assert AmountRule.parse("10,000").expected(None) == Decimal(10000)
    assert AmountRule.parse("max 25000").kind == "max"
    assert AmountRule.parse("panel").expected(Decimal(1)) is None
    lrsg = AmountRule.parse("RV<=15000:1334, RV<51000:2000, *:3000")
    assert lrsg.expected(Decimal(90000)) == Decimal(3000)
    assert lrsg.expected(None) is None
    for bad in ("lots", "RV=<15000:1", "RV<=15000"):
        with pytest.raises(ValueError):
            AmountRule.parse(bad)


@pytest.mark.parametrize("amount, allowed", [
    ("25000", True), ("10000", True), ("9999.99", True), ("2000", True),
    ("10000.01", False), ("12000", False), ("25000.01", False), ("0", False)])
def test_set_of_sums(amount, allowed):
    """LADGF: £25,000, £10,000 or any sum under £10,000."""
    rule = AmountRule.parse("25000 | 10000 | <10000")
    assert (rule.kind, rule.expected(None)) == ("set", None)
    assert rule.allows(Decimal(amount)) is allowed


def test_set_of_sums_forms():
    assert AmountRule.parse("<=5000").allows(Decimal(5000))
    assert not AmountRule.parse("<5000").allows(Decimal(5000))
    assert AmountRule.parse("25,000 | 10,000").allows(Decimal(25000))
    for bad in ("25000 | lots", "25000 |", "< | 10000", "25000 | >10000"):
        with pytest.raises(ValueError, match="should look like"):
            AmountRule.parse(bad)


def test_allows_keeps_the_other_forms():
    bands = AmountRule.parse("RV<=15000:10000, RV<51000:25000")
    assert bands.allows(Decimal(25000), Decimal(15001))
    assert not bands.allows(Decimal(25000), Decimal(15000))
    assert not bands.allows(Decimal(25000), Decimal(51000))
    assert AmountRule.parse("max 25000").allows(Decimal(7500))
    assert not AmountRule.parse("max 25000").allows(Decimal(30000))
    assert AmountRule.parse("10000").allows(Decimal(10000))
    assert AmountRule.parse("panel").allows(Decimal(123))


def write(tmp_path, text):
    path = tmp_path / "books.beancount"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """
    option "operating_currency" "GBP"
    2020-01-01 custom "cwl-settings" "GB-LAE-TST"
      name: "Test Council"
      advance-cap-share: 0.3
    2020-04-01 custom "cwl-scheme" "SBGF"
      title: "Small Business Grant Fund"
      opens: 2020-04-01
      closes: 2020-08-28
      amounts: "10000"
      exclusive-with: "RHLGF, LRSG"
    2020-01-01 custom "cwl-subsidy-regime" "de-minimis"
      start: 2018-01-01
      end: 2020-12-31
      limit: 200000 EUR
      window: "fiscal-years-3"
"""


def test_good_configuration(tmp_path):
    ledger = Session.load(str(write(tmp_path, GOOD)))
    assert ledger.errors == []
    config = ledger.config
    assert config.settings.name == "Test Council"
    assert config.settings.advance_cap_share == Decimal("0.3")
    assert config.settings.sfc_rate == Decimal("0.75")
    assert config.schemes["SBGF"].exclusive_with == ("RHLGF", "LRSG")
    regime = config.subsidy_regimes["de-minimis"]
    assert (regime.limit, regime.currency) == (Decimal(200000), "EUR")


BAD = """
    option "operating_currency" "GBP"
    2020-04-01 custom "cwl-scheme" "RHLGF"
      title: "Retail, Hospitality and Leisure"
      opens: 2020-04-01
      amounts: "RV<=15000:10000, RV<51000"
      rateable: 3

    2020-04-01 custom "cwl-contract" "C1"
      supplier: "GB-COH-1"
      value: 100 EUR
      start: 2019-04-01

    2020-04-01 custom "cwl-contract" "C2"
      supplier: "GB-COH-1"
      value: 100 GBP
      start: 2019-04-01
    2020-04-01 custom "cwl-contract" "C2"
      supplier: "GB-COH-2"
      value: 200 GBP
      start: 2019-04-01
    2020-04-01 custom "cwl-sheme" "X"
"""


def test_malformed_directives_are_errors_at_their_line(tmp_path, capsys):
    path = write(tmp_path, BAD)
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    scheme, contract, twice, unknown = lines
    assert scheme.startswith(f"{path}:3: ")
    assert "'closes' is required" in scheme
    assert "band 'RV<51000' should look like" in scheme
    assert "'rateable' is not a known field" in scheme
    assert contract.startswith(f"{path}:9: ") and "expected an amount in GBP" in contract
    assert twice.startswith(f"{path}:18: ") and f"declared twice (first at {path}:14)" in twice
    assert unknown.startswith(f"{path}:22: ") and 'Unknown directive "cwl-sheme"' in unknown


def test_check_passes_clean_books_and_reports_missing_files(tmp_path, capsys):
    assert check(str(write(tmp_path, GOOD))) == 0
    assert capsys.readouterr().out == ""
    assert check(str(tmp_path / "nowhere.beancount")) == 2
    assert "no such ledger file" in capsys.readouterr().err


def test_plugin_overrides_apply_and_bad_ones_are_reported():
    from beancount.loader import load_string

    from rules.api import build_context

    entries, _, options = load_string(textwrap.dedent(GOOD))
    context, errors = build_context(entries, options, "advance-cap-share=0.2, sfc-rate=0.5")
    assert errors == []
    assert context.settings.advance_cap_share == Decimal("0.2")
    assert context.settings.name == "Test Council"
    _, errors = build_context(entries, options, "advance-cap-share")
    assert "should be key=value" in errors[0].message
    _, errors = build_context(entries, options, "advance-cap-share=-1")
    assert "must not be negative" in errors[0].message


def test_config_errors_reach_bean_check_once(tmp_path):
    from beancount import loader

    text = 'plugin "rules.all"\n' + textwrap.dedent(BAD)
    path = tmp_path / "ruled.beancount"
    path.write_text(text, encoding="utf-8")
    _, errors, _ = loader.load_file(str(path))
    lines = sorted(e.source["lineno"] for e in errors)
    assert lines == [4, 10, 19, 23]
    assert len(Session.load(str(path)).errors) == 4


MEASURES = """
    2021-04-01 custom "cwl-measure" "LOC-EMP"
      title: "Local people employed"
      unit: "FTE"
      proxy: 29500.00 GBP
    2020-04-01 custom "cwl-measure" "LOC-EMP"
      title: "Local people employed"
      unit: "FTE"
      proxy: 28000.00 GBP
    2020-04-01 custom "cwl-measure" "LOC-EMP"
      title: "Local people employed"
      unit: "FTE"
      proxy: 28500.00 GBP
    2020-01-01 custom "cwl-measure" "VOL-HRS"
      title: "Volunteering hours"
      unit: "hours"
      proxy: 16.50 GBP
"""


def test_measure_versions_by_date(tmp_path):
    import datetime

    ledger = Session.load(str(write(tmp_path, MEASURES)))
    # Same code, same date: declared twice (Beancount sorts the two 2020
    # versions in file order, so the second one, at line 10, is refused).
    (error,) = ledger.errors
    assert error.source["lineno"] == 10
    assert 'cwl-measure "LOC-EMP" is declared twice for 2020-04-01' in error.message
    config = ledger.config
    assert [v.proxy for v in config.measure_versions["LOC-EMP"]] == [
        Decimal("28000.00"), Decimal("29500.00")]
    # ``measures`` keeps the latest version for existing callers.
    assert config.measures["LOC-EMP"].proxy == Decimal("29500.00")
    assert config.measures["VOL-HRS"].proxy == Decimal("16.50")

    def proxy_on(code, day):
        version = config.measure_on(code, datetime.date.fromisoformat(day))
        return version and version.proxy

    assert proxy_on("LOC-EMP", "2020-03-31") is None
    assert proxy_on("LOC-EMP", "2020-04-01") == Decimal("28000.00")
    assert proxy_on("LOC-EMP", "2021-03-31") == Decimal("28000.00")
    assert proxy_on("LOC-EMP", "2021-04-01") == Decimal("29500.00")
    assert proxy_on("NOPE", "2021-04-01") is None


def test_a_broken_individual_declaration_is_still_withheld(tmp_path):
    from beancount.core import data

    from ledger.redaction import Redactor

    path = write(tmp_path, """
        2020-01-01 custom "cwl-organisation" "GB-IND-0001"
          name: "Zelda Quixotica t/a Fixit"
          individual: TRUE
          vat-number: "GB123"
    """)
    ledger = Session.load(str(path))
    assert "'vat-number' is not a known field" in ledger.errors[0].message
    assert ledger.config.withheld == {"GB-IND-0001": "Zelda Quixotica t/a Fixit"}
    redactor = Redactor(ledger.config)
    by_id = data.Transaction({"org-id": "GB-IND-0001"}, None, "*", "Fixit", "", None, None, [])
    by_name = data.Transaction({}, None, "*", "ZELDA QUIXOTICA T/A FIXIT", "", None, None, [])
    assert redactor.decide(by_id).personal and redactor.decide(by_name).personal
