"""A community hub's stock: PPE and food held at cost, donated stock at a
declared value, and what was issued, for the Hub page and the claims.

Stock is held the way Beancount holds any commodity: in lots at cost
(``open Assets:Stock:PPE MASK,GLOVE "FIFO"``, bought as ``10000 MASK {0.45
GBP}``, issued as ``-2000 MASK {}`` to ``Expenses:Covid:PPE``, which then
carries the lots' cost). Donated stock goes into ``Assets:Stock:Donated:*``
against ``Income:InKind`` at the ``value`` its ``cwl-item`` declares; a stock
count is a ``balance`` assertion, so Beancount itself reports a shortfall.
Staff redeployed to the hub (``cwl-redeployment`` naming a ``hub``) are
carried for the Hub page's cost per parcel, valued hours x rate.

What this rule adds:

- ``hub.claimed-in-kind``: donated stock issued to a COVID cost that the
  transaction claims from government (``claim:``, as the claims rule reads
  it): the council paid nothing for it, so nothing may be reimbursed;
- ``hub.donated-value``: donated stock booked at another value than its
  ``cwl-item`` declares (or with none declared), so in-kind income and the
  cost of what is issued rest on one figure;
- ``hub.unknown-item``: a commodity held in ``Assets:Stock`` that no
  ``cwl-item`` declares (no unit, no burn rate, no value), reported once at
  its first posting.

    plugin "rules.hub"
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import metadata
from ledger.accounts import COVID_PRESSURES, DONATED_STOCK, STOCK, under
from ledger.models import HubActivity, Item, Redeployment
from ledger.stock import GBP, ZERO, gbp_value
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding, gbp

__plugins__ = ("plugin",)


@dataclass(frozen=True)
class StockMove:
    """One posting into or out of a stock account, at its £ cost."""

    date: datetime.date
    account: str
    item: str  # the commodity
    units: Decimal  # negative when issued
    cost: Decimal  # £, negative when issued
    donated: bool
    meta: Any = field(compare=False, repr=False)  # its transaction's: a view keeps it or not


@dataclass
class HubAnalysis(Analysis):
    """Every stock movement in ledger order, the declared items and the
    hub's activity, and the findings."""

    moves: list[StockMove]
    items: dict[str, Item]
    activity: list[HubActivity]
    # Staff time redeployed to a hub (not cash: valued hours x rate).
    redeployments: list[Redeployment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """Whether the books keep hub stock, activity or staff time at all."""
        return bool(self.moves or self.items or self.activity or self.redeployments)


def _is_stock(posting: data.Posting) -> bool:
    return under(posting.account, STOCK) and posting.units.currency != GBP


def _item_check(entry: data.Transaction, posting: data.Posting, items: dict[str, Item],
                unknown: set[str], problems: list[Finding]) -> None:
    """``hub.unknown-item`` once per commodity; ``hub.donated-value`` on a
    donation at another value than the item's."""
    name = posting.units.currency
    item = items.get(name)
    if item is None:
        if name not in unknown:
            unknown.add(name)
            problems.append(finding(
                entry, f"{posting.account} holds {name}, which no cwl-item declares: "
                f'declare it (custom "cwl-item" "{name}" with unit and burn-rate)',
                "hub.unknown-item", name))
        return
    donated = under(posting.account, DONATED_STOCK) and posting.units.number > 0
    if not donated:
        return
    cost = posting.cost.number if posting.cost is not None else None
    if item.value is None or cost != item.value:
        declared = gbp(item.value) if item.value is not None else "no value"
        problems.append(finding(
            entry, f"Donated {posting.units} booked at "
            f"{gbp(cost) if cost is not None else 'no cost'} each but cwl-item "
            f'"{name}" declares {declared}: in-kind income and the cost of what is '
            "issued must rest on the declared value", "hub.donated-value", name))


def _claimed_in_kind(entry: data.Transaction, donated: list[data.Posting]) -> Finding | None:
    """Donated stock issued to a COVID cost the transaction claims."""
    claim = entry.meta.get(metadata.CLAIM)
    costs = [p for p in entry.postings if under(p.account, COVID_PRESSURES)]
    if not claim or not costs:
        return None
    value = -sum((gbp_value(p) for p in donated), ZERO)
    return finding(
        entry, f'Donated stock worth {gbp(value)} issued to {costs[0].account} is claimed '
        f'in "{claim}": the council paid nothing for it, so government reimburses '
        "nothing (issue it without claim:, or issue bought stock)",
        "hub.claimed-in-kind", str(claim))


def analyse(entries: list[data.Directive], context: RuleContext) -> HubAnalysis:
    """One pass over the transactions' stock postings; changes nothing."""
    items = context.config.items
    moves: list[StockMove] = []
    problems: list[Finding] = []
    unknown: set[str] = set()
    for entry in context.transactions(entries).select(roots=(STOCK,)):
        stock = [p for p in entry.postings if _is_stock(p)]
        if not stock:
            continue
        for posting in stock:
            _item_check(entry, posting, items, unknown, problems)
            moves.append(StockMove(
                entry.date, posting.account, posting.units.currency, posting.units.number,
                gbp_value(posting), under(posting.account, DONATED_STOCK), entry.meta))
        donated_out = [p for p in stock
                       if under(p.account, DONATED_STOCK) and p.units.number < 0]
        if donated_out and (problem := _claimed_in_kind(entry, donated_out)):
            problems.append(problem)
    staff = [r for r in context.config.redeployments if r.hub is not None]
    return HubAnalysis(moves, dict(items), list(context.config.hub_activity), staff, problems)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report stock claimed in kind, mis-valued donations and undeclared items."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
