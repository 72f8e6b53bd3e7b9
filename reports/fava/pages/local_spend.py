"""Local spend page: where the council's payments in the filtered period
went (its own area, its region, elsewhere, or unknown), by month and by the
biggest suppliers, with a chart.

People are never named: every payee the redaction rules call personal is
counted in one "Individuals" row, as in the published spend data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ledger.models import LocalArea
from reports.fava.chart import Chart, stacked_columns
from reports.fava.pages.findings import FindingRow, finding_rows
from reports.fava.scope import Scope
from reports.pdf.formatting import money
from rules.local_spend import ELSEWHERE, OWN_AREA, REGION, UNKNOWN
from rules.session import Session

ZERO = Decimal(0)
CLASSES = (OWN_AREA, REGION, ELSEWHERE, UNKNOWN)
TOP = 15


@dataclass(frozen=True)
class ClassTotal:
    local_class: str
    label: str
    amount: Decimal
    share: Decimal | None  # of all classed spend


@dataclass(frozen=True)
class MonthRow:
    month: str  # 2020-04
    amounts: list[Decimal]  # in CLASSES order
    total: Decimal


@dataclass(frozen=True)
class SupplierRow:
    name: str
    local_class: str
    payments: int
    amount: Decimal


@dataclass(frozen=True)
class LocalSpendPage:
    area: str | None  # None when the ledger declares no cwl-area
    classes: list[ClassTotal]
    total: Decimal
    months: list[MonthRow]
    suppliers: list[SupplierRow]
    individuals: int  # payees hidden in the Individuals row
    chart: Chart | None
    findings: list[FindingRow]  # bad postcodes and area words


def _labels(area: LocalArea) -> dict[str, str]:
    return {OWN_AREA: f"Own area ({area.id})", REGION: f"Region ({area.region_name})",
            ELSEWHERE: "Elsewhere", UNKNOWN: "Unknown (no postcode)"}


def build(scope: Scope, session: Session) -> LocalSpendPage:
    area = session.config.area
    findings = finding_rows(session.local_spend.findings, scope, session)
    if area is None:
        return LocalSpendPage(None, [], ZERO, [], [], 0, None, findings)
    labels = _labels(area)
    analysis, redactor = session.local_spend, session.redactor
    by_class = dict.fromkeys(CLASSES, ZERO)
    by_month: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(CLASSES, ZERO))
    suppliers: dict[str, list] = {}  # supplier -> [name, class, payments, amount]
    people: set[str] = set()
    for entry in scope.entries:
        payment = analysis.payment_of(entry)
        if payment is None:
            continue
        payee, amount, cls = payment.payee, payment.amount, payment.payee.local_class
        month = entry.date.isoformat()[:7]
        by_class[cls] += amount
        by_month[month][cls] += amount
        if redactor.decide(entry).personal:
            people.add(payee.org_id or entry.payee or "")
            key = name = ""
        else:
            key = payee.org_id or entry.payee or entry.narration
            name = entry.payee or payee.name or key
        row = suppliers.setdefault(key, [name, cls, 0, ZERO])
        row[2] += 1
        row[3] += amount
    total = sum(by_class.values(), ZERO)
    classes = [ClassTotal(c, labels[c], by_class[c], by_class[c] / total if total else None)
               for c in CLASSES]
    months = [MonthRow(m, [by_month[m][c] for c in CLASSES], sum(by_month[m].values(), ZERO))
              for m in sorted(by_month)]
    top = sorted(suppliers.items(), key=lambda kv: (-kv[1][3], kv[0]))[:TOP]
    rows = [SupplierRow(name, labels[cls], count, amount) if key
            else SupplierRow(f"Individuals ({len(people)})", "(several)", count, amount)
            for key, (name, cls, count, amount) in top]
    chart = stacked_columns(
        [m.month for m in months], [labels[c] for c in CLASSES],
        {(m.month, labels[c]): a for m in months for c, a in zip(CLASSES, m.amounts)},
        money) if months else None
    return LocalSpendPage(area.id, classes, total, months, rows, len(people), chart, findings)
