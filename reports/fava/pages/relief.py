"""Supplier relief page: per contract, relief paid in the filtered period
under PPN 02/20 and 04/20, the open-book reconciled cost, what was
recovered, what the supplier still owes, and whether relief ran past the
contract's exit date."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.redaction import PUBLIC_LABEL
from reports.fava.links import SourceLink, source_link
from reports.fava.pages.findings import FindingRow, finding_rows
from reports.fava.scope import Scope
from rules import supplier_relief
from rules.session import Session

ZERO = Decimal(0)


@dataclass(frozen=True)
class ContractRow:
    contract: str
    title: str
    supplier: str
    paid: Decimal
    reconciled_cost: Decimal | None  # None until reconciled
    recovered: Decimal
    outstanding: Decimal | None  # None until reconciled
    past_exit: bool
    exit_date: str
    source: SourceLink


@dataclass(frozen=True)
class ReliefPage:
    contracts: list[ContractRow]
    paid: Decimal
    recovered: Decimal
    outstanding: Decimal
    exceptions: list[FindingRow]


def build(scope: Scope, session: Session) -> ReliefPage:
    found = supplier_relief.analyse(scope.entries, session.context).contracts
    organisations = session.config.organisations
    rows = []
    for contract_id, relief in sorted(found.items()):
        contract = relief.contract
        supplier = contract.supplier if contract else ""
        org = organisations.get(supplier)
        rows.append(ContractRow(
            contract_id, session.text(contract.title or "") if contract else "(not declared)",
            PUBLIC_LABEL if session.redactor.is_individual(supplier)
            else org.name if org else supplier, relief.paid, relief.actual_cost,
            relief.recovered, relief.outstanding, relief.past_exit,
            str(contract.exit_date or "") if contract else "",
            source_link(contract.meta if contract
                        else relief.payments[0].meta if relief.payments else None)))
    return ReliefPage(
        rows, sum((r.paid for r in rows), ZERO), sum((r.recovered for r in rows), ZERO),
        sum((r.outstanding or ZERO for r in rows), ZERO),
        finding_rows(session.relief.findings, scope, session))
