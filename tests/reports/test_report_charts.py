"""Charts over time in the PDFs: each chart's data (in the report model)
adds up to the report's own tables and to beanquery on the same books, is
drawn by matplotlib as inline SVG, carries its unit, period and source in
the PDF text, and gives the same bytes from the same books."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from report_helpers import PRODUCED, pdf_text, squeeze
from review_ledgers import GRANT_RECOVERED, SFC_REVISED_DOWN, write

from reports.models import balance_sheet, claim_pack, grants_panel, social_value
from reports.models.books import ReportBooks
from reports.models.series import Panel, Series, TimeSeries
from reports.models.tables import money_sum
from reports.pdf import charts
from reports.pdf.renderer import render_html, render_pdf
from rules.session import Session


@dataclass
class Built:
    books: ReportBooks
    models: dict[str, object]
    html: dict[str, str]
    text: dict[str, str]

    def query(self, sql: str) -> list[tuple]:
        session = self.books.session
        connection = beanquery.connect("beancount:", entries=session.entries,
                                       errors=session.errors, options=session.options)
        return connection.execute(sql).fetchall()


BUILDERS = {"social-value": social_value.build, "claim-pack": claim_pack.build,
            "grants-panel": grants_panel.build}
# (report, the model's chart attribute)
CHARTS = [("grants-panel", "paid_by_week"), ("social-value", "spend_by_month"),
          ("claim-pack", "sfc_by_month"), ("claim-pack", "pressures_by_month")]


@pytest.fixture(scope="module")
def built(demo_dir: Path) -> Built:
    books = ReportBooks.of(Session.load(str(demo_dir / "main.beancount")), PRODUCED)
    models = {name: build(books) for name, build in BUILDERS.items()}
    return Built(books, models,
                 {name: render_html(model) for name, model in models.items()},
                 {name: pdf_text(render_pdf(model)) for name, model in models.items()})


def _period_sql(books: ReportBooks) -> str:
    return f"date >= {books.period.start} AND date <= {books.period.end}"


def _months(chart: TimeSeries) -> list[tuple[int, int]]:
    return [(d.year, d.month) for d in chart.starts]


# -- Grants paid by week ---------------------------------------------------------------


def _folded(by_scheme: dict[str, Decimal], titles) -> dict[str, Decimal]:
    """``by_scheme`` as the chart shows it: schemes without a panel of
    their own summed under its "Other schemes (n)" panel."""
    other = next((t for t in titles if t.startswith("Other schemes")), None)
    if other is None:
        return by_scheme
    own = {k: v for k, v in by_scheme.items() if k in titles}
    rest = [v for k, v in by_scheme.items() if k not in titles]
    return own | ({other: money_sum(rest)} if rest else {})


def test_grants_paid_by_week_adds_up_to_the_scheme_table(built: Built) -> None:
    report = built.models["grants-panel"]
    chart = report.paid_by_week
    assert chart.step == "week"
    assert all(b - a == datetime.timedelta(days=7) for a, b in zip(chart.starts,
                                                                   chart.starts[1:]))
    assert chart.starts[0] <= built.books.period.start < chart.starts[1]
    assert chart.starts[-1] <= built.books.period.end < chart.starts[-1] + \
        datetime.timedelta(days=7)
    paid = {row["scheme"]: row["paid"] for row in report.schemes.rows}
    charted = {panel.title: panel.get("Paid") for panel in chart.panels}
    assert {code: series.last for code, series in charted.items()} == \
        _folded({code: amount for code, amount in paid.items() if amount}, charted)
    assert money_sum(s.last for s in chart.series("Paid")) == report.schemes.totals["paid"]
    for series in charted.values():  # cumulative: never falls (recoveries are not netted)
        assert all(a <= b for a, b in zip(series.values, series.values[1:]))


def test_grants_paid_by_week_falls_in_the_week_beanquery_pays(built: Built) -> None:
    chart = built.models["grants-panel"].paid_by_week
    rows = built.query(
        "SELECT date, sum(number) WHERE (account ~ '^Liabilities:GrantsPayable:' "
        "AND number > 0 OR account ~ '^Expenses:Grants:' AND number > 0 AND "
        "entry_meta('person-ref') IS NOT NULL) "  # payments to people are paid at once
        f"AND {_period_sql(built.books)} GROUP BY date")
    weekly: dict[datetime.date, Decimal] = {}
    for day, amount in rows:
        start = day - datetime.timedelta(days=day.weekday())
        weekly[start] = weekly.get(start, Decimal(0)) + amount
    total = [money_sum(s.values[i] for s in chart.series("Paid"))
             for i in range(len(chart.starts))]
    expected, running = [], Decimal(0)
    for start in chart.starts:
        running += weekly.get(start, Decimal(0))
        expected.append(running)
    assert total == expected


def test_grant_funding_received_is_the_funding_accounts(built: Built) -> None:
    chart = built.models["grants-panel"].paid_by_week
    rows = built.query(
        "SELECT account, sum(number) WHERE account ~ '^Income:Government:GrantFunding:' "
        f"AND {_period_sql(built.books)} GROUP BY account")
    received = {account.rsplit(":", 1)[1]: -amount for account, amount in rows}
    assert received  # the demo's funding came in
    assert {p.title: p.get("Funding received").last for p in chart.panels
            if p.get("Funding received")} == _folded(received, [p.title for p in chart.panels])


def test_declared_funding_is_a_dashed_level(tmp_path: Path) -> None:
    text = GRANT_RECOVERED.replace(
        '  amounts: "RV<=15000:10000, RV<51000:25000"\n',
        '  amounts: "RV<=15000:10000, RV<51000:25000"\n  funding: 20000.00 GBP\n')
    assert "funding: 20000.00 GBP" in text
    books = ReportBooks.of(Session.load(str(write(tmp_path, text))), PRODUCED)
    assert books.session.errors == []
    chart = grants_panel.build(books).paid_by_week
    (panel,) = chart.panels
    level = panel.get("Funding allocated")
    assert level is not None and level.style == "level"
    assert set(level.values) == {Decimal("20000.00")}
    assert panel.get("Paid").last == Decimal("25000.00")  # paid over the allocation
    svg = charts.time_chart(chart)
    assert "stroke-dasharray" in svg and "Funding allocated" in svg


# -- Local spend by month ----------------------------------------------------------------


def test_spend_by_month_adds_up_to_the_local_spend_table(built: Built) -> None:
    report = built.models["social-value"]
    chart = report.spend_by_month
    assert chart.step == "month" and len(chart.starts) == 12
    (panel,) = chart.panels
    table = {row["where"]: row["amount"] for row in report.local_spend.rows}
    assert {s.name: s.total for s in panel.series} == table
    assert money_sum(s.total for s in panel.series) == report.local_spend.totals["amount"]
    assert all(s.style == "bars" for s in panel.series)


def test_spend_by_month_splits_months_as_the_payments_fall(built: Built) -> None:
    spend = built.books.spend_in(built.books.period)
    chart = built.models["social-value"].spend_by_month
    by_month: dict[tuple[int, int], Decimal] = {}
    for day, amount in zip(spend["date"], spend["amount"]):
        by_month[(day.year, day.month)] = by_month.get((day.year, day.month), 0) + amount
    (panel,) = chart.panels
    totals = [money_sum(s.values[i] for s in panel.series) for i in range(12)]
    assert totals == [by_month.get(m, Decimal(0)) for m in _months(chart)]
    assert len(set(totals)) > 1


# -- SFC claimed and received ---------------------------------------------------------


def test_sfc_claimed_and_received_end_at_the_claim_pack_totals(built: Built) -> None:
    report = built.models["claim-pack"]
    chart = report.sfc_by_month
    (panel,) = chart.panels
    claimed, received = panel.get("Claimed"), panel.get("Received")
    assert claimed.last == money_sum(report.sfc_frame["claimed"]) == report.headline[0].value
    assert received.last == money_sum(report.sfc_frame["received"])
    assert claimed.last != received.last  # the demo's SFC-P2 was paid short


def test_sfc_claimed_steps_up_in_the_month_each_claim_is_raised(built: Built) -> None:
    chart = built.models["claim-pack"].sfc_by_month
    lines = {i for i, line in built.books.config.income_lines.items() if not line.excluded}
    rows = built.query("SELECT year, month, meta('income-line') AS line, links, number "
                       "WHERE account = 'Income:Government:Covid:SFC'")
    wanted = {f"claim-{p}" for p in built.models["claim-pack"].sfc_frame["period"]}
    raised: dict[tuple[int, int], Decimal] = {}
    for year, month, line, links, number in rows:
        if line in lines and set(links) & wanted:
            raised[(year, month)] = raised.get((year, month), Decimal(0)) - number
    assert raised and len(built.books.config.income_lines) > len(lines)  # one is excluded
    claimed = chart.panels[0].get("Claimed").values
    steps = {m: b - a for m, a, b in zip(_months(chart)[1:], claimed, claimed[1:]) if b != a}
    if claimed[0]:
        steps[_months(chart)[0]] = claimed[0]
    assert steps == {m: v for m, v in raised.items() if v}
    # The chart runs on past the report period to the last claim and receipt.
    assert chart.starts[-1] > built.books.period.end


def test_sfc_chart_follows_a_claim_revised_down(tmp_path: Path) -> None:
    books = ReportBooks.of(Session.load(str(write(
        tmp_path, 'plugin "rules.all"\n' + SFC_REVISED_DOWN))), PRODUCED)
    report = claim_pack.build(books)
    claimed = report.sfc_by_month.panels[0].get("Claimed")
    assert claimed.last == money_sum(report.sfc_frame["claimed"]) == Decimal("225000.00")
    assert max(claimed.values) == Decimal("375000.00")
    assert "<svg" in charts.time_chart(report.sfc_by_month)


# -- COVID pressures by month ------------------------------------------------------------


def test_pressures_by_month_add_up_to_the_pressures_table(built: Built) -> None:
    report = built.models["claim-pack"]
    (panel,) = report.pressures_by_month.panels
    assert money_sum(s.total for s in panel.series) == report.pressures.totals["amount"]
    table: dict[str, Decimal] = {}
    for row in report.pressures.rows:
        table[row["category"]] = table.get(row["category"], Decimal(0)) + row["amount"]
    assert {s.name: s.total for s in panel.series} == table
    assert len(panel.series) > 1


def test_pressures_by_month_match_beanquery_months(built: Built) -> None:
    chart = built.models["claim-pack"].pressures_by_month
    rows = built.query("SELECT year, month, sum(number) WHERE account ~ '^Expenses:Covid:' "
                       f"AND {_period_sql(built.books)} GROUP BY year, month")
    expected = {(y, m): n for y, m, n in rows}
    (panel,) = chart.panels
    assert [money_sum(s.values[i] for s in panel.series) for i in range(len(chart.starts))] \
        == [expected.get(m, Decimal(0)) for m in _months(chart)]


# -- In the PDFs ---------------------------------------------------------------------------


@pytest.mark.parametrize(("report", "attribute"), CHARTS)
def test_chart_is_inline_svg_with_its_caption_in_the_pdf(built: Built, report: str,
                                                        attribute: str) -> None:
    chart = getattr(built.models[report], attribute)
    assert chart.has_data
    html = built.html[report]
    svg = re.search(r'<svg class="chart" role="img" aria-label="' + re.escape(chart.title)
                    + r'".*?</svg>', html, re.DOTALL)
    assert svg is not None, chart.title
    assert "<path" in svg.group(0) and 'href="http' not in svg.group(0).replace(
        'xmlns:xlink="http', "")
    assert chart.caption.startswith("£, ")
    assert "Source:" in chart.caption
    assert f"{built.books.period.start:%-d %B %Y}" in chart.caption
    text = squeeze(built.text[report])
    assert squeeze(chart.title) in text
    assert squeeze(chart.caption) in text


@pytest.mark.parametrize("report", sorted(BUILDERS))
def test_charts_on_one_page_share_no_id(built: Built, report: str) -> None:
    """Each id is a PDF anchor: two charts must not both define ``text_1``,
    and every reference still finds its marker or clip path."""
    svgs = re.findall(r"<svg .*?</svg>", built.html[report], re.DOTALL)
    assert len(svgs) >= {"grants-panel": 1}.get(report, 2)
    ids = [i for svg in svgs for i in re.findall(r' id="([^"]*)"', svg)]
    assert ids and len(ids) == len(set(ids))
    for svg in svgs:
        used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
        assert used <= set(re.findall(r' id="([^"]*)"', svg))


def test_horizontal_bars_are_drawn_by_matplotlib(built: Built) -> None:
    report = built.models["social-value"]
    svg = str(charts.bar_chart(report.local_chart))
    assert svg.startswith('<svg class="chart"') and svg in built.html["social-value"]
    total = report.local_spend.totals["amount"]
    for row in report.local_spend.rows:  # the same data as the table, with its share
        assert f"{row['where']}</text>" in svg
        assert f"£{row['amount']:,.2f} ({row['amount'] / total * 100:.1f}%)" in svg


def test_same_books_give_the_same_svg_bytes(built: Built, demo_dir: Path) -> None:
    def svgs(books: ReportBooks) -> list[str]:
        models = [build(books) for build in BUILDERS.values()]
        out = [str(charts.time_chart(getattr(m, a))) for m in models for a in
               ("paid_by_week", "spend_by_month", "sfc_by_month", "pressures_by_month")
               if hasattr(m, a)]
        out.append(str(charts.bar_chart(balance_sheet.build(books).retained_chart)))
        return out

    first = svgs(built.books)
    again = svgs(ReportBooks.of(Session.load(str(demo_dir / "main.beancount")), PRODUCED))
    assert len(first) == 5
    assert [s.encode() for s in first] == [s.encode() for s in again]
    assert not any("dc:date" in s or "<metadata" in s for s in first)


def test_ledger_text_in_a_chart_is_text(tmp_path: Path) -> None:
    """A series named with markup or dollar signs is escaped, and no TeX."""
    day = datetime.date(2020, 4, 1)
    chart = TimeSeries("Spend <b>", "£, by month, test. Source: test.", "£", "month",
                       (day, datetime.date(2020, 5, 1)),
                       (Panel("", (Series('Costs $x^2$ & <img src=x> id="a" style="b: c"',
                                          (Decimal(1), Decimal(2)), "bars"),)),))
    html = str(charts.time_chart(chart))
    assert "<img" not in html and "<b>" not in html
    assert 'Costs $x^2$ &amp; &lt;img src=x&gt; id="a" style="b: c"</text>' in html


def test_a_chart_with_nothing_to_show_says_so() -> None:
    day = datetime.date(2020, 4, 1)
    chart = TimeSeries("Paid", "£, test. Source: test.", "£", "month", (day,),
                       (Panel("", (Series("Paid", (Decimal(0),)),)),), empty="Nothing paid.")
    html = str(charts.time_chart(chart))
    assert "<svg" not in html and "Nothing paid." in html and "Source: test." in html
