"""Hub page: stock held at cost per item at the end of the view, days of
cover from each item's burn rate, the cost of a food parcel (parcel stock
issued at cost, plus redeployed staff time valued hours x rate, shown on
its own line because no cash was spent on it), and the hub's activity by
month.

Stock held is a balance, so it is summed over the whole ledger up to the
view's last day; what was issued and the activity are the view's own.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ledger.stock import ZERO
from reports.fava.pages.findings import FindingRow, finding_rows
from reports.fava.scope import Scope
from rules import hub
from rules.session import Session


@dataclass(frozen=True)
class StockRow:
    item: str
    title: str
    unit: str
    units: Decimal
    cost: Decimal  # £ at the lots' cost
    burn_rate: Decimal | None  # used a day, as declared
    days_cover: Decimal | None  # units / burn rate, whole days


@dataclass(frozen=True)
class ActivityMonth:
    month: str  # 2020-04
    requests: int
    food_parcels: int
    welfare_calls: int
    referrals: int


@dataclass(frozen=True)
class HubPage:
    active: bool  # the books keep hub stock or activity
    as_of: str  # the day stock is counted at
    stock: list[StockRow]
    stock_cost: Decimal
    issued_cost: Decimal  # all stock issued in the view, at cost
    parcel_cost: Decimal  # parcel items issued in the view, at cost
    staff_hours: Decimal  # redeployed to the hub in the view
    staff_time: Decimal  # those hours x their rates: not cash spent
    food_parcels: int
    cost_per_parcel: Decimal | None
    months: list[ActivityMonth]
    findings: list[FindingRow]


def stock_rows(moves: list[hub.StockMove], items: dict,
               end: datetime.date | None) -> list[StockRow]:
    """Each item held on ``end`` (all accounts, bought and donated), at cost."""
    units: defaultdict[str, Decimal] = defaultdict(Decimal)
    cost: defaultdict[str, Decimal] = defaultdict(Decimal)
    for move in moves:
        if end is None or move.date <= end:
            units[move.item] += move.units
            cost[move.item] += move.cost
    rows = []
    for name in sorted(units):
        if not units[name]:
            continue
        item = items.get(name)
        rate = item.burn_rate if item else None
        cover = (units[name] / rate).quantize(Decimal(1)) if rate else None
        rows.append(StockRow(name, item.title if item else "", item.unit if item else "",
                             units[name], cost[name], rate, cover))
    return rows


def activity_months(activity: list, scope: Scope) -> list[ActivityMonth]:
    """The declared activity dated in the view, summed by month."""
    sums: dict[str, list[int]] = {}
    for record in activity:
        if not in_view(record.date, scope):
            continue
        row = sums.setdefault(f"{record.date:%Y-%m}", [0, 0, 0, 0])
        for i, count in enumerate((record.requests, record.food_parcels,
                                   record.welfare_calls, record.referrals)):
            row[i] += count
    return [ActivityMonth(month, *counts) for month, counts in sorted(sums.items())]


def in_view(day: datetime.date, scope: Scope) -> bool:
    return not (scope.start and day < scope.start or scope.end and day > scope.end)


def build(scope: Scope, session: Session) -> HubPage:
    whole = session.hub
    as_of = scope.end or max((m.date for m in whole.moves), default=None)
    stock = stock_rows(whole.moves, whole.items, as_of)
    # The view's issues: the rule's moves its filters keep, not the rule run again.
    issued = [m for m in whole.moves
              if m.units < 0 and in_view(m.date, scope) and scope.keeps(m.meta)]
    parcel_items = {name for name, item in whole.items.items() if item.parcel}
    parcel_cost = -sum((m.cost for m in issued if m.item in parcel_items), ZERO)
    staff = [r for r in whole.redeployments if in_view(r.date, scope)]
    staff_time = sum((r.value for r in staff), ZERO)
    months = activity_months(whole.activity, scope)
    parcels = sum(m.food_parcels for m in months)
    per_parcel = ((parcel_cost + staff_time) / parcels).quantize(Decimal("0.01")) \
        if parcels else None
    return HubPage(
        whole.active, f"{as_of:%-d %b %Y}" if as_of else "", stock,
        sum((r.cost for r in stock), ZERO), -sum((m.cost for m in issued), ZERO),
        parcel_cost, sum((r.hours for r in staff), ZERO), staff_time, parcels, per_parcel,
        months,
        finding_rows(whole.findings, scope, session))
