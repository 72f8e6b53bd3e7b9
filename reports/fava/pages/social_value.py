"""Social value page: per contract and measure, what the supplier committed
and what it delivered, valued at the ledger's own proxies, and the totals
by theme.

Deliveries count when dated in the time filter's period; commitments run for
the contract's term, so every one counts. Social value is declared, not
posted to accounts, so Fava's account filter does not narrow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.redaction import PUBLIC_LABEL
from reports.fava.pages.findings import FindingRow, finding_rows
from reports.fava.scope import Scope
from rules import social_value
from rules.session import Session
from rules.social_value import ContractMeasure, ThemeTotal

ZERO = Decimal(0)


@dataclass(frozen=True)
class MeasureRow:
    row: ContractMeasure
    supplier: str  # the supplier's name, never a person's
    delivered_share: Decimal | None  # delivered value / committed value


@dataclass(frozen=True)
class SocialValuePage:
    rows: list[MeasureRow]
    themes: list[ThemeTotal]
    committed: Decimal
    delivered: Decimal
    findings: list[FindingRow]  # declarations left out of the values


def build(scope: Scope, session: Session) -> SocialValuePage:
    deliveries = [d for d in session.config.deliveries if scope.covers(d.date, d.date)]
    found = social_value.analyse([], session.with_deliveries(deliveries))
    rows = [MeasureRow(
        r, PUBLIC_LABEL if session.redactor.is_individual(r.supplier)
        else r.supplier_name or r.supplier,
        r.delivered_value / r.committed_value if r.committed_value else None)
        for r in found.rows]
    return SocialValuePage(
        rows, found.themes, sum((t.committed_value for t in found.themes), ZERO),
        sum((t.delivered_value for t in found.themes), ZERO),
        finding_rows(session.social_value.findings, scope, session))
