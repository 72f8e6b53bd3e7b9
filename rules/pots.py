"""Check the council's one-off funding pots: reports filed, money spent in
time, match funding put in.

Councils live on "random one-off short-term single-issue funding pots",
each bid for and reported on. A pot is declared with ``custom "cwl-pot"``
(funder, kind, allocation, bid hours, spend-by, reports due, match
required, passed on to) and each report filed with ``cwl-pot-report``.
Money in and out of a pot is linked ``^pot-<id>``: its income postings are
what was received, its expense postings what was spent (those on a
transaction marked ``match: TRUE`` are the council's own match funding);
spend whose ``org-id`` is the pot's ``passed-on-to`` was passed on to that
body. Judged as of the books' last transaction:

- ``pots.report-overdue``: a report fell due and none was filed for it
  (the n-th report filed answers the n-th due date);
- ``pots.unspent-by-deadline``: the spend-by date has passed with less than
  the allocation spent by it (funders claw unspent money back);
- ``pots.match-short``: the spend-by date (or, without one, the books' end)
  has passed with less match funding spent than the pot asks for;
- ``pots.unknown-pot``: a ``^pot-`` link or a report names no declared pot.

    plugin "rules.pots"
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data

from ledger import accounts, metadata
from ledger.funding_models import Pot, PotReport
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding, gbp

__plugins__ = ("plugin",)

ZERO = Decimal(0)


@dataclass
class PotPosition:
    """One pot: its money, its reports, and the hours it cost."""

    pot: Pot
    received: Decimal = ZERO  # income postings linked to the pot
    spent: Decimal = ZERO  # expense postings linked to it, match funding apart
    spent_by_deadline: Decimal = ZERO  # of ``spent``, dated on or before spend-by
    passed_on: Decimal = ZERO  # of ``spent``, paid to the passed-on-to body
    match_spent: Decimal = ZERO  # the council's own match funding
    match_by_deadline: Decimal = ZERO
    reports: list[PotReport] = field(default_factory=list)
    overdue: list[datetime.date] = field(default_factory=list)  # due, not filed

    @property
    def unspent(self) -> Decimal:
        return self.pot.allocation - self.spent

    @property
    def report_hours(self) -> Decimal:
        return sum((r.hours for r in self.reports), ZERO)

    @property
    def hours(self) -> Decimal:
        """What the pot cost in officer time: bidding and reporting."""
        return self.pot.bid_hours + self.report_hours


@dataclass
class PotsAnalysis(Analysis):
    """Every declared pot's position as of the books' last transaction."""

    pots: list[PotPosition]
    as_of: datetime.date | None
    findings: list[Finding]


def analyse(entries: list[data.Directive], context: RuleContext) -> PotsAnalysis:
    """One pass over the transactions linked ``^pot-``; then each pot judged."""
    config = context.config
    positions = {pot_id: PotPosition(pot) for pot_id, pot in config.pots.items()}
    findings: list[Finding] = []
    transactions = context.transactions(entries)
    as_of = transactions.last_date
    for entry in transactions.select(links=(metadata.POT_LINK,)):
        pot_id = metadata.link_id(entry.links, metadata.POT_LINK)
        if pot_id is None:
            continue
        position = positions.get(pot_id)
        if position is None:
            findings.append(finding(
                entry, f"^pot-{pot_id} names no cwl-pot: declare the pot or correct the link",
                "pots.unknown-pot", pot_id))
            continue
        _record(position, entry)
    for report in config.pot_reports:
        if report.id in positions:
            positions[report.id].reports.append(report)
        else:
            findings.append(finding(
                report.meta, f'cwl-pot-report names pot "{report.id}", which is not declared',
                "pots.unknown-pot", report.id))
    if as_of is not None:
        for position in positions.values():
            findings.extend(_judge(position, as_of))
    return PotsAnalysis(list(positions.values()), as_of, findings)


def _record(position: PotPosition, entry: data.Transaction) -> None:
    """Add one linked transaction's postings to its pot."""
    meta = entry.meta or {}
    is_match = metadata.is_true(meta.get(metadata.MATCH))
    passed_on = position.pot.passed_on_to is not None and \
        str(meta.get(metadata.ORG_ID)) == position.pot.passed_on_to
    in_time = position.pot.spend_by is None or entry.date <= position.pot.spend_by
    for posting in entry.postings:
        number = posting.units.number
        if accounts.under(posting.account, accounts.INCOME):
            position.received -= number
        elif not accounts.under(posting.account, accounts.EXPENSES):
            continue
        elif is_match:
            position.match_spent += number
            position.match_by_deadline += number if in_time else ZERO
        else:
            position.spent += number
            position.spent_by_deadline += number if in_time else ZERO
            position.passed_on += number if passed_on else ZERO


def _judge(position: PotPosition, as_of: datetime.date) -> list[Finding]:
    """The pot's findings as of the books' last transaction."""
    pot, found = position.pot, []
    filed = sorted(r.date for r in position.reports)
    due = [d for d in pot.reports_due if d < as_of]
    position.overdue = due[len(filed):]
    if position.overdue:
        found.append(finding(
            pot.meta,
            f"Pot {pot.id}: report due {', '.join(map(str, position.overdue))} not filed "
            f"({len(filed)} filed of {len(due)} due by {as_of})",
            "pots.report-overdue", pot.id))
    if pot.spend_by is not None and pot.spend_by < as_of \
            and position.spent_by_deadline < pot.allocation:
        found.append(finding(
            pot.meta,
            f"Pot {pot.id}: {gbp(pot.allocation - position.spent_by_deadline)} of the "
            f"{gbp(pot.allocation)} allocation was unspent by its spend-by date "
            f"{pot.spend_by} (the funder may claw it back)",
            "pots.unspent-by-deadline", pot.id))
    deadline_passed = pot.spend_by is None or pot.spend_by < as_of
    if pot.match_required and deadline_passed and position.match_by_deadline < pot.match_required:
        found.append(finding(
            pot.meta,
            f"Pot {pot.id}: {gbp(position.match_by_deadline)} of match funding spent "
            f"(match: TRUE) against the {gbp(pot.match_required)} required",
            "pots.match-short", pot.id))
    return found


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report overdue reports, unspent money, short match; entries unchanged."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
