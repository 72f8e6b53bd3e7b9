"""What each SFC income line is due, period by period: the 5%/75% scheme
worked cumulatively over the financial year."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from ledger.models import ClaimPeriod
from ledger.periods import financial_year
from rules.api import Finding, RuleContext, finding, gbp
from rules.claims.reading import Collected
from rules.claims.records import ZERO, LineClaim

PENNY = Decimal("0.01")

def _unrecorded(
    period: ClaimPeriod, recorded: list[ClaimPeriod], periods: dict[str, ClaimPeriod]
) -> str:
    """A hint naming the year's earlier SFC periods with no record of the
    line's loss, which then counts for nothing in the loss to date."""
    year = financial_year(period.start)
    seen = {p.id for p in recorded}
    missing = sorted(
        (p.start, p.id) for p in periods.values()
        if p.scheme == "sfc" and p.start < period.start
        and financial_year(p.start) == year and p.id not in seen)
    if not missing:
        return ""
    return (f" (no loss recorded for it in {', '.join(i for _, i in missing)}: record a "
            "period's loss, even with nothing claimed, with a 0.00 GBP posting carrying "
            "income-line, gross-loss and savings)")


def sfc_lines(
    seen: Collected, context: RuleContext, problems: list[Finding]
) -> list[LineClaim]:
    """Work out what is due per line and period, cumulatively per year."""
    settings = context.settings
    periods = context.config.claim_periods
    lines = context.config.income_lines
    by_line: defaultdict[str, list[ClaimPeriod]] = defaultdict(list)
    for period_id, line_id in seen.claimed:
        by_line[line_id].append(periods[period_id])
    results = []
    for line_id, line_periods in by_line.items():
        line = lines[line_id]
        deductible = (settings.sfc_deductible * line.budget).quantize(PENNY, ROUND_HALF_UP)
        year = None
        for period in sorted(line_periods, key=lambda p: (p.start, p.id)):
            if financial_year(period.start) != year:
                year = financial_year(period.start)
                loss_to_date = claimed_earlier = ZERO
            key = (period.id, line_id)
            loss, claimed = seen.loss[key], seen.claimed[key]
            loss_to_date += loss
            compensation = (settings.sfc_rate * max(ZERO, loss_to_date - deductible)
                            ).quantize(PENNY, ROUND_HALF_UP)
            due = compensation - claimed_earlier
            raised = seen.raised.get(period.id, ZERO)
            received = (claimed * seen.received.get(period.id, ZERO) / raised
                        ).quantize(PENNY, ROUND_HALF_UP) if raised else ZERO
            results.append(LineClaim(
                line_id, period.id, line.budget, loss, loss_to_date, deductible,
                compensation, claimed_earlier, due, claimed, received,
                None if key in seen.gross_unknown else seen.gross[key],
                None if key in seen.savings_unknown else seen.savings[key]))
            if claimed != due:
                problems.append(finding(
                    seen.anchor[key],
                    f'SFC claim {period.id} for income line "{line_id}" claims '
                    f"{gbp(claimed)} but {gbp(due)} is due: {settings.sfc_rate:.0%} of "
                    f"loss to date {gbp(loss_to_date)} above the {gbp(deductible)} "
                    f"deductible, less {gbp(claimed_earlier)} claimed earlier"
                    + _unrecorded(period, line_periods, periods),
                    "claims.sfc-amount", period.id))
            claimed_earlier += claimed
    return results
