"""Supplier relief: payments under PPN 02/20 and 04/20 keep to their terms.

From March to October 2020 councils could keep paying suppliers whose
delivery the pandemic had stopped, in advance, on account or on order, on
conditions: only during the policy notes' dates, under a transition plan
with an exit date after June, advances capped at a share of the contract's
value, no relief for staff the supplier furloughed under the Job Retention
Scheme, and an open-book reconciliation against actual cost afterwards,
with any overpayment recovered.

A relief payment is a transaction with ``relief-type`` and ``contract``
metadata and a positive ``Expenses:Contracts:<service>`` posting; a
recovery (``recovery: TRUE``, linked ``^contract-<id>``) has a negative one.
Contracts and reconciliations are declared with ``cwl-contract`` and
``cwl-reconciliation``. A relief payment after its contract's agreed
``exit-date`` is an error whenever it falls (``relief.after-exit``), and so
is an ``exit-date`` later than PPN 04/20 allows (``relief.exit-date``, at
the contract). Books without relief payments or contracts are left alone.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import accounts
from ledger import metadata as md
from ledger.models import Contract, Reconciliation, Settings
from ledger.transactions import Transactions
from rules.api import Analysis, Finding, RuleContext, as_plugin, gbp

__plugins__ = ("plugin",)

ZERO = Decimal(0)
_CONTRACTS = accounts.CONTRACTS + ":"


@dataclass(eq=False)
class ReliefPayment:
    """A relief payment, or (``recovery``) an overpayment recovered."""

    contract_id: str | None
    date: datetime.date
    relief_type: str | None
    amount: Decimal
    recovery: bool
    meta: dict[str, Any]


@dataclass
class ContractRelief:
    """Relief paid on one contract and how it was reconciled.

    ``reconciliation`` is the latest declared; ``contract`` is None when the
    ledger pays relief on a contract it never declared.
    """

    contract_id: str
    contract: Contract | None
    paid_by_type: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    recovered: Decimal = ZERO
    reconciliation: Reconciliation | None = None
    past_exit: bool = False  # relief was paid after the contract's exit date
    payments: list[ReliefPayment] = field(default_factory=list)
    recoveries: list[ReliefPayment] = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return sum(self.paid_by_type.values(), ZERO)

    @property
    def actual_cost(self) -> Decimal | None:
        return self.reconciliation.actual_cost if self.reconciliation else None

    @property
    def owed(self) -> Decimal:
        """Relief paid beyond actual cost and not yet recovered, signed."""
        return self.paid - (self.actual_cost or ZERO) - self.recovered

    @property
    def outstanding(self) -> Decimal | None:
        """What the supplier still owes back; None until reconciled."""
        return max(self.owed, ZERO) if self.reconciliation else None


@dataclass
class ReliefAnalysis(Analysis):
    """Relief paid, reconciled and recovered per contract, and the rules
    broken on the way."""

    contracts: dict[str, ContractRelief]
    findings: list[Finding]

    @property
    def recoveries(self) -> list[ReliefPayment]:
        """Every overpayment paid back, in ledger order."""
        found = [m for r in self.contracts.values() for m in r.recoveries]
        return sorted(found, key=lambda m: m.date)


def _read(transactions: Transactions) -> tuple[list[ReliefPayment], datetime.date | None]:
    """The one pass over the transactions marked as relief or a recovery:
    relief payments and recoveries in ledger order, and the last
    transaction's date."""
    moves: list[ReliefPayment] = []
    for entry in transactions.select(keys=(md.RELIEF_TYPE, md.RECOVERY)):
        meta = entry.meta
        recovery = md.is_true(meta.get(md.RECOVERY))
        if md.RELIEF_TYPE not in meta and not recovery:
            continue
        amount = sum((p.units.number for p in entry.postings
                      if p.account.startswith(_CONTRACTS)), ZERO)
        contract = meta.get(md.CONTRACT)
        if recovery:
            contract_id = md.link_id(entry.links, md.CONTRACT_LINK) or contract
            if amount < 0 and contract_id:
                moves.append(ReliefPayment(str(contract_id), entry.date, None, -amount,
                                           True, meta))
        elif amount > 0:
            moves.append(ReliefPayment(None if contract is None else str(contract), entry.date,
                                       str(meta[md.RELIEF_TYPE]), amount, False, meta))
    return moves, transactions.last_date


class _Checker:
    """The rules, applied to what ``_read`` found."""

    def __init__(self, context: RuleContext) -> None:
        self.settings: Settings = context.settings
        self.declared = context.config.contracts
        self.contracts: dict[str, ContractRelief] = {}
        self.findings: list[Finding] = []
        self.capped: set[str] = set()  # contracts already over the advance cap

    def find(self, meta: dict[str, Any], message: str, code: str,
             concerns: str | None = None) -> None:
        self.findings.append(Finding(code, message, meta, concerns))

    def relief(self, contract_id: str) -> ContractRelief:
        if contract_id not in self.contracts:
            self.contracts[contract_id] = ContractRelief(
                contract_id, self.declared.get(contract_id))
        return self.contracts[contract_id]

    def payment(self, pay: ReliefPayment) -> None:
        """Rules on one relief payment, in ledger order."""
        s = self.settings
        on = f" on {pay.contract_id}" if pay.contract_id else ""
        what = f"Relief payment of {gbp(pay.amount)} ({pay.relief_type}){on}"
        if pay.relief_type not in md.RELIEF_TYPES:
            self.find(pay.meta, f"{what}: relief-type must be one of "
                      f"{', '.join(md.RELIEF_TYPES)}", "relief.type",
                      pay.contract_id)
        outside = not s.ppn0220_start <= pay.date <= s.ppn0420_end
        if outside:
            self.find(pay.meta, f"{what} dated {pay.date} is outside PPN 02/20 and "
                      f"04/20 ({s.ppn0220_start} to {s.ppn0420_end})", "relief.outside-ppn",
                      pay.contract_id)
        if pay.contract_id is None:
            self.find(pay.meta, f"{what} has no contract: metadata naming its "
                      "cwl-contract", "relief.unknown-contract",
                      pay.contract_id)
            return
        record = self.relief(pay.contract_id)
        record.payments.append(pay)
        record.paid_by_type[pay.relief_type] += pay.amount
        contract = record.contract
        if contract is None:
            self.find(pay.meta, f"{what} names a contract not declared with "
                      "cwl-contract", "relief.unknown-contract",
                      pay.contract_id)
            return
        exit_date = contract.exit_date
        past_exit = exit_date is not None and pay.date > exit_date
        if past_exit:
            record.past_exit = True
        # One error per payment: outside the notes says it all.
        if not outside and past_exit:
            self.find(pay.meta, f"{what} dated {pay.date} is after the contract's "
                      f"agreed exit date {exit_date}", "relief.after-exit",
                      pay.contract_id)
        elif not outside and pay.date > s.ppn0220_end \
                and not (contract.transition_plan and exit_date):
            self.find(pay.meta, f"{what} dated {pay.date} falls under PPN 04/20, "
                      "which needs an agreed transition plan with an exit date",
                      "relief.no-transition-plan", pay.contract_id)
        cap = s.advance_cap_share * contract.value
        advanced = record.paid_by_type.get("advance", ZERO)
        if pay.relief_type == "advance" and advanced > cap and contract.id not in self.capped:
            self.capped.add(contract.id)
            self.find(pay.meta, f"{what} brings advances to {gbp(advanced)}, over "
                      f"{s.advance_cap_share:%} of the contract value "
                      f"{gbp(contract.value)} ({gbp(cap)})", "relief.advance-cap",
                      pay.contract_id)
        if contract.furlough_from or contract.furlough_to:
            start = contract.furlough_from or datetime.date.min
            end = contract.furlough_to or datetime.date.max
            if start <= pay.date <= end:
                self.find(pay.meta, f"{what} dated {pay.date} falls while the supplier "
                          f"claimed furlough (CJRS) for the contract's staff "
                          f"({contract.furlough_from or '…'} to "
                          f"{contract.furlough_to or '…'}): double recovery",
                          "relief.double-recovery", pay.contract_id)

    def exit_dates(self) -> None:
        """An agreed exit date must fall within PPN 04/20."""
        end = self.settings.ppn0420_end
        for contract in self.declared.values():
            if contract.exit_date is not None and contract.exit_date > end:
                self.find(contract.meta, f"Contract {contract.id}: exit-date "
                          f"{contract.exit_date} is after PPN 04/20 ended ({end}); "
                          "a transition plan must exit by then", "relief.exit-date",
                          contract.id)

    def run(self, moves: list[ReliefPayment], reconciliations: list[Reconciliation],
            last: datetime.date | None) -> None:
        self.exit_dates()
        for move in moves:
            if move.recovery:
                record = self.relief(move.contract_id)
                record.recovered += move.amount
                record.recoveries.append(move)
            else:
                self.payment(move)
        reconciled: dict[str, list[Reconciliation]] = defaultdict(list)
        for rec in reconciliations:
            reconciled[rec.id].append(rec)
        for record in self.contracts.values():
            recs = reconciled.get(record.contract_id, [])
            if recs:
                record.reconciliation = max(recs, key=lambda r: r.date)
            self.reconciliation(record, recs, last)

    def reconciliation(self, record: ContractRelief, recs: list[Reconciliation],
                       last: datetime.date | None) -> None:
        """Relief paid is reconciled on time, and any excess recovered."""
        contract = record.contract
        if contract is None or record.paid <= 0:
            return
        due = contract.reconcile_by
        if due is not None and last is not None and due <= last \
                and not any(r.date <= due for r in recs):
            self.find(contract.meta, f"Contract {contract.id}: relief of "
                      f"{gbp(record.paid)} was paid but not reconciled against actual "
                      f"cost by {due}", "relief.unreconciled",
                      contract.id)
        rec = record.reconciliation
        if rec is not None and record.owed > 0:
            self.find(rec.meta, f"Contract {contract.id}: relief paid {gbp(record.paid)} "
                      f"less actual cost {gbp(rec.actual_cost)} and {gbp(record.recovered)} "
                      f"recovered leaves {gbp(record.owed)} owed by the supplier",
                      "relief.excess-owed", contract.id)


def analyse(entries: list[data.Directive], context: RuleContext) -> ReliefAnalysis:
    """Relief paid, reconciled and recovered per contract, and the rules
    broken on the way."""
    moves, last = _read(context.transactions(entries))
    checker = _Checker(context)
    checker.run(moves, context.config.reconciliations, last)
    return ReliefAnalysis(checker.contracts, checker.findings)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Supplier relief payments keep to PPN 02/20 and 04/20."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
