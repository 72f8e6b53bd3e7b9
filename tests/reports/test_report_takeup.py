"""The grant panel pack's "Take-up: eligible, not yet paid, by band": in the
model, from books written here (allocation, paid, what must go back), and
in the demo's PDF text, which names no occupier who is a person."""

from __future__ import annotations

import datetime
import textwrap
from decimal import Decimal

import pytest
from beancount import loader
from report_helpers import PRODUCED, pdf_text, squeeze

from reports.command import write_reports
from reports.models.books import ReportBooks
from reports.models.takeup import takeup_by_band
from rules.session import Session

BOOKS = textwrap.dedent("""
    plugin "rules.all"

    2020-04-01 custom "cwl-scheme" "RHLGF"
      title: "Retail, Hospitality and Leisure Grant Fund"
      opens: 2020-04-01
      closes: 2020-09-30
      eligibility-date: 2020-03-11
      amounts: "RV<=15000:10000, RV<51000:25000"
      funding: 100000.00 GBP

    2020-04-01 custom "cwl-scheme" "LRSG"
      title: "Local Restrictions Support Grant"
      opens: 2020-11-05
      closes: 2021-03-31
      eligibility-date: 2020-11-05
      amounts: "RV<=15000:1334, *:2000"
      funding: 9000.00 GBP

    2020-03-11 custom "cwl-property" "P-1"
      rateable-value: 12000
    2020-03-11 custom "cwl-property" "P-2"
      rateable-value: 20000
    2020-03-11 custom "cwl-property" "P-3"
      rateable-value: 9000
      redacted: TRUE

    2020-01-01 open Assets:Bank:Current GBP
    2020-01-01 open Expenses:Grants:RHLGF GBP
    2020-01-01 open Liabilities:GrantsPayable:RHLGF GBP

    2020-05-01 * "Corner Cafe Ltd" "RHLGF award" ^award-R1
      scheme: "RHLGF"
      property-ref: "P-1"
      rateable-value: 12000
      Expenses:Grants:RHLGF                10000.00 GBP
      Liabilities:GrantsPayable:RHLGF
    2020-05-03 * "Corner Cafe Ltd" "RHLGF payment" ^award-R1
      Liabilities:GrantsPayable:RHLGF      10000.00 GBP
      Assets:Bank:Current
    2020-12-31 * "Year end"
      Expenses:Grants:RHLGF                   0.00 GBP
      Assets:Bank:Current
    """)


def _section(end: datetime.date):
    entries, errors, options = loader.load_string(BOOKS)
    session = Session(entries, errors, options)
    books = ReportBooks.of(session, datetime.date(2021, 4, 1), datetime.date(2020, 4, 1), end)
    return takeup_by_band(books)


def test_eligible_not_yet_paid_by_band():
    section = _section(datetime.date(2021, 3, 31))
    rows = {(r["scheme"], r["band"]): r for r in section.bands.rows}
    low = rows[("RHLGF", "RV <= 15,000")]
    assert (low["eligible"], low["awarded"], low["unpaid"], low["value"]) == (
        2, 1, 1, Decimal(10000))
    high = rows[("RHLGF", "RV < 51,000")]
    assert (high["unpaid"], high["value"]) == (1, Decimal(25000))
    assert rows[("LRSG", "RV <= 15,000")]["unpaid"] == 2
    assert rows[("LRSG", "any RV")]["unpaid"] == 1


def test_what_must_go_back_once_a_scheme_has_closed():
    rows = {r["scheme"]: r for r in _section(datetime.date(2021, 3, 31)).allocations.rows}
    rhlgf = rows["RHLGF"]
    assert (rhlgf["allocation"], rhlgf["paid"], rhlgf["unpaid"], rhlgf["back"]) == (
        Decimal("100000.00"), Decimal("10000.00"), Decimal(35000), Decimal("90000.00"))
    assert rows["LRSG"]["back"] is None  # still open on 31 March 2021
    assert rows["LRSG"]["unpaid"] == Decimal(1334 * 2 + 2000)
    early = {r["scheme"]: r for r in _section(datetime.date(2020, 9, 1)).allocations.rows}
    assert early["RHLGF"]["back"] is None  # not closed by the period's end


@pytest.fixture(scope="module")
def panel(demo_dir, tmp_path_factory) -> tuple[Session, str]:
    """The demo's grant panel pack, rendered to PDF, and its text."""
    session = Session.load(str(demo_dir / "main.beancount"))
    (path,) = write_reports(ReportBooks.of(session, PRODUCED), ["grants-panel"],
                            tmp_path_factory.mktemp("takeup"))
    return session, pdf_text(path)


def test_the_panel_pack_shows_take_up_and_names_no_occupier(panel, demo_dir):
    session, text = panel
    squeezed = squeeze(text)
    assert squeeze("Take-up: eligible, not yet paid, by band") in squeezed
    assert squeeze("Allocation, paid and what must go back") in squeezed
    takeup = session.takeup
    unpaid = sum((s.unpaid_value for s in takeup.schemes.values()), Decimal(0))
    assert unpaid > 0
    assert squeeze(f"£{unpaid:,.2f}") in squeezed
    for code in ("takeup.rv-mismatch", "takeup.unknown-property", "takeup.same-uprn"):
        assert code in text
    rating_list = (demo_dir / "inputs" / "rating-list.csv").read_text(encoding="utf-8")
    people = [line.split(",")[3] for line in rating_list.splitlines()[1:]
              if " t/a " in line or ",Mr " in line]
    assert people, "the demo's rating list has occupiers who are people"
    named = [p for p in people if p.casefold() in text.casefold()]
    assert named == []
    books = (demo_dir / "properties.beancount").read_text(encoding="utf-8")
    assert [p for p in people if p in books] == []
