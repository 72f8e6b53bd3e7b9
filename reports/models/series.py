"""Charts over time, as plain data: the figures a report plots by week or
month, kept in the report model beside its tables so a test can add them up
against those tables, and so Fava or JSON gets the same numbers as the PDF.

Each chart answers one question over time:

- **Grants paid by week against funding** (grant panel pack): is each scheme
  paying out within the money government gave it? Cumulative payments (the
  grants rule's, recoveries left out as in the panel's "Paid") beside the
  scheme's declared ``funding`` and the funding received on
  ``Income:Government:GrantFunding:<scheme>``.
- **Spend with suppliers by month and place** (social value report): does
  the council's spend stay local month by month? The local spend rule's
  payments, by the supplier's place.
- **SFC compensation claimed and received** (claim pack): has government
  paid what was claimed? The claims rule's claimed and received amounts,
  cumulative by month.
- **COVID spending pressures by month and category** (claim pack): when did
  each pressure bite? The claims rule's pressures, month by month.

The claims rule works out totals, not dates: its monthly figures here are
the rule itself run over each month's transactions, so they add up to the
rule's own totals by construction and follow any change to what it counts.
Money stays ``Decimal``; only the chart drawing (``reports.pdf.charts``)
turns it into floats.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pandas as pd
from beancount.core import data

from ledger import accounts, metadata
from ledger.periods import Period
from reports.models.books import ReportBooks
from reports.models.tables import ZERO, money_sum
from rules import claims

Step = Literal["week", "month"]
Style = Literal["bars", "line", "level"]
PENNY = Decimal("0.01")
MAX_PANELS = 6  # schemes charted one panel each; any more share a last panel
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
          "Dec")


@dataclass(frozen=True)
class Series:
    """One named run of values, one per step of its chart. ``bars`` stack
    with the chart's other bars; a ``line`` joins its values; a ``level`` is
    a limit drawn dashed (a scheme's funding allocation)."""

    name: str
    values: tuple[Decimal, ...]
    style: Style = "line"

    @property
    def total(self) -> Decimal:
        return money_sum(self.values)

    @property
    def last(self) -> Decimal:
        return self.values[-1] if self.values else ZERO


@dataclass(frozen=True)
class Panel:
    """One plot of a chart; ``title`` is empty when the chart has one."""

    title: str
    series: tuple[Series, ...]

    def get(self, name: str) -> Series | None:
        return next((s for s in self.series if s.name == name), None)


@dataclass(frozen=True)
class TimeSeries:
    """A chart over time: values per week or month (``starts`` holds each
    step's first day), in one or more panels, with a caption giving the
    unit, the period and the source."""

    title: str
    caption: str
    unit: str
    step: Step
    starts: tuple[datetime.date, ...]
    panels: tuple[Panel, ...]
    empty: str = "Nothing to chart in the period."

    @property
    def labels(self) -> tuple[str, ...]:
        """Each step as text: ``Apr 2020``, or ``w/c 6 Apr 2020`` by week."""
        if self.step == "month":
            return tuple(f"{MONTHS[d.month - 1]} {d.year}" for d in self.starts)
        return tuple(f"w/c {d.day} {MONTHS[d.month - 1]} {d.year}" for d in self.starts)

    @property
    def has_data(self) -> bool:
        return any(v for p in self.panels for s in p.series for v in s.values)

    def series(self, name: str) -> list[Series]:
        """Every panel's series called ``name``."""
        return [s for p in self.panels for s in p.series if s.name == name]


# -- Steps --------------------------------------------------------------------------------


def step_start(day: datetime.date, step: Step) -> datetime.date:
    """The first day of the week (Monday) or month ``day`` is in."""
    if step == "month":
        return day.replace(day=1)
    return day - datetime.timedelta(days=day.weekday())


def steps(first: datetime.date, last: datetime.date, step: Step) -> tuple[datetime.date, ...]:
    """The first day of every week or month from ``first``'s to ``last``'s."""
    day, out = step_start(first, step), []
    while day <= last:
        out.append(day)
        if step == "week":
            day += datetime.timedelta(days=7)
        else:
            day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return tuple(out)


def per_step(starts: Sequence[datetime.date], step: Step,
             amounts: Iterable[tuple[datetime.date, Decimal]]) -> tuple[Decimal, ...]:
    """The amounts summed per step; ``starts`` must hold every date's step."""
    sums: defaultdict[datetime.date, Decimal] = defaultdict(Decimal)
    for day, amount in amounts:
        sums[step_start(day, step)] += amount
    return tuple(sums.get(start, ZERO) for start in starts)


def running(values: Iterable[Decimal]) -> tuple[Decimal, ...]:
    """Running totals."""
    total, out = ZERO, []
    for value in values:
        total += value
        out.append(total)
    return tuple(out)


def dates(period: Period) -> str:
    return f"{period.start:%-d %B %Y} – {period.end:%-d %B %Y}"


def _months(starts: Sequence[datetime.date]) -> str:
    first, last = starts[0], starts[-1]
    return f"{MONTHS[first.month - 1]} {first.year} – {MONTHS[last.month - 1]} {last.year}"


# -- Grants paid by week ---------------------------------------------------------------


PAID, ALLOCATED, RECEIVED = "Paid", "Funding allocated", "Funding received"


def grants_paid_by_week(books: ReportBooks) -> TimeSeries:
    """Per scheme, grants paid in the period, cumulative by week, against
    the scheme's declared ``funding`` and the funding received in the
    period (credits to ``Income:Government:GrantFunding:<scheme>``)."""
    period = books.period
    starts = steps(period.start, period.end, "week")
    received: defaultdict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for day, scheme, number in books.moves_under(accounts.GRANT_FUNDING):
        if scheme is not None and day in period:
            received[scheme].append((day, -number))
    panels: list[tuple[Decimal, str, dict[str, tuple[Decimal, ...]]]] = []
    for code in sorted(set(books.grants.schemes) | set(received)):
        scheme = books.grants.schemes.get(code)
        declared = scheme.declared if scheme else books.config.schemes.get(code)
        paid = running(per_step(starts, "week", (
            (p.date, p.amount) for p in (scheme.payments if scheme else [])
            if p.date in period and not p.recovery)))
        lines = {PAID: paid}
        if code in received:
            lines[RECEIVED] = running(per_step(starts, "week", received[code]))
        if declared is not None and declared.funding is not None:
            lines[ALLOCATED] = (declared.funding,) * len(starts)
        if any(v for values in lines.values() for v in values):
            panels.append((paid[-1] if paid else ZERO, code, lines))
    panels.sort(key=lambda p: (-p[0], p[1]))
    if len(panels) > MAX_PANELS:
        rest = panels[MAX_PANELS - 1:]
        merged: dict[str, tuple[Decimal, ...]] = {}
        for _, _, lines in rest:
            for name, values in lines.items():
                before = merged.get(name, (ZERO,) * len(starts))
                merged[name] = tuple(a + b for a, b in zip(before, values))
        panels = panels[:MAX_PANELS - 1] + [
            (money_sum(p[0] for p in rest), f"Other schemes ({len(rest)})", merged)]
    styles: dict[str, Style] = {PAID: "line", RECEIVED: "line", ALLOCATED: "level"}
    return TimeSeries(
        "Grants paid by week against funding",
        f"£, cumulative, by week (weeks from Monday), {dates(period)}, one panel per "
        "scheme. Source: paid is the grants rule's payments on ^award- links dated in the "
        "period, recoveries not netted (as Paid in the table); funding allocated is the "
        "scheme's cwl-scheme funding; funding received is the credits to "
        f"{accounts.GRANT_FUNDING}:<scheme> dated in the period.",
        "£", "week", starts,
        tuple(Panel(code, tuple(Series(name, values, styles[name])
                                for name, values in lines.items()))
              for _, code, lines in panels),
        empty="No grant was paid and no grant funding came in during the period.")


# -- Local spend by month ----------------------------------------------------------------


def spend_by_month(books: ReportBooks, spend: pd.DataFrame,
                   places: dict[str, str]) -> TimeSeries:
    """The period's payments to suppliers (``books.spend_in``), by month and
    by the supplier's place; ``places`` maps each place to its label, in
    the order to stack them."""
    period = books.period
    starts = steps(period.start, period.end, "month")
    series = []
    for place, label in places.items():
        mine = spend[spend["place"] == place]
        values = per_step(starts, "month", zip(mine["date"], mine["amount"]))
        series.append(Series(label, values, "bars"))
    return TimeSeries(
        "Spend with suppliers by month and where they are",
        f"£, by month, {dates(period)}, net of refunds. Source: local spend rule, payments "
        f"out of {accounts.BANK} to suppliers, placed by the supplier's postcode against "
        "cwl-area.",
        "£", "month", starts, (Panel("", tuple(series)),),
        empty="No payments to suppliers in the period.")


# -- Claims by month ---------------------------------------------------------------------


def _by_month(entries: Iterable[data.Transaction]) -> dict[datetime.date, list]:
    months: defaultdict[datetime.date, list] = defaultdict(list)
    for entry in entries:
        months[step_start(entry.date, "month")].append(entry)
    return dict(sorted(months.items()))


CLAIMED, CLAIM_RECEIVED = "Claimed", "Received"


def sfc_claimed_received(books: ReportBooks, wanted: set[str]) -> TimeSeries:
    """SFC compensation claimed and received for the claim periods in
    ``wanted``, cumulative by month to the last claim or receipt: the claims
    rule run over each month's ``^claim-`` transactions. Received is the
    claim's receipts shared to its income lines pro rata, as in the claim
    pack's table, so the last month equals the table's totals."""
    whole = books.claims
    declared = books.config.claim_periods
    sfc = {c for c in wanted if c in declared and declared[c].scheme == "sfc"}
    linked = (e for e in books.transactions
              if metadata.link_id(e.links, metadata.CLAIM_LINK) in sfc)
    monthly = {month: claims.analyse(entries, books.context)
               for month, entries in _by_month(linked).items()}
    # The table's received per claim (lines' pro rata share) over the claim's receipts.
    lines_received: defaultdict[str, Decimal] = defaultdict(Decimal)
    for line in whole.sfc_lines:
        if line.period in sfc:
            lines_received[line.period] += line.received
    receipts = {c.claim: c.received for c in whole.claims if c.claim in sfc}

    first = min([declared[c].start for c in sfc] + list(monthly) + [books.period.start])
    last = max(list(monthly) + [books.period.end])
    starts = steps(first, last, "month")
    claimed, received = [], []
    so_far: defaultdict[str, Decimal] = defaultdict(Decimal)
    for start in starts:
        analysis = monthly.get(start)
        claimed.append(money_sum(line.claimed for line in analysis.sfc_lines
                                 if line.period in sfc) if analysis else ZERO)
        for status in analysis.claims if analysis else []:
            if status.claim in sfc:
                so_far[status.claim] += status.received
        received.append(money_sum(
            (lines_received[c] * so_far[c] / receipts[c]).quantize(PENNY)
            if receipts.get(c) else ZERO for c in so_far))
    listed = ", ".join(sorted(sfc)) or "none"
    return TimeSeries(
        "SFC compensation claimed and received",
        f"£, cumulative, by month, {_months(starts)}: the SFC claim periods overlapping "
        f"{dates(books.period)} ({listed}), to their last claim or receipt in the ledger. "
        f"Source: claims rule; claimed is the {accounts.SFC_COMPENSATION} postings on "
        f"^claim- links, received the receipts into {accounts.CLAIMS_RECEIVABLE}, shared "
        "to income lines pro rata as in the table.",
        "£", "month", starts,
        (Panel("", (Series(CLAIMED, running(claimed)),
                    Series(CLAIM_RECEIVED, tuple(received)))),),
        empty="No SFC claim for the period.")


def pressures_by_month(books: ReportBooks) -> TimeSeries:
    """COVID spending pressures by month and category over the period: the
    claims rule run over each month's transactions in the period, so the
    months add up to the period's pressures table."""
    period = books.period
    starts = steps(period.start, period.end, "month")
    monthly = {month: claims.analyse(entries, books.context) for month, entries in
               _by_month(e for e in books.transactions if e.date in period).items()}
    categories: dict[str, str] = {}
    for analysis in monthly.values():
        for pressure in analysis.pressures:
            categories.setdefault(pressure.category, pressure.title)
    series = []
    for category in sorted(categories):
        values = tuple(money_sum(p.amount for p in monthly[s].pressures
                                 if p.category == category) if s in monthly else ZERO
                       for s in starts)
        series.append(Series(categories[category], values, "bars"))
    return TimeSeries(
        "COVID spending pressures by month and category",
        f"£, by month, {dates(period)}, net of refunds and credit notes, government-"
        "requested or not. Source: claims rule, Expenses:Covid:<category> postings "
        "dated in the period.",
        "£", "month", starts, (Panel("", tuple(series)),),
        empty="No COVID spending in the period.")
