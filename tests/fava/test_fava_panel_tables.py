"""The Grants page's subsections from the grant panel pack: "Funding by
type", "Hardship (no names)" and "Take-up: eligible, not yet paid, by
band". Their cells are checked against the report models for the same days
and against the rule analyses themselves; hardship recipients are never on
the page, counts under 5 show as "<5", and ledger text is escaped."""

from __future__ import annotations

import datetime
import re
import textwrap
from collections import Counter
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from fava_pages import content, fava_demo, money

from ledger.demo.hardship import people
from ledger.entry_types import is_transaction
from ledger.periods import Period
from reports.models.books import ReportBooks
from reports.models.funding_types import funding_by_type
from reports.models.hardship import SUPPRESSED, hardship_table
from reports.models.takeup import takeup_by_band
from reports.pdf import formatting
from rules.session import Session

JUNE = datetime.date(2020, 6, 1), datetime.date(2020, 6, 30)


def table(html: str, key: str) -> tuple[list[list[str]], list[str] | None]:
    """The body rows and the totals row of the table ``data-table=key``, as text."""
    match = re.search(rf'<table data-table="{key}">(.*?)</table>', html, re.S)
    assert match, f"no table {key}"

    def texts(row: str) -> list[str]:
        return [unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]

    body = re.search(r"<tbody>(.*?)</tbody>", match.group(1), re.S).group(1)
    foot = re.search(r"<tfoot>(.*?)</tfoot>", match.group(1), re.S)
    return ([texts(r) for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)],
            texts(foot.group(1)) if foot else None)


def laid_out(model) -> tuple[list[list[str]], list[str] | None]:
    """A model table's cells as the PDF writes them."""
    laid = formatting.table(model)
    return ([[text for text, _ in row] for row in laid["rows"]],
            [text for text, _ in laid["totals"]] if laid["totals"] else None)


@pytest.fixture(scope="module")
def session(demo_dir: Path) -> Session:
    return Session.load(demo_dir / "main.beancount")


def _whole(session: Session) -> Period:
    days = [e.date for e in session.entries if is_transaction(e)]
    return Period(min(days), max(days))


def _models(session: Session, period: Period) -> dict[str, object]:
    books = ReportBooks(session, period, datetime.date.today())
    funding, takeup = funding_by_type(books), takeup_by_band(books)
    return {"funding-types": funding.types, "agreements": funding.agreements,
            "relief-requests": funding.requests, "hardship": hardship_table(books),
            "takeup-bands": takeup.bands, "allocations": takeup.allocations}


def test_the_three_subsections_follow_the_grants_tables(demo):
    page = content(demo.page("grants"))
    headings = [page.index(heading) for heading in (
        "<h3>Possible double payments",
        '<h3 id="funding-by-type">Funding by type</h3>',
        '<h3 id="hardship">Hardship (no names)</h3>',
        '<h3 id="takeup">Take-up: eligible, not yet paid, by band</h3>')]
    assert headings == sorted(headings)
    assert "For the whole books, whatever the time filter" in page


@pytest.mark.parametrize("query, days", [("", None), ("&time=2020-06", JUNE)])
def test_every_table_is_the_report_models(demo, session, query, days):
    """With no time filter, the whole books; with one, its days."""
    period = Period(*days) if days else _whole(session)
    html = content(demo.page("grants", query))
    for key, model in _models(session, period).items():
        if model.rows:
            assert table(html, key) == laid_out(model), key
        else:
            assert f'<p class="empty" data-table="{key}">' in html, key


def test_hardship_counts_are_the_analysis_with_small_ones_suppressed(demo, session):
    html = content(demo.page("grants"))
    rows, _ = table(html, "hardship")
    funds = session.hardship.schemes
    assert [r[0] for r in rows] == sorted(funds)
    twice = {id(p) for p in session.hardship.paid_twice}
    for fund, payments_, people_, households, paid, *_, shown_twice in rows:
        mine = funds[fund].payments
        expected = [len(mine), len({p.person_ref for p in mine if p.person_ref}),
                    len({p.household_ref for p in mine if p.household_ref}),
                    sum(id(p) in twice for p in mine)]
        shown = [payments_, people_, households, shown_twice]
        assert shown == [SUPPRESSED if 0 < n < 5 else f"{n:,}" for n in expected], fund
        assert paid == money(sum((p.amount for p in mine), Decimal(0)))
    assert any(SUPPRESSED in row for row in rows)


def test_a_month_of_few_payments_shows_them_as_under_five(demo, session):
    """The month with the fewest payments of some fund: its count is
    suppressed, not shown."""
    months = Counter((p.scheme, f"{p.date:%Y-%m}")
                     for s in session.hardship.schemes.values() for p in s.payments)
    (fund, month), count = min(months.items(), key=lambda item: item[1])
    assert 0 < count < 5
    rows, _ = table(content(demo.page("grants", f"&time={month}")), "hardship")
    row = next(r for r in rows if r[0] == fund)
    assert row[1] == SUPPRESSED


def test_takeup_is_the_whole_books_whatever_the_time_filter(demo, session):
    takeup = session.takeup.schemes
    unpaid = sum(len(b.unpaid) for s in takeup.values() for b in s.bands)
    value = sum((b.unpaid_value for s in takeup.values() for b in s.bands), Decimal(0))
    assert unpaid
    for query in ("", "&time=2020-06"):
        rows, totals = table(content(demo.page("grants", query)), "takeup-bands")
        assert len(rows) == sum(len(s.bands) for s in takeup.values())
        assert totals[-2:] == [f"{unpaid:,}", money(value)]


def test_no_hardship_recipient_is_on_the_page(demo):
    """Not in the extension's markup, nor anywhere on the page but Fava's
    own ledger data (its payee list, which Fava's core pages show unredacted:
    see docs/fava.md)."""
    html = demo.page("grants")
    page = content(html)
    outside_fava_data = re.sub(
        r'<script type="application/json" id="ledger-data">.*?</script>', "", html, flags=re.S)
    secrets = [s for p in people()
               for s in (p.name, p.postcode, p.reference, p.ref, p.household)]
    assert any(s.casefold() in html.casefold() for s in secrets)  # the search can fail
    for text in (page, outside_fava_data):
        assert [s for s in secrets if s.casefold() in text.casefold()] == []


HOSTILE = textwrap.dedent("""
    2020-01-01 custom "fava-extension" "reports.fava"

    2020-01-01 custom "cwl-organisation" "GB-CHC-9"
      name: "<script>alert(1)</script> Trust"
      vcse: TRUE

    2020-04-01 custom "cwl-agreement" "AGR-1"
      recipient: "GB-CHC-9"
      value: 1000.00 GBP
      start: 2020-04-01
      end: 2020-12-31
      instalments: "2020-05-01: 1000"

    2020-04-01 custom "cwl-scheme" "HSF"
      title: "Hardship Support Fund"
      opens: 2020-04-01
      closes: 2021-03-31
      amounts: "max 500"
      one-per-property: FALSE
      recipients: "individuals"

    2020-01-01 open Assets:Bank:Current GBP
    2020-01-01 open Expenses:Grants:HSF GBP
    2020-01-01 open Expenses:Grants:VCSE GBP

    2020-05-01 * "<script>alert(1)</script> Trust" "AGR-1" ^agreement-AGR-1
      Expenses:Grants:VCSE  1000.00 GBP
      Assets:Bank:Current

    2020-05-02 * "Ada Hardcastle" "Hardship" ^award-HSF-1
      scheme: "HSF"
      person-ref: "p-ada"
      method: "bank"
      Expenses:Grants:HSF  100.00 GBP
      Assets:Bank:Current
    """)


def test_ledger_text_is_escaped_and_one_payment_is_under_five(tmp_path):
    main = tmp_path / "main.beancount"
    main.write_text(HOSTILE, encoding="utf-8")
    page = content(fava_demo(main).page("grants"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Trust" in page
    rows, _ = table(page, "hardship")
    assert rows[0][:3] == ["HSF", SUPPRESSED, SUPPRESSED]
    assert "Ada Hardcastle" not in page and "p-ada" not in page
    assert '<p class="empty" data-table="funding-types">No award' in page
