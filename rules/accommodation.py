"""Emergency accommodation ("Everyone In"): what each site cost per
occupied unit-night, month by month, and payments made after it closed.

A site is declared with ``cwl-site`` (units, from, to, contract); its
occupied unit-nights with a dated ``cwl-occupancy`` per month; its costs are
the expense postings of transactions tagged ``site: "<id>"``; staff
redeployed to it (``cwl-redeployment`` naming the ``site``) add their hours
x rate, kept apart from the cash. The cost per occupied unit-night of a
month is that month's cash and staff time over its unit-nights.

Findings:

- ``accommodation.paid-after-close``: a cost of a site dated more than the
  settings' ``site-final-bills`` days (30) after the site closed: nobody
  was housed there, so what is being paid for?
- ``accommodation.unknown-site``: a ``site:`` tag, a ``cwl-occupancy`` or a
  ``cwl-redeployment`` naming no declared ``cwl-site``;
- ``accommodation.over-capacity``: a month's ``cwl-occupancy`` above what the
  site can hold (its units times the nights it was open that month), at
  the declaration that took it over.

    plugin "rules.accommodation"
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import accounts, metadata
from ledger.accounts import under
from ledger.models import Site
from ledger.stock import ZERO, gbp_value
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding, gbp

__plugins__ = ("plugin",)


@dataclass
class SiteMonth:
    """One month of a site: its cost and occupied unit-nights."""

    month: datetime.date  # the month's first day
    cost: Decimal = ZERO  # cash: expense postings tagged site:
    unit_nights: int = 0
    staff_time: Decimal = ZERO  # redeployed staff, hours x rate: not cash

    @property
    def cost_per_night(self) -> Decimal | None:
        """Cash and redeployed staff time over the occupied unit-nights."""
        return (self.cost + self.staff_time) / self.unit_nights if self.unit_nights else None


@dataclass
class SiteRecord:
    site: Site
    months: dict[datetime.date, SiteMonth] = field(default_factory=dict)

    def month(self, day: datetime.date) -> SiteMonth:
        first = day.replace(day=1)
        return self.months.setdefault(first, SiteMonth(first))

    @property
    def cost(self) -> Decimal:
        return sum((m.cost for m in self.months.values()), ZERO)

    @property
    def unit_nights(self) -> int:
        return sum(m.unit_nights for m in self.months.values())

    @property
    def staff_time(self) -> Decimal:
        return sum((m.staff_time for m in self.months.values()), ZERO)

    @property
    def cost_per_night(self) -> Decimal | None:
        return ((self.cost + self.staff_time) / self.unit_nights
                if self.unit_nights else None)


@dataclass
class AccommodationAnalysis(Analysis):
    """Each declared site by month, and the findings."""

    sites: dict[str, SiteRecord]
    findings: list[Finding] = field(default_factory=list)


def _unknown(where: Any, site: str, what: str) -> Finding:
    return finding(where, f'{what} names site "{site}", which no cwl-site declares: '
                   "declare it or correct the name", "accommodation.unknown-site", site)


def _after_close(entry: Any, record: SiteRecord, cost: Decimal, grace: int) -> Finding:
    site = record.site
    return finding(
        entry, f'{gbp(cost)} for site "{site.id}" on {entry.date}, '
        f"{(entry.date - site.to).days} days after it closed on {site.to} (final bills "
        f"are allowed {grace} days): nobody was housed there; recover it or correct the "
        "site tag", "accommodation.paid-after-close", site.id)


def open_nights(site: Site, month: datetime.date) -> int:
    """The nights of ``month`` (its first day) the site was open, ``from``
    to ``to`` inclusive."""
    last = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    first_night, last_night = max(site.from_, month), min(site.to, last - datetime.timedelta(1))
    return max((last_night - first_night).days + 1, 0)


def _over_capacity(occupancy: Any, record: SiteRecord, nights: int) -> Finding:
    site = record.site
    month = occupancy.date.replace(day=1)
    capacity = site.units * open_nights(site, month)
    return finding(
        occupancy.meta, f'Site "{site.id}" declares {nights} occupied unit-nights in '
        f"{month:%B %Y} but can hold {capacity} ({site.units} units, "
        f"{open_nights(site, month)} nights open): a count is doubled or the units are "
        "understated", "accommodation.over-capacity", site.id)


def analyse(entries: list[data.Directive], context: RuleContext) -> AccommodationAnalysis:
    """One pass over the transactions tagged ``site:``; changes nothing."""
    config = context.config
    grace = context.settings.site_final_bills
    sites = {k: SiteRecord(s) for k, s in config.sites.items()}
    problems: list[Finding] = []
    for entry in context.transactions(entries).select(keys=(metadata.SITE,)):
        name = metadata.text_value(entry.meta.get(metadata.SITE))
        if name is None:
            continue
        record = sites.get(name)
        if record is None:
            problems.append(_unknown(entry, name, "This cost"))
            continue
        cost = sum((gbp_value(p) for p in entry.postings
                    if under(p.account, accounts.EXPENSES)), ZERO)
        record.month(entry.date).cost += cost
        if (entry.date - record.site.to).days > grace:
            problems.append(_after_close(entry, record, cost, grace))
    for occupancy in config.occupancy:
        record = sites.get(occupancy.id)
        if record is None:
            problems.append(_unknown(occupancy.meta, occupancy.id, "cwl-occupancy"))
            continue
        month = record.month(occupancy.date)
        capacity = record.site.units * open_nights(record.site, month.month)
        within = month.unit_nights <= capacity
        month.unit_nights += occupancy.unit_nights
        if within and month.unit_nights > capacity:
            problems.append(_over_capacity(occupancy, record, month.unit_nights))
    for staff in config.redeployments:
        if staff.site is None:
            continue
        record = sites.get(staff.site)
        if record is None:
            problems.append(_unknown(staff.meta, staff.site, "cwl-redeployment"))
            continue
        record.month(staff.date).staff_time += staff.value
    return AccommodationAnalysis(sites, problems)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report site costs paid after close, occupancy above capacity and
    names of no declared site."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
