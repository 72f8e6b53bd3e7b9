"""A claimed loss the books do not bear out: an SFC line's relevant loss in
a claim period above what the line actually fell short by, its budget share
for the period less the income posted to its account in it.

The budget share is the line's annual budget apportioned by days (the
period's days over its financial year's); the income posted is what the
line's ``cwl-income-line`` account took in the period. A relevant loss is
gross loss less savings, so it can never honestly exceed that shortfall:
one that does was overstated, or the income was booked elsewhere
(``claims.loss-exceeds-shortfall``).

Read in its own pass over the transactions, touching only postings to the
declared lines' accounts, and only when there are SFC lines to check.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from beancount.core import data

from ledger.periods import financial_year
from ledger.transactions import Transactions
from rules.api import Finding, RuleContext, finding, gbp
from rules.claims.reading import Collected
from rules.claims.records import ZERO, LineClaim

PENNY = Decimal("0.01")


def _income_posted(transactions: Transactions, accounts: frozenset[str]
                   ) -> dict[str, list[tuple[datetime.date, Decimal]]]:
    """(date, income) of every posting to ``accounts``, by account."""
    posted: defaultdict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for entry in transactions.select(roots=tuple(sorted(accounts))):
        for posting in entry.postings:
            if posting.account in accounts and posting.units.currency == "GBP":
                posted[posting.account].append((entry.date, -posting.units.number))
    return posted


def shortfall_findings(entries: list[data.Directive], lines: list[LineClaim],
                       seen: Collected, context: RuleContext) -> list[Finding]:
    """A finding per line and period whose relevant loss exceeds its shortfall."""
    if not lines:
        return []
    config = context.config
    income_lines = config.income_lines
    posted = _income_posted(context.transactions(entries),
                            frozenset(income_lines[c.line].account for c in lines))
    found = []
    for claim in lines:
        line, period = income_lines[claim.line], config.claim_periods[claim.period]
        year = financial_year(period.start)
        days = Decimal((period.end - period.start).days + 1)
        year_days = Decimal((year.end - year.start).days + 1)
        share = (line.budget * days / year_days).quantize(PENNY, ROUND_HALF_UP)
        income = sum((n for day, n in posted.get(line.account, ())
                      if period.start <= day <= period.end), ZERO)
        shortfall = share - income
        if claim.loss_in_period > shortfall:
            found.append(finding(
                seen.anchor[(period.id, line.id)],
                f'SFC claim {period.id}, income line "{line.id}": relevant loss '
                f"{gbp(claim.loss_in_period)} is more than the line fell short by, "
                f"{gbp(shortfall)} (its budget share for the period {gbp(share)} less "
                f"{gbp(income)} posted to {line.account})",
                "claims.loss-exceeds-shortfall", period.id))
    return found
