"""Claims page: the sales, fees and charges (SFC) compensation worked out
per income line and claim period, COVID cost pressures by category split by
whether government asked for the task, and where each claim round stands.

SFC compensation is cumulative over the financial year, so its lines come
from the whole ledger; the page shows the claim periods the filter reaches.
Pressures and claim movements are the filtered transactions' own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports.fava.pages.findings import FindingRow, finding_rows
from reports.fava.scope import Scope
from rules import claims
from rules.claims import ClaimStatus, ExcludedLine, LineClaim, Pressure
from rules.session import Session

ZERO = Decimal(0)


@dataclass(frozen=True)
class ClaimRow:
    claim: ClaimStatus
    status: str  # ClaimStatus.state: received, outstanding, owed back...


@dataclass(frozen=True)
class ClaimsPage:
    active: bool  # the ledger declares income lines or claim periods
    sfc_lines: list[LineClaim]
    sfc_claimed: Decimal
    sfc_due: Decimal
    pressures: list[Pressure]
    pressure_total: Decimal
    claimable: Decimal
    claims: list[ClaimRow]
    excluded: list[ExcludedLine]  # income lines the SFC scheme does not cover
    findings: list[FindingRow]  # every claims.* finding in view


def build(scope: Scope, session: Session) -> ClaimsPage:
    config = session.config
    if not config.income_lines and not config.claim_periods:
        return ClaimsPage(False, [], ZERO, ZERO, [], ZERO, ZERO, [], [], [])
    here = claims.analyse(scope.entries, session.context)
    in_view = {(line.period, line.line) for line in here.sfc_lines}
    lines = [line for line in session.claims.sfc_lines if (line.period, line.line) in in_view]
    lines.sort(key=lambda line: (config.claim_periods[line.period].start, line.line))
    return ClaimsPage(
        True, lines, sum((line.claimed for line in lines), ZERO),
        sum((line.due for line in lines), ZERO), here.pressures,
        sum((p.amount for p in here.pressures), ZERO), here.claimable,
        [ClaimRow(c, c.state) for c in here.claims], here.excluded,
        finding_rows(session.claims.findings, scope, session))
